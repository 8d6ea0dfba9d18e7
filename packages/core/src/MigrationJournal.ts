/**
 * A journal of migration progress, so a run killed at any point can be started again and finish
 * without duplicating anything.
 *
 * Before each mutation the migration records that it started; after it, that it finished. On the
 * next run, an item that started but never finished is reconciled by reading the target back
 * before anything is sent again.
 *
 * @since 0.1.0
 */
import { FileSystem } from "@effect/platform"
import { Context, Effect, Layer, Ref, Schema } from "effect"

/**
 * One journal line.
 *
 * @since 0.1.0
 * @category models
 */
export class Entry extends Schema.Class<Entry>("@wa-admin/core/MigrationJournal/Entry")({
  migration: Schema.String,
  key: Schema.String,
  action: Schema.String,
  phase: Schema.Literal("started", "done", "failed"),
  at: Schema.Number,
  detail: Schema.optional(Schema.String)
}) {}

/**
 * What the journal says about each item of a migration: its last phase.
 *
 * @since 0.1.0
 * @category models
 */
export type Progress = ReadonlyMap<string, Entry>

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The last entry of every item of one migration. */
  readonly progress: (migration: string) => Effect.Effect<Progress, JournalError>
  /** Appends an entry; it is durable when this completes. */
  readonly record: (entry: Entry) => Effect.Effect<void, JournalError>
}

/**
 * The journal could not be read or written.
 *
 * @since 0.1.0
 * @category errors
 */
export class JournalError extends Schema.TaggedError<JournalError>("@wa-admin/core/MigrationJournal/JournalError")(
  "JournalError",
  { path: Schema.String, reason: Schema.String }
) {
  /** @since 0.1.0 */
  override get message(): string {
    return `migration journal ${this.path}: ${this.reason}`
  }
}

/**
 * @since 0.1.0
 * @category tags
 */
export class MigrationJournal extends Context.Tag("@wa-admin/core/MigrationJournal")<MigrationJournal, Service>() {}

const lastByKey = (entries: Iterable<Entry>, migration: string): Progress => {
  const progress = new Map<string, Entry>()
  for (const entry of entries) if (entry.migration === migration) progress.set(entry.key, entry)
  return progress
}

/**
 * A journal kept in memory (for tests, or a run that need not survive the process).
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeMemory: Effect.Effect<Service & { readonly entries: Effect.Effect<ReadonlyArray<Entry>> }> = Effect.map(
  Ref.make<ReadonlyArray<Entry>>([]),
  (ref) => ({
    entries: Ref.get(ref),
    progress: (migration) => Effect.map(Ref.get(ref), (entries) => lastByKey(entries, migration)),
    record: (entry) => Ref.update(ref, (entries) => [...entries, entry])
  })
)

const encodeLine = Schema.encodeSync(Schema.parseJson(Entry))
const decodeLine = Schema.decodeUnknownEither(Schema.parseJson(Entry))

/**
 * A journal in a JSON-lines file. A line cut short by a crash is ignored.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeFile = (path: string): Effect.Effect<Service, never, FileSystem.FileSystem> =>
  Effect.map(FileSystem.FileSystem, (fs) => {
    const fail = (reason: string) => new JournalError({ path, reason })
    const read = Effect.gen(function* () {
      const exists = yield* fs.exists(path)
      if (!exists) return []
      const text = yield* fs.readFileString(path)
      return text
        .split("\n")
        .filter((line) => line.trim().length > 0)
        .flatMap((line) => {
          const decoded = decodeLine(line)
          return decoded._tag === "Right" ? [decoded.right] : []
        })
    }).pipe(Effect.mapError((error) => fail(error.message)))
    return {
      progress: (migration) => Effect.map(read, (entries) => lastByKey(entries, migration)),
      record: (entry) =>
        fs.writeFileString(path, `${encodeLine(entry)}\n`, { flag: "a" }).pipe(Effect.mapError((error) => fail(error.message)))
    }
  })

/**
 * @since 0.1.0
 * @category layers
 */
export const layerMemory: Layer.Layer<MigrationJournal> = Layer.effect(MigrationJournal, makeMemory)

/**
 * @since 0.1.0
 * @category layers
 */
export const layerFile = (path: string): Layer.Layer<MigrationJournal, never, FileSystem.FileSystem> =>
  Layer.effect(MigrationJournal, makeFile(path))
