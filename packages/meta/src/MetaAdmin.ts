/**
 * Everything Meta offers, as layers.
 *
 * - {@link layer} — the static view: the four port services (`NumberLifecycle`,
 *   `BusinessProfile`, `Media`, `Templates`), the extensions (`MetaMedia.MetaMedia`,
 *   `MetaNumbers`, `MetaFlows`, `MetaQrCodes`, `MetaCommerce`, `MetaAutomation`, `MetaWebhooks`,
 *   `MetaWaba`, `MetaTemplates.MetaTemplates`) and `Capabilities`. Meta implements every port
 *   operation.
 * - {@link layerComplete} — the dynamic view, for a provider chosen at run time: the same.
 * - {@link layerConfig} — `layerComplete` with the client read from the environment
 *   (`META_*`) and Meta's limits kept in the directory `META_QUOTA_DIR` (default
 *   `~/.wa-admin/quota`, `MetaQuota.layerConfig()`). `layer` and `layerComplete` need a
 *   `MetaClient`, whose layers require the `QuotaLedger` to use: nothing is kept on disk unless
 *   the program says so.
 *
 * @example
 * import { NumberLifecycle } from "@wa-admin/core"
 * import { MetaAdmin } from "@wa-admin/meta"
 * import { NodeHttpClient } from "@effect/platform-node"
 * import { Effect, Layer } from "effect"
 *
 * const program = NumberLifecycle.status({ id: "106540352242922" })
 * program.pipe(Effect.provide(MetaAdmin.layerConfig.pipe(Layer.provide(NodeHttpClient.layerUndici))))
 *
 * @since 0.1.0
 */
import type { Capabilities, Port } from "@wa-admin/core"
import { Adapter } from "@wa-admin/core/adapter"
import { Effect, Layer } from "effect"
import * as MetaAutomation from "./MetaAutomation.js"
import * as MetaBusinessProfile from "./MetaBusinessProfile.js"
import { MetaClient } from "./MetaClient.js"
import * as MetaClientModule from "./MetaClient.js"
import * as MetaCommerce from "./MetaCommerce.js"
import * as MetaFlows from "./MetaFlows.js"
import * as MetaMedia from "./MetaMedia.js"
import * as MetaNumberLifecycle from "./MetaNumberLifecycle.js"
import * as MetaNumbers from "./MetaNumbers.js"
import * as MetaProvider from "./MetaProvider.js"
import * as MetaQrCodes from "./MetaQrCodes.js"
import * as MetaQuota from "./MetaQuota.js"
import * as MetaTemplates from "./MetaTemplates.js"
import * as MetaWaba from "./MetaWaba.js"
import * as MetaWebhooks from "./MetaWebhooks.js"

/** Every extension, for the client in context. */
const extensionLayers = Layer.mergeAll(
  MetaMedia.extensionLayer,
  MetaNumbers.layer,
  MetaFlows.layer,
  MetaQrCodes.layer,
  MetaCommerce.layer,
  MetaAutomation.layer,
  MetaWebhooks.layer,
  MetaWaba.layer,
  MetaTemplates.extensionLayer
)

/**
 * Meta's extension services (`MetaMedia`, `MetaNumbers`, `MetaFlows`, `MetaQrCodes`,
 * `MetaCommerce`, `MetaAutomation`, `MetaWebhooks`, `MetaWaba`, `MetaTemplates`).
 *
 * @since 0.1.0
 * @category models
 */
export type Extensions = Layer.Layer.Success<typeof extensionLayers>

const layers = Adapter.layers({
  provider: MetaProvider,
  ports: [MetaNumberLifecycle.layer, MetaBusinessProfile.layer, MetaMedia.layer, MetaTemplates.layer],
  extensions: extensionLayers,
  clientConfig: MetaClientModule.layerConfig().pipe(Layer.provide(MetaQuota.layerConfig()))
})

/**
 * Meta's port services, for the client in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const parts: Effect.Effect<Port.Parts, never, MetaClient> = layers.parts

/**
 * What Meta can do, for the client in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const capabilities: Effect.Effect<Capabilities.Service, never, MetaClient> = layers.capabilities

/**
 * The static view: `NumberLifecycle`, `BusinessProfile`, `Media`, `Templates`, the extensions
 * ({@link Extensions}) and `Capabilities`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = layers.layer

/**
 * The dynamic view: every port service, `Capabilities` and the extensions.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerComplete = layers.layerComplete

/**
 * {@link layerComplete} with the client configured from the environment
 * (`MetaClient.layerConfig()`) and Meta's limits in `META_QUOTA_DIR`
 * (`MetaQuota.layerConfig()`); needs only an `HttpClient`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = layers.layerConfig
