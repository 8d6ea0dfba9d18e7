/**
 * What `wa-admin qr …` does once its flags are parsed (loaded when one of them runs; the Meta
 * adapter is loaded only when the chosen provider is Meta).
 *
 * @since 0.2.0
 */
import { MetaProvider, MetaQrCodes } from "@wa-admin/meta"
import { DateTime, Effect } from "effect"
import type * as Qr from "../commands/Qr.js"
import * as Extension from "../internal/extension.js"
import * as MetaLayer from "../internal/meta.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"

const meta = Extension.make({ provider: MetaProvider, module: { MetaQrCodes }, layer: MetaLayer.layer })

const command = Extension.commands(meta, "qr")

type QrCode = MetaQrCodes.QrCode

const render = (qr: QrCode): string =>
  Render.fields([
    ["code", qr.code],
    ["message", qr.prefilledMessage],
    ["deep link", qr.deepLinkUrl],
    ["image", qr.imageUrl],
    ["created", qr.createdAt === undefined ? undefined : DateTime.formatIso(qr.createdAt)]
  ])

const withService = Extension.using(MetaQrCodes.MetaQrCodes)

const show = <E, R>(qr: (service: MetaQrCodes.Service) => Effect.Effect<QrCode, E, R>) =>
  Effect.flatMap(withService(qr), (code) => Output.value(MetaQrCodes.QrCode, code, render))

/**
 * `wa-admin qr list`
 *
 * @since 0.2.0
 * @category programs
 */
export const list = command(
  "qr.list",
  "list",
  (module) => module.MetaQrCodes.ListRequest,
  (config: Qr.Flags["list"]) => ({ phoneNumberId: config.number, imageFormat: config.imageFormat }),
  ({ MetaQrCodes }, request) =>
    withService((service) =>
      Extension.table(
        service.list(request),
        MetaQrCodes.QrCode,
        Render.columns<QrCode>([
          { title: "CODE", width: 16, value: (qr) => qr.code },
          { title: "DEEP LINK", width: 36, value: (qr) => qr.deepLinkUrl },
          { title: "MESSAGE", width: 0, value: (qr) => qr.prefilledMessage }
        ]),
        "(no QR codes)"
      )
    )
)

/**
 * `wa-admin qr get`
 *
 * @since 0.2.0
 * @category programs
 */
export const get = command(
  "qr.get",
  "get",
  (module) => module.MetaQrCodes.GetRequest,
  (config: Qr.Flags["get"]) => ({ phoneNumberId: config.number, code: config.code, imageFormat: config.imageFormat }),
  (_, request) => show((service) => service.get(request))
)

/**
 * `wa-admin qr create`
 *
 * @since 0.2.0
 * @category programs
 */
export const create = command(
  "qr.create",
  "create",
  (module) => module.MetaQrCodes.CreateRequest,
  (config: Qr.Flags["create"]) => ({
    phoneNumberId: config.number,
    prefilledMessage: config.message,
    imageFormat: config.imageFormat
  }),
  (_, request) => show((service) => service.create(request))
)

/**
 * `wa-admin qr update`
 *
 * @since 0.2.0
 * @category programs
 */
export const update = command(
  "qr.update",
  "update",
  (module) => module.MetaQrCodes.UpdateRequest,
  (config: Qr.Flags["update"]) => ({
    phoneNumberId: config.number,
    code: config.code,
    prefilledMessage: config.message
  }),
  (_, request) => show((service) => service.update(request))
)

/**
 * `wa-admin qr delete`
 *
 * @since 0.2.0
 * @category programs
 */
export const remove = command(
  "qr.delete",
  "delete",
  (module) => module.MetaQrCodes.DeleteRequest,
  (config: Qr.Flags["delete"]) => ({ phoneNumberId: config.number, code: config.code }),
  (_, request) => Extension.done(withService((service) => service.delete(request)), `QR code ${request.code} deleted.`)
)
