/**
 * `wa-admin waba info` — the WhatsApp Business Account behind WOZTELL's channel (the
 * `WoztellWaba` extension). Any other provider answers `Unsupported`.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { WoztellWaba } from "@wa-admin/woztell"
import { Effect, Option } from "effect"
import { UsageError } from "../CliError.js"
import * as GlobalOptions from "../GlobalOptions.js"
import * as Extension from "../internal/extension.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"
import { groupHandler } from "./internal.js"

const extension = Extension.woztell<WoztellWaba.WoztellWaba>(({ WoztellWaba }) => WoztellWaba.layer)

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

const info = Command.make(
  "info",
  {
    ...GlobalOptions.options,
    channelId: Options.text("channel-id").pipe(
      Options.withDescription("The WOZTELL channel whose WABA to show (default: WOZTELL_CHANNEL_ID)."),
      Options.optional
    ),
    wabaId: Options.text("waba-id").pipe(
      Options.withDescription(
        "The WABA to show, by id (instead of --channel-id; default: WOZTELL_WABA_ID without a channel)."
      ),
      Options.optional
    )
  },
  (config) =>
    Extension.run(extension, config, "waba.info", ({ WoztellWaba }) =>
      Effect.gen(function* () {
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
).pipe(Command.withDescription("Show the WABA behind the channel: its id, name, namespace and phone number."))

/**
 * `wa-admin waba …` (WOZTELL only).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("waba", {}, groupHandler("waba", ["info"])).pipe(
  Command.withDescription(
    "WOZTELL only: the WhatsApp Business Account behind the channel (other providers answer Unsupported, exit 10)."
  ),
  Command.withSubcommands([info])
)
