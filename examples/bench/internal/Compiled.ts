/**
 * Runs the per-call measurements (overhead, bulk) on the code as it is published, not as `tsx`
 * loads the workspace's TypeScript sources.
 *
 * The workspace packages export their `src/*.ts`, which the bench would otherwise run through
 * `tsx`. `tsx` compiles with esbuild's `keepNames`, which wraps every function the adapter
 * creates per call in a `__name(fn, "…")` call (an `Object.defineProperty` each): in a profile
 * of 12,000 profile reads that was 8–10 µs of client CPU per call, spent only by the adapter's
 * code (its dependencies are plain JavaScript from node_modules, which `tsx` leaves alone) and
 * by none of the code a user runs: the published packages are `tsc`'s output. So the
 * measurement is bundled by esbuild (types stripped, names left alone, as `tsc` emits them:
 * every variant, raw fetch included, comes from the same bundle) and run by plain `node` in its
 * own process, which prints its result as one JSON line.
 */
import { join } from "node:path"
import type * as BulkTenants from "./BulkTenants.js"
import type { Description } from "./EmulatorHost.js"
import * as NodeBundle from "./NodeBundle.js"
import type * as Overhead from "./Overhead.js"
import { fromRoot } from "./Paths.js"
import { runNodeToCompletion } from "./Processes.js"

/** Bundles the measurement entry point into `directory` once; answers the bundle's path. */
const bundled = new Map<string, Promise<string>>()
const bundle = (directory: string): Promise<string> => {
  const known = bundled.get(directory)
  if (known !== undefined) return known
  const outfile = join(directory, "measure.mjs")
  const made = NodeBundle.bundle(fromRoot("examples/bench/internal/CompiledMain.ts"), outfile).then(() => outfile)
  bundled.set(directory, made)
  return made
}

const measure = async (
  directory: string,
  input: {
    readonly phase: "overhead" | "overhead-alone" | "bulk"
    readonly vonage: Description["vonage"]
    readonly options: unknown
    readonly variant?: Overhead.Variant
  }
): Promise<unknown> => {
  const file = await bundle(directory)
  const output = await runNodeToCompletion(
    [file, JSON.stringify(input)],
    {},
    `the ${input.phase} measurement${input.variant === undefined ? "" : ` of ${input.variant}`}`
  )
  const line = output.trim().split("\n").at(-1) ?? ""
  return JSON.parse(line)
}

/** {@link Overhead.run} on the published form of the code; `directory` holds the bundle. */
export const overhead = async (
  directory: string,
  vonage: Description["vonage"],
  options: Parameters<typeof Overhead.run>[1]
): Promise<Overhead.Result> => (await measure(directory, { phase: "overhead", vonage, options })) as Overhead.Result

/** {@link Overhead.runAlone} on the published form of the code, in a process of its own; `directory` holds the bundle. */
export const overheadAlone = async (
  directory: string,
  vonage: Description["vonage"],
  variant: Overhead.Variant,
  options: Overhead.Options
): Promise<Overhead.Alone> =>
  (await measure(directory, { phase: "overhead-alone", vonage, options, variant })) as Overhead.Alone

/** {@link BulkTenants.run} on the published form of the code; `directory` holds the bundle. */
export const bulk = async (
  directory: string,
  vonage: Description["vonage"],
  options: Parameters<typeof BulkTenants.run>[1]
): Promise<BulkTenants.Result> => (await measure(directory, { phase: "bulk", vonage, options })) as BulkTenants.Result
