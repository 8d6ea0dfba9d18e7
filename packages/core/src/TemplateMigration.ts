/**
 * Moving message templates between WABAs and providers: plan, then apply.
 *
 * The plan lists every source template language version as `create`, `update`, `skip`
 * (identical already) or `cannot` (with the reason). Applying is idempotent — it plans against
 * the target's actual state, so a second run creates nothing — and resumable: every mutation is
 * journaled before and after, and an item a killed run left half-done is reconciled by reading
 * the target back before anything is sent again. Client-side quotas are respected: the run
 * either paces itself to the quota or stops and says when it can resume.
 *
 * @since 0.1.0
 */
import { Clock, Duration, Effect, Either, Fiber, Option, ParseResult, Schema, Stream } from "effect"
import type { DateTime } from "effect"
import type { AdminError, QuotaExceeded, RateLimited } from "./AdminError.js"
import { NotFound } from "./AdminError.js"
import type { JournalError, Service as Journal } from "./MigrationJournal.js"
import { Entry } from "./MigrationJournal.js"
import { Component, sameContent, Template, TemplateCategory, TemplateDraft } from "./Template.js"
import type { Service as TemplatesService } from "./Templates.js"

/**
 * One side of a migration: a provider and a WABA.
 *
 * @since 0.1.0
 * @category models
 */
export interface Endpoint {
  readonly provider: string
  readonly wabaId: string
}

/**
 * What the plan does with one template language version.
 *
 * @since 0.1.0
 * @category models
 */
export type Action = "create" | "update" | "skip" | "cannot"

/**
 * @since 0.1.0
 * @category models
 */
