/**
 * Meta's wire formats, as the Graph API v23.0 document shows them, each decoding straight into
 * the domain (the port's `Profile`, `Template` and its components, the adapter's models) and
 * encoding requests from it: renames with `Schema.fromKey`, Meta's spellings through
 * transformations. Private to the adapter.
 *
 * Reads are lenient where the domain has no place for something (a component type, a button type
 * or a vertical code the domain does not know is left out; an empty text is no text), strict
 * where the adapter cannot work without a field (an id, a template's name and status).
 */
import { Id, PhoneNumber, Profile, Registration, Template } from "@wa-admin/core"
import { CloudApi, SnakeCase } from "@wa-admin/core/adapter"
import { DateTime, Option, ParseResult, Schema } from "effect"
import {
  AssignedUser,
  CommerceSettings,
  FlowAsset,
  FlowDetail,
  FlowMigration,
  MediaInfo,
  NumberStatus,
  QrCode,
  Subscription,
  WabaInfo
} from "../MetaModels.js"

const { BusinessPublicKey, FlowJsonResult, FlowPreview, FlowValidationError } = CloudApi

const exact = { exact: true } as const
const optionalString = Schema.optionalWith(Schema.String, exact)

// ---------------------------------------------------------------------------------------------
// Ids: every id in the document is decimal digits (`pattern: ^[0-9]+$`)
// ---------------------------------------------------------------------------------------------

/** A phone number id (`Phone-Number-ID`, the port's registration `id` and profile `number`). */
export const PhoneNumberId = Id.digits("a phone number id")
/** A WABA id (`WABA-ID`). */
export const WabaId = Id.digits("a WABA id")
/** A template id (`TEMPLATE_ID`, `hsm_id`). */
export const TemplateId = Id.digits("a template id")
/** A media id (`Media-ID`). */
export const MediaId = Id.digits("a media id")
/** An app id (`App-ID`, the resumable upload's owner). */
export const AppId = Id.digits("an app id")
/** A business (portfolio) id (`Business-ID`). */
export const BusinessId = Id.digits("a business id")
/** A user id (a business user or system user assigned to a WABA). */
export const UserId = Id.digits("a user id")

/** A message QR code's id (`QR-Code-ID`): 14 characters of A to Z and 2 to 7, as the document's pattern says. */
export const QrCodeId = Schema.String.pipe(
  Schema.pattern(/^[A-Z2-7]{14}$/, {
    message: () => "must be a QR code id (14 characters: capital letters A to Z and digits 2 to 7)"
  })
)

/**
 * The session of a resumable upload, as Meta names it after `upload:` (base64-like text). The
 * answer is provider input: anything else is refused before it reaches a path.
 */
export const UploadSession = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9+/=_-]{1,2048}$/, {
    message: () => "must be an upload session (base64: letters, digits, + / = _ -)"
  })
)

/**
 * The format of each path placeholder. `{id}` is a phone number id or a template id, both
 * digits.
 */
export const pathIds = {
  id: Id.Digits,
  number: PhoneNumberId,
  phoneNumberId: PhoneNumberId,
  wabaId: WabaId,
  mediaId: MediaId,
  appId: AppId,
  flowId: CloudApi.FlowId,
  businessId: BusinessId,
  code: QrCodeId,
  session: UploadSession
} as const

// ---------------------------------------------------------------------------------------------
// Common answers and paging
// ---------------------------------------------------------------------------------------------

/** `{ success: true }`, the answer of most changes (a `false` is refused by the client). */
export const Success = Schema.Struct({ success: Schema.optionalWith(Schema.Boolean, exact) })

/** Graph's cursor paging. */
export const GraphPaging = Schema.Struct({
  cursors: Schema.optionalWith(Schema.Struct({ before: optionalString, after: optionalString }), exact),
  next: optionalString,
  previous: optionalString
})
export type GraphPaging = typeof GraphPaging.Type

/**
 * The cursor of the next page: `paging.cursors.after` while `paging.next` says there is one, or
 * while pages come back full (a server that leaves `next` out); an empty page ends a listing
 * whatever its cursors.
 */
export const nextCursor = (count: number, paging: GraphPaging | undefined, limit: number): string | undefined => {
  const after = paging?.cursors?.after
  if (after === undefined || after.length === 0 || count === 0) return undefined
  return paging?.next !== undefined || count >= limit ? after : undefined
}

// ---------------------------------------------------------------------------------------------
// Phone numbers
// ---------------------------------------------------------------------------------------------

const decodePhoneNumber = ParseResult.decodeUnknown(PhoneNumber.PhoneNumber)

