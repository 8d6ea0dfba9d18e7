/**
 * The WOZTELL adapter as layers.
 *
 * - `layer` (static view): the port services WOZTELL supports — business profile, media,
 *   templates and number status — plus its extensions (`WoztellFlows`, `WoztellAnalytics`,
 *   `WoztellCatalogs`, `WoztellEncryption`, `WoztellWaba`), the `QuotaStore` in use, and
 *   `Capabilities`.
 * - `layerComplete` (dynamic view): every port service (`Port.Services`) plus the same
 *   extensions; provisioning, code verification and release fail with `Unsupported`.
 * - `layerConfig`: `layerComplete` configured from the environment (`WOZTELL_*`), with the
 *   template quotas kept in the directory `WOZTELL_QUOTA_DIR` (default `~/.wa-admin/quota`,
 *   `QuotaStore.layerConfig()`). `layer` and `layerComplete` need a `WoztellClient`, whose layers
 *   require the `QuotaStore` to use: nothing is kept on disk unless the program says so.
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
import type { BusinessProfile, Capabilities, Media, NumberLifecycle, Port, Templates } from "@wa-admin/core"
import { Adapter } from "@wa-admin/core/adapter"
import type { Config, ConfigError } from "effect"
import { Effect, Layer } from "effect"
import * as QuotaStore from "./QuotaStore.js"
import * as WoztellAnalytics from "./WoztellAnalytics.js"
import * as WoztellBusinessProfile from "./WoztellBusinessProfile.js"
import * as WoztellCatalogs from "./WoztellCatalogs.js"
import * as WoztellClient from "./WoztellClient.js"
import * as WoztellEncryption from "./WoztellEncryption.js"
import * as WoztellFlows from "./WoztellFlows.js"
import * as WoztellMedia from "./WoztellMedia.js"
import * as WoztellNumberLifecycle from "./WoztellNumberLifecycle.js"
import * as WoztellProvider from "./WoztellProvider.js"
import * as WoztellTemplates from "./WoztellTemplates.js"
import * as WoztellWaba from "./WoztellWaba.js"

/** Every extension, and the quota store in use, for the client in context. */
const extensionLayer = Layer.mergeAll(
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
 * WOZTELL's extension services (`WoztellFlows`, `WoztellAnalytics`, `WoztellCatalogs`,
 * `WoztellEncryption`, `WoztellWaba`) and the quota store in use.
 *
 * @since 0.1.0
 * @category models
 */
export type Extensions = Layer.Layer.Success<typeof extensionLayer>

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

/** The client from the environment, its quotas in `WOZTELL_QUOTA_DIR` (or `~/.wa-admin/quota`). */
const clientConfig = (
  config?: Config.Config<WoztellClient.Options>,
  quota: Layer.Layer<QuotaStore.QuotaStore, ConfigError.ConfigError> = QuotaStore.layerConfig()
): Layer.Layer<WoztellClient.WoztellClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  WoztellClient.layerConfig(config).pipe(Layer.provide(quota))

const layers = Adapter.layers({
  provider: WoztellProvider,
  ports: [WoztellNumberLifecycle.layer, WoztellBusinessProfile.layer, WoztellMedia.layer, WoztellTemplates.layer],
  extensions: extensionLayer,
  clientConfig: clientConfig()
})

/**
 * WOZTELL's port services, for the client in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const parts: Effect.Effect<Port.Parts, never, WoztellClient.WoztellClient> = layers.parts

/**
 * What WOZTELL can do, for the client in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const capabilities: Effect.Effect<Capabilities.Service, never, WoztellClient.WoztellClient> = layers.capabilities

/**
 * The static view: what WOZTELL supports, its extensions and `Capabilities`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Supported | Extensions, never, WoztellClient.WoztellClient> = layers.layer

/**
 * The dynamic view: every port service (unsupported operations fail with `Unsupported`), the
 * extensions and `Capabilities`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerComplete: Layer.Layer<Port.Services | Extensions, never, WoztellClient.WoztellClient> =
  layers.layerComplete

/**
 * `layerComplete` configured from the environment (`WOZTELL_*`); needs only an `HttpClient`.
 * A missing `WOZTELL_ACCESS_TOKEN` is a `ConfigError` naming it. The template quotas are kept in
 * the directory `WOZTELL_QUOTA_DIR` (default `~/.wa-admin/quota`, created when the first
 * creation or edit is recorded), whatever `QuotaStore` the program may have elsewhere.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig: Layer.Layer<Port.Services | Extensions, ConfigError.ConfigError, HttpClient.HttpClient> =
  layers.layerConfig

/**
 * `layerComplete` configured from the given config (default: the environment, as
 * {@link layerConfig}), with the quota store given (default: `QuotaStore.layerConfig()`, the
 * directory `WOZTELL_QUOTA_DIR`); needs only an `HttpClient`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfigWith = (
  config?: Config.Config<WoztellClient.Options>,
  quota?: Layer.Layer<QuotaStore.QuotaStore, ConfigError.ConfigError>
): Layer.Layer<Port.Services | Extensions, ConfigError.ConfigError, HttpClient.HttpClient> =>
  layerComplete.pipe(Layer.provide(clientConfig(config, quota)))
