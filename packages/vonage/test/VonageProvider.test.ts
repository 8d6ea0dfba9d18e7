import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Capabilities } from "@wa-admin/core"
import { Provider } from "@wa-admin/core/adapter"
import { ConfigProvider, Effect, Layer } from "effect"
import { VonageProvider } from "../src/index.js"

const vonage = Provider.withEmulator(VonageProvider, () => import("../src/emulator/index.js"))

/** What a user sees of capabilities, in a comparable form. */
const shown = (capabilities: Capabilities.Service) => ({
  provider: capabilities.provider,
  supportStatus: capabilities.supportStatus,
  deprecation: capabilities.deprecation,
  operations: Capabilities.operations.filter((operation) => capabilities.supports(operation)),
  extensions: capabilities.extensions
})

describe("VonageProvider", () => {
  it.scoped("declares, without credentials, what the adapter built from its emulator's environment reports", () =>
    Effect.gen(function*() {
      if (vonage.emulator === undefined) return yield* Effect.dieMessage("the Vonage descriptor has no emulator")
      const running = yield* vonage.emulator({ host: "127.0.0.1", port: 0 })
      const configured = Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(running.environment))))
      const layer = VonageProvider.layerConfig.pipe(Layer.provide(FetchHttpClient.layer))
      const built = yield* Capabilities.Capabilities.pipe(Effect.provide(layer), configured)
      assert.deepStrictEqual(shown(Provider.capabilities(VonageProvider)), shown(built))
      assert.deepStrictEqual([...VonageProvider.operations].sort(), [...built.operations].sort())
      // The environment reaches the emulator: an unknown deployment is the emulator's answer.
      const unknown = yield* Effect.flip(
        BusinessProfile.get({ number: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab" }).pipe(Effect.provide(layer), configured)
      )
      assert.strictEqual(unknown._tag, "NotFound")
    }))
})
