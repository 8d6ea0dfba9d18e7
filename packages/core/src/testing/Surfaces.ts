/**
 * Everything a user or an operator could see of a run: every log line at the most verbose level
 * (logfmt, JSON and inspected), every span, and every failure and defect rendered every way a
 * program, a log shipper or a person might render it — for the canary suites that search them for
 * a secret.
 *
 * @since 0.2.0
 */
import { Cause, Effect, Exit, FiberRef, HashMap, HashSet, List, Logger, LogLevel, Schema } from "effect"
import { inspect } from "node:util"
import * as AdminError from "../AdminError.js"
import * as RecordingTracer from "./RecordingTracer.js"

/**
 * One rendering of something observable, and where it was seen.
 *
 * @since 0.2.0
 * @category models
 */
export interface Captured {
  readonly surface: string
  readonly text: string
}

/**
 * A run's outcome and everything seen of it.
 *
 * @since 0.2.0
 * @category models
 */
export interface Observed<A, E> {
  readonly exit: Exit.Exit<A, E>
  readonly captured: ReadonlyArray<Captured>
}

/**
 * A value inspected in full (no depth, string or array limit).
 *
 * @since 0.2.0
 * @category rendering
 */
export const show = (value: unknown): string =>
  inspect(value, { depth: Infinity, maxStringLength: Infinity, maxArrayLength: Infinity })

const recordingLogger = (into: Array<Captured>) =>
  Logger.make((options) => {
    into.push({ surface: "log (logfmt)", text: Logger.logfmtLogger.log(options) })
    into.push({ surface: "log (json)", text: Logger.jsonLogger.log(options) })
    into.push({
      surface: "log (inspected)",
      text: show({
        level: options.logLevel.label,
        message: options.message,
        annotations: Object.fromEntries(HashMap.toEntries(options.annotations)),
        spans: List.toArray(options.spans).map((span) => span.label),
        cause: Cause.isEmpty(options.cause) ? undefined : Cause.pretty(options.cause)
      })
    })
  })

const encodeAdminError = Schema.encodeSync(AdminError.AdminError)

/**
 * An error rendered every way a program, a log shipper or a person might render it.
 *
 * @since 0.2.0
 * @category rendering
 */
export const renderings = (error: unknown): ReadonlyArray<Captured> => [
  { surface: "Cause.pretty", text: Cause.pretty(Cause.fail(error)) },
  { surface: "JSON.stringify", text: JSON.stringify(error) ?? "" },
  { surface: "message", text: error instanceof Error ? error.message : "" },
  { surface: "String", text: String(error) },
  { surface: "inspect", text: show(error) },
  { surface: "stack", text: error instanceof Error ? (error.stack ?? "") : "" },
  {
    surface: "encoded AdminError",
    text: AdminError.isAdminError(error) ? JSON.stringify(encodeAdminError(error)) : ""
  }
]

/**
 * Runs an effect with every log line and span recorded and every failure and defect rendered.
 * Only the recording logger runs (no console noise), and only for this run.
 *
 * @example
 * import { Surfaces } from "@wa-admin/core/testing"
 * import { Effect } from "effect"
 *
 * const observed = Surfaces.observe(Effect.logInfo("hello"))
 *
 * @since 0.2.0
 * @category running
 */
export const observe = <A, E>(effect: Effect.Effect<A, E>): Effect.Effect<Observed<A, E>> =>
  Effect.gen(function*() {
    const captured: Array<Captured> = []
    const { spans, tracer } = RecordingTracer.make()
    const exit = yield* effect.pipe(
      Effect.withTracer(tracer),
      Effect.locally(FiberRef.currentLoggers, HashSet.make(recordingLogger(captured))),
      Logger.withMinimumLogLevel(LogLevel.All),
      Effect.exit
    )
    captured.push(...spans.map((span) => ({ surface: `span ${span.name}`, text: show(span.snapshot()) })))
    if (Exit.isFailure(exit)) {
      captured.push({ surface: "exit Cause.pretty", text: Cause.pretty(exit.cause) })
      for (const error of Cause.failures(exit.cause)) captured.push(...renderings(error))
      for (const defect of Cause.defects(exit.cause)) captured.push(...renderings(defect))
    }
    return { exit, captured }
  })
