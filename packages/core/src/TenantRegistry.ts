/**
 * Administering many accounts from one process: each account key resolves to a provider layer,
 * built once on first use, shared by every call for that account, and released after it has
 * been idle for a while. Clients (and their cached credentials, such as signed JWTs) are not
 * rebuilt per call.
 *
 * @example
 * import { BusinessProfile, TenantRegistry } from "@wa-admin/core"
 * import { WoztellAdmin, WoztellClient, QuotaStore } from "@wa-admin/woztell"
 * import { Effect, Layer, Redacted } from "effect"
 *
 * // One WOZTELL channel per account, each with its own access token.
 * const tokens = new Map([["bakery-soho", "token-soho"], ["bakery-leith", "token-leith"]])
 * const layerFor = (account: string) =>
 *   WoztellAdmin.layerComplete.pipe(
 *     Layer.provide(WoztellClient.layer({ accessToken: Redacted.make(tokens.get(account) ?? "") })),
 *     Layer.provide(QuotaStore.layerMemory())
 *   )
 *
 * const program = Effect.gen(function* () {
 *   const tenants = yield* TenantRegistry.make({
 *     resolve: (account: string) => Effect.succeed(layerFor(account)),
 *     idleTimeToLive: "5 minutes",
 *     concurrency: 16
 *   })
 *   return yield* Effect.forEach(
 *     [["bakery-soho", "123164329653069"], ["bakery-leith", "123164329653070"]] as const,
 *     ([account, number]) => tenants.use(account, BusinessProfile.get({ number })),
 *     { concurrency: "unbounded" }
 *   )
 * }).pipe(Effect.scoped)
 *
 * @since 0.1.0
 */
import { Context, Deferred, Duration, Effect, Exit, Fiber, Layer, MutableHashMap, Option, Scope } from "effect"
import type * as Port from "./Port.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Options<K, E, R> {
  /** The provider layer for an account. Called once per account while it stays in use. */
  readonly resolve: (account: K) => Effect.Effect<Layer.Layer<Port.Services, E, R>, E, R>
  /** How long an unused account keeps its clients (default 5 minutes). */
  readonly idleTimeToLive?: Duration.DurationInput
  /**
   * At most this many calls run at once across all accounts (default: unbounded). Calls beyond
   * the bound wait in arrival order; each finished call wakes exactly one waiting call.
   */
  readonly concurrency?: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface TenantRegistry<K, E> {
  /** Runs a program against one account's provider. */
  readonly use: <A, E2, R2>(
    account: K,
    program: Effect.Effect<A, E2, R2>
  ) => Effect.Effect<A, E | E2, Exclude<R2, Port.Services>>
  /** How many accounts have clients built right now. */
  readonly active: Effect.Effect<number>
  /** How many times a provider layer has been built (for observing reuse). */
  readonly builds: Effect.Effect<number>
  /** Drops an account's clients now (e.g. after its credentials changed). */
  readonly invalidate: (account: K) => Effect.Effect<void>
}

