/**
 * `wa-admin fleet …` (issue 17) as a user runs it: a job file of Meta → WOZTELL template pairs
 * against the emulators, in one process on SQLite (submit, status, run to the end, status again,
 * cancel), a broken job file refused field by field with nothing stored, and `fleet runner` on a
 * real PostgreSQL (started by the test) running a job submitted from another process, then
 * stopping on SIGTERM with exit code 143. The WOZTELL emulator's record of creations is the
 * witness that every template was created exactly once.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Redacted } from "effect"
import type { Scope } from "effect"
import { spawn } from "node:child_process"
import { existsSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import * as Scenario from "../../fleet/test/support/Scenario.js"
import { withPostgres } from "../../store/test/support/Postgres.js"
import { ExitCode } from "../src/ExitCode.js"
import * as Providers from "../src/Providers.js"
import { lines, runWith } from "./harness.js"
import { temporaryDirectory } from "./MigrateEmulators.js"

const root = fileURLToPath(new URL("../../..", import.meta.url))

/** A template job small enough that no quota window is reached (the runner's quota clock is real time). */
const shape = { pairs: 3, templates: 4, creationsPerHour: 100, hourMillis: 3_600_000 }

/** The emulators, a job file in a temporary directory, and `wa-admin` with the state in that directory. */
const setUp = (id: string, creationsPerHour = shape.creationsPerHour) =>
  Effect.gen(function*() {
    const directory = yield* temporaryDirectory
    const scenario = yield* Scenario.start({ ...shape, creationsPerHour, id })
    const jobFile = join(directory, "job.json")
    writeFileSync(jobFile, scenario.jobText)
    const environment = { ...scenario.environment, WA_ADMIN_STATE_DB: join(directory, "state.db") }
    return { directory, scenario, jobFile, environment, cli: runWith(Providers.layerOf([]), environment) }
  })

/** A test over a fresh scenario set up as `setUp(...setup)`, given a minute. */
const onScenario = <A, E>(
  title: string,
  setup: Parameters<typeof setUp>,
  body: (scenario: Effect.Effect.Success<ReturnType<typeof setUp>>) => Effect.Effect<A, E, Scope.Scope>
) => it.scopedLive(title, () => Effect.flatMap(setUp(...setup), body), 60_000)

interface UnitJson {
  readonly label: string
  readonly state: string
  readonly total: number
  readonly done: number
  readonly left: number
}

const statusJson = (stdout: string): {
  readonly id: string
  readonly state: string
  readonly finished: boolean
  readonly units: ReadonlyArray<UnitJson>
  readonly totals: Readonly<Record<string, number>>
} => JSON.parse(stdout)

const labels = (jobText: string): ReadonlyArray<string> =>
  (JSON.parse(jobText) as { pairs: ReadonlyArray<{ source: string; target: string }> }).pairs.map((pair) =>
    `${pair.source} -> ${pair.target}`
  )

