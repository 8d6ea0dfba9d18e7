import { assert, describe, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { demo } from "../provision-and-wait.js"
import { run } from "./support.js"

const base = "/v0.1/whatsapp-manager"

describe("provision-and-wait", () => {
  it.scopedLive("provisions, verifies the code that was sent and follows the number until it is ready", () =>
    Effect.gen(function*() {
      const { value, output } = yield* run(demo)
      const { emulator, result } = value
      const id = result.registration.id

      assert.strictEqual(result.registration.state, "ready")
      assert.strictEqual(result.registration.phoneNumber?.e164, "+447700900123")
      const order = ["pending", "code_sent", "verifying", "ready"] as const
      const firsts = order.map((state) => result.states.indexOf(state))
      assert.isTrue(firsts.every((index) => index >= 0), `states seen: ${result.states.join(", ")}`)
      assert.deepStrictEqual([...firsts].sort((a, b) => a - b), firsts)
      assert.strictEqual(result.states.at(-1), "ready")

      assert.strictEqual(output[0], "Provisioning +447700900123 on WABA 123456789123, code by sms")
      assert.strictEqual(output[1], `Deployment ${id}: pending (INITIALIZING: Initializing deployment)`)
      assert.isTrue(output.some((line) => line.startsWith("  → code_sent (CODE_SENT")))
      assert.strictEqual(output.at(-1), `+447700900123 is ready (deployment ${id})`)

      const code = Option.getOrThrow(yield* emulator.lastCode(id))
      assert.include(output, `Code ${code} accepted`)
      const requests = yield* emulator.requests
      const create = requests.find((request) => request.method === "POST" && request.path === `${base}/deployments`)
      assert.deepStrictEqual(create?.body, {
        country_code: "44",
        number: "7700900123",
        vname_certificate: "AbCdEFGHiJK123456",
        method: "sms",
        waba_id: "123456789123"
      })
      const verify = requests.filter((request) => request.path === `${base}/deployments/${id}/verify`)
      assert.deepStrictEqual(verify.map((request) => request.body), [{ code }])
      assert.deepStrictEqual(yield* emulator.effects, [
        { operation: "createDeployment", key: id },
        { operation: "verify", key: id }
      ])
      assert.deepStrictEqual(yield* emulator.deployments, [{ deploymentId: id, state: "READY" }])
    }))
})
