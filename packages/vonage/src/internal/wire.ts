/**
 * Vonage WhatsApp Manager's wire formats, as its OpenAPI document (v0.1.5) and reference show
 * them. Private to the adapter: never exported from the package.
 *
 * Reads are lenient where the document is: every response property is optional unless the
 * adapter cannot work without it, identifiers may arrive as strings or numbers, unknown fields
 * are ignored. Deployment states are the document's closed enum: an unknown state is an
 * `UnexpectedResponse` rather than a guess.
 */
import { Id } from "@wa-admin/core"
import { Schema } from "effect"

/** A string the document types as `string`, also read when a server sends it as a number. */
export const StringLike = Schema.Union(
  Schema.String,
  Schema.transform(Schema.Number, Schema.String, {
    strict: true,
    decode: (value) => String(value),
    encode: (value) => Number(value)
  })
)

const optionalString = Schema.optional(StringLike)

// ---------------------------------------------------------------------------------------------
// Ids (path parameters)
// ---------------------------------------------------------------------------------------------

/**
 * `deployment_id`. The document types it `string` but shows a UUID wherever it shows one (the
 * parameter's example, `DeploymentResponse`, the verify answer, the number-in-use detail "Active
 * deployment already exists with id 21801df5-…"), and the emulator's are UUIDs: a UUID it is.
 */
export const DeploymentId = Id.Uuid.annotations({
  message: () => "must be a Vonage deployment id: a UUID (8-4-4-4-12 hexadecimal digits)"
})

/**
 * `stickerpack_id`. The document says only `string` (examples `stickerpack-id`,
 * `sticker-pack-id1`), so the generic id rule.
 */
export const StickerpackId = Id.ResourceId

/**
 * `sticker_index`. The document says only `string` (examples `sticker-index`, `sticker-index1`),
 * so the generic id rule, not digits.
 */
export const StickerIndex = Id.ResourceId

/**
 * `image_data_id`, "the ID for the sticker media". The document says only `string` (example
 * `sticker-image-media-id`), so the generic id rule.
 */
export const MediaId = Id.ResourceId

/**
 * What each id placed in a path is, by the input field it comes from (`id` and `number` are the
 * port's names for a deployment id): the formats every path of the adapter is built with.
 */
export const pathIds = {
  id: DeploymentId,
  number: DeploymentId,
  deploymentId: DeploymentId,
  stickerpackId: StickerpackId,
  index: StickerIndex
} as const

// ---------------------------------------------------------------------------------------------
// Deployments
// ---------------------------------------------------------------------------------------------

/** `current_state.title`: the eleven documented deployment states. */
export const DeploymentState = Schema.Literal(
  "INITIALIZING",
  "CREATING_CLUSTER",
  "CLUSTER_CREATED",
  "CODE_SENT",
  "WRONG_CODE",
  "CODE_VERIFIED",
  "FINALIZING",
  "READY",
  "ERROR",
  "DELETING",
  "DELETED"
)
export type DeploymentState = typeof DeploymentState.Type

/** `DeploymentResponse` (POST /deployments → 202, GET /deployments/{id} → 200). */
export const DeploymentResponse = Schema.Struct({
  deployment_id: optionalString,
  waba_id: optionalString,
  country_code: optionalString,
  number: optionalString,
  api_key: optionalString,
  current_state: Schema.Struct({
    title: DeploymentState,
    detail: optionalString
  })
})
export type DeploymentResponse = typeof DeploymentResponse.Type

/** The `Deployment` request body of POST /deployments. */
export const DeploymentRequest = Schema.Struct({
  country_code: Schema.String,
  number: Schema.String,
  vname_certificate: Schema.String,
  method: Schema.Literal("sms", "voice"),
  waba_id: Schema.String,
  pin: Schema.optional(Schema.String)
})
export type DeploymentRequest = typeof DeploymentRequest.Type

/** POST /deployments/{id}/verify body. */
export const VerifyRequest = Schema.Struct({ code: Schema.String })
export type VerifyRequest = typeof VerifyRequest.Type

/** POST /deployments/{id}/verify → 201. */
export const VerifyResponse = Schema.Struct({
  deployment_id: optionalString,
  status: optionalString
})

