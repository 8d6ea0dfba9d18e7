/**
 * Onboard a number on Meta's WhatsApp Cloud API: add it to a WABA, have Meta send the
 * verification code by SMS (or voice), verify it, register it with its two-step PIN
 * (`MetaNumbers.register`) and wait until it is ready — printing every change of state on the
 * way — then show how much of Meta's register budget the number has spent (10 register or
 * deregister calls per number in any 72 hours, kept on this side in `META_QUOTA_DIR`).
 *
 * Run it:
 *
 *   node_modules/.bin/tsx examples/meta-onboard-number.ts
 *
 * Without `META_ACCESS_TOKEN` it runs against the in-process Meta emulator, reading the code from
 * the emulator's outbox, and then shows what the register budget is for: a script that keeps
 * calling register on the number has its 11th call refused here, before it is sent, with
 * `QuotaExceeded` and the time a call is allowed again — instead of Meta locking the number's
 * registration for 72 hours. Against Meta (the code Meta sends is asked for on the terminal):
 *
 *   META_ACCESS_TOKEN=… META_WABA_ID=102290129340398 \
 *   WA_ADMIN_PHONE_NUMBER=+16505550142 WA_ADMIN_DISPLAY_NAME="Acme Bakery" WA_ADMIN_PIN=246810 \
 *   node_modules/.bin/tsx examples/meta-onboard-number.ts
 *
 * `WA_ADMIN_VERIFICATION_METHOD` (`sms` or `voice`, default `sms`) says how the code is sent,
 * `WA_ADMIN_POLL_INTERVAL` (default "5 seconds") how often the number's state is read, and
 * `META_QUOTA_DIR` (default `~/.wa-admin/quota`) where Meta's limits are kept.
 */
import type { HttpClient } from "@effect/platform"
import { NumberLifecycle, QuotaLedger } from "@wa-admin/core"
import type { AdminError, Registration } from "@wa-admin/core"
import { MetaAdmin, MetaClient, MetaNumbers, MetaProvider, MetaQuota } from "@wa-admin/meta"
import type { MetaEmulator } from "@wa-admin/meta/emulator"
import { Config, Console, DateTime, Effect, Layer, Redacted } from "effect"
import type { ConfigError } from "effect"
import * as Example from "./support/Example.js"
import * as Numbers from "./support/Numbers.js"

/**
 * Meta's port services and extensions configured from the environment, with the ledger that
 * keeps Meta's limits (`META_QUOTA_DIR`) in reach, to read the register budget.
 */
export const MetaLive = MetaAdmin.layerComplete.pipe(
  Layer.provide(MetaClient.layerConfig()),
  Layer.provideMerge(MetaQuota.layerConfig())
)

const settings = Config.all({
  number: Numbers.settings,
  displayName: Config.string("WA_ADMIN_DISPLAY_NAME"),
  pin: Config.redacted("WA_ADMIN_PIN")
})

/** How much of the register budget a number has spent, and when the next call is allowed. */
export interface RegisterBudget {
  readonly used: number
  readonly limit: number
  readonly nextCall: DateTime.Utc
}

/** The number's register budget, as the ledger keeps it. */
export const registerBudget = (
  id: string
): Effect.Effect<RegisterBudget, AdminError.AdminError, QuotaLedger.QuotaLedger> =>
  Effect.gen(function*() {
    const ledger = yield* QuotaLedger.QuotaLedger
    const [window] = MetaQuota.registrations
    const usage = yield* ledger.usage(MetaQuota.keys.registrations(id), MetaQuota.registrations, "numbers.register")
    return { used: usage.used[0] ?? 0, limit: window?.limit ?? 0, nextCall: usage.nextSlot }
  })

const describeBudget = (budget: RegisterBudget): string =>
  `${budget.used} of ${budget.limit} register/deregister calls in 72 hours spent; next call allowed ${
    budget.used < budget.limit ? "now" : `at ${DateTime.formatIso(budget.nextCall)}`
  }`

/** What the program answers: the ready number, the neutral states it went through, and its register budget. */
export interface Result {
  readonly registration: Registration.Registration
  readonly states: ReadonlyArray<Registration.NumberState>
  readonly budget: RegisterBudget
}

