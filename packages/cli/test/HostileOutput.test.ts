/**
 * What `wa-admin` prints of data it did not make — a provider's details, its error words — must
 * not exhaust the stack or the loop, nor act on the terminal (issue 16).
 */
import { assert, describe, it } from "@effect/vitest"
import { AdminError, NumberLifecycle, Port, Registration } from "@wa-admin/core"
import { Effect } from "effect"
import { ExitCode } from "../src/ExitCode.js"
import * as Providers from "../src/Providers.js"
import { lines, runWith, testProvider } from "./harness.js"

/** `[[[…"bottom"…]]]`, `depth` arrays deep (deeper than any stack can recurse). */
const nested = (depth: number): unknown => {
  let value: unknown = "bottom"
  for (let level = 0; level < depth; level++) value = [value]
  return value
}

const depthOf = (value: unknown): number => {
  let depth = 0
  let current = value
  while (Array.isArray(current)) {
    current = current[0]
    depth++
  }
  return depth
}

const registration = (details?: Record<string, unknown>) =>
  new Registration.Registration({
    id: "r-1",
    provider: "hostile",
    state: "ready",
    providerState: "READY",
    ...(details === undefined ? {} : { details })
  })

/** `wa-admin --provider hostile …` against a provider whose `numbers status` is `status`. */
const statusIs = (status: Effect.Effect<Registration.Registration, AdminError.AdminError>) =>
  runWith(
    Providers.layerOf([
      testProvider(
        "hostile",
        Port.layerComplete({
          provider: "hostile",
          supportStatus: "stable",
          numberLifecycle: NumberLifecycle.make("hostile", { status: () => status })
        })
      )
    ])
  )

const failingWith = (reason: string) =>
  statusIs(
    Effect.fail(
      new AdminError.UnexpectedResponse({ provider: "hostile", operation: "numbers.status", status: 200, reason })
    )
  )

describe("wa-admin output of hostile data", () => {
  it.effect("provider details nested 100,000 deep are shown cut short and encoded whole under --json", () =>
    Effect.gen(function*() {
      const cli = statusIs(Effect.succeed(registration({ deep: nested(100_000), plan: "gold" })))
      const human = yield* cli("--provider", "hostile", "numbers", "status", "--id", "r-1")
      assert.strictEqual(human.exitCode, 0, human.stderr)
      const row = lines(human.stdout).find((line) => line.startsWith("deep"))
      assert.match(row ?? "", /^deep\s+\[\[\[\[/)
      assert.isAtMost(row?.length ?? 0, 220, "a detail is shown cut short")
      assert.match(human.stdout, /^plan\s+gold$/m)

      const json = yield* cli("--json", "--provider", "hostile", "numbers", "status", "--id", "r-1")
      assert.strictEqual(json.exitCode, 0, json.stderr)
      assert.strictEqual(depthOf(JSON.parse(json.stdout).details.deep), 100_000)
    }))

  it.effect("an error's words cannot move the cursor, recolour or rewrite the line: control characters are shown escaped", () =>
    Effect.gen(function*() {
      const reason = "refused\rwa-admin: all good\u001b[2K\u0000 \u202eevil\u0007\r\n  next line"
      const result = yield* failingWith(reason)("--provider", "hostile", "numbers", "status", "--id", "r-1")
      assert.strictEqual(result.exitCode, ExitCode.ProviderFailure)
      assert.deepStrictEqual(lines(result.stderr), [
        "wa-admin: hostile.numbers.status: unexpected response (HTTP 200): " +
        "refused\\rwa-admin: all good\\x1b[2K\\x00 \\u202eevil\\x07 next line"
      ])

      assert.notMatch(result.stderr.trimEnd(), /[\u0000-\u0009\u000b-\u001f\u007f\u202e]/)
    }))

  it.effect("a long run of blanks in an error is one line, in one pass", () =>
    Effect.gen(function*() {
      const reason = `before${" ".repeat(300_000)}after\n${"\t ".repeat(1000)}end`
      const result = yield* failingWith(reason)("--provider", "hostile", "numbers", "status", "--id", "r-1")
      assert.strictEqual(result.exitCode, ExitCode.ProviderFailure)
      const [line = "", ...rest] = lines(result.stderr)
      assert.deepStrictEqual(rest, [])
      assert.isTrue(line.endsWith(`before${" ".repeat(300_000)}after end`))
    }))
})
