/**
 * Media on Meta: the `Media` port and the `MetaMedia` extension.
 *
 * - `Media.upload` fetches the file at the caller's URL (without credentials, at most the size
 *   WhatsApp takes for the kind: images 5 MB, videos and audio 16 MB, documents 100 MB, stickers
 *   500 KB), recognises it by its content (its type must be one WhatsApp takes for the kind),
 *   and uploads it (`POST /{Phone-Number-ID}/media`, multipart: `messaging_product=whatsapp`, the
 *   `type` and the `file`). It answers the media id, which Meta keeps for 30 days
 *   (`expiresAt`).
 * - `Media.uploadTemplateAsset` fetches a header's file the same way (images: JPEG or PNG up to
 *   5 MB, videos: MP4 up to 16 MB, documents: PDF up to 100 MB) and sends it through Meta's
 *   resumable upload (`POST /{App-ID}/uploads`, then `POST /upload:<id>` with `file_offset: 0`),
 *   answering the handle (`h`) a template's media header carries. It needs `META_APP_ID`.
 * - `MetaMedia.get` (`GET /{Media-ID}`: the URL to download it from for 5 minutes, its type, size
 *   and SHA-256) and `MetaMedia.delete` (`DELETE /{Media-ID}`), each optionally checked against
 *   the phone number the media belongs to (`phone_number_id`).
 *
 * @example
 * import { Media } from "@wa-admin/core"
 * import { MetaMedia } from "@wa-admin/meta"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const handle = yield* Media.upload({ number: "106540352242922", kind: "image", url: "https://example.com/offer.png" })
 *   return yield* MetaMedia.get({ mediaId: handle.id })
 * })
 *
 * @since 0.1.0
 */
import { Media, MediaHandle, Validation } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import { Clock, Context, DateTime, Duration, Effect, Layer, Schema } from "effect"
import * as Endpoints from "./internal/endpoints.js"
import { provider } from "./internal/errors.js"
import * as Files from "./internal/files.js"
import { operation } from "./internal/service.js"
import * as Upload from "./internal/upload.js"
import * as Wire from "./internal/wire.js"
import { MetaClient } from "./MetaClient.js"
import type { Service as ClientService } from "./MetaClient.js"
import { MediaInfo } from "./MetaModels.js"

export {
  /**
   * A media object as `GET /{Media-ID}` describes it.
   *
   * @since 0.1.0
   * @category models
   */
  MediaInfo
} from "./MetaModels.js"

/**
 * How long Meta keeps an uploaded media id: 30 days.
 *
 * @since 0.1.0
 * @category constants
 */
export const mediaLifetime: Duration.Duration = Duration.days(30)

/**
 * The largest file of each kind `upload` fetches and sends (WhatsApp's limits).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxBytes: { readonly [K in MediaHandle.MediaKind]: number } = Files.maxBytes

/**
 * The media types WhatsApp takes for each kind.
 *
 * @since 0.1.0
 * @category constants
 */
export const mediaTypes: { readonly [K in MediaHandle.MediaKind]: ReadonlyArray<string> } = Files.mediaTypes

/**
 * The types a template's media header takes through the resumable upload.
 *
 * @since 0.1.0
 * @category constants
 */
export const assetTypes: { readonly [K in MediaHandle.TemplateAssetKind]: ReadonlyArray<string> } = Files.headerTypes

/**
 * Uploads a template asset over a client: what `uploadTemplateAsset` is made of, and what
 * `MetaTemplates` uses for a media header whose example is a URL. `operation` and `field` name
 * the caller's operation and the field the URL came from in errors.
 *
 * @since 0.1.0
 * @category constructors
 */
