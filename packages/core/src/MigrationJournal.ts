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
import type { PlatformError } from "@effect/platform/Error"
import { Context, Effect, Either, Layer, Option, Ref, Schema } from "effect"
import * as NodePath from "node:path"

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
 * A journal line that could not be read (not JSON, not an entry, or cut short by a crash): it is
 * skipped, and a warning names it.
 *
 * @since 0.1.0
 * @category models
 */
export class UnreadableLine extends Schema.Class<UnreadableLine>("@wa-admin/core/MigrationJournal/UnreadableLine")({
  path: Schema.String,
  /** 1-based. */
  line: Schema.Int,
  reason: Schema.String
}) {
  /** The warning logged for it. */
  get message(): string {
    return `migration journal ${this.path}: line ${this.line} is unreadable (${this.reason}); skipped`
  }
}

const fileFailure = {
  path: Schema.String,
  /** The system's error code (`EACCES`, `EROFS`, `ENOSPC`, `ENOTDIR` …), when there is one. */
  code: Schema.optional(Schema.String),
  /** The cause, as the system put it (for example `EROFS: read-only file system, open '…'`). */
  reason: Schema.String
}

/**
 * The journal could not be read (it is a directory, may not be read …). Nothing was sent.
 *
 * @since 0.1.0
 * @category errors
 */
export class JournalReadError extends Schema.TaggedError<JournalReadError>(
  "@wa-admin/core/MigrationJournal/JournalReadError"
)("JournalReadError", fileFailure) {
  /** @since 0.1.0 */
  override get message(): string {
    return `cannot read the migration journal ${this.path}: ${this.reason}`
  }
}

/**
 * The journal could not be written (a read-only directory or file system, a full disk, a path
 * through a regular file …). The migration stops there: an item is journaled before it is sent,
 * so nothing unjournaled was sent.
 *
 * @since 0.1.0
 * @category errors
 */
export class JournalWriteError extends Schema.TaggedError<JournalWriteError>(
  "@wa-admin/core/MigrationJournal/JournalWriteError"
)("JournalWriteError", fileFailure) {
  /** @since 0.1.0 */
  override get message(): string {
    return `cannot write the migration journal ${this.path}: ${this.reason}`
  }
}

/**
 * The journal could not be read or written.
 *
 * @since 0.1.0
 * @category errors
 */
export type JournalError = JournalReadError | JournalWriteError

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The last entry of every item of one migration. */
  readonly progress: (migration: string) => Effect.Effect<Progress, JournalError>
  /** The last entry of one item of a migration (none when it has none): one item's `progress`, read alone. */
  readonly entry: (migration: string, key: string) => Effect.Effect<Option.Option<Entry>, JournalError>
  /** Appends an entry; it is durable when this completes. */
  readonly record: (entry: Entry) => Effect.Effect<void, JournalError>
  /** The lines the last read skipped as unreadable (each is logged once, as a warning). */
  readonly unreadable: Effect.Effect<ReadonlyArray<UnreadableLine>>
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
export const makeMemory: Effect.Effect<Service & { readonly entries: Effect.Effect<ReadonlyArray<Entry>> }> = Effect
  .map(
    Ref.make<ReadonlyArray<Entry>>([]),
    (ref) => ({
      entries: Ref.get(ref),
      progress: (migration) => Effect.map(Ref.get(ref), (entries) => lastByKey(entries, migration)),
      entry: (migration, key) =>
        Effect.map(Ref.get(ref), (entries) => Option.fromNullable(lastByKey(entries, migration).get(key))),
      record: (entry) => Ref.update(ref, (entries) => [...entries, entry]),
      unreadable: Effect.succeed([])
    })
  )

const encodeLine = Schema.encodeSync(Schema.parseJson(Entry))
const decodeEntry = Schema.decodeUnknownEither(Entry)

const parseJson = (text: string): Either.Either<unknown, void> => {
  try {
    return Either.right(JSON.parse(text))
  } catch {
    return Either.left(undefined)
  }
}

