/**
 * The child process of `TemplateStream.ts`: lists every template of a WABA through the WOZTELL
 * adapter's paginated `Templates.list` (100 per page) and reports how this process's memory grew
 * while it did. It is bundled with esbuild and run as plain JavaScript with `--expose-gc`, so no
 * transpiler runs in it and its memory holds only the adapter, its dependencies and the list. The
 * emulator serving the pages runs in another process, so none of its memory counts.
 *
 * What is measured (all from `process.memoryUsage()`, in bytes):
 *
 * 1. Warm-up: one page is listed through the same runtime and the same path, so that code
 *    loading, JIT compilation and the connection to the emulator are in the baseline, not in the
 *    growth. Then two full collections.
 * 2. Baseline: `rss`, `heapUsed` and `external` (which includes `arrayBuffers`, i.e. Buffers),
 *    taken right before the listing starts.
 * 3. First pass, the figure: the whole list is consumed while `process.memoryUsage()` is sampled
 *    every 2 ms and after every page. It reports the peak growth over the baseline of
 *    - `rss`: resident memory of the whole process (V8 heap including garbage not yet collected,
 *      buffers, undici's sockets, native allocations), as the operating system sees it; the
 *      bench's figure;
 *    - `heapUsed + external`: the JavaScript heap in use (live objects and garbage not yet
 *      collected) plus memory held outside it by Buffers and ArrayBuffers.
 *    RSS can under-report growth when the baseline holds pages V8 has freed but not returned to
 *    the system (they are reused first); the heap + external figure cannot, which is why both are
 *    reported.
 * 4. Second pass: the list is consumed again with a full collection after every page (after the
 *    whole list when collecting), reporting the most the heap held above what it held after
 *    collections before that pass: what the listing really retains, garbage excluded.
 *
 * With `BENCH_COLLECT=1` the list is collected into one `Chunk` (`Stream.runCollect`) instead of
 * folded as it streams, so that the same measurement shows what streaming saves: the whole list
 * (10,000 decoded templates) is alive at the end.
 *
 * Prints one JSON line: `{ templates, baselineRss, peakRssGrowth, peakHeapGrowth,
 * peakHeapAndExternalGrowth, retainedHeapGrowth }`.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { Templates } from "@wa-admin/core"
import { QuotaStore, WoztellAdmin, WoztellClient } from "@wa-admin/woztell"
import { Chunk, Effect, Layer, ManagedRuntime, Redacted, Stream } from "effect"

const url = process.env["BENCH_WOZTELL_URL"] ?? ""
const accessToken = process.env["BENCH_WOZTELL_TOKEN"] ?? ""
const wabaId = process.env["BENCH_WOZTELL_WABA"] ?? ""
const collect = process.env["BENCH_COLLECT"] === "1"

const exposedGc = (globalThis as { readonly gc?: () => void }).gc
if (exposedGc === undefined) throw new Error("run with --expose-gc")
const gc: () => void = exposedGc

const runtime = ManagedRuntime.make(
  WoztellAdmin.layer.pipe(
    Layer.provide(WoztellClient.layer({ accessToken: Redacted.make(accessToken), baseUrl: url })),
    Layer.provide(Layer.merge(NodeHttpClient.layerUndici, QuotaStore.layerMemory()))
  )
)
const pageSize = 100
const list = Templates.list({ wabaId, pageSize })

/** Consumes the list (or collects it), calling `onPage` after every page; answers the count. */
const consume = (onPage: () => void): Effect.Effect<number, unknown, Templates.Templates> =>
  collect
    ? Effect.map(Stream.runCollect(list), (all) => {
      onPage()
      return Chunk.size(all)
    })
    : Stream.runFold(list, 0, (count) => {
      if ((count + 1) % pageSize === 0) onPage()
      return count + 1
    })

const heapAndExternal = (usage: NodeJS.MemoryUsage) => usage.heapUsed + usage.external

await runtime.runPromise(Stream.runDrain(Stream.take(list, pageSize)))
gc()
gc()

const baseline = process.memoryUsage()
let peakRss = baseline.rss
let peakHeap = baseline.heapUsed
let peakHeapAndExternal = heapAndExternal(baseline)
const sample = () => {
  const now = process.memoryUsage()
  if (now.rss > peakRss) peakRss = now.rss
  if (now.heapUsed > peakHeap) peakHeap = now.heapUsed
  if (heapAndExternal(now) > peakHeapAndExternal) peakHeapAndExternal = heapAndExternal(now)
}
const sampler = setInterval(sample, 2)
const templates = await runtime.runPromise(consume(sample))
sample()
clearInterval(sampler)

gc()
gc()
const settled = process.memoryUsage().heapUsed
let retained = 0
const second = await runtime.runPromise(
  consume(() => {
    gc()
    retained = Math.max(retained, process.memoryUsage().heapUsed - settled)
  })
)
if (second !== templates) throw new Error("the second pass saw a different list")

process.stdout.write(
  `${
    JSON.stringify({
      templates,
      baselineRss: baseline.rss,
      peakRssGrowth: peakRss - baseline.rss,
      peakHeapGrowth: peakHeap - baseline.heapUsed,
      peakHeapAndExternalGrowth: peakHeapAndExternal - heapAndExternal(baseline),
      retainedHeapGrowth: retained
    })
  }\n`
)
await runtime.dispose()
