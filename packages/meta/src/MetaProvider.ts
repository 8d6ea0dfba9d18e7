/**
 * Meta's WhatsApp Cloud API + Business Management API as a provider descriptor
 * (`Provider.Descriptor`): its name, the environment variables that configure it, what it can do,
 * its layers and how to start its emulator. The module itself is the descriptor: pass
 * `MetaProvider` wherever a list of providers is taken.
 *
 * The module imports nothing of the adapter: the adapter is loaded when `layerConfig` is first
 * built, and the emulator is never imported from here (see `Provider.withEmulator`).
 *
 * @example
 * import { WhatsAppAdmin } from "@wa-admin/core"
 * import { MetaProvider } from "@wa-admin/meta"
 * import { VonageProvider } from "@wa-admin/vonage"
 *
 * // WA_ADMIN_PROVIDER=meta with META_ACCESS_TOKEN (and META_WABA_ID, META_APP_ID …)
 * const AdminLive = WhatsAppAdmin.layerConfig([MetaProvider, VonageProvider])
 *
 * @since 0.1.0
 */
import * as Provider from "@wa-admin/core/adapter/Provider"
import * as WabaAccount from "@wa-admin/core/adapter/WabaAccount"
import * as Capabilities from "@wa-admin/core/Capabilities"
import { Effect, Schedule, Stream } from "effect"
import type * as Emulator from "./emulator/index.js"

/**
 * The name `WA_ADMIN_PROVIDER` and `--provider` take.
 *
 * @since 0.1.0
 * @category descriptor
 */
export const name = "meta"

/**
 * @since 0.1.0
 * @category descriptor
 */
export const description =
  "Meta WhatsApp Cloud API: numbers and registration, business profile and photo, media, templates, flows, QR codes, webhooks, WABAs"

/**
 * @since 0.1.0
 * @category descriptor
 */
export const supportStatus: Capabilities.SupportStatus = "stable"

/**
 * The port operations Meta implements: every one.
 *
 * @since 0.1.0
 * @category descriptor
 */
export const operations: ReadonlySet<Capabilities.Operation> = new Set(Capabilities.operations)

/**
 * Why Meta lacks the operations it lacks: it lacks none.
 *
 * @since 0.1.0
 * @category descriptor
 */
export const reasons: Capabilities.Reasons = {}

/**
 * The extension services Meta adds to the port.
 *
 * @since 0.1.0
 * @category descriptor
 */
export const extensions: ReadonlyArray<string> = [
  "MetaMedia",
  "MetaNumbers",
  "MetaFlows",
  "MetaQrCodes",
  "MetaCommerce",
  "MetaAutomation",
  "MetaWebhooks",
  "MetaWaba",
  "MetaTemplates"
]

const account = WabaAccount.make(name, {
  accessToken: "a (system-user) access token",
  credentials: [
    Provider.secret("META_APP_SECRET", "the app's secret: every call then carries appsecret_proof"),
    Provider.setting("META_APP_ID", "the app id (owner of resumable uploads: photos, template media)")
  ],
  settings: [
    Provider.setting("META_BUSINESS_ID", "the business (portfolio) id of business-level operations"),
    Provider.setting("META_GRAPH_VERSION", "the Graph API version (default v23.0)"),
    Provider.setting("META_GRAPH_URL", "the Graph API's base URL (default https://graph.facebook.com)")
  ],
  quota: "Meta's limits"
})

/**
 * The environment variables `layerConfig` reads (`MetaClient.config`, and `META_QUOTA_DIR` read
 * by `MetaQuota.layerConfig`). Only the access token is required; the others are needed by the
 * operations that use them, which name what is missing.
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
 * Every port service, `Capabilities` and the Meta extensions, configured from the environment
 * with Meta's limits kept in `META_QUOTA_DIR` (`MetaAdmin.layerConfig`, loaded on first use).
 *
 * @since 0.1.0
 * @category descriptor
 */
export const layerConfig = Provider.lazyLayer(() => import("./MetaAdmin.js").then((admin) => admin.layerConfig))

/** The codes the emulator "sent", one line each, as they are sent. */
const sentCodes = (emulator: Emulator.MetaEmulator.Emulator): Stream.Stream<string> =>
  Stream.repeatEffectWithSchedule(emulator.outbox, Schedule.spaced("250 millis")).pipe(
    Stream.mapAccum(0, (seen, outbox) => [outbox.length, outbox.slice(seen)] as const),
    Stream.flattenIterables,
    Stream.map((sent) =>
      `code ${sent.code} sent by ${sent.method} to ${sent.phoneNumber} (phone number id ${sent.phoneNumberId})`
    )
  )

/**
 * Starts the Meta emulator from its module (`@wa-admin/meta/emulator`), with one business, one
 * WABA and one registered number; its activity is the verification codes it "sends".
 *
 * @since 0.1.0
 * @category descriptor
 */
export const emulatorOf = ({ MetaEmulator }: typeof Emulator): Provider.Emulator => (options) =>
  Effect.map(MetaEmulator.make(options), (emulator) => ({
    url: emulator.graphUrl,
    environment: emulator.environment,
    activity: sentCodes(emulator)
  }))
