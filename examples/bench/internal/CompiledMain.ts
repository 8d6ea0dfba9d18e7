/**
 * The entry point {@link ./Compiled.ts} bundles: runs one phase's measurement and prints its
 * result as one JSON line. Its input is one JSON argument: `{ phase, vonage, options, variant? }`.
 */
import * as BulkTenants from "./BulkTenants.js"
import type { Description } from "./EmulatorHost.js"
import * as Overhead from "./Overhead.js"

interface Input {
  readonly phase: "overhead" | "overhead-alone" | "bulk"
  readonly vonage: Description["vonage"]
  readonly options: unknown
  /** For `overhead-alone`: the one variant this process measures. */
  readonly variant?: Overhead.Variant
}

const input = JSON.parse(process.argv[2] ?? "{}") as Input
const result = input.phase === "overhead"
  ? await Overhead.run(input.vonage, input.options as Overhead.Options)
  : input.phase === "overhead-alone"
  ? await Overhead.runAlone(input.vonage, input.variant ?? "raw", input.options as Overhead.Options)
  : await BulkTenants.run(input.vonage, input.options as Parameters<typeof BulkTenants.run>[1])
process.stdout.write(`${JSON.stringify(result)}\n`)
