/**
 * One behaviour suite, run on both engines (SQLite in a temporary file, PostgreSQL started by
 * the test): quota budgets over the store (TestClock time), failing closed on what cannot be
 * trusted; the migration journal; leases; and the layer the configuration chooses.
 */
import { assert } from "@effect/vitest"
import { AdminError, MigrationJournal, QuotaLedger } from "@wa-admin/core"
import { RecordingTracer } from "@wa-admin/core/testing"
import {
  Clock,
  ConfigError,
  ConfigProvider,
  DateTime,
  Deferred,
  Duration,
  Effect,
  Fiber,
  Layer,
  Option,
  Redacted,
  TestClock
} from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { Leases, Store } from "../src/index.js"
import { onEveryEngine, temporaryDirectory } from "./support/Engines.js"
import { Postgres } from "./support/Postgres.js"

const origin = { provider: "woztell", operation: "templates.create" }
const hourly = [{ limit: 3, window: Duration.hours(1), quota: "template creations per WABA per hour" }]

const expectUnavailable = (error: unknown): AdminError.LocalStateUnavailable => {
  assert.instanceOf(error, AdminError.LocalStateUnavailable)
  if (!(error instanceof AdminError.LocalStateUnavailable)) throw new Error("unreachable")
  assert.isFalse(error.retryable)
  assert.include(error.message, "nothing was sent")
  return error
}

