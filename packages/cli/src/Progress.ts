/**
 * A progress bar for long commands (a migration's apply): a bar, the counts so far and an ETA,
 * redrawn in place on stderr — only when stderr is a terminal, so pipes, CI logs and `--json`
 * output stay clean. While a run waits for a client-side quota, the bar says until when.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Progress from "./Progress.js"
 *
 * const program = Effect.scoped(
 *   Effect.gen(function* () {
 *     const bar = yield* Progress.make({ title: "templates", total: 3 })
 *     yield* bar.advance("created")
 *   })
 * )
 * ```
 *
 * @since 0.1.0
 */
import { Clock, Duration, Effect, Ref, Schedule } from "effect"
import type { Scope } from "effect"

/**
 * Where the bar is drawn.
 *
 * @since 0.1.0
 * @category models
 */
export interface Terminal {
  /** Whether it is a terminal; nothing is drawn otherwise. */
  readonly isTTY: boolean
  /** Its width in characters. */
  readonly columns: number
  readonly write: (text: string) => Effect.Effect<void>
}

/**
 * The process's stderr.
 *
 * @since 0.1.0
 * @category constructors
 */
export const stderr: Effect.Effect<Terminal> = Effect.sync(() => ({
  isTTY: process.stderr.isTTY === true,
  // A pseudo-terminal may report no width (0).
  columns: process.stderr.columns !== undefined && process.stderr.columns > 0 ? process.stderr.columns : 80,
  write: (text) =>
    Effect.sync(() => {
      process.stderr.write(text)
    })
}))

/**
 * What the bar shows.
 *
 * @since 0.1.0
 * @category models
 */
export interface State {
  readonly title: string
  readonly total: number
  readonly done: number
  /** How many items ended each way (`created`, `skipped` …), in the order first seen. */
  readonly counts: ReadonlyArray<readonly [outcome: string, count: number]>
  readonly startedAt: number
  readonly now: number
  /** When the run may go on, while it waits for a quota (epoch milliseconds). */
  readonly waitingUntil?: number
}

/**
 * A duration to the second, for people: `42s`, `3m 05s`, `1h 02m`.
 *
 * @since 0.1.0
 * @category rendering
 */
export const duration = (value: Duration.Duration): string => {
  const seconds = Math.ceil(Duration.toSeconds(value))
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, "0")}s`
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`
}

/**
 * The estimated time left: the pace so far applied to what is left; unknown before the first item.
 *
 * @since 0.1.0
 * @category rendering
 */
export const eta = (state: State): Duration.Duration | undefined =>
  state.done === 0 || state.done >= state.total
    ? undefined
    : Duration.millis(((state.now - state.startedAt) / state.done) * (state.total - state.done))

/**
 * One line of the bar, at most `width` characters:
 * `templates [█████░░░░░] 5/10 created 4 · skipped 1 · ETA 3s`, or `… · quota wait 59m 12s` while
 * the run waits for a quota.
 *
 * @since 0.1.0
 * @category rendering
 */
export const render = (state: State, width: number): string => {
  const fraction = state.total === 0 ? 1 : Math.min(1, state.done / state.total)
  const counts = state.counts
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${outcome} ${count}`)
    .join(" · ")
  const remaining = eta(state)
  const tail = state.waitingUntil !== undefined && state.waitingUntil > state.now
    ? `quota wait ${duration(Duration.millis(state.waitingUntil - state.now))}`
    : remaining === undefined
    ? ""
    : `ETA ${duration(remaining)}`
  const numbers = `${state.done}/${state.total}`
  const text = [counts, tail].filter((part) => part.length > 0).join(" · ")
  const fixed = state.title.length + numbers.length + text.length + 6
  const barWidth = Math.max(8, Math.min(30, width - fixed))
  const filled = Math.round(fraction * barWidth)
  const line = `${state.title} [${"█".repeat(filled)}${"░".repeat(barWidth - filled)}] ${numbers}${
    text.length > 0 ? ` ${text}` : ""
  }`
  return line.length > width ? `${line.slice(0, Math.max(0, width - 1))}…` : line
}

/**
 * A running bar.
 *
 * @since 0.1.0
 * @category models
 */
export interface Bar {
  /** One more item done, ended the given way (`created`, `skipped` …). */
  readonly advance: (outcome: string) => Effect.Effect<void>
  /** The run waits for a quota until then (epoch milliseconds); the next `advance` ends the wait. */
  readonly waitUntil: (until: number) => Effect.Effect<void>
  /** What the bar shows now. */
  readonly state: Effect.Effect<State>
}

const clear = "\r\x1b[2K"

/**
 * Starts a bar for `total` items. It is drawn on `terminal` (default: stderr) only when that is
 * a terminal and `enabled` is not `false`; it redraws every second (the ETA and a quota wait
 * count down) and is erased when the scope closes.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: {
  readonly title: string
  readonly total: number
  readonly enabled?: boolean
  readonly terminal?: Terminal
}): Effect.Effect<Bar, never, Scope.Scope> =>
  Effect.gen(function*() {
    const terminal = options.terminal ?? (yield* stderr)
    const visible = options.enabled !== false && terminal.isTTY
    const startedAt = yield* Clock.currentTimeMillis
    const ref = yield* Ref.make<State>({
      title: options.title,
      total: options.total,
      done: 0,
      counts: [],
      startedAt,
      now: startedAt
    })
    const state = Effect.flatMap(Clock.currentTimeMillis, (now) =>
      Ref.updateAndGet(ref, (current) => ({ ...current, now })))
    const draw = visible
      ? Effect.flatMap(state, (current) =>
        terminal.write(`${clear}${render(current, Math.max(20, terminal.columns - 1))}`))
      : Effect.void
    if (visible) {
      yield* Effect.forkScoped(Effect.repeat(draw, Schedule.spaced("1 second")))
      yield* Effect.addFinalizer(() =>
        terminal.write(clear)
      )
    }
    return {
      advance: (outcome) =>
        Ref.update(ref, (current) => {
          const { waitingUntil: _, ...rest } = current
          const found = current.counts.some(([name]) =>
            name === outcome
          )
          return {
            ...rest,
            done: current.done + 1,
            counts: found
              ? current.counts.map(([name, count]) => [name, name === outcome ? count + 1 : count] as const)
              : [...current.counts, [outcome, 1] as const]
          }
        }).pipe(Effect.zipRight(draw)),
      waitUntil: (until) =>
        Ref.update(ref, (current) => ({ ...current, waitingUntil: until })).pipe(Effect.zipRight(draw)),
      state
    }
  })
