/**
 * The state store of one run (see `../State.ts`): the settings read and the store opened on first
 * use, once, in the run's scope.
 */
import { AdminError } from "@wa-admin/core"
import type { QuotaLedger } from "@wa-admin/core"
import type { Store } from "@wa-admin/store"
import { Config, ConfigError, Context, Effect, Either, Layer, Scope } from "effect"
import * as fs from "node:fs"
import type { Service } from "../State.js"

/** `@wa-admin/store`, loaded by the first command that keeps state. */
const load = Effect.promise(() => import("@wa-admin/store"))

/** The store's settings, refusing a SQLite path that names a directory (naming the variable). */
const checked = (module: typeof import("@wa-admin/store")): Config.Config<Store.Selection> =>
  Config.mapOrFail(module.Store.config(), (selection) => {
    if (selection._tag === "sqlite" && isDirectory(selection.filename)) {
      return Either.left(
        ConfigError.InvalidData(
          [module.Store.statePathVariable],
          `${selection.filename} is a directory; name the database file (it is created when missing)`
        )
      )
    }
    return Either.right(selection)
  })

const isDirectory = (path: string): boolean => {
  try {
    return fs.statSync(path).isDirectory()
  } catch {
    return false
  }
}

/** The state of one run: nothing is read or opened until a command asks. */
export const make: Effect.Effect<Service, never, Scope.Scope> = Effect.gen(function*() {
  const scope = yield* Scope.Scope
  const selection = yield* Effect.cached(Effect.flatMap(load, (module) => checked(module)))
  const store = yield* Effect.cached(
    Effect.gen(function*() {
      const module = yield* load
      yield* selection
      const context = yield* Layer.buildWithScope(module.Store.layerConfig(), scope)
      return Context.get(context, module.Store.Store)
    })
  )
  /** The store for a budget: settings that passed when the provider was configured cannot fail here. */
  const forQuota = Effect.catchIf(
    store,
    (error): error is ConfigError.ConfigError => ConfigError.isConfigError(error),
    (error) =>
      Effect.fail(
        new AdminError.LocalStateUnavailable({
          provider: "wa-admin",
          operation: "store.open",
          store: "quota",
          location: "the state store",
          reason: `the state store's settings are not valid (${String(error)}); nothing was sent`
        })
      )
  )
  const storage: QuotaLedger.Storage = {
    read: (key, origin) => Effect.flatMap(forQuota, (opened) => opened.quotaStorage.read(key, origin)),
    update: (key, origin, change) =>
      Effect.flatMap(forQuota, (opened) => opened.quotaStorage.update(key, origin, change))
  }
  return { selection, store, quotaStorage: Effect.as(selection, storage) }
})
