/**
 * What `wa-admin waba info` does once its flags are parsed (loaded when it runs; the WOZTELL
 * adapter is loaded only when the chosen provider is WOZTELL).
 *
 * @since 0.1.0
 */
import { WoztellAdmin, WoztellProvider, WoztellWaba } from "@wa-admin/woztell"
import { Effect, Option } from "effect"
import { UsageError } from "../CliError.js"
import type * as Waba from "../commands/Waba.js"
import * as Extension from "../internal/extension.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"

const extension = Extension.make({
  provider: WoztellProvider,
  module: { WoztellWaba },
  layer: WoztellAdmin.layerConfig
})

const render = (info: WoztellWaba.WabaInfo): string =>
  Render.fields([
    ["WABA id", info.wabaId],
    ["name", info.name],
    ["namespace", info.namespace],
    ["phone number id", info.phoneNumberId],
    ["phone number", info.formattedPhoneNumber ?? info.phoneNumber],
    ["WhatsApp id", info.waId],
    ["embedded signup", info.embeddedSignup === undefined ? undefined : info.embeddedSignup ? "yes" : "no"]
  ])

/**
 * `wa-admin waba info`
 *
 * @since 0.1.0
 * @category programs
 */
export const info = (config: Waba.Info) =>
  Extension.run(extension, config, "waba.info", ({ WoztellWaba }) =>
    Effect.gen(function*() {
      const origin = { provider: "woztell", operation: "waba.info" }
      type By = { readonly channelId: string } | { readonly wabaId: string }
      const by: Option.Option<By> = Option.isSome(config.channelId)
        ? Option.isSome(config.wabaId)
          ? yield* Effect.fail(new UsageError({ reason: "give --channel-id or --waba-id, not both" }))
          : Option.some({ channelId: config.channelId.value })
        : Option.map(config.wabaId, (wabaId) => ({ wabaId }))
      const request = yield* Option.match(by, {
        onNone: () => Effect.succeed(undefined),
        onSome: Extension.input(WoztellWaba.InfoRequest, origin)
      })
      const waba = yield* WoztellWaba.info(request)
      yield* Output.value(WoztellWaba.WabaInfo, waba, render)
    }))
