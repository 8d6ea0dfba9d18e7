/**
 * The entry point {@link ./Compiled.ts} bundles: runs one phase's measurement and prints its
 * result as one JSON line. Its input is one JSON argument: `{ phase, vonage, options }`.
 */
import * as BulkTenants from "./BulkTenants.js"
import type { Description } from "./EmulatorHost.js"
import * as Overhead from "./Overhead.js"

interface Input {
  readonly phase: "overhead" | "bulk"
  readonly vonage: Description["vonage"]
  readonly options: unknown
}

const input = JSON.parse(process.argv[2] ?? "{}") as Input
const result = input.phase === "overhead"
  ? await Overhead.run(input.vonage, input.options as Parameters<typeof Overhead.run>[1])
  : await BulkTenants.run(input.vonage, input.options as Parameters<typeof BulkTenants.run>[1])
process.stdout.write(`${JSON.stringify(result)}\n`)
