/**
 * Core's `QuotaLedger.Storage` on the store's `wa_admin_quota` table: a row per key holding its
 * history (a JSON list of epoch milliseconds, the format the file store kept).
 */
import type { SqlError } from "@effect/sql/SqlError"
import type { AdminError } from "@wa-admin/core"
import { QuotaLedger } from "@wa-admin/core"
import { Clock, Effect, Either, Schema } from "effect"
import type { Engine } from "./engine.js"
import type { Asking } from "./failure.js"
import { classify, damagedRow, unavailable } from "./failure.js"

const decodeHistory = Schema.decodeUnknownEither(QuotaLedger.History)
const encodeHistory = Schema.encodeSync(QuotaLedger.History)

const subjectOf = (key: string) => `the quota history "${key}"`

/** How to recover from a history that cannot be trusted: restore it, or delete the row. */
const rowRecovery = (key: string) =>
  `Restore the database from a backup, or delete that row (DELETE FROM wa_admin_quota WHERE key = '${
    key.replaceAll("'", "''")
  }') to start an empty history: the provider still counts what it held, so it may refuse requests until its windows pass`

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

  const read = (key: string, asking: Asking) =>
    sql<{ readonly history: unknown }>`SELECT history FROM wa_admin_quota WHERE key = ${key}`.pipe(
      Effect.mapError(failed(asking, key)),
      Effect.flatMap((
        [row]
      ) => (row === undefined ? Effect.succeed([]) : historyOf(engine, asking, key, row.history)))
    )

  return {
    read,
    update: (key, asking, change) =>
      engine
        .exclusive(
          Effect.gen(function*() {
            const now = yield* Clock.currentTimeMillis
            const lock = sql<
              { readonly history: unknown }
            >`SELECT history FROM wa_admin_quota WHERE key = ${key} ${engine.forUpdate}`
            let [row] = yield* lock
            if (row === undefined) {
              // A lock can only be taken on a row that is there: the first update of a key makes it.
              yield* sql`INSERT INTO wa_admin_quota (key, history, updated_at) VALUES (${key}, '[]', ${now}) ON CONFLICT (key) DO NOTHING`
              ;[row] = yield* lock
            }
            const history = yield* historyOf(engine, asking, key, row === undefined ? null : row.history)
            const [result, next] = yield* change(history)
            if (next !== undefined) {
              yield* sql`UPDATE wa_admin_quota SET history = ${
                historyText(next)
              }, updated_at = ${now} WHERE key = ${key}`
            }
            return result
          })
        )
        .pipe(Effect.catchTag("SqlError", (error) => Effect.fail(failed(asking, key)(error))))
  }
}
