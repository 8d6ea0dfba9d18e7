/**
 * The media port over WOZTELL: PUT /media-id has WhatsApp pull a file from a URL and answers a
 * media id, which the document says is kept for 30 days; the handle's `expiresAt` is that,
 * counted from the `Clock`'s now.
 *
 * @since 0.1.0
 */
import { DateTime, Duration, Effect, Layer, Schema } from "effect"
import { AdminError, Media, MediaHandle, Validation } from "@wa-admin/core"
import { atMost, checkIds, maxUrlLength as urlLimit } from "./internal/service.js"
import * as Wire from "./internal/wire.js"
import { provider, WoztellClient } from "./WoztellClient.js"

/**
 * The longest media URL sent: 8,192 characters, a stated default (the request-line limit common
 * HTTP servers apply, so WhatsApp could not fetch a longer one; WOZTELL documents none).
 *
 * WOZTELL's upload carries a URL, not the file: WhatsApp fetches the file itself and applies its
 * own size limits by type, which WOZTELL's page does not state. The file never passes through
 * this library, so nothing of it is read or held here.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxUrlLength: number = urlLimit

const checkUpload = checkIds("media.upload", Schema.Struct({ number: Wire.PhoneNumberId, url: atMost(maxUrlLength) }))

/**
 * How long WhatsApp keeps uploaded media.
 *
 * @since 0.1.0
 * @category constants
 */
export const retention: Duration.Duration = Duration.days(30)

const toWireType: { readonly [K in MediaHandle.MediaKind]?: Wire.WireMediaType } = {
  image: "image",
  audio: "audio",
  video: "video",
  document: "file"
}

const fromWireType = (fileType: string | undefined, requested: MediaHandle.MediaKind): MediaHandle.MediaKind => {
  switch (fileType) {
    case "image":
    case "audio":
    case "video":
      return fileType
    case "file":
    case "document":
      return "document"
    default:
      return requested
  }
}

/**
 * The port service over the client in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Media.Service, never, WoztellClient> = Effect.map(WoztellClient, (client) =>
  Media.make(provider, {
    upload: (request) =>
      Effect.gen(function* () {
        const { number, kind, url } = yield* checkUpload(request)
        const type = toWireType[kind]
        if (type === undefined) {
          return yield* Effect.fail<AdminError.AdminError>(
            Validation.invalidInput({ provider, operation: "media.upload" }, [
              { field: "kind", rule: "WOZTELL uploads image, audio, video or document media" }
            ])
          )
        }
        const response = yield* client.write({
          operation: "media.upload",
          method: "PUT",
          path: "/media-id",
          body: { phoneNumberId: number, type, url },
          auth: "accessToken",
          // Each PUT stores another copy under a new id: repeating it is not harmless.
          idempotent: false,
          schema: Wire.MediaIdResponse,
          notFound: { resource: "phone number", id: number }
        })
        const now = yield* DateTime.now
        return new MediaHandle.MediaHandle({
          id: response.mediaId,
          kind: fromWireType(response.fileType, kind),
          source: url,
          expiresAt: DateTime.addDuration(now, retention)
        })
      })
  })
)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Media.Media, never, WoztellClient> = Layer.effect(Media.Media, make)
