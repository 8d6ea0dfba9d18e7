/**
 * The providers of the published command line — adding a provider is one entry in
 * {@link providers}: its descriptor (`Provider.Descriptor`), with the module of its emulator
 * (which the descriptor leaves out, so that a program using the adapter does not carry it), plus
 * its extension command group in `Cli.ts` if it has extensions.
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
import * as VonageProvider from "@wa-admin/vonage/provider"
import * as WoztellProvider from "@wa-admin/woztell/provider"
import * as Providers from "./Providers.js"

/**
 * The built-in providers, each adapter and emulator loaded when first used.
 *
 * @since 0.1.0
 * @category constants
 */
export const providers: ReadonlyArray<Provider.Descriptor> = [
  Provider.withEmulator(VonageProvider, () => import("@wa-admin/vonage/emulator")),
  Provider.withEmulator(WoztellProvider, () => import("@wa-admin/woztell/emulator")),
  Provider.withEmulator(KaleyraProvider, () => import("@wa-admin/kaleyra/emulator")),
  Providers.memory()
]
