/**
 * Choosing the provider at run time: one config value (`WA_ADMIN_PROVIDER`) picks which
 * adapter provides the port.
 *
 * Core does not depend on any adapter: you pass the adapters you use, so a program that only
 * uses Vonage bundles only Vonage.
 *
 * @example
 * import { WhatsAppAdmin } from "@wa-admin/core"
 * import { VonageAdmin } from "@wa-admin/vonage"
 * import { WoztellAdmin } from "@wa-admin/woztell"
 *
 * // WA_ADMIN_PROVIDER=vonage|woztell, plus that provider's own variables
 * const AdminLive = WhatsAppAdmin.layerConfig({
 *   vonage: VonageAdmin.layerConfig,
 *   woztell: WoztellAdmin.layerConfig
 * })
 *
 * @since 0.1.0
 */
import { Config, ConfigError, Effect, Layer } from "effect"
import type * as Port from "./Port.js"

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
export const providerConfig: Config.Config<string> = Config.string("WA_ADMIN_PROVIDER")

/**
 * Picks one of `providers` by a config value (default `WA_ADMIN_PROVIDER`). An unknown or
 * missing name is a `ConfigError` that lists the known providers.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = <E, R>(
  providers: Providers<E, R>,
  options?: { readonly provider?: Config.Config<string> }
): Layer.Layer<Port.Services, E | ConfigError.ConfigError, R> =>
  Layer.unwrapEffect(
    Effect.gen(function* () {
      const config = options?.provider ?? providerConfig
      const known = Object.keys(providers)
      const name = yield* config.pipe(
        Effect.mapError((error) =>
          ConfigError.isMissingData(error)
            ? ConfigError.MissingData(error.path, `Expected a provider name, one of: ${known.join(", ")}`)
            : error
        )
      )
      const layer = providers[name]
      if (layer === undefined) {
        return yield* Effect.fail(
          ConfigError.InvalidData(["WA_ADMIN_PROVIDER"], `Unknown provider "${name}"; expected one of: ${known.join(", ")}`)
        )
      }
      return layer
    })
  )