/**
 * Builds a registry living as long as the enclosing scope. Closing that scope releases every
 * account's clients; a call made after that is interrupted.
 *
 * Accounts are told apart with `Equal` (strings and numbers by value, `Data` values
 * structurally). A `resolve` or layer failure reaches every call waiting for that account and is
 * not kept: the next call for the account resolves it again. With `concurrency`, calls beyond
 * the bound wait their turn in arrival order.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <K, E, R>(
  options: Options<K, E, R>
): Effect.Effect<TenantRegistry<K, E>, never, Scope.Scope | R> =>
  Effect.gen(function*() {
    const context = yield* Effect.context<R | Scope.Scope>()
    const registryScope = Context.get(context, Scope.Scope)
    const clock = yield* Effect.clock
    const idleMillis = Duration.toMillis(Duration.decode(options.idleTimeToLive ?? Duration.minutes(5)))
    const entries = MutableHashMap.empty<K, Entry<E>>()
    const permits = options.concurrency === undefined ? undefined : new Permits(options.concurrency)
    let open = true
    let builds = 0

    const current = (account: K): Entry<E> | undefined => Option.getOrUndefined(MutableHashMap.get(entries, account))

    /**
     * Resolves and builds an account's layer into its entry's scope, in a fiber of the registry
     * (so that a caller interrupted meanwhile does not stop it for the others waiting).
     */
    const build = (account: K, entry: Entry<E>): Effect.Effect<void> =>
      Effect.flatMap(options.resolve(account), (layer) => {
        builds++
        return Layer.buildWithScope(layer, entry.scope)
      }).pipe(
        Effect.provide(Context.add(context, Scope.Scope, entry.scope)),
        Effect.interruptible,
        Effect.onExit((exit) =>
          Effect.suspend(() => {
            if (Exit.isSuccess(exit)) {
              entry.ready = exit.value
              return Deferred.done(entry.context, exit)
            }
            if (current(account) === entry) MutableHashMap.remove(entries, account)
            return Effect.zipRight(
              Deferred.done(entry.context, exit),
              entry.holders === 0 ? Scope.close(entry.scope, Exit.void) : Effect.void
            )
          })
        ),
        Effect.forkIn(registryScope),
        Effect.asVoid
      )

    /** Creates the account's entry and starts building its services. */
    const create = (account: K): Effect.Effect<Entry<E>> =>
      Effect.flatMap(
        Effect.zip(Scope.make(), Deferred.make<Context.Context<Port.Services>, E>()),
        ([scope, deferred]) => {
          const raced = current(account)
          if (raced !== undefined) return Effect.as(Scope.close(scope, Exit.void), raced)
          const entry: Entry<E> = {
            context: deferred,
            scope,
            ready: undefined,
            holders: 0,
            expiresAt: 0,
            expiry: undefined
          }
          MutableHashMap.set(entries, account, entry)
          return Effect.as(build(account, entry), entry)
        }
      )

    /** Ends a call's hold on an entry; an entry no call holds is closed now or once idle long enough. */
    const release = (account: K, entry: Entry<E>): Effect.Effect<void> =>
      Effect.suspend(() => {
        permits?.release()
        entry.holders--
        if (entry.holders > 0) return Effect.void
        const isCurrent = current(account) === entry
        if (!open || !isCurrent || idleMillis <= 0) {
          if (isCurrent) MutableHashMap.remove(entries, account)
          return Scope.close(entry.scope, Exit.void)
        }
        if (idleMillis === Infinity) return Effect.void
        entry.expiresAt = clock.unsafeCurrentTimeMillis() + idleMillis
        if (entry.expiry !== undefined) return Effect.void
        entry.expiry = "starting"
        return Effect.flatMap(Effect.forkIn(Effect.interruptible(expire(account, entry)), registryScope), (fiber) =>
          Effect.sync(() => {
            if (entry.expiry === "starting") entry.expiry = fiber
          }))
      })

    /** Sleeps until the entry has gone unused for its whole idle time, then closes it. */
    const expire = (account: K, entry: Entry<E>): Effect.Effect<void> =>
      Effect.suspend(function loop(): Effect.Effect<void> {
        if (entry.holders > 0) {
          return Effect.void
        }
        const remaining = entry.expiresAt - clock.unsafeCurrentTimeMillis()
        if (remaining > 0) {
          return Effect.flatMap(clock.sleep(Duration.millis(remaining)), loop)
        }
        if (current(account) === entry) {
          MutableHashMap.remove(entries, account)
        }
        return Scope.close(entry.scope, Exit.void)
      }).pipe(
        Effect.ensuring(
          Effect.sync(() => {
            entry.expiry = undefined
          })
        )
      )

    const use: TenantRegistry<K, E>["use"] = (account, program) =>
      Effect.uninterruptibleMask((restore) => {
        /** Runs the program with the entry's services, holding the entry (and a permit) until it ends. */
        const hold = (entry: Entry<E>) => {
          entry.holders++
          const services = entry.ready
          const run = services === undefined
            ? Effect.flatMap(Deferred.await(entry.context), (built) =>
              Effect.provide(program, built))
            : Effect.provide(program, services)
          return Effect.ensuring(restore(run), release(account, entry))
        }
        const start = () => {
          if (!open) {
            permits?.release()
            return Effect.interrupt
          }
          const entry = current(account)
          return entry === undefined ? Effect.flatMap(create(account), hold) : hold(entry)
        }
        return Effect.suspend(() =>
          permits === undefined || permits.tryTake() ? start() : Effect.flatMap(restore(permits.wait), start)
        )
      })

    yield* Scope.addFinalizer(
      registryScope,
      Effect.suspend(() => {
        open = false
        const all = MutableHashMap.values(entries)
        MutableHashMap.clear(entries)
        return Effect.forEach(all, (entry) => Scope.close(entry.scope, Exit.void), { discard: true })
      })
    )

    return {
      use,
      active: Effect.sync(() => MutableHashMap.size(entries)),
      builds: Effect.sync(() => builds),
      invalidate: (account) =>
        Effect.suspend(() => {
          const entry = current(account)
          if (entry === undefined) return Effect.void
          MutableHashMap.remove(entries, account)
          if (entry.holders > 0) return Effect.void
          const expiry = entry.expiry
          return Effect.zipRight(
            Scope.close(entry.scope, Exit.void),
            expiry === undefined || expiry === "starting" ? Effect.void : Fiber.interrupt(expiry)
          )
        })
    }
  })

