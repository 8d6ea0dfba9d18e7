/**
 * `wa-admin stickers …` — Vonage's stickerpacks and stickers of a deployment (the
 * `VonageStickers` extension): `stickers packs list|get|create` and
 * `stickers list|get|create|delete`. Any other provider answers `Unsupported`.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { VonageStickers } from "@wa-admin/vonage"
import { Effect, Stream } from "effect"
import * as GlobalOptions from "../GlobalOptions.js"
import * as Extension from "../internal/extension.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"
import { compact, groupHandler } from "./internal.js"

const extension = Extension.vonage<VonageStickers.VonageStickers>(({ VonageStickers }) => VonageStickers.layer)

const origin = (operation: VonageStickers.Operation) => ({ provider: "vonage", operation: `stickers.${operation}` })

const deploymentId = Options.text("deployment-id").pipe(
  Options.withDescription("The deployment id (the registration id `numbers provision` printed).")
)

const stickerpackId = Options.text("stickerpack-id").pipe(
  Options.withDescription("The stickerpack's id (as `stickers packs list` or `stickers packs create` printed it).")
)

const index = Options.text("index").pipe(
  Options.withDescription("The sticker's index in its pack (as `stickers list` or `stickers create` printed it).")
)

const packColumns = Render.columns<VonageStickers.StickerpackSummary>([
  { title: "STICKERPACK ID", width: 0, value: (pack) => pack.id }
])

const stickerColumns = Render.columns<VonageStickers.StickerSummary>([
  { title: "INDEX", width: 0, value: (sticker) => sticker.index }
])

const renderPack = (pack: VonageStickers.Stickerpack): string =>
  Render.fields([
    ["stickerpack id", pack.id],
    ["name", pack.name],
    ["publisher", pack.publisher],
    ["App Store", pack.iosAppStoreLink],
    ["Google Play", pack.androidAppStoreLink]
  ])

const renderSticker = (sticker: VonageStickers.Sticker): string =>
  Render.fields([
    ["index", sticker.index],
    ["media id", sticker.id],
    ["image media id", sticker.imageDataId],
    ["emojis", sticker.emojis.join(" ")]
  ])

const packsList = Command.make(
  "list",
  {
    ...GlobalOptions.options,
    deploymentId,
    firstParty: Options.boolean("first-party").pipe(
      Options.withDescription("List WhatsApp's own (first-party) stickerpacks instead of the deployment's third-party ones.")
    )
  },
  (config) =>
    Extension.run(extension, config, "stickers.packs.list", ({ VonageStickers }) =>
      Effect.gen(function* () {
        const operation = config.firstParty ? "listWhatsAppStickerpacks" : "listStickerpacks"
        const request = yield* Extension.input(VonageStickers.DeploymentRequest, origin(operation))({
          deploymentId: config.deploymentId
        })
        const packs = yield* VonageStickers[operation](request)
        yield* Extension.table(
          Stream.fromIterable(packs),
          VonageStickers.StickerpackSummary,
          packColumns,
          "(no stickerpacks)"
        )
      }))
).pipe(
  Command.withDescription(
    "List a deployment's third-party stickerpacks, or WhatsApp's own with --first-party (under --json: one pack per line)."
  )
)

const packsGet = Command.make("get", { ...GlobalOptions.options, deploymentId, stickerpackId }, (config) =>
  Extension.run(extension, config, "stickers.packs.get", ({ VonageStickers }) =>
    Effect.gen(function* () {
      const request = yield* Extension.input(VonageStickers.StickerpackRequest, origin("getStickerpack"))({
        deploymentId: config.deploymentId,
        stickerpackId: config.stickerpackId
      })
      const pack = yield* VonageStickers.getStickerpack(request)
      yield* Output.value(VonageStickers.Stickerpack, pack, renderPack)
    }))).pipe(Command.withDescription("Show a stickerpack: its name, publisher and store links."))

const packsCreate = Command.make(
  "create",
  {
    ...GlobalOptions.options,
    deploymentId,
    publisher: Options.text("publisher").pipe(Options.withDescription("The name of the stickerpack's publisher.")),
    name: Options.text("name").pipe(Options.withDescription("The name of the stickerpack.")),
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
  },
  (config) =>
    Extension.run(extension, config, "stickers.packs.create", ({ VonageStickers }) =>
      Effect.gen(function* () {
        const request = yield* Extension.input(VonageStickers.CreateStickerpackRequest, origin("createStickerpack"))(
          compact({
            deploymentId: config.deploymentId,
            publisher: config.publisher,
            name: config.name,
            iosAppStoreLink: Extension.optional(config.iosAppStoreLink),
            androidAppStoreLink: Extension.optional(config.androidAppStoreLink)
          })
        )
        const pack = yield* VonageStickers.createStickerpack(request)
        yield* Output.value(VonageStickers.StickerpackSummary, pack, (created) =>
          Render.fields([["stickerpack id", created.id]]))
      }))
).pipe(Command.withDescription("Create a third-party stickerpack on a deployment; prints its id."))

const packs = Command.make("packs", {}, groupHandler("stickers packs", ["list", "get", "create"])).pipe(
  Command.withDescription("List, read and create stickerpacks."),
  Command.withSubcommands([packsList, packsGet, packsCreate])
)

const list = Command.make("list", { ...GlobalOptions.options, deploymentId, stickerpackId }, (config) =>
  Extension.run(extension, config, "stickers.list", ({ VonageStickers }) =>
    Effect.gen(function* () {
      const request = yield* Extension.input(VonageStickers.StickerpackRequest, origin("listStickers"))({
        deploymentId: config.deploymentId,
        stickerpackId: config.stickerpackId
      })
      const stickers = yield* VonageStickers.listStickers(request)
      yield* Extension.table(Stream.fromIterable(stickers), VonageStickers.StickerSummary, stickerColumns, "(no stickers)")
    }))).pipe(Command.withDescription("List the stickers of a stickerpack (under --json: one sticker per line)."))

const get = Command.make("get", { ...GlobalOptions.options, deploymentId, stickerpackId, index }, (config) =>
  Extension.run(extension, config, "stickers.get", ({ VonageStickers }) =>
    Effect.gen(function* () {
      const request = yield* Extension.input(VonageStickers.StickerRequest, origin("getSticker"))({
        deploymentId: config.deploymentId,
        stickerpackId: config.stickerpackId,
        index: config.index
      })
      const sticker = yield* VonageStickers.getSticker(request)
      yield* Output.value(VonageStickers.Sticker, sticker, renderSticker)
    }))).pipe(Command.withDescription("Show a sticker: its media ids and emojis."))

const create = Command.make(
  "create",
  {
    ...GlobalOptions.options,
    deploymentId,
    stickerpackId,
    imageDataId: Options.text("image-data-id").pipe(
      Options.withDescription("The media id of the sticker's image (e.g. from an upload).")
    ),
    emojis: Options.text("emoji").pipe(
      Options.withDescription("An emoji the sticker expresses (repeatable, e.g. --emoji 🐥 --emoji 😃)."),
      Options.repeated
    )
  },
  (config) =>
    Extension.run(extension, config, "stickers.create", ({ VonageStickers }) =>
      Effect.gen(function* () {
        const request = yield* Extension.input(VonageStickers.CreateStickerRequest, origin("createSticker"))(
          compact({
            deploymentId: config.deploymentId,
            stickerpackId: config.stickerpackId,
            imageDataId: config.imageDataId,
            emojis: Extension.nonEmpty(config.emojis)
          })
        )
        const sticker = yield* VonageStickers.createSticker(request)
        yield* Output.value(VonageStickers.StickerSummary, sticker, (created) =>
          Render.fields([["sticker index", created.index]]))
      }))
).pipe(Command.withDescription("Add a sticker to a third-party stickerpack; prints its index."))

const remove = Command.make("delete", { ...GlobalOptions.options, deploymentId, stickerpackId, index }, (config) =>
  Extension.run(extension, config, "stickers.delete", ({ VonageStickers }) =>
    Effect.gen(function* () {
      const request = yield* Extension.input(VonageStickers.StickerRequest, origin("deleteSticker"))({
        deploymentId: config.deploymentId,
        stickerpackId: config.stickerpackId,
        index: config.index
      })
      yield* VonageStickers.deleteSticker(request)
      yield* Output.text(`Sticker ${request.index} deleted from stickerpack ${request.stickerpackId}.`)
    }))).pipe(Command.withDescription("Remove a sticker from its third-party stickerpack."))

/**
 * `wa-admin stickers …` (Vonage only).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make(
  "stickers",
  {},
  groupHandler("stickers", ["packs list", "packs get", "packs create", "list", "get", "create", "delete"])
).pipe(
  Command.withDescription(
    "Vonage only: a deployment's stickerpacks and their stickers (other providers answer Unsupported, exit 10)."
  ),
  Command.withSubcommands([packs, list, get, create, remove])
)
