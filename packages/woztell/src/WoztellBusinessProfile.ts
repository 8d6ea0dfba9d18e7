/**
 * The business profile port over WOZTELL: GET and PATCH /whatsapp-business-profile, with the
 * photo set through `profile_picture_url` and read from the profile.
 *
 * Numbers are referred to by their phone number id. Verticals travel as Meta's codes
 * (`PROF_SERVICES`); `UNDEFINED` reads as no vertical.
 *
 * @since 0.1.0
 */
import { AdminError, BusinessProfile, Profile, Validation, Vertical } from "@wa-admin/core"
import { Effect, Either, Layer, Schema } from "effect"
import * as Endpoints from "./internal/endpoints.js"
import { checkIds } from "./internal/service.js"
import * as Wire from "./internal/wire.js"
import { provider, WoztellClient } from "./WoztellClient.js"
import type { Service as ClientService } from "./WoztellClient.js"

const atMost = (max: number) => ({ message: () => `must be at most ${max} characters` })

/**
 * The WhatsApp Cloud API's limits on profile fields, checked before anything is sent: about 1 to
 * 139 characters, address 256, description 512, email 128, each website 256.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProfileLimits = Schema.Struct({
  about: Schema.optional(
    Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" }), Schema.maxLength(139, atMost(139)))
  ),
  address: Schema.optional(Schema.String.pipe(Schema.maxLength(256, atMost(256)))),
  description: Schema.optional(Schema.String.pipe(Schema.maxLength(512, atMost(512)))),
  email: Schema.optional(Schema.String.pipe(Schema.maxLength(128, atMost(128)))),
  websites: Schema.optional(Schema.Array(Schema.String.pipe(Schema.maxLength(256, atMost(256)))))
})

const checkUpdate = Validation.check(Schema.Struct({ number: Wire.PhoneNumberId, profile: ProfileLimits }), {
  provider,
  operation: "profile.update"
})
const checkNumber = (operation: string) => checkIds(operation, Schema.Struct({ number: Wire.PhoneNumberId }))

const representable = (
  update: Profile.ProfileUpdate,
  operation: string
): Effect.Effect<void, AdminError.InvalidInput> =>
  update.vertical === undefined || Either.isRight(Vertical.metaCodes.encode(update.vertical))
    ? Effect.void
    : Effect.fail(
      Validation.invalidInput({ provider, operation }, [
        { field: "profile.vertical", rule: `WOZTELL cannot represent the vertical ${update.vertical}` }
      ])
    )

/**
 * The implementation over a client (without the port's validation and spans; see {@link make}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const implementation = (client: ClientService): BusinessProfile.Implementation => {
  const read = (operation: string) => client.call(Endpoints.serving(operation, Endpoints.getProfile))
  const patch = (operation: string) => client.call(Endpoints.serving(operation, Endpoints.updateProfile))
  const get = read("profile.get")
  const readUpdated = read("profile.update")
  const patchProfile = patch("profile.update")
  const getPhoto = read("profile.photo.get")
  const readPhoto = read("profile.photo.set")
  const patchPhoto = patch("profile.photo.set")
  return {
    // Checked by the port before `update` sends anything, and answerable on its own (`validate`):
    // the number is a phone number id, the fields within WhatsApp's limits.
    validateUpdate: (request) =>
      Effect.zipRight(checkUpdate(request), representable(request.profile, "profile.update")),
    get: (request) => Effect.flatMap(checkNumber("profile.get")(request), get),
    update: (request) => Effect.zipRight(patchProfile(request), readUpdated(request)),
    getPhoto: (request) =>
      Effect.flatMap(
        checkNumber("profile.photo.get")(request),
        (valid) =>
          Effect.map(getPhoto(valid), ({ photoUrl }) =>
            new Profile.ProfilePhoto(photoUrl === undefined ? {} : { url: photoUrl }))
      ),
    setPhoto: (request) =>
      Effect.gen(function*() {
        const { number, url } = yield* checkNumber("profile.photo.set")(request)
        yield* patchPhoto({ number, profile: { photoUrl: url } })
        const profile = yield* readPhoto({ number })
        return new Profile.ProfilePhoto({ url: profile.photoUrl ?? url })
      })
  }
}

/**
 * The `BusinessProfile` service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): BusinessProfile.Service =>
  BusinessProfile.make(provider, implementation(client))

/**
 * The `BusinessProfile` service for the `WoztellClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(WoztellClient, fromClient)

/**
 * Provides `BusinessProfile` for the `WoztellClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(BusinessProfile.BusinessProfile, make)
