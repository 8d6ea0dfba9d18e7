/**
 * `--log-level debug`: the adapters' debug lines on stderr with their annotations (what was
 * sent where, the answer's status), every secret redacted; without it, no debug line at all.
 */
import { assert, describe, it } from "@effect/vitest"
import { AdminError, NumberLifecycle, Port } from "@wa-admin/core"
import { VonageEmulator } from "@wa-admin/vonage/emulator"
import { Effect, Redacted } from "effect"
import * as Providers from "../src/Providers.js"
import { lines, runWith, testProvider } from "./harness.js"

describe("wa-admin --log-level", () => {
  it.scopedLive("debug shows each HTTP exchange with its annotations, and no secret of the environment", () =>
    Effect.gen(function*() {
      const vonage = yield* VonageEmulator.make()
      const cli = runWith(Providers.layer, vonage.environment)
      const id = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab"
      const quiet = yield* cli("--provider", "vonage", "numbers", "status", "--id", id)
      assert.notInclude(quiet.stderr, "debug:")
      const result = yield* cli("--provider", "vonage", "numbers", "status", "--id", id, "--log-level", "debug")
      assert.strictEqual(result.exitCode, quiet.exitCode, result.stderr)
      const http = lines(result.stderr).filter((line) => line.startsWith("wa-admin: debug: wa-admin http "))
      assert.isAtLeast(http.length, 1, result.stderr)
      const line = http[0] ?? ""
      for (const field of ["provider=vonage", "operation=numbers.status", "method=GET", "status=", "attempt=1"]) {
        assert.include(line, field)
      }
      assert.match(line, /url=http:\/\/127\.0\.0\.1:\d+\//)
      assert.include(line, id)
      for (const [name, value] of Object.entries(vonage.environment)) {
        if (/KEY|JWT|SECRET|TOKEN/.test(name) && value.length > 8) assert.notInclude(result.stderr, value, name)
      }
    }))

  it.effect("annotations that hold a secret, or are named like one, are redacted", () =>
    Effect.gen(function*() {
      const parts: Port.Parts = {
        provider: "logging",
        supportStatus: "stable",
        numberLifecycle: NumberLifecycle.make("logging", {
          status: () =>
            Effect.logDebug("looked up").pipe(
              Effect.annotateLogs({
                accessToken: "s3cret-token",
                key: Redacted.make("s3cret-key"),
                region: "eu west",
                attempt: 2
              }),
              Effect.zipRight(
                Effect.fail(
                  new AdminError.NotFound({
                    provider: "logging",
                    operation: "numbers.status",
                    resource: "registration",
                    id: "r"
                  })
                )
              )
            )
        })
      }
      const cli = runWith(
        Providers.layerOf([testProvider("logging", Port.layerComplete(parts), Port.capabilities(parts))])
      )
      const result = yield* cli("--log-level", "debug", "--provider", "logging", "numbers", "status", "--id", "r")
      const [debug] = lines(result.stderr).filter((line) => line.includes("debug:"))
      assert.strictEqual(
        debug,
        `wa-admin: debug: looked up accessToken=<redacted> attempt=2 key=<redacted> region="eu west"`
      )
      assert.notInclude(result.stderr, "s3cret")
    }))
})
