/**
 * Vonage WhatsApp Manager's wire formats, as its OpenAPI document (v0.1.5) and reference show
 * them, and the WhatsApp Template Management API's (1.0.1, from the facts page), each decoding straight into the domain model (renames with `Schema.fromKey`, Vonage's
 * spellings through transformations) and encoding requests from it. Private to the adapter:
 * never exported from the package.
 *
 * Reads are lenient where the document is: every response property is optional unless the
 * adapter cannot work without it, identifiers may arrive as strings or numbers, unknown fields
 * are ignored. Deployment states are the document's closed enum: an unknown state is an
 * `UnexpectedResponse` rather than a guess.
 */
import { AdminError, Id, MediaHandle, PhoneNumber, Profile, Registration, Template } from "@wa-admin/core"
import { Either, Option, ParseResult, Schema } from "effect"
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

/** `{id}` of the template API's `/wabas/{id}/templates`: a WABA id, Meta's digits. */
export const WabaId = Id.digits("a WABA id")

/**
 * What each id placed in a path is, by the input field it comes from (`id` and `number` are the
 * port's names for a deployment id): the formats every path of the adapter is built with.
 */
export const pathIds = {
  id: DeploymentId,
  number: DeploymentId,
  deploymentId: DeploymentId,
  stickerpackId: StickerpackId,
  index: StickerIndex,
  wabaId: WabaId
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
      const phoneNumber = countryCode === undefined || number === undefined
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
    encode: (deployment, _, ast) =>
      ParseResult.fail(new ParseResult.Forbidden(ast, deployment, "a deployment is only read"))
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
export const ProfilePhotoRequest = Schema.Struct({
  url: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("image_url"))
})

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

// ---------------------------------------------------------------------------------------------
// Templates (WhatsApp Template Management API)
// ---------------------------------------------------------------------------------------------

/** One value or a list of them (read either way: the document's examples are Meta's lists). */
const OneOrMany = Schema.Union(Schema.String, Schema.Array(Schema.String))
const firstValue = (value: typeof OneOrMany.Type | undefined): string | undefined =>
  typeof value === "string" ? value : value?.[0]

/** A button as the wire carries it: `type`, `text`, `url?`, `phone_number?`, `example?`. */
const WireButton = Schema.Struct({
  type: Schema.String,
  text: Schema.String,
  url: Schema.optionalWith(Schema.String, exact),
  phone_number: Schema.optionalWith(Schema.String, exact),
  example: Schema.optionalWith(OneOrMany, exact)
})

/** A component as the wire carries it: `type` and `format` (required on every component by the document). */
const WireComponent = Schema.Struct({
  type: Schema.String,
  format: Schema.optionalWith(Schema.String, exact),
  text: Schema.optionalWith(Schema.String, exact),
  example: Schema.optionalWith(
    Schema.Struct({
      header_text: Schema.optionalWith(OneOrMany, exact),
      header_handle: Schema.optionalWith(OneOrMany, exact),
      body_text: Schema.optionalWith(Schema.Array(Schema.Array(Schema.String)), exact)
    }),
    exact
  ),
  buttons: Schema.optionalWith(Schema.Array(Schema.Unknown), exact)
})
type WireComponent = typeof WireComponent.Type
type WireButton = typeof WireButton.Type

const decodeWireButton = Schema.decodeUnknownOption(WireButton)
const isHeaderFormat = Schema.is(Template.HeaderFormat)

/** A button in the domain's terms, or none for a type the domain has no place for (OTP, FLOW, CATALOG …). */
const buttonOf = (wire: WireButton): Option.Option<Template.Button> => {
  switch (wire.type) {
    case "QUICK_REPLY":
      return Option.some({ _tag: "QUICK_REPLY", text: wire.text })
    case "URL": {
      if (wire.url === undefined) return Option.none()
      const example = firstValue(wire.example)
      return Option.some({ _tag: "URL", text: wire.text, url: wire.url, ...(example === undefined ? {} : { example }) })
    }
    case "PHONE_NUMBER":
      return wire.phone_number === undefined
        ? Option.none()
        : Option.some({ _tag: "PHONE_NUMBER", text: wire.text, phoneNumber: wire.phone_number })
    default:
      return Option.none()
  }
}

