/**
 * `wa-admin qr …` — Meta's QR codes (the `MetaQrCodes` extension): codes that open a chat with a
 * number, its message already typed. Any other provider answers `Unsupported`.
 *
 * @since 0.2.0
 */
import * as Options from "@effect/cli/Options"
import { commandGroup, type FlagsOf, optionalText, text } from "./internal.js"

const number = optionalText(
  "number",
  "The phone number id whose codes these are (default: META_PHONE_NUMBER_ID).",
  "id"
)

const imageFormat = Options.choice("image-format", ["PNG", "SVG"]).pipe(
  Options.withDescription("Also print the URL of each code's image, in this format."),
  Options.optional
)

const code = text("code", "The code (as `qr list` or `qr create` printed it).")

const message = text("message", "The message the chat opens with, already typed (at most 140 characters).", "text")

const flags = {
  list: { number, imageFormat },
  get: { number, code, imageFormat },
  create: { number, message, imageFormat },
  update: { number, code, message },
  delete: { number, code }
}

/** The flags of each `qr` command, parsed (`Flags["get"]`: those of `qr get`). */
export type Flags = FlagsOf<typeof flags>

/**
 * `wa-admin qr …` (Meta only).
 *
 * @since 0.2.0
 * @category commands
 */
export const command = commandGroup({
  name: "qr",
  description: "Meta: QR codes that open a chat with the number, a message already typed — list, show, create, " +
    "change the message, delete.",
  extension: true,
  commands: [
    ["list", "List the number's codes, newest first. Under --json: one code per line."],
    ["get", "Show one code."],
    ["create", "Create a code with its message; print it, with its deep link (and image URL)."],
    ["update", "Change the message a code opens the chat with."],
    ["delete", (qr) => qr.remove, "Delete a code."]
  ],
  programs: () => import("../programs/Qr.js"),
  flags
})
