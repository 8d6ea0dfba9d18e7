import { assert, describe, it } from "@effect/vitest"
import { EmulatorEffects } from "@wa-admin/core/testing"
import { Effect, TestClock } from "effect"
import {
  assertProblem,
  deploymentRequest,
  genericType,
  harness,
  provisioningType,
  stickerpackExample
} from "./harness.js"

const withDeployment = Effect.gen(function*() {
  const h = yield* harness({ stageDuration: "1 second" })
  const created = yield* h.call("POST", "/deployments", { json: deploymentRequest() })
  return {
    h,
    deploymentId: created.body.deployment_id as string,
    packs: `/deployments/${created.body.deployment_id as string}/stickerpacks`
  }
})

/** The document's example stickerpack. */
const pack = stickerpackExample

describe("VonageEmulator stickerpacks", () => {
  it.scoped("lists WhatsApp's own packs with namespace=whatsapp, and none of the deployment's at first", () =>
    Effect.gen(function*() {
      const { h, packs } = yield* withDeployment
      const firstParty = yield* h.call("GET", `${packs}?namespace=whatsapp`)
      assert.strictEqual(firstParty.status, 200)
      assert.isAbove(firstParty.body.stickerpacks.length, 0)
      const firstId = firstParty.body.stickerpacks[0].id as string
      const one = yield* h.call("GET", `${packs}/${firstId}`)
      assert.strictEqual(one.body.stickerpacks[0].publisher, "WhatsApp")
      const stickers = yield* h.call("GET", `${packs}/${firstId}/stickers`)
      assert.isAbove(stickers.body.stickers.length, 0)
      assert.deepStrictEqual((yield* h.call("GET", packs)).body, { stickerpacks: [] })
      const otherNamespace = yield* h.call("GET", `${packs}?namespace=telegram`)
      assert.strictEqual(otherNamespace.status, 422)
    }))

  it.scoped("creates third-party packs, lists them and gets one", () =>
    Effect.gen(function*() {
      const { h, packs } = yield* withDeployment
      const created = yield* h.call("POST", packs, { json: pack })
      assert.strictEqual(created.status, 200)
      assert.strictEqual(created.body.stickerpacks.length, 1)
      const id = created.body.stickerpacks[0].id as string
      const minimal = yield* h.call("POST", packs, { json: { publisher: "p", name: "n" } })
      const minimalId = minimal.body.stickerpacks[0].id as string
      assert.deepStrictEqual((yield* h.call("GET", packs)).body, { stickerpacks: [{ id }, { id: minimalId }] })
      assert.deepStrictEqual((yield* h.call("GET", `${packs}/${id}`)).body, {
        stickerpacks: [{
          name: pack.name,
          publisher: pack.publisher,
          android_app_store_link: pack.android_app_store_link,
          ios_app_store_link: pack.ios_app_store_link
        }]
      })
      assert.deepStrictEqual((yield* h.call("GET", `${packs}/${minimalId}`)).body, {
        stickerpacks: [{ name: "n", publisher: "p" }]
      })
      yield* EmulatorEffects.assertRecorded(h.emulator, "createStickerpacks", [id, minimalId])
    }))

  it.scoped("refuses a pack without publisher or name, or with malformed store links", () =>
    Effect.gen(function*() {
      const { h, packs } = yield* withDeployment
      const missing = yield* h.call("POST", packs, { json: {} })
      assertProblem(missing, 422, provisioningType("unprocessable"))
      assert.deepStrictEqual(missing.body.invalid_parameters.map((parameter: { name: string }) => parameter.name), [
        "publisher",
        "name"
      ])
      const links = yield* h.call("POST", packs, {
        json: { ...pack, ios_app_store_link: "https://example.com/app", android_app_store_link: "com.example" }
      })
      assert.deepStrictEqual(
        links.body.invalid_parameters.map((parameter: { name: string }) => parameter.name),
        ["ios_app_store_link", "android_app_store_link"]
      )
      const notJson = yield* h.call("POST", packs, {
        raw: "publisher=p",
        contentType: "application/x-www-form-urlencoded"
      })
      assert.strictEqual(notJson.status, 400)
      assert.deepStrictEqual((yield* h.call("GET", packs)).body, { stickerpacks: [] })
    }))

  it.scoped("packs belong to their deployment; an unknown pack is 404", () =>
    Effect.gen(function*() {
      const { h, packs } = yield* withDeployment
      const created = yield* h.call("POST", packs, { json: pack })
      const id = created.body.stickerpacks[0].id as string
      const other = yield* h.call("POST", "/deployments", { json: deploymentRequest({ number: "7700900001" }) })
      const otherPacks = `/deployments/${other.body.deployment_id as string}/stickerpacks`
      assert.deepStrictEqual((yield* h.call("GET", otherPacks)).body, { stickerpacks: [] })
      const elsewhere = yield* h.call("GET", `${otherPacks}/${id}`)
      assert.strictEqual(elsewhere.status, 404)
      assert.deepInclude(elsewhere.body, {
        type: genericType("not-found"),
        detail: "Stickerpack does not exist or you do not have access."
      })
      assert.strictEqual((yield* h.call("GET", `${packs}/unknown/stickers`)).status, 404)
      assert.strictEqual(
        (yield* h.call("POST", `${packs}/unknown/stickers`, { json: { image_data_id: "m" } })).status,
        404
      )
    }))
})

