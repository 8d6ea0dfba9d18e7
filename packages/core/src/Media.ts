/**
 * The media port: upload media from a URL and get a media id with its expiry.
 *
 * @since 0.1.0
 */
import { Context, Effect, Schema } from "effect"
import type { AdminError } from "./AdminError.js"
import { NumberRef } from "./BusinessProfile.js"
import type { Operation } from "./Capabilities.js"
import { effectOperation, implemented } from "./internal/port.js"
import { MediaHandle, MediaSource } from "./MediaHandle.js"

/**
 * @since 0.1.0
 * @category requests
 */
export const UploadRequest = Schema.Struct({ ...NumberRef.fields, ...MediaSource.fields })

/**
 * @since 0.1.0
 * @category models
 */
export interface Implementation {
  readonly upload?: (request: typeof UploadRequest.Type) => Effect.Effect<MediaHandle, AdminError>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly provider: string
  readonly operations: ReadonlySet<Operation>
  /** Has the provider pull media from a URL; answers its id and expiry. */
  readonly upload: (request: typeof UploadRequest.Encoded) => Effect.Effect<MediaHandle, AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Media extends Context.Tag("@wa-admin/core/Media")<Media, Service>() {}

/**
 * Builds the service from an adapter's implementation.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (provider: string, implementation: Implementation): Service => ({
  provider,
  operations: implemented(implementation, [["upload", "media.upload"]]),
  upload: effectOperation(provider, "media.upload", UploadRequest, implementation.upload)
})

/**
 * A service whose every operation fails with `Unsupported`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const unsupported = (provider: string): Service => make(provider, {})

/** @since 0.1.0 @category accessors */
export const upload = (request: typeof UploadRequest.Encoded) => Effect.flatMap(Media, (service) => service.upload(request))
