/**
 * The shared transport policy every adapter sends its requests through.
 *
 * - Retries only what is safe: reads and idempotent writes on 408, 429, 5xx and transport
 *   errors; a non-idempotent request only when it certainly never reached the server
 *   (connection refused) or the server said it did not process it (408, 429). Anything
 *   ambiguous on a non-idempotent request ends as `OutcomeUnknown`, never a second attempt.
 * - Full-jitter exponential backoff, `Retry-After` honoured up to a cap, a bounded number of
 *   attempts, a per-attempt timeout and a per-call deadline, all on Effect's `Clock` (so
 *   `TestClock` drives them).
 * - Redirects are never followed: a 3xx is an `UnexpectedResponse`, so credentials never reach
 *   another host.
 * - One 401 may refresh the credentials (re-sign a JWT) and retry once.
 * - Secrets never leave: span attributes and logs carry the method, the redacted URL and the
 *   status, never headers, bodies or secret query parameters; error excerpts are scrubbed.
 *
 * @since 0.1.0
 */
import { FetchHttpClient, Headers, HttpClient, HttpClientError, HttpClientRequest } from "@effect/platform"
import { Context, Duration, Effect, Either, Option, ParseResult, Schedule, Schema } from "effect"
import type { Redacted } from "effect"
import {
  type AdminError,
  Forbidden,
  NotFound,
  OutcomeUnknown,
  ProviderProblem,
  ProviderUnavailable,
  RateLimited,
  Unauthorized,
  UnexpectedResponse
} from "../AdminError.js"
import * as Problem from "./Problem.js"
import { excerpt, redactUrl, scrubber, sensitiveHeaders } from "./Redaction.js"

/**
 * The knobs of the policy. Defaults: 4 attempts, backoff from 250 ms capped at 8 s with full
 * jitter, `Retry-After` honoured up to 60 s, 15 s per attempt, 60 s per call.
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
  jitter: "full"
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
  readonly body: unknown
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
  readonly authenticate?: (request: HttpClientRequest.HttpClientRequest) => Effect.Effect<HttpClientRequest.HttpClientRequest, AdminError>
  /** Called once on a 401 before a single retry (e.g. to re-sign a JWT). */
  readonly refreshCredentials?: Effect.Effect<void>
  /** Secret values to scrub from anything we surface. */
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
  readonly scrub: (text: string) => string
}

type Verdict =
  | { readonly _tag: "Retry"; readonly error: AdminError; readonly retryAfter?: Duration.Duration }
  | { readonly _tag: "Stop"; readonly error: AdminError }

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
const neverSentCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EADDRNOTAVAIL", "ENETUNREACH", "EHOSTUNREACH"])

