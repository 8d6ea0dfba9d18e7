/**
 * WOZTELL extension: conversation analytics (GET /conversation-analytics) over a date range, by
 * half hour, day or month, optionally narrowed to numbers, metrics, conversation types and
 * directions, and broken down by dimensions. Authenticates with the signed context.
 *
 * @example
 * import { WoztellAnalytics } from "@wa-admin/woztell"
 *
 * const january = WoztellAnalytics.conversations({
 *   from: "2024-01-01T00:00:00Z", to: "2024-02-01T00:00:00Z", granularity: "DAILY", dimensions: ["COUNTRY"]
 * })
 *
 * @since 0.1.0
 */
import type { AdminError } from "@wa-admin/core"
import { Context, DateTime, Effect, Layer, Schema } from "effect"
import * as Endpoints from "./internal/endpoints.js"
import type { DataPoint } from "./internal/models.js"
import { operation } from "./internal/service.js"
import { WoztellClient } from "./WoztellClient.js"
import type { Service as ClientService } from "./WoztellClient.js"

export {
  /**
   * One data point of a report; the breakdown fields are present when asked for.
   *
   * @since 0.1.0
   * @category models
   */
  DataPoint
} from "./internal/models.js"

/**
 * @since 0.1.0
 * @category schemas
 */
export const Granularity = Schema.Literal("HALF_HOUR", "DAILY", "MONTHLY")

/**
 * @since 0.1.0
 * @category schemas
 */
export const MetricType = Schema.Literal("COST", "CONVERSATION")

/**
 * @since 0.1.0
 * @category schemas
 */
export const ConversationType = Schema.Literal("FREE_ENTRY_POINT", "FREE_TIER", "REGULAR", "UNKNOWN")

/** A point in time: a `DateTime.Utc`, a `Date` or an ISO 8601 string. */
const Instant = Schema.Union(Schema.DateTimeUtcFromSelf, Schema.DateTimeUtcFromDate, Schema.DateTimeUtc)

/**
 * The range and breakdown of a report. `conversationDirections` are `BUSINESS_INITIATED` /
 * `USER_INITIATED`; `dimensions` are e.g. `PHONE`, `COUNTRY`, `CONVERSATION_TYPE`,
 * `CONVERSATION_DIRECTION` (sent as given).
 *
 * @since 0.1.0
 * @category requests
 */
export const ConversationsRequest = Schema.Struct({
  from: Instant,
  to: Instant,
  granularity: Granularity,
  phoneNumbers: Schema.optional(Schema.Array(Schema.String)),
  metricTypes: Schema.optional(Schema.Array(MetricType)),
  conversationTypes: Schema.optional(Schema.Array(ConversationType)),
  conversationDirections: Schema.optional(Schema.Array(Schema.String)),
  dimensions: Schema.optional(Schema.Array(Schema.String))
}).pipe(
  Schema.filter((request) =>
    DateTime.lessThan(request.from, request.to) || { path: ["to"], message: "must be after from" }
  )
)

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The conversation analytics of a date range. */
  readonly conversations: (
    request: typeof ConversationsRequest.Encoded
  ) => Effect.Effect<ReadonlyArray<DataPoint>, AdminError.AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class WoztellAnalytics extends Context.Tag("@wa-admin/woztell/WoztellAnalytics")<WoztellAnalytics, Service>() {}

/**
 * The service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): Service => ({
  conversations: operation(
    "analytics.conversations",
    ConversationsRequest,
    client.call(Endpoints.conversationAnalytics)
  )
})

/**
 * The `WoztellAnalytics` service for the `WoztellClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(WoztellClient, fromClient)

/**
 * Provides `WoztellAnalytics` for the `WoztellClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(WoztellAnalytics, make)

/** @since 0.1.0 @category accessors */
export const conversations = (request: typeof ConversationsRequest.Encoded) =>
  Effect.flatMap(WoztellAnalytics, (service) => service.conversations(request))
