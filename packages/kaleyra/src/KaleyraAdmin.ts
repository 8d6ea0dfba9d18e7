/**
 * The Kaleyra adapter assembled: number provisioning (activation) only, deprecated.
 *
 * - `layer` (static view) provides `NumberLifecycle` and `Capabilities` only, so a program that
 *   needs `BusinessProfile`, `Media` or `Templates` does not type-check against it.
 * - `layerComplete` (dynamic view, for a provider chosen at run time) provides every port
 *   service; all but `NumberLifecycle.provision` fail with `Unsupported`.
 * - `layerConfig` is `layerComplete` configured from `KALEYRA_SID`, `KALEYRA_API_KEY` and
 *   `KALEYRA_BASE_URL`.
 *
 * `Capabilities` reports the support status `"deprecated"` with the reason, and building any of
 * these layers logs one warning.
 *
 * @since 0.1.0
 * @deprecated Kaleyra says its WhatsApp Registration API is no longer in use; this adapter exists
 * only so that migrations can read and replay that step. Use Vonage WhatsApp Manager
 * (`@wa-admin/vonage`) to provision numbers and WOZTELL (`@wa-admin/woztell`) to administer them.
 */
import { Port } from "@wa-admin/core"
import type { Capabilities, NumberLifecycle } from "@wa-admin/core"
import { Adapter } from "@wa-admin/core/adapter"
import { Effect, Layer } from "effect"
import * as Deprecation from "./internal/deprecation.js"
import { KaleyraClient } from "./KaleyraClient.js"
import * as KaleyraClientModule from "./KaleyraClient.js"
import * as KaleyraNumberLifecycle from "./KaleyraNumberLifecycle.js"
import * as KaleyraProvider from "./KaleyraProvider.js"

/**
 * Why this adapter is deprecated and what to use instead (also in `Capabilities.deprecation`).
 *
 * @since 0.1.0
 * @category constants
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export const deprecation: string = Deprecation.deprecation

const servicesOf = (client: KaleyraClientModule.Service) => ({
  numberLifecycle: KaleyraNumberLifecycle.fromClient(client)
})

const layers = Adapter.layers({
  provider: KaleyraProvider,
  ports: [KaleyraNumberLifecycle.layer],
  extensions: Layer.empty,
  clientConfig: KaleyraClientModule.layerConfig()
})

/**
 * Kaleyra's port services (`NumberLifecycle`, provision only), for the client in context.
 * Building them logs one deprecation warning.
 *
 * @since 0.1.0
 * @category constructors
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use; use `@wa-admin/vonage`.
 */
export const parts: Effect.Effect<
  Port.Parts & { readonly numberLifecycle: NumberLifecycle.Service },
  never,
  KaleyraClient
> = layers.parts

/**
 * What Kaleyra can do (provision only), its support status `"deprecated"` and why, for the
 * client in context. Reading them builds nothing and logs nothing.
 *
 * @since 0.1.0
 * @category constructors
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use; use `@wa-admin/vonage`.
 */
export const capabilities: Effect.Effect<Capabilities.Service, never, KaleyraClient> = Effect.map(
  KaleyraClient,
  (client) => Port.capabilities(Adapter.parts(KaleyraProvider, servicesOf(client)))
)

/**
 * The static view: `NumberLifecycle` (provision only) and `Capabilities`.
 *
 * @since 0.1.0
 * @category layers
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use; use `@wa-admin/vonage`.
 */
export const layer = layers.layer

/**
 * The dynamic view: every port service, the ones Kaleyra lacks failing with `Unsupported`.
 *
 * @since 0.1.0
 * @category layers
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use; use `@wa-admin/vonage`.
 */
export const layerComplete = layers.layerComplete

/**
 * `layerComplete` configured from the environment (`KALEYRA_SID`, `KALEYRA_API_KEY`,
 * `KALEYRA_BASE_URL`).
 *
 * @since 0.1.0
 * @category layers
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use; use `@wa-admin/vonage`.
 */
export const layerConfig = layers.layerConfig
