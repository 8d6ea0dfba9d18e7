import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { demo } from "../stickers.js"
import { run, tally } from "./support.js"

describe("stickers", () => {
  it.scopedLive("creates a stickerpack with a sticker per image, reads one back and deletes one", () =>
    Effect.gen(function*() {
      const { value, output } = yield* run(demo)
      const { emulator, deploymentId, result } = value
      const pack = `/v0.1/whatsapp-manager/deployments/${deploymentId}/stickerpacks`

      assert.strictEqual(result.created.length, 3)
      assert.deepStrictEqual(result.remaining, result.created.slice(0, 2))
      const [first, , last] = result.created

      assert.match(output[0] ?? "", /^WhatsApp's own stickerpacks: \S+/)
      assert.include(output, `Created stickerpack ${result.stickerpackId}: "Bakery classics" by Acme Bakery`)
      assert.include(output, `Sticker ${first}: image croissant-media-id, emojis 🥐 😋`)
      assert.include(output, `Deleted sticker ${last}`)
      assert.strictEqual(output.at(-1), `Stickerpack ${result.stickerpackId} now holds: ${result.remaining.join(", ")}`)

      const requests = yield* emulator.requests
      const created = requests.filter((request) => request.method === "POST" && request.path === pack)
      assert.deepStrictEqual(
        created.map((request) => request.body),
        [
          {
            publisher: "Acme Bakery",
            name: "Bakery classics",
            android_app_store_link: "https://play.google.com/store/apps/details?id=com.acme.bakery"
          }
        ]
      )
      const stickers = requests.filter(
        (request) => request.method === "POST" && request.path === `${pack}/${result.stickerpackId}/stickers`
      )
      assert.deepStrictEqual(
        stickers.map((request) => request.body),
        [
          { image_data_id: "croissant-media-id", emojis: ["🥐", "😋"] },
          { image_data_id: "baguette-media-id", emojis: ["🥖", "👍"] },
          { image_data_id: "cake-media-id", emojis: ["🎂", "🎉"] }
        ]
      )
      const effects = tally((yield* emulator.effects).map((effect) => effect.operation))
      assert.strictEqual(effects.get("createStickerpacks"), 1)
      assert.strictEqual(effects.get("createStickers"), 3)
      assert.strictEqual(effects.get("deleteStickerByIndex"), 1)
    }))
})
