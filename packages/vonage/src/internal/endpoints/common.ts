/**
 * What the Vonage endpoint tables share. One module per service (`deployments`, `profile`,
 * `stickers`, `templates`, `media`), so that a program bundles only the endpoints of the
 * services it uses; each table is built on the resources its paths live under.
 */
import { Endpoint } from "@wa-admin/core/adapter"
import type { Schema } from "effect"

/**
 * The endpoints under one path prefix, where a 404 means the same thing (`notFound`): `read`
 * for a GET, `remove` for a DELETE, `send` for the others (each saying why it is or is not
 * idempotent).
 */
export const resource = <In>(prefix: string, notFound?: Endpoint.NotFound<In>) => {
  const missing = notFound === undefined ? {} : { notFound }
  return {
    /** A GET below the prefix by `path` (`Endpoint.get`: a read). */
    read: <Out, I, Input extends In = In>(
      operation: string,
      path: string,
      response: Schema.Schema<Out, I, never>,
      query?: (input: Input) => Readonly<Record<string, Endpoint.QueryValue>>
    ): Endpoint.Endpoint<Input, Out> =>
      Endpoint.get<Input, Out, I>({
        operation,
        path: prefix + path,
        response,
        ...missing,
        ...(query === undefined ? {} : { query })
      }),
    /** A DELETE of the resource itself. idempotent: deleting twice leaves it deleted. */
    remove: <Input extends In = In>(
      operation: string,
      query?: (input: Input) => Readonly<Record<string, Endpoint.QueryValue>>
    ): Endpoint.Endpoint<Input, void> =>
      Endpoint.make<Input, void, unknown>({
        operation,
        method: "DELETE",
        path: prefix,
        idempotent: true,
        ...missing,
        ...(query === undefined ? {} : { query })
      }),
    /** Another method, below the prefix by `path` (none: the resource itself). */
    send: <Input extends In, Out = void, I = unknown>(
      definition: Omit<Endpoint.Definition<Input, Out, I, undefined>, "notFound" | "path"> & {
        readonly path?: string
      }
    ): Endpoint.Endpoint<Input, Out> =>
      Endpoint.make({ ...definition, path: prefix + (definition.path ?? ""), ...missing })
  }
}

/** The endpoints under `/deployments/{deployment_id}`, the id being the input's `field`. */
export const deployment = <Field extends string>(field: Field, below = "") =>
  resource<{ readonly [K in Field]: string }>(`/deployments/{${field}}${below}`, {
    resource: "deployment",
    id: (input) => input[field]
  })