describe("wa-admin fleet in one process on SQLite", () => {
  onScenario("submit, status, run to the end, status: every template created once, per-pair done and left", [
    "cli-fleet"
  ], ({ cli, jobFile, scenario }) =>
    Effect.gen(function*() {
      const pairs = labels(scenario.jobText)

      const submitted = yield* cli("fleet", "submit", jobFile)
      assert.strictEqual(submitted.exitCode, 0, submitted.stderr)
      assert.include(submitted.stdout, "job cli-fleet (templates, 3 pairs) submitted to ")
      assert.include(submitted.stdout, "wa-admin fleet runner")
      const again = yield* cli("fleet", "submit", jobFile, "--json")
      assert.strictEqual(again.exitCode, 0, again.stderr)
      assert.deepInclude(JSON.parse(again.stdout), {
        kind: "fleet.submit",
        id: "cli-fleet",
        jobKind: "templates",
        units: 3,
        submitted: false,
        engine: "sqlite"
      })

      // Not started yet: every pair is listed, pending.
      const waiting = yield* cli("fleet", "status", "cli-fleet")
      assert.strictEqual(waiting.exitCode, 0, waiting.stderr)
      assert.deepStrictEqual(lines(waiting.stdout), [
        "job cli-fleet (templates): submitted; 0/3 units ended, 0 done, 0 left, 0 failed",
        ...pairs.map((pair) => `  ${pair}: pending, 0/0 done, 0 left`)
      ])
      assert.strictEqual(yield* scenario.createdSoFar, 0)

      const ran = yield* cli("fleet", "run", jobFile, "--json")
      assert.strictEqual(ran.exitCode, 0, ran.stderr)
      const final = statusJson(ran.stdout)
      assert.strictEqual(final.state, "done")
      assert.deepStrictEqual(final.totals, { units: 3, unitsEnded: 3, items: 12, done: 12, failed: 0, left: 0 })
      assert.deepInclude(yield* scenario.witness, {
        expected: 12,
        created: 12,
        duplicates: 0,
        missing: 0,
        refused: 0
      })

      const text = yield* cli("fleet", "status", "cli-fleet")
      assert.strictEqual(text.exitCode, 0, text.stderr)
      assert.deepStrictEqual(lines(text.stdout), [
        "job cli-fleet (templates): done; 3/3 units ended, 12 done, 0 left, 0 failed"
      ])
      const everyPair = yield* cli("fleet", "status", "cli-fleet", "--all")
      assert.strictEqual(everyPair.exitCode, 0, everyPair.stderr)
      assert.strictEqual(
        lines(everyPair.stdout).length,
        1 + pairs.length,
        "the totals, then every pair, done ones too"
      )
      for (const pair of pairs) assert.include(everyPair.stdout, pair)
      const json = yield* cli("fleet", "status", "cli-fleet", "--json")
      assert.strictEqual(json.exitCode, 0, json.stderr)
      assert.deepStrictEqual(
        statusJson(json.stdout).units.map((unit) => [unit.label, unit.state, unit.total, unit.done, unit.left]),
        pairs.map((pair) => [pair, "done", 4, 4, 0])
      )

      // Running it again sends nothing: the job is done.
      const rerun = yield* cli("fleet", "run", jobFile)
      assert.strictEqual(rerun.exitCode, 0, rerun.stderr)
      assert.include(rerun.stdout, "job cli-fleet (templates): done; 3/3 units ended, 12 done, 0 left, 0 failed")
      assert.deepInclude(yield* scenario.witness, { created: 12, duplicates: 0, refused: 0 })
    }))

  onScenario(
    "cancel: a cancelled job never runs, and waiting for it ends with exit code 130",
    ["cli-cancel"],
    ({ cli, jobFile, scenario }) =>
      Effect.gen(function*() {
        assert.strictEqual((yield* cli("fleet", "submit", jobFile)).exitCode, 0)
        const cancelled = yield* cli("fleet", "cancel", "cli-cancel", "--json")
        assert.strictEqual(cancelled.exitCode, 0, cancelled.stderr)
        assert.deepStrictEqual(JSON.parse(cancelled.stdout), { kind: "fleet.cancel", id: "cli-cancel" })
        const status = yield* cli("fleet", "status", "cli-cancel", "--json")
        // cancelled before any runner started it: it has ended, every pair cancelled
        assert.deepInclude(statusJson(status.stdout), { state: "cancelled", finished: true })
        assert.deepStrictEqual(statusJson(status.stdout).units.map((unit) => unit.state), [
          "cancelled",
          "cancelled",
          "cancelled"
        ])
        const watched = yield* cli("fleet", "status", "cli-cancel", "--watch")
        assert.strictEqual(watched.exitCode, ExitCode.Interrupted, watched.stderr)

        const ran = yield* cli("fleet", "submit", jobFile, "--wait")
        assert.strictEqual(ran.exitCode, ExitCode.Interrupted, ran.stderr)
        assert.include(ran.stdout, "job cli-cancel (templates): cancelled")
        assert.strictEqual(yield* scenario.createdSoFar, 0)

        const unknown = yield* cli("fleet", "cancel", "no-such-job")
        assert.strictEqual(unknown.exitCode, ExitCode.NotFound)
        assert.include(unknown.stderr, "no-such-job")
      })
  )

  // 2 creations per WABA per hour: after 2 of its 4 templates each pair waits for an hour.
  onScenario("a pair waiting for its WABA's quota shows until when; cancelling the job ends its run with 130", [
    "cli-quota",
    2
  ], ({ cli, jobFile, scenario }) =>
    Effect.gen(function*() {
      const running = yield* Effect.fork(cli("fleet", "run", jobFile))
      const allWaiting = (status: ReturnType<typeof statusJson> | undefined) =>
        status !== undefined && status.units.every((unit) => unit.state === "waiting")
      // suspended: each look is a run of its own, with its own captured output
      const look = Effect.suspend(() => cli("fleet", "status", "cli-quota", "--json")).pipe(
        Effect.map((result) => (result.exitCode === 0 ? statusJson(result.stdout) : undefined))
      )
      const waiting = yield* look.pipe(
        Effect.tap((status) => (allWaiting(status) ? Effect.void : Effect.sleep("200 millis"))),
        Effect.repeat({ until: allWaiting }),
        Effect.timeout("30 seconds")
      )
      assert.isDefined(waiting)
      if (waiting === undefined) return
      assert.deepStrictEqual(waiting.units.map((unit) => [unit.done, unit.left]), [[2, 2], [2, 2], [2, 2]])
      const text = yield* cli("fleet", "status", "cli-quota")
      const unitLines = lines(text.stdout).slice(1)
      assert.lengthOf(unitLines, 3, text.stdout)
      for (const line of unitLines) {
        assert.match(
          line,
          /: waiting, 2\/4 done, 2 left, waiting for quota until \d{4}-\d\d-\d\dT[\d:.]+Z \(in \d+[hm]/
        )
      }

      assert.strictEqual((yield* cli("fleet", "cancel", "cli-quota")).exitCode, 0)
      const ran = yield* Fiber.join(running)
      assert.strictEqual(ran.exitCode, ExitCode.Interrupted, ran.stderr)
      assert.include(ran.stdout, "job cli-quota (templates): cancelled; 3/3 units ended, 6 done")
      assert.deepInclude(yield* scenario.witness, { created: 6, duplicates: 0, refused: 0 })
    }))

  onScenario(
    "a broken job file: one InvalidInput naming every broken field, exit 4, nothing stored",
    ["cli-broken"],
    ({ cli, directory, scenario }) =>
      Effect.gen(function*() {
        const broken = join(directory, "broken.json")
        writeFileSync(
          broken,
          JSON.stringify({
            ...JSON.parse(scenario.jobText),
            version: 2,
            source: { provider: "vonage", credentials: "SOURCE_" },
            target: { provider: "woztell", credentials: "lower" },
            pairs: [{ source: "", target: "41" }],
            extra: true
          })
        )
        const result = yield* cli("fleet", "submit", broken, "--json")
        assert.strictEqual(result.exitCode, ExitCode.InvalidInput, result.stderr)
        assert.strictEqual(result.stdout, "")
        const [line, json] = lines(result.stderr)
        for (const field of ["version", "source.provider", "target.credentials", "pairs.0.source", "extra"]) {
          assert.include(line, field)
        }
        const error = JSON.parse(json ?? "{}") as { _tag: string; issues: ReadonlyArray<{ field: string }> }
        assert.strictEqual(error._tag, "InvalidInput")
        assert.includeMembers(error.issues.map((issue) => issue.field), [
          "version",
          "source.provider",
          "target.credentials",
          "pairs.0.source",
          "extra"
        ])
        const stored = yield* cli("fleet", "status", "cli-broken")
        assert.strictEqual(stored.exitCode, ExitCode.NotFound, stored.stderr)
        assert.isFalse(existsSync(join(directory, "state.db")), "a refused job file creates no state store")

        const missing = yield* cli("fleet", "submit", join(directory, "absent.json"))
        assert.strictEqual(missing.exitCode, ExitCode.Usage)
        assert.include(missing.stderr, "absent.json")

        const badId = yield* cli("fleet", "status", "../../etc")
        assert.strictEqual(badId.exitCode, ExitCode.InvalidInput, badId.stderr)

        const url = yield* cli("fleet", "status", "cli-broken", "--database-url", "mysql://admin:hunter2@db/state")
        assert.strictEqual(url.exitCode, ExitCode.InvalidInput, url.stderr)
        assert.include(url.stderr, "--database-url")
        assert.notInclude(url.stderr, "hunter2")

        // Host names the runner listens on and is reached at (stored for the other runners) are checked first.
        for (const [flag, value] of [["--advertise-host", "runner-1\r\nx: y"], ["--host", "a".repeat(300)]] as const) {
          const host = yield* cli("fleet", "runner", flag, value)
          assert.strictEqual(host.exitCode, ExitCode.Usage, host.stderr)
          assert.include(host.stderr, flag)
        }
        assert.isFalse(existsSync(join(directory, "state.db")), "a refused flag opens no state store")
      })
  )
})

interface Runner {
  readonly started: Effect.Effect<string>
  readonly terminate: Effect.Effect<{ readonly status: number | null; readonly stderr: string }>
}

/** `wa-admin fleet runner` as a real process (`tsx src/bin.ts`), in `cwd`. */
const spawnRunner = (cwd: string, environment: Readonly<Record<string, string>>, args: ReadonlyArray<string>) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const env: NodeJS.ProcessEnv = { ...process.env, ...environment, NO_COLOR: "1", HOME: cwd }
      delete env.WA_ADMIN_DATABASE_URL
      delete env.WA_ADMIN_STATE_DB
      return spawn(join(root, "node_modules/.bin/tsx"), [join(root, "packages/cli/src/bin.ts"), ...args], {
        cwd,
        env,
        stdio: ["ignore", "pipe", "pipe"]
      })
    }),
    (child) => Effect.sync(() => child.exitCode === null && child.kill("SIGKILL"))
  ).pipe(Effect.map((child): Runner => {
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")))
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")))
    const exited = new Promise<number | null>((resolve) => child.once("close", (status) => resolve(status)))
    return {
      started: Effect.async<string>((resume) => {
        const check = () => {
          if (stdout.includes("\n") || child.exitCode !== null) {
            clearInterval(timer)
            resume(Effect.succeed(stdout + stderr))
          }
        }
        const timer = setInterval(check, 50)
        return Effect.sync(() => clearInterval(timer))
      }),
      terminate: Effect.promise(() => {
        child.kill("SIGTERM")
        return exited
      }).pipe(Effect.map((status) => ({ status, stderr })))
    }
  }))

