/**
 * Worker processes (`worker.ts`) for the concurrency tests: each a real `node` process, started
 * together and released at the same moment, their output lines collected; killed at the end of
 * the scope if still running.
 */
import { Effect } from "effect"
import type { Scope } from "effect"
import { spawn } from "node:child_process"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../../../..", import.meta.url))
const script = fileURLToPath(new URL("./worker.ts", import.meta.url))

/** What a worker printed. */
export interface Finished {
  readonly holder: string
  readonly lines: ReadonlyArray<string>
}

const startOne = (holder: string, options: Record<string, unknown>, env: Readonly<Record<string, string>>) => {
  // One process (`tsx` itself would fork one), so a kill leaves no orphan.
  const child = spawn(process.execPath, ["--import", "tsx", script, JSON.stringify({ holder, ...options })], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"]
  })
  const lines: Array<string> = []
  let stderr = ""
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")))
  const waiting: Array<() => void> = []
  createInterface({ input: child.stdout }).on("line", (line) => {
    lines.push(line)
    for (const wake of waiting.splice(0)) wake()
  })
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
  const until = (done: () => boolean): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (done()) return resolve()
        waiting.push(check)
      }
      check()
      void exited.then(
        () => (done() ? resolve() : reject(new Error(`worker ${holder} ended early: ${lines.join(" | ")} ${stderr}`)))
      )
    })
  return {
    holder,
    ready: () => until(() => lines.includes("ready") || lines.some((line) => line.startsWith("error"))),
    go: () => child.stdin.write("go\n"),
    finished: async (): Promise<Finished> => {
      await until(() => lines.includes("done") || lines.some((line) => line.startsWith("error")))
      await exited
      return { holder, lines }
    },
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL")
    }
  }
}

/**
 * Starts `count` workers on the store `env` names, releases them together once all are ready,
 * and answers what each printed.
 */
export const runWorkers = (
  count: number,
  options: Record<string, unknown>,
  env: Readonly<Record<string, string>>
): Effect.Effect<ReadonlyArray<Finished>, Error, Scope.Scope> =>
  Effect.gen(function*() {
    const workers = yield* Effect.acquireRelease(
      Effect.sync(() => Array.from({ length: count }, (_, index) => startOne(`worker-${index + 1}`, options, env))),
      (started) => Effect.sync(() => started.forEach((worker) => worker.stop()))
    )
    yield* Effect.tryPromise({
      try: () => Promise.all(workers.map((worker) => worker.ready())),
      catch: (error) => (error instanceof Error ? error : new Error(String(error)))
    })
    for (const worker of workers) worker.go()
    return yield* Effect.tryPromise({
      try: () => Promise.all(workers.map((worker) => worker.finished())),
      catch: (error) => (error instanceof Error ? error : new Error(String(error)))
    })
  })
