/**
 * WOZTELL's wire formats, as the public API document shows them, each decoding straight into
 * the domain (the port's `Profile`, `Template` components, the extensions' models) and encoding
 * requests from it: snake_case keys with `SnakeCase.fields`, other renames with `Schema.fromKey`,
 * WOZTELL's spellings through transformations.
 * Private to the adapter: never exported from the package.
 *
 * Reads are lenient: every field the document shows is optional unless the adapter cannot work
 * without it, enum-like values are plain strings (the document's own example carries the legacy
 * category `TICKET_UPDATE`), what the domain has no place for (a CAROUSEL component, a vertical
 * code Meta added later, an empty string) is left out rather than refused, and unknown fields are
 * ignored.
 */
import { Id, MediaHandle, PhoneNumber, Profile, Registration, Template } from "@wa-admin/core"
import { CloudApi, SnakeCase } from "@wa-admin/core/adapter"
import { DateTime, Option, ParseResult, Schema } from "effect"
import * as Models from "./models.js"

const exact = { exact: true } as const
const optionalString = Schema.optionalWith(Schema.String, exact)
const optionalNumber = Schema.optionalWith(Schema.Number, exact)

/**
 * Fields read from the wire as an instance of a model class (made without checking them again:
 * the wire schema did). Encoding gives the model's fields back to the wire schema.
 */
const model = <A, I, C extends Schema.Schema.AnyNoContext & (new(fields: A, disableValidation: boolean) => unknown)>(
  wire: Schema.Schema<A, I, never>,
  target: C
): Schema.Schema<Schema.Schema.Type<C>, I, never> =>
  Schema.transform(wire, Schema.typeSchema(target), {
    strict: false,
    decode: (fields) => new target(fields, true),
    encode: (value) => value
  })

/** A list read with a default: an absent list is an empty one. */
const listOf = <A, I>(item: Schema.Schema<A, I, never>) =>
  Schema.optionalWith(Schema.Array(item), { default: () => [] })

// ---------------------------------------------------------------------------------------------
// Ids. WOZTELL sends them in query parameters and JSON bodies, not in paths, but each is
// checked where it enters all the same, against what the document shows it to be.
// ---------------------------------------------------------------------------------------------

// Meta's ids, which WOZTELL passes through: every WABA id, phone number id, template id, flow id
// and catalog id in the document is decimal digits (`422126422872292`), as Meta's ids are.

/** A WABA id (`wabaId`). */
export const WabaId = Id.digits("a WABA id")
/** A phone number id (`phoneNumberId`: the port's `number`). */
export const PhoneNumberId = Id.digits("a phone number id")
/** The id of one language version of a template (`messageTemplateId`). */
export const TemplateId = Id.digits("a template id")
/** A catalog id (`catalogId`). */
export const CatalogId = Id.digits("a catalog id")

/** A WOZTELL channel id: a MongoDB ObjectId, 24 hexadecimal digits (`696327315430a1f98231dfde`). */
export const ChannelId = Id.HexId(24).annotations({ message: () => "must be a channel id (24 hexadecimal digits)" })

// ---------------------------------------------------------------------------------------------
// Paging and times
// ---------------------------------------------------------------------------------------------

/** The `paging` object of list answers (templates, flows, products, catalogs). */
export const Paging = Schema.Struct({
  cursors: Schema.optional(Schema.Struct({ before: optionalString, after: optionalString })),
  hasNext: Schema.optional(Schema.Boolean),
  hasPrevious: Schema.optional(Schema.Boolean)
})
export type Paging = typeof Paging.Type

/** A page of a listing: its entries read by `item`, and where the next page starts. */
const page = <A, I>(item: Schema.Schema<A, I, never>) =>
  Schema.Struct({ data: Schema.Array(item), paging: Schema.optional(Paging) })

/** Reads WOZTELL's timestamps ("2024-03-08T04:52:37+0000", ISO 8601 or UNIX seconds). */
export const parseTime = (value: string | number | undefined): Option.Option<DateTime.Utc> => {
  if (value === undefined) return Option.none()
  if (typeof value === "number") return DateTime.make(value * 1000)
  return DateTime.make(value.trim().replace(/([+-]\d{2})(\d{2})$/, "$1:$2"))
}

