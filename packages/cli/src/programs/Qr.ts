/**
 * What `wa-admin qr …` does once its flags are parsed (loaded when one of them runs; the Meta
 * adapter is loaded only when the chosen provider is Meta).
 *
 * @since 0.2.0
 */
import type { AdminError } from "@wa-admin/core"
import { MetaProvider, MetaQrCodes } from "@wa-admin/meta"
import { DateTime, Effect, Option, type Schema } from "effect"
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

/** A command that sends its flags' request and shows the code the provider answers. */
const showing = <Operation extends "get" | "create" | "update", A, I>(
  operation: Operation,
  schema: (module: typeof meta.module) => Schema.Schema<A, I>,
  call: (qr: MetaQrCodes.Service) => (request: I) => Effect.Effect<QrCode, AdminError.AdminError>
) =>
  command(
    `qr.${operation}`,
    operation,
    schema,
    (config: Qr.Flags[Operation]) => fields(config),
    (qr, request) => Extension.shown(call(qr)(request), MetaQrCodes.QrCode, render)
  )

/**
 * `wa-admin qr get`
 *
 * @since 0.2.0
 * @category programs
 */
export const get = showing("get", (module) => module.MetaQrCodes.GetRequest, (qr) => qr.get)

/**
 * `wa-admin qr create`
 *
 * @since 0.2.0
 * @category programs
 */
export const create = showing("create", (module) => module.MetaQrCodes.CreateRequest, (qr) => qr.create)

/**
 * `wa-admin qr update`
 *
 * @since 0.2.0
 * @category programs
 */
export const update = showing("update", (module) => module.MetaQrCodes.UpdateRequest, (qr) => qr.update)

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
