/**
 * `wa-admin analytics conversations` — WOZTELL's conversation analytics over a date range (the
 * `WoztellAnalytics` extension). Any other provider answers `Unsupported`.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { WoztellAnalytics } from "@wa-admin/woztell"
import { DateTime, Effect, Stream } from "effect"
import * as GlobalOptions from "../GlobalOptions.js"
import * as Extension from "../internal/extension.js"
import * as Render from "../Render.js"
import { compact, groupHandler } from "./internal.js"

const extension = Extension.woztell<WoztellAnalytics.WoztellAnalytics>(({ WoztellAnalytics }) => WoztellAnalytics.layer)

const repeated = (name: string, description: string) =>
  Options.text(name).pipe(Options.withDescription(description), Options.repeated)

const optionalNumber = (value: number | undefined) => (value === undefined ? "" : String(value))

const columns = Render.columns<WoztellAnalytics.DataPoint>([
  { title: "START", width: 24, value: (point) => DateTime.formatIso(point.start) },
  { title: "END", width: 24, value: (point) => DateTime.formatIso(point.end) },
  { title: "CONVERSATIONS", width: 13, value: (point) => optionalNumber(point.conversations) },
  { title: "COST", width: 8, value: (point) => optionalNumber(point.cost) },
  { title: "PHONE", width: 15, value: (point) => point.phoneNumber ?? "" },
  { title: "COUNTRY", width: 7, value: (point) => point.country ?? "" },
  { title: "TYPE", width: 16, value: (point) => point.conversationType ?? "" },
  { title: "DIRECTION", width: 0, value: (point) => point.conversationDirection ?? "" }
])

const conversations = Command.make(
  "conversations",
  {
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
      Options.withDescription("One data point per HALF_HOUR, DAILY or MONTHLY.")
    ),
    phoneNumbers: repeated("phone-number", "Only this phone number, digits with country code (repeatable)."),
    metricTypes: repeated("metric-type", "Only these metrics: COST, CONVERSATION (repeatable)."),
    conversationTypes: repeated(
      "conversation-type",
      "Only these conversation types: FREE_ENTRY_POINT, FREE_TIER, REGULAR, UNKNOWN (repeatable)."
    ),
    conversationDirections: repeated(
      "conversation-direction",
      "Only conversations initiated this way: BUSINESS_INITIATED, USER_INITIATED (repeatable)."
    ),
    dimensions: repeated(
      "dimension",
      "Break the figures down by PHONE, COUNTRY, CONVERSATION_TYPE or CONVERSATION_DIRECTION (repeatable)."
    )
  },
  (config) =>
    Extension.run(extension, config, "analytics.conversations", ({ WoztellAnalytics }) =>
      Effect.gen(function* () {
        const request = yield* Extension.input(WoztellAnalytics.ConversationsRequest, {
          provider: "woztell",
          operation: "analytics.conversations"
        })(
          compact({
            from: config.from,
            to: config.to,
            granularity: config.granularity,
            phoneNumbers: Extension.nonEmpty(config.phoneNumbers),
            metricTypes: Extension.nonEmpty(config.metricTypes),
            conversationTypes: Extension.nonEmpty(config.conversationTypes),
            conversationDirections: Extension.nonEmpty(config.conversationDirections),
            dimensions: Extension.nonEmpty(config.dimensions)
          })
        )
        const points = yield* WoztellAnalytics.conversations(request)
        yield* Extension.table(
          Stream.fromIterable(points),
          WoztellAnalytics.DataPoint,
          columns,
          "(no conversations in this range)"
        )
      }))
).pipe(
  Command.withDescription(
    "Conversation counts and cost over a date range, by half hour, day or month (under --json: one data point per line)."
  )
)

/**
 * `wa-admin analytics …` (WOZTELL only).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("analytics", {}, groupHandler("analytics", ["conversations"])).pipe(
  Command.withDescription("WOZTELL only: conversation analytics (other providers answer Unsupported, exit 10)."),
  Command.withSubcommands([conversations])
)
