import { assert, describe, it } from "@effect/vitest"
import { EmulatorEffects } from "@wa-admin/core/testing"
import { Effect } from "effect"
import { VonageStickers } from "../src/index.js"
import { stickerpackExample } from "./emulator/harness.js"
import type { Harness } from "./support.js"
import { expectTag, withDeployment } from "./support.js"

const base = "/v0.1/whatsapp-manager"

/** The document's example stickerpack (`stickerpackExample`) in the extension's names. */
const examplePack = {
  publisher: stickerpackExample.publisher,
  name: stickerpackExample.name,
  iosAppStoreLink: stickerpackExample.ios_app_store_link,
  androidAppStoreLink: stickerpackExample.android_app_store_link
}

/** The refusal of a stickerpack "Classics" by "Acme" on a deployment, with `fields` changed. */
const refusedPack = (
  deployment: Pick<Harness, "run"> & { readonly id: string },
  fields: { readonly publisher?: string; readonly iosAppStoreLink?: string }
) =>
  deployment.run(
    VonageStickers.createStickerpack({ deploymentId: deployment.id, publisher: "Acme", name: "Classics", ...fields })
  ).pipe(Effect.flip, Effect.map((error) => expectTag(error, "InvalidInput")))

describe("VonageStickers", () => {
  it.scoped("create, list and read a third-party stickerpack", () =>
    Effect.gen(function*() {
      const { emulator, id, run } = yield* withDeployment
      const created = yield* run(
        VonageStickers.createStickerpack({ deploymentId: id, ...examplePack })
      )
      const listed = yield* run(VonageStickers.listStickerpacks({ deploymentId: id }))
      const pack = yield* run(VonageStickers.getStickerpack({ deploymentId: id, stickerpackId: created.id }))

      assert.deepStrictEqual(listed.map((summary) => summary.id), [created.id])
      assert.deepStrictEqual({ ...pack }, { id: created.id, ...examplePack })
      const requests = yield* emulator.requests
      assert.deepStrictEqual(
        requests.map((request) => [request.method, request.path, request.body]),
        [
          [
            "POST",
            `${base}/deployments/${id}/stickerpacks`,
            stickerpackExample
          ],
          ["GET", `${base}/deployments/${id}/stickerpacks`, undefined],
          ["GET", `${base}/deployments/${id}/stickerpacks/${created.id}`, undefined]
        ]
      )
      yield* EmulatorEffects.assertRecorded(emulator, "createStickerpacks", [created.id])
    }))

  it.scoped("WhatsApp's own stickerpacks are listed with namespace=whatsapp", () =>
    Effect.gen(function*() {
      const { emulator, id, run } = yield* withDeployment
      const packs = yield* run(VonageStickers.listWhatsAppStickerpacks({ deploymentId: id }))
      const ownPacks = yield* run(VonageStickers.listStickerpacks({ deploymentId: id }))
      assert.isAbove(packs.length, 0)
      assert.deepStrictEqual(ownPacks, [])
      const [request] = yield* emulator.requests
      assert.strictEqual(request?.path, `${base}/deployments/${id}/stickerpacks`)
      assert.deepStrictEqual(request?.query, { namespace: "whatsapp" })
    }))

  it.scoped("stickers are created, listed, read with their emojis flattened, and deleted", () =>
    Effect.gen(function*() {
      const { emulator, id, run } = yield* withDeployment
      const { id: stickerpackId } = yield* run(
        VonageStickers.createStickerpack({ deploymentId: id, publisher: "Acme", name: "Classics" })
      )
      yield* emulator.clearRequests
      const created = yield* run(
        VonageStickers.createSticker({
          deploymentId: id,
          stickerpackId,
          imageDataId: "sticker-image-media-id",
          emojis: ["🐥", "😃"]
        })
      )
      const listed = yield* run(VonageStickers.listStickers({ deploymentId: id, stickerpackId }))
      const sticker = yield* run(VonageStickers.getSticker({ deploymentId: id, stickerpackId, index: created.index }))
      yield* run(VonageStickers.deleteSticker({ deploymentId: id, stickerpackId, index: created.index }))
      const afterDelete = yield* run(VonageStickers.listStickers({ deploymentId: id, stickerpackId }))

      assert.deepStrictEqual(listed.map((summary) => summary.index), [created.index])
      assert.strictEqual(sticker.index, created.index)
      assert.strictEqual(sticker.imageDataId, "sticker-image-media-id")
      assert.isString(sticker.id)
      assert.deepStrictEqual(sticker.emojis, ["🐥", "😃"])
      assert.deepStrictEqual(afterDelete, [])

      const stickers = `${base}/deployments/${id}/stickerpacks/${stickerpackId}/stickers`
      const requests = yield* emulator.requests
      assert.deepStrictEqual(
        requests.map((request) => [request.method, request.path, request.body]),
        [
          ["POST", stickers, { image_data_id: "sticker-image-media-id", emojis: ["🐥", "😃"] }],
          ["GET", stickers, undefined],
          ["GET", `${stickers}/${created.index}`, undefined],
          ["DELETE", `${stickers}/${created.index}`, undefined],
          ["GET", stickers, undefined]
        ]
      )
      assert.deepStrictEqual(
        yield* EmulatorEffects.operations(emulator),
        ["createDeployment", "createStickerpacks", "createStickers", "deleteStickerByIndex"]
      )
    }))

  it.scoped("bad input names the field and sends nothing", () =>
    Effect.gen(function*() {
      const deployment = yield* withDeployment
      const { emulator, id, run } = deployment
      const invalid = yield* refusedPack(deployment, { publisher: "", iosAppStoreLink: "itunes" })
      assert.strictEqual(invalid.operation, "stickers.createStickerpack")
      assert.deepStrictEqual(
        invalid.issues.map((issue) => issue.field),
        ["publisher", "iosAppStoreLink"]
      )
      const noIndex = yield* run(VonageStickers.getSticker({ deploymentId: id, stickerpackId: "p", index: "" })).pipe(
        Effect.flip
      )
      assert.deepStrictEqual(
        expectTag(noIndex, "InvalidInput").issues.map((issue) => issue.field),
        ["index"]
      )
      assert.deepStrictEqual(yield* emulator.requests, [])
    }))

  it.scoped("a store link in the wrong format is refused by Vonage on the domain field", () =>
    Effect.gen(function*() {
      const invalid = yield* refusedPack(yield* withDeployment, {
        iosAppStoreLink: "https://apps.apple.com/us/app/acme"
      })
      assert.strictEqual(invalid.source, "provider")
      assert.deepStrictEqual(
        invalid.issues.map((issue) => issue.field),
        ["iosAppStoreLink"]
      )
    }))

  it.scoped("an unknown stickerpack or sticker is NotFound naming it", () =>
    Effect.gen(function*() {
      const { id, run } = yield* withDeployment
      const pack = expectTag(
        yield* run(VonageStickers.getStickerpack({ deploymentId: id, stickerpackId: "nope" })).pipe(Effect.flip),
        "NotFound"
      )
      assert.deepStrictEqual([pack.resource, pack.id], ["stickerpack", "nope"])
      const { id: stickerpackId } = yield* run(
        VonageStickers.createStickerpack({ deploymentId: id, publisher: "A", name: "B" })
      )
      const sticker = expectTag(
        yield* run(VonageStickers.getSticker({ deploymentId: id, stickerpackId, index: "42" })).pipe(Effect.flip),
        "NotFound"
      )
      assert.deepStrictEqual([sticker.resource, sticker.id, sticker.operation], [
        "sticker",
        "42",
        "stickers.getSticker"
      ])
    }))

  it.scoped("WhatsApp's own packs are read-only: changing one is Forbidden", () =>
    Effect.gen(function*() {
      const { id, run } = yield* withDeployment
      const [pack] = yield* run(VonageStickers.listWhatsAppStickerpacks({ deploymentId: id }))
      const error = yield* run(
        VonageStickers.createSticker({ deploymentId: id, stickerpackId: pack?.id ?? "", imageDataId: "image" })
      ).pipe(Effect.flip)
      assert.strictEqual(expectTag(error, "Forbidden").problem?.code, "forbidden")
    }))
})
