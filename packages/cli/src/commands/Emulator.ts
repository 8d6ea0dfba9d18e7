/**
 * `wa-admin emulator <provider> [--port N]` — runs a provider's emulator on loopback until
 * interrupted, and prints the environment that points `wa-admin` (and the provider's
 * `layerConfig`) at it.
 *
 * @since 0.1.0
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as GlobalOptions from "../GlobalOptions.js"
import { lazy } from "./internal.js"

const programs = lazy(() => import("../programs/Emulator.js"))

const flags = {
  json: GlobalOptions.json,
  provider: Args.text({ name: "provider" }).pipe(Args.withDescription("The provider whose emulator to run.")),
  port: Options.integer("port").pipe(
    Options.withDescription(
      "The port to listen on, 0 to 65535 (default 0: any free port). A port in use or not permitted exits 15."
    ),
    Options.withDefault(0)
  ),
  host: Options.text("host").pipe(
    Options.withPseudoName("host"),
    Options.withDescription("The address to listen on, one of this machine's (default 127.0.0.1)."),
    Options.withDefault("127.0.0.1")
  )
}

/** The arguments and flags of `emulator`, parsed. */
export type Flags = Command.Command.ParseConfig<typeof flags>

/**
 * `wa-admin emulator …`
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("emulator", flags, programs((emulator) => emulator.serve)).pipe(
  Command.withDescription(
    "Run a provider's emulator on loopback until interrupted. The emulator is written from the provider's " +
      "documents; its URL and the environment variables that point wa-admin at it are printed first."
  )
)
