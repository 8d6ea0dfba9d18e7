/**
 * wa-admin's state in SQL — quota histories, migration journals, per-item leases — in one
 * schema on two engines, through `@effect/sql`:
 *
 * - **SQLite**, the embedded default: `.wa-admin/state.db` under the working directory (or the
 *   file `WA_ADMIN_STATE_DB` names), in WAL mode, waiting up to 15 s for another process's
 *   write. Zero set-up: the file and its directory are created on first use.
 * - **PostgreSQL** when `WA_ADMIN_DATABASE_URL` is set: many processes on many machines share one
 *   state. The URL is a secret (`Redacted`): errors show the server, user and database, never the
 *   password.
 *
 * The schema's migrations (`@effect/sql`'s Migrator, migrations as code) run when the layer is
 * built. Every quota reservation is a compare-and-set on its key's row (written only where the
 * row still holds what was read) and every lease change one transaction no other process or
 * machine interleaves with (SQLite `BEGIN IMMEDIATE`; PostgreSQL a row lock `SELECT … FOR
 * UPDATE`), so budgets hold across processes. Whatever cannot be read or trusted — a damaged
 * file, a garbled row, a dropped table, a lock held too long, an unreachable server — fails
 * closed with core's `LocalStateUnavailable` naming the store and how to recover.
 *
 * @example
 * import { Store } from "@wa-admin/store"
 * import { QuotaLedger } from "@wa-admin/core"
 * import { Layer } from "effect"
 *
 * // the ledger every adapter can spend budgets in, from WA_ADMIN_DATABASE_URL or .wa-admin/state.db
 * const ledger = Store.quotaLedger({ provider: "woztell" }).pipe(Layer.provide(Store.layerConfig()))
 *
 * @since 0.1.0
 */
import type * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import type { AdminError } from "@wa-admin/core"
import { MigrationJournal, QuotaLedger } from "@wa-admin/core"
import { Config, ConfigError, Context, Duration, Effect, Either, Layer, Option, Redacted } from "effect"
import type { Scope } from "effect"
import * as path from "node:path"
import type { Engine } from "./internal/engine.js"
import { openPostgres, openSqlite } from "./internal/engine.js"
import { classify, isSqlError, unavailable } from "./internal/failure.js"
import * as SqlJournal from "./internal/journal.js"
import * as SqlLeases from "./internal/leases.js"
import * as SqlQuota from "./internal/quota.js"
import * as Leases from "./Leases.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Which engine holds the state. */
  readonly dialect: "sqlite" | "pg"
  /** The database, safe to show: an absolute file path, or a PostgreSQL URL without its password. */
  readonly location: string
  /** The setting that chose it (for messages: where to change it). */
  readonly setting: string
  /** The client on the store's database (for other state that belongs beside it). */
  readonly sql: SqlClient.SqlClient
  /**
   * Core's quota storage on the store: one storage for every provider's budgets (their keys
   * differ), its errors naming the provider and operation that asked.
   */
  readonly quotaStorage: QuotaLedger.Storage
  /** The migration journal on the store (core's `MigrationJournal` interface). */
  readonly journal: MigrationJournal.Service
  /** Per-item leases on the store. */
  readonly leases: Leases.Service
  /**
   * A failure of a statement run on {@link Service.sql} as the store's other failures are told:
   * `LocalStateUnavailable` naming the store, what `subject` could not be used, that nothing was
   * sent, and how to recover.
   */
  readonly unavailable: (
    error: SqlError,
    asking: { readonly provider: string; readonly operation: string },
    store: string,
    subject?: string
  ) => AdminError.LocalStateUnavailable
  /**
   * Runs an effect in one transaction: all of it lands or none, and no other `transaction` of any
   * process runs alongside (SQLite: the database's write lock; PostgreSQL: an advisory transaction
   * lock). Quota updates inside it lock their rows as usual. The legacy import runs in one.
   */
  readonly transaction: <A, E, R>(
    effect: Effect.Effect<A, E, R>
  ) => Effect.Effect<A, Exclude<E, SqlError> | AdminError.LocalStateUnavailable, R>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Store extends Context.Tag("@wa-admin/store/Store")<Store, Service>() {}

/**
 * The variable naming a PostgreSQL database (`postgresql://user:password@host:5432/database`).
 *
 * @since 0.1.0
 * @category constants
 */
