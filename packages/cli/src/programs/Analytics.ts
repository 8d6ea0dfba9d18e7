/**
 * What `wa-admin analytics conversations` does once its flags are parsed (loaded when it runs;
 * the WOZTELL adapter is loaded only when the chosen provider is WOZTELL).
 *
 * @since 0.1.0
 */
import { WoztellAnalytics, WoztellProvider } from "@wa-admin/woztell"
import { DateTime, Effect, Stream } from "effect"
import type * as Analytics from "../commands/Analytics.js"
import * as Extension from "../internal/extension.js"
import * as WoztellLayer from "../internal/woztell.js"
import * as Render from "../Render.js"
import { compact } from "./internal.js"

const extension = Extension.make({
  provider: WoztellProvider,
  module: { WoztellAnalytics },
  layer: WoztellLayer.layer
})

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

/**
 * `wa-admin analytics conversations`
 *
 * @since 0.1.0
 * @category programs
 */
export const conversations = (config: Analytics.Flags["conversations"]) =>
  Extension.run(extension, config, "analytics.conversations", ({ WoztellAnalytics }) =>
    Effect.gen(function*() {
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
