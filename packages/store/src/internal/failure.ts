/**
 * What a database failure means to a user: what went wrong with the store and how to recover,
 * whichever engine said it (SQLite's `SQLITE_*` result codes, PostgreSQL's SQLSTATEs, the
 * system's `E*` codes). Every store failure goes through here, so the quota ledger, the journal
 * and the leases explain the same failure in the same words.
 */
import type { SqlError } from "@effect/sql/SqlError"
import { AdminError } from "@wa-admin/core"
import { Duration } from "effect"

/** What an engine knows about itself when it explains a failure. */
export interface Describing {
  readonly dialect: "sqlite" | "pg"
  /** The database, safe to show: an absolute file path, or a PostgreSQL URL without its password. */
  readonly location: string
  /** The setting that chose the database (`WA_ADMIN_STATE_DB`, `WA_ADMIN_DATABASE_URL`, or an option). */
  readonly setting: string
  /** How long a locked row or database is waited for before the store gives up. */
  readonly lockWait: Duration.Duration
  /** Removes secrets (the URL's password) from a text that a driver wrote. */
  readonly scrub: (text: string) => string
}

/** Whether a failure is `@effect/sql`'s `SqlError`. */
export const isSqlError = (error: unknown): error is SqlError =>
  typeof error === "object" && error !== null && "_tag" in error && error._tag === "SqlError"

/** The kinds of failure a user recovers from differently. */
export type Kind = "locked" | "damaged" | "schema" | "unreachable" | "refused" | "io" | "other"

/** A failure, classified: its kind, the code the engine gave, and the engine's own words. */
export interface Classified {
  readonly kind: Kind
  readonly code: string | undefined
  readonly detail: string
}

const codeOf = (cause: unknown): string | undefined =>
  typeof cause === "object" && cause !== null && "code" in cause && typeof cause.code === "string"
    ? cause.code
    : undefined

const messageOf = (cause: unknown): string =>
  cause instanceof Error ? cause.message : typeof cause === "string" ? cause : String(cause)

