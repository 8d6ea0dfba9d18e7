/**
 * The media port: upload media from a URL and get a media id with its expiry; upload a file for
 * a template's media header and get the handle the template's example carries.
 *
 * @since 0.1.0
 */
import { Context, Effect, Schema } from "effect"
import type { AdminError } from "./AdminError.js"
import { NumberRef } from "./BusinessProfile.js"
import type { Reasons } from "./Capabilities.js"
import * as Id from "./Id.js"
import { portOf } from "./internal/port.js"
import * as PortService from "./internal/service.js"
import { MediaHandle, MediaSource, TemplateAsset, TemplateAssetKind } from "./MediaHandle.js"
import { HttpUrl } from "./Url.js"

/**
 * @since 0.1.0
 * @category requests
 */
export const UploadRequest = Schema.Struct({ ...NumberRef.fields, ...MediaSource.fields })

/**
 * A file for a template's media header, fetched from a URL by the adapter (at most the
 * provider's documented size for its kind) and uploaded to the provider. `wabaId` names the
 * account the template belongs to, for providers that keep assets per account.
 *
 * @since 0.1.0
 * @category requests
 */
export const TemplateAssetRequest = Schema.Struct({
  wabaId: Schema.optional(Id.Digits),
  kind: TemplateAssetKind,
  url: HttpUrl
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Implementation extends PortService.Implementation {
  readonly upload?: (request: typeof UploadRequest.Type) => Effect.Effect<MediaHandle, AdminError>
  readonly uploadTemplateAsset?: (request: typeof TemplateAssetRequest.Type) => Effect.Effect<TemplateAsset, AdminError>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service extends PortService.Description {
  /** Has the provider pull media from a URL; answers its id and expiry. */
  readonly upload: (request: typeof UploadRequest.Encoded) => Effect.Effect<MediaHandle, AdminError>
  /** Uploads a file for a template's media header; answers the handle a template's example carries. */
  readonly uploadTemplateAsset: (
    request: typeof TemplateAssetRequest.Encoded
  ) => Effect.Effect<TemplateAsset, AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Media extends Context.Tag("@wa-admin/core/Media")<Media, Service>() {}

/** The implementation's methods and the operations they serve. */
const candidates = [
  ["upload", "media.upload"],
  ["uploadTemplateAsset", "media.templateAsset"]
] as const

/**
 * Builds the service from an adapter's implementation.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (provider: string, implementation: Implementation): Service => {
  const port = portOf(provider, implementation.unsupported)
  return {
    ...PortService.describe(provider, implementation, candidates),
    upload: port.effect("media.upload", UploadRequest, implementation.upload),
    uploadTemplateAsset: port.effect("media.templateAsset", TemplateAssetRequest, implementation.uploadTemplateAsset)
  }
}

/**
 * A service whose every operation fails with `Unsupported`, with the reasons given.
 *
 * @since 0.1.0
 * @category constructors
 */
export const unsupported: (provider: string, reasons?: Reasons) => Service = PortService.unsupportedBy(make)

/** @since 0.1.0 @category accessors */
export const upload = (request: typeof UploadRequest.Encoded) =>
  Effect.flatMap(Media, (service) => service.upload(request))
/** @since 0.1.0 @category accessors */
export const uploadTemplateAsset = (request: typeof TemplateAssetRequest.Encoded) =>
  Effect.flatMap(Media, (service) => service.uploadTemplateAsset(request))
