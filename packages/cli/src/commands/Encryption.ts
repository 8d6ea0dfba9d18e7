/**
 * `wa-admin encryption get|set` — the business public key WhatsApp Flows encrypt with, at
 * WOZTELL (the `WoztellEncryption` extension) or Meta (`MetaFlows`, for the number
 * `META_PHONE_NUMBER_ID`). Any other provider answers `Unsupported`.
 *
 * @since 0.1.0
 */
import * as Options from "@effect/cli/Options"
import { commandGroup, fileLimits, fileText, type FlagsOf } from "./internal.js"

const flags = {
  get: {},
  set: {
    publicKeyFile: fileText("public-key-file", fileLimits.publicKey).pipe(
      Options.withPseudoName("pem"),
      Options.withDescription(
        "A PEM file holding the 2048-bit RSA public key (-----BEGIN PUBLIC KEY-----); a private key is refused, never sent."
      )
    )
  }
}

/** The flags of each `encryption` command, parsed. */
export type Flags = FlagsOf<typeof flags>

/**
 * `wa-admin encryption …` (WOZTELL only).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = commandGroup({
  name: "encryption",
  description: "WOZTELL and Meta: the business public key WhatsApp Flows encrypt with.",
  extension: true,
  commands: [
    [
      "get",
      "Show the business public key on file and its signature status. Under --json: the key, or null when none is set."
    ],
    ["set", "Set the business public key WhatsApp Flows encrypt with."]
  ],
  programs: () => import("../programs/Encryption.js"),
  flags
})
