/**
 * Fleet jobs, as a program uses them: submit a job file, read a job's progress per unit (done,
 * left, waiting for a quota until …), cancel it, or run it to the end in this process.
 *
 * Submitting stores the job in the store (`Store`): on PostgreSQL the cluster's runners pick it
 * up (`Runner.layerCluster`, `wa-admin fleet runner`); {@link run} runs it here on the store in
 * context with `Runner.layerSingle` — the embedded default, SQLite, with no database to set up.
 *
 * @example
 * import { NodeHttpClient } from "@effect/platform-node"
 * import { Fleet } from "@wa-admin/fleet"
 * import { Store } from "@wa-admin/store"
 * import { Effect, Layer } from "effect"
 *
 * const program = (jobFile: string) =>
 *   Effect.gen(function* () {
 *     const status = yield* Fleet.run(jobFile)
 *     console.log(Fleet.lines(status).join("\n"))
 *   }).pipe(Effect.provide(Layer.merge(Store.layerConfig(), NodeHttpClient.layerUndici)))
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import { AdminError } from "@wa-admin/core"
import { Store } from "@wa-admin/store"
import { DateTime, Duration, Effect, Layer, Option, Schema } from "effect"
import * as State from "./internal/state.js"
import * as Job from "./Job.js"
import * as Runner from "./Runner.js"

/**
 * A unit's progress: a WABA pair (templates, profiles) or a number (audit).
 *
 * @since 0.1.0
 * @category models
 */
export interface UnitStatus {
  readonly position: number
  readonly label: string
  readonly state: State.UnitState
  /** Items to change (templates to create or update, profile fields), once planned. */
  readonly total: number
  readonly done: number
  readonly failed: number
  readonly left: number
  /** Waiting for a quota (or another runner's lease) until then. */
  readonly waitingUntil: Option.Option<DateTime.Utc>
  /** What failed, or an audit's report (JSON). */
  readonly detail: Option.Option<string>
  readonly updatedAt: DateTime.Utc
}

/**
 * A job's progress.
 *
 * @since 0.1.0
 * @category models
 */
export interface Status {
  readonly id: string
  readonly kind: Job.Job["kind"]
  /** `submitted` (no runner has started it yet), `running`, `done`, `failed` (some unit failed), `cancelled`. */
  readonly state: "submitted" | "running" | "done" | "failed" | "cancelled"
  /** Whether every unit has ended. */
  readonly finished: boolean
  readonly submittedAt: DateTime.Utc
  /** When the last unit ended (once finished). */
  readonly finishedAt: Option.Option<DateTime.Utc>
  readonly units: ReadonlyArray<UnitStatus>
  readonly totals: {
    readonly units: number
    readonly unitsEnded: number
    readonly items: number
    readonly done: number
    readonly failed: number
    readonly left: number
  }
}

const stateOf = (store: Store.Service) => State.make(store)

/**
 * Stores a job file's job (checked field by field first: `InvalidInput` naming every broken
 * rule, nothing stored). Submitting the same job again changes nothing (`submitted: false`);
 * another job under an id in use is refused.
 *
 * @since 0.1.0
 * @category programs
 */
export const submit = (
  text: string
): Effect.Effect<{ readonly job: Job.Job; readonly submitted: boolean }, AdminError.AdminError, Store.Store> =>
  Effect.gen(function*() {
    const job = yield* Job.decode(text)
    const submitted = yield* stateOf(yield* Store.Store).submit(job)
    return { job, submitted }
  })

const notFound = (id: string, operation: string) =>
  new AdminError.NotFound({ provider: "wa-admin", operation, resource: "fleet job", id })

/**
 * A job's progress per unit; `NotFound` for a job never submitted.
 *
 * @since 0.1.0
 * @category programs
 */
export const status = (id: string): Effect.Effect<Status, AdminError.AdminError, Store.Store> =>
  Effect.gen(function*() {
    const state = stateOf(yield* Store.Store)
    const stored = yield* state.job(id, "fleet.status")
    if (Option.isNone(stored)) return yield* notFound(id, "fleet.status")
    const { job } = stored.value
    const recorded = new Map((yield* state.units(id)).map((unit) => [unit.position, unit]))
    const units = Job.units(job).map((unit): UnitStatus => {
      const found = recorded.get(unit.position)
      const total = found?.total ?? 0
      const done = found?.done ?? 0
      const failed = found?.failed ?? 0
      return {
        position: unit.position,
        label: unit.label,
        state: found?.state ?? "pending",
        total,
        done,
        failed,
        left: Math.max(0, total - done - failed),
        waitingUntil: found?.state === "waiting"
          ? Option.map(found.waitingUntil, (millis) => DateTime.unsafeMake(millis))
          : Option.none(),
        detail: found?.detail ?? Option.none(),
        updatedAt: DateTime.unsafeMake(found?.updatedAt ?? stored.value.submittedAt)
      }
    })
    const ended = units.filter((unit) => State.isFinal(unit.state))
    const finished = recorded.size > 0 && ended.length === units.length
    const sum = (pick: (unit: UnitStatus) => number) => units.reduce((total, unit) => total + pick(unit), 0)
    const overall: Status["state"] = stored.value.state === "cancelled"
      ? "cancelled"
      : recorded.size === 0
      ? "submitted"
      : !finished
      ? "running"
      : units.some((unit) => unit.state === "failed")
      ? "failed"
      : "done"
    return {
      id,
      kind: job.kind,
      state: overall,
      finished,
      submittedAt: DateTime.unsafeMake(stored.value.submittedAt),
      finishedAt: finished
        ? Option.some(DateTime.unsafeMake(Math.max(...units.map((unit) => unit.updatedAt.epochMillis))))
        : Option.none(),
      units,
      totals: {
        units: units.length,
        unitsEnded: ended.length,
        items: sum((unit) => unit.total),
        done: sum((unit) => unit.done),
        failed: sum((unit) => unit.failed),
        left: sum((unit) => unit.left)
      }
    }
  })

