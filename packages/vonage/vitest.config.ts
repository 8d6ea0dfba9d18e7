import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "vonage",
    include: ["test/**/*.test.ts"]
  }
})
