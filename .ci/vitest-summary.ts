import type { SerializedError } from "vitest"
import type { TestModule, TestRunEndReason } from "vitest/node"
import { DefaultReporter } from "vitest/reporters"
import * as ReliabilityMetrics from "../packages/core/src/testing/ReliabilityMetrics.js"

/**
 * Vitest's default reporter, the reliability summary table when the reliability suite ran, then one
 * plain closing line, `Tests: N passed, N failed, N skipped`,
 * that any CI can read.
 */
export default class SummaryReporter extends DefaultReporter {
  override async onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason
  ): Promise<void> {
    await super.onTestRunEnd(testModules, unhandledErrors, reason)
    let passed = 0
    let failed = 0
    let skipped = 0
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests()) {
        const state = test.result().state
        if (state === "passed") passed++
        else if (state === "failed") failed++
        else skipped++
      }
      if (testModule.state() === "failed" && testModule.children.size === 0) failed++
    }
    failed += unhandledErrors.length
    const metrics = process.env[ReliabilityMetrics.fileVariable]
    if (metrics !== undefined) {
      process.stdout.write(
        `\nwa-admin reliability summary\n${ReliabilityMetrics.renderTable(ReliabilityMetrics.read(metrics))}\n`
      )
    }
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`)
  }
}
