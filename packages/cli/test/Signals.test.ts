/**
 * How the real executable ends when a signal stops it: 130 for Ctrl+C (SIGINT), 143 for SIGTERM
 * (128 + the signal's number, as shells and supervisors expect).
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../../..", import.meta.url))

/** Starts `wa-admin emulator vonage`, waits for it to listen, sends `signal`, answers the exit code. */
const stoppedBy = (signal: "SIGINT" | "SIGTERM") =>
  Effect.gen(function*() {
    const child = yield* Effect.acquireRelease(
      Effect.sync(() =>
        // One process (`tsx` itself would fork one), so the signal reaches wa-admin itself.
        spawn(process.execPath, ["--import", "tsx", "packages/cli/src/bin.ts", "emulator", "vonage"], {
          cwd: root,
          env: { ...process.env, NO_COLOR: "1" },
          stdio: ["ignore", "pipe", "pipe"]
        })
      ),
      (child) => Effect.sync(() => child.kill("SIGKILL"))
    )
    const exited = Effect.async<number | null>((resume) => {
      if (child.exitCode !== null || child.signalCode !== null) return resume(Effect.succeed(child.exitCode))
      child.once("exit", (code) => resume(Effect.succeed(code)))
    })
    yield* Effect.async<void>((resume) => {
      let output = ""
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8")
        if (output.includes("listening on")) resume(Effect.void)
      })
    }).pipe(Effect.timeoutFail({ duration: "50 seconds", onTimeout: () => new Error("the emulator never listened") }))
    child.kill(signal)
    return yield* exited
  })

describe("wa-admin stopped by a signal", () => {
  it.scopedLive("SIGTERM ends it with 143", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* stoppedBy("SIGTERM"), 143)
    }), 60_000)

  it.scopedLive("SIGINT (Ctrl+C) ends it with 130", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* stoppedBy("SIGINT"), 130)
    }), 60_000)
})
