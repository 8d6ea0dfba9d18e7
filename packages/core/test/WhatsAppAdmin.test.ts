import { FetchHttpClient } from "@effect/platform"
import type { HttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Capabilities, Port, Profile, Templates, WhatsAppAdmin } from "@wa-admin/core"
import { Provider } from "@wa-admin/core/adapter"
import { Config, ConfigError, ConfigProvider, Effect, Layer, Stream } from "effect"

/** A provider whose every port service works only as far as `Capabilities` and a profile read. */
const descriptor = (name: string): Provider.Descriptor => ({
  name,
  description: `the ${name} test provider`,
  supportStatus: "stable",
  operations: new Set(["profile.get"]),
  extensions: [],
  variables: [],
  layerConfig: Port.layerComplete({
    provider: name,
    supportStatus: "stable",
    businessProfile: BusinessProfile.make(name, {
      get: () => Effect.succeed(new Profile.Profile({ about: `a profile at ${name}` }))
    })
  })
})

const providers = [descriptor("one"), descriptor("two")]

const environment = (entries: Readonly<Record<string, string>>) =>
  Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(entries))))

type AdminLayer = Layer.Layer<Port.Services, ConfigError.ConfigError, HttpClient.HttpClient>

/** The layer configured by `entries` (over an HTTP client none of these providers calls). */
const configured = (layer: AdminLayer, entries: Readonly<Record<string, string>>) =>
  layer.pipe(Layer.provide(Layer.merge(environment(entries), FetchHttpClient.layer)))

const chosen = (layer: AdminLayer, entries: Readonly<Record<string, string>>) =>
  Effect.map(
    Capabilities.Capabilities.pipe(Effect.provide(configured(layer, entries))),
    (capabilities) => capabilities.provider
  )

const refusal = (layer: AdminLayer, entries: Readonly<Record<string, string>>) =>
  Effect.flip(Capabilities.Capabilities.pipe(Effect.provide(configured(layer, entries))))

describe("WhatsAppAdmin.layerConfig over provider descriptors", () => {
  it.effect("picks the descriptor WA_ADMIN_PROVIDER names", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* chosen(WhatsAppAdmin.layerConfig(providers), { WA_ADMIN_PROVIDER: "two" }), "two")
      const profile = yield* BusinessProfile.get({ number: "1" }).pipe(
        Effect.provide(configured(WhatsAppAdmin.layerConfig(providers), { WA_ADMIN_PROVIDER: "one" }))
      )
      assert.strictEqual(profile.about, "a profile at one")
    }))

  it.effect("an unknown or missing name names WA_ADMIN_PROVIDER and lists the known providers", () =>
    Effect.gen(function*() {
      const unknown = yield* refusal(WhatsAppAdmin.layerConfig(providers), { WA_ADMIN_PROVIDER: "three" })
      assert.isTrue(ConfigError.isInvalidData(unknown))
      assert.deepStrictEqual(ConfigError.isInvalidData(unknown) ? unknown.path : [], ["WA_ADMIN_PROVIDER"])
      assert.include(String(unknown), `"three"`)
      assert.include(String(unknown), "one, two")
      const missing = yield* refusal(WhatsAppAdmin.layerConfig(providers), {})
      assert.isTrue(ConfigError.isMissingData(missing))
      assert.include(String(missing), "WA_ADMIN_PROVIDER")
      assert.include(String(missing), "one, two")
    }))

  it.effect("a config passed in is the only setting read, and the one its errors name", () =>
    Effect.gen(function*() {
      const layer = WhatsAppAdmin.layerConfig(providers, { provider: Config.string("TENANT_PROVIDER") })
      assert.strictEqual(yield* chosen(layer, { WA_ADMIN_PROVIDER: "one", TENANT_PROVIDER: "two" }), "two")

      const unknown = yield* refusal(layer, { WA_ADMIN_PROVIDER: "one", TENANT_PROVIDER: "three" })
      assert.deepStrictEqual(ConfigError.isInvalidData(unknown) ? unknown.path : [], ["TENANT_PROVIDER"])
      assert.notInclude(String(unknown), "WA_ADMIN_PROVIDER")
      assert.include(String(unknown), "one, two")

      const missing = yield* refusal(layer, { WA_ADMIN_PROVIDER: "one" })
      assert.deepStrictEqual(ConfigError.isMissingData(missing) ? missing.path : [], ["TENANT_PROVIDER"])
      assert.notInclude(String(missing), "WA_ADMIN_PROVIDER")
      assert.include(String(missing), "one, two")
    }))

  it.effect("the name is read as written, surrounding blanks aside", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* chosen(WhatsAppAdmin.layerConfig(providers), { WA_ADMIN_PROVIDER: " two " }), "two")
      const other = yield* refusal(WhatsAppAdmin.layerConfig(providers), { WA_ADMIN_PROVIDER: "TWO" })
      assert.isTrue(ConfigError.isInvalidData(other))
    }))

  it.effect("takes the layers by name too, as before descriptors", () =>
    Effect.gen(function*() {
      const byName = { one: descriptor("one").layerConfig, two: descriptor("two").layerConfig }
      assert.strictEqual(yield* chosen(WhatsAppAdmin.layerConfig(byName), { WA_ADMIN_PROVIDER: "one" }), "one")
      const layer = WhatsAppAdmin.layerConfig(byName, { provider: Config.string("TENANT_PROVIDER") })
      const unknown = yield* refusal(layer, { TENANT_PROVIDER: "three" })
      assert.deepStrictEqual(ConfigError.isInvalidData(unknown) ? unknown.path : [], ["TENANT_PROVIDER"])
    }))
})

