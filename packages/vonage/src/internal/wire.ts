/**
 * Vonage WhatsApp Manager's wire formats, as its OpenAPI document (v0.1.5) and reference show
 * them, each decoding straight into the domain model (renames with `Schema.fromKey`, Vonage's
 * spellings through transformations) and encoding requests from it. Private to the adapter:
 * never exported from the package.
 *
 * Reads are lenient where the document is: every response property is optional unless the
 * adapter cannot work without it, identifiers may arrive as strings or numbers, unknown fields
 * are ignored. Deployment states are the document's closed enum: an unknown state is an
 * `UnexpectedResponse` rather than a guess.
 */
import { AdminError, Id, PhoneNumber, Profile, Registration } from "@wa-admin/core"
import { Option, ParseResult, Schema } from "effect"
import { provider } from "./errors.js"
import { VonageVertical } from "./verticals.js"

/** A string the document types as `string`, also read when a server sends it as a number. */
export const StringLike = Schema.Union(
  Schema.String,
  Schema.transform(Schema.Number, Schema.String, {
    strict: true,
    decode: (value) => String(value),
    encode: (value) => Number(value)
  })
)

const exact = { exact: true } as const
const optionalString = Schema.optionalWith(StringLike, exact)

/** The first element of a list the answer holds, or a failure saying what it lacks. */
const firstOf = <A, I>(item: Schema.Schema<A, I, never>, what: string) =>
  Schema.transform(
    Schema.NonEmptyArray(item).annotations({ message: () => `the answer holds no ${what}` }),
    Schema.typeSchema(item),
    { strict: true, decode: (items) => items[0], encode: (value): readonly [A, ...Array<A>] => [value] }
  )

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
// Deployments ↔ registrations
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

/** Every deployment state on the neutral lifecycle. */
export const numberStates: { readonly [S in DeploymentState]: Registration.NumberState } = {
  INITIALIZING: "pending",
  CREATING_CLUSTER: "pending",
  CLUSTER_CREATED: "pending",
  CODE_SENT: "code_sent",
  WRONG_CODE: "code_rejected",
  CODE_VERIFIED: "verifying",
  FINALIZING: "verifying",
  READY: "ready",
  ERROR: "failed",
  DELETING: "releasing",
  DELETED: "released"
}

/** `DeploymentResponse` (POST /deployments → 202, GET /deployments/{id} → 200), renamed. */
const DeploymentFields = Schema.Struct({
  id: optionalString.pipe(Schema.fromKey("deployment_id")),
  wabaId: optionalString.pipe(Schema.fromKey("waba_id")),
  countryCode: optionalString.pipe(Schema.fromKey("country_code")),
  number: optionalString,
  currentState: Schema.propertySignature(
    Schema.Struct({ title: DeploymentState, detail: optionalString })
  ).pipe(Schema.fromKey("current_state"))
})

const decodePhoneNumber = Schema.decodeUnknownOption(PhoneNumber.PhoneNumber)

/**
 * A deployment as a registration, but for its id when the answer leaves it out (a status read:
 * the caller knows it). An unparsable number is left out rather than refused: the registration
 * is what matters.
 */
export const Deployment = Schema.transformOrFail(
  DeploymentFields,
  Schema.Struct({
    id: Schema.optionalWith(Schema.String, exact),
    phoneNumber: Schema.optionalWith(Schema.typeSchema(PhoneNumber.PhoneNumber), exact),
    wabaId: Schema.optionalWith(Schema.String, exact),
    state: Registration.NumberState,
    providerState: Schema.String,
    detail: Schema.optionalWith(Schema.String, exact)
  }),
  {
    strict: false,
    decode: ({ countryCode, currentState, number, ...rest }) => {
      const phoneNumber =
        countryCode === undefined || number === undefined
          ? Option.none()
          : decodePhoneNumber({ countryCode: countryCode.replace(/^\+/, ""), nationalNumber: number })
      return ParseResult.succeed(
        Object.assign(
          rest,
          { state: numberStates[currentState.title], providerState: currentState.title },
          currentState.detail === undefined ? {} : { detail: currentState.detail },
          Option.isSome(phoneNumber) ? { phoneNumber: phoneNumber.value } : {}
        )
      )
    },
    encode: (deployment, _, ast) => ParseResult.fail(new ParseResult.Forbidden(ast, deployment, "a deployment is only read"))
  }
)
export type Deployment = typeof Deployment.Type

/** An `UnexpectedResponse` for an answer that decoded but cannot serve the operation. */
export const unexpected = (operation: string, status: number, reason: string): AdminError.UnexpectedResponse =>
  new AdminError.UnexpectedResponse({ provider, operation, status, reason })

/** A deployment with its id, from the answer or else the one asked for. */
export const registration = (deployment: Deployment, fallbackId: string): Registration.Registration =>
  new Registration.Registration({ ...deployment, id: deployment.id ?? fallbackId, provider }, true)

/** What Vonage alone needs to provision, in `providerOptions.vonage`. */
export const ProvisionOptions = Schema.Struct({
  /** The display-name (vname) certificate from the WhatsApp Business dashboard. */
  vnameCertificate: Schema.propertySignature(
    Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" }))
  ).annotations({ missingMessage: () => "is required by Vonage (from the WhatsApp Business dashboard)" })
})