/** The system's own account of a file failure: its code and message, else the platform's message. */
const causeOf = (error: PlatformError): { readonly code?: string; readonly reason: string } => {
  const cause: unknown = error._tag === "SystemError" ? error.cause : undefined
  if (typeof cause === "object" && cause !== null && "code" in cause && typeof cause.code === "string") {
    const message = "message" in cause && typeof cause.message === "string" ? cause.message : error.message
    return { code: cause.code, reason: message.startsWith(cause.code) ? message : `${cause.code}: ${message}` }
  }
  return { reason: error.message }
}

/** The largest journal read: about 300,000 entries. */
const maxBytes = 64 * 1024 * 1024

/**
 * A journal's text read: its entries, and the lines that are not entries.
 *
 * @since 0.1.0
 * @category models
 */
export interface Parsed {
  readonly entries: ReadonlyArray<Entry>
  readonly unreadable: ReadonlyArray<UnreadableLine>
  /** Whether the text is empty or ends with a line break (else the next entry must start a line). */
  readonly terminated: boolean
}

/**
 * Reads the text of a JSON-lines journal (`path` names it in the unreadable lines): every line
 * that is an entry, in order, and every other non-blank line with its 1-based number and why —
 * `"cut short: …"` for a last line without its line break (a run killed while writing), `"not
 * JSON"`, or `"not a journal entry"`. The file journal and the store's import of legacy journals
 * read journals with it.
 *
 * @example
 * import { MigrationJournal } from "@wa-admin/core"
 *
 * const parsed = MigrationJournal.parse("run.jsonl", '{"migration":"m","key":"k","action":"create","phase":"started","at":1}\n{"migr')
 * // parsed.entries.length === 1, parsed.unreadable[0].line === 2 (cut short)
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (path: string, text: string): Parsed => {
  const entries: Array<Entry> = []
  const unreadable: Array<UnreadableLine> = []
  const lines = text.split("\n")
  const terminated = text.length === 0 || text.endsWith("\n")
  lines.forEach((content, index) => {
    if (content.trim().length === 0) return
    const json = parseJson(content)
    const decoded = Either.isRight(json) ? decodeEntry(json.right) : undefined
    if (decoded !== undefined && Either.isRight(decoded)) {
      entries.push(decoded.right)
      return
    }
    const last = index === lines.length - 1 && !terminated
    const reason = last
      ? "cut short: the run that wrote it stopped while writing"
      : Either.isLeft(json)
      ? "not JSON"
      : "not a journal entry"
    unreadable.push(new UnreadableLine({ path, line: index + 1, reason }))
  })
  return { entries, unreadable, terminated }
}

/**
 * Creates a directory and its missing parents one level at a time, so each failure is the
 * system's real answer: Node's recursive `mkdir` reports ENOENT on a read-only file system
 * (instead of EROFS), and can loop where `mkdir` answers ENOENT under an existing parent.
 */
const makeDirectories = (fs: FileSystem.FileSystem, directory: string): Effect.Effect<void, PlatformError> =>
  Effect.gen(function*() {
    const missing: Array<string> = []
    let current = directory
    while (!(yield* fs.exists(current))) {
      missing.unshift(current)
      const parent = NodePath.dirname(current)
      if (parent === current) break
      current = parent
    }
    for (const path of missing) {
      yield* fs.makeDirectory(path).pipe(
        Effect.catchIf((error) => error._tag === "SystemError" && error.reason === "AlreadyExists", () => Effect.void)
      )
    }
  })

