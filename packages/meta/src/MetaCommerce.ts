/**
 * Meta extension: a number's commerce settings (`/{Phone-Number-ID}/whatsapp_commerce_settings`)
 * — whether the cart is enabled and the catalog visible in the chat. The number defaults to
 * `META_PHONE_NUMBER_ID`.
 *
 * @example
 * import { MetaCommerce } from "@wa-admin/meta"
 *
 * const hideCatalog = MetaCommerce.set({ catalogVisible: false })
 *
 * @since 0.1.0
 */
import type { AdminError } from "@wa-admin/core"
import { Accessors } from "@wa-admin/core/adapter"
import { Context, Effect, Layer, Schema } from "effect"
import * as Endpoints from "./internal/endpoints.js"
import { operationsOn } from "./internal/service.js"
import * as Wire from "./internal/wire.js"
import { MetaClient } from "./MetaClient.js"
import type { Service as ClientService } from "./MetaClient.js"
import type { CommerceSettings } from "./MetaModels.js"

export {
  /**
   * Whether the cart is enabled and the catalog visible.
   *
   * @since 0.1.0
   * @category models
   */
  CommerceSettings
} from "./MetaModels.js"

/**
 * The number whose settings are read (default `META_PHONE_NUMBER_ID`).
 *
 * @since 0.1.0
 * @category requests
 */
export const GetRequest = Schema.Struct({ phoneNumberId: Schema.optional(Wire.PhoneNumberId) })

/**
 * The settings to change (at least one); one left out stays as it is.
 *
 * @since 0.1.0
 * @category requests
 */
export const SetRequest = Schema.Struct({
  phoneNumberId: Schema.optional(Wire.PhoneNumberId),
  cartEnabled: Schema.optional(Schema.Boolean),
  catalogVisible: Schema.optional(Schema.Boolean)
}).pipe(
  Schema.filter((request) =>
    request.cartEnabled !== undefined || request.catalogVisible !== undefined ||
    "must change at least one of cartEnabled, catalogVisible"
  )
)

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly get: (request?: typeof GetRequest.Encoded) => Effect.Effect<CommerceSettings, AdminError.AdminError>
  readonly set: (request: typeof SetRequest.Encoded) => Effect.Effect<void, AdminError.AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class MetaCommerce extends Context.Tag("@wa-admin/meta/MetaCommerce")<MetaCommerce, Service>() {}

/**
 * The service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): Service => {
  const onNumber = operationsOn(client, "phoneNumberId")
  const read = client.call(Endpoints.getCommerce)
  const write = client.call(Endpoints.setCommerce)
  const get = onNumber.make("commerce.get", GetRequest, (_, phoneNumberId) => read({ phoneNumberId }))
  return {
    get: (request) => get(request ?? {}),
    set: onNumber.make(
      "commerce.set",
      SetRequest,
      ({ cartEnabled, catalogVisible }, phoneNumberId) =>
        Effect.asVoid(write({ phoneNumberId, cartEnabled, catalogVisible }))
    )
  }
}

/**
 * The `MetaCommerce` service for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(MetaClient, fromClient)

/**
 * Provides `MetaCommerce` for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(MetaCommerce, make)

/**
 * The accessors: each method of the service in context (`MetaCommerce.set({ cartEnabled: true })`).
 *
 * @since 0.1.0
 * @category accessors
 */
export const { get, set } = Accessors.make(MetaCommerce)
