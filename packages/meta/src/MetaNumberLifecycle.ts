/**
 * `NumberLifecycle` on Meta's phone numbers:
 *
 * - **provision**: adds the number to a WABA (`POST /{WABA-ID}/phone_numbers` with `cc`,
 *   `phone_number` and `verified_name` — the request's `phoneNumber`, `wabaId` (else the
 *   configured `META_WABA_ID`) and `displayName`, 2 to 75 characters), then requests a code
 *   (`POST /{Phone-Number-ID}/request_code`, `SMS` or `VOICE` by `verificationMethod`, default
 *   SMS, in `providerOptions.meta.language`, default `en_US`). The answer is `code_sent`. A
 *   number already in the WABA is a `Conflict` naming it (`existingId`, found in the WABA's
 *   numbers), so a provisioning whose code request failed can go on with `resendCode`.
 * - **verifyCode**: `POST /{Phone-Number-ID}/verify_code` (Meta's codes are 6 digits: another
 *   length is refused here). A refused code is `VerificationFailed`, and so is Meta's 429 on this
 *   endpoint ("Too many verification attempts", the document's example), tried once. When the request that provisioned the number in this process gave
 *   a `pin`, the verified number is then registered with it (`MetaNumbers.register`, within
 *   Meta's 10 register calls per 72 hours) and becomes `ready`; otherwise it stays `verifying`
 *   until `MetaNumbers.register` is called (the PIN is never written anywhere).
 * - **resendCode**: requests a code again — refused with `Conflict` once the number is `ready`
 *   or `released` (read first).
 * - **release**: deregisters the number (`POST /{Phone-Number-ID}/deregister`), counted in the
 *   same budget as registrations (Meta's 133016 names both). The number stays in its WABA
 *   (`UNLINKED`, read as `released`); one that was never registered is a `Conflict` (2207051).
 * - **status**: `GET /{Phone-Number-ID}` with explicit `fields` (verified name, code
 *   verification, name status, quality rating, status, platform type, throughput, messaging
 *   limit tier), mapped onto the neutral lifecycle (see `stateOf` in the wire module) with Meta's
 *   own values in `providerState` and `details`. Meta does not report a refused code: a number
 *   whose last code this client saw refused is `code_rejected` until a code is verified or
 *   requested again.
 *
 * `awaitState` / `awaitReady` come from the core, on top of `status`.
 *
 * @since 0.1.0
 */
import { AdminError, NumberLifecycle, Registration, Transport, Validation } from "@wa-admin/core"
import { Endpoint } from "@wa-admin/core/adapter"
import { Effect, Layer, Option, Redacted, Schema, Stream } from "effect"
import * as Budget from "./internal/budget.js"
import * as Endpoints from "./internal/endpoints.js"
import { provider } from "./internal/errors.js"
import { graphPages } from "./internal/service.js"
import * as Sessions from "./internal/sessions.js"
import * as Wire from "./internal/wire.js"
import { MetaClient } from "./MetaClient.js"
import type { Service as ClientService } from "./MetaClient.js"
import * as MetaNumbers from "./MetaNumbers.js"
import * as MetaQuota from "./MetaQuota.js"

/**
 * The language a code is requested in when none is given.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultLanguage = "en_US"

/**
 * What Meta's provisioning takes beyond the port's request, under `providerOptions.meta`:
 * `language`, the locale of the code message (`en_US`, `es_ES` …; default {@link defaultLanguage}).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProvisionOptions = Schema.Struct({
  language: Schema.optional(
    Schema.String.pipe(
      Schema.pattern(/^[a-z]{2}_[A-Z]{2}$/, { message: () => "must be a locale such as en_US or es_ES" })
    )
  )
})

/**
 * Meta's limits on a display name (`verified_name`): 2 to 75 characters.
 *
 * @since 0.1.0
 * @category constants
 */
export const displayNameLength: typeof MetaNumbers.displayNameLength = MetaNumbers.displayNameLength

const metaOptions = Registration.providerOptions(provider, ProvisionOptions)

const origin = { provider, operation: "numbers.provision" }

const displayNameRequired = {
  field: "displayName",
  rule: "is required by Meta (the verified_name shown for the number)"
}
const wabaRequired = {
  field: "wabaId",
  rule: "is required by Meta (the WABA the number is added to), or configure META_WABA_ID"
}

/** Meta's own rules on a provision request as given, with the WABA a configured default may supply. */
const checkProvision =
  (configuredWaba: Option.Option<string>) =>
  (request: typeof Registration.ProvisionRequest.Encoded): Effect.Effect<void, AdminError.InvalidInput> =>
    Effect.flatMap(Effect.either(metaOptions(request)), (options) => {
      const name = request.displayName
      const [first, ...rest] = [
        ...(name === undefined
          ? [displayNameRequired]
          : Option.match(Option.fromNullable(MetaNumbers.displayNameProblem(name)), {
            onNone: () => [],
            onSome: (rule) => [{ field: "displayName", rule }]
          })),
        ...(request.wabaId === undefined && Option.isNone(configuredWaba) ? [wabaRequired] : []),
        ...(options._tag === "Left" ? options.left.issues : [])
      ]
      return first === undefined ? Effect.void : Effect.fail(Validation.invalidInput(origin, [first, ...rest]))
    })

const codeLength = /^\d{6}$/

