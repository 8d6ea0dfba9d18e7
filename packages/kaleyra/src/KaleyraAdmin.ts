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
import type { HttpClient } from "@effect/platform"
import { Capabilities, NumberLifecycle, Port } from "@wa-admin/core"
import { Context, Effect, Layer } from "effect"
import type { ConfigError } from "effect"
import * as KaleyraClient from "./KaleyraClient.js"
import * as KaleyraNumberLifecycle from "./KaleyraNumberLifecycle.js"
import * as Deprecation from "./internal/deprecation.js"

/**
 * Why this adapter is deprecated and what to use instead (also in `Capabilities.deprecation`).
 *
 * @since 0.1.0
 * @category constants
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export const deprecation: string = Deprecation.deprecation

const parts: Effect.Effect<
  Port.Parts & { readonly numberLifecycle: NumberLifecycle.Service },
  never,
  KaleyraClient.KaleyraClient
> = Effect.map(
  KaleyraNumberLifecycle.make,
  (numberLifecycle) => ({
    provider: KaleyraClient.provider,
    supportStatus: "deprecated",
    deprecation,
    numberLifecycle
  })
)

/**
 * The static view: `NumberLifecycle` (provision only) and `Capabilities`.
 *
 * @since 0.1.0
 * @category layers
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use; use `@wa-admin/vonage`.
 */
export const layer: Layer.Layer<
  NumberLifecycle.NumberLifecycle | Capabilities.Capabilities,
  never,
  KaleyraClient.KaleyraClient
> = Layer.effectContext(
  Effect.map(parts, (provided) =>
    Context.make(NumberLifecycle.NumberLifecycle, provided.numberLifecycle).pipe(
      Context.add(Capabilities.Capabilities, Port.capabilities(provided))
    )
  )
)

/**
 * The dynamic view: every port service, the ones Kaleyra lacks failing with `Unsupported`.
 *
 * @since 0.1.0
 * @category layers
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use; use `@wa-admin/vonage`.
 */
export const layerComplete: Layer.Layer<Port.Services, never, KaleyraClient.KaleyraClient> = Layer.unwrapEffect(
  Effect.map(parts, Port.layerComplete)
)

/**
 * `layerComplete` configured from the environment (`KALEYRA_SID`, `KALEYRA_API_KEY`,
 * `KALEYRA_BASE_URL`).
 *
 * @since 0.1.0
 * @category layers
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use; use `@wa-admin/vonage`.
 */
export const layerConfig: Layer.Layer<Port.Services, ConfigError.ConfigError, HttpClient.HttpClient> =
  layerComplete.pipe(Layer.provide(KaleyraClient.layerConfig()))
