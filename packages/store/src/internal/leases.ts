/**
 * Leases on the store's `wa_admin_leases` table: a key never leased before is taken in one
 * statement (its row made held: `INSERT … ON CONFLICT DO NOTHING`); every other change runs in the
 * engine's exclusive transaction on the lease's row (made free first when missing, so there is a
 * row to lock). Journaled (`journaled`), a first lease and the item's journal entry are written
 * together, and so are an item's last entry and its lease given back: on PostgreSQL one statement
 * (a data-modifying `WITH`), on SQLite one transaction.
 */
import type { SqlError } from "@effect/sql/SqlError"
import type { AdminError, MigrationJournal } from "@wa-admin/core"
import { Validation } from "@wa-admin/core"
import { Clock, DateTime, Duration, Effect, Either, Option, Schema } from "effect"
import * as Leases from "../Leases.js"
import type { Engine } from "./engine.js"
import type { Asking } from "./failure.js"
import { classify, damagedRow, unavailable } from "./failure.js"
import { insertEntry, Int, rowOf as journalRow, writeFailure } from "./journal.js"

const Row = Schema.Struct({ holder: Schema.NullOr(Schema.String), expires_at: Int })
const decodeRow = Schema.decodeUnknownEither(Row)

/** The longest key and holder accepted (a key names an item: a migration and a template, say). */
const maxKeyLength = 1_024
const maxHolderLength = 256

const textIssue = (field: string, value: unknown, max: number) =>
  typeof value !== "string" || value.length === 0
    ? [{ field, rule: "must be a non-empty string" }]
    : value.length > max
    ? [{ field, rule: `must be at most ${max} characters` }]
    : value.includes("\u0000")
    ? [{ field, rule: "must not contain NUL characters" }]
    : []

/** The lease's ttl in milliseconds, or the rules the input broke. */
const checkInput = (
  asking: Asking,
  input: { readonly key: string; readonly holder?: string; readonly ttl?: Duration.DurationInput }
): Effect.Effect<number, AdminError.InvalidInput> => {
  const ttl = input.ttl === undefined ? Option.some(Duration.zero) : Duration.decodeUnknown(input.ttl)
  const ttlIssues = input.ttl === undefined
    ? []
    : Option.match(ttl, {
      onNone: () => [{ field: "ttl", rule: "must be a duration" }],
      onSome: (duration) =>
        !Duration.isFinite(duration) || Duration.toMillis(duration) < 1
          ? [{ field: "ttl", rule: "must be a finite duration of at least 1 millisecond" }]
          : []
    })
  const issues = [
    ...textIssue("key", input.key, maxKeyLength),
    ...("holder" in input ? textIssue("holder", input.holder, maxHolderLength) : []),
    ...ttlIssues
  ]
  const [first, ...rest] = issues
  if (first !== undefined) return Effect.fail(Validation.invalidInput(asking, [first, ...rest]))
  return Effect.succeed(
    Option.match(ttl, { onNone: () => 0, onSome: (duration) => Math.ceil(Duration.toMillis(duration)) })
  )
}

