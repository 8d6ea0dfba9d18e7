/**
 * The business profile port: read and change the profile and photo of a number.
 *
 * @example
 * import { BusinessProfile } from "@wa-admin/core"
 *
 * const program = BusinessProfile.update({
 *   number: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
 *   profile: { about: "Fresh bread daily", vertical: "Grocery", websites: ["https://example.com"] }
 * })
 *
 * @since 0.1.0
 */
import { Context, Effect, Schema } from "effect"
import type { AdminError, InvalidInput } from "./AdminError.js"
import type { Reasons } from "./Capabilities.js"
import * as Id from "./Id.js"
import { portOf, spanName } from "./internal/port.js"
import * as PortService from "./internal/service.js"
import { Profile, ProfilePhoto, ProfileUpdate } from "./Profile.js"
import { HttpUrl } from "./Url.js"
import { validate as validateInput } from "./Validation.js"

/**
 * A number, by the provider's reference (Vonage: deployment id; WOZTELL: phone number id). The
 * reference ends up in a request path, so it is checked as an id ({@link Id.ResourceId}); each
 * adapter also checks the format its provider documents.
 *
 * @since 0.1.0
 * @category requests
 */
export const NumberRef = Schema.Struct({ number: Id.ResourceId })

/**
 * @since 0.1.0
 * @category requests
 */
export const UpdateRequest = Schema.Struct({ ...NumberRef.fields, profile: ProfileUpdate })

/**
 * @since 0.1.0
 * @category requests
 */
export const SetPhotoRequest = Schema.Struct({ ...NumberRef.fields, url: HttpUrl })

/**
 * @since 0.1.0
 * @category models
 */
export interface Implementation extends PortService.Implementation {
  /**
   * The provider's own rules for a profile change (length limits, representable verticals …),
   * checked before `update` sends anything and answerable on its own (`Service.validate`), so a
   * migration plan can say what the provider would refuse.
   */
  readonly validateUpdate?: (request: typeof UpdateRequest.Type) => Effect.Effect<void, InvalidInput>
  readonly get?: (request: typeof NumberRef.Type) => Effect.Effect<Profile, AdminError>
  readonly update?: (request: typeof UpdateRequest.Type) => Effect.Effect<Profile, AdminError>
  readonly getPhoto?: (request: typeof NumberRef.Type) => Effect.Effect<ProfilePhoto, AdminError>
  readonly setPhoto?: (request: typeof SetPhotoRequest.Type) => Effect.Effect<ProfilePhoto, AdminError>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service extends PortService.Description {
  /** The number's business profile. */
  readonly get: (request: typeof NumberRef.Encoded) => Effect.Effect<Profile, AdminError>
  /**
   * Checks a profile change against the port's and the provider's rules without sending
   * anything: what `update` would refuse, it refuses with the same `InvalidInput`.
   */
  readonly validate: (request: typeof UpdateRequest.Encoded) => Effect.Effect<void, InvalidInput>
  /** Changes the given fields and answers the profile as it now stands. */
  readonly update: (request: typeof UpdateRequest.Encoded) => Effect.Effect<Profile, AdminError>
  /** Where the profile photo was pulled from. */
  readonly getPhoto: (request: typeof NumberRef.Encoded) => Effect.Effect<ProfilePhoto, AdminError>
  /** Replaces the profile photo with the image at a URL. */
  readonly setPhoto: (request: typeof SetPhotoRequest.Encoded) => Effect.Effect<ProfilePhoto, AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class BusinessProfile extends Context.Tag("@wa-admin/core/BusinessProfile")<BusinessProfile, Service>() {}

/** The implementation's methods and the operations they serve. */
const candidates = [
  ["get", "profile.get"],
  ["update", "profile.update"],
  ["getPhoto", "profile.photo.get"],
  ["setPhoto", "profile.photo.set"]
] as const

/**
 * Builds the service from an adapter's implementation.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (provider: string, implementation: Implementation): Service => {
  const port = portOf(provider, implementation.unsupported)
  const decodeUpdate = validateInput(UpdateRequest, { provider, operation: "profile.update" })
  const providerRules = implementation.validateUpdate ?? (() => Effect.void)
  const validate: Service["validate"] = (request) =>
    Effect.flatMap(decodeUpdate(request), providerRules).pipe(
      Effect.withSpan(`${spanName(provider, "profile.update")}.validate`, { captureStackTrace: false })
    )
  const update = implementation.update
  return {
    ...PortService.describe(provider, implementation, candidates),
    get: port.effect("profile.get", NumberRef, implementation.get),
    validate,
    update: port.effect(
      "profile.update",
      UpdateRequest,
      // The call is built only once the provider's rules passed: building it may encode the body.
      update === undefined ? undefined : (request) => Effect.flatMap(providerRules(request), () => update(request))
    ),
    getPhoto: port.effect("profile.photo.get", NumberRef, implementation.getPhoto),
    setPhoto: port.effect("profile.photo.set", SetPhotoRequest, implementation.setPhoto)
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
export const get = (request: typeof NumberRef.Encoded) =>
  Effect.flatMap(BusinessProfile, (service) => service.get(request))
/** @since 0.1.0 @category accessors */
export const validate = (request: typeof UpdateRequest.Encoded) =>
  Effect.flatMap(BusinessProfile, (service) => service.validate(request))
/** @since 0.1.0 @category accessors */
export const update = (request: typeof UpdateRequest.Encoded) =>
  Effect.flatMap(BusinessProfile, (service) => service.update(request))
/** @since 0.1.0 @category accessors */
export const getPhoto = (request: typeof NumberRef.Encoded) =>
  Effect.flatMap(BusinessProfile, (service) => service.getPhoto(request))
/** @since 0.1.0 @category accessors */
export const setPhoto = (request: typeof SetPhotoRequest.Encoded) =>
  Effect.flatMap(BusinessProfile, (service) => service.setPhoto(request))
