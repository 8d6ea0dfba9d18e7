/**
 * Provision a WhatsApp number with Vonage and follow it until it is ready: create the
 * deployment, wait until the verification code is sent, verify it, wait until the number is
 * ready — printing every change of state on the way.
 *
 * Run it:
 *
 *   node_modules/.bin/tsx examples/provision-and-wait.ts
 *
 * Without Vonage credentials it runs against the in-process Vonage emulator. Against Vonage
 * (the code Vonage sends by SMS or voice is asked for on the terminal):
 *
 *   VONAGE_APPLICATION_ID=aaaaaaaa-bbbb-cccc-dddd-0123456789ab VONAGE_PRIVATE_KEY_PATH=./private.key \
 *   WA_ADMIN_PHONE_NUMBER=+447700900000 WA_ADMIN_WABA_ID=123456789123 \
 *   WA_ADMIN_VNAME_CERTIFICATE=AbCdEFGHiJK123456 WA_ADMIN_VERIFICATION_METHOD=sms \
 *   node_modules/.bin/tsx examples/provision-and-wait.ts
 *
 * `WA_ADMIN_POLL_INTERVAL` (default "5 seconds") sets how often the deployment's state is read.
 */
import { NumberLifecycle } from "@wa-admin/core"
import type { Registration } from "@wa-admin/core"
import { VonageAdmin, VonageProvider } from "@wa-admin/vonage"
import type { VonageEmulator } from "@wa-admin/vonage/emulator"
import { Config, Console, Effect } from "effect"
import * as Example from "./support/Example.js"
import * as Numbers from "./support/Numbers.js"

const settings = Config.all({
  number: Numbers.settings,
  wabaId: Config.string("WA_ADMIN_WABA_ID"),
  vnameCertificate: Config.string("WA_ADMIN_VNAME_CERTIFICATE")
})

/** What the program answers: the ready number, and the neutral states it went through. */
export interface Result {
  readonly registration: Registration.Registration
  readonly states: ReadonlyArray<Registration.NumberState>
}

/** Provisions the configured number and waits until it is ready. */
export const program: Numbers.Program<Result> = Effect.gen(function*() {
  const { number: { phoneNumber, verificationMethod, pollInterval }, wabaId, vnameCertificate } = yield* settings
  const follow = Numbers.following(pollInterval)

  yield* Console.log(`Provisioning ${phoneNumber} on WABA ${wabaId}, code by ${verificationMethod}`)
  const registration = yield* NumberLifecycle.provision({
    phoneNumber,
    wabaId,
    verificationMethod,
    providerOptions: { vonage: { vnameCertificate } }
  })
  yield* follow.seen(registration)
  yield* Console.log(`Deployment ${registration.id}: ${Numbers.describe(registration)}`)

  yield* NumberLifecycle.awaitState({ id: registration.id, until: ["code_sent"], ...follow.options })
  const code = yield* Effect.flatMap(Numbers.VerificationCodes, (codes) => codes.receive(registration))
  yield* NumberLifecycle.verifyCode({ id: registration.id, code })
  yield* Console.log(`Code ${code} accepted`)

  const ready = yield* NumberLifecycle.awaitReady({ id: registration.id, ...follow.options })
  yield* Console.log(`${ready.phoneNumber?.e164 ?? phoneNumber} is ready (deployment ${ready.id})`)
  return { registration: ready, states: follow.states }
}).pipe(Effect.provide(VonageAdmin.layerConfig))

/** The program against the Vonage emulator, with the code read from its outbox. */
export const demo: Example.Demo<{ readonly emulator: VonageEmulator.Emulator; readonly result: Result }> = Effect.gen(
  function*() {
    const { emulator, environment } = yield* Example.vonage({ stageDuration: "200 millis" })
    const result = yield* program.pipe(
      Effect.provide(Numbers.fromOutbox(emulator.lastCode)),
      Example.withEnvironment({
        ...environment,
        WA_ADMIN_PHONE_NUMBER: "+447700900123",
        WA_ADMIN_WABA_ID: "123456789123",
        WA_ADMIN_VNAME_CERTIFICATE: "AbCdEFGHiJK123456",
        WA_ADMIN_POLL_INTERVAL: "50 millis"
      })
    )
    return { emulator, result }
  }
)

if (Example.isMain(import.meta.url)) {
  Example.main(Example.accountVariables(VonageProvider), {
    real: Effect.provide(program, Numbers.fromTerminal),
    demo
  })
}