/** A time written as text, absent when it cannot be read. */
const optionalTime = Schema.optionalToOptional(Schema.String, Schema.DateTimeUtcFromSelf, {
  decode: Option.flatMap(parseTime),
  encode: Option.map(DateTime.formatIso)
})

/** A time in UNIX seconds; one that is not a time reads as the epoch (the point is kept). */
const UnixSeconds = Schema.transform(Schema.Number, Schema.DateTimeUtcFromSelf, {
  strict: true,
  decode: (seconds) => Option.getOrElse(parseTime(seconds), () => DateTime.unsafeMake(0)),
  encode: (time) => Math.floor(DateTime.toEpochMillis(time) / 1000)
})

/** A list sent as a query parameter: JSON-encoded (`status=["APPROVED"]`), as the document's example does. */
export const jsonList = (values: ReadonlyArray<string> | undefined): string | undefined =>
  values === undefined ? undefined : JSON.stringify(values)

/** UNIX seconds of a time, for a query parameter. */
export const unixSeconds = (time: DateTime.Utc): number => Math.floor(DateTime.toEpochMillis(time) / 1000)

/** PATCH and DEL /whatsapp-message-template, the flow mutations: their `success`, when given. */
export const SuccessResponse = Schema.Struct({ success: Schema.optional(Schema.Boolean) })

// ---------------------------------------------------------------------------------------------
// WABA info and number status
// ---------------------------------------------------------------------------------------------

const WabaInfo = model(
  Schema.Struct({
    wabaId: Schema.String,
    name: optionalString,
    namespace: optionalString,
    phoneNumberId: optionalString,
    waId: optionalString,
    phoneNumber: optionalString,
    phoneNumberCountryCode: optionalString.pipe(Schema.fromKey("phoneNumberCC")),
    formattedPhoneNumber: optionalString,
    embeddedSignup: Schema.optionalWith(Schema.Boolean, exact)
  }),
  Models.WabaInfo
)

/** GET /waba-info: its `result`, as `WabaInfo`. */
export const WabaInfoResponse = Schema.Struct({ result: WabaInfo }).pipe(Schema.pluck("result"))

const NumberStatus = model(
  Schema.Struct({
    phoneNumberId: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("id")),
    ...SnakeCase.fields({
      accountMode: optionalString,
      verifiedName: optionalString,
      codeVerificationStatus: optionalString,
      displayPhoneNumber: optionalString,
      qualityRating: optionalString,
      isOfficialBusinessAccount: Schema.optionalWith(Schema.Boolean, exact),
      messagingLimitTier: optionalString,
      nameStatus: optionalString
    })
  }),
  Models.NumberStatus
)

/** GET /whatsapp-displayname-status: its `data`, as `NumberStatus`. */
export const DisplayNameStatusResponse = Schema.Struct({ data: NumberStatus }).pipe(Schema.pluck("data"))

const decodeE164 = Schema.decodeUnknownOption(PhoneNumber.FromE164)

/** The first of the numbers, written any way ("+1 123-321-2652"), that is a phone number. */
const phoneNumberOf = (...candidates: ReadonlyArray<string | undefined>): Option.Option<PhoneNumber.PhoneNumber> =>
  Option.firstSomeOf(
    candidates.map((
      candidate
    ) => (candidate === undefined ? Option.none() : decodeE164(`+${candidate.replace(/\D/g, "")}`)))
  )

/**
 * A number's registration, from its status and (when it is the configured channel's number) its
 * WABA's info: `ready` when its code is VERIFIED or its account is LIVE (Meta reports EXPIRED
 * code verification for long-live numbers), `pending` otherwise. WOZTELL's own values are kept
 * in `providerState` ("LIVE/EXPIRED") and `details`.
 */