/**
 * The `POST /{WABA-ID}/phone_numbers` body from the number and its display name: `cc` the
 * country code, `phone_number` the whole number without `+` (as the document's examples show:
 * `cc: "1"`, `phone_number: "16315551000"`), `verified_name` the name.
 */
export const NumberAddition = Schema.transformOrFail(
  Schema.Struct({ cc: Schema.String, phone_number: Schema.String, verified_name: Schema.String }),
  Schema.Struct({ phoneNumber: Schema.typeSchema(PhoneNumber.PhoneNumber), displayName: Schema.String }),
  {
    strict: true,
    decode: (wire, _, ast) =>
      wire.phone_number.startsWith(wire.cc)
        ? ParseResult.map(
          decodePhoneNumber({ countryCode: wire.cc, nationalNumber: wire.phone_number.slice(wire.cc.length) }),
          (phoneNumber) => ({ phoneNumber, displayName: wire.verified_name })
        )
        : ParseResult.fail(new ParseResult.Type(ast, wire, "phone_number must start with cc")),
    encode: ({ displayName, phoneNumber }) =>
      ParseResult.succeed({
        cc: phoneNumber.countryCode,
        phone_number: `${phoneNumber.countryCode}${phoneNumber.nationalNumber}`,
        verified_name: displayName
      })
  }
)

/** The answer of `POST /{WABA-ID}/phone_numbers`: the new number's id. */
export const AddedNumber = Schema.Struct({ id: PhoneNumberId }).pipe(Schema.pluck("id"))

/** `SMS` / `VOICE` as the port's `sms` / `voice`. */
const CodeMethod = Schema.transform(Schema.Literal("SMS", "VOICE"), Registration.VerificationMethod, {
  strict: true,
  decode: (method) => (method === "SMS" ? "sms" : "voice"),
  encode: (method) => (method === "sms" ? "SMS" : "VOICE")
})

/** The `POST /{Phone-Number-ID}/request_code` body: how to send the code, in which language. */
export const CodeRequest = Schema.Struct({
  method: Schema.propertySignature(CodeMethod).pipe(Schema.fromKey("code_method")),
  language: Schema.String
})

/** The `POST /{Phone-Number-ID}/verify_code` body. */
export const CodeVerification = Schema.Struct({ code: Schema.String })

/** The `POST /{Phone-Number-ID}/register` body: `messaging_product: "whatsapp"` and the two-step PIN. */
export const Registering = Schema.transform(
  Schema.Struct({ messaging_product: Schema.Literal("whatsapp"), pin: Schema.String }),
  Schema.Struct({ pin: Schema.String }),
  {
    strict: true,
    decode: ({ pin }) => ({ pin }),
    encode: ({ pin }) => ({ messaging_product: "whatsapp" as const, pin })
  }
)

/** `throughput` as its `level` (`{ "level": "STANDARD" }`); another shape is left out. */
const Throughput = Schema.optionalToOptional(Schema.Unknown, Schema.String, {
  decode: Option.flatMap((value) => {
    if (typeof value === "string") return Option.some(value)
    if (typeof value === "object" && value !== null && "level" in value && typeof value.level === "string") {
      return Option.some(value.level)
    }
    return Option.none()
  }),
  encode: Option.map((level) => ({ level }))
})

/**
 * The fields `GET /{Phone-Number-ID}` is asked for (`fields=`): what the lifecycle state is made
 * of and what is worth keeping about the number.
 */
export const numberFields = [
  "id",
  "display_phone_number",
  "verified_name",
  "code_verification_status",
  "name_status",
  "quality_rating",
  "status",
  "platform_type",
  "throughput",
  "messaging_limit_tier"
].join(",")

/** What Meta says of a number wherever it describes one (read alone or listed). */
const numberDescription = {
  displayPhoneNumber: optionalString.pipe(Schema.fromKey("display_phone_number")),
  verifiedName: optionalString.pipe(Schema.fromKey("verified_name")),
  codeVerificationStatus: optionalString.pipe(Schema.fromKey("code_verification_status")),
  nameStatus: optionalString.pipe(Schema.fromKey("name_status")),
  qualityRating: optionalString.pipe(Schema.fromKey("quality_rating")),
  status: optionalString,
  messagingLimitTier: optionalString.pipe(Schema.fromKey("messaging_limit_tier"))
}

/** `GET /{Phone-Number-ID}`: what Meta says of a number. */
export const NumberFacts = Schema.Struct({
  id: optionalString,
  ...numberDescription,
  platformType: optionalString.pipe(Schema.fromKey("platform_type")),
  throughput: Throughput
})
export type NumberFacts = typeof NumberFacts.Type

/** One entry of `GET /{WABA-ID}/phone_numbers`. */
const ListedNumber = Schema.Struct({
  id: Schema.String,
  displayPhoneNumber: optionalString.pipe(Schema.fromKey("display_phone_number"))
})

