/**
 * The two engines behind the store, opened to the same shape: a `SqlClient`, a description safe
 * to show, and `exclusive`, a transaction no other writer — in this process, another process or
 * on another machine — can interleave with:
 *
 * - **SQLite**: `BEGIN IMMEDIATE` takes the database's write lock at the start of the
 *   transaction (a deferred `BEGIN` would take it at the first write, and two readers wanting to
 *   write would fail instead of waiting). Waiting for it is bounded by `busy_timeout`. Fibers of
 *   one process take turns on the client's single connection.
 * - **PostgreSQL**: a transaction in which the caller locks the key's row (`SELECT … FOR
 *   UPDATE`; a missing row is made first with `INSERT … ON CONFLICT DO NOTHING`, so there is a row
 *   to lock), with `lock_timeout` — set once per connection — bounding the wait. A row lock rather than an advisory lock: the lock is on the data itself, so every
 *   writer of the row takes it whether or not it knows the convention; it is released by commit,
 *   rollback or a dropped connection; it works through transaction-pooling proxies (PgBouncer);
 *   and it needs no mapping of text keys onto 64-bit advisory keys.
 *
 * Opening runs the schema's migrations with one opener at a time (SQLite: inside `BEGIN
 * IMMEDIATE`; PostgreSQL: under a session advisory lock on a reserved connection, as two
 * migrators racing to create the migrations table would otherwise collide), and refuses a store
 * that a newer release migrated further, or that SQLite finds damaged (`PRAGMA quick_check`).
 */
import * as Reactivity from "@effect/experimental/Reactivity"
import { PgClient } from "@effect/sql-pg"
import { SqliteClient } from "@effect/sql-sqlite-node"
import * as Migrator from "@effect/sql/Migrator"
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import type { Fragment } from "@effect/sql/Statement"
import { AdminError } from "@wa-admin/core"
import { Cause, Duration, Effect, Option, Redacted, Scope } from "effect"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import type { Classified, Describing } from "./failure.js"
import { classify, isSqlError, unavailable } from "./failure.js"
import { latestMigration, loader, migrationsTable } from "./schema.js"

/** An open store: its client, who it is, and its exclusive transaction. */
export interface Engine extends Describing {
  readonly sql: SqlClient.SqlClient
  /**
   * Runs `effect` in a transaction no other writer interleaves with (on PostgreSQL, only for the
   * rows `effect` locks with {@link Engine.forUpdate}). Nested calls are savepoints of the outer one.
   */
  readonly exclusive: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | SqlError, R>
  /** `FOR UPDATE` on PostgreSQL; nothing on SQLite, whose exclusive transaction holds the whole database. */
  readonly forUpdate: Fragment
  /**
   * Serialises `effect` against every other caller of `serialized` with the same `name`, in
   * every process, within an exclusive transaction.
   */
  readonly serialized: <A, E, R>(name: SerialName, effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | SqlError, R>
}

/** The advisory locks the store takes on PostgreSQL, by name (constant keys, never reused). */
const advisoryKeys = {
  migrations: "7305136400470516001",
  transactions: "7305136400470516002"
} as const

/** What `serialized` can serialise. */
export type SerialName = keyof typeof advisoryKeys

const openAsking = { provider: "wa-admin", operation: "store.open" }

/** A failure to open (or migrate) a store, as `LocalStateUnavailable`. */
const openFailure = (engine: Describing, failure: Classified) => unavailable(engine, openAsking, "wa-admin", failure)

/**
 * The failure inside a migrator's error or a defect: `@effect/sql` turns a failed migration and a
 * failed `COMMIT` into defects, and the SQLite binding throws while opening a damaged file.
 */
const causeOf = (error: unknown): unknown =>
  typeof error === "object" && error !== null && "_tag" in error && error._tag === "MigrationError" &&
    "cause" in error &&
    error.cause !== undefined
    ? causeOf(error.cause)
    : error

/**
 * `@effect/sql` dies when `COMMIT` or `ROLLBACK` fails (a lost connection, a full disk); here
 * that is a failure of the store like any other, which fails closed.
 */
const commitFailuresAsErrors = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | SqlError, R> =>
  Effect.catchSomeDefect(effect, (defect) => (isSqlError(defect) ? Option.some(Effect.fail(defect)) : Option.none()))

/** Runs the migrations and refuses a store a newer release migrated further. */
const migrate = (engine: Describing) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    yield* Migrator.make({})({ loader, table: migrationsTable })
    const [row] = yield* sql<{ readonly latest: number | string | null }>`SELECT MAX(migration_id) AS latest FROM ${
      sql(migrationsTable)
    }`
    const latest = Number(row?.latest ?? 0)
    if (latest > latestMigration) {
      return yield* new AdminError.LocalStateUnavailable({
        ...openAsking,
        store: "wa-admin",
        location: engine.location,
        reason:
          `${engine.location} was written by a newer release of wa-admin (schema ${latest}; this release knows up to ` +
          `${latestMigration}); nothing was sent. Use that newer release, or choose another database with ${engine.setting}`
      })
    }
  })

