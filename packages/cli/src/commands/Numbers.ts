/**
 * `wa-admin numbers provision|status|verify|resend|release|wait` — the number lifecycle port.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { Registration } from "@wa-admin/core"
import * as GlobalOptions from "../GlobalOptions.js"
import { fileContent, fileLimits, lazy } from "./internal.js"

const programs = lazy(() => import("../programs/Numbers.js"))

const id = Options.text("id").pipe(
  Options.withDescription("The registration's id at the provider (as `numbers provision` printed it).")
)

const wabaId = Options.text("waba-id").pipe(
  Options.withDescription(
    "The WhatsApp Business Account id (digits); default from the provider's environment, if any."
  ),
  Options.optional
)

const method = Options.text("method").pipe(
  Options.withPseudoName("sms|voice"),
  Options.withDescription("How the verification code is delivered: sms or voice."),
  Options.optional
)

const phoneNumber = Options.text("phone-number").pipe(
  Options.withPseudoName("e164"),
  Options.withDescription("The number in E.164, e.g. +447700900000 (or give --country-code and --national-number)."),
  Options.optional
)

const countryCode = Options.text("country-code").pipe(
  Options.withPseudoName("cc"),
  Options.withDescription("The country calling code, digits without +, e.g. 44 (with --national-number)."),
  Options.optional
)

const nationalNumber = Options.text("national-number").pipe(
  Options.withPseudoName("digits"),
  Options.withDescription("The national number without the country code, e.g. 7700900000 (with --country-code)."),
  Options.optional
)

const vnameCertificate = Options.text("vname-certificate").pipe(
  Options.withPseudoName("cert"),
  Options.withDescription("The display-name (vname) certificate issued by Meta (Vonage)."),
  Options.optional
)

const pin = Options.text("pin").pipe(
  Options.withPseudoName("pin"),
  Options.withDescription("The number's two-step verification PIN, 6 digits, when it has one."),
  Options.optional
)

const displayName = Options.text("display-name").pipe(
  Options.withPseudoName("name"),
  Options.withDescription("The display name to register (Kaleyra; Meta: the verified name, 2 to 75 characters)."),
  Options.optional
)

const codeLanguage = Options.text("code-language").pipe(
  Options.withPseudoName("locale"),
  Options.withDescription(
    "The language of the verification code's message, e.g. en_US or es_ES (Meta; default en_US)."
  ),
  Options.optional
)

const businessId = Options.text("business-id").pipe(
  Options.withDescription("The business (Meta Business Manager) id, digits (Kaleyra)."),
  Options.optional
)

const businessName = Options.text("business-name").pipe(
  Options.withPseudoName("name"),
  Options.withDescription("The legal business name (Kaleyra)."),
  Options.optional
)

const certificate = fileContent("certificate", fileLimits.certificate).pipe(
  Options.withDescription("A business certificate file to upload: jpeg, jpg, pdf or png (Kaleyra)."),
  Options.optional
)

const provisionFlags = {
  ...GlobalOptions.options,
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

/** The flags of `numbers provision`, parsed. */
export type Provision = Command.Command.ParseConfig<typeof provisionFlags>

const provision = Command.make("provision", provisionFlags, programs((numbers) => numbers.provision)).pipe(
  Command.withDescription(
    "Start registering a number. Each provider needs its own subset of the flags: Vonage --waba-id, " +
      "--vname-certificate and --method; Kaleyra --display-name, --business-id, --business-name and --certificate."
  )
)

const byId = { ...GlobalOptions.options, id }

/** The flags of `numbers status` and `numbers release`, parsed. */
export type ById = Command.Command.ParseConfig<typeof byId>

const status = Command.make("status", byId, programs((numbers) => numbers.status)).pipe(
  Command.withDescription("Show a registration's current state.")
)

const verifyFlags = {
  ...GlobalOptions.options,
  id,
  code: Options.text("code").pipe(
    Options.withPseudoName("code"),
    Options.withDescription("The code received by SMS or voice (4 to 8 digits).")
  )
}

/** The flags of `numbers verify`, parsed. */
export type Verify = Command.Command.ParseConfig<typeof verifyFlags>

const verify = Command.make("verify", verifyFlags, programs((numbers) => numbers.verify)).pipe(
  Command.withDescription("Submit the verification code.")
)

const resendFlags = { ...GlobalOptions.options, id, method }

/** The flags of `numbers resend`, parsed. */
export type Resend = Command.Command.ParseConfig<typeof resendFlags>

const resend = Command.make("resend", resendFlags, programs((numbers) => numbers.resend)).pipe(
  Command.withDescription("Send the verification code again (optionally by another --method).")
)

const release = Command.make("release", byId, programs((numbers) => numbers.release)).pipe(
  Command.withDescription("Release (delete) a registration.")
)

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

const waitFlags = { ...GlobalOptions.options, id, until, interval }

/** The flags of `numbers wait`, parsed. */
export type Wait = Command.Command.ParseConfig<typeof waitFlags>

const wait = Command.make("wait", waitFlags, programs((numbers) => numbers.wait)).pipe(
  Command.withDescription(
    "Follow a registration until it reaches a state (--until), printing each change. Exit 13 when it ends in " +
      "another terminal state."
  )
)

/**
 * `wa-admin numbers …`
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("numbers").pipe(
  Command.withDescription("Provision a number, follow its state, verify and resend codes, release it."),
  Command.withSubcommands([provision, status, verify, resend, release, wait])
)
