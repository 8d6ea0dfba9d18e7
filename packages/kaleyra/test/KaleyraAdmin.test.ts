import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Capabilities, Media, NumberLifecycle, Templates } from "@wa-admin/core"
import { ConfigError, ConfigProvider, Effect, Layer, Logger, LogLevel, Redacted, Stream } from "effect"
import { KaleyraEmulator } from "../src/emulator/index.js"
import { KaleyraAdmin, KaleyraClient } from "../src/index.js"
import { adminFor, emulatorClient, files, provisionRequest, quiet } from "./support.js"

/** A logger that keeps every warning, replacing the default one. */
const captureWarnings = () => {
  const warnings: Array<string> = []
  const logger = Logger.make(({ logLevel, message }) => {
    if (LogLevel.greaterThanEqual(logLevel, LogLevel.Warning)) {
      warnings.push((Array.isArray(message) ? message : [message]).map(String).join(" "))
    }
  })
  return { warnings, layer: Logger.replace(Logger.defaultLogger, logger) }
}

describe("KaleyraAdmin", () => {
  it.scoped("the static layer provides NumberLifecycle with provision only; the rest fail Unsupported", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const program = Effect.gen(function*() {
        const lifecycle = yield* NumberLifecycle.NumberLifecycle
        assert.deepStrictEqual([...lifecycle.operations], ["numbers.provision"])
        const failures = yield* Effect.all([
          Effect.flip(NumberLifecycle.status({ id: "131" })),
          Effect.flip(NumberLifecycle.verifyCode({ id: "131", code: "123456" })),
          Effect.flip(NumberLifecycle.resendCode({ id: "131" })),
          Effect.flip(NumberLifecycle.release({ id: "131" })),
          Effect.flip(NumberLifecycle.awaitReady({ id: "131" }))
        ])
        return failures.map((error) => [error._tag, error.operation])
      })
      const failures = yield* program.pipe(Effect.provide(adminFor(emulator)))
      assert.deepStrictEqual(failures, [
        ["Unsupported", "numbers.status"],
        ["Unsupported", "numbers.verify"],
        ["Unsupported", "numbers.resend"],
        ["Unsupported", "numbers.release"],
        ["Unsupported", "numbers.status"]
      ])
      assert.deepStrictEqual(yield* emulator.requests, [])
    }).pipe(Effect.provide(quiet)))

  it.scoped("Capabilities say deprecated, why, and what to use instead", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const capabilities = yield* Capabilities.Capabilities.pipe(Effect.provide(adminFor(emulator)))
      assert.strictEqual(capabilities.provider, "kaleyra")
      assert.strictEqual(capabilities.supportStatus, "deprecated")
      assert.match(capabilities.deprecation ?? "", /no longer in use/)
      assert.match(capabilities.deprecation ?? "", /Vonage WhatsApp Manager/)
      assert.match(capabilities.deprecation ?? "", /WOZTELL/)
      assert.strictEqual(capabilities.deprecation, KaleyraAdmin.deprecation)
      assert.deepStrictEqual([...capabilities.operations], ["numbers.provision"])
      assert.isTrue(capabilities.supports("numbers.provision"))
      assert.isFalse(capabilities.supports("numbers.status"))
      assert.isFalse(capabilities.supports("profile.get"))
      assert.deepStrictEqual(capabilities.extensions, [])
    }).pipe(Effect.provide(quiet)))

  it.scoped("the complete layer provides every port service; all but provision are Unsupported", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const program = Effect.gen(function*() {
        const registration = yield* NumberLifecycle.provision(
          provisionRequest({ fileName: "c.jpeg", bytes: files.jpeg })
        )
        const profile = yield* Effect.flip(BusinessProfile.get({ number: registration.id }))
        const upload = yield* Effect.flip(
          Media.Media.pipe(
            Effect.flatMap((media) =>
              media.upload({ number: registration.id, kind: "image", url: "https://example.com/a.png" })
            )
          )
        )
        const templates = yield* Effect.flip(
          Templates.Templates.pipe(Effect.flatMap((service) => Stream.runCollect(service.list({ wabaId: "1" }))))
        )
        const capabilities = yield* Capabilities.Capabilities
        return { registration, tags: [profile._tag, upload._tag, templates._tag], capabilities }
      })
      const result = yield* program.pipe(
        Effect.provide(KaleyraAdmin.layerComplete.pipe(Layer.provide(emulatorClient(emulator))))
      )
      assert.strictEqual(result.registration.state, "pending")
      assert.deepStrictEqual(result.tags, ["Unsupported", "Unsupported", "Unsupported"])
      assert.strictEqual(result.capabilities.supportStatus, "deprecated")
      assert.strictEqual((yield* emulator.requests).length, 1)
    }).pipe(Effect.provide(quiet)))

  it.scoped("building the layer logs one deprecation warning, whatever the number of calls", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const { layer, warnings } = captureWarnings()
      yield* Effect.gen(function*() {
        yield* NumberLifecycle.provision(provisionRequest())
        yield* Effect.flip(NumberLifecycle.provision(provisionRequest()))
        yield* Effect.flip(NumberLifecycle.provision({ phoneNumber: "+447700900123" }))
        yield* Effect.flip(NumberLifecycle.status({ id: "1" }))
      }).pipe(Effect.provide(adminFor(emulator)), Effect.provide(layer))
      assert.strictEqual(warnings.length, 1)
      assert.match(warnings[0] ?? "", /@wa-admin\/kaleyra is deprecated/)
      assert.match(warnings[0] ?? "", /Vonage WhatsApp Manager/)
      assert.strictEqual((yield* emulator.requests).length, 2)
    }))

  it.scoped("capabilities are read without building the adapter or warning; building its parts warns once", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const { layer, warnings } = captureWarnings()
      const client = yield* Layer.build(emulatorClient(emulator))
      const capabilities = yield* KaleyraAdmin.capabilities.pipe(Effect.provide(client), Effect.provide(layer))
      assert.strictEqual(capabilities.provider, "kaleyra")
      assert.strictEqual(capabilities.supportStatus, "deprecated")
      assert.strictEqual(capabilities.deprecation, KaleyraAdmin.deprecation)
      assert.deepStrictEqual([...capabilities.operations], ["numbers.provision"])
      assert.deepStrictEqual(warnings, [])

      const parts = yield* KaleyraAdmin.parts.pipe(Effect.provide(client), Effect.provide(layer))
      assert.strictEqual(parts.supportStatus, "deprecated")
      const registration = yield* parts.numberLifecycle.provision(provisionRequest())
      assert.strictEqual(registration.state, "pending")
      assert.strictEqual(warnings.length, 1)
      assert.match(warnings[0] ?? "", /@wa-admin\/kaleyra is deprecated/)
      assert.strictEqual((yield* emulator.requests).length, 1)
    }))

  it.effect("layerConfig reads KALEYRA_SID, KALEYRA_API_KEY and KALEYRA_BASE_URL", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const provider = ConfigProvider.fromMap(
        new Map([
          ["KALEYRA_SID", emulator.credentials.sid],
          ["KALEYRA_API_KEY", emulator.credentials.apiKey],
          ["KALEYRA_BASE_URL", `${emulator.url}/`]
        ])
      )
      const registration = yield* NumberLifecycle.provision(provisionRequest()).pipe(
        Effect.provide(KaleyraAdmin.layerConfig),
        Effect.provide(NodeHttpClient.layerUndici),
        Effect.withConfigProvider(provider)
      )
      assert.strictEqual(registration.state, "pending")
      const [request] = yield* emulator.requests
      assert.strictEqual(request?.headers["api-key"], emulator.credentials.apiKey)
    }).pipe(Effect.scoped, Effect.provide(quiet)))

  it.effect("layerConfig fails with a ConfigError naming the missing variable", () =>
    Effect.gen(function*() {
      const error = yield* Capabilities.Capabilities.pipe(
        Effect.provide(KaleyraAdmin.layerConfig),
        Effect.provide(NodeHttpClient.layerUndici),
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["KALEYRA_SID", "HX1"]]))),
        Effect.flip
      )
      assert.isTrue(ConfigError.isConfigError(error))
      assert.include(String(error), "KALEYRA_API_KEY")
      const badUrl = yield* KaleyraClient.KaleyraClient.pipe(
        Effect.provide(KaleyraClient.layerConfig()),
        Effect.provide(NodeHttpClient.layerUndici),
        Effect.withConfigProvider(
          ConfigProvider.fromMap(
            new Map([["KALEYRA_SID", "HX1"], ["KALEYRA_API_KEY", "k-123456"], ["KALEYRA_BASE_URL", "api.kaleyra.io"]])
          )
        ),
        Effect.flip
      )
      assert.include(String(badUrl), "KALEYRA_BASE_URL")
    }))

  it.effect("a KALEYRA_API_KEY or KALEYRA_SID that cannot travel is a ConfigError naming it, before any request, never showing it", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const valid = {
        KALEYRA_SID: emulator.credentials.sid,
        KALEYRA_API_KEY: emulator.credentials.apiKey,
        KALEYRA_BASE_URL: emulator.url
      }
      const cases = [
        ["KALEYRA_API_KEY", { KALEYRA_API_KEY: "Ac4-secret\r-key" }, "carriage return"],
        ["KALEYRA_API_KEY", { KALEYRA_API_KEY: "Ac4-secret\n-key" }, "line feed"],
        ["KALEYRA_API_KEY", { KALEYRA_API_KEY: "Ac4-secret-key\u0000" }, "NUL"],
        ["KALEYRA_API_KEY", { KALEYRA_API_KEY: "Ac4-secret-kéy-€" }, "Latin-1"],
        ["KALEYRA_API_KEY", { KALEYRA_API_KEY: "" }, "KALEYRA_API_KEY"],
        ["KALEYRA_SID", { KALEYRA_SID: "../secret" }, "letters and digits"],
        ["KALEYRA_SID", { KALEYRA_SID: "HXsecret/whatsapp?x=" }, "letters and digits"],
        ["KALEYRA_SID", { KALEYRA_SID: "HXsecret\r" }, "letters and digits"],
        ["KALEYRA_SID", { KALEYRA_SID: "HX%2e%2esecret" }, "letters and digits"]
      ] as const
      for (const [variable, env, expected] of cases) {
        const error = yield* NumberLifecycle.provision(provisionRequest()).pipe(
          Effect.provide(KaleyraAdmin.layerConfig),
          Effect.provide(NodeHttpClient.layerUndici),
          Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries({ ...valid, ...env })))),
          Effect.flip
        )
        assert.isTrue(ConfigError.isConfigError(error), String(error))
        assert.include(String(error), variable)
        assert.include(String(error), expected)
        assert.notInclude(String(error), "secret")
      }
      assert.lengthOf(yield* emulator.requests, 0)
    }).pipe(Effect.scoped, Effect.provide(quiet)))

  it.effect("the base URL defaults to https://api.kaleyra.io and the API key stays redacted", () =>
    Effect.gen(function*() {
      const settings = yield* KaleyraClient.config.pipe(
        Effect.withConfigProvider(
          ConfigProvider.fromMap(new Map([["KALEYRA_SID", "HX1"], ["KALEYRA_API_KEY", "Ac4-secret-key-21f"]]))
        )
      )
      assert.strictEqual(settings.baseUrl, "https://api.kaleyra.io")
      assert.notInclude(String(settings.apiKey), "Ac4-secret-key-21f")
      assert.strictEqual(Redacted.value(settings.apiKey), "Ac4-secret-key-21f")
      const client = yield* KaleyraClient.KaleyraClient.pipe(
        Effect.provide(KaleyraClient.layer(settings)),
        Effect.provide(NodeHttpClient.layerUndici)
      )
      assert.strictEqual(client.baseUrl, "https://api.kaleyra.io")
      assert.strictEqual(client.sid, "HX1")
    }))

  it("statically offers no BusinessProfile (a program needing it does not type-check)", () => {
    const needsProfile = BusinessProfile.get({ number: "131" })
    const provided = needsProfile.pipe(
      Effect.provide(KaleyraAdmin.layer),
      Effect.provide(KaleyraClient.layer({ sid: "HX1", apiKey: Redacted.make("k-123456") })),
      Effect.provide(NodeHttpClient.layerUndici)
    )
    // @ts-expect-error BusinessProfile is not provided by KaleyraAdmin.layer
    const runnable: Effect.Effect<unknown, unknown, never> = provided
    const needsLifecycle = NumberLifecycle.status({ id: "131" }).pipe(
      Effect.provide(KaleyraAdmin.layer),
      Effect.provide(KaleyraClient.layer({ sid: "HX1", apiKey: Redacted.make("k-123456") })),
      Effect.provide(NodeHttpClient.layerUndici)
    )
    const fine: Effect.Effect<unknown, unknown, never> = needsLifecycle
    assert.isDefined(runnable)
    assert.isDefined(fine)
  })
})
