import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Capabilities, Port, Profile, TenantRegistry, WhatsAppAdmin } from "@wa-admin/core"
import { ConfigProvider, Data, Deferred, Effect, Exit, Fiber, Layer, Scope, TestClock } from "effect"

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
    Effect.gen(function*() {
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
    Effect.gen(function*() {
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
    Effect.gen(function*() {
      let running = 0
      let peak = 0
      const slow = Port.layerComplete({
        provider: "slow",
        supportStatus: "stable",
        businessProfile: BusinessProfile.make("slow", {
          get: () =>
            Effect.gen(function*() {
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
    Effect.gen(function*() {
      const registry = yield* TenantRegistry.make<string, string, never>({
        resolve: (account) => Effect.fail(`no credentials for ${account}`)
      })
      const error = yield* Effect.flip(registry.use("ghost", BusinessProfile.get({ number: "n" })))
      assert.strictEqual(error, "no credentials for ghost")
    }).pipe(Effect.scoped))
})

/** An account's layer whose clients record when they are released. */
const releasingLayer = (account: string, released: Array<string>) =>
  Layer.merge(
    profileLayer(account, []),
    Layer.scopedDiscard(Effect.addFinalizer(() => Effect.sync(() => released.push(account))))
  )

describe("TenantRegistry lifecycle", () => {
  it.scoped("a failed resolve is not kept: the next call for the account resolves it again", () =>
    Effect.gen(function*() {
      let attempts = 0
      const registry = yield* TenantRegistry.make({
        resolve: (account: string) =>
          Effect.suspend(() => {
            attempts++
            return attempts === 1 ? Effect.fail("secret store unavailable") : Effect.succeed(profileLayer(account, []))
          })
      })
      const first = yield* Effect.flip(registry.use("a", BusinessProfile.get({ number: "n" })))
      assert.strictEqual(first, "secret store unavailable")
      assert.strictEqual(yield* registry.active, 0)
      const profile = yield* registry.use("a", BusinessProfile.get({ number: "n" }))
      assert.strictEqual(profile.about, "profile of a")
      assert.strictEqual(attempts, 2)
      assert.strictEqual(yield* registry.builds, 1)
    }))

  it.scoped("every call waiting for an account's first build gets its failure", () =>
    Effect.gen(function*() {
      const registry = yield* TenantRegistry.make<string, string, never>({
        resolve: (account) => Effect.zipRight(Effect.sleep("1 second"), Effect.fail(`no credentials for ${account}`))
      })
      const calls = yield* Effect.forEach(
        [1, 2, 3],
        () => Effect.fork(Effect.flip(registry.use("ghost", BusinessProfile.get({ number: "n" })))),
        { concurrency: "unbounded" }
      )
      yield* TestClock.adjust("1 second")
      assert.deepStrictEqual(yield* Fiber.joinAll(calls), [
        "no credentials for ghost",
        "no credentials for ghost",
        "no credentials for ghost"
      ])
    }))

  it.scoped("a caller interrupted while its account is built does not stop the build for the others", () =>
    Effect.gen(function*() {
      const calls: Array<string> = []
      const registry = yield* TenantRegistry.make({
        resolve: (account: string) => Effect.as(Effect.sleep("1 second"), profileLayer(account, calls))
      })
      const first = yield* Effect.fork(registry.use("a", BusinessProfile.get({ number: "first" })))
      const second = yield* Effect.fork(registry.use("a", BusinessProfile.get({ number: "second" })))
      yield* Effect.yieldNow()
      yield* Fiber.interrupt(first)
      yield* TestClock.adjust("1 second")
      const profile = yield* Fiber.join(second)
      assert.strictEqual(profile.about, "profile of a")
      assert.deepStrictEqual(calls, ["a:second"])
      assert.strictEqual(yield* registry.builds, 1)
    }))

  it.scoped("invalidate releases an account's clients once its running calls end; the next call rebuilds them", () =>
    Effect.gen(function*() {
      const released: Array<string> = []
      const registry = yield* TenantRegistry.make({
        resolve: (account: string) => Effect.succeed(releasingLayer(account, released))
      })
      const gate = yield* Deferred.make<void>()
      const running = yield* Effect.fork(
        registry.use("a", Effect.zipRight(Deferred.await(gate), BusinessProfile.get({ number: "n" })))
      )
      yield* Effect.yieldNow()
      yield* registry.invalidate("a")
      assert.deepStrictEqual(released, [])
      assert.strictEqual(yield* registry.active, 0)
      yield* Deferred.succeed(gate, undefined)
      const profile = yield* Fiber.join(running)
      assert.strictEqual(profile.about, "profile of a")
      assert.deepStrictEqual(released, ["a"])
      yield* registry.use("a", BusinessProfile.get({ number: "n" }))
      assert.strictEqual(yield* registry.builds, 2)
      yield* registry.invalidate("a")
      assert.deepStrictEqual(released, ["a", "a"])
    }))

  it.scoped("an account used again before its idle time is up keeps its clients", () =>
    Effect.gen(function*() {
      const released: Array<string> = []
      const registry = yield* TenantRegistry.make({
        resolve: (account: string) => Effect.succeed(releasingLayer(account, released)),
        idleTimeToLive: "1 minute"
      })
      yield* registry.use("a", BusinessProfile.get({ number: "n" }))
      yield* TestClock.adjust("50 seconds")
      yield* registry.use("a", BusinessProfile.get({ number: "n" }))
      yield* TestClock.adjust("50 seconds")
      assert.deepStrictEqual(released, [])
      assert.strictEqual(yield* registry.active, 1)
      yield* TestClock.adjust("11 seconds")
      assert.deepStrictEqual(released, ["a"])
      assert.strictEqual(yield* registry.builds, 1)
    }))

  it.effect("closing the registry's scope releases every account's clients; later calls are interrupted", () =>
    Effect.gen(function*() {
      const released: Array<string> = []
      const scope = yield* Scope.make()
      const registry = yield* Scope.extend(
        TenantRegistry.make({ resolve: (account: string) => Effect.succeed(releasingLayer(account, released)) }),
        scope
      )
      yield* Effect.forEach(["a", "b", "c"], (account) => registry.use(account, BusinessProfile.get({ number: "n" })))
      assert.deepStrictEqual(released, [])
      yield* Scope.close(scope, Exit.void)
      assert.deepStrictEqual([...released].sort(), ["a", "b", "c"])
      const after = yield* Effect.exit(registry.use("a", BusinessProfile.get({ number: "n" })))
      assert.isTrue(Exit.isInterrupted(after))
    }))

  it.scoped("accounts are told apart by value", () =>
    Effect.gen(function*() {
      const registry = yield* TenantRegistry.make({
        resolve: (account: { readonly provider: string; readonly id: string }) =>
          Effect.succeed(profileLayer(account.id, []))
      })
      yield* registry.use(Data.struct({ provider: "vonage", id: "1" }), BusinessProfile.get({ number: "n" }))
      yield* registry.use(Data.struct({ provider: "vonage", id: "1" }), BusinessProfile.get({ number: "n" }))
      yield* registry.use(Data.struct({ provider: "vonage", id: "2" }), BusinessProfile.get({ number: "n" }))
      assert.strictEqual(yield* registry.builds, 2)
    }))
})

describe("WhatsAppAdmin.layerConfig", () => {
  it.effect("picks the provider named by WA_ADMIN_PROVIDER and reports unknown names", () =>
    Effect.gen(function*() {
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