/** A page of `GET /{WABA-ID}/phone_numbers`. */
export const NumbersPage = Schema.Struct({
  data: Schema.Array(ListedNumber),
  paging: Schema.optionalWith(GraphPaging, exact)
})

const decodeE164 = Schema.decodeUnknownOption(PhoneNumber.FromE164)

/** A number written any way (`+1 631-555-5555`) as a phone number, when it is one. */
export const phoneNumberOf = (display: string | undefined): PhoneNumber.PhoneNumber | undefined =>
  display === undefined ? undefined : Option.getOrUndefined(decodeE164(`+${display.replace(/\D/g, "").slice(0, 15)}`))

/** What this client saw of a number that Meta's answer does not say: its last code was refused. */
export interface Hints {
  readonly codeRejected: boolean
}

const upper = (text: string | undefined) => text?.toUpperCase()

/**
 * The neutral state of a number, and the Meta value it comes from:
 *
 * | Meta | neutral |
 * |---|---|
 * | `status` `DELETED`, `UNLINKED` or `DISCONNECTED` (deregistered), `MIGRATED` (moved away) | `released` |
 * | `status` `BANNED` | `failed` |
 * | `status` `LINKED` or `CONNECTED`, or `platform_type` `CLOUD_API` (registered) | `ready` |
 * | `code_verification_status` `VERIFIED`, not registered | `verifying` (registration awaits its PIN) |
 * | any other code status (`UNVERIFIED`, `NOT_VERIFIED`, `EXPIRED`, none) | `code_sent`, or `code_rejected` when this client saw the last code refused |
 */
export const stateOf = (
  facts: NumberFacts,
  hints: Hints
): { readonly state: Registration.NumberState; readonly providerState: string } => {
  const status = upper(facts.status)
  const platform = upper(facts.platformType)
  const code = upper(facts.codeVerificationStatus)
  if (status !== undefined && released.has(status)) return { state: "released", providerState: status }
  if (status === "BANNED") return { state: "failed", providerState: status }
  if (status === "LINKED" || status === "CONNECTED" || platform === "CLOUD_API") {
    return { state: "ready", providerState: status ?? platform ?? "CONNECTED" }
  }
  if (code === "VERIFIED") return { state: "verifying", providerState: code }
  return { state: hints.codeRejected ? "code_rejected" : "code_sent", providerState: code ?? status ?? "UNVERIFIED" }
}

const released = new Set(["DELETED", "UNLINKED", "DISCONNECTED", "MIGRATED"])

const details: ReadonlyArray<keyof NumberFacts> = [
  "displayPhoneNumber",
  "verifiedName",
  "codeVerificationStatus",
  "nameStatus",
  "qualityRating",
  "status",
  "platformType",
  "throughput",
  "messagingLimitTier"
]

const detailOf = (state: Registration.NumberState): string | undefined => {
  switch (state) {
    case "code_sent":
      return "waiting for the verification code (request one with resendCode when none arrived)"
    case "code_rejected":
      return "the last code submitted was refused"
    case "verifying":
      return "the code is verified; the number is registered with its two-step PIN (MetaNumbers.register) to be ready"
    default:
      return undefined
  }
}

/** A number's registration, from Meta's facts and what this client saw. */
export const registration = (
  id: string,
  facts: NumberFacts,
  hints: Hints,
  wabaId?: string
): Registration.Registration => {
  const { providerState, state } = stateOf(facts, hints)
  const phoneNumber = phoneNumberOf(facts.displayPhoneNumber)
  const detail = detailOf(state)
  return new Registration.Registration({
    id,
    provider: "meta",
    phoneNumber,
    wabaId,
    state,
    providerState,
    detail,
    details: Object.fromEntries(details.flatMap((key) => (facts[key] === undefined ? [] : [[key, facts[key]]])))
  })
}

// ---------------------------------------------------------------------------------------------
// Business profile
// ---------------------------------------------------------------------------------------------

/** The fields `GET /{Phone-Number-ID}/whatsapp_business_profile` is asked for. */
export const profileFields = "about,address,description,email,profile_picture_url,websites,vertical"

/** The profile fields as the Cloud API answers them (core `CloudApi`). */
const { ProfileFields } = CloudApi

/** An entry of `data`: the document nests the profile under `business_profile`; Graph has also sent it flat. */
const ProfileEntry = Schema.Union(Schema.Struct({ business_profile: ProfileFields }), ProfileFields)

const profileOf = (entry: typeof ProfileEntry.Type | undefined): typeof ProfileFields.Type =>
  entry === undefined ? {} : "business_profile" in entry ? entry.business_profile : entry

