/**
 * The models of the Meta adapter's own operations (its extensions): what `MetaQrCodes`,
 * `MetaWebhooks`, `MetaWaba`, `MetaNumbers`, `MetaFlows`, `MetaMedia`, `MetaCommerce` and
 * `MetaTemplates` answer with, decoded straight from the Graph API's answers. Each extension module
 * re-exports its own; this module gathers them so that a tool (the CLI's JSON output, a
 * dashboard) can encode and decode them without reaching into any one extension.
 *
 * @example
 * import { MetaModels } from "@wa-admin/meta"
 * import { Schema } from "effect"
 *
 * const json = (waba: MetaModels.WabaInfo) => Schema.encodeSync(MetaModels.WabaInfo)(waba)
 *
 * @since 0.1.0
 */
import { CloudApi } from "@wa-admin/core/adapter"
import { Schema } from "effect"

/**
 * A media object as `GET /{Media-ID}` describes it: the URL it can be downloaded from (with the
 * access token, for 5 minutes), its type, size and SHA-256.
 *
 * @since 0.1.0
 * @category models
 */
export class MediaInfo extends Schema.Class<MediaInfo>("@wa-admin/meta/MediaInfo")({
  id: Schema.String,
  url: Schema.String,
  mimeType: Schema.optional(Schema.String),
  sha256: Schema.optional(Schema.String),
  /** In bytes. */
  fileSize: Schema.optional(Schema.Number)
}) {}

// ---------------------------------------------------------------------------------------------
// Flows (the same data as WOZTELL's flows, in the same shapes, so that a tool shows both alike)
// ---------------------------------------------------------------------------------------------

/**
 * A flow: as listed (id, name, categories, status, validation errors) or read whole (its preview,
 * JSON version, endpoint, WABA and application besides).
 *
 * @since 0.1.0
 * @category models
 */
export class FlowDetail extends Schema.Class<FlowDetail>("@wa-admin/meta/FlowDetail")({
  id: Schema.String,
  name: Schema.String,
  categories: Schema.Array(Schema.String),
  status: Schema.String,
  preview: Schema.optional(CloudApi.FlowPreview),
  validationErrors: Schema.Array(CloudApi.FlowValidationError),
  jsonVersion: Schema.optional(Schema.String),
  dataApiVersion: Schema.optional(Schema.String),
  /** The flow's data endpoint (`data_channel_uri`). */
  endpointUrl: Schema.optional(Schema.String),
  /** Whether messages with the flow can be sent now (`AVAILABLE`, `LIMITED`, `BLOCKED`). */
  canSendMessage: Schema.optional(Schema.String),
  waba: Schema.optional(CloudApi.FlowWaba),
  application: Schema.optional(CloudApi.FlowApplication)
}) {}

/**
 * A file of a flow (its flow JSON) and the URL it can be downloaded from.
 *
 * @since 0.1.0
 * @category models
 */
export class FlowAsset extends Schema.Class<FlowAsset>("@wa-admin/meta/FlowAsset")({
  name: Schema.String,
  assetType: Schema.String,
  downloadUrl: Schema.String
}) {}

/**
 * What `migrate_flows` did: each flow copied (its id in the source and the copy's id) and each
 * name it could not copy, with Meta's code and message.
 *
 * @since 0.1.0
 * @category models
 */
export class FlowMigration extends Schema.Class<FlowMigration>("@wa-admin/meta/FlowMigration")({
  migrated: Schema.Array(
    Schema.Struct({ sourceName: Schema.String, sourceId: Schema.String, migratedId: Schema.String })
  ),
  failed: Schema.Array(
    Schema.Struct({
      sourceName: Schema.String,
      errorCode: Schema.optional(Schema.String),
      errorMessage: Schema.optional(Schema.String)
    })
  )
}) {}

// ---------------------------------------------------------------------------------------------
// QR codes, commerce settings
// ---------------------------------------------------------------------------------------------

/**
 * A message QR code of a number: its code, the message it pre-fills, the `wa.me` link, the image
 * URL when one was asked for, and when it was created (when Meta says).
 *
 * @since 0.1.0
 * @category models
 */