export const databaseUrlVariable = "WA_ADMIN_DATABASE_URL"

/**
 * The variable naming the SQLite file when no database URL is set.
 *
 * @since 0.1.0
 * @category constants
 */
export const statePathVariable = "WA_ADMIN_STATE_DB"

/**
 * The SQLite file when neither variable is set: `.wa-admin/state.db` under the working directory.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultStatePath: string = path.join(".wa-admin", "state.db")

/**
 * How long a store waits for a row or database another process holds before it fails closed.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultLockWait: Duration.Duration = Duration.seconds(15)

const fromEngine = (engine: Engine): Service => {
  const journal = SqlJournal.make(engine)
  return {
    dialect: engine.dialect,
    location: engine.location,
    setting: engine.setting,
    sql: engine.sql,
    quotaStorage: SqlQuota.make(engine),
    journal,
    leases: SqlLeases.make(engine, journal),
    unavailable: (error, asking, store, subject) =>
      unavailable(engine, asking, store, classify(engine, error), subject),
    transaction: <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      Effect.catchIf(
        engine.serialized("transactions", effect),
        (error: E | SqlError): error is SqlError => isSqlError(error),
        (error) =>
          Effect.fail(
            unavailable(
              engine,
              { provider: "wa-admin", operation: "store.transaction" },
              "wa-admin",
              classify(engine, error)
            )
          )
      )
  }
}

/**
 * Options of a SQLite store.
 *
 * @since 0.1.0
 * @category models
 */
export interface SqliteOptions {
  /** The database file (created with its directory when missing); relative to the working directory. */
  readonly filename: string
  /** How long to wait for another process's write before failing closed (default 15 s). */
  readonly lockWait?: Duration.DurationInput
  /** What chose the file, for messages (default: "the store's filename option"). */
  readonly setting?: string
}

/**
 * Options of a PostgreSQL store.
 *
 * @since 0.1.0
 * @category models
 */
export interface PostgresOptions {
  /** `postgres://` or `postgresql://` URL; a secret (the password is never shown). */
  readonly url: Redacted.Redacted<string>
  /** How long to wait for a row another session holds before failing closed (default 15 s). */
  readonly lockWait?: Duration.DurationInput
  /** The most connections this process opens (default 10). */
  readonly maxConnections?: number
  /** How long to wait for the server to answer when connecting (default 10 s). */
  readonly connectTimeout?: Duration.DurationInput
  /** What chose the URL, for messages (default: "the store's url option"). */
  readonly setting?: string
}

/** The options every store takes, their defaults filled in (`setting` naming the option that chose the database). */
const openingOf = (
  options: { readonly lockWait?: Duration.DurationInput; readonly setting?: string },
  setting: string
) => ({ lockWait: Duration.decode(options.lockWait ?? defaultLockWait), setting: options.setting ?? setting })

/**
 * A SQLite store, open for the scope (created, checked and migrated first).
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeSqlite = (
  options: SqliteOptions
): Effect.Effect<Service, AdminError.LocalStateUnavailable, Scope.Scope> =>
  Effect.map(
    openSqlite({ ...openingOf(options, "the store's filename option"), filename: options.filename }),
    fromEngine
  )

/**
 * A PostgreSQL store, connected for the scope (migrated first).
 *
 * @since 0.1.0
 * @category constructors
 */
export const makePostgres = (
  options: PostgresOptions
): Effect.Effect<Service, AdminError.LocalStateUnavailable, Scope.Scope> =>
  Effect.map(
    openPostgres({
      ...openingOf(options, "the store's url option"),
      url: options.url,
      maxConnections: options.maxConnections ?? 10,
      connectTimeout: Duration.decode(options.connectTimeout ?? Duration.seconds(10))
    }),
    fromEngine
  )

/**
 * @since 0.1.0
 * @category layers
 */
export const layerSqlite = (options: SqliteOptions): Layer.Layer<Store, AdminError.LocalStateUnavailable> =>
  Layer.scoped(Store, makeSqlite(options))

/**
 * @since 0.1.0
 * @category layers
 */
export const layerPostgres = (options: PostgresOptions): Layer.Layer<Store, AdminError.LocalStateUnavailable> =>
  Layer.scoped(Store, makePostgres(options))

