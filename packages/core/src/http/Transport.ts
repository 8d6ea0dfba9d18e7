/**
 * The shared transport policy every adapter sends its requests through.
 *
 * - Retries only what is safe: reads and idempotent writes on 408, 429, 5xx and transport
 *   errors; a non-idempotent request only when it certainly never reached the server
 *   (connection refused) or the server said it did not process it (408, 429). Anything
 *   ambiguous on a non-idempotent request ends as `OutcomeUnknown`, never a second attempt.
 * - Full-jitter exponential backoff, `Retry-After` honoured up to a cap (a longer one fails at
 *   once, carrying it), a bounded number of attempts, a per-attempt timeout and a per-call
 *   deadline (no wait is started that would outlast it), all on Effect's `Clock` and `Random`
 *   (so `TestClock` drives them).
 * - Redirects are never followed: a 3xx is an `UnexpectedResponse`, so credentials never reach
 *   another host.
 * - Bodies are read with a bound (see `Body`): a 2xx answer larger than `maxResponseBytes` (a
 *   `Content-Length` above it, or more bytes than that as they stream in) is an
 *   `UnexpectedResponse` naming the limit, never retried, and reading stops there; of any other
 *   answer only the first 64 KiB are read, since its status decides. A JSON body nested deeper
 *   than 64 levels is not parsed (a 2xx one is an `UnexpectedResponse` naming the limit).
 * - A header value that cannot be sent (a CR, LF, NUL or other control character, a character
 *   outside Latin-1) fails the call before anything is sent: `Unauthorized` for a credential
 *   header, `InvalidInput` for any other, naming the header and never showing its value.
 * - One 401 may refresh the credentials (re-sign a JWT) and retry once.
 * - Every call runs in the span `wa-admin.<provider>.<operation>` (the port's, when it opened
 *   it; a new client span otherwise), with one event per failed attempt. The `HttpClient`'s own
 *   span, which would record the raw URL, is switched off.
 * - Secrets never leave: span attributes and logs carry the method, the redacted URL and the
 *   status, never headers, bodies or secret query parameters; every text of every error
 *   (reasons, provider problems, body excerpts, an adapter's own `classify` output) is scrubbed
 *   of the configured secrets and of the secrets the request carried (secret headers, query
 *   parameters and JSON body fields).
 *
 * @since 0.1.0
 */
import { FetchHttpClient, Headers, HttpClient, HttpClientError, HttpClientRequest } from "@effect/platform"
import {
  Clock,
  Context,
  Duration,
  Effect,
  Either,
  FiberRef,
  LogLevel,
  Option,
  ParseResult,
  Random,
  Schema,
  Tracer
} from "effect"
import type { Redacted } from "effect"
import {
  type AdminError,
  AdminError as AdminErrorSchema,
  FieldIssue,
  Forbidden,
  InvalidInput,
  NotFound,
  OutcomeUnknown,
  ProviderProblem,
  ProviderUnavailable,
  RateLimited,
  Unauthorized,
  UnexpectedResponse
} from "../AdminError.js"
import * as Body from "./Body.js"
import * as HeaderValue from "./HeaderValue.js"
import * as Problem from "./Problem.js"
import {
  excerpt,
  isSensitiveHeader,
  redactedHeaderNames,
  redactRequestUrl,
  redactUrl,
  requestUrl,
  type Scrubber,
  scrubber,
  secretsOf
} from "./Redaction.js"

/**
 * The knobs of the policy. Defaults: 4 attempts, backoff from 250 ms capped at 8 s with full
 * jitter, `Retry-After` honoured up to 60 s, 15 s per attempt, 60 s per call, answers of at most
 * 4 MiB (`Body.defaultMaxResponseBytes`, where the choice is explained).
 *
 * @since 0.1.0
 * @category models
 */
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

/**
 * @since 0.1.0
 * @category constants
 */
export const defaultPolicy: Policy = {
  maxAttempts: 4,
  baseDelay: "250 millis",
  maxDelay: "8 seconds",
  retryAfterCap: "60 seconds",
  attemptTimeout: "15 seconds",
  deadline: "60 seconds",
  jitter: "full",
  maxResponseBytes: Body.defaultMaxResponseBytes
}

