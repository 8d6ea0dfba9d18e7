/**
 * Peak memory growth while streaming every template of a WABA (10,000 seeded in the emulator
 * host) through the WOZTELL adapter, measured in a child process (see `TemplateStreamChild.ts`
 * for exactly what is measured) so that neither the emulator nor the bench itself is counted.
 * The child is bundled with esbuild and run as plain JavaScript with `--expose-gc`: no tsx in
 * it, so no transpiler garbage in its baseline. The same child collecting the whole list instead
 * shows what streaming saves.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Description } from "./EmulatorHost.js"
import * as NodeBundle from "./NodeBundle.js"
import { fromRoot } from "./Paths.js"
import { runNodeToCompletion } from "./Processes.js"

/** Bytes, as the child measured them. */
export interface Measurement {
  readonly templates: number
  readonly baselineRss: number
  /** Peak RSS above the baseline taken right before the listing. */
  readonly peakRssGrowth: number
  /** Peak `heapUsed` above the baseline (garbage not yet collected included). */
  readonly peakHeapGrowth: number
  /** Peak `heapUsed + external` (external includes Buffers and ArrayBuffers) above the baseline. */
  readonly peakHeapAndExternalGrowth: number
  /** The most the heap held above its baseline right after a full collection. */
  readonly retainedHeapGrowth: number
}

/** Bundles the child into `directory` as one ESM file; answers its path. */
const bundleChild = async (directory: string): Promise<string> => {
  const outfile = join(directory, "template-stream-child.mjs")
  await NodeBundle.bundle(fromRoot("examples/bench/internal/TemplateStreamChild.ts"), outfile)
  return outfile
}

export const measure = async (woztell: Description["woztell"], mode: "stream" | "collect"): Promise<Measurement> => {
  const directory = mkdtempSync(join(tmpdir(), "wa-admin-template-stream-"))
  try {
    const child = await bundleChild(directory)
    const output = await runNodeToCompletion(["--expose-gc", child], {
      BENCH_WOZTELL_URL: woztell.url,
      BENCH_WOZTELL_TOKEN: woztell.accessToken,
      BENCH_WOZTELL_WABA: woztell.wabaId,
      BENCH_COLLECT: mode === "collect" ? "1" : "0"
    }, "the template stream child")
    const measurement = JSON.parse(output.trim()) as Measurement
    if (measurement.templates !== woztell.templates) {
      throw new Error(`streamed ${measurement.templates} templates, expected ${woztell.templates}`)
    }
    // Readings that show nothing mean the measurement is not measuring: listing allocates, and a
    // collected list is alive when its retained size is read (a decoded template takes well
    // over 256 bytes).
    if (measurement.peakHeapAndExternalGrowth <= 0) {
      throw new Error(`the ${mode} child saw no memory growth: ${output.trim()}`)
    }
    if (mode === "collect" && measurement.retainedHeapGrowth < measurement.templates * 256) {
      throw new Error(`the collect child did not see the collected list in its heap: ${output.trim()}`)
    }
    return measurement
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}
