/**
 * A ledger of client-side budgets: for each key (a WABA's template creations, a number's
 * registrations …) the times a budget was spent, so that a request that would exceed a
 * provider's documented limit is refused *before* it is sent, with the time a slot frees up —
 * across restarts and across processes. Each adapter states its own windows (WOZTELL: 100
 * creations per WABA per hour; Meta: 10 registrations per number per moving 72 hours …); the
 * ledger decides and keeps the histories.
 *
 * The decisions only need a {@link Storage} — a checked read and an update no other writer can
 * interleave with — so the histories can live in memory, in a `KeyValueStore` (one process), in
 * a directory shared by several processes ({@link fileSystem}), or in a SQL table. Whatever the
 * storage, what cannot be read or trusted fails closed: the request is refused with a
 * `LocalStateUnavailable` naming the store and how to recover, never taken as an empty history.
 * Time comes from Effect's `Clock`.
 *
 * @example
 * import { QuotaLedger } from "@wa-admin/core"
 * import { Duration, Effect } from "effect"
 *
 * const registrations = [{ limit: 10, window: Duration.hours(72), quota: "registrations per number per 72 hours" }]
 * const program = Effect.gen(function* () {
 *   const ledger = yield* QuotaLedger.QuotaLedger
 *   const slot = yield* ledger.reserve("meta.register.106540352242922", registrations, { provider: "meta", operation: "numbers.register" })
 *   // … send the request; on a failure that proves it did not land: yield* slot.release
 * })
 *
 * @since 0.1.0
 */
import { KeyValueStore } from "@effect/platform"
import type { PlatformError } from "@effect/platform/Error"
import { Clock, Context, DateTime, Duration, Effect, Either, FiberRef, Layer, Option, Schema } from "effect"
import { createHash, randomUUID } from "node:crypto"
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { LocalStateUnavailable, QuotaExceeded } from "./AdminError.js"
import type { AdminError } from "./AdminError.js"

/**
 * Who spends a budget: named in the errors.
 *
 * @since 0.1.0
 * @category models
 */
export interface Origin {
  readonly provider: string
  readonly operation: string
}

/**
 * One budget over a moving window: at most `limit` spendings in any `window`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Window {
  readonly limit: number
  readonly window: Duration.DurationInput
  /** Its name in errors (`"template creations per WABA per hour"`). */
  readonly quota: string
}

/**
 * How a key stands against its windows now.
 *
 * @since 0.1.0
 * @category models
 */
export interface Usage {
  /** Spendings inside each window, in the order the windows were given. */
  readonly used: ReadonlyArray<number>
  /** When the next spending is allowed (now when it is). */
  readonly nextSlot: DateTime.Utc
  readonly nextSlotIn: Duration.Duration
}

/**
 * A spent slot; `release` gives it back (for a request that provably did not land).
 *
 * @since 0.1.0
 * @category models
 */
