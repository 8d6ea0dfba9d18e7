import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    projects: ["packages/*", "examples", "packages/cli/vitest.reliability.config.ts"],
    reporters: ["./.ci/vitest-summary.ts"],
    globalSetup: ["./.ci/home-guard.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
