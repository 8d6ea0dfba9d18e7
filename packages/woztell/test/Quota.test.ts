/**
 * The client-side template budgets under TestClock: refused before any request, with the time
 * until a slot frees; kept across a restart.
 */
import { KeyValueStore } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Templates } from "@wa-admin/core"
import { QuotaStore, WoztellAdmin, WoztellClient } from "@wa-admin/woztell"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { ConfigProvider, DateTime, Duration, Effect, Layer, TestClock } from "effect"
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs"
import { hostname } from "node:os"
import * as path from "node:path"
import {
  adminLayer,
  clientOptions,
  expectFailure,
  requestsTo,
  scenario,
  seededScenario,
  setup,
  temporaryDirectory,
  timeout,
  wireTemplate
} from "./support.js"

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

/** The environment `WoztellAdmin.layerConfig` reads: the emulator's settings and the quota directory. */
const environment = (emulator: WoztellEmulator.Emulator, quotaDirectory: string) =>
  ConfigProvider.fromMap(new Map(Object.entries({ ...emulator.environment, WOZTELL_QUOTA_DIR: quotaDirectory })))

describe("template creations: 100 per WABA per hour", () => {
  scenario(
    "the 101st within an hour is refused locally with the right retry-after, and succeeds after it",
    ({ emulator, run, credentials: { wabaId } }) =>
      Effect.gen(function*() {
        yield* run(createMany(wabaId, 0, 1))
        yield* TestClock.adjust("10 minutes")
        yield* run(createMany(wabaId, 1, 100))
        yield* emulator.clearRequests

        const error = yield* expectFailure(run(createMany(wabaId, 100, 101)), "QuotaExceeded")
        assert.strictEqual(error.operation, "templates.create")
        assert.strictEqual(error.limit, 100)
        assert.isTrue(
          Duration.equals(error.retryAfter, Duration.minutes(50)),
          `retry after ${Duration.format(error.retryAfter)}`
        )
        assert.isTrue(error.retryable)
        assert.deepStrictEqual(yield* emulator.requests, [], "refused before any request")

        const state = yield* run(QuotaStore.creations(wabaId))
        assert.strictEqual(state.used, 100)
        assert.strictEqual(state.remaining, 0)
        assert.isTrue(Duration.equals(state.nextSlotIn, Duration.minutes(50)))
        const nextSlot = yield* run(QuotaStore.nextCreationSlot(wabaId))
        assert.strictEqual(
          DateTime.toEpochMillis(nextSlot),
          Duration.toMillis("1 hour"),
          "the first creation's hour ends"
        )

        yield* TestClock.adjust(error.retryAfter)
        yield* run(createMany(wabaId, 100, 101))
        assert.strictEqual((yield* requestsTo(emulator, "PUT", "/whatsapp-message-template")).length, 1)
        assert.strictEqual((yield* emulator.templates(wabaId)).length, 101)

        const again = yield* Effect.flip(run(createMany(wabaId, 101, 102)))
        assert.strictEqual(again._tag, "QuotaExceeded", "the other 99 still hold the hour")
        if (again._tag === "QuotaExceeded") assert.isTrue(Duration.equals(again.retryAfter, Duration.minutes(10)))
      })
  )

  it.scoped("the limit holds across a restart: a new layer over the same store", () =>
    Effect.gen(function*() {
      const directory = yield* temporaryDirectory
      const emulator = yield* WoztellEmulator.make()
      const { wabaId } = emulator.credentials
      const options = clientOptions(emulator)

      // The first process: 100 creations, then it ends.
      yield* Effect.scoped(
        Effect.gen(function*() {
          const context = yield* Layer.build(adminLayer(options, QuotaStore.layerFileSystem(directory)))
          yield* createMany(wabaId, 0, 100).pipe(Effect.provide(context))
        })
      )
      yield* TestClock.adjust("30 minutes")
      yield* emulator.clearRequests

      // The second process: configured from the environment, WOZTELL_QUOTA_DIR naming the same directory.
      const restarted = yield* Layer.build(
        WoztellAdmin.layerConfig.pipe(
          Layer.provide(NodeHttpClient.layerUndici),
          Layer.provide(Layer.setConfigProvider(environment(emulator, directory)))
        )
      )
      const error = yield* expectFailure(createMany(wabaId, 100, 101).pipe(Effect.provide(restarted)), "QuotaExceeded")
      assert.isTrue(
        Duration.equals(error.retryAfter, Duration.minutes(30)),
        `retry after ${Duration.format(error.retryAfter)}`
      )
      assert.deepStrictEqual(yield* emulator.requests, [], "refused before any request")
      yield* TestClock.adjust("30 minutes")
      yield* createMany(wabaId, 100, 101).pipe(Effect.provide(restarted))
    }), timeout)
})

