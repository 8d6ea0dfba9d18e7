/**
 * Per-item leases: before a worker mutates an item (creates a template on a target WABA …) it
 * leases the item, so two workers — processes, machines — never send the same mutation. A lease
 * has a holder and an expiry; a worker that dies leaves a lease that expires, and the next worker
 * that acquires it is told so (`Lease.expired`), so that it reconciles — reads the target back —
 * before sending anything, as a resumed migration does.
 *
 * Every operation is atomic across processes and machines (see `Store`): `acquire` succeeds only
 * when the lease is free or expired; `renew` only for the holder still recorded (an expired lease
 * nobody took meanwhile is renewed: no one else can have acted on it); `release` frees it only for
 * its holder. Time comes from Effect's `Clock` (machines sharing a PostgreSQL store must keep
 * their clocks synchronised, with leases far longer than their skew).
 *
 * @example
 * import { Leases } from "@wa-admin/store"
 * import { Effect, Option } from "effect"
 *
 * const once = (item: string, holder: string, send: Effect.Effect<void>, reconcile: Effect.Effect<void>) =>
 *   Effect.gen(function* () {
 *     const leases = yield* Leases.Leases
 *     const lease = yield* leases.acquire(item, holder, "5 minutes")
 *     yield* Option.isSome(lease.expired) ? reconcile : send
 *     yield* leases.release(item, holder)
 *   })
 *
 * @since 0.1.0
 */
import type { AdminError, TemplateMigration } from "@wa-admin/core"
import { Context, DateTime, Option, Schema } from "effect"
import type { Duration, Effect } from "effect"

/**
 * A lease held: by whom, until when, and — when it was taken over from a holder whose lease had
 * expired — that holder, whose mutation may or may not have landed.
 *
 * @since 0.1.0
 * @category models
 */
export interface Lease {
  readonly key: string
  readonly holder: string
  readonly expiresAt: DateTime.Utc
  readonly expired: Option.Option<{ readonly holder: string; readonly expiredAt: DateTime.Utc }>
  /**
   * Whether this is the key's first lease: no holder had ever leased it, so no worker that leases
   * its items can have worked on it before.
   */
  readonly first: boolean
}

/**
 * The lease is held by another holder and has not expired: leave the item to it (or try again
 * after `expiresAt`).
 *
 * @since 0.1.0
 * @category errors
 */
export class LeaseHeld extends Schema.TaggedError<LeaseHeld>("@wa-admin/store/Leases/LeaseHeld")("LeaseHeld", {
  key: Schema.String,
  holder: Schema.String,
  expiresAt: Schema.DateTimeUtcFromNumber
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `the lease "${this.key}" is held by ${this.holder} until ${DateTime.formatIso(this.expiresAt)}`
  }
}

/**
 * The lease is no longer this holder's: another holder took it over after it expired, or it was
 * released. Whatever the holder was doing with the item must be reconciled, not continued.
 *
 * @since 0.1.0
 * @category errors
 */
export class LeaseLost extends Schema.TaggedError<LeaseLost>("@wa-admin/store/Leases/LeaseLost")("LeaseLost", {
  key: Schema.String,
  holder: Schema.String,
  /** Who holds it now (none: it is free). */
  heldBy: Schema.optional(Schema.String)
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `the lease "${this.key}" is no longer held by ${this.holder} (${
      this.heldBy === undefined ? "it was released" : `${this.heldBy} holds it now`
    })`
  }
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * Takes the lease for `ttl` when it is free or expired (atomic); fails with `LeaseHeld` when
   * another holder's lease is still running. Bad input (an empty key or holder, a `ttl` that is
   * not a positive finite duration) fails with `InvalidInput`.
   */
  readonly acquire: (
    key: string,
    holder: string,
    ttl: Duration.DurationInput
  ) => Effect.Effect<Lease, LeaseHeld | AdminError.AdminError>
  /** Extends the holder's lease to `ttl` from now; fails with `LeaseLost` when it is no longer the holder's. */
  readonly renew: (
    key: string,
    holder: string,
    ttl: Duration.DurationInput
  ) => Effect.Effect<Lease, LeaseLost | AdminError.AdminError>
  /** Frees the lease if `holder` holds it (a lease it no longer holds is left alone). */
  readonly release: (key: string, holder: string) => Effect.Effect<void, AdminError.AdminError>
  /**
   * The leases together with the store's migration journal: an item's first lease taken and its
   * "started" entry recorded in one step, its "done" or "failed" entry recorded and its lease
   * given back in one step (on PostgreSQL one statement each, so one round trip instead of two).
   * `TemplateMigration.apply` uses them when it journals in the store's journal.
   */
  readonly journaled: TemplateMigration.JournaledLeases
  /** Who holds the lease now, and until when (none: free or expired). */
  readonly holderOf: (
    key: string
  ) => Effect.Effect<
    Option.Option<{ readonly holder: string; readonly expiresAt: DateTime.Utc }>,
    AdminError.AdminError
  >
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Leases extends Context.Tag("@wa-admin/store/Leases")<Leases, Service>() {}
