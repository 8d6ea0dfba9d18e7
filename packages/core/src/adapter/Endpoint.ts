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
 * spellings): `body: Endpoint.jsonOf(Wire.StickerRequest)`. Given as the body itself, it reads
 * the input's fields the Schema names and leaves the others out (the ids the path carries). The
 * value must be valid for the schema — it was validated as the operation's input; a value the
 * wire cannot carry is refused by `AdapterClient` as an `InvalidInput` naming the field.
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
   * without it the call answers `undefined`. Built once, from {@link Parts.response}.
   */
  readonly decode?: (body: unknown) => Either.Either<Out, ParseResult.ParseError>
  readonly notFound?: NotFound<In>
  /** The largest answer this endpoint accepts, in bytes (the transport's default otherwise). */
  readonly maxResponseBytes?: number
}

/**
 * The input fields a path template names, each a string: `"/{wabaId}/phone_numbers"` asks for
 * `{ readonly wabaId: string }`. A path without placeholders asks for nothing (`unknown`), and so
 * does a path only known as `string`.
 *
 * @since 0.2.0
 * @category models
 */
export type PathParams<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}`
  ? { readonly [K in Name]: string } & PathParams<Rest>
  : unknown

/**
 * What {@link make} takes: an endpoint with the Schema of its answer. Its input is what its parts
 * read, together: the path's placeholders (or the input of `params`), and the inputs of `query`,
 * `body` and `notFound`. Each part declares only the fields it reads, so a body can be a wire
 * encoder as it is (`body: Endpoint.jsonOf(Wire.CodeVerification)`); a `notFound` written inline
 * reads the input of the others.
 *
 * @since 0.2.0
 * @category models
 */
export interface Parts<Path extends string, Params, Query, BodyIn, Missing, Out, I, Auth>
  extends Omit<Endpoint<never, Out, Auth>, "path" | "params" | "query" | "body" | "decode" | "notFound">
{
  /** The path below the client's base URL, `{name}` filled from the input's field `name` (or `params`). */
  readonly path: Path
  /** The values of the path's placeholders, where they are not the input's fields of the same names. */
  readonly params?: (input: Params) => Readonly<Record<string, string | undefined>>
  readonly query?: (input: Query) => Readonly<Record<string, QueryValue>>
  /** A body encoded by a wire Schema takes the fields the Schema names and leaves the others (the path's ids). */
  readonly body?: (input: BodyIn) => Body | undefined
  /**
   * The answer's wire format decoding straight into the domain type (renames with
   * `Schema.fromKey`, transformations for provider spellings). Every issue is collected.
   */
  readonly response?: Schema.Schema<Out, I, never>
  readonly notFound?: NotFound<Missing>
}

/**
 * An endpoint's definition with its whole input named as one type, `In`: for the helpers an
 * adapter builds around {@link make} (a table whose every endpoint says how it authenticates).
 *
 * @since 0.1.0
 * @category models
 */
export type Definition<In, Out, I, Auth> = Parts<string, In, In, In, In, Out, I, Auth>

/**
 * A constructor of endpoints from their parts ({@link Parts}) less the ones it sets itself
 * (`Omitted`). The input type is read from the parts, so a caller that leaves out a
 * placeholder's field, or a field the body or the query reads, does not compile.
 *
 * @since 0.2.0
 * @category models
 */
export interface Define<Omitted extends keyof Parts<string, never, never, never, never, never, never, never>> {
  <
    Path extends string,
    Query = unknown,
    BodyIn = unknown,
    Params = PathParams<Path>,
    Missing = Params & Query & BodyIn,
    Out = void,
    I = unknown,
    Auth = undefined
  >(
    definition: Omit<Parts<Path, Params, Query, BodyIn, Missing, Out, I, Auth>, Omitted>
  ): Endpoint<Params & Query & BodyIn & Missing, Out, Auth>
}

/**
 * Defines an endpoint, compiling its response decoder once.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Define<never> = (definition) => {
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
export const get: Define<"method" | "idempotent"> = (definition) =>
  make({ ...definition, method: "GET", idempotent: true })

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
