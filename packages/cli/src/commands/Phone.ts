/**
 * `wa-admin phone …` — Meta's phone-number operations beyond the port (the `MetaNumbers`
 * extension): register a verified number with its two-step PIN, set the PIN, submit a new
 * display name. Any other provider answers `Unsupported`.
 *
 * @since 0.2.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as GlobalOptions from "../GlobalOptions.js"
import { lazy } from "./internal.js"

const programs = lazy(() => import("../programs/Phone.js"))

const id = Options.text("id").pipe(
  Options.withDescription("The phone number id (as `numbers provision` printed it).")
)

const pin = Options.redacted("pin").pipe(
  Options.withPseudoName("pin"),
  Options.withDescription("The two-step verification PIN, 6 digits (never printed).")
)

const pinFlags = { ...GlobalOptions.options, id, pin }

/** The flags of `phone register` and `phone pin`, parsed. */
export type WithPin = Command.Command.ParseConfig<typeof pinFlags>

const displayNameFlags = {
  ...GlobalOptions.options,
  id,
  name: Options.text("name").pipe(
    Options.withPseudoName("name"),
    Options.withDescription("The new display name, 2 to 75 characters.")
  )
}

/** The flags of `phone display-name`, parsed. */
export type DisplayName = Command.Command.ParseConfig<typeof displayNameFlags>

/**
 * `wa-admin phone …` (Meta only).
 *
 * @since 0.2.0
 * @category commands
 */
export const command = Command.make("phone").pipe(
  Command.withDescription(
    "Meta: register a verified number with its two-step PIN, change the PIN, submit a new display name. Other " +
      "providers answer Unsupported (exit 10)."
  ),
  Command.withSubcommands([
    Command.make("register", pinFlags, programs((phone) => phone.register)).pipe(
      Command.withDescription(
        "Register a verified number with its two-step PIN. Meta allows 10 register calls per number in 72 hours."
      )
    ),
    Command.make("pin", pinFlags, programs((phone) => phone.setPin)).pipe(
      Command.withDescription("Set the two-step PIN of a registered number.")
    ),
    Command.make("display-name", displayNameFlags, programs((phone) => phone.displayName)).pipe(
      Command.withDescription("Submit a new display name for Meta's review.")
    )
  ])
)