export const registration = (
  id: string,
  status: Models.NumberStatus,
  waba: Option.Option<Models.WabaInfo>
): Registration.Registration => {
  const accountMode = status.accountMode?.toUpperCase()
  const codeStatus = status.codeVerificationStatus?.toUpperCase()
  const ready = codeStatus === "VERIFIED" || accountMode === "LIVE"
  const info = Option.getOrUndefined(waba)
  const phoneNumber = Option.getOrUndefined(phoneNumberOf(status.displayPhoneNumber, info?.formattedPhoneNumber))
  const facts: Record<string, unknown> = {
    accountMode: status.accountMode,
    codeVerificationStatus: status.codeVerificationStatus,
    verifiedName: status.verifiedName,
    displayPhoneNumber: status.displayPhoneNumber,
    qualityRating: status.qualityRating,
    messagingLimitTier: status.messagingLimitTier,
    isOfficialBusinessAccount: status.isOfficialBusinessAccount,
    nameStatus: status.nameStatus,
    wabaName: info?.name,
    namespace: info?.namespace,
    waId: info?.waId,
    embeddedSignup: info?.embeddedSignup
  }
  return new Registration.Registration({
    id,
    provider: "woztell",
    ...(phoneNumber === undefined ? {} : { phoneNumber }),
    ...(info === undefined ? {} : { wabaId: info.wabaId }),
    state: ready ? "ready" : "pending",
    providerState: [accountMode ?? "UNKNOWN", codeStatus ?? "UNKNOWN"].join("/"),
    ...(ready
      ? {}
      : {
        detail: `account mode ${accountMode ?? "unknown"}, code verification ${
          codeStatus ?? "unknown"
        }; WOZTELL offers no API to verify a number, finish it in WhatsApp Manager`
      }),
    details: Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined))
  })
}

// ---------------------------------------------------------------------------------------------
// Business profile
// ---------------------------------------------------------------------------------------------

/** The profile fields as the Cloud API answers them (core `CloudApi`). */
const { ProfileFields } = CloudApi

const isList = <A>(data: A | ReadonlyArray<A>): data is ReadonlyArray<A> => Array.isArray(data)

/**
 * GET /whatsapp-business-profile, as the domain `Profile`, kept as stored (the document's own
 * example has the placeholder photo "URL" `IMAGE_URL`). The document shows `data` as an object;
 * Meta's Graph API (which WOZTELL fronts) answers a one-element array, so both are read.
 */
export const ProfileResponse = Schema.transform(
  Schema.Struct({ data: Schema.Union(ProfileFields, Schema.Array(ProfileFields)) }),
  Schema.typeSchema(Profile.Profile),
  {
    strict: false,
    decode: ({ data }) => new Profile.Profile(isList(data) ? (data[0] ?? {}) : data, true),
    encode: (profile) => ({ data: profile })
  }
)

/**
 * The PATCH /whatsapp-business-profile `profile` object for a change: the fields given (one left
 * undefined is left out of the JSON), the vertical as Meta's code, the photo as
 * `profile_picture_url`, and `messaging_product: "whatsapp"`.
 */
export const ProfileChange = CloudApi.profileChange({
  name: "photoUrl",
  wire: Schema.optional(Schema.String).pipe(Schema.fromKey("profile_picture_url")),
  domain: Schema.optional(Schema.String)
})

/** The PATCH /whatsapp-business-profile body: the number and the change. */
export const ProfilePatch = Schema.Struct({
  number: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("phoneNumberId")),
  profile: ProfileChange
})

// ---------------------------------------------------------------------------------------------
// Media
// ---------------------------------------------------------------------------------------------

/** The media types PUT /media-id takes: a document is a `file`. */
const MediaType = Schema.transformOrFail(Schema.Literal("image", "audio", "video", "file"), MediaHandle.MediaKind, {
  strict: true,
  decode: (type) => ParseResult.succeed<MediaHandle.MediaKind>(type === "file" ? "document" : type),
  encode: (kind, _, ast) =>
    kind === "sticker"
      ? ParseResult.fail(new ParseResult.Type(ast, kind, "WOZTELL uploads image, audio, video or document media"))
      : ParseResult.succeed<"image" | "audio" | "video" | "file">(kind === "document" ? "file" : kind)
})

/** The PUT /media-id body: the number, the type and the URL WhatsApp pulls the file from. */
export const MediaUpload = Schema.Struct({
  number: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("phoneNumberId")),
  kind: Schema.propertySignature(MediaType).pipe(Schema.fromKey("type")),
  url: Schema.String
})