/** Adds the configured number to the WABA, verifies it, registers it and waits until it is ready. */
export const program: Numbers.Program<Result> = Effect.gen(function*() {
  const { number: { phoneNumber, verificationMethod, pollInterval }, displayName, pin } = yield* settings
  const follow = Numbers.following(pollInterval)

  yield* Console.log(`Adding ${phoneNumber} ("${displayName}") to the WABA, code by ${verificationMethod}`)
  const added = yield* NumberLifecycle.provision({ phoneNumber, displayName, verificationMethod })
  yield* follow.seen(added)
  yield* Console.log(`Phone number id ${added.id} on WABA ${added.wabaId ?? "?"}: ${Numbers.describe(added)}`)

  const code = yield* Effect.flatMap(Numbers.VerificationCodes, (codes) => codes.receive(added))
  yield* NumberLifecycle.verifyCode({ id: added.id, code })
  yield* Console.log(`Code ${code} accepted`)
  const verified = yield* NumberLifecycle.awaitState({ id: added.id, until: ["verifying"], ...follow.options })

  yield* Console.log(`Registering with the two-step PIN`)
  yield* MetaNumbers.register({ id: verified.id, pin: Redacted.value(pin) })
  const ready = yield* NumberLifecycle.awaitReady({ id: verified.id, ...follow.options })
  yield* Console.log(`${ready.phoneNumber?.e164 ?? phoneNumber} is ready (phone number id ${ready.id})`)

  const budget = yield* registerBudget(ready.id)
  yield* Console.log(`Register budget: ${describeBudget(budget)}`)
  return { registration: ready, states: follow.states, budget }
}).pipe(Effect.provide(MetaLive))

/** What became of the calls a runaway script makes, in order: sent to Meta (and its answer), or refused here. */
export interface Runaway {
  readonly sent: ReadonlyArray<string>
  readonly refused: AdminError.QuotaExceeded
  /** When the budget allows a register call again. */
  readonly freesAt: DateTime.Utc
}

/**
 * Demo only (it spends the number's whole budget): calls register on the number until the ledger
 * refuses, numbering the calls within the 72 hours. Meta counts every call — even one it refuses
 * because the number is registered already — so the calls left in the budget are sent, and the
 * 11th is refused here.
 */
export const runawayRegistrations = (
  id: string,
  pin: string
): Effect.Effect<Runaway, AdminError.AdminError | ConfigError.ConfigError, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const sent: Array<string> = []
    const { used, limit } = yield* registerBudget(id)
    // Up to one call more than the budget: that one must be refused here, never sent.
    for (let call = used + 1; call <= limit + 1; call++) {
      const outcome = yield* Effect.either(MetaNumbers.register({ id, pin }))
      if (outcome._tag === "Left" && outcome.left._tag === "QuotaExceeded") {
        const refused = outcome.left
        const freesAt = DateTime.addDuration(yield* DateTime.now, refused.retryAfter)
        yield* Console.log(`  call ${call}: ${refused._tag} — ${refused.message}`)
        yield* Console.log(`  the next register call is allowed at ${DateTime.formatIso(freesAt)}`)
        return { sent, refused, freesAt }
      }
      const answer = outcome._tag === "Right" ? "registered" : `${outcome.left._tag}: ${outcome.left.message}`
      sent.push(answer)
      yield* Console.log(`  call ${call}: sent — ${answer}`)
    }
    return yield* Effect.dieMessage(`${sent.length} register calls were sent and none was refused`)
  }).pipe(Effect.provide(MetaLive))

/** The program against the Meta emulator, with the code read from its outbox; then a runaway script meets the register budget. */
export const demo: Example.Demo<
  { readonly emulator: MetaEmulator.Emulator; readonly result: Result; readonly runaway: Runaway }
> = Effect.gen(function*() {
  const { emulator, environment } = yield* Example.meta()
  const configured = {
    ...environment,
    WA_ADMIN_PHONE_NUMBER: "+16505550142",
    WA_ADMIN_DISPLAY_NAME: "Acme Bakery",
    WA_ADMIN_PIN: "246810",
    WA_ADMIN_POLL_INTERVAL: "50 millis"
  }
  const result = yield* program.pipe(
    Effect.provide(Numbers.fromOutbox(emulator.lastCode)),
    Example.withEnvironment(configured)
  )
  yield* Console.log("\nA script that keeps calling register on the number:")
  const runaway = yield* runawayRegistrations(result.registration.id, configured.WA_ADMIN_PIN).pipe(
    Example.withEnvironment(configured)
  )
  return { emulator, result, runaway }
})

if (Example.isMain(import.meta.url)) {
  Example.main(Example.accountVariables(MetaProvider), {
    real: Effect.provide(program, Numbers.fromTerminal),
    demo
  })
}