/** The `Deployment` request body of POST /deployments, from a validated provisioning request. */
export const DeploymentRequest = Schema.Struct({
  country_code: Schema.String,
  number: Schema.String,
  vname_certificate: Schema.String,
  method: Schema.Literal("sms", "voice"),
  waba_id: Schema.String,
  pin: Schema.optionalWith(Schema.String, exact)
})
export type DeploymentRequest = typeof DeploymentRequest.Type

/** The body of POST /deployments for a validated provisioning request and Vonage's own options. */
export const deploymentBody = (
  request: {
    readonly phoneNumber: PhoneNumber.PhoneNumber
    readonly wabaId: string
    readonly verificationMethod?: Registration.VerificationMethod | undefined
    readonly pin?: string | undefined
  },
  options: typeof ProvisionOptions.Type
): DeploymentRequest => ({
  country_code: request.phoneNumber.countryCode,
  number: request.phoneNumber.nationalNumber,
  vname_certificate: options.vnameCertificate,
  // The OTP goes by SMS unless asked otherwise.
  method: request.verificationMethod ?? "sms",
  waba_id: request.wabaId,
  ...(request.pin === undefined ? {} : { pin: request.pin })
})

/** POST /deployments/{id}/verify body. */
export const VerifyRequest = Schema.Struct({ code: Schema.String })

/** `Resend-OTP`: POST /deployments/{id}/resend-otp body. */
export const ResendOtpRequest = Schema.Struct({ method: Schema.optionalWith(Schema.Literal("sms", "voice"), exact) })

/** `ResendOtpResponse` (→ 202): the method is kept only when it is one of the two documented. */
export const ResendOtpResponse = Schema.Struct({
  message: optionalString,
  method: Schema.optionalWith(Schema.Union(Schema.Literal("sms", "voice"), Schema.String), exact)
})

// ---------------------------------------------------------------------------------------------
// Profile
// ---------------------------------------------------------------------------------------------

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
export const ProfilePhotoRequest = Schema.Struct({ url: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("image_url")) })

// ---------------------------------------------------------------------------------------------
// Stickerpacks and stickers
// ---------------------------------------------------------------------------------------------

/** One pack of `StickerpacksResponse`: its id. */
export const StickerpackSummary = Schema.Struct({ id: StringLike })

/** `StickerpacksResponse`: lists (third- and first-party). */
export const StickerpacksResponse = Schema.Struct({
  stickerpacks: Schema.optionalWith(Schema.Array(StickerpackSummary), { default: () => [] })
})

/** The answer to a creation: the new pack. */
export const CreatedStickerpack = Schema.Struct({
  stickerpacks: firstOf(StickerpackSummary, "stickerpack id")
})

/** POST /deployments/{id}/stickerpacks body, from the request's fields. */
export const StickerpackRequest = Schema.Struct({
  publisher: Schema.String,
  name: Schema.String,
  iosAppStoreLink: Schema.optional(Schema.String).pipe(Schema.fromKey("ios_app_store_link")),
  androidAppStoreLink: Schema.optional(Schema.String).pipe(Schema.fromKey("android_app_store_link"))
})

/** `StickerpackResponse`'s pack: GET /deployments/{id}/stickerpacks/{stickerpack_id}. */
export const Stickerpack = Schema.Struct({
  id: optionalString,
  name: optionalString,
  publisher: optionalString,
  iosAppStoreLink: optionalString.pipe(Schema.fromKey("ios_app_store_link")),
  androidAppStoreLink: optionalString.pipe(Schema.fromKey("android_app_store_link"))
})

/** `StickerpackResponse`: the pack asked for. */
export const StickerpackResponse = Schema.Struct({ stickerpacks: firstOf(Stickerpack, "stickerpack") })

/** One sticker of `StickersResponse`: its index. */
export const StickerSummary = Schema.Struct({ index: StringLike })

/** `StickersResponse`: the sticker list. */
export const StickersResponse = Schema.Struct({
  stickers: Schema.optionalWith(Schema.Array(StickerSummary), { default: () => [] })
})

/** The answer to a sticker creation: the new sticker. */
export const CreatedSticker = Schema.Struct({ stickers: firstOf(StickerSummary, "sticker index") })

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

/** POST /deployments/{id}/stickerpacks/{stickerpack_id}/stickers body, from the request's fields. */
export const StickerRequest = Schema.Struct({
  imageDataId: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("image_data_id")),
  emojis: Schema.optional(Schema.Array(Schema.String))
})

/** One sticker of `StickerIndexsResponse`. */
export const Sticker = Schema.Struct({
  index: optionalString,
  id: optionalString,
  imageDataId: optionalString.pipe(Schema.fromKey("image_data_id")),
  emojis: Schema.optionalWith(Emojis, { default: () => [] })
})

/** `StickerIndexsResponse`: GET of one sticker. */
export const StickerResponse = Schema.Struct({ stickers: firstOf(Sticker, "sticker") })
