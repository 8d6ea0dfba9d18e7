import { fileURLToPath } from "node:url"
import { defineProject } from "vitest/config"

/**
 * The reliability suite (`pnpm test:reliability`, also part of `pnpm test`): every package's
 * `reliability/` tests as one project, ending with the summary table.
 */
export default defineProject({
  test: {
    name: "reliability",
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["packages/*/reliability/**/*.test.ts"],
    globalSetup: ["packages/cli/reliability/summary.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000
  }
})
