import { assert, describe, it } from "@effect/vitest"
import { SampleFiles } from "@wa-admin/core/testing"
import { QuotaStore } from "@wa-admin/woztell"
import { Effect, Option, Stream } from "effect"
import { join } from "node:path"
import * as BuiltIn from "../src/BuiltIn.js"
import { ExitCode } from "../src/ExitCode.js"
import { againstVonageDeployment, cliAgainst, temporaryDirectory, temporaryFiles } from "./extensionSupport.js"
import { argv, kaleyraProvision, lines, vonageProvision } from "./harness.js"

/**
 * Starts a built-in provider's emulator and answers a CLI configured only by the environment it
 * prints (and `local`, the settings of local state such as a quota directory).
 */
const againstEmulatorOf = (name: string, local: Readonly<Record<string, string>> = {}) =>
  Effect.gen(function*() {
    const start = BuiltIn.providers.find((provider) => provider.name === name)?.emulator
    if (start === undefined) return yield* Effect.dieMessage(`${name} has no emulator`)
    const running = yield* start({ host: "127.0.0.1", port: 0 })
    assert.match(running.url, /^http:\/\/127\.0\.0\.1:\d+/)
    return Object.assign(cliAgainst(name, running, local), { running })
  })

const pollUntil = (id: string, state: string) => ["numbers", "wait", "--id", id, "--until", state, "--interval", "1000"]

describe("wa-admin against the provider emulators", () => {
  it.scopedLive("vonage: provision → code-sent → verify → ready, then the profile, over HTTP", () =>
    Effect.gen(function*() {
      const { cli, deploymentId: id, emulator } = yield* againstVonageDeployment({ stageDuration: "100 millis" })

      const codeSent = yield* cli(...pollUntil(id, "code-sent"))
      assert.strictEqual(codeSent.exitCode, 0, codeSent.stderr)
      const code = Option.getOrThrow(yield* emulator.lastCode(id))
      const verified = yield* cli("numbers", "verify", "--id", id, "--code", code)
      assert.strictEqual(verified.exitCode, 0, verified.stderr)
      const ready = yield* cli("--json", ...pollUntil(id, "ready"))
      assert.strictEqual(ready.exitCode, 0, ready.stderr)
      assert.strictEqual(JSON.parse(lines(ready.stdout).at(-1) ?? "null").state, "ready")

      const profile = yield* cli("--json", "profile", "set", "--number", id, "--about", "Fresh bread daily")
      assert.strictEqual(profile.exitCode, 0, profile.stderr)
      assert.strictEqual(JSON.parse(profile.stdout).about, "Fresh bread daily")

      const upload = yield* cli(
        ...argv("media upload", { number: id, kind: "image", url: "https://example.com/logo.png" })
      )
      assert.strictEqual(upload.exitCode, ExitCode.Unsupported, upload.stderr)
      assert.include(upload.stderr, "vonage.media.upload: not supported by vonage")
    }))

  it.scopedLive("vonage: the emulator command's environment configures the adapter; its activity shows the code", () =>
    Effect.gen(function*() {
      const cli = yield* againstEmulatorOf("vonage")
      const unknown = yield* cli("numbers", "status", "--id", "00000000-0000-4000-8000-000000000000")
      assert.strictEqual(unknown.exitCode, ExitCode.NotFound, unknown.stderr)

      const provisioned = yield* cli("--json", ...vonageProvision("+447700900124", { method: "voice" }))
      assert.strictEqual(provisioned.exitCode, 0, provisioned.stderr)
      const id: string = JSON.parse(provisioned.stdout).id
      const activity = cli.running.activity
      if (activity === undefined) return yield* Effect.dieMessage("the Vonage emulator shows no activity")
      const line = Option.getOrThrow(yield* Stream.runHead(activity))
      assert.include(line, `to +447700900124 (registration ${id})`)
      assert.include(line, "sent by voice")
      const code = /code (\d+)/.exec(line)?.[1] ?? ""
      const verified = yield* cli("numbers", "verify", "--id", id, "--code", code)
      assert.strictEqual(verified.exitCode, 0, verified.stderr)
    }))

  it.scopedLive("woztell: templates and profile with the WABA and number defaults from the environment", () =>
    Effect.gen(function*() {
      const quota = join(yield* temporaryDirectory, "quota")
      const cli = yield* againstEmulatorOf("woztell", { [QuotaStore.directoryVariable]: quota })
      const created = yield* cli(
        "--json",
        ...argv("templates create", {
          name: "order_update",
          language: "en_US",
          category: "UTILITY",
          body: "Hi {{1}}, order {{2}} shipped.",
          "body-example": ["Ada", "#1042"]
        })
      )
      assert.strictEqual(created.exitCode, 0, created.stderr)
      assert.strictEqual(JSON.parse(created.stdout).name, "order_update")
      const listed = yield* cli("--json", "templates", "list")
      assert.strictEqual(listed.exitCode, 0, listed.stderr)
      assert.deepStrictEqual(lines(listed.stdout).map((line) => JSON.parse(line).name), ["order_update"])

      const profile = yield* cli("profile", "get")
      assert.strictEqual(profile.exitCode, 0, profile.stderr)

      const provision = yield* cli("numbers", "provision", "--phone-number", "+447700900123")
      assert.strictEqual(provision.exitCode, ExitCode.Unsupported)
    }))

  it.scopedLive("kaleyra: capabilities say deprecated; provision uploads the certificate file, warning that it is deprecated", () =>
    Effect.gen(function*() {
      const cli = yield* againstEmulatorOf("kaleyra")
      const capabilities = yield* cli("--json", "capabilities")
      assert.strictEqual(capabilities.exitCode, 0, capabilities.stderr)
      assert.deepInclude(JSON.parse(capabilities.stdout), { provider: "kaleyra", supportStatus: "deprecated" })

      const certificate = (yield* temporaryFiles).write("certificate.png", SampleFiles.png)
      const provisioned = yield* cli("--json", ...kaleyraProvision(certificate))
      assert.strictEqual(provisioned.exitCode, 0, provisioned.stderr)
      assert.strictEqual(JSON.parse(provisioned.stdout).provider, "kaleyra")
      assert.match(provisioned.stderr, /^wa-admin: warning: @wa-admin\/kaleyra is deprecated/m)
    }))
})
