/**
 * The file quota store between real processes: several `node` processes (running
 * `quota-child.ts`) take creation slots in one directory at the same moment, and processes are
 * killed (SIGKILL) in the middle of taking slots. Every slot a process was given must be
 * recorded, the hourly budget never exceeded, and the store readable after every kill. The row
 * `fail-closed store` counts quota overruns, lost updates and stores left unreadable (hostile
 * outcomes, must be 0).
 */
import { assert, describe, it } from "@effect/vitest"
import { ReliabilityMetrics } from "@wa-admin/core/testing"
import { Effect } from "effect"
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import * as path from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import * as QuotaStore from "../src/QuotaStore.js"

const root = fileURLToPath(new URL("../../..", import.meta.url))
const script = fileURLToPath(new URL("./quota-child.ts", import.meta.url))
const wabaId = "190787529545503"

/** A running child: the lines it printed so far, and ways to wait for more, start it and kill it. */
const start = (directory: string, attempts: number | "forever", limit: number) => {
  // One process (`tsx` itself would fork one), so a kill leaves no orphan running on.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", script, directory, wabaId, String(attempts), String(limit)],
    {
      cwd: root,
      stdio: ["pipe", "pipe", "pipe"]
    }
  )
  const lines: Array<string> = []
  const waiting: Array<() => void> = []
  let stderr = ""
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8")
  })
  createInterface({ input: child.stdout }).on("line", (line) => {
    lines.push(line)
    for (const wake of waiting.splice(0)) wake()
  })
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
  const until = (done: () => boolean): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (done()) return resolve()
        if (child.exitCode !== null || child.signalCode !== null) {
          return reject(new Error(`the child ended early: ${stderr}`))
        }
        waiting.push(check)
      }
      check()
      void exited.then(() => {
        if (!done()) reject(new Error(`the child ended early: ${stderr}`))
      })
    })
  return {
    lines,
    ready: () => until(() => lines.includes("ready")),
    go: () => child.stdin.write("go\n"),
    finished: () => until(() => lines.includes("done")).then(() => exited),
    given: (count: number) => until(() => lines.filter((line) => line === "ok").length >= count),
    okCount: () => lines.filter((line) => line === "ok").length,
    errors: () => lines.filter((line) => line.startsWith("error")),
    kill: () => {
      child.kill("SIGKILL")
      return exited
    },
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL")
    }
  }
}

type Child = ReturnType<typeof start>

/** A temporary directory for one scenario, and the children started in it (killed at the end). */
const scenario = Effect.acquireRelease(
  Effect.sync(() => ({
    directory: mkdtempSync(path.join(tmpdir(), "wa-admin-quota-processes-")),
    children: [] as Array<Child>
  })),
  ({ children, directory }) =>
    Effect.sync(() => {
      for (const child of children) child.stop()
      rmSync(directory, { recursive: true, force: true })
    })
)

/** What the store says now (real time: the children used the real clock). */
const recorded = (directory: string, limit: number) =>
  QuotaStore.makeFileSystem(directory, { limits: { creationsPerHour: limit } }).pipe(
    Effect.flatMap((quota) => quota.creations(wabaId)),
    Effect.map((state) => state.used)
  )

/** Starts `processes` children at the same moment, each taking up to `attempts` slots; answers what each was given. */
const concurrently = (processes: number, attempts: number, limit: number) =>
  Effect.gen(function*() {
    const { children, directory } = yield* scenario
    for (let index = 0; index < processes; index++) children.push(start(directory, attempts, limit))
    yield* Effect.promise(() => Promise.all(children.map((child) => child.ready())))
    for (const child of children) child.go()
    yield* Effect.promise(() => Promise.all(children.map((child) => child.finished())))
    const given = children.map((child) => child.okCount())
    const errors = children.flatMap((child) => child.errors())
    return { given, errors, recorded: yield* recorded(directory, limit) }
  })

/** Records one scenario in the row `fail-closed store`. */
const tally = (hostile: number, passed: boolean) => {
  ReliabilityMetrics.record({
    area: "fail-closed store",
    scenariosRun: 1,
    scenariosPassed: passed ? 1 : 0,
    hostileOutcomes: hostile
  })
}

describe("the file quota store between processes", () => {
  it.live("3 processes taking 40 slots each at once: all 120 are recorded", () =>
    Effect.scoped(
      Effect.gen(function*() {
        const outcome = yield* concurrently(3, 40, 1_000)
        const lost = Math.max(0, 120 - outcome.recorded)
        tally(lost, lost === 0 && outcome.errors.length === 0 && outcome.given.every((given) => given === 40))
        assert.deepStrictEqual(outcome.errors, [])
        assert.deepStrictEqual(outcome.given, [40, 40, 40])
        assert.strictEqual(outcome.recorded, 120, "no update lost")
      })
    ), 120_000)

  it.live(
    "4 processes taking 40 slots each against a budget of 100: exactly 100 given and recorded",
    () =>
      Effect.scoped(
        Effect.gen(function*() {
          const outcome = yield* concurrently(4, 40, 100)
          const given = outcome.given.reduce((sum, count) => sum + count, 0)
          const overruns = Math.max(0, given - 100) + Math.max(0, outcome.recorded - 100)
          const lost = Math.max(0, given - outcome.recorded)
          tally(overruns + lost, overruns + lost === 0 && given === 100 && outcome.errors.length === 0)
          assert.deepStrictEqual(outcome.errors, [])
          assert.strictEqual(given, 100, `given ${outcome.given.join(" + ")}`)
          assert.strictEqual(outcome.recorded, 100)
        })
      ),
    120_000
  )

  it.live(
    "a process killed (SIGKILL) while taking slots leaves a readable store holding every slot it was given",
    () =>
      Effect.scoped(
        Effect.gen(function*() {
          const { children, directory } = yield* scenario
          let reported = 0
          const problems: Array<string> = []
          let hostile = 0
          // Killed after different numbers of slots, so the kill lands at different points of a write.
          for (const [round, killAfter] of [12, 31, 54, 77, 96].entries()) {
            const child = start(directory, "forever", 1_000_000_000)
            children.push(child)
            yield* Effect.promise(() => child.ready())
            child.go()
            yield* Effect.promise(() => child.given(killAfter))
            yield* Effect.promise(() => child.kill())
            reported += child.okCount()
            const read = yield* Effect.either(recorded(directory, 1_000_000_000))
            if (read._tag === "Left") {
              hostile++
              problems.push(`round ${round}: the store is unreadable after the kill: ${read.left.message}`)
              break
            }
            // The slot being taken when the kill came may or may not have been recorded.
            const inFlight = round + 1
            if (read.right < reported) {
              hostile += reported - read.right
              problems.push(`round ${round}: ${read.right} recorded, ${reported} given`)
            } else if (read.right > reported + inFlight) {
              problems.push(`round ${round}: ${read.right} recorded, only ${reported} given (+${inFlight} in flight)`)
            }
          }
          tally(hostile, problems.length === 0)
          assert.deepStrictEqual(problems, [])
        })
      ),
    180_000
  )
})
