import { assert, describe, it } from "@effect/vitest"
import { EmulatorEffects } from "@wa-admin/core/testing"
import { Effect, Option, TestClock } from "effect"
import type { Harness } from "./harness.js"
import { assertProblem, deploymentRequest, genericType, harness, provisioningType } from "./harness.js"

const stage = "1 second"

const create = (h: Harness, overrides: Record<string, unknown> = {}) =>
  Effect.gen(function*() {
    const answer = yield* h.call("POST", "/deployments", { json: deploymentRequest(overrides) })
    assert.strictEqual(answer.status, 202, answer.text)
    return answer.body.deployment_id as string
  })

const state = (h: Harness, id: string) =>
  Effect.map(h.call("GET", `/deployments/${id}`), (answer) => answer.body.current_state.title as string)

const codeOf = (h: Harness, id: string) =>
  Effect.flatMap(
    h.emulator.lastCode(id),
    (code) => Option.isSome(code) ? Effect.succeed(code.value) : Effect.dieMessage("no code")
  )

/** A deployment that has reached CODE_SENT. */
const codeSent = (h: Harness, overrides: Record<string, unknown> = {}) =>
  Effect.gen(function*() {
    const id = yield* create(h, overrides)
    yield* TestClock.adjust("3 seconds")
    assert.strictEqual(yield* state(h, id), "CODE_SENT")
    return id
  })

/** An emulator whose deployment stages take {@link stage} each. */
const staged = harness({ stageDuration: stage })

/** A staged emulator and a deployment created on it. */
const withDeployment = Effect.flatMap(staged, (h) => Effect.map(create(h), (id) => ({ h, id })))

/** A staged emulator and a deployment that has reached CODE_SENT on it. */
const withCodeSent = Effect.flatMap(staged, (h) => Effect.map(codeSent(h), (id) => ({ h, id })))

/** POST /deployments/{id}/verify with `code` (a number too: the emulator must refuse it). */
const verify = (h: Harness, id: string, code: string | number) =>
  h.call("POST", `/deployments/${id}/verify`, { json: { code } })

/** POST /deployments/{id}/resend-otp with `body` (`method`, or nothing). */
const resend = (h: Harness, id: string, body: { readonly method?: string }) =>
  h.call("POST", `/deployments/${id}/resend-otp`, { json: body })

const wrongCodeFor = (code: string) => code === "000000" ? "111111" : "000000"

