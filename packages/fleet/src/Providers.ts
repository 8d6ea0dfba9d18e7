/**
 * The providers a fleet job can name, configured the way a runner needs them: every side's
 * adapter reads its usual variables under the side's credentials prefix (`SOURCE_` →
 * `SOURCE_WOZTELL_ACCESS_TOKEN` …), and keeps its client-side quotas in the store's one shared
 * quota ledger, so every runner on every machine spends the same budgets.
 *
 * | provider | variables (under the prefix) | budgets in the shared ledger |
 * | --- | --- | --- |
 * | `woztell` | `WOZTELL_ACCESS_TOKEN`, `WOZTELL_BASE_URL`, the signed-context variables; `WOZTELL_CREATIONS_PER_HOUR` (default 100, WOZTELL's documented limit) | template creations per WABA per hour, edits per 24 hours and 30 days |
 * | `meta` | `META_ACCESS_TOKEN`, `META_APP_SECRET`, `META_GRAPH_URL` … | Meta's limits (`MetaQuota`) |
 *
 * A spending counts from when the provider answered the call that spent it
 * (`QuotaLedger.recordedOnAnswer`), so a slot frees no earlier than the provider's own window.
 *
 * Provider time: quota windows are measured on the Clock the provider calls run with —
 * {@link ProviderTime}, real time unless a runner is given another (an emulator test or bench
 * compresses an hour's window into seconds with {@link accelerated}).
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import type { AdminError } from "@wa-admin/core"
import { BusinessProfile, NumberLifecycle, QuotaLedger, Templates } from "@wa-admin/core"
import type * as Port from "@wa-admin/core/Port"
import { MetaAdmin, MetaClient, MetaQuota } from "@wa-admin/meta"
import { QuotaStore, WoztellAdmin } from "@wa-admin/woztell"
import { Clock, Config, ConfigError, ConfigProvider, Context, Duration, Effect, Layer, Option } from "effect"
import type { Scope } from "effect"
import * as ConfigMessage from "./ConfigMessage.js"
import * as Job from "./Job.js"

/**
 * The port services of one side of a job.
 *
 * @since 0.1.0
 * @category models
 */
export interface Services {
  readonly templates: Templates.Service
  readonly profile: BusinessProfile.Service
  readonly numbers: NumberLifecycle.Service
  /**
   * The template creations a WABA's client-side quota lets through now, and how long (provider
   * time) until its next slot frees — read from the same ledger the adapter reserves in, for a
   * provider that keeps such a quota (WOZTELL). A read, not a reservation: each creation still
   * reserves its slot atomically, so a reading that another runner overtook only costs a refusal.
   */
  readonly creationSlots?: (wabaId: string) => Effect.Effect<CreationSlots, AdminError.AdminError>
}

/**
 * What a WABA's creation quota lets through now.
 *
 * @since 0.1.0
 * @category models
 */
export interface CreationSlots {
  readonly remaining: number
  /** Provider time until the next slot frees (zero when one is free). */
  readonly nextSlotIn: Duration.Duration
}

/**
 * The time provider calls run in, and how long a wait in it takes in real time.
 *
 * @since 0.1.0
 * @category models
 */
export interface ProviderTime {
  /** The Clock provider calls — and the quota windows they spend — run with. */
  readonly clock: Clock.Clock
  /** How long, in real time, `duration` of provider time takes to pass. */
  readonly realDuration: (duration: Duration.Duration) => Duration.Duration
  /** Real epoch milliseconds of a provider-time instant (for "waiting until …"). */
  readonly realTime: (providerMillis: number) => number
  /** How much provider time passes while `duration` of real time does (the inverse of `realDuration`). */
  readonly providerDuration: (duration: Duration.Duration) => Duration.Duration
}

/**
 * Real time: provider calls run on the system clock.
 *
 * @since 0.1.0
 * @category provider time
 */
export const realTime: ProviderTime = {
  clock: Clock.make(),
  realDuration: (duration) => duration,
  realTime: (millis) => millis,
  providerDuration: (duration) => duration
}

/**
 * Provider time running `factor` times faster than real time from `epoch` (epoch milliseconds,
 * the same in every process that must agree: runners and emulators). Only its reading of the time
 * is faster: its `sleep` (HTTP timeouts, retries) is real, so a 30 s request timeout stays 30 s.
 * For emulator tests and benches, where an hour's quota window is to pass in seconds.
 *
 * @example
 * import { Providers } from "@wa-admin/fleet"
 *
 * // an hour of provider time passes in 10 s
 * const time = Providers.accelerated({ factor: 360, epoch: Date.now() })
 *
 * @since 0.1.0
 * @category provider time
 */
