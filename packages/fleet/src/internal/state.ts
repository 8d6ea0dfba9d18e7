/**
 * The fleet's rows in the store (`wa_admin_fleet_jobs`, `wa_admin_fleet_pairs`, created by the
 * store's migrations): jobs as submitted, and the progress of each unit (a WABA pair or a
 * number) as its workflow reports it. Every write is an absolute value (never `done = done + 1`)
 * that never lowers a count, so a workflow replayed after a crash writes the same row again.
 */
import type { SqlError } from "@effect/sql/SqlError"
import { AdminError, Validation } from "@wa-admin/core"
import type { Store } from "@wa-admin/store"
import { Array as Arr, Clock, Effect, Option, Schema } from "effect"
import * as Job from "../Job.js"

/** The state of a job. */
export type JobState = "submitted" | "dispatched" | "cancelled"

/** The state of a unit. */
export type UnitState = "pending" | "running" | "waiting" | "done" | "failed" | "cancelled"

/** Whether a unit's workflow has ended. */
export const isFinal = (state: UnitState): boolean => state === "done" || state === "failed" || state === "cancelled"

/** A whole number as either engine answers it (PostgreSQL's `bigint` arrives as text). */
const Int = Schema.Union(Schema.Int, Schema.compose(Schema.NumberFromString, Schema.Int))

const JobRow = Schema.Struct({
  id: Schema.String,
  kind: Schema.String,
  spec: Schema.String,
  state: Schema.Literal("submitted", "dispatched", "cancelled"),
  submitted_at: Int,
  dispatched_at: Schema.NullOr(Int),
  cancelled_at: Schema.NullOr(Int)
})

const UnitRow = Schema.Struct({
  position: Int,
  label: Schema.String,
  state: Schema.Literal("pending", "running", "waiting", "done", "failed", "cancelled"),
  total: Int,
  done: Int,
  failed: Int,
  waiting_until: Schema.NullOr(Int),
  detail: Schema.NullOr(Schema.String),
  updated_at: Int
})

/** A unit's progress as stored. */
export interface Unit {
  readonly position: number
  readonly label: string
  readonly state: UnitState
  readonly total: number
  readonly done: number
  readonly failed: number
  /** Epoch milliseconds (real time). */
  readonly waitingUntil: Option.Option<number>
  readonly detail: Option.Option<string>
  readonly updatedAt: number
}

/** A job as stored. */
export interface StoredJob {
  readonly job: Job.Job
  readonly state: JobState
  readonly submittedAt: number
  readonly dispatchedAt: Option.Option<number>
  readonly cancelledAt: Option.Option<number>
}

/** What a workflow reports about its unit. */
export interface Report {
  readonly state: UnitState
  readonly total: number
  readonly done: number
  readonly failed: number
  readonly waitingUntil?: number | undefined
  readonly detail?: string | undefined
}

const decodeJobRow = Schema.decodeUnknown(JobRow)
const decodeUnitRows = Schema.decodeUnknown(Schema.Array(UnitRow))

/** How many jobs a store's fleet rows keep decoded (those read longest ago are decoded again). */
const decodedJobs = 16