/**
 * The policy in force; override it for a scope with `Effect.provideService` or
 * {@link withPolicy}.
 *
 * @since 0.1.0
 * @category references
 */
export class TransportPolicy extends Context.Reference<TransportPolicy>()("@wa-admin/core/TransportPolicy", {
  defaultValue: (): Policy => defaultPolicy
}) {}

/**
 * Runs an effect with some policy knobs changed.
 *
 * @since 0.1.0
 * @category combinators
 */
export const withPolicy =
  (patch: Partial<Policy>) =>
  <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.flatMap(TransportPolicy, (policy) => Effect.provideService(self, TransportPolicy, { ...policy, ...patch }))

/**
 * A response that got through the policy: a 2xx with its body read and, when it is JSON,
 * parsed.
 *
 * @since 0.1.0
 * @category models
 */
export interface Response {
  readonly status: number
  readonly headers: Headers.Headers
  /** The whole body: never more than the call's `maxResponseBytes`. */
  readonly text: string
  /** The parsed JSON body; `undefined` for an empty body. */
  readonly body: unknown
  readonly attempts: number
}

/**
 * A non-2xx answer, for the adapter to turn into its error.
 *
 * @since 0.1.0
 * @category models
 */
export interface Failure {
  readonly operation: string
  readonly status: number
  /** The parsed JSON body; `undefined` when it is empty, not JSON, nested too deep or cut. */
  readonly body: unknown
  /** The body's text: its first 64 KiB at most (`Body.errorBodyBytes`), already scrubbed when it was cut. */
  readonly text: string
  readonly problem: Option.Option<ProviderProblem>
  readonly attempts: number
}

/**
 * One request: the operation it serves (for errors and spans) and whether repeating it is
 * harmless.
 *
 * @since 0.1.0
 * @category models
 */
export interface Call {
  readonly operation: string
  readonly request: HttpClientRequest.HttpClientRequest
  readonly idempotent: boolean
  /** The largest body this call reads, instead of the policy's `maxResponseBytes` (a page of a listing may need more). */
  readonly maxResponseBytes?: number
}

/**
 * What an adapter tells the transport about its provider.
 *
 * @since 0.1.0
 * @category models
 */
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
  /** Maps a non-2xx answer (other than retried ones) onto the error union; defaults to {@link defaultFailure}. */
  readonly classify?: (failure: Failure) => AdminError
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Transport {
  readonly provider: string
  /** Sends a request under the policy; a 2xx answers, anything else fails with an `AdminError`. */
  readonly execute: (call: Call) => Effect.Effect<Response, AdminError>
  /** Decodes a response body with a wire schema; a mismatch is an `UnexpectedResponse`. */
  readonly decode: <A, I>(
    operation: string,
    schema: Schema.Schema<A, I, never>
  ) => (response: Response) => Effect.Effect<A, UnexpectedResponse>
  /** Scrubs the provider's secrets from a text. */
  readonly scrub: Scrubber
}

type Verdict =
  | { readonly _tag: "Retry"; readonly error: AdminError; readonly retryAfter?: Duration.Duration }
  | { readonly _tag: "Stop"; readonly error: AdminError }

/** The secret header names, in the form `Headers.currentRedactedNames` takes. */
const redactedNames: Array<string | RegExp> = [...redactedHeaderNames]

const stop = (error: AdminError): Verdict => ({ _tag: "Stop", error })
const retry = (error: AdminError, retryAfter?: Duration.Duration): Verdict =>
  retryAfter === undefined ? { _tag: "Retry", error } : { _tag: "Retry", error, retryAfter }

const errorCodes = (error: unknown): ReadonlyArray<string> => {
  const codes: Array<string> = []
  let current: unknown = error
  for (let depth = 0; depth < 6 && current !== null && typeof current === "object"; depth++) {
    const code = (current as { readonly code?: unknown }).code
    if (typeof code === "string") codes.push(code)
    const errors = (current as { readonly errors?: unknown }).errors
    if (Array.isArray(errors)) for (const inner of errors) codes.push(...errorCodes(inner))
    current = (current as { readonly cause?: unknown }).cause
  }
  return codes
}

