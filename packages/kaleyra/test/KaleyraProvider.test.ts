import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Capabilities, NumberLifecycle } from "@wa-admin/core"
import { Provider } from "@wa-admin/core/adapter"
import { ConfigProvider, Effect, Layer, Logger, LogLevel } from "effect"
import { KaleyraProvider } from "../src/index.js"

const kaleyra = Provider.withEmulator(KaleyraProvider, () => import("../src/emulator/index.js"))

/** A one-page PDF, the business certificate the activation asks for. */
const pdf = new TextEncoder().encode("%PDF-1.4\n% a business certificate\n%%EOF\n")

/** What a user sees of capabilities, in a comparable form. */
const shown = (capabilities: Capabilities.Service) => ({
  provider: capabilities.provider,
  supportStatus: capabilities.supportStatus,
  deprecation: capabilities.deprecation,
  operations: Capabilities.operations.filter((operation) => capabilities.supports(operation)),
  extensions: capabilities.extensions
})

describe("KaleyraProvider", () => {
  it.scoped("declares, without credentials, what the adapter built from its emulator's environment reports", () =>
    Effect.gen(function*() {
      if (kaleyra.emulator === undefined) return yield* Effect.dieMessage("the Kaleyra descriptor has no emulator")
      const running = yield* kaleyra.emulator({ host: "127.0.0.1", port: 0 })
      const configured = Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(running.environment))))
      const layer = KaleyraProvider.layerConfig.pipe(Layer.provide(FetchHttpClient.layer))
      const built = yield* Capabilities.Capabilities.pipe(Effect.provide(layer), configured)
      assert.deepStrictEqual(shown(Provider.capabilities(KaleyraProvider)), shown(built))
      assert.deepStrictEqual([...KaleyraProvider.operations].sort(), [...built.operations].sort())
      // The environment reaches the emulator: it activates the number.
      const activation = yield* NumberLifecycle.provision({
        phoneNumber: "+447700900456",
        displayName: "The Bakery",
        providerOptions: {
          kaleyra: {
            business: {
              id: "1234567890",
              name: "The Bakery Ltd",
              certificate: { fileName: "certificate.pdf", bytes: pdf }
            }
          }
        }
      }).pipe(Effect.provide(layer), configured, Logger.withMinimumLogLevel(LogLevel.Error))
      assert.strictEqual(activation.provider, "kaleyra")
      assert.strictEqual(activation.phoneNumber?.e164, "+447700900456")
    }))
})