export class QrCode extends Schema.Class<QrCode>("@wa-admin/meta/QrCode")({
  code: Schema.String,
  prefilledMessage: Schema.String,
  deepLinkUrl: Schema.String,
  imageUrl: Schema.optional(Schema.String),
  createdAt: Schema.optional(Schema.DateTimeUtc)
}) {}

/**
 * A number's commerce settings: whether the cart is enabled and the catalog visible.
 *
 * @since 0.1.0
 * @category models
 */
export class CommerceSettings extends Schema.Class<CommerceSettings>("@wa-admin/meta/CommerceSettings")({
  id: Schema.optional(Schema.String),
  cartEnabled: Schema.Boolean,
  catalogVisible: Schema.Boolean
}) {}

// ---------------------------------------------------------------------------------------------
// Numbers, webhooks, WABAs (the WABA and number shapes are WOZTELL's `WabaInfo` and `NumberStatus`)
// ---------------------------------------------------------------------------------------------

/**
 * A number of a WABA as listed: its state, quality and tier. Values are kept as Meta sends them
 * (`LINKED`, `VERIFIED`, `GREEN`, `TIER_1K` …).
 *
 * @since 0.1.0
 * @category models
 */
export class NumberStatus extends Schema.Class<NumberStatus>("@wa-admin/meta/NumberStatus")({
  phoneNumberId: Schema.String,
  displayPhoneNumber: Schema.optional(Schema.String),
  verifiedName: Schema.optional(Schema.String),
  status: Schema.optional(Schema.String),
  qualityRating: Schema.optional(Schema.String),
  codeVerificationStatus: Schema.optional(Schema.String),
  nameStatus: Schema.optional(Schema.String),
  accountMode: Schema.optional(Schema.String),
  messagingLimitTier: Schema.optional(Schema.String),
  isOfficialBusinessAccount: Schema.optional(Schema.Boolean),
  platform: Schema.optional(Schema.String)
}) {}

/**
 * An app subscribed to a WABA's webhooks, and the callback URL it overrides them to, if any.
 *
 * @since 0.1.0
 * @category models
 */
export class Subscription extends Schema.Class<Subscription>("@wa-admin/meta/Subscription")({
  appId: Schema.String,
  name: Schema.optional(Schema.String),
  link: Schema.optional(Schema.String),
  overrideCallbackUrl: Schema.optional(Schema.String)
}) {}

/**
 * A WhatsApp Business Account: its id, name, template namespace and what Meta says of it.
 *
 * @since 0.1.0
 * @category models
 */
export class WabaInfo extends Schema.Class<WabaInfo>("@wa-admin/meta/WabaInfo")({
  wabaId: Schema.String,
  name: Schema.optional(Schema.String),
  namespace: Schema.optional(Schema.String),
  timezoneId: Schema.optional(Schema.String),
  currency: Schema.optional(Schema.String),
  country: Schema.optional(Schema.String),
  accountReviewStatus: Schema.optional(Schema.String),
  businessVerificationStatus: Schema.optional(Schema.String),
  ownershipType: Schema.optional(Schema.String)
}) {}

/**
 * A user assigned to a WABA (`BUSINESS_USER`, `SYSTEM_USER` …) and the business it belongs to.
 *
 * @since 0.1.0
 * @category models
 */
export class AssignedUser extends Schema.Class<AssignedUser>("@wa-admin/meta/AssignedUser")({
  id: Schema.String,
  name: Schema.optional(Schema.String),
  userType: Schema.optional(Schema.String),
  business: Schema.optional(Schema.Struct({ id: Schema.optional(Schema.String), name: Schema.optional(Schema.String) }))
}) {}

// ---------------------------------------------------------------------------------------------
// Same-business template migration
// ---------------------------------------------------------------------------------------------

/**
 * One page of Meta's same-business template migration: the ids Meta answered as migrated and
 * the templates it did not migrate, each with Meta's reason.
 *
 * @since 0.1.0
 * @category models
 */
export class TemplateMigrationPage extends Schema.Class<TemplateMigrationPage>("@wa-admin/meta/TemplateMigrationPage")({
  /** The page, from 0. */
  page: Schema.Number,
  migrated: Schema.Array(Schema.String),
  failed: Schema.Array(Schema.Struct({ templateId: Schema.String, reason: Schema.String }))
}) {}