/** Errors that prove the request never left this machine. */
const neverSentCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EADDRNOTAVAIL",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT"
])

const monthNames = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
/** The three HTTP-date forms of RFC 9110 §5.6.7: IMF-fixdate, RFC 850 and asctime. */
const httpDate = new RegExp(
  [
    `^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} ${monthNames} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT$`,
    `^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \\d{2}-${monthNames}-\\d{2} \\d{2}:\\d{2}:\\d{2} GMT$`,
    `^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${monthNames} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\d{4}$`
  ].join("|")
)

/**
 * Parses `Retry-After`: delay-seconds or an HTTP date (a date in the past means "now").
 * Missing or anything else → `undefined`.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseRetryAfter = (value: string | undefined, nowMillis: number): Duration.Duration | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) {
    const seconds = Number(trimmed)
    return Number.isFinite(seconds) ? Duration.seconds(seconds) : undefined
  }
  if (!httpDate.test(trimmed)) return undefined
  const date = Date.parse(/GMT$/.test(trimmed) ? trimmed : `${trimmed} GMT`)
  if (Number.isNaN(date)) return undefined
  return Duration.millis(Math.max(0, date - nowMillis))
}

/**
 * The default mapping of a non-2xx answer: 401 → `Unauthorized`, 403 → `Forbidden`,
 * 404 → `NotFound`, anything else → `UnexpectedResponse`, each with the provider's problem.
 *
 * @since 0.1.0
 * @category errors
 */
export const defaultFailure = (provider: string, failure: Failure, scrub: (text: string) => string): AdminError => {
  const problem = Option.getOrUndefined(failure.problem)
  const origin = { provider, operation: failure.operation, ...(problem === undefined ? {} : { problem }) }
  const reason = scrub(problem?.detail ?? problem?.title ?? `HTTP ${failure.status}`)
  switch (failure.status) {
    case 401:
      return new Unauthorized({ ...origin, reason })
    case 403:
      return new Forbidden({ ...origin, reason })
    case 404:
      return new NotFound({ ...origin, resource: "resource" })
    default:
      return new UnexpectedResponse({
        ...origin,
        status: failure.status,
        reason,
        body: excerpt(failure.text, scrub)
      })
  }
}

const encodeError = Schema.encodeEither(AdminErrorSchema)
const decodeError = Schema.decodeUnknownEither(AdminErrorSchema)

/**
 * The longest text an error carries: a provider's problem or an adapter's reason may quote a
 * body, and an error is meant to be read. Cut after scrubbing, so no secret is cut in half.
 */
const maxErrorText = 2000

/** How deep an encoded error may go (the union's deepest field, a problem's invalid parameter, is at 4). */
const maxErrorDepth = 8

const scrubDeep = (value: unknown, scrub: Scrubber, depth = 0): unknown => {
  if (typeof value === "string") {
    // Only the beginning is scrubbed (with room for what masking shortens): an adapter may
    // have copied a whole body into its error.
    const long = value.length > 4 * maxErrorText
    const scrubbed = long ? scrub.prefix(value.slice(0, 4 * maxErrorText)) : scrub(value)
    return long || scrubbed.length > maxErrorText ? `${scrubbed.slice(0, maxErrorText)}… (cut)` : scrubbed
  }
  if (value === null || typeof value !== "object") return value
  if (depth >= maxErrorDepth) return undefined
  if (Array.isArray(value)) return value.map((inner) => scrubDeep(inner, scrub, depth + 1))
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, scrubDeep(inner, scrub, depth + 1)]))
}

/** The same error with every secret scrubbed from every text it carries (reasons, problems, excerpts). */
const sanitize = (error: AdminError, scrub: Scrubber): AdminError =>
  encodeError(error).pipe(
    Either.flatMap((encoded) => decodeError(scrubDeep(encoded, scrub))),
    Either.getOrElse(() => error)
  )

