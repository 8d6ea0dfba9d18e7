/**
 * The WhatsApp Cloud API's template component and flow formats, which Meta serves and WOZTELL
 * proxies: the platform's own wire shapes and rules, for every adapter that speaks them (no
 * provider's knowledge: paths, errors, ids and limits a provider adds stay with its adapter).
 *
 * - Template components on the wire (`type`, `example.header_text`/`header_handle`,
 *   `example.body_text`, `phone_number` …) as the domain's `Template.Component`: {@link Component}
 *   for what creations and edits send, {@link Components} for what listings answer (a component or
 *   button the domain has no place for is left out, the template is kept).
 * - A business profile as the Cloud API answers it ({@link ProfileFields}) and a change of one on
 *   the wire (`messaging_product: "whatsapp"`, the vertical as
 *   Meta's code), with the photo field each provider names ({@link profileChange}).
 * - Flows: the categories a flow is created in ({@link Flow.FlowCategory}, {@link Flow.FlowCategories}),
 *   WhatsApp's limit on a flow JSON and the stated defaults beside it, the https-only rule on a
 *   flow endpoint, and the models a flow's preview, validation errors and the business public key
 *   are read into, the same for every provider so that a tool shows them alike; the fields a flow
 *   is read with ({@link flowFields}).
 * - The tasks a user can be given on a WhatsApp Business Account ({@link WabaPermissionTask}).
 *
 * @example
 * import { CloudApi } from "@wa-admin/core/adapter"
 * import { Schema } from "effect"
 *
 * Schema.encodeSync(CloudApi.Component)({ _tag: "BODY", text: "Your order {{1}} has shipped", examples: [["A-1"]] })
 * // { type: "BODY", text: "Your order {{1}} has shipped", example: { body_text: [["A-1"]] } }
 *
 * @since 0.2.0
 */
import type { Effect } from "effect"
import { Either, Option, ParseResult, Schema } from "effect"
import type * as AdminError from "../AdminError.js"
import * as Flow from "../Flow.js"
import * as Id from "../Id.js"
import * as Template from "../Template.js"
import * as Url from "../Url.js"
import * as Vertical from "../Vertical.js"
import * as Vocabulary from "../Vocabulary.js"

const exact = { exact: true } as const

// ---------------------------------------------------------------------------------------------
// Template components
// ---------------------------------------------------------------------------------------------

/**
 * A component's or button's `type` as the domain's `_tag`: written as the platform writes it
 * (upper case), read without regard to case (Meta's document's own examples write `body`). The
 * bodies generated for it (fuzzing) are its spellings in either case.
 */
const tag = <T extends string>(type: T) => {
  const spelling = Schema.String.annotations({ arbitrary: () => (fc) => fc.constantFrom(type, type.toLowerCase()) })
  return Schema.propertySignature(
    Schema.transformOrFail(spelling, Schema.Literal(type), {
      strict: true,
      decode: (value, _, ast) =>
        value.toUpperCase() === type
          ? ParseResult.succeed(type)
          : ParseResult.fail(new ParseResult.Type(ast, value, `not ${type}`)),
      encode: (value) => ParseResult.succeed(value)
    })
  ).pipe(Schema.fromKey("type"))
}

/**
 * A template button on the wire (`QUICK_REPLY`, `URL` with its one example URL in a list,
 * `PHONE_NUMBER` with `phone_number`), as the domain's button.
 *
 * @since 0.2.0
 * @category template components
 */
export const Button = Schema.Union(
  Schema.Struct({ _tag: tag("QUICK_REPLY"), text: Schema.String }),
  Schema.Struct({
    _tag: tag("URL"),
    text: Schema.String,
    url: Schema.String,
    // One example URL; the wire holds it in a list.
    example: Schema.optionalToOptional(Schema.Array(Schema.String), Schema.UndefinedOr(Schema.String), {
      decode: Option.flatMap((examples) => Option.fromNullable(examples[0])),
      encode: Option.flatMap((example) => (example === undefined ? Option.none() : Option.some([example])))
    })
  }),
  Schema.Struct({
    _tag: tag("PHONE_NUMBER"),
    text: Schema.String,
    phoneNumber: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("phone_number"))
  })
)

