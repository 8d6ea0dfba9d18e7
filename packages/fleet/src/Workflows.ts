/**
 * The fleet's workflows (`@effect/workflow`), one execution per unit of a job — a WABA pair, or
 * a number — whose id is derived from the job and the unit's position, so submitting twice
 * starts nothing twice. Their steps are durable activities: a step that completed is never run
 * again, whichever runner picks the workflow up after a crash.
 *
 * - **templates**: activity `plan` (core's `TemplateMigration.plan`: the source's templates
 *   against the target's), then one activity per batch (`batch/<round>`): the items left, applied
 *   one after another with `TemplateMigration.apply` — each journaled, leased
 *   (`${plan.id}/${item.key}` in the store's leases), reconciled by reading the target back after a
 *   crash, so a batch run again never creates twice — as many as the target's quota (kept in the
 *   store's shared ledger, read before each round, so no creation is leased and journaled only to
 *   be refused) lets through: a batch is what one quota window lets through. It answers the items
 *   that ended and until when the others wait (the quota's next slot, a lease another runner
 *   holds); the next batch waits that long at its start, or, for a wait longer than a minute, the
 *   workflow sleeps on a durable clock first. A few durable steps per window, not per item.
 * - **profiles**: activity `plan` (core's `ProfileMigration.plan`), then `apply`.
 * - **audit**: activity `read`: the number's status and business profile, kept as the unit's
 *   report.
 *
 * Each step reports the unit's progress (done, left, waiting until …) to the store, and a
 * cancelled job's units stop before their next step.
 *
 * @since 0.1.0
 */
import * as Activity from "@effect/workflow/Activity"
import * as DurableClock from "@effect/workflow/DurableClock"
import * as Workflow from "@effect/workflow/Workflow"
import type { AdminError } from "@wa-admin/core"
import { MigrationJournal, ProfileMigration, TemplateMigration, Transport } from "@wa-admin/core"
import type { BusinessProfile, Templates } from "@wa-admin/core"
import { Clock, Duration, Effect, Option, Schedule, Schema } from "effect"
import type { Runtime } from "./internal/runtime.js"
import { FleetRuntime, UnitFailure } from "./internal/runtime.js"
import type { UnitState } from "./internal/state.js"
import * as Job from "./Job.js"
import * as Providers from "./Providers.js"

/**
 * What names one workflow execution: the job and the unit's position in it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UnitRef = Schema.Struct({ job: Schema.String, position: Schema.Int })

/**
 * How a unit ended.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UnitResult = Schema.Struct({
  state: Schema.Literal("done", "failed", "cancelled"),
  total: Schema.Int,
  done: Schema.Int,
  failed: Schema.Int,
  detail: Schema.optionalWith(Schema.String, { exact: true })
})

/**
 * @since 0.1.0
 * @category models
 */
export type UnitResult = typeof UnitResult.Type

const idempotencyKey = (unit: typeof UnitRef.Type) => `${unit.job}/${unit.position}`

/**
 * A template migration or sync of one WABA pair.
 *
 * @since 0.1.0
 * @category workflows
 */
export const TemplatesPair = Workflow.make({
  name: "wa-admin/fleet/templates",
  payload: UnitRef,
  success: UnitResult,
  idempotencyKey
})

/**
 * A profile sync of one pair of numbers.
 *
 * @since 0.1.0
 * @category workflows
 */
export const ProfilesPair = Workflow.make({
  name: "wa-admin/fleet/profiles",
  payload: UnitRef,
  success: UnitResult,
  idempotencyKey
})

/**
 * An audit of one number.
 *
 * @since 0.1.0
 * @category workflows
 */
export const AuditNumber = Workflow.make({
  name: "wa-admin/fleet/audit",
  payload: UnitRef,
  success: UnitResult,
  idempotencyKey
})

/**
 * The workflow that runs a job's units.
 *
 * @since 0.1.0
 * @category workflows
 */
export const workflowOf = (kind: Job.Job["kind"]) =>
  kind === "templates" ? TemplatesPair : kind === "profiles" ? ProfilesPair : AuditNumber

// -----------------------------------------------------------------------------
// schemas of the activities' results (what the workflow engine persists)
// -----------------------------------------------------------------------------

const Endpoint = Schema.Struct({ provider: Schema.String, wabaId: Schema.String })