/** `GET /{Phone-Number-ID}/whatsapp_business_profile` as the domain `Profile` (the first entry; none: an empty profile). */
export const ProfileResponse = Schema.transform(
  Schema.Struct({ data: Schema.Array(ProfileEntry) }),
  Schema.typeSchema(Profile.Profile),
  {
    strict: false,
    decode: ({ data }) => new Profile.Profile(profileOf(data[0]), true),
    encode: (profile) => ({ data: [{ business_profile: profile }] })
  }
)

/** The same answer read for the photo alone. */
export const ProfilePhotoResponse = Schema.transform(ProfileResponse, Schema.typeSchema(Profile.ProfilePhoto), {
  strict: false,
  decode: (profile) => new Profile.ProfilePhoto({ url: profile.photoUrl }, true),
  encode: (photo) => new Profile.Profile({ photoUrl: photo.url }, true)
})

/**
 * The `POST /{Phone-Number-ID}/whatsapp_business_profile` body for a change: the fields given
 * (one left undefined is left out of the JSON), the vertical as Meta's code, a new photo as the
 * `profile_picture_handle` of a resumable upload, and `messaging_product: "whatsapp"`.
 */
export const ProfileChange = CloudApi.profileChange({
  name: "photoHandle",
  wire: Schema.optional(Schema.String).pipe(Schema.fromKey("profile_picture_handle")),
  domain: Schema.optional(Schema.String)
})
export type ProfileChange = typeof ProfileChange.Type

// ---------------------------------------------------------------------------------------------
// Media and resumable uploads
// ---------------------------------------------------------------------------------------------

/** The answer of `POST /{Phone-Number-ID}/media`: the media id. */
export const UploadedMedia = Schema.Struct({ id: MediaId }).pipe(Schema.pluck("id"))

/** `file_size`: the document shows it as text (`"303833"`); a number is read too. */
const FileSize = Schema.Union(Schema.NonNegative, Schema.NumberFromString.pipe(Schema.nonNegative()))

/** `GET /{Media-ID}` as `MediaInfo`. */
export const MediaInfoResponse = Schema.transform(
  Schema.Struct({
    id: Schema.String,
    url: Schema.String,
    mimeType: optionalString.pipe(Schema.fromKey("mime_type")),
    sha256: optionalString,
    fileSize: Schema.optionalWith(FileSize, exact).pipe(Schema.fromKey("file_size"))
  }),
  Schema.typeSchema(MediaInfo),
  { strict: false, decode: (fields) => new MediaInfo(fields, true), encode: (info) => info }
)

/** An upload session's id as Meta answers it: `upload:<session>`, with `?sig=…` (or other parameters) after it. */
export interface UploadTarget {
  readonly session: string
  readonly query: Readonly<Record<string, string>>
}

const isUploadSession = Schema.is(UploadSession)
const parameterName = /^[a-z_]{1,32}$/

/** Reads `upload:<session>?sig=…`; `undefined` for anything else (at most 8 parameters, each value under 2,048 characters). */
export const uploadTarget = (id: string): UploadTarget | undefined => {
  if (!id.startsWith("upload:") || id.length > 8192) return undefined
  const question = id.indexOf("?")
  const session = id.slice("upload:".length, question < 0 ? undefined : question)
  if (!isUploadSession(session)) return undefined
  const query: Record<string, string> = {}
  if (question >= 0) {
    const parameters = [...new URLSearchParams(id.slice(question + 1))]
    if (parameters.length > 8) return undefined
    for (const [name, value] of parameters) {
      if (!parameterName.test(name) || value.length > 2048 || name in query) return undefined
      query[name] = value
    }
  }
  return { session, query }
}

/** The answer of `POST /{App-ID}/uploads`: the session to upload to. */
export const UploadSessionResponse = Schema.transformOrFail(
  Schema.Struct({ id: Schema.String }),
  Schema.Struct({ session: Schema.String, query: Schema.Record({ key: Schema.String, value: Schema.String }) }),
  {
    strict: true,
    decode: ({ id }, _, ast) => {
      const target = uploadTarget(id)
      return target === undefined
        ? ParseResult.fail(
          new ParseResult.Type(
            ast,
            undefined,
            "id must be upload:<session> (base64: letters, digits, + / = _ -), with at most a few parameters"
          )
        )
        : ParseResult.succeed(target)
    },
    encode: ({ query, session }) => {
      const parameters = new URLSearchParams(query).toString()
      return ParseResult.succeed({ id: `upload:${session}${parameters.length === 0 ? "" : `?${parameters}`}` })
    }
  }
)

