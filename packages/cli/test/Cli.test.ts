import { assert, describe, it } from "@effect/vitest"
import { Capabilities } from "@wa-admin/core"
import { Cause, Effect, Exit, FiberId } from "effect"
import { readFileSync } from "node:fs"
import * as Cli from "../src/Cli.js"
import * as ExitCode from "../src/ExitCode.js"
import * as Providers from "../src/Providers.js"
import { assertHelpMentions, lines, runWith, sharedMemory } from "./harness.js"

const packageVersion =
  (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string })
    .version

const cli = runWith(Providers.layer)

describe("wa-admin", () => {
  it.effect("--version prints the package version", () =>
    Effect.gen(function*() {
      const result = yield* cli("--version")
      assert.strictEqual(result.exitCode, 0)
      assert.strictEqual(result.stdout.trim(), packageVersion)
    }))

  it.effect("--help lists every command group and the exit codes", () =>
    Effect.gen(function*() {
      const result = yield* cli("--help")
      assert.strictEqual(result.exitCode, 0)
      for (
        const command of [
          "numbers provision",
          "numbers wait",
          "profile set",
          "media upload",
          "templates create",
          "capabilities",
          "emulator",
          "demo"
        ]
      ) {
        assert.include(result.stdout, command)
      }
      assert.include(result.stdout, "EXIT CODES")
      for (const { code, meaning } of ExitCode.table) {
        assert.include(result.stdout, String(code))
        assert.include(result.stdout, meaning)
      }
    }))

  it.effect("no arguments prints the help", () =>
    Effect.gen(function*() {
      const result = yield* cli()
      assert.strictEqual(result.exitCode, 0)
      assert.include(result.stdout, "USAGE")
    }))

  it.effect("each command's --help documents its flags", () =>
    Effect.gen(function*() {
      yield* assertHelpMentions(cli, [
        ["numbers provision", [
          "--phone-number",
          "--country-code",
          "--national-number",
          "--waba-id",
          "--vname-certificate",
          "--method",
          "E.164"
        ]],
        ["numbers wait", ["--id", "--until", "code-sent", "ready", "--interval"]],
        ["profile set", ["--number", "--about", "--website", "--vertical", "--email", "Grocery"]],
        ["media upload", ["--number", "--kind", "--url"]],
        ["templates list", ["--waba-id", "--status", "--category", "--quality-score", "--page-size"]],
        ["templates create", [
          "--name",
          "--language",
          "--category",
          "--body",
          "--body-example",
          "--header-text",
          "--footer",
          "--quick-reply",
          "--file"
        ]],
        ["templates delete", ["--all-languages"]]
      ], ["--json", "--provider"])
    }))

  it.effect("an unknown command is a usage error", () =>
    Effect.gen(function*() {
      const result = yield* cli("numbrs", "status")
      assert.strictEqual(result.exitCode, ExitCode.ExitCode.Usage)
      assert.strictEqual(result.stdout, "")
      assert.isAbove(result.stderr.length, 0)
    }))

  it.effect("a missing required flag is a usage error", () =>
    Effect.gen(function*() {
      const result = yield* cli("--provider", "memory", "numbers", "verify", "--id", "x")
      assert.strictEqual(result.exitCode, ExitCode.ExitCode.Usage)
      assert.include(result.stderr, "--code")
    }))

  it.effect("a group without its command is a usage error naming the commands", () =>
    Effect.gen(function*() {
      const result = yield* cli("templates")
      assert.strictEqual(result.exitCode, ExitCode.ExitCode.Usage)
      assert.include(result.stderr, "list, get, create, edit, delete")
    }))

  it.effect("without --provider or WA_ADMIN_PROVIDER it is a configuration error", () =>
    Effect.gen(function*() {
      const result = yield* cli("capabilities")
      assert.strictEqual(result.exitCode, ExitCode.ExitCode.Config)
      assert.strictEqual(result.stdout, "")
      assert.lengthOf(lines(result.stderr), 1)
      assert.include(result.stderr, "WA_ADMIN_PROVIDER")
      assert.include(result.stderr, "memory")
    }))

  it.effect("an unknown provider is a configuration error listing the known ones", () =>
    Effect.gen(function*() {
      const flag = yield* cli("--provider", "nexmo", "capabilities")
      assert.strictEqual(flag.exitCode, ExitCode.ExitCode.Config)
      assert.include(flag.stderr, `unknown provider "nexmo"`)
      assert.include(flag.stderr, "memory")
      const environment = yield* runWith(Providers.layer, { WA_ADMIN_PROVIDER: "nexmo" })("capabilities")
      assert.strictEqual(environment.exitCode, ExitCode.ExitCode.Config)
      assert.include(environment.stderr, "WA_ADMIN_PROVIDER")
    }))

  it.effect("WA_ADMIN_PROVIDER chooses the provider when --provider is absent", () =>
    Effect.gen(function*() {
      const result = yield* runWith(Providers.layer, { WA_ADMIN_PROVIDER: "memory" })("--json", "capabilities")
      assert.strictEqual(result.exitCode, 0)
      assert.strictEqual(JSON.parse(result.stdout).provider, "memory")
    }))

  it.effect("--json prints only the JSON of the domain object on stdout, before or after the command", () =>
    Effect.gen(function*() {
      for (
        const args of [["--provider", "memory", "--json", "capabilities"], [
          "capabilities",
          "--json",
          "--provider",
          "memory"
        ]]
      ) {
        const result = yield* cli(...args)
        assert.strictEqual(result.exitCode, 0)
        assert.strictEqual(result.stderr, "")
        assert.lengthOf(lines(result.stdout), 1)
        assert.deepStrictEqual(JSON.parse(result.stdout), {
          provider: "memory",
          supportStatus: "stable",
          // The reference adapter implements the whole port, in the port's order.
          operations: [...Capabilities.operations],
          extensions: []
        })
      }
    }))

  it.scoped("without --json the result is a human-readable table", () =>
    Effect.gen(function*() {
      const { cli } = yield* sharedMemory()
      const result = yield* cli("capabilities")
      assert.strictEqual(result.exitCode, 0)
      assert.include(result.stdout, "provider")
      assert.include(result.stdout, "✓ numbers.provision")
      assert.throws(() => JSON.parse(result.stdout))
    }))

  it("the process ends with the code set by main, 130 when interrupted, 1 on an escaped failure", () => {
    const codes: Array<number> = []
    Cli.teardown(Exit.void, (code) => codes.push(code))
    Cli.teardown(Exit.failCause(Cause.interrupt(FiberId.none)), (code) => codes.push(code))
    Cli.teardown(Exit.die("boom"), (code) => codes.push(code))
    assert.deepStrictEqual(codes, [0, 130, 1])
  })

  it.effect("the emulator command names the providers that have one", () =>
    Effect.gen(function*() {
      const result = yield* cli("emulator", "memory")
      assert.strictEqual(result.exitCode, ExitCode.ExitCode.Usage)
      assert.include(result.stderr, `no emulator for "memory"`)
    }))
})
