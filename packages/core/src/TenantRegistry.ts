/**
 * Administering many accounts from one process: each account key resolves to a provider layer,
 * built once on first use, shared by every call for that account, and released after it has
 * been idle for a while. Clients (and their cached credentials, such as signed JWTs) are not
 * rebuilt per call.
 *
 * @example
 * import { BusinessProfile, TenantRegistry } from "@wa-admin/core"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const tenants = yield* TenantRegistry.make({
 *     resolve: (account: string) => Effect.succeed(layerFor(account)),
 *     idleTimeToLive: "5 minutes",
 *     concurrency: 16
 *   })
 *   yield* Effect.forEach(accounts, (account) =>
 *     tenants.use(account, BusinessProfile.get({ number: account })), { concurrency: "unbounded" })
 * })
 *
 * @since 0.1.0
 */
import { Context, Duration, Effect, Layer, RcMap, Scope } from "effect"
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
  /** At most this many calls run at once across all accounts (default: unbounded). */
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
 * Builds a registry living as long as the enclosing scope.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <K, E, R>(
  options: Options<K, E, R>
): Effect.Effect<TenantRegistry<K, E>, never, Scope.Scope | R> =>
  Effect.gen(function* () {
    let builds = 0
    const map = yield* RcMap.make({
      lookup: (account: K) =>
        Effect.gen(function* () {
          const layer = yield* options.resolve(account)
          builds++
          const scope = yield* Effect.scope
          return yield* Layer.buildWithScope(layer, scope)
        }),
      idleTimeToLive: options.idleTimeToLive ?? Duration.minutes(5)
    })
    const permits = options.concurrency === undefined ? undefined : yield* Effect.makeSemaphore(options.concurrency)
    const use: TenantRegistry<K, E>["use"] = (account, program) => {
      const run = Effect.scoped(
        Effect.flatMap(RcMap.get(map, account), (context: Context.Context<Port.Services>) =>
          Effect.provide(program, context)
        )
      )
      return permits === undefined ? run : permits.withPermits(1)(run)
    }
    return {
      use,
      active: Effect.map(RcMap.keys(map), (keys) => keys.length),
      builds: Effect.sync(() => builds),
      invalidate: (account) => RcMap.invalidate(map, account)
    }
  })
