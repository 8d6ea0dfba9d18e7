/**
 * The SQLite file when something happened to it: cut short, overwritten, not a database, in a
 * place that cannot hold it, migrated by a newer release, a journal row garbled. Every case
 * fails closed with `LocalStateUnavailable` (or the journal's own errors), naming the file and
 * how to recover — never an empty history that would let requests through.
 */
import { assert, describe, it } from "@effect/vitest"
import { AdminError, MigrationJournal, QuotaLedger } from "@wa-admin/core"
import { Duration, Effect } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { Store } from "../src/index.js"
import { temporaryDirectory } from "./support/Engines.js"

const origin = { provider: "woztell", operation: "templates.create" }
const hourly = [{ limit: 100, window: Duration.hours(1), quota: "template creations per WABA per hour" }]

/** A store file holding real histories (enough to span many pages), closed again. */
const populated = Effect.gen(function*() {
  const directory = yield* temporaryDirectory("file")
  const filename = path.join(directory, "state.db")
  yield* Effect.scoped(
    Effect.gen(function*() {
      const store = yield* Store.makeSqlite({ filename })
      const ledger = QuotaLedger.make(store.quotaStorage)
      yield* store.transaction(
        Effect.gen(function*() {
          for (let waba = 0; waba < 60; waba++) {
            for (let spent = 0; spent < 20; spent++) yield* ledger.reserve(`woztell.creations.${waba}`, hourly, origin)
          }
          for (let item = 0; item < 200; item++) {
            yield* store.journal.record(
              new MigrationJournal.Entry({
                migration: "templates a -> b",
                key: `template-${item}:en`,
                action: "create",
                phase: "done",
                at: item
              })
            )
          }
        })
      )
    })
  )
  return filename
})

const expectDamaged = (error: unknown, filename: string) => {
  assert.instanceOf(error, AdminError.LocalStateUnavailable)
  const message = error instanceof Error ? error.message : ""
  assert.include(message, `${filename} is damaged`)
  assert.include(message, "nothing was sent")
  assert.include(message, "move it aside with its -wal and -shm files")
}

