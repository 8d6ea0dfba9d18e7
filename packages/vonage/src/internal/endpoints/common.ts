/**
 * What the Vonage endpoint tables share. One module per service (`deployments`, `profile`,
 * `stickers`, `templates`, `media`), so that a program bundles only the endpoints of the
 * services it uses; each table is built on the resources its paths live under.
 */
import { Endpoint } from "@wa-admin/core/adapter"
import type { Schema } from "effect"

/** An endpoint below a resource: its path from the resource's (none: the resource itself). */
type Below<Query, BodyIn, Out, I> =
  & Omit<Endpoint.Parts<string, unknown, Query, BodyIn, unknown, Out, I, undefined>, "notFound" | "path" | "params">
  & { readonly path?: string }

/**
 * The endpoints under one path prefix, where a 404 means the same thing (`notFound`): `read`
 * for a GET, `remove` for a DELETE, `send` for the others (each saying why it is or is not
 * idempotent). Every endpoint's input has the prefix's ids (`Endpoint.PathParams`) and what its
 * query and body read.
 */
export const resource = <Prefix extends string>(
  prefix: Prefix,
  notFound?: Endpoint.NotFound<Endpoint.PathParams<Prefix>>
) => {
  type Ids = Endpoint.PathParams<Prefix>
  const missing = notFound === undefined ? {} : { notFound }
  return {
    /** A GET below the prefix by `path` (`Endpoint.get`: a read). */
    read: <Out, I, Query = unknown>(
      operation: string,
      path: string,
      response: Schema.Schema<Out, I, never>,
      query?: (input: Query) => Readonly<Record<string, Endpoint.QueryValue>>
    ): Endpoint.Endpoint<Ids & Query, Out> => {
      const definition: Omit<Endpoint.Definition<Ids & Query, Out, I, undefined>, "method" | "idempotent"> = {
        operation,
        path: prefix + path,
        response,
        ...missing,
        ...(query === undefined ? {} : { query })
      }
      return Endpoint.get(definition)
    },
    /** A DELETE of the resource itself. idempotent: deleting twice leaves it deleted. */
    remove: <Query = unknown>(
      operation: string,
      query?: (input: Query) => Readonly<Record<string, Endpoint.QueryValue>>
    ): Endpoint.Endpoint<Ids & Query, void> => {
      const definition: Endpoint.Definition<Ids & Query, void, unknown, undefined> = {
        operation,
        method: "DELETE",
        path: prefix,
        idempotent: true,
        ...missing,
        ...(query === undefined ? {} : { query })
      }
      return Endpoint.make(definition)
    },
    /** Another method, below the prefix by `path` (none: the resource itself). */
    send: <Query = unknown, BodyIn = unknown, Out = void, I = unknown>(
      definition: Below<Query, BodyIn, Out, I>
    ): Endpoint.Endpoint<Ids & Query & BodyIn, Out> => {
      const whole: Endpoint.Definition<Ids & Query & BodyIn, Out, I, undefined> = {
        ...definition,
        path: prefix + (definition.path ?? ""),
        ...missing
      }
      return Endpoint.make(whole)
    }
  }
}

/** The endpoints under `/deployments/{deployment_id}`, the id being the input's `field`. */
export const deployment = <Field extends string>(field: Field, below = "") =>
  resource(`/deployments/{${field}}${below}`, {
    resource: "deployment",
    id: (input) => input[field]
  })
