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
import { Clock, Config, Context, DateTime, Duration, Effect, Either, Layer, Option, Schema } from "effect"
import type { ConfigError } from "effect"
import { AdminError } from "@wa-admin/core"
import { createHash, randomUUID } from "node:crypto"
import * as fs from "node:fs/promises"
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

const History = Schema.parseJson(Schema.Array(Schema.Number))
const decodeHistory = Schema.decodeUnknownEither(History)
const encodeHistory = Schema.encodeSync(History)

const creationKey = (wabaId: string) => `woztell.creations.${wabaId}`
const editKey = (template: TemplateKey) => `woztell.edits.${template.wabaId}.${template.name}.${template.language}`

/**
 * A failure of the local store (`LocalStateUnavailable`): what failed, that nothing was sent, and
 * how to recover.
 */
const storeFailure = (operation: string, problem: string, recovery: string, location = "the quota store"): AdminError.AdminError =>
  new AdminError.LocalStateUnavailable({
    provider: "woztell",
    operation,
    store: "quota",
    location,
    reason: `${problem}; nothing was sent. ${recovery}`
  })

const moveAside =
  "move it aside to start an empty history (WOZTELL still counts what it held: creations for an hour, " +
  "edits for 30 days, so it may refuse requests until then)"

const damaged = (operation: string, where: string) =>
  storeFailure(
    operation,
    `the quota history ${where} is damaged (not a JSON list of times), so the budget cannot be checked`,
    `Restore it from a backup, or ${moveAside}`,
    where
  )

const unreadable = (operation: string, where: string, cause: string) =>
  storeFailure(
    operation,
    `the quota history ${where} cannot be read (${cause})`,
    `Fix its permissions (or free the disk); if it is damaged, restore it from a backup or ${moveAside}`,
    where
  )

const unwritable = (operation: string, where: string, cause: string) =>
  storeFailure(
    operation,
    `the quota history ${where} cannot be written (${cause})`,
    "Check the directory's permissions and free space; the store needs a local file system with hard links (WOZTELL_QUOTA_DIR)",
    where
  )

/** Only entries still inside the window (entries from later than `now` are kept: they count). */
const within = (history: ReadonlyArray<number>, now: number, window: Duration.Duration) =>
  history.filter((at) => at > now - Duration.toMillis(window)).sort((a, b) => a - b)

/** The history in what is stored (none stored: empty); anything else than a list of times fails closed. */
const historyOf = (
  stored: Option.Option<string>,
  where: string,
  operation: string
): Effect.Effect<ReadonlyArray<number>, AdminError.AdminError> =>
  Option.match(stored, {
    onNone: () => Effect.succeed([]),
    onSome: (text) =>
      Either.match(decodeHistory(text), {
        onLeft: () => Effect.fail(damaged(operation, where)),
        onRight: (history) => Effect.succeed(history)
      })
  })

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
 * Where the histories (times of creations or edits, as epoch milliseconds) are kept. A quota
 * store is its verdicts over a storage, and a storage only gives a checked read and an update
 * that no other writer — in this process or another — can interleave with. That is the seam a
 * SQL table (a row per key, updated in a transaction) plugs into.
 *
 * @since 0.1.0
 * @category models
 */
export interface Storage {
  /** The history under a key (empty when there is none); fails, closed, when what is stored cannot be trusted. */
  readonly read: (key: string, operation: string) => Effect.Effect<ReadonlyArray<number>, AdminError.AdminError>
  /**
   * Reads the history under a key, lets `change` decide, and stores the history it answers
   * (`undefined`: nothing to store) as one step that no other writer interleaves with; answers
   * what `change` answered. `change` may run more than once (on a fresh read each time), so it
   * must not do anything but decide.
   */
  readonly update: <A>(
    key: string,
    operation: string,
    change: (history: ReadonlyArray<number>) => Effect.Effect<readonly [A, ReadonlyArray<number> | undefined], AdminError.AdminError>
  ) => Effect.Effect<A, AdminError.AdminError>
}

