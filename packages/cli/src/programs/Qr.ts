/**
 * What `wa-admin qr …` does once its flags are parsed (loaded when one of them runs; the Meta
 * adapter is loaded only when the chosen provider is Meta).
 *
 * @since 0.2.0
 */
import { MetaProvider, MetaQrCodes } from "@wa-admin/meta"
import { DateTime, Effect, Option } from "effect"
import type * as Qr from "../commands/Qr.js"
import * as Extension from "../internal/extension.js"
import * as MetaLayer from "../internal/meta.js"
import * as Render from "../Render.js"

const meta = Extension.make({ provider: MetaProvider, module: { MetaQrCodes }, layer: MetaLayer.layer })

const command = Extension.serviceCommands(meta, "qr", MetaQrCodes.MetaQrCodes)

type QrCode = MetaQrCodes.QrCode

const render = (qr: QrCode): string =>
  Render.fields([
    ["code", qr.code],
    ["message", qr.prefilledMessage],
    ["deep link", qr.deepLinkUrl],
    ["image", qr.imageUrl],
    ["created", qr.createdAt === undefined ? undefined : DateTime.formatIso(qr.createdAt)]
  ])

/**
 * The request fields the `qr` flags give (`--number` is `phoneNumberId`, `--message`
 * `prefilledMessage`); those a command does not have are left out.
 */
const fields = (config: {
  readonly number: Option.Option<string>
  readonly code?: string
  readonly message?: string
  readonly imageFormat?: Option.Option<"PNG" | "SVG">
}) => ({
  phoneNumberId: config.number,
  code: config.code,
  prefilledMessage: config.message,
  imageFormat: config.imageFormat
})

const show = <E, R>(qr: Effect.Effect<QrCode, E, R>) => Extension.shown(qr, MetaQrCodes.QrCode, render)

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
  (config: Qr.Flags["list"]) => fields(config),
  (qr, request) =>
    Extension.table(
      qr.list(request),
      MetaQrCodes.QrCode,
      Render.columns<QrCode>([
        { title: "CODE", width: 16, value: (code) => code.code },
        { title: "DEEP LINK", width: 36, value: (code) => code.deepLinkUrl },
        { title: "MESSAGE", width: 0, value: (code) => code.prefilledMessage }
      ]),
      "(no QR codes)"
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
  (config: Qr.Flags["get"]) => fields(config),
  (qr, request) => show(qr.get(request))
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
  (config: Qr.Flags["create"]) => fields(config),
  (qr, request) => show(qr.create(request))
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
  (config: Qr.Flags["update"]) => fields(config),
  (qr, request) => show(qr.update(request))
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
  (config: Qr.Flags["delete"]) => fields(config),
  (qr, request) => Extension.done(qr.delete(request), `QR code ${request.code} deleted.`)
)
