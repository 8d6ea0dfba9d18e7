/**
 * The WOZTELL adapter as layers.
 *
 * - `layer` (static view): the port services WOZTELL supports — business profile, media,
 *   templates and number status — plus its extensions (`WoztellFlows`, `WoztellAnalytics`,
 *   `WoztellCatalogs`, `WoztellEncryption`, `WoztellWaba`), the `QuotaStore` in use, and
 *   `Capabilities`.
 * - `layerComplete` (dynamic view): every port service (`Port.Services`) plus the same
 *   extensions; provisioning, code verification and release fail with `Unsupported`.
 * - `layerConfig`: `layerComplete` configured from the environment (`WOZTELL_*`).
 *
 * @example
 * import { NodeHttpClient } from "@effect/platform-node"
 * import { BusinessProfile } from "@wa-admin/core"
 * import { WoztellAdmin } from "@wa-admin/woztell"
 * import { Effect, Layer } from "effect"
 *
 * const program = BusinessProfile.get({ number: "123164329653069" })
 * program.pipe(Effect.provide(WoztellAdmin.layerConfig.pipe(Layer.provide(NodeHttpClient.layerUndici))))
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import type { Config, ConfigError } from "effect"
import { Effect, Layer } from "effect"
import { BusinessProfile, Capabilities, Media, NumberLifecycle, Port, Templates } from "@wa-admin/core"
import * as QuotaStore from "./QuotaStore.js"
import * as WoztellAnalytics from "./WoztellAnalytics.js"
import * as WoztellBusinessProfile from "./WoztellBusinessProfile.js"
import * as WoztellCatalogs from "./WoztellCatalogs.js"
import * as WoztellClient from "./WoztellClient.js"
import * as WoztellEncryption from "./WoztellEncryption.js"
import * as WoztellFlows from "./WoztellFlows.js"
import * as WoztellMedia from "./WoztellMedia.js"
import * as WoztellNumberLifecycle from "./WoztellNumberLifecycle.js"
import * as WoztellTemplates from "./WoztellTemplates.js"
import * as WoztellWaba from "./WoztellWaba.js"

/**
 * The names of WOZTELL's extension services, as `Capabilities.extensions` lists them.
 *
 * @since 0.1.0
 * @category constants
 */
export const extensions: ReadonlyArray<string> = [
  "WoztellFlows",
  "WoztellAnalytics",
  "WoztellCatalogs",
  "WoztellEncryption",
  "WoztellWaba"
]

/**
 * WOZTELL's extension services (and the quota store in use).
 *
 * @since 0.1.0
 * @category models
 */
export type Extensions =
  | WoztellFlows.WoztellFlows
  | WoztellAnalytics.WoztellAnalytics
  | WoztellCatalogs.WoztellCatalogs
  | WoztellEncryption.WoztellEncryption
  | WoztellWaba.WoztellWaba
  | QuotaStore.QuotaStore

/**
 * The port services WOZTELL supports.
 *
 * @since 0.1.0
 * @category models
 */
export type Supported =
  | BusinessProfile.BusinessProfile
  | Media.Media
  | Templates.Templates
  | NumberLifecycle.NumberLifecycle
  | Capabilities.Capabilities

const parts = Effect.gen(function* () {
  return {
    provider: WoztellClient.provider,
    supportStatus: "stable",
    extensions,
    numberLifecycle: yield* WoztellNumberLifecycle.make,
    businessProfile: yield* WoztellBusinessProfile.make,
    media: yield* WoztellMedia.make,
    templates: yield* WoztellTemplates.make
  } satisfies Port.Parts
})

const extensionLayer: Layer.Layer<Extensions, never, WoztellClient.WoztellClient> = Layer.mergeAll(
  WoztellFlows.layer,
  WoztellAnalytics.layer,
  WoztellCatalogs.layer,
  WoztellEncryption.layer,
  WoztellWaba.layer,
  Layer.effect(
    QuotaStore.QuotaStore,
    Effect.map(WoztellClient.WoztellClient, (client) => client.quota)
  )
)

/**
 * The static view: what WOZTELL supports, its extensions and `Capabilities`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Supported | Extensions, never, WoztellClient.WoztellClient> = Layer.merge(
  Layer.unwrapEffect(
    Effect.map(parts, (parts) =>
      Layer.mergeAll(
        Layer.succeed(NumberLifecycle.NumberLifecycle, parts.numberLifecycle),
        Layer.succeed(BusinessProfile.BusinessProfile, parts.businessProfile),
        Layer.succeed(Media.Media, parts.media),
        Layer.succeed(Templates.Templates, parts.templates),
        Layer.succeed(Capabilities.Capabilities, Port.capabilities(parts))
      )
    )
  ),
  extensionLayer
)

/**
 * The dynamic view: every port service (unsupported operations fail with `Unsupported`), the
 * extensions and `Capabilities`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerComplete: Layer.Layer<Port.Services | Extensions, never, WoztellClient.WoztellClient> = Layer.merge(
  Layer.unwrapEffect(Effect.map(parts, Port.layerComplete)),
  extensionLayer
)

/**
 * `layerComplete` configured from the given config; needs only an `HttpClient`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfigWith = (
  config?: Config.Config<WoztellClient.Options>
): Layer.Layer<Port.Services | Extensions, ConfigError.ConfigError, HttpClient.HttpClient> =>
  layerComplete.pipe(Layer.provide(WoztellClient.layerConfig(config)))

/**
 * `layerComplete` configured from the environment (`WOZTELL_*`); needs only an `HttpClient`.
 * A missing `WOZTELL_ACCESS_TOKEN` is a `ConfigError` naming it.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig: Layer.Layer<Port.Services | Extensions, ConfigError.ConfigError, HttpClient.HttpClient> =
  layerConfigWith()