export interface Reservation {
  readonly release: Effect.Effect<void>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * How a key stands; fails closed when its history cannot be trusted. `origin` names who asks in
   * the errors; a bare operation name is taken as the ledger's own provider's (see {@link make}).
   */
  readonly usage: (
    key: string,
    windows: ReadonlyArray<Window>,
    origin: Origin | string
  ) => Effect.Effect<Usage, AdminError>
  /** Spends a slot, or fails with `QuotaExceeded` carrying the wait — before anything is sent. */
  readonly reserve: (
    key: string,
    windows: ReadonlyArray<Window>,
    origin: Origin
  ) => Effect.Effect<Reservation, AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class QuotaLedger extends Context.Tag("@wa-admin/core/QuotaLedger")<QuotaLedger, Service>() {}

/**
 * Whose budgets a storage or ledger keeps: the provider a `usage` asked with a bare operation name
 * is named for (a storage's errors name the provider of the `Origin` that asked), and the setting
 * that chooses where (`WOZTELL_QUOTA_DIR`), named when the place cannot be written.
 *
 * @since 0.1.0
 * @category models
 */
export interface Owner {
  readonly provider: string
  readonly setting?: string
}

/**
 * A history as it is kept, in a file of the file storage or a row of a SQL table: a JSON list of
 * the times (epoch milliseconds) a budget was spent. Anything else is a damaged history.
 *
 * @example
 * import { QuotaLedger } from "@wa-admin/core"
 * import { Schema } from "effect"
 *
 * Schema.decodeUnknownSync(QuotaLedger.History)("[1717000000000,1717000001000]") // [1717000000000, 1717000001000]
 *
 * @since 0.1.0
 * @category schemas
 */
export const History: Schema.Schema<ReadonlyArray<number>, string> = Schema.parseJson(Schema.Array(Schema.Finite))
const decodeHistory = Schema.decodeUnknownEither(History)
const encodeHistory = Schema.encodeSync(History)

/**
 * A failure of the local store (`LocalStateUnavailable`): what failed, that nothing was sent, and
 * how to recover.
 */
const storeFailure = (
  origin: Origin,
  problem: string,
  recovery: string,
  location = "the quota store"
): AdminError =>
  new LocalStateUnavailable({
    provider: origin.provider,
    operation: origin.operation,
    store: "quota",
    location,
    reason: `${problem}; nothing was sent. ${recovery}`
  })

const moveAside =
  "move it aside to start an empty history (the provider still counts what it held, so it may refuse requests until its windows pass)"

const damaged = (origin: Origin, where: string) =>
  storeFailure(
    origin,
    `the quota history ${where} is damaged (not a JSON list of times), so the budget cannot be checked`,
    `Restore it from a backup, or ${moveAside}`,
    where
  )

const unreadable = (origin: Origin, where: string, cause: string) =>
  storeFailure(
    origin,
    `the quota history ${where} cannot be read (${cause})`,
    `Fix its permissions (or free the disk); if it is damaged, restore it from a backup or ${moveAside}`,
    where
  )

const unwritable = (context: Owner, origin: Origin, where: string, cause: string) =>
  storeFailure(
    origin,
    `the quota history ${where} cannot be written (${cause})`,
    `Check the directory's permissions and free space; the store needs a local file system with hard links${
      context.setting === undefined ? "" : ` (${context.setting})`
    }`,
    where
  )

/** Only entries still inside the window (entries from later than `now` are kept: they count). */
const within = (history: ReadonlyArray<number>, now: number, window: number) =>
  history.filter((at) => at > now - window).sort((a, b) => a - b)

/** The history in what is stored (none stored: empty); anything else than a list of times fails closed. */
const historyOf = (
  stored: Option.Option<string>,
  where: string,
  origin: Origin
): Effect.Effect<ReadonlyArray<number>, AdminError> =>
  Option.match(stored, {
    onNone: () => Effect.succeed([]),
    onSome: (text) =>
      Either.match(decodeHistory(text), {
        onLeft: () => Effect.fail(damaged(origin, where)),
        onRight: (history) => Effect.succeed(history)
      })
  })

/** The wait before the next spending, and the window that imposes it (the longest wait wins). */
const verdict = (
  history: ReadonlyArray<number>,
  now: number,
  windows: ReadonlyArray<Window>
): { readonly wait: number; readonly window: Window | undefined } => {
  let wait = 0
  let blockingWindow: Window | undefined
  for (const window of windows) {
    const span = Duration.toMillis(Duration.decode(window.window))
    const recent = within(history, now, span)
    const blocking = recent[recent.length - window.limit]
    const waitHere = window.limit <= 0
      ? Number.POSITIVE_INFINITY
      : blocking === undefined
      ? 0
      : Math.max(0, blocking + span - now)
    if (waitHere > wait) {
      wait = waitHere
      blockingWindow = window
    }
  }
  return { wait, window: blockingWindow }
}

const longest = (windows: ReadonlyArray<Window>) =>
  Math.max(0, ...windows.map((window) => Duration.toMillis(Duration.decode(window.window))))

/**
 * A ledger over a storage. `owner` names the provider of a `usage` asked with a bare operation
 * name (default `"wa-admin"`); a reservation names the provider of its `Origin`, so one storage
 * can keep every provider's budgets.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (storage: Storage, owner?: Owner): Service => ({
  usage: (key, windows, asking) =>
    Effect.flatMap(
      Effect.zip(
        storage.read(
          key,
          typeof asking === "string" ? { provider: owner?.provider ?? "wa-admin", operation: asking } : asking
        ),
        Clock.currentTimeMillis
      ),
      ([history, now]) => {
        const { wait } = verdict(history, now, windows)
        const finite = Number.isFinite(wait) ? wait : Duration.toMillis(Duration.days(365 * 100))
        return Effect.succeed({
          used: windows.map((window) => within(history, now, Duration.toMillis(Duration.decode(window.window))).length),
          nextSlot: DateTime.unsafeMake(now + finite),
          nextSlotIn: Duration.millis(finite)
        })
      }
    ),
  reserve: (key, windows, origin) =>
    storage
      .update(key, origin, (history) =>
        Effect.flatMap(Clock.currentTimeMillis, (now) => {
          const { wait, window } = verdict(history, now, windows)
          if (wait > 0 && window !== undefined) {
            return Effect.fail(
              new QuotaExceeded({
                provider: origin.provider,
                operation: origin.operation,
                quota: window.quota,
                limit: window.limit,
                retryAfter: Duration.millis(Number.isFinite(wait) ? wait : Duration.toMillis(Duration.days(365 * 100)))
              })
            )
          }
          return Effect.succeed([now, [...within(history, now, longest(windows)), now]] as const)
        }))
      .pipe(
        Effect.map((taken) => ({
          release: storage
            .update(key, origin, (history) => {
              const index = history.indexOf(taken)
              return Effect.succeed(
                [undefined, index < 0 ? undefined : history.filter((_, at) => at !== index)] as const
              )
            })
            .pipe(
              Effect.catchAll((error) =>
                Effect.logWarning(`wa-admin: could not give back a ${origin.provider} quota slot`, error.message)
              )
            )
        }))
      )
})

/**
 * Where the histories (times a budget was spent, as epoch milliseconds) are kept. A ledger is its
 * decisions over a storage, and a storage only gives a checked read and an update that no other
 * writer — in this process or another — can interleave with. That is the seam a SQL table (a row
 * per key, updated in a transaction) plugs into.
 *
 * @since 0.1.0
 * @category models
 */
export interface Storage {
  /**
   * The history under a key (empty when there is none); fails, closed, when what is stored cannot
   * be trusted, naming `origin` (the provider and operation that asked: one storage may keep
   * several providers' budgets).
   */
  readonly read: (key: string, origin: Origin) => Effect.Effect<ReadonlyArray<number>, AdminError>
  /**
   * Reads the history under a key, lets `change` decide, and stores the history it answers
   * (`undefined`: nothing to store) as one step that no other writer interleaves with; answers
   * what `change` answered. `change` may run more than once (on a fresh read each time), so it
   * must not do anything but decide. Failures name `origin`.
   */
  readonly update: <A>(
    key: string,
    origin: Origin,
    change: (
      history: ReadonlyArray<number>
    ) => Effect.Effect<readonly [A, ReadonlyArray<number> | undefined], AdminError>
  ) => Effect.Effect<A, AdminError>
}

/**
 * A storage over a `KeyValueStore`: updates are serialised by a lock in this process only (a
 * `KeyValueStore` offers nothing to lock across processes with); a value that is not a history
 * fails closed.
 *
 * @since 0.1.0
 * @category storages
 */
export const keyValue = (
  open: Effect.Effect<KeyValueStore.KeyValueStore, PlatformError>,
  context: Owner
): Storage => {
  const lock = Effect.unsafeMakeSemaphore(1)
  const where = (key: string) => `"${key}" (in the key-value store)`
  const read = (key: string, origin: Origin): Effect.Effect<ReadonlyArray<number>, AdminError> =>
    open.pipe(
      Effect.flatMap((store) => store.get(key)),
      Effect.mapError((error) => unreadable(origin, where(key), error.message)),
      Effect.flatMap((stored) => historyOf(stored, where(key), origin))
    )
  return {
    read,
    update: (key, origin, change) =>
      lock.withPermits(1)(
        Effect.gen(function*() {
          const [result, next] = yield* change(yield* read(key, origin))
          if (next !== undefined) {
            yield* open.pipe(
              Effect.flatMap((store) => store.set(key, encodeHistory(next))),
              Effect.mapError((error) => unwritable(context, origin, where(key), error.message))
            )
          }
          return result
        })
      )
  }
}

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
  Option.match(lock.holder, {
    onNone: () => false,
    onSome: (holder) => holder.host === os.hostname() && !isAlive(holder.pid)
  })

/**
 * A storage in a directory that several processes may share (the directory is created on
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
 * @category storages
 */
export const fileSystem = (directory: string, context: Owner): Storage => {
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

  const readFile = (file: string, origin: Origin): Effect.Effect<Option.Option<string>, AdminError> =>
    io(() => fs.readFile(file, "utf8")).pipe(
      Effect.map(Option.some),
      Effect.catchIf((code) => code === "ENOENT", () => Effect.succeed(Option.none<string>())),
      Effect.mapError((code) => unreadable(origin, file, code))
    )

  const readHistory = (key: string, origin: Origin): Effect.Effect<ReadonlyArray<number>, AdminError> =>
    Effect.gen(function*() {
      const { earlier, file } = filesOf(key)
      const stored = yield* readFile(file, origin)
      if (Option.isSome(stored) || Option.isNone(earlier)) return yield* historyOf(stored, file, origin)
      return yield* historyOf(yield* readFile(earlier.value, origin), earlier.value, origin)
    })

  const writeHistory = (file: string, history: ReadonlyArray<number>, origin: Origin) =>
    Effect.gen(function*() {
      const temporary = `${file}@tmp-${process.pid}-${randomUUID()}`
      yield* io(async () => {
        await writeDurably(temporary, encodeHistory(history))
        await fs.rename(temporary, file)
      }).pipe(
        Effect.tapError(() => tidy(() => fs.rm(temporary, { force: true }))),
        Effect.mapError((code) => unwritable(context, origin, file, code))
      )
      yield* syncDirectory(directory)
    })

  /** The lock file as it is now; `undefined` when there is none. */
  const findLock = (file: string): Effect.Effect<FoundLock | undefined, string> =>
    io(async () => {
      const [text, stat] = await Promise.all([fs.readFile(file, "utf8"), fs.stat(file)])
      const holder = decodeLockHolder(text)
      return {
        text,
        holder,
        since: Option.match(holder, { onNone: () => stat.mtimeMs, onSome: (found) => found.since })
      }
    }).pipe(Effect.catchIf((code) => code === "ENOENT", () => Effect.succeed(undefined)))

  const holderText = (token: string) =>
    encodeLockHolder({ pid: process.pid, host: os.hostname(), since: Date.now(), token })

  /** Removes a stale lock if it is still the one found, under the break lock; answers whether it did. */
  const breakLock = (lockFile: string, found: FoundLock): Effect.Effect<boolean, string> =>
    Effect.gen(function*() {
      const breakFile = `${lockFile}-break`
      if (!(yield* io(() => createExclusively(breakFile, holderText(randomUUID()))))) {
        const breaker = yield* findLock(breakFile)
        if (breaker !== undefined && isStale(breaker, Date.now())) yield* tidy(() => fs.rm(breakFile, { force: true }))
        return false
      }
      return yield* Effect.gen(function*() {
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
  const lock = (file: string, origin: Origin): Effect.Effect<string, AdminError> =>
    Effect.gen(function*() {
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
          const holder = found === undefined
            ? `other processes, one after another, for ${lockWaitMillis / 1_000} s`
            : `${
              Option.match(found.holder, {
                onNone: () => "another process",
                onSome: (held) => `process ${held.pid} on ${held.host}`
              })
            } since ${new Date(found.since).toISOString()}`
          return yield* storeFailure(
            origin,
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
    }).pipe(
      Effect.mapError((
        error
      ) => (typeof error === "string" ? unwritable(context, origin, `${file}@lock`, error) : error))
    )

  const unlock = (file: string, token: string) =>
    tidy(async () => {
      const lockFile = `${file}@lock`
      const text = await fs.readFile(lockFile, "utf8")
      if (Option.exists(decodeLockHolder(text), (holder) => holder.token === token)) {
        await fs.rm(lockFile, { force: true })
      }
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
    read: (key, origin) => readHistory(key, origin),
    update: (key, origin, change) =>
      turns.withPermits(1)(
        Effect.acquireUseRelease(
          lock(fileOf(key), origin),
          // Not interrupted halfway: a write left running after the lock is given back could
          // overwrite the next holder's update.
          () =>
            Effect.uninterruptible(
              Effect.gen(function*() {
                const [result, next] = yield* change(yield* readHistory(key, origin))
                if (next !== undefined) yield* writeHistory(fileOf(key), next, origin)
                return result
              })
            ),
          (token) => unlock(fileOf(key), token)
        )
      )
  }
}

/**
 * A storage in memory (one process), for tests and short-lived programs.
 *
 * @since 0.1.0
 * @category storages
 */
export const memory = (context: Owner): Effect.Effect<Storage> =>
  Effect.map(
    Effect.provide(KeyValueStore.KeyValueStore, KeyValueStore.layerMemory),
    (store) => keyValue(Effect.succeed(store), context)
  )

/**
 * A ledger in a directory several processes may share (see {@link fileSystem}).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFileSystem = (directory: string, context: Owner): Layer.Layer<QuotaLedger> =>
  Layer.sync(QuotaLedger, () => make(fileSystem(directory, context), context))

/**
 * A ledger in memory, for tests and short-lived programs.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemory = (context: Owner): Layer.Layer<QuotaLedger> =>
  Layer.effect(QuotaLedger, Effect.map(memory(context), (storage) => make(storage, context)))

/** The spendings a storage recorded while an `answered` effect ran (none outside one). */
const spentHere = FiberRef.unsafeMake<
  Array<{ readonly key: string; readonly origin: Origin; readonly at: number }> | undefined
>(
  undefined
)

/** The entries of `after` that `before` does not hold (as many times as they were added). */
const added = (before: ReadonlyArray<number>, after: ReadonlyArray<number>): ReadonlyArray<number> => {
  const counts = new Map<number, number>()
  for (const at of before) counts.set(at, (counts.get(at) ?? 0) + 1)
  return after.filter((at) => {
    const left = counts.get(at) ?? 0
    if (left === 0) return true
    counts.set(at, left - 1)
    return false
  })
}

/**
 * A storage whose spendings count from when the provider answered, and what marks the calls
 * that answer. A ledger takes a slot before a request is sent, but the provider counts the
 * request when it arrives — a little later, by the network's delay. When slots free up on the
 * ledger's clock, a request sent the instant one frees may reach a provider whose own window has
 * not moved yet, and be throttled. Run each provider call through `answered`: every spending
 * recorded on `storage` while it ran is moved to the moment it ended (success or failure), which
 * is no earlier than when the provider counted it — so the ledger's windows end after the
 * provider's, whatever the delay. A released slot stays released.
 *
 * @example
 * import { QuotaLedger } from "@wa-admin/core"
 * import { Duration, Effect } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const { storage, answered } = QuotaLedger.recordedOnAnswer(yield* QuotaLedger.memory({ provider: "acme" }))
 *   const ledger = QuotaLedger.make(storage)
 *   const windows = [{ limit: 1, window: Duration.hours(1), quota: "calls per hour" }]
 *   // the slot taken inside counts from when the call answered
 *   yield* answered(Effect.flatMap(ledger.reserve("k", windows, { provider: "acme", operation: "x" }), () => Effect.sleep("1 second")))
 * })
 *
 * @since 0.1.0
 * @category storages
 */
export const recordedOnAnswer = (storage: Storage): {
  readonly storage: Storage
  readonly answered: <A, E, R>(call: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
} => ({
  storage: {
    read: storage.read,
    update: (key, origin, change) => {
      let recorded: ReadonlyArray<number> = []
      return storage.update(key, origin, (history) =>
        Effect.map(change(history), (decided) => {
          recorded = decided[1] === undefined ? [] : added(history, decided[1])
          return decided
        })).pipe(
          Effect.tap(() =>
            Effect.flatMap(FiberRef.get(spentHere), (spent) =>
              Effect.sync(() => {
                for (const at of recorded) spent?.push({ key, origin, at })
              }))
          )
        )
    }
  },
  answered: (call) =>
    Effect.suspend(() => {
      const spent: Array<{ readonly key: string; readonly origin: Origin; readonly at: number }> = []
      const moveToNow = Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.forEach(spent, ({ at, key, origin }) =>
          storage.update(key, origin, (history) => {
            const index = history.indexOf(at)
            return Effect.succeed(
              [
                undefined,
                index < 0 || at >= now ? undefined : history.map((entry, i) => (i === index ? now : entry))
              ] as const
            )
          }).pipe(
            Effect.catchAll((error) =>
              Effect.logWarning(
                `wa-admin: a ${origin.provider} quota spending stays counted from when it was taken`,
                error.message
              )
            )
          ), { discard: true }))
      return Effect.ensuring(Effect.locally(call, spentHere, spent), moveToNow)
    })
})