const TemplatePlan = Schema.Struct({
  id: Schema.String,
  from: Endpoint,
  to: Endpoint,
  items: Schema.Array(TemplateMigration.PlanItemSchema)
})

const ProfilePlan = ProfileMigration.PlanSchema

const Audited = Schema.Struct({ status: Schema.Unknown, profile: Schema.Unknown })

// -----------------------------------------------------------------------------
// shared steps
// -----------------------------------------------------------------------------

/**
 * Writes the unit's progress and answers whether its job is cancelled; a store that cannot take it
 * is retried, then only logged (progress is a report; the job is then taken as not cancelled, as
 * {@link cancelled} does).
 */
const report = (runtime: Runtime, unit: typeof UnitRef.Type, progress: {
  readonly state: UnitState
  readonly total: number
  readonly done: number
  readonly failed: number
  readonly waitingUntil?: number
  readonly detail?: string
}) =>
  runtime.state.report(unit.job, unit.position, progress).pipe(
    Effect.retry(Schedule.exponential("100 millis").pipe(Schedule.intersect(Schedule.recurs(4)))),
    Effect.catchAll((error) =>
      Effect.as(
        Effect.logWarning(`wa-admin fleet: progress of ${idempotencyKey(unit)} not written`, error.message),
        false
      )
    )
  )

const cancelled = (runtime: Runtime, unit: typeof UnitRef.Type) =>
  runtime.state.isCancelled(unit.job).pipe(Effect.orElseSucceed(() => false))

/** The job a unit belongs to, of the kind its workflow runs. */
const jobOf = <K extends Job.Job["kind"]>(runtime: Runtime, unit: typeof UnitRef.Type, kind: K) =>
  runtime.state.job(unit.job, "fleet.run").pipe(
    Effect.mapError((error) => new UnitFailure({ message: error.message })),
    Effect.flatMap(
      Option.match({
        onNone: () => Effect.fail(new UnitFailure({ message: `the job "${unit.job}" is not in the store` })),
        onSome: (stored) =>
          stored.job.kind === kind
            ? Effect.succeed(stored.job as Extract<Job.Job, { readonly kind: K }>)
            : Effect.fail(
              new UnitFailure({ message: `the job "${unit.job}" is a ${stored.job.kind} job, not ${kind}` })
            )
      })
    )
  )

const failure = (error: AdminError.AdminError | UnitFailure) => new UnitFailure({ message: error.message })

const ended = (
  runtime: Runtime,
  unit: typeof UnitRef.Type,
  result: UnitResult
): Effect.Effect<UnitResult> =>
  Effect.as(
    report(runtime, unit, {
      state: result.state,
      total: result.total,
      done: result.done,
      failed: result.failed,
      ...(result.detail === undefined ? {} : { detail: result.detail })
    }),
    result
  )

/**
 * A unit's start: its runner's context, its job and what it works on (`subjectOf`: its pair or
 * number), reported running — or its end, when the job was cancelled before it began (the report
 * answers that).
 */
const begin = <K extends Job.Job["kind"], S>(
  unit: typeof UnitRef.Type,
  kind: K,
  total: number,
  subjectOf: (job: Extract<Job.Job, { readonly kind: K }>) => S | undefined
) =>
  Effect.gen(function*() {
    const runtime = yield* FleetRuntime
    const job = yield* jobOf(runtime, unit, kind)
    const subject = subjectOf(job)
    if (subject === undefined) {
      return yield* new UnitFailure({ message: `the job "${unit.job}" has nothing at position ${unit.position}` })
    }
    if (yield* report(runtime, unit, { state: "running", total, done: 0, failed: 0 })) {
      return {
        _tag: "ended",
        result: yield* ended(runtime, unit, { state: "cancelled", total, done: 0, failed: 0 })
      } as const
    }
    return { _tag: "started", runtime, job, subject } as const
  })

/** A pair's `plan` activity: `planWith` both sides' port services (a failure is the unit's, told in its status). */
const planStep = <A, I>(
  runtime: Runtime,
  job: { readonly source: Job.Side; readonly target: Job.Side },
  success: Schema.Schema<A, I>,
  planWith: (source: Providers.Services, target: Providers.Services) => Effect.Effect<A, AdminError.AdminError>
) =>
  Activity.make({
    name: "plan",
    success,
    error: UnitFailure,
    execute: Effect.gen(function*() {
      const source = yield* runtime.sides(job.source)
      const target = yield* runtime.sides(job.target)
      return yield* planWith(source, target).pipe(Effect.mapError(failure))
    }).pipe(runtime.steps.withPermits(1))
  }).pipe(Effect.either)

