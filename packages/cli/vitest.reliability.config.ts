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
    // Test files share a worker's module cache: collection time drops from ~180 s to ~30 s, and
    // every test builds its own layers, emulators and clocks, so no state crosses files.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 60_000
  }
})
