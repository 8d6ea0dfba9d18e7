import { Effect } from "effect"
import type { Schema } from "effect"
import * as Stream from "effect/Stream"
import * as Operation from "../adapter/Operation.js"
import { Unsupported } from "../AdminError.js"
import type { AdminError, InvalidInput } from "../AdminError.js"
import type { Operation as PortOperation, Reasons } from "../Capabilities.js"

/** The span every port operation runs in. */
export const spanName = (provider: string, operation: PortOperation): string => Operation.spanName(provider, operation)

/**
 * The operations of one provider's port service: each validates its input with the port's
 * schema, then runs the adapter's implementation in a span; without one it fails with
 * `Unsupported`, carrying the adapter's reason when it gave one.
 */
export const portOf = (provider: string, reasons?: Reasons) => ({
  effect: <A, I, Out>(
    operation: PortOperation,
    schema: Schema.Schema<A, I, never>,
    run: ((input: A) => Effect.Effect<Out, AdminError>) | undefined,
    check?: (input: I) => Effect.Effect<void, InvalidInput>
  ): (input: I) => Effect.Effect<Out, AdminError> =>
    run === undefined
      ? () => Effect.fail(unsupported(provider, operation, reasons))
      : Operation.make({ provider, operation, input: schema, run, ...(check === undefined ? {} : { check }) }),
  stream: <A, I, Out>(
    operation: PortOperation,
    schema: Schema.Schema<A, I, never>,
    run: ((input: A) => Stream.Stream<Out, AdminError>) | undefined
  ): (input: I) => Stream.Stream<Out, AdminError> =>
    run === undefined
      ? () => Stream.fail(unsupported(provider, operation, reasons))
      : Operation.stream({ provider, operation, input: schema, run })
})

/** `Unsupported` for an operation, with the adapter's reason when it gave one. */
const unsupported = (provider: string, operation: PortOperation, reasons: Reasons | undefined) => {
  const reason = reasons?.[operation]
  return new Unsupported({ provider, operation, ...(reason === undefined ? {} : { reason }) })
}

/** The reasons an implementation gives for the operations among `candidates` it leaves out. */
export const reasonsOf = <K extends string>(
  implementation: { readonly [key in K]?: unknown } & { readonly unsupported?: Reasons },
  candidates: ReadonlyArray<readonly [K, PortOperation]>
): Reasons =>
  Object.fromEntries(
    candidates.flatMap(([key, operation]) => {
      const reason = implementation[key] === undefined ? implementation.unsupported?.[operation] : undefined
      return reason === undefined ? [] : [[operation, reason]]
    })
  )

/** The operations among `candidates` that an implementation defines. */
export const implemented = <K extends string>(
  implementation: { readonly [key in K]?: unknown },
  candidates: ReadonlyArray<readonly [K, PortOperation]>
): ReadonlySet<PortOperation> =>
  new Set(candidates.filter(([key]) => implementation[key] !== undefined).map(([, operation]) => operation))
