import { Logger } from "effect"
import * as Json from "./json.js"

/** The longest a logged value is shown (a value logged whole could be a provider's whole answer). */
const maxValueLength = 2000

/**
 * Effect logs (an adapter's deprecation warning, say) as `wa-admin: warning: …` lines on stderr,
 * so stdout keeps only results. (Here rather than in `Output.ts`, so that starting the command
 * line does not load what reporting failures needs.)
 */
export const logger: Logger.Logger<unknown, void> = Logger.make(({ logLevel, message }) => {
  const text = (Array.isArray(message) ? message : [message])
    .map((part) => (typeof part === "string" ? part : Json.stringify(part, maxValueLength)))
    .join(" ")
  return `wa-admin: ${logLevel._tag.toLowerCase()}: ${Json.oneLine(text)}`
}).pipe(Logger.withConsoleError)
