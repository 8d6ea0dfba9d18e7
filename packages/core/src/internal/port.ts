import { Effect, Stream } from "effect"
import type { Schema } from "effect"
import * as Operation from "../adapter/Operation.js"
import { Unsupported } from "../AdminError.js"
import type { AdminError, InvalidInput } from "../AdminError.js"
import type { Operation as PortOperation } from "../Capabilities.js"

/** The span every port operation runs in. */
export const spanName = (provider: string, operation: PortOperation): string => Operation.spanName(provider, operation)

/** Validates the input with the port's schema, then runs the adapter's implementation in a span; `Unsupported` without one. */
export const effectOperation = <A, I, Out>(
  provider: string,
  operation: PortOperation,
  schema: Schema.Schema<A, I, never>,
  run: ((input: A) => Effect.Effect<Out, AdminError>) | undefined,
  check?: (input: I) => Effect.Effect<void, InvalidInput>
): ((input: I) => Effect.Effect<Out, AdminError>) =>
  run === undefined
    ? () => Effect.fail(new Unsupported({ provider, operation }))
    : Operation.make({ provider, operation, input: schema, run, ...(check === undefined ? {} : { check }) })

/** As {@link effectOperation}, for operations that answer a stream. */
export const streamOperation = <A, I, Out>(
  provider: string,
  operation: PortOperation,
  schema: Schema.Schema<A, I, never>,
  run: ((input: A) => Stream.Stream<Out, AdminError>) | undefined
): ((input: I) => Stream.Stream<Out, AdminError>) =>
  run === undefined
    ? () => Stream.fail(new Unsupported({ provider, operation }))
    : Operation.stream({ provider, operation, input: schema, run })

/** The operations among `candidates` that an implementation defines. */
export const implemented = <K extends string>(
  implementation: { readonly [key in K]?: unknown },
  candidates: ReadonlyArray<readonly [K, PortOperation]>
): ReadonlySet<PortOperation> =>
  new Set(candidates.filter(([key]) => implementation[key] !== undefined).map(([, operation]) => operation))
