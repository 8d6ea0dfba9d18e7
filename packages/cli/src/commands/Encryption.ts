/**
 * `wa-admin encryption get|set` — the business public key WhatsApp Flows encrypt with, at
 * WOZTELL (the `WoztellEncryption` extension) or Meta (`MetaFlows`, for the number
 * `META_PHONE_NUMBER_ID`). Any other provider answers `Unsupported`.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as GlobalOptions from "../GlobalOptions.js"
import { fileLimits, fileText, lazy } from "./internal.js"

const programs = lazy(() => import("../programs/Encryption.js"))

const get = Command.make("get", GlobalOptions.options, programs((encryption) => encryption.get)).pipe(
  Command.withDescription(
    "Show the business public key on file and its signature status. Under --json: the key, or null when none is set."
  )
)

const setFlags = {
  ...GlobalOptions.options,
  publicKeyFile: fileText("public-key-file", fileLimits.publicKey).pipe(
    Options.withPseudoName("pem"),
    Options.withDescription(
      "A PEM file holding the 2048-bit RSA public key (-----BEGIN PUBLIC KEY-----); a private key is refused, never sent."
    )
  )
}

/** The flags of `encryption set`, parsed. */
export type SetKey = Command.Command.ParseConfig<typeof setFlags>

const set = Command.make("set", setFlags, programs((encryption) => encryption.set)).pipe(
  Command.withDescription("Set the business public key WhatsApp Flows encrypt with.")
)

/**
 * `wa-admin encryption …` (WOZTELL only).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("encryption").pipe(
  Command.withDescription(
    "WOZTELL and Meta: the business public key WhatsApp Flows encrypt with. Other providers answer Unsupported " +
      "(exit 10)."
  ),
  Command.withSubcommands([get, set])
)
