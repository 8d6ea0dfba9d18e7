/**
 * One process of the quota-store reliability test: opens the file quota store in a directory
 * and takes creation slots for one WABA, printing one line per outcome (`ok`, `refused`, or
 * `error <message>`), then `done`.
 *
 *   node --import tsx quota-child.ts <directory> <wabaId> <attempts|forever> <creationsPerHour>
 *
 * It prints `ready` once the store is open and waits for a line on stdin before it starts, so
 * that the test can start several processes at the same moment.
 */
import { ChildProcess } from "@wa-admin/core/testing"
import { Effect } from "effect"
import * as QuotaStore from "../src/QuotaStore.js"

const [directory = "", wabaId = "", attempts = "1", limit = "100"] = process.argv.slice(2)
const forever = attempts === "forever"

const { say } = ChildProcess

const program = Effect.gen(function*() {
  const quota = yield* QuotaStore.makeFileSystem(directory, { limits: { creationsPerHour: Number(limit) } })
  yield* ChildProcess.readyThenAwaitGo
  for (let index = 0; forever || index < Number(attempts); index++) {
    const outcome = yield* quota.reserveCreation(wabaId, { provider: "woztell", operation: "templates.create" }).pipe(
      Effect.as("ok"),
      Effect.catchAll((error) => Effect.succeed(error._tag === "QuotaExceeded" ? "refused" : `error ${error.message}`))
    )
    yield* say(outcome)
  }
  yield* say("done")
})

Effect.runPromise(program).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`)
    process.exit(1)
  }
)
