/**
 * The providers the command line can administer: the adapters' descriptors
 * (`Provider.Descriptor` of `@wa-admin/core/adapter`) and the in-memory reference adapter.
 *
 * A descriptor says everything the command line needs without configuring the adapter: its
 * name, what it can do (`wa-admin capabilities` answers from it, with no credentials), the
 * defaults its environment gives common flags, its layers from configuration, and how to start
 * its emulator for `wa-admin emulator <provider>`. The built-in list is `BuiltIn.providers`:
 * adding a provider is one entry there. Adapters and emulators are imported when first used.
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import type { Port, QuotaLedger } from "@wa-admin/core"
import * as Provider from "@wa-admin/core/adapter/Provider"
import * as Capabilities from "@wa-admin/core/Capabilities"
import { Config, Context, Duration, Effect, Layer, Option } from "effect"
import type { ConfigError } from "effect"
import * as InMemory from "./internal/inMemory.js"
import { State } from "./State.js"

/**
 * How a provider keeps client-side quotas (WOZTELL's template creations and edits, Meta's register
 * and template budgets …) in the command line's state store.
 *
 * @since 0.2.0
 * @category models
 */
export interface Quotas {
  /**
   * The variable that keeps them in a directory of files instead (`WOZTELL_QUOTA_DIR`): an
   * explicit opt-in, honoured when set — and where `state import` finds the files of earlier
   * releases.
   */
  readonly directoryVariable: string
  /** Every port service configured from the environment, the quotas kept in `storage`. */
  readonly layer: (
    storage: QuotaLedger.Storage
  ) => Layer.Layer<Port.Services, ConfigError.ConfigError, HttpClient.HttpClient>
}

/**
 * A provider of the command line: its descriptor, and how it keeps its client-side quotas in the
 * state store when it has any.
 *
 * @since 0.2.0
 * @category models
 */
export interface Entry extends Provider.Descriptor {
  readonly quotas?: Quotas
}

/**
 * The providers to choose from.
 *
 * @since 0.1.0
 * @category tags
 */
export class Registry extends Context.Tag("@wa-admin/cli/Providers/Registry")<
  Registry,
  ReadonlyArray<Entry>
>() {}

/** What the in-memory reference adapter implements: every port operation. */
const memoryOperations: ReadonlySet<Capabilities.Operation> = new Set(Capabilities.operations)

/**
 * The in-memory reference adapter: every operation of the port, state kept
 * for the life of the process (so a sequence of commands shares it only within one process —
 * the demo, tests).
 *
 * @since 0.1.0
 * @category providers
 */
export const memory = (options?: { readonly stageDelay?: Duration.DurationInput }): Provider.Descriptor => ({
  name: "memory",
  description: "the in-memory reference adapter (state lives as long as the process)",
  supportStatus: "stable",
  operations: memoryOperations,
  extensions: [],
  variables: [],
  layerConfig: Layer.unwrapEffect(
    Effect.map(InMemory.load, (inMemory) => inMemory.layer({ stageDelay: options?.stageDelay ?? "300 millis" }))
  )
})

/**
 * The registry of the published command line: `BuiltIn.providers`, loaded when a command first
 * asks for it.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Registry> = Layer.effect(
  Registry,
  Effect.map(Effect.promise(() => import("./BuiltIn.js")), (builtIn) => builtIn.providers)
)

/**
 * A registry holding the given providers.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerOf = (providers: ReadonlyArray<Entry>): Layer.Layer<Registry> => Layer.succeed(Registry, providers)

/**
 * Node's HTTP client (undici), loaded with the first adapter that needs it.
 *
 * @since 0.1.0
 * @category layers
 */
export const httpClient: Layer.Layer<HttpClient.HttpClient> = Layer.unwrapEffect(
  Effect.map(Effect.promise(() => import("@effect/platform-node/NodeHttpClient")), ({ layerUndici }) => layerUndici)
)

/**
 * A provider's port services (and `Capabilities`), configured from the environment, over Node's
 * HTTP client.
 *
 * @since 0.1.0
 * @category layers
 */
export const services = (provider: Provider.Descriptor): Layer.Layer<Port.Services, ConfigError.ConfigError> =>
  Layer.provide(provider.layerConfig, httpClient)

/**
 * Whether quotas are kept in a directory of files (their variable is set, not blank) rather than
 * in the state store.
 *
 * @since 0.2.0
 * @category state
 */
export const quotaDirectory = (
  quotas: { readonly directoryVariable: string }
): Effect.Effect<Option.Option<string>, ConfigError.ConfigError> =>
  Effect.map(
    Config.option(Config.string(quotas.directoryVariable)),
    Option.filter((directory) => directory.trim().length > 0)
  )

/**
 * Layers that keep a provider's client-side quotas in the run's state store (`store`, given the
 * store's quota storage) — or in files (`files`) when the provider's quota directory variable is
 * set, an explicit opt-in.
 *
 * @since 0.2.0
 * @category layers
 */
export const keepingQuotas = <A>(options: {
  readonly directoryVariable: string
  readonly files: Layer.Layer<A, ConfigError.ConfigError, HttpClient.HttpClient>
  readonly store: (storage: QuotaLedger.Storage) => Layer.Layer<A, ConfigError.ConfigError, HttpClient.HttpClient>
}): Layer.Layer<A, ConfigError.ConfigError, HttpClient.HttpClient | State> =>
  Layer.unwrapEffect(
    Effect.gen(function*() {
      if (Option.isSome(yield* quotaDirectory(options))) return options.files
      return options.store(yield* (yield* State).quotaStorage)
    })
  )

/**
 * A provider's port services as the command line runs them: {@link services}, with the
 * provider's client-side quotas kept in the run's state store (see {@link keepingQuotas}).
 *
 * @since 0.2.0
 * @category layers
 */
export const stateful = (provider: Entry): Layer.Layer<Port.Services, ConfigError.ConfigError, State> => {
  const quotas = provider.quotas
  if (quotas === undefined) return services(provider)
  return Layer.provide(
    keepingQuotas({ directoryVariable: quotas.directoryVariable, files: provider.layerConfig, store: quotas.layer }),
    httpClient
  )
}

/**
 * The provider named by `--provider`, else by `WA_ADMIN_PROVIDER`; a `ConfigError` naming the
 * one that was read and listing the known providers when it names none of them.
 *
 * @since 0.1.0
 * @category selection
 */
export const select = (
  flag: Option.Option<string>
): Effect.Effect<Entry, ConfigError.ConfigError, Registry> =>
  Effect.flatMap(Registry, (providers) =>
    Provider.select(
      providers,
      Option.match(flag, {
        onSome: (name) => ({ config: Config.nested(Config.succeed(name), "--provider") }),
        onNone: () => ({ alternative: "pass --provider" })
      })
    ))

/**
 * A provider's default for a flag, when its environment has one.
 *
 * @since 0.1.0
 * @category selection
 */
export const defaultOf = (
  provider: Provider.Descriptor,
  key: keyof Provider.Defaults
): Effect.Effect<Option.Option<string>, ConfigError.ConfigError> => {
  const config = provider.defaults?.[key]
  return config === undefined ? Effect.succeedNone : Config.option(config)
}