/** The kind `fileType` says, when it is one (`file` and `document` are documents). */
const fileKind = (fileType: string): Option.Option<MediaHandle.MediaKind> => {
  switch (fileType) {
    case "image":
    case "audio":
    case "video":
      return Option.some(fileType)
    case "file":
    case "document":
      return Option.some("document")
    default:
      return Option.none()
  }
}

/** PUT /media-id: the media id and, when the answer says it, the kind stored. */
export const MediaUploaded = Schema.Struct({
  id: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("mediaId")),
  kind: Schema.optionalToOptional(Schema.String, MediaHandle.MediaKind, {
    decode: Option.flatMap(fileKind),
    encode: Option.map((kind) => (kind === "document" ? "file" : kind))
  }).pipe(Schema.fromKey("fileType"))
})

// ---------------------------------------------------------------------------------------------
// Conversation analytics
// ---------------------------------------------------------------------------------------------

const DataPoint = model(
  Schema.Struct(SnakeCase.fields({
    start: UnixSeconds,
    end: UnixSeconds,
    conversations: optionalNumber.pipe(Schema.fromKey("conversation")),
    cost: optionalNumber,
    phoneNumber: optionalString,
    country: optionalString,
    conversationType: optionalString,
    conversationDirection: optionalString
  })),
  Models.DataPoint
)

/** GET /conversation-analytics: its data points. */
export const ConversationAnalyticsResponse = Schema.Struct({
  conversationAnalytics: Schema.Struct({ data_points: Schema.Array(DataPoint) }).pipe(Schema.pluck("data_points"))
}).pipe(Schema.pluck("conversationAnalytics"))

// ---------------------------------------------------------------------------------------------
// Catalogs
// ---------------------------------------------------------------------------------------------

const Catalog = model(
  Schema.Struct({ id: Schema.String, name: optionalString }),
  Models.Catalog
)

const Product = model(
  Schema.Struct(SnakeCase.fields({
    id: Schema.String,
    name: optionalString,
    price: optionalString,
    imageUrl: optionalString,
    retailerId: optionalString
  })),
  Models.Product
)

/** GET /catalogs: a page of catalogs. */
export const CatalogsResponse = page(Catalog)

/** GET /products: a page of products. */
export const ProductsResponse = page(Product)

// ---------------------------------------------------------------------------------------------
// Message templates
// ---------------------------------------------------------------------------------------------

/** A button, in the Cloud API's shape (WOZTELL passes Meta's through). */
export const Button = CloudApi.Button

/** A component, in the Cloud API's shape: PUT and PATCH /whatsapp-message-template send these. */
export const Component = CloudApi.Component

/**
 * The components of a language version as read: one the domain has no place for (a CAROUSEL, a
 * header format or a button type added after the document) is left out, the template is kept.
 */
export const Components = CloudApi.Components

/** One language version inside a GET /whatsapp-message-templates entry, in the domain's terms. */
export const TemplateVersion = Schema.Struct(SnakeCase.fields({
  language: Schema.String,
  status: Schema.String,
  // `NONE` means no rejection.
  rejectedReason: Schema.optionalToOptional(Schema.String, Schema.String, {
    decode: Option.filter((reason) => reason !== "NONE"),
    encode: (reason) => reason
  }).pipe(Schema.fromKey("rejected_reason")),
  qualityScore: Schema.optionalToOptional(Schema.Struct({ score: optionalString }), Schema.String, {
    decode: Option.flatMap((quality) => Option.fromNullable(quality.score)),
    encode: Option.map((score) => ({ score }))
  }).pipe(Schema.fromKey("quality_score")),
  components: Components
}))
export type TemplateVersion = typeof TemplateVersion.Type

/** One entry (one template NAME, every language version of it) of GET /whatsapp-message-templates. */
export const TemplateEntry = Schema.Struct({
  id: optionalString,
  name: Schema.String,
  category: Schema.String,
  languages: Schema.optionalWith(Schema.Array(Schema.String), exact),
  templates: Schema.Array(TemplateVersion)
})
export type TemplateEntry = typeof TemplateEntry.Type

/** GET /whatsapp-message-templates: a page of entries. */
export const TemplatesResponse = page(TemplateEntry)

