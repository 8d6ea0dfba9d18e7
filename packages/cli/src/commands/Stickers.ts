/**
 * `wa-admin stickers …` — Vonage's stickerpacks and stickers of a deployment (the
 * `VonageStickers` extension): `stickers packs list|get|create` and
 * `stickers list|get|create|delete`. Any other provider answers `Unsupported`.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as GlobalOptions from "../GlobalOptions.js"
import { lazy } from "./internal.js"

const programs = lazy(() => import("../programs/Stickers.js"))

const deploymentId = Options.text("deployment-id").pipe(
  Options.withDescription("The deployment id (the registration id `numbers provision` printed).")
)

const stickerpackId = Options.text("stickerpack-id").pipe(
  Options.withDescription("The stickerpack's id (as `stickers packs list` or `stickers packs create` printed it).")
)

const index = Options.text("index").pipe(
  Options.withPseudoName("n"),
  Options.withDescription("The sticker's index in its pack (as `stickers list` or `stickers create` printed it).")
)

const packsListFlags = {
  ...GlobalOptions.options,
  deploymentId,
  firstParty: Options.boolean("first-party").pipe(
    Options.withDescription(
      "List WhatsApp's own (first-party) stickerpacks instead of the deployment's third-party ones."
    )
  )
}

/** The flags of `stickers packs list`, parsed. */
export type PacksList = Command.Command.ParseConfig<typeof packsListFlags>

const packsList = Command.make("list", packsListFlags, programs((stickers) => stickers.packsList)).pipe(
  Command.withDescription(
    "List a deployment's stickerpacks (WhatsApp's own with --first-party). Under --json: one pack per line."
  )
)

const byPack = { ...GlobalOptions.options, deploymentId, stickerpackId }

/** The flags of `stickers packs get` and `stickers list`, parsed. */
export type ByPack = Command.Command.ParseConfig<typeof byPack>

const packsGet = Command.make("get", byPack, programs((stickers) => stickers.packsGet)).pipe(
  Command.withDescription("Show a stickerpack: its name, publisher and store links.")
)

const packsCreateFlags = {
  ...GlobalOptions.options,
  deploymentId,
  publisher: Options.text("publisher").pipe(
    Options.withPseudoName("name"),
    Options.withDescription("The name of the stickerpack's publisher.")
  ),
  name: Options.text("name").pipe(
    Options.withPseudoName("name"),
    Options.withDescription("The name of the stickerpack.")
  ),
  iosAppStoreLink: Options.text("ios-app-store-link").pipe(
    Options.withPseudoName("url"),
    Options.withDescription("The pack in the Apple App Store: https://itunes.apple.com/app/idXXXXXXXXX."),
    Options.optional
  ),
  androidAppStoreLink: Options.text("android-app-store-link").pipe(
    Options.withPseudoName("url"),
    Options.withDescription("The pack in Google Play: https://play.google.com/store/apps/details?id=com.example."),
    Options.optional
  )
}

/** The flags of `stickers packs create`, parsed. */
export type PacksCreate = Command.Command.ParseConfig<typeof packsCreateFlags>

const packsCreate = Command.make("create", packsCreateFlags, programs((stickers) => stickers.packsCreate)).pipe(
  Command.withDescription("Create a third-party stickerpack on a deployment; prints its id.")
)

const packs = Command.make("packs").pipe(
  Command.withDescription("List, read and create stickerpacks."),
  Command.withSubcommands([packsList, packsGet, packsCreate])
)

const list = Command.make("list", byPack, programs((stickers) => stickers.list)).pipe(
  Command.withDescription("List the stickers of a stickerpack. Under --json: one sticker per line.")
)

const bySticker = { ...GlobalOptions.options, deploymentId, stickerpackId, index }

/** The flags of `stickers get` and `stickers delete`, parsed. */
export type BySticker = Command.Command.ParseConfig<typeof bySticker>

const get = Command.make("get", bySticker, programs((stickers) => stickers.get)).pipe(
  Command.withDescription("Show a sticker: its media ids and emojis.")
)

const createFlags = {
  ...GlobalOptions.options,
  deploymentId,
  stickerpackId,
  imageDataId: Options.text("image-data-id").pipe(
    Options.withDescription("The media id of the sticker's image (e.g. from an upload).")
  ),
  emojis: Options.text("emoji").pipe(
    Options.withPseudoName("emoji"),
    Options.withDescription("An emoji the sticker expresses (repeatable, e.g. --emoji 🐥 --emoji 😃)."),
    Options.repeated
  )
}

/** The flags of `stickers create`, parsed. */
export type Create = Command.Command.ParseConfig<typeof createFlags>

const create = Command.make("create", createFlags, programs((stickers) => stickers.create)).pipe(
  Command.withDescription("Add a sticker to a third-party stickerpack; prints its index.")
)

const remove = Command.make("delete", bySticker, programs((stickers) => stickers.remove)).pipe(
  Command.withDescription("Remove a sticker from its third-party stickerpack.")
)

/**
 * `wa-admin stickers …` (Vonage only).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("stickers").pipe(
  Command.withDescription(
    "Vonage: a deployment's stickerpacks and their stickers. Other providers answer Unsupported (exit 10)."
  ),
  Command.withSubcommands([packs, list, get, create, remove])
)
