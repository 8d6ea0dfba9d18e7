/**
 * `wa-admin stickers …` — Vonage's stickerpacks and stickers of a deployment (the
 * `VonageStickers` extension): `stickers packs list|get|create` and
 * `stickers list|get|create|delete`. Any other provider answers `Unsupported`.
 *
 * @since 0.1.0
 */
import * as Options from "@effect/cli/Options"
import { commandGroup, type FlagsOf, optionalText, repeatedText, text } from "./internal.js"

const deploymentId = text("deployment-id", "The deployment id (the registration id `numbers provision` printed).")

const stickerpackId = text(
  "stickerpack-id",
  "The stickerpack's id (as `stickers packs list` or `stickers packs create` printed it)."
)

const index = text(
  "index",
  "The sticker's index in its pack (as `stickers list` or `stickers create` printed it).",
  "n"
)

const byPack = { deploymentId, stickerpackId }

const bySticker = { deploymentId, stickerpackId, index }

const packFlags = {
  list: {
    deploymentId,
    firstParty: Options.boolean("first-party").pipe(
      Options.withDescription(
        "List WhatsApp's own (first-party) stickerpacks instead of the deployment's third-party ones."
      )
    )
  },
  get: byPack,
  create: {
    deploymentId,
    publisher: text("publisher", "The name of the stickerpack's publisher.", "name"),
    name: text("name", "The name of the stickerpack.", "name"),
    iosAppStoreLink: optionalText(
      "ios-app-store-link",
      "The pack in the Apple App Store: https://itunes.apple.com/app/idXXXXXXXXX.",
      "url"
    ),
    androidAppStoreLink: optionalText(
      "android-app-store-link",
      "The pack in Google Play: https://play.google.com/store/apps/details?id=com.example.",
      "url"
    )
  }
}

/** The flags of each `stickers packs` command, parsed (`PackFlags["get"]`: those of `stickers packs get`). */
export type PackFlags = FlagsOf<typeof packFlags>

const stickerFlags = {
  list: byPack,
  get: bySticker,
  create: {
    deploymentId,
    stickerpackId,
    imageDataId: text("image-data-id", "The media id of the sticker's image (e.g. from an upload)."),
    emojis: repeatedText("emoji", "An emoji the sticker expresses (repeatable, e.g. --emoji 🐥 --emoji 😃).", "emoji")
  },
  delete: bySticker
}

/** The flags of each `stickers` command on stickers, parsed (`Flags["get"]`: those of `stickers get`). */
export type Flags = FlagsOf<typeof stickerFlags>

const programs = () => import("../programs/Stickers.js")

const packs = commandGroup({
  name: "packs",
  description: "List, read and create stickerpacks.",
  commands: [
    [
      "list",
      (stickers) => stickers.packsList,
      "List a deployment's stickerpacks (WhatsApp's own with --first-party). Under --json: one pack per line."
    ],
    ["get", (stickers) => stickers.packsGet, "Show a stickerpack: its name, publisher and store links."],
    ["create", (stickers) => stickers.packsCreate, "Create a third-party stickerpack on a deployment; prints its id."]
  ],
  programs,
  flags: packFlags
})

/**
 * `wa-admin stickers …` (Vonage only).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = commandGroup({
  name: "stickers",
  description: "Vonage: a deployment's stickerpacks and their stickers.",
  extension: true,
  commands: [
    packs,
    ["list", "List the stickers of a stickerpack. Under --json: one sticker per line."],
    ["get", "Show a sticker: its media ids and emojis."],
    ["create", "Add a sticker to a third-party stickerpack; prints its index."],
    ["delete", (stickers) => stickers.remove, "Remove a sticker from its third-party stickerpack."]
  ],
  programs,
  flags: stickerFlags
})
