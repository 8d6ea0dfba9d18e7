/**
 * Core's `QuotaLedger.Storage` on the store's `wa_admin_quota` table: a row per key holding its
 * history (a JSON list of epoch milliseconds, the format the file store kept). An update is a
 * compare-and-set: the row read, the ledger's decision, and the new history written only where
 * the row still holds what was read (`UPDATE … WHERE history = <read>`, one statement, atomic on
 * both engines) — two round trips instead of a transaction's four; a writer that lost the race
 * decides again on a fresh read (core's `Storage.update` allows `change` to run more than once).
 * Where this storage itself last read or wrote a key's row — a runner spending one WABA's budget
 * creation after creation — the decision is taken on what it holds and set against it with no
 * read first: one round trip. The compare-and-set still guards it: had another writer changed
 * the row, nothing is written and the decision is taken again on a fresh read. A decision that
 * writes nothing (a refusal, say) is never answered from what this storage knew: it is taken
 * again on a fresh read.
 * A row another session holds locked (a transaction under way) is waited for up to the store's
 * lock wait, then fails closed.
 */
import type { SqlError } from "@effect/sql/SqlError"
import type { AdminError } from "@wa-admin/core"
import { QuotaLedger } from "@wa-admin/core"
import { Clock, Effect, Either, Option, Schema } from "effect"
import type { Engine } from "./engine.js"
import type { Asking } from "./failure.js"
import { classify, damagedRow, unavailable } from "./failure.js"

const decodeHistory = Schema.decodeUnknownEither(QuotaLedger.History)
const encodeHistory = Schema.encodeSync(QuotaLedger.History)

const subjectOf = (key: string) => `the quota history "${key}"`

/** What an update decides from the history read: its answer, and the history to store (`undefined`: none). */
type Change<A> = (
  history: ReadonlyArray<number>
) => Effect.Effect<readonly [A, ReadonlyArray<number> | undefined], AdminError.AdminError>

/** How many times an update reads and decides again when other writers keep changing the history in between. */
const maxAttempts = 100

/** How to recover from a history that cannot be trusted: restore it, or delete the row. */
const rowRecovery = (key: string) =>
  `Restore the database from a backup, or delete that row (DELETE FROM wa_admin_quota WHERE key = '${
    key.replaceAll("'", "''")
  }') to start an empty history: the provider still counts what it held, so it may refuse requests until its windows pass`

/** How many keys' rows a storage remembers (those used longest ago are forgotten first). */
const knownKeys = 10_000

/** A row as this storage last read or wrote it: its text and the history it holds. */
interface KnownRow {
  readonly text: string
  readonly history: ReadonlyArray<number>
}

/** What a storage last read or wrote under each key. */
const knownRows = () => {
  const rows = new Map<string, KnownRow>()
  return {
    get: (key: string): KnownRow | undefined => rows.get(key),
    set: (key: string, row: KnownRow): void => {
      rows.delete(key)
      rows.set(key, row)
      if (rows.size > knownKeys) {
        const oldest = rows.keys().next()
        if (oldest.done !== true) rows.delete(oldest.value)
      }
    },
    forget: (key: string): void => {
      rows.delete(key)
    }
  }
}

/** The history in a row's text; fails closed on anything else than a list of times. */
export const historyOf = (
  engine: Engine,
  asking: Asking,
  key: string,
  stored: unknown
): Effect.Effect<ReadonlyArray<number>, AdminError.AdminError> =>
  Either.match(decodeHistory(stored), {
    onLeft: () =>
      Effect.fail(
        damagedRow(
          engine,
          asking,
          "quota",
          subjectOf(key),
          stored === null ? "it holds no history" : "not a JSON list of times",
          rowRecovery(key)
        )
      ),
    onRight: (history) => Effect.succeed(history)
  })

/** The text a history is stored as. */
export const historyText = (history: ReadonlyArray<number>): string => encodeHistory(history)

/**
 * Core's `QuotaLedger.Storage` on the store: one storage for every provider's budgets, its
 * failures naming the provider and operation that asked (the `Origin`) and the key.
 */
