/**
 * A logger for tests that keeps every line — level, message, annotations and cause — as JSON
 * text, at every level: to assert what a log would show (a secret never in it, a warning given).
 *
 * @example
 * import { RecordingLogger } from "@wa-admin/core/testing"
 * import { Effect } from "effect"
 *
 * const { layer, lines } = RecordingLogger.make()
 * Effect.runSync(Effect.logDebug("hello").pipe(Effect.provide(layer)))
 * lines[0] // '{"level":"DEBUG","message":["hello"],"annotations":{}}'
 *
 * @since 0.2.0
 */
import { Cause, HashMap, Layer, Logger, LogLevel } from "effect"

/**
 * A fresh recording logger: `layer` replaces the default logger and logs every level; `lines`
 * fills as the program logs.
 *
 * @since 0.2.0
 * @category constructors
 */
export const make = (): { readonly layer: Layer.Layer<never>; readonly lines: ReadonlyArray<string> } => {
  const lines: Array<string> = []
  const logger = Logger.make(({ annotations, cause, logLevel, message }) => {
    lines.push(
      JSON.stringify({
        level: logLevel.label,
        message,
        annotations: Object.fromEntries(HashMap.toEntries(annotations)),
        cause: Cause.isEmpty(cause) ? undefined : Cause.pretty(cause)
      })
    )
  })
  return {
    layer: Layer.merge(Logger.replace(Logger.defaultLogger, logger), Logger.minimumLogLevel(LogLevel.All)),
    lines
  }
}
