/**
 * Imports the state earlier releases kept in files — migration journals (`.wa-admin/*.jsonl`)
 * and WOZTELL's quota histories (a file per key in `~/.wa-admin/quota` or `WOZTELL_QUOTA_DIR`) —
 * into the store, once:
 *
 * - every file is imported in one transaction with a record of it (its path and the digest of
 *   its content), so a file is never imported twice, however often the import runs, and an
 *   import that fails writes nothing;
 * - the files are only read, never changed, moved or deleted;
 * - a quota history is merged with what the store holds for its key (every spending kept), and a
 *   file that is not a history fails the whole import, closed, naming it: imported as empty, it
 *   would let requests through that the provider still counts;
 * - journal lines that cannot be read are reported (with their line numbers) and left out, as the
 *   file journal itself skipped them;
 * - a file changed since it was imported, and a quota file named by its key's digest (a key too
 *   long for a file name, which the digest cannot give back), are reported and left alone.
 *
 * @example
 * import { NodeFileSystem } from "@effect/platform-node"
 * import { LegacyImport, Store } from "@wa-admin/store"
 * import { Console, Effect, Layer } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const report = yield* LegacyImport.importLegacy(yield* LegacyImport.sourcesConfig())
 *   for (const line of LegacyImport.lines(report)) yield* Console.log(line)
 * }).pipe(Effect.provide(Layer.merge(Store.layerConfig(), NodeFileSystem.layer)))
 *
 * @since 0.1.0
 */
import { FileSystem } from "@effect/platform"
import type { PlatformError } from "@effect/platform/Error"
import { AdminError, MigrationJournal, QuotaLedger } from "@wa-admin/core"
import { Clock, Config, Effect, Either, Option, Schema } from "effect"
import { createHash } from "node:crypto"
import * as os from "node:os"
import * as path from "node:path"
import { rowOf } from "./internal/journal.js"
import { Store } from "./Store.js"

/**
 * Where the legacy files are.
 *
 * @since 0.1.0
 * @category models
 */
export interface Sources {
  /** Journal files, or directories whose `*.jsonl` files are journals (not descended into). */
  readonly journals: ReadonlyArray<string>
  /** Directories of the file quota store: a file per key, named by the URL-encoded key. */
  readonly quotaDirectories: ReadonlyArray<string>
}

/**
 * A file imported, and how many entries (journal entries, or spendings) it held.
 *
 * @since 0.1.0
 * @category models
 */
export interface Imported {
  readonly source: string
  readonly kind: "journal" | "quota"
  readonly entries: number
}

/**
 * Something left out, and why (a file changed since its import, a digest-named quota file, an
 * unreadable journal line as `file:line`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Skipped {
  readonly source: string
  readonly reason: string
}

/**
 * What an import did.
 *
 * @since 0.1.0
 * @category models
 */
export interface Report {
  readonly imported: ReadonlyArray<Imported>
  /** Files imported by an earlier run (left alone). */
  readonly alreadyImported: ReadonlyArray<string>
  readonly skipped: ReadonlyArray<Skipped>
}

/**
 * The variable that named the directory of WOZTELL's file quota store.
 *
 * @since 0.1.0
 * @category constants
 */
export const legacyQuotaDirectoryVariable = "WOZTELL_QUOTA_DIR"

/**
 * Where earlier releases kept their files: the journals in `.wa-admin/` under the working
 * directory, the quota histories in `WOZTELL_QUOTA_DIR` or `~/.wa-admin/quota`.
 *
 * @since 0.1.0
 * @category config
 */
export const sourcesConfig = (options?: {
  readonly workingDirectory?: string
  readonly home?: string
}): Config.Config<Sources> =>
  Config.string(legacyQuotaDirectoryVariable).pipe(
    Config.withDefault(""),
    Config.map((configured) => ({
      journals: [path.resolve(options?.workingDirectory ?? process.cwd(), ".wa-admin")],
      quotaDirectories: [
        configured.trim().length > 0
          ? path.resolve(configured)
          : path.join(options?.home ?? os.homedir(), ".wa-admin", "quota")
      ]
    }))
  )

const asking = { provider: "wa-admin", operation: "store.import" }

const failure = (store: string, file: string, problem: string, recovery: string) =>
  new AdminError.LocalStateUnavailable({
    ...asking,
    store,
    location: file,
    reason: `${problem}; nothing was imported. ${recovery}`
  })