export interface PlanItem {
  readonly key: string
  readonly name: string
  readonly language: string
  readonly action: Action
  readonly reason?: string
  readonly draft?: TemplateDraft
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Plan {
  /** Identifies the migration in the journal. */
  readonly id: string
  readonly from: Endpoint
  readonly to: Endpoint
  readonly items: ReadonlyArray<PlanItem>
}

/**
 * How many items of each action a plan has.
 *
 * @since 0.1.0
 * @category utils
 */
export const counts = (plan: Plan): Readonly<Record<Action, number>> => {
  const result: Record<Action, number> = { create: 0, update: 0, skip: 0, cannot: 0 }
  for (const item of plan.items) result[item.action]++
  return result
}

/**
 * Whether applying the plan would change anything.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isEmpty = (plan: Plan): boolean =>
  plan.items.every((item) => item.action === "skip" || item.action === "cannot")

/**
 * The key of a template language version: `name:language`.
 *
 * @since 0.1.0
 * @category utils
 */
export const keyOf = (template: { readonly name: string; readonly language: string }): string =>
  `${template.name}:${template.language}`

const encodeComponents = Schema.encodeSync(Schema.Array(Component))
const decodeDraft = Schema.decodeUnknownEither(TemplateDraft, { errors: "all" })
const encodeDraft = Schema.encodeSync(TemplateDraft)

const creatableCategories: ReadonlyArray<string> = TemplateCategory.literals

/**
 * The draft that recreates a template elsewhere, or why it cannot be.
 *
 * @since 0.1.0
 * @category conversions
 */
export const toDraft = (template: Template): Either.Either<TemplateDraft, string> =>
  // Said once, rather than once per category the schema's union tried.
  !creatableCategories.includes(template.category)
    ? Either.left(
      `category: ${template.category} is not a category templates can be created in (${creatableCategories.join(", ")})`
    )
    : decodeDraft({
      name: template.name,
      language: template.language,
      category: template.category,
      components: encodeComponents(template.components)
    }).pipe(
      Either.mapLeft((error) =>
        ParseResult.ArrayFormatter.formatErrorSync(error)
          .map((issue) => `${issue.path.join(".") || "template"}: ${issue.message}`)
          .join("; ")
      )
    )

const deletedStatuses = new Set(["DELETED", "PENDING_DELETION"])

/**
 * Plans a migration of every template in `source` onto the target WABA.
 *
 * @since 0.1.0
 * @category planning
 */
export const plan = (options: {
  readonly source: Stream.Stream<Template, AdminError>
  readonly from: Endpoint
  readonly target: TemplatesService
  readonly to: Endpoint
}): Effect.Effect<Plan, AdminError> =>
  Effect.gen(function*() {
    const existing = new Map<string, Template>()
    yield* Stream.runForEach(options.target.list({ wabaId: options.to.wabaId }), (template) =>
      Effect.sync(() => {
        existing.set(keyOf(template), template)
      }))
    const items: Array<PlanItem> = []
    const seen = new Set<string>()
    yield* Stream.runForEach(options.source, (template) =>
      Effect.sync(() => {
        const key = keyOf(template)
        if (seen.has(key)) return
        seen.add(key)
        const base = { key, name: template.name, language: template.language }
        if (deletedStatuses.has(template.status)) {
          items.push({ ...base, action: "cannot", reason: `deleted at the source (${template.status})` })
          return
        }
        const draft = toDraft(template)
        if (Either.isLeft(draft)) {
          items.push({ ...base, action: "cannot", reason: `not valid for creation: ${draft.left}` })
          return
        }
        const current = existing.get(key)
        if (current === undefined) {
          items.push({ ...base, action: "create", draft: draft.right })
        } else if (sameContent(current, draft.right)) {
          items.push({ ...base, action: "skip", reason: "identical already" })
        } else if (current.category !== draft.right.category) {
          items.push({
            ...base,
            action: "cannot",
            reason:
              `the target has it in category ${current.category}, the source in ${draft.right.category}; a category cannot be edited`
          })
        } else {
          items.push({ ...base, action: "update", draft: draft.right })
        }
      }))
    return {
      id: `templates ${options.from.provider}:${options.from.wabaId} -> ${options.to.provider}:${options.to.wabaId}`,
      from: options.from,
      to: options.to,
      items
    }
  })

/**
 * What became of one item. A `failed` item keeps the error it failed with (`error`, one of the
 * library's `AdminError`s, which `Schema.encode(AdminError)` turns into JSON) and its message
 * (`detail`); a `skipped` or `cannot` item has the plan's reason as its `detail`.
 *
 * @since 0.1.0
 * @category models
 */
export interface ItemOutcome {
  readonly key: string
  readonly action: Action
  /**
   * `leased`: another worker holds the item's lease (see {@link ItemLeases}); nothing was sent or
   * journaled for it, and `leasedUntil` says until when the other holder's lease runs.
   */
  readonly outcome: "created" | "updated" | "skipped" | "cannot" | "reconciled" | "failed" | "leased"
  readonly detail?: string
  readonly error?: AdminError
  readonly leasedUntil?: DateTime.Utc
}

/**
 * The result of applying a plan. `stopped` is set when the run stopped at a quota (`onQuota:
 * "stop"`): a client-side quota (`QuotaExceeded`) or the provider's throttle (`RateLimited`, a
 * 429; `resumeAfter` is its `retryAfter`, or 1 minute when it gave none). Run it again after
 * `resumeAfter`. It keeps the refusal (`error`) and its message (`reason`); the item refused is
 * not recorded failed, and nothing after it was sent.
 *
 * @since 0.1.0
 * @category models
 */
export interface Report {
  readonly planId: string
  readonly outcomes: ReadonlyArray<ItemOutcome>
  readonly stopped?: {
    readonly reason: string
    readonly error: QuotaExceeded | RateLimited
    readonly resumeAfter: Duration.Duration
    readonly remaining: number
  }
}

/**
 * Progress while applying, for a progress bar.
 *
 * @since 0.1.0
 * @category models
 */
export interface Progress {
  readonly done: number
  readonly total: number
  readonly item: PlanItem
  readonly outcome: ItemOutcome["outcome"]
}

/**
 * A wait for a quota while applying (`onQuota: "pace"`): the item waiting, and the refusal that
 * says which quota and for how long (`error.retryAfter`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Wait {
  readonly item: PlanItem
  readonly error: QuotaExceeded
}

/**
 * The item lease was held by another holder, whose lease had not expired (the shape of
 * `@wa-admin/store`'s `LeaseHeld`).
 *
 * @since 0.1.0
 * @category models
 */
export interface LeaseHeldElsewhere {
  readonly _tag: "LeaseHeld"
  readonly holder: string
  readonly expiresAt: DateTime.Utc
  readonly message: string
}

/**
 * The item lease is no longer this holder's (the shape of `@wa-admin/store`'s `LeaseLost`).
 *
 * @since 0.1.0
 * @category models
 */
export interface LeaseLostElsewhere {
  readonly _tag: "LeaseLost"
  readonly message: string
}

/**
 * Per-item leases shared by every worker that may apply the same plan — processes, machines —
 * so that two of them never send the same mutation. `@wa-admin/store`'s `Leases.Service`
 * satisfies it. `acquire` succeeds only when the lease is free or expired, and says (`expired`)
 * when it was taken over from a holder whose lease ran out — a holder that may have sent the
 * mutation before it died.
 *
 * @since 0.1.0
 * @category models
 */
export interface ItemLeases {
  readonly acquire: (
    key: string,
    holder: string,
    ttl: Duration.DurationInput
  ) => Effect.Effect<
    {
      readonly expired: Option.Option<unknown>
      /** Whether no holder had ever leased the key before: no leasing worker can have finished its item. */
      readonly first?: boolean
    },
    LeaseHeldElsewhere | AdminError
  >
  readonly renew: (
    key: string,
    holder: string,
    ttl: Duration.DurationInput
  ) => Effect.Effect<unknown, LeaseLostElsewhere | AdminError>
  readonly release: (key: string, holder: string) => Effect.Effect<void, AdminError>
  /**
   * The item's lease and its journal entry changed together, in one step, by leases kept where
   * `journaled.journal` keeps its entries (`@wa-admin/store`'s leases and journal): `apply` uses it
   * only when that journal is the one it was given, so an entry is never written anywhere else.
   */
  readonly journaled?: JournaledLeases
}

/**
 * Leases that journal an item's entry in the same step as they take or give back its lease: what
 * would be two writes (two round trips to a database) is one.
 *
 * @since 0.2.0
 * @category models
 */
export interface JournaledLeases {
  /** The journal the entries are written to. */
  readonly journal: Journal
  /**
   * `ItemLeases.acquire`, which also records `entry` (the item started) when the lease is the key's
   * first (`recorded`); any other lease is taken without recording anything.
   */
  readonly acquire: (
    key: string,
    holder: string,
    ttl: Duration.DurationInput,
    entry: Entry
  ) => Effect.Effect<
    { readonly expired: Option.Option<unknown>; readonly first?: boolean; readonly recorded: boolean },
    LeaseHeldElsewhere | AdminError
  >
  /** Records `entry` (the item ended) and gives the holder's lease back (a lease it no longer holds is left alone). */
  readonly release: (key: string, holder: string, entry: Entry) => Effect.Effect<void, JournalError>
}

/**
 * How `apply` leases items: the leases, who holds them (unique per worker), and for how long a
 * lease runs before it must be renewed (default 5 minutes; renewed every third of it while an
 * item is being sent).
 *
 * @since 0.1.0
 * @category models
 */
export interface LeaseOptions {
  readonly leases: ItemLeases
  readonly holder: string
  readonly ttl?: Duration.DurationInput
}

/**
 * How long an item lease runs when {@link LeaseOptions} does not say.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultLeaseTtl: Duration.Duration = Duration.minutes(5)

/**
 * The key of an item's lease: `${plan.id}/${item.key}`.
 *
 * @since 0.1.0
 * @category utils
 */
export const leaseKey = (plan: Plan, item: PlanItem): string => `${plan.id}/${item.key}`

/** How long a run stopped by a provider's 429 that named no wait says to wait. */
const throttledFor: Duration.Duration = Duration.minutes(1)

/**
 * @since 0.1.0
 * @category models
 */
export interface ApplyOptions {
  readonly target: TemplatesService
  readonly journal: Journal
  /**
   * At a client-side quota: wait for it (`"pace"`, the default) or stop and report when to resume
   * (`"stop"`, which also stops at the provider's throttle, `RateLimited`).
   */
  readonly onQuota?: "pace" | "stop"
  readonly onProgress?: (progress: Progress) => Effect.Effect<void>
  /** Told before each wait for a quota (for a progress bar, or a line saying until when). */
  readonly onWait?: (wait: Wait) => Effect.Effect<void>
  /**
   * Lease each item before its mutation (several workers applying the same plan): the lease
   * `${plan.id}/${item.key}` is taken before the item is journaled as started, and given back when
   * it is done, failed, or the run stops at a quota; it is renewed to cover a quota wait. An item
   * whose lease another worker holds is reported `leased` and left alone; an item whose lease
   * was taken over from a holder whose lease expired is reconciled first — its target read back —
   * as an item a killed run left started is.
   */
  readonly itemLeases?: LeaseOptions
}

/**
 * Applies a plan: creates and updates what it says, journaling each mutation.
 *
 * @since 0.1.0
 * @category applying
 */
export const apply = (plan: Plan, options: ApplyOptions): Effect.Effect<Report, JournalError> =>
  Effect.gen(function*() {
    const { target, journal } = options
    const wabaId = plan.to.wabaId
    const journaled = yield* journal.progress(plan.id)
    const outcomes: Array<ItemOutcome> = []
    const actionable = plan.items.filter((item) => item.action === "create" || item.action === "update")
    let done = 0
    const total = plan.items.length

    const entryOf = (item: PlanItem, phase: Entry["phase"], detail?: string) =>
      Effect.map(Clock.currentTimeMillis, (at) =>
        new Entry({
          migration: plan.id,
          key: item.key,
          action: item.action,
          phase,
          at,
          ...(detail === undefined ? {} : { detail })
        }))

    const record = (item: PlanItem, phase: Entry["phase"], detail?: string) =>
      Effect.flatMap(entryOf(item, phase, detail), journal.record)

    const readBack = (item: PlanItem) =>
      target.get({ wabaId, name: item.name, language: item.language }).pipe(
        Effect.map(Option.some),
        Effect.catchIf(
          (error): error is NotFound => error._tag === "NotFound",
          () => Effect.succeed(Option.none<Template>())
        )
      )

    const mutate = (item: PlanItem, draft: TemplateDraft, current: Option.Option<Template>) =>
      Option.isNone(current)
        ? Effect.as(target.create({ wabaId, template: encodeDraft(draft) }), "created" as const)
        : Effect.as(
          target.edit({
            wabaId,
            name: item.name,
            language: item.language,
            ...(current.value.id === undefined ? {} : { id: current.value.id }),
            components: encodeComponents(draft.components)
          }),
          "updated" as const
        )

    // A create refused because the template exists already (another run of the same migration,
    // or a request a killed run left in flight, got there first) is done when what is there is
    // what the plan wanted.
    const reconcileConflict =
      (item: PlanItem, draft: TemplateDraft) =>
      <A>(effect: Effect.Effect<A, AdminError>): Effect.Effect<A | "reconciled", AdminError> =>
        Effect.catchIf(
          effect,
          (error) => error._tag === "Conflict",
          (conflict) =>
            Effect.flatMap(readBack(item), (found) =>
              Option.isSome(found) && sameContent(found.value, draft)
                ? Effect.succeed("reconciled" as const)
                : Effect.fail(conflict))
        )

    const perform = (
      item: PlanItem,
      draft: TemplateDraft,
      reconcileFirst: boolean
    ): Effect.Effect<ItemOutcome["outcome"], AdminError> =>
      Effect.gen(function*() {
        const previous = journaled.get(item.key)
        if (reconcileFirst || (previous !== undefined && previous.phase === "started")) {
          const current = yield* readBack(item)
          if (Option.isSome(current) && sameContent(current.value, draft)) return "reconciled" as const
          return yield* mutate(item, draft, current).pipe(reconcileConflict(item, draft))
        }
        const current = item.action === "update" ? yield* readBack(item) : Option.none<Template>()
        return yield* mutate(item, draft, current).pipe(
          Effect.catchIf(
            (error) => error._tag === "OutcomeUnknown",
            () =>
              Effect.flatMap(readBack(item), (found) =>
                Option.isSome(found) && sameContent(found.value, draft)
                  ? Effect.succeed("reconciled" as const)
                  : mutate(item, draft, found))
          ),
          reconcileConflict(item, draft)
        )
      })

    const leasing = options.itemLeases
    const ttl = Duration.decode(leasing?.ttl ?? defaultLeaseTtl)
    const journaledLeases = leasing?.leases.journaled?.journal === journal ? leasing.leases.journaled : undefined

    type Leased =
      | { readonly _tag: "acquired"; readonly takenOver: boolean; readonly started: boolean }
      | { readonly _tag: "held"; readonly error: LeaseHeldElsewhere }
      | { readonly _tag: "unavailable"; readonly error: AdminError }

    /**
     * Whether the shared journal says another run finished the item after this run read it: its
     * lease is free again, but sending would create it twice (or spend a quota slot on a refusal).
     * A journal that cannot be read leaves the question to the target: read back first.
     */
    const doneElsewhere = (item: PlanItem): Effect.Effect<boolean> =>
      journal.entry(plan.id, item.key).pipe(
        Effect.map((entry) => Option.isSome(entry) && entry.value.phase === "done"),
        Effect.orElseSucceed(() => true)
      )

    /**
     * Takes the item's lease (nothing to take without leases). An item taken over from an
     * expired lease, or finished by another run meanwhile, is reconciled before anything is sent.
     */
    const acquire = (item: PlanItem): Effect.Effect<Leased> =>
      leasing === undefined
        ? Effect.succeed({ _tag: "acquired", takenOver: false, started: false })
        : (journaledLeases === undefined
          ? Effect.map(
            leasing.leases.acquire(leaseKey(plan, item), leasing.holder, ttl),
            (lease) => ({ ...lease, recorded: false })
          )
          : Effect.flatMap(
            entryOf(item, "started"),
            (entry) => journaledLeases.acquire(leaseKey(plan, item), leasing.holder, ttl, entry)
          )).pipe(
            Effect.flatMap((lease) =>
              Effect.map(
                Option.isSome(lease.expired)
                  ? Effect.succeed(true)
                  // an item never leased before was never worked on by a worker that leases since this
                  // run read the journal: what that read says is enough
                  : lease.first === true
                  ? Effect.succeed(journaled.get(item.key)?.phase === "done")
                  : doneElsewhere(item),
                (takenOver): Leased => ({ _tag: "acquired", takenOver, started: lease.recorded })
              )
            ),
            Effect.catchAll((error) =>
              Effect.succeed<Leased>(
                error._tag === "LeaseHeld" ? { _tag: "held", error } : { _tag: "unavailable", error }
              )
            )
          )

    /** Gives the item's lease back; a lease that cannot be given back runs out by itself. */
    const release = (item: PlanItem): Effect.Effect<void> =>
      leasing === undefined
        ? Effect.void
        : leasing.leases.release(leaseKey(plan, item), leasing.holder).pipe(
          Effect.catchAll((error) =>
            Effect.logWarning(`wa-admin: could not give back the lease of ${item.key}`, error.message)
          )
        )

    /**
     * Journals the item's end and gives its lease back — in one step where the leases journal —
     * the lease given back even when the entry cannot be written.
     */
    const recordEnd = (item: PlanItem, phase: "done" | "failed", detail?: string) =>
      leasing === undefined || journaledLeases === undefined
        ? record(item, phase, detail).pipe(Effect.ensuring(release(item)))
        : Effect.flatMap(
          entryOf(item, phase, detail),
          (entry) => journaledLeases.release(leaseKey(plan, item), leasing.holder, entry)
        ).pipe(Effect.tapError(() => release(item)))

    /** Runs `effect` while renewing the item's lease every third of its time to live. */
    const whileRenewing = <A, E>(item: PlanItem, effect: Effect.Effect<A, E>): Effect.Effect<A, E> => {
      if (leasing === undefined) return effect
      const renewing = leasing.leases.renew(leaseKey(plan, item), leasing.holder, ttl).pipe(
        Effect.catchAll((error) =>
          Effect.logWarning(`wa-admin: could not renew the lease of ${item.key}`, error.message)
        ),
        Effect.delay(Duration.millis(Math.max(1, Duration.toMillis(ttl) / 3))),
        Effect.forever
      )
      return Effect.raceFirst(effect, renewing)
    }

    /** Extends the item's lease over a quota wait; answers why it cannot be kept (another holds it now). */
    const holdFor = (
      item: PlanItem,
      wait: Duration.Duration
    ): Effect.Effect<Option.Option<LeaseLostElsewhere | AdminError>> =>
      leasing === undefined
        ? Effect.succeed(Option.none())
        : leasing.leases.renew(leaseKey(plan, item), leasing.holder, Duration.sum(wait, ttl)).pipe(
          Effect.as(Option.none()),
          Effect.catchAll((error) =>
            error._tag === "LeaseLost"
              ? Effect.succeed(Option.some(error))
              : Effect.as(
                Effect.logWarning(`wa-admin: could not renew the lease of ${item.key}`, error.message),
                Option.none()
              )
          )
        )

    /**
     * Sends an item and journals it done — to the end even when the run is interrupted meanwhile.
     * The interrupted run waits no more, but a request already on its way is not cut off (its
     * quota slot spent on a request that may or may not land, which the next run would have to
     * count as spent) nor left unjournaled: its lease, held until then, keeps other runs away.
     */
    const sendToEnd = (item: PlanItem, draft: TemplateDraft, takenOver: boolean) =>
      Effect.flatMap(
        Effect.forkDaemon(
          Effect.tap(
            Effect.either(whileRenewing(item, perform(item, draft, takenOver))),
            (attempt) => Either.isRight(attempt) ? recordEnd(item, "done") : Effect.void
          )
        ),
        Fiber.join
      )

    for (const item of plan.items) {
      if (item.action === "skip" || item.action === "cannot" || item.draft === undefined) {
        const outcome = item.action === "cannot" ? "cannot" : "skipped"
        outcomes.push({
          key: item.key,
          action: item.action,
          outcome,
          ...(item.reason === undefined ? {} : { detail: item.reason })
        })
        done++
        if (options.onProgress) yield* options.onProgress({ done, total, item, outcome })
        continue
      }
      const draft = item.draft
      const lease = yield* acquire(item)
      if (lease._tag === "held" || lease._tag === "unavailable") {
        const result: ItemOutcome = lease._tag === "held"
          ? {
            key: item.key,
            action: item.action,
            outcome: "leased",
            detail: lease.error.message,
            leasedUntil: lease.error.expiresAt
          }
          : { key: item.key, action: item.action, outcome: "failed", detail: lease.error.message, error: lease.error }
        outcomes.push(result)
        done++
        if (options.onProgress) yield* options.onProgress({ done, total, item, outcome: result.outcome })
        continue
      }
      if (!lease.started) yield* record(item, "started").pipe(Effect.tapError(() => release(item)))
      let result: ItemOutcome | undefined
      while (result === undefined) {
        const attempt = yield* sendToEnd(item, draft, lease.takenOver)
        if (Either.isRight(attempt)) {
          result = { key: item.key, action: item.action, outcome: attempt.right }
        } else if (
          (attempt.left._tag === "QuotaExceeded" || attempt.left._tag === "RateLimited") &&
          (options.onQuota ?? "pace") === "stop"
        ) {
          const refusal = attempt.left
          yield* release(item)
          const remaining = actionable.length -
            outcomes.filter((outcome) => outcome.action === "create" || outcome.action === "update").length
          const resumeAfter = refusal.retryAfter ?? throttledFor
          return {
            planId: plan.id,
            outcomes,
            stopped: { reason: refusal.message, error: refusal, resumeAfter, remaining }
          }
        } else if (attempt.left._tag === "QuotaExceeded") {
          const refusal = attempt.left
          const wait = Duration.max(refusal.retryAfter, Duration.millis(1))
          const kept = yield* holdFor(item, wait)
          if (Option.isSome(kept)) {
            result = { key: item.key, action: item.action, outcome: "leased", detail: kept.value.message }
            break
          }
          if (options.onWait) yield* options.onWait({ item, error: refusal })
          yield* Effect.sleep(wait)
        } else {
          const error = attempt.left
          yield* recordEnd(item, "failed", error.message)
          result = { key: item.key, action: item.action, outcome: "failed", detail: error.message, error }
        }
      }
      outcomes.push(result)
      done++
      if (options.onProgress) yield* options.onProgress({ done, total, item, outcome: result.outcome })
    }
    return { planId: plan.id, outcomes }
  })

/**
 * One item of a plan without its draft (`key`, `name`, `language`, `action`, `reason`): the form
 * a plan's items are shown and kept in.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PlanItemOutline = Schema.Struct({
  key: Schema.String,
  name: Schema.String,
  language: Schema.String,
  action: Schema.Literal("create", "update", "skip", "cannot"),
  reason: Schema.optionalWith(Schema.String, { exact: true })
})

/**
 * One item of a plan with the draft it sends (the schema of {@link PlanItem}).
 *
 * @since 0.1.0
 * @category schemas
 */
export const PlanItemSchema = Schema.Struct({
  ...PlanItemOutline.fields,
  draft: Schema.optionalWith(TemplateDraft, { exact: true })
})

/**
 * A portable, versioned file of templates (`templates export` / `templates import`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const TemplateFile = Schema.Struct({
  format: Schema.Literal("wa-admin/templates"),
  version: Schema.Literal(1),
  exportedAt: Schema.String,
  source: Schema.Struct({ provider: Schema.String, wabaId: Schema.String }),
  templates: Schema.Array(Template)
})

/**
 * @since 0.1.0
 * @category models
 */
export type TemplateFile = typeof TemplateFile.Type
