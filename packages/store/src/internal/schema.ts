/**
 * The store's schema, one for both engines, as `@effect/sql` migrations (code, not files): run
 * when a store is opened, by one process at a time (see `engine.ts`).
 *
 * - `wa_admin_quota`: a row per budget key holding its history (the times it was spent, a JSON
 *   list of epoch milliseconds, as the file store kept it). A row per key rather than a row per
 *   spending because a reservation must read *all* of a key's recent spendings and add one with
 *   no other writer in between: a row per key is exactly the unit that is compared and set
 *   (`UPDATE … WHERE history = <read>`), whereas rows per spending would need a lock on rows that do not exist
 *   yet (two transactions each counting 99 of 100 and each inserting the 100th), that is a
 *   separate lock row or SERIALIZABLE retries. A history stays small: the ledger keeps only the
 *   spendings inside the longest window.
 * - `wa_admin_journal`: the migration journal, an entry per step of a plan's item, appended (what
 *   `MigrationJournal` keeps: migration, key, action, phase, time, detail); an item's progress is
 *   its last entry.
 * - `wa_admin_leases`: per-item leases (key, holder, expires_at); a free lease has no holder.
 * - `wa_admin_imports`: the legacy files imported (path, content digest), so none is imported twice.
 * - `wa_admin_fleet_jobs` and `wa_admin_fleet_pairs` (migration 2): the fleet jobs submitted
 *   (`@wa-admin/fleet`: the job file as validated, its state) and the progress of each WABA pair
 *   (or number) of a job — what a runner on any machine reports and `fleet status` reads.
 */
import * as Migrator from "@effect/sql/Migrator"
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

/** The table the migrator records applied migrations in (prefixed, so a shared database has no clash). */
export const migrationsTable = "wa_admin_schema_migrations"

const initial = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const serial = sql.onDialectOrElse({
    pg: () => sql.literal("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"),
    orElse: () => sql.literal("INTEGER PRIMARY KEY AUTOINCREMENT")
  })
  yield* sql`CREATE TABLE wa_admin_quota (
    key TEXT PRIMARY KEY NOT NULL,
    history TEXT NOT NULL,
    updated_at BIGINT NOT NULL
  )`
  yield* sql`CREATE TABLE wa_admin_journal (
    id ${serial},
    migration TEXT NOT NULL,
    item_key TEXT NOT NULL,
    action TEXT NOT NULL,
    phase TEXT NOT NULL CHECK (phase IN ('started', 'done', 'failed')),
    at BIGINT NOT NULL,
    detail TEXT
  )`
  yield* sql`CREATE INDEX wa_admin_journal_item ON wa_admin_journal (migration, item_key, id)`
  yield* sql`CREATE TABLE wa_admin_leases (
    key TEXT PRIMARY KEY NOT NULL,
    holder TEXT,
    expires_at BIGINT NOT NULL,
    acquired_at BIGINT
  )`
  yield* sql`CREATE TABLE wa_admin_imports (
    source TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('journal', 'quota')),
    digest TEXT NOT NULL,
    entries INTEGER NOT NULL,
    imported_at BIGINT NOT NULL
  )`
})

const fleet = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  yield* sql`CREATE TABLE wa_admin_fleet_jobs (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    spec TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('submitted', 'dispatched', 'cancelled')),
    submitted_at BIGINT NOT NULL,
    dispatched_at BIGINT,
    cancelled_at BIGINT
  )`
  yield* sql`CREATE TABLE wa_admin_fleet_pairs (
    job TEXT NOT NULL,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'waiting', 'done', 'failed', 'cancelled')),
    total INTEGER NOT NULL,
    done INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    waiting_until BIGINT,
    detail TEXT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (job, position)
  )`
})

/** Every migration, by id. */
export const migrations = { "1_state": initial, "2_fleet": fleet }

/** The newest migration this release knows: a store migrated further was written by a newer release. */
export const latestMigration = Math.max(...Object.keys(migrations).map((key) => Number.parseInt(key, 10)))

/** The loader the migrator runs. */
export const loader: Migrator.Loader = Migrator.fromRecord(migrations)