/**
 * Cancels a job: its units stop before their next step (a step under way ends first), and units
 * waiting on a durable clock are interrupted by the dispatcher. `NotFound` for a job never
 * submitted.
 *
 * @since 0.1.0
 * @category programs
 */
export const cancel = (id: string): Effect.Effect<void, AdminError.AdminError, Store.Store> =>
  Effect.gen(function*() {
    const found = yield* stateOf(yield* Store.Store).cancel(id)
    if (!found) return yield* notFound(id, "fleet.cancel")
  })

/**
 * Waits until every unit of the job has ended, telling `onStatus` each time it looks (every
 * `interval`, default 1 s); answers the last status.
 *
 * @since 0.1.0
 * @category programs
 */
export const awaitFinished = (
  id: string,
  options?: {
    readonly interval?: Duration.DurationInput
    readonly onStatus?: (status: Status) => Effect.Effect<void>
  }
): Effect.Effect<Status, AdminError.AdminError, Store.Store> =>
  Effect.gen(function*() {
    const interval = Duration.decode(options?.interval ?? "1 second")
    for (;;) {
      const current = yield* status(id)
      if (options?.onStatus !== undefined) yield* options.onStatus(current)
      if (current.finished) return current
      yield* Effect.sleep(interval)
    }
  })

/**
 * Submits a job file's job and runs it to the end in this process (`Runner.layerSingle` on the
 * store in context), answering its final status. A run that was stopped is resumed: every
 * activity it completed is kept.
 *
 * @since 0.1.0
 * @category programs
 */
export const run = (
  text: string,
  options?: Runner.Options & {
    readonly interval?: Duration.DurationInput
    readonly onStatus?: (status: Status) => Effect.Effect<void>
  }
): Effect.Effect<Status, AdminError.AdminError, Store.Store | HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const { job } = yield* submit(text)
    return yield* awaitFinished(job.id, options)
  }).pipe(Effect.provide(Layer.discard(Runner.layerSingle(options))))

const UnitStatusJson = Schema.Struct({
  position: Schema.Int,
  label: Schema.String,
  state: Schema.Literal("pending", "running", "waiting", "done", "failed", "cancelled"),
  total: Schema.Int,
  done: Schema.Int,
  failed: Schema.Int,
  left: Schema.Int,
  waitingUntil: Schema.optionalWith(Schema.DateTimeUtc, { as: "Option", exact: true }),
  detail: Schema.optionalWith(Schema.String, { as: "Option", exact: true }),
  updatedAt: Schema.DateTimeUtc
})

/**
 * A job's progress ({@link Status}) as JSON — `wa-admin fleet status --json`: times as ISO 8601
 * text, absent values left out.
 *
 * @since 0.1.0
 * @category schemas
 */
export const StatusJson = Schema.Struct({
  id: Schema.String,
  kind: Schema.Literal("templates", "profiles", "audit"),
  state: Schema.Literal("submitted", "running", "done", "failed", "cancelled"),
  finished: Schema.Boolean,
  submittedAt: Schema.DateTimeUtc,
  finishedAt: Schema.optionalWith(Schema.DateTimeUtc, { as: "Option", exact: true }),
  units: Schema.Array(UnitStatusJson),
  totals: Schema.Struct({
    units: Schema.Int,
    unitsEnded: Schema.Int,
    items: Schema.Int,
    done: Schema.Int,
    failed: Schema.Int,
    left: Schema.Int
  })
})

/**
 * A status as JSON ({@link StatusJson}'s encoded form).
 *
 * @since 0.1.0
 * @category rendering
 */
export const toJson = (status: Status): typeof StatusJson.Encoded => Schema.encodeSync(StatusJson)(status)

/**
 * How {@link lines} renders a status.
 *
 * @since 0.1.0
 * @category rendering
 */
export interface LinesOptions {
  /** The time a wait for a quota is counted from (`in 42m`); without it only the instant is shown. */
  readonly now?: DateTime.Utc
  /** One line for every unit, the done ones too (default: only the units not done). */
  readonly all?: boolean
}

/**
 * The status as lines for a terminal: the job, then one line per unit that is not done (every
 * unit with `all`).
 *
 * @since 0.1.0
 * @category rendering
 */
export const lines = (status: Status, options: LinesOptions = {}): ReadonlyArray<string> => {
  const { all = false, now } = options
  const header =
    `job ${status.id} (${status.kind}): ${status.state}; ${status.totals.unitsEnded}/${status.totals.units} units ended, ` +
    `${status.totals.done} done, ${status.totals.left} left, ${status.totals.failed} failed`
  const unitLine = (unit: UnitStatus) => {
    const waiting = Option.match(unit.waitingUntil, {
      onNone: () => "",
      onSome: (until) =>
        `, waiting for quota until ${DateTime.formatIso(until)}${
          now === undefined
            ? ""
            : ` (in ${Duration.format(Duration.millis(Math.max(0, until.epochMillis - now.epochMillis)))})`
        }`
    })
    const detail = unit.state === "failed"
      ? Option.match(unit.detail, { onNone: () => "", onSome: (text) => `: ${text}` })
      : ""
    return `  ${unit.label}: ${unit.state}, ${unit.done}/${unit.total} done, ${unit.left} left${
      unit.failed > 0 ? `, ${unit.failed} failed` : ""
    }${waiting}${detail}`
  }
  return [header, ...status.units.filter((unit) => all || unit.state !== "done").map(unitLine)]
}
