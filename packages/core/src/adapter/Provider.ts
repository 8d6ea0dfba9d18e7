/**
 * The descriptor every adapter package exports: one value that says what the provider is, which
 * environment variables configure it, what it can do, how to build its layers from
 * configuration and how to start its emulator. `WhatsAppAdmin.layerConfig`, the command line,
 * the demo and the examples read a list of descriptors, so adding a provider is one entry in
 * one list.
 *
 * A descriptor is cheap to import: its layers are loaded on first use, and it never imports
 * its emulator. The emulator lives in the package's `/emulator` entry so that a program using the
 * adapter does not carry an HTTP server and its routes; a tool that ships the emulator (the
 * command line) attaches it with {@link withEmulator}, and the descriptor says how to start it.
 *
 * @example
 * import { Provider } from "@wa-admin/core/adapter"
 * import { VonageProvider } from "@wa-admin/vonage"
 * import { WoztellProvider } from "@wa-admin/woztell"
 *
 * // WA_ADMIN_PROVIDER=vonage|woztell
 * const chosen = Provider.select([VonageProvider, WoztellProvider])
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import { Config, ConfigError, Effect, Either, Layer } from "effect"
import type { Scope, Stream } from "effect"
import * as Capabilities from "../Capabilities.js"
import type * as Port from "../Port.js"
import type { StartError } from "../testing/EmulatorHost.js"

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
  /**
   * Whether it names the account: every configuration of a real account sets at least one of
   * the variables marked so (`WOZTELL_ACCESS_TOKEN`; `VONAGE_APPLICATION_ID` or `VONAGE_JWT`), so
   * when none is set, no account is configured.
   */
  readonly account: boolean
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
 * Why an emulator did not start: the port is taken or out of range, the host unknown or not this
 * machine's (the `StartError` of the emulator host every emulator runs on).
 *
 * @since 0.1.0
 * @category errors
 */
export type EmulatorStartError = StartError

/**
 * Starts an emulator for as long as the scope lasts.
 *
 * @since 0.1.0
 * @category models
 */
export type Emulator = (options: EmulatorOptions) => Effect.Effect<RunningEmulator, EmulatorStartError, Scope.Scope>

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
 * A non-secret setting: by default optional and naming no account (a base URL, a default id, a
 * directory), the most common kind of variable; `required` and `account` as for {@link Variable}
 * (an account's SID is both).
 *
 * @example
 * import { Provider } from "@wa-admin/core/adapter"
 *
 * const baseUrl = Provider.setting("WOZTELL_BASE_URL", "the API's base URL (default: WOZTELL's)")
 * const sid = Provider.setting("KALEYRA_SID", "the account's SID", { required: true, account: true })
 *
 * @since 0.2.0
 * @category constructors
 */
export const setting = (
  name: string,
  description: string,
  options?: { readonly required?: boolean; readonly account?: boolean }
): Variable => ({
  name,
  description,
  secret: false,
  required: options?.required ?? false,
  account: options?.account ?? false
})

/**
 * A secret variable: read as `Redacted` and never shown. `required` and `account` as for
 * {@link Variable} (an account's access token is both).
 *
 * @example
 * import { Provider } from "@wa-admin/core/adapter"
 *
 * const token = Provider.secret("META_ACCESS_TOKEN", "a (system-user) access token", { required: true, account: true })
 *
 * @since 0.2.0
 * @category constructors
 */
export const secret = (
  name: string,
  description: string,
  options?: { readonly required?: boolean; readonly account?: boolean }
): Variable => ({
  name,
  description,
  secret: true,
  required: options?.required ?? false,
  account: options?.account ?? false
})

/**
 * The account defaults of a provider whose numbers live in a WABA: the variables naming the WABA
 * (for `--waba-id`) and the number (for `--number`) used when none is named, and the `Defaults`
 * they give.
 *
 * @example
 * import { Provider } from "@wa-admin/core/adapter"
 *
 * const { defaults, variables } = Provider.accountDefaults({
 *   wabaId: "META_WABA_ID",
 *   number: "META_PHONE_NUMBER_ID"
 * })
 *
 * @since 0.2.0
 * @category constructors
 */
export const accountDefaults = (
  names: { readonly wabaId: string; readonly number: string }
): { readonly variables: ReadonlyArray<Variable>; readonly defaults: Defaults } => ({
  variables: [
    setting(names.wabaId, "the WhatsApp Business Account used when none is named (--waba-id)"),
    setting(names.number, "the phone number id used when none is named (--number)")
  ],
  defaults: { wabaId: Config.string(names.wabaId), number: Config.string(names.number) }
})

/**
 * The variable naming the directory where a provider's client-side limits are kept (read by the
 * provider's quota layer; default `~/.wa-admin/quota`).
 *
 * @since 0.2.0
 * @category constructors
 */
export const quotaDirectory = (name: string, what: string): Variable =>
  setting(name, `where ${what} are kept (default ~/.wa-admin/quota)`)

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
  /** Why it lacks the operations it lacks, where it says (`Capabilities.reason` answers them). */
  readonly reasons?: Capabilities.Reasons
  readonly extensions: ReadonlyArray<string>
  readonly variables: ReadonlyArray<Variable>
  readonly defaults?: Defaults
  /** Every port service plus `Capabilities` (and its extensions), configured from the environment. */
  readonly layerConfig: Layer.Layer<Port.Services, ConfigError.ConfigError, HttpClient.HttpClient>
  /** Starts the provider's emulator, once attached ({@link withEmulator}). */
  readonly emulator?: Emulator
}

