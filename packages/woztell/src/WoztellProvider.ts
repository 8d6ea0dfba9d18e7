/**
 * WOZTELL's WhatsApp Cloud API as a provider descriptor (`Provider.Descriptor`): its name, the
 * environment variables that configure it, what it can do, the defaults its environment gives
 * `--waba-id` and `--number`, its layers and how to start its emulator. The module itself is the
 * descriptor.
 *
 * The module imports nothing of the adapter: the adapter is loaded when `layerConfig` is first
 * built, and the emulator is never imported from here (see `Provider.withEmulator`).
 *
 * @example
 * import { WhatsAppAdmin } from "@wa-admin/core"
 * import { WoztellProvider } from "@wa-admin/woztell"
 *
 * // WA_ADMIN_PROVIDER=woztell with WOZTELL_ACCESS_TOKEN and the signed-context variables
 * const AdminLive = WhatsAppAdmin.layerConfig([WoztellProvider])
 *
 * @since 0.1.0
 */
import { Capabilities } from "@wa-admin/core"
import * as Provider from "@wa-admin/core/adapter/Provider"
import * as WabaAccount from "@wa-admin/core/adapter/WabaAccount"
import { Effect } from "effect"
import type * as Emulator from "./emulator/index.js"

/**
 * The name `WA_ADMIN_PROVIDER` and `--provider` take.
 *
 * @since 0.1.0
 * @category descriptor
 */
export const name = "woztell"

/**
 * @since 0.1.0
 * @category descriptor
 */
export const description =
  "WOZTELL WhatsApp Cloud: number status, business profile and photo, media, templates, flows, analytics, catalogs"

/**
 * @since 0.1.0
 * @category descriptor
 */
export const supportStatus: Capabilities.SupportStatus = "stable"

/**
 * The port operations WOZTELL implements (numbers are registered in WOZTELL's platform, so only
 * their status is read).
 *
 * @since 0.1.0
 * @category descriptor
 */
export const operations: ReadonlySet<Capabilities.Operation> = new Set(
  Capabilities.except("numbers.provision", "numbers.verify", "numbers.resend", "numbers.release", "media.templateAsset")
)

const numbersInWoztell =
  "WOZTELL's public API does not register numbers: they are connected in WOZTELL's platform, and only their status is read"

/**
 * Why WOZTELL lacks the operations it lacks: `Unsupported.reason` and `Capabilities.reason`.
 *
 * @since 0.2.0
 * @category descriptor
 */
export const reasons: Capabilities.Reasons = {
  "numbers.provision": numbersInWoztell,
  "numbers.verify": numbersInWoztell,
  "numbers.resend": numbersInWoztell,
  "numbers.release": numbersInWoztell,
  "media.templateAsset":
    "WOZTELL uploads a template header's example itself: give the file's http(s) URL as the header's example"
}

/**
 * The extension services WOZTELL adds to the port.
 *
 * @since 0.1.0
 * @category descriptor
 */
export const extensions: ReadonlyArray<string> = [
  "WoztellFlows",
  "WoztellAnalytics",
  "WoztellCatalogs",
  "WoztellEncryption",
  "WoztellWaba"
]

/** The signed context's settings: the operations that sign their calls (flows, analytics, encryption …) need them. */
const signedContext = [
  Provider.setting("WOZTELL_CHANNEL_ID", "the channel (signed context)"),
  Provider.setting("WOZTELL_APP_ID", "the app (signed context)"),
  Provider.setting("WOZTELL_APP_INTEGRATION_ID", "the app integration (signed context)"),
  Provider.secret("WOZTELL_APP_INTEGRATION_SIGNATURE", "the app integration's signature (signed context)")
]

const account = WabaAccount.make(name, {
  accessToken: "the channel's access token",
  credentials: signedContext,
  settings: [Provider.setting("WOZTELL_BASE_URL", "the API's base URL (default: WOZTELL's)")],
  quota: "the client-side template quotas"
})

/**
 * The environment variables `layerConfig` reads. Only the access token is required; the
 * signed-context settings are needed by the operations that use them (profile, flows …), which
 * name what is missing.
 *
 * @since 0.1.0
 * @category descriptor
 */
export const variables: ReadonlyArray<Provider.Variable> = account.variables

/**
 * What the environment gives `--waba-id` and `--number` when they are absent.
 *
 * @since 0.1.0
 * @category descriptor
 */
export const defaults: Provider.Defaults = account.defaults

/**
 * Every port service (provisioning, code verification and release fail with `Unsupported`),
 * `Capabilities` and the WOZTELL extensions, configured from the environment with the template
 * quotas kept on disk (`WoztellAdmin.layerConfig`, loaded on first use).
 *
 * @since 0.1.0
 * @category descriptor
 */
export const layerConfig = Provider.lazyLayer(() => import("./WoztellAdmin.js").then((admin) => admin.layerConfig))

/**
 * Starts the WOZTELL emulator from its module (`@wa-admin/woztell/emulator`), with one WABA.
 *
 * @since 0.1.0
 * @category descriptor
 */
export const emulatorOf = ({ WoztellEmulator }: typeof Emulator): Provider.Emulator => (options) =>
  Effect.map(WoztellEmulator.make(options), ({ environment, url }) => ({ url, environment }))
