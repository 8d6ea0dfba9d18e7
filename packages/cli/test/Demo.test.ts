import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import * as Demo from "../src/Demo.js"
import { capturingConsole } from "./harness.js"

const root = fileURLToPath(new URL("../../..", import.meta.url))

/** What a reader of the story must see, in this order. */
const storyMarks = [
  "wa-admin demo",
  "Provision +447700900123",
  "Wait until the verification code is sent",
  "code_sent",
  "Read the code the provider sent",
  "refused (InvalidInput, source local)",
  "code accepted",
  "Wait until the number is ready",
  "ready",
  "Set the business profile",
  "Fresh bread daily",
  "Upload media from a URL",
  "media id",
  "Create a template in English and Spanish",
  "order_update",
  "Delete the Spanish version",
  "supports numbers.provision: no",
  "Unsupported",
  "Demo complete"
]

const assertStory = (output: string) => {
  let from = 0
  for (const mark of storyMarks) {
    const at = output.indexOf(mark, from)
    assert.isAtLeast(at, 0, `the story shows "${mark}" after the previous step`)
    from = at + mark.length
  }
}

describe("wa-admin demo", () => {
  it.live("tells the whole story against the in-memory provider", () =>
    Effect.gen(function* () {
      const captured = capturingConsole()
      yield* Demo.inMemory.pipe(Effect.withConsole(captured.console))
      assertStory(captured.stdout())
      assert.strictEqual(captured.stderr(), "")
    }))

  it("runs from the real executable (pnpm demo) and exits 0", () => {
    const result = spawnSync("node_modules/.bin/tsx", ["packages/cli/src/bin.ts", "demo"], {
      cwd: root,
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, NO_COLOR: "1" }
    })
    assert.strictEqual(result.status, 0, result.stderr)
    assertStory(result.stdout)
  }, 130_000)
})