/**
 * A quota store over a storage.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromStorage = (storage: Storage, limitsPatch?: Partial<Limits>): Service => {
  const limits: Limits = { ...defaultLimits, ...limitsPatch }
  const slot = (now: number, verdict: Verdict) => ({
    nextSlot: DateTime.unsafeMake(now + Duration.toMillis(verdict.wait)),
    nextSlotIn: verdict.wait
  })

  const creations: Service["creations"] = (wabaId) =>
    Effect.gen(function* () {
      const history = yield* storage.read(creationKey(wabaId), "quota.creations")
      const now = yield* Clock.currentTimeMillis
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
      const history = yield* storage.read(editKey(template), "quota.edits")
      const now = yield* Clock.currentTimeMillis
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
    storage
      .update(key, origin.operation, (history) =>
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
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
          return [now, [...within(history, now, window), now]] as const
        })
      )
      .pipe(
        Effect.map((taken) => ({
          release: storage
            .update(key, origin.operation, (history) => {
              const index = history.indexOf(taken)
              return Effect.succeed([undefined, index < 0 ? undefined : history.filter((_, at) => at !== index)] as const)
            })
            .pipe(Effect.catchAll((error) => Effect.logWarning("wa-admin: could not give back a WOZTELL quota slot", error.message)))
        }))
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

// ---------------------------------------------------------------------------------------------
// A KeyValueStore (one process)
// ---------------------------------------------------------------------------------------------

/**
 * A storage over a `KeyValueStore`: updates are serialised by a lock in this process only (a
 * `KeyValueStore` offers nothing to lock across processes with); a value that is not a history
 * fails closed.
 */
