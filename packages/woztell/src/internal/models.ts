/**
 * The models of WOZTELL's extensions (flows, analytics, catalogs, encryption, WABA info), defined
 * apart from the extension modules so that the wire schemas can decode straight into them
 * without an import cycle. Each extension module re-exports its own: they are public through
 * `WoztellFlows`, `WoztellAnalytics`, `WoztellCatalogs`, `WoztellEncryption` and `WoztellWaba`.
 */
import { CloudApi } from "@wa-admin/core/adapter"
import { Schema } from "effect"

/**
 * The Cloud API's flow models (core's `CloudApi`), the same for every provider that serves flows
 * so that a tool shows them alike: a preview link, a validation error of a flow JSON, the outcome
 * of replacing one, and the business public key.
 */
export const { BusinessPublicKey, FlowJsonResult, FlowPreview, FlowValidationError } = CloudApi
/** A preview link of a flow and when it stops working. */
export type FlowPreview = CloudApi.FlowPreview
/** One problem found in a flow's JSON. */
export type FlowValidationError = CloudApi.FlowValidationError
/** The outcome of replacing a flow's JSON. */
export type FlowJsonResult = CloudApi.FlowJsonResult
/** The business public key on file and whether its signature is valid. */
export type BusinessPublicKey = CloudApi.BusinessPublicKey

// ---------------------------------------------------------------------------------------------
// Flows
// ---------------------------------------------------------------------------------------------

/**
 * A screen of a flow; `data` is the screen's data model as JSON text, as WOZTELL sends it.
 *
 * @since 0.1.0
 * @category models
 */
export class FlowScreen extends Schema.Class<FlowScreen>("@wa-admin/woztell/FlowScreen")({
  id: Schema.String,
  label: Schema.optional(Schema.String),
  data: Schema.optional(Schema.String),
  preview: Schema.optional(FlowPreview)
}) {}

/**
 * A flow as listed: id, label ("TEST FLOW (DRAFT)"), status and screens.
 *
 * @since 0.1.0
 * @category models
 */
export class FlowSummary extends Schema.Class<FlowSummary>("@wa-admin/woztell/FlowSummary")({
  id: Schema.String,
  label: Schema.optional(Schema.String),
  status: Schema.optional(Schema.String),
  screens: Schema.Array(FlowScreen)
}) {}

/**
 * The screen payload of a flow: its first screen and every screen.
 *
 * @since 0.1.0
 * @category models
 */
export class FlowScreenPayload extends Schema.Class<FlowScreenPayload>("@wa-admin/woztell/FlowScreenPayload")({
  id: Schema.optional(Schema.String),
  label: Schema.optional(Schema.String),
  data: Schema.optional(Schema.String),
  screens: Schema.Array(FlowScreen)
}) {}

/**
 * A flow in detail.
 *
 * @since 0.1.0
 * @category models
 */
export class FlowDetail extends Schema.Class<FlowDetail>("@wa-admin/woztell/FlowDetail")({
  id: Schema.String,
  name: Schema.String,
  categories: Schema.Array(Schema.String),
  status: Schema.String,
  preview: Schema.optional(FlowPreview),
  validationErrors: Schema.Array(FlowValidationError),
  jsonVersion: Schema.optional(Schema.String),
  waba: Schema.optional(CloudApi.FlowWaba),
  application: Schema.optional(CloudApi.FlowApplication)
}) {}

// ---------------------------------------------------------------------------------------------
// Conversation analytics
// ---------------------------------------------------------------------------------------------

/**
 * One data point of a report; the breakdown fields are present when asked for.
 *
 * @since 0.1.0
 * @category models
 */
export class DataPoint extends Schema.Class<DataPoint>("@wa-admin/woztell/DataPoint")({
  start: Schema.DateTimeUtc,
  end: Schema.DateTimeUtc,
  conversations: Schema.optional(Schema.Number),
  cost: Schema.optional(Schema.Number),
  phoneNumber: Schema.optional(Schema.String),
  country: Schema.optional(Schema.String),
  conversationType: Schema.optional(Schema.String),
  conversationDirection: Schema.optional(Schema.String)
}) {}

// ---------------------------------------------------------------------------------------------
// Catalogs
// ---------------------------------------------------------------------------------------------

/**
 * A commerce catalog of the WABA.
 *
 * @since 0.1.0
 * @category models
 */
export class Catalog extends Schema.Class<Catalog>("@wa-admin/woztell/Catalog")({
  id: Schema.String,
  name: Schema.optional(Schema.String)
}) {}

/**
 * A product; `price` is formatted by Meta with its currency ("HK$900.00").
 *
 * @since 0.1.0
 * @category models
 */
export class Product extends Schema.Class<Product>("@wa-admin/woztell/Product")({
  id: Schema.String,
  name: Schema.optional(Schema.String),
  price: Schema.optional(Schema.String),
  imageUrl: Schema.optional(Schema.String),
  retailerId: Schema.optional(Schema.String)
}) {}

// ---------------------------------------------------------------------------------------------
// WABA info and number status
// ---------------------------------------------------------------------------------------------

/**
 * A WABA and its number, as WOZTELL reports them.
 *
 * @since 0.1.0
 * @category models
 */
export class WabaInfo extends Schema.Class<WabaInfo>("@wa-admin/woztell/WabaInfo")({
  wabaId: Schema.String,
  name: Schema.optional(Schema.String),
  namespace: Schema.optional(Schema.String),
  phoneNumberId: Schema.optional(Schema.String),
  waId: Schema.optional(Schema.String),
  phoneNumber: Schema.optional(Schema.String),
  phoneNumberCountryCode: Schema.optional(Schema.String),
  formattedPhoneNumber: Schema.optional(Schema.String),
  embeddedSignup: Schema.optional(Schema.Boolean)
}) {}

/**
 * The state of a number: account mode, verification, display name, quality and tier.
 * Values are kept as WOZTELL sends them (`LIVE`, `VERIFIED`, `GREEN`, `TIER_1K` …).
 *
 * @since 0.1.0
 * @category models
 */
export class NumberStatus extends Schema.Class<NumberStatus>("@wa-admin/woztell/NumberStatus")({
  phoneNumberId: Schema.String,
  accountMode: Schema.optional(Schema.String),
  verifiedName: Schema.optional(Schema.String),
  codeVerificationStatus: Schema.optional(Schema.String),
  displayPhoneNumber: Schema.optional(Schema.String),
  qualityRating: Schema.optional(Schema.String),
  isOfficialBusinessAccount: Schema.optional(Schema.Boolean),
  messagingLimitTier: Schema.optional(Schema.String),
  nameStatus: Schema.optional(Schema.String)
}) {}