const buttonToWire = (button: Template.Button): WireButton => {
  switch (button._tag) {
    case "QUICK_REPLY":
      return { type: "QUICK_REPLY", text: button.text }
    case "URL":
      return {
        type: "URL",
        text: button.text,
        url: button.url,
        ...(button.example === undefined ? {} : { example: [button.example] })
      }
    case "PHONE_NUMBER":
      return { type: "PHONE_NUMBER", text: button.text, phone_number: button.phoneNumber }
  }
}

/** A component in the domain's terms, or why the domain has no place for it. */
const componentOf = (wire: WireComponent): Either.Either<Template.Component, string> => {
  switch (wire.type) {
    case "HEADER": {
      const format = wire.format
      if (format === undefined || !isHeaderFormat(format)) {
        return Either.left("a header format the domain has no place for")
      }
      const example = firstValue(wire.example?.header_text) ?? firstValue(wire.example?.header_handle)
      return Either.right({
        _tag: "HEADER",
        format,
        ...(wire.text === undefined ? {} : { text: wire.text }),
        ...(example === undefined ? {} : { example })
      })
    }
    case "BODY":
      return wire.text === undefined
        ? Either.left("a BODY without text")
        : Either.right({
          _tag: "BODY",
          text: wire.text,
          ...(wire.example?.body_text === undefined ? {} : { examples: wire.example.body_text })
        })
    case "FOOTER":
      return wire.text === undefined
        ? Either.left("a FOOTER without text")
        : Either.right({ _tag: "FOOTER", text: wire.text })
    case "BUTTONS":
      return Either.right({
        _tag: "BUTTONS",
        buttons: (wire.buttons ?? []).flatMap((entry) =>
          Option.toArray(Option.flatMap(decodeWireButton(entry), buttonOf))
        )
      })
    default:
      return Either.left("a component type the domain has no place for")
  }
}

/**
 * A component on the wire, in the document's shape: `type` and `format` on every component
 * (the header's own format; `TEXT` for the others), a TEXT header's example as
 * `example.header_text`, a media header's as `example.header_handle`, body examples as
 * `example.body_text`, buttons with `phone_number` and a list `example`.
 */
const componentToWire = (component: Template.Component): WireComponent => {
  switch (component._tag) {
    case "HEADER": {
      const example = component.example === undefined
        ? {}
        : {
          example: component.format === "TEXT"
            ? { header_text: [component.example] }
            : { header_handle: [component.example] }
        }
      return {
        type: "HEADER",
        format: component.format,
        ...(component.text === undefined ? {} : { text: component.text }),
        ...example
      }
    }
    case "BODY":
      return {
        type: "BODY",
        format: "TEXT",
        text: component.text,
        ...(component.examples === undefined || component.examples.length === 0
          ? {}
          : { example: { body_text: component.examples } })
      }
    case "FOOTER":
      return { type: "FOOTER", format: "TEXT", text: component.text }
    case "BUTTONS":
      return { type: "BUTTONS", format: "TEXT", buttons: component.buttons.map(buttonToWire) }
  }
}

/** One component, both ways. */
export const Component = Schema.transformOrFail(WireComponent, Schema.typeSchema(Template.Component), {
  strict: true,
  decode: (wire, _, ast) =>
    Either.match(componentOf(wire), {
      onLeft: (reason) => ParseResult.fail(new ParseResult.Type(ast, wire, reason)),
      onRight: ParseResult.succeed
    }),
  encode: (component) => ParseResult.succeed(componentToWire(component))
})

const decodeComponent = Schema.decodeUnknownOption(Component)
const encodeComponents = ParseResult.encodeUnknown(Schema.Array(Component))

/**
 * The components of a template as read: one the domain has no place for (a CAROUSEL, a
 * LIMITED_TIME_OFFER, a header format added later) is left out and the template kept — one odd
 * template never loses a page.
 */
export const Components = Schema.transformOrFail(
  Schema.Array(Schema.Unknown),
  Schema.Array(Schema.typeSchema(Template.Component)),
  {
    strict: true,
    decode: (entries) => ParseResult.succeed(entries.flatMap((entry) => Option.toArray(decodeComponent(entry)))),
    encode: (components) => encodeComponents(components)
  }
)

/**
 * One template language version of a list answer, straight into the domain `Template`. Its
 * status and category are kept as Vonage reports them, unknown ones (the legacy categories
 * `ACCOUNT_UPDATE` …, statuses such as `LOCKED`) included.
 */