/**
 * What every engine is opened with: how long a lock is waited for, and what chose the database.
 *
 * @since 0.1.0
 */
export interface Opening {
  readonly lockWait: Duration.Duration
  readonly setting: string
}

/** Opens an engine for the scope, or says why it could not. */
type Opener<Options extends Opening> = (
  options: Options
) => Effect.Effect<Engine, AdminError.LocalStateUnavailable, Scope.Scope>

/**
 * Opens an engine described by its options and `where` it is, mapping every failure and defect
 * of opening into `LocalStateUnavailable`.
 */
const opening = <A, R>(
  options: Opening,
  where: Pick<Describing, "dialect" | "location" | "scrub">,
  open: (engine: Describing) => Effect.Effect<A, unknown, R>
): Effect.Effect<A, AdminError.LocalStateUnavailable, R> => {
  const engine: Describing = { ...where, setting: options.setting, lockWait: options.lockWait }
  return open(engine).pipe(
    Effect.catchAllCause((cause) => {
      const failure = Cause.failureOption(cause)
      if (Option.isSome(failure) && failure.value instanceof AdminError.LocalStateUnavailable) {
        return Effect.fail(failure.value)
      }
      const problem = Option.orElse(failure, () => Cause.dieOption(cause))
      return Option.match(problem, {
        // neither a failure nor a defect: the opening was interrupted
        onNone: () => Effect.interrupt,
        onSome: (error) => Effect.fail(openFailure(engine, classify(engine, causeOf(error))))
      })
    })
  )
}

/**
 * @since 0.1.0
 */
export interface SqliteOptions extends Opening {
  readonly filename: string
}

/** The first 16 bytes of every SQLite database file. */
const sqliteHeader = Buffer.from("SQLite format 3\u0000", "latin1")

/** A file that is there but is not a SQLite database (SQLite itself takes an empty file for a new database). */
const checkHeader = (filename: string) =>
  Effect.tryPromise({
    catch: (error) => error,
    try: async () => {
      const handle = await fs.open(filename, "r").catch((error: unknown) => {
        if (
          typeof error === "object" && error !== null && "code" in error && error.code === "ENOENT"
        ) return undefined
        throw error
      })
      if (handle === undefined) return undefined
      try {
        const { size } = await handle.stat()
        if (size === 0) return undefined
        const bytes = Buffer.alloc(100)
        const { bytesRead } = await handle.read(bytes, 0, 100, 0)
        if (bytesRead < 100 || !bytes.subarray(0, 16).equals(sqliteHeader)) {
          return Object.assign(new Error(`file is not a database: its ${size}-byte header is not SQLite's`), {
            code: "SQLITE_NOTADB"
          })
        }
        return undefined
      } finally {
        await handle.close()
      }
    }
  }).pipe(Effect.flatMap((problem) => (problem === undefined ? Effect.void : Effect.fail(problem))))

/**
 * Opens (creating it and its directory when missing) a SQLite store in WAL mode with a busy
 * timeout, checks it, and migrates it.
 */
export const openSqlite: Opener<SqliteOptions> = (options) => {
  const filename = path.resolve(options.filename)
  return opening(
    options,
    { dialect: "sqlite", location: filename, scrub: (text) => text },
    (describing) =>
      Effect.gen(function*() {
        yield* Effect.tryPromise({
          try: () => fs.mkdir(path.dirname(filename), { recursive: true }),
          catch: (error) => error
        })
        yield* checkHeader(filename)
        const client = yield* SqliteClient.make({ filename }).pipe(Effect.provide(Reactivity.layer))
        yield* client.unsafe(`PRAGMA busy_timeout = ${lockMillisOf(options.lockWait, 0)}`)
        const check = yield* client<{ readonly quick_check: string }>`PRAGMA quick_check`
        const problems = check.map((row) => row.quick_check).filter((text) => text !== "ok")
        if (problems.length > 0) {
          return yield* Effect.fail(
            Object.assign(new Error(`database disk image is malformed: ${problems.slice(0, 3).join("; ")}`), {
              code: "SQLITE_CORRUPT"
            })
          )
        }
        const immediate = SqlClient.makeWithTransaction({
          transactionTag: SqlClient.TransactionConnection,
          spanAttributes: [["db.system.name", "sqlite"]],
          acquireConnection: Effect.flatMap(
            Scope.make(),
            (scope) => Effect.map(Scope.extend(client.reserve, scope), (connection) => [scope, connection] as const)
          ),
          begin: (connection) => connection.executeUnprepared("BEGIN IMMEDIATE", [], undefined),
          savepoint: (connection, id) => connection.executeUnprepared(`SAVEPOINT effect_sql_${id}`, [], undefined),
          commit: (connection) => connection.executeUnprepared("COMMIT", [], undefined),
          // A `BEGIN IMMEDIATE` that timed out left no transaction to roll back.
          rollback: (connection) =>
            connection.executeUnprepared("ROLLBACK", [], undefined).pipe(
              Effect.catchIf((error) => /no transaction is active/.test(String(error.cause)), () => Effect.succeed([]))
            ),
          rollbackSavepoint: (connection, id) =>
            connection.executeUnprepared(`ROLLBACK TO SAVEPOINT effect_sql_${id}`, [], undefined)
        })
        const exclusive = <A, E, R>(effect: Effect.Effect<A, E, R>) => commitFailuresAsErrors(immediate(effect))
        yield* exclusive(migrate(describing)).pipe(Effect.provideService(SqlClient.SqlClient, client))
        const engine: Engine = {
          ...describing,
          sql: client,
          exclusive,
          forUpdate: client.literal(""),
          serialized: (_name, effect) => exclusive(effect)
        }
        return engine
      })
  )
}

