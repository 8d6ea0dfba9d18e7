/**
 * Global setup of the reliability suite: names a fresh metrics file for the test files to record
 * into (`ReliabilityMetrics.record`). The run's reporter (.ci/vitest-summary.ts) prints the
 * summary table from it; the teardown removes it.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

export default function setup(): () => void {
  const directory = mkdtempSync(join(tmpdir(), "wa-admin-reliability-"))
  process.env["WA_ADMIN_RELIABILITY_METRICS"] = join(directory, "metrics.jsonl")
  return () => rmSync(directory, { recursive: true, force: true })
}
