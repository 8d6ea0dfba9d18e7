/**
 * Figures a reliability suite collects across test files and processes — scenarios run and
 * passed, canaries found, duplicate effects, foreign-host requests, fuzz runs, decoder defects —
 * summed into one table at the end of the run.
 *
 * Observations are appended as JSON lines to the file named by `WA_ADMIN_RELIABILITY_METRICS`
 * (set by the suite's global setup), so they survive vitest's worker processes. Without that
 * variable, recording does nothing.
 *
 * @since 0.1.0
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs"

/**
 * One observation. Every count is added to the run's totals for its area.
 *
 * @since 0.1.0
 * @category models
 */
export interface Observation {
  /** Which area recorded it: "faults", "canaries", "fuzz", "bad-input", "redirects" … */
  readonly area: string
  readonly scenariosRun?: number
  readonly scenariosPassed?: number
  readonly canariesFound?: number
  readonly duplicateEffects?: number
  readonly foreignHostRequests?: number
  readonly fuzzRuns?: number
  readonly decoderDefects?: number
  readonly badInputRequests?: number
  /**
   * Hostile inputs and hostile servers that got somewhere they must not: a request to another
   * resource than the one meant, a body read past its limit, a defect instead of a typed error,
   * a page fetched after a repeated cursor, a quota that failed open or lost an update, a secret
   * shown in another encoding, a request sent with a header value it could not carry.
   */
  readonly hostileOutcomes?: number
}

/**
 * The environment variable naming the metrics file.
 *
 * @since 0.1.0
 * @category constants
 */
export const fileVariable = "WA_ADMIN_RELIABILITY_METRICS"

/**
 * Records an observation for the summary table.
 *
 * @since 0.1.0
 * @category recording
 */
export const record = (observation: Observation): void => {
  const file = process.env[fileVariable]
  if (file === undefined) return
  appendFileSync(file, `${JSON.stringify(observation)}\n`)
}

/**
 * Records a run of scenarios by what went wrong in it: each finding is one hostile outcome, and a
 * scenario with any finding has failed. A finding names its scenario before its first `:` unless
 * `scenarioOf` says otherwise.
 *
 * @example
 * import { ReliabilityMetrics } from "@wa-admin/core/testing"
 *
 * const findings: Array<string> = []
 * ReliabilityMetrics.recordFindings("depth", 40, findings)
 *
 * @since 0.2.0
 * @category recording
 */
export const recordFindings = (
  area: string,
  scenariosRun: number,
  findings: ReadonlyArray<string>,
  scenarioOf: (finding: string) => string = (finding) => finding.split(":")[0] ?? finding
): void =>
  record({
    area,
    scenariosRun,
    scenariosPassed: scenariosRun - new Set(findings.map(scenarioOf)).size,
    hostileOutcomes: findings.length
  })

/**
 * Every observation recorded in a metrics file.
 *
 * @since 0.1.0
 * @category reading
 */
export const read = (file: string): ReadonlyArray<Observation> =>
  existsSync(file)
    ? readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim().length > 0)
      .map((line) => JSON.parse(line) as Observation)
    : []

const columns = [
  ["scenariosRun", "scenarios run"],
  ["scenariosPassed", "scenarios passed"],
  ["canariesFound", "canaries found"],
  ["duplicateEffects", "duplicate effects"],
  ["foreignHostRequests", "foreign-host requests"],
  ["fuzzRuns", "fuzz runs"],
  ["decoderDefects", "decoder defects"],
  ["badInputRequests", "bad-input requests sent"],
  ["hostileOutcomes", "hostile outcomes"]
] as const

type Totals = Record<(typeof columns)[number][0], number>

const emptyTotals = (): Totals => ({
  scenariosRun: 0,
  scenariosPassed: 0,
  canariesFound: 0,
  duplicateEffects: 0,
  foreignHostRequests: 0,
  fuzzRuns: 0,
  decoderDefects: 0,
  badInputRequests: 0,
  hostileOutcomes: 0
})

/**
 * The totals per area and overall, as a Markdown table.
 *
 * @since 0.1.0
 * @category rendering
 */
export const renderTable = (observations: ReadonlyArray<Observation>): string => {
  const byArea = new Map<string, Totals>()
  const overall = emptyTotals()
  for (const observation of observations) {
    const totals = byArea.get(observation.area) ?? emptyTotals()
    for (const [key] of columns) {
      const value = observation[key] ?? 0
      totals[key] += value
      overall[key] += value
    }
    byArea.set(observation.area, totals)
  }
  const header = ["area", ...columns.map(([, label]) => label)]
  const rows = [...[...byArea.entries()].sort(([a], [b]) => a.localeCompare(b)), ["all", overall] as const].map(
    ([area, totals]) => [area, ...columns.map(([key]) => String(totals[key]))]
  )
  const widths = header.map((cell, index) => Math.max(cell.length, ...rows.map((row) => (row[index] ?? "").length)))
  const line = (cells: ReadonlyArray<string>) =>
    `| ${
      cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0)))
        .join(" | ")
    } |`
  return [
    line(header),
    `|${
      widths.map((width, index) => (index === 0 ? `:${"-".repeat(width + 1)}` : `${"-".repeat(width + 1)}:`)).join("|")
    }|`,
    ...rows.map(line)
  ].join("\n")
}