/**
 * The id of a language version, when the entry's id is surely that version's: WOZTELL gives one
 * id per entry, "of the most recent language" — the version's own when the entry (or the
 * language filter of the request) has that one language only.
 */
const idOf = (
  entry: TemplateEntry,
  version: TemplateVersion,
  languageFilter: ReadonlyArray<string> | undefined
): string | undefined => {
  if (entry.id === undefined) return undefined
  if (languageFilter !== undefined && languageFilter.length === 1) {
    return languageFilter[0] === version.language ? entry.id : undefined
  }
  const languages = new Set([...(entry.languages ?? []), ...entry.templates.map((template) => template.language)])
  return languages.size === 1 && languages.has(version.language) ? entry.id : undefined
}

/** Whether a language version matches the filter of the request (WOZTELL's own filtering is a search). */
const matches = (version: TemplateVersion, filter: Template.TemplateFilter | undefined): boolean =>
  (filter?.language === undefined || filter.language.includes(version.language)) &&
  (filter?.status === undefined || filter.status.includes(version.status)) &&
  (filter?.qualityScore === undefined ||
    (version.qualityScore !== undefined && filter.qualityScore.some((score) => score === version.qualityScore)))

/** One domain `Template` per language version of an entry that matches the filter. */
export const templates = (
  entry: TemplateEntry,
  filter: Template.TemplateFilter | undefined
): ReadonlyArray<Template.Template> =>
  entry.templates
    .filter((version) => matches(version, filter))
    .map((version) => {
      const id = idOf(entry, version, filter?.language)
      return new Template.Template({
        ...version,
        ...(id === undefined ? {} : { id }),
        name: entry.name,
        category: entry.category
      }, true)
    })

/** PUT /whatsapp-message-template: the new version's id (and language). */
export const CreateTemplateResponse = Schema.Struct({ id: Schema.String, language: optionalString })

/** The PUT /whatsapp-message-template body: a draft in WOZTELL's component format. */
export const TemplateCreation = Schema.Struct({
  wabaId: Schema.String,
  name: Schema.String,
  language: Schema.String,
  // Sent as given: WOZTELL documents TRANSACTIONAL, MARKETING and OTP, and passes Meta's current
  // names (UTILITY, AUTHENTICATION) through to Meta.
  category: Schema.String,
  components: Schema.Array(Component)
})

/** The PATCH /whatsapp-message-template body: one language version, by name, language and id. */
export const TemplateEdit = Schema.Struct({
  wabaId: Schema.String,
  name: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("messageTemplateName")),
  language: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("messageTemplateLanguage")),
  id: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("messageTemplateId")),
  components: Schema.Array(Component)
})

// ---------------------------------------------------------------------------------------------
// Flows
// ---------------------------------------------------------------------------------------------

/** A preview link with its expiry ("2024-03-08T04:52:37+0000"). */
export const Preview = model(
  Schema.Struct({
    url: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("preview_url")),
    ...SnakeCase.fields({ expiresAt: optionalTime })
  }),
  Models.FlowPreview
)

/** A screen (or asset) of a flow. */
export const Screen = model(
  Schema.Struct({
    id: Schema.String,
    label: optionalString,
    data: optionalString,
    preview: Schema.optionalWith(Preview, exact)
  }),
  Models.FlowScreen
)

const FlowSummary = model(
  Schema.Struct({
    id: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("value")),
    label: optionalString,
    status: optionalString,
    screens: listOf(Screen).pipe(Schema.fromKey("assets"))
  }),
  Models.FlowSummary
)

/** GET /flow: a page of flows. */
export const FlowsResponse = page(FlowSummary)

/** GET /flow-screen-payload: its `payload`. */
export const FlowScreenPayloadResponse = Schema.Struct({
  payload: model(
    Schema.Struct({ id: optionalString, label: optionalString, data: optionalString, screens: listOf(Screen) }),
    Models.FlowScreenPayload
  )
}).pipe(Schema.pluck("payload"))

/** GET /flow-preview: its `data`. */
export const FlowPreviewResponse = Schema.Struct({ data: Preview }).pipe(Schema.pluck("data"))

/** One entry of `validation_errors`, in Meta's shape. */
const ValidationErrorFields = Schema.Struct({ message: optionalString, ...CloudApi.flowValidationErrorFields })

