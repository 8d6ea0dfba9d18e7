/**
 * The commands of issue 16 that reached another resource than the one named: dot segments given
 * as ids to `wa-admin --provider vonage`, against the Vonage emulator over HTTP. Each must exit
 * with the invalid-input code, name the flag's field, and send nothing.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { ExitCode } from "../src/ExitCode.js"
import { againstVonageDeployment } from "./extensionSupport.js"
import { argv, encodedError, issueFields } from "./harness.js"

/** A Vonage deployment with a stickerpack, and nothing recorded yet. */
const withDeployment = Effect.gen(function*() {
  const { cli, deploymentId, emulator } = yield* againstVonageDeployment()
  const vonage = (...args: ReadonlyArray<string>) => cli("--provider", "vonage", ...args)
  const pack = yield* vonage(
    "--json",
    ...argv("stickers packs create", { "deployment-id": deploymentId, publisher: "Acme", name: "Classics" })
  )
  assert.strictEqual(pack.exitCode, 0, pack.stderr)
  const stickerpackId: string = JSON.parse(pack.stdout).id
  yield* emulator.clearRequests
  return { emulator, vonage, deploymentId, stickerpackId }
})

describe("wa-admin refuses ids that would address another resource (issue 16)", () => {
  it.scopedLive("each command of the issue exits 4, names the field, and sends nothing to Vonage", () =>
    Effect.gen(function*() {
      const { deploymentId, emulator, stickerpackId, vonage } = yield* withDeployment
      const stickerDelete = (stickerpackId: string, index: string) =>
        argv("stickers delete", { "deployment-id": deploymentId, "stickerpack-id": stickerpackId, index })
      const commands: ReadonlyArray<{ readonly args: ReadonlyArray<string>; readonly fields: ReadonlyArray<string> }> =
        [
          { args: ["numbers", "release", "--id", "."], fields: ["id"] },
          { args: stickerDelete("..", ".."), fields: ["stickerpackId", "index"] },
          { args: stickerDelete("pack1", ".."), fields: ["index"] },
          { args: stickerDelete(stickerpackId, "."), fields: ["index"] },
          { args: ["profile", "get", "--number", ".."], fields: ["number"] },
          { args: ["profile", "set", "--number", "..", "--about", "Fresh bread daily"], fields: ["number"] }
        ]
      for (const { args, fields } of commands) {
        const command = args.join(" ")
        const result = yield* vonage(...args)
        assert.strictEqual(result.exitCode, ExitCode.InvalidInput, `${command}: ${result.stderr}`)
        assert.strictEqual(result.stdout, "", command)
        for (const field of fields) {
          assert.match(result.stderr, new RegExp(`\\b${field}\\b`), `${command} names ${field}`)
        }
        assert.include(result.stderr, "nothing was sent", command)

        const json = yield* vonage("--json", ...args)
        assert.strictEqual(json.exitCode, ExitCode.InvalidInput, command)
        const error = encodedError(json)
        assert.strictEqual(error?._tag, "InvalidInput", command)
        assert.strictEqual(error?.source, "local", command)
        assert.includeMembers(issueFields(error), [...fields], command)
      }
      assert.deepStrictEqual(
        (yield* emulator.requests).map((request) => `${request.method} ${request.path}`),
        [],
        "not one request reached the emulator"
      )
      assert.deepStrictEqual(
        (yield* emulator.effects).map((effect) => effect.operation),
        ["createDeployment", "createStickerpacks"],
        "nothing was deleted or changed"
      )
    }))
})
