import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Capabilities, Port, Profile, TenantRegistry, WhatsAppAdmin } from "@wa-admin/core"
import { ConfigProvider, Effect, Fiber, Layer, TestClock } from "effect"

const profileLayer = (account: string, calls: Array<string>) =>
  Port.layerComplete({
    provider: "fake",
    supportStatus: "stable",
    businessProfile: BusinessProfile.make("fake", {
      get: ({ number }) =>
        Effect.sync(() => {
          calls.push(`${account}:${number}`)
          return new Profile.Profile({ about: `profile of ${account}` })
        })
    })
  })

describe("TenantRegistry", () => {
  it.scoped("builds one provider layer per account and shares it across calls", () =>
    Effect.gen(function* () {
      const calls: Array<string> = []
      const registry = yield* TenantRegistry.make({
        resolve: (account: string) => Effect.succeed(profileLayer(account, calls))
      })
      const accounts = Array.from({ length: 50 }, (_, index) => `acct-${index % 10}`)
      const profiles = yield* Effect.forEach(
        accounts,
        (account) => registry.use(account, BusinessProfile.get({ number: "n1" })),
        { concurrency: 8 }
      )
      assert.strictEqual(profiles.length, 50)
      assert.strictEqual(profiles[3]?.about, "profile of acct-3")
      assert.strictEqual(calls.length, 50)
      assert.strictEqual(yield* registry.builds, 10)
    }))

  it.scoped("releases an idle account after its time to live and rebuilds it on next use", () =>
    Effect.gen(function* () {
      const registry = yield* TenantRegistry.make({
        resolve: (account: string) => Effect.succeed(profileLayer(account, [])),
        idleTimeToLive: "1 minute"
      })
      yield* registry.use("a", BusinessProfile.get({ number: "n" }))
      assert.strictEqual(yield* registry.active, 1)
      yield* TestClock.adjust("2 minutes")
      assert.strictEqual(yield* registry.active, 0)
      yield* registry.use("a", BusinessProfile.get({ number: "n" }))
      assert.strictEqual(yield* registry.builds, 2)
    }))

  it.scoped("bounds how many calls run at once", () =>
    Effect.gen(function* () {
      let running = 0
      let peak = 0
      const slow = Port.layerComplete({
        provider: "slow",
        supportStatus: "stable",
        businessProfile: BusinessProfile.make("slow", {
          get: () =>
            Effect.gen(function* () {
              running++
              peak = Math.max(peak, running)
              yield* Effect.sleep("1 second")
              running--
              return new Profile.Profile({})
            })
        })
      })
      const registry = yield* TenantRegistry.make({
        resolve: () => Effect.succeed(slow),
        concurrency: 3
      })
      const fiber = yield* Effect.fork(
        Effect.forEach(
          Array.from({ length: 12 }, (_, index) => `t${index}`),
          (account) => registry.use(account, BusinessProfile.get({ number: "n" })),
          { concurrency: "unbounded" }
        )
      )
      yield* TestClock.adjust("10 seconds")
      yield* Fiber.join(fiber)
      assert.strictEqual(peak, 3)
    }))

  it.effect("a resolve failure reaches the caller", () =>
    Effect.gen(function* () {
      const registry = yield* TenantRegistry.make<string, string, never>({
        resolve: (account) => Effect.fail(`no credentials for ${account}`)
      })
      const error = yield* Effect.flip(registry.use("ghost", BusinessProfile.get({ number: "n" })))
      assert.strictEqual(error, "no credentials for ghost")
    }).pipe(Effect.scoped))
})

describe("WhatsAppAdmin.layerConfig", () => {
  it.effect("picks the provider named by WA_ADMIN_PROVIDER and reports unknown names", () =>
    Effect.gen(function* () {
      const providers = {
        one: profileLayer("one", []),
        two: Port.layerComplete({ provider: "two", supportStatus: "deprecated" })
      }
      const withEnv = (value: string | undefined) =>
        Layer.setConfigProvider(
          ConfigProvider.fromMap(new Map(value === undefined ? [] : [["WA_ADMIN_PROVIDER", value]]))
        )
      const chosen = yield* Capabilities.Capabilities.pipe(
        Effect.provide(WhatsAppAdmin.layerConfig(providers).pipe(Layer.provide(withEnv("two"))))
      )
      assert.strictEqual(chosen.provider, "two")
      assert.strictEqual(chosen.supportStatus, "deprecated")
      const unknown = yield* Effect.flip(
        Capabilities.Capabilities.pipe(
          Effect.provide(WhatsAppAdmin.layerConfig(providers).pipe(Layer.provide(withEnv("three"))))
        )
      )
      assert.include(String(unknown), "one, two")
      const missing = yield* Effect.flip(
        Capabilities.Capabilities.pipe(
          Effect.provide(WhatsAppAdmin.layerConfig(providers).pipe(Layer.provide(withEnv(undefined))))
        )
      )
      assert.include(String(missing), "WA_ADMIN_PROVIDER")
    }))
})
