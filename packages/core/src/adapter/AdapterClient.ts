/**
 * The one client every adapter is built on: a provider's base URL, authentication, error
 * classification and secrets over the shared transport policy, turning {@link Endpoint}s into
 * functions.
 *
 * `call(endpoint)` answers `(input) => Effect<Out, AdminError>` that fills the path template
 * (each id checked and encoded as one segment: a bad id is a local `InvalidInput`, nothing is
 * sent), builds the request once, authenticates it, sends it under the policy (retries,
 * timeouts, deadline, size and depth limits, redaction), decodes the answer with the endpoint's
 * Schema (a mismatch is an `UnexpectedResponse` with a scrubbed excerpt) and names the resource
 * of a 404 from the endpoint's `notFound`.
 *
 * @example
 * import { AdapterClient, Endpoint } from "@wa-admin/core/adapter"
 * import { Effect, Schema } from "effect"
 *
 * const status = Endpoint.get({
 *   operation: "numbers.status",
 *   path: "/numbers/{id}",
 *   params: (input: { readonly id: string }) => input,
 *   response: Schema.Struct({ state: Schema.String })
 * })
 *
 * const program = Effect.gen(function* () {
 *   const client = yield* AdapterClient.make({ provider: "acme", baseUrl: "https://api.acme.test/v1" })
 *   return yield* client.call(status)({ id: "42" })
 * })
 *
 * @since 0.1.0
 */
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { Effect, Either, ParseResult } from "effect"
import type { Redacted } from "effect"
import { NotFound, UnexpectedResponse } from "../AdminError.js"
import type { AdminError } from "../AdminError.js"
import * as Engine from "../http/internal/engine.js"
import * as Path from "../http/Path.js"
import * as Redaction from "../http/Redaction.js"
import * as Transport from "../http/Transport.js"
import { invalidInput, issuesOf } from "../Validation.js"
import type { Body, Endpoint, Method, QueryValue } from "./Endpoint.js"

/**
 * A request before it is built: what `authenticate` may add credentials to.
 *
 * @since 0.1.0
 * @category models
 */
export interface Draft {
  readonly method: Method
  /** The absolute URL, path filled, without query. */
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly query: Readonly<Record<string, string>>
  readonly body: Body | undefined
}

/**
 * What an adapter tells the client about its provider.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options<Auth = undefined> {
  readonly provider: string
  /** The API's base URL; paths are appended to it (a trailing `/` is dropped). */
  readonly baseUrl: string
  /**
   * Adds credentials to a request, by the endpoint's `auth`. Run for each attempt, so that
   * credentials refreshed after a 401 reach the retry; answering a `Draft` directly (rather than
   * an effect) spares an effect per call when the credentials are at hand.
   */
  readonly authenticate?: (
    draft: Draft,
    auth: Auth | undefined,
    operation: string
  ) => Draft | Effect.Effect<Draft, AdminError>
  /** Called once on a 401 before a single retry (e.g. to re-sign a JWT). */
  readonly refreshCredentials?: Effect.Effect<void>
  /** Configured secret values to scrub from everything surfaced (keys, tokens, signatures). */
  readonly secrets?: ReadonlyArray<string | Redacted.Redacted<string>>
  /** The provider's secret header and parameter names, on top of the generic ones. */
  readonly secretNames?: Redaction.SecretNames
  /**
   * What each path placeholder must be, by name, beyond the rules of a segment: the id formats the
   * provider documents (`{ deploymentId: Id.Uuid }`). A value outside its format is a local
   * `InvalidInput` naming the placeholder, and nothing is sent.
   */
  readonly ids?: Path.Formats
  /**
   * Reads the provider's problem from a non-2xx answer's body (RFC 7807 by default): every such
   * answer's, so that the errors the policy decides itself (`RateLimited`, `ProviderUnavailable`,
   * `OutcomeUnknown`) carry the provider's code and message, and `classify` finds the same reading
   * in `Failure.problem`. Texts in it are scrubbed and capped like every error the transport raises.
   */
  readonly readProblem?: Transport.Options["readProblem"]
  /** Maps a non-2xx answer onto the error union (the transport's default otherwise). */
  readonly classify?: (failure: Transport.Failure) => AdminError
  /**
   * Checks a 2xx answer before it is decoded: an envelope that says the call failed (WOZTELL's
   * missing `ok: 1`) answers the error instead. Texts taken from the answer are scrubbed and
   * capped like every error the transport raises.
   */
  readonly accept?: (response: Transport.Response, operation: string) => AdminError | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface AdapterClient<Auth = undefined> {
  readonly provider: string
  readonly baseUrl: string
  /** The endpoint as a function of its input, answering the decoded answer. */
  readonly call: <In, Out>(endpoint: Endpoint<In, Out, Auth>) => (input: In) => Effect.Effect<Out, AdminError>
  /** The endpoint as a function of its input, answering the decoded answer with the response it came from (headers, status). */
  readonly exchange: <In, Out>(
    endpoint: Endpoint<In, Out, Auth>
  ) => (input: In) => Effect.Effect<{ readonly value: Out; readonly response: Transport.Response }, AdminError>
  /** Scrubs the configured secrets from a text. */
  readonly scrub: Redaction.Scrubber
}

