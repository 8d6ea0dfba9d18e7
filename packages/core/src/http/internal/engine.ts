/**
 * The call engine behind `Transport.make` and `Transport.policy`: one call = attempts under the
 * policy, each bounded in time and in what it reads, with retries, backoff, the call deadline, a
 * single credential refresh on 401, and every error scrubbed of the call's secrets.
 *
 * Written for the hot path: plain `flatMap` chains rather than generators, no forked fiber per
 * attempt on the live clock (see `timeout.ts`), the redaction of a request cached by what decides
 * it, span attributes set at once, and debug annotations built only when debug logs are written.
 *
 * @internal
 */
import { FetchHttpClient, HttpClient, HttpClientError } from "@effect/platform"
import type { Headers, HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { Clock, Context, Duration, Effect, Either, FiberRef, LogLevel, Option, Random } from "effect"
import type { Fiber, Tracer } from "effect"
import type { Redacted } from "effect"
import { FieldIssue, InvalidInput, ProviderUnavailable, Unauthorized, UnexpectedResponse } from "../../AdminError.js"
import type { AdminError, ProviderProblem } from "../../AdminError.js"
import * as Body from "../Body.js"
import * as HeaderValue from "../HeaderValue.js"
import * as Problem from "../Problem.js"
import { excerpt, redactRequestUrl, redactUrl, requestUrl, scrubber, secretsOf } from "../Redaction.js"
import type { Scrubber, SecretNames } from "../Redaction.js"
import { sanitize } from "./sanitize.js"

/** An error with the call's secrets scrubbed from its texts, each text capped. */
export const sanitizeError: <E extends AdminError>(error: E, scrub: Scrubber) => E = sanitize
import { timeoutFail } from "./timeout.js"
import * as Verdict from "./verdict.js"

/** The knobs of the policy (see `Transport.Policy`). */
export interface Policy {
  readonly maxAttempts: number
  readonly baseDelay: Duration.DurationInput
  readonly maxDelay: Duration.DurationInput
  /** A `Retry-After` longer than this is not waited for: the call fails with it instead. */
  readonly retryAfterCap: Duration.DurationInput
  readonly attemptTimeout: Duration.DurationInput
  readonly deadline: Duration.DurationInput
  /** `"full"`: wait a random time up to the backoff; `"none"`: the backoff exactly. */
  readonly jitter: "full" | "none"
  /**
   * The largest 2xx body read, in bytes; a larger one is an `UnexpectedResponse` naming this
   * limit. A `Call` may set its own.
   */
  readonly maxResponseBytes: number
}

/** A 2xx answer with its body read and parsed (see `Transport.Response`). */
export interface Response {
  readonly status: number
  readonly headers: Headers.Headers
  /** The whole body: never more than the call's `maxResponseBytes`. */
  readonly text: string
  /** The parsed JSON body; `undefined` for an empty body. */
  readonly body: unknown
  readonly attempts: number
  /** Scrubs the secrets this call carried (and the configured ones) from a text made of the answer. */
  readonly scrub: Scrubber
}

/** A non-2xx answer for the adapter to classify (see `Transport.Failure`). */
export interface Failure {
  readonly operation: string
  readonly status: number
  /** The parsed JSON body; `undefined` when it is empty, not JSON, nested too deep or cut. */
  readonly body: unknown
  /** The body's text: its first 64 KiB at most (`Body.errorBodyBytes`), already scrubbed when it was cut. */
  readonly text: string
  /**
   * The provider's problem, read from the body by the adapter's `readProblem` (RFC 7807 by
   * default), once: the same reading the policy's own errors carry. Its texts are the provider's,
   * scrubbed with the error that carries them.
   */
  readonly problem: Option.Option<ProviderProblem>
  readonly attempts: number
  /** Scrubs the secrets this call carried (and the configured ones). */
  readonly scrub: Scrubber
}

/** One call (see `Transport.Call`). */
export interface Call {
  readonly operation: string
  /**
   * The request, an effect making it, or a function making either for each attempt (called when
   * the attempt starts: credentials refreshed after a 401 reach the retry without an effect per
   * call when they are at hand).
   */
  readonly request:
    | HttpClientRequest.HttpClientRequest
    | Effect.Effect<HttpClientRequest.HttpClientRequest, AdminError>
    | (() => HttpClientRequest.HttpClientRequest | Effect.Effect<HttpClientRequest.HttpClientRequest, AdminError>)
  readonly idempotent: boolean
  /** The largest body this call reads, instead of the policy's `maxResponseBytes` (a page of a listing may need more). */
  readonly maxResponseBytes?: number
}

/** What an adapter tells the engine (see `Transport.Options`). */
export interface Options {
  readonly provider: string
  /** Adds credentials to a request. */
  readonly authenticate?: (
    request: HttpClientRequest.HttpClientRequest
  ) => Effect.Effect<HttpClientRequest.HttpClientRequest, AdminError>
  /** Called once on a 401 before a single retry (e.g. to re-sign a JWT). */
  readonly refreshCredentials?: Effect.Effect<void>
  /**
   * Secret values to scrub from anything we surface (keys, private keys, passwords). Secrets a
   * request carries in its secret headers, query parameters or JSON fields are scrubbed anyway.
   */
  readonly secrets?: ReadonlyArray<string | Redacted.Redacted<string>>
  readonly names: SecretNames
  readonly classify: (failure: Failure) => AdminError
  /**
   * Reads the provider's problem from the parsed body of a non-2xx answer (`undefined` when it is
   * not JSON), for every such answer: the errors the policy decides itself (`RateLimited`,
   * `ProviderUnavailable`, `OutcomeUnknown`) carry it, and `classify` is given it as
   * `Failure.problem`. Its texts are scrubbed and capped with the rest of the error. Defaults to
   * RFC 7807 (`Problem.fromBody`).
   */
  readonly readProblem?: (status: number, body: unknown) => Option.Option<ProviderProblem>
}

/** What one call has been through so far, for the deadline to report honestly. */
interface CallState {
  attempts: number
  inFlight: boolean
  lastError: AdminError | undefined
  scrub: Scrubber
  /** Whether the provider answered 401 (only that may refresh the credentials). */
  refused: boolean
}

/** An error's message without its `provider.operation: ` prefix, to quote it inside another. */
const lastReason = (error: AdminError): string => {
  const prefix = `${error.provider}.${error.operation}: `
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message
}

/** A policy's durations in milliseconds, decoded once per policy (a policy is an immutable value). */
interface Millis {
  readonly baseDelay: number
  readonly maxDelay: number
  readonly retryAfterCap: Duration.Duration
  readonly attemptTimeout: number
  readonly deadline: number
}
const decodedPolicies = new WeakMap<Policy, Millis>()
const millisOf = (policy: Policy): Millis => {
  const known = decodedPolicies.get(policy)
  if (known !== undefined) return known
  const made: Millis = {
    baseDelay: Duration.toMillis(Duration.decode(policy.baseDelay)),
    maxDelay: Duration.toMillis(Duration.decode(policy.maxDelay)),
    retryAfterCap: Duration.decode(policy.retryAfterCap),
    attemptTimeout: Duration.toMillis(Duration.decode(policy.attemptTimeout)),
    deadline: Duration.toMillis(Duration.decode(policy.deadline))
  }
  decodedPolicies.set(policy, made)
  return made
}

/** The delay before retry number `retryNumber` (1-based): exponential, capped, optionally fully jittered. */
const backoff = (policy: Policy, retryNumber: number): Effect.Effect<Duration.Duration> => {
  const { baseDelay: base, maxDelay: cap } = millisOf(policy)
  const ceiling = Math.min(cap, base * 2 ** (retryNumber - 1))
  return policy.jitter === "full"
    ? Effect.map(Random.next, (fraction) => Duration.millis(Math.floor(fraction * ceiling)))
    : Effect.succeed(Duration.millis(ceiling))
}

/** The error for a request carrying a header that cannot be sent, or `undefined`; never shows the value. */
const unsendableHeader = (
  origin: Verdict.Origin,
  request: HttpClientRequest.HttpClientRequest,
  names: SecretNames
): AdminError | undefined => {
  for (const name in request.headers) {
    const nameTrouble = HeaderValue.nameProblem(name)
    const valueTrouble = HeaderValue.problem(request.headers[name] ?? "")
    if (nameTrouble === undefined && valueTrouble === undefined) continue
    const shownName = nameTrouble === undefined ? name : JSON.stringify(name)
    const trouble = nameTrouble === undefined ? `its value ${valueTrouble}` : `the name ${nameTrouble}`
    return names.isHeader(name)
      ? new Unauthorized({
        ...origin,
        reason:
          `the credentials in the ${shownName} header cannot be sent, ${trouble}; check the configuration (nothing was sent)`
      })
      : new InvalidInput({
        ...origin,
        source: "local",
        issues: [new FieldIssue({ field: `header ${shownName}`, rule: `cannot be sent: ${trouble}` })]
      })
  }
  return undefined
}

/**
 * What an attempt adds to its context: fetch-based clients follow redirects unless told not to,
 * and credentials must never reach another host. A small context of its own, merged into the
 * fiber's in one copy with the attempt's scope.
 */
const manualRedirects = (context: Context.Context<never>): Context.Context<never> => {
  const init = Context.getOption(context, FetchHttpClient.RequestInit)
  return Option.isSome(init)
    ? Context.make(FetchHttpClient.RequestInit, { ...init.value, redirect: "manual" })
    : noRedirect
}
const noRedirect = Context.make(FetchHttpClient.RequestInit, { redirect: "manual" })

/** What a call reads once from its fiber: the clock, the policy, its span, whether debug logs are written. */
interface CallEnv {
  readonly clock: Clock.Clock
  readonly policy: Policy
  readonly span: Tracer.Span | undefined
  readonly debug: boolean
}

interface Exchanged {
  readonly response: HttpClientResponse.HttpClientResponse
  /** The response's headers, taken once (a client may build them anew at each look). */
  readonly headers: Headers.Headers
  readonly read: Body.Read
}

/** The engine over a client. */
export interface Engine {
  readonly provider: string
  readonly scrub: Scrubber
  readonly run: (call: Call) => Effect.Effect<Response, AdminError>
}

/** Builds the engine over a client; `policy` reads the knobs in force for each call. */
export const make = <I>(
  httpClient: HttpClient.HttpClient,
  options: Options,
  PolicyReference: Context.Reference<I, Policy>
): Engine => {
  // The client's own span (which would record the raw URL) is switched off by `timeoutFail`.
  const client = HttpClient.withScope(httpClient)
  const provider = options.provider
  const names = options.names
  const readProblem = options.readProblem ?? Problem.fromBody
  const staticSecrets = options.secrets ?? []
  const scrub = scrubber(staticSecrets)

  /**
   * Scrubbers by the secrets a request carries. Building one encodes every secret several ways,
   * and a token is reused for many calls (a JWT for its lifetime), so the last few are kept.
   */
  const requestScrubbers = new Map<string, Scrubber>()
  const scrubberFor = (secrets: ReadonlyArray<string>): Scrubber => {
    if (secrets.length === 0) return scrub
    const key = secrets.length === 1 ? (secrets[0] ?? "") : secrets.join("\n")
    const known = requestScrubbers.get(key)
    if (known !== undefined) return known
    const made = scrubber([...staticSecrets, ...secrets])
    if (requestScrubbers.size >= 8) requestScrubbers.clear()
    requestScrubbers.set(key, made)
    return made
  }

  /**
   * What a request needs redacted — its scrubber and its URL for spans and logs — by what decides
   * them: its secret headers (the same string each call while a token lasts), then its URL and
   * parameters. Kept for requests without a body (a body may carry secrets of its own).
   */
  const redactions = new Map<string, Map<string, { readonly scrub: Scrubber; readonly url: string }>>()
  const redactionOf = (request: HttpClientRequest.HttpClientRequest) => {
    const make = () => {
      const scrubRequest = scrubberFor(secretsOf(request, names))
      // By name, then by value: a secret can also travel in an ordinary parameter (a cursor).
      return { scrub: scrubRequest, url: scrubRequest(redactRequestUrl(request, names)) }
    }
    if (request.body._tag !== "Empty") return make()
    // The secrets decide the scrubber, whatever header carries them. One secret header (the usual
    // case) keys the cache by its value as it is, the same string while a token lasts.
    let credentials: string | undefined
    let more: string | undefined
    for (const name in request.headers) {
      if (!names.isHeader(name)) continue
      const value = request.headers[name] ?? ""
      if (credentials === undefined) credentials = value
      else more = `${more ?? credentials}\n${value}`
    }
    credentials = more ?? credentials ?? ""
    let key = request.hash._tag === "Some" ? `${request.url}#${request.hash.value}` : request.url
    for (let index = 0; index < request.urlParams.length; index++) {
      const [name, value] = request.urlParams[index] ?? ["", ""]
      key += `\n${name}=${value}`
    }
    let byUrl = redactions.get(credentials)
    if (byUrl === undefined) {
      if (redactions.size >= 8) redactions.clear()
      byUrl = new Map()
      redactions.set(credentials, byUrl)
    }
    const known = byUrl.get(key)
    if (known !== undefined) return known
    const made = make()
    if (byUrl.size >= 256) byUrl.clear()
    byUrl.set(key, made)
    return made
  }

  const deadlinePassed = (origin: Verdict.Origin, call: Call, state: CallState): Verdict.Verdict => {
    if (state.inFlight && !call.idempotent) {
      return Verdict.ambiguous(
        origin,
        false,
        state.attempts,
        "the call deadline passed while the request was in flight"
      )
    }
    return Verdict.stop(
      new ProviderUnavailable({
        ...origin,
        attempts: state.attempts,
        reason: state.lastError === undefined
          ? "the call deadline passed"
          : `the call deadline passed (last attempt: ${lastReason(state.lastError)})`
      })
    )
  }

  /** Sends the request and reads its body within `maxBytes`, bounded in time. */
  const exchange = (
    env: CallEnv,
    request: HttpClientRequest.HttpClientRequest,
    origin: Verdict.Origin,
    call: Call,
    state: CallState,
    attemptNumber: number,
    limit: { readonly millis: number; readonly deadline: boolean },
    maxBytes: number
  ): Effect.Effect<Exchanged, Verdict.Verdict> => {
    let headersArrived = false
    const sending = Effect.flatMap(client.execute(request), (response) => {
      headersArrived = true
      const successful = response.status >= 200 && response.status < 300
      const headers = response.headers
      return Effect.map(
        Body.read(response, successful ? maxBytes : Math.min(maxBytes, Body.errorBodyBytes), headers),
        (read): Exchanged => ({ response, headers, read })
      )
    })
    const timed = timeoutFail(sending, env.clock, manualRedirects, limit.millis, () =>
      limit.deadline
        ? deadlinePassed(origin, call, state)
        : Verdict.ambiguous(
          origin,
          call.idempotent,
          attemptNumber,
          headersArrived
            ? "the response body stalled past the attempt timeout"
            : "no response within the attempt timeout"
        ))
    return Effect.catchIf(timed, HttpClientError.isHttpClientError, (error): Effect.Effect<never, Verdict.Verdict> => {
      if (error._tag === "RequestError") {
        return Effect.fail(
          error.reason === "Transport"
            ? Verdict.transportError(origin, call.idempotent, attemptNumber, error.cause)
            : Verdict.stop(
              new UnexpectedResponse({ ...origin, reason: `the request could not be built (${error.reason})` })
            )
        )
      }
      return Effect.fail(
        headersArrived
          ? Verdict.ambiguous(
            origin,
            call.idempotent,
            attemptNumber,
            "the response body was cut off",
            error.response.status
          )
          : Verdict.ambiguous(origin, call.idempotent, attemptNumber, "the response could not be read")
      )
    })
  }

  /** What an answer means: a response, or a verdict. */
  const answer = (
    origin: Verdict.Origin,
    call: Call,
    state: CallState,
    env: CallEnv,
    attemptNumber: number,
    request: HttpClientRequest.HttpClientRequest,
    { headers, read, response }: Exchanged,
    maxBytes: number
  ): Effect.Effect<Response, Verdict.Verdict> => {
    const status = response.status
    // A cut body may end inside a secret: whatever is made of it starts from the scrubbed text.
    const text = read.complete ? read.text : state.scrub.prefix(read.text)
    const parsed = read.complete ? Body.parseJson(text) : Either.left("cut" as const)
    if (status >= 200 && status < 300) {
      if (Either.isRight(parsed)) {
        return Effect.succeed({
          status,
          headers,
          text,
          body: parsed.right,
          attempts: attemptNumber,
          scrub: state.scrub
        })
      }
      const limitText = `the ${Body.formatBytes(maxBytes)} response limit (maxResponseBytes)`
      const reason = parsed.left === "cut"
        ? read.declaredBytes !== undefined && read.declaredBytes > maxBytes
          ? `the answer declares ${read.declaredBytes} bytes (Content-Length), more than ${limitText}; it was not read`
          : `the answer is larger than ${limitText}; reading stopped there`
        : parsed.left === "too-deep"
        ? `the body nests deeper than ${Body.maxJsonDepth} levels, the limit for JSON answers`
        : "the body is not JSON"
      return Effect.fail(
        Verdict.stop(
          new UnexpectedResponse({
            ...origin,
            status,
            reason,
            ...(text.length === 0 ? {} : { body: excerpt(text, state.scrub, 512, names) })
          })
        )
      )
    }
    if (status >= 300 && status < 400) {
      const location = headers["location"]
      const base = requestUrl(request)
      const target =
        location === undefined || location.length > 8192 || base === undefined || !URL.canParse(location, base)
          ? undefined
          : redactUrl(new URL(location, base), names)
      return Effect.fail(Verdict.redirect(origin, status, target === undefined ? undefined : state.scrub(target)))
    }
    const body = Either.getOrUndefined(parsed)
    // Read once, for the policy's own verdict and for `classify` alike; scrubbed in `inSpan`.
    const problem = readProblem(status, body)
    if (status === 401) state.refused = true
    const retryAfter = Verdict.parseRetryAfter(headers["retry-after"], env.clock.unsafeCurrentTimeMillis())
    const decided = Verdict.ofStatus(
      origin,
      call.idempotent,
      attemptNumber,
      status,
      Option.getOrUndefined(problem),
      retryAfter,
      millisOf(env.policy).retryAfterCap
    )
    if (decided !== undefined) return Effect.fail(decided)
    return Effect.fail(
      Verdict.stop(
        options.classify({
          operation: call.operation,
          status,
          body,
          text,
          problem,
          attempts: attemptNumber,
          scrub: state.scrub
        })
      )
    )
  }

  /** The attempt's span attributes, set on the call's span; a debug log line when debug logs are written. */
  const annotate = (
    env: CallEnv,
    origin: Verdict.Origin,
    request: HttpClientRequest.HttpClientRequest,
    url: string,
    status: number,
    attemptNumber: number
  ): Effect.Effect<void> => {
    const span = env.span
    if (span !== undefined) {
      span.attribute("http.request.method", request.method)
      span.attribute("url.full", url)
      span.attribute("http.response.status_code", status)
      span.attribute("wa-admin.attempts", attemptNumber)
    }
    return env.debug
      ? Effect.logDebug("wa-admin http").pipe(
        Effect.annotateLogs({ ...origin, method: request.method, url, status, attempt: attemptNumber })
      )
      : Effect.void
  }

  /** One attempt, bounded by the attempt timeout or by what is left of the call deadline. */
  const attempt = (
    env: CallEnv,
    call: Call,
    state: CallState,
    deadlineAt: number
  ): Effect.Effect<Response, Verdict.Verdict> => {
    const origin = { provider, operation: call.operation }
    const policy = env.policy
    const sendWith = (request: HttpClientRequest.HttpClientRequest): Effect.Effect<Response, Verdict.Verdict> => {
      const unsendable = unsendableHeader(origin, request, names)
      if (unsendable !== undefined) return Effect.fail(Verdict.stop(unsendable))
      const redaction = redactionOf(request)
      state.scrub = redaction.scrub
      const remaining = deadlineAt - env.clock.unsafeCurrentTimeMillis()
      if (remaining <= 0) return Effect.fail(deadlinePassed(origin, call, state))
      const attemptNumber = ++state.attempts
      const attemptMillis = millisOf(policy).attemptTimeout
      const maxBytes = call.maxResponseBytes ?? policy.maxResponseBytes
      state.inFlight = true
      const limit = { millis: Math.min(remaining, attemptMillis), deadline: remaining <= attemptMillis }
      return Effect.matchEffect(exchange(env, request, origin, call, state, attemptNumber, limit, maxBytes), {
        onFailure: (verdict) => {
          state.inFlight = false
          return Effect.fail(verdict)
        },
        onSuccess: (exchanged) => {
          state.inFlight = false
          return Effect.zipRight(
            annotate(env, origin, request, redaction.url, exchanged.response.status, attemptNumber),
            answer(origin, call, state, env, attemptNumber, request, exchanged, maxBytes)
          )
        }
      })
    }
    const given = Effect.isEffect(call.request) || typeof call.request !== "function" ? call.request : call.request()
    const built = Effect.isEffect(given) ? Effect.mapError(given, Verdict.stop) : undefined
    if (options.authenticate === undefined) {
      return built === undefined
        ? sendWith(given as HttpClientRequest.HttpClientRequest)
        : Effect.flatMap(built, sendWith)
    }
    const authenticate = options.authenticate
    const authenticated = (request: HttpClientRequest.HttpClientRequest) =>
      Effect.flatMap(Effect.mapError(authenticate(request), Verdict.stop), sendWith)
    return built === undefined
      ? authenticated(given as HttpClientRequest.HttpClientRequest)
      : Effect.flatMap(built, authenticated)
  }

  const attemptFailed = (
    env: CallEnv,
    state: CallState,
    verdict: Verdict.Verdict,
    giveUp: boolean,
    wait: Duration.Duration
  ) => {
    const span = env.span
    if (span === undefined) return
    span.event("wa-admin.http.attempt_failed", env.clock.unsafeCurrentTimeNanos(), {
      "wa-admin.attempt": state.attempts,
      "error.type": verdict.error._tag,
      ...("status" in verdict.error && verdict.error.status !== undefined
        ? { "http.response.status_code": verdict.error.status }
        : {}),
      ...(giveUp ? {} : { "wa-admin.retry_in_ms": Duration.toMillis(wait) })
    })
  }

  const withRetries = (
    env: CallEnv,
    call: Call,
    state: CallState,
    deadlineAt: number
  ): Effect.Effect<Response, AdminError> => {
    const policy = env.policy
    const loop = (retryNumber: number): Effect.Effect<Response, AdminError> =>
      Effect.catchAll(attempt(env, call, state, deadlineAt), (verdict) => {
        state.lastError = verdict.error
        const delay = verdict._tag === "Retry" ? backoff(policy, retryNumber) : Effect.succeed(Duration.zero)
        return Effect.flatMap(delay, (backoffDelay) => {
          const wait = verdict._tag === "Retry" && verdict.retryAfter !== undefined
            ? Duration.max(backoffDelay, verdict.retryAfter)
            : backoffDelay
          const now = env.clock.unsafeCurrentTimeMillis()
          const giveUp = verdict._tag === "Stop" || state.attempts >= policy.maxAttempts ||
            now + Duration.toMillis(wait) >= deadlineAt
          attemptFailed(env, state, verdict, giveUp, wait)
          if (giveUp) return Effect.fail(verdict.error)
          return Effect.logDebug("wa-admin http retry").pipe(
            Effect.annotateLogs({
              provider,
              operation: call.operation,
              attempt: state.attempts,
              error: verdict.error._tag,
              retryInMillis: Duration.toMillis(wait)
            }),
            Effect.zipRight(Effect.sleep(wait)),
            Effect.zipRight(Effect.suspend(() => loop(retryNumber + 1)))
          )
        })
      })
    return loop(1)
  }

  const refresh = options.refreshCredentials

  /** The call, in the operation's span (already open when the port opened it). */
  const inSpan = (
    call: Call,
    fiber: Fiber.RuntimeFiber<unknown, unknown>,
    span: Tracer.Span
  ): Effect.Effect<Response, AdminError> => {
    span.attribute("wa-admin.provider", provider)
    span.attribute("wa-admin.operation", call.operation)
    span.attribute("wa-admin.idempotent", call.idempotent)
    const env: CallEnv = {
      clock: Context.get(fiber.currentDefaultServices, Clock.Clock),
      policy: Context.get(fiber.currentContext, PolicyReference),
      span,
      debug: LogLevel.greaterThanEqual(LogLevel.Debug, fiber.getFiberRef(FiberRef.currentMinimumLogLevel))
    }
    const state: CallState = { attempts: 0, inFlight: false, lastError: undefined, scrub, refused: false }
    const deadlineAt = env.clock.unsafeCurrentTimeMillis() + millisOf(env.policy).deadline
    const once = withRetries(env, call, state, deadlineAt)
    const refreshing = refresh === undefined
      ? once
      : Effect.catchIf(
        once,
        (error) => error._tag === "Unauthorized" && state.refused,
        () => Effect.zipRight(refresh, Effect.suspend(() => withRetries(env, call, state, deadlineAt)))
      )
    // The deadline bounds every attempt (see `attempt`) and every wait between them.
    return Effect.mapError(refreshing, (error) => sanitize(error, state.scrub))
  }

  const run = (call: Call): Effect.Effect<Response, AdminError> =>
    Effect.withFiberRuntime((fiber) => {
      const name = `wa-admin.${provider}.${call.operation}`
      const current = fiber.currentSpan
      if (current !== undefined && current._tag === "Span" && current.name === name) return inSpan(call, fiber, current)
      return Effect.withSpan(
        Effect.withFiberRuntime((inner) => {
          const span = inner.currentSpan
          return span !== undefined && span._tag === "Span" ? inSpan(call, inner, span) : Effect.dieMessage("no span")
        }),
        name,
        { kind: "client", captureStackTrace: false }
      )
    })

  return { provider, scrub, run }
}
