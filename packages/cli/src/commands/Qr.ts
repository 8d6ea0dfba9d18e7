/**
 * `wa-admin qr …` — Meta's QR codes (the `MetaQrCodes` extension): codes that open a chat with a
 * number, its message already typed. Any other provider answers `Unsupported`.
 *
 * @since 0.2.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as GlobalOptions from "../GlobalOptions.js"
import { lazy } from "./internal.js"

const programs = lazy(() => import("../programs/Qr.js"))

const number = Options.text("number").pipe(
  Options.withPseudoName("id"),
  Options.withDescription("The phone number id whose codes these are (default: META_PHONE_NUMBER_ID)."),
  Options.optional
)

const imageFormat = Options.choice("image-format", ["PNG", "SVG"]).pipe(
  Options.withDescription("Also print the URL of each code's image, in this format."),
  Options.optional
)

const code = Options.text("code").pipe(Options.withDescription("The code (as `qr list` or `qr create` printed it)."))

const message = Options.text("message").pipe(
  Options.withPseudoName("text"),
  Options.withDescription("The message the chat opens with, already typed (at most 140 characters).")
)

const listFlags = { ...GlobalOptions.options, number, imageFormat }

/** The flags of `qr list`, parsed. */
export type List = Command.Command.ParseConfig<typeof listFlags>

const getFlags = { ...GlobalOptions.options, number, code, imageFormat }

/** The flags of `qr get`, parsed. */
export type Get = Command.Command.ParseConfig<typeof getFlags>

const createFlags = { ...GlobalOptions.options, number, message, imageFormat }

/** The flags of `qr create`, parsed. */
export type Create = Command.Command.ParseConfig<typeof createFlags>

const updateFlags = { ...GlobalOptions.options, number, code, message }

/** The flags of `qr update`, parsed. */
export type Update = Command.Command.ParseConfig<typeof updateFlags>

const deleteFlags = { ...GlobalOptions.options, number, code }

/** The flags of `qr delete`, parsed. */
export type Delete = Command.Command.ParseConfig<typeof deleteFlags>

/**
 * `wa-admin qr …` (Meta only).
 *
 * @since 0.2.0
 * @category commands
 */
export const command = Command.make("qr").pipe(
  Command.withDescription(
    "Meta: QR codes that open a chat with the number, a message already typed — list, show, create, change the " +
      "message, delete. Other providers answer Unsupported (exit 10)."
  ),
  Command.withSubcommands([
    Command.make("list", listFlags, programs((qr) => qr.list)).pipe(
      Command.withDescription("List the number's codes, newest first. Under --json: one code per line.")
    ),
    Command.make("get", getFlags, programs((qr) => qr.get)).pipe(Command.withDescription("Show one code.")),
    Command.make("create", createFlags, programs((qr) => qr.create)).pipe(
      Command.withDescription("Create a code with its message; print it, with its deep link (and image URL).")
    ),
    Command.make("update", updateFlags, programs((qr) => qr.update)).pipe(
      Command.withDescription("Change the message a code opens the chat with.")
    ),
    Command.make("delete", deleteFlags, programs((qr) => qr.remove)).pipe(Command.withDescription("Delete a code."))
  ])
)
