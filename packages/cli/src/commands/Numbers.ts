/**
 * `wa-admin numbers provision|status|verify|resend|release|wait` — the number lifecycle port.
 *
 * @since 0.1.0
 */
import * as Options from "@effect/cli/Options"
import type { Registration } from "@wa-admin/core"
import { commandGroup, fileContent, fileLimits, type FlagsOf, optionalText, text, wabaId } from "./internal.js"

const id = text("id", "The registration's id at the provider (as `numbers provision` printed it).")

const method = optionalText("method", "How the verification code is delivered: sms or voice.", "sms|voice")

const phoneNumber = optionalText(
  "phone-number",
  "The number in E.164, e.g. +447700900000 (or give --country-code and --national-number).",
  "e164"
)

const countryCode = optionalText(
  "country-code",
  "The country calling code, digits without +, e.g. 44 (with --national-number).",
  "cc"
)

const nationalNumber = optionalText(
  "national-number",
  "The national number without the country code, e.g. 7700900000 (with --country-code).",
  "digits"
)

const vnameCertificate = optionalText(
  "vname-certificate",
  "The display-name (vname) certificate issued by Meta (Vonage).",
  "cert"
)

const pin = optionalText("pin", "The number's two-step verification PIN, 6 digits, when it has one.", "pin")

const displayName = optionalText(
  "display-name",
  "The display name to register (Kaleyra; Meta: the verified name, 2 to 75 characters).",
  "name"
)

const codeLanguage = optionalText(
  "code-language",
  "The language of the verification code's message, e.g. en_US or es_ES (Meta; default en_US).",
  "locale"
)

const businessId = optionalText("business-id", "The business (Meta Business Manager) id, digits (Kaleyra).")

const businessName = optionalText("business-name", "The legal business name (Kaleyra).", "name")

const certificate = fileContent("certificate", fileLimits.certificate).pipe(
  Options.withDescription("A business certificate file to upload: jpeg, jpg, pdf or png (Kaleyra)."),
  Options.optional
)

const provisionFlags = {
  phoneNumber,
  countryCode,
  nationalNumber,
  wabaId,
  vnameCertificate,
  method,
  pin,
  displayName,
  codeLanguage,
  businessId,
  businessName,
  certificate
}

const byId = { id }

const verifyFlags = { id, code: text("code", "The code received by SMS or voice (4 to 8 digits).", "code") }

const resendFlags = { id, method }

const states = [
  ["pending", "pending"],
  ["code-sent", "code_sent"],
  ["code-rejected", "code_rejected"],
  ["verifying", "verifying"],
  ["ready", "ready"],
  ["failed", "failed"],
  ["releasing", "releasing"],
  ["released", "released"]
] as const satisfies ReadonlyArray<readonly [string, Registration.NumberState]>

const until = Options.choiceWithValue(
  "until",
  states.map(([flag, state]): [string, Registration.NumberState] => [flag, state])
).pipe(
  Options.withDescription("The state to wait for; another terminal state ends the wait with exit code 13."),
  Options.withDefault<Registration.NumberState>("ready")
)

const interval = Options.integer("interval").pipe(
  Options.withPseudoName("millis"),
  Options.withDescription(
    "Poll every N milliseconds, at least 1000 (default: from 1 s, backing off up to 10 s; no provider asks for faster)."
  ),
  Options.optional
)

const waitFlags = { id, until, interval }

const flags = {
  provision: provisionFlags,
  status: byId,
  verify: verifyFlags,
  resend: resendFlags,
  release: byId,
  wait: waitFlags
}

/** The flags of each command of the group, parsed (`Flags["get"]`: those of its `get`). */
export type Flags = FlagsOf<typeof flags>

/**
 * `wa-admin numbers …`
 *
 * @since 0.1.0
 * @category commands
 */
export const command = commandGroup({
  name: "numbers",
  description: "Provision a number, follow its state, verify and resend codes, release it.",
  commands: [
    [
      "provision",
      "Start registering a number. Each provider needs its own subset of the flags: Vonage --waba-id, " +
      "--vname-certificate and --method; Kaleyra --display-name, --business-id, --business-name and --certificate."
    ],
    ["status", "Show a registration's current state."],
    ["verify", "Submit the verification code."],
    ["resend", "Send the verification code again (optionally by another --method)."],
    ["release", "Release (delete) a registration."],
    [
      "wait",
      "Follow a registration until it reaches a state (--until), printing each change. Exit 13 when it ends in " +
      "another terminal state."
    ]
  ],
  programs: () => import("../programs/Numbers.js"),
  flags
})