/**
 * @since 0.1.0
 */
export interface PostgresOptions extends Opening {
  readonly url: Redacted.Redacted<string>
  readonly maxConnections: number
  readonly connectTimeout: Duration.Duration
}

/**
 * A PostgreSQL URL as it may be shown: scheme, user, host, port and database — never the password
 * nor the query (which may carry one).
 */
export const describeUrl = (url: string): string => {
  try {
    const parsed = new URL(url)
    const user = parsed.username.length > 0 ? `${decodeURIComponent(parsed.username)}@` : ""
    const host = parsed.host.length > 0 ? parsed.host : "(local socket)"
    return `${parsed.protocol}//${user}${host}${parsed.pathname}`
  } catch {
    return "(a PostgreSQL URL that cannot be parsed)"
  }
}

/** The secrets a driver's message may repeat: the whole URL and its password, encoded or not. */
const scrubberOf = (url: string) => {
  const secrets = [url]
  try {
    const parsed = new URL(url)
    if (parsed.password.length > 0) secrets.push(parsed.password, decodeURIComponent(parsed.password))
    const inQuery = parsed.searchParams.get("password")
    if (inQuery !== null && inQuery.length > 0) secrets.push(inQuery)
  } catch {
    // the whole URL is still scrubbed
  }
  const ordered = secrets.filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length)
  return (text: string) => ordered.reduce((scrubbed, secret) => scrubbed.split(secret).join("<redacted>"), text)
}

/**
 * The URL with `lock_timeout` set for every connection of the pool (the `options` startup
 * parameter, added to any the URL carries): a statement waiting on a lock held elsewhere fails
 * after the store's lock wait, without a `SET LOCAL` round trip in every transaction.
 */
export const withLockTimeout = (url: string, millis: number): string => {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return url
  }
  const given = parsed.searchParams.get("options")
  const setting = `-c lock_timeout=${millis}`
  parsed.searchParams.set("options", given === null || given.trim().length === 0 ? setting : `${given} ${setting}`)
  return parsed.toString()
}

/** The longest lock wait the engines take, in milliseconds: PostgreSQL's `lock_timeout` is a 32-bit integer. */
const maxLockMillis = 2 ** 31 - 1

/**
 * A lock wait in whole milliseconds the engines accept, from `min` up to {@link maxLockMillis}:
 * an infinite (or longer) wait is the longest one, not a setting PostgreSQL refuses at connection.
 */
export const lockMillisOf = (wait: Duration.Duration, min: number): number => {
  const millis = Duration.toMillis(wait)
  return Number.isNaN(millis) ? min : Math.min(maxLockMillis, Math.max(min, Math.round(millis)))
}

/** Connects to a PostgreSQL store and migrates it. */
export const openPostgres: Opener<PostgresOptions> = (options) => {
  const url = Redacted.value(options.url)
  return opening(
    options,
    { dialect: "pg", location: describeUrl(url), scrub: scrubberOf(url) },
    (describing) =>
      Effect.gen(function*() {
        const lockMillis = lockMillisOf(options.lockWait, 1)
        const client = yield* PgClient.make({
          url: Redacted.make(withLockTimeout(url, lockMillis)),
          applicationName: "wa-admin",
          maxConnections: options.maxConnections,
          connectTimeout: options.connectTimeout
        }).pipe(Effect.provide(Reactivity.layer))
        const exclusive = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
          commitFailuresAsErrors(client.withTransaction(effect))
        yield* Effect.scoped(
          Effect.gen(function*() {
            const connection = yield* client.reserve
            const key = advisoryKeys.migrations
            yield* Effect.acquireRelease(
              connection.executeUnprepared(`SELECT pg_advisory_lock(${key})`, [], undefined),
              () => Effect.ignore(connection.executeUnprepared(`SELECT pg_advisory_unlock(${key})`, [], undefined))
            )
            yield* migrate(describing)
          })
        ).pipe(Effect.provideService(SqlClient.SqlClient, client))
        const engine: Engine = {
          ...describing,
          sql: client,
          exclusive,
          forUpdate: client.literal("FOR UPDATE"),
          serialized: (name, effect) =>
            exclusive(Effect.zipRight(client.unsafe(`SELECT pg_advisory_xact_lock(${advisoryKeys[name]})`), effect))
        }
        return engine
      })
  )
}
