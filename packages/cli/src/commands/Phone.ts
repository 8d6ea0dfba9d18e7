/**
 * `wa-admin phone …` — Meta's phone-number operations beyond the port (the `MetaNumbers`
 * extension): register a verified number with its two-step PIN, set the PIN, submit a new
 * display name. Any other provider answers `Unsupported`.
 *
 * @since 0.2.0
 */
import * as Options from "@effect/cli/Options"
import { commandGroup, type FlagsOf, text } from "./internal.js"

const id = text("id", "The phone number id (as `numbers provision` printed it).")

const pin = Options.redacted("pin").pipe(
  Options.withPseudoName("pin"),
  Options.withDescription("The two-step verification PIN, 6 digits (never printed).")
)

const pinFlags = { id, pin }

const displayNameFlags = { id, name: text("name", "The new display name, 2 to 75 characters.", "name") }

const flags = {
  register: pinFlags,
  pin: pinFlags,
  "display-name": displayNameFlags
}

/** The flags of each command of the group, parsed (`Flags["get"]`: those of its `get`). */
export type Flags = FlagsOf<typeof flags>

/**
 * `wa-admin phone …` (Meta only).
 *
 * @since 0.2.0
 * @category commands
 */
export const command = commandGroup({
  name: "phone",
  description: "Meta: register a verified number with its two-step PIN, change the PIN, submit a new display name.",
  extension: true,
  commands: [
    [
      "register",
      "Register a verified number with its two-step PIN. Meta allows 10 register calls per number in 72 hours."
    ],
    ["pin", (phone) => phone.setPin, "Set the two-step PIN of a registered number."],
    ["display-name", (phone) => phone.displayName, "Submit a new display name for Meta's review."]
  ],
  programs: () => import("../programs/Phone.js"),
  flags
})
