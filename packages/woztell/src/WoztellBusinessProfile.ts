/**
 * The business profile port over WOZTELL: GET and PATCH /whatsapp-business-profile, with the
 * photo set through `profile_picture_url` and read from the profile.
 *
 * Numbers are referred to by their phone number id. Verticals travel as Meta's codes
 * (`PROF_SERVICES`); `UNDEFINED` reads as no vertical.
 *
 * @since 0.1.0
 */
import { Effect, Either, Layer, Schema } from "effect"
import { AdminError, BusinessProfile, Profile, Validation, Vertical } from "@wa-admin/core"
import { firstProfile, present, profileFromWire, profileToWire } from "./internal/mapping.js"
import { checkIds } from "./internal/service.js"
import * as Wire from "./internal/wire.js"
import { provider, WoztellClient } from "./WoztellClient.js"

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

/**
 * The port service over the client in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<BusinessProfile.Service, never, WoztellClient> = Effect.map(WoztellClient, (client) => {
  const readProfile = (phoneNumberId: string, operation: string) =>
    client
      .read({
        operation,
        path: "/whatsapp-business-profile",
        query: { phoneNumberId },
        auth: "accessToken",
        schema: Wire.ProfileResponse,
        notFound: { resource: "phone number", id: phoneNumberId }
      })
      .pipe(Effect.map((response) => firstProfile(response.data)))

  const patchProfile = (phoneNumberId: string, profile: Wire.WireProfileUpdate, operation: string) =>
    client.write({
      operation,
      method: "PATCH",
      path: "/whatsapp-business-profile",
      body: { phoneNumberId, profile },
      auth: "accessToken",
      idempotent: true,
      schema: Wire.EmptyResponse,
      notFound: { resource: "phone number", id: phoneNumberId }
    })

  const representable = (update: Profile.ProfileUpdate, operation: string): Effect.Effect<void, AdminError.InvalidInput> =>
    update.vertical === undefined || Either.isRight(Vertical.metaCodes.encode(update.vertical))
      ? Effect.void
      : Effect.fail(
          Validation.invalidInput({ provider, operation }, [
            { field: "profile.vertical", rule: `WOZTELL cannot represent the vertical ${update.vertical}` }
          ])
        )

  return BusinessProfile.make(provider, {
    // Checked by the port before `update` sends anything, and answerable on its own (`validate`):
    // the number is a phone number id, the fields within WhatsApp's limits.
    validateUpdate: (request) => Effect.zipRight(checkUpdate(request), representable(request.profile, "profile.update")),
    get: (request) =>
      Effect.flatMap(checkNumber("profile.get")(request), ({ number }) =>
        Effect.map(readProfile(number, "profile.get"), profileFromWire)
      ),
    update: ({ number, profile }) =>
      Effect.gen(function* () {
        yield* patchProfile(number, profileToWire(profile), "profile.update")
        return profileFromWire(yield* readProfile(number, "profile.update"))
      }),
    getPhoto: (request) =>
      Effect.flatMap(checkNumber("profile.photo.get")(request), ({ number }) =>
        Effect.map(readProfile(number, "profile.photo.get"), (profile) =>
          new Profile.ProfilePhoto(present(profile.profile_picture_url) ? { url: profile.profile_picture_url } : {})
        )
      ),
    setPhoto: (request) =>
      Effect.gen(function* () {
        const { number, url } = yield* checkNumber("profile.photo.set")(request)
        yield* patchProfile(number, { messaging_product: "whatsapp", profile_picture_url: url }, "profile.photo.set")
        const profile = yield* readProfile(number, "profile.photo.set")
        return new Profile.ProfilePhoto({ url: present(profile.profile_picture_url) ? profile.profile_picture_url : url })
      })
  })
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<BusinessProfile.BusinessProfile, never, WoztellClient> = Layer.effect(
  BusinessProfile.BusinessProfile,
  make
)
