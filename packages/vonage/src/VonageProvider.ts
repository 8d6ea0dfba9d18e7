/**
 * Vonage WhatsApp Manager as a provider descriptor (`Provider.Descriptor`): its name, the
 * environment variables that configure it, what it can do, its layers and how to start its
 * emulator. The module itself is the descriptor: pass `VonageProvider` wherever a list of
 * providers is taken.
 *
 * Its `layerConfig` is `VonageAdmin.layerConfig`, imported as any module of the package is: a
 * program bundles what it uses, and nothing of the adapter when it uses only other modules. A
 * tool that lists descriptors without loading every adapter at start-up (the command line)
 * imports `@wa-admin/vonage/provider` instead: `VonageLazyProvider`, the same descriptor whose
 * layer is loaded on first use. The emulator is never imported from here (see
 * `Provider.withEmulator`).
 *
 * @example
 * import { WhatsAppAdmin } from "@wa-admin/core"
 * import { VonageProvider } from "@wa-admin/vonage"
 * import { WoztellProvider } from "@wa-admin/woztell"
 *
 * // WA_ADMIN_PROVIDER=vonage with VONAGE_APPLICATION_ID and VONAGE_PRIVATE_KEY
 * const AdminLive = WhatsAppAdmin.layerConfig([VonageProvider, WoztellProvider])
 *
 * @since 0.1.0
 */
import * as VonageAdmin from "./VonageAdmin.js"

// The descriptor's facts, kept in `internal/descriptor.ts` so that the lazy descriptor
// (`@wa-admin/vonage/provider`) shares them without importing the adapter.
export {
  /**
   * A one-line description, for help texts and error messages.
   *
   * @since 0.1.0
   * @category descriptor
   */
  description,
  /**
   * How to start the emulator from its module (`@wa-admin/vonage/emulator`); its activity is the
   * verification codes it "sends".
   *
   * @since 0.1.0
   * @category descriptor
   */
  emulatorOf,
  /**
   * The extension services Vonage adds to the port (`VonageStickers`).
   *
   * @since 0.1.0
   * @category descriptor
   */
  extensions,
  /**
   * The name `WA_ADMIN_PROVIDER` and `--provider` take: `"vonage"`.
   *
   * @since 0.1.0
   * @category descriptor
   */
  name,
  /**
   * The port operations Vonage implements: not `templates.edit` nor `media.upload` (the documents
   * describe neither).
   *
   * @since 0.1.0
   * @category descriptor
   */
  operations,
  /**
   * Why Vonage lacks the operations it lacks (`Capabilities.reason` answers them).
   *
   * @since 0.2.0
   * @category descriptor
   */
  reasons,
  /**
   * Vonage's support status: `"stable"`.
   *
   * @since 0.1.0
   * @category descriptor
   */
  supportStatus,
  /**
   * The environment variables `layerConfig` reads: `VONAGE_APPLICATION_ID` with
   * `VONAGE_PRIVATE_KEY` or `VONAGE_PRIVATE_KEY_PATH`, or a ready-made `VONAGE_JWT`, and the
   * optional settings.
   *
   * @since 0.1.0
   * @category descriptor
   */
  variables
} from "./internal/descriptor.js"

/**
 * Every port service (the operations Vonage lacks fail with `Unsupported`), `Capabilities` and
 * `VonageStickers`, configured from the environment: `VonageAdmin.layerConfig`.
 *
 * @since 0.1.0
 * @category descriptor
 */
export const layerConfig = VonageAdmin.layerConfig
