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
import { Effect, Either, Layer, Schema } from "effect"
import { BusinessProfile, Profile, Validation, Vertical } from "@wa-admin/core"
import type { AdminError, Transport } from "@wa-admin/core"
import { provider } from "./internal/errors.js"
import { executeAt, profileFromWire, profileToWire, unexpected } from "./internal/mapping.js"
import type { ProfileFields } from "./internal/mapping.js"
import * as Wire from "./internal/wire.js"
import { VonageClient } from "./VonageClient.js"
import type { Service as ClientService } from "./VonageClient.js"

const characters = (text: string): number => [...text].length

const text = (max: number) =>
  Schema.String.pipe(
    Schema.filter((value) => value.length > 0 || "must not be empty (Vonage)"),
    Schema.filter((value) => characters(value) <= max || `must be at most ${max} characters (Vonage)`)
  )

const representable = Vertical.Vertical.pipe(
  Schema.filter(
    (vertical) =>
      Either.isRight(Vertical.vonageNames.encode(vertical)) ||
      `has no Vonage vertical name; one of ${Vertical.all.filter((v) => Either.isRight(Vertical.vonageNames.encode(v))).join(", ")}`
  )
)

/**
 * Vonage's limits on a profile change, as its profile schema documents them.
 *
 * @since 0.1.0
 * @category validation
 */
export const limits = {
  about: 139,
  address: 256,
  description: 256,
  email: 128,
  website: 256,
  websites: 2
} as const

const exact = { exact: true } as const

const VonageRules = Schema.Struct({
  number: Wire.DeploymentId,
  profile: Schema.Struct({
    about: Schema.optionalWith(text(limits.about), exact),
    address: Schema.optionalWith(text(limits.address), exact),
    description: Schema.optionalWith(text(limits.description), exact),
    email: Schema.optionalWith(text(limits.email), exact),
    vertical: Schema.optionalWith(representable, exact),
    websites: Schema.optionalWith(
      Schema.Array(text(limits.website)).pipe(
        Schema.minItems(1, { message: () => "must list at least one website (Vonage)" }),
        Schema.maxItems(limits.websites, { message: () => `at most ${limits.websites} websites (Vonage)` })
      ),
      exact
    )
  })
})

const checkRules = Validation.validate(VonageRules, { provider, operation: "profile.update" })

/**
 * The implementation over a client (without the port's validation and spans; see {@link make}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const implementation = (client: ClientService): BusinessProfile.Implementation => {
  const toProfile = (operation: string) => (response: Transport.Response) =>
    Effect.flatMap(client.transport.decode(operation, Wire.Profile)(response), (wire) =>
      Either.match(profileFromWire(wire), {
        onLeft: (reason) => Effect.fail(unexpected(operation, response.status, `the profile cannot be read: ${reason}`)),
        onRight: Effect.succeed
      })
    )

  const toPhoto = (operation: string) => (response: Transport.Response) =>
    Effect.map(
      client.transport.decode(operation, Wire.ProfilePhoto)(response),
      (wire) => new Profile.ProfilePhoto(wire.image_url === undefined ? {} : { url: wire.image_url })
    )

  const get = (number: string) =>
    Effect.flatMap(
      executeAt(client, {
        operation: "profile.get",
        method: "GET",
        route: "/deployments/{number}/profile",
        ids: { number },
        idempotent: true,
        target: { resource: "deployment", id: number }
      }),
      toProfile("profile.get")
    )

  const setPhoto = (number: string, url: string) =>
    Effect.flatMap(
      executeAt(client, {
        operation: "profile.photo.set",
        method: "POST",
        route: "/deployments/{number}/profile/photo",
        ids: { number },
        body: { image_url: url } satisfies Wire.ProfilePhotoRequest,
        // Replaces the photo with the one at the URL: doing it twice leaves the same photo, so a
        // retry after an ambiguous failure is harmless.
        idempotent: true,
        target: { resource: "deployment", id: number }
      }),
      toPhoto("profile.photo.set")
    )

  const patch = (number: string, fields: ProfileFields): Effect.Effect<Profile.Profile, AdminError.AdminError> =>
    Either.match(profileToWire(fields), {
      onLeft: (error) =>
        Effect.fail(Validation.invalidInput({ provider, operation: "profile.update" }, [{ field: "profile.vertical", rule: error.message }])),
      onRight: (wire) =>
        Effect.flatMap(
          executeAt(client, {
            operation: "profile.update",
            method: "PATCH",
            route: "/deployments/{number}/profile",
            ids: { number },
            body: wire,
            idempotent: true,
            target: { resource: "deployment", id: number }
          }),
          toProfile("profile.update")
        )
    })

  return {
    validateUpdate: (request) => Effect.asVoid(checkRules(request)),
    get: ({ number }) => get(number),
    update: ({ number, profile }) =>
      Effect.gen(function* () {
        const { photoUrl, ...fields } = profile
        const hasFields = Object.values(fields).some((value) => value !== undefined)
        const updated = hasFields ? yield* patch(number, fields) : yield* get(number)
        if (photoUrl === undefined) return updated
        const photo = yield* setPhoto(number, photoUrl)
        return new Profile.Profile({ ...updated, photoUrl: photo.url ?? photoUrl })
      }),
    getPhoto: ({ number }) =>
      Effect.flatMap(
        executeAt(client, {
          operation: "profile.photo.get",
          method: "GET",
          route: "/deployments/{number}/profile/photo",
          ids: { number },
          idempotent: true,
          target: { resource: "deployment", id: number }
        }),
        toPhoto("profile.photo.get")
      ),
    setPhoto: ({ number, url }) => setPhoto(number, url)
  }
}

/**
 * The `BusinessProfile` service for the client in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<BusinessProfile.Service, never, VonageClient> = Effect.map(VonageClient, (client) =>
  BusinessProfile.make(provider, implementation(client))
)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<BusinessProfile.BusinessProfile, never, VonageClient> = Layer.effect(
  BusinessProfile.BusinessProfile,
  make
)
