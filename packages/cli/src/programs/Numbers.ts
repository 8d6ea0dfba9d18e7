/**
 * What `wa-admin numbers …` does once its flags are parsed (loaded when one of them runs).
 *
 * @since 0.1.0
 */
import { NumberLifecycle, Registration, Validation } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import { Duration, Effect, Option, Schedule } from "effect"
import { basename } from "node:path"
import { UsageError } from "../CliError.js"
import type * as Numbers from "../commands/Numbers.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"
import * as SessionModule from "../Session.js"
import { compact } from "./internal.js"

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
      ? Effect.fail(
        new UsageError({ reason: "give --phone-number, or --country-code with --national-number, not both" })
      )
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

/**
 * `wa-admin numbers provision`
 *
 * @since 0.1.0
 * @category programs
 */
export const provision = SessionModule.program((session, config: Numbers.Flags["provision"]) =>
  Effect.gen(function*() {
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
        verificationMethod: Option.getOrUndefined(config.method),
        pin: Option.getOrUndefined(config.pin),
        displayName: Option.getOrUndefined(config.displayName),
        providerOptions: compact({
          vonage: Option.match(config.vnameCertificate, {
            onNone: () => undefined,
            onSome: (vnameCertificate) => ({ vnameCertificate })
          }),
          kaleyra: business === undefined ? undefined : { business },
          meta: Option.match(config.codeLanguage, {
            onNone: () => undefined,
            onSome: (language) => ({ language })
          })
        })
      })
    )
    const registration = yield* NumberLifecycle.provision(request)
    yield* Output.value(Registration.Registration, registration, Render.registration)
  })
)

/** The registration `--id` names, checked as `operation`'s input (nothing is sent when it breaks a rule). */
const registrationOf = (config: { readonly id: string }, operation: string) =>
  SessionModule.input(NumberLifecycle.RegistrationRef, operation)({ id: config.id })

/** A command on the registration `--id` names (checked as `operation`'s input): `use` with the request. */
const onRegistration = <E extends Output.Failure, R>(
  operation: string,
  use: (request: typeof NumberLifecycle.RegistrationRef.Encoded) => Effect.Effect<void, E, R>
) =>
(config: Numbers.Flags["status"]) => SessionModule.run(config, Effect.flatMap(registrationOf(config, operation), use))

/**
 * `wa-admin numbers status`
 *
 * @since 0.1.0
 * @category programs
 */
export const status = onRegistration("numbers.status", (request) =>
  Effect.flatMap(
    NumberLifecycle.status(request),
    (registration) => Output.value(Registration.Registration, registration, Render.registration)
  ))

/**
 * `wa-admin numbers verify`
 *
 * @since 0.1.0
 * @category programs
 */
export const verify = (config: Numbers.Flags["verify"]) =>
  SessionModule.run(
    config,
    Effect.gen(function*() {
      const request = yield* SessionModule.input(NumberLifecycle.VerifyRequest, "numbers.verify")({
        id: config.id,
        code: config.code
      })
      yield* NumberLifecycle.verifyCode(request)
      yield* Output.text(
        `Code accepted for ${config.id}; run \`wa-admin numbers wait --id ${config.id}\` to follow it.`
      )
    })
  )

/**
 * `wa-admin numbers resend`
 *
 * @since 0.1.0
 * @category programs
 */
export const resend = (config: Numbers.Flags["resend"]) =>
  SessionModule.run(
    config,
    Effect.gen(function*() {
      const request = yield* SessionModule.input(NumberLifecycle.ResendRequest, "numbers.resend")(
        compact({ id: config.id, method: Option.getOrUndefined(config.method) })
      )
      const delivery = yield* NumberLifecycle.resendCode(request)
      yield* Output.value(NumberLifecycle.CodeDelivery, delivery, Render.codeDelivery)
    })
  )

/**
 * `wa-admin numbers release`
 *
 * @since 0.1.0
 * @category programs
 */
export const release = onRegistration(
  "numbers.release",
  (request) => Effect.zipRight(NumberLifecycle.release(request), Output.text(`Release of ${request.id} requested.`))
)

/**
 * `wa-admin numbers wait`
 *
 * @since 0.1.0
 * @category programs
 */
export const wait = (config: Numbers.Flags["wait"]) =>
  SessionModule.run(
    config,
    Effect.gen(function*() {
      const output = yield* Output.Output
      const floor = Duration.toMillis(NumberLifecycle.minPollInterval)
      if (Option.isSome(config.interval) && !(config.interval.value >= floor)) {
        return yield* new UsageError({
          reason:
            `--interval ${config.interval.value}: must be at least ${floor} milliseconds (a poll at most once a second)`
        })
      }
      const request = yield* registrationOf(config, "numbers.status")
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
          onSome: (millis) => ({ schedule: Schedule.spaced(Duration.millis(millis)) })
        })
      })
      yield* output.text(`${reached.id} is ${reached.state}.`)
    })
  )
