/**
 * The providers the command line can administer, by name.
 *
 * Each entry gives the layer providing every port service (`Port.Services`: operations the
 * provider lacks fail with `Unsupported`, `Capabilities` says which) built from configuration,
 * the defaults its environment supplies for common flags, and optionally how to start its
 * emulator for `wa-admin emulator <provider>`. Adding a provider is adding one entry (plus its
 * extension command group in `Cli.ts`). Adapters are imported when first used, so a command
 * loads only the provider it talks to.
 *
 * @since 0.1.0
 */
import type { Port } from "@wa-admin/core"
import type { EmulatorHost } from "@wa-admin/core/testing"
import type { HttpClient } from "@effect/platform"
import { Config, ConfigError, Context, Duration, Effect, Layer, Option, Schedule, Stream } from "effect"
import type { Scope } from "effect"
import * as InMemory from "./internal/inMemory.js"

/**
 * Values a provider's environment supplies when a flag is absent (e.g. WOZTELL's
 * `WOZTELL_WABA_ID` for `--waba-id`).
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
 * A running emulator: the base URL, and the environment variables that point the command line
 * (and the provider's `layerConfig`) at it.
 *
 * @since 0.1.0
 * @category models
 */
export interface RunningEmulator {
  readonly url: string
  readonly environment: Readonly<Record<string, string>>
  /** What happens in the emulator that a user needs to see, line by line (e.g. the codes it "sends"). */
  readonly activity?: Stream.Stream<string>
}

/**
 * One provider the command line knows.
 *
 * @since 0.1.0
 * @category models
 */
export interface Provider {
  readonly name: string
  /** One line for `--help` and error messages. */
  readonly description: string
  /** Every port service plus `Capabilities`, from configuration. */
  readonly layer: Layer.Layer<Port.Services, ConfigError.ConfigError>
  readonly defaults?: Defaults
  /**
   * Starts the provider's emulator for as long as the scope lasts; a port in use or out of range,
   * or a host that is not this machine's, is a `StartError`.
   */
  readonly emulator?: (options: EmulatorOptions) => Effect.Effect<RunningEmulator, EmulatorHost.StartError, Scope.Scope>
}

/**
 * The providers to choose from.
 *
 * @since 0.1.0
 * @category tags
 */
export class Registry extends Context.Tag("@wa-admin/cli/Providers/Registry")<Registry, ReadonlyArray<Provider>>() {}

/**
 * The in-memory reference adapter: every operation, state kept for the life of the process
 * (so a sequence of commands shares it only within one process — the demo, tests).
 *
 * @since 0.1.0
 * @category providers
 */
export const memory = (options?: { readonly stageDelay?: Duration.DurationInput }): Provider => ({
  name: "memory",
  description: "the in-memory reference adapter (state lives as long as the process)",
  layer: Layer.unwrapEffect(
    Effect.map(InMemory.load, (inMemory) => inMemory.layer({ stageDelay: options?.stageDelay ?? "300 millis" }))
  )
})

/** An adapter's layer, imported when first built, over Node's HTTP client (undici). */
const loadLayer = <A, E>(load: () => Promise<Layer.Layer<A, E, HttpClient.HttpClient>>): Layer.Layer<A, E> =>
  Layer.unwrapEffect(
    Effect.promise(() =>
      Promise.all([load(), import("@effect/platform-node/NodeHttpClient")]).then(([layer, { layerUndici }]) =>
        Layer.provide(layer, layerUndici)
      )
    )
  )

/**
 * Vonage WhatsApp Manager: provisioning, verification, profile and photo (and stickers).
 * Configured by `VONAGE_APPLICATION_ID` and `VONAGE_PRIVATE_KEY` (or `VONAGE_PRIVATE_KEY_PATH`,
 * or a ready-made `VONAGE_JWT`), `VONAGE_WHATSAPP_MANAGER_URL` optionally.
 *
 * @since 0.1.0
 * @category providers
 */
export const vonage: Provider = {
  name: "vonage",
  description: "Vonage WhatsApp Manager (VONAGE_APPLICATION_ID, VONAGE_PRIVATE_KEY or VONAGE_PRIVATE_KEY_PATH)",
  layer: loadLayer(() => import("@wa-admin/vonage").then(({ VonageAdmin }) => VonageAdmin.layerConfig)),
  emulator: (options) =>
    Effect.promise(() => import("@wa-admin/vonage/emulator")).pipe(
      Effect.flatMap(({ VonageEmulator }) => VonageEmulator.make(options)),
      Effect.map((emulator) => ({
        url: emulator.url,
        environment: {
          VONAGE_WHATSAPP_MANAGER_URL: emulator.url,
          VONAGE_APPLICATION_ID: emulator.credentials.applicationId,
          ...(emulator.credentials.privateKey === undefined ? {} : { VONAGE_PRIVATE_KEY: emulator.credentials.privateKey })
        },
        activity: Stream.repeatEffectWithSchedule(emulator.outbox, Schedule.spaced("250 millis")).pipe(
          Stream.mapAccum(0, (seen, outbox) => [outbox.length, outbox.slice(seen)] as const),
          Stream.flattenIterables,
          Stream.map((sent) => `code ${sent.code} sent by ${sent.method} to ${sent.number} (registration ${sent.deploymentId})`)
        )
      }))
    )
}

