/**
 * Everything Vonage offers, as layers.
 *
 * - {@link layer} — the static view: the port services Vonage supports (`NumberLifecycle`,
 *   `BusinessProfile`, `Templates`, `Media`), the `VonageStickers` extension and `Capabilities`.
 * - {@link layerComplete} — the dynamic view, for a provider chosen at run time: the same
 *   services and every other port service. The operations Vonage lacks — `templates.edit` (no
 *   documented shape) and `media.upload` (media ids for sending are not in the documents) —
 *   fail with `Unsupported`, and `Capabilities` leaves them out.
 * - {@link layerConfig} — `layerComplete` with the client read from the environment.
 *
 * @example
 * import { NumberLifecycle } from "@wa-admin/core"
 * import { VonageAdmin } from "@wa-admin/vonage"
 * import { NodeHttpClient } from "@effect/platform-node"
 * import { Effect, Layer } from "effect"
 *
 * const program = NumberLifecycle.status({ id: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab" })
 * program.pipe(Effect.provide(VonageAdmin.layerConfig.pipe(Layer.provide(NodeHttpClient.layerUndici))))
 *
 * @since 0.1.0
 */
import type { Capabilities, Port } from "@wa-admin/core"
import { Adapter } from "@wa-admin/core/adapter"
import { Effect } from "effect"
import * as Descriptor from "./internal/descriptor.js"
import * as VonageBusinessProfile from "./VonageBusinessProfile.js"
import { VonageClient } from "./VonageClient.js"
import * as VonageClientModule from "./VonageClient.js"
import * as VonageMedia from "./VonageMedia.js"
import * as VonageNumberLifecycle from "./VonageNumberLifecycle.js"
import * as VonageStickers from "./VonageStickers.js"
import * as VonageTemplates from "./VonageTemplates.js"

const layers = Adapter.layers({
  provider: Descriptor,
  ports: [VonageNumberLifecycle.layer, VonageBusinessProfile.layer, VonageTemplates.layer, VonageMedia.layer],
  extensions: VonageStickers.layer,
  clientConfig: VonageClientModule.layerConfig()
})

/**
 * Vonage's port services, for the client in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const parts: Effect.Effect<Port.Parts, never, VonageClient> = layers.parts

/**
 * What Vonage can do, for the client in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const capabilities: Effect.Effect<Capabilities.Service, never, VonageClient> = layers.capabilities

/**
 * The static view: `NumberLifecycle`, `BusinessProfile`, `Templates`, `Media`, `VonageStickers`
 * and `Capabilities`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = layers.layer

/**
 * The dynamic view: every port service (`templates.edit` and `media.upload` fail with
 * `Unsupported`), `Capabilities` and `VonageStickers`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerComplete = layers.layerComplete

/**
 * {@link layerComplete} with the client configured from the environment
 * (`VonageClient.layerConfig()`); needs only an `HttpClient`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = layers.layerConfig