const systemCause = (error: PlatformError): string =>
  error._tag === "SystemError" ? `${error.reason}: ${error.description ?? error.message}` : error.message

const unreadable = (store: string, file: string) => (error: PlatformError) =>
  failure(
    store,
    file,
    `the legacy file ${file} cannot be read (${systemCause(error)})`,
    "Fix its permissions, or move it out of the way, and run the import again"
  )

/** A legacy file read: its text and the digest that identifies this content. */
interface LegacyFile {
  readonly source: string
  readonly text: string
  readonly digest: string
}

const readLegacy = (fs: FileSystem.FileSystem, store: string, file: string) =>
  Effect.map(
    Effect.mapError(fs.readFileString(file), unreadable(store, file)),
    (text): LegacyFile => ({ source: file, text, digest: createHash("sha256").update(text).digest("hex") })
  )

/** The files directly in `directory` that `keep` accepts (none when it does not exist). */
const filesIn = (fs: FileSystem.FileSystem, store: string, directory: string, keep: (name: string) => boolean) =>
  Effect.gen(function*() {
    if (!(yield* Effect.mapError(fs.exists(directory), unreadable(store, directory)))) return []
    const names = yield* Effect.mapError(fs.readDirectory(directory), unreadable(store, directory))
    const files: Array<string> = []
    for (const name of [...names].sort()) {
      if (!keep(name)) continue
      const file = path.join(directory, name)
      const info = yield* Effect.mapError(fs.stat(file), unreadable(store, file))
      if (info.type === "File") files.push(file)
    }
    return files
  })

/** A journal's entries, and the lines that are not entries (left out, as the file journal skipped them). */
const parseJournal = (file: LegacyFile) => {
  const parsed = MigrationJournal.parse(file.source, file.text)
  const skipped = parsed.unreadable.map((unreadable): Skipped => ({
    source: `${file.source}:${unreadable.line}`,
    reason: `${unreadable.reason}: left out`
  }))
  return { entries: parsed.entries, skipped }
}

const decodeHistory = Schema.decodeUnknownEither(QuotaLedger.History)

/** Every spending of both histories: of times spent several times, the larger count (so a merge can be repeated). */
const merge = (stored: ReadonlyArray<number>, legacy: ReadonlyArray<number>): ReadonlyArray<number> => {
  const counts = (history: ReadonlyArray<number>) => {
    const byTime = new Map<number, number>()
    for (const at of history) byTime.set(at, (byTime.get(at) ?? 0) + 1)
    return byTime
  }
  const mine = counts(stored)
  const theirs = counts(legacy)
  const merged: Array<number> = []
  for (const at of new Set([...mine.keys(), ...theirs.keys()])) {
    const times = Math.max(mine.get(at) ?? 0, theirs.get(at) ?? 0)
    for (let index = 0; index < times; index++) merged.push(at)
  }
  return merged.sort((a, b) => a - b)
}

/** A quota file's key, from its name: the URL-encoded key, or nothing (a lock, a temporary file, a digest). */
const keyOfFile = (name: string): Either.Either<string, string> | undefined => {
  // Lock, break-lock and temporary files carry an "@", which URL-encoding never leaves in a key.
  if (name.includes("@")) return undefined
  if (/^sha256-[0-9a-f]{64}$/.test(name)) {
    return Either.left(
      "named by its key's digest (a key too long for a file name), which cannot give the key back: not imported, left in place"
    )
  }
  try {
    return Either.right(decodeURIComponent(name))
  } catch {
    return Either.left("its name is not a URL-encoded key: not imported, left in place")
  }
}

const journalBatch = 400

/**
 * Imports the legacy files of `sources` into the store in context, each at most once (see the
 * module's description).
 *
 * @since 0.1.0
 * @category importing
 */