describe("Provider.capabilities", () => {
  it("answers what the descriptor declares, before anything is configured", () => {
    const capabilities = Provider.capabilities({
      ...descriptor("one"),
      supportStatus: "deprecated",
      deprecation: "use two"
    })
    assert.strictEqual(capabilities.provider, "one")
    assert.strictEqual(capabilities.supportStatus, "deprecated")
    assert.strictEqual(capabilities.deprecation, "use two")
    assert.isTrue(capabilities.supports("profile.get"))
    assert.isFalse(capabilities.supports("profile.update"))
  })
})

describe("reasons for what a provider lacks", () => {
  const reasons: Capabilities.Reasons = {
    "profile.update": "profiles are edited in the provider's console",
    "templates.list": "the provider has no templates",
    "profile.get": "never shown: the operation is supported"
  }
  const parts: Port.Parts = {
    provider: "one",
    supportStatus: "stable",
    reasons,
    businessProfile: BusinessProfile.make("one", {
      get: () => Effect.succeed(new Profile.Profile({ about: "a profile" })),
      unsupported: reasons
    })
  }

  it.effect("an unsupported operation fails with the reason, in a service that has some operations and in a missing one", () =>
    Effect.gen(function*() {
      const update = yield* Effect.flip(BusinessProfile.update({ number: "123", profile: { about: "new" } }))
      assert.strictEqual(update._tag, "Unsupported")
      assert.strictEqual(update._tag === "Unsupported" ? update.reason : undefined, reasons["profile.update"])
      assert.include(
        update.message,
        "profile.update: not supported by one: profiles are edited in the provider's console"
      )
      const list = yield* Effect.flip(Templates.list({ wabaId: "123" }).pipe(Stream.runDrain))
      assert.strictEqual(list._tag === "Unsupported" ? list.reason : undefined, reasons["templates.list"])
      const photo = yield* Effect.flip(BusinessProfile.getPhoto({ number: "123" }))
      assert.strictEqual(photo._tag, "Unsupported")
      assert.isUndefined(photo._tag === "Unsupported" ? photo.reason : "wrong tag")
      assert.strictEqual(photo.message, "one.profile.photo.get: not supported by one")
    }).pipe(Effect.provide(Port.layerComplete(parts))))

  it("Capabilities answers the reasons beforehand, never for a supported operation", () => {
    const capabilities = Port.capabilities(parts)
    assert.strictEqual(capabilities.reason("profile.update"), reasons["profile.update"])
    assert.strictEqual(capabilities.reason("templates.list"), reasons["templates.list"])
    assert.isUndefined(capabilities.reason("profile.get"))
    assert.isUndefined(capabilities.reason("media.upload"))
    const declared = Provider.capabilities({ ...descriptor("one"), reasons })
    assert.strictEqual(declared.reason("templates.list"), reasons["templates.list"])
    assert.isUndefined(declared.reason("profile.get"))
  })
})