/** One account's clients, shared by the calls that hold them. */
interface Entry<E> {
  /** The account's services once built, or why they could not be. */
  readonly context: Deferred.Deferred<Context.Context<Port.Services>, E>
  /** Holds the account's clients; closing it releases them. */
  readonly scope: Scope.CloseableScope
  /** The built services, so that later calls need not wait on `context`. */
  ready: Context.Context<Port.Services> | undefined
  /** Calls running against the entry now. */
  holders: number
  /** When the entry, unused, is to be closed (clock milliseconds). */
  expiresAt: number
  /** The fiber that closes the entry once unused long enough, while there is one. */
  expiry: Fiber.RuntimeFiber<void> | "starting" | undefined
}

/** A caller waiting for a permit, linked in arrival order. */
interface Waiter {
  readonly resume: (granted: Effect.Effect<void>) => void
  previous: Waiter | undefined
  next: Waiter | undefined
  /** Set when a released permit was handed to this waiter (it has left the queue then). */
  granted: boolean
}

/**
 * A counting bound that hands each released permit to the longest-waiting caller and wakes only
 * that one. (Effect 3's `Semaphore` wakes every waiter on each release and lets them race for the
 * permit, which costs O(waiters) per release and does not keep arrival order.) A caller
 * interrupted while waiting leaves the queue, or passes on a permit handed to it in the meantime.
 * Whoever holds a permit must `release` it exactly once (the registry does so when the call ends,
 * however it ends).
 */
class Permits {
  private available: number
  private first: Waiter | undefined = undefined
  private last: Waiter | undefined = undefined

  constructor(permits: number) {
    this.available = Math.max(1, Math.floor(permits)) || 1
  }

  /** Takes a permit if one is free and nobody is waiting. */
  tryTake(): boolean {
    if (this.available === 0) return false
    this.available--
    return true
  }

  /** Waits for a permit in arrival order; it is held once this succeeds. */
  readonly wait: Effect.Effect<void> = Effect.async<void>((resume) => {
    const waiter: Waiter = { resume, previous: this.last, next: undefined, granted: false }
    if (this.last === undefined) this.first = waiter
    else this.last.next = waiter
    this.last = waiter
    return Effect.sync(() => {
      if (waiter.granted) this.release()
      else this.unlink(waiter)
    })
  })

  /** Hands the permit to the longest-waiting caller, or frees it. */
  release(): void {
    const waiter = this.first
    if (waiter === undefined) {
      this.available++
      return
    }
    this.unlink(waiter)
    waiter.granted = true
    waiter.resume(Effect.void)
  }

  private unlink(waiter: Waiter): void {
    if (waiter.previous === undefined) this.first = waiter.next
    else waiter.previous.next = waiter.next
    if (waiter.next === undefined) this.last = waiter.previous
    else waiter.next.previous = waiter.previous
    waiter.previous = undefined
    waiter.next = undefined
  }
}
