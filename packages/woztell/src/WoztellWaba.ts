/**
 * WOZTELL extension: the WhatsApp Business Account behind a channel (GET /waba-info) and the
 * state of a number (GET /whatsapp-displayname-status).
 *
 * @example
 * import { WoztellWaba } from "@wa-admin/woztell"
 *
 * const info = WoztellWaba.info() // the configured channel's WABA
 *
 * @since 0.1.0
 */
import type { AdminError } from "@wa-admin/core"
import { Accessors, Operation } from "@wa-admin/core/adapter"
import { Context, Effect, Layer, Option, Schema } from "effect"
import * as Endpoints from "./internal/endpoints.js"
import type { NumberStatus, WabaInfo } from "./internal/models.js"
import { configuredId, givenOrConfigured } from "./internal/service.js"
import * as Wire from "./internal/wire.js"
import { provider, WoztellClient } from "./WoztellClient.js"
import type { Service as ClientService } from "./WoztellClient.js"

export {
  /**
   * The state of a number: account mode, verification, display name, quality and tier.
   * Values are kept as WOZTELL sends them (`LIVE`, `VERIFIED`, `GREEN`, `TIER_1K` …).
   *
   * @since 0.1.0
   * @category models
   */
  NumberStatus,
  /**
   * A WABA and its number, as WOZTELL reports them.
   *
   * @since 0.1.0
   * @category models
   */
  WabaInfo
} from "./internal/models.js"

/**
 * Which WABA: by channel id or by WABA id (default: the configured channel, else the configured
 * WABA).
 *
 * @since 0.1.0
 * @category requests
 */
export const InfoRequest = Schema.Union(
  Schema.Struct({ channelId: Wire.ChannelId }),
  Schema.Struct({ wabaId: Wire.WabaId })
)

/**
 * Which number (default: the configured phone number id).
 *
 * @since 0.1.0
 * @category requests
 */
export const StatusRequest = Schema.Struct({ phoneNumberId: Schema.optional(Wire.PhoneNumberId) })

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The WABA of a channel or WABA id (default: the configured channel, else WABA). */
  readonly info: (request?: typeof InfoRequest.Encoded) => Effect.Effect<WabaInfo, AdminError.AdminError>
  /** The state of a number (default: the configured phone number id). */
  readonly numberStatus: (request?: typeof StatusRequest.Encoded) => Effect.Effect<NumberStatus, AdminError.AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class WoztellWaba extends Context.Tag("@wa-admin/woztell/WoztellWaba")<WoztellWaba, Service>() {}

/**
 * The service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): Service => {
  const byChannel = client.call(Endpoints.wabaInfoByChannel)
  const byWaba = client.call(Endpoints.wabaInfoByWaba)
  const wabaInfo = (by: typeof InfoRequest.Type): Effect.Effect<WabaInfo, AdminError.AdminError> =>
    "channelId" in by ? byChannel(by) : byWaba(by)
  const given = Operation.make({ provider, operation: "waba.info", input: InfoRequest, run: wabaInfo })
  // Without a request: the configured channel, else the configured WABA, each held to the rule
  // of an id given in a request.
  const configured = Operation.make({
    provider,
    operation: "waba.info",
    input: Schema.Void,
    run: () =>
      Effect.flatMap(
        Option.match(client.channelId, {
          onSome: (channelId) =>
            Effect.map(configuredId("channelId", channelId, "waba.info"), (valid) => ({ channelId: valid })),
          onNone: () =>
            Effect.map(givenOrConfigured(client, "wabaId", undefined, "waba.info"), (wabaId) => ({ wabaId }))
        }),
        wabaInfo
      )
  })(undefined)
  const displayNameStatus = client.call(Endpoints.displayNameStatus)
  const numberStatus = Operation.make({
    provider,
    operation: "waba.numberStatus",
    input: StatusRequest,
    run: (request) =>
      Effect.flatMap(
        givenOrConfigured(client, "phoneNumberId", request.phoneNumberId, "waba.numberStatus"),
        (number) => displayNameStatus({ number })
      )
  })
  return {
    info: (request) => (request === undefined ? configured : given(request)),
    numberStatus: (request) => numberStatus(request ?? {})
  }
}

/**
 * The `WoztellWaba` service for the `WoztellClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(WoztellClient, fromClient)

/**
 * Provides `WoztellWaba` for the `WoztellClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(WoztellWaba, make)

/**
 * The accessors: each method of the service in context (`WoztellWaba.info()`).
 *
 * @since 0.1.0
 * @category accessors
 */
export const { info, numberStatus } = Accessors.make(WoztellWaba)
