/**
 * Choosing the provider at run time: one config value (`WA_ADMIN_PROVIDER`) picks which
 * adapter provides the port.
 *
 * Core does not depend on any adapter: you pass the providers you use (each adapter package
 * exports its descriptor, e.g. `VonageProvider`), so a program that only uses Vonage bundles only
 * Vonage.
 *
 * @example
 * import { WhatsAppAdmin } from "@wa-admin/core"
 * import { VonageProvider } from "@wa-admin/vonage"
 * import { WoztellProvider } from "@wa-admin/woztell"
 *
 * // WA_ADMIN_PROVIDER=vonage|woztell, plus that provider's own variables
 * const AdminLive = WhatsAppAdmin.layerConfig([VonageProvider, WoztellProvider])
 *
 * @since 0.1.0
 */
import type { Config, ConfigError } from "effect"
import { Effect, Layer } from "effect"
import * as Provider from "./adapter/Provider.js"
import type * as Port from "./Port.js"

/**
 * A provider to choose: its name and the layer providing every port service (a provider
 * descriptor is one).
 *
 * @since 0.1.0
 * @category models
 */
export interface Choice<E, R> {
  readonly name: string
  readonly layerConfig: Layer.Layer<Port.Services, E, R>
}

/**
 * The adapters to choose from, by provider name; each layer provides every port service.
 *
 * @since 0.1.0
 * @category models
 */
export type Providers<E, R> = { readonly [name: string]: Layer.Layer<Port.Services, E, R> }

/**
 * The provider name setting, `WA_ADMIN_PROVIDER` unless another config is given.
 *
 * @since 0.1.0
 * @category config
 */
export const providerConfig: Config.Config<string> = Provider.providerConfig

const isList = <E, R>(
  providers: ReadonlyArray<Choice<E, R>> | Providers<E, R>
): providers is ReadonlyArray<Choice<E, R>> => Array.isArray(providers)

/**
 * Picks one of `providers` (descriptors, or layers by name) by a config value: `provider` when
 * given, else `WA_ADMIN_PROVIDER`. A missing or unknown name is a `ConfigError` on that setting
 * that lists the known providers.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = <E, R>(
  providers: ReadonlyArray<Choice<E, R>> | Providers<E, R>,
  options?: { readonly provider?: Config.Config<string> }
): Layer.Layer<Port.Services, E | ConfigError.ConfigError, R> => {
  const choices = isList(providers)
    ? providers
    : Object.entries(providers).map(([name, layerConfig]) => ({ name, layerConfig }))
  return Layer.unwrapEffect(
    Effect.map(
      Provider.select(choices, options?.provider === undefined ? undefined : { config: options.provider }),
      (chosen) => chosen.layerConfig
    )
  )
}
