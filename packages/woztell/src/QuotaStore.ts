/**
 * WOZTELL's documented template budgets, enforced on this side so that a migration is refused
 * (with the time a slot frees up) *before* any request, and stays within them across restarts:
 *
 * - at most 100 template creations per WABA per hour;
 * - a template language version edited at most once per 24 hours and 10 times per 30 days.
 *
 * The history lives in a `KeyValueStore` (a directory of small files by default,
 * `WOZTELL_QUOTA_DIR` or `~/.wa-admin/quota`), time comes from Effect's `Clock`.
 *
 * @example
 * import { QuotaStore } from "@wa-admin/woztell"
 * import { Effect } from "effect"
 *
 * // pace a migration: wait for the next free creation slot
 * const waitForSlot = (wabaId: string) =>
 *   Effect.flatMap(QuotaStore.creations(wabaId), (state) => Effect.sleep(state.nextSlotIn))
 *
 * @since 0.1.0
 */
import { KeyValueStore } from "@effect/platform"
import type { PlatformError } from "@effect/platform/Error"
import * as NodeKeyValueStore from "@effect/platform-node/NodeKeyValueStore"
import { Clock, Context, DateTime, Duration, Effect, Layer, Option, Schema } from "effect"
import { AdminError } from "@wa-admin/core"
import * as os from "node:os"
import * as path from "node:path"

/**
 * The budgets. Defaults: 100 creations per hour; 1 edit per 24 hours and 10 per 30 days.
 *
 * @since 0.1.0
 * @category models
 */
export interface Limits {
  readonly creationsPerHour: number
  readonly editsPerDay: number
  readonly editsPer30Days: number
}

/**
 * @since 0.1.0
 * @category constants
 */
export const defaultLimits: Limits = { creationsPerHour: 100, editsPerDay: 1, editsPer30Days: 10 }

const hour = Duration.hours(1)
const day = Duration.days(1)
const thirtyDays = Duration.days(30)

/**
 * The creation budget of one WABA right now.
 *
 * @since 0.1.0
 * @category models
 */
export interface CreationQuota {
  readonly wabaId: string
  readonly limit: number
  /** Creations in the last hour. */
  readonly used: number
  readonly remaining: number
  /** When the next creation is allowed (now when one is). */
  readonly nextSlot: DateTime.Utc
  /** How long until then (zero when a creation is allowed now). */
  readonly nextSlotIn: Duration.Duration
}

/**
 * One template language version.
 *
 * @since 0.1.0
 * @category models
 */
export interface TemplateKey {
  readonly wabaId: string
  readonly name: string
  readonly language: string
}

/**
 * The edit budget of one template language version right now.
 *
 * @since 0.1.0
 * @category models
 */
export interface EditQuota extends TemplateKey {
  /** Edits in the last 24 hours and the last 30 days. */
  readonly usedToday: number
  readonly usedIn30Days: number
  readonly nextSlot: DateTime.Utc
  readonly nextSlotIn: Duration.Duration
}

/**
 * A slot taken before a request is sent. `release` gives it back when the request certainly
 * had no effect (so a refused creation does not count against the budget).
 *
 * @since 0.1.0
 * @category models
 */
export interface Reservation {
  readonly release: Effect.Effect<void>
}

/**
 * Who asks, for the errors: the provider and the port operation.
 *
 * @since 0.1.0
 * @category models
 */
