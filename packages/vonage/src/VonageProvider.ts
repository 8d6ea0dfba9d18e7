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

/**
 * The name (`WA_ADMIN_PROVIDER`, `--provider`), a one-line description, the support status, the
 * port operations Vonage implements (not `templates.edit` nor `media.upload`: the documents
 * describe neither) and why it lacks the others (`reasons`, since 0.2.0), its extension services,
 * the environment variables `layerConfig` reads (`VONAGE_APPLICATION_ID` with `VONAGE_PRIVATE_KEY`
 * or `VONAGE_PRIVATE_KEY_PATH`, or a ready-made `VONAGE_JWT`), and how to start the emulator from
 * its module (`@wa-admin/vonage/emulator`; its activity is the verification codes it "sends").
 *
 * @since 0.1.0
 * @category descriptor
 */
export {
  description,
  emulatorOf,
  extensions,
  name,
  operations,
  reasons,
  supportStatus,
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