/** The leases on the store, journaling in `journal` (the store's journal on the same engine). */
export const make = (engine: Engine, journal: MigrationJournal.Service): Leases.Service => {
  const { sql } = engine
  const asking = (operation: string): Asking => ({ provider: "wa-admin", operation: `leases.${operation}` })
  const subjectOf = (key: string) => `the lease "${key}"`
  const failed = (operation: string, key: string) => (error: SqlError) =>
    Effect.fail(unavailable(engine, asking(operation), "lease", classify(engine, error), subjectOf(key)))

  const damaged = (operation: string, key: string) =>
    damagedRow(
      engine,
      asking(operation),
      "lease",
      subjectOf(key),
      "not a holder and an expiry",
      `Delete that row (DELETE FROM wa_admin_leases WHERE key = '${key.replaceAll("'", "''")}') when no worker is ` +
        "working on the item: the next worker then reconciles it by reading its target back"
    )

  /** A lease row as read, or the failure naming it as damaged. */
  const rowOf = (operation: string, key: string, row: unknown) =>
    Either.match(decodeRow(row), {
      onLeft: () => Effect.fail(damaged(operation, key)),
      onRight: Effect.succeed
    })

  /** The lease's row, locked for the rest of the transaction (created free when missing). */
  const locked = (operation: string, key: string) =>
    Effect.gen(function*() {
      const lock = sql`SELECT holder, expires_at FROM wa_admin_leases WHERE key = ${key} ${engine.forUpdate}`
      let [row] = yield* lock
      if (row === undefined) {
        yield* sql`INSERT INTO wa_admin_leases (key, holder, expires_at) VALUES (${key}, NULL, 0) ON CONFLICT (key) DO NOTHING`
        ;[row] = yield* lock
      }
      return yield* rowOf(operation, key, row)
    })

  /**
   * Runs `change` on the lease's locked row in one exclusive transaction, with the time now (its
   * caller has checked the input).
   */
  const changeLocked = <A, E extends Leases.LeaseHeld | Leases.LeaseLost>(
    operation: "acquire" | "renew",
    key: string,
    change: (current: typeof Row.Type, now: number) => Effect.Effect<A, E | SqlError>
  ) =>
    engine.exclusive(
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const current = yield* locked(operation, key)
        return yield* change(current, now)
      })
    ).pipe(Effect.catchTag("SqlError", failed(operation, key)))

  const leaseOf = (
    key: string,
    holder: string,
    expiresAt: number,
    expired: Leases.Lease["expired"],
    first = false
  ): Leases.Lease => ({
    key,
    holder,
    expiresAt: DateTime.unsafeMake(expiresAt),
    expired,
    first
  })

  /** The statement taking a key never leased before (its row made held), answering the key when it did. */
  const takeFresh = (key: string, holder: string, now: number, expiresAt: number) =>
    sql`INSERT INTO wa_admin_leases (key, holder, expires_at, acquired_at) VALUES (${key}, ${holder}, ${expiresAt}, ${now}) ON CONFLICT (key) DO NOTHING RETURNING key`

  /**
   * A lease on a key never leased before, in one statement without a transaction: the row is
   * made held. `false` when the row is there already (the locked path decides then).
   */
  const acquireFresh = (key: string, holder: string, now: number, expiresAt: number) =>
    Effect.map(takeFresh(key, holder, now, expiresAt), (rows) => rows.length > 0)

  /** Frees the lease if `holder` holds it. */
  const free = (key: string, holder: string) =>
    sql`UPDATE wa_admin_leases SET holder = NULL, expires_at = 0 WHERE key = ${key} AND holder = ${holder}`

  /**
   * `acquireFresh`, recording `entry` in the journal when the lease is taken — both or neither:
   * one statement on PostgreSQL, one transaction on SQLite.
   */
  const acquireFreshRecording = (
    key: string,
    holder: string,
    now: number,
    expiresAt: number,
    entry: MigrationJournal.Entry
  ) => {
    const row = journalRow(entry)
    return engine.dialect === "pg"
      ? Effect.map(
        sql`WITH lease AS (${takeFresh(key, holder, now, expiresAt)})
          INSERT INTO wa_admin_journal (migration, item_key, action, phase, at, detail)
          SELECT ${row.migration}::text, ${row.item_key}::text, ${row.action}::text, ${row.phase}::text, ${row.at}::bigint, ${row.detail}::text
          FROM lease RETURNING id`,
        (rows) => rows.length > 0
      )
      : sql.withTransaction(
        Effect.tap(
          acquireFresh(key, holder, now, expiresAt),
          (fresh) => fresh ? insertEntry(engine, entry) : Effect.void
        )
      )
  }

  const acquireLocked = (key: string, holder: string, millis: number) =>
    changeLocked("acquire", key, (current, now) =>
      Effect.gen(function*() {
        if (current.holder !== null && current.expires_at > now) {
          return yield* new Leases.LeaseHeld({
            key,
            holder: current.holder,
            expiresAt: DateTime.unsafeMake(current.expires_at)
          })
        }
        const expiresAt = now + millis
        yield* sql`UPDATE wa_admin_leases SET holder = ${holder}, expires_at = ${expiresAt}, acquired_at = ${now} WHERE key = ${key}`
        return leaseOf(
          key,
          holder,
          expiresAt,
          current.holder === null
            ? Option.none()
            : Option.some({ holder: current.holder, expiredAt: DateTime.unsafeMake(current.expires_at) })
        )
      }))

  /**
   * A lease: a first one in one write (`fresh`: whether it took the key never leased before), any
   * other on the locked row.
   */
  const acquire = (
    key: string,
    holder: string,
    ttl: Duration.DurationInput,
    fresh: (now: number, expiresAt: number) => Effect.Effect<boolean, SqlError>
  ) =>
    Effect.flatMap(
      checkInput(asking("acquire"), { key, holder, ttl }),
      (millis) =>
        Effect.flatMap(Clock.currentTimeMillis, (now) =>
          fresh(now, now + millis).pipe(
            Effect.catchTag("SqlError", failed("acquire", key)),
            Effect.flatMap((first): Effect.Effect<
              { readonly lease: Leases.Lease; readonly first: boolean },
              Leases.LeaseHeld | AdminError.AdminError
            > =>
              first
                ? Effect.succeed({ lease: leaseOf(key, holder, now + millis, Option.none(), true), first })
                : Effect.map(acquireLocked(key, holder, millis), (lease) => ({ lease, first }))
            )
          ))
    )

  /**
   * `entry` recorded and the holder's lease given back — both or neither. A key or holder no lease
   * can have (the input `acquire` refuses) holds nothing to give back: the entry alone is recorded.
   */
  const releaseRecording = (key: string, holder: string, entry: MigrationJournal.Entry) => {
    const both = engine.dialect === "pg"
      ? sql`WITH released AS (${free(key, holder)}) ${insertEntry(engine, entry)}`
      : sql.withTransaction(Effect.zipRight(free(key, holder), insertEntry(engine, entry)))
    return checkInput(asking("release"), { key, holder }).pipe(
      Effect.matchEffect({
        onFailure: () => journal.record(entry),
        onSuccess: () => both.pipe(Effect.asVoid, Effect.mapError((error) => writeFailure(engine, error)))
      })
    )
  }

  return {
    acquire: (key, holder, ttl) =>
      Effect.map(
        acquire(key, holder, ttl, (now, expiresAt) => acquireFresh(key, holder, now, expiresAt)),
        ({ lease }) => lease
      ),
    journaled: {
      journal,
      acquire: (key, holder, ttl, entry) =>
        Effect.map(
          acquire(key, holder, ttl, (now, expiresAt) => acquireFreshRecording(key, holder, now, expiresAt, entry)),
          ({ first, lease }) => ({ ...lease, recorded: first })
        ),
      release: releaseRecording
    },
    renew: (key, holder, ttl) =>
      Effect.flatMap(
        checkInput(asking("renew"), { key, holder, ttl }),
        (millis) =>
          changeLocked("renew", key, (current, now) =>
            Effect.gen(function*() {
              if (current.holder !== holder) {
                return yield* new Leases.LeaseLost({
                  key,
                  holder,
                  ...(current.holder === null ? {} : { heldBy: current.holder })
                })
              }
              const expiresAt = now + millis
              yield* sql`UPDATE wa_admin_leases SET expires_at = ${expiresAt} WHERE key = ${key}`
              return leaseOf(key, holder, expiresAt, Option.none())
            }))
      ),
    release: (key, holder) =>
      Effect.flatMap(
        checkInput(asking("release"), { key, holder }),
        () =>
          free(key, holder).pipe(
            Effect.asVoid,
            Effect.catchTag("SqlError", failed("release", key))
          )
      ),
    holderOf: (key) =>
      Effect.flatMap(checkInput(asking("holderOf"), { key }), () =>
        Effect.gen(function*() {
          const now = yield* Clock.currentTimeMillis
          const [row] = yield* sql`SELECT holder, expires_at FROM wa_admin_leases WHERE key = ${key}`
          if (row === undefined) return Option.none()
          const current = yield* rowOf("holderOf", key, row)
          return current.holder === null || current.expires_at <= now
            ? Option.none()
            : Option.some({ holder: current.holder, expiresAt: DateTime.unsafeMake(current.expires_at) })
        }).pipe(Effect.catchTag("SqlError", failed("holderOf", key))))
  }
}