/** The answer of `POST /upload:<session>`: the file's handle. */
export const UploadedFile = Schema.Struct({ h: Schema.String.pipe(Schema.minLength(1)) }).pipe(Schema.pluck("h"))

// ---------------------------------------------------------------------------------------------
// Message templates
// ---------------------------------------------------------------------------------------------

/** A component, in the Cloud API's shape (which Meta serves): what creations and edits send. */
export const Component = CloudApi.Component

/** A template as Meta answers it (a listing's entry or `GET /{TEMPLATE_ID}`), as the domain `Template`. */
export const TemplateResponse = Schema.transform(
  Schema.Struct({
    id: optionalString,
    name: Schema.String,
    language: Schema.String,
    category: Schema.String,
    status: Schema.String,
    // A component or button the domain has no place for is left out, the template is kept.
    components: Schema.optionalWith(CloudApi.Components, { default: () => [] }),
    qualityScore: Schema.optionalToOptional(Schema.Struct({ score: optionalString }), Schema.String, {
      decode: Option.flatMap((quality) => Option.fromNullable(quality.score)),
      encode: Option.map((score) => ({ score }))
    }).pipe(Schema.fromKey("quality_score")),
    // `NONE` means no rejection.
    rejectedReason: Schema.optionalToOptional(Schema.String, Schema.String, {
      decode: Option.filter((reason) => reason !== "NONE" && reason.length > 0),
      encode: (reason) => reason
    }).pipe(Schema.fromKey("rejected_reason"))
  }),
  Schema.typeSchema(Template.Template),
  { strict: false, decode: (fields) => new Template.Template(fields, true), encode: (template) => template }
)

/** A page of `GET /{WABA-ID}/message_templates`. */
export const TemplatesPage = Schema.Struct({
  data: Schema.Array(TemplateResponse),
  paging: Schema.optionalWith(GraphPaging, exact)
})

/** The `POST /{WABA-ID}/message_templates` body. */
export const TemplateCreation = Schema.Struct({
  name: Schema.String,
  language: Schema.String,
  category: Schema.String,
  components: Schema.Array(Component)
})

/** The answer of a creation: the new template's id, and its status and category as Meta set them. */
export const CreatedTemplate = Schema.Struct({ id: TemplateId, status: optionalString, category: optionalString })

/** The `POST /{TEMPLATE_ID}` body: the new components (the category is never sent: see `MetaTemplates`). */
export const TemplateEdit = Schema.Struct({ components: Schema.Array(Component) })

// ---------------------------------------------------------------------------------------------
// Extensions: shared readers
// ---------------------------------------------------------------------------------------------

const optionalBoolean = Schema.optionalWith(Schema.Boolean, exact)

/** A page of Graph's cursor paging holding `item`s. */
const pageOf = <A, I>(item: Schema.Schema<A, I, never>) =>
  Schema.Struct({ data: Schema.Array(item), paging: Schema.optionalWith(GraphPaging, exact) })

/** A time Meta writes as text (`2023-05-21T11:18:09+0000`); one that does not parse is no time. */
const readTime = Schema.optionalToOptional(Schema.String, Schema.DateTimeUtcFromSelf, {
  decode: Option.flatMap((text) => Option.map(DateTime.make(text), DateTime.toUtc)),
  encode: Option.map(DateTime.formatIso)
})

// ---------------------------------------------------------------------------------------------
// Flows
// ---------------------------------------------------------------------------------------------

/** A validation error of a flow JSON (`line_start` …) as `FlowValidationError`. */
const ValidationError = Schema.transform(
  Schema.Struct({ message: Schema.String, ...CloudApi.flowValidationErrorFields }),
  Schema.typeSchema(FlowValidationError),
  { strict: false, decode: (fields) => new FlowValidationError(fields, true), encode: (error) => error }
)

const ValidationErrors = Schema.optionalWith(Schema.Array(ValidationError), { default: () => [] }).pipe(
  Schema.fromKey("validation_errors")
)

/** `preview: { preview_url, expires_at }` as `FlowPreview`. */
const Preview = Schema.transform(
  Schema.Struct({
    url: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("preview_url")),
    expiresAt: readTime.pipe(Schema.fromKey("expires_at"))
  }),
  Schema.typeSchema(FlowPreview),
  { strict: false, decode: (fields) => new FlowPreview(fields, true), encode: (preview) => preview }
)

/**
 * The fields `GET /{Flow-ID}` is asked for: the document's list (`preview` makes Meta answer a
 * preview URL, renewed when it expired).
 */
export const flowFields = CloudApi.flowFields.join(",")