export const importLegacy = (
  sources: Sources
): Effect.Effect<Report, AdminError.AdminError, Store | FileSystem.FileSystem> =>
  Effect.gen(function*() {
    const store = yield* Store
    const fs = yield* FileSystem.FileSystem
    const skipped: Array<Skipped> = []

    const journalFiles: Array<string> = []
    for (const source of sources.journals) {
      const resolved = path.resolve(source)
      if (!(yield* Effect.mapError(fs.exists(resolved), unreadable("journal", resolved)))) continue
      const info = yield* Effect.mapError(fs.stat(resolved), unreadable("journal", resolved))
      if (info.type === "Directory") {
        journalFiles.push(...(yield* filesIn(fs, "journal", resolved, (name) => name.endsWith(".jsonl"))))
      } else if (info.type === "File") journalFiles.push(resolved)
    }
    const journals = yield* Effect.forEach([...new Set(journalFiles)], (file) => readLegacy(fs, "journal", file))

    const quotaFiles: Array<LegacyFile & { readonly key: string; readonly history: ReadonlyArray<number> }> = []
    for (const directory of sources.quotaDirectories) {
      const resolved = path.resolve(directory)
      const named = yield* filesIn(fs, "quota", resolved, (name) => keyOfFile(name) !== undefined)
      for (const file of named) {
        const key = keyOfFile(path.basename(file))
        if (key === undefined) continue
        if (Either.isLeft(key)) {
          skipped.push({ source: file, reason: key.left })
          continue
        }
        const legacy = yield* readLegacy(fs, "quota", file)
        const history = decodeHistory(legacy.text)
        if (Either.isLeft(history)) {
          return yield* failure(
            "quota",
            file,
            `the legacy quota history ${file} is damaged (not a JSON list of times), so its budget cannot be carried over`,
            "Restore it from a backup, or move it out of the directory (the provider still counts what it held, so it may " +
              "refuse requests until its windows pass) and run the import again"
          )
        }
        quotaFiles.push({ ...legacy, key: key.right, history: history.right })
      }
    }

    const quota = store.quotaStorage
    const result = yield* store.transaction(
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const imported: Array<Imported> = []
        const alreadyImported: Array<string> = []
        const earlier = (file: LegacyFile) =>
          Effect.map(
            store.sql<{ readonly digest: string }>`SELECT digest FROM wa_admin_imports WHERE source = ${file.source}`,
            ([row]) => Option.fromNullable(row)
          )
        /** Whether to import `file`: not when an earlier run did (left alone, reported). */
        const isNew = (file: LegacyFile) =>
          Effect.map(earlier(file), (found) => {
            if (Option.isNone(found)) return true
            if (found.value.digest === file.digest) alreadyImported.push(file.source)
            else skipped.push({ source: file.source, reason: "changed since it was imported: left alone" })
            return false
          })
        const remember = (file: LegacyFile, kind: Imported["kind"], entries: number) =>
          Effect.zipRight(
            store.sql`INSERT INTO wa_admin_imports ${
              store.sql.insert({ source: file.source, kind, digest: file.digest, entries, imported_at: now })
            }`,
            Effect.sync(() => imported.push({ source: file.source, kind, entries }))
          )

        for (const file of journals) {
          if (!(yield* isNew(file))) continue
          const parsed = parseJournal(file)
          skipped.push(...parsed.skipped)
          for (let start = 0; start < parsed.entries.length; start += journalBatch) {
            const rows = parsed.entries.slice(start, start + journalBatch).map(rowOf)
            yield* store.sql`INSERT INTO wa_admin_journal ${store.sql.insert(rows)}`
          }
          yield* remember(file, "journal", parsed.entries.length)
        }
        for (const file of quotaFiles) {
          if (!(yield* isNew(file))) continue
          yield* quota.update(file.key, asking, (stored) =>
            Effect.succeed([undefined, merge(stored, file.history)] as const))
          yield* remember(file, "quota", file.history.length)
        }
        return { imported, alreadyImported }
      })
    )
    return { ...result, skipped: skipped.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0)) }
  })

/**
 * The report as lines for a terminal.
 *
 * @since 0.1.0
 * @category rendering
 */
export const lines = (report: Report): ReadonlyArray<string> => [
  ...report.imported.map((file) =>
    `imported ${file.source}: ${file.entries} ${file.kind === "journal" ? "journal entries" : "quota spendings"}`
  ),
  ...report.alreadyImported.map((source) => `already imported ${source}: left alone`),
  ...report.skipped.map((item) => `left out ${item.source}: ${item.reason}`),
  ...(report.imported.length + report.alreadyImported.length + report.skipped.length === 0 ? ["nothing to import"] : [])
]