/**
 * The implementation over a client (without the port's validation and spans; see {@link make}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const implementation = (client: ClientService): NumberLifecycle.Implementation => {
  const sessions = Sessions.make()
  const addNumber = client.call(Endpoints.addNumber)
  const listNumbers = client.call(Endpoints.listNumbers)
  const requestCode = client.call(Endpoints.requestCode)
  const requestFirstCode = client.call(Endpoint.serving("numbers.provision", Endpoints.requestCode))
  const verify = client.call(Endpoints.verifyCode)
  const deregister = client.call(Endpoints.deregister)
  const status = client.call(Endpoints.numberStatus)
  const statusBeforeResend = client.call(Endpoint.serving("numbers.resend", Endpoints.numberStatus))
  const register = MetaNumbers.registerNumber(client)

  const registrationOf = (id: string, facts: Wire.NumberFacts) =>
    Wire.registration(id, facts, { codeRejected: sessions.get(id).codeRejected === true })

  /** The id of the WABA's number equal to `e164`, looked for in its listing. */
  const existingId = (wabaId: string, e164: string): Effect.Effect<Option.Option<string>> =>
    graphPages("numbers.provision", 100, (after) => listNumbers({ wabaId, limit: 100, after })).pipe(
      Stream.filter((listed) => Wire.phoneNumberOf(listed.displayPhoneNumber)?.e164 === e164),
      Stream.runHead,
      Effect.map(Option.map((listed) => listed.id)),
      Effect.orElseSucceed(() => Option.none<string>())
    )

  return {
    checkProvision: checkProvision(client.wabaId),

    provision: (request) =>
      Effect.gen(function*() {
        // Both were checked with the request (checkProvision); the port's types leave them optional.
        const wabaId = request.wabaId ?? Option.getOrUndefined(client.wabaId)
        if (wabaId === undefined) return yield* Effect.fail(Validation.invalidInput(origin, [wabaRequired]))
        const displayName = request.displayName
        if (displayName === undefined) return yield* Effect.fail(Validation.invalidInput(origin, [displayNameRequired]))
        const options = yield* metaOptions(request)
        const language = options.language ?? defaultLanguage
        const method = request.verificationMethod ?? "sms"
        const id = yield* addNumber({ wabaId, addition: { phoneNumber: request.phoneNumber, displayName } }).pipe(
          Effect.catchTag("Conflict", (conflict) =>
            Effect.flatMap(existingId(wabaId, request.phoneNumber.e164), (found) =>
              Effect.fail(
                Option.isSome(found) ? new AdminError.Conflict({ ...conflict, existingId: found.value }) : conflict
              )))
        )
        sessions.update(id, {
          pin: request.pin === undefined ? undefined : Redacted.make(request.pin),
          language,
          codeRejected: false
        })
        yield* requestFirstCode({ id, request: { method, language } })
        return new Registration.Registration({
          id,
          provider,
          phoneNumber: request.phoneNumber,
          wabaId,
          state: "code_sent",
          providerState: "UNVERIFIED",
          detail: `a verification code was requested by ${method}`,
          details: { verifiedName: displayName }
        })
      }),

    status: ({ id }) => Effect.map(status({ id }), (facts) => registrationOf(id, facts)),

    verifyCode: ({ code, id }) =>
      Effect.gen(function*() {
        if (!codeLength.test(code)) {
          return yield* Effect.fail(
            Validation.invalidInput({ provider, operation: "numbers.verify" }, [{
              field: "code",
              rule: "must be 6 digits (Meta's verification codes)"
            }])
          )
        }
        yield* verify({ id, code }).pipe(
          // A verification is tried once: `/verify_code` answers 429 for too many attempts
          // (the document's example), which waiting a moment does not mend.
          Transport.withPolicy({ maxAttempts: 1 }),
          Effect.catchTag("RateLimited", (limited) =>
            Effect.fail(
              new AdminError.VerificationFailed({
                provider,
                operation: "numbers.verify",
                reason: "too many verification attempts: request a new code, or try again later",
                problem: limited.problem
              })
            )),
          Effect.tapErrorTag("VerificationFailed", () => Effect.sync(() => sessions.update(id, { codeRejected: true })))
        )
        const pin = sessions.get(id).pin
        sessions.update(id, { codeRejected: false, pin: undefined })
        if (pin !== undefined) yield* register({ id, pin: Redacted.value(pin) })
      }),

    resendCode: ({ id, method }) =>
      Effect.gen(function*() {
        const current = registrationOf(id, yield* statusBeforeResend({ id }))
        if (current.state === "ready" || current.state === "released") {
          return yield* Effect.fail(
            new AdminError.Conflict({
              provider,
              operation: "numbers.resend",
              reason: `the number is ${current.state} (${current.providerState}): there is no code to send`
            })
          )
        }
        const delivered = method ?? "sms"
        yield* requestCode({
          id,
          request: { method: delivered, language: sessions.get(id).language ?? defaultLanguage }
        })
        sessions.update(id, { codeRejected: false })
        return new NumberLifecycle.CodeDelivery({ method: delivered })
      }),

    release: ({ id }) =>
      Budget.spend(
        client.ledger,
        MetaQuota.keys.registrations(id),
        MetaQuota.registrations,
        "numbers.release",
        Budget.notSent,
        Effect.asVoid(deregister({ id }))
      )
  }
}

/**
 * The `NumberLifecycle` service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): NumberLifecycle.Service =>
  NumberLifecycle.make(provider, implementation(client))

/**
 * The `NumberLifecycle` service for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(MetaClient, fromClient)

/**
 * Provides `NumberLifecycle` for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(NumberLifecycle.NumberLifecycle, make)
