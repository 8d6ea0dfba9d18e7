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
import { Context, Effect, Layer, Schema } from "effect"
import type { AdminError } from "@wa-admin/core"
import { Validation } from "@wa-admin/core"
import { reads } from "./internal/reads.js"
import { configuredId, givenOrConfigured, span } from "./internal/service.js"
import * as Wire from "./internal/wire.js"
import { provider, WoztellClient } from "./WoztellClient.js"

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

/**
 * Which WABA: by channel id or by WABA id (default: the configured channel, else the configured
 * WABA).
 *
 * @since 0.1.0
 * @category requests
 */
export const InfoRequest = Schema.Union(Schema.Struct({ channelId: Wire.ChannelId }), Schema.Struct({ wabaId: Wire.WabaId }))

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

const wabaInfoFromWire = (info: Wire.WabaInfo): WabaInfo =>
  new WabaInfo({
    wabaId: info.wabaId,
    ...(info.name === undefined ? {} : { name: info.name }),
    ...(info.namespace === undefined ? {} : { namespace: info.namespace }),
    ...(info.phoneNumberId === undefined ? {} : { phoneNumberId: info.phoneNumberId }),
    ...(info.waId === undefined ? {} : { waId: info.waId }),
    ...(info.phoneNumber === undefined ? {} : { phoneNumber: info.phoneNumber }),
    ...(info.phoneNumberCC === undefined ? {} : { phoneNumberCountryCode: info.phoneNumberCC }),
    ...(info.formattedPhoneNumber === undefined ? {} : { formattedPhoneNumber: info.formattedPhoneNumber }),
    ...(info.embeddedSignup === undefined ? {} : { embeddedSignup: info.embeddedSignup })
  })

const numberStatusFromWire = (status: Wire.DisplayNameStatus): NumberStatus =>
  new NumberStatus({
    phoneNumberId: status.id,
    ...(status.account_mode === undefined ? {} : { accountMode: status.account_mode }),
    ...(status.verified_name === undefined ? {} : { verifiedName: status.verified_name }),
    ...(status.code_verification_status === undefined ? {} : { codeVerificationStatus: status.code_verification_status }),
    ...(status.display_phone_number === undefined ? {} : { displayPhoneNumber: status.display_phone_number }),
    ...(status.quality_rating === undefined ? {} : { qualityRating: status.quality_rating }),
    ...(status.is_official_business_account === undefined
      ? {}
      : { isOfficialBusinessAccount: status.is_official_business_account }),
    ...(status.messaging_limit_tier === undefined ? {} : { messagingLimitTier: status.messaging_limit_tier }),
    ...(status.name_status === undefined ? {} : { nameStatus: status.name_status })
  })

/**
 * The service over the client in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, WoztellClient> = Effect.map(WoztellClient, (client) => {
  const read = reads(client)
  const validateInfo = Validation.validate(InfoRequest, { provider, operation: "waba.info" })
  const validateStatus = Validation.validate(StatusRequest, { provider, operation: "waba.numberStatus" })
  return {
    info: (request) =>
      Effect.gen(function* () {
        const by =
          request !== undefined
            ? yield* validateInfo(request)
            : client.channelId._tag === "Some"
              ? { channelId: yield* configuredId("channelId", client.channelId.value, "waba.info") }
              : { wabaId: yield* givenOrConfigured(client, "wabaId", undefined, "waba.info") }
        return wabaInfoFromWire(yield* read.wabaInfo(by, "waba.info"))
      }).pipe(span("waba.info")),
    numberStatus: (request) =>
      Effect.gen(function* () {
        const valid = yield* validateStatus(request ?? {})
        const phoneNumberId = yield* givenOrConfigured(client, "phoneNumberId", valid.phoneNumberId, "waba.numberStatus")
        return numberStatusFromWire(yield* read.displayNameStatus(phoneNumberId, "waba.numberStatus"))
      }).pipe(span("waba.numberStatus"))
  }
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<WoztellWaba, never, WoztellClient> = Layer.effect(WoztellWaba, make)

/** @since 0.1.0 @category accessors */
export const info = (request?: typeof InfoRequest.Encoded) => Effect.flatMap(WoztellWaba, (service) => service.info(request))
/** @since 0.1.0 @category accessors */
export const numberStatus = (request?: typeof StatusRequest.Encoded) =>
  Effect.flatMap(WoztellWaba, (service) => service.numberStatus(request))
