/**
 * `wa-admin encryption get|set` — the business public key WhatsApp Flows encrypt with, at
 * WOZTELL (the `WoztellEncryption` extension). Any other provider answers `Unsupported`.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { WoztellEncryption } from "@wa-admin/woztell"
import { Effect, Option, Schema } from "effect"
import * as GlobalOptions from "../GlobalOptions.js"
import * as Extension from "../internal/extension.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"
import { groupHandler } from "./internal.js"

const extension = Extension.woztell<WoztellEncryption.WoztellEncryption>(({ WoztellEncryption }) => WoztellEncryption.layer)

const render = (key: Option.Option<WoztellEncryption.BusinessPublicKey>): string =>
  Option.match(key, {
    onNone: () => "(no business public key set)",
    onSome: (key) =>
      [Render.fields([["signature status", key.signatureStatus]]), key.publicKey]
        .filter((part) => part !== "")
        .join("\n")
  })

const get = Command.make("get", GlobalOptions.options, (config) =>
  Extension.run(extension, config, "encryption.get", ({ WoztellEncryption }) =>
    Effect.gen(function* () {
      const key = yield* WoztellEncryption.get
      yield* Output.value(Schema.OptionFromNullOr(WoztellEncryption.BusinessPublicKey), key, render)
    }))).pipe(
    Command.withDescription(
      "Show the business public key on file and its signature status (under --json: the key, or null when none is set)."
    )
  )

const set = Command.make(
  "set",
  {
    ...GlobalOptions.options,
    publicKeyFile: Options.fileText("public-key-file").pipe(
      Options.withPseudoName("pem"),
      Options.withDescription(
        "A PEM file holding the 2048-bit RSA public key (-----BEGIN PUBLIC KEY-----); a private key is refused, never sent."
      )
    )
  },
  (config) =>
    Extension.run(extension, config, "encryption.set", ({ WoztellEncryption }) =>
      Effect.gen(function* () {
        const [path, publicKey] = config.publicKeyFile
        const request = yield* Extension.input(WoztellEncryption.SetRequest, {
          provider: "woztell",
          operation: "encryption.set"
        })({ publicKey })
        yield* WoztellEncryption.set(request)
        yield* Output.text(`Business public key from ${path} set.`)
      }))
).pipe(Command.withDescription("Set the business public key WhatsApp Flows encrypt with."))

/**
 * `wa-admin encryption …` (WOZTELL only).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("encryption", {}, groupHandler("encryption", ["get", "set"])).pipe(
  Command.withDescription(
    "WOZTELL only: the business public key for WhatsApp Flows encryption (other providers answer Unsupported, exit 10)."
  ),
  Command.withSubcommands([get, set])
)
