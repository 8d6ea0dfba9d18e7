import { HashMap, Logger, Redacted } from "effect"
import * as Json from "./json.js"

/** The longest a logged value is shown (a value logged whole could be a provider's whole answer). */
const maxValueLength = 2000

/** Annotation keys whose values are never shown, whatever they hold. */
const secretKey = /token|secret|password|passwd|authori[sz]ation|cookie|api[-_]?key|private[-_]?key|signature|jwt/i

const redacted = "<redacted>"

/** An annotation's value for a log line: a plain word as is, anything else as JSON; secrets redacted. */
const shown = (key: string, value: unknown): string => {
  if (secretKey.test(key) || Redacted.isRedacted(value)) return redacted
  if (typeof value === "string") return /^[^\s"=]+$/.test(value) ? value : Json.stringify(value, maxValueLength)
  return Json.stringify(value, maxValueLength)
}

/**
 * Effect logs (an adapter's deprecation warning, say) as `wa-admin: warning: …` lines on stderr,
 * so stdout keeps only results. Debug and trace lines carry their annotations as `key=value`, by
 * name (`wa-admin: debug: wa-admin http attempt=1 method=GET … status=200 url=…`), secrets
 * redacted. (Here rather than in `Output.ts`, so that starting the command line does not load
 * what reporting failures needs.)
 */
export const logger: Logger.Logger<unknown, void> = Logger.make(({ annotations, logLevel, message }) => {
  const text = (Array.isArray(message) ? message : [message])
    .map((part) => (typeof part === "string" ? part : Json.stringify(part, maxValueLength)))
    .join(" ")
  const detailed = logLevel._tag === "Debug" || logLevel._tag === "Trace"
  const fields = detailed
    ? [...HashMap.toEntries(annotations)]
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
      .map(([key, value]) => ` ${key}=${shown(key, value)}`)
      .join("")
    : ""
  return `wa-admin: ${logLevel._tag.toLowerCase()}: ${Json.oneLine(text + fields)}`
}).pipe(Logger.withConsoleError)
