/**
 * `wa-admin analytics conversations` — WOZTELL's conversation analytics over a date range (the
 * `WoztellAnalytics` extension). Any other provider answers `Unsupported`.
 *
 * @since 0.1.0
 */
import { commandGroup, type FlagsOf, repeatedText, text } from "./internal.js"

const flags = {
  conversations: {
    from: text("from", "The start of the range, ISO 8601: 2024-01-01 or 2024-01-01T00:00:00Z.", "time"),
    to: text("to", "The end of the range (after --from), ISO 8601.", "time"),
    granularity: text("granularity", "One data point per HALF_HOUR, DAILY or MONTHLY.", "HALF_HOUR|DAILY|MONTHLY"),
    phoneNumbers: repeatedText(
      "phone-number",
      "Only this phone number, digits with country code (repeatable).",
      "digits"
    ),
    metricTypes: repeatedText("metric-type", "Only these metrics: COST, CONVERSATION (repeatable).", "type"),
    conversationTypes: repeatedText(
      "conversation-type",
      "Only these conversation types: FREE_ENTRY_POINT, FREE_TIER, REGULAR, UNKNOWN (repeatable).",
      "type"
    ),
    conversationDirections: repeatedText(
      "conversation-direction",
      "Only conversations initiated this way: BUSINESS_INITIATED, USER_INITIATED (repeatable).",
      "direction"
    ),
    dimensions: repeatedText(
      "dimension",
      "Break the figures down by PHONE, COUNTRY, CONVERSATION_TYPE or CONVERSATION_DIRECTION (repeatable).",
      "dimension"
    )
  }
}

/** The flags of each `analytics` command, parsed. */
export type Flags = FlagsOf<typeof flags>

/**
 * `wa-admin analytics …` (WOZTELL only).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = commandGroup({
  name: "analytics",
  description: "WOZTELL: conversation analytics.",
  extension: true,
  commands: [
    [
      "conversations",
      "Count conversations and their cost over a date range. By half hour, day or month; under --json: one data " +
      "point per line."
    ]
  ],
  programs: () => import("../programs/Analytics.js"),
  flags
})
