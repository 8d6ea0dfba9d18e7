import { assert, describe, it } from "@effect/vitest"
import type { VonageEmulator } from "@wa-admin/vonage/emulator"
import { Effect } from "effect"
import { ExitCode } from "../src/ExitCode.js"
import * as Providers from "../src/Providers.js"
import { againstVonageDeployment } from "./extensionSupport.js"
import type { FlagValue } from "./harness.js"
import { argv, assertHelpMentions, issueFields, lines, runWith } from "./harness.js"

/** `stickers packs create` of "Acme classics" by `publisher` in a deployment, with more flags (store links). */
const createPack = (deploymentId: string, publisher: string, links: Readonly<Record<string, FlagValue>>) =>
  argv("stickers packs create", { "deployment-id": deploymentId, publisher, name: "Acme classics", ...links })

const stickerRequests = (emulator: VonageEmulator.Emulator) =>
  Effect.map(emulator.requests, (requests) => requests.filter((request) => request.path.includes("/stickerpacks")))

describe("wa-admin stickers (Vonage)", () => {
  it.scopedLive("packs create → packs list → packs get, then stickers create → list → get → delete, over HTTP", () =>
    Effect.gen(function*() {
      const { cli, deploymentId, emulator } = yield* againstVonageDeployment()
      const deployment = ["--deployment-id", deploymentId]

      const created = yield* cli(
        "--json",
        ...createPack(deploymentId, "Acme", { "ios-app-store-link": "https://itunes.apple.com/app/id3133333" })
      )
      assert.strictEqual(created.exitCode, 0, created.stderr)
      const pack = JSON.parse(created.stdout)
      assert.deepStrictEqual(Object.keys(pack), ["id"])
      const packId: string = pack.id
      const [createRequest] = (yield* stickerRequests(emulator)).filter((request) => request.method === "POST")
      assert.deepStrictEqual(createRequest?.body, {
        publisher: "Acme",
        name: "Acme classics",
        ios_app_store_link: "https://itunes.apple.com/app/id3133333"
      })

      const listed = yield* cli("--json", "stickers", "packs", "list", ...deployment)
      assert.strictEqual(listed.exitCode, 0, listed.stderr)
      assert.deepStrictEqual(lines(listed.stdout).map((line) => JSON.parse(line)), [{ id: packId }])

      const human = yield* cli("stickers", "packs", "list", ...deployment)
      assert.deepStrictEqual(lines(human.stdout), ["STICKERPACK ID", packId])

      const firstParty = yield* cli("--json", "stickers", "packs", "list", ...deployment, "--first-party")
      assert.strictEqual(firstParty.exitCode, 0, firstParty.stderr)
      const firstPartyIds = lines(firstParty.stdout).map((line) => JSON.parse(line).id)
      assert.isAbove(firstPartyIds.length, 0)
      assert.notInclude(firstPartyIds, packId)
      assert.strictEqual((yield* emulator.requests).at(-1)?.query["namespace"], "whatsapp")

      const got = yield* cli("--json", "stickers", "packs", "get", ...deployment, "--stickerpack-id", packId)
      assert.strictEqual(got.exitCode, 0, got.stderr)
      assert.deepStrictEqual(JSON.parse(got.stdout), {
        id: packId,
        name: "Acme classics",
        publisher: "Acme",
        iosAppStoreLink: "https://itunes.apple.com/app/id3133333"
      })
      const gotHuman = yield* cli("stickers", "packs", "get", ...deployment, "--stickerpack-id", packId)
      assert.match(gotHuman.stdout, /^name\s+Acme classics$/m)
      assert.match(gotHuman.stdout, /^App Store\s+https:\/\/itunes\.apple\.com\/app\/id3133333$/m)

      const pack_ = [...deployment, "--stickerpack-id", packId]
      const sticker = yield* cli(
        "--json",
        ...argv("stickers create", { "image-data-id": "sticker-image-media-id", emoji: ["🐥", "😃"] }),
        ...pack_
      )
      assert.strictEqual(sticker.exitCode, 0, sticker.stderr)
      const index: string = JSON.parse(sticker.stdout).index
      assert.deepStrictEqual((yield* emulator.requests).at(-1)?.body, {
        image_data_id: "sticker-image-media-id",
        emojis: ["🐥", "😃"]
      })

      const stickers = yield* cli("--json", "stickers", "list", ...pack_)
      assert.deepStrictEqual(lines(stickers.stdout).map((line) => JSON.parse(line)), [{ index }])

      const one = yield* cli("--json", "stickers", "get", ...pack_, "--index", index)
      assert.strictEqual(one.exitCode, 0, one.stderr)
      assert.deepInclude(JSON.parse(one.stdout), { index, imageDataId: "sticker-image-media-id", emojis: ["🐥", "😃"] })
      const oneHuman = yield* cli("stickers", "get", ...pack_, "--index", index)
      assert.match(oneHuman.stdout, /^emojis\s+🐥 😃$/m)

      const deleted = yield* cli("stickers", "delete", ...pack_, "--index", index)
      assert.strictEqual(deleted.exitCode, 0, deleted.stderr)
      assert.include(deleted.stdout, `Sticker ${index} deleted from stickerpack ${packId}.`)
      const deletedJson = yield* cli("--json", "stickers", "list", ...pack_)
      assert.strictEqual(deletedJson.stdout, "")
      const empty = yield* cli("stickers", "list", ...pack_)
      assert.include(empty.stdout, "(no stickers)")

      assert.deepStrictEqual(
        (yield* emulator.effects).filter((effect) => effect.operation !== "createDeployment").map((effect) =>
          effect.operation
        ),
        ["createStickerpacks", "createStickers", "deleteStickerByIndex"]
      )
    }))

  it.scopedLive("an unknown sticker is NotFound; a bad store link is InvalidInput and nothing is sent", () =>
    Effect.gen(function*() {
      const { cli, deploymentId, emulator } = yield* againstVonageDeployment()
      const missing = yield* cli(
        ...argv("stickers get", { "deployment-id": deploymentId, "stickerpack-id": "no-such-pack", index: "1" })
      )
      assert.strictEqual(missing.exitCode, ExitCode.NotFound, missing.stderr)
      assert.strictEqual(missing.stdout, "")
      assert.lengthOf(lines(missing.stderr), 1)

      const before = (yield* stickerRequests(emulator)).length
      const invalid = yield* cli(
        "--json",
        ...createPack(deploymentId, "", { "android-app-store-link": "not a link" })
      )
      assert.strictEqual(invalid.exitCode, ExitCode.InvalidInput)
      assert.strictEqual(invalid.stdout, "")
      const [message, json] = lines(invalid.stderr)
      assert.include(message, "vonage.stickers.createStickerpack")
      const error = JSON.parse(json ?? "null")
      assert.strictEqual(error._tag, "InvalidInput")
      assert.strictEqual(error.source, "local")
      assert.sameMembers(issueFields(error), ["publisher", "androidAppStoreLink"])
      assert.strictEqual((yield* stickerRequests(emulator)).length, before)
    }))

  it.effect("with any other provider, stickers fails with Unsupported naming provider and command", () =>
    Effect.gen(function*() {
      const cli = runWith(Providers.layer)
      const result = yield* cli("--provider", "woztell", "stickers", "packs", "list", "--deployment-id", "d-1")
      assert.strictEqual(result.exitCode, ExitCode.Unsupported)
      assert.strictEqual(result.stdout, "")
      assert.deepStrictEqual(lines(result.stderr), [
        "wa-admin: woztell.stickers.packs.list: not supported by woztell: offered by vonage; choose it with --provider"
      ])

      const sticker = ["--deployment-id", "d", "--stickerpack-id", "p", "--index", "1"]
      const memory = yield* cli("--json", "--provider", "memory", "stickers", "delete", ...sticker)
      assert.strictEqual(memory.exitCode, ExitCode.Unsupported)
      assert.deepInclude(JSON.parse(lines(memory.stderr)[1] ?? "null"), {
        _tag: "Unsupported",
        provider: "memory",
        operation: "stickers.delete"
      })
    }))

  it.effect("--help documents every stickers command's flags", () =>
    Effect.gen(function*() {
      const cli = runWith(Providers.layer)
      yield* assertHelpMentions(cli, [
        ["stickers packs list", ["--deployment-id", "--first-party"]],
        ["stickers packs get", ["--deployment-id", "--stickerpack-id"]],
        ["stickers packs create", ["--publisher", "--name", "--ios-app-store-link", "--android-app-store-link"]],
        ["stickers list", ["--deployment-id", "--stickerpack-id"]],
        ["stickers get", ["--index"]],
        ["stickers create", ["--image-data-id", "--emoji"]],
        ["stickers delete", ["--index"]]
      ], ["--json"])
      const top = yield* cli("--help")
      assert.include(top.stdout, "stickers packs create")
    }))
})
