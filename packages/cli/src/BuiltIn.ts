/**
 * The providers of the published command line — adding a provider is one entry in
 * {@link providers}: its descriptor (`Provider.Descriptor`), with the module of its emulator
 * (which the descriptor leaves out, so that a program using the adapter does not carry it), and
 * — when it keeps client-side quotas — how its layers keep them in the state store
 * (`Providers.Quotas`), plus its extension command group in `Cli.ts` if it has extensions.
 *
 * The descriptors come from each adapter's `./provider` entry, which imports nothing of the
 * adapter itself (its layers and emulator load when first used), so a command loads only the
 * adapter it talks to. This module is still loaded when a command first asks for the providers
 * (`Providers.layer`), not at start-up.
 *
 * @since 0.1.0
 */
import * as Provider from "@wa-admin/core/adapter/Provider"
import * as KaleyraProvider from "@wa-admin/kaleyra/provider"
import * as MetaProvider from "@wa-admin/meta/provider"
import * as VonageProvider from "@wa-admin/vonage/provider"
import * as WoztellProvider from "@wa-admin/woztell/provider"
import * as Providers from "./Providers.js"

/**
 * The built-in providers, each adapter and emulator loaded when first used.
 *
 * @since 0.1.0
 * @category constants
 */
export const providers: ReadonlyArray<Providers.Entry> = [
  Provider.withEmulator(VonageProvider, () => import("@wa-admin/vonage/emulator")),
  {
    ...Provider.withEmulator(WoztellProvider, () => import("@wa-admin/woztell/emulator")),
    // The template creation and edit quotas, in the state store.
    quotas: {
      directoryVariable: "WOZTELL_QUOTA_DIR",
      layer: (storage) =>
        Provider.lazyLayer(() => import("./internal/woztell.js").then((woztell) => woztell.storeLayer(storage)))
    }
  },
  Provider.withEmulator(KaleyraProvider, () => import("@wa-admin/kaleyra/emulator")),
  {
    ...Provider.withEmulator(MetaProvider, () => import("@wa-admin/meta/emulator")),
    // The register, template creation, edit and deleted-name budgets, in the state store.
    quotas: {
      directoryVariable: "META_QUOTA_DIR",
      layer: (storage) =>
        Provider.lazyLayer(() => import("./internal/meta.js").then((meta) => meta.storeLayer(storage)))
    }
  },
  Providers.memory()
]
