/**
 * The number lifecycle port over WOZTELL: status only. WOZTELL numbers are registered through
 * embedded signup in its platform, so provisioning, code verification and release are not in its
 * public API and answer `Unsupported`.
 *
 * A number is referred to by its phone number id. Its state comes from GET
 * /whatsapp-displayname-status (account mode, code verification, quality, tier, verified name),
 * completed by GET /waba-info (WABA id, name, namespace) for the configured channel's number:
 * VERIFIED or LIVE → `ready`, anything else → `pending`, WOZTELL's values kept in
 * `providerState` (`"LIVE/EXPIRED"`) and `details`.
 *
 * @since 0.1.0
 */
import type { AdminError } from "@wa-admin/core"
import { NumberLifecycle } from "@wa-admin/core"
import { Effect, Layer, Option, Schema } from "effect"
import * as Endpoints from "./internal/endpoints.js"
import type { WabaInfo } from "./internal/models.js"
import { checkIds, configuredId } from "./internal/service.js"
import * as Wire from "./internal/wire.js"
import { provider, WoztellClient } from "./WoztellClient.js"
import type { Service as ClientService } from "./WoztellClient.js"
import { reasons } from "./WoztellProvider.js"

const operation = "numbers.status"

const checkId = checkIds(operation, Schema.Struct({ id: Wire.PhoneNumberId }))

/**
 * The implementation over a client (without the port's validation and spans; see {@link make}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const implementation = (client: ClientService): NumberLifecycle.Implementation => {
  const displayNameStatus = client.call(Endpoints.serving(operation, Endpoints.displayNameStatus))
  const byChannel = client.call(Endpoints.serving(operation, Endpoints.wabaInfoByChannel))
  const byWaba = client.call(Endpoints.serving(operation, Endpoints.wabaInfoByWaba))
  // Enrichment only: the WABA of the configured channel (else WABA), held to the rule of an id
  // given in a request; any failure reading it leaves the registration without it.
  const configuredWaba: Effect.Effect<
    Option.Option<Effect.Effect<WabaInfo, AdminError.AdminError>>,
    AdminError.InvalidInput
  > = Option.match(client.channelId, {
    onSome: (channelId) =>
      Effect.map(
        configuredId("channelId", channelId, operation),
        (valid) => Option.some(byChannel({ channelId: valid }))
      ),
    onNone: () =>
      Option.match(client.wabaId, {
        onSome: (wabaId) =>
          Effect.map(configuredId("wabaId", wabaId, operation), (valid) => Option.some(byWaba({ wabaId: valid }))),
        onNone: () => Effect.succeed(Option.none())
      })
  })
  return {
    status: (request) =>
      Effect.gen(function*() {
        const { id } = yield* checkId(request)
        const enrichWith = yield* configuredWaba
        const [status, waba] = yield* Effect.all(
          [
            displayNameStatus({ number: id }),
            Option.match(enrichWith, {
              onNone: () => Effect.succeed(Option.none()),
              onSome: (read) => Effect.option(read)
            })
          ],
          { concurrency: 2 }
        )
        // The WABA's facts complete the registration when it is this number's.
        return Wire.registration(id, status, Option.filter(waba, (info) => info.phoneNumberId === id))
      })
  }
}

/**
 * The `NumberLifecycle` service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): NumberLifecycle.Service =>
  NumberLifecycle.make(provider, { ...implementation(client), unsupported: reasons })

/**
 * The `NumberLifecycle` service for the `WoztellClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(WoztellClient, fromClient)

/**
 * Provides `NumberLifecycle` for the `WoztellClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(NumberLifecycle.NumberLifecycle, make)