/** An error's message without its `provider.operation: ` prefix, to quote it inside another. */
const lastReason = (error: AdminError): string => {
  const prefix = `${error.provider}.${error.operation}: `
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message
}

/** The delay before retry number `retryNumber` (1-based): exponential, capped, optionally fully jittered. */
const backoff = (policy: Policy, retryNumber: number): Effect.Effect<Duration.Duration> => {
  const base = Duration.toMillis(Duration.decode(policy.baseDelay))
  const cap = Duration.toMillis(Duration.decode(policy.maxDelay))
  const ceiling = Math.min(cap, base * 2 ** (retryNumber - 1))
  return policy.jitter === "full"
    ? Effect.map(Random.next, (fraction) => Duration.millis(Math.floor(fraction * ceiling)))
    : Effect.succeed(Duration.millis(ceiling))
}

/**
 * Why a value cannot travel as an HTTP header value, or `undefined` when it can: it contains a
 * CR, LF, NUL or other control character, or a character outside Latin-1. The answer never
 * quotes the value. Adapters check their configured credentials with it; the transport checks
 * every header of every request with it before sending.
 *
 * @example
 * import { Transport } from "@wa-admin/core"
 *
 * Transport.headerValueProblem("key-123\r") // "contains a carriage return (CR)"
 *
 * @since 0.1.0
 * @category validation
 */
export const headerValueProblem: (value: string) => string | undefined = HeaderValue.problem

/**
 * The error for a request carrying a header that cannot be sent, or `undefined`: a credential
 * header is `Unauthorized` (the configured credentials are malformed), any other `InvalidInput`.
 * Neither shows the value.
 */