export const make = (engine: Engine): QuotaLedger.Storage => {
  const { sql } = engine
  const failed = (asking: Asking, key: string) => (error: SqlError) =>
    unavailable(engine, asking, "quota", classify(engine, error), subjectOf(key))

  const known = knownRows()

  const select = (key: string) =>
    sql<{ readonly history: unknown }>`SELECT history FROM wa_admin_quota WHERE key = ${key}`

  /** The history of a row read (empty: no row), remembered as what the row holds. */
  const historyRead = (
    key: string,
    asking: Asking,
    row: { readonly history: unknown } | undefined
  ): Effect.Effect<ReadonlyArray<number>, AdminError.AdminError> => {
    known.forget(key)
    if (row === undefined) return Effect.succeed([])
    const text = row.history
    return Effect.tap(historyOf(engine, asking, key, text), (history) =>
      Effect.sync(() => {
        if (typeof text === "string") known.set(key, { text, history })
      }))
  }

  const read = (key: string, asking: Asking) =>
    select(key).pipe(
      Effect.mapError(failed(asking, key)),
      Effect.flatMap(([row]) => historyRead(key, asking, row))
    )

  /** Writes `next` only where the row still holds `text` (a compare-and-set); whether it did. */
  const setAgainst = (key: string, text: string, next: ReadonlyArray<number>) =>
    Effect.gen(function*() {
      known.forget(key)
      const now = yield* Clock.currentTimeMillis
      const nextText = historyText(next)
      const written =
        yield* sql`UPDATE wa_admin_quota SET history = ${nextText}, updated_at = ${now} WHERE key = ${key} AND history = ${text} RETURNING key`
      if (written.length > 0) known.set(key, { text: nextText, history: next })
      return written.length > 0
    })

  /**
   * An update decided on the row as this storage last read or wrote it, with no read: `change`'s
   * answer when it wrote and the row still held that; none otherwise (nothing known, a decision
   * that writes nothing or fails, another writer's change): the caller decides on a fresh read.
   */
  const attemptKnown = <A>(key: string, change: Change<A>): Effect.Effect<Option.Option<A>, SqlError> =>
    Effect.gen(function*() {
      const last = known.get(key)
      if (last === undefined) return Option.none()
      const decided = yield* Effect.either(change(last.history))
      if (Either.isLeft(decided)) return Option.none()
      const [result, next] = decided.right
      if (next === undefined) return Option.none()
      return (yield* setAgainst(key, last.text, next)) ? Option.some(result) : Option.none()
    })

  /**
   * One try of an update: the history read, `change` decided, and its answer written only if the
   * row still holds what was read (a compare-and-set in one statement); none when another writer
   * changed the row in between — the caller tries again on a fresh read.
   */
  const attempt = <A>(
    key: string,
    asking: Asking,
    change: Change<A>
  ): Effect.Effect<Option.Option<A>, AdminError.AdminError | SqlError> =>
    Effect.gen(function*() {
      const [row] = yield* select(key)
      const history = yield* historyRead(key, asking, row)
      const [result, next] = yield* change(history)
      if (next === undefined) return Option.some(result)
      if (row !== undefined && typeof row.history === "string") {
        return (yield* setAgainst(key, row.history, next)) ? Option.some(result) : Option.none()
      }
      known.forget(key)
      const now = yield* Clock.currentTimeMillis
      const text = historyText(next)
      const written =
        yield* sql`INSERT INTO wa_admin_quota (key, history, updated_at) VALUES (${key}, ${text}, ${now}) ON CONFLICT (key) DO NOTHING RETURNING key`
      if (written.length > 0) known.set(key, { text, history: next })
      return written.length > 0 ? Option.some(result) : Option.none()
    })

  const contended = (asking: Asking, key: string) =>
    unavailable(engine, asking, "quota", {
      kind: "locked",
      code: undefined,
      detail: `other writers changed the history between each of ${maxAttempts} reads and writes`
    }, subjectOf(key))

  const update = <A>(key: string, asking: Asking, change: Change<A>): Effect.Effect<A, AdminError.AdminError> => {
    const tried = (left: number): Effect.Effect<A, AdminError.AdminError | SqlError> =>
      Effect.flatMap(
        attempt(key, asking, change),
        Option.match({
          onSome: Effect.succeed,
          onNone: () => left > 1 ? tried(left - 1) : Effect.fail(contended(asking, key))
        })
      )
    return Effect.flatMap(
      attemptKnown(key, change),
      Option.match({ onSome: Effect.succeed, onNone: () => tried(maxAttempts) })
    ).pipe(Effect.catchTag("SqlError", (error) => Effect.fail(failed(asking, key)(error))))
  }

  return { read, update }
}