describe("VonageEmulator deployments", () => {
  it.scoped("creates a deployment and answers 202 with the documented shape", () =>
    Effect.gen(function*() {
      const h = yield* harness({ stageDuration: stage, apiKey: "abcd1234" })
      const answer = yield* h.call("POST", "/deployments", { json: deploymentRequest({ pin: "123456" }) })
      assert.strictEqual(answer.status, 202)
      assert.match(answer.body.deployment_id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
      assert.deepStrictEqual(answer.body, {
        deployment_id: answer.body.deployment_id,
        waba_id: "123456789123",
        country_code: "44",
        number: "7700900000",
        api_key: "abcd1234",
        current_state: { title: "INITIALIZING", detail: "Initializing deployment" }
      })
      assert.deepStrictEqual(yield* h.emulator.effects, [{
        operation: "createDeployment",
        key: answer.body.deployment_id
      }])
    }))

  it.scoped("moves through the stages on the clock and sends a six-digit code on reaching CODE_SENT", () =>
    Effect.gen(function*() {
      const h = yield* staged
      const id = yield* create(h, { method: "voice" })
      assert.strictEqual(yield* state(h, id), "INITIALIZING")
      yield* TestClock.adjust("999 millis")
      assert.strictEqual(yield* state(h, id), "INITIALIZING")
      yield* TestClock.adjust("1 millis")
      assert.strictEqual(yield* state(h, id), "CREATING_CLUSTER")
      yield* TestClock.adjust(stage)
      assert.strictEqual(yield* state(h, id), "CLUSTER_CREATED")
      assert.deepStrictEqual(yield* h.emulator.outbox, [])
      yield* TestClock.adjust(stage)
      assert.strictEqual(yield* state(h, id), "CODE_SENT")
      const outbox = yield* h.emulator.outbox
      assert.strictEqual(outbox.length, 1)
      assert.deepInclude(outbox[0], { deploymentId: id, number: "+447700900000", method: "voice" })
      assert.match(outbox[0]?.code ?? "", /^\d{6}$/)
      assert.deepStrictEqual(yield* h.emulator.deployments, [{ deploymentId: id, state: "CODE_SENT" }])
    }))

  it.scoped("a correct code verifies, then the deployment finalizes and becomes READY", () =>
    Effect.gen(function*() {
      const { h, id } = yield* withCodeSent
      const answer = yield* verify(h, id, yield* codeOf(h, id))
      assert.strictEqual(answer.status, 201)
      assert.deepStrictEqual(answer.body, { deployment_id: id, status: "Deployment was Created" })
      assert.strictEqual(yield* state(h, id), "CODE_VERIFIED")
      yield* TestClock.adjust(stage)
      assert.strictEqual(yield* state(h, id), "FINALIZING")
      yield* TestClock.adjust(stage)
      assert.strictEqual(yield* state(h, id), "READY")
      const again = yield* verify(h, id, yield* codeOf(h, id))
      assertProblem(again, 422, provisioningType("verification-failed"))
      assert.deepStrictEqual(
        yield* EmulatorEffects.operations(h.emulator),
        ["createDeployment", "verify"]
      )
    }))

  it.scoped("a wrong code answers 422 naming `code` and moves to WRONG_CODE; the right one still verifies", () =>
    Effect.gen(function*() {
      const { h, id } = yield* withCodeSent
      const code = yield* codeOf(h, id)
      const wrong = yield* verify(h, id, wrongCodeFor(code))
      assertProblem(wrong, 422, provisioningType("verification-failed"))
      assert.deepStrictEqual(wrong.body.invalid_parameters, [{ name: "code", reason: "Invalid code provided." }])
      assert.match(wrong.body.instance, /^[0-9a-f]{32}$/)
      assert.strictEqual(yield* state(h, id), "WRONG_CODE")
      const right = yield* verify(h, id, code)
      assert.strictEqual(right.status, 201)
      assert.strictEqual(yield* state(h, id), "CODE_VERIFIED")
    }))

  it.scoped("blocks verification after too many wrong attempts, until a new code is sent", () =>
    Effect.gen(function*() {
      const h = yield* harness({ stageDuration: stage, maxVerifyAttempts: 2 })
      const id = yield* codeSent(h)
      const code = yield* codeOf(h, id)
      for (let attempt = 0; attempt < 2; attempt++) {
        const wrong = yield* verify(h, id, wrongCodeFor(code))
        assert.deepStrictEqual(wrong.body.invalid_parameters, [{ name: "code", reason: "Invalid code provided." }])
      }
      const blocked = yield* verify(h, id, code)
      assertProblem(blocked, 422, provisioningType("verification-failed"))
      assert.include(blocked.body.detail, "too many attempts")
      assert.strictEqual(yield* state(h, id), "WRONG_CODE")

      const resent = yield* resend(h, id, { method: "sms" })
      assert.strictEqual(resent.status, 202)
      const fresh = yield* codeOf(h, id)
      const verified = yield* verify(h, id, fresh)
      assert.strictEqual(verified.status, 201)
    }))

  it.scoped("an old code no longer verifies once a new one is sent", () =>
    Effect.gen(function*() {
      const { h, id } = yield* withCodeSent
      const first = yield* codeOf(h, id)
      let second = first
      while (second === first) {
        yield* resend(h, id, { method: "sms" })
        second = yield* codeOf(h, id)
      }
      const stale = yield* verify(h, id, first)
      assert.strictEqual(stale.status, 422)
      const fresh = yield* verify(h, id, second)
      assert.strictEqual(fresh.status, 201)
    }))

  it.scoped("verification before any code is sent fails with verification-failed", () =>
    Effect.gen(function*() {
      const { h, id } = yield* withDeployment
      const answer = yield* verify(h, id, "123456")
      assertProblem(answer, 422, provisioningType("verification-failed"))
      assert.include(answer.body.detail, "INITIALIZING")
      assert.strictEqual(yield* state(h, id), "INITIALIZING")
    }))

  it.scoped("resend-otp sends a new code by the chosen method while a code is awaited", () =>
    Effect.gen(function*() {
      const h = yield* harness({ stageDuration: stage, vname: "Acme" })
      const id = yield* codeSent(h)
      const answer = yield* resend(h, id, { method: "voice" })
      assert.strictEqual(answer.status, 202)
      assert.deepStrictEqual(answer.body, { message: "Code sent", vname: "Acme", method: "voice" })
      const outbox = yield* h.emulator.outbox
      assert.deepStrictEqual(outbox.map((sent) => sent.method), ["sms", "voice"])
      assert.strictEqual(yield* state(h, id), "CODE_SENT")

      const code = yield* codeOf(h, id)
      yield* verify(h, id, wrongCodeFor(code))
      assert.strictEqual(yield* state(h, id), "WRONG_CODE")
      const fromWrongCode = yield* resend(h, id, {})
      assert.strictEqual(fromWrongCode.status, 202)
      assert.strictEqual(fromWrongCode.body.method, "sms")
      assert.strictEqual(yield* state(h, id), "CODE_SENT")
      assert.strictEqual((yield* h.emulator.outbox).length, 3)
      yield* EmulatorEffects.assertRecorded(h.emulator, "resend-otp", [id, id])
    }))

  it.scoped("resend-otp is refused with 409 conflict-resend-otp when no code can be sent", () =>
    Effect.gen(function*() {
      const { h, id } = yield* withDeployment
      const early = yield* resend(h, id, { method: "sms" })
      assertProblem(early, 409, provisioningType("conflict-resend-otp"))

      yield* TestClock.adjust("3 seconds")
      yield* verify(h, id, yield* codeOf(h, id))
      yield* TestClock.adjust("2 seconds")
      assert.strictEqual(yield* state(h, id), "READY")
      const done = yield* resend(h, id, { method: "sms" })
      assert.strictEqual(done.status, 409)
      assert.deepInclude(done.body, {
        type: provisioningType("conflict-resend-otp"),
        title: "Deployment Completed, Resend Failed",
        detail: "OTP not required."
      })
      assert.strictEqual((yield* h.emulator.outbox).length, 1)
    }))

  it.scoped("resend-otp refuses a method other than sms or voice", () =>
    Effect.gen(function*() {
      const { h, id } = yield* withCodeSent
      const answer = yield* resend(h, id, { method: "email" })
      assertProblem(answer, 422, provisioningType("unprocessable"))
      assert.deepStrictEqual(answer.body.invalid_parameters, [{ name: "method", reason: "must be one of: sms, voice" }])
      assert.strictEqual((yield* h.emulator.outbox).length, 1)
    }))

  it.scoped("DELETE is refused in a transitional state and accepted otherwise; DELETING becomes DELETED", () =>
    Effect.gen(function*() {
      const { h, id } = yield* withDeployment
      for (const expected of ["INITIALIZING", "CREATING_CLUSTER", "CLUSTER_CREATED"]) {
        assert.strictEqual(yield* state(h, id), expected)
        const refused = yield* h.call("DELETE", `/deployments/${id}`)
        assertProblem(refused, 409, provisioningType("conflict-deployment-state"))
        assert.strictEqual(refused.body.detail, `Deployment cannot be deleted because it is in the ${expected} state.`)
        yield* TestClock.adjust(stage)
      }
      assert.strictEqual(yield* state(h, id), "CODE_SENT")
      const accepted = yield* h.call("DELETE", `/deployments/${id}`)
      assert.strictEqual(accepted.status, 204)
      assert.strictEqual(accepted.text, "")
      assert.strictEqual(yield* state(h, id), "DELETING")
      const whileDeleting = yield* h.call("DELETE", `/deployments/${id}`)
      assert.strictEqual(whileDeleting.status, 409)
      yield* TestClock.adjust(stage)
      assert.strictEqual(yield* state(h, id), "DELETED")
      const afterDeleted = yield* h.call("DELETE", `/deployments/${id}`)
      assert.strictEqual(afterDeleted.status, 204)
      yield* EmulatorEffects.assertRecorded(h.emulator, "deleteDeployment", [id])
    }))

  it.scoped("DELETE is refused while verifying and finalizing, accepted when READY", () =>
    Effect.gen(function*() {
      const { h, id } = yield* withCodeSent
      yield* verify(h, id, yield* codeOf(h, id))
      assert.strictEqual((yield* h.call("DELETE", `/deployments/${id}`)).status, 409)
      yield* TestClock.adjust(stage)
      assert.strictEqual(yield* state(h, id), "FINALIZING")
      assert.strictEqual((yield* h.call("DELETE", `/deployments/${id}`)).status, 409)
      yield* TestClock.adjust(stage)
      assert.strictEqual((yield* h.call("DELETE", `/deployments/${id}`)).status, 204)
    }))

  it.scoped("a second deployment of the same number is 409 number-in-use naming the first, until it is DELETED", () =>
    Effect.gen(function*() {
      const h = yield* staged
      const first = yield* codeSent(h)
      const second = yield* h.call("POST", "/deployments", { json: deploymentRequest({ waba_id: "999" }) })
      assert.strictEqual(second.status, 409)
      assert.deepInclude(second.body, {
        type: provisioningType("number-in-use"),
        title: "Number already in use",
        detail: `Active deployment already exists with id ${first}`
      })
      const otherNumber = yield* h.call("POST", "/deployments", { json: deploymentRequest({ number: "7700900001" }) })
      assert.strictEqual(otherNumber.status, 202)

      yield* h.call("DELETE", `/deployments/${first}`)
      assert.strictEqual((yield* h.call("POST", "/deployments", { json: deploymentRequest() })).status, 409)
      yield* TestClock.adjust(stage)
      const afterDeletion = yield* h.call("POST", "/deployments", { json: deploymentRequest() })
      assert.strictEqual(afterDeletion.status, 202)
      assert.notStrictEqual(afterDeletion.body.deployment_id, first)
      assert.strictEqual(
        (yield* EmulatorEffects.of(h.emulator, "createDeployment")).length,
        3
      )
    }))

  it.scoped("a refused vname certificate ends in ERROR with detail \"Invalid vname certificate\"", () =>
    Effect.gen(function*() {
      const h = yield* harness({ stageDuration: stage, errorCertificates: ["BAD-CERT"] })
      const id = yield* create(h, { vname_certificate: "BAD-CERT" })
      yield* TestClock.adjust("10 seconds")
      const answer = yield* h.call("GET", `/deployments/${id}`)
      assert.deepStrictEqual(answer.body.current_state, { title: "ERROR", detail: "Invalid vname certificate" })
      assert.deepStrictEqual(yield* h.emulator.outbox, [])
      const resent = yield* resend(h, id, { method: "sms" })
      assert.strictEqual(resent.status, 409)
      assert.strictEqual((yield* h.call("DELETE", `/deployments/${id}`)).status, 204)
    }))

  it.scoped("unknown deployments are 404 for every operation on them", () =>
    Effect.gen(function*() {
      const h = yield* staged
      const missing = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab"
      const calls: ReadonlyArray<readonly [string, string, unknown]> = [
        ["GET", `/deployments/${missing}`, undefined],
        ["DELETE", `/deployments/${missing}`, undefined],
        ["POST", `/deployments/${missing}/resend-otp`, { method: "sms" }],
        ["POST", `/deployments/${missing}/verify`, { code: "123456" }],
        ["GET", `/deployments/${missing}/profile`, undefined],
        ["PATCH", `/deployments/${missing}/profile`, { about: "x" }],
        ["GET", `/deployments/${missing}/profile/photo`, undefined],
        ["POST", `/deployments/${missing}/profile/photo`, { image_url: "https://example.com/a.png" }],
        ["GET", `/deployments/${missing}/stickerpacks`, undefined],
        ["POST", `/deployments/${missing}/stickerpacks`, { publisher: "p", name: "n" }]
      ]
      for (const [method, path, json] of calls) {
        const answer = yield* h.call(method, path, json === undefined ? {} : { json })
        assert.strictEqual(answer.status, 404, `${method} ${path}`)
        assert.deepInclude(answer.body, {
          type: genericType("not-found"),
          title: "Not Found",
          detail: "Deployment does not exist or you do not have access."
        })
      }
      assert.deepStrictEqual(yield* h.emulator.effects, [])
    }))
})

describe("VonageEmulator requests", () => {
  it.scoped("a body that is not JSON is 400 invalid-json and changes nothing", () =>
    Effect.gen(function*() {
      const h = yield* staged
      const bodies: ReadonlyArray<{ readonly raw: string; readonly contentType?: string }> = [
        { raw: "{\"country_code\": \"44\" \"number\": \"1\"}", contentType: "application/json" },
        { raw: "", contentType: "application/json" },
        { raw: JSON.stringify(deploymentRequest()), contentType: "text/plain" },
        { raw: JSON.stringify(deploymentRequest()) }
      ]
      for (const body of bodies) {
        const answer = yield* h.call("POST", "/deployments", body)
        assert.strictEqual(answer.status, 400, JSON.stringify(body))
        assert.deepInclude(answer.body, { type: provisioningType("invalid-json"), title: "Invalid JSON" })
      }
      const charset = yield* h.call("POST", "/deployments", {
        raw: JSON.stringify(deploymentRequest()),
        contentType: "application/json; charset=utf-8"
      })
      assert.strictEqual(charset.status, 202)
      assert.strictEqual((yield* h.emulator.effects).length, 1)
    }))

  it.scoped("missing or invalid deployment fields are 422 unprocessable naming each field", () =>
    Effect.gen(function*() {
      const h = yield* staged
      const missing = yield* h.call("POST", "/deployments", { json: {} })
      assertProblem(missing, 422, provisioningType("unprocessable"))
      assert.deepStrictEqual(missing.body.invalid_parameters, [
        { name: "country_code", reason: "is required" },
        { name: "number", reason: "is required" },
        { name: "vname_certificate", reason: "is required" },
        { name: "method", reason: "is required" },
        { name: "waba_id", reason: "is required" }
      ])
      const invalid = yield* h.call("POST", "/deployments", {
        json: {
          country_code: "+44",
          number: "7700 900000",
          vname_certificate: "",
          method: "email",
          waba_id: 123,
          pin: "12"
        }
      })
      assert.strictEqual(invalid.status, 422)
      assert.deepStrictEqual(invalid.body.invalid_parameters.map((parameter: { name: string }) => parameter.name), [
        "country_code",
        "number",
        "vname_certificate",
        "method",
        "waba_id",
        "pin"
      ])
      const notAnObject = yield* h.call("POST", "/deployments", { json: [deploymentRequest()] })
      assert.strictEqual(notAnObject.status, 422)
      assert.deepStrictEqual(yield* h.emulator.effects, [])
    }))

  it.scoped("verify without a code is 422 unprocessable", () =>
    Effect.gen(function*() {
      const { h, id } = yield* withCodeSent
      const answer = yield* verify(h, id, 674639)
      assert.strictEqual(answer.status, 422)
      assert.deepStrictEqual(answer.body.invalid_parameters, [{ name: "code", reason: "must be a string" }])
      assert.strictEqual(yield* state(h, id), "CODE_SENT")
    }))

  it.scoped("a WABA the account may not manage is 403 forbidden", () =>
    Effect.gen(function*() {
      const h = yield* harness({ stageDuration: stage, forbiddenWabaIds: ["555"] })
      const answer = yield* h.call("POST", "/deployments", { json: deploymentRequest({ waba_id: "555" }) })
      assert.strictEqual(answer.status, 403)
      assert.deepInclude(answer.body, { type: genericType("forbidden"), title: "Forbidden" })
      assert.deepStrictEqual(yield* h.emulator.deployments, [])
    }))

  it.scoped("unknown paths are 404 and wrong methods 405 with Allow", () =>
    Effect.gen(function*() {
      const h = yield* staged
      const unknown = yield* h.call("GET", "/numbers")
      assertProblem(unknown, 404, genericType("not-found"))
      const wrongMethod = yield* h.call("PUT", "/deployments/x/profile", { json: { about: "x" } })
      assert.strictEqual(wrongMethod.status, 405)
      assert.strictEqual(wrongMethod.headers.get("allow"), "GET, PATCH")
    }))

  it.scoped("records every request in order, with lower-case headers, query and parsed body", () =>
    Effect.gen(function*() {
      const h = yield* staged
      const created = yield* h.call("POST", "/deployments", { json: deploymentRequest() })
      yield* h.call("GET", `/deployments/${created.body.deployment_id}/stickerpacks?namespace=whatsapp`)
      yield* h.call("POST", "/deployments", { raw: "not json", contentType: "text/plain", authorization: null })
      const requests = yield* h.emulator.requests
      assert.strictEqual(requests.length, 3)
      const [first, second, third] = requests
      assert.strictEqual(first?.method, "POST")
      assert.strictEqual(first?.path, "/v0.1/whatsapp-manager/deployments")
      assert.deepStrictEqual(first?.body, deploymentRequest())
      assert.strictEqual(first?.bodyText, JSON.stringify(deploymentRequest()))
      assert.strictEqual(first?.headers["content-type"], "application/json")
      assert.match(first?.headers["authorization"] ?? "", /^Bearer ey/)
      assert.deepStrictEqual(second?.query, { namespace: "whatsapp" })
      assert.strictEqual(second?.path, `/v0.1/whatsapp-manager/deployments/${created.body.deployment_id}/stickerpacks`)
      assert.strictEqual(third?.bodyText, "not json")
      assert.strictEqual(third?.body, undefined)
      assert.strictEqual(third?.headers["authorization"], undefined)
      yield* h.emulator.clearRequests
      assert.deepStrictEqual(yield* h.emulator.requests, [])
    }))
})