/**
 * Parses `Retry-After`: delay-seconds or an HTTP date. Missing or garbage → `undefined`.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseRetryAfter = (value: string | undefined, nowMillis: number): Duration.Duration | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Duration.seconds(Number(trimmed))
  if (!/[a-z]/i.test(trimmed)) return undefined
  const date = Date.parse(trimmed)
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
  const reason = problem?.detail ?? problem?.title ?? `HTTP ${failure.status}`
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

const parseJson = (text: string): Either.Either<unknown, void> => {
  if (text.trim().length === 0) return Either.right(undefined)
  try {
    return Either.right(JSON.parse(text) as unknown)
  } catch {
    return Either.left(undefined)
  }
}

/** Marks the fetch-based client (if used) not to follow redirects. */
const noRedirects: RequestInit = { redirect: "manual" }

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
    const scrub = scrubber(options.secrets ?? [])
    const classify = options.classify ?? ((failure: Failure) => defaultFailure(provider, failure, scrub))

    const attempt = (call: Call, attemptNumber: number, policy: Policy): Effect.Effect<Response, Verdict> => {
      const origin = { provider, operation: call.operation }
      const ambiguous = (reason: string, status?: number): Verdict =>
        call.idempotent
          ? retry(new ProviderUnavailable({ ...origin, attempts: attemptNumber, reason, ...(status === undefined ? {} : { status }) }))
          : stop(new OutcomeUnknown({ ...origin, reason, ...(status === undefined ? {} : { status }) }))

      const send = Effect.gen(function* () {
        const authenticated =
          options.authenticate === undefined
            ? call.request
            : yield* Effect.mapError(options.authenticate(call.request), stop)
        let headersArrived = false
        const exchange = Effect.gen(function* () {
          const response = yield* client.execute(authenticated)
          headersArrived = true
          const text = yield* response.text
          return { response, text }
        })
        const outcome = yield* exchange.pipe(
          Effect.timeoutFail({
            duration: policy.attemptTimeout,
            onTimeout: () =>
              headersArrived ? ambiguous("the response body stalled past the attempt timeout") : ambiguous("no response within the attempt timeout")
          }),
          Effect.catchIf(HttpClientError.isHttpClientError, (error): Effect.Effect<never, Verdict> => {
            if (error._tag === "RequestError") {
              if (error.reason !== "Transport") {
                return Effect.fail(stop(new UnexpectedResponse({ ...origin, reason: `the request could not be built (${error.reason})` })))
              }
              const codes = errorCodes(error.cause)
              const neverSent = codes.some((code) => neverSentCodes.has(code))
              const reason = `transport error${codes.length > 0 ? ` (${codes[0]})` : ""}`
              return Effect.fail(
                neverSent
                  ? retry(new ProviderUnavailable({ ...origin, attempts: attemptNumber, reason: `${reason}: the request was not sent` }))
                  : ambiguous(`${reason}: the connection failed after the request may have been sent`)
              )
            }
            return Effect.fail(
              headersArrived
                ? ambiguous("the response body was cut off", error.response.status)
                : ambiguous("the response could not be read")
            )
          }),
          Effect.provideService(FetchHttpClient.RequestInit, noRedirects)
        )
        return { ...outcome, authenticated }
      })

      return Effect.gen(function* () {
        const { response, text } = yield* send
        const status = response.status
        yield* Effect.annotateCurrentSpan({
          "http.request.method": call.request.method,
          "url.full": redactUrl(call.request.url),
          "http.response.status_code": status,
          "wa-admin.attempt": attemptNumber
        })
        yield* Effect.logDebug("wa-admin http").pipe(
          Effect.annotateLogs({ method: call.request.method, url: redactUrl(call.request.url), status, attempt: attemptNumber })
        )
        const parsed = parseJson(text)
        if (status >= 200 && status < 300) {
          if (Either.isLeft(parsed)) {
            return yield* Effect.fail(
              stop(new UnexpectedResponse({ ...origin, status, reason: "the body is not JSON", body: excerpt(text, scrub) }))
            )
          }
          return { status, headers: response.headers, text, body: parsed.right, attempts: attemptNumber }
        }
        const body = Either.getOrUndefined(parsed)
        const problem = Problem.fromBody(status, body)
        const problemField = Option.match(problem, { onNone: () => ({}), onSome: (value) => ({ problem: value }) })
        if (status >= 300 && status < 400) {
          const location = response.headers["location"]
          return yield* Effect.fail(
            stop(
              new UnexpectedResponse({
                ...origin,
                status,
                reason: `redirect${location === undefined ? "" : ` to ${redactUrl(new URL(location, call.request.url))}`} not followed (credentials are never sent on)`
              })
            )
          )
        }
        if (status === 429 || status === 408) {
          const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
          const retryAfter = parseRetryAfter(response.headers["retry-after"], now)
          const error =
            status === 429
              ? new RateLimited({ ...origin, ...problemField, attempts: attemptNumber, ...(retryAfter === undefined ? {} : { retryAfter }) })
              : new ProviderUnavailable({ ...origin, ...problemField, status, attempts: attemptNumber, reason: "request timeout (408)" })
          if (retryAfter !== undefined && Duration.greaterThan(retryAfter, Duration.decode(policy.retryAfterCap))) {
            return yield* Effect.fail(stop(error))
          }
          return yield* Effect.fail(retry(error, retryAfter))
        }
        if (status === 501) {
          return yield* Effect.fail(
            stop(new ProviderUnavailable({ ...origin, ...problemField, status, attempts: attemptNumber, reason: "not implemented by the provider (501)" }))
          )
        }
        if (status >= 500) {
          const verdict = ambiguous(`server error (${status})`, status)
          if (verdict._tag === "Retry" && verdict.error._tag === "ProviderUnavailable") {
            const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
            const retryAfter = parseRetryAfter(response.headers["retry-after"], now)
            return yield* Effect.fail(retry(new ProviderUnavailable({ ...verdict.error, ...problemField }), retryAfter))
          }
          return yield* Effect.fail(verdict)
        }
        return yield* Effect.fail(stop(classify({ operation: call.operation, status, body, text, problem, attempts: attemptNumber })))
      })
    }

    const schedule = (policy: Policy) => {
      const base = Schedule.exponential(policy.baseDelay, 2).pipe(Schedule.union(Schedule.spaced(policy.maxDelay)))
      const jittered = policy.jitter === "full" ? Schedule.jitteredWith(base, { min: 0, max: 1 }) : base
      return Schedule.identity<Verdict>().pipe(
        Schedule.intersect(jittered),
        Schedule.intersect(Schedule.recurs(Math.max(0, policy.maxAttempts - 1))),
        Schedule.whileInput((verdict: Verdict) => verdict._tag === "Retry"),
        Schedule.modifyDelay(([[verdict]], delay) =>
          verdict._tag === "Retry" && verdict.retryAfter !== undefined ? Duration.max(delay, verdict.retryAfter) : delay
        )
      )
    }

    const withRetries = (call: Call, policy: Policy): Effect.Effect<Response, AdminError> =>
      Effect.suspend(() => {
        let attempts = 0
        return Effect.suspend(() => attempt(call, ++attempts, policy)).pipe(
          Effect.retry(schedule(policy)),
          Effect.mapError((verdict) => verdict.error)
        )
      })

    const execute = (call: Call): Effect.Effect<Response, AdminError> =>
      Effect.gen(function* () {
        const policy = yield* TransportPolicy
        const once = withRetries(call, policy)
        const refreshing =
          options.refreshCredentials === undefined
            ? once
            : Effect.catchIf(
                once,
                (error) => error._tag === "Unauthorized",
                () => Effect.zipRight(options.refreshCredentials ?? Effect.void, once)
              )
        return yield* refreshing.pipe(
          Effect.timeoutFail({
            duration: policy.deadline,
            onTimeout: (): AdminError =>
              call.idempotent
                ? new ProviderUnavailable({ provider, operation: call.operation, attempts: 0, reason: "the call deadline passed" })
                : new OutcomeUnknown({ provider, operation: call.operation, reason: "the call deadline passed while the request was in flight" })
          })
        )
      }).pipe(Effect.locally(Headers.currentRedactedNames, [...sensitiveHeaders]))

    const decode: Transport["decode"] = (operation, schema) => {
      const decodeBody = Schema.decodeUnknown(schema, { errors: "all" })
      return (response) =>
        Effect.mapError(decodeBody(response.body), (error) => {
          const paths = [...new Set(ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => issue.path.join(".") || "(body)"))]
          return new UnexpectedResponse({
            provider,
            operation,
            status: response.status,
            reason: `the body does not match the documented schema at ${paths.slice(0, 5).join(", ")}`,
            body: excerpt(response.text, scrub)
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
