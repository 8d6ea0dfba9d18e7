/**
 * What `wa-admin stickers …` does once its flags are parsed (loaded when one of them runs; the
 * Vonage adapter is loaded only when the chosen provider is Vonage).
 *
 * @since 0.1.0
 */
import { VonageAdmin, VonageProvider, VonageStickers } from "@wa-admin/vonage"
import { Effect, Stream } from "effect"
import type * as Stickers from "../commands/Stickers.js"
import * as Extension from "../internal/extension.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"
import { compact } from "./internal.js"

const extension = Extension.make({
  provider: VonageProvider,
  module: { VonageStickers },
  layer: VonageAdmin.layerConfig
})

const origin = (operation: VonageStickers.Operation) => ({ provider: "vonage", operation: `stickers.${operation}` })

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

/**
 * `wa-admin stickers packs list`
 *
 * @since 0.1.0
 * @category programs
 */
export const packsList = (config: Stickers.PacksList) =>
  Extension.run(extension, config, "stickers.packs.list", ({ VonageStickers }) =>
    Effect.gen(function*() {
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

/**
 * `wa-admin stickers packs get`
 *
 * @since 0.1.0
 * @category programs
 */
export const packsGet = (config: Stickers.ByPack) =>
  Extension.run(extension, config, "stickers.packs.get", ({ VonageStickers }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(VonageStickers.StickerpackRequest, origin("getStickerpack"))({
        deploymentId: config.deploymentId,
        stickerpackId: config.stickerpackId
      })
      const pack = yield* VonageStickers.getStickerpack(request)
      yield* Output.value(VonageStickers.Stickerpack, pack, renderPack)
    }))

/**
 * `wa-admin stickers packs create`
 *
 * @since 0.1.0
 * @category programs
 */
export const packsCreate = (config: Stickers.PacksCreate) =>
  Extension.run(extension, config, "stickers.packs.create", ({ VonageStickers }) =>
    Effect.gen(function*() {
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

/**
 * `wa-admin stickers list`
 *
 * @since 0.1.0
 * @category programs
 */
export const list = (config: Stickers.ByPack) =>
  Extension.run(extension, config, "stickers.list", ({ VonageStickers }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(VonageStickers.StickerpackRequest, origin("listStickers"))({
        deploymentId: config.deploymentId,
        stickerpackId: config.stickerpackId
      })
      const stickers = yield* VonageStickers.listStickers(request)
      yield* Extension.table(
        Stream.fromIterable(stickers),
        VonageStickers.StickerSummary,
        stickerColumns,
        "(no stickers)"
      )
    }))

/**
 * `wa-admin stickers get`
 *
 * @since 0.1.0
 * @category programs
 */
export const get = (config: Stickers.BySticker) =>
  Extension.run(extension, config, "stickers.get", ({ VonageStickers }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(VonageStickers.StickerRequest, origin("getSticker"))({
        deploymentId: config.deploymentId,
        stickerpackId: config.stickerpackId,
        index: config.index
      })
      const sticker = yield* VonageStickers.getSticker(request)
      yield* Output.value(VonageStickers.Sticker, sticker, renderSticker)
    }))

/**
 * `wa-admin stickers create`
 *
 * @since 0.1.0
 * @category programs
 */
export const create = (config: Stickers.Create) =>
  Extension.run(extension, config, "stickers.create", ({ VonageStickers }) =>
    Effect.gen(function*() {
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

/**
 * `wa-admin stickers delete`
 *
 * @since 0.1.0
 * @category programs
 */
export const remove = (config: Stickers.BySticker) =>
  Extension.run(extension, config, "stickers.delete", ({ VonageStickers }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(VonageStickers.StickerRequest, origin("deleteSticker"))({
        deploymentId: config.deploymentId,
        stickerpackId: config.stickerpackId,
        index: config.index
      })
      yield* VonageStickers.deleteSticker(request)
      yield* Output.text(`Sticker ${request.index} deleted from stickerpack ${request.stickerpackId}.`)
    }))
