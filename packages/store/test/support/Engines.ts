/**
 * The two engines as the tests see them: a fresh, empty store database per test (a SQLite file
 * in a temporary directory, or a new database on the test PostgreSQL), which the test can open
 * as many times as it likes (each opening is another connection, as another process would have),
 * and the environment a child process needs to open the same store through `Store.layerConfig`.
 */
import type { Vitest } from "@effect/vitest"
import { describe, it } from "@effect/vitest"
import type { AdminError } from "@wa-admin/core"
import { Effect, Redacted } from "effect"
import type { Duration, Scope } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Store } from "../../src/index.js"
import { layer as postgresLayer, Postgres } from "./Postgres.js"

/** One fresh store database. */
export interface Fresh {
  /** Opens the store (again), for the scope. */
  readonly open: (options?: {
    readonly lockWait?: Duration.DurationInput
  }) => Effect.Effect<Store.Service, AdminError.LocalStateUnavailable, Scope.Scope>
  /** The variables that make `Store.layerConfig` open this store. */
  readonly env: Readonly<Record<string, string>>
  /** A temporary directory of the test (removed afterwards). */
  readonly directory: string
}

/** An engine under test. */
export interface Engine {
  readonly name: "sqlite" | "postgresql"
  readonly fresh: Effect.Effect<Fresh, never, Scope.Scope | Postgres>
}

/** A temporary directory for the scope. */
export const temporaryDirectory = (prefix: string): Effect.Effect<string, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), `wa-admin-store-${prefix}-`))),
    (directory) => Effect.sync(() => fs.rmSync(directory, { recursive: true, force: true }))
  )

/** SQLite: a file in a temporary directory. */
export const sqlite: Engine = {
  name: "sqlite",
  fresh: Effect.map(temporaryDirectory("sqlite"), (directory) => {
    const filename = path.join(directory, ".wa-admin", "state.db")
    return {
      open: (options) => Store.makeSqlite({ filename, ...options }),
      env: { WA_ADMIN_STATE_DB: filename },
      directory
    }
  })
}

/** PostgreSQL: a new database on the test server. */
export const postgresql: Engine = {
  name: "postgresql",
  fresh: Effect.gen(function*() {
    const server = yield* Postgres
    const url = yield* server.createDatabase()
    const directory = yield* temporaryDirectory("postgresql")
    return {
      open: (options) => Store.makePostgres({ url, ...options }),
      env: { WA_ADMIN_DATABASE_URL: Redacted.value(url) },
      directory
    }
  })
}

/** Both engines. */
export const engines: ReadonlyArray<Engine> = [sqlite, postgresql]

/**
 * A suite run on both engines, each in a `describe` of its name, then the tests that run once, all
 * sharing one test PostgreSQL.
 */
export const onEveryEngine = (
  title: string,
  perEngine: (it: Vitest.MethodsNonLive<Postgres>, engine: Engine) => void,
  once?: (it: Vitest.MethodsNonLive<Postgres>) => void
): void =>
  it.layer(postgresLayer)(title, (it) => {
    for (const engine of engines) describe(engine.name, () => perEngine(it, engine))
    once?.(it)
  })