describe("VonageEmulator stickers", () => {
  it.scoped("creates, lists, gets and deletes stickers, with emojis nested as the document shows", () =>
    Effect.gen(function*() {
      const { h, packs } = yield* withDeployment
      const packId = (yield* h.call("POST", packs, { json: pack })).body.stickerpacks[0].id as string
      const stickers = `${packs}/${packId}/stickers`
      const first = yield* h.call("POST", stickers, { json: { image_data_id: "media-1", emojis: ["🐥", "😃"] } })
      assert.strictEqual(first.status, 200)
      assert.strictEqual(first.body.stickers.length, 1)
      const index = first.body.stickers[0].index as string
      assert.isString(index)
      const second = yield* h.call("POST", stickers, { json: { image_data_id: "media-2" } })
      const secondIndex = second.body.stickers[0].index as string
      assert.notStrictEqual(secondIndex, index)
      assert.deepStrictEqual((yield* h.call("GET", stickers)).body, { stickers: [{ index }, { index: secondIndex }] })

      const got = yield* h.call("GET", `${stickers}/${index}`)
      assert.strictEqual(got.status, 200)
      assert.strictEqual(got.body.stickers.length, 1)
      assert.strictEqual(got.body.stickers[0].image_data_id, "media-1")
      assert.isString(got.body.stickers[0].id)
      assert.deepStrictEqual(got.body.stickers[0].emojis, [["🐥", "😃"]])
      assert.deepStrictEqual((yield* h.call("GET", `${stickers}/${secondIndex}`)).body.stickers[0].emojis, [[]])

      const deleted = yield* h.call("DELETE", `${stickers}/${index}`)
      assert.strictEqual(deleted.status, 200)
      assert.deepStrictEqual(deleted.body, got.body)
      assert.deepStrictEqual((yield* h.call("GET", stickers)).body, { stickers: [{ index: secondIndex }] })
      const gone = yield* h.call("GET", `${stickers}/${index}`)
      assert.strictEqual(gone.status, 404)
      assert.strictEqual(gone.body.detail, "Sticker does not exist or you do not have access.")
      assert.strictEqual((yield* h.call("DELETE", `${stickers}/${index}`)).status, 404)
      const third = yield* h.call("POST", stickers, { json: { image_data_id: "media-3" } })
      assert.notInclude([index, secondIndex], third.body.stickers[0].index)

      assert.deepStrictEqual(
        yield* EmulatorEffects.operations(h.emulator),
        [
          "createDeployment",
          "createStickerpacks",
          "createStickers",
          "createStickers",
          "deleteStickerByIndex",
          "createStickers"
        ]
      )
    }))

  it.scoped("refuses a sticker without image_data_id or with emojis that are not strings", () =>
    Effect.gen(function*() {
      const { h, packs } = yield* withDeployment
      const packId = (yield* h.call("POST", packs, { json: pack })).body.stickerpacks[0].id as string
      const stickers = `${packs}/${packId}/stickers`
      const missing = yield* h.call("POST", stickers, { json: { emojis: ["🐥"] } })
      assert.strictEqual(missing.status, 422)
      assert.deepStrictEqual(missing.body.invalid_parameters, [{ name: "image_data_id", reason: "is required" }])
      const badEmojis = yield* h.call("POST", stickers, { json: { image_data_id: "m", emojis: "🐥" } })
      assert.deepStrictEqual(badEmojis.body.invalid_parameters, [{
        name: "emojis",
        reason: "must be an array of emojis"
      }])
      assert.deepStrictEqual((yield* h.call("GET", stickers)).body, { stickers: [] })
    }))

  it.scoped("WhatsApp's own packs are read-only", () =>
    Effect.gen(function*() {
      const { h, packs } = yield* withDeployment
      const firstId = (yield* h.call("GET", `${packs}?namespace=whatsapp`)).body.stickerpacks[0].id as string
      const stickers = `${packs}/${firstId}/stickers`
      const index = (yield* h.call("GET", stickers)).body.stickers[0].index as string
      assert.strictEqual((yield* h.call("GET", `${stickers}/${index}`)).status, 200)
      const create = yield* h.call("POST", stickers, { json: { image_data_id: "m" } })
      assertProblem(create, 403, genericType("forbidden"))
      assert.strictEqual((yield* h.call("DELETE", `${stickers}/${index}`)).status, 403)
      assert.strictEqual((yield* h.call("GET", `${stickers}/${index}`)).status, 200)
    }))

  it.scoped("a deleted deployment's packs are gone", () =>
    Effect.gen(function*() {
      const { h, packs, deploymentId } = yield* withDeployment
      yield* h.call("POST", packs, { json: pack })
      yield* TestClock.adjust("3 seconds")
      assert.strictEqual((yield* h.call("DELETE", `/deployments/${deploymentId}`)).status, 204)
      yield* TestClock.adjust("1 second")
      assert.strictEqual((yield* h.call("GET", packs)).status, 404)
      assert.strictEqual((yield* h.call("GET", `/deployments/${deploymentId}/profile`)).status, 404)
      assert.strictEqual((yield* h.call("GET", `/deployments/${deploymentId}`)).body.current_state.title, "DELETED")
    }))
})