/** A flow as listed or read (`GET /{WABA-ID}/flows`, `GET /{Flow-ID}`) as `FlowDetail`. */
export const FlowResponse = Schema.transform(
  Schema.Struct({
    id: Schema.String,
    name: Schema.String,
    categories: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
    status: Schema.String,
    preview: Schema.optionalWith(Preview, exact),
    validationErrors: ValidationErrors,
    jsonVersion: optionalString.pipe(Schema.fromKey("json_version")),
    dataApiVersion: optionalString.pipe(Schema.fromKey("data_api_version")),
    endpointUrl: optionalString.pipe(Schema.fromKey("data_channel_uri")),
    canSendMessage: Schema.optionalToOptional(
      Schema.Struct({ can_send_message: optionalString }),
      Schema.String,
      {
        decode: Option.flatMap((health) => Option.fromNullable(health.can_send_message)),
        encode: Option.map((value) => ({ can_send_message: value }))
      }
    ).pipe(Schema.fromKey("health_status")),
    ...CloudApi.flowOwnerFields
  }),
  Schema.typeSchema(FlowDetail),
  { strict: false, decode: (fields) => new FlowDetail(fields, true), encode: (flow) => flow }
)

/** A page of `GET /{WABA-ID}/flows`. */
export const FlowsPage = pageOf(FlowResponse)

/** The answer of `POST /{WABA-ID}/flows`: the new flow's id. */
export const CreatedFlow = Schema.Struct({ id: CloudApi.FlowId }).pipe(Schema.pluck("id"))

/** `GET /{Flow-ID}?fields=preview…` as the preview alone. */
export const FlowPreviewResponse = Schema.Struct({ preview: Preview }).pipe(Schema.pluck("preview"))

/** A page of `GET /{Flow-ID}/assets`: the flow's files and their download URLs. */
export const FlowAssetsPage = pageOf(
  Schema.transform(
    Schema.Struct({
      name: Schema.String,
      assetType: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("asset_type")),
      downloadUrl: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("download_url"))
    }),
    Schema.typeSchema(FlowAsset),
    { strict: false, decode: (fields) => new FlowAsset(fields, true), encode: (asset) => asset }
  )
)

/** The answer of `POST /{Flow-ID}/assets`: the validation errors Meta found (none: ready to publish). */
export const FlowJsonAnswer = Schema.transform(
  Schema.Struct({ success: optionalBoolean, validationErrors: ValidationErrors }),
  Schema.typeSchema(FlowJsonResult),
  {
    strict: false,
    decode: ({ validationErrors }) => new FlowJsonResult({ validationErrors }, true),
    encode: (result) => ({ success: true, validationErrors: result.validationErrors })
  }
)

/** The answer of `POST /{WABA-ID}/migrate_flows` as `FlowMigration`. */
export const FlowMigrationResponse = Schema.transform(
  Schema.Struct({
    migrated: Schema.optionalWith(
      Schema.Array(
        Schema.Struct({
          sourceName: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("source_name")),
          sourceId: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("source_id")),
          migratedId: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("migrated_id"))
        })
      ),
      { default: () => [] }
    ).pipe(Schema.fromKey("migrated_flows")),
    failed: Schema.optionalWith(
      Schema.Array(
        Schema.Struct({
          sourceName: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("source_name")),
          errorCode: optionalString.pipe(Schema.fromKey("error_code")),
          errorMessage: optionalString.pipe(Schema.fromKey("error_message"))
        })
      ),
      { default: () => [] }
    ).pipe(Schema.fromKey("failed_flows"))
  }),
  Schema.typeSchema(FlowMigration),
  { strict: false, decode: (fields) => new FlowMigration(fields, true), encode: (migration) => migration }
)

/** `GET /{Phone-Number-ID}/whatsapp_business_encryption`: the key on file (none: no data). */
export const EncryptionResponse = Schema.transform(
  Schema.Struct({
    data: Schema.Array(
      Schema.Struct({
        publicKey: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("business_public_key")),
        signatureStatus: optionalString.pipe(Schema.fromKey("business_public_key_signature_status"))
      })
    )
  }),
  Schema.OptionFromSelf(Schema.typeSchema(BusinessPublicKey)),
  {
    strict: false,
    decode: ({ data }) => Option.map(Option.fromNullable(data[0]), (entry) => new BusinessPublicKey(entry, true)),
    encode: (key) => ({ data: Option.toArray(key) })
  }
)

// ---------------------------------------------------------------------------------------------
// QR codes
// ---------------------------------------------------------------------------------------------

/** A QR code as Meta answers it. */
const QrCodeWire = Schema.transform(
  Schema.Struct({
    code: Schema.String,
    prefilledMessage: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("prefilled_message")),
    deepLinkUrl: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("deep_link_url")),
    imageUrl: optionalString.pipe(Schema.fromKey("qr_image_url"))
  }),
  Schema.typeSchema(QrCode),
  { strict: false, decode: (fields) => new QrCode(fields, true), encode: (qr) => qr }
)

