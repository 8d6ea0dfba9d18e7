/**
 * The models of the Meta adapter's own operations (its extensions), decoded straight from the
 * wire by `wire.ts` and exported by the modules that offer them.
 */
import { Schema } from "effect"

/**
 * A media object as `GET /{Media-ID}` describes it: the URL it can be downloaded from (with the
 * access token, for 5 minutes), its type, size and SHA-256.
 *
 * @since 0.1.0
 * @category models
 */
export class MediaInfo extends Schema.Class<MediaInfo>("@wa-admin/meta/MediaInfo")({
  id: Schema.String,
  url: Schema.String,
  mimeType: Schema.optional(Schema.String),
  sha256: Schema.optional(Schema.String),
  /** In bytes. */
  fileSize: Schema.optional(Schema.Number)
}) {}
