/**
 * The `Media` port on Vonage: files for templates' media headers, uploaded to the WhatsApp
 * Template Management API (`POST /media/uploads?file_type=`, multipart) for the handle a
 * header's `example.header_handle` carries.
 *
 * `uploadTemplateAsset` fetches the caller's URL itself — without any credential (our JWT goes
 * only to Vonage), following at most a few redirects, and reading at most {@link maxAssetBytes}
 * for the kind — then recognises the file by its first bytes (JPEG, PNG or MP4; the server's
 * `Content-Type` is not trusted) and uploads it with that `file_type`. The document's upload
 * takes `image/jpeg`, `image/jpg`, `image/png` and `video/mp4` only: a `document` asset has no
 * file type there and is refused before anything is fetched, as is a file whose bytes are not
 * of its kind.
 *
 * `upload` (a media id for sending messages) is not part of the documents this adapter is
 * built from: it fails with `Unsupported`, and `Capabilities` leaves `media.upload` out.
 *
 * @example
 * import { Media } from "@wa-admin/core"
 *
 * const asset = Media.uploadTemplateAsset({ kind: "image", url: "https://example.com/header.png" })
 * // asset.handle goes into a media header's example
 *
 * @since 0.1.0
 */
import { Media, MediaHandle, Validation } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import { Effect, Layer } from "effect"
import { reasons } from "./internal/descriptor.js"
import * as Endpoints from "./internal/endpoints/media.js"
import { provider } from "./internal/errors.js"
import * as Wire from "./internal/wire/media.js"
import { VonageClient } from "./VonageClient.js"
import type { Service as ClientService } from "./VonageClient.js"

/**
 * The largest file fetched and uploaded, by kind. The facts page states no limit; these are
 * WhatsApp's media limits (images 5 MB, videos 16 MB), which Meta applies to the examples
 * Vonage passes on. Documents cannot be uploaded here (see the module's notes).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxAssetBytes: { readonly image: number; readonly video: number } = {
  image: 5 * 1024 * 1024,
  video: 16 * 1024 * 1024
}

const startsWith = (bytes: Uint8Array, signature: ReadonlyArray<number>, offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte)

const ascii = (text: string): ReadonlyArray<number> => Array.from(text, (character) => character.charCodeAt(0))

/**
 * The upload file type of a file, by its first bytes: `image/jpeg` (FF D8 FF), `image/png` (its
 * 8-byte signature) or `video/mp4` (an ISO media file, `ftyp` at offset 4, not QuickTime's
 * `qt  ` brand); `undefined` for anything else.
 *
 * @since 0.1.0
 * @category utils
 */
export const fileTypeOf = (bytes: Uint8Array): string | undefined => {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg"
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png"
  if (startsWith(bytes, ascii("ftyp"), 4) && !startsWith(bytes, ascii("qt  "), 8)) return "video/mp4"
  return undefined
}

const origin = { provider, operation: "media.templateAsset" } as const

const refuse = (field: string, rule: string) => Validation.invalidInput(origin, [{ field, rule }])

/**
 * Uploads a template asset over a client: the function `VonageTemplates` uses for a media
 * header whose example is a URL, and `uploadTemplateAsset` is made of.
 *
 * @since 0.1.0
 * @category constructors
 */
export const uploadAsset = (client: ClientService) => {
  const upload = client.templateApi.call(Endpoints.uploadMedia)
  return (
    request: typeof Media.TemplateAssetRequest.Type
  ): Effect.Effect<MediaHandle.TemplateAsset, AdminError.AdminError> =>
    Effect.gen(function*() {
      const kind = request.kind
      if (kind === "document") {
        return yield* refuse(
          "kind",
          `Vonage's media upload takes ${Wire.uploadFileTypes.image.join(", ")} and ${
            Wire.uploadFileTypes.video.join(", ")
          } files: a document has no file type there`
        )
      }
      const accepted = Wire.uploadFileTypes[kind]
      const file = yield* client.download(request.url, { ...origin, field: "url", maxBytes: maxAssetBytes[kind] })
      const fileType = fileTypeOf(file.bytes)
      if (fileType === undefined) {
        return yield* refuse(
          "url",
          "leads to a file that is not a JPEG or PNG image or an MP4 video (by its content), the files Vonage's upload takes"
        )
      }
      if (!accepted.includes(fileType)) {
        return yield* refuse("url", `leads to a ${fileType} file, which is not a ${kind}`)
      }
      const { handle } = yield* upload({ fileType, file: new Blob([new Uint8Array(file.bytes)], { type: fileType }) })
      return new MediaHandle.TemplateAsset({ handle, kind, mimeType: fileType, size: file.bytes.length })
    })
}

/**
 * The implementation over a client (without the port's validation and spans; see {@link make}):
 * `uploadTemplateAsset` only.
 *
 * @since 0.1.0
 * @category constructors
 */
export const implementation = (client: ClientService): Media.Implementation => ({
  uploadTemplateAsset: uploadAsset(client)
})

/**
 * The `Media` service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): Media.Service =>
  Media.make(provider, { ...implementation(client), unsupported: reasons })

/**
 * The `Media` service for the `VonageClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(VonageClient, fromClient)

/**
 * Provides `Media` for the `VonageClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(Media.Media, make)