export const TemplateResponse = Schema.transform(
  Schema.Struct({
    id: optionalString,
    name: Schema.String,
    language: Schema.String,
    status: Schema.String,
    category: Schema.String,
    components: Schema.optionalWith(Components, { default: () => [] })
  }),
  Schema.typeSchema(Template.Template),
  {
    strict: false,
    decode: (fields) => new Template.Template(fields, true),
    encode: (template) => ({
      ...(template.id === undefined ? {} : { id: template.id }),
      name: template.name,
      language: template.language,
      status: template.status,
      category: template.category,
      components: template.components
    })
  }
)

/** `paging` of a list answer: the cursors and the absolute `next` / `previous` URIs. */
const Paging = Schema.Struct({
  cursors: Schema.optionalWith(Schema.Struct({ before: optionalString, after: optionalString }), exact),
  next: optionalString,
  previous: optionalString
})

/** GET /wabas/{id}/templates: a page of template language versions and the link to the next page. */
export const TemplatesPage = Schema.transform(
  Schema.Struct({
    templates: Schema.optionalWith(Schema.Array(TemplateResponse), { default: () => [] }),
    paging: Schema.optionalWith(Paging, exact)
  }),
  Schema.Struct({
    templates: Schema.Array(Schema.typeSchema(TemplateResponse)),
    next: Schema.optionalWith(Schema.String, exact)
  }),
  {
    strict: true,
    decode: ({ paging, templates }) =>
      paging?.next === undefined || paging.next.length === 0 ? { templates } : { templates, next: paging.next },
    encode: ({ next, templates }) => (next === undefined ? { templates } : { templates, paging: { next } })
  }
)
export type TemplatesPage = typeof TemplatesPage.Type

/**
 * The `after` cursor of a `next` link, read from the link rather than followed: the link must
 * lead to the very listing asked for (`listing`: the template API's base URL and path, same
 * scheme, host, port and path) and carry an `after` cursor. Anything else — another host, another
 * path, credentials in the URL, no cursor — is refused, so that our JWT never goes anywhere a
 * provider's answer points. The reason never quotes the link.
 */
export const nextCursor = (next: string, listing: URL): Either.Either<string, string> => {
  if (next.length > 8_192 || !URL.canParse(next)) return Either.left("the next page's link is not an absolute URL")
  const url = new URL(next)
  if (url.origin !== listing.origin || url.username !== "" || url.password !== "") {
    return Either.left("the next page's link points outside the configured template API; it is not followed")
  }
  if (url.pathname !== listing.pathname) {
    return Either.left("the next page's link points to another resource than the listing; it is not followed")
  }
  const cursors = url.searchParams.getAll("after")
  const [cursor] = cursors
  if (cursor === undefined || cursor.length === 0 || cursors.length > 1) {
    return Either.left("the next page's link carries no single after= cursor")
  }
  return Either.right(cursor)
}

/** The POST /wabas/{id}/templates body: a draft in the document's shape (name, language, category, components). */
export const TemplateCreation = Schema.Struct({
  name: Schema.String,
  language: Schema.String,
  // Sent as given: the document lists TRANSACTIONAL, MARKETING and OTP, its guide Meta's
  // current MARKETING, UTILITY and AUTHENTICATION.
  category: Schema.String,
  components: Schema.Array(Component)
})

/** POST /wabas/{id}/templates → 200 `{ id }`. */
export const CreatedTemplate = Schema.Struct({ id: optionalString })

/** The longest handle accepted from an upload answer (Meta's are a few hundred characters). */
export const maxHandleLength = 4_096

/** POST /media/uploads → 200 `{ h }`: the handle a media header's `example.header_handle` carries. */
export const UploadedMedia = Schema.Struct({
  handle: Schema.propertySignature(
    Schema.String.pipe(
      Schema.filter((handle) => handle.length > 0 || "must not be empty"),
      Schema.filter((handle) => handle.length <= maxHandleLength || `must be at most ${maxHandleLength} characters`)
    )
  ).pipe(Schema.fromKey("h"))
})

/** The kinds of template asset POST /media/uploads takes: its file types have no document. */
export type UploadKind = Exclude<MediaHandle.TemplateAssetKind, "document">

/** The file types POST /media/uploads takes (`file_type`), by the kind of template asset they are. */
export const uploadFileTypes: { readonly [K in UploadKind]: ReadonlyArray<string> } = {
  image: ["image/jpeg", "image/jpg", "image/png"],
  video: ["video/mp4"]
}
