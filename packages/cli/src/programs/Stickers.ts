/**
 * What `wa-admin stickers …` does once its flags are parsed (loaded when one of them runs; the
 * Vonage adapter is loaded only when the chosen provider is Vonage).
 *
 * @since 0.1.0
 */
import { VonageAdmin, VonageProvider, VonageStickers } from "@wa-admin/vonage"
import type * as Stickers from "../commands/Stickers.js"
import * as Extension from "../internal/extension.js"
import * as Render from "../Render.js"

const extension = Extension.make({
  provider: VonageProvider,
  module: { VonageStickers },
  layer: VonageAdmin.layerConfig
})

const command = Extension.commands(extension, "stickers")

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

const byPack = (config: Stickers.PackFlags["get"]) => ({
  deploymentId: config.deploymentId,
  stickerpackId: config.stickerpackId
})

const bySticker = (config: Stickers.Flags["get"]) => ({ ...byPack(config), index: config.index })

/**
 * `wa-admin stickers packs list`
 *
 * @since 0.1.0
 * @category programs
 */
export const packsList = (config: Stickers.PackFlags["list"]) => {
  const operation = config.firstParty ? "listWhatsAppStickerpacks" : "listStickerpacks"
  return command(
    "stickers.packs.list",
    operation,
    (module) => module.VonageStickers.DeploymentRequest,
    (config: Stickers.PackFlags["list"]) => ({ deploymentId: config.deploymentId }),
    ({ VonageStickers }, request) =>
      Extension.listed(
        VonageStickers[operation](request),
        VonageStickers.StickerpackSummary,
        packColumns,
        "(no stickerpacks)"
      )
  )(config)
}

/**
 * `wa-admin stickers packs get`
 *
 * @since 0.1.0
 * @category programs
 */
export const packsGet = command(
  "stickers.packs.get",
  "getStickerpack",
  (module) => module.VonageStickers.StickerpackRequest,
  byPack,
  ({ VonageStickers }, request) =>
    Extension.shown(VonageStickers.getStickerpack(request), VonageStickers.Stickerpack, renderPack)
)

/**
 * `wa-admin stickers packs create`
 *
 * @since 0.1.0
 * @category programs
 */
export const packsCreate = command(
  "stickers.packs.create",
  "createStickerpack",
  (module) => module.VonageStickers.CreateStickerpackRequest,
  (config: Stickers.PackFlags["create"]) => ({
    deploymentId: config.deploymentId,
    publisher: config.publisher,
    name: config.name,
    iosAppStoreLink: config.iosAppStoreLink,
    androidAppStoreLink: config.androidAppStoreLink
  }),
  ({ VonageStickers }, request) =>
    Extension.shown(
      VonageStickers.createStickerpack(request),
      VonageStickers.StickerpackSummary,
      (created) => Render.fields([["stickerpack id", created.id]])
    )
)

/**
 * `wa-admin stickers list`
 *
 * @since 0.1.0
 * @category programs
 */
export const list = command(
  "stickers.list",
  "listStickers",
  (module) => module.VonageStickers.StickerpackRequest,
  byPack,
  ({ VonageStickers }, request) =>
    Extension.listed(
      VonageStickers.listStickers(request),
      VonageStickers.StickerSummary,
      stickerColumns,
      "(no stickers)"
    )
)

/**
 * `wa-admin stickers get`
 *
 * @since 0.1.0
 * @category programs
 */
export const get = command(
  "stickers.get",
  "getSticker",
  (module) => module.VonageStickers.StickerRequest,
  bySticker,
  ({ VonageStickers }, request) =>
    Extension.shown(VonageStickers.getSticker(request), VonageStickers.Sticker, renderSticker)
)

/**
 * `wa-admin stickers create`
 *
 * @since 0.1.0
 * @category programs
 */
export const create = command(
  "stickers.create",
  "createSticker",
  (module) => module.VonageStickers.CreateStickerRequest,
  (config: Stickers.Flags["create"]) => ({
    ...byPack(config),
    imageDataId: config.imageDataId,
    emojis: Extension.nonEmpty(config.emojis)
  }),
  ({ VonageStickers }, request) =>
    Extension.shown(
      VonageStickers.createSticker(request),
      VonageStickers.StickerSummary,
      (created) => Render.fields([["sticker index", created.index]])
    )
)

/**
 * `wa-admin stickers delete`
 *
 * @since 0.1.0
 * @category programs
 */
export const remove = command(
  "stickers.delete",
  "deleteSticker",
  (module) => module.VonageStickers.StickerRequest,
  bySticker,
  ({ VonageStickers }, request) =>
    Extension.done(
      VonageStickers.deleteSticker(request),
      `Sticker ${request.index} deleted from stickerpack ${request.stickerpackId}.`
    )
)
