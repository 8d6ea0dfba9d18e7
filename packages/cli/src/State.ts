/**
 * Where the command line keeps its state — template migration journals, item leases, and the
 * providers' client-side quota histories — in `@wa-admin/store`: SQLite in `.wa-admin/state.db`
 * under the working directory (or the file `WA_ADMIN_STATE_DB` names), PostgreSQL when
 * `WA_ADMIN_DATABASE_URL` is set.
 *
 * One store per run of `wa-admin`, opened when a command first needs it (`Store.layerConfig()`,
 * built once in the run's scope) and closed when the run ends: a command that keeps no state —
 * `capabilities`, `profile get`, `--help` — neither reads the settings nor creates the file.
 *
 * - A setting that names no usable store — a URL that is not `postgres://` or `postgresql://`, a
 *   `WA_ADMIN_STATE_DB` that names a directory — is a `ConfigError` naming the variable (exit 3),
 *   and nothing is sent.
 * - A store that cannot be opened or trusted (damaged, unreachable, migrated by a newer release)
 *   is the store's `LocalStateUnavailable` naming it and how to recover (exit 14), and nothing
 *   is sent.
 *
 * @since 0.2.0
 */
import type { AdminError, QuotaLedger } from "@wa-admin/core"
import type { Store } from "@wa-admin/store"
import type { ConfigError } from "effect"
import { Context, Effect, Layer } from "effect"

/**
 * @since 0.2.0
 * @category models
 */
export interface Service {
  /** The engine and place the environment chooses (the settings read once; nothing opened). */
  readonly selection: Effect.Effect<Store.Selection, ConfigError.ConfigError>
  /** The store, opened on first use and kept open until the run ends. */
  readonly store: Effect.Effect<Store.Service, ConfigError.ConfigError | AdminError.LocalStateUnavailable>
  /**
   * Core's quota storage in the store, for every provider's budgets. The settings are checked
   * now (a `ConfigError` naming the variable); the store is opened when a budget is first read or
   * spent (a store that cannot be opened fails the request, closed, before anything is sent).
   */
  readonly quotaStorage: Effect.Effect<QuotaLedger.Storage, ConfigError.ConfigError>
}

/**
 * @since 0.2.0
 * @category tags
 */
export class State extends Context.Tag("@wa-admin/cli/State")<State, Service>() {}

/**
 * The state of one run: nothing is read or opened until a command asks (the implementation, and
 * `@wa-admin/store`, are loaded then too).
 *
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<State> = Layer.scoped(
  State,
  Effect.flatMap(Effect.promise(() => import("./internal/state.js")), (implementation) => implementation.make)
)
