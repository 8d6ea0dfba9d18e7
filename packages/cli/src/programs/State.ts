/**
 * What `wa-admin state where` and `wa-admin state import` do (loaded when they run).
 *
 * @since 0.2.0
 */
import { FileSystem } from "@effect/platform"
import { LegacyImport, Store } from "@wa-admin/store"
import { type Context, Effect, Option, Schema } from "effect"
import * as path from "node:path"
import type * as StateCommand from "../commands/State.js"
import * as Output from "../Output.js"
import * as Providers from "../Providers.js"
import * as Render from "../Render.js"
import * as Session from "../Session.js"
import { State } from "../State.js"

/**
 * The JSON form of `state where`.
 *
 * @since 0.2.0
 * @category schemas
 */
export const WhereJson = Schema.Struct({
  kind: Schema.Literal("state.where"),
  engine: Schema.Literal("sqlite", "postgresql"),
  /** The SQLite file, or the PostgreSQL URL without its password. */
  location: Schema.String,
  /** Whether the database exists (a SQLite file is created when a command first keeps state). */
  exists: Schema.Boolean
})

/**
 * The JSON form of `state import`.
 *
 * @since 0.2.0
 * @category schemas
 */
export const ImportJson = Schema.Struct({
  kind: Schema.Literal("state.import"),
  store: Schema.String,
  imported: Schema.Array(
    Schema.Struct({ source: Schema.String, kind: Schema.Literal("journal", "quota"), entries: Schema.Int })
  ),
  alreadyImported: Schema.Array(Schema.String),
  skipped: Schema.Array(Schema.Struct({ source: Schema.String, reason: Schema.String }))
})

const renderWhere = (where: typeof WhereJson.Type): string =>
  Render.fields([
    ["engine", where.engine === "sqlite" ? "SQLite" : "PostgreSQL"],
    ["location", where.location],
    ["exists", where.exists ? "yes" : "no (created when a command first keeps state)"]
  ])

/** A `state` command: `body` with the state store the environment chooses, run with no provider. */
const withState =
  <E extends Output.Failure, R>(body: (state: Context.Tag.Service<State>) => Effect.Effect<void, E, R>) =>
  (config: StateCommand.Flags["where"]) => Session.runLocal(config, Effect.flatMap(State, body))

/**
 * `wa-admin state where`: the store the environment chooses. A SQLite file that does not exist
 * is named, not created; an existing file, and a PostgreSQL database, are opened — a store that
 * cannot be opened or trusted fails (exit 14) naming it and the cause.
 *
 * @since 0.2.0
 * @category programs
 */
export const where = withState((state) =>
  Effect.gen(function*() {
    const selection = yield* state.selection
    const fs = yield* FileSystem.FileSystem
    // A file that cannot even be looked at is opened, so that the store's own error names it.
    const json: typeof WhereJson.Type =
      selection._tag === "sqlite" && !(yield* Effect.orElseSucceed(fs.exists(selection.filename), () => true))
        ? { kind: "state.where", engine: "sqlite", location: selection.filename, exists: false }
        : yield* Effect.map(state.store, (store) => ({
          kind: "state.where" as const,
          engine: store.dialect === "pg" ? "postgresql" as const : "sqlite" as const,
          location: store.location,
          exists: true
        }))
    yield* Output.value(WhereJson, json, renderWhere)
  })
)

/** Where the quota histories of earlier releases are: the store's defaults, and every provider's directory variable that is set. */
const sources = Effect.gen(function*() {
  const defaults = yield* LegacyImport.sourcesConfig()
  const registry = yield* Providers.Registry
  const configured = yield* Effect.forEach(
    registry.flatMap((provider) => (provider.quotas === undefined ? [] : [provider.quotas])),
    Providers.quotaDirectory
  )
  const directories = [
    ...defaults.quotaDirectories,
    ...configured.flatMap(Option.toArray).map((dir) => path.resolve(dir))
  ]
  return { journals: defaults.journals, quotaDirectories: [...new Set(directories)] }
})

/**
 * `wa-admin state import`: the legacy journals and quota histories into the store, each file
 * once (`LegacyImport.importLegacy`); the files are only read.
 *
 * @since 0.2.0
 * @category programs
 */
export const importLegacy = withState((state) =>
  Effect.gen(function*() {
    const store = yield* state.store
    const report = yield* LegacyImport.importLegacy(yield* sources).pipe(Effect.provideService(Store.Store, store))
    const json: typeof ImportJson.Type = {
      kind: "state.import",
      store: store.location,
      imported: report.imported,
      alreadyImported: report.alreadyImported,
      skipped: report.skipped
    }
    yield* Output.value(ImportJson, json, () => [...LegacyImport.lines(report), `into ${store.location}`].join("\n"))
  })
)