/** `Resend-OTP`: POST /deployments/{id}/resend-otp body. */
export const ResendOtpRequest = Schema.Struct({ method: Schema.optional(Schema.Literal("sms", "voice")) })
export type ResendOtpRequest = typeof ResendOtpRequest.Type

/** `ResendOtpResponse` (→ 202). */
export const ResendOtpResponse = Schema.Struct({
  message: optionalString,
  vname: optionalString,
  method: optionalString
})

// ---------------------------------------------------------------------------------------------
// Profile
// ---------------------------------------------------------------------------------------------

/** The `profile` schema: GET/PATCH /deployments/{id}/profile, request and response alike. */
export const Profile = Schema.Struct({
  about: Schema.optional(Schema.String),
  address: Schema.optional(Schema.String),
  description: Schema.optional(Schema.String),
  email: Schema.optional(Schema.String),
  vertical: Schema.optional(Schema.String),
  websites: Schema.optional(Schema.Array(Schema.String))
})
export type Profile = typeof Profile.Type

/** GET/POST /deployments/{id}/profile/photo response, and the POST body (`image_url` required). */
export const ProfilePhoto = Schema.Struct({ image_url: Schema.optional(Schema.String) })

/** POST /deployments/{id}/profile/photo body. */
export const ProfilePhotoRequest = Schema.Struct({ image_url: Schema.String })
export type ProfilePhotoRequest = typeof ProfilePhotoRequest.Type

// ---------------------------------------------------------------------------------------------
// Stickerpacks and stickers
// ---------------------------------------------------------------------------------------------

/** `StickerpacksResponse`: lists (third- and first-party) and the answer to a creation. */
export const StickerpacksResponse = Schema.Struct({
  stickerpacks: Schema.optionalWith(Schema.Array(Schema.Struct({ id: StringLike })), { default: () => [] })
})

/** POST /deployments/{id}/stickerpacks body. */
export const StickerpackRequest = Schema.Struct({
  publisher: Schema.String,
  name: Schema.String,
  ios_app_store_link: Schema.optional(Schema.String),
  android_app_store_link: Schema.optional(Schema.String)
})
export type StickerpackRequest = typeof StickerpackRequest.Type

/** `StickerpackResponse`: GET /deployments/{id}/stickerpacks/{stickerpack_id}. */
export const StickerpackResponse = Schema.Struct({
  stickerpacks: Schema.optionalWith(
    Schema.Array(
      Schema.Struct({
        id: optionalString,
        name: optionalString,
        publisher: optionalString,
        android_app_store_link: optionalString,
        ios_app_store_link: optionalString
      })
    ),
    { default: () => [] }
  )
})

/** `StickersResponse`: the sticker list, and the answer to a sticker creation. */
export const StickersResponse = Schema.Struct({
  stickers: Schema.optionalWith(Schema.Array(Schema.Struct({ index: StringLike })), { default: () => [] })
})

/**
 * Sticker emojis. The document's request example is a flat array (`["🐥", "😃"]`) but its
 * response examples nest it (`[["🐥", "😃"]]`): both are read, and flattened.
 */
export const Emojis = Schema.transform(
  Schema.Array(Schema.Union(Schema.String, Schema.Array(Schema.String))),
  Schema.Array(Schema.String),
  {
    strict: true,
    decode: (emojis) => emojis.flatMap((entry) => (typeof entry === "string" ? [entry] : entry)),
    encode: (emojis) => emojis
  }
)

/** POST /deployments/{id}/stickerpacks/{stickerpack_id}/stickers body. */
export const StickerRequest = Schema.Struct({
  image_data_id: Schema.String,
  emojis: Schema.optional(Schema.Array(Schema.String))
})
export type StickerRequest = typeof StickerRequest.Type

/** `StickerIndexsResponse`: GET and DELETE of one sticker. */
export const StickerIndexsResponse = Schema.Struct({
  stickers: Schema.optionalWith(
    Schema.Array(
      Schema.Struct({
        index: optionalString,
        id: optionalString,
        image_data_id: optionalString,
        emojis: Schema.optionalWith(Emojis, { default: () => [] })
      })
    ),
    { default: () => [] }
  )
})