export const accelerated = (options: { readonly factor: number; readonly epoch: number }): ProviderTime => {
  const real = Clock.make()
  const scaled = (millis: number) => options.epoch + (millis - options.epoch) * options.factor
  const clock: Clock.Clock = {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: () => scaled(real.unsafeCurrentTimeMillis()),
    currentTimeMillis: Effect.sync(() => scaled(real.unsafeCurrentTimeMillis())),
    unsafeCurrentTimeNanos: () => BigInt(Math.round(scaled(real.unsafeCurrentTimeMillis()) * 1_000_000)),
    currentTimeNanos: Effect.sync(() => BigInt(Math.round(scaled(real.unsafeCurrentTimeMillis()) * 1_000_000))),
    sleep: (duration) => real.sleep(duration)
  }
  return {
    clock,
    realDuration: (duration) => Duration.millis(Math.ceil(Duration.toMillis(duration) / options.factor)),
    realTime: (millis) => options.epoch + (millis - options.epoch) / options.factor,
    providerDuration: (duration) => Duration.millis(Duration.toMillis(duration) * options.factor)
  }
}

/**
 * The provider time of a runner.
 *
 * @since 0.1.0
 * @category tags
 */
export class Time extends Context.Reference<Time>()("@wa-admin/fleet/Providers/Time", {
  defaultValue: () => realTime
}) {}

/**
 * The config the side's adapter reads: `variables` (default: the environment), every name under
 * the side's prefix.
 *
 * @since 0.1.0
 * @category config
 */
export const configProvider = (
  side: Job.Side,
  variables: ConfigProvider.ConfigProvider = ConfigProvider.fromEnv()
): ConfigProvider.ConfigProvider => variables.pipe(ConfigProvider.mapInputPath((name) => `${side.credentials}${name}`))

/**
 * The port services a layer built for one side provides, their changes run through `answered`
 * (their quota spendings count from when the provider answered: see `QuotaLedger.recordedOnAnswer`).
 */
const servicesOf = (
  context: Context.Context<Port.Services | SideQuota>,
  answered: <A, E, R>(call: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
): Services => {
  const templates = Context.get(context, Templates.Templates)
  const profile = Context.get(context, BusinessProfile.BusinessProfile)
  const quota = Context.get(context, SideQuota)
  return {
    ...Option.match(quota, {
      onNone: () => ({}),
      onSome: (store) => ({ creationSlots: store.creations })
    }),
    templates: {
      ...templates,
      create: (request) => answered(templates.create(request)),
      edit: (request) => answered(templates.edit(request)),
      delete: (request) => answered(templates.delete(request))
    },
    profile: {
      ...profile,
      update: (request) => answered(profile.update(request)),
      setPhoto: (request) => answered(profile.setPhoto(request))
    },
    numbers: Context.get(context, NumberLifecycle.NumberLifecycle)
  }
}

const woztellLimits = Config.integer("WOZTELL_CREATIONS_PER_HOUR").pipe(
  Config.validate({ message: "must be a whole number from 1 to 100000", validation: (n) => n >= 1 && n <= 100_000 }),
  Config.withDefault(QuotaStore.defaultLimits.creationsPerHour)
)

/** The side adapter's creation quota, when it keeps one (the quota store its creations reserve in). */
class SideQuota extends Context.Tag("@wa-admin/fleet/Providers/SideQuota")<
  SideQuota,
  Option.Option<QuotaStore.Service>
>() {}

/** The side's port services as layers: its adapter, its quotas in `storage`. */
const layerOf = (
  side: Job.Side,
  storage: QuotaLedger.Storage
): Layer.Layer<Port.Services | SideQuota, ConfigError.ConfigError, HttpClient.HttpClient> => {
  switch (side.provider) {
    case "woztell":
      return Layer.unwrapEffect(
        Effect.map(woztellLimits, (creationsPerHour) => {
          const quota = QuotaStore.fromStorage(storage, { creationsPerHour })
          return Layer.merge(
            WoztellAdmin.layerConfigWith(undefined, Layer.succeed(QuotaStore.QuotaStore, quota)),
            Layer.succeed(SideQuota, Option.some(quota))
          )
        })
      )
    case "meta":
      return MetaAdmin.layerComplete.pipe(
        Layer.provide(MetaClient.layerConfig()),
        Layer.provide(Layer.succeed(QuotaLedger.QuotaLedger, QuotaLedger.make(storage, MetaQuota.owner))),
        Layer.merge(Layer.succeed(SideQuota, Option.none()))
      )
  }
}

/**
 * A side's configuration error in words, naming each variable (with the side's prefix) and what
 * is wrong with it: `SOURCE_META_ACCESS_TOKEN is not set`. A secret's error carries a redacted
 * placeholder as its message; the variable's name is never hidden behind it.
 *
 * @since 0.1.0
 * @category config
 */
export const configMessage: (error: ConfigError.ConfigError) => string = ConfigMessage.configMessage

/**
 * The port services of one side of a job, configured from `variables` (default: the
 * environment) under its prefix, its quotas in `storage` (the store's shared ledger). A missing
 * or invalid variable fails with the `ConfigError` naming it (with the prefix; {@link configMessage}
 * puts it in words).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  side: Job.Side,
  storage: QuotaLedger.Storage,
  variables?: ConfigProvider.ConfigProvider
): Effect.Effect<Services, ConfigError.ConfigError, HttpClient.HttpClient | Scope.Scope> => {
  const recorded = QuotaLedger.recordedOnAnswer(storage)
  return Effect.map(
    Effect.withConfigProvider(Layer.build(layerOf(side, recorded.storage)), configProvider(side, variables)),
    (context) => servicesOf(context, recorded.answered)
  )
}
