/**
 * The models of a WhatsApp Flow that every provider serving the Flows API answers alike (Meta,
 * WOZTELL): the categories a flow is created in, WhatsApp's limits on a flow, a flow's preview
 * link, the validation errors found in its JSON, the outcome of replacing its JSON, and the
 * business public key of a number's flows. A tool reads flows of any provider into these.
 *
 * @example
 * import { Flow } from "@wa-admin/core"
 * import { Schema } from "effect"
 *
 * Schema.decodeUnknownSync(Flow.FlowCategories)(["SIGN_UP", "SURVEY"])
 *
 * @since 0.2.0
 */
import { Schema } from "effect"

/**
 * The categories a flow can be created in.
 *
 * @since 0.2.0
 * @category models
 */
export const FlowCategory = Schema.Literal(
  "SIGN_UP",
  "SIGN_IN",
  "APPOINTMENT_BOOKING",
  "LEAD_GENERATION",
  "CONTACT_US",
  "CUSTOMER_SUPPORT",
  "SURVEY",
  "OTHER"
)

/**
 * @since 0.2.0
 * @category models
 */
export type FlowCategory = typeof FlowCategory.Type

/**
 * A flow's categories: at least one, none twice (so at most the eight there are).
 *
 * @since 0.2.0
 * @category models
 */
export const FlowCategories = Schema.Array(FlowCategory).pipe(
  Schema.minItems(1, { message: () => "must have at least one category" }),
  Schema.filter((categories) => new Set(categories).size === categories.length || "must not name a category twice")
)

/**
 * The largest flow JSON sent, in bytes: 10 MB, WhatsApp's limit on a flow JSON file, counted as
 * 10,000,000 bytes so that no reading of "MB" lets a larger one through.
 *
 * @since 0.2.0
 * @category models
 */
export const maxFlowJsonBytes = 10_000_000

/**
 * How deeply a flow JSON may nest: 100 levels, a stated default (WhatsApp documents none; the
 * flow builder's own JSON nests about ten levels).
 *
 * @since 0.2.0
 * @category models
 */
export const maxFlowJsonDepth = 100

/**
 * The longest flow name sent: 200 characters, a stated default (WhatsApp documents none).
 *
 * @since 0.2.0
 * @category models
 */
export const maxFlowNameLength = 200

/**
 * A preview link of a flow and when it stops working.
 *
 * @since 0.2.0
 * @category models
 */
export class FlowPreview extends Schema.Class<FlowPreview>("@wa-admin/core/Flow/FlowPreview")({
  url: Schema.String,
  expiresAt: Schema.optional(Schema.DateTimeUtc)
}) {}

/**
 * One problem WhatsApp found in a flow's JSON; lines and columns point into the file as sent.
 *
 * @since 0.2.0
 * @category models
 */
export class FlowValidationError extends Schema.Class<FlowValidationError>("@wa-admin/core/Flow/FlowValidationError")({
  message: Schema.String,
  error: Schema.optional(Schema.String),
  errorType: Schema.optional(Schema.String),
  lineStart: Schema.optional(Schema.Number),
  lineEnd: Schema.optional(Schema.Number),
  columnStart: Schema.optional(Schema.Number),
  columnEnd: Schema.optional(Schema.Number),
  pointers: Schema.optional(Schema.Array(Schema.Unknown))
}) {}

/**
 * The outcome of replacing a flow's JSON: the JSON is stored either way; publishing needs no
 * validation errors.
 *
 * @since 0.2.0
 * @category models
 */
export class FlowJsonResult extends Schema.Class<FlowJsonResult>("@wa-admin/core/Flow/FlowJsonResult")({
  validationErrors: Schema.Array(FlowValidationError)
}) {}

/**
 * The business public key on file for a number's flows, and whether its signature is valid
 * (`VALID`, `MISMATCH` …).
 *
 * @since 0.2.0
 * @category models
 */
export class BusinessPublicKey extends Schema.Class<BusinessPublicKey>("@wa-admin/core/Flow/BusinessPublicKey")({
  publicKey: Schema.String,
  signatureStatus: Schema.optional(Schema.String)
}) {}
