/**
 * Media (`POST /{Phone-Number-ID}/media` multipart, `GET` / `DELETE /{Media-ID}`) and Meta's
 * resumable upload, which the document does not describe (the facts):
 * `POST /{App-ID}/uploads?file_name&file_length&file_type` opens a session
 * `{ id: "upload:<id>" }`; `POST /upload:<id>` with a `file_offset` header and the bytes
 * appends them, and once the file is whole answers `{ h }`, the handle a profile picture or a
 * template's media header names. `GET /upload:<id>` answers where an interrupted upload
 * resumes (`{ id, file_offset }`).
 *
 * Where the document is silent the emulator takes Meta's media types (audio, documents, images,
 * stickers, video) and the resumable upload's file types (PDF, JPEG, PNG, MP4), and caps a file
 * at 100 MB. A media URL works for 5 minutes and needs the access token, as the document says.
 *
 * @internal
 */
import { Effect } from "effect"
import * as Crypto from "node:crypto"
import { randomKey } from "./assets.js"
import type { Action, Context } from "./context.js"
import type { Call, GraphError, Reply } from "./graph.js"
import { invalidParameter, ok, success } from "./graph.js"
import { formText, multipartBody } from "./input.js"
import type { Media, Upload } from "./state.js"
import { freshId, record, sha256 } from "./state.js"

/** The largest file the emulator takes. */
export const maxFileBytes = 100 * 1024 * 1024

/** How long a media URL works (the document: "The URL is only valid for 5 minutes"). */
const mediaUrlMillis = 5 * 60 * 1000

/** The media types Meta's Cloud API takes. */
export const mediaTypes = [
  "audio/aac",
  "audio/amr",
  "audio/mpeg",
  "audio/mp4",
  "audio/ogg",
  "text/plain",
  "application/pdf",
  "application/vnd.ms-powerpoint",
  "application/msword",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "image/jpeg",
  "image/png",
  "image/webp",
  "video/3gpp",
  "video/mp4"
]

/** The file types the resumable upload takes. */
export const uploadTypes = ["application/pdf", "image/jpeg", "image/jpg", "image/png", "video/mp4"]

const bareType = (type: string | undefined): string | undefined => type?.split(";")[0]?.trim().toLowerCase()

/** `POST /{Phone-Number-ID}/media`: `messaging_product=whatsapp`, the `file` part and its type (`type` or the part's). */
export const uploadMedia = (context: Context): Action<"phone"> => ({
  permissions: ["whatsapp_business_messaging"],
  handle: (call, phone) =>
    Effect.gen(function*() {
      const form = yield* multipartBody(call)
      if (formText(form, "messaging_product") !== "whatsapp") {
        return yield* Effect.fail(
          invalidParameter("(#100) The parameter messaging_product is required and must be whatsapp")
        )
      }
      const file = form.get("file")
      if (file?.bytes === undefined) {
        return yield* Effect.fail(invalidParameter("(#100) The parameter file is required"))
      }
      const type = bareType(formText(form, "type") ?? file.contentType)
      if (type === undefined || !mediaTypes.includes(type)) {
        return yield* Effect.fail(
          invalidParameter(`(#100) Param file must be a file with one of the following types: ${mediaTypes.join(", ")}`)
        )
      }
      if (file.bytes.length === 0 || file.bytes.length > maxFileBytes) {
        return yield* Effect.fail(invalidParameter("(#100) The file must have 1 byte to 100 MB"))
      }
      const media: Media = {
        kind: "media",
        id: freshId(context.state, 16),
        phoneNumberId: phone.id,
        mimeType: type,
        bytes: file.bytes,
        sha256: sha256(file.bytes),
        uploadedAt: call.now
      }
      context.state.nodes.set(media.id, media)
      record(context.state, "uploadMedia", media.id)
      return ok({ id: media.id })
    })
})

const ownedBy = (call: Call, media: Media): GraphError | undefined => {
  const phoneNumberId = call.query["phone_number_id"]
  return phoneNumberId === undefined || phoneNumberId === media.phoneNumberId
    ? undefined
    : invalidParameter(`(#100) Media ${media.id} does not belong to the phone number ${phoneNumberId}`)
}

/** An action on a media that the call's `phone_number_id`, when given, owns. */
const onOwnedMedia = (answer: (call: Call, media: Media) => Reply): Action<"media"> => ({
  permissions: ["whatsapp_business_messaging"],
  handle: (call, media) =>
    Effect.suspend((): Effect.Effect<Reply, GraphError> => {
      const refused = ownedBy(call, media)
      return refused === undefined ? Effect.succeed(answer(call, media)) : Effect.fail(refused)
    })
})

