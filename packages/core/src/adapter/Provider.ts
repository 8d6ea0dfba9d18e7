/**
 * The descriptor every adapter package exports: one value that says what the provider is, which
 * environment variables configure it, what it can do, how to build its layers from
 * configuration and how to start its emulator. `WhatsAppAdmin.layerConfig`, the command line,
 * the demo and the examples read a list of descriptors, so adding a provider is one import in
 * one list.
 *
 * A descriptor is cheap to import: its layers and its emulator are loaded on first use.
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import { Config, ConfigError, Data, Effect, Layer } from "effect"
import type { Scope, Stream } from "effect"
import type * as Capabilities from "../Capabilities.js"
import type * as Port from "../Port.js"

/**
 * One environment variable a provider reads.
 *
 * @since 0.1.0
 * @category models
 */
export interface Variable {
  readonly name: string
  /** What it holds, in a few words (`"the channel access token"`). */
  readonly description: string
  /** A secret is read as `Redacted` and never shown. */
  readonly secret: boolean
  /** Whether the provider cannot start without it (alternatives are described, not required). */
  readonly required: boolean
}

/**
 * Where to start an emulator.
 *
 * @since 0.1.0
 * @category models
 */
export interface EmulatorOptions {
  readonly host: string
  readonly port: number
}

/**
 * A running emulator, as a command line or a test suite needs it.
 *
 * @since 0.1.0
 * @category models
 */
export interface RunningEmulator {
  readonly url: string
  /** The variables that point this provider's `layerConfig` at the emulator. */
  readonly environment: Readonly<Record<string, string>>
  /** What happens in the emulator that a user needs to see (e.g. the codes it "sends"), line by line. */
  readonly activity?: Stream.Stream<string>
}

/**
 * Defaults a provider's environment supplies for common command-line flags.
 *
 * @since 0.1.0
 * @category models
 */
export interface Defaults {
  /** For `--waba-id`. */
  readonly wabaId?: Config.Config<string>
  /** For `--number` (the provider's reference of a number). */
  readonly number?: Config.Config<string>
}

/**
 * One provider.
 *
 * @since 0.1.0
 * @category models
 */
export interface Descriptor {
  /** The name `WA_ADMIN_PROVIDER` and `--provider` take (`"vonage"`). */
  readonly name: string
  /** One line for help texts and error messages. */
  readonly description: string
  readonly supportStatus: Capabilities.SupportStatus
  /** Why it is deprecated and what to use instead. */
  readonly deprecation?: string
  /** The port operations it implements and its extension services, known without credentials. */
  readonly operations: ReadonlySet<Capabilities.Operation>
  readonly extensions: ReadonlyArray<string>
  readonly variables: ReadonlyArray<Variable>
  readonly defaults?: Defaults
  /** Every port service plus `Capabilities` (and its extensions), configured from the environment. */
  readonly layerConfig: Layer.Layer<Port.Services, ConfigError.ConfigError, HttpClient.HttpClient>
  /** Starts the provider's emulator for as long as the scope lasts. */
  readonly emulator?: (options: EmulatorOptions) => Effect.Effect<RunningEmulator, EmulatorStartError, Scope.Scope>
}

/**
 * The emulator could not start (the port is taken, the host cannot be bound …).
 *
 * @since 0.1.0
 * @category errors
 */
export class EmulatorStartError extends Data.TaggedError("EmulatorStartError")<{
  readonly provider: string
  /** What went wrong, in one line (`port 8080 on 127.0.0.1 is already in use`). */
  readonly reason: string
}> {
  /** @since 0.1.0 */
  override get message(): string {
    return `the ${this.provider} emulator could not start: ${this.reason}`
  }
}

/**
 * The capabilities a descriptor declares, as the `Capabilities` service answers them.
 *
 * @since 0.1.0
 * @category conversions
 */
export const capabilities = (descriptor: Descriptor): Capabilities.Service => ({
  provider: descriptor.name,
  supportStatus: descriptor.supportStatus,
  ...(descriptor.deprecation === undefined ? {} : { deprecation: descriptor.deprecation }),
  operations: descriptor.operations,
  extensions: descriptor.extensions,
  supports: (operation) => descriptor.operations.has(operation)
})

/**
 * A layer imported when first built: keeps a descriptor cheap to import.
 *
 * @since 0.1.0
 * @category constructors
 */
export const lazyLayer = <A, E, R>(load: () => Promise<Layer.Layer<A, E, R>>): Layer.Layer<A, E, R> =>
  Layer.unwrapEffect(Effect.promise(load))

/**
 * The provider named by `config` (default `WA_ADMIN_PROVIDER`) among `descriptors`; a
 * `ConfigError` naming the setting and listing the known providers when it names none of them.
 *
 * @since 0.1.0
 * @category selection
 */
export const select = <D extends { readonly name: string }>(
  descriptors: ReadonlyArray<D>,
  options?: { readonly config?: Config.Config<string>; readonly setting?: string }
): Effect.Effect<D, ConfigError.ConfigError> =>
  Effect.gen(function* () {
    const setting = options?.setting ?? "WA_ADMIN_PROVIDER"
    const known = descriptors.map((descriptor) => descriptor.name).join(", ")
    const name = yield* (options?.config ?? Config.string(setting)).pipe(
      Effect.mapError((error) =>
        ConfigError.isMissingData(error)
          ? ConfigError.MissingData([setting], `no provider chosen: set ${setting} to one of: ${known}`)
          : error
      )
    )
    const found = descriptors.find((descriptor) => descriptor.name === name.trim())
    if (found === undefined) {
      return yield* Effect.fail(ConfigError.InvalidData([setting], `unknown provider "${name}"; expected one of: ${known}`))
    }
    return found
  })
