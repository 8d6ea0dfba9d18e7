/**
 * The commands of issue 16 that reached another resource than the one named: dot segments given
 * as ids to `wa-admin --provider vonage`, against the Vonage emulator over HTTP. Each must exit
 * with the invalid-input code, name the flag's field, and send nothing.
 */
import { assert, describe, it } from "@effect/vitest"
import { VonageEmulator } from "@wa-admin/vonage/emulator"
import { Effect } from "effect"
import { ExitCode } from "../src/ExitCode.js"
import * as Providers from "../src/Providers.js"
import { lines, runWith } from "./harness.js"

/** A Vonage emulator, a CLI configured for it by the environment, and a deployment with a stickerpack. */
const withDeployment = Effect.gen(function*() {
  const emulator = yield* VonageEmulator.make()
  const cli = runWith(Providers.layer, {
    VONAGE_WHATSAPP_MANAGER_URL: emulator.url,
    VONAGE_APPLICATION_ID: emulator.credentials.applicationId,
    VONAGE_PRIVATE_KEY: emulator.credentials.privateKey ?? ""
  })
  const vonage = (...args: ReadonlyArray<string>) => cli("--provider", "vonage", ...args)
  const provisioned = yield* vonage(
    "--json",
    "numbers",
    "provision",
    "--phone-number",
    "+447700900123",
    "--waba-id",
    "123456789123",
    "--vname-certificate",
    "CkQKDQiBx9bZ2",
    "--method",
    "sms"
  )
  assert.strictEqual(provisioned.exitCode, 0, provisioned.stderr)
  const deploymentId: string = JSON.parse(provisioned.stdout).id
  const pack = yield* vonage(
    "--json",
    "stickers",
    "packs",
    "create",
    "--deployment-id",
    deploymentId,
    "--publisher",
    "Acme",
    "--name",
    "Classics"
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
      const commands: ReadonlyArray<{ readonly args: ReadonlyArray<string>; readonly fields: ReadonlyArray<string> }> =
        [
          { args: ["numbers", "release", "--id", "."], fields: ["id"] },
          {
            args: ["stickers", "delete", "--deployment-id", deploymentId, "--stickerpack-id", "..", "--index", ".."],
            fields: ["stickerpackId", "index"]
          },
          {
            args: ["stickers", "delete", "--deployment-id", deploymentId, "--stickerpack-id", "pack1", "--index", ".."],
            fields: ["index"]
          },
          {
            args: [
              "stickers",
              "delete",
              "--deployment-id",
              deploymentId,
              "--stickerpack-id",
              stickerpackId,
              "--index",
              "."
            ],
            fields: ["index"]
          },
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
        const error = JSON.parse(lines(json.stderr).find((line) => line.startsWith("{")) ?? "null")
        assert.strictEqual(error?._tag, "InvalidInput", command)
        assert.strictEqual(error?.source, "local", command)
        assert.includeMembers(
          (error?.issues ?? []).map((issue: { readonly field: string }) => issue.field),
          [...fields],
          command
        )
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
