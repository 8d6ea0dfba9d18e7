/**
 * The checks every provider descriptor must pass, run against its own emulator: what the
 * descriptor declares without credentials (operations, reasons, extensions, support status) is
 * what the adapter built from the emulator's environment reports, each extension it declares is
 * a service that adapter provides, the variables it declares are exactly the ones `layerConfig`
 * reads (help texts list no variable nothing reads, and miss none), every variable the emulator's
 * environment sets is declared, and the environment really reaches the emulator (a probe the
 * adapter's tests give).
 *
 * @example
 * import { BusinessProfile } from "@wa-admin/core"
 * import { DescriptorChecks } from "@wa-admin/core/testing"
 * import { VonageProvider } from "@wa-admin/vonage"
 * import { Effect } from "effect"
 *
 * // Called at the top of a test file, where vitest collects the `describe` block it registers.
 * export const registerSuite = () =>
 *   DescriptorChecks.run({
 *     descriptor: VonageProvider,
 *     load: () => import("@wa-admin/vonage/emulator"),
 *     // An unknown deployment is the emulator's answer: the environment reaches it.
 *     probe: Effect.flip(BusinessProfile.get({ number: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab" })).pipe(
 *       Effect.map((error) => error._tag === "NotFound")
 *     )
 *   })
 *
 * @since 0.2.0
 */
import { FetchHttpClient } from "@effect/platform"
import { ConfigProvider, Effect, Layer } from "effect"
import * as Provider from "../adapter/Provider.js"
import * as Capabilities from "../Capabilities.js"
import type * as Port from "../Port.js"
import { assert, vitest } from "./internal/vitest.js"

/**
 * What the checks need: the descriptor, how to load its emulator module, and a probe that, run
 * against the adapter configured from the emulator's environment, answers `true` only when the
 * request reached that emulator.
 *
 * @since 0.2.0
 * @category models
 */
export interface Options<Module> {
  readonly descriptor: Provider.Emulated<Module>
  readonly load: () => Promise<Module>
  readonly probe: Effect.Effect<boolean, unknown, Port.Services>
}

/** What a user sees of capabilities, in a comparable form. */
const shown = (capabilities: Capabilities.Service) => ({
  provider: capabilities.provider,
  supportStatus: capabilities.supportStatus,
  deprecation: capabilities.deprecation,
  operations: Capabilities.operations.filter((operation) => capabilities.supports(operation)),
  reasons: Capabilities.operations.map((operation) => [operation, capabilities.reason(operation)]),
  extensions: capabilities.extensions
})

/**
 * Registers the descriptor's checks as a vitest `describe` block named after the provider.
 *
 * @since 0.2.0
 * @category constructors
 */
export const run = <Module>(options: Options<Module>): void => {
  const { describe, it } = vitest()
  const { descriptor } = options
  const emulated = Provider.withEmulator(descriptor, options.load)
  const started = Effect.gen(function*() {
    if (emulated.emulator === undefined) {
      return yield* Effect.dieMessage(`the ${descriptor.name} descriptor has no emulator`)
    }
    const running = yield* emulated.emulator({ host: "127.0.0.1", port: 0 })
    const environment = ConfigProvider.fromMap(new Map(Object.entries(running.environment)))
    const configured = Effect.withConfigProvider(environment)
    const layer = descriptor.layerConfig.pipe(Layer.provide(FetchHttpClient.layer))
    return { running, environment, configured, layer }
  })

  describe(`${descriptor.name}: provider descriptor`, () => {
    it.scoped("declares, without credentials, what the adapter built from its emulator's environment reports", () =>
      Effect.gen(function*() {
        const { configured, layer } = yield* started
        const built = yield* Capabilities.Capabilities.pipe(Effect.provide(layer), configured)
        assert.deepStrictEqual(shown(Provider.capabilities(descriptor)), shown(built))
        assert.deepStrictEqual([...descriptor.operations].sort(), [...built.operations].sort())
      }))

    it.scoped("declares extension services its adapter provides", () =>
      Effect.gen(function*() {
        const { configured, layer } = yield* started
        const context = yield* Layer.build(layer).pipe(configured)
        const provided = new Set([...context.unsafeMap.keys()].map((key) => key.slice(key.lastIndexOf("/") + 1)))
        assert.deepStrictEqual(
          descriptor.extensions.filter((name) => !provided.has(name)),
          [],
          "extensions the descriptor declares that its adapter does not provide"
        )
      }))

    it.scoped("declares exactly the variables its layerConfig reads", () =>
      Effect.gen(function*() {
        const { environment, layer } = yield* started
        const read = new Set<string>()
        const recording = ConfigProvider.fromFlat(ConfigProvider.makeFlat({
          load: (path, primitive, split) => {
            read.add(path.join("."))
            return environment.flattened.load(path, primitive, split)
          },
          enumerateChildren: (path) => environment.flattened.enumerateChildren(path),
          patch: environment.flattened.patch
        }))
        yield* Layer.build(layer).pipe(Effect.withConfigProvider(recording))
        const declared = descriptor.variables.map((variable) => variable.name)
        assert.deepStrictEqual(
          [...read].filter((name) => !declared.includes(name)).sort(),
          [],
          "variables it reads that the descriptor does not declare"
        )
        assert.deepStrictEqual(
          declared.filter((name) => !read.has(name)).sort(),
          [],
          "variables the descriptor declares that it never reads"
        )
      }))

    it.scoped("declares every variable its emulator's environment sets", () =>
      Effect.gen(function*() {
        const { running } = yield* started
        const declared = new Set(descriptor.variables.map((variable) => variable.name))
        const undeclared = Object.keys(running.environment).filter((name) => !declared.has(name))
        assert.deepStrictEqual(undeclared, [], "variables the emulator sets that the descriptor does not declare")
        const accounts = descriptor.variables.filter((variable) => variable.account).map((variable) => variable.name)
        assert.isTrue(
          accounts.some((name) => name in running.environment),
          `the emulator's environment names an account (one of ${accounts.join(", ")})`
        )
      }))

    it.scoped("configured from its emulator's environment, the adapter talks to that emulator", () =>
      Effect.gen(function*() {
        const { configured, layer } = yield* started
        const reached = yield* options.probe.pipe(Effect.provide(layer), configured)
        assert.isTrue(reached, "the probe saw the emulator's answer")
      }))
  })
}
