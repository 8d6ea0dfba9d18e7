import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "woztell",
    include: ["test/**/*.test.ts"]
  }
})