/**
 * A provider call on provider time (its quota windows). The transport's call deadline is read on
 * that clock while its timeouts sleep in real time: the deadline is stretched to provider time, so
 * that it stays the real minute it means however fast provider time runs.
 */
const onProviderClock = (runtime: Runtime) => <A, E, R>(call: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  runtime.time === Providers.realTime ? call : Effect.flatMap(Transport.TransportPolicy, (policy) =>
    Effect.withClock(
      Effect.provideService(call, Transport.TransportPolicy, {
        ...policy,
        deadline: runtime.time.providerDuration(Duration.decode(policy.deadline))
      }),
      runtime.time.clock
    ))

/** The target's template calls on provider time; everything else on real time (on real time, the service as it is). */
const onProviderTime = (templates: Templates.Service, runtime: Runtime): Templates.Service => {
  if (runtime.time === Providers.realTime) return templates
  const onClock = onProviderClock(runtime)
  return {
    ...templates,
    get: (request) => onClock(templates.get(request)),
    create: (request) => onClock(templates.create(request)),
    edit: (request) => onClock(templates.edit(request)),
    delete: (request) => onClock(templates.delete(request))
  }
}

const profileOnProviderTime = (profile: BusinessProfile.Service, runtime: Runtime): BusinessProfile.Service => {
  if (runtime.time === Providers.realTime) return profile
  const onClock = onProviderClock(runtime)
  return {
    ...profile,
    get: (request) => onClock(profile.get(request)),
    update: (request) => onClock(profile.update(request)),
    setPhoto: (request) => onClock(profile.setPhoto(request))
  }
}

// -----------------------------------------------------------------------------
// templates
// -----------------------------------------------------------------------------

/** An item that ended in a batch, and how (`detail`: why it failed). */
const Ended = Schema.Struct({
  key: Schema.String,
  outcome: Schema.Literal("done", "failed"),
  detail: Schema.optionalWith(Schema.String, { exact: true })
})

/**
 * What one batch of a pair's items did: the items that ended, and when the others can go on (the
 * quota's next slot, a lease another runner holds, a provider's wait) — or why the unit cannot
 * go on at all (`fatal`: the journal cannot be written, the target cannot be configured;
 * `cancelled`: the job was cancelled while the batch waited, and nothing more was applied; `ended` says what was before).
 */
const BatchResult = Schema.Struct({
  ended: Schema.Array(Ended),
  wait: Schema.optionalWith(Schema.Struct({ until: Schema.Number, reason: Schema.String }), { exact: true }),
  fatal: Schema.optionalWith(Schema.String, { exact: true }),
  cancelled: Schema.optionalWith(Schema.Literal(true), { exact: true })
})
type BatchResult = typeof BatchResult.Type

type Wait = NonNullable<BatchResult["wait"]>

const earliest = (waits: ReadonlyArray<Wait>): Wait | undefined =>
  waits.reduce<Wait | undefined>(
    (first, wait) => first === undefined || wait.until < first.until ? wait : first,
    undefined
  )

/**
 * When a wait of `providerWait` (provider time) from `now` ends, in real epoch milliseconds. The
 * provider counts a creation when it arrives, a little after the ledger took the slot: a wait ends
 * `pacingMargin` past the slot, so that the network's jitter is never throttled.
 */
const slotAt = (runtime: Runtime, now: number, providerWait: Duration.Duration): number =>
  now + Duration.toMillis(runtime.time.realDuration(providerWait)) + Duration.toMillis(runtime.pacingMargin)

/**
 * The items a round sends: those the target's creation quota lets through now, in order (an
 * update, on its own quota, always goes) — read before sending, so that a round never leases,
 * journals and sends a creation only for the ledger to refuse it. None, with the wait for the
 * next slot, when no slot is free. All of them when the target keeps no such quota or it cannot
 * be read (the reservation of each creation decides then, as always).
 */
const withinCreationSlots = (
  runtime: Runtime,
  job: Job.Job & { readonly kind: "templates" },
  wabaId: string,
  items: ReadonlyArray<TemplateMigration.PlanItem>
): Effect.Effect<{ readonly items: ReadonlyArray<TemplateMigration.PlanItem>; readonly wait?: Wait }> =>
  Effect.gen(function*() {
    const all = { items }
    const target = yield* Effect.option(runtime.sides(job.target))
    const read = Option.flatMap(target, (services) => Option.fromNullable(services.creationSlots))
    if (Option.isNone(read) || !items.some((item) => item.action === "create")) return all
    const slots = yield* Effect.option(onProviderClock(runtime)(read.value(wabaId)))
    if (Option.isNone(slots)) return all
    let creations = 0
    const allowed = items.filter((item) => item.action !== "create" || ++creations <= slots.value.remaining)
    if (allowed.length > 0) return { items: allowed }
    const now = yield* Clock.currentTimeMillis
    return {
      items: allowed,
      wait: {
        until: Math.max(now + 1, slotAt(runtime, now, slots.value.nextSlotIn)),
        reason: `the target's template creation quota has no slot free for ${
          Duration.format(slots.value.nextSlotIn)
        } (provider time)`
      }
    }
  })

/**
 * The journal the rounds of one batch share, and the leases that journal in it: a migration's
 * progress read from the store once, at the batch's first round, then kept up to date with what
 * the batch records itself (on its own, or with a lease) — not read again at every round. What
 * another runner did meanwhile is still seen where it matters: it leased the item first, so this
 * batch's lease on it is not a first one, and `apply` then reads that item's own entry from the
 * store (or, the other's lease having expired, reads the target back) before sending anything.
 */
const batchJournal = (
  journal: MigrationJournal.Service,
  leases: TemplateMigration.ItemLeases
): { readonly journal: MigrationJournal.Service; readonly leases: TemplateMigration.ItemLeases } => {
  const known = new Map<string, Map<string, MigrationJournal.Entry>>()
  const remember = (entry: MigrationJournal.Entry) =>
    Effect.sync(() => {
      known.get(entry.migration)?.set(entry.key, entry)
    })
  const batch: MigrationJournal.Service = {
    ...journal,
    progress: (migration) => {
      const read = known.get(migration)
      return read === undefined
        ? Effect.tap(journal.progress(migration), (progress) =>
          Effect.sync(() => {
            known.set(migration, new Map(progress))
          }))
        : Effect.succeed(new Map(read))
    },
    record: (entry) => Effect.tap(journal.record(entry), () => remember(entry))
  }
  const { journaled, ...plain } = leases
  return {
    journal: batch,
    leases: journaled?.journal === journal
      ? {
        ...plain,
        journaled: {
          journal: batch,
          acquire: (key, holder, ttl, entry) =>
            Effect.tap(
              journaled.acquire(key, holder, ttl, entry),
              (lease) => lease.recorded ? remember(entry) : Effect.void
            ),
          release: (key, holder, entry) => Effect.tap(journaled.release(key, holder, entry), () => remember(entry))
        }
      }
      : plain
  }
}

/**
 * Applies `items` of the plan, one after another, until they have all ended or the target's quota
 * stops them: each is leased, journaled and reconciled by `TemplateMigration.apply`, so an item a
 * replayed or re-run batch meets again is never created twice.
 */
const applyLane = (
  runtime: Runtime,
  job: Job.Job & { readonly kind: "templates" },
  plan: TemplateMigration.Plan,
  batch: ReturnType<typeof batchJournal>,
  items: ReadonlyArray<TemplateMigration.PlanItem>
): Effect.Effect<BatchResult> =>
  Effect.gen(function*() {
    const target = yield* runtime.sides(job.target)
    const applied = yield* TemplateMigration.apply({ ...plan, items }, {
      target: onProviderTime(target.templates, runtime),
      journal: batch.journal,
      onQuota: "stop",
      itemLeases: { leases: batch.leases, holder: runtime.holder, ttl: runtime.leaseTtl }
    })
    const now = yield* Clock.currentTimeMillis
    const waits: Array<Wait> = []
    const ended: Array<typeof Ended.Type> = []
    if (applied.stopped !== undefined) {
      waits.push({ until: slotAt(runtime, now, applied.stopped.resumeAfter), reason: applied.stopped.reason })
    }
    for (const outcome of applied.outcomes) {
      if (outcome.outcome === "leased") {
        const until = outcome.leasedUntil === undefined
          ? now + Duration.toMillis(runtime.leaseTtl)
          : outcome.leasedUntil.epochMillis
        waits.push({ until: Math.max(now + 1, until), reason: outcome.detail ?? "leased by another runner" })
      } else if (outcome.outcome === "failed") {
        ended.push({ key: outcome.key, outcome: "failed", detail: `${outcome.key}: ${outcome.detail ?? "failed"}` })
      } else {
        ended.push({ key: outcome.key, outcome: "done" })
      }
    }
    const wait = earliest(waits)
    return wait === undefined ? { ended } : { ended, wait }
  }).pipe(
    Effect.catchAll((error) => Effect.succeed({ ended: [], fatal: error.message }))
  )

/**
 * A batch: the items left, from `startAt` (a short wait for the quota's next slot is waited here,
 * saving the workflow a durable sleep), in `itemConcurrency` lanes, once the runner has room for
 * it (`stepConcurrency`). A wait within the batch is reported (`report`: `waiting` until the slot,
 * counting the items the batch has ended so far), and after a wait the unit is reported `running`
 * again — the same statement telling whether its job was cancelled meanwhile: then nothing more
 * is applied.
 *
 * A window's slots come free one by one, as far apart as the creations that took them were: a
 * quota stop whose next slot is at most {@link paceInBatch} away, after a round that ended items,
 * is waited for within the batch, which goes on with the items left — rather than ending the
 * batch and making the workflow start another for every slot.
 */
const applyBatch = (
  runtime: Runtime,
  job: Job.Job & { readonly kind: "templates" },
  plan: TemplateMigration.Plan,
  items: ReadonlyArray<TemplateMigration.PlanItem>,
  startAt: number,
  report: (
    state: "running" | "waiting",
    endedSoFar: ReadonlyArray<typeof Ended.Type>,
    until?: number
  ) => Effect.Effect<boolean>
): Effect.Effect<BatchResult> =>
  Effect.gen(function*() {
    const ended: Array<typeof Ended.Type> = []
    const journal = batchJournal(runtime.store.journal, runtime.store.leases)
    let left = items
    let from = startAt
    let endedBefore = 0
    const isNear = (wait: Wait) =>
      Effect.map(Clock.currentTimeMillis, (now) => wait.until - now <= Duration.toMillis(paceInBatch))
    for (let round = 0;; round++) {
      const wait = from - (yield* Clock.currentTimeMillis)
      if (wait > 0) {
        // the workflow reported the wait before the batch's first round
        if (round > 0) yield* report("waiting", ended, from)
        yield* Effect.sleep(Duration.millis(wait))
        if (yield* report("running", ended)) return { ended, cancelled: true } as const
      }
      const sending = yield* withinCreationSlots(runtime, job, plan.to.wabaId, left)
      if (sending.wait !== undefined) {
        if (endedBefore > 0 && (yield* isNear(sending.wait))) {
          endedBefore = 0
          from = sending.wait.until
          continue
        }
        return { ended, wait: sending.wait }
      }
      const heldBack = sending.items.length < left.length
      const lanes = Array.from(
        { length: Math.min(runtime.itemConcurrency, sending.items.length) },
        (_, lane) => sending.items.filter((_, index) => index % runtime.itemConcurrency === lane)
      )
      const results = yield* Effect.forEach(lanes, (lane) => applyLane(runtime, job, plan, journal, lane), {
        concurrency: "unbounded"
      }).pipe(runtime.steps.withPermits(1))
      const endedNow = results.flatMap((result) => result.ended)
      ended.push(...endedNow)
      endedBefore = endedNow.length
      const next = earliest(results.flatMap((result) => result.wait === undefined ? [] : [result.wait]))
      const fatal = results.find((result) => result.fatal !== undefined)?.fatal
      const endedKeys = new Set(endedNow.map((item) => item.key))
      left = left.filter((item) => !endedKeys.has(item.key))
      // items held back for the quota: the next round's reading of it tells how long to wait
      if (fatal === undefined && next === undefined && heldBack && endedNow.length > 0 && left.length > 0) {
        from = 0
        continue
      }
      const near = next !== undefined && (yield* isNear(next))
      if (fatal !== undefined || next === undefined || !near || endedNow.length === 0 || left.length === 0) {
        return {
          ended,
          ...(next === undefined ? {} : { wait: next }),
          ...(fatal === undefined ? {} : { fatal })
        }
      }
      from = next.until
    }
  })

/**
 * The longest wait for a quota's next slot a batch waits for itself (real time) after a round that
 * ended items; a longer one ends the batch.
 */
const paceInBatch = Duration.seconds(10)

/**
 * The longest wait for a quota waited inside the next batch's activity (real time): a longer one
 * is slept on a durable clock (which survives the runner) before the next batch.
 */
const waitInActivity = Duration.seconds(60)

/** Runs a unit of `TemplatesPair`: plan, then the items to create or update, a batch per quota window. */
const runTemplates = (unit: typeof UnitRef.Type) =>
  Effect.gen(function*() {
    const begun = yield* begin(unit, "templates", 0, (job) => job.pairs[unit.position])
    if (begun._tag === "ended") return begun.result
    const { job, runtime, subject: pair } = begun

    const planned = yield* planStep(runtime, job, TemplatePlan, (source, target) =>
      TemplateMigration.plan({
        source: source.templates.list({ wabaId: pair.source }),
        from: { provider: job.source.provider, wabaId: pair.source },
        target: target.templates,
        to: { provider: job.target.provider, wabaId: pair.target }
      }))
    if (planned._tag === "Left") {
      return yield* ended(runtime, unit, {
        state: "failed",
        total: 0,
        done: 0,
        failed: 0,
        detail: planned.left.message
      })
    }
    const plan: TemplateMigration.Plan = planned.right
    let left = plan.items.filter((item) => item.action === "create" || item.action === "update")
    const total = left.length
    let done = 0
    let failed = 0
    const problems: Array<string> = []
    const progress = (state: UnitState, waitingUntil?: number) =>
      report(runtime, unit, {
        state,
        total,
        done,
        failed,
        ...(waitingUntil === undefined ? {} : { waitingUntil }),
        ...(problems.length === 0 ? {} : { detail: problems.slice(0, 5).join("; ") })
      })
    // whether the job was cancelled, as the unit's last report (or reading) before a batch answered
    let stop = yield* progress("running")

    let startAt = 0
    for (let round = 0; left.length > 0; round++) {
      if (stop) return yield* ended(runtime, unit, { state: "cancelled", total, done, failed })
      const batch = yield* Activity.make({
        name: `batch/${round}`,
        success: BatchResult,
        execute: applyBatch(runtime, job, plan, left, startAt, (state, endedSoFar, until) =>
          report(runtime, unit, {
            state,
            total,
            done: done + endedSoFar.filter((item) => item.outcome === "done").length,
            failed: failed + endedSoFar.filter((item) => item.outcome === "failed").length,
            ...(until === undefined ? {} : { waitingUntil: until }),
            ...(problems.length === 0 ? {} : { detail: problems.slice(0, 5).join("; ") })
          }))
      })
      const endedKeys = new Set(batch.ended.map((item) => item.key))
      for (const item of batch.ended) {
        if (item.outcome === "done") done++
        else {
          failed++
          if (item.detail !== undefined) problems.push(item.detail)
        }
      }
      left = left.filter((item) => !endedKeys.has(item.key))
      if (batch.cancelled === true) {
        return yield* ended(runtime, unit, { state: "cancelled", total, done, failed })
      }
      if (batch.fatal !== undefined) {
        problems.push(batch.fatal)
        return yield* ended(runtime, unit, { state: "failed", total, done, failed, detail: batch.fatal })
      }
      if (left.length === 0) break
      // An item neither ended nor told to wait is tried again at once — unless nothing ended at
      // all: the next batch would do the same, for ever.
      if (batch.wait === undefined) {
        if (batch.ended.length === 0) {
          const detail = `a batch of ${left.length} items ended none of them and gave no time to wait for`
          problems.push(detail)
          return yield* ended(runtime, unit, {
            state: "failed",
            total,
            done,
            failed,
            detail: problems.slice(0, 5).join("; ")
          })
        }
        startAt = 0
        stop = yield* cancelled(runtime, unit)
        continue
      }
      stop = yield* progress("waiting", batch.wait.until)
      const wait = batch.wait.until - (yield* Clock.currentTimeMillis)
      if (stop) continue
      if (wait > Duration.toMillis(waitInActivity)) {
        yield* DurableClock.sleep({ name: `wait/${round}`, duration: Duration.millis(wait) })
        startAt = 0
        stop = yield* cancelled(runtime, unit)
      } else {
        // the next batch waits first, then reports the unit running: that report tells whether to go on
        startAt = batch.wait.until
      }
    }
    return yield* ended(runtime, unit, {
      state: failed > 0 ? "failed" : "done",
      total,
      done,
      failed,
      ...(problems.length === 0 ? {} : { detail: problems.slice(0, 5).join("; ") })
    })
  })

// -----------------------------------------------------------------------------
// profiles
// -----------------------------------------------------------------------------

const runProfiles = (unit: typeof UnitRef.Type) =>
  Effect.gen(function*() {
    const begun = yield* begin(unit, "profiles", 0, (job) => job.pairs[unit.position])
    if (begun._tag === "ended") return begun.result
    const { job, runtime, subject: pair } = begun
    const planned = yield* planStep(runtime, job, ProfilePlan, (source, target) =>
      ProfileMigration.plan({
        source: profileOnProviderTime(source.profile, runtime),
        from: { provider: job.source.provider, number: pair.source },
        target: profileOnProviderTime(target.profile, runtime),
        to: { provider: job.target.provider, number: pair.target }
      }))
    if (planned._tag === "Left") {
      return yield* ended(runtime, unit, {
        state: "failed",
        total: 1,
        done: 0,
        failed: 1,
        detail: planned.left.message
      })
    }
    const plan: ProfileMigration.Plan = planned.right
    const changes = plan.items.filter((item) => item.action === "update").length
    if (ProfileMigration.isEmpty(plan)) {
      return yield* ended(runtime, unit, { state: "done", total: 0, done: 0, failed: 0 })
    }
    yield* report(runtime, unit, { state: "running", total: changes, done: 0, failed: 0 })
    if (yield* cancelled(runtime, unit)) {
      return yield* ended(runtime, unit, { state: "cancelled", total: changes, done: 0, failed: 0 })
    }
    const applied = yield* Activity.make({
      name: "apply",
      error: UnitFailure,
      execute: Effect.gen(function*() {
        const target = yield* runtime.sides(job.target)
        // idempotent: the same fields set to the same values
        yield* ProfileMigration.apply(plan, profileOnProviderTime(target.profile, runtime)).pipe(
          Effect.mapError(failure)
        )
      })
    }).pipe(Effect.either)
    return yield* ended(
      runtime,
      unit,
      applied._tag === "Left"
        ? { state: "failed", total: changes, done: 0, failed: changes, detail: applied.left.message }
        : { state: "done", total: changes, done: changes, failed: 0 }
    )
  })

// -----------------------------------------------------------------------------
// audit
// -----------------------------------------------------------------------------

/** A domain value as the JSON a report keeps (dates as ISO text, no functions). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

const runAudit = (unit: typeof UnitRef.Type) =>
  Effect.gen(function*() {
    const begun = yield* begin(unit, "audit", 1, (job) => job.numbers[unit.position])
    if (begun._tag === "ended") return begun.result
    const { job, runtime, subject: number } = begun
    const read = yield* Activity.make({
      name: "read",
      success: Audited,
      error: UnitFailure,
      execute: Effect.gen(function*() {
        const side = yield* runtime.sides(job.source)
        const onClock = onProviderClock(runtime)
        const status = yield* onClock(side.numbers.status({ id: number })).pipe(Effect.mapError(failure))
        const profile = yield* onClock(side.profile.get({ number })).pipe(Effect.mapError(failure))
        return {
          status: asJson(status),
          profile: asJson(profile)
        }
      })
    }).pipe(Effect.either)
    return yield* ended(
      runtime,
      unit,
      read._tag === "Left"
        ? { state: "failed", total: 1, done: 0, failed: 1, detail: read.left.message }
        : { state: "done", total: 1, done: 1, failed: 0, detail: JSON.stringify(read.right) }
    )
  })

/**
 * The workflows, registered with the engine in context (each needs the runner's context).
 *
 * @since 0.1.0
 * @category layers
 */
export const layers = [
  TemplatesPair.toLayer((unit) => runTemplates(unit).pipe(Effect.orDie)),
  ProfilesPair.toLayer((unit) => runProfiles(unit).pipe(Effect.orDie)),
  AuditNumber.toLayer((unit) => runAudit(unit).pipe(Effect.orDie))
] as const
