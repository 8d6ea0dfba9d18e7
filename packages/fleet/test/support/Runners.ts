/**
 * Runner processes (`runner.ts`) for the cluster test: each a real `node` process, killed with
 * SIGKILL when asked (and at the end of the scope if still running). The test runs `runner.ts`
 * through `tsx`; the bench runs the same program bundled (`entry`), as the published code runs.
 */
import { Effect } from "effect"
import type { Scope } from "effect"
import { spawn } from "node:child_process"
import type { ChildProcess } from "node:child_process"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../../../..", import.meta.url))
const script = fileURLToPath(new URL("./runner.ts", import.meta.url))

interface Started {
  readonly child: ChildProcess
  readonly output: Array<string>
}

const startOne = (
  environment: Readonly<Record<string, string>>,
  entry: string | undefined
): Effect.Effect<Started, Error> =>
  Effect.async<Started, Error>((resume) => {
    // One process (`tsx` itself would fork one), so a kill leaves no orphan.
    const child = spawn(process.execPath, entry === undefined ? ["--import", "tsx", script] : [entry], {
      cwd: root,
      env: { ...process.env, ...environment },
      stdio: ["ignore", "pipe", "pipe"]
    })
    const output: Array<string> = []
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")))
    createInterface({ input: child.stdout }).on("line", (line) => {
      output.push(line)
      if (line === "ready") resume(Effect.succeed({ child, output }))
      if (line.startsWith("error")) resume(Effect.fail(new Error(`a runner failed: ${output.join("\n")}`)))
    })
    child.once(
      "exit",
      (code, signal) =>
        resume(Effect.fail(new Error(`a runner ended (${code ?? signal}) before it was ready: ${output.join("\n")}`)))
    )
  })

/**
 * Runners started together; `kill(i)` SIGKILLs the i-th, `add` starts one more. `entry`: a bundle
 * of `runner.ts` to run with plain `node` instead of `runner.ts` through `tsx`.
 */
export const start = (
  count: number,
  environment: Readonly<Record<string, string>>,
  entry?: string
): Effect.Effect<
  {
    readonly kill: (index: number) => Effect.Effect<void>
    readonly add: (environment: Readonly<Record<string, string>>) => Effect.Effect<void, Error>
  },
  Error,
  Scope.Scope
> =>
  Effect.gen(function*() {
    const running: Array<Started> = []
    yield* Effect.addFinalizer(() =>
      Effect.sync(() => {
        for (const { child } of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL")
      })
    )
    const add = (env: Readonly<Record<string, string>>) =>
      Effect.map(startOne(env, entry), (started) => {
        running.push(started)
      })
    yield* Effect.all(Array.from({ length: count }, () => add(environment)), {
      concurrency: "unbounded",
      discard: true
    })
    return {
      kill: (index) =>
        Effect.sync(() => {
          running[index]?.child.kill("SIGKILL")
        }),
      add
    }
  })