/** A header's example: `header_text` for a TEXT header, `header_handle` for media. */
const HeaderExample = Schema.Struct({
  header_text: Schema.optionalWith(Schema.Array(Schema.String), exact),
  header_handle: Schema.optionalWith(Schema.Array(Schema.String), exact)
})

const Header = Schema.transform(
  Schema.Struct({
    _tag: tag("HEADER"),
    format: Template.HeaderFormat,
    text: Schema.optional(Schema.String),
    example: Schema.optionalWith(HeaderExample, exact)
  }),
  Template.Header,
  {
    strict: true,
    decode: ({ example, ...header }) => {
      const first = example?.header_text?.[0] ?? example?.header_handle?.[0]
      return first === undefined ? header : { ...header, example: first }
    },
    encode: ({ example, ...header }) =>
      example === undefined
        ? header
        : { ...header, example: header.format === "TEXT" ? { header_text: [example] } : { header_handle: [example] } }
  }
)

const Body = Schema.Struct({
  _tag: tag("BODY"),
  text: Schema.String,
  // The example values of each parameter; an empty list is sent as no example.
  examples: Schema.optionalToOptional(
    Schema.Struct({ body_text: Schema.optionalWith(Schema.Array(Schema.Array(Schema.String)), exact) }),
    Schema.UndefinedOr(Schema.Array(Schema.Array(Schema.String))),
    {
      decode: Option.flatMap((example) => Option.fromNullable(example.body_text)),
      encode: Option.flatMap((
        rows
      ) => (rows === undefined || rows.length === 0 ? Option.none() : Option.some({ body_text: rows })))
    }
  ).pipe(Schema.fromKey("example"))
})

const Footer = Schema.Struct({ _tag: tag("FOOTER"), text: Schema.String })

/**
 * A template component on the wire, as the domain's `Template.Component`: what creations and
 * edits send (and what they refuse to read: a component the domain has no place for).
 *
 * @since 0.2.0
 * @category template components
 */
export const Component = Schema.Union(
  Header,
  Body,
  Footer,
  Schema.Struct({ _tag: tag("BUTTONS"), buttons: Schema.Array(Button) })
)

/** A list whose entries are each read by `item`, those it cannot read left out (never refused). */
const lenientArray = <A, I>(item: Schema.Schema<A, I, never>) => {
  const decodeItem = Schema.decodeUnknownOption(item)
  const encodeItems = ParseResult.encodeUnknown(Schema.Array(item))
  return Schema.transformOrFail(Schema.Array(Schema.Unknown), Schema.Array(Schema.typeSchema(item)), {
    strict: true,
    decode: (entries) => ParseResult.succeed(entries.flatMap((entry) => Option.toArray(decodeItem(entry)))),
    encode: (values) => encodeItems(values)
  })
}

/**
 * The components of a template as a listing answers them: a component or button the domain has
 * no place for (a CAROUSEL, an OTP or FLOW button, a header format or button type added after the
 * documents, an authentication BODY without text) is left out, the template is kept.
 *
 * @since 0.2.0
 * @category template components
 */
export const Components = lenientArray(
  Schema.Union(Header, Body, Footer, Schema.Struct({ _tag: tag("BUTTONS"), buttons: lenientArray(Button) }))
)

/**
 * One language version of a template as a Cloud API server holds it: its id, WABA, name,
 * language, category and review status, and its components in their wire form (as sent). The
 * emulators of the providers that serve Cloud API templates hold theirs so.
 *
 * @since 0.2.0
 * @category template components
 */
export interface StoredTemplate {
  readonly id: string
  readonly wabaId: string
  readonly name: string
  readonly language: string
  readonly category: string
  readonly status: string
  readonly components: ReadonlyArray<unknown>
}

/**
 * A copy of a held template's {@link StoredTemplate} fields, its components cloned, for a
 * caller that must not be able to change what the server holds.
 *
 * @since 0.2.0
 * @category template components
 */
export const storedTemplate = (template: StoredTemplate): StoredTemplate => ({
  id: template.id,
  wabaId: template.wabaId,
  name: template.name,
  language: template.language,
  category: template.category,
  status: template.status,
  components: structuredClone(template.components)
})

