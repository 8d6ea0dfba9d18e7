/**
 * `pnpm bench`: what wa-admin costs over a bare HTTP call, how fast it starts, how small it
 * is, and how well it uses a provider's quota — measured against the emulators on loopback.
 *
 * Prints one `name=value` line per figure, then a table with each figure's goal and details,
 * and the machine the figures come from. Timings are medians of interleaved runs, so that a
 * busy machine disturbs both sides of each comparison alike. A phase that fails prints its
 * figures as `error` (the table says why) and the bench exits with 1; a missed goal is reported,
 * not an error.
 *
 * `BENCH_ONLY=overhead,bulk` runs some phases only: overhead, bulk, migration, stream, cli, bundle.
 */
import { Duration } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as BulkTenants from "./internal/BulkTenants.js"
import * as BundleSize from "./internal/BundleSize.js"
import * as CliStartup from "./internal/CliStartup.js"
import type { Description } from "./internal/EmulatorHost.js"
import * as Machine from "./internal/Machine.js"
import * as Migration from "./internal/Migration.js"
import * as OpenApiTypes from "./internal/OpenApiTypes.js"
import * as Overhead from "./internal/Overhead.js"
import { startWithFirstLine } from "./internal/Processes.js"
import { median, round } from "./internal/Stats.js"
import * as TemplateStream from "./internal/TemplateStream.js"

interface Figure {
  readonly name: string
  readonly value: number | string
  readonly goal: string
  readonly met: boolean
  readonly detail: string
}

const mebibytes = (bytes: number) => round(bytes / 2 ** 20, 1)
const kibibytes = (bytes: number) => round(bytes / 1024, 1)
const millis = (value: number) => `${round(value, 3)} ms`

/** Tells on stderr what starts now, and how long the step before it took. */
let stepStartedAt = performance.now()
const progress = (message: string) => {
  const now = performance.now()
  process.stderr.write(`bench: (previous step ${round((now - stepStartedAt) / 1000, 1)} s) ${message}\n`)
  stepStartedAt = now
}

const only = new Set((process.env["BENCH_ONLY"] ?? "").split(",").filter((phase) => phase.length > 0))
const figures: Array<Figure> = []
let failed = false

/** Runs one phase; if it fails, its figures are reported as errors and the others still run. */
const phase = async (
  name: string,
  message: string,
  figureNames: ReadonlyArray<string>,
  measure: () => Promise<ReadonlyArray<Figure>>
): Promise<void> => {
  if (only.size > 0 && !only.has(name)) return
  progress(message)
  try {
    figures.push(...(await measure()))
  } catch (error) {
    failed = true
    const reason = error instanceof Error ? error.message : String(error)
    for (const figure of figureNames) {
      figures.push({ name: figure, value: "error", goal: "-", met: false, detail: reason.split("\n")[0] ?? reason })
    }
  }
}

const machine = Machine.describe()
const scratch = mkdtempSync(join(tmpdir(), "wa-admin-bench-"))
const startedAt = performance.now()
progress("starting the emulators in their own process")
const host = await startWithFirstLine("examples/bench/internal/EmulatorHost.ts")
const emulators = JSON.parse(host.firstLine) as Description

