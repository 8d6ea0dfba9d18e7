/**
 * The command line's state in the store (issue 17): two real `wa-admin migrate templates`
 * processes on the same pair share one SQLite store — its item leases and its quota ledger — and
 * together create each template once, within the quota; a damaged store fails closed (exit 14,
 * naming it, nothing sent); `state where` and `state import` (each legacy file once).
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { spawn } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { ExitCode } from "../src/ExitCode.js"
import * as Providers from "../src/Providers.js"
import { argv, lines, runWith } from "./harness.js"
import {
  creations,
  keysOf,
  migrateTemplates,
  seed,
  temporaryDirectory,
  woztellWithTwoWabas
} from "./MigrateEmulators.js"

const root = fileURLToPath(new URL("../../..", import.meta.url))

interface Exited {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

/** The environment of a spawned `wa-admin`: no state or quota setting of the test process's own. */
const baseEnvironment = (home: string): NodeJS.ProcessEnv => {
  const environment: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", HOME: home }
  for (
    const name of [
      "WA_ADMIN_DATABASE_URL",
      "WA_ADMIN_STATE_DB",
      "WA_ADMIN_PROVIDER",
      "WOZTELL_QUOTA_DIR",
      "META_QUOTA_DIR"
    ]
  ) {
    delete environment[name]
  }
  return environment
}

