/**
 * Vonage stickerpacks and stickers (`VonageStickers`, a Vonage extension beyond the port): list
 * WhatsApp's own packs, create a third-party pack, add stickers with their emojis, read one back,
 * delete one.
 *
 * Run it:
 *
 *   node_modules/.bin/tsx examples/stickers.ts
 *
 * Without Vonage credentials it runs against the in-process Vonage emulator (on a number it
 * registers first). Against Vonage — note that Vonage offers no way to delete a stickerpack:
 *
 *   VONAGE_APPLICATION_ID=aaaaaaaa-bbbb-cccc-dddd-0123456789ab VONAGE_PRIVATE_KEY_PATH=./private.key \
 *   VONAGE_DEPLOYMENT_ID=<a ready deployment> \
 *   WA_ADMIN_STICKER_IMAGES=<media id>,<media id> \
 *   node_modules/.bin/tsx examples/stickers.ts
 */
import { VonageAdmin, VonageProvider, VonageStickers } from "@wa-admin/vonage"
import type { VonageEmulator } from "@wa-admin/vonage/emulator"
import { Config, Console, Effect } from "effect"
import * as Example from "./support/Example.js"

const settings = Config.all({
  deploymentId: Config.string("VONAGE_DEPLOYMENT_ID"),
  /** Media ids of the sticker images (WebP, uploaded beforehand). */
  images: Config.array(Config.nonEmptyString(), "WA_ADMIN_STICKER_IMAGES")
})

const emojiSets: ReadonlyArray<ReadonlyArray<string>> = [
  ["🥐", "😋"],
  ["🥖", "👍"],
  ["🎂", "🎉"]
]

/** What the program answers: the new pack, the stickers it added, and those left after the delete. */
export interface Result {
  readonly stickerpackId: string
  readonly created: ReadonlyArray<string>
  readonly remaining: ReadonlyArray<string>
}

/** Creates a stickerpack with a sticker per image, reads them back and deletes the last one. */
export const program: Example.Program<Result> = Effect.gen(function*() {
  const { deploymentId, images } = yield* settings

  const whatsapp = yield* VonageStickers.listWhatsAppStickerpacks({ deploymentId })
  yield* Console.log(`WhatsApp's own stickerpacks: ${whatsapp.map((pack) => pack.id).join(", ") || "(none)"}`)

  const { id: stickerpackId } = yield* VonageStickers.createStickerpack({
    deploymentId,
    publisher: "Acme Bakery",
    name: "Bakery classics",
    androidAppStoreLink: "https://play.google.com/store/apps/details?id=com.acme.bakery"
  })
  const pack = yield* VonageStickers.getStickerpack({ deploymentId, stickerpackId })
  yield* Console.log(`Created stickerpack ${pack.id}: "${pack.name}" by ${pack.publisher}`)

  const created = yield* Effect.forEach(images, (imageDataId, position) =>
    VonageStickers.createSticker({
      deploymentId,
      stickerpackId,
      imageDataId,
      emojis: emojiSets[position % emojiSets.length] ?? []
    }))
  yield* Console.log(`Added ${created.length} stickers: ${created.map((sticker) => sticker.index).join(", ")}`)

  const [first] = created
  if (first !== undefined) {
    const sticker = yield* VonageStickers.getSticker({ deploymentId, stickerpackId, index: first.index })
    yield* Console.log(
      `Sticker ${sticker.index}: image ${sticker.imageDataId ?? "?"}, emojis ${sticker.emojis.join(" ")}`
    )
  }

  const last = created.at(-1)
  if (last !== undefined) {
    yield* VonageStickers.deleteSticker({ deploymentId, stickerpackId, index: last.index })
    yield* Console.log(`Deleted sticker ${last.index}`)
  }

  const remaining = (yield* VonageStickers.listStickers({ deploymentId, stickerpackId })).map((sticker) =>
    sticker.index
  )
  yield* Console.log(`Stickerpack ${stickerpackId} now holds: ${remaining.join(", ") || "(nothing)"}`)
  return { stickerpackId, created: created.map((sticker) => sticker.index), remaining }
}).pipe(Effect.provide(VonageAdmin.layerConfig))

/** The program against the Vonage emulator, on a number registered there first. */
export const demo: Example.Demo<
  { readonly emulator: VonageEmulator.Emulator; readonly deploymentId: string; readonly result: Result }
> = Effect.gen(function*() {
  const { emulator, environment } = yield* Example.vonage()
  const [deploymentId = ""] = yield* Example.readyDeployments(emulator, ["+447700900456"])
  const result = yield* program.pipe(
    Example.withEnvironment({
      ...environment,
      VONAGE_DEPLOYMENT_ID: deploymentId,
      WA_ADMIN_STICKER_IMAGES: "croissant-media-id,baguette-media-id,cake-media-id"
    })
  )
  return { emulator, deploymentId, result }
})

if (Example.isMain(import.meta.url)) {
  Example.main(Example.accountVariables(VonageProvider), { real: program, demo })
}
