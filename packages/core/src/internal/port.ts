import { Effect, Schema, Stream } from "effect"
import { Unsupported } from "../AdminError.js"
import type { AdminError } from "../AdminError.js"
import type { Operation } from "../Capabilities.js"
import { validate } from "../Validation.js"

/**
 * The span every port operation runs in. Spans are opened with `captureStackTrace: false`
 * throughout wa-admin: the stack of a call site inside the library tells a trace reader nothing
 * the span's name does not, and capturing it was a tenth of a profile read's own cost.
 */
export const spanName = (provider: string, operation: Operation): string => `wa-admin.${provider}.${operation}`

/** Validates the input with the port's schema, then runs the adapter's implementation in a span. */
export const effectOperation = <A, I, Out>(
  provider: string,
  operation: Operation,
  schema: Schema.Schema<A, I, never>,
  run: ((input: A) => Effect.Effect<Out, AdminError>) | undefined
): ((input: I) => Effect.Effect<Out, AdminError>) => {
  if (run === undefined) return () => Effect.fail(new Unsupported({ provider, operation }))
  const decode = validate(schema, { provider, operation })
  return (input) =>
    Effect.flatMap(decode(input), run).pipe(
      Effect.withSpan(spanName(provider, operation), { attributes: { "wa-admin.provider": provider }, captureStackTrace: false })
    )
}

/** As {@link effectOperation}, for operations that answer a stream. */
export const streamOperation = <A, I, Out>(
  provider: string,
  operation: Operation,
  schema: Schema.Schema<A, I, never>,
  run: ((input: A) => Stream.Stream<Out, AdminError>) | undefined
): ((input: I) => Stream.Stream<Out, AdminError>) => {
  if (run === undefined) return () => Stream.fail(new Unsupported({ provider, operation }))
  const decode = validate(schema, { provider, operation })
  return (input) =>
    Stream.unwrap(Effect.map(decode(input), run)).pipe(
      Stream.withSpan(spanName(provider, operation), { attributes: { "wa-admin.provider": provider }, captureStackTrace: false })
    )
}

/** The operations among `candidates` that an implementation defines. */
export const implemented = <K extends string>(
  implementation: { readonly [key in K]?: unknown },
  candidates: ReadonlyArray<readonly [K, Operation]>
): ReadonlySet<Operation> =>
  new Set(candidates.filter(([key]) => implementation[key] !== undefined).map(([, operation]) => operation))
