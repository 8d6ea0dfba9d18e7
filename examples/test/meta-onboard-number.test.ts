import { assert, describe, it } from "@effect/vitest"
import { DateTime, Duration, Effect, Option } from "effect"
import { demo } from "../meta-onboard-number.js"
import { run } from "./support.js"

describe("meta-onboard-number", () => {
  it.scopedLive("adds the number, verifies the code that was sent, registers it with its PIN, follows it until ready; the 11th register call is refused here", () =>
    Effect.gen(function*() {
      const { value, output } = yield* run(demo)
      const { emulator, result, runaway } = value
      const id = result.registration.id
      const { wabaId } = emulator.credentials

      assert.strictEqual(result.registration.state, "ready")
      assert.strictEqual(result.registration.phoneNumber?.e164, "+16505550142")
      assert.deepStrictEqual(result.states, ["code_sent", "verifying", "ready"])
      assert.deepStrictEqual({ used: result.budget.used, limit: result.budget.limit }, { used: 1, limit: 10 })

      const code = Option.getOrThrow(yield* emulator.lastCode(id))
      assert.deepStrictEqual(output.slice(0, 9), [
        `Adding +16505550142 ("Acme Bakery") to the WABA, code by sms`,
        `Phone number id ${id} on WABA ${wabaId}: code_sent (UNVERIFIED: a verification code was requested by sms)`,
        `Code ${code} accepted`,
        output[3] ?? "",
        "Registering with the two-step PIN",
        "  → ready (LINKED)",
        `+16505550142 is ready (phone number id ${id})`,
        "Register budget: 1 of 10 register/deregister calls in 72 hours spent; next call allowed now",
        ""
      ])
      assert.match(output[3] ?? "", /^ {2}→ verifying \(VERIFIED/)

      // What reached Meta: the number added, an SMS code asked for, the code, the PIN.
      const requests = yield* emulator.requests
      const add = requests.find((request) =>
        request.method === "POST" && request.path === `/v23.0/${wabaId}/phone_numbers`
      )
      assert.deepStrictEqual(add?.body, { cc: "1", phone_number: "16505550142", verified_name: "Acme Bakery" })
      const requestCode = requests.filter((request) => request.path === `/v23.0/${id}/request_code`)
      assert.deepStrictEqual(requestCode.map((request) => request.body), [{ code_method: "SMS", language: "en_US" }])
      const verify = requests.filter((request) => request.path === `/v23.0/${id}/verify_code`)
      assert.deepStrictEqual(verify.map((request) => request.body), [{ code }])
      const registers = requests.filter((request) => request.path === `/v23.0/${id}/register`)
      assert.deepStrictEqual(registers[0]?.body, { messaging_product: "whatsapp", pin: "246810" })
      const [outboxEntry] = (yield* emulator.outbox).filter((sent) => sent.phoneNumberId === id)
      assert.strictEqual(outboxEntry?.method, "SMS")

      // The runaway script: calls 2 to 10 sent (Meta refuses them: the number is registered), the 11th refused here.
      assert.strictEqual(runaway.sent.length, 9)
      assert.isTrue(runaway.sent.every((answer) => answer.startsWith("Conflict")), runaway.sent.join("\n"))
      assert.strictEqual(runaway.refused.quota, "register and deregister calls per number per 72 hours")
      assert.strictEqual(registers.length, 10)
      const wait = Duration.toMillis(runaway.refused.retryAfter)
      assert.isTrue(
        wait > Duration.toMillis(Duration.hours(71)) && wait <= Duration.toMillis(Duration.hours(72)),
        `${wait}`
      )
      assert.include(
        output,
        "  call 2: sent — Conflict: meta.numbers.register: conflict: Phone number is already registered or in invalid state for registration"
      )
      assert.match(output.at(-2) ?? "", /^ {2}call 11: QuotaExceeded — .*nothing was sent$/)
      assert.strictEqual(output.at(-1), `  the next register call is allowed at ${DateTime.formatIso(runaway.freesAt)}`)

      // Meta never saw an 11th call, so it did not lock the number's registration.
      const [held] = (yield* emulator.numbers).filter((number) => number.id === id)
      assert.strictEqual(held?.status, "LINKED")
      assert.strictEqual(held?.registerCalls, 10)
      assert.isTrue(Option.isNone(held?.registerLockedUntil ?? Option.none()))
      assert.deepStrictEqual(
        (yield* emulator.effects).filter((effect) => effect.key === id).map((effect) => effect.operation),
        ["addPhoneNumber", "requestCode", "verifyCode", "register"]
      )
    }))
})