try {
  await phase(
    "overhead",
    "profile reads: raw fetch, openapi-fetch, @effect/platform, the Vonage adapter (interleaved)",
    ["overhead_ratio", "openapi_fetch_ratio", "jwt_signatures_per_1000_calls"],
    async () => {
      if (!OpenApiTypes.isCurrent(scratch)) {
        throw new Error(`${OpenApiTypes.committed} is stale: regenerate it (see examples/bench/internal/OpenApiTypes.ts)`)
      }
      const overhead = await Overhead.run(emulators.vonage, { calls: 2000, warmup: 200 })
      const overheadRatio = round(overhead.oursMillis / overhead.rawMillis, 3)
      const openapiRatio = round(overhead.oursMillis / overhead.openapiMillis, 3)
      return [
        {
          name: "overhead_ratio",
          value: overheadRatio,
          goal: "<= 1.10",
          met: overheadRatio <= 1.1,
          detail:
            `median per call: adapter ${millis(overhead.oursMillis)}, raw fetch ${millis(overhead.rawMillis)}, ` +
            `@effect/platform HttpClient alone ${millis(overhead.plainMillis)} (${overhead.callsEach} calls each, interleaved)`
        },
        {
          name: "openapi_fetch_ratio",
          value: openapiRatio,
          goal: "<= 1.00",
          met: openapiRatio <= 1,
          detail: `median per call: openapi-fetch ${millis(overhead.openapiMillis)}`
        },
        {
          name: "jwt_signatures_per_1000_calls",
          value: overhead.signaturesPer1000,
          goal: "1",
          met: overhead.signaturesPer1000 <= 1,
          detail: `a fresh client's first 1,000 calls; ${overhead.signatures} signature(s) over all ${overhead.signedCalls} calls it made`
        }
      ]
    }
  )

  await phase(
    "bulk",
    "1,000 reads over 100 tenants, 16 at a time: TenantRegistry against raw fetch",
    ["bulk_tenants_ratio", "bulk_tenants_cold_ratio"],
    async () => {
      const bulk = await BulkTenants.run(emulators.vonage, { tenants: 100, reads: 1000, concurrency: 16, rounds: 3 })
      const warm = round(BulkTenants.ratio(bulk.oursWarm, bulk.rawWarm), 3)
      const cold = round(BulkTenants.ratio(bulk.oursCold, bulk.rawCold), 3)
      return [
        {
          name: "bulk_tenants_ratio",
          value: warm,
          goal: "<= 1.15",
          met: warm <= 1.15,
          detail:
            `every tenant's client built: registry ${millis(median(bulk.oursWarm))}, raw fetch ${millis(median(bulk.rawWarm))}, ` +
            `the same clients without a registry ${millis(median(bulk.directWarm))} (medians of ${bulk.oursWarm.length} rounds); ` +
            `all 1,000 handed to the registry at once, its permits bounding them: ${millis(median(bulk.oursUnbounded))}`
        },
        {
          name: "bulk_tenants_cold_ratio",
          value: cold,
          goal: "<= 1.15",
          met: cold <= 1.15,
          detail:
            `a fresh registry (${median(bulk.builds)} clients built, ${median(bulk.signatures)} JWTs signed) ` +
            `${millis(median(bulk.oursCold))} against raw fetch with an empty token cache ${millis(median(bulk.rawCold))}`
        }
      ]
    }
  )

  await phase(
    "migration",
    "migrating 500 templates under the 100-per-hour quota (TestClock)",
    ["migration_makespan_ratio", "migration_rate_limited"],
    async () => {
      const migration = await Migration.run({ templates: 500, creationsPerHour: 100 })
      const ratio = round(Duration.toMillis(migration.makespan) / Duration.toMillis(migration.optimum), 4)
      return [
        {
          name: "migration_makespan_ratio",
          value: ratio,
          goal: "<= 1.02",
          met: ratio <= 1.02,
          detail:
            `${Duration.format(migration.makespan)} simulated against the quota's bound of ${Duration.format(migration.optimum)}; ` +
            `${migration.created} created, ${migration.failed} failed, paced ${migration.paced} times`
        },
        {
          name: "migration_rate_limited",
          value: migration.refusedByProvider,
          goal: "0",
          met: migration.refusedByProvider === 0,
          detail: `creation requests the emulator refused, of ${migration.requests} requests it received`
        }
      ]
    }
  )

  await phase(
    "stream",
    "listing 10,000 templates in a child process (--expose-gc): streamed, then collected",
    ["template_stream_rss_mb", "template_stream_retained_mb"],
    async () => {
      const stream = await TemplateStream.measure(emulators.woztell, "stream")
      const collected = await TemplateStream.measure(emulators.woztell, "collect")
      const rss = mebibytes(stream.peakRssGrowth)
      const retained = mebibytes(stream.retainedHeapGrowth)
      return [
        {
          name: "template_stream_rss_mb",
          value: rss,
          goal: "<= 50",
          met: rss <= 50,
          detail:
            `peak RSS growth of a bundled child over a baseline taken right before the listing; peak heap + external growth ` +
            `${mebibytes(stream.peakHeapAndExternalGrowth)} MiB (garbage included); ` +
            `collecting the ${collected.templates} templates instead: RSS +${mebibytes(collected.peakRssGrowth)} MiB, ` +
            `heap + external +${mebibytes(collected.peakHeapAndExternalGrowth)} MiB`
        },
        {
          name: "template_stream_retained_mb",
          value: retained,
          goal: "<= 5 (ours)",
          met: retained <= 5,
          detail:
            `the most the heap held above the baseline right after a full collection, page by page (what streaming keeps); ` +
            `collecting the list instead retains ${mebibytes(collected.retainedHeapGrowth)} MiB`
        }
      ]
    }
  )

  await phase("cli", "wa-admin --version against node -e 0", ["cli_startup_ratio"], async () => {
    const cli = await CliStartup.run(join(scratch, "cli"), 15)
    const ratio = round(cli.cliMillis / cli.nodeMillis, 2)
    return [
      {
        name: "cli_startup_ratio",
        value: ratio,
        goal: "<= 4",
        met: ratio <= 4,
        detail:
          `median wa-admin --version ${millis(cli.cliMillis)} (printed ${cli.version}), node -e 0 ${millis(cli.nodeMillis)}, ` +
          `wa-admin --help ${millis(cli.helpMillis)}, ${cli.runs} runs each; ` +
          `${kibibytes(cli.startupBytes)} KiB of JavaScript in ${cli.startupModules} files loaded to answer --version`
      }
    ]
  })

  await phase(
    "bundle",
    "bundling a profile read with @wa-admin/vonage and with effect + @effect/platform",
    ["bundle_ratio", "bundle_other_adapters"],
    async () => {
      const bundle = await BundleSize.run(join(scratch, "bundle"), emulators.vonage)
      const ratio = round(bundle.ours.gzipped / bundle.direct.gzipped, 3)
      const top = (entries: BundleSize.Bundle["byOrigin"]) =>
        entries
          .slice(0, 6)
          .map(([origin, bytes]) => `${origin} ${kibibytes(bytes)}`)
          .join(", ")
      return [
        {
          name: "bundle_ratio",
          value: ratio,
          goal: "<= 1.30",
          met: ratio <= 1.3,
          detail:
            `gzipped: wa-admin ${kibibytes(bundle.ours.gzipped)} KiB, direct ${kibibytes(bundle.direct.gzipped)} KiB; ` +
            `minified KiB by origin: wa-admin [${top(bundle.ours.byOrigin)}], direct [${top(bundle.direct.byOrigin)}]`
        },
        {
          name: "bundle_other_adapters",
          value: bundle.ours.foreign.length === 0 ? "none" : bundle.ours.foreign.join(","),
          goal: "none",
          met: bundle.ours.foreign.length === 0,
          detail: "inputs of the wa-admin bundle from WOZTELL, Kaleyra, the CLI, an emulator or core/testing"
        }
      ]
    }
  )
} finally {
  host.child.stdin?.end()
  rmSync(scratch, { recursive: true, force: true })
}
progress("done")

for (const figure of figures) console.log(`${figure.name}=${figure.value}`)
console.log("")
const header = ["figure", "value", "goal", "met", "detail"]
const rows = figures.map((figure) => [figure.name, String(figure.value), figure.goal, figure.met ? "yes" : "NO", figure.detail])
const widths = header.map((title, column) =>
  column === header.length - 1 ? 0 : Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length))
)
const line = (cells: ReadonlyArray<string>) =>
  cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join(" | ")
console.log(line(header))
console.log(line(widths.map((width, column) => "-".repeat(column === widths.length - 1 ? 6 : width))))
for (const row of rows) console.log(line(row))
console.log("")
console.log(
  `machine: ${machine.cores} cores (nproc), ${machine.cpu}, ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.platform}; ` +
    `bench took ${round((performance.now() - startedAt) / 1000, 1)} s`
)
process.exitCode = failed ? 1 : 0
