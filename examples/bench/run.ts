/**
 * `pnpm bench`: what wa-admin costs over a bare HTTP call, how fast it starts, how small it
 * is, and how well it uses a provider's quota — measured against the emulators on loopback.
 *
 * Prints one `name=value` line per figure (and a `name_spread=low..high` line for each figure
 * measured more than once), then a table with each figure's goal and details, the phases'
 * breakdowns, and the machine the figures come from. A phase that fails prints its figures as
 * `error` (the table says why) and the bench exits with 1; a missed goal is reported, not an
 * error.
 *
 * How the timings are taken, so that they flatter no one:
 * - Overhead (one call at a time): each variant alone in a process of its own — its own heap, so
 *   its own garbage collections and nobody else's — 3,000 calls in blocks of 25 after a warm-up;
 *   four rounds, each running the four processes one after another in the order of a row of a
 *   balanced Latin square. The ratios are ratios of MEANS per call, so that the calls a garbage
 *   collection landed on count: a median drops exactly those, and the adapter allocates more
 *   than raw fetch. The medians are shown beside them (`…_median`), and the client's CPU time per
 *   call (`process.cpuUsage`; the emulator runs in its own process) beside the wall time. A
 *   ratio's spread is that of the rounds' own ratios. The four are also measured interleaved in
 *   one process (`…_shared_heap`, no goal; see internal/Overhead.ts for why that charges the
 *   adapter for the fetch variants' collections).
 * - Bulk (16 at a time): each round's 1,000 reads through the registry and through raw fetch,
 *   interleaved; the ratio is the median of the rounds' own ratios, with their min–max.
 * - CLI start: medians of alternated runs.
 * - Overhead and bulk run the code as it is published, not as `tsx` loads the workspace's sources
 *   (`tsx` wraps every function the adapter makes per call in a `__name` call): bundled by esbuild and
 *   run by plain `node` in a process of their own (internal/Compiled.ts).
 *
 * `BENCH_ONLY=overhead,bulk` runs some phases only: overhead, bulk, migration, fleet, stream, cli, bundle.
 */
import { Duration } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as Fleet from "./fleet.js"
import * as BulkTenants from "./internal/BulkTenants.js"
import * as BundleSize from "./internal/BundleSize.js"
import * as CliStartup from "./internal/CliStartup.js"
import * as Compiled from "./internal/Compiled.js"
import type { Description } from "./internal/EmulatorHost.js"
import * as Machine from "./internal/Machine.js"
import * as Migration from "./internal/Migration.js"
import * as OpenApiTypes from "./internal/OpenApiTypes.js"
import * as Overhead from "./internal/Overhead.js"
import { startWithFirstLine } from "./internal/Processes.js"
import { formatSpread, median, round, summarize } from "./internal/Stats.js"
import * as TemplateStream from "./internal/TemplateStream.js"

interface Figure {
  readonly name: string
  readonly value: number | string
  /** Where repeated measurements of it fell (`low..high`), for a figure measured more than once. */
  readonly spread?: string
  /** Its goal and whether it was met; none for a figure that explains a goal figure. */
  readonly goal?: { readonly text: string; readonly met: boolean }
  /** Shown in the figures table with this detail; a figure without one appears in its phase's breakdown. */
  readonly detail?: string
}

/** A goal the value meets when it is at most `limit` (`shown`: the limit as the table prints it). */
const atMost = (value: number, limit: number, shown: string = String(limit)): NonNullable<Figure["goal"]> => ({
  text: `<= ${shown}`,
  met: value <= limit
})

