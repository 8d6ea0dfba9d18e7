/**
 * What the number examples share: where a verification code comes from (the person holding the
 * phone, or an emulator's outbox), the settings that say which number and how, and following a
 * number's state while printing each change.
 */
import type { HttpClient } from "@effect/platform"
import { Terminal } from "@effect/platform"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import type { AdminError, Registration } from "@wa-admin/core"
import { Config, Console, Context, Duration, Effect, Layer, Option, Schedule } from "effect"
import type { ConfigError } from "effect"

/** Where the verification code comes from: the person holding the phone, or the emulator's outbox. */
export class VerificationCodes extends Context.Tag("examples/VerificationCodes")<
  VerificationCodes,
  { readonly receive: (registration: Registration.Registration) => Effect.Effect<string> }
>() {}

/** Asks for the code on the terminal (or reads it from standard input). */
export const fromTerminal: Layer.Layer<VerificationCodes> = Layer.effect(
  VerificationCodes,
  Effect.map(Terminal.Terminal, (terminal) => ({
    receive: (registration) =>
      Effect.zipRight(
        terminal.display(`Code sent to ${registration.phoneNumber?.e164 ?? "the number"}: `),
        terminal.readLine
      ).pipe(
        Effect.map((line) => line.trim()),
        Effect.catchAll(() => Effect.interrupt)
      )
  }))
).pipe(Layer.provide(NodeTerminal.layer))

/** The latest code an emulator "sent" for a registration, by its id (every emulator has `lastCode`). */
export type Outbox = (id: string) => Effect.Effect<Option.Option<string>>

/** The latest code in an emulator's outbox; a defect when it sent none (the emulator is broken). */
export const sentCode = (lastCode: Outbox, id: string): Effect.Effect<string> =>
  Effect.flatMap(lastCode(id), (sent) =>
    Option.match(sent, {
      onNone: () => Effect.dieMessage(`the emulator sent no code for ${id}`),
      onSome: Effect.succeed
    }))

/** Reads the code the emulator "sent". */
export const fromOutbox = (lastCode: Outbox): Layer.Layer<VerificationCodes> =>
  Layer.succeed(VerificationCodes, { receive: (registration) => sentCode(lastCode, registration.id) })

/** A number example's program: it reads its settings, calls a provider, and waits for a verification code. */
export type Program<A> = Effect.Effect<
  A,
  AdminError.AdminError | ConfigError.ConfigError,
  HttpClient.HttpClient | VerificationCodes
>

/** The number to register, how its code is sent, and how often its state is read. */
export const settings = Config.all({
  phoneNumber: Config.string("WA_ADMIN_PHONE_NUMBER"),
  verificationMethod: Config.literal("sms", "voice")("WA_ADMIN_VERIFICATION_METHOD").pipe(
    Config.withDefault("sms" as const)
  ),
  pollInterval: Config.duration("WA_ADMIN_POLL_INTERVAL").pipe(Config.withDefault(Duration.seconds(5)))
})

/** A registration's state in one line: the neutral state, the provider's, and its detail. */
export const describe = (registration: Registration.Registration): string =>
  `${registration.state} (${registration.providerState}${
    registration.detail === undefined ? "" : `: ${registration.detail}`
  })`

/**
 * Follows a number: the states seen so far (the first one recorded with `seen`), and the options
 * of `awaitState` / `awaitReady` that poll every `pollInterval` and print each change.
 */
export const following = (pollInterval: Duration.DurationInput) => {
  const states: Array<Registration.NumberState> = []
  const seen = (registration: Registration.Registration): Effect.Effect<void> =>
    Effect.sync(() => {
      states.push(registration.state)
    })
  return {
    states: states as ReadonlyArray<Registration.NumberState>,
    seen,
    options: {
      schedule: Schedule.spaced(pollInterval),
      onChange: (registration: Registration.Registration) =>
        Effect.zipRight(seen(registration), Console.log(`  → ${describe(registration)}`))
    }
  }
}