/** `GET /{Media-ID}`: its URL (5 minutes, with the token), type, size and SHA-256. */
export const getMedia = (context: Context): Action<"media"> =>
  onOwnedMedia((call, media) => {
    const url = context.settings.assets.put(`media/${media.id}/${randomKey()}`, {
      contentType: media.mimeType,
      bytes: media.bytes,
      requiresToken: true,
      expiresAt: call.now + mediaUrlMillis
    })
    return ok({
      messaging_product: "whatsapp",
      url,
      mime_type: media.mimeType,
      sha256: media.sha256,
      file_size: String(media.bytes.length),
      id: media.id
    })
  })

/** `DELETE /{Media-ID}`. */
export const deleteMedia = (context: Context): Action<"media"> =>
  onOwnedMedia((_call, media) => {
    context.state.nodes.delete(media.id)
    record(context.state, "deleteMedia", media.id)
    return success
  })

/** `POST /{App-ID}/uploads?file_name&file_length&file_type`. */
export const openUpload = (context: Context): Action<"app"> => ({
  permissions: ["whatsapp_business_management", "whatsapp_business_messaging"],
  handle: (call) =>
    Effect.suspend((): Effect.Effect<Reply, GraphError> => {
      const fileName = call.query["file_name"]
      const lengthText = call.query["file_length"]
      const fileType = bareType(call.query["file_type"])
      if (fileName === undefined || fileName.trim() === "" || fileName.length > 255) {
        return Effect.fail(invalidParameter("(#100) The parameter file_name is required (at most 255 characters)"))
      }
      const fileLength = Number(lengthText)
      if (lengthText === undefined || !/^\d+$/.test(lengthText) || fileLength < 1 || fileLength > maxFileBytes) {
        return Effect.fail(
          invalidParameter("(#100) The parameter file_length must be a byte count from 1 to 104857600")
        )
      }
      if (fileType === undefined || !uploadTypes.includes(fileType)) {
        return Effect.fail(invalidParameter(`(#100) The parameter file_type must be one of ${uploadTypes.join(", ")}`))
      }
      const upload: Upload = {
        kind: "upload",
        id: `upload:${Crypto.randomBytes(24).toString("base64url")}`,
        fileName,
        fileLength,
        fileType,
        createdAt: call.now,
        chunks: [],
        offset: 0,
        handle: undefined
      }
      context.state.nodes.set(upload.id, upload)
      record(context.state, "openUpload", upload.id)
      return Effect.succeed(ok({ id: upload.id }))
    })
})

/** `POST /upload:<id>` with `file_offset` and bytes. */
export const appendUpload = (context: Context): Action<"upload"> => ({
  permissions: ["whatsapp_business_management", "whatsapp_business_messaging"],
  handle: (call, upload) =>
    Effect.suspend((): Effect.Effect<Reply, GraphError> => {
      const offsetText = call.headers["file_offset"]
      if (offsetText === undefined || !/^\d+$/.test(offsetText)) {
        return Effect.fail(invalidParameter("(#100) The file_offset header is required (a byte offset)"))
      }
      if (upload.handle !== undefined) return Effect.succeed(ok({ h: upload.handle }))
      if (Number(offsetText) !== upload.offset) {
        return Effect.fail(
          invalidParameter(`(#100) file_offset ${offsetText} does not match the upload's offset ${upload.offset}`)
        )
      }
      const bytes = call.bodyBytes
      if (bytes.length === 0) return Effect.fail(invalidParameter("(#100) The request carries no bytes"))
      if (upload.offset + bytes.length > upload.fileLength) {
        return Effect.fail(
          invalidParameter(`(#100) The bytes run past file_length ${upload.fileLength} of the upload session`)
        )
      }
      upload.chunks.push(bytes)
      upload.offset += bytes.length
      if (upload.offset < upload.fileLength) return Effect.succeed(ok({ id: upload.id, file_offset: upload.offset }))
      const whole = new Uint8Array(Buffer.concat(upload.chunks))
      const expires = Math.floor(call.now / 1000) + 30 * 24 * 60 * 60
      const handle = [
        "4",
        Buffer.from(upload.fileName).toString("base64"),
        Buffer.from(upload.fileType).toString("base64"),
        Crypto.randomBytes(48).toString("base64url"),
        "e",
        String(expires),
        context.settings.app.id,
        String(context.state.handles.size + 1),
        Crypto.randomBytes(8).toString("base64url")
      ].join(":")
      const assetKey = `handle/${randomKey()}`
      context.settings.assets.put(assetKey, { contentType: upload.fileType, bytes: whole, requiresToken: false })
      context.state.handles.set(handle, {
        handle,
        fileName: upload.fileName,
        fileType: upload.fileType,
        bytes: whole,
        assetKey
      })
      upload.handle = handle
      record(context.state, "completeUpload", upload.id)
      return Effect.succeed(ok({ h: handle }))
    })
})

/** `GET /upload:<id>`: where the upload resumes. */
export const getUpload: Action<"upload"> = {
  permissions: ["whatsapp_business_management", "whatsapp_business_messaging"],
  handle: (_call, upload) => Effect.succeed(ok({ id: upload.id, file_offset: upload.offset }))
}