// ---------------------------------------------------------------------------------------------
// Business profile
// ---------------------------------------------------------------------------------------------

const present = (text: string): boolean => text.length > 0

/** A text field of a read profile: an empty one is no value. */
const presentText = Schema.optionalToOptional(Schema.String, Schema.String, {
  decode: Option.filter(present),
  encode: (text) => text
})

/**
 * The fields of a business profile as the Cloud API answers them, as the domain `Profile`'s:
 * an empty text is no value; the vertical is Meta's code as the canonical vertical
 * (`PROF_SERVICES` ↔ `ProfessionalServices`), and a code the canonical set has no place for
 * (`UNDEFINED` "not set", `ALCOHOL`, `ONLINE_GAMBLING`, `PHYSICAL_GAMBLING`, `OTC_DRUGS`, codes
 * added later) is no vertical rather than a failed read; empty websites are left out (and no list
 * when none is left); the photo is `profile_picture_url`.
 *
 * @since 0.2.0
 * @category business profile
 */
export const ProfileFields = Schema.Struct({
  about: presentText,
  address: presentText,
  description: presentText,
  email: presentText,
  vertical: Schema.optionalToOptional(Schema.String, Vertical.Vertical, {
    decode: Option.flatMap((code) => Either.getRight(Vertical.metaCodes.decode(code))),
    encode: Option.flatMap((vertical) => Either.getRight(Vertical.metaCodes.encode(vertical)))
  }),
  websites: Schema.optionalToOptional(Schema.Array(Schema.String), Schema.Array(Schema.String), {
    decode: Option.flatMap((websites) =>
      Option.some(websites.filter(present)).pipe(Option.filter((kept) => kept.length > 0))
    ),
    encode: (websites) => websites
  }),
  photoUrl: presentText.pipe(Schema.fromKey("profile_picture_url"))
})

const profileText = {
  about: Schema.optional(Schema.String),
  address: Schema.optional(Schema.String),
  description: Schema.optional(Schema.String),
  email: Schema.optional(Schema.String),
  websites: Schema.optional(Schema.Array(Schema.String))
}

/**
 * A business profile change as the Cloud API's profile endpoint takes it: the fields given (one
 * left undefined is left out of the JSON), the vertical as Meta's code, `messaging_product:
 * "whatsapp"`, and the photo as the provider names it — `photo` is that one field, its wire side
 * (e.g. `profile_picture_handle`, renamed with `Schema.fromKey`) and its domain side.
 *
 * @since 0.2.0
 * @category business profile
 */
export const profileChange = <
  const Name extends string,
  WireField extends Schema.Struct.Field,
  DomainField extends Schema.Struct.Field
>(
  photo: { readonly name: Name; readonly wire: WireField; readonly domain: DomainField }
) =>
  Schema.transform(
    Schema.Struct({
      messaging_product: Schema.Literal("whatsapp"),
      ...profileText,
      vertical: Schema.optional(Vertical.schema(Vertical.metaCodes))
    }).pipe(Schema.extend(Schema.Struct({ [photo.name]: photo.wire } as { readonly [K in Name]: WireField }))),
    Schema.Struct({ ...profileText, vertical: Schema.optional(Vertical.Vertical) }).pipe(
      Schema.extend(Schema.Struct({ [photo.name]: photo.domain } as { readonly [K in Name]: DomainField }))
    ),
    {
      strict: false,
      decode: ({ messaging_product: _, ...change }) => change,
      encode: (change) => ({ messaging_product: "whatsapp" as const, ...change })
    }
  )

// ---------------------------------------------------------------------------------------------
// WhatsApp Business Accounts
// ---------------------------------------------------------------------------------------------

/**
 * The tasks a user can be given on a WhatsApp Business Account (the document's
 * `WhatsAppBusinessAccountPermissionTask`).
 *
 * @since 0.2.0
 * @category accounts
 */
export const WabaPermissionTask = Schema.Literal(...Vocabulary.wabaPermissionTasks)

/**
 * @since 0.2.0
 * @category accounts
 */