/** A page of `GET /{Phone-Number-ID}/message_qrdls`. */
export const QrCodesPage = pageOf(QrCodeWire)

/** The answer of `POST /{Phone-Number-ID}/message_qrdls`: the code as created or updated. */
export const SavedQrCode = QrCodeWire

/**
 * `GET /{Phone-Number-ID}/message_qrdls/{QR-Code-ID}`: the document's examples answer
 * `{ data: [code] }`, its schema the code itself; both are read (an empty `data` is no code).
 */
export const QrCodeResponse = Schema.Union(
  Schema.Struct({ data: Schema.NonEmptyArray(QrCodeWire) }).pipe(
    Schema.transform(Schema.typeSchema(QrCode), {
      strict: false,
      decode: ({ data }) => data[0],
      encode: (qr) => ({ data: [qr] })
    })
  ),
  QrCodeWire
)

/** The `POST /{Phone-Number-ID}/message_qrdls` body: a new code (no `code`) or a new message for one. */
export const QrCodeRequest = Schema.Struct({
  code: Schema.optional(Schema.String),
  prefilledMessage: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("prefilled_message")),
  imageFormat: Schema.optional(Schema.Literal("PNG", "SVG")).pipe(Schema.fromKey("generate_qr_image"))
})

// ---------------------------------------------------------------------------------------------
// Commerce settings and conversational automation
// ---------------------------------------------------------------------------------------------

/** `GET /{Phone-Number-ID}/whatsapp_commerce_settings` (its one entry) as `CommerceSettings`. */
export const CommerceResponse = Schema.transform(
  Schema.Struct({
    data: Schema.NonEmptyArray(
      Schema.Struct({
        id: optionalString,
        cartEnabled: Schema.propertySignature(Schema.Boolean).pipe(Schema.fromKey("is_cart_enabled")),
        catalogVisible: Schema.propertySignature(Schema.Boolean).pipe(Schema.fromKey("is_catalog_visible"))
      })
    )
  }),
  Schema.typeSchema(CommerceSettings),
  {
    strict: false,
    decode: ({ data }) => new CommerceSettings(data[0], true),
    encode: (settings) => ({ data: [settings] })
  }
)

/** The `POST /{Phone-Number-ID}/conversational_automation` body. */
export const AutomationBody = Schema.Struct({
  enableWelcomeMessage: Schema.propertySignature(Schema.Boolean).pipe(Schema.fromKey("enable_welcome_message")),
  prompts: Schema.Array(Schema.String),
  commands: Schema.Array(
    Schema.Struct({
      name: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("command_name")),
      description: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("command_description"))
    })
  )
})

// ---------------------------------------------------------------------------------------------
// Numbers: PIN, display name, listing
// ---------------------------------------------------------------------------------------------

/** The `POST /{Phone-Number-ID}` body setting the two-step PIN. */
export const PinChange = Schema.Struct({ pin: Schema.String })

/** The `POST /{Phone-Number-ID}` body asking for a new display name. */
export const DisplayNameChange = Schema.Struct({
  displayName: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("new_display_name"))
})

/** The fields a WABA's number listing is asked for (the document's list). */
export const listedNumberFields = [
  "id",
  "display_phone_number",
  "verified_name",
  "status",
  "quality_rating",
  "code_verification_status",
  "account_mode",
  "messaging_limit_tier",
  "is_official_business_account",
  "host_platform"
].join(",")

/** A number of `GET /{WABA-ID}/phone_numbers` as `NumberStatus`. */
const ListedNumberStatus = Schema.transform(
  Schema.Struct({
    phoneNumberId: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("id")),
    ...numberDescription,
    accountMode: optionalString.pipe(Schema.fromKey("account_mode")),
    isOfficialBusinessAccount: optionalBoolean.pipe(Schema.fromKey("is_official_business_account")),
    platform: optionalString.pipe(Schema.fromKey("host_platform"))
  }),
  Schema.typeSchema(NumberStatus),
  { strict: false, decode: (fields) => new NumberStatus(fields, true), encode: (status) => status }
)

/** A page of `GET /{WABA-ID}/phone_numbers` with {@link listedNumberFields}. */
export const NumberStatusPage = pageOf(ListedNumberStatus)

// ---------------------------------------------------------------------------------------------
// Webhook subscriptions
// ---------------------------------------------------------------------------------------------

const AppFields = Schema.Struct({
  appId: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("id")),
  name: optionalString,
  link: optionalString
})

/**
 * An entry of `GET /{WABA-ID}/subscribed_apps`: the document's examples nest the app under
 * `whatsapp_business_api_data` (with `override_callback_uri` beside it), its schema lists the
 * app flat; both are read.
 */