/**
 * Which engine the configuration chose.
 *
 * @since 0.1.0
 * @category models
 */
export type Selection =
  | { readonly _tag: "sqlite"; readonly filename: string }
  | { readonly _tag: "postgresql"; readonly url: Redacted.Redacted<string> }

const checkUrl = (
  url: Redacted.Redacted<string>
): Either.Either<Redacted.Redacted<string>, ConfigError.ConfigError> => {
  const text = Redacted.value(url).trim()
  const invalid = (rule: string) => Either.left(ConfigError.InvalidData([databaseUrlVariable], rule))
  let parsed: URL
  try {
    parsed = new URL(text)
  } catch {
    return invalid("must be a URL (postgresql://user:password@host:5432/database)")
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    return invalid(`must be a postgres:// or postgresql:// URL, not ${parsed.protocol}//`)
  }
  return Either.right(Redacted.make(text))
}

/**
 * The engine chosen by the environment: PostgreSQL when `WA_ADMIN_DATABASE_URL` is set (and not
 * blank), else SQLite in `WA_ADMIN_STATE_DB` or {@link defaultStatePath}, a relative path taken
 * from `workingDirectory` (default: the process's). A URL that is not `postgres://` or
 * `postgresql://` fails with a `ConfigError` that does not repeat it.
 *
 * @since 0.1.0
 * @category config
 */
export const config = (options?: { readonly workingDirectory?: string }): Config.Config<Selection> =>
  Config.all({
    url: Config.option(Config.redacted(databaseUrlVariable)),
    file: Config.option(Config.string(statePathVariable))
  }).pipe(
    Config.mapOrFail(({ file, url }): Either.Either<Selection, ConfigError.ConfigError> => {
      const given = Option.filter(url, (value) => Redacted.value(value).trim().length > 0)
      if (Option.isSome(given)) {
        return Either.map(checkUrl(given.value), (checked) => ({ _tag: "postgresql", url: checked }))
      }
      const chosen = Option.getOrElse(
        Option.filter(file, (value) => value.trim().length > 0),
        () => defaultStatePath
      )
      return Either.right({
        _tag: "sqlite",
        filename: path.resolve(options?.workingDirectory ?? process.cwd(), chosen)
      })
    })
  )

/**
 * The store the environment chooses (see {@link config}), open for the layer's lifetime.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (options?: {
  readonly workingDirectory?: string
  readonly lockWait?: Duration.DurationInput
}): Layer.Layer<Store, ConfigError.ConfigError | AdminError.LocalStateUnavailable> =>
  Layer.scoped(
    Store,
    Effect.flatMap(config(options), (selection) =>
      selection._tag === "postgresql"
        ? makePostgres({
          url: selection.url,
          setting: databaseUrlVariable,
          ...(options?.lockWait === undefined ? {} : { lockWait: options.lockWait })
        })
        : makeSqlite({
          filename: selection.filename,
          setting: `${statePathVariable} (or ${databaseUrlVariable} for PostgreSQL)`,
          ...(options?.lockWait === undefined ? {} : { lockWait: options.lockWait })
        }))
  )

/**
 * Core's `QuotaLedger` on the store: the budgets of every provider in one place, atomic across
 * processes. A reservation's failure names the provider of its `Origin`; `owner` names the
 * provider of a `usage` asked with a bare operation name (default `"wa-admin"`).
 *
 * @since 0.1.0
 * @category layers
 */
export const quotaLedger = (owner?: QuotaLedger.Owner): Layer.Layer<QuotaLedger.QuotaLedger, never, Store> =>
  Layer.effect(QuotaLedger.QuotaLedger, Effect.map(Store, (store) => QuotaLedger.make(store.quotaStorage, owner)))

/**
 * Core's `MigrationJournal` on the store.
 *
 * @since 0.1.0
 * @category layers
 */
export const migrationJournal: Layer.Layer<MigrationJournal.MigrationJournal, never, Store> = Layer.effect(
  MigrationJournal.MigrationJournal,
  Effect.map(Store, (store) => store.journal)
)

/**
 * The leases on the store.
 *
 * @since 0.1.0
 * @category layers
 */
export const leases: Layer.Layer<Leases.Leases, never, Store> = Layer.effect(
  Leases.Leases,
  Effect.map(Store, (store) => store.leases)
)