export type WabaPermissionTask = typeof WabaPermissionTask.Type

// ---------------------------------------------------------------------------------------------
// Flows
// ---------------------------------------------------------------------------------------------

export {
  /**
   * The domain's (core `Flow.BusinessPublicKey`), for the adapters that speak the Flows API.
   *
   * @since 0.2.0
   * @category flows
   */
  BusinessPublicKey,
  /**
   * The domain's (core `Flow.FlowCategories`), for the adapters that speak the Flows API.
   *
   * @since 0.2.0
   * @category flows
   */
  FlowCategories,
  /**
   * The domain's (core `Flow.FlowCategory`), for the adapters that speak the Flows API.
   *
   * @since 0.2.0
   * @category flows
   */
  FlowCategory,
  /**
   * The domain's (core `Flow.FlowJsonResult`), for the adapters that speak the Flows API.
   *
   * @since 0.2.0
   * @category flows
   */
  FlowJsonResult,
  /**
   * The domain's (core `Flow.FlowPreview`), for the adapters that speak the Flows API.
   *
   * @since 0.2.0
   * @category flows
   */
  FlowPreview,
  /**
   * The domain's (core `Flow.FlowValidationError`), for the adapters that speak the Flows API.
   *
   * @since 0.2.0
   * @category flows
   */
  FlowValidationError,
  /**
   * The domain's (core `Flow.maxFlowJsonBytes`), for the adapters that speak the Flows API.
   *
   * @since 0.2.0
   * @category flows
   */
  maxFlowJsonBytes,
  /**
   * The domain's (core `Flow.maxFlowJsonDepth`), for the adapters that speak the Flows API.
   *
   * @since 0.2.0
   * @category flows
   */
  maxFlowJsonDepth,
  /**
   * The domain's (core `Flow.maxFlowNameLength`), for the adapters that speak the Flows API.
   *
   * @since 0.2.0
   * @category flows
   */
  maxFlowNameLength
} from "../Flow.js"

/**
 * The fields of a flow (`GET /{Flow-ID}?fields=…`), the document's list: `preview` makes the
 * platform answer a preview URL, renewed when it expired.
 *
 * @since 0.2.0
 * @category flows
 */
export const flowFields: ReadonlyArray<string> = [
  "id",
  "name",
  "categories",
  "preview",
  "status",
  "validation_errors",
  "json_version",
  "data_api_version",
  "data_channel_uri",
  "health_status",
  "whatsapp_business_account",
  "application"
]

/**
 * A flow's id: Graph's, digits only, the same on every platform that speaks the Flows API (a
 * provider passes it through). An id that is not digits is refused before anything is sent, so
 * no id can reach another path.
 *
 * @since 0.2.0
 * @category flows
 */
export const FlowId = Id.digits("a flow id")

/**
 * A flow's name in the platform's rules: not blank, at most {@link Flow.maxFlowNameLength}
 * characters.
 *
 * @since 0.2.0
 * @category flows
 */
export const FlowName = Schema.String.pipe(
  Schema.filter((name) => name.trim().length > 0 || "must not be empty"),
  Schema.filter((name) =>
    name.length <= Flow.maxFlowNameLength || `must be at most ${Flow.maxFlowNameLength} characters`
  )
)

/**
 * A flow's data endpoint: an http(s) URL (core `Url.HttpUrl`) with the https scheme, since
 * WhatsApp calls flow endpoints over HTTPS only.
 *
 * @since 0.2.0
 * @category flows
 */
export const FlowEndpointUrl = Url.HttpUrl.pipe(
  Schema.filter((url) =>
    url.startsWith("https://") || "must be an https URL (WhatsApp calls flow endpoints over HTTPS only)"
  )
)

/**
 * What every provider of Cloud API flows can do to one flow by its reference (the `Ref` request
 * schema): create a draft, change its metadata and flow JSON, publish it, deprecate it, delete it, each
 * taking its request schema's encoded form. A provider's flows service extends it with its own
 * requests and reads.
 *
 * @since 0.2.0
 * @category flows
 */