/** The fleet's rows on a store. */
export const make = (store: Store.Service) => {
  const { sql } = store
  const failed = (operation: string, subject: string) => (error: SqlError) =>
    store.unavailable(error, { provider: "wa-admin", operation }, "fleet", subject)
  const garbled = (operation: string, subject: string) => () =>
    new AdminError.LocalStateUnavailable({
      provider: "wa-admin",
      operation,
      store: "fleet",
      location: store.location,
      reason: `${subject} in ${store.location} is damaged (a row wa-admin never writes); nothing was sent. ` +
        "Delete the job's rows (wa_admin_fleet_jobs, wa_admin_fleet_pairs) and submit it again"
    })

  /** Records every unit of a job not recorded yet, in `state` (units recorded already are left alone). */
  const recordUnits = (job: Job.Job, state: "pending" | "cancelled", now: number) =>
    Effect.forEach(
      Arr.chunksOf(Job.units(job), 500),
      (units) =>
        sql`INSERT INTO wa_admin_fleet_pairs ${
          sql.insert(units.map((unit) => ({
            job: job.id,
            position: unit.position,
            label: unit.label,
            state,
            total: 0,
            done: 0,
            failed: 0,
            updated_at: now
          })))
        } ON CONFLICT (job, position) DO NOTHING`,
      { discard: true }
    )

  /**
   * Jobs as decoded from their stored text: every unit of a job reads its job, and a job of
   * thousands of pairs is not decoded again for each of them while its text is the same.
   */
  const decoded = new Map<string, { readonly spec: string; readonly job: Job.Job }>()
  const decodedJob = (id: string, spec: string) =>
    Effect.gen(function*() {
      const known = decoded.get(id)
      if (known !== undefined && known.spec === spec) return known.job
      const job = yield* Job.decodeStored(id, spec)
      decoded.delete(id)
      decoded.set(id, { spec, job })
      if (decoded.size > decodedJobs) {
        const oldest = decoded.keys().next()
        if (oldest.done !== true) decoded.delete(oldest.value)
      }
      return job
    })

  const storedJob = (id: string, operation: string) =>
    Effect.gen(function*() {
      const rows = yield* sql`SELECT id, kind, spec, state, submitted_at, dispatched_at, cancelled_at
        FROM wa_admin_fleet_jobs WHERE id = ${id}`.pipe(Effect.mapError(failed(operation, `the job "${id}"`)))
      const [first] = rows
      if (first === undefined) return Option.none<StoredJob>()
      const row = yield* Effect.mapError(decodeJobRow(first), garbled(operation, `the job "${id}"`))
      const job = yield* decodedJob(id, row.spec)
      return Option.some<StoredJob>({
        job,
        state: row.state,
        submittedAt: row.submitted_at,
        dispatchedAt: Option.fromNullable(row.dispatched_at),
        cancelledAt: Option.fromNullable(row.cancelled_at)
      })
    })

  return {
    /**
     * Stores a job as submitted. The same job submitted again is left as it is (`false`); another
     * job under the same id is refused.
     */
    submit: (job: Job.Job): Effect.Effect<boolean, AdminError.AdminError> =>
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const spec = Job.encode(job)
        const existing = yield* storedJob(job.id, "fleet.submit")
        if (Option.isSome(existing)) {
          if (Job.encode(existing.value.job) === spec) return false
          return yield* Effect.fail(
            Validation.invalidInput({ provider: "wa-admin", operation: "fleet.submit" }, [{
              field: "id",
              rule: `another job is stored as "${job.id}": give this one another id`
            }])
          )
        }
        yield* sql`INSERT INTO wa_admin_fleet_jobs ${
          sql.insert({ id: job.id, kind: job.kind, spec, state: "submitted", submitted_at: now })
        } ON CONFLICT (id) DO NOTHING`.pipe(Effect.mapError(failed("fleet.submit", `the job "${job.id}"`)))
        return true
      }),

    /** A job as stored. */
    job: (id: string, operation: string) => storedJob(id, operation),

    /** The jobs submitted and not yet dispatched. */
    submitted: Effect.gen(function*() {
      const rows = yield* sql<{ readonly id: string }>`SELECT id FROM wa_admin_fleet_jobs WHERE state = 'submitted'
        ORDER BY submitted_at`.pipe(Effect.mapError(failed("fleet.dispatch", "the submitted jobs")))
      return rows.map((row) => row.id)
    }),

    /** Records the units of a job about to be dispatched (pending; units recorded already are left alone). */
    recordUnits: (job: Job.Job): Effect.Effect<void, AdminError.AdminError> =>
      Effect.flatMap(
        Clock.currentTimeMillis,
        (now) =>
          recordUnits(job, "pending", now).pipe(
            Effect.mapError(failed("fleet.dispatch", `the units of job "${job.id}"`))
          )
      ),

    /** Marks a job dispatched (every unit's workflow started). */
    markDispatched: (id: string): Effect.Effect<void, AdminError.AdminError> =>
      Effect.flatMap(
        Clock.currentTimeMillis,
        (now) =>
          sql`UPDATE wa_admin_fleet_jobs SET state = 'dispatched', dispatched_at = ${now}
          WHERE id = ${id} AND state = 'submitted'`.pipe(
            Effect.asVoid,
            Effect.mapError(failed("fleet.dispatch", `the job "${id}"`))
          )
      ),

    /** Cancelled jobs whose units have not all ended, with those units' positions. */
    cancelledWithLiveUnits: Effect.gen(function*() {
      const rows = yield* sql<{ readonly id: string; readonly kind: string; readonly position: unknown }>`
        SELECT j.id, j.kind, p.position FROM wa_admin_fleet_jobs j JOIN wa_admin_fleet_pairs p ON p.job = j.id
        WHERE j.state = 'cancelled' AND p.state IN ('pending', 'running', 'waiting') ORDER BY j.id, p.position`.pipe(
        Effect.mapError(failed("fleet.cancel", "the cancelled jobs"))
      )
      const byJob = new Map<string, { id: string; kind: Job.Job["kind"]; positions: Array<number> }>()
      for (const row of rows) {
        const kind = row.kind === "templates" || row.kind === "profiles" || row.kind === "audit" ? row.kind : undefined
        const position = Number(row.position)
        if (kind === undefined || !Number.isInteger(position)) continue
        const entry = byJob.get(row.id) ?? { id: row.id, kind, positions: [] }
        entry.positions.push(position)
        byJob.set(row.id, entry)
      }
      return [...byJob.values()]
    }),

    /** Marks a unit of a cancelled job as cancelled (when it has not ended). */
    markCancelled: (id: string, position: number): Effect.Effect<void, AdminError.AdminError> =>
      Effect.flatMap(
        Clock.currentTimeMillis,
        (now) =>
          sql`UPDATE wa_admin_fleet_pairs SET state = 'cancelled', waiting_until = NULL, updated_at = ${now}
          WHERE job = ${id} AND position = ${position} AND state IN ('pending', 'running', 'waiting')`.pipe(
            Effect.asVoid,
            Effect.mapError(failed("fleet.cancel", `the progress of job "${id}"`))
          )
      ),

    /**
     * Marks a job cancelled; `false` when there is no such job. Its units no runner has recorded
     * yet are recorded cancelled at once (none of them will ever start), so a job cancelled before
     * a runner started it has ended; units under way are left to the dispatcher, which stops them.
     */
    cancel: (id: string): Effect.Effect<boolean, AdminError.AdminError> =>
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const found = yield* storedJob(id, "fleet.cancel")
        if (Option.isNone(found)) return false
        yield* Effect.gen(function*() {
          yield* sql`UPDATE wa_admin_fleet_jobs SET state = 'cancelled', cancelled_at = ${now}
            WHERE id = ${id} AND state <> 'cancelled'`
          yield* recordUnits(found.value.job, "cancelled", now)
        }).pipe(sql.withTransaction, Effect.mapError(failed("fleet.cancel", `the job "${id}"`)))
        return true
      }),

    /** Whether the job was cancelled. */
    isCancelled: (id: string): Effect.Effect<boolean, AdminError.AdminError> =>
      sql<{ readonly state: string }>`SELECT state FROM wa_admin_fleet_jobs WHERE id = ${id}`.pipe(
        Effect.mapError(failed("fleet.progress", `the job "${id}"`)),
        Effect.map(([row]) => row?.state === "cancelled")
      ),

    /**
     * Writes a unit's progress, and answers whether its job is cancelled (read by the same
     * statement: a step that reports before going on needs no second round trip to know whether
     * to). Its counts never go back: a workflow taken over by another runner replays its completed
     * steps from the start, re-reporting lower counts on its way.
     */
    report: (id: string, position: number, report: Report): Effect.Effect<boolean, AdminError.AdminError> =>
      Effect.flatMap(
        Clock.currentTimeMillis,
        (now) =>
          sql<{ readonly job_state: unknown }>`UPDATE wa_admin_fleet_pairs SET state = ${report.state},
          total = CASE WHEN total > ${report.total} THEN total ELSE ${report.total} END,
          done = CASE WHEN done > ${report.done} THEN done ELSE ${report.done} END,
          failed = CASE WHEN failed > ${report.failed} THEN failed ELSE ${report.failed} END,
          waiting_until = ${report.waitingUntil ?? null}, detail = COALESCE(${report.detail ?? null}, detail),
          updated_at = ${now} WHERE job = ${id} AND position = ${position}
          RETURNING (SELECT j.state FROM wa_admin_fleet_jobs j WHERE j.id = ${id}) AS job_state`.pipe(
            Effect.map(([row]) => row?.job_state === "cancelled"),
            Effect.mapError(failed("fleet.progress", `the progress of job "${id}"`))
          )
      ),

    /** Every unit of a job, in order. */
    units: (id: string): Effect.Effect<ReadonlyArray<Unit>, AdminError.AdminError> =>
      Effect.gen(function*() {
        const rows = yield* sql`SELECT position, label, state, total, done, failed, waiting_until, detail, updated_at
          FROM wa_admin_fleet_pairs WHERE job = ${id} ORDER BY position`.pipe(
          Effect.mapError(failed("fleet.status", `the progress of job "${id}"`))
        )
        const decoded = yield* Effect.mapError(
          decodeUnitRows(rows),
          garbled("fleet.status", `the progress of job "${id}"`)
        )
        return decoded.map((row): Unit => ({
          position: row.position,
          label: row.label,
          state: row.state,
          total: row.total,
          done: row.done,
          failed: row.failed,
          waitingUntil: Option.fromNullable(row.waiting_until),
          detail: Option.fromNullable(row.detail),
          updatedAt: row.updated_at
        }))
      })
  }
}

/** The fleet's rows on a store. */
export type State = ReturnType<typeof make>
