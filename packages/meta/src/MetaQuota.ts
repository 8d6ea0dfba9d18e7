/**
 * Meta's limits that the adapter keeps on this side, as windows of core's `QuotaLedger`, so that
 * a request Meta would refuse — or punish — is refused *before* it is sent, with the time a slot
 * frees up, across restarts and processes:
 *
 * - **register calls**: at most 10 per number in any 72 hours ({@link registrations}). Meta
 *   refuses the 11th with 133016 ("Account register deregister rate limit exceeded") and locks
 *   the number's registration for 72 hours; deregistrations are counted too, since that code
 *   names both. When Meta answers 133016 all the same (calls made elsewhere), the lock is
 *   remembered ({@link registrationLock}) and later calls are refused locally until it passes.
 * - **template edits**: an approved template may be edited once per 24 hours and 10 times per
 *   30 days ({@link edits}), per template id.
 * - **deleted names**: a deleted template name cannot be used again for 30 days
 *   ({@link deletedNames}); deletions made through this library are remembered.
 * - **template creations**: at most 100 per WABA in any hour ({@link creations}). Meta limits how
 *   fast a WABA creates templates; 100 per hour is the figure WhatsApp states for creations and
 *   the one WOZTELL, which relays Meta's template API, documents — so one pace holds for both.
 *
 * Where the histories live is chosen by the program: `MetaClient` requires a
 * `QuotaLedger.QuotaLedger`, and only `MetaAdmin.layerConfig` picks one by itself —
 * {@link layerConfig}, the directory `META_QUOTA_DIR` (default `~/.wa-admin/quota`, created when a
 * budget is first spent). {@link layerMemory} keeps them in memory (tests, short programs).
 *
 * @since 0.1.0
 */
import { QuotaLedger } from "@wa-admin/core"
import { Config, Duration, Effect, Layer } from "effect"
import type { ConfigError } from "effect"
import * as os from "node:os"
import * as path from "node:path"

/**
 * Register (and deregister) calls per number: 10 in any 72 hours.
 *
 * @since 0.1.0
 * @category windows
 */
export const registrations: ReadonlyArray<QuotaLedger.Window> = [
  { limit: 10, window: Duration.hours(72), quota: "register and deregister calls per number per 72 hours" }
]

/**
 * A number whose registration Meta locked (133016): nothing more for 72 hours.
 *
 * @since 0.1.0
 * @category windows
 */
export const registrationLock: ReadonlyArray<QuotaLedger.Window> = [
  { limit: 1, window: Duration.hours(72), quota: "registration of a number Meta locked for 72 hours (133016)" }
]

/**
 * Template creations per WABA: 100 in any hour.
 *
 * @since 0.1.0
 * @category windows
 */
export const creations: ReadonlyArray<QuotaLedger.Window> = [
  { limit: 100, window: Duration.hours(1), quota: "template creations per WABA per hour" }
]

/**
 * Edits of an approved template: 1 in any 24 hours, 10 in any 30 days.
 *
 * @since 0.1.0
 * @category windows
 */
export const edits: ReadonlyArray<QuotaLedger.Window> = [
  { limit: 1, window: Duration.hours(24), quota: "edits of an approved template per 24 hours" },
  { limit: 10, window: Duration.days(30), quota: "edits of an approved template per 30 days" }
]

/**
 * A deleted template name: not used again for 30 days.
 *
 * @since 0.1.0
 * @category windows
 */
export const deletedNames: ReadonlyArray<QuotaLedger.Window> = [
  { limit: 1, window: Duration.days(30), quota: "reuses of a deleted template name within 30 days" }
]

/**
 * The window deletions are recorded with (never refusing one: a deletion is remembered, not
 * limited).
 *
 * @since 0.1.0
 * @category windows
 */
export const deletionRecord: ReadonlyArray<QuotaLedger.Window> = [
  { limit: Number.MAX_SAFE_INTEGER, window: Duration.days(30), quota: "deletions remembered for 30 days" }
]

/**
 * The ledger keys of Meta's budgets (`meta.` first, apart from other providers' in a shared
 * directory).
 *
 * @since 0.1.0
 * @category keys
 */
export const keys = {
  registrations: (phoneNumberId: string) => `meta.register.${phoneNumberId}`,
  registrationLock: (phoneNumberId: string) => `meta.register-lock.${phoneNumberId}`,
  creations: (wabaId: string) => `meta.creations.${wabaId}`,
  edits: (templateId: string) => `meta.edits.${templateId}`,
  deletedName: (wabaId: string, name: string) => `meta.deleted.${wabaId}.${name}`,
  deletedVersion: (wabaId: string, name: string, language: string) => `meta.deleted.${wabaId}.${name}.${language}`
} as const

/**
 * Who keeps the budgets, as the ledger's errors name it.
 *
 * @since 0.1.0
 * @category constants
 */
export const owner: QuotaLedger.Owner = { provider: "meta", setting: "META_QUOTA_DIR" }

/**
 * The environment variable naming the directory of {@link layerConfig}.
 *
 * @since 0.1.0
 * @category constants
 */
export const directoryVariable = "META_QUOTA_DIR"

/**
 * The default directory: `~/.wa-admin/quota` (shared with the other adapters; the keys differ).
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultDirectory: string = path.join(os.homedir(), ".wa-admin", "quota")

/**
 * The directory of {@link layerConfig}: `META_QUOTA_DIR`, else (missing or blank)
 * {@link defaultDirectory}.
 *
 * @since 0.1.0
 * @category config
 */
export const directoryConfig: Config.Config<string> = Config.string(directoryVariable).pipe(
  Config.withDefault(""),
  Config.map((directory) => (directory.trim().length > 0 ? directory : defaultDirectory))
)

/**
 * A ledger in a directory (several processes may share it; see `QuotaLedger.fileSystem`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFileSystem = (directory: string): Layer.Layer<QuotaLedger.QuotaLedger> =>
  QuotaLedger.layerFileSystem(directory, owner)

/**
 * A ledger in the directory a configuration names (default {@link directoryConfig}). Nothing is
 * written until a budget is spent.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  directory: Config.Config<string> = directoryConfig
): Layer.Layer<QuotaLedger.QuotaLedger, ConfigError.ConfigError> =>
  Layer.unwrapEffect(Effect.map(directory, layerFileSystem))

/**
 * A ledger in memory, for tests and short-lived programs.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemory: Layer.Layer<QuotaLedger.QuotaLedger> = QuotaLedger.layerMemory(owner)