const queryOf = (values: Readonly<Record<string, QueryValue>> | undefined): Readonly<Record<string, string>> => {
  if (values === undefined) return {}
  const query: Record<string, string> = {}
  for (const key in values) {
    const value = values[key]
    if (value !== undefined) query[key] = typeof value === "string" ? value : String(value)
  }
  return query
}

/** Why a body could not be encoded: the issues of the `ParseError` its schema threw. */
class Unencodable {
  constructor(readonly issues: ReturnType<typeof issuesOf>) {}
}

/**
 * An endpoint's body for an input. The port validated the input, but a provider's wire may not
 * carry every valid value (a vertical it has no name for): a body schema that cannot encode it
 * is the input's problem, named by its field, and nothing is sent. Any other throw is a defect.
 * Without a body nothing is allocated (the hot path of every read).
 */
const bodyOf = <In, Out, Auth>(endpoint: Endpoint<In, Out, Auth>, input: In): Body | undefined | Unencodable => {
  if (endpoint.body === undefined) return undefined
  try {
    return endpoint.body(input)
  } catch (error) {
    if (ParseResult.isParseError(error)) return new Unencodable(issuesOf(error))
    throw error
  }
}

/** The string fields of an input, to fill a path whose placeholders are named after them. */
const fieldsOf = (input: unknown): Readonly<Record<string, string | undefined>> => {
  if (input === null || typeof input !== "object") return {}
  const fields: Record<string, string | undefined> = {}
  for (const [key, value] of Object.entries(input)) if (typeof value === "string") fields[key] = value
  return fields
}

const build = (
  draft: Draft,
  body: Exclude<Body, { readonly _tag: "FormData" }> | undefined
): HttpClientRequest.HttpClientRequest => {
  const request = HttpClientRequest.make(draft.method)(draft.url, {
    headers: draft.headers,
    urlParams: draft.query,
    acceptJson: true
  })
  if (body === undefined) return request
  return body._tag === "Json"
    ? HttpClientRequest.bodyUnsafeJson(request, body.value)
    : HttpClientRequest.bodyUint8Array(request, body.value, body.contentType)
}

/**
 * A multipart form as bytes with its boundary in the content type, serialised by the platform's
 * own `Response`: sending the `FormData` itself works with the fetch client but not with
 * `NodeHttpClient.layerUndici` (undici 7 does not recognise the global `FormData` of Node 20
 * and 22, and the request breaks off mid-way). Bytes travel through any client.
 */
const multipart = (form: FormData): Effect.Effect<Exclude<Body, { readonly _tag: "FormData" }>> =>
  Effect.promise(async () => {
    const encoded = new Response(form)
    const bytes = new Uint8Array(await encoded.arrayBuffer())
    return { _tag: "Bytes", value: bytes, contentType: encoded.headers.get("content-type") ?? "multipart/form-data" }
  })

/** The request for a draft: at once, or as an effect when the form must be serialised first. */
const requestOf = (
  draft: Draft
): HttpClientRequest.HttpClientRequest | Effect.Effect<HttpClientRequest.HttpClientRequest> => {
  const body = draft.body
  if (body === undefined || body._tag !== "FormData") return build(draft, body)
  return Effect.map(multipart(body.value), (bytes) => build(draft, bytes))
}

const requestEffectOf = (draft: Draft): Effect.Effect<HttpClientRequest.HttpClientRequest> => {
  const request = requestOf(draft)
  return Effect.isEffect(request) ? request : Effect.succeed(request)
}

/**
 * Where an answer breaks its schema and how, five places at most: the paths with the rules broken
 * there (scrubbed of the call's secrets with the rest of the error).
 */
const mismatches = (error: ParseResult.ParseError): string => {
  const byPath = new Map<string, string>()
  for (const issue of ParseResult.ArrayFormatter.formatErrorSync(error)) {
    const path = issue.path.join(".") || "(body)"
    if (!byPath.has(path)) {
      byPath.set(path, issue.message.length > 120 ? `${issue.message.slice(0, 120)}…` : issue.message)
    }
  }
  const shown = [...byPath].slice(0, 5).map(([path, message]) => `${path}: ${message}`)
  return byPath.size > 5 ? `${shown.join("; ")} (and ${byPath.size - 5} more)` : shown.join("; ")
}

