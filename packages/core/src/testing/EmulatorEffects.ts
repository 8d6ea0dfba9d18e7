/**
 * Reading what an emulator changed: every provider emulator records the changes it made as
 * effects, each naming its `operation` (`createTemplate`, `deleteDeployment`, …). These read
 * them the way tests ask: the operations in order, or the effects of one operation; and
 * `assertRecorded` asserts the effects of one operation.
 *
 * @example
 * import { EmulatorEffects } from "@wa-admin/core/testing"
 * import { Effect } from "effect"
 *
 * const program = (emulator: EmulatorEffects.Recording) =>
 *   Effect.gen(function*() {
 *     const operations = yield* EmulatorEffects.operations(emulator) // ["createTemplate", "deleteTemplate"]
 *     const deletions = yield* EmulatorEffects.of(emulator, "deleteTemplate")
 *     return { operations, deletions }
 *   })
 *
 * @since 0.2.0
 */
import { Effect } from "effect"
import { assert } from "./internal/vitest.js"

/**
 * An emulator as these read it: the effects it recorded, oldest first.
 *
 * @since 0.2.0
 * @category models
 */
export interface Recording<Recorded extends { readonly operation: string } = { readonly operation: string }> {
  readonly effects: Effect.Effect<ReadonlyArray<Recorded>>
}

/**
 * The operation of each recorded effect, in the order the emulator made them.
 *
 * @since 0.2.0
 * @category reading
 */
export const operations = (emulator: Recording): Effect.Effect<ReadonlyArray<string>> =>
  Effect.map(emulator.effects, (effects) => effects.map((effect) => effect.operation))

/**
 * The recorded effects of one operation, in order, as the emulator recorded them.
 *
 * @since 0.2.0
 * @category reading
 */
export const of = <Recorded extends { readonly operation: string }>(
  emulator: Recording<Recorded>,
  operation: string
): Effect.Effect<ReadonlyArray<Recorded>> =>
  Effect.map(emulator.effects, (effects) => effects.filter((effect) => effect.operation === operation))

/**
 * Asserts that the emulator recorded `operation` exactly once for each of `keys`, in that order,
 * and nothing else of it: what a caller's requests changed, and that nothing changed twice.
 *
 * @since 0.2.0
 * @category assertions
 */
export const assertRecorded = (
  emulator: Recording<{ readonly operation: string; readonly key: string }>,
  operation: string,
  keys: ReadonlyArray<string>
): Effect.Effect<void> =>
  Effect.map(
    of(emulator, operation),
    (recorded) => assert.deepStrictEqual(recorded, keys.map((key) => ({ operation, key })))
  )
