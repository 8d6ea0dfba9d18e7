/**
 * `wa-admin analytics conversations` — WOZTELL's conversation analytics over a date range (the
 * `WoztellAnalytics` extension). Any other provider answers `Unsupported`.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as GlobalOptions from "../GlobalOptions.js"
import { lazy } from "./internal.js"

const programs = lazy(() => import("../programs/Analytics.js"))

const repeated = (name: string, description: string, pseudoName: string) =>
  Options.text(name).pipe(Options.withPseudoName(pseudoName), Options.withDescription(description), Options.repeated)

const conversationsFlags = {
  ...GlobalOptions.options,
  from: Options.text("from").pipe(
    Options.withPseudoName("time"),
    Options.withDescription("The start of the range, ISO 8601: 2024-01-01 or 2024-01-01T00:00:00Z.")
  ),
  to: Options.text("to").pipe(
    Options.withPseudoName("time"),
    Options.withDescription("The end of the range (after --from), ISO 8601.")
  ),
  granularity: Options.text("granularity").pipe(
    Options.withPseudoName("HALF_HOUR|DAILY|MONTHLY"),
    Options.withDescription("One data point per HALF_HOUR, DAILY or MONTHLY.")
  ),
  phoneNumbers: repeated("phone-number", "Only this phone number, digits with country code (repeatable).", "digits"),
  metricTypes: repeated("metric-type", "Only these metrics: COST, CONVERSATION (repeatable).", "type"),
  conversationTypes: repeated(
    "conversation-type",
    "Only these conversation types: FREE_ENTRY_POINT, FREE_TIER, REGULAR, UNKNOWN (repeatable).",
    "type"
  ),
  conversationDirections: repeated(
    "conversation-direction",
    "Only conversations initiated this way: BUSINESS_INITIATED, USER_INITIATED (repeatable).",
    "direction"
  ),
  dimensions: repeated(
    "dimension",
    "Break the figures down by PHONE, COUNTRY, CONVERSATION_TYPE or CONVERSATION_DIRECTION (repeatable).",
    "dimension"
  )
}

/** The flags of `analytics conversations`, parsed. */
export type Conversations = Command.Command.ParseConfig<typeof conversationsFlags>

const conversations = Command.make(
  "conversations",
  conversationsFlags,
  programs((analytics) => analytics.conversations)
).pipe(
  Command.withDescription(
    "Count conversations and their cost over a date range. By half hour, day or month; under --json: one data " +
      "point per line."
  )
)

/**
 * `wa-admin analytics …` (WOZTELL only).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("analytics").pipe(
  Command.withDescription("WOZTELL: conversation analytics. Other providers answer Unsupported (exit 10)."),
  Command.withSubcommands([conversations])
)
