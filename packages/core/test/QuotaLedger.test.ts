/**
 * The ledger's decisions, under TestClock: a budget over a moving window refuses the spending
 * that would exceed it, with the wait until a slot frees; the longest wait of several windows
 * wins; a released slot is free again; what a storage cannot trust fails closed.
 */
import { KeyValueStore } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { QuotaLedger } from "@wa-admin/core"
import { Duration, Effect, Either, Schema, TestClock } from "effect"

const origin = { provider: "acme", operation: "numbers.register" }
const owner = { provider: "acme" }

describe("QuotaLedger", () => {
  it.effect("10 per moving 72 hours: the 11th is refused with the time the first one ages out, and allowed then", () =>
    Effect.gen(function*() {
      const ledger = QuotaLedger.make(yield* QuotaLedger.memory(owner))
      const windows = [{ limit: 10, window: Duration.hours(72), quota: "registrations per number per 72 hours" }]
      for (let index = 0; index < 10; index++) {
        yield* ledger.reserve("number-1", windows, origin)
        yield* TestClock.adjust("1 hour")
      }
      const refused = yield* Effect.flip(ledger.reserve("number-1", windows, origin))
      assert.strictEqual(refused._tag, "QuotaExceeded")
      if (refused._tag === "QuotaExceeded") {
        assert.strictEqual(refused.quota, "registrations per number per 72 hours")
        assert.strictEqual(refused.limit, 10)
        assert.isTrue(Duration.equals(refused.retryAfter, Duration.hours(62)), Duration.format(refused.retryAfter))
      }
      yield* ledger.reserve("number-2", windows, origin)
      const usage = yield* ledger.usage("number-1", windows, "quota")
      assert.deepStrictEqual(usage.used, [10])
      yield* TestClock.adjust("62 hours")
      yield* ledger.reserve("number-1", windows, origin)
    }))

  it.effect("several windows: the longest wait wins; a released slot is free again", () =>
    Effect.gen(function*() {
      const ledger = QuotaLedger.make(yield* QuotaLedger.memory(owner))
      const windows = [
        { limit: 1, window: Duration.days(1), quota: "edits per 24 hours" },
        { limit: 2, window: Duration.days(30), quota: "edits per 30 days" }
      ]
      yield* ledger.reserve("template", windows, origin)
      const daily = yield* Effect.flip(ledger.reserve("template", windows, origin))
      assert.strictEqual(daily._tag === "QuotaExceeded" ? daily.quota : daily._tag, "edits per 24 hours")
      yield* TestClock.adjust("1 day")
      const second = yield* ledger.reserve("template", windows, origin)
      yield* TestClock.adjust("1 day")
      const monthly = yield* Effect.flip(ledger.reserve("template", windows, origin))
      assert.strictEqual(monthly._tag === "QuotaExceeded" ? monthly.quota : monthly._tag, "edits per 30 days")
      yield* second.release
      yield* ledger.reserve("template", windows, origin)
    }))

  it.effect("a stored value that is not a history fails closed, naming the key: no slot is given", () =>
    Effect.gen(function*() {
      const store = yield* KeyValueStore.KeyValueStore
      yield* store.set("broken", "[17000000")
      const ledger = QuotaLedger.make(QuotaLedger.keyValue(Effect.succeed(store), owner))
      const windows = [{ limit: 100, window: Duration.hours(1), quota: "creations per hour" }]
      const error = yield* Effect.flip(ledger.reserve("broken", windows, origin))
      assert.strictEqual(error._tag, "LocalStateUnavailable")
      assert.include(error.message, "broken")
      assert.include(error.message, "nothing was sent")
      assert.isFalse(error.retryable)
    }).pipe(Effect.provide(KeyValueStore.layerMemory)))

  it.effect("one storage shared by several providers: a failure names the provider and operation that asked", () =>
    Effect.gen(function*() {
      const store = yield* KeyValueStore.KeyValueStore
      yield* store.set("woztell.creations.1", "not a history")
      yield* store.set("meta.creations.2", "not a history")
      const shared = QuotaLedger.keyValue(Effect.succeed(store), { provider: "wa-admin" })
      const ledger = QuotaLedger.make(shared)
      const windows = [{ limit: 100, window: Duration.hours(1), quota: "creations per hour" }]
      const woztell = yield* Effect.flip(
        ledger.reserve("woztell.creations.1", windows, { provider: "woztell", operation: "templates.create" })
      )
      const meta = yield* Effect.flip(
        ledger.usage("meta.creations.2", windows, { provider: "meta", operation: "quota.creations" })
      )
      assert.deepStrictEqual([woztell._tag, woztell.provider, woztell.operation], [
        "LocalStateUnavailable",
        "woztell",
        "templates.create"
      ])
      assert.deepStrictEqual([meta._tag, meta.provider, meta.operation], [
        "LocalStateUnavailable",
        "meta",
        "quota.creations"
      ])
      const bare = yield* Effect.flip(
        QuotaLedger.make(shared, { provider: "kaleyra" }).usage("meta.creations.2", windows, "quota")
      )
      assert.strictEqual(bare.provider, "kaleyra", "a bare operation name is the ledger owner's")
    }).pipe(Effect.provide(KeyValueStore.layerMemory)))

  it.effect("recordedOnAnswer: a slot counts from when the call answered, so it frees no earlier than the provider's window; a released slot stays released", () =>
    Effect.gen(function*() {
      const { storage, answered } = QuotaLedger.recordedOnAnswer(yield* QuotaLedger.memory(owner))
      const ledger = QuotaLedger.make(storage)
      const windows = [{ limit: 1, window: Duration.hours(1), quota: "creations per hour" }]
      // the call took 10 minutes to answer: the provider counted it somewhere in between
      yield* answered(Effect.zipRight(ledger.reserve("waba-1", windows, origin), TestClock.adjust("10 minutes")))
      yield* TestClock.adjust("50 minutes")
      const refused = yield* Effect.flip(ledger.reserve("waba-1", windows, origin))
      assert.strictEqual(refused._tag, "QuotaExceeded")
      if (refused._tag === "QuotaExceeded") {
        assert.isTrue(Duration.equals(refused.retryAfter, Duration.minutes(10)), Duration.format(refused.retryAfter))
      }
      yield* TestClock.adjust("10 minutes")
      yield* ledger.reserve("waba-1", windows, origin)

      // a call that failed and gave its slot back leaves nothing behind
      yield* Effect.either(answered(
        Effect.flatMap(
          ledger.reserve("waba-2", windows, origin),
          (slot) => Effect.zipRight(slot.release, Effect.fail("refused"))
        )
      ))
      assert.deepStrictEqual((yield* ledger.usage("waba-2", windows, "quota")).used, [0])
      // outside `answered` a slot counts from when it was taken, as with any storage
      yield* ledger.reserve("waba-3", windows, origin)
      yield* TestClock.adjust("1 hour")
      yield* ledger.reserve("waba-3", windows, origin)
    }))

  it("the history schema reads a JSON list of times and nothing else", () => {
    const decode = Schema.decodeUnknownEither(QuotaLedger.History)
    assert.deepStrictEqual(decode("[1717000000000,1717000001000]"), Either.right([1717000000000, 1717000001000]))
    for (const damaged of ["[17000000", "{}", "[\"1\"]", "", "null"]) {
      assert.isTrue(Either.isLeft(decode(damaged)), damaged)
    }
    assert.strictEqual(Schema.encodeSync(QuotaLedger.History)([1, 2]), "[1,2]")
  })
})