onEveryEngine("the store", (it, engine) => {
  it.scoped("a budget of 3 per hour: the 4th is refused with the wait, a released slot is free again, and another connection sees it all", () =>
    Effect.gen(function*() {
      const fresh = yield* engine.fresh
      const ledger = QuotaLedger.make((yield* fresh.open()).quotaStorage)
      yield* ledger.reserve("woztell.creations.1", hourly, origin)
      yield* TestClock.adjust("10 minutes")
      const second = yield* ledger.reserve("woztell.creations.1", hourly, origin)
      yield* ledger.reserve("woztell.creations.1", hourly, origin)
      const refused = yield* Effect.flip(ledger.reserve("woztell.creations.1", hourly, origin))
      assert.strictEqual(refused._tag, "QuotaExceeded")
      // the first of the 3 ages out of the hour 50 minutes from now
      if (refused._tag === "QuotaExceeded") assert.strictEqual(Duration.format(refused.retryAfter), "50m")
      yield* second.release
      yield* ledger.reserve("woztell.creations.1", hourly, origin)
      // another key has its own budget
      yield* ledger.reserve("woztell.creations.2", hourly, origin)

      const other = QuotaLedger.make((yield* fresh.open()).quotaStorage)
      const usage = yield* other.usage("woztell.creations.1", hourly, "quota")
      assert.deepStrictEqual(usage.used, [3])
      assert.strictEqual(Duration.format(usage.nextSlotIn), "50m")
      yield* TestClock.adjust("50 minutes")
      yield* other.reserve("woztell.creations.1", hourly, origin)
      assert.deepStrictEqual((yield* ledger.usage("woztell.creations.1", hourly, "quota")).used, [3])
    }))

  it.scoped("one quota storage keeps every provider's budgets: each failure names the provider and operation that asked", () =>
    Effect.gen(function*() {
      const fresh = yield* engine.fresh
      const store = yield* fresh.open()
      const ledger = yield* QuotaLedger.QuotaLedger.pipe(
        Effect.provide(
          Store.quotaLedger({ provider: "kaleyra" }).pipe(Layer.provide(Layer.succeed(Store.Store, store)))
        )
      )
      const meta = { provider: "meta", operation: "numbers.register" }
      yield* ledger.reserve("meta.register.1", hourly, meta)
      yield* ledger.reserve("woztell.creations.1", hourly, origin)
      yield* store.sql.unsafe("UPDATE wa_admin_quota SET history = 'garbled'")
      const metaError = expectUnavailable(yield* Effect.flip(ledger.reserve("meta.register.1", hourly, meta)))
      const woztellError = expectUnavailable(
        yield* Effect.flip(ledger.reserve("woztell.creations.1", hourly, origin))
      )
      const bare = expectUnavailable(yield* Effect.flip(ledger.usage("woztell.creations.1", hourly, "quota")))
      assert.deepStrictEqual([metaError.provider, metaError.operation, metaError.store], [
        "meta",
        "numbers.register",
        "quota"
      ])
      assert.deepStrictEqual([woztellError.provider, woztellError.operation], ["woztell", "templates.create"])
      assert.strictEqual(bare.provider, "kaleyra", "a usage asked with a bare operation name is the owner's")
    }))

  for (
    const [what, garbled] of [
      ["not JSON (cut short)", "[1700000000000, 17000"],
      ["JSON but not a list", "{\"spent\": 3}"],
      ["a list of something else than times", "[\"yesterday\"]"]
    ] as const
  ) {
    it.scoped(`a history that is ${what} fails closed, naming the key and how to recover: no slot is given`, () =>
      Effect.gen(function*() {
        const fresh = yield* engine.fresh
        const store = yield* fresh.open()
        const ledger = QuotaLedger.make(store.quotaStorage)
        yield* ledger.reserve("woztell.creations.9", hourly, origin)
        yield* store.sql`UPDATE wa_admin_quota SET history = ${garbled} WHERE key = ${"woztell.creations.9"}`
        const refused = yield* Effect.flip(ledger.reserve("woztell.creations.9", hourly, origin))
        const unread = yield* Effect.flip(ledger.usage("woztell.creations.9", hourly, "quota"))
        for (const error of [expectUnavailable(refused), expectUnavailable(unread)]) {
          assert.include(error.message, `the quota history "woztell.creations.9"`)
          assert.include(error.message, "is damaged")
          assert.include(error.message, "DELETE FROM wa_admin_quota WHERE key = 'woztell.creations.9'")
        }
        // the damaged row was left as it was (nothing written over it)
        const [row] = yield* store.sql<
          { readonly history: string }
        >`SELECT history FROM wa_admin_quota WHERE key = ${"woztell.creations.9"}`
        assert.strictEqual(row?.history, garbled)
      }))
  }

  it.scoped("a dropped table fails closed, saying the tables were changed outside wa-admin", () =>
    Effect.gen(function*() {
      const fresh = yield* engine.fresh
      const store = yield* fresh.open()
      const ledger = QuotaLedger.make(store.quotaStorage)
      yield* store.sql.unsafe("DROP TABLE wa_admin_quota")
      const error = expectUnavailable(yield* Effect.flip(ledger.reserve("woztell.creations.1", hourly, origin)))
      assert.include(error.message, "not the ones wa-admin keeps")
      assert.include(error.message, "wa_admin_quota")
      assert.include(error.message, "Restore")
    }))

  it.scoped("a key held by another connection for longer than the lock wait fails closed (never taken as free)", () =>
    Effect.gen(function*() {
      const fresh = yield* engine.fresh
      const holder = QuotaLedger.make((yield* fresh.open()).quotaStorage)
      const waiter = QuotaLedger.make(
        (yield* fresh.open({ lockWait: "150 millis" })).quotaStorage
      )
      yield* holder.reserve("woztell.creations.1", hourly, origin)
      const held = yield* Deferred.make<void>()
      const letGo = yield* Deferred.make<void>()
      const holding = yield* fresh.open().pipe(
        Effect.flatMap((store) =>
          store.transaction(
            store.quotaStorage.update(
              "woztell.creations.1",
              { provider: "woztell", operation: "hold" },
              (history) => Effect.succeed([undefined, history] as const)
            ).pipe(Effect.zipRight(Deferred.succeed(held, undefined)), Effect.zipRight(Deferred.await(letGo)))
          )
        ),
        Effect.fork
      )
      yield* Deferred.await(held)
      const error = expectUnavailable(yield* Effect.flip(waiter.reserve("woztell.creations.1", hourly, origin)))
      assert.include(error.message, "stayed locked by another process for more than 150ms")
      assert.include(error.message, "Try again")
      yield* Deferred.succeed(letGo, undefined)
      yield* Fiber.join(holding)
      yield* waiter.reserve("woztell.creations.1", hourly, origin)
      assert.deepStrictEqual((yield* holder.usage("woztell.creations.1", hourly, "quota")).used, [2])
    }))

  it.scoped("an update another connection overtook between its read and its write decides again on a fresh read: no spending is lost", () =>
    Effect.gen(function*() {
      const fresh = yield* engine.fresh
      const first = (yield* fresh.open({ lockWait: "150 millis" })).quotaStorage
      const other = QuotaLedger.make((yield* fresh.open({ lockWait: "150 millis" })).quotaStorage)
      const seen: Array<number> = []
      const taken = yield* first.update("woztell.creations.1", origin, (history) =>
        Effect.gen(function*() {
          seen.push(history.length)
          // the first decision is overtaken: another connection spends the budget meanwhile
          if (seen.length === 1) yield* other.reserve("woztell.creations.1", hourly, origin)
          const now = yield* Clock.currentTimeMillis
          return [history.length, [...history, now]] as const
        }))
      assert.deepStrictEqual(seen, [0, 1])
      assert.strictEqual(taken, 1)
      assert.deepStrictEqual((yield* other.usage("woztell.creations.1", hourly, "quota")).used, [2])
    }))

  it.scoped("spending after its own spending sends one statement, set against what it wrote; another connection's spending in between is still counted", () =>
    Effect.gen(function*() {
      const fresh = yield* engine.fresh
      const ledger = QuotaLedger.make((yield* fresh.open()).quotaStorage)
      const other = QuotaLedger.make((yield* fresh.open()).quotaStorage)
      const five = [{ limit: 5, window: Duration.hours(1), quota: "template creations per WABA per hour" }]
      const recording = RecordingTracer.make()
      const statements = (effect: Effect.Effect<unknown, AdminError.AdminError>) =>
        Effect.gen(function*() {
          const before = recording.spans.filter((span) => span.name === "sql.execute").length
          yield* Effect.withTracer(effect, recording.tracer)
          return recording.spans.filter((span) => span.name === "sql.execute").length - before
        })
      yield* ledger.reserve("woztell.creations.1", five, origin)
      assert.strictEqual(yield* statements(ledger.reserve("woztell.creations.1", five, origin)), 1)
      yield* other.reserve("woztell.creations.1", five, origin)
      // what it wrote is no longer there: it decides again on a fresh read
      assert.strictEqual(yield* statements(ledger.reserve("woztell.creations.1", five, origin)), 3)
      assert.strictEqual(yield* statements(ledger.reserve("woztell.creations.1", five, origin)), 1)
      const refused = yield* Effect.flip(ledger.reserve("woztell.creations.1", five, origin))
      assert.strictEqual(refused._tag, "QuotaExceeded")
      assert.deepStrictEqual((yield* other.usage("woztell.creations.1", five, "quota")).used, [5])
    }))

  it.scoped("the journal: an item's progress is its last entry, per migration, kept across connections", () =>
    Effect.gen(function*() {
      const fresh = yield* engine.fresh
      const journal = (yield* fresh.open()).journal
      const entry = (key: string, phase: MigrationJournal.Entry["phase"], at: number, detail?: string) =>
        new MigrationJournal.Entry({
          migration: "templates a -> b",
          key,
          action: "create",
          phase,
          at,
          ...(detail === undefined ? {} : { detail })
        })
      yield* journal.record(entry("hello:en", "started", 1))
      yield* journal.record(entry("hello:en", "done", 2))
      yield* journal.record(entry("bye:en", "started", 3))
      yield* journal.record(entry("oops:de", "started", 4))
      yield* journal.record(entry("oops:de", "failed", 5, "woztell.templates.create: refused"))
      yield* journal.record(
        new MigrationJournal.Entry({
          migration: "templates c -> d",
          key: "hello:en",
          action: "update",
          phase: "started",
          at: 6
        })
      )
      const progress = yield* (yield* fresh.open()).journal.progress("templates a -> b")
      assert.deepStrictEqual(
        [...progress.values()].map((item) => [item.key, item.phase, item.at, item.detail]),
        [["hello:en", "done", 2, undefined], ["bye:en", "started", 3, undefined], [
          "oops:de",
          "failed",
          5,
          "woztell.templates.create: refused"
        ]]
      )
      assert.deepStrictEqual([...(yield* journal.progress("templates c -> d")).keys()], ["hello:en"])
      assert.strictEqual((yield* journal.progress("templates none")).size, 0)
      assert.deepStrictEqual(yield* journal.unreadable, [])

      // one item read alone: its last entry in that migration, none when it has none
      const one = (migration: string, key: string) =>
        Effect.map(
          journal.entry(migration, key),
          Option.map((item) => [item.migration, item.key, item.action, item.phase, item.at, item.detail])
        )
      assert.deepStrictEqual(
        yield* one("templates a -> b", "oops:de"),
        Option.some(["templates a -> b", "oops:de", "create", "failed", 5, "woztell.templates.create: refused"])
      )
      assert.deepStrictEqual(
        yield* one("templates a -> b", "hello:en"),
        Option.some(["templates a -> b", "hello:en", "create", "done", 2, undefined])
      )
      assert.deepStrictEqual(
        yield* one("templates c -> d", "hello:en"),
        Option.some(["templates c -> d", "hello:en", "update", "started", 6, undefined])
      )
      assert.deepStrictEqual(yield* one("templates c -> d", "bye:en"), Option.none())
      assert.deepStrictEqual(yield* one("templates none", "hello:en"), Option.none())
    }))

  it.scoped("the journal on a dropped table fails with the journal's errors, naming the table", () =>
    Effect.gen(function*() {
      const fresh = yield* engine.fresh
      const store = yield* fresh.open()
      yield* store.sql.unsafe("DROP TABLE wa_admin_journal")
      const read = yield* Effect.flip(store.journal.progress("templates a -> b"))
      assert.instanceOf(read, MigrationJournal.JournalReadError)
      assert.include(read.message, "wa_admin_journal")
      const readOne = yield* Effect.flip(store.journal.entry("templates a -> b", "hello:en"))
      assert.instanceOf(readOne, MigrationJournal.JournalReadError)
      assert.include(readOne.message, "wa_admin_journal")
      const write = yield* Effect.flip(
        store.journal.record(
          new MigrationJournal.Entry({ migration: "m", key: "k", action: "create", phase: "started", at: 1 })
        )
      )
      assert.instanceOf(write, MigrationJournal.JournalWriteError)
      assert.include(write.message, "not the ones wa-admin keeps")
    }))

  it.scoped("a lease: held until it expires, then taken over (the taker is told whose lease expired), renewed only by its holder", () =>
    Effect.gen(function*() {
      const fresh = yield* engine.fresh
      const leases = (yield* fresh.open()).leases
      const elsewhere = (yield* fresh.open()).leases
      const first = yield* leases.acquire("plan-1/hello:en", "worker-a", "5 minutes")
      assert.isTrue(Option.isNone(first.expired))
      assert.isTrue(first.first, "the key's first lease says so")
      const until = DateTime.formatIso(
        DateTime.add(DateTime.unsafeMake(yield* Clock.currentTimeMillis), { minutes: 5 })
      )
      assert.strictEqual(DateTime.formatIso(first.expiresAt), until)
      const held = yield* Effect.flip(elsewhere.acquire("plan-1/hello:en", "worker-b", "5 minutes"))
      assert.instanceOf(held, Leases.LeaseHeld)
      if (held instanceof Leases.LeaseHeld) {
        assert.strictEqual(held.holder, "worker-a")
        assert.strictEqual(held.message, `the lease "plan-1/hello:en" is held by worker-a until ${until}`)
      }
      // the holder renews: still held at the first expiry
      yield* TestClock.adjust("4 minutes")
      yield* leases.renew("plan-1/hello:en", "worker-a", "5 minutes")
      yield* TestClock.adjust("2 minutes")
      assert.strictEqual(
        (yield* Effect.flip(elsewhere.acquire("plan-1/hello:en", "worker-b", "5 minutes")))._tag,
        "LeaseHeld"
      )
      assert.deepStrictEqual(
        Option.map(yield* elsewhere.holderOf("plan-1/hello:en"), (lease) => lease.holder),
        Option.some("worker-a")
      )
      // worker-a stops renewing: the lease expires and worker-b takes it over, told it was worker-a's
      yield* TestClock.adjust("3 minutes")
      assert.isTrue(Option.isNone(yield* elsewhere.holderOf("plan-1/hello:en")))
      const taken = yield* elsewhere.acquire("plan-1/hello:en", "worker-b", "5 minutes")
      assert.deepStrictEqual(Option.map(taken.expired, (expired) => expired.holder), Option.some("worker-a"))
      assert.isFalse(taken.first)
      const lost = yield* Effect.flip(leases.renew("plan-1/hello:en", "worker-a", "5 minutes"))
      assert.instanceOf(lost, Leases.LeaseLost)
      assert.include(lost.message, "worker-b holds it now")
      // a release by a former holder does nothing; the holder's frees it
      yield* leases.release("plan-1/hello:en", "worker-a")
      assert.deepStrictEqual(
        Option.map(yield* leases.holderOf("plan-1/hello:en"), (lease) => lease.holder),
        Option.some("worker-b")
      )
      yield* elsewhere.release("plan-1/hello:en", "worker-b")
      assert.isTrue(Option.isNone(yield* leases.holderOf("plan-1/hello:en")))
      const again = yield* leases.acquire("plan-1/hello:en", "worker-c", "1 minute")
      assert.isTrue(Option.isNone(again.expired), "a released lease is free, not expired")
      assert.isFalse(again.first, "a key leased before is not leased for the first time")
      assert.strictEqual(
        (yield* Effect.flip(leases.renew("plan-1/other", "worker-c", "1 minute")))._tag,
        "LeaseLost"
      )
    }))

  it.scoped("journaled leases: a first lease and the item's start are written together (one statement on PostgreSQL), its end and the lease given back too; both or neither", () =>
    Effect.gen(function*() {
      const fresh = yield* engine.fresh
      const store = yield* fresh.open()
      const { journaled } = store.leases
      assert.strictEqual(journaled.journal, store.journal, "the entries go to the store's own journal")
      const recording = RecordingTracer.make()
      const statements = <A, E>(effect: Effect.Effect<A, E>) =>
        Effect.gen(function*() {
          const before = recording.spans.filter((span) => span.name === "sql.execute").length
          const result = yield* Effect.withTracer(effect, recording.tracer)
          return [result, recording.spans.filter((span) => span.name === "sql.execute").length - before] as const
        })
      const entry = (key: string, phase: MigrationJournal.Entry["phase"]) =>
        new MigrationJournal.Entry({ migration: "plan-1", key, action: "create", phase, at: 1_000 })
      const phaseOf = (key: string) =>
        Effect.map(store.journal.entry("plan-1", key), Option.map((found) => found.phase))
      const holderOf = (key: string) => Effect.map(store.leases.holderOf(key), Option.map((lease) => lease.holder))

      const [lease, acquiring] = yield* statements(
        journaled.acquire("plan-1/hello:en", "worker-a", "5 minutes", entry("hello:en", "started"))
      )
      assert.isTrue(lease.first)
      assert.isTrue(lease.recorded)
      assert.deepStrictEqual(yield* phaseOf("hello:en"), Option.some("started"))
      assert.deepStrictEqual(yield* holderOf("plan-1/hello:en"), Option.some("worker-a"))
      const [, releasing] = yield* statements(
        journaled.release("plan-1/hello:en", "worker-a", entry("hello:en", "done"))
      )
      assert.deepStrictEqual(yield* phaseOf("hello:en"), Option.some("done"))
      assert.isTrue(Option.isNone(yield* store.leases.holderOf("plan-1/hello:en")))
      if (engine.name === "postgresql") assert.deepStrictEqual([acquiring, releasing], [1, 1])

      // a key leased before is leased again, recording nothing
      const again = yield* journaled.acquire("plan-1/hello:en", "worker-b", "5 minutes", entry("hello:en", "started"))
      assert.isFalse(again.first)
      assert.isFalse(again.recorded)
      assert.deepStrictEqual(yield* phaseOf("hello:en"), Option.some("done"))
      assert.deepStrictEqual(yield* holderOf("plan-1/hello:en"), Option.some("worker-b"))

      // the journal cannot take the entry: no lease is taken either, and one given back stays held
      yield* store.sql.unsafe("DROP TABLE wa_admin_journal")
      const refused = yield* Effect.flip(
        journaled.acquire("plan-1/other:en", "worker-a", "5 minutes", entry("other:en", "started"))
      )
      assert.instanceOf(refused, AdminError.LocalStateUnavailable)
      assert.isTrue(Option.isNone(yield* store.leases.holderOf("plan-1/other:en")))
      const unwritten = yield* Effect.flip(
        journaled.release("plan-1/hello:en", "worker-b", entry("hello:en", "done"))
      )
      assert.strictEqual(unwritten._tag, "JournalWriteError")
      assert.deepStrictEqual(yield* holderOf("plan-1/hello:en"), Option.some("worker-b"))
    }))

  it.scoped("leases refuse bad input with InvalidInput naming each field, and write nothing", () =>
    Effect.gen(function*() {
      const fresh = yield* engine.fresh
      const leases = (yield* fresh.open()).leases
      const error = yield* Effect.flip(leases.acquire("", "worker\u0000a", "0 millis"))
      assert.instanceOf(error, AdminError.InvalidInput)
      if (error instanceof AdminError.InvalidInput) {
        assert.strictEqual(error.source, "local")
        assert.deepStrictEqual(error.issues.map((issue) => issue.field), ["key", "holder", "ttl"])
      }
      const infinite = yield* Effect.flip(leases.acquire("item", "worker-a", Duration.infinity))
      assert.instanceOf(infinite, AdminError.InvalidInput)
      const long = yield* Effect.flip(leases.renew("x".repeat(1_025), "worker-a", "1 minute"))
      assert.include(long.message, "key: must be at most 1024 characters")
      assert.isTrue(Option.isNone(yield* leases.holderOf("item")))
    }))
}, (it) => {
  it.scoped("layerConfig: SQLite at WA_ADMIN_STATE_DB or .wa-admin/state.db under the working directory; a blank URL is no URL", () =>
    Effect.gen(function*() {
      const directory = yield* temporaryDirectory("config")
      const open = (variables: ReadonlyArray<readonly [string, string]>) =>
        Store.Store.pipe(
          Effect.provide(Store.layerConfig({ workingDirectory: directory })),
          Effect.withConfigProvider(ConfigProvider.fromMap(new Map(variables)))
        )
      const byDefault = yield* open([["WA_ADMIN_DATABASE_URL", "  "]])
      assert.strictEqual(byDefault.dialect, "sqlite")
      assert.strictEqual(byDefault.location, path.join(directory, ".wa-admin", "state.db"))
      assert.isTrue(fs.existsSync(path.join(directory, ".wa-admin", "state.db")))
      const chosen = yield* open([["WA_ADMIN_STATE_DB", "elsewhere/team.db"]])
      assert.strictEqual(chosen.location, path.join(directory, "elsewhere", "team.db"))
      assert.isTrue(fs.existsSync(path.join(directory, "elsewhere", "team.db")))
    }))

  it.scoped("layerConfig: PostgreSQL when WA_ADMIN_DATABASE_URL is set; a URL that is not PostgreSQL's is refused without repeating it", () =>
    Effect.gen(function*() {
      const server = yield* Postgres
      const url = yield* server.createDatabase()
      const open = (value: string) =>
        Store.Store.pipe(
          Effect.provide(Store.layerConfig()),
          Effect.withConfigProvider(
            ConfigProvider.fromMap(
              new Map([["WA_ADMIN_DATABASE_URL", value], ["WA_ADMIN_STATE_DB", "/nonexistent/x.db"]])
            )
          )
        )
      const store = yield* open(Redacted.value(url))
      assert.strictEqual(store.dialect, "pg")
      assert.match(store.location, /^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/test_/)
      assert.notInclude(store.location, Redacted.value(server.password))
      const wrong = yield* Effect.flip(open("mysql://admin:hunter2-secret@db.example/wa"))
      assert.isTrue(ConfigError.isConfigError(wrong) && wrong._op === "InvalidData", String(wrong))
      assert.include(String(wrong), "WA_ADMIN_DATABASE_URL")
      assert.include(String(wrong), "must be a postgres:// or postgresql:// URL")
      assert.notInclude(String(wrong), "hunter2-secret")
    }))

  it.scoped("PostgreSQL that refuses the password, or cannot be reached, fails closed naming the server — never the password", () =>
    Effect.gen(function*() {
      const server = yield* Postgres
      const wrongPassword = `postgresql://postgres:not-the-password-s3cret@127.0.0.1:${server.port}/postgres`
      const refused = expectUnavailable(yield* Effect.flip(Store.makePostgres({ url: Redacted.make(wrongPassword) })))
      assert.strictEqual(refused.store, "wa-admin")
      assert.strictEqual(refused.location, `postgresql://postgres@127.0.0.1:${server.port}/postgres`)
      assert.include(refused.message, "refused wa-admin")
      assert.include(refused.message, "password authentication failed")
      assert.notInclude(JSON.stringify(refused), "not-the-password-s3cret")
      const closedPort = yield* Effect.promise(async () => {
        const net = await import("node:net")
        return new Promise<number>((resolve) => {
          const listener = net.createServer().listen(0, "127.0.0.1", () => {
            const address = listener.address()
            listener.close(() => resolve(typeof address === "object" && address !== null ? address.port : 1))
          })
        })
      })
      const unreachable = expectUnavailable(
        yield* Effect.flip(
          Store.makePostgres({
            url: Redacted.make(`postgres://wa:pw-s3cret@127.0.0.1:${closedPort}/wa?password=pw-s3cret`)
          })
        )
      )
      assert.include(unreachable.message, `PostgreSQL at postgres://wa@127.0.0.1:${closedPort}/wa cannot be reached`)
      assert.include(unreachable.message, "ECONNREFUSED")
      assert.notInclude(JSON.stringify(unreachable), "pw-s3cret")
    }))
})
