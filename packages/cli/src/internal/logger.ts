import { Logger } from "effect"

/** The text on one line: every line break, with the blanks around it, becomes one space. */
export const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, " ")

/**
 * Effect logs (an adapter's deprecation warning, say) as `wa-admin: warning: …` lines on stderr,
 * so stdout keeps only results. (Here rather than in `Output.ts`, so that starting the command
 * line does not load what reporting failures needs.)
 */
export const logger: Logger.Logger<unknown, void> = Logger.make(({ logLevel, message }) => {
  const text = (Array.isArray(message) ? message : [message])
    .map((part) => (typeof part === "string" ? part : JSON.stringify(part)))
    .join(" ")
  return `wa-admin: ${logLevel._tag.toLowerCase()}: ${oneLine(text)}`
}).pipe(Logger.withConsoleError)
