/**
 * WOZTELL's documented template budgets, enforced on this side so that a migration is refused
 * (with the time a slot frees up) *before* any request, and stays within them across restarts:
 *
 * - at most 100 template creations per WABA per hour;
 * - a template language version edited at most once per 24 hours and 10 times per 30 days.
 *
 * Where the history is kept is always chosen by the program: `WoztellClient.layer` requires a
 * `QuotaStore`, and only the environment-configured view (`WoztellAdmin.layerConfig`) provides
 * one on its own — {@link layerConfig}, a directory named by `WOZTELL_QUOTA_DIR` (default
 * `~/.wa-admin/quota`). A directory may be shared by several processes: no update is lost between
 * them, every write is atomic, and a file that cannot be read or parsed fails closed — the
 * request is refused with an error naming the file and how to recover, never taken as an empty
 * history (see {@link makeFileSystem}). `layerMemory` and `layer` keep it in a `KeyValueStore`
 * for one process. Time comes from
 * Effect's `Clock`. The verdicts only need a {@link Storage} (a checked read and an isolated
 * update), so the history can move elsewhere (a SQL table) without touching them.
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
import { QuotaLedger } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import { Config, Context, Duration, Effect, Layer } from "effect"
import type { ConfigError, DateTime } from "effect"
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

/**
 * The environment variable naming the directory of {@link layerConfig}.
 *
 * @since 0.1.0
 * @category constants
 */
export const directoryVariable = "WOZTELL_QUOTA_DIR"

/**
 * The directory of {@link layerConfig}: `WOZTELL_QUOTA_DIR`, else (when it is missing or blank)
 * {@link defaultDirectory}, `~/.wa-admin/quota`.
 *
 * @since 0.1.0
 * @category config
 */
export const directoryConfig: Config.Config<string> = Config.string(directoryVariable).pipe(
  Config.withDefault(""),
  Config.map((directory) => (directory.trim().length > 0 ? directory : defaultDirectory))
)

const creationKey = (wabaId: string) => `woztell.creations.${wabaId}`
const editKey = (template: TemplateKey) => `woztell.edits.${template.wabaId}.${template.name}.${template.language}`

const owner: QuotaLedger.Owner = { provider: "woztell", setting: directoryVariable }

const creationWindows = (limits: Limits): ReadonlyArray<QuotaLedger.Window> => [
  { limit: limits.creationsPerHour, window: Duration.hours(1), quota: "template creations per WABA per hour" }
]

const editWindows = (limits: Limits): ReadonlyArray<QuotaLedger.Window> => [
  { limit: limits.editsPerDay, window: Duration.days(1), quota: "template edits per 24 hours" },
  { limit: limits.editsPer30Days, window: Duration.days(30), quota: "template edits per 30 days" }
]

/**
 * Where the histories are kept: core's `QuotaLedger.Storage` (a checked read and an isolated
 * update), the seam a SQL table plugs into.
 *
 * @since 0.1.0
 * @category models
 */
export type Storage = QuotaLedger.Storage

/**
 * A quota store over a storage: WOZTELL's budgets as windows of core's `QuotaLedger`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromStorage = (storage: Storage, limitsPatch?: Partial<Limits>): Service => {
  const limits: Limits = { ...defaultLimits, ...limitsPatch }
  const ledger = QuotaLedger.make(storage)
  const creationsWindows = creationWindows(limits)
  const editsWindows = editWindows(limits)

  const creations: Service["creations"] = (wabaId) =>
    Effect.map(ledger.usage(creationKey(wabaId), creationsWindows, "quota.creations"), (usage) => {
      const used = usage.used[0] ?? 0
      return {
        wabaId,
        limit: limits.creationsPerHour,
        used,
        remaining: Math.max(0, limits.creationsPerHour - used),
        nextSlot: usage.nextSlot,
        nextSlotIn: usage.nextSlotIn
      }
    })

  const edits: Service["edits"] = (template) =>
    Effect.map(ledger.usage(editKey(template), editsWindows, "quota.edits"), (usage) => ({
      wabaId: template.wabaId,
      name: template.name,
      language: template.language,
      usedToday: usage.used[0] ?? 0,
      usedIn30Days: usage.used[1] ?? 0,
      nextSlot: usage.nextSlot,
      nextSlotIn: usage.nextSlotIn
    }))

  return {
    limits,
    creations,
    nextCreationSlot: (wabaId) => Effect.map(creations(wabaId), (state) => state.nextSlot),
    edits,
    nextEditSlot: (template) => Effect.map(edits(template), (state) => state.nextSlot),
    reserveCreation: (wabaId, origin) => ledger.reserve(creationKey(wabaId), creationsWindows, origin),
    reserveEdit: (template, origin) => ledger.reserve(editKey(template), editsWindows, origin)
  }
}

/**
 * A quota store over the `KeyValueStore` in context (one process: for several processes sharing
 * a budget use {@link makeFileSystem}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options?: {
  readonly limits?: Partial<Limits>
}): Effect.Effect<Service, never, KeyValueStore.KeyValueStore> =>
  Effect.map(KeyValueStore.KeyValueStore, (store) => fromStore(Effect.succeed(store), options?.limits))

/**
 * A quota store over a lazily opened `KeyValueStore` (one process).
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromStore = (
  open: Effect.Effect<KeyValueStore.KeyValueStore, PlatformError>,
  limitsPatch?: Partial<Limits>
): Service => fromStorage(QuotaLedger.keyValue(open, owner), limitsPatch)

/**
 * A quota store in a directory that several processes may share: core's
 * `QuotaLedger.fileSystem` (atomic writes, a lock file per key recovered when its holder dies,
 * fail-closed reads), one file per key as earlier releases kept it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeFileSystem = (
  directory: string,
  options?: { readonly limits?: Partial<Limits> }
): Effect.Effect<Service> => Effect.sync(() => fromStorage(QuotaLedger.fileSystem(directory, owner), options?.limits))

/**
 * A quota store over the `KeyValueStore` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options?: { readonly limits?: Partial<Limits> }
): Layer.Layer<QuotaStore, never, KeyValueStore.KeyValueStore> => Layer.effect(QuotaStore, make(options))

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
 * A quota store in the directory a configuration names (by default {@link directoryConfig}:
 * `WOZTELL_QUOTA_DIR`, else `~/.wa-admin/quota`). Nothing is written until a budget is spent;
 * the directory is created then.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  directory: Config.Config<string> = directoryConfig,
  options?: { readonly limits?: Partial<Limits> }
): Layer.Layer<QuotaStore, ConfigError.ConfigError> =>
  Layer.effect(QuotaStore, Effect.flatMap(directory, (configured) => makeFileSystem(configured, options)))

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
export const nextCreationSlot = (wabaId: string) =>
  Effect.flatMap(QuotaStore, (quota) => quota.nextCreationSlot(wabaId))
/** @since 0.1.0 @category accessors */
export const edits = (template: TemplateKey) => Effect.flatMap(QuotaStore, (quota) => quota.edits(template))
/** @since 0.1.0 @category accessors */
export const nextEditSlot = (template: TemplateKey) =>
  Effect.flatMap(QuotaStore, (quota) => quota.nextEditSlot(template))
