/**
 * Kaleyra's legacy WhatsApp activation as a provider descriptor (`Provider.Descriptor`): its
 * name, the environment variables that configure it, what it can do (provisioning only), why it
 * is deprecated, its layers and how to start its emulator. The module itself is the descriptor.
 *
 * The module imports nothing of the adapter: the adapter is loaded when `layerConfig` is first
 * built (building it logs the deprecation warning), and the emulator is never imported from here
 * (see `Provider.withEmulator`).
 *
 * @since 0.1.0
 * @deprecated Kaleyra says its WhatsApp Registration API is no longer in use; this adapter exists
 * only so that migrations can read and replay that step. Use `@wa-admin/vonage` to provision
 * numbers and `@wa-admin/woztell` to administer them.
 */
import { Capabilities } from "@wa-admin/core"
import * as Provider from "@wa-admin/core/adapter/Provider"
import { Effect } from "effect"
import type * as Emulator from "./emulator/index.js"

/**
 * The name `WA_ADMIN_PROVIDER` and `--provider` take.
 *
 * @since 0.1.0
 * @category descriptor
 */
export const name = "kaleyra"

/**
 * @since 0.1.0
 * @category descriptor
 */
export const description = "Kaleyra's legacy WhatsApp activation, deprecated by the vendor (kept for migrations)"

/**
 * @since 0.1.0
 * @category descriptor
 */
export const supportStatus: Capabilities.SupportStatus = "deprecated"

/**
 * Why the adapter is deprecated and what to use instead (also in `Capabilities.deprecation`).
 *
 * @since 0.1.0
 * @category descriptor
 */
export const deprecation =
  "Kaleyra says its WhatsApp Registration (activation) API is no longer in use; @wa-admin/kaleyra is kept only to " +
  "read and replay that step in migrations. Use Vonage WhatsApp Manager (@wa-admin/vonage) to provision numbers " +
  "and WOZTELL (@wa-admin/woztell) to administer them."

/**
 * The port operations Kaleyra implements: the activation only.
 *
 * @since 0.1.0
 * @category descriptor
 */
export const operations: ReadonlySet<Capabilities.Operation> = new Set(["numbers.provision"])

/**
 * Why Kaleyra lacks the operations it lacks: `Unsupported.reason` and `Capabilities.reason`.
 *
 * @since 0.2.0
 * @category descriptor
 */
export const reasons: Capabilities.Reasons = Object.fromEntries(
  Capabilities.except(...operations).map((operation) => [
    operation,
    "Kaleyra's legacy WhatsApp API (deprecated by the vendor) covers number activation only"
  ])
)

/**
 * Kaleyra adds no extension service.
 *
 * @since 0.1.0
 * @category descriptor
 */
export const extensions: ReadonlyArray<string> = []

/**
 * The environment variables `layerConfig` reads.
 *
 * @since 0.1.0
 * @category descriptor
 */
export const variables: ReadonlyArray<Provider.Variable> = [
  Provider.setting("KALEYRA_SID", "the account's SID", { required: true, account: true }),
  Provider.secret("KALEYRA_API_KEY", "the account's API key", { required: true, account: true }),
  Provider.setting(
    "KALEYRA_BASE_URL",
    "the API domain (default https://api.kaleyra.io; regional ones such as https://api.in.kaleyra.io too)"
  )
]

/**
 * Every port service (all but `NumberLifecycle.provision` fail with `Unsupported`) and
 * `Capabilities`, configured from the environment (`KaleyraAdmin.layerConfig`, loaded on first
 * use).
 *
 * @since 0.1.0
 * @category descriptor
 */
export const layerConfig = Provider.lazyLayer(() => import("./KaleyraAdmin.js").then((admin) => admin.layerConfig))

/**
 * Starts the Kaleyra emulator from its module (`@wa-admin/kaleyra/emulator`).
 *
 * @since 0.1.0
 * @category descriptor
 */
export const emulatorOf = ({ KaleyraEmulator }: typeof Emulator): Provider.Emulator => (options) =>
  Effect.map(KaleyraEmulator.make(options), ({ environment, url }) => ({ url, environment }))
