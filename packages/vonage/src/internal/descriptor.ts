/**
 * What the Vonage descriptor says without loading the adapter: its name, variables, static
 * capabilities and how to start its emulator. Shared by `VonageProvider` (whose `layerConfig` is
 * the adapter's own) and `VonageLazyProvider` (whose `layerConfig` loads the adapter on first
 * use); the adapter's modules read `reasons` and `extensions` from here.
 */
import { Capabilities } from "@wa-admin/core"
import * as Provider from "@wa-admin/core/adapter/Provider"
import { Effect, Schedule, Stream } from "effect"
import type * as Emulator from "../emulator/index.js"

/**
 * The name `WA_ADMIN_PROVIDER` and `--provider` take.
 */
export const name = "vonage"

/** One line for lists of providers. */
export const description =
  "Vonage WhatsApp Manager: provisioning and verification, business profile and photo, templates, stickers"

/** How far the adapter is supported. */
export const supportStatus: Capabilities.SupportStatus = "stable"

/**
 * The port operations Vonage implements (not `templates.edit` nor `media.upload`: the documents
 * describe neither).
 */
export const operations: ReadonlySet<Capabilities.Operation> = new Set(
  Capabilities.except("templates.edit", "media.upload")
)

/**
 * Why Vonage lacks the operations it lacks: `Unsupported.reason` and `Capabilities.reason`.
 */
export const reasons: Capabilities.Reasons = {
  "templates.edit":
    "Vonage's template API (v2) documents no way to change a template: delete the language and create it again",
  "media.upload":
    "Vonage WhatsApp Manager has no upload for sending media ids; a template header's file goes through media.templateAsset"
}

/**
 * The extension services Vonage adds to the port.
 */
export const extensions: ReadonlyArray<string> = ["VonageStickers"]

/**
 * The environment variables `layerConfig` reads. Either `VONAGE_APPLICATION_ID` with
 * `VONAGE_PRIVATE_KEY` (or `VONAGE_PRIVATE_KEY_PATH`), or a ready-made `VONAGE_JWT`.
 */
export const variables: ReadonlyArray<Provider.Variable> = [
  Provider.setting("VONAGE_APPLICATION_ID", "the Vonage application whose private key signs the JWTs", {
    account: true
  }),
  Provider.secret("VONAGE_PRIVATE_KEY", "the application's RSA private key, as PEM text"),
  Provider.setting(
    "VONAGE_PRIVATE_KEY_PATH",
    "a PEM file holding the application's private key, instead of VONAGE_PRIVATE_KEY"
  ),
  Provider.secret("VONAGE_JWT", "a ready-made JWT, instead of the application and its key", { account: true }),
  Provider.setting("VONAGE_JWT_TTL", "how long each signed JWT lives (default 15 minutes)"),
  Provider.setting("VONAGE_WHATSAPP_MANAGER_URL", "the WhatsApp Manager API's base URL (default: Vonage's)"),
  Provider.setting("VONAGE_TEMPLATES_URL", "the template API's base URL (default: Vonage's)")
]

/** The codes the emulator "sent", one line each, as they are sent. */
const sentCodes = (emulator: Emulator.VonageEmulator.Emulator): Stream.Stream<string> =>
  Stream.repeatEffectWithSchedule(emulator.outbox, Schedule.spaced("250 millis")).pipe(
    Stream.mapAccum(0, (seen, outbox) => [outbox.length, outbox.slice(seen)] as const),
    Stream.flattenIterables,
    Stream.map((sent) =>
      `code ${sent.code} sent by ${sent.method} to ${sent.number} (registration ${sent.deploymentId})`
    )
  )

/**
 * Starts the Vonage emulator from its module (`@wa-admin/vonage/emulator`); its activity is
 * the verification codes it "sends".
 */
export const emulatorOf = ({ VonageEmulator }: typeof Emulator): Provider.Emulator => (options) =>
  Effect.map(VonageEmulator.make(options), (emulator) => ({
    url: emulator.url,
    environment: emulator.environment,
    activity: sentCodes(emulator)
  }))
