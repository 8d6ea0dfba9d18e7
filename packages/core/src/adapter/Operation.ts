/**
 * One operation of an adapter, as its callers see it: the input validated against a Schema
 * (every broken rule reported at once, as a local `InvalidInput`; nothing is sent), then the
 * implementation run in the span `wa-admin.<provider>.<operation>`. The port's services are made
 * of these, and so are the extensions (`VonageStickers`, `WoztellFlows` …).
 *
 * @example
 * import { Operation } from "@wa-admin/core/adapter"
 * import { Effect, Schema } from "effect"
 *
 * const listPacks = Operation.make({
 *   provider: "vonage",
 *   operation: "stickers.packs.list",
 *   input: Schema.Struct({ deploymentId: Schema.String }),
 *   run: ({ deploymentId }) => Effect.succeed([deploymentId])
 * })
 *
 * @since 0.1.0
 */
import { Effect, Either } from "effect"
import type { Schema } from "effect"
import * as Stream from "effect/Stream"
import type { AdminError, InvalidInput } from "../AdminError.js"
import { invalidInput, validate } from "../Validation.js"

/**
 * The span an operation runs in.
 *
 * @since 0.1.0
 * @category utils
 */
export const spanName = (provider: string, operation: string): string => `wa-admin.${provider}.${operation}`

/**
 * @since 0.1.0
 * @category models
 */
export interface Definition<A, I, Out> {
  readonly provider: string
  readonly operation: string
  /** The input's rules; validated with every issue collected and excess properties ignored. */
  readonly input: Schema.Schema<A, I, never>
  /**
   * The provider's own rules on the raw input, checked alongside the schema so that one error
   * names every broken field, the port's and the provider's (a provider's `providerOptions`
   * entry, a field it requires). Nothing runs unless both pass.
   */
  readonly check?: (input: I) => Effect.Effect<void, InvalidInput>
  readonly run: (input: A) => Effect.Effect<Out, AdminError>
}

/**
 * An operation that answers one value. Spans are opened without a captured stack trace (it told
 * a trace reader nothing the span's name does not, and cost a tenth of a read).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <A, I, Out>(definition: Definition<A, I, Out>): (input: I) => Effect.Effect<Out, AdminError> => {
  const decode = checked(validate(definition.input, definition), definition.check)
  const name = spanName(definition.provider, definition.operation)
  const options = { attributes: { "wa-admin.provider": definition.provider }, captureStackTrace: false } as const
  const run = definition.run
  return (input) => Effect.withSpan(Effect.flatMap(decode(input), run), name, options)
}

/** A schema validation joined with a check of the raw input: both run, and their issues are told at once. */
const checked = <A, I>(
  decode: (input: unknown) => Effect.Effect<A, InvalidInput>,
  check: ((input: I) => Effect.Effect<void, InvalidInput>) | undefined
): (input: I) => Effect.Effect<A, InvalidInput> => {
  if (check === undefined) return decode
  return (input) =>
    Effect.flatMap(Effect.zip(Effect.either(decode(input)), Effect.either(check(input))), ([decoded, checkedInput]) => {
      if (Either.isLeft(decoded) && Either.isLeft(checkedInput)) {
        const seen = new Set<string>()
        const [head, ...tail] = [...decoded.left.issues, ...checkedInput.left.issues].filter((issue) => {
          const key = `${issue.field}\u0000${issue.rule}`
          if (seen.has(key)) return false
          seen.add(key)
          return true
        })
        return Effect.fail(head === undefined ? decoded.left : invalidInput(decoded.left, [head, ...tail]))
      }
      if (Either.isLeft(decoded)) return Effect.fail(decoded.left)
      if (Either.isLeft(checkedInput)) return Effect.fail(checkedInput.left)
      return Effect.succeed(decoded.right)
    })
}

/**
 * An operation that answers a stream (a listing).
 *
 * @since 0.1.0
 * @category constructors
 */
export const stream = <A, I, Out>(definition: {
  readonly provider: string
  readonly operation: string
  readonly input: Schema.Schema<A, I, never>
  readonly run: (input: A) => Stream.Stream<Out, AdminError>
}): (input: I) => Stream.Stream<Out, AdminError> => {
  const decode = validate(definition.input, definition)
  const name = spanName(definition.provider, definition.operation)
  const options = { attributes: { "wa-admin.provider": definition.provider }, captureStackTrace: false } as const
  return (input) => Stream.withSpan(Stream.unwrap(Effect.map(decode(input), definition.run)), name, options)
}
