import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "kaleyra",
    include: ["test/**/*.test.ts"]
  }
})