const SubscribedApp = Schema.Union(
  Schema.Struct({
    app: Schema.propertySignature(AppFields).pipe(Schema.fromKey("whatsapp_business_api_data")),
    overrideCallbackUrl: optionalString.pipe(Schema.fromKey("override_callback_uri"))
  }).pipe(
    Schema.transform(Schema.typeSchema(Subscription), {
      strict: false,
      decode: ({ app, overrideCallbackUrl }) => new Subscription({ ...app, overrideCallbackUrl }, true),
      encode: ({ overrideCallbackUrl, ...app }) => ({ app, overrideCallbackUrl })
    })
  ),
  AppFields.pipe(
    Schema.transform(Schema.typeSchema(Subscription), {
      strict: false,
      decode: (app) => new Subscription(app, true),
      encode: (subscription) => subscription
    })
  )
)

/** `GET /{WABA-ID}/subscribed_apps`. */
export const SubscriptionsResponse = Schema.Struct({ data: Schema.Array(SubscribedApp) }).pipe(Schema.pluck("data"))

/**
 * The `POST /{WABA-ID}/subscribed_apps` body: the callback URL overriding the app's and its
 * verify token (a secret: `Redacted` on this side, text in the body only).
 */
export const SubscribeBody = Schema.Struct({
  overrideCallbackUrl: Schema.optional(Schema.String).pipe(Schema.fromKey("override_callback_uri")),
  verifyToken: Schema.optional(Schema.Redacted(Schema.String)).pipe(Schema.fromKey("verify_token"))
})

// ---------------------------------------------------------------------------------------------
// WABAs and assigned users
// ---------------------------------------------------------------------------------------------

/** A WABA as Meta answers it, as `WabaInfo`. */
const WabaResponse = Schema.transform(
  Schema.Struct({
    wabaId: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("id")),
    name: optionalString,
    namespace: optionalString.pipe(Schema.fromKey("message_template_namespace")),
    ...SnakeCase.fields({
      timezoneId: optionalString,
      currency: optionalString,
      country: optionalString,
      accountReviewStatus: optionalString,
      businessVerificationStatus: optionalString,
      ownershipType: optionalString
    })
  }),
  Schema.typeSchema(WabaInfo),
  { strict: false, decode: (fields) => new WabaInfo(fields, true), encode: (waba) => waba }
)

/** `GET /{WABA-ID}` with {@link wabaFields}. */
export const WabaDetails = WabaResponse

/** A page of a business's owned or client WABAs. */
export const WabasPage = pageOf(WabaResponse)

/** The fields `GET /{WABA-ID}` is asked for. */
export const wabaFields = [
  "id",
  "name",
  "timezone_id",
  "message_template_namespace",
  "account_review_status",
  "business_verification_status",
  "country",
  "currency",
  "ownership_type"
].join(",")

/** The fields a business's client WABAs are asked for (the document's list has no namespace). */
export const clientWabaFields = [
  "id",
  "name",
  "timezone_id",
  "currency",
  "country",
  "account_review_status",
  "business_verification_status",
  "ownership_type"
].join(",")

/** A page of `GET /{WABA-ID}/assigned_users` as `AssignedUser`s. */
export const AssignedUsersPage = pageOf(
  Schema.transform(
    Schema.Struct({
      id: Schema.String,
      name: optionalString,
      userType: optionalString.pipe(Schema.fromKey("user_type")),
      business: Schema.optionalWith(Schema.Struct({ id: optionalString, name: optionalString }), exact)
    }),
    Schema.typeSchema(AssignedUser),
    { strict: false, decode: (fields) => new AssignedUser(fields, true), encode: (user) => user }
  )
)

/** The fields assigned users are asked for. */
export const assignedUserFields = "id,name,user_type,business"

// ---------------------------------------------------------------------------------------------
// Same-business template migration
// ---------------------------------------------------------------------------------------------

/** The `POST /{WABA-ID}/migrate_message_templates` body. */
export const TemplateMigrationBody = Schema.Struct({
  sourceWabaId: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("source_waba_id")),
  page: Schema.propertySignature(Schema.Number).pipe(Schema.fromKey("page_number")),
  count: Schema.Number
})

/** The answer: the ids migrated, and each template not migrated with Meta's reason. */
export const TemplateMigrationResponse = Schema.Struct({
  migrated: Schema.propertySignature(Schema.Array(Schema.String)).pipe(Schema.fromKey("migrated_templates")),
  failed: Schema.propertySignature(Schema.Record({ key: Schema.String, value: Schema.String })).pipe(
    Schema.fromKey("failed_templates")
  )
})
