/**
 * `wa-admin waba info` — the WhatsApp Business Account behind WOZTELL's channel (the
 * `WoztellWaba` extension). Any other provider answers `Unsupported`.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as GlobalOptions from "../GlobalOptions.js"
import { lazy } from "./internal.js"

const programs = lazy(() => import("../programs/Waba.js"))

const infoFlags = {
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
}

/** The flags of `waba info`, parsed. */
export type Info = Command.Command.ParseConfig<typeof infoFlags>

const info = Command.make("info", infoFlags, programs((waba) => waba.info)).pipe(
  Command.withDescription("Show the WABA behind the channel (id, name, namespace, phone number).")
)

/**
 * `wa-admin waba …` (WOZTELL only).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("waba").pipe(
  Command.withDescription(
    "WOZTELL: the WhatsApp Business Account behind the channel. Other providers answer Unsupported (exit 10)."
  ),
  Command.withSubcommands([info])
)