const decodeValidationError = Schema.decodeUnknownOption(ValidationErrorFields)
const encodeValidationError = ParseResult.encodeUnknown(ValidationErrorFields)

/**
 * A validation error as Meta reports it; a bare string is its message, and an entry of another
 * shape is kept as its JSON text.
 */
export const ValidationError = Schema.transformOrFail(Schema.Unknown, Schema.typeSchema(Models.FlowValidationError), {
  strict: true,
  decode: (raw) => {
    const text = () => (typeof raw === "string" ? raw : String(JSON.stringify(raw)))
    const fields = typeof raw === "string" ? Option.none() : decodeValidationError(raw)
    return ParseResult.succeed(
      Option.match(fields, {
        onNone: () => new Models.FlowValidationError({ message: text() }, true),
        onSome: (error) =>
          new Models.FlowValidationError({ ...error, message: error.message ?? error.error ?? text() }, true)
      })
    )
  },
  encode: (error) => encodeValidationError(error)
})

/** GET /flow-detail (the flow is the envelope itself, next to `ok`). */
export const FlowDetailResponse = model(
  Schema.Struct({
    ...SnakeCase.fields({
      id: Schema.String,
      name: Schema.String,
      categories: listOf(Schema.String),
      preview: Schema.optionalWith(Preview, exact),
      status: Schema.String,
      validationErrors: listOf(ValidationError),
      jsonVersion: optionalString
    }),
    ...CloudApi.flowOwnerFields
  }),
  Models.FlowDetail
)

/** PUT /create-flow: the new flow's id. */
export const CreateFlowResponse = Schema.Struct({ id: Schema.String }).pipe(Schema.pluck("id"))

/** PATCH /flow-json: the validation errors Meta found (none: ready to publish). */
export const FlowJsonResponse = model(
  Schema.Struct(SnakeCase.fields({ validationErrors: listOf(ValidationError) })),
  Models.FlowJsonResult
)

/** The PUT /create-flow body: the flow under `data`, cloned from `clone_flow_id` when given. */
export const FlowCreation = Schema.Struct({
  data: Schema.Struct(SnakeCase.fields({
    name: Schema.String,
    categories: Schema.Array(Schema.String),
    cloneFlowId: Schema.optional(Schema.String),
    endpointUrl: Schema.optional(Schema.String)
  }))
})

/** The PATCH /flow-metadata body, as the document's example: name and categories under `data`, `endpoint_url` beside it. */
export const FlowMetadata = Schema.Struct({
  flowId: Schema.String,
  data: Schema.Struct({
    name: Schema.optional(Schema.String),
    categories: Schema.optional(Schema.Array(Schema.String))
  }),
  ...SnakeCase.fields({ endpointUrl: Schema.optional(Schema.String) })
})

/** The PATCH /flow-json body: the flow's JSON (version and screens) under `data`. */
export const FlowJsonUpdate = Schema.Struct({
  flowId: Schema.String,
  data: Schema.Struct({ version: Schema.String, screens: Schema.Array(Schema.Unknown) })
})

// ---------------------------------------------------------------------------------------------
// Business encryption
// ---------------------------------------------------------------------------------------------

const KeyEntry = Schema.Struct({
  publicKey: optionalString.pipe(Schema.fromKey("business_public_key")),
  signatureStatus: optionalString.pipe(Schema.fromKey("business_public_key_signature_status"))
})

/** GET /whatsapp-business-encryption: the first entry holding a key, if one does. */
export const EncryptionResponse = Schema.transform(
  Schema.Struct({ data: Schema.Array(KeyEntry) }),
  Schema.OptionFromSelf(Schema.typeSchema(Models.BusinessPublicKey)),
  {
    strict: false,
    decode: ({ data }) =>
      Option.flatMap(
        Option.fromNullable(data.find((entry) => entry.publicKey !== undefined)),
        ({ publicKey, ...entry }) =>
          publicKey === undefined
            ? Option.none()
            : Option.some(new Models.BusinessPublicKey({ ...entry, publicKey }, true))
      ),
    encode: (key) => ({ data: Option.toArray(key) })
  }
)
