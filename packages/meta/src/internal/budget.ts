/**
 * Spending Meta's limits kept in the `QuotaLedger` (see `MetaQuota`): a slot is reserved before a
 * request is sent and given back when the request provably had no effect at Meta; a record
 * (a lock, a deletion) refuses what it covers until its window passes.
 */
import { AdminError } from "@wa-admin/core"
import type { QuotaLedger } from "@wa-admin/core"
import { Duration, Effect } from "effect"
import { provider } from "./errors.js"

/** Whether a failure proves the request never left this process. */
export const notSent = (error: AdminError.AdminError): boolean =>
  (error._tag === "InvalidInput" && error.source === "local") ||
  error._tag === "LocalStateUnavailable" ||
  (error._tag === "RateLimited" && error.attempts === 0)

/** Whether a failure proves the request changed nothing at Meta: never sent, or refused. */
export const refused = (error: AdminError.AdminError): boolean =>
  notSent(error) ||
  (error._tag === "InvalidInput" && error.source === "provider") ||
  error._tag === "Unauthorized" ||
  error._tag === "Forbidden" ||
  error._tag === "NotFound" ||
  error._tag === "Conflict" ||
  error._tag === "VerificationFailed" ||
  error._tag === "RateLimited"

/**
 * Runs `effect` on a slot of `windows` under `key` (failing with `QuotaExceeded` and the wait,
 * nothing sent, when none is free); the slot is given back when the failure satisfies `giveBack`.
 */
export const spend = <A>(
  ledger: QuotaLedger.Service,
  key: string,
  windows: ReadonlyArray<QuotaLedger.Window>,
  operation: string,
  giveBack: (error: AdminError.AdminError) => boolean,
  effect: Effect.Effect<A, AdminError.AdminError>
): Effect.Effect<A, AdminError.AdminError> =>
  Effect.flatMap(
    ledger.reserve(key, windows, { provider, operation }),
    (slot) => Effect.tapError(effect, (error) => (giveBack(error) ? slot.release : Effect.void))
  )

/** Fails with `QuotaExceeded` while a record under `key` is inside its window (the first of `windows`). */
export const refuseWhileRecorded = (
  ledger: QuotaLedger.Service,
  key: string,
  windows: ReadonlyArray<QuotaLedger.Window>,
  operation: string
): Effect.Effect<void, AdminError.AdminError> =>
  Effect.flatMap(ledger.usage(key, windows, operation), (usage) => {
    const window = windows[0]
    if (window === undefined || Duration.toMillis(usage.nextSlotIn) <= 0) return Effect.void
    return Effect.fail(
      new AdminError.QuotaExceeded({
        provider,
        operation,
        quota: window.quota,
        limit: window.limit - 1,
        retryAfter: usage.nextSlotIn
      })
    )
  })

/** Records an event under `key` (a lock, a deletion), never refusing it. */
export const record = (
  ledger: QuotaLedger.Service,
  key: string,
  windows: ReadonlyArray<QuotaLedger.Window>,
  operation: string
): Effect.Effect<void, AdminError.AdminError> => Effect.asVoid(ledger.reserve(key, windows, { provider, operation }))