/**
 * The client's layers ask for their `QuotaStore` in their type (checked by the typecheck of
 * `pnpm test`): a program that gives none does not compile, rather than keeping quotas on disk
 * behind its back.
 */
type Needs<L> = L extends Layer.Layer<infer _Out, infer _Error, infer In> ? In : never
const clientLayerNeedsAStore: QuotaStore.QuotaStore extends Needs<ReturnType<typeof WoztellClient.layer>> ? true
  : false = true
const clientConfigNeedsAStore: QuotaStore.QuotaStore extends Needs<ReturnType<typeof WoztellClient.layerConfig>> ? true
  : false = true

describe("where the quotas are kept: always the store the layer says", () => {
  it("WoztellClient.layer and WoztellClient.layerConfig require a QuotaStore", () => {
    assert.isTrue(clientLayerNeedsAStore && clientConfigNeedsAStore)
  })

  it.scoped(
    "WoztellAdmin.layerConfig keeps them in WOZTELL_QUOTA_DIR, even with another QuotaStore in context",
    () =>
      Effect.gen(function*() {
        const directory = yield* temporaryDirectory
        const emulator = yield* WoztellEmulator.make()
        const { wabaId } = emulator.credentials
        const context = yield* Layer.build(
          WoztellAdmin.layerConfig.pipe(
            Layer.provide(Layer.merge(NodeHttpClient.layerUndici, QuotaStore.layerMemory())),
            Layer.provide(Layer.setConfigProvider(environment(emulator, directory)))
          )
        )
        yield* createMany(wabaId, 0, 1).pipe(Effect.provide(context))
        assert.isAbove(storeFiles(directory).length, 0, "the creation is recorded in WOZTELL_QUOTA_DIR")
        const onDisk = yield* Effect.flatMap(QuotaStore.makeFileSystem(directory), (quota) => quota.creations(wabaId))
        assert.strictEqual(onDisk.used, 1)
        assert.strictEqual(
          (yield* QuotaStore.creations(wabaId).pipe(Effect.provide(context))).used,
          1,
          "the store in use is that one"
        )
      }),
    timeout
  )

  it.scoped("WoztellClient.layer uses the QuotaStore it is given, and nothing else", () =>
    Effect.gen(function*() {
      const directory = yield* temporaryDirectory
      const emulator = yield* WoztellEmulator.make()
      const { wabaId } = emulator.credentials
      const context = yield* Layer.build(adminLayer(clientOptions(emulator), QuotaStore.layerFileSystem(directory)))
      yield* createMany(wabaId, 0, 2).pipe(Effect.provide(context))
      const onDisk = yield* Effect.flatMap(QuotaStore.makeFileSystem(directory), (quota) => quota.creations(wabaId))
      assert.strictEqual(onDisk.used, 2)
    }), timeout)
})

