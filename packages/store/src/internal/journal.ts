/**
 * Core's `MigrationJournal.Service` on the store's `wa_admin_journal` table: entries appended,
 * an item's progress its last entry. A row that is not an entry fails the read (closed), naming
 * the row — it is never skipped, as a line of the file journal was.
 */
import type { SqlError } from "@effect/sql/SqlError"
import { MigrationJournal } from "@wa-admin/core"
import { Effect, Either, Option, ParseResult, Schema } from "effect"
import type { Engine } from "./engine.js"
import { classify, explain } from "./failure.js"

/** A whole number as either engine answers it (PostgreSQL's `bigint` arrives as text). */
export const Int = Schema.Union(Schema.Int, Schema.compose(Schema.NumberFromString, Schema.Int))

const Row = Schema.Struct({
  id: Int,
  migration: Schema.String,
  item_key: Schema.String,
  action: Schema.String,
  phase: Schema.Literal("started", "done", "failed"),
  at: Int,
  detail: Schema.NullOr(Schema.String)
})

const decodeRow = Schema.decodeUnknownEither(Row)

/** An entry as a row of `wa_admin_journal` (its time in whole milliseconds, as the column keeps it). */
export const rowOf = (entry: MigrationJournal.Entry) => ({
  migration: entry.migration,
  item_key: entry.key,
  action: entry.action,
  phase: entry.phase,
  at: Math.round(entry.at),
  detail: entry.detail ?? null
})

/** The statement appending an entry to `wa_admin_journal`. */
export const insertEntry = (engine: Engine, entry: MigrationJournal.Entry) =>
  engine.sql`INSERT INTO wa_admin_journal ${engine.sql.insert(rowOf(entry))}`

const journalLocation = (engine: Engine) => `${engine.location} (table wa_admin_journal)`

/** What a journal failure says: where, the database's code, and what to do. */
const failureOf = (engine: Engine, error: SqlError) => {
  const classified = classify(engine, error)
  const { problem, recovery } = explain(engine, classified)
  return {
    path: journalLocation(engine),
    ...(classified.code === undefined ? {} : { code: classified.code }),
    reason: `${problem}. ${recovery}`
  }
}

/** A journal entry that could not be written. */
export const writeFailure = (engine: Engine, error: SqlError): MigrationJournal.JournalWriteError =>
  new MigrationJournal.JournalWriteError(failureOf(engine, error))

const idOf = (row: unknown): string => typeof row === "object" && row !== null && "id" in row ? String(row.id) : "?"

/** The journal on the store. */
export const make = (engine: Engine): MigrationJournal.Service => {
  const { sql } = engine
  const where = journalLocation(engine)
  const failure = (error: SqlError) => failureOf(engine, error)

  const toEntry = (row: unknown): Effect.Effect<MigrationJournal.Entry, MigrationJournal.JournalReadError> =>
    Either.match(decodeRow(row), {
      onLeft: (error) =>
        Effect.fail(
          new MigrationJournal.JournalReadError({
            path: where,
            reason:
              `row ${idOf(row)} is not a journal entry (${
                ParseResult.TreeFormatter.formatErrorSync(error).split("\n").join(" ")
              }), so the ` +
              `migration's progress cannot be trusted; nothing was sent. Restore the database from a backup, or delete that row ` +
              `(DELETE FROM wa_admin_journal WHERE id = ${
                idOf(row)
              }): the item is then reconciled by reading its target back`
          })
        ),
      onRight: (decoded) =>
        Effect.succeed(
          new MigrationJournal.Entry({
            migration: decoded.migration,
            key: decoded.item_key,
            action: decoded.action,
            phase: decoded.phase,
            at: decoded.at,
            ...(decoded.detail === null ? {} : { detail: decoded.detail })
          })
        )
    })

  return {
    progress: (migration) =>
      sql`SELECT j.id, j.migration, j.item_key, j.action, j.phase, j.at, j.detail FROM wa_admin_journal j
          WHERE j.migration = ${migration}
            AND j.id = (SELECT MAX(k.id) FROM wa_admin_journal k WHERE k.migration = j.migration AND k.item_key = j.item_key)
          ORDER BY j.id`.pipe(
        Effect.mapError((error) => new MigrationJournal.JournalReadError(failure(error))),
        Effect.flatMap((rows) => Effect.forEach(rows, toEntry)),
        Effect.map((entries) => new Map(entries.map((entry) => [entry.key, entry] as const)))
      ),
    entry: (migration, key) =>
      sql`SELECT id, migration, item_key, action, phase, at, detail FROM wa_admin_journal
          WHERE migration = ${migration} AND item_key = ${key} ORDER BY id DESC LIMIT 1`.pipe(
        Effect.mapError((error) => new MigrationJournal.JournalReadError(failure(error))),
        Effect.flatMap((rows) =>
          rows[0] === undefined ? Effect.succeed(Option.none()) : Effect.map(toEntry(rows[0]), Option.some)
        )
      ),
    record: (entry) =>
      insertEntry(engine, entry).pipe(
        Effect.asVoid,
        Effect.mapError((error) => writeFailure(engine, error))
      ),
    unreadable: Effect.succeed([])
  }
}
