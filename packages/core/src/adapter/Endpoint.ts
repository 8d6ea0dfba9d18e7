/**
 * One provider call, as data: what an adapter's table of endpoints is made of.
 *
 * An endpoint names the operation it serves, its method and path template (OpenAPI-style,
 * `/deployments/{deploymentId}/profile`, each `{name}` filled from the input and encoded as one
 * checked segment by {@link Path}), whether repeating it is harmless, how the input becomes query
 * parameters and a body, the Schema that decodes the provider's JSON answer straight into the
 * domain type, and what a 404 means. `AdapterClient.call` turns it into a function.
 *
 * @example
 * import { Endpoint } from "@wa-admin/core/adapter"
 * import { Schema } from "effect"
 *
 * const getProfile = Endpoint.get({
 *   operation: "profile.get",
 *   path: "/deployments/{number}/profile",
 *   params: (input: { readonly number: string }) => ({ number: input.number }),
 *   response: Schema.Struct({ about: Schema.optional(Schema.String) }),
 *   notFound: { resource: "deployment", id: (input) => input.number }
 * })
 *
 * const setAbout = Endpoint.make({
 *   operation: "profile.update",
 *   method: "PATCH",
 *   path: "/deployments/{number}/profile",
 *   // idempotent: setting the same text twice leaves the same profile.
 *   idempotent: true,
 *   body: (input: { readonly number: string; readonly about: string }) => Endpoint.json({ about: input.about })
 * })
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { Either, ParseResult } from "effect"

/**
 * @since 0.1.0
 * @category models
 */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/**
 * A query parameter value: `undefined` leaves the parameter out; arrays repeat it unless the
 * endpoint encodes them itself.
 *
 * @since 0.1.0
 * @category models
 */
export type QueryValue = string | number | boolean | undefined

/**
 * What a request carries as its body.
 *
 * @since 0.1.0
 * @category models
 */
export type Body =
  | { readonly _tag: "Json"; readonly value: unknown }
  | { readonly _tag: "FormData"; readonly value: FormData }
  | { readonly _tag: "Bytes"; readonly value: Uint8Array; readonly contentType: string }

/**
 * A JSON body.
 *
 * @since 0.1.0
 * @category constructors
 */
export const json = (value: unknown): Body => ({ _tag: "Json", value })

/**
 * A JSON body encoded from a value by a Schema (renames with `Schema.fromKey`, a provider's
 * spellings): `body: Endpoint.jsonOf(Wire.StickerRequest)`. The value must be valid for the
 * schema — it was validated as the operation's input.
 *
 * @since 0.1.0
 * @category constructors
 */
export const jsonOf = <A, I>(schema: Schema.Schema<A, I, never>): (value: A) => Body => {
  const encode = Schema.encodeSync(schema)
  return (value) => json(encode(value))
}

/**
 * A multipart body. The client serialises it to bytes (with the boundary in its content type)
 * before sending, so it travels through any `HttpClient`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const formData = (value: FormData): Body => ({ _tag: "FormData", value })

/**
 * A raw body of bytes with its content type.
 *
 * @since 0.1.0
 * @category constructors
 */
export const bytes = (value: Uint8Array, contentType: string): Body => ({ _tag: "Bytes", value, contentType })

/**
 * What a 404 from this endpoint means: which resource, and its id as the caller gave it.
 *
 * @since 0.1.0
 * @category models
 */
export interface NotFound<In> {
  /** The resource, or how the input names it (a WABA looked up by channel or by id). */
  readonly resource: string | ((input: In) => string)
  readonly id?: (input: In) => string | undefined
}

/**
 * One provider call.
 *
 * - `In`: the (validated) input the endpoint is called with.
 * - `Out`: what the call answers, decoded by `response` (or `void` without one).
 * - `Auth`: how it authenticates, in the adapter's own terms (WOZTELL: access token, signed
 *   context or both); `AdapterClient`'s `authenticate` reads it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Endpoint<In, Out, Auth = undefined> {
  /** The operation it serves, named in errors and spans (`profile.get`, `stickers.create` …). */
  readonly operation: string
  readonly method: Method
  /** The path below the client's base URL, `{name}` filled from {@link params}. */
  readonly path: string
  /**
   * Whether sending it twice is harmless. The transport retries an ambiguous failure only then;
   * otherwise the call ends as `OutcomeUnknown`. Say why where the endpoint is defined.
   */
  readonly idempotent: boolean
  readonly auth?: Auth
  /**
   * The values of the path's placeholders. Without it, each placeholder is filled from the input
   * field of the same name.
   */
  readonly params?: (input: In) => Readonly<Record<string, string | undefined>>
  readonly query?: (input: In) => Readonly<Record<string, QueryValue>>
  readonly body?: (input: In) => Body | undefined
  /**
   * Decodes the answer's parsed JSON body (`undefined` when empty) into what the call answers;
   * without it the call answers `undefined`. Built once, from {@link Definition.response}.
   */
  readonly decode?: (body: unknown) => Either.Either<Out, ParseResult.ParseError>
  readonly notFound?: NotFound<In>
  /** The largest answer this endpoint accepts, in bytes (the transport's default otherwise). */
  readonly maxResponseBytes?: number
}

/**
 * What {@link make} takes: an endpoint with the Schema of its answer.
 *
 * @since 0.1.0
 * @category models
 */
export interface Definition<In, Out, I, Auth> extends Omit<Endpoint<In, Out, Auth>, "decode"> {
  /**
   * The answer's wire format decoding straight into the domain type (renames with
   * `Schema.fromKey`, transformations for provider spellings). Every issue is collected.
   */
  readonly response?: Schema.Schema<Out, I, never>
}

/**
 * Defines an endpoint, compiling its response decoder once.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <In, Out = void, I = unknown, Auth = undefined>(
  definition: Definition<In, Out, I, Auth>
): Endpoint<In, Out, Auth> => {
  const { response, ...endpoint } = definition
  return response === undefined
    ? endpoint
    : { ...endpoint, decode: Schema.decodeUnknownEither(response, { errors: "all", onExcessProperty: "ignore" }) }
}

/**
 * Defines a GET: a read, so repeating it changes nothing (a safe method, RFC 9110 §9.2.1) and the
 * transport retries an ambiguous failure. Every other method says whether it is idempotent, and
 * why, where it is defined ({@link make}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const get = <In, Out = void, I = unknown, Auth = undefined>(
  definition: Omit<Definition<In, Out, I, Auth>, "method" | "idempotent">
): Endpoint<In, Out, Auth> => make({ ...definition, method: "GET", idempotent: true })

/**
 * The same endpoint serving another operation: errors and spans name the operation the caller
 * asked for (a profile read that serves `profile.get` and `profile.photo.get`).
 *
 * @since 0.1.0
 * @category combinators
 */
export const serving = <In, Out, Auth>(
  operation: string,
  endpoint: Endpoint<In, Out, Auth>
): Endpoint<In, Out, Auth> => ({
  ...endpoint,
  operation
})