describe("a SQLite store file", () => {
  it.scoped("is created with its directory, in WAL mode, waiting 15 s for another process's write by default", () =>
    Effect.gen(function*() {
      const directory = yield* temporaryDirectory("file")
      const filename = path.join(directory, "deeper", ".wa-admin", "state.db")
      const store = yield* Store.makeSqlite({ filename })
      assert.strictEqual(store.dialect, "sqlite")
      assert.strictEqual(store.location, filename)
      assert.deepStrictEqual(yield* store.sql.unsafe("PRAGMA journal_mode"), [{ journal_mode: "wal" }])
      assert.deepStrictEqual(yield* store.sql.unsafe("PRAGMA busy_timeout"), [{ timeout: 15_000 }])
      const lenient = yield* Store.makeSqlite({ filename, lockWait: "2 seconds" })
      assert.deepStrictEqual(yield* lenient.sql.unsafe("PRAGMA busy_timeout"), [{ timeout: 2_000 }])
    }))

  for (
    const [what, cut] of [
      ["cut to half its size", (size: number) => Math.floor(size / 2)],
      ["cut inside its first page", () => 2_000],
      ["cut inside its header", () => 60]
    ] as const
  ) {
    it.scoped(`${what}: opening fails closed, naming the file and how to recover`, () =>
      Effect.gen(function*() {
        const filename = yield* populated
        const { size } = fs.statSync(filename)
        assert.isAbove(size, 40_000)
        fs.truncateSync(filename, cut(size))
        const error = yield* Effect.flip(Store.makeSqlite({ filename }))
        expectDamaged(error, filename)
        // left as found, for the user to restore or move aside
        assert.strictEqual(fs.statSync(filename).size, cut(size))
      }))
  }

  it.scoped("overwritten in the middle: fails closed", () =>
    Effect.gen(function*() {
      const filename = yield* populated
      const handle = fs.openSync(filename, "r+")
      fs.writeSync(handle, Buffer.alloc(8_192, 0x5a), 0, 8_192, 12_288)
      fs.closeSync(handle)
      expectDamaged(yield* Effect.flip(Store.makeSqlite({ filename })), filename)
    }))

  it.scoped("a file that is not a database (a journal file named by mistake): fails closed and is left alone", () =>
    Effect.gen(function*() {
      const directory = yield* temporaryDirectory("file")
      const filename = path.join(directory, "templates.journal.jsonl")
      const text = "{\"migration\":\"m\",\"key\":\"k\",\"action\":\"create\",\"phase\":\"started\",\"at\":1}\n".repeat(
        20
      )
      fs.writeFileSync(filename, text)
      const error = yield* Effect.flip(Store.makeSqlite({ filename }))
      expectDamaged(error, filename)
      assert.include(error.message, "not a database")
      assert.strictEqual(fs.readFileSync(filename, "utf8"), text)
    }))

  it.scoped("a path through a regular file: fails closed saying it cannot be written, and where to choose another", () =>
    Effect.gen(function*() {
      const directory = yield* temporaryDirectory("file")
      fs.writeFileSync(path.join(directory, "not-a-directory"), "")
      const filename = path.join(directory, "not-a-directory", "state.db")
      const error = yield* Effect.flip(Store.makeSqlite({ filename, setting: "WA_ADMIN_STATE_DB" }))
      assert.instanceOf(error, AdminError.LocalStateUnavailable)
      assert.include(error.message, `${filename} cannot be read or written`)
      assert.include(error.message, `EEXIST: file already exists, mkdir '${path.dirname(filename)}'`)
      assert.include(error.message, "choose another file with WA_ADMIN_STATE_DB")
    }))

  it.scoped("migrated by a newer release: refused, not used half-understood", () =>
    Effect.gen(function*() {
      const filename = yield* populated
      yield* Effect.scoped(
        Effect.flatMap(Store.makeSqlite({ filename }), (store) =>
          store.sql`INSERT INTO wa_admin_schema_migrations (migration_id, name) VALUES (${99}, ${"from the future"})`)
      )
      const error = yield* Effect.flip(Store.makeSqlite({ filename }))
      assert.instanceOf(error, AdminError.LocalStateUnavailable)
      assert.include(
        error.message,
        "was written by a newer release of wa-admin (schema 99; this release knows up to 2)"
      )
    }))

  it.scoped("a garbled journal row fails the read closed, naming the row (never skipped)", () =>
    Effect.gen(function*() {
      const filename = yield* populated
      const store = yield* Store.makeSqlite({ filename })
      yield* store.sql`UPDATE wa_admin_journal SET at = ${"yesterday"} WHERE item_key = ${"template-7:en"}`
      const [row] = yield* store.sql<
        { readonly id: number }
      >`SELECT id FROM wa_admin_journal WHERE item_key = ${"template-7:en"}`
      const error = yield* Effect.flip(store.journal.progress("templates a -> b"))
      assert.instanceOf(error, MigrationJournal.JournalReadError)
      assert.include(error.message, `row ${row?.id} is not a journal entry`)
      assert.include(error.message, `DELETE FROM wa_admin_journal WHERE id = ${row?.id}`)
    }))

  it.scoped("a garbled lease row fails closed: the lease is neither given nor taken as free", () =>
    Effect.gen(function*() {
      const filename = yield* populated
      const store = yield* Store.makeSqlite({ filename })
      yield* store.leases.acquire("item", "worker-a", "1 minute")
      yield* store.sql`UPDATE wa_admin_leases SET expires_at = ${"soon"} WHERE key = ${"item"}`
      const error = yield* Effect.flip(store.leases.acquire("item", "worker-b", "1 minute"))
      assert.instanceOf(error, AdminError.LocalStateUnavailable)
      assert.include(error.message, `the lease "item" in ${filename} is damaged`)
    }))
})
