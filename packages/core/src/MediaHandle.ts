/**
 * Media uploaded to a provider: what kind it is, where it came from, its id and when that id
 * expires.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { HttpUrl } from "./Url.js"

/**
 * The kinds of media a provider stores.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MediaKind = Schema.Literal("image", "audio", "video", "document", "sticker")

/**
 * @since 0.1.0
 * @category models
 */
export type MediaKind = typeof MediaKind.Type

/**
 * Media to upload, pulled by the provider from a public URL.
 *
 * @since 0.1.0
 * @category models
 */
export class MediaSource extends Schema.Class<MediaSource>("@wa-admin/core/MediaSource")({
  kind: MediaKind,
  url: HttpUrl
}) {}

/**
 * A media id at the provider; `expiresAt` says when it must be uploaded again.
 *
 * @since 0.1.0
 * @category models
 */
export class MediaHandle extends Schema.Class<MediaHandle>("@wa-admin/core/MediaHandle")({
  id: Schema.String,
  kind: MediaKind,
  source: Schema.String,
  expiresAt: Schema.optional(Schema.DateTimeUtc)
}) {}

/**
 * The kinds of media a template header can show.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TemplateAssetKind = Schema.Literal("image", "video", "document")

/**
 * @since 0.1.0
 * @category models
 */
export type TemplateAssetKind = typeof TemplateAssetKind.Type

/**
 * A file uploaded for a template's media header: the handle a template's example carries
 * (Meta's and Vonage's `header_handle`). Unlike a {@link MediaHandle} it does not serve to send
 * a message, and it does not expire while the template is reviewed.
 *
 * @since 0.1.0
 * @category models
 */
export class TemplateAsset extends Schema.Class<TemplateAsset>("@wa-admin/core/TemplateAsset")({
  handle: Schema.String,
  kind: TemplateAssetKind,
  mimeType: Schema.String,
  /** The file's size in bytes. */
  size: Schema.NonNegativeInt
}) {}
