/**
 * The business profile and its photo on the wire (`/deployments/{id}/profile`), straight into
 * the domain `Profile` and `ProfilePhoto`, the vertical spelled Vonage's way.
 */
import { Profile } from "@wa-admin/core"
import { Schema } from "effect"
import { VonageVertical } from "../verticals.js"
import { exact } from "./common.js"

/** The `profile` schema's fields: GET/PATCH /deployments/{id}/profile, request and response alike. */
const ProfileFields = Schema.Struct({
  about: Schema.optionalWith(Schema.String, exact),
  address: Schema.optionalWith(Schema.String, exact),
  description: Schema.optionalWith(Schema.String, exact),
  email: Schema.optionalWith(Schema.String, exact),
  vertical: Schema.optionalWith(VonageVertical, exact),
  websites: Schema.optionalWith(Schema.Array(Schema.String), exact)
})

/** A profile as Vonage answers it, straight into the domain `Profile` (its photo is a separate resource). */
export const ProfileResponse = Schema.transform(ProfileFields, Schema.typeSchema(Profile.Profile), {
  strict: false,
  decode: (fields) => new Profile.Profile(fields, true),
  encode: ({ photoUrl: _photoUrl, ...fields }) => fields
})

/**
 * A profile change in Vonage's spelling (PATCH body): the fields given (a field left undefined is
 * left out of the JSON), the vertical spelled Vonage's way.
 */
export const ProfileChange = Schema.Struct({
  about: Schema.optional(Schema.String),
  address: Schema.optional(Schema.String),
  description: Schema.optional(Schema.String),
  email: Schema.optional(Schema.String),
  vertical: Schema.optional(VonageVertical),
  websites: Schema.optional(Schema.Array(Schema.String))
})

/** GET/POST /deployments/{id}/profile/photo response. */
export const ProfilePhotoResponse = Schema.transform(
  Schema.Struct({ url: Schema.optionalWith(Schema.String, exact).pipe(Schema.fromKey("image_url")) }),
  Schema.typeSchema(Profile.ProfilePhoto),
  { strict: false, decode: (fields) => new Profile.ProfilePhoto(fields, true), encode: (photo) => ({ ...photo }) }
)

/** POST /deployments/{id}/profile/photo body. */
export const ProfilePhotoRequest = Schema.Struct({
  url: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("image_url"))
})
