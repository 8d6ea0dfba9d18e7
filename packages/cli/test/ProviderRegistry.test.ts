/**
 * The built-in providers, as the command line reads them from their descriptors: what each
 * declares is answered without credentials, and each declares exactly the variables its adapter
 * reads.
 */
import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Capabilities } from "@wa-admin/core"
import { Provider } from "@wa-admin/core/adapter"
import { ConfigProvider, Effect, Layer, Logger, LogLevel } from "effect"
import * as BuiltIn from "../src/BuiltIn.js"
import * as Providers from "../src/Providers.js"
import { runWith } from "./harness.js"

/** A config provider over `environment` that notes every variable read. */
const recording = (environment: Readonly<Record<string, string>>) => {
  const read = new Set<string>()
  const inner = ConfigProvider.fromMap(new Map(Object.entries(environment))).flattened
  const provider = ConfigProvider.fromFlat(
    ConfigProvider.makeFlat({
      load: (path, config, split) => {
        read.add(path.join("_"))
        return inner.load(path, config, split)
      },
      enumerateChildren: (path) => inner.enumerateChildren(path),
      patch: inner.patch
    })
  )
  return { provider, read }
}

const withEmulators = BuiltIn.providers.filter((provider) => provider.emulator !== undefined)

describe("the built-in providers", () => {
  it.effect("capabilities answer what each descriptor declares, with no credentials configured", () =>
    Effect.gen(function*() {
      const cli = runWith(Providers.layer)
      for (const provider of BuiltIn.providers) {
        const result = yield* cli("--json", "--provider", provider.name, "capabilities")
        assert.strictEqual(result.exitCode, 0, `${provider.name}: ${result.stderr}`)
        const declared = Provider.capabilities(provider)
        assert.deepStrictEqual(JSON.parse(result.stdout), {
          provider: provider.name,
          supportStatus: provider.supportStatus,
          ...(provider.deprecation === undefined ? {} : { deprecation: provider.deprecation }),
          operations: Capabilities.operations.filter((operation) => declared.supports(operation)),
          extensions: provider.extensions,
          // Why each operation it lacks is missing, as its descriptor says.
          ...(Object.keys(provider.reasons ?? {}).length === 0 ? {} : { reasons: provider.reasons })
        })
      }
    }))

  for (const provider of BuiltIn.providers) {
    it.scoped(`${provider.name}: declares what its adapter reports once configured`, () =>
      Effect.gen(function*() {
        const environment = provider.emulator === undefined
          ? {}
          : (yield* provider.emulator({ host: "127.0.0.1", port: 0 })).environment
        const built = yield* Capabilities.Capabilities.pipe(
          Effect.provide(provider.layerConfig.pipe(Layer.provide(FetchHttpClient.layer))),
          Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(environment)))),
          Logger.withMinimumLogLevel(LogLevel.Error)
        )
        const declared = Provider.capabilities(provider)
        assert.deepStrictEqual([...declared.operations].sort(), [...built.operations].sort())
        assert.deepStrictEqual(declared.extensions, built.extensions)
        assert.strictEqual(declared.supportStatus, built.supportStatus)
        assert.strictEqual(declared.deprecation, built.deprecation)
      }))
  }

  it("every provider with credentials has an emulator", () => {
    assert.deepStrictEqual(
      withEmulators.map((provider) => provider.name),
      BuiltIn.providers.filter((provider) => provider.variables.length > 0).map((provider) => provider.name)
    )
  })

  for (const provider of withEmulators) {
    it.scoped(`${provider.name}: declares exactly the variables its adapter reads; its emulator sets only those`, () =>
      Effect.gen(function*() {
        if (provider.emulator === undefined) return yield* Effect.dieMessage("no emulator")
        const running = yield* provider.emulator({ host: "127.0.0.1", port: 0 })
        const declared = provider.variables.map((variable) => variable.name).sort()
        for (const name of Object.keys(running.environment)) assert.include(declared, name, "the emulator sets it")
        const { provider: config, read } = recording(running.environment)
        yield* Layer.build(provider.layerConfig.pipe(Layer.provide(FetchHttpClient.layer))).pipe(
          Effect.withConfigProvider(config),
          Logger.withMinimumLogLevel(LogLevel.Error)
        )
        assert.deepStrictEqual([...read].sort(), declared)
        assert.isTrue(provider.variables.some((variable) => variable.account), "some variable names the account")
        for (const variable of provider.variables) {
          if (variable.required) {
            assert.isTrue(variable.account, `${variable.name}: a required variable names the account`)
          }
        }
      }))
  }
})