export const uploadAsset = (client: ClientService, origin: { readonly operation: string; readonly field: string }) => {
  const upload = Upload.resumableUpload(client, origin.operation)
  return (
    request: typeof Media.TemplateAssetRequest.Type
  ): Effect.Effect<MediaHandle.TemplateAsset, AdminError.AdminError> =>
    Effect.gen(function*() {
      const appId = yield* Upload.appIdOf(client, origin)
      const file = yield* Upload.fetchFile(client, request.url, origin, {
        types: Files.headerTypes[request.kind],
        maxBytes: Files.maxBytes[request.kind],
        what: `a template's ${request.kind} header`
      })
      const handle = yield* upload(appId, file, request.kind)
      return new MediaHandle.TemplateAsset({
        handle,
        kind: request.kind,
        mimeType: file.mimeType,
        size: file.bytes.length
      })
    })
}

/**
 * The implementation of the `Media` port over a client (without the port's validation and
 * spans; see {@link make}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const implementation = (client: ClientService): Media.Implementation => {
  const send = client.call(Endpoints.uploadMedia)
  const origin = { operation: "media.upload", field: "url" }
  const checkNumber = Validation.validate(Schema.Struct({ number: Wire.PhoneNumberId }), {
    provider,
    operation: "media.upload"
  })
  return {
    upload: ({ kind, number, url }) =>
      Effect.gen(function*() {
        // The number is checked before the file is fetched.
        yield* checkNumber({ number })
        const file = yield* Upload.fetchFile(client, url, origin, {
          types: Files.mediaTypes[kind],
          maxBytes: Files.maxBytes[kind],
          what: `a ${kind}`
        })
        const id = yield* send({ number, kind, mimeType: file.mimeType, bytes: file.bytes })
        const now = yield* Clock.currentTimeMillis
        return new MediaHandle.MediaHandle({
          id,
          kind,
          source: url,
          expiresAt: DateTime.unsafeMake(now + Duration.toMillis(mediaLifetime))
        })
      }),
    uploadTemplateAsset: uploadAsset(client, { operation: "media.templateAsset", field: "url" })
  }
}

/**
 * The `Media` service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): Media.Service => Media.make(provider, implementation(client))

/**
 * The `Media` service for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(MetaClient, fromClient)

/**
 * Provides `Media` for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(Media.Media, make)

// ---------------------------------------------------------------------------------------------
// The MetaMedia extension
// ---------------------------------------------------------------------------------------------

/**
 * A media object by id, optionally checked against the phone number it belongs to.
 *
 * @since 0.1.0
 * @category requests
 */
export const MediaRef = Schema.Struct({
  mediaId: Wire.MediaId,
  phoneNumberId: Schema.optional(Wire.PhoneNumberId)
})

/**
 * Meta's media operations beyond the port.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** `GET /{Media-ID}`: where to download the media (for 5 minutes, with the access token), its type and size. */
  readonly get: (request: typeof MediaRef.Encoded) => Effect.Effect<MediaInfo, AdminError.AdminError>
  /** `DELETE /{Media-ID}`. */
  readonly delete: (request: typeof MediaRef.Encoded) => Effect.Effect<void, AdminError.AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class MetaMedia extends Context.Tag("@wa-admin/meta/MetaMedia")<MetaMedia, Service>() {}

/**
 * The extension over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const extensionFromClient = (client: ClientService): Service => ({
  get: operation("media.get", MediaRef, client.call(Endpoints.getMedia)),
  delete: operation("media.delete", MediaRef, (request) => Effect.asVoid(client.call(Endpoints.deleteMedia)(request)))
})

/**
 * The extension for the client in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const extensionLayer: Layer.Layer<MetaMedia, never, MetaClient> = Layer.effect(
  MetaMedia,
  Effect.map(MetaClient, extensionFromClient)
)

/**
 * `GET /{Media-ID}`.
 *
 * @since 0.1.0
 * @category accessors
 */
export const get = (request: typeof MediaRef.Encoded) => Effect.flatMap(MetaMedia, (service) => service.get(request))

/**
 * `DELETE /{Media-ID}`.
 *
 * @since 0.1.0
 * @category accessors
 */
export const remove = (request: typeof MediaRef.Encoded) =>
  Effect.flatMap(MetaMedia, (service) => service.delete(request))
