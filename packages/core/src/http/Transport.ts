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
 * - The provider's own error body is read once for every non-2xx answer, by the adapter's
 *   `readProblem` (RFC 7807, `Problem.fromBody`, by default): the errors the policy decides
 *   itself (`RateLimited`, `ProviderUnavailable`, `OutcomeUnknown`) carry that problem, and the
 *   adapter's `classify` finds the same reading in `Failure.problem`.
 * - Timeouts without racing fibers: on the live clock each attempt's request is tied to a scope
 *   (`HttpClient.withScope`) that a timer closes, aborting it. Every `@effect/platform` client
 *   aborts a request when asked (and `mapRequest`/`tapRequest` transforms keep that); under a
 *   `TestClock` the exchange's fiber is interrupted instead.
 * - Composable: {@link policy} is all of this as a transform of any `HttpClient` (generated or
 *   not), the current call's operation and idempotency read from {@link CurrentCall}; adapters
 *   built with the adapter kit use {@link make}, which shares the same engine.
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
import { HttpClient, HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { Context, Effect, Option, ParseResult, Schema } from "effect"
import type { Duration } from "effect"
import { Forbidden, NotFound, Unauthorized, UnexpectedResponse } from "../AdminError.js"
import type { AdminError, ProviderProblem } from "../AdminError.js"
import * as Body from "./Body.js"
import * as HeaderValue from "./HeaderValue.js"
import * as Engine from "./internal/engine.js"
import * as Verdict from "./internal/verdict.js"
import { defaultNames, excerpt } from "./Redaction.js"
import type { Scrubber, SecretNames } from "./Redaction.js"

/**
 * The knobs of the policy. Defaults: 4 attempts, backoff from 250 ms capped at 8 s with full
 * jitter, `Retry-After` honoured up to 60 s, 15 s per attempt, 60 s per call, answers of at most
 * 4 MiB (`Body.defaultMaxResponseBytes`, where the choice is explained).
 *
 * @since 0.1.0
 * @category models
 */
export type Policy = Engine.Policy

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
export const withPolicy = (patch: Partial<Policy>) => <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.flatMap(TransportPolicy, (policy) => Effect.provideService(self, TransportPolicy, { ...policy, ...patch }))

/**
 * A response that got through the policy: a 2xx with its body read and, when it is JSON,
 * parsed.
 *
 * @since 0.1.0
 * @category models
 */
export type Response = Engine.Response

/**
 * A non-2xx answer, for the adapter to turn into its error.
 *
 * @since 0.1.0
 * @category models
 */
export type Failure = Engine.Failure

/**
 * What an error classification reads of an answer: the operation, the status, the body (parsed
 * and as text) and the call's scrubber — a {@link Failure}, or a 2xx an adapter's `accept` refuses.
 *
 * @since 0.2.0
 * @category models
 */
export interface Answer {
  readonly operation: string
  readonly status: number
  readonly body: unknown
  readonly text: string
  readonly scrub: (text: string) => string
}

/**
 * An {@link Answer} with the provider's problem read from its body by the adapter's `readProblem`
 * (a {@link Failure} is one): what a classification shared by non-2xx answers and by 2xx answers
 * an adapter's `accept` refuses reads, so the body is parsed in one place.
 *
 * @since 0.2.0
 * @category models
 */
export interface ReadAnswer extends Answer {
  readonly problem: Option.Option<ProviderProblem>
}

/**
 * One request: the operation it serves (for errors and spans) and whether repeating it is
 * harmless.
 *
 * @since 0.1.0
 * @category models
 */
export interface Call extends Engine.Call {
  readonly request: HttpClientRequest.HttpClientRequest
}

/**
 * What an adapter tells the transport about its provider.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options extends Omit<Engine.Options, "names" | "classify"> {
  /**
   * Which headers, parameters and fields carry secrets: the generic names by default; an adapter
   * adds its provider's (`Redaction.secretNames`).
   */
  readonly secretNames?: SecretNames
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
  /** Scrubs the provider's configured secrets from a text. */
  readonly scrub: Scrubber
}