/**
 * WOZTELL's WhatsApp Cloud API: number status, profile and photo, media, templates (and flows,
 * analytics, catalogs, encryption, WABA info). Configured by `WOZTELL_ACCESS_TOKEN` and the
 * signed-context variables; `WOZTELL_WABA_ID` and `WOZTELL_PHONE_NUMBER_ID` are the defaults of
 * `--waba-id` and `--number`.
 *
 * @since 0.1.0
 * @category providers
 */
export const woztell: Provider = {
  name: "woztell",
  description: "WOZTELL WhatsApp Cloud (WOZTELL_ACCESS_TOKEN, WOZTELL_WABA_ID, WOZTELL_PHONE_NUMBER_ID …)",
  layer: loadLayer(() => import("@wa-admin/woztell").then(({ WoztellAdmin }) => WoztellAdmin.layerConfig)),
  defaults: {
    wabaId: Config.string("WOZTELL_WABA_ID"),
    number: Config.string("WOZTELL_PHONE_NUMBER_ID")
  },
  emulator: (options) =>
    Effect.promise(() => import("@wa-admin/woztell/emulator")).pipe(
      Effect.flatMap(({ WoztellEmulator }) => WoztellEmulator.make(options)),
      Effect.map(({ credentials, url }) => ({
        url,
        environment: {
          WOZTELL_BASE_URL: url,
          WOZTELL_ACCESS_TOKEN: credentials.accessToken,
          WOZTELL_APP_ID: credentials.appId,
          WOZTELL_APP_INTEGRATION_ID: credentials.appIntegrationId,
          WOZTELL_CHANNEL_ID: credentials.channelId,
          WOZTELL_APP_INTEGRATION_SIGNATURE: credentials.signature,
          WOZTELL_WABA_ID: credentials.wabaId,
          WOZTELL_PHONE_NUMBER_ID: credentials.phoneNumberId
        }
      }))
    )
}

/**
 * Kaleyra's legacy WhatsApp activation — deprecated by the vendor, kept for migrations.
 * Configured by `KALEYRA_SID` and `KALEYRA_API_KEY`, `KALEYRA_BASE_URL` optionally.
 *
 * @since 0.1.0
 * @category providers
 */
export const kaleyra: Provider = {
  name: "kaleyra",
  description: "Kaleyra legacy activation, deprecated by the vendor (KALEYRA_SID, KALEYRA_API_KEY)",
  layer: loadLayer(() => import("@wa-admin/kaleyra").then(({ KaleyraAdmin }) => KaleyraAdmin.layerConfig)),
  emulator: (options) =>
    Effect.promise(() => import("@wa-admin/kaleyra/emulator")).pipe(
      Effect.flatMap(({ KaleyraEmulator }) => KaleyraEmulator.make(options)),
      Effect.map(({ credentials, url }) => ({
        url,
        environment: { KALEYRA_BASE_URL: url, KALEYRA_SID: credentials.sid, KALEYRA_API_KEY: credentials.apiKey }
      }))
    )
}

/**
 * The providers of the published command line. Each adapter is loaded when first used.
 *
 * @since 0.1.0
 * @category constants
 */
export const builtIn: ReadonlyArray<Provider> = [vonage, woztell, kaleyra, memory()]

/**
 * The registry of the published command line.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Registry> = Layer.succeed(Registry, builtIn)

/**
 * A registry holding the given providers.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerOf = (providers: ReadonlyArray<Provider>): Layer.Layer<Registry> => Layer.succeed(Registry, providers)

/** `WA_ADMIN_PROVIDER`, as the port reads it; the port is loaded when first asked (not at start-up). */
const providerConfig: Effect.Effect<string, ConfigError.ConfigError> = Effect.flatMap(
  Effect.promise(() => import("@wa-admin/core")),
  ({ WhatsAppAdmin }) => WhatsAppAdmin.providerConfig
)

/**
 * The provider named by `--provider`, else by `WA_ADMIN_PROVIDER`; a `ConfigError` listing the
 * known providers when neither names one of them.
 *
 * @since 0.1.0
 * @category selection
 */
export const select = (flag: Option.Option<string>): Effect.Effect<Provider, ConfigError.ConfigError, Registry> =>
  Effect.gen(function* () {
    const providers = yield* Registry
    const known = providers.map((provider) => provider.name).join(", ")
    const name = yield* Option.match(flag, {
      onSome: Effect.succeed,
      onNone: () =>
        providerConfig.pipe(
          Effect.mapError((error) =>
            ConfigError.isMissingData(error)
              ? ConfigError.MissingData(["WA_ADMIN_PROVIDER"], `no provider chosen: pass --provider or set WA_ADMIN_PROVIDER to one of: ${known}`)
              : error
          )
        )
    })
    const provider = providers.find((candidate) => candidate.name === name)
    if (provider === undefined) {
      const source = Option.isSome(flag) ? "--provider" : "WA_ADMIN_PROVIDER"
      return yield* Effect.fail(ConfigError.InvalidData([source], `unknown provider "${name}"; expected one of: ${known}`))
    }
    return provider
  })

/**
 * A provider's default for a flag, when its environment has one.
 *
 * @since 0.1.0
 * @category selection
 */
export const defaultOf = (
  provider: Provider,
  key: keyof Defaults
): Effect.Effect<Option.Option<string>, ConfigError.ConfigError> => {
  const config = provider.defaults?.[key]
  return config === undefined ? Effect.succeedNone : Config.option(config)
}
