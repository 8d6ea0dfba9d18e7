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
import { Effect, Layer, Option, Schema } from "effect"
import type { AdminError } from "@wa-admin/core"
import { NumberLifecycle } from "@wa-admin/core"
import { registrationFromWire } from "./internal/mapping.js"
import { reads } from "./internal/reads.js"
import { checkIds, configuredId } from "./internal/service.js"
import * as Wire from "./internal/wire.js"
import { provider, WoztellClient } from "./WoztellClient.js"

type WabaRef = { readonly channelId: string } | { readonly wabaId: string }

/**
 * The port service over the client in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<NumberLifecycle.Service, never, WoztellClient> = Effect.map(WoztellClient, (client) => {
  const read = reads(client)
  const checkId = checkIds("numbers.status", Schema.Struct({ id: Wire.PhoneNumberId }))
  // The configured channel (else WABA), held to the rule of an id given in a request.
  const configuredWaba: Effect.Effect<Option.Option<WabaRef>, AdminError.InvalidInput> = Option.match(client.channelId, {
    onSome: (channelId) =>
      Effect.map(configuredId("channelId", channelId, "numbers.status"), (valid) => Option.some({ channelId: valid })),
    onNone: () =>
      Option.match(client.wabaId, {
        onSome: (wabaId) => Effect.map(configuredId("wabaId", wabaId, "numbers.status"), (valid) => Option.some({ wabaId: valid })),
        onNone: () => Effect.succeed(Option.none())
      })
  })
  return NumberLifecycle.make(provider, {
    status: (request) =>
      Effect.gen(function* () {
        const { id } = yield* checkId(request)
        const enrichWith = yield* configuredWaba
        const [status, waba] = yield* Effect.all(
          [
            read.displayNameStatus(id, "numbers.status"),
            // Enrichment only: the WABA of the configured channel, when it is this number's.
            Option.match(enrichWith, {
              onNone: () => Effect.succeed(Option.none()),
              onSome: (by) =>
                read.wabaInfo(by, "numbers.status").pipe(
                  Effect.map((info) => Option.some(info)),
                  Effect.catchAll(() => Effect.succeed(Option.none()))
                )
            })
          ],
          { concurrency: 2 }
        )
        return registrationFromWire(
          id,
          status,
          Option.filter(waba, (info) => info.phoneNumberId === id)
        )
      })
  })
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<NumberLifecycle.NumberLifecycle, never, WoztellClient> = Layer.effect(
  NumberLifecycle.NumberLifecycle,
  make
)
