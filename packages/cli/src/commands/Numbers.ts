/**
 * `wa-admin numbers provision|status|verify|resend|release|wait` — the number lifecycle port.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { NumberLifecycle, Registration, Validation } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import { Effect, Option, Schedule } from "effect"
import { basename } from "node:path"
import { UsageError } from "../CliError.js"
import * as GlobalOptions from "../GlobalOptions.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"
import { Session } from "../Session.js"
import * as SessionModule from "../Session.js"
import { compact, groupHandler } from "./internal.js"

const id = Options.text("id").pipe(
  Options.withDescription("The registration's id at the provider (as `numbers provision` printed it).")
)

const wabaId = Options.text("waba-id").pipe(
  Options.withDescription("The WhatsApp Business Account id (digits); default from the provider's environment, if any."),
  Options.optional
)

const method = Options.text("method").pipe(
  Options.withDescription("How the verification code is delivered: sms or voice."),
  Options.optional
)

const phoneNumber = Options.text("phone-number").pipe(
  Options.withPseudoName("e164"),
  Options.withDescription("The number in E.164, e.g. +447700900000 (or give --country-code and --national-number)."),
  Options.optional
)

const countryCode = Options.text("country-code").pipe(
  Options.withDescription("The country calling code, digits without +, e.g. 44 (with --national-number)."),
  Options.optional
)

const nationalNumber = Options.text("national-number").pipe(
  Options.withDescription("The national number without the country code, e.g. 7700900000 (with --country-code)."),
  Options.optional
)

const vnameCertificate = Options.text("vname-certificate").pipe(
  Options.withDescription("The display-name (vname) certificate issued by Meta (Vonage)."),
  Options.optional
)

const pin = Options.text("pin").pipe(
  Options.withDescription("The number's two-step verification PIN, 6 digits, when it has one."),
  Options.optional
)

const displayName = Options.text("display-name").pipe(
  Options.withDescription("The display name to register (Kaleyra)."),
  Options.optional
)

const businessId = Options.text("business-id").pipe(
  Options.withDescription("The business (Meta Business Manager) id, digits (Kaleyra)."),
  Options.optional
)

const businessName = Options.text("business-name").pipe(
  Options.withDescription("The legal business name (Kaleyra)."),
  Options.optional
)

const certificate = Options.fileContent("certificate").pipe(
  Options.withDescription("A business certificate file to upload: jpeg, jpg, pdf or png (Kaleyra)."),
  Options.optional
)

const phoneNumberInput = (
  origin: Validation.Origin,
  flags: {
    readonly phoneNumber: Option.Option<string>
    readonly countryCode: Option.Option<string>
    readonly nationalNumber: Option.Option<string>
  }
): Effect.Effect<string, UsageError | AdminError.InvalidInput> => {
  const { countryCode, nationalNumber, phoneNumber } = flags
  if (Option.isSome(phoneNumber)) {
    return Option.isSome(countryCode) || Option.isSome(nationalNumber)
      ? Effect.fail(new UsageError({ reason: "give --phone-number, or --country-code with --national-number, not both" }))
      : Effect.succeed(phoneNumber.value)
  }
  if (Option.isSome(countryCode) && Option.isSome(nationalNumber)) {
    return Effect.succeed(`+${countryCode.value.replace(/^\+/, "")}${nationalNumber.value}`)
  }
  return Effect.fail(
    Validation.invalidInput(origin, [
      { field: "phoneNumber", rule: "is required: pass --phone-number, or --country-code with --national-number" }
    ])
  )
}

const provision = Command.make(
  "provision",
  {
    ...GlobalOptions.options,
    phoneNumber,
    countryCode,
    nationalNumber,
    wabaId,
    vnameCertificate,
    method,
    pin,
    displayName,
    businessId,
    businessName,
    certificate
  },
  (config) =>
    SessionModule.run(
      config,
      Effect.gen(function* () {
        const session = yield* Session
        const operation = "numbers.provision"
        const number = yield* phoneNumberInput(session.origin(operation), config)
        const waba = yield* session.optionalWabaId(config.wabaId)
        const business =
          Option.isSome(config.businessId) || Option.isSome(config.businessName) || Option.isSome(config.certificate)
            ? compact({
              id: Option.getOrUndefined(config.businessId),
              name: Option.getOrUndefined(config.businessName),
              certificate: Option.getOrUndefined(
                Option.map(config.certificate, ([path, bytes]) => ({ fileName: basename(path), bytes }))
              )
            })
            : undefined
        const request = yield* session.input(Registration.ProvisionRequest, operation)(
          compact({
            phoneNumber: number,
            wabaId: Option.getOrUndefined(waba),
            vnameCertificate: Option.getOrUndefined(config.vnameCertificate),
            verificationMethod: Option.getOrUndefined(config.method),
            pin: Option.getOrUndefined(config.pin),
            displayName: Option.getOrUndefined(config.displayName),
            business
          })
        )
        const registration = yield* NumberLifecycle.provision(request)
        yield* Output.value(Registration.Registration, registration, Render.registration)
      })
    )
).pipe(
  Command.withDescription(
    "Start registering a number. Each provider needs its own subset of the flags: Vonage --waba-id, " +
      "--vname-certificate and --method; Kaleyra --display-name, --business-id, --business-name and --certificate."
  )
)

const status = Command.make("status", { ...GlobalOptions.options, id }, (config) =>
  SessionModule.run(
    config,
    Effect.gen(function* () {
      const request = yield* SessionModule.input(NumberLifecycle.RegistrationRef, "numbers.status")({ id: config.id })
      const registration = yield* NumberLifecycle.status(request)
      yield* Output.value(Registration.Registration, registration, Render.registration)
    })
  )).pipe(Command.withDescription("Show a registration's current state."))

const verify = Command.make(
  "verify",
  {
    ...GlobalOptions.options,
    id,
    code: Options.text("code").pipe(Options.withDescription("The code received by SMS or voice (4 to 8 digits)."))
  },
  (config) =>
    SessionModule.run(
      config,
      Effect.gen(function* () {
        const request = yield* SessionModule.input(NumberLifecycle.VerifyRequest, "numbers.verify")({
          id: config.id,
          code: config.code
        })
        yield* NumberLifecycle.verifyCode(request)
        yield* Output.text(`Code accepted for ${config.id}; run \`wa-admin numbers wait --id ${config.id}\` to follow it.`)
      })
    )
).pipe(Command.withDescription("Submit the verification code."))

const resend = Command.make("resend", { ...GlobalOptions.options, id, method }, (config) =>
  SessionModule.run(
    config,
    Effect.gen(function* () {
      const request = yield* SessionModule.input(NumberLifecycle.ResendRequest, "numbers.resend")(
        compact({ id: config.id, method: Option.getOrUndefined(config.method) })
      )
      const delivery = yield* NumberLifecycle.resendCode(request)
      yield* Output.value(NumberLifecycle.CodeDelivery, delivery, Render.codeDelivery)
    })
  )).pipe(Command.withDescription("Send the verification code again (optionally by another --method)."))

const release = Command.make("release", { ...GlobalOptions.options, id }, (config) =>
  SessionModule.run(
    config,
    Effect.gen(function* () {
      const request = yield* SessionModule.input(NumberLifecycle.RegistrationRef, "numbers.release")({ id: config.id })
      yield* NumberLifecycle.release(request)
      yield* Output.text(`Release of ${config.id} requested.`)
    })
  )).pipe(Command.withDescription("Release (delete) a registration."))

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
    "Poll every N milliseconds (default: from 500 ms, backing off up to 10 s)."
  ),
  Options.optional
)

const wait = Command.make("wait", { ...GlobalOptions.options, id, until, interval }, (config) =>
  SessionModule.run(
    config,
    Effect.gen(function* () {
      const output = yield* Output.Output
      const request = yield* SessionModule.input(NumberLifecycle.RegistrationRef, "numbers.status")({ id: config.id })
      const reached = yield* NumberLifecycle.awaitState({
        ...request,
        until: [config.until],
        onChange: (registration) =>
          output.value(Registration.Registration, registration, Render.stateChange).pipe(
            Effect.zipRight(
              Registration.awaitingCallerStates.has(registration.state) && registration.state !== config.until
                ? output.text(`  waiting for the code: wa-admin numbers verify --id ${registration.id} --code <code>`)
                : Effect.void
            )
          ),
        ...Option.match(config.interval, {
          onNone: () => ({}),
          onSome: (millis) => ({ schedule: Schedule.spaced(`${Math.max(1, millis)} millis`) })
        })
      })
      yield* output.text(`${reached.id} is ${reached.state}.`)
    })
  )).pipe(
    Command.withDescription(
      "Follow a registration, printing each change of state, until it reaches --until (exit 13 if it ends in another terminal state)."
    )
  )

/**
 * `wa-admin numbers …`
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("numbers", {}, groupHandler("numbers", ["provision", "status", "verify", "resend", "release", "wait"])).pipe(
  Command.withDescription("Provision a number, follow its state, verify and resend codes, release it."),
  Command.withSubcommands([provision, status, verify, resend, release, wait])
)
