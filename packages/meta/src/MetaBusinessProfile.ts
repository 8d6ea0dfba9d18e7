/**
 * `BusinessProfile` on a Meta phone number: `GET` and `POST
 * /{Phone-Number-ID}/whatsapp_business_profile`. The `number` of each request is the phone
 * number id (digits): any other is a local `InvalidInput` naming `number`, and nothing is sent.
 *
 * Meta's documented limits are checked before anything is sent (and by `validate`), on top of
 * the port's shared rules: `about` 1 to 139 characters, `address` and `description` at most 256,
 * `email` at most 128, at most 2 websites of at most 256 characters each, and a vertical that has
 * a code in Meta's list (`NotABusiness` has none in v23.0). A change that breaks one is an
 * `InvalidInput` naming the field and the rule.
 *
 * The photo is set with a `profile_picture_handle` from Meta's resumable upload: the image at
 * the caller's URL (`setPhoto`'s `url`, or a change's `photoUrl`) is fetched here — without
 * credentials, at most 5 MB, a JPEG or PNG by its content — and uploaded under the configured
 * app (`META_APP_ID`; without one, a photo is refused before anything is fetched). `getPhoto`
 * answers the profile's `profile_picture_url`, where Meta serves the photo (not the URL it was
 * fetched from); `update` and `setPhoto` answer the profile as Meta then reports it.
 *
 * @since 0.1.0
 */
import { BusinessProfile, Validation, Vertical } from "@wa-admin/core"
import { Endpoint, ProfileRules } from "@wa-admin/core/adapter"
import { Effect, Either, Layer, Option, Schema } from "effect"
import * as Endpoints from "./internal/endpoints.js"
import { provider } from "./internal/errors.js"
import * as Files from "./internal/files.js"
import * as Upload from "./internal/upload.js"
import * as Wire from "./internal/wire.js"
import { MetaClient } from "./MetaClient.js"
import type { Service as ClientService } from "./MetaClient.js"

/**
 * Meta's limits on a profile change, as its profile schema documents them (the Cloud API's, core
 * `ProfileRules.limits`).
 *
 * @since 0.1.0
 * @category validation
 */
export const limits = ProfileRules.limits

/**
 * The canonical verticals Meta's v23.0 profile can hold: every one with a Meta code but
 * `NotABusiness` (`NOT_A_BIZ` is not in the document's list).
 *
 * @since 0.1.0
 * @category constants
 */
export const verticals: ReadonlyArray<Vertical.Vertical> = Vertical.metaCodes.representable.filter(
  (vertical) => vertical !== "NotABusiness"
)

const representable = Vertical.Vertical.pipe(
  Schema.filter((vertical) =>
    verticals.includes(vertical) || `has no code in Meta's list of verticals; one of ${verticals.join(", ")}`
  )
)

const MetaRules = ProfileRules.changeRules({
  provider: "Meta",
  number: Wire.PhoneNumberId,
  vertical: representable,
  nonEmpty: ["about"]
})

const checkRules = Validation.validate(MetaRules, { provider, operation: "profile.update" })

/** The number of a photo change, checked before the photo is fetched. */
const checkPhotoNumber = Validation.validate(Schema.Struct({ number: Wire.PhoneNumberId }), {
  provider,
  operation: "profile.photo.set"
})

/**
 * The largest profile photo fetched and uploaded: 5 MB (WhatsApp's image limit).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxPhotoBytes = Files.maxBytes.image

/**
 * The implementation over a client (without the port's validation and spans; see {@link make}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const implementation = (client: ClientService): BusinessProfile.Implementation => {
  const get = client.call(Endpoints.getProfile)
  const getAfterUpdate = client.call(Endpoint.serving("profile.update", Endpoints.getProfile))
  const post = client.call(Endpoints.updateProfile)
  const postPhoto = client.call(Endpoint.serving("profile.photo.set", Endpoints.updateProfile))
  const getPhoto = client.call(Endpoints.getPhoto)
  const getPhotoAfterSet = client.call(Endpoint.serving("profile.photo.set", Endpoints.getPhoto))

  /** The handle of the photo at `url`, uploaded for the profile. */
  const photoHandle = (url: string, origin: Upload.Origin) => {
    const upload = Upload.resumableUpload(client, origin.operation)
    return Effect.gen(function*() {
      const appId = yield* Upload.appIdOf(client, origin)
      const file = yield* Upload.fetchFile(client, url, origin, {
        types: Files.mediaTypes.image,
        maxBytes: maxPhotoBytes,
        what: "a profile photo"
      })
      return yield* upload(appId, file, "profile")
    })
  }

  const photoField = { operation: "profile.update", field: "profile.photoUrl" }

  return {
    validateUpdate: (request) =>
      Effect.flatMap(Effect.either(checkRules(request)), (checked) => {
        const noApp = request.profile.photoUrl !== undefined && Option.isNone(client.appId)
          ? [{
            field: "profile.photoUrl",
            rule: "needs META_APP_ID (the app Meta's resumable upload runs under) to be configured"
          }]
          : []
        const [first, ...rest] = [...(Either.isLeft(checked) ? checked.left.issues : []), ...noApp]
        return first === undefined
          ? Effect.void
          : Effect.fail(Validation.invalidInput({ provider, operation: "profile.update" }, [first, ...rest]))
      }),
    get,
    update: ({ number, profile }) =>
      Effect.gen(function*() {
        const { photoUrl, ...fields } = profile
        const handle = photoUrl === undefined ? undefined : yield* photoHandle(photoUrl, photoField)
        yield* post({ number, change: { ...fields, photoHandle: handle } })
        return yield* getAfterUpdate({ number })
      }),
    getPhoto,
    setPhoto: ({ number, url }) =>
      Effect.gen(function*() {
        yield* checkPhotoNumber({ number })
        const handle = yield* photoHandle(url, { operation: "profile.photo.set", field: "url" })
        yield* postPhoto({ number, change: { photoHandle: handle } })
        return yield* getPhotoAfterSet({ number })
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
 * The `BusinessProfile` service for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(MetaClient, fromClient)

/**
 * Provides `BusinessProfile` for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(BusinessProfile.BusinessProfile, make)