/**
 * Parses `Retry-After`: delay-seconds or an HTTP date (a date in the past means "now").
 * Missing or anything else → `undefined`.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseRetryAfter: (value: string | undefined, nowMillis: number) => Duration.Duration | undefined =
  Verdict.parseRetryAfter

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

const engineOptions = (options: Options): Engine.Options => {
  const names = options.secretNames ?? defaultNames
  const classify = options.classify ?? ((failure: Failure) => defaultFailure(options.provider, failure, failure.scrub))
  return {
    provider: options.provider,
    names,
    classify: classify as (failure: Engine.Failure) => AdminError,
    ...(options.authenticate === undefined ? {} : { authenticate: options.authenticate }),
    ...(options.refreshCredentials === undefined ? {} : { refreshCredentials: options.refreshCredentials }),
    ...(options.secrets === undefined ? {} : { secrets: options.secrets }),
    ...(options.readProblem === undefined ? {} : { readProblem: options.readProblem })
  }
}

/**
 * Builds a transport over the `HttpClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<Transport, never, HttpClient.HttpClient> =>
  Effect.map(HttpClient.HttpClient, (client) => {
    const engine = Engine.make(client, engineOptions(options), TransportPolicy)
    const provider = options.provider
    const decode: Transport["decode"] = (operation, schema) => {
      const decodeBody = Schema.decodeUnknownEither(schema, { errors: "all" })
      return (response) => {
        const decoded = decodeBody(response.body)
        if (decoded._tag === "Right") return Effect.succeed(decoded.right)
        const issues = ParseResult.ArrayFormatter.formatErrorSync(decoded.left)
        const paths = [...new Set(issues.map((issue) => issue.path.join(".") || "(body)"))]
        return Effect.fail(
          new UnexpectedResponse({
            provider,
            operation,
            status: response.status,
            reason: `the body does not match the documented schema at ${paths.slice(0, 5).join(", ")}`,
            body: excerpt(response.text, response.scrub, 512, options.secretNames ?? defaultNames)
          })
        )
      }
    }
    return {
      provider,
      execute: engine.run as (call: Call) => Effect.Effect<Response, AdminError>,
      decode,
      scrub: engine.scrub
    }
  })

/**
 * What the {@link policy} transform needs to know about the call a request belongs to. Without
 * one in context, the operation is `http.<method>` and only `GET`, `HEAD`, `PUT`, `DELETE` and
 * `OPTIONS` count as idempotent.
 *
 * @since 0.1.0
 * @category references
 */
export class CurrentCall extends Context.Reference<CurrentCall>()("@wa-admin/core/Transport/CurrentCall", {
  defaultValue: (): Option.Option<{
    readonly operation: string
    readonly idempotent: boolean
    readonly maxResponseBytes?: number
  }> => Option.none()
}) {}

/**
 * Runs an effect whose requests belong to one call: its operation and whether repeating it is
 * harmless, for the {@link policy} transform.
 *
 * @since 0.1.0
 * @category combinators
 */
export const withCall =
  (call: { readonly operation: string; readonly idempotent: boolean; readonly maxResponseBytes?: number }) =>
  <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.provideService(self, CurrentCall, Option.some(call))

const idempotentMethods = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"])

/**
 * The policy as a transform of any `HttpClient` — one generated from an OpenAPI document, say:
 * every request it executes goes through the same engine as the adapters' (retries, timeouts,
 * deadline, size and depth limits, redirects refused, redaction, one refresh on 401), and fails
 * only with an `AdminError`. The response answered has its body read already (at most the
 * call's `maxResponseBytes`).
 *
 * @example
 * import { HttpClient } from "@effect/platform"
 * import { Transport } from "@wa-admin/core"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const client = Transport.policy({ provider: "acme" })(yield* HttpClient.HttpClient)
 *   const response = yield* client.get("https://api.acme.test/v1/numbers/42").pipe(
 *     Transport.withCall({ operation: "numbers.status", idempotent: true })
 *   )
 *   return yield* response.json
 * })
 *
 * @since 0.1.0
 * @category constructors
 */
export const policy = (options: Options) => (client: HttpClient.HttpClient): HttpClient.HttpClient.With<AdminError> => {
  const engine = Engine.make(client, engineOptions(options), TransportPolicy)
  return HttpClient.makeWith<never, never, AdminError, never>(
    (request) =>
      Effect.flatMap(request, (built) =>
        Effect.flatMap(CurrentCall, (current) => {
          const call = Option.getOrElse(current, () => ({
            operation: `http.${built.method.toLowerCase()}`,
            idempotent: idempotentMethods.has(built.method)
          }))
          return Effect.map(engine.run({ ...call, request: built }), (answer) =>
            HttpClientResponse.fromWeb(
              built,
              new Response(answer.text, { status: answer.status, headers: answer.headers })
            ))
        })),
    Effect.succeed
  )
}

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