export interface FlowLifecycle<
  Ref extends Schema.Schema.Any,
  Create extends Schema.Schema.Any,
  UpdateMetadata extends Schema.Schema.Any,
  UpdateJson extends Schema.Schema.Any
> {
  /** Creates (or clones) a flow as a draft; answers its id. */
  readonly create: (request: Schema.Schema.Encoded<Create>) => Effect.Effect<string, AdminError.AdminError>
  /** Changes a draft's name, categories or endpoint. */
  readonly updateMetadata: (
    request: Schema.Schema.Encoded<UpdateMetadata>
  ) => Effect.Effect<void, AdminError.AdminError>
  /** Replaces a draft's flow JSON; answers the validation errors Meta found (none: ready to publish). */
  readonly updateJson: (
    request: Schema.Schema.Encoded<UpdateJson>
  ) => Effect.Effect<Flow.FlowJsonResult, AdminError.AdminError>
  /** Publishes a draft (irreversible: the flow and its JSON become immutable). */
  readonly publish: (request: Schema.Schema.Encoded<Ref>) => Effect.Effect<void, AdminError.AdminError>
  /** Deprecates a published flow (irreversible). */
  readonly deprecate: (request: Schema.Schema.Encoded<Ref>) => Effect.Effect<void, AdminError.AdminError>
  /** Deletes a draft. */
  readonly delete: (request: Schema.Schema.Encoded<Ref>) => Effect.Effect<void, AdminError.AdminError>
}

/**
 * The WABA a flow belongs to, as a flow's detail describes it.
 *
 * @since 0.2.0
 * @category flows
 */
export const FlowWaba = Schema.Struct({
  id: Schema.String,
  name: Schema.optional(Schema.String),
  currency: Schema.optional(Schema.String),
  timezoneId: Schema.optional(Schema.String),
  messageTemplateNamespace: Schema.optional(Schema.String)
})

/**
 * The application a flow belongs to, as a flow's detail describes it.
 *
 * @since 0.2.0
 * @category flows
 */
export const FlowApplication = Schema.Struct({
  id: Schema.optional(Schema.String),
  name: Schema.optional(Schema.String),
  link: Schema.optional(Schema.String)
})

// ---------------------------------------------------------------------------------------------
// Flows on the wire (Graph's field names)
// ---------------------------------------------------------------------------------------------

const optionalString = Schema.optionalWith(Schema.String, exact)
const optionalNumber = Schema.optionalWith(Schema.Number, exact)

/**
 * The fields of a flow's validation error on the wire besides its message (`error_type`,
 * `line_start`, `line_end`, `column_start`, `column_end`, `pointers`), as {@link Flow.FlowValidationError}'s.
 * Each adapter adds `message` as its provider sends it.
 *
 * @since 0.2.0
 * @category flows
 */
export const flowValidationErrorFields = {
  error: optionalString,
  errorType: optionalString.pipe(Schema.fromKey("error_type")),
  lineStart: optionalNumber.pipe(Schema.fromKey("line_start")),
  lineEnd: optionalNumber.pipe(Schema.fromKey("line_end")),
  columnStart: optionalNumber.pipe(Schema.fromKey("column_start")),
  columnEnd: optionalNumber.pipe(Schema.fromKey("column_end")),
  pointers: Schema.optionalWith(Schema.Array(Schema.Unknown), exact)
}

/**
 * The WABA and the application of a flow as its detail sends them
 * (`whatsapp_business_account: { id, name, currency, timezone_id, message_template_namespace }`,
 * `application: { id, name, link }`), as {@link FlowWaba} and {@link FlowApplication}.
 *
 * @since 0.2.0
 * @category flows
 */
export const flowOwnerFields = {
  waba: Schema.optionalWith(
    Schema.Struct({
      id: Schema.String,
      name: optionalString,
      currency: optionalString,
      timezoneId: optionalString.pipe(Schema.fromKey("timezone_id")),
      messageTemplateNamespace: optionalString.pipe(Schema.fromKey("message_template_namespace"))
    }),
    exact
  ).pipe(Schema.fromKey("whatsapp_business_account")),
  application: Schema.optionalWith(
    Schema.Struct({ id: optionalString, name: optionalString, link: optionalString }),
    exact
  )
}
