/**
 * The Vonage descriptor for a tool that lists providers without loading their adapters at
 * start-up (the command line imports it as `@wa-admin/vonage/provider`): the same descriptor as
 * `VonageProvider`, but this module imports nothing of the adapter — its `layerConfig` loads
 * `VonageAdmin` when the layer is first built.
 *
 * Import it only where that matters: a dynamic import makes a bundler without code splitting
 * wrap the adapter's modules (and the effect modules they use) in lazy initialisers it cannot
 * tree-shake, so a program that bundles this module carries every service of the adapter. A
 * program that knows its provider imports `VonageProvider` or the services it uses.
 *
 * @example
 * import { Provider } from "@wa-admin/core/adapter"
 * // `@wa-admin/vonage/provider` is this module, as is `@wa-admin/vonage/VonageLazyProvider`
 * import * as VonageProvider from "@wa-admin/vonage/VonageLazyProvider"
 *
 * // loads the adapter when the layer is first built
 * const vonage = Provider.withEmulator(VonageProvider, () => import("@wa-admin/vonage/emulator"))
 *
 * @since 0.2.0
 */
import * as Provider from "@wa-admin/core/adapter/Provider"

/**
 * What the descriptor says without the adapter, as `VonageProvider` says it: `name`,
 * `description`, `supportStatus`, `operations`, `reasons`, `extensions`, `variables`, `emulatorOf`.
 *
 * @since 0.2.0
 * @category descriptor
 */
export * from "./internal/descriptor.js"

/**
 * Every port service (the operations Vonage lacks fail with `Unsupported`), `Capabilities` and
 * `VonageStickers`, configured from the environment (`VonageAdmin.layerConfig`, loaded on first
 * use).
 *
 * @since 0.2.0
 * @category descriptor
 */
export const layerConfig = Provider.lazyLayer(() => import("./VonageAdmin.js").then((admin) => admin.layerConfig))
