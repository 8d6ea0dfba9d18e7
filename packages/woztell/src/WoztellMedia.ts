/**
 * The media port over WOZTELL: PUT /media-id has WhatsApp pull a file from a URL and answers a
 * media id, which the document says is kept for 30 days; the handle's `expiresAt` is that,
 * counted from the `Clock`'s now.
 *
 * @since 0.1.0
 */
import { Media, MediaHandle, Validation } from "@wa-admin/core"
import { DateTime, Duration, Effect, Layer, Schema } from "effect"
import * as Endpoints from "./internal/endpoints.js"
import { atMost, checkIds, maxUrlLength as urlLimit } from "./internal/service.js"
import * as Wire from "./internal/wire.js"
import { provider, WoztellClient } from "./WoztellClient.js"
import type { Service as ClientService } from "./WoztellClient.js"
import { reasons } from "./WoztellProvider.js"

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

const notUploadable = Validation.invalidInput({ provider, operation: "media.upload" }, [
  { field: "kind", rule: "WOZTELL uploads image, audio, video or document media" }
])

/**
 * The implementation over a client (without the port's validation and spans; see {@link make}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const implementation = (client: ClientService): Media.Implementation => {
  const upload = client.call(Endpoints.uploadMedia)
  return {
    upload: (request) =>
      Effect.gen(function*() {
        const { kind, number, url } = yield* checkUpload(request)
        if (kind === "sticker") return yield* Effect.fail(notUploadable)
        const uploaded = yield* upload({ number, kind, url })
        const now = yield* DateTime.now
        return new MediaHandle.MediaHandle({
          id: uploaded.id,
          // The kind WhatsApp stored, when the answer says it; else the one asked for.
          kind: uploaded.kind ?? kind,
          source: url,
          expiresAt: DateTime.addDuration(now, retention)
        })
      })
  }
}

/**
 * The `Media` service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): Media.Service =>
  Media.make(provider, { ...implementation(client), unsupported: reasons })

/**
 * The `Media` service for the `WoztellClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(WoztellClient, fromClient)

/**
 * Provides `Media` for the `WoztellClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(Media.Media, make)