/**
 * Builds a client over the `HttpClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <Auth = undefined>(
  options: Options<Auth>
): Effect.Effect<AdapterClient<Auth>, never, HttpClient.HttpClient> =>
  Effect.map(HttpClient.HttpClient, (httpClient) => {
    const provider = options.provider
    const baseUrl = options.baseUrl.replace(/\/+$/, "")
    const names = options.secretNames ?? Redaction.defaultNames
    const classify = options.classify ??
      ((failure: Transport.Failure) => Transport.defaultFailure(provider, failure, failure.scrub))
    const engine = Engine.make(
      httpClient,
      {
        provider,
        names,
        classify: classify as (failure: Engine.Failure) => AdminError,
        ...(options.refreshCredentials === undefined ? {} : { refreshCredentials: options.refreshCredentials }),
        ...(options.secrets === undefined ? {} : { secrets: options.secrets }),
        ...(options.readProblem === undefined ? {} : { readProblem: options.readProblem })
      },
      Transport.TransportPolicy
    )
    const authenticate = options.authenticate
    const accept = options.accept
    const ids = options.ids ?? {}

    const exchange = <In, Out>(
      endpoint: Endpoint<In, Out, Auth>
    ): (input: In) => Effect.Effect<{ readonly value: Out; readonly response: Transport.Response }, AdminError> => {
      const origin = { provider, operation: endpoint.operation }
      const decode = endpoint.decode
      const notFound = endpoint.notFound
      const answer = (response: Transport.Response) => {
        const refused = accept === undefined ? undefined : accept(response, endpoint.operation)
        if (refused !== undefined) return Effect.fail(Engine.sanitizeError(refused, response.scrub))
        if (decode === undefined) return Effect.succeed({ value: undefined as never, response })
        return Either.match(decode(response.body), {
          onRight: (value) => Effect.succeed({ value, response }),
          onLeft: (error) =>
            Effect.fail(
              Engine.sanitizeError(
                new UnexpectedResponse({
                  ...origin,
                  status: response.status,
                  reason: `the body does not match the documented schema: ${mismatches(error)}`,
                  body: Redaction.excerpt(response.text, response.scrub, 512, names)
                }),
                response.scrub
              )
            )
        })
      }
      const renameNotFound = (input: In) => (error: NotFound) => {
        if (notFound === undefined) return Effect.fail(error)
        const id = notFound.id?.(input)
        return Effect.fail(
          new NotFound({
            provider: error.provider,
            operation: error.operation,
            resource: typeof notFound.resource === "string" ? notFound.resource : notFound.resource(input),
            ...(id === undefined ? {} : { id }),
            ...(error.problem === undefined ? {} : { problem: error.problem })
          })
        )
      }
      const fillPath = Path.compile(endpoint.path, ids)
      return (input) => {
        const path = fillPath(endpoint.params === undefined ? fieldsOf(input) : endpoint.params(input))
        if (Either.isLeft(path)) return Effect.fail(invalidInput(origin, path.left))
        const body = bodyOf(endpoint, input)
        if (body instanceof Unencodable) return Effect.fail(invalidInput(origin, body.issues))
        const draft: Draft = {
          method: endpoint.method,
          url: `${baseUrl}${path.right}`,
          headers: {},
          query: queryOf(endpoint.query?.(input)),
          body
        }
        // Authenticated when each attempt starts; without an effect when the credentials are at hand.
        const request = authenticate === undefined
          ? requestOf(draft)
          : () => {
            const authenticated = authenticate(draft, endpoint.auth, endpoint.operation)
            return Effect.isEffect(authenticated)
              ? Effect.flatMap(authenticated, requestEffectOf)
              : requestOf(authenticated)
          }
        const sent = engine.run({
          operation: endpoint.operation,
          request,
          idempotent: endpoint.idempotent,
          ...(endpoint.maxResponseBytes === undefined ? {} : { maxResponseBytes: endpoint.maxResponseBytes })
        })
        const named = notFound === undefined ? sent : Effect.catchTag(sent, "NotFound", renameNotFound(input))
        return Effect.flatMap(named, answer)
      }
    }

    const call: AdapterClient<Auth>["call"] = (endpoint) => {
      const run = exchange(endpoint)
      return (input) => Effect.map(run(input), (exchanged) => exchanged.value)
    }

    return { provider, baseUrl, call, exchange, scrub: engine.scrub }
  })
