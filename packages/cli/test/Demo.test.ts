import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import * as Demo from "../src/Demo.js"
import * as Output from "../src/Output.js"
import { capturingConsole } from "./harness.js"

const root = fileURLToPath(new URL("../../..", import.meta.url))

/** What a reader of the story must see, in this order. */
const storyMarks = [
  "wa-admin demo",
  "Vonage WhatsApp Manager   http://127.0.0.1:",
  "WOZTELL WhatsApp Cloud    http://127.0.0.1:",
  "Kaleyra (legacy)          http://127.0.0.1:",
  "Meta WhatsApp Cloud API   http://127.0.0.1:",
  "Provision +447700900123",
  "Wait until the verification code is sent",
  "code_sent",
  "Read the code from the Vonage emulator's outbox",
  "sent by sms to +447700900123",
  "refused (InvalidInput, source local)",
  "code accepted",
  "Wait until the number is ready",
  "ready",
  "Set its business profile and photo",
  "Fresh bread daily",
  `Vonage received the vertical as "Food and Grocery"`,
  "Migrate the profile from Vonage to a WOZTELL number",
  "Plan: profile vonage:",
  "6 to update, 1 to skip, 0 cannot be moved",
  "update  vertical     Grocery (now: not set)",
  "Applied to woztell:",
  "updated about, description, email, vertical, websites, photo",
  `WOZTELL received the vertical as "GROCERY"`,
  "Create three templates",
  "PENDING",
  "Approve them in the emulator",
  "APPROVED",
  "plan the migration",
  "3 to create, 0 to update, 0 identical already, 0 cannot be moved",
  "Applied: 3 created",
  "Run the same migration again",
  "0 to create, 0 to update, 3 identical already, 0 cannot be moved",
  "saw 3 template creations",
  "Meta WhatsApp Cloud API: the templates move across providers",
  "fresh_batch",
  "--to meta:",
  "4 to create, 0 to update, 0 identical already, 0 cannot be moved",
  "uploaded to Meta, which gets its own handle",
  "Applied: 4 created",
  "the logo was downloaded 1 time and Meta's emulator received 1 upload",
  "0 to create, 0 to update, 4 identical already, 0 cannot be moved",
  "Kaleyra: the legacy activation, deprecated by the vendor",
  "support      deprecated",
  "Activate +447700900456",
  "state         pending",
  "woztell supports numbers.provision: no",
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

const deprecationWarning = /^wa-admin: warning: @wa-admin\/kaleyra is deprecated: /m

describe("wa-admin demo", () => {
  it.live("tells the whole story against the four emulators", () =>
    Effect.gen(function*() {
      const captured = capturingConsole()
      yield* Demo.run({ stageDuration: "30 millis" }).pipe(
        Effect.provide(Output.layerLogger),
        Effect.withConsole(captured.console)
      )
      assertStory(captured.stdout())
      assert.match(captured.stderr(), deprecationWarning)
      assert.deepStrictEqual(
        captured.stderr().trim().split("\n").filter((line) => !deprecationWarning.test(line)),
        [],
        "the deprecation warning is the only line on stderr"
      )
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
    assert.match(result.stderr, deprecationWarning)
  }, 130_000)
})