const sqliteKind = (code: string, message: string): Kind => {
  if (code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_") || code.startsWith("SQLITE_LOCKED")) return "locked"
  if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB") return "damaged"
  if (
    code.startsWith("SQLITE_CANTOPEN") ||
    code.startsWith("SQLITE_READONLY") ||
    code.startsWith("SQLITE_IOERR") ||
    code === "SQLITE_PERM" ||
    code === "SQLITE_FULL" ||
    code === "SQLITE_AUTH"
  ) return "io"
  if (/no such (table|column)|has no column named/.test(message)) return "schema"
  return "other"
}

const postgresKind = (code: string): Kind => {
  // 55P03 lock_not_available (lock_timeout), 57014 query_canceled (statement_timeout), 40P01 deadlock
  if (code === "55P03" || code === "57014" || code === "40P01") return "locked"
  // 42P01 undefined_table, 42703 undefined_column, 42P07 duplicate table, 23502 not-null violation
  if (code === "42P01" || code === "42703" || code === "23502" || code === "23514") return "schema"
  // class 08 connection exceptions; 57P01–57P03 the server is shutting down or cannot connect now
  if (code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03") return "unreachable"
  // class 28 invalid authorization, 3D000 no such database, 42501 insufficient privilege
  if (code.startsWith("28") || code === "3D000" || code === "42501") return "refused"
  // XX001 data_corrupted, XX002 index_corrupted
  if (code === "XX001" || code === "XX002") return "damaged"
  // 53100 disk_full, 58030 io_error
  if (code === "53100" || code === "58030") return "io"
  return "other"
}

const systemKind = (code: string): Kind =>
  ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]
      .includes(code)
    ? "unreachable"
    : ["EACCES", "EPERM", "EROFS", "ENOSPC", "ENOTDIR", "EISDIR", "EEXIST", "EIO"].includes(code)
    ? "io"
    : "other"

/**
 * The kind of a failure a driver raised (`SqlError`'s cause), or of a thrown error (a native
 * binding that throws while opening a file).
 */
export const classify = (engine: Describing, error: unknown): Classified => {
  const cause =
    typeof error === "object" && error !== null && "_tag" in error && error._tag === "SqlError" && "cause" in error
      ? error.cause
      : error
  const code = codeOf(cause)
  const message = engine.scrub(messageOf(cause))
  const detail = code === undefined || message.includes(code) ? message : `${code}: ${message}`
  if (code === undefined) {
    const kind: Kind = /timeout|terminated|Connection/i.test(message) && engine.dialect === "pg"
      ? "unreachable"
      : "other"
    return { kind, code, detail }
  }
  if (code.startsWith("SQLITE_")) return { kind: sqliteKind(code, message), code, detail }
  if (/^[0-9A-Z]{5}$/.test(code) && !code.startsWith("E")) return { kind: postgresKind(code), code, detail }
  return { kind: systemKind(code), code, detail }
}

const restartAdvice =
  "the quota histories then start empty (the providers still count what they held, so they may refuse requests until " +
  "their windows pass) and a migration run again reads its target back before sending anything"

/** The problem (what happened to the store) and the recovery (what to do), in words. */
export const explain = (
  engine: Describing,
  failure: Classified
): { readonly problem: string; readonly recovery: string } => {
  const where = engine.location
  const sqlite = engine.dialect === "sqlite"
  switch (failure.kind) {
    case "locked":
      return {
        problem: `${where} stayed locked by another process for more than ${
          Duration.format(engine.lockWait)
        } (${failure.detail})`,
        recovery: sqlite
          ? "Try again; if no other wa-admin process is running, a program holding the database open (a stuck process, a SQLite shell) must be stopped"
          : "Try again; if it stays locked, find the stuck session in pg_stat_activity (application_name wa-admin) and end it with pg_terminate_backend"
      }
    case "damaged":
      return {
        problem: `${where} is damaged (${failure.detail}), so what it holds cannot be trusted`,
        recovery: sqlite
          ? `Restore it from a backup, or move it aside with its -wal and -shm files to start an empty store: ${restartAdvice}`
          : "Restore the database from a backup (PostgreSQL reported corrupted data)"
      }
    case "schema":
      return {
        problem:
          `the tables of ${where} are not the ones wa-admin keeps (${failure.detail}): a table or column was dropped or changed outside wa-admin`,
        recovery: sqlite
          ? `Restore it from a backup, or move it aside with its -wal and -shm files to start an empty store: ${restartAdvice}`
          : `Restore the database from a backup, or drop the wa_admin_* tables to start empty: ${restartAdvice}`
      }
    case "unreachable":
      return {
        problem: `PostgreSQL at ${where} cannot be reached (${failure.detail})`,
        recovery: `Check that the server is running and reachable, and that ${engine.setting} names it`
      }
    case "refused":
      return {
        problem: `PostgreSQL at ${where} refused wa-admin (${failure.detail})`,
        recovery:
          `Check the user, password and database in ${engine.setting}, and that the user may create tables in that database`
      }
    case "io":
      return {
        problem: `${where} cannot be read or written (${failure.detail})`,
        recovery: sqlite
          ? `Check the permissions of the file and its directory and the free space, or choose another file with ${engine.setting}`
          : "Check the server's free space and logs"
      }
    case "other":
      return {
        problem: `${where} failed (${failure.detail})`,
        recovery: sqlite
          ? `If it persists, restore the file from a backup or move it aside with its -wal and -shm files: ${restartAdvice}`
          : "Check the server's logs; if it persists, restore the database from a backup"
      }
  }
}

/** Who asked, for the errors. */
export interface Asking {
  readonly provider: string
  readonly operation: string
}

/**
 * A store failure as the library's `LocalStateUnavailable`: what failed, that nothing was sent,
 * and how to recover. `subject` narrows what could not be used (`the quota history "…"`).
 */
export const unavailable = (
  engine: Describing,
  asking: Asking,
  store: string,
  failure: Classified,
  subject?: string
): AdminError.LocalStateUnavailable => {
  const { problem, recovery } = explain(engine, failure)
  return new AdminError.LocalStateUnavailable({
    provider: asking.provider,
    operation: asking.operation,
    store,
    location: engine.location,
    reason: `${subject === undefined ? "" : `${subject}: `}${problem}; nothing was sent. ${recovery}`
  })
}

/** A row that holds something wa-admin never writes: fails closed, naming it and how to recover. */
export const damagedRow = (
  engine: Describing,
  asking: Asking,
  store: string,
  subject: string,
  what: string,
  recovery: string
): AdminError.LocalStateUnavailable =>
  new AdminError.LocalStateUnavailable({
    provider: asking.provider,
    operation: asking.operation,
    store,
    location: engine.location,
    reason:
      `${subject} in ${engine.location} is damaged (${what}), so it cannot be trusted; nothing was sent. ${recovery}`
  })
