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
 * A provider whose layers keep their client-side quotas in the state store: `store` loads the
 * module whose `storeLayer` builds them (when first used), `directoryVariable` names the
 * directory of files that replaces the store when set.
 */
const withStoredQuotas = (
  entry: Providers.Entry,
  directoryVariable: string,
  store: () => Promise<{ readonly storeLayer: Providers.Quotas["layer"] }>
): Providers.Entry => ({
  ...entry,
  quotas: {
    directoryVariable,
    layer: (storage) => Provider.lazyLayer(() => store().then((module) => module.storeLayer(storage)))
  }
})

/**
 * The built-in providers, each adapter and emulator loaded when first used.
 *
 * @since 0.1.0
 * @category constants
 */
export const providers: ReadonlyArray<Providers.Entry> = [
  Provider.withEmulator(VonageProvider, () => import("@wa-admin/vonage/emulator")),
  // The template creation and edit quotas.
  withStoredQuotas(
    Provider.withEmulator(WoztellProvider, () => import("@wa-admin/woztell/emulator")),
    "WOZTELL_QUOTA_DIR",
    () => import("./internal/woztell.js")
  ),
  Provider.withEmulator(KaleyraProvider, () => import("@wa-admin/kaleyra/emulator")),
  // The register, template creation, edit and deleted-name budgets.
  withStoredQuotas(
    Provider.withEmulator(MetaProvider, () => import("@wa-admin/meta/emulator")),
    "META_QUOTA_DIR",
    () => import("./internal/meta.js")
  ),
  Providers.memory()
]