/** Runs the real executable (`tsx src/bin.ts`) in `cwd`, to its end. */
const wadmin = (cwd: string, environment: Readonly<Record<string, string>>, args: ReadonlyArray<string>) =>
  Effect.async<Exited>((resume) => {
    const child = spawn(join(root, "node_modules/.bin/tsx"), [join(root, "packages/cli/src/bin.ts"), ...args], {
      cwd,
      env: { ...baseEnvironment(cwd), ...environment },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")))
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")))
    child.once("close", (status) => resume(Effect.succeed({ status, stdout, stderr })))
    return Effect.sync(() => child.kill("SIGKILL"))
  })

/** The template creations the emulator was asked for on `wabaId` (accepted or refused). */
const creationRequests = (
  requests: ReadonlyArray<{ readonly method: string; readonly path: string; readonly body?: unknown }>,
  wabaId: string
) =>
  requests.filter((request) =>
    request.method === "PUT" && request.path.endsWith("/whatsapp-message-template") &&
    JSON.stringify(request.body ?? {}).includes(wabaId)
  ).length

describe("wa-admin state in the store", () => {
  it.scopedLive(
    "two concurrent `migrate templates` processes on one pair: each template created once, 0 refused, within the quota",
    () =>
      Effect.gen(function*() {
        const { directory, source, target, woztell } = yield* woztellWithTwoWabas()
        // 110 templates against WOZTELL's 100 creations per WABA per hour: the shared ledger must
        // stop both runs at 100 between them, and the leases keep them off each other's items.
        const names = Array.from({ length: 110 }, (_, index) => `bulk_${String(index).padStart(3, "0")}`)
        yield* Effect.orDie(woztell.seedTemplates(source, names.map((name) => seed(name))))
        const environment = { ...woztell.environment, WA_ADMIN_STATE_DB: join(directory, "state.db") }
        const args = migrateTemplates(source, target, "--on-quota", "stop")

        const [first, second] = yield* Effect.all([
          wadmin(directory, environment, args),
          wadmin(directory, environment, args)
        ], {
          concurrency: 2
        })

        for (const run of [first, second]) {
          assert.include([ExitCode.Success, ExitCode.RateLimited], run.status, run.stderr)
        }
        assert.include([first.status, second.status], ExitCode.RateLimited, "the quota stopped a run")
        const created = yield* creations(woztell, target)
        assert.strictEqual(created.size, 100, "100 templates created: the quota, not more, not fewer")
        assert.deepStrictEqual([...new Set(created.values())], [1], "each created once")
        assert.strictEqual(
          creationRequests(yield* woztell.requests, target),
          100,
          "no creation was sent twice or beyond the quota (none refused by the emulator)"
        )
        assert.notInclude(first.stdout + second.stdout, "failed")
      }),
    240_000
  )

  it.scopedLive(
    "a truncated or corrupted state.db: migrations and quota-counted creations exit 14 naming the file, nothing sent",
    () =>
      Effect.gen(function*() {
        const { directory, source, target, woztell } = yield* woztellWithTwoWabas([seed("alpha"), seed("beta")])
        const database = join(directory, "state.db")
        const cli = runWith(Providers.layer, { ...woztell.environment, WA_ADMIN_STATE_DB: database })
        const args = migrateTemplates(source, target)
        // A store with history: two templates migrated.
        const once = yield* cli(...args)
        assert.strictEqual(once.exitCode, 0, once.stderr)
        assert.include(once.stdout, `Journal: the state store ${database}`)
        yield* Effect.orDie(woztell.seedTemplates(source, [seed("gamma")]))

        for (
          const [what, damage] of [
            ["truncated", () => truncateSync(database, 3000)],
            ["overwritten with garbage", () => writeFileSync(database, Buffer.alloc(8192, 0x5a))]
          ] as const
        ) {
          damage()
          for (const suffix of ["-wal", "-shm"]) rmSync(`${database}${suffix}`, { force: true })
          const sentBefore = (yield* woztell.requests).filter((request) => request.method !== "GET").length
          const result = yield* cli(...args)
          assert.strictEqual(result.exitCode, ExitCode.LocalStateFailure, `${what}: ${result.stderr}`)
          const [line = "", ...rest] = lines(result.stderr)
          assert.deepStrictEqual(rest, [], `${what}: one line`)
          assert.include(line, database, what)
          assert.match(line, /damaged|not a database|malformed/i, what)
          assert.include(line, "nothing was sent", what)
          assert.strictEqual(
            (yield* woztell.requests).filter((request) => request.method !== "GET").length,
            sentBefore,
            `${what}: nothing was sent`
          )
          assert.deepStrictEqual(yield* keysOf(woztell, target), ["alpha:en_US", "beta:en_US"], what)

          // A single creation spends a quota slot first: with the store damaged, it is not sent.
          const create = yield* cli(
            "--provider",
            "woztell",
            ...argv("templates create", {
              "waba-id": target,
              name: "delta",
              language: "en_US",
              category: "UTILITY",
              body: "Order {{1}} shipped",
              "body-example": "42"
            })
          )
          assert.strictEqual(create.exitCode, ExitCode.LocalStateFailure, `${what}: ${create.stderr}`)
          assert.include(create.stderr, database, what)
          assert.strictEqual(
            (yield* woztell.requests).filter((request) => request.method !== "GET").length,
            sentBefore,
            `${what}: the creation was not sent`
          )
        }
      }),
    120_000
  )

  it.scopedLive(
    "`state where` names the store without creating it; `state import` imports each legacy file once",
    () =>
      Effect.gen(function*() {
        const directory = yield* temporaryDirectory
        const quota = join(directory, "legacy-quota")
        mkdirSync(quota)
        mkdirSync(join(directory, ".wa-admin"))
        const entry = (phase: string, at: number) =>
          JSON.stringify({
            migration: "templates woztell:1 -> woztell:2",
            key: "alpha:en_US",
            action: "create",
            phase,
            at
          })
        writeFileSync(
          join(directory, ".wa-admin", "templates-woztell-1-to-woztell-2.journal.jsonl"),
          `${entry("started", 1)}\n${entry("done", 2)}\n`
        )
        const spent = [Date.now() - 1000, Date.now() - 500]
        writeFileSync(join(quota, encodeURIComponent("woztell.creations.222")), JSON.stringify(spent))
        const environment = { WOZTELL_QUOTA_DIR: quota }
        const database = join(directory, ".wa-admin", "state.db")

        const where = yield* wadmin(directory, environment, ["state", "where", "--json"])
        assert.strictEqual(where.status, 0, where.stderr)
        assert.deepStrictEqual(JSON.parse(where.stdout), {
          kind: "state.where",
          engine: "sqlite",
          location: database,
          exists: false
        })
        assert.isFalse(existsSync(database), "where creates nothing")

        const imported = yield* wadmin(directory, environment, ["state", "import"])
        assert.strictEqual(imported.status, 0, imported.stderr)
        assert.match(
          imported.stdout,
          /^imported .*templates-woztell-1-to-woztell-2\.journal\.jsonl: 2 journal entries$/m
        )
        assert.match(imported.stdout, /^imported .*woztell\.creations\.222: 2 quota spendings$/m)
        const again = yield* wadmin(directory, environment, ["state", "import", "--json"])
        assert.strictEqual(again.status, 0, again.stderr)
        const report = JSON.parse(again.stdout)
        assert.deepStrictEqual(report.imported, [], "nothing imported twice")
        assert.strictEqual(report.alreadyImported.length, 2)
        assert.strictEqual(
          readFileSync(join(quota, encodeURIComponent("woztell.creations.222")), "utf8"),
          JSON.stringify(spent),
          "left as it was"
        )

        const after = yield* wadmin(directory, environment, ["state", "where"])
        assert.match(after.stdout, /^exists +yes$/m)
        assert.match(after.stdout, new RegExp(`^location +${database.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"))
      }),
    120_000
  )
})
