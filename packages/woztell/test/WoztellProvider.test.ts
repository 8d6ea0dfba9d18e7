import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Capabilities } from "@wa-admin/core"
import { Provider } from "@wa-admin/core/adapter"
import { ConfigProvider, Effect, Layer } from "effect"
import { WoztellProvider } from "../src/index.js"

const woztell = Provider.withEmulator(WoztellProvider, () => import("../src/emulator/index.js"))

/** What a user sees of capabilities, in a comparable form. */
const shown = (capabilities: Capabilities.Service) => ({
  provider: capabilities.provider,
  supportStatus: capabilities.supportStatus,
  deprecation: capabilities.deprecation,
  operations: Capabilities.operations.filter((operation) => capabilities.supports(operation)),
  extensions: capabilities.extensions
})

describe("WoztellProvider", () => {
  it.scoped("declares, without credentials, what the adapter built from its emulator's environment reports", () =>
    Effect.gen(function*() {
      if (woztell.emulator === undefined) return yield* Effect.dieMessage("the WOZTELL descriptor has no emulator")
      const running = yield* woztell.emulator({ host: "127.0.0.1", port: 0 })
      const configured = Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(running.environment))))
      const layer = WoztellProvider.layerConfig.pipe(Layer.provide(FetchHttpClient.layer))
      const built = yield* Capabilities.Capabilities.pipe(Effect.provide(layer), configured)
      assert.deepStrictEqual(shown(Provider.capabilities(WoztellProvider)), shown(built))
      assert.deepStrictEqual([...WoztellProvider.operations].sort(), [...built.operations].sort())
      // The environment reaches the emulator: it answers the profile of the number it names by default.
      const number = yield* Effect.flatMap(Effect.fromNullable(WoztellProvider.defaults.number), (config) => config)
        .pipe(configured)
      const profile = yield* BusinessProfile.get({ number }).pipe(Effect.provide(layer), configured)
      assert.isObject(profile)
    }))
})