describe("wa-admin fleet runner on PostgreSQL", () => {
  it.scopedLive(
    "a runner process runs a job submitted from another process, and stops on SIGTERM with exit code 143",
    () =>
      withPostgres((server) =>
        Effect.gen(function*() {
          const url = Redacted.value(yield* server.createDatabase())
          const { cli, directory, jobFile, scenario } = yield* setUp("cli-cluster")
          const runner = yield* spawnRunner(directory, scenario.environment, [
            "fleet",
            "runner",
            "--database-url",
            url,
            "--host",
            "127.0.0.1",
            "--port",
            "0"
          ])
          const started = yield* runner.started
          assert.include(started, "fleet runner on postgresql://", started)
          // --port 0: the port the system chose, which the runner bound, never ":0"
          const port = Number(/listening on 127\.0\.0\.1:(\d+) for the cluster's other runners/.exec(started)?.[1])
          assert.isAbove(port, 0, started)
          assert.include(started, `reach it at 127.0.0.1:${port}`)

          const submitted = yield* cli("fleet", "submit", jobFile, "--database-url", url, "--json")
          assert.strictEqual(submitted.exitCode, 0, submitted.stderr)
          assert.deepInclude(JSON.parse(submitted.stdout), { submitted: true, engine: "postgresql" })
          const watched = yield* cli("fleet", "status", "cli-cluster", "--watch", "--database-url", url)
          assert.strictEqual(watched.exitCode, 0, watched.stderr)
          assert.include(
            watched.stdout,
            "job cli-cluster (templates): done; 3/3 units ended, 12 done, 0 left, 0 failed"
          )
          assert.deepInclude(yield* scenario.witness, { created: 12, duplicates: 0, missing: 0, refused: 0 })

          const stopped = yield* runner.terminate
          assert.strictEqual(stopped.status, ExitCode.Terminated, stopped.stderr)
        })
      ),
    120_000
  )
})