const keyValueStorage = (open: Effect.Effect<KeyValueStore.KeyValueStore, PlatformError>): Storage => {
  const lock = Effect.unsafeMakeSemaphore(1)
  const where = (key: string) => `"${key}" (in the key-value store)`
  const read = (key: string, operation: string): Effect.Effect<ReadonlyArray<number>, AdminError.AdminError> =>
    open.pipe(
      Effect.flatMap((store) => store.get(key)),
      Effect.mapError((error) => unreadable(operation, where(key), error.message)),
      Effect.flatMap((stored) => historyOf(stored, where(key), operation))
    )
  return {
    read,
    update: (key, operation, change) =>
      lock.withPermits(1)(
        Effect.gen(function* () {
          const [result, next] = yield* change(yield* read(key, operation))
          if (next !== undefined) {
            yield* open.pipe(
              Effect.flatMap((store) => store.set(key, encodeHistory(next))),
              Effect.mapError((error) => unwritable(operation, where(key), error.message))
            )
          }
          return result
        })
      )
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
): Service => fromStorage(keyValueStorage(open), limitsPatch)

// ---------------------------------------------------------------------------------------------
// A directory (any number of processes)
// ---------------------------------------------------------------------------------------------

/** A lock older than this is taken to be left behind, whoever holds it (a critical section takes milliseconds). */
const staleLockAfterMillis = 30_000

/** How long a process waits for a lock held by another live process before it gives up with an error. */
const lockWaitMillis = 15_000

const errorCode = (error: unknown): string =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
    ? error.code
    : error instanceof Error
      ? error.message
      : String(error)

/** A file system call whose failure keeps its error code. */
const io = <A>(run: () => Promise<A>): Effect.Effect<A, string> => Effect.tryPromise({ try: run, catch: errorCode })

/** A file system call whose failure is of no consequence (tidying up). */
const tidy = (run: () => Promise<unknown>): Effect.Effect<void> => Effect.ignore(io(run))

/**
 * A pause in real time: other processes run on the wall clock, whatever `Clock` a program uses
 * (a `TestClock` would never let it end).
 */
const pause = (millis: number): Effect.Effect<void> =>
  Effect.async<void>((resume) => {
    const timer = setTimeout(() => resume(Effect.void), millis)
    return Effect.sync(() => clearTimeout(timer))
  })

/** Writes a new file and flushes it to disk; fails if the file exists. */
const writeDurably = async (file: string, text: string): Promise<void> => {
  const handle = await fs.open(file, "wx")
  try {
    await handle.writeFile(text, "utf8")
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Flushes a directory's entries (a rename in it) to disk, where the platform allows it. */
const syncDirectory = (directory: string) =>
  tidy(async () => {
    const handle = await fs.open(directory, "r")
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  })

/**
 * Creates `file` holding `text`, complete from the first moment it exists (written under a
 * temporary name, then hard linked: like `O_EXCL`, a link fails when the name exists); `false`
 * when it exists already.
 */
const createExclusively = async (file: string, text: string): Promise<boolean> => {
  const temporary = `${file}-${process.pid}-${randomUUID()}`
  await fs.writeFile(temporary, text, { encoding: "utf8", flag: "wx" })
  try {
    await fs.link(temporary, file)
    return true
  } catch (error) {
    if (errorCode(error) === "EEXIST") return false
    throw error
  } finally {
    await fs.rm(temporary, { force: true })
  }
}

const LockHolder = Schema.parseJson(
  Schema.Struct({ pid: Schema.Int, host: Schema.String, since: Schema.Number, token: Schema.String })
)
const decodeLockHolder = Schema.decodeUnknownOption(LockHolder)
const encodeLockHolder = Schema.encodeSync(LockHolder)

/** A lock file as found: who holds it (when it says), since when, and its exact text (its identity). */
interface FoundLock {
  readonly text: string
  readonly holder: Option.Option<typeof LockHolder.Type>
  readonly since: number
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return errorCode(error) === "EPERM"
  }
}

/** Left behind: its holder, on this machine, is dead — or it is older than any critical section. */
const isStale = (lock: FoundLock, now: number): boolean =>
  now - lock.since > staleLockAfterMillis ||
  Option.match(lock.holder, { onNone: () => false, onSome: (holder) => holder.host === os.hostname() && !isAlive(holder.pid) })

/** A storage in a directory that several processes may share (see {@link makeFileSystem}). */
const fileStorage = (directory: string): Storage => {
  /**
   * A key's file: its URL-encoded name, as earlier releases kept it, or — when that name would
   * leave no room for the lock and temporary names beside it — its digest, with the earlier
   * release's file (a name of up to 255 characters) still read until the first update replaces it.
   */
  const filesOf = (key: string): { readonly file: string; readonly earlier: Option.Option<string> } => {
    const name = encodeURIComponent(key)
    return name.length <= 200
      ? { file: path.join(directory, name), earlier: Option.none() }
      : {
          file: path.join(directory, `sha256-${createHash("sha256").update(key).digest("hex")}`),
          earlier: name.length <= 255 ? Option.some(path.join(directory, name)) : Option.none()
        }
  }
  const fileOf = (key: string) => filesOf(key).file

  const readFile = (file: string, operation: string): Effect.Effect<Option.Option<string>, AdminError.AdminError> =>
    io(() => fs.readFile(file, "utf8")).pipe(
      Effect.map(Option.some),
      Effect.catchIf((code) => code === "ENOENT", () => Effect.succeed(Option.none<string>())),
      Effect.mapError((code) => unreadable(operation, file, code))
    )

  const readHistory = (key: string, operation: string): Effect.Effect<ReadonlyArray<number>, AdminError.AdminError> =>
    Effect.gen(function* () {
      const { earlier, file } = filesOf(key)
      const stored = yield* readFile(file, operation)
      if (Option.isSome(stored) || Option.isNone(earlier)) return yield* historyOf(stored, file, operation)
      return yield* historyOf(yield* readFile(earlier.value, operation), earlier.value, operation)
    })

  const writeHistory = (file: string, history: ReadonlyArray<number>, operation: string) =>
    Effect.gen(function* () {
      const temporary = `${file}@tmp-${process.pid}-${randomUUID()}`
      yield* io(async () => {
        await writeDurably(temporary, encodeHistory(history))
        await fs.rename(temporary, file)
      }).pipe(
        Effect.tapError(() => tidy(() => fs.rm(temporary, { force: true }))),
        Effect.mapError((code) => unwritable(operation, file, code))
      )
      yield* syncDirectory(directory)
    })

  /** The lock file as it is now; `undefined` when there is none. */
  const findLock = (file: string): Effect.Effect<FoundLock | undefined, string> =>
    io(async () => {
      const [text, stat] = await Promise.all([fs.readFile(file, "utf8"), fs.stat(file)])
      const holder = decodeLockHolder(text)
      return { text, holder, since: Option.match(holder, { onNone: () => stat.mtimeMs, onSome: (found) => found.since }) }
    }).pipe(Effect.catchIf((code) => code === "ENOENT", () => Effect.succeed(undefined)))

  const holderText = (token: string) => encodeLockHolder({ pid: process.pid, host: os.hostname(), since: Date.now(), token })

  /** Removes a stale lock if it is still the one found, under the break lock; answers whether it did. */
  const breakLock = (lockFile: string, found: FoundLock): Effect.Effect<boolean, string> =>
    Effect.gen(function* () {
      const breakFile = `${lockFile}-break`
      if (!(yield* io(() => createExclusively(breakFile, holderText(randomUUID()))))) {
        const breaker = yield* findLock(breakFile)
        if (breaker !== undefined && isStale(breaker, Date.now())) yield* tidy(() => fs.rm(breakFile, { force: true }))
        return false
      }
      return yield* Effect.gen(function* () {
        const current = yield* findLock(lockFile)
        if (current === undefined || current.text !== found.text) return false
        yield* io(() => fs.rm(lockFile, { force: true }))
        return true
      }).pipe(Effect.ensuring(tidy(() => fs.rm(breakFile, { force: true }))))
    })

  /**
   * Takes a key's lock (waiting for a live holder, breaking a stale one); answers its token. Run
   * uninterruptibly (it is the acquisition of `update`), except while it pauses without the lock.
   */
  const lock = (file: string, operation: string): Effect.Effect<string, AdminError.AdminError> =>
    Effect.gen(function* () {
      const lockFile = `${file}@lock`
      const token = randomUUID()
      const giveUpAt = Date.now() + lockWaitMillis
      yield* io(() => fs.mkdir(directory, { recursive: true }))
      let brokeOne = false
      for (;;) {
        if (yield* io(() => createExclusively(lockFile, holderText(token)))) break
        const found = yield* findLock(lockFile)
        const now = Date.now()
        if (found !== undefined && isStale(found, now) && (yield* breakLock(lockFile, found))) {
          brokeOne = true
          continue
        }
        if (now >= giveUpAt) {
          const holder =
            found === undefined
              ? `other processes, one after another, for ${lockWaitMillis / 1_000} s`
              : `${Option.match(found.holder, {
                  onNone: () => "another process",
                  onSome: (held) => `process ${held.pid} on ${held.host}`
                })} since ${new Date(found.since).toISOString()}`
          return yield* storeFailure(
            operation,
            `the quota history ${file} is locked by ${holder}`,
            `If no wa-admin process is using ${directory}, remove ${lockFile}; otherwise try again`,
            file
          )
        }
        yield* Effect.interruptible(pause(2 + Math.floor(Math.random() * 18)))
      }
      // The process that left the lock behind may have left its temporary file too.
      if (brokeOne) yield* tidyTemporaries(file)
      return token
    }).pipe(Effect.mapError((error) => (typeof error === "string" ? unwritable(operation, `${file}@lock`, error) : error)))

  const unlock = (file: string, token: string) =>
    tidy(async () => {
      const lockFile = `${file}@lock`
      const text = await fs.readFile(lockFile, "utf8")
      if (Option.exists(decodeLockHolder(text), (holder) => holder.token === token)) await fs.rm(lockFile, { force: true })
    })

  const tidyTemporaries = (file: string) =>
    tidy(async () => {
      const prefix = `${path.basename(file)}@tmp-`
      for (const name of await fs.readdir(directory)) {
        if (name.startsWith(prefix)) await fs.rm(path.join(directory, name), { force: true })
      }
    })

  // Fibers of this process take turns here; other processes are kept apart by the lock file.
  const turns = Effect.unsafeMakeSemaphore(1)
  return {
    read: (key, operation) => readHistory(key, operation),
    update: (key, operation, change) =>
      turns.withPermits(1)(
        Effect.acquireUseRelease(
          lock(fileOf(key), operation),
          // Not interrupted halfway: a write left running after the lock is given back could
          // overwrite the next holder's update.
          () =>
            Effect.uninterruptible(
              Effect.gen(function* () {
                const [result, next] = yield* change(yield* readHistory(key, operation))
                if (next !== undefined) yield* writeHistory(fileOf(key), next, operation)
                return result
              })
            ),
          (token) => unlock(fileOf(key), token)
        )
      )
  }
}

/**
 * A quota store in a directory that several processes may share (the directory is created on
 * first write): one file per key, holding a JSON list of times — the file an earlier release kept
 * (`<key>`, URL-encoded).
 *
 * - **Reads** take no lock: every write replaces the file whole (below), so a reader sees the
 *   old history or the new one, never a part. A file that cannot be read or parsed fails closed,
 *   naming the file and how to recover; it is never taken for an empty history.
 * - **Writes are atomic**: the new history goes to a temporary file in the same directory,
 *   flushed to disk (fsync), then renamed over the file, and the directory is flushed. A process
 *   killed at any moment leaves the old file or the new one.
 * - **No update is lost between processes**: a read-modify-write runs under an exclusive lock
 *   file, `<key>@lock`, created complete and exclusively (written to a temporary name, then hard
 *   linked: like `O_EXCL`, a link fails when the name exists) and holding the holder's pid, host,
 *   start time and a random token. A waiting process retries every few milliseconds for up to
 *   15 s, then fails with an error naming the holder and the lock file.
 * - **A lock left behind is recovered**: it is stale when its holder, on this machine, is no
 *   longer alive (a killed process: recovered at once), or when it is older than 30 s (a holder on
 *   another machine, or a reused pid). Breaking it is itself done under a second exclusive lock,
 *   `<key>@lock-break`, after checking the lock is still the one found stale, so two waiters
 *   cannot both break it and then both enter; a lock is released only by the holder whose token
 *   it carries.
 *
 * Lock, break-lock and temporary file names carry an `@`, which URL-encoding never leaves in a
 * key, so they cannot clash with another key's file.
 *
 * Why a lock file: it keeps one plain file per key that earlier releases (and people) can read,
 * and its recovery rule is simple to check. A lock-free alternative — numbered versions published
 * with an exclusive link, older ones deleted — loses updates when a slow writer publishes a
 * version number that has been deleted meanwhile (the ABA problem), unless deletions are delayed
 * by a time rule as fragile as a stale-lock rule. The limits of this one: a holder stopped for
 * more than 30 s in the middle of an update (SIGSTOP, a suspended laptop) may have its lock broken
 * and then overwrite a newer history, and two processes finding the same stale break lock at
 * the same moment could both break the lock (this needs a process killed in the microseconds it
 * holds a break lock). Hard links are needed (any local file system; not FAT).
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeFileSystem = (
  directory: string,
  options?: { readonly limits?: Partial<Limits> }
): Effect.Effect<Service> => Effect.sync(() => fromStorage(fileStorage(directory), options?.limits))

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
export const nextCreationSlot = (wabaId: string) => Effect.flatMap(QuotaStore, (quota) => quota.nextCreationSlot(wabaId))
/** @since 0.1.0 @category accessors */
export const edits = (template: TemplateKey) => Effect.flatMap(QuotaStore, (quota) => quota.edits(template))
/** @since 0.1.0 @category accessors */
export const nextEditSlot = (template: TemplateKey) => Effect.flatMap(QuotaStore, (quota) => quota.nextEditSlot(template))
