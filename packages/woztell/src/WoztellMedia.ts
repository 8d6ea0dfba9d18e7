/**
 * The media port over WOZTELL: PUT /media-id has WhatsApp pull a file from a URL and answers a
 * media id, which the document says is kept for 30 days; the handle's `expiresAt` is that,
 * counted from the `Clock`'s now.
 *
 * @since 0.1.0
 */
import { DateTime, Duration, Effect, Layer } from "effect"
import { AdminError, Media, MediaHandle, Validation } from "@wa-admin/core"
import * as Wire from "./internal/wire.js"
import { provider, WoztellClient } from "./WoztellClient.js"

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
    upload: ({ number, kind, url }) =>
      Effect.gen(function* () {
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
