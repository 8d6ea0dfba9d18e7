/**
 * The child side of a test that starts several processes at one moment: the child says `ready`
 * once it is set up, then waits for the test's "go" line on stdin, and reports each outcome as a
 * line on stdout.
 *
 * @example
 * import { ChildProcess } from "@wa-admin/core/testing"
 * import { Effect } from "effect"
 *
 * const child = Effect.gen(function*() {
 *   yield* ChildProcess.readyThenAwaitGo
 *   yield* ChildProcess.say("done")
 * })
 *
 * @since 0.2.0
 */
import { Effect } from "effect"
import { createInterface } from "node:readline"

/**
 * Writes one line to stdout.
 *
 * @since 0.2.0
 * @category reporting
 */
export const say = (line: string): Effect.Effect<void> => Effect.sync(() => process.stdout.write(`${line}\n`))

/**
 * Says `ready`, then waits for the first line on stdin (the test's "go").
 *
 * @since 0.2.0
 * @category synchronisation
 */
export const readyThenAwaitGo: Effect.Effect<void> = Effect.zipRight(
  say("ready"),
  Effect.async<void>((resume) => {
    const lines = createInterface({ input: process.stdin })
    lines.once("line", () => {
      lines.close()
      resume(Effect.void)
    })
  })
)
