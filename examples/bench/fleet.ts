/**
 * The fleet's figures: fleet template migrations (Meta onto WOZTELL) against the emulators,
 * provider time accelerated. The
 * measurement runs in its own process, `packages/fleet/test/support/bench.ts` (it needs
 * `@wa-admin/fleet` and `@wa-admin/store`, which this workspace package does not depend on), and
 * prints one JSON line read here.
 *
 * - `fleet_makespan_ratio`: 200 WABA pairs x 20 templates on three runner processes sharing one
 *   PostgreSQL (one SIGKILLed after the first window, another joining): from the first creation
 *   to the job's end, against the quota's own bound (5 creations per WABA per hour: the last
 *   window cannot open before 3 hours).
 * - `fleet_overhead_per_item_ms`: 20 pairs x 20 templates in one process on SQLite with no quota
 *   in the way, the job's wall time less that of the same creations sent straight through the
 *   adapter (as many at a time), per template.
 */
import { createRequire } from "node:module"
import { join } from "node:path"
import * as NodeBundle from "./internal/NodeBundle.js"
import { fromRoot } from "./internal/Paths.js"
import { runToCompletion } from "./internal/Processes.js"

/** What the fleet bench measured. */
export interface Result {
  readonly makespanRatio: number
  readonly makespanMillis: number
  readonly boundMillis: number
  readonly overheadPerItemMs: number
  readonly fleetMillis: number
  readonly directMillis: number
  readonly items: number
}

const isResult = (value: unknown): value is Result =>
  typeof value === "object" && value !== null &&
  ["makespanRatio", "makespanMillis", "boundMillis", "overheadPerItemMs", "fleetMillis", "directMillis", "items"].every(
    (key) => typeof (value as Record<string, unknown>)[key] === "number"
  )

/**
 * The runner program bundled into `directory`, as the published code runs: better-sqlite3 (a
 * native addon) imported from where the store's SQLite driver finds it, pg's optional native
 * binding left out.
 */
const runnerBundle = async (directory: string): Promise<string> => {
  const driver = createRequire(fromRoot("packages/store/package.json")).resolve("@effect/sql-sqlite-node/package.json")
  const outfile = join(directory, "fleet-runner.mjs")
  await NodeBundle.bundle(fromRoot("packages/fleet/test/support/runner.ts"), outfile, {
    native: { "better-sqlite3": createRequire(driver).resolve("better-sqlite3") },
    optional: ["pg-native"]
  })
  return outfile
}

/** Runs the fleet bench in its own process; `directory` holds the runners' bundle. */
export const run = async (directory: string): Promise<Result> => {
  const output = await runToCompletion("packages/fleet/test/support/bench.ts", {
    env: { FLEET_RUNNER_BUNDLE: await runnerBundle(directory) }
  })
  const line = output.trim().split("\n").at(-1) ?? ""
  const parsed: unknown = JSON.parse(line)
  if (!isResult(parsed)) throw new Error(`the fleet bench printed no figures: ${line}`)
  return parsed
}
