/**
 * What `wa-admin qr …` does once its flags are parsed (loaded when one of them runs; the Meta
 * adapter is loaded only when the chosen provider is Meta).
 *
 * @since 0.2.0
 */
import { MetaProvider, MetaQrCodes } from "@wa-admin/meta"
import { DateTime, Effect, Schema } from "effect"
import type * as Qr from "../commands/Qr.js"
import * as Extension from "../internal/extension.js"
import * as MetaLayer from "../internal/meta.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"
import { compact } from "./internal.js"

const meta = Extension.make({ provider: MetaProvider, module: { MetaQrCodes }, layer: MetaLayer.layer })

const origin = (operation: string) => ({ provider: "meta", operation: `qr.${operation}` })

/**
 * The JSON form of a QR code.
 *
 * @since 0.2.0
 * @category schemas
 */
export const QrCodeJson = Schema.Struct({
  code: Schema.String,
  prefilledMessage: Schema.String,
  deepLinkUrl: Schema.String,
  imageUrl: Schema.optional(Schema.String),
  createdAt: Schema.optional(Schema.DateTimeUtc)
})

type QrCode = typeof QrCodeJson.Type

const render = (qr: QrCode): string =>
  Render.fields([
    ["code", qr.code],
    ["message", qr.prefilledMessage],
    ["deep link", qr.deepLinkUrl],
    ["image", qr.imageUrl],
    ["created", qr.createdAt === undefined ? undefined : DateTime.formatIso(qr.createdAt)]
  ])

const withService = <A, E, R>(use: (service: MetaQrCodes.Service) => Effect.Effect<A, E, R>) =>
  Effect.flatMap(MetaQrCodes.MetaQrCodes, use)

/**
 * `wa-admin qr list`
 *
 * @since 0.2.0
 * @category programs
 */
export const list = (config: Qr.List) =>
  Extension.run(meta, config, "qr.list", ({ MetaQrCodes }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(MetaQrCodes.ListRequest, origin("list"))(
        compact({
          phoneNumberId: Extension.optional(config.number),
          imageFormat: Extension.optional(config.imageFormat)
        })
      )
      const service = yield* MetaQrCodes.MetaQrCodes
      yield* Extension.table(
        service.list(request),
        QrCodeJson,
        Render.columns<QrCode>([
          { title: "CODE", width: 16, value: (qr) => qr.code },
          { title: "DEEP LINK", width: 36, value: (qr) => qr.deepLinkUrl },
          { title: "MESSAGE", width: 0, value: (qr) => qr.prefilledMessage }
        ]),
        "(no QR codes)"
      )
    }))

/**
 * `wa-admin qr get`
 *
 * @since 0.2.0
 * @category programs
 */
export const get = (config: Qr.Get) =>
  Extension.run(meta, config, "qr.get", ({ MetaQrCodes }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(MetaQrCodes.GetRequest, origin("get"))(
        compact({
          phoneNumberId: Extension.optional(config.number),
          code: config.code,
          imageFormat: Extension.optional(config.imageFormat)
        })
      )
      yield* Output.value(QrCodeJson, yield* withService((service) => service.get(request)), render)
    }))

/**
 * `wa-admin qr create`
 *
 * @since 0.2.0
 * @category programs
 */
export const create = (config: Qr.Create) =>
  Extension.run(meta, config, "qr.create", ({ MetaQrCodes }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(MetaQrCodes.CreateRequest, origin("create"))(
        compact({
          phoneNumberId: Extension.optional(config.number),
          prefilledMessage: config.message,
          imageFormat: Extension.optional(config.imageFormat)
        })
      )
      yield* Output.value(QrCodeJson, yield* withService((service) => service.create(request)), render)
    }))

/**
 * `wa-admin qr update`
 *
 * @since 0.2.0
 * @category programs
 */
export const update = (config: Qr.Update) =>
  Extension.run(meta, config, "qr.update", ({ MetaQrCodes }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(MetaQrCodes.UpdateRequest, origin("update"))(
        compact({
          phoneNumberId: Extension.optional(config.number),
          code: config.code,
          prefilledMessage: config.message
        })
      )
      yield* Output.value(QrCodeJson, yield* withService((service) => service.update(request)), render)
    }))

/**
 * `wa-admin qr delete`
 *
 * @since 0.2.0
 * @category programs
 */
export const remove = (config: Qr.Delete) =>
  Extension.run(meta, config, "qr.delete", ({ MetaQrCodes }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(MetaQrCodes.DeleteRequest, origin("delete"))(
        compact({ phoneNumberId: Extension.optional(config.number), code: config.code })
      )
      yield* withService((service) => service.delete(request))
      yield* Output.text(`QR code ${request.code} deleted.`)
    }))