/** A phase's figures, and the table that breaks them down (figures without a detail are in it). */
interface Measured {
  readonly figures: ReadonlyArray<Figure>
  readonly breakdown?: {
    readonly title: string
    readonly header: ReadonlyArray<string>
    readonly rows: ReadonlyArray<ReadonlyArray<string>>
  }
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
const breakdowns: Array<NonNullable<Measured["breakdown"]>> = []
let failed = false

/** Runs one phase; if it fails, its goal figures are reported as errors and the others still run. */
const phase = async (
  name: string,
  message: string,
  figureNames: ReadonlyArray<string>,
  measure: () => Promise<Measured>
): Promise<void> => {
  if (only.size > 0 && !only.has(name)) return
  progress(message)
  try {
    const measured = await measure()
    figures.push(...measured.figures)
    if (measured.breakdown !== undefined) breakdowns.push(measured.breakdown)
  } catch (error) {
    failed = true
    const reason = error instanceof Error ? error.message : String(error)
    for (const figure of figureNames) {
      figures.push({
        name: figure,
        value: "error",
        goal: { text: "-", met: false },
        detail: reason.split("\n")[0] ?? reason
      })
    }
  }
}

const machine = Machine.describe()
const scratch = mkdtempSync(join(tmpdir(), "wa-admin-bench-"))
const startedAt = performance.now()
progress("starting the emulators in their own process")
const host = await startWithFirstLine("examples/bench/internal/EmulatorHost.ts")
const emulators = JSON.parse(host.firstLine) as Description

/** What the overhead table calls each variant. */
const variantLabels: Record<Overhead.Variant, string> = {
  raw: "raw fetch",
  openapi: "openapi-fetch",
  plain: "@effect/platform HttpClient alone",
  ours: "the adapter (BusinessProfile.get)"
}

try {
  await phase(
    "overhead",
    "profile reads: raw fetch, openapi-fetch, @effect/platform, the Vonage adapter (each alone in its own process, then interleaved in one)",
    ["overhead_ratio", "openapi_fetch_ratio", "jwt_signatures_per_1000_calls"],
    async () => {
      if (!OpenApiTypes.isCurrent(scratch)) {
        throw new Error(
          `${OpenApiTypes.committed} is stale: regenerate it (see examples/bench/internal/OpenApiTypes.ts)`
        )
      }
      // Each variant alone in a process of its own (its own heap), the four one after another in
      // every round, in the order of a balanced Latin square's row: the headline figures.
      const alone: Overhead.Options = { rounds: 120, blockSize: 25, groupSize: 6, warmupRounds: 60 }
      const separateRounds: Array<Record<Overhead.Variant, Overhead.Alone>> = []
      for (const row of Overhead.latinSquare) {
        const measured: Partial<Record<Overhead.Variant, Overhead.Alone>> = {}
        for (const index of row) {
          const variant = Overhead.variants[index] ?? "raw"
          measured[variant] = await Compiled.overheadAlone(scratch, emulators.vonage, variant, alone)
        }
        separateRounds.push(measured as Record<Overhead.Variant, Overhead.Alone>)
      }
      const overhead = Overhead.fromSeparateProcesses(separateRounds, alone)
      // The four interleaved in one process, one heap: what a variant pays there for another's garbage.
      const shared = await Compiled.overhead(scratch, emulators.vonage, {
        rounds: 120,
        blockSize: 25,
        groupSize: 6,
        warmupRounds: 8
      })
      const { costs } = overhead
      const ratioFigures = (
        name: string,
        comparison: Overhead.Comparison,
        goal: number | undefined,
        against: Overhead.Variant
      ): ReadonlyArray<Figure> => {
        const value = round(comparison.ratio, 3)
        return [
          {
            name,
            value,
            spread: formatSpread(comparison.spread, 3),
            ...(goal === undefined ? {} : { goal: atMost(value, goal, goal.toFixed(2)) }),
            detail: `mean wall per call, collections included: adapter ${millis(costs.ours.meanMillis)}, ` +
              `${variantLabels[against]} ${millis(costs[against].meanMillis)}; ` +
              `spread: ${comparison.spread.kind} of ${overhead.groups} groups' ratios`
          },
          {
            name: `${name}_median`,
            value: round(comparison.medianRatio, 3),
            detail:
              `per-call medians (they drop the calls a collection landed on): adapter ${
                millis(costs.ours.medianMillis)
              }, ` +
              `${variantLabels[against]} ${millis(costs[against].medianMillis)}`
          },
          {
            name: `${name.replace(/_ratio$/, "")}_cpu_ratio`,
            value: round(comparison.cpuRatio, 3),
            spread: formatSpread(comparison.cpuSpread, 3),
            detail: `client CPU per call: adapter ${round(costs.ours.cpuMicros, 0)} µs, ` +
              `${variantLabels[against]} ${round(costs[against].cpuMicros, 0)} µs`
          }
        ]
      }
      const variantFigures = Overhead.variants.flatMap((variant): ReadonlyArray<Figure> => [
        {
          name: `overhead_wall_ms_${variant}`,
          value: round(costs[variant].meanMillis, 3),
          spread: formatSpread(costs[variant].meanSpread, 3)
        },
        { name: `overhead_wall_median_ms_${variant}`, value: round(costs[variant].medianMillis, 3) },
        {
          name: `overhead_cpu_us_${variant}`,
          value: round(costs[variant].cpuMicros, 0),
          spread: formatSpread(costs[variant].cpuSpread, 0)
        },
        { name: `overhead_gc_us_${variant}`, value: round(costs[variant].gcMicros, 0) }
      ])
      return {
        figures: [
          ...ratioFigures("overhead_ratio", overhead.versusRaw, 1.1, "raw"),
          ...ratioFigures("openapi_fetch_ratio", overhead.versusOpenapi, 1, "openapi"),
          ...ratioFigures("overhead_platform_ratio", overhead.versusPlain, undefined, "plain"),
          ...([["overhead_ratio_shared_heap", shared.versusRaw, "raw"], [
            "openapi_fetch_ratio_shared_heap",
            shared.versusOpenapi,
            "openapi"
          ]] as const).map(([name, comparison, against]): Figure => ({
            name,
            value: round(comparison.ratio, 3),
            spread: formatSpread(comparison.spread, 3),
            detail:
              `the four interleaved in blocks in one process, one heap: adapter ${
                millis(shared.costs.ours.meanMillis)
              }, ${variantLabels[against]} ${millis(shared.costs[against].meanMillis)} ` +
              `(CPU ${round(shared.costs.ours.cpuMicros, 0)} µs against ${
                round(shared.costs[against].cpuMicros, 0)
              } µs)`
          })),
          {
            name: "jwt_signatures_per_1000_calls",
            value: overhead.signaturesPer1000,
            goal: { text: "1", met: overhead.signaturesPer1000 <= 1 },
            detail:
              `a fresh client's first 1,000 calls (the most of the ${overhead.groups} adapter processes, each with its own client); ` +
              `${overhead.signatures} signature(s) over all ${overhead.signedCalls} calls they made`
          },
          ...variantFigures
        ],
        breakdown: {
          title:
            `overhead: one profile read, each variant alone in a process of its own, ${overhead.groups} processes ` +
            `each (${overhead.callsEach} calls in ${overhead.blockSize}-call blocks after a warm-up); means over all ` +
            `calls, spreads of the processes' means; then the four interleaved in one process (one heap)`,
          header: [
            "per call",
            "wall mean ms",
            "spread",
            "wall median ms",
            "CPU µs",
            "spread",
            "GC pause µs",
            "collections (full)"
          ],
          rows: [
            ...Overhead.variants.map((variant) => [variant, costs[variant], ""] as const),
            ...Overhead.variants.map((variant) =>
              [variant, shared.costs[variant], ", one heap with the others"] as const
            )
          ].map(([variant, cost, where]) => {
            return [
              `${variantLabels[variant]}${where}`,
              String(round(cost.meanMillis, 3)),
              formatSpread(cost.meanSpread, 3),
              String(round(cost.medianMillis, 3)),
              String(round(cost.cpuMicros, 0)),
              formatSpread(cost.cpuSpread, 0),
              String(round(cost.gcMicros, 0)),
              `${cost.collections} (${cost.majorCollections})`
            ]
          })
        }
      }
    }
  )

  await phase(
    "bulk",
    "1,000 reads over 100 tenants, 16 at a time: TenantRegistry against raw fetch (7 rounds and a warm-up)",
    ["bulk_tenants_ratio", "bulk_tenants_cold_ratio"],
    async () => {
      const bulk = await Compiled.bulk(scratch, emulators.vonage, {
        tenants: 100,
        reads: 1000,
        concurrency: 16,
        rounds: 7,
        diagnosticsEvery: 2
      })
      const warm = BulkTenants.compare(bulk.rounds, (trial) => trial.oursWarm, (trial) => trial.rawWarm)
      const cold = BulkTenants.compare(bulk.rounds, (trial) => trial.oursCold, (trial) => trial.rawCold)
      const cpu = BulkTenants.compare(bulk.rounds, (trial) => trial.oursWarm, (trial) => trial.rawWarm, "cpuMicros")
      const registry = BulkTenants.compare(bulk.rounds, (trial) => trial.oursWarm, (trial) => trial.directWarm)
      const passes: ReadonlyArray<
        readonly [string, string, (trial: BulkTenants.Round) => BulkTenants.Pass | undefined]
      > = [
        ["ours", "registry, warm", (trial) => trial.oursWarm],
        ["raw", "raw fetch, warm", (trial) => trial.rawWarm],
        ["direct", "the same clients without a registry, warm", (trial) => trial.directWarm],
        ["unbounded", "registry, all 1,000 handed to it at once", (trial) => trial.oursUnbounded],
        ["ours_cold", "registry, cold (fresh registry)", (trial) => trial.oursCold],
        ["raw_cold", "raw fetch, cold (empty token cache)", (trial) => trial.rawCold]
      ]
      const summaries = passes.map(([key, label, select]) => {
        const measured = bulk.rounds.flatMap((trial) => select(trial) ?? [])
        return {
          key,
          label,
          rounds: measured.length,
          wall: summarize(measured.map((pass) => pass.millis)),
          cpu: summarize(measured.map((pass) => pass.cpuMicros / bulk.reads))
        }
      })
      const summaryOf = (key: string) => summaries.find((summary) => summary.key === key)
      const wallOf = (key: string) => `${round(summaryOf(key)?.wall.median ?? Number.NaN, 0)} ms`
      return {
        figures: [
          {
            name: "bulk_tenants_ratio",
            value: round(warm.ratio, 3),
            spread: formatSpread(warm.spread, 3),
            goal: atMost(round(warm.ratio, 3), 1.15),
            detail:
              `every tenant's client built: median of ${warm.rounds} rounds' ratios (spread: ${warm.spread.kind}); ` +
              `registry ${wallOf("ours")}, raw fetch ${wallOf("raw")} (medians)`
          },
          {
            name: "bulk_tenants_cold_ratio",
            value: round(cold.ratio, 3),
            spread: formatSpread(cold.spread, 3),
            goal: atMost(round(cold.ratio, 3), 1.15),
            detail: `a fresh registry (${median(bulk.rounds.map((trial) => trial.builds))} clients built, ` +
              `${median(bulk.rounds.map((trial) => trial.signatures))} JWTs signed) ` +
              `${wallOf("ours_cold")} against raw fetch with an empty token cache ${wallOf("raw_cold")}`
          },
          {
            name: "bulk_tenants_cpu_ratio",
            value: round(cpu.ratio, 3),
            spread: formatSpread(cpu.spread, 3),
            detail: `client CPU per warm read: registry ${round(summaryOf("ours")?.cpu.median ?? Number.NaN, 0)} µs, ` +
              `raw fetch ${round(summaryOf("raw")?.cpu.median ?? Number.NaN, 0)} µs (medians)`
          },
          {
            name: "bulk_tenants_registry_ratio",
            value: round(registry.ratio, 3),
            spread: formatSpread(registry.spread, 3),
            detail: `warm: the registry against the same clients provided directly, what the registry itself adds ` +
              `(${registry.rounds} diagnostic rounds; without a registry ${wallOf("direct")}); ` +
              `all 1,000 handed to the registry at once: ${wallOf("unbounded")}`
          },
          ...summaries.flatMap((summary): ReadonlyArray<Figure> => [
            {
              name: `bulk_tenants_wall_ms_${summary.key}`,
              value: round(summary.wall.median, 1),
              spread: formatSpread(summary.wall.spread, 1)
            },
            {
              name: `bulk_tenants_cpu_us_${summary.key}`,
              value: round(summary.cpu.median, 0),
              spread: formatSpread(summary.cpu.spread, 0)
            }
          ])
        ],
        breakdown: {
          title: `bulk: 1,000 reads over 100 tenants, 16 at a time; medians over the rounds, spreads min..max`,
          header: ["pass", "rounds", "wall ms", "spread", "CPU µs per read", "spread"],
          rows: summaries.map((summary) => [
            summary.label,
            String(summary.rounds),
            String(round(summary.wall.median, 1)),
            formatSpread(summary.wall.spread, 1),
            String(round(summary.cpu.median, 0)),
            formatSpread(summary.cpu.spread, 0)
          ])
        }
      }
    }
  )

  await phase(
    "migration",
    "migrating 500 templates under the 100-per-hour quota (TestClock)",
    ["migration_makespan_ratio", "migration_rate_limited"],
    async () => {
      const migration = await Migration.run({ templates: 500, creationsPerHour: 100 })
      const ratio = round(Duration.toMillis(migration.makespan) / Duration.toMillis(migration.optimum), 4)
      return {
        figures: [
          {
            name: "migration_makespan_ratio",
            value: ratio,
            goal: atMost(ratio, 1.02),
            detail:
              `${Duration.format(migration.makespan)} simulated against the quota's bound of ${
                Duration.format(migration.optimum)
              }; ` +
              `${migration.created} created, ${migration.failed} failed, paced ${migration.paced} times`
          },
          {
            name: "migration_rate_limited",
            value: migration.refusedByProvider,
            goal: { text: "0", met: migration.refusedByProvider === 0 },
            detail: `creation requests the emulator refused, of ${migration.requests} requests it received`
          }
        ]
      }
    }
  )

  await phase(
    "fleet",
    "fleet jobs: 200 WABA pairs x 20 templates paced on three runners sharing PostgreSQL (one SIGKILLed, one joining), and 20 x 20 in one process on SQLite without a quota",
    ["fleet_makespan_ratio", "fleet_overhead_per_item_ms"],
    async () => {
      const fleet = await Fleet.run(scratch)
      const ratio = round(fleet.makespanRatio, 3)
      const overhead = round(fleet.overheadPerItemMs, 2)
      return {
        figures: [
          {
            name: "fleet_makespan_ratio",
            value: ratio,
            goal: atMost(ratio, 1.1),
            detail: `first creation to the job's end ${millis(fleet.makespanMillis)} against the quota's bound of ` +
              `${
                millis(fleet.boundMillis)
              } (200 pairs x 20 templates at 5 creations per WABA per hour: the last window opens after 3 hours of ` +
              `provider time, an hour passing in ${millis(fleet.boundMillis / 3)})`
          },
          {
            name: "fleet_overhead_per_item_ms",
            value: overhead,
            detail:
              `${fleet.items} templates: the fleet job ${
                millis(fleet.fleetMillis)
              }, the same creations straight through ` +
              `the adapter ${millis(fleet.directMillis)}`
          }
        ]
      }
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
      return {
        figures: [
          {
            name: "template_stream_rss_mb",
            value: rss,
            goal: atMost(rss, 50),
            detail:
              `peak RSS growth of a bundled child over a baseline taken right before the listing; peak heap + external growth ` +
              `${mebibytes(stream.peakHeapAndExternalGrowth)} MiB (garbage included); ` +
              `collecting the ${collected.templates} templates instead: RSS +${
                mebibytes(collected.peakRssGrowth)
              } MiB, ` +
              `heap + external +${mebibytes(collected.peakHeapAndExternalGrowth)} MiB`
          },
          {
            name: "template_stream_retained_mb",
            value: retained,
            goal: { text: "<= 5 (ours)", met: retained <= 5 },
            detail:
              `the most the heap held above the baseline right after a full collection, page by page (what streaming keeps); ` +
              `collecting the list instead retains ${mebibytes(collected.retainedHeapGrowth)} MiB`
          }
        ]
      }
    }
  )

  await phase("cli", "wa-admin --version against node -e 0", ["cli_startup_ratio"], async () => {
    const cli = await CliStartup.run(join(scratch, "cli"), 15)
    const ratio = round(cli.cliMillis / cli.nodeMillis, 2)
    return {
      figures: [
        {
          name: "cli_startup_ratio",
          value: ratio,
          goal: atMost(ratio, 4),
          detail:
            `median wa-admin --version ${millis(cli.cliMillis)} (printed ${cli.version}), node -e 0 ${
              millis(cli.nodeMillis)
            }, ` +
            `wa-admin --help ${millis(cli.helpMillis)}, ${cli.runs} runs each; ` +
            `${kibibytes(cli.startupBytes)} KiB of JavaScript in ${cli.startupModules} files loaded to answer --version`
        }
      ]
    }
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
      return {
        figures: [
          {
            name: "bundle_ratio",
            value: ratio,
            goal: atMost(ratio, 1.3, "1.30"),
            detail:
              `gzipped: wa-admin ${kibibytes(bundle.ours.gzipped)} KiB, direct ${
                kibibytes(bundle.direct.gzipped)
              } KiB; ` +
              `minified KiB by origin: wa-admin [${top(bundle.ours.byOrigin)}], direct [${top(bundle.direct.byOrigin)}]`
          },
          {
            name: "bundle_other_adapters",
            value: bundle.ours.foreign.length === 0 ? "none" : bundle.ours.foreign.join(","),
            goal: { text: "none", met: bundle.ours.foreign.length === 0 },
            detail: "inputs of the wa-admin bundle from WOZTELL, Kaleyra, the CLI, an emulator or core/testing"
          }
        ]
      }
    }
  )
} finally {
  host.child.stdin?.end()
  rmSync(scratch, { recursive: true, force: true })
}
progress("done")

for (const figure of figures) {
  console.log(`${figure.name}=${figure.value}`)
  if (figure.spread !== undefined) console.log(`${figure.name}_spread=${figure.spread}`)
}

/** Prints a table whose last column runs free. */
const printTable = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>) => {
  const widths = header.map((title, column) =>
    column === header.length - 1 ? 0 : Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length))
  )
  const line = (cells: ReadonlyArray<string>) =>
    cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join(" | ")
  console.log(line(header))
  console.log(line(widths.map((width, column) => "-".repeat(column === widths.length - 1 ? 6 : width))))
  for (const row of rows) console.log(line(row))
}

console.log("")
printTable(
  ["figure", "value", "spread", "goal", "met", "detail"],
  figures.flatMap((figure) =>
    figure.detail === undefined ? [] : [[
      figure.name,
      String(figure.value),
      figure.spread ?? "",
      figure.goal?.text ?? "",
      figure.goal === undefined ? "" : figure.goal.met ? "yes" : "NO",
      figure.detail
    ]]
  )
)
for (const breakdown of breakdowns) {
  console.log("")
  console.log(breakdown.title)
  printTable(breakdown.header, breakdown.rows)
}
console.log("")
console.log(
  `machine: ${machine.cores} cores (nproc), ${machine.cpu}, ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.platform}; ` +
    `bench took ${round((performance.now() - startedAt) / 1000, 1)} s`
)
process.exitCode = failed ? 1 : 0
