/**
 * Meta extension: the message QR codes of a number (`/{Phone-Number-ID}/message_qrdls`) — a code
 * opens a chat with the number, its message pre-filled. List them (newest first), create one,
 * change a code's message, read one, delete one; ask for the image URL in PNG or SVG. The number
 * defaults to `META_PHONE_NUMBER_ID`.
 *
 * @example
 * import { MetaQrCodes } from "@wa-admin/meta"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const qr = yield* MetaQrCodes.create({ prefilledMessage: "Show me today's offers", imageFormat: "SVG" })
 *   yield* MetaQrCodes.update({ code: qr.code, prefilledMessage: "Show me this week's offers" })
 * })
 *
 * @since 0.1.0
 */
import type { AdminError } from "@wa-admin/core"
import { Accessors } from "@wa-admin/core/adapter"
import { Context, Effect, Layer, Schema, Stream } from "effect"
import * as Endpoints from "./internal/endpoints.js"
import { operationsOn } from "./internal/service.js"
import * as Wire from "./internal/wire.js"
import { MetaClient } from "./MetaClient.js"
import type { Service as ClientService } from "./MetaClient.js"
import type { QrCode } from "./MetaModels.js"

export {
  /**
   * A message QR code: its code, pre-filled message, `wa.me` link and, when asked for, image URL.
   *
   * @since 0.1.0
   * @category models
   */
  QrCode
} from "./MetaModels.js"

/**
 * The longest pre-filled message: 140 characters (the document's).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxPrefilledMessageLength = 140

/**
 * The most codes a listing page holds (the document's default and maximum).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxPageSize = 25

const PrefilledMessage = Schema.String.pipe(
  Schema.filter((message) => message.trim().length > 0 || "must not be empty"),
  Schema.filter((message) =>
    message.length <= maxPrefilledMessageLength || `must be at most ${maxPrefilledMessageLength} characters`
  )
)

/**
 * The format of a code's image.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ImageFormat = Schema.Literal("PNG", "SVG")

const phoneNumberId = Schema.optional(Wire.PhoneNumberId)

/**
 * The codes of a number, with their image URLs in `imageFormat` when given.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListRequest = Schema.Struct({
  phoneNumberId,
  imageFormat: Schema.optional(ImageFormat),
  pageSize: Schema.optional(
    Schema.Int.pipe(
      Schema.between(1, maxPageSize, { message: () => `must be a whole number from 1 to ${maxPageSize}` })
    )
  )
})

/**
 * @since 0.1.0
 * @category requests
 */
export const GetRequest = Schema.Struct({
  phoneNumberId,
  code: Wire.QrCodeId,
  imageFormat: Schema.optional(ImageFormat)
})

/**
 * @since 0.1.0
 * @category requests
 */
export const CreateRequest = Schema.Struct({
  phoneNumberId,
  prefilledMessage: PrefilledMessage,
  imageFormat: Schema.optional(ImageFormat)
})

/**
 * @since 0.1.0
 * @category requests
 */
export const UpdateRequest = Schema.Struct({ phoneNumberId, code: Wire.QrCodeId, prefilledMessage: PrefilledMessage })

/**
 * @since 0.1.0
 * @category requests
 */
export const DeleteRequest = Schema.Struct({ phoneNumberId, code: Wire.QrCodeId })

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Every code of the number, newest first. */
  readonly list: (request?: typeof ListRequest.Encoded) => Stream.Stream<QrCode, AdminError.AdminError>
  readonly get: (request: typeof GetRequest.Encoded) => Effect.Effect<QrCode, AdminError.AdminError>
  /** A new code with its message (and its image URL in `imageFormat`). */
  readonly create: (request: typeof CreateRequest.Encoded) => Effect.Effect<QrCode, AdminError.AdminError>
  /** A new message for a code. */
  readonly update: (request: typeof UpdateRequest.Encoded) => Effect.Effect<QrCode, AdminError.AdminError>
  readonly delete: (request: typeof DeleteRequest.Encoded) => Effect.Effect<void, AdminError.AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class MetaQrCodes extends Context.Tag("@wa-admin/meta/MetaQrCodes")<MetaQrCodes, Service>() {}

/**
 * The service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): Service => {
  const onNumber = operationsOn(client, "phoneNumberId")
  const listPage = client.call(Endpoints.listQrCodes)
  const list = onNumber.pages(
    "qr.list",
    ListRequest,
    maxPageSize,
    (phoneNumberId, page, { imageFormat }) => listPage({ phoneNumberId, imageFormat, ...page })
  )
  const read = client.call(Endpoints.getQrCode)
  const create = client.call(Endpoints.createQrCode)
  const update = client.call(Endpoints.updateQrCode)
  const remove = client.call(Endpoints.deleteQrCode)
  return {
    list: (request) => list(request ?? {}),
    get: onNumber.make("qr.get", GetRequest, (request, number) => read({ ...request, phoneNumberId: number })),
    create: onNumber.make(
      "qr.create",
      CreateRequest,
      (request, number) => create({ ...request, phoneNumberId: number })
    ),
    update: onNumber.make(
      "qr.update",
      UpdateRequest,
      (request, number) => update({ ...request, phoneNumberId: number })
    ),
    delete: onNumber.make(
      "qr.delete",
      DeleteRequest,
      (request, number) => Effect.asVoid(remove({ ...request, phoneNumberId: number }))
    )
  }
}

/**
 * The `MetaQrCodes` service for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(MetaClient, fromClient)

/**
 * Provides `MetaQrCodes` for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(MetaQrCodes, make)

/**
 * The accessors: each method of the service in context (`MetaQrCodes.create({ phoneNumberId, prefilledMessage })`).
 *
 * @since 0.1.0
 * @category accessors
 */
export const { create, delete: remove, get, list, update } = Accessors.make(MetaQrCodes, ["list"])
