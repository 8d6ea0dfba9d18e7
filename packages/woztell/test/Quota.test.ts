/**
 * The client-side template budgets under TestClock: refused before any request, with the time
 * until a slot frees; kept across a restart.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { DateTime, Duration, Effect, Layer, TestClock } from "effect"
import { Templates } from "@wa-admin/core"
import { QuotaStore, WoztellAdmin, WoztellClient } from "@wa-admin/woztell"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import * as path from "node:path"
import { adminLayer, clientOptions, requestsTo, setup, wireBody } from "./support.js"

const draft = (name: string) => ({
  name,
  language: "en_US",
  category: "MARKETING" as const,
  components: [{ _tag: "BODY" as const, text: `Hello from ${name}` }]
})

const createMany = (wabaId: string, from: number, to: number) =>
  Effect.forEach(
    Array.from({ length: to - from }, (_, index) => from + index),
    (index) => Templates.create({ wabaId, template: draft(`bulk_${index}`) }),
    { discard: true }
  )

const temporaryDirectory = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(path.join(tmpdir(), "wa-admin-woztell-quota-"))),
  (directory) => Effect.sync(() => rmSync(directory, { recursive: true, force: true }))
)

/** Generous: the machine running the suite may be busy; nothing here waits on real time. */
const timeout = 60_000

describe("template creations: 100 per WABA per hour", () => {
  it.scoped("the 101st within an hour is refused locally with the right retry-after, and succeeds after it", () =>
    Effect.gen(function* () {
      const { emulator, run } = yield* setup()
      const { wabaId } = emulator.credentials
      yield* run(createMany(wabaId, 0, 1))
      yield* TestClock.adjust("10 minutes")
      yield* run(createMany(wabaId, 1, 100))
      yield* emulator.clearRequests

      const error = yield* Effect.flip(run(createMany(wabaId, 100, 101)))
      assert.strictEqual(error._tag, "QuotaExceeded")
      if (error._tag !== "QuotaExceeded") return
      assert.strictEqual(error.operation, "templates.create")
      assert.strictEqual(error.limit, 100)
      assert.isTrue(Duration.equals(error.retryAfter, Duration.minutes(50)), `retry after ${Duration.format(error.retryAfter)}`)
      assert.isTrue(error.retryable)
      assert.deepStrictEqual(yield* emulator.requests, [], "refused before any request")

      const state = yield* run(QuotaStore.creations(wabaId))
      assert.strictEqual(state.used, 100)
      assert.strictEqual(state.remaining, 0)
      assert.isTrue(Duration.equals(state.nextSlotIn, Duration.minutes(50)))
      const nextSlot = yield* run(QuotaStore.nextCreationSlot(wabaId))
      assert.strictEqual(DateTime.toEpochMillis(nextSlot), Duration.toMillis("1 hour"), "the first creation's hour ends")

      yield* TestClock.adjust(error.retryAfter)
      yield* run(createMany(wabaId, 100, 101))
      assert.strictEqual((yield* requestsTo(emulator, "PUT", "/whatsapp-message-template")).length, 1)
      assert.strictEqual((yield* emulator.templates(wabaId)).length, 101)

      const again = yield* Effect.flip(run(createMany(wabaId, 101, 102)))
      assert.strictEqual(again._tag, "QuotaExceeded", "the other 99 still hold the hour")
      if (again._tag === "QuotaExceeded") assert.isTrue(Duration.equals(again.retryAfter, Duration.minutes(10)))
    })
  , timeout)

  it.scoped("the limit holds across a restart: a new layer over the same store", () =>
    Effect.gen(function* () {
      const directory = yield* temporaryDirectory
      const emulator = yield* WoztellEmulator.make()
      const { wabaId } = emulator.credentials
      const options = clientOptions(emulator)

      // The first process: 100 creations, then it ends.
      yield* Effect.scoped(
        Effect.gen(function* () {
          const context = yield* Layer.build(adminLayer(options, QuotaStore.layerFileSystem(directory)))
          yield* createMany(wabaId, 0, 100).pipe(Effect.provide(context))
        })
      )
      yield* TestClock.adjust("30 minutes")
      yield* emulator.clearRequests

      // The second process: configured with the same directory, no QuotaStore in context.
      const restarted = yield* Layer.build(
        WoztellAdmin.layerComplete.pipe(
          Layer.provide(WoztellClient.layer({ ...options, quotaDirectory: directory })),
          Layer.provide(NodeHttpClient.layerUndici)
        )
      )
      const error = yield* Effect.flip(createMany(wabaId, 100, 101).pipe(Effect.provide(restarted)))
      assert.strictEqual(error._tag, "QuotaExceeded")
      if (error._tag === "QuotaExceeded") {
        assert.isTrue(Duration.equals(error.retryAfter, Duration.minutes(30)), `retry after ${Duration.format(error.retryAfter)}`)
      }
      assert.deepStrictEqual(yield* emulator.requests, [], "refused before any request")
      yield* TestClock.adjust("30 minutes")
      yield* createMany(wabaId, 100, 101).pipe(Effect.provide(restarted))
    })
  , timeout)
})