const unsendableHeader = (
  provider: string,
  operation: string,
  request: HttpClientRequest.HttpClientRequest
): AdminError | undefined => {
  for (const name in request.headers) {
    const nameTrouble = HeaderValue.nameProblem(name)
    const valueTrouble = HeaderValue.problem(request.headers[name] ?? "")
    if (nameTrouble === undefined && valueTrouble === undefined) continue
    const shownName = nameTrouble === undefined ? name : JSON.stringify(name)
    const trouble = nameTrouble === undefined ? `its value ${valueTrouble}` : `the name ${nameTrouble}`
    const origin = { provider, operation }
    return isSensitiveHeader(name)
      ? new Unauthorized({
          ...origin,
          reason: `the credentials in the ${shownName} header cannot be sent, ${trouble}; check the configuration (nothing was sent)`
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
 * Builds a transport over the `HttpClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<Transport, never, HttpClient.HttpClient> =>
  Effect.gen(function* () {
    const client = (yield* HttpClient.HttpClient).pipe(HttpClient.withTracerDisabledWhen(() => true))
    const provider = options.provider
    const staticSecrets = options.secrets ?? []
    const scrub = scrubber(staticSecrets)
    /** The scrubber of the call each response answered, so `decode` masks that call's secrets too. */
    const scrubbers = new WeakMap<Response, Scrubber>()
    /**
     * Scrubbers by the secrets a request carries. Building one encodes every secret several ways,
     * and a token is reused for many calls (a JWT for its lifetime), so the last few are kept.
     */
    const requestScrubbers = new Map<string, Scrubber>()
    const scrubberFor = (request: HttpClientRequest.HttpClientRequest): Scrubber => {
      const secrets = secretsOf(request)
      if (secrets.length === 0) return scrub
      const key = secrets.join("\n")
      const known = requestScrubbers.get(key)
      if (known !== undefined) return known
      const made = scrubber([...staticSecrets, ...secrets])
      if (requestScrubbers.size >= 8) requestScrubbers.clear()
      requestScrubbers.set(key, made)
      return made
    }
    /**
     * What a request needs redacted — its scrubber and its URL for spans and logs — by what
     * decides them: the URL, its parameters and the secret headers. Kept for requests without a
     * body (a body may carry secrets of its own), so that a read repeated with the same
     * credentials parses and encodes nothing again.
     */
    const redactions = new Map<string, { readonly scrub: Scrubber; readonly url: string }>()
    const redactionOf = (request: HttpClientRequest.HttpClientRequest) => {
      const make = () => {
        const scrubRequest = scrubberFor(request)
        // By name, then by value: a secret can also travel in an ordinary parameter (a cursor).
        return { scrub: scrubRequest, url: scrubRequest(redactRequestUrl(request)) }
      }
      if (request.body._tag !== "Empty") return make()
      let key = `${request.url}\n${request.hash._tag === "Some" ? request.hash.value : ""}`
      for (const [name, value] of request.urlParams) key += `\n${name}=${value}`
      for (const name in request.headers) if (isSensitiveHeader(name)) key += `\n${name}:${request.headers[name]}`
      const known = redactions.get(key)
      if (known !== undefined) return known
      const made = make()
      if (redactions.size >= 256) redactions.clear()
      redactions.set(key, made)
      return made
    }
    /** Whether debug logs would be written, so their annotations are only built when they are. */
    const debugEnabled = Effect.map(FiberRef.get(FiberRef.currentMinimumLogLevel), (level) =>
      LogLevel.greaterThanEqual(LogLevel.Debug, level)
    )

    /** What one call has been through so far, for the deadline to report honestly. */
    interface CallState {
      attempts: number
      inFlight: boolean
      lastError: AdminError | undefined
      scrub: Scrubber
      /** Whether the provider answered 401 (only that may refresh the credentials). */
      refused: boolean
    }

    /** The answer when the call deadline passes: what the call went through so far, told honestly. */
    const deadlinePassed = (call: Call, state: CallState): Verdict => {
      const origin = { provider, operation: call.operation }
      if (state.inFlight && !call.idempotent) {
        return stop(new OutcomeUnknown({ ...origin, reason: "the call deadline passed while the request was in flight" }))
      }
      return stop(
        new ProviderUnavailable({
          ...origin,
          attempts: state.attempts,
          reason:
            state.lastError === undefined
              ? "the call deadline passed"
              : `the call deadline passed (last attempt: ${lastReason(state.lastError)})`
        })
      )
    }

    const ambiguousOf =
      (call: Call, attemptNumber: number) =>
      (reason: string, status?: number, problem?: ProviderProblem): Verdict => {
        const origin = { provider, operation: call.operation }
        const extra = { ...(status === undefined ? {} : { status }), ...(problem === undefined ? {} : { problem }) }
        return call.idempotent
          ? retry(new ProviderUnavailable({ ...origin, ...extra, attempts: attemptNumber, reason }))
          : stop(new OutcomeUnknown({ ...origin, ...extra, reason }))
      }

    /**
     * One attempt. Its exchange is bounded by the attempt timeout or by what is left of the call
     * deadline, whichever comes first: one timer per attempt, rather than one per attempt plus one
     * per call (each timer races the exchange in a fiber of its own, the costliest step of a call).
     */
    const attempt = (call: Call, state: CallState, policy: Policy, deadlineAt: number): Effect.Effect<Response, Verdict> => {
      const attemptNumber = ++state.attempts
      let headersArrived = false
      const origin = { provider, operation: call.operation }
      const ambiguous = ambiguousOf(call, attemptNumber)
      const maxBytes = call.maxResponseBytes ?? policy.maxResponseBytes

      const send = (request: HttpClientRequest.HttpClientRequest, limit: { readonly millis: number; readonly deadline: boolean }) =>
        Effect.gen(function* () {
          const exchange = Effect.gen(function* () {
            const response = yield* client.execute(request)
            headersArrived = true
            const successful = response.status >= 200 && response.status < 300
            const read = yield* Body.read(response, successful ? maxBytes : Math.min(maxBytes, Body.errorBodyBytes))
            return { response, read }
          })
          const requestInit = Option.getOrElse(yield* Effect.serviceOption(FetchHttpClient.RequestInit), () => ({}))
          return yield* exchange.pipe(
            Effect.timeoutFail({
              duration: Duration.millis(limit.millis),
              onTimeout: () =>
                limit.deadline
                  ? deadlinePassed(call, state)
                  : headersArrived
                    ? ambiguous("the response body stalled past the attempt timeout")
                    : ambiguous("no response within the attempt timeout")
            }),
            Effect.catchIf(HttpClientError.isHttpClientError, (error): Effect.Effect<never, Verdict> => {
              if (error._tag === "RequestError") {
                if (error.reason !== "Transport") {
                  return Effect.fail(
                    stop(new UnexpectedResponse({ ...origin, reason: `the request could not be built (${error.reason})` }))
                  )
                }
                const codes = errorCodes(error.cause)
                const neverSent = codes.some((code) => neverSentCodes.has(code))
                const reason = `transport error${codes.length > 0 ? ` (${codes[0]})` : ""}`
                return Effect.fail(
                  neverSent
                    ? retry(
                        new ProviderUnavailable({
                          ...origin,
                          attempts: attemptNumber,
                          reason: `${reason}: the request was not sent`
                        })
                      )
                    : ambiguous(`${reason}: the connection failed after the request may have been sent`)
                )
              }
              return Effect.fail(
                headersArrived
                  ? ambiguous("the response body was cut off", error.response.status)
                  : ambiguous("the response could not be read")
              )
            }),
            Effect.provideService(FetchHttpClient.RequestInit, { ...requestInit, redirect: "manual" })
          )
        })

      return Effect.gen(function* () {
        const request =
          options.authenticate === undefined ? call.request : yield* Effect.mapError(options.authenticate(call.request), stop)
        const unsendable = unsendableHeader(provider, call.operation, request)
        if (unsendable !== undefined) {
          // Nothing was sent: this was no attempt.
          state.attempts = attemptNumber - 1
          return yield* Effect.fail(stop(unsendable))
        }
        const redaction = redactionOf(request)
        state.scrub = redaction.scrub
        const url = redaction.url
        const startedAt = yield* Clock.currentTimeMillis
        const remaining = deadlineAt - startedAt
        if (remaining <= 0) {
          // Nothing was sent: this was no attempt.
          state.attempts = attemptNumber - 1
          return yield* Effect.fail(deadlinePassed(call, state))
        }
        const attemptMillis = Duration.toMillis(Duration.decode(policy.attemptTimeout))
        state.inFlight = true
        const sent = yield* Effect.either(
          send(request, { millis: Math.min(remaining, attemptMillis), deadline: remaining <= attemptMillis })
        )
        state.inFlight = false
        if (Either.isLeft(sent)) return yield* Effect.fail(sent.left)
        const { read, response } = sent.right
        const status = response.status
        yield* Effect.annotateCurrentSpan({
          "http.request.method": request.method,
          "url.full": url,
          "http.response.status_code": status,
          "wa-admin.attempts": attemptNumber
        })
        if (yield* debugEnabled) {
          yield* Effect.logDebug("wa-admin http").pipe(
            Effect.annotateLogs({
              provider,
              operation: call.operation,
              method: request.method,
              url,
              status,
              attempt: attemptNumber
            })
          )
        }
        // A cut body may end inside a secret: whatever is made of it starts from the scrubbed text.
        const text = read.complete ? read.text : state.scrub.prefix(read.text)
        const parsed = read.complete ? Body.parseJson(text) : Either.left("cut" as const)
        if (status >= 200 && status < 300) {
          if (Either.isLeft(parsed)) {
            const limitText = `the ${Body.formatBytes(maxBytes)} response limit (maxResponseBytes)`
            const reason =
              parsed.left === "cut"
                ? read.declaredBytes !== undefined && read.declaredBytes > maxBytes
                  ? `the answer declares ${read.declaredBytes} bytes (Content-Length), more than ${limitText}; it was not read`
                  : `the answer is larger than ${limitText}; reading stopped there`
                : parsed.left === "too-deep"
                  ? `the body nests deeper than ${Body.maxJsonDepth} levels, the limit for JSON answers`
                  : "the body is not JSON"
            return yield* Effect.fail(
              stop(
                new UnexpectedResponse({
                  ...origin,
                  status,
                  reason,
                  ...(text.length === 0 ? {} : { body: excerpt(text, state.scrub) })
                })
              )
            )
          }
          const answer: Response = { status, headers: response.headers, text, body: parsed.right, attempts: attemptNumber }
          scrubbers.set(answer, state.scrub)
          return answer
        }
        const body = Either.getOrUndefined(parsed)
        const problem = Option.getOrUndefined(Problem.fromBody(status, body))
        const problemField = problem === undefined ? {} : { problem }
        if (status >= 300 && status < 400) {
          const location = response.headers["location"]
          const base = requestUrl(request)
          const target =
            location === undefined || base === undefined || !URL.canParse(location, base) ? undefined : new URL(location, base)
          return yield* Effect.fail(
            stop(
              new UnexpectedResponse({
                ...origin,
                status,
                reason: `redirect${target === undefined ? "" : ` to ${redactUrl(target)}`} not followed ` +
                  "(credentials are never sent on)"
              })
            )
          )
        }
        if (status === 401) state.refused = true
        const now = yield* Clock.currentTimeMillis
        const retryAfter = parseRetryAfter(response.headers["retry-after"], now)
        const retryAfterField = retryAfter === undefined ? {} : { retryAfter }
        const beyondCap = retryAfter !== undefined && Duration.greaterThan(retryAfter, Duration.decode(policy.retryAfterCap))
        if (status === 429 || status === 408) {
          const error =
            status === 429
              ? new RateLimited({ ...origin, ...problemField, ...retryAfterField, attempts: attemptNumber })
              : new ProviderUnavailable({
                  ...origin,
                  ...problemField,
                  ...retryAfterField,
                  status,
                  attempts: attemptNumber,
                  reason: "request timeout (408)"
                })
          return yield* Effect.fail(beyondCap ? stop(error) : retry(error, retryAfter))
        }
        if (status === 501) {
          return yield* Effect.fail(
            stop(
              new ProviderUnavailable({
                ...origin,
                ...problemField,
                status,
                attempts: attemptNumber,
                reason: "not implemented by the provider (501)"
              })
            )
          )
        }
        if (status >= 500) {
          if (!call.idempotent) return yield* Effect.fail(ambiguous(`server error (${status})`, status, problem))
          const error = new ProviderUnavailable({
            ...origin,
            ...problemField,
            ...retryAfterField,
            status,
            attempts: attemptNumber,
            reason: `server error (${status})`
          })
          return yield* Effect.fail(beyondCap ? stop(error) : retry(error, retryAfter))
        }
        const failure: Failure = {
          operation: call.operation,
          status,
          body,
          text,
          problem: Option.fromNullable(problem),
          attempts: attemptNumber
        }
        return yield* Effect.fail(
          stop(options.classify === undefined ? defaultFailure(provider, failure, state.scrub) : options.classify(failure))
        )
      })
    }

    const withRetries = (
      call: Call,
      state: CallState,
      policy: Policy,
      deadlineAt: number
    ): Effect.Effect<Response, AdminError> => {
      const loop = (retryNumber: number): Effect.Effect<Response, AdminError> =>
        Effect.catchAll(attempt(call, state, policy, deadlineAt), (verdict) =>
          Effect.gen(function* () {
            state.lastError = verdict.error
            const delay = verdict._tag === "Retry" ? yield* backoff(policy, retryNumber) : Duration.zero
            const wait =
              verdict._tag === "Retry" && verdict.retryAfter !== undefined ? Duration.max(delay, verdict.retryAfter) : delay
            const now = yield* Clock.currentTimeMillis
            const giveUp =
              verdict._tag === "Stop" || state.attempts >= policy.maxAttempts || now + Duration.toMillis(wait) >= deadlineAt
            yield* Effect.currentSpan.pipe(
              Effect.flatMap((span) =>
                Clock.currentTimeNanos.pipe(
                  Effect.map((time) =>
                    span.event("wa-admin.http.attempt_failed", time, {
                      "wa-admin.attempt": state.attempts,
                      "error.type": verdict.error._tag,
                      ...("status" in verdict.error && verdict.error.status !== undefined
                        ? { "http.response.status_code": verdict.error.status }
                        : {}),
                      ...(giveUp ? {} : { "wa-admin.retry_in_ms": Duration.toMillis(wait) })
                    })
                  )
                )
              ),
              Effect.ignore
            )
            if (giveUp) return yield* Effect.fail(verdict.error)
            yield* Effect.logDebug("wa-admin http retry").pipe(
              Effect.annotateLogs({
                provider,
                operation: call.operation,
                attempt: state.attempts,
                error: verdict.error._tag,
                retryInMillis: Duration.toMillis(wait)
              })
            )
            yield* Effect.sleep(wait)
            return yield* loop(retryNumber + 1)
          })
        )
      return loop(1)
    }

    const spanAttributes = (call: Call) => ({
      "wa-admin.provider": provider,
      "wa-admin.operation": call.operation,
      "wa-admin.idempotent": call.idempotent
    })

    /** Runs in the operation's span when the port opened it already, otherwise opens one. */
    const inOperationSpan = <A, E>(call: Call, effect: Effect.Effect<A, E>): Effect.Effect<A, E> => {
      const name = `wa-admin.${provider}.${call.operation}`
      // Looked up as a service: `Effect.currentSpan` fails (building an exception, stack trace
      // and all) on every call made outside a span.
      return Effect.flatMap(Effect.serviceOption(Tracer.ParentSpan), (current) =>
        Option.isSome(current) && current.value._tag === "Span" && current.value.name === name
          ? Effect.zipRight(Effect.annotateCurrentSpan(spanAttributes(call)), effect)
          : Effect.withSpan(effect, name, { kind: "client", attributes: spanAttributes(call), captureStackTrace: false })
      )
    }

    const execute = (call: Call): Effect.Effect<Response, AdminError> =>
      Effect.gen(function* () {
        const policy = yield* TransportPolicy
        const state: CallState = { attempts: 0, inFlight: false, lastError: undefined, scrub, refused: false }
        const deadlineAt = (yield* Clock.currentTimeMillis) + Duration.toMillis(Duration.decode(policy.deadline))
        const once = withRetries(call, state, policy, deadlineAt)
        const refreshing =
          options.refreshCredentials === undefined
            ? once
            : Effect.catchIf(
                once,
                (error) => error._tag === "Unauthorized" && state.refused,
                () => Effect.zipRight(options.refreshCredentials ?? Effect.void, once)
              )
        // The deadline bounds every attempt (see `attempt`) and every wait between them.
        return yield* Effect.mapError(refreshing, (error) => sanitize(error, state.scrub))
      }).pipe(
        (effect) => inOperationSpan(call, effect),
        Effect.locally(Headers.currentRedactedNames, redactedNames)
      )

    const decode: Transport["decode"] = (operation, schema) => {
      const decodeBody = Schema.decodeUnknown(schema, { errors: "all" })
      return (response) =>
        Effect.mapError(decodeBody(response.body), (error) => {
          const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
          const paths = [...new Set(issues.map((issue) => issue.path.join(".") || "(body)"))]
          return new UnexpectedResponse({
            provider,
            operation,
            status: response.status,
            reason: `the body does not match the documented schema at ${paths.slice(0, 5).join(", ")}`,
            body: excerpt(response.text, scrubbers.get(response) ?? scrub)
          })
        })
    }

    return { provider, execute, decode, scrub }
  })

/**
 * The common HTTP-client setup for adapters: a fresh `HttpClientRequest` with JSON accept
 * header, relative to a base URL.
 *
 * @since 0.1.0
 * @category constructors
 */
export const request = (
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  baseUrl: string,
  path: string
): HttpClientRequest.HttpClientRequest =>
  HttpClientRequest.make(method)(`${baseUrl.replace(/\/+$/, "")}${path}`).pipe(HttpClientRequest.acceptJson)