describe("template edits: once per 24 hours and 10 times per 30 days", () => {
  seededScenario(
    "each window refuses locally with its retry-after; another language has its own budget",
    [
      wireTemplate("promo", "en_US", "MARKETING", "Sale"),
      wireTemplate("promo", "es", "MARKETING", "Rebajas")
    ],
    ({ emulator, run, credentials: { wabaId } }) =>
      Effect.gen(function*() {
        const edit = (language: string, text: string) =>
          Effect.zipRight(
            // Meta reviews every edit (the template goes back to PENDING); approve it so it can be edited again.
            emulator.setTemplateStatus(wabaId, "promo", language, "APPROVED"),
            run(Templates.edit({ wabaId, name: "promo", language, components: [{ _tag: "BODY", text }] }))
          )
        yield* edit("en_US", "Sale 1")
        yield* TestClock.adjust("1 hour")
        yield* emulator.clearRequests
        const daily = yield* expectFailure(edit("en_US", "Sale 2"), "QuotaExceeded")
        assert.strictEqual(daily.quota, "template edits per 24 hours")
        assert.strictEqual(daily.limit, 1)
        assert.isTrue(Duration.equals(daily.retryAfter, Duration.hours(23)))
        assert.deepStrictEqual(yield* emulator.requests, [], "refused before any request, the id lookup included")
        yield* edit("es", "Rebajas 1")

        yield* TestClock.adjust("23 hours")
        for (let day = 1; day < 10; day++) {
          yield* edit("en_US", `Sale ${day + 1}`)
          yield* TestClock.adjust("24 hours")
        }
        yield* emulator.clearRequests
        const monthly = yield* expectFailure(edit("en_US", "Sale 11"), "QuotaExceeded")
        assert.strictEqual(monthly.quota, "template edits per 30 days")
        assert.strictEqual(monthly.limit, 10)
        assert.isTrue(Duration.equals(monthly.retryAfter, Duration.days(20)), Duration.format(monthly.retryAfter))
        assert.deepStrictEqual(yield* emulator.requests, [])
        const stored = yield* emulator.templates(wabaId)
        assert.strictEqual(stored.find((template) => template.language === "en_US")?.edits, 10)
        yield* TestClock.adjust(Duration.days(20))
        yield* edit("en_US", "Sale 11")
      })
  )
})

/** Every file the store keeps in a directory (whatever its layout). */
const storeFiles = (directory: string): ReadonlyArray<string> =>
  readdirSync(directory, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(directory, name))
    .filter((file) => statSync(file).isFile())

/** Ways a quota file can be found that say nothing trustworthy about the history it held. */
const damages: ReadonlyArray<readonly [string, (file: string) => void]> = [
  [
    "cut mid-write (its first half only)",
    (file) =>
      writeFileSync(file, readFileSync(file, "utf8").slice(0, Math.floor(readFileSync(file, "utf8").length / 2)))
  ],
  ["cut to nothing", (file) => writeFileSync(file, "")],
  ["corrupt JSON", (file) => writeFileSync(file, "{\"creations\": [1, 2")],
  ["JSON that is not a list of times", (file) => writeFileSync(file, "{\"used\": 100}")],
  ["a list holding something else than times", (file) => writeFileSync(file, "[1700000000000, \"soon\", null]")],
  [
    "unreadable (a directory where the file was)",
    (file) => {
      rmSync(file)
      mkdirSync(file)
    }
  ]
]