describe("template edits: once per 24 hours and 10 times per 30 days", () => {
  it.scoped("each window refuses locally with its retry-after; another language has its own budget", () =>
    Effect.gen(function* () {
      const { emulator, run } = yield* setup()
      const { wabaId } = emulator.credentials
      yield* emulator.seedTemplates(wabaId, [
        { name: "promo", language: "en_US", category: "MARKETING", components: [wireBody("Sale")] },
        { name: "promo", language: "es", category: "MARKETING", components: [wireBody("Rebajas")] }
      ])
      const edit = (language: string, text: string) =>
        Effect.zipRight(
          // Meta reviews every edit (the template goes back to PENDING); approve it so it can be edited again.
          emulator.setTemplateStatus(wabaId, "promo", language, "APPROVED"),
          run(Templates.edit({ wabaId, name: "promo", language, components: [{ _tag: "BODY", text }] }))
        )
      yield* edit("en_US", "Sale 1")
      yield* TestClock.adjust("1 hour")
      yield* emulator.clearRequests
      const daily = yield* Effect.flip(edit("en_US", "Sale 2"))
      assert.strictEqual(daily._tag, "QuotaExceeded")
      if (daily._tag === "QuotaExceeded") {
        assert.strictEqual(daily.quota, "template edits per 24 hours")
        assert.strictEqual(daily.limit, 1)
        assert.isTrue(Duration.equals(daily.retryAfter, Duration.hours(23)))
      }
      assert.deepStrictEqual(yield* emulator.requests, [], "refused before any request, the id lookup included")
      yield* edit("es", "Rebajas 1")

      yield* TestClock.adjust("23 hours")
      for (let day = 1; day < 10; day++) {
        yield* edit("en_US", `Sale ${day + 1}`)
        yield* TestClock.adjust("24 hours")
      }
      yield* emulator.clearRequests
      const monthly = yield* Effect.flip(edit("en_US", "Sale 11"))
      assert.strictEqual(monthly._tag, "QuotaExceeded")
      if (monthly._tag === "QuotaExceeded") {
        assert.strictEqual(monthly.quota, "template edits per 30 days")
        assert.strictEqual(monthly.limit, 10)
        assert.isTrue(Duration.equals(monthly.retryAfter, Duration.days(20)), Duration.format(monthly.retryAfter))
      }
      assert.deepStrictEqual(yield* emulator.requests, [])
      const stored = yield* emulator.templates(wabaId)
      assert.strictEqual(stored.find((template) => template.language === "en_US")?.edits, 10)
      yield* TestClock.adjust(Duration.days(20))
      yield* edit("en_US", "Sale 11")
    })
  , timeout)
})