/**
 * A journal in a JSON-lines file. Its directory is created on the first record. A line that
 * cannot be read (cut short by a crash, edited by hand) is skipped with a warning naming its
 * line number, and listed by `unreadable`; an entry recorded after a line cut short starts a line
 * of its own. Failures name the path and the system's cause (`EACCES`, `EROFS`, `ENOSPC` …).
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeFile = (path: string): Effect.Effect<Service, never, FileSystem.FileSystem> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const lock = yield* Effect.makeSemaphore(1)
    const lastRead = yield* Ref.make<ReadonlyArray<UnreadableLine>>([])
    const warned = yield* Ref.make<ReadonlySet<number>>(new Set())
    /** Whether the file ends where a new line may start: unknown until read or written. */
    const terminated = yield* Ref.make<boolean | undefined>(undefined)
    const directoryReady = yield* Ref.make(false)

    const readFailure = (error: PlatformError) => new JournalReadError({ path, ...causeOf(error) })
    const writeFailure = (error: PlatformError) => new JournalWriteError({ path, ...causeOf(error) })

    const warn = (unreadable: ReadonlyArray<UnreadableLine>) =>
      Effect.flatMap(Ref.get(warned), (already) =>
        Effect.forEach(
          unreadable.filter((line) => !already.has(line.line)),
          (line) =>
            Effect.zipRight(
              Effect.logWarning(line.message).pipe(Effect.annotateLogs({ journal: path, line: line.line })),
              Ref.update(warned, (lines) => new Set([...lines, line.line]))
            ),
          { discard: true }
        ))

    /** The journal's text: none when it does not exist or is a device (`/dev/null`, never read). */
    const text = Effect.gen(function*() {
      if (!(yield* fs.exists(path))) return ""
      const info = yield* fs.stat(path)
      if (info.type === "Directory") {
        return yield* new JournalReadError({ path, code: "EISDIR", reason: "EISDIR: it is a directory" })
      }
      if (info.type !== "File") {
        return ""
      }
      if (info.size > BigInt(maxBytes)) {
        return yield* new JournalReadError({
          path,
          reason: `it holds ${info.size} bytes, more than the ${maxBytes} a journal may hold; is it the right file?`
        })
      }
      return yield* fs.readFileString(path)
    })

    const read: Effect.Effect<ReadonlyArray<Entry>, JournalReadError> = Effect.gen(function*() {
      const result = parse(path, yield* text)
      yield* Ref.set(lastRead, result.unreadable)
      yield* Ref.set(terminated, result.terminated)
      yield* warn(result.unreadable)
      return result.entries
    }).pipe(
      Effect.catchTags({
        BadArgument: (error) => Effect.fail(readFailure(error)),
        SystemError: (error) => Effect.fail(readFailure(error))
      })
    )

    const prepare: Effect.Effect<boolean, JournalError> = Effect.gen(function*() {
      if (!(yield* Ref.get(directoryReady))) {
        yield* makeDirectories(fs, NodePath.dirname(path)).pipe(Effect.mapError(writeFailure))
        yield* Ref.set(directoryReady, true)
      }
      const known = yield* Ref.get(terminated)
      if (known !== undefined) return known
      // Reading is how a record learns where the file ends; a path that cannot be read cannot be written.
      yield* read.pipe(
        Effect.mapError(({ code, path, reason }) =>
          new JournalWriteError({ path, reason, ...(code === undefined ? {} : { code }) })
        )
      )
      return (yield* Ref.get(terminated)) ?? true
    })

    return {
      progress: (migration) => lock.withPermits(1)(Effect.map(read, (entries) => lastByKey(entries, migration))),
      entry: (migration, key) =>
        lock.withPermits(1)(
          Effect.map(read, (entries) => Option.fromNullable(lastByKey(entries, migration).get(key)))
        ),
      record: (entry) =>
        lock.withPermits(1)(
          Effect.gen(function*() {
            const startsLine = yield* prepare
            yield* fs
              .writeFileString(path, `${startsLine ? "" : "\n"}${encodeLine(entry)}\n`, { flag: "a" })
              .pipe(Effect.mapError(writeFailure))
            yield* Ref.set(terminated, true)
          })
        ),
      unreadable: Ref.get(lastRead)
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