describe("a quota file that cannot be trusted fails closed", () => {
  for (const [damage, apply] of damages) {
    it.scoped(
      `${damage}: creations are refused naming the file and how to recover; 0 requests`,
      () =>
        Effect.gen(function*() {
          const directory = yield* temporaryDirectory
          const { emulator, run } = yield* setup({ quota: QuotaStore.layerFileSystem(directory) })
          const { wabaId } = emulator.credentials
          // 100 creations recorded in the last minute: the hour's budget is spent.
          yield* run(
            Effect.forEach(Array.from({ length: 100 }), () =>
              QuotaStore.QuotaStore.pipe(
                Effect.flatMap((quota) => quota.reserveCreation(wabaId, { provider: "woztell", operation: "test" }))
              ), { discard: true })
          )
          yield* TestClock.adjust("1 minute")
          const files = storeFiles(directory)
          assert.isAbove(files.length, 0)
          for (const file of files) apply(file)
          yield* emulator.clearRequests

          const error = yield* Effect.flip(run(createMany(wabaId, 0, 1)))
          assert.strictEqual(
            error._tag,
            "LocalStateUnavailable",
            "the history was not read, so no retry time can be given"
          )
          assert.isFalse(error.retryable, "retrying the same call cannot mend a damaged store")
          assert.isTrue(
            files.some((file) => error.message.includes(file)),
            `names the file: ${error.message}`
          )
          assert.include(error.message, "nothing was sent")
          assert.match(error.message, /move it aside|restore it|permissions/)
          const state = yield* Effect.flip(run(QuotaStore.creations(wabaId)))
          assert.isTrue(
            files.some((file) => state.message.includes(file)),
            "reading the budget fails the same way"
          )
          assert.deepStrictEqual(yield* emulator.requests, [], "nothing was sent")
        }),
      timeout
    )
  }

  it.effect("a value in any KeyValueStore that is not a history fails closed too", () =>
    Effect.gen(function*() {
      const store = yield* KeyValueStore.KeyValueStore
      yield* store.set("woztell.creations.190787529545503", "[17000000")
      const quota = yield* QuotaStore.make()
      const error = yield* Effect.flip(
        quota.reserveCreation("190787529545503", { provider: "woztell", operation: "templates.create" })
      )
      assert.include(error.message, "woztell.creations.190787529545503")
      assert.include(error.message, "nothing was sent")
      assert.strictEqual(
        yield* store.get("woztell.creations.190787529545503").pipe(
          Effect.map((value) => value._tag === "Some" ? value.value : "")
        ),
        "[17000000",
        "left as it was"
      )
    }).pipe(Effect.provide(KeyValueStore.layerMemory)))
})

describe("a lock left behind by another process is recovered", () => {
  const wabaId = "190787529545503"
  const lockFile = (directory: string) =>
    path.join(directory, `${encodeURIComponent(`woztell.creations.${wabaId}`)}@lock`)
  /** The pid of a process that has ended. */
  const deadPid = () => {
    const ended = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" })
    return Number(ended.stdout)
  }
  const reserve = (directory: string) =>
    Effect.flatMap(
      QuotaStore.makeFileSystem(directory),
      (quota) => quota.reserveCreation(wabaId, { provider: "woztell", operation: "templates.create" })
    )
  const holder = (pid: number, since: number) => JSON.stringify({ pid, host: hostname(), since, token: "left-behind" })

  const cases: ReadonlyArray<readonly [string, (file: string) => void]> = [
    ["by a process that has died on this machine", (file) => writeFileSync(file, holder(deadPid(), Date.now()))],
    [
      "by a live process, but long ago (a reused pid, a holder on another machine)",
      (file) => writeFileSync(file, holder(process.pid, Date.now() - 60_000))
    ],
    [
      "as an unreadable note, long ago",
      (file) => {
        writeFileSync(file, "{")
        utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000))
      }
    ]
  ]
  for (const [what, leave] of cases) {
    it.scoped(`a lock left ${what} is broken, the update is made, and no lock stays behind`, () =>
      Effect.gen(function*() {
        const directory = yield* temporaryDirectory
        yield* reserve(directory)
        leave(lockFile(directory))
        yield* reserve(directory)
        const quota = yield* QuotaStore.makeFileSystem(directory)
        assert.strictEqual((yield* quota.creations(wabaId)).used, 2)
        assert.isFalse(existsSync(lockFile(directory)))
        assert.deepStrictEqual(
          readdirSync(directory),
          [encodeURIComponent(`woztell.creations.${wabaId}`)],
          "no lock or temporary file left"
        )
      }))
  }
})

describe("keys longer than a file name", () => {
  it.scoped("a template name of 400 characters keeps its edit budget across a restart", () =>
    Effect.gen(function*() {
      const directory = yield* temporaryDirectory
      const template = { wabaId: "190787529545503", name: `long_${"n".repeat(395)}`, language: "en_US" }
      const origin = { provider: "woztell", operation: "templates.edit" }
      yield* Effect.flatMap(QuotaStore.makeFileSystem(directory), (quota) => quota.reserveEdit(template, origin))
      const restarted = yield* QuotaStore.makeFileSystem(directory)
      assert.strictEqual((yield* restarted.edits(template)).usedToday, 1)
      const error = yield* Effect.flip(restarted.reserveEdit(template, origin))
      assert.strictEqual(error._tag, "QuotaExceeded")
    }))
})
