/**
 * `BusinessProfile` on a Vonage deployment: the profile (GET/PATCH
 * `/deployments/{id}/profile`) and its photo (GET/POST `/deployments/{id}/profile/photo`).
 * The `number` of each request is the deployment id, a UUID as the document shows it: any other
 * is a local `InvalidInput` naming `number` (from `validate` too), and nothing is sent.
 *
 * Vonage's documented limits are checked before anything is sent, on top of the port's shared
 * rules: `about` at most 139 characters, `address` and `description` 256, `email` 128, each
 * website 256, none of them empty, and the vertical one of Vonage's names (`NotABusiness` has
 * none). A change that breaks one is an `InvalidInput` naming the field and the rule.
 *
 * A `photoUrl` in a profile change sets the photo (POST `/profile/photo`) after the other
 * fields; `get` answers the profile fields, `getPhoto` the photo.
 *
 * @since 0.1.0
 */
import { BusinessProfile, Profile, Validation, Vertical } from "@wa-admin/core"
import * as ProfileRules from "@wa-admin/core/adapter/ProfileRules"
import { Effect, Either, Layer, Schema } from "effect"
import * as Endpoints from "./internal/endpoints/profile.js"
import { provider } from "./internal/errors.js"
import { vonageNames } from "./internal/verticals.js"
import { DeploymentId } from "./internal/wire/ids.js"
import { VonageClient } from "./VonageClient.js"
import type { Service as ClientService } from "./VonageClient.js"

const representable = Vertical.Vertical.pipe(
  Schema.filter(
    (vertical) =>
      Either.isRight(vonageNames.encode(vertical)) ||
      `has no Vonage vertical name; one of ${vonageNames.representable.join(", ")}`
  )
)

/**
 * Vonage's limits on a profile change, as its profile schema documents them (the Cloud API's, core
 * `ProfileRules.limits`).
 *
 * @since 0.1.0
 * @category validation
 */
export const limits = ProfileRules.limits

const VonageRules = ProfileRules.changeRules({
  provider: "Vonage",
  number: DeploymentId,
  vertical: representable,
  nonEmpty: ["about", "address", "description", "email", "websites"]
})

const checkRules = Validation.validate(VonageRules, { provider, operation: "profile.update" })

/**
 * The implementation over a client (without the port's validation and spans; see {@link make}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const implementation = (client: ClientService): BusinessProfile.Implementation => {
  const get = client.call(Endpoints.getProfile)
  const patch = client.call(Endpoints.updateProfile)
  const setPhoto = client.call(Endpoints.setPhoto)
  return {
    validateUpdate: (request) => Effect.asVoid(checkRules(request)),
    get,
    update: ({ number, profile }) =>
      Effect.gen(function*() {
        const { photoUrl, ...fields } = profile
        const hasFields = Object.values(fields).some((value) => value !== undefined)
        const updated = hasFields ? yield* patch({ number, profile: fields }) : yield* get({ number })
        if (photoUrl === undefined) return updated
        const photo = yield* setPhoto({ number, url: photoUrl })
        return new Profile.Profile({ ...updated, photoUrl: photo.url ?? photoUrl })
      }),
    getPhoto: client.call(Endpoints.getPhoto),
    setPhoto
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
 * The `BusinessProfile` service for the `VonageClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(VonageClient, fromClient)

/**
 * Provides `BusinessProfile` for the `VonageClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(BusinessProfile.BusinessProfile, make)