/**
 * A descriptor that knows how to start its emulator from the emulator's module (the package's
 * `/emulator` entry, of type `Module`), which it does not import itself.
 *
 * @since 0.1.0
 * @category models
 */
export interface Emulated<Module> extends Descriptor {
  readonly emulatorOf: (module: Module) => Emulator
}

/**
 * The descriptor with its emulator: `load` imports the emulator's module when the emulator is
 * first started. Naming the module here, in the tool that ships it, keeps it out of programs
 * that only use the adapter.
 *
 * @example
 * import { Provider } from "@wa-admin/core/adapter"
 * import { VonageProvider } from "@wa-admin/vonage"
 *
 * const vonage = Provider.withEmulator(VonageProvider, () => import("@wa-admin/vonage/emulator"))
 *
 * @since 0.1.0
 * @category constructors
 */
export const withEmulator = <Module>(descriptor: Emulated<Module>, load: () => Promise<Module>): Descriptor => ({
  ...descriptor,
  emulator: (options) => Effect.flatMap(Effect.promise(load), (module) => descriptor.emulatorOf(module)(options))
})

/**
 * The capabilities a descriptor declares, as the `Capabilities` service answers them.
 *
 * @since 0.1.0
 * @category conversions
 */
export const capabilities = (descriptor: Descriptor): Capabilities.Service =>
  Capabilities.make({
    provider: descriptor.name,
    supportStatus: descriptor.supportStatus,
    ...(descriptor.deprecation === undefined ? {} : { deprecation: descriptor.deprecation }),
    services: [descriptor],
    extensions: descriptor.extensions
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
 * The setting that names the provider when no other is given: `WA_ADMIN_PROVIDER`.
 *
 * @since 0.1.0
 * @category config
 */
export const providerConfig: Config.Config<string> = Config.string("WA_ADMIN_PROVIDER")

/**
 * The provider named by `config` (default `WA_ADMIN_PROVIDER`, read only when no other config is
 * given) among `descriptors`, surrounding blanks aside. A missing or unknown name is a
 * `ConfigError` on the setting `config` reads, listing the known providers; `alternative` names
 * another way to choose in the message for a missing one (`"pass --provider"`).
 *
 * @since 0.1.0
 * @category selection
 */
export const select = <D extends { readonly name: string }>(
  descriptors: ReadonlyArray<D>,
  options?: { readonly config?: Config.Config<string>; readonly alternative?: string }
): Effect.Effect<D, ConfigError.ConfigError> => {
  const known = descriptors.map((descriptor) => descriptor.name).join(", ")
  // The refusal is made inside the config, so that it is prefixed with the setting the config reads.
  const found = Config.mapOrFail(options?.config ?? providerConfig, (name) => {
    const descriptor = descriptors.find((candidate) => candidate.name === name.trim())
    return descriptor === undefined
      ? Either.left(ConfigError.InvalidData([], `unknown provider "${name}"; expected one of: ${known}`))
      : Either.right(descriptor)
  })
  return Effect.mapError(found, (error) =>
    ConfigError.isMissingData(error)
      ? ConfigError.MissingData(
        error.path,
        `no provider chosen: ${options?.alternative === undefined ? "" : `${options.alternative} or `}set ${
          error.path.join(".")
        } to one of: ${known}`
      )
      : error)
}