export interface Origin {
  readonly provider: string
  readonly operation: string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly limits: Limits
  /** The creation budget of a WABA. */
  readonly creations: (wabaId: string) => Effect.Effect<CreationQuota, AdminError.AdminError>
  /** When the next template creation for a WABA is allowed. */
  readonly nextCreationSlot: (wabaId: string) => Effect.Effect<DateTime.Utc, AdminError.AdminError>
  /** The edit budget of a template language version. */
  readonly edits: (template: TemplateKey) => Effect.Effect<EditQuota, AdminError.AdminError>
  /** When the next edit of a template language version is allowed. */
  readonly nextEditSlot: (template: TemplateKey) => Effect.Effect<DateTime.Utc, AdminError.AdminError>
  /** Takes a creation slot, or fails with `QuotaExceeded` and the time until one frees up. */
  readonly reserveCreation: (wabaId: string, origin: Origin) => Effect.Effect<Reservation, AdminError.AdminError>
  /** Takes an edit slot, or fails with `QuotaExceeded` and the time until one frees up. */
  readonly reserveEdit: (template: TemplateKey, origin: Origin) => Effect.Effect<Reservation, AdminError.AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class QuotaStore extends Context.Tag("@wa-admin/woztell/QuotaStore")<QuotaStore, Service>() {}

/**
 * The default directory: `~/.wa-admin/quota`.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultDirectory: string = path.join(os.homedir(), ".wa-admin", "quota")

const History = Schema.parseJson(Schema.Array(Schema.Number))
const decodeHistory = Schema.decodeUnknownOption(History)
const encodeHistory = Schema.encodeSync(History)

const creationKey = (wabaId: string) => `woztell.creations.${wabaId}`
const editKey = (template: TemplateKey) => `woztell.edits.${template.wabaId}.${template.name}.${template.language}`

const storeFailure = (operation: string, error: PlatformError): AdminError.AdminError =>
  new AdminError.ProviderUnavailable({
    provider: "woztell",
    operation,
    attempts: 0,
    reason: `the local quota store failed (${error.message}); nothing was sent`
  })

const within = (history: ReadonlyArray<number>, now: number, window: Duration.Duration) =>
  history.filter((at) => at > now - Duration.toMillis(window) && at <= now).sort((a, b) => a - b)

const positive = (millis: number) => Duration.millis(Math.max(0, millis))

interface Verdict {
  readonly wait: Duration.Duration
  readonly quota: string
  readonly limit: number
}

const creationVerdict = (history: ReadonlyArray<number>, now: number, limits: Limits): Verdict => {
  const recent = within(history, now, hour)
  const blocking = recent[recent.length - limits.creationsPerHour]
  return {
    wait: blocking === undefined ? Duration.zero : positive(blocking + Duration.toMillis(hour) - now),
    quota: "template creations per WABA per hour",
    limit: limits.creationsPerHour
  }
}

const editVerdict = (history: ReadonlyArray<number>, now: number, limits: Limits): Verdict => {
  const monthly = within(history, now, thirtyDays)
  const daily = within(history, now, day)
  const dailyBlocking = daily[daily.length - limits.editsPerDay]
  const monthlyBlocking = monthly[monthly.length - limits.editsPer30Days]
  const dailyWait = dailyBlocking === undefined ? Duration.zero : positive(dailyBlocking + Duration.toMillis(day) - now)
  const monthlyWait =
    monthlyBlocking === undefined ? Duration.zero : positive(monthlyBlocking + Duration.toMillis(thirtyDays) - now)
  return Duration.greaterThan(monthlyWait, dailyWait)
    ? { wait: monthlyWait, quota: "template edits per 30 days", limit: limits.editsPer30Days }
    : { wait: dailyWait, quota: "template edits per 24 hours", limit: limits.editsPerDay }
}

/**
 * A quota store over the `KeyValueStore` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options?: {
  readonly limits?: Partial<Limits>
}): Effect.Effect<Service, never, KeyValueStore.KeyValueStore> =>
  Effect.map(KeyValueStore.KeyValueStore, (store) => fromStore(Effect.succeed(store), options?.limits))

/**
 * A quota store over a lazily opened store (the directory is created on first use).
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromStore = (
  open: Effect.Effect<KeyValueStore.KeyValueStore, PlatformError>,
  limitsPatch?: Partial<Limits>
): Service => {
  const limits: Limits = { ...defaultLimits, ...limitsPatch }
  const lock = Effect.unsafeMakeSemaphore(1)
  const read = (key: string, operation: string) =>
    open.pipe(
      Effect.flatMap((store) => store.get(key)),
      Effect.map((value) =>
        Option.getOrElse(Option.flatMap(value, decodeHistory), (): ReadonlyArray<number> => [])
      ),
      Effect.mapError((error) => storeFailure(operation, error))
    )
  const write = (key: string, history: ReadonlyArray<number>, operation: string) =>
    open.pipe(
      Effect.flatMap((store) => store.set(key, encodeHistory(history))),
      Effect.mapError((error) => storeFailure(operation, error))
    )
  const slot = (now: number, verdict: Verdict) => ({
    nextSlot: DateTime.unsafeMake(now + Duration.toMillis(verdict.wait)),
    nextSlotIn: verdict.wait
  })

  const creations: Service["creations"] = (wabaId) =>
    Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      const history = yield* read(creationKey(wabaId), "quota.creations")
      const used = within(history, now, hour).length
      return {
        wabaId,
        limit: limits.creationsPerHour,
        used,
        remaining: Math.max(0, limits.creationsPerHour - used),
        ...slot(now, creationVerdict(history, now, limits))
      }
    })

  const edits: Service["edits"] = (template) =>
    Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      const history = yield* read(editKey(template), "quota.edits")
      return {
        wabaId: template.wabaId,
        name: template.name,
        language: template.language,
        usedToday: within(history, now, day).length,
        usedIn30Days: within(history, now, thirtyDays).length,
        ...slot(now, editVerdict(history, now, limits))
      }
    })

  const reserve = (
    key: string,
    window: Duration.Duration,
    judge: (history: ReadonlyArray<number>, now: number) => Verdict,
    origin: Origin
  ): Effect.Effect<Reservation, AdminError.AdminError> =>
    lock.withPermits(1)(
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const history = yield* read(key, origin.operation)
        const verdict = judge(history, now)
        if (Duration.greaterThan(verdict.wait, Duration.zero)) {
          return yield* new AdminError.QuotaExceeded({
            provider: origin.provider,
            operation: origin.operation,
            quota: verdict.quota,
            limit: verdict.limit,
            retryAfter: verdict.wait
          })
        }
        yield* write(key, [...within(history, now, window), now], origin.operation)
        const release = lock.withPermits(1)(
          Effect.gen(function* () {
            const current = yield* read(key, origin.operation)
            const index = current.indexOf(now)
            if (index >= 0) yield* write(key, current.filter((_, at) => at !== index), origin.operation)
          })
        ).pipe(
          Effect.catchAll((error) => Effect.logWarning("wa-admin: could not give back a WOZTELL quota slot", error.message))
        )
        return { release }
      })
    )

  return {
    limits,
    creations,
    nextCreationSlot: (wabaId) => Effect.map(creations(wabaId), (state) => state.nextSlot),
    edits,
    nextEditSlot: (template) => Effect.map(edits(template), (state) => state.nextSlot),
    reserveCreation: (wabaId, origin) =>
      reserve(creationKey(wabaId), hour, (history, now) => creationVerdict(history, now, limits), origin),
    reserveEdit: (template, origin) =>
      reserve(editKey(template), thirtyDays, (history, now) => editVerdict(history, now, limits), origin)
  }
}

/**
 * A quota store in a directory, opened (and created) on first use.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeFileSystem = (
  directory: string,
  options?: { readonly limits?: Partial<Limits> }
): Effect.Effect<Service> =>
  Effect.sync(() => {
    // Opened once, on first use; a failed open is not remembered, the next call tries again.
    let opened: KeyValueStore.KeyValueStore | undefined
    const lock = Effect.unsafeMakeSemaphore(1)
    const openNow = Effect.scoped(Layer.build(NodeKeyValueStore.layerFileSystem(directory))).pipe(
      Effect.map((context) => Context.get(context, KeyValueStore.KeyValueStore)),
      Effect.tap((store) =>
        Effect.sync(() => {
          opened = store
        })
      )
    )
    const open = Effect.suspend(() =>
      opened !== undefined
        ? Effect.succeed(opened)
        : lock.withPermits(1)(Effect.suspend(() => (opened !== undefined ? Effect.succeed(opened) : openNow)))
    )
    return fromStore(open, options?.limits)
  })

/**
 * A quota store over the `KeyValueStore` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options?: { readonly limits?: Partial<Limits> }): Layer.Layer<QuotaStore, never, KeyValueStore.KeyValueStore> =>
  Layer.effect(QuotaStore, make(options))

/**
 * A quota store in a directory (default `~/.wa-admin/quota`), surviving restarts.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFileSystem = (
  directory: string = defaultDirectory,
  options?: { readonly limits?: Partial<Limits> }
): Layer.Layer<QuotaStore> => Layer.effect(QuotaStore, makeFileSystem(directory, options))

/**
 * A quota store in memory, for tests and short-lived processes.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemory = (options?: { readonly limits?: Partial<Limits> }): Layer.Layer<QuotaStore> =>
  layer(options).pipe(Layer.provide(KeyValueStore.layerMemory))

/** @since 0.1.0 @category accessors */
export const creations = (wabaId: string) => Effect.flatMap(QuotaStore, (quota) => quota.creations(wabaId))
/** @since 0.1.0 @category accessors */
export const nextCreationSlot = (wabaId: string) => Effect.flatMap(QuotaStore, (quota) => quota.nextCreationSlot(wabaId))
/** @since 0.1.0 @category accessors */
export const edits = (template: TemplateKey) => Effect.flatMap(QuotaStore, (quota) => quota.edits(template))
/** @since 0.1.0 @category accessors */
export const nextEditSlot = (template: TemplateKey) => Effect.flatMap(QuotaStore, (quota) => quota.nextEditSlot(template))
