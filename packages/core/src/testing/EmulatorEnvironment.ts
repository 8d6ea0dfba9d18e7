/**
 * The check every provider emulator must pass: the environment it exports names exactly the
 * variables its adapter's `layerConfig` reads, and an adapter configured from that environment
 * alone reaches this emulator. Written once, registered by each emulator's tests.
 *
 * @example
 * import { NumberLifecycle } from "@wa-admin/core"
 * import { EmulatorEnvironment } from "@wa-admin/core/testing"
 * import { VonageAdmin } from "@wa-admin/vonage"
 * import { VonageEmulator } from "@wa-admin/vonage/emulator"
 * import { Effect } from "effect"
 *
 * // Called inside a vitest `describe` block, where vitest collects the test it registers.
 * export const registerTest = () =>
 *   EmulatorEnvironment.run({
 *     make: VonageEmulator.make(),
 *     names: ["VONAGE_APPLICATION_ID", "VONAGE_PRIVATE_KEY", "VONAGE_TEMPLATES_URL", "VONAGE_WHATSAPP_MANAGER_URL"],
 *     layerConfig: VonageAdmin.layerConfig,
 *     call: () => NumberLifecycle.status({ id: "00000000-0000-4000-8000-000000000000" }).pipe(Effect.ignore),
 *     reached: (emulator) =>
 *       Effect.flatMap(emulator.requests, (requests) =>
 *         requests.length === 1 ? Effect.void : Effect.dieMessage("the call did not reach the emulator"))
 *   })
 *
 * @since 0.2.0
 */
import type { HttpClient } from "@effect/platform"
import type { Layer, Scope } from "effect"
import { Effect } from "effect"
import { configuredFrom } from "./EmulatorHost.js"
import { assert, vitest } from "./internal/vitest.js"

/**
 * An emulator as this check sees it: the environment it exports.
 *
 * @since 0.2.0
 * @category models
 */
export interface Exporting {
  readonly environment: Readonly<Record<string, string>>
}

/**
 * What the check needs: how to start the emulator, the variable names its environment must hold,
 * the adapter's `layerConfig`, a call to run through the adapter configured from that
 * environment, and `reached`, which asserts (from the emulator's records and the call's answer)
 * that the call reached this emulator.
 *
 * @since 0.2.0
 * @category models
 */
export interface Options<Emulator extends Exporting, Services, A> {
  readonly make: Effect.Effect<Emulator, unknown, Scope.Scope>
  readonly names: ReadonlyArray<string>
  readonly layerConfig: Layer.Layer<Services, unknown, HttpClient.HttpClient>
  readonly call: (emulator: Emulator) => Effect.Effect<A, unknown, Services>
  readonly reached: (emulator: Emulator, answer: A) => Effect.Effect<void>
}

/**
 * Registers, in the enclosing `describe` block, the test "exports the environment that points the
 * adapter's layerConfig at it".
 *
 * @since 0.2.0
 * @category constructors
 */
export const run = <Emulator extends Exporting, Services, A>(options: Options<Emulator, Services, A>): void => {
  const { it } = vitest()
  it.scoped("exports the environment that points the adapter's layerConfig at it", () =>
    Effect.gen(function*() {
      const emulator = yield* options.make
      assert.deepStrictEqual(Object.keys(emulator.environment).sort(), [...options.names].sort())
      const configured = configuredFrom(options.layerConfig, emulator.environment)
      const answer = yield* options.call(emulator).pipe(Effect.provide(configured))
      yield* options.reached(emulator, answer)
    }))
}
