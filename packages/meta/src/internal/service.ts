/**
 * What the extension services share: Graph listings as streams over core's `Paging` (a repeated
 * or oversized cursor, or a listing past its page limit, ends it with `UnexpectedResponse`), and
 * the ids a request may leave to the configuration (`META_WABA_ID` …).
 */
import { Paging, Validation } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import { Operation } from "@wa-admin/core/adapter"
import { Effect, Option, Stream } from "effect"
import type { Schema } from "effect"
import type { Service as ClientService } from "../MetaClient.js"
import { provider } from "./errors.js"
import type { GraphPaging } from "./wire.js"
import { nextCursor } from "./wire.js"

/** A page of a Graph listing. */
export interface GraphPage<A> {
  readonly data: ReadonlyArray<A>
  readonly paging?: GraphPaging | undefined
}

/** Every item of a Graph listing of pages of `limit`, fetched as the stream is pulled. */
export const graphPages = <A>(
  operation: string,
  limit: number,
  fetch: (after: string | undefined) => Effect.Effect<GraphPage<A>, AdminError.AdminError>
): Stream.Stream<A, AdminError.AdminError> =>
  Paging.stream({
    provider,
    operation,
    fetch,
    items: (page) => page.data,
    next: (page) => nextCursor(page.data.length, page.paging, limit)
  })

/**
 * The id a request gives, else the one configured (checked when the client was built); neither is
 * an `InvalidInput` naming the field and the variable, before anything is sent.
 */
export const givenOrConfigured = (
  given: string | undefined,
  configured: Option.Option<string>,
  where: { readonly operation: string; readonly field: string; readonly variable: string }
): Effect.Effect<string, AdminError.InvalidInput> =>
  given !== undefined
    ? Effect.succeed(given)
    : Option.match(configured, {
      onSome: Effect.succeed,
      onNone: () =>
        Effect.fail(
          Validation.invalidInput({ provider, operation: where.operation }, [
            { field: where.field, rule: `is required (or set ${where.variable})` }
          ])
        )
    })

/** An operation of Meta's (`Operation.make` with the provider named): validate, run, span. */
export const operation = <A, I, Out>(
  name: string,
  input: Schema.Schema<A, I, never>,
  run: (input: A) => Effect.Effect<Out, AdminError.AdminError>
): (input: I) => Effect.Effect<Out, AdminError.AdminError> => Operation.make({ provider, operation: name, input, run })

/** The ids a request may leave to the configuration, and the variable that configures each. */
export type Defaulted = "wabaId" | "phoneNumberId" | "businessId"

const variables: Readonly<Record<Defaulted, string>> = {
  wabaId: "META_WABA_ID",
  phoneNumberId: "META_PHONE_NUMBER_ID",
  businessId: "META_BUSINESS_ID"
}

/**
 * Operations of a service whose requests name an id of `field` or leave it to the
 * configuration: the request is validated (`Operation.make` / `Operation.stream`), then the id
 * is resolved (`givenOrConfigured`), then `run` gets both.
 */
export const operationsOn = (client: ClientService, field: Defaulted) => {
  const resolve = (operation: string, given: string | undefined) =>
    givenOrConfigured(given, client[field], { operation, field, variable: variables[field] })
  const stream = <R extends { readonly [K in Defaulted]?: string | undefined }, I, Out>(
    operation: string,
    input: Schema.Schema<R, I, never>,
    run: (request: R, id: string) => Stream.Stream<Out, AdminError.AdminError>
  ) =>
    Operation.stream({
      provider,
      operation,
      input,
      run: (request) => Stream.unwrap(Effect.map(resolve(operation, request[field]), (id) => run(request, id)))
    })
  return {
    stream,
    /**
     * A Graph listing as a stream: pages of the request's `pageSize` (else `defaultLimit`), each
     * fetched by `fetch` with the resolved id, the page (its limit and the cursor to start after)
     * and the request.
     */
    pages: <
      R extends { readonly [K in Defaulted]?: string | undefined } & { readonly pageSize?: number | undefined },
      I,
      Out
    >(
      operation: string,
      input: Schema.Schema<R, I, never>,
      defaultLimit: number,
      fetch: (
        id: string,
        page: { readonly limit: number; readonly after: string | undefined },
        request: R
      ) => Effect.Effect<GraphPage<Out>, AdminError.AdminError>
    ) =>
      stream(operation, input, (request, id) => {
        const limit = request.pageSize ?? defaultLimit
        return graphPages(operation, limit, (after) => fetch(id, { limit, after }, request))
      }),
    make: <R extends { readonly [K in Defaulted]?: string | undefined }, I, Out>(
      name: string,
      input: Schema.Schema<R, I, never>,
      run: (request: R, id: string) => Effect.Effect<Out, AdminError.AdminError>
    ) => operation(name, input, (request) => Effect.flatMap(resolve(name, request[field]), (id) => run(request, id)))
  }
}
