import { assert, describe, it } from "@effect/vitest"
import { NumberLifecycle, Transport } from "@wa-admin/core"
import type { Registration } from "@wa-admin/core"
import { EmulatorEffects } from "@wa-admin/core/testing"
import { Effect, Fiber, Schedule, TestClock, TestServices } from "effect"
import { codeFor, expectTag, harness, provisioning } from "./support.js"
import type { Harness } from "./support.js"

const base = "/v0.1/whatsapp-manager"

/** Provisions a number and lets the emulator's 1-second stages run until its code is sent. */
const provisionedWithCode = (run: Harness["run"]) =>
  Effect.tap(run(NumberLifecycle.provision(provisioning())), () => TestClock.adjust("3 seconds"))

describe("VonageNumberLifecycle", () => {
  it.scoped("provision sends the documented deployment body and answers a pending registration", () =>
    Effect.gen(function*() {
      const { emulator, run } = yield* harness()
      const registration = yield* run(NumberLifecycle.provision({ ...provisioning("+447700900001"), pin: "123456" }))
      assert.strictEqual(registration.provider, "vonage")
      assert.strictEqual(registration.state, "pending")
      assert.strictEqual(registration.providerState, "INITIALIZING")
      assert.strictEqual(registration.phoneNumber?.e164, "+447700900001")
      assert.strictEqual(registration.wabaId, "123456789123")
      const [request] = yield* emulator.requests
      assert.strictEqual(request?.method, "POST")
      assert.strictEqual(request?.path, `${base}/deployments`)
      assert.deepStrictEqual(request?.body, {
        country_code: "44",
        number: "7700900001",
        vname_certificate: "AbCdEFGHiJK123456",
        method: "sms",
        waba_id: "123456789123",
        pin: "123456"
      })
      assert.match(request?.headers["authorization"] ?? "", /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/)
      assert.deepStrictEqual(yield* emulator.effects, [{ operation: "createDeployment", key: registration.id }])
    }))

  it.scoped("the verification method defaults to sms and voice is passed on", () =>
    Effect.gen(function*() {
      const { emulator, run } = yield* harness()
      const { verificationMethod: _, ...withoutMethod } = provisioning("+447700900002")
      yield* run(NumberLifecycle.provision(withoutMethod))
      yield* run(NumberLifecycle.provision({ ...provisioning("+447700900003"), verificationMethod: "voice" }))
      const methods = (yield* emulator.requests).map((request) => (request.body as { readonly method?: string }).method)
      assert.deepStrictEqual(methods, ["sms", "voice"])
    }))

  it.scoped("Vonage's required provisioning fields are named, and nothing is sent", () =>
    Effect.gen(function*() {
      const { emulator, fails } = yield* harness()
      const invalid = yield* fails(NumberLifecycle.provision({ phoneNumber: "+447700900001" }), "InvalidInput")
      assert.strictEqual(invalid.source, "local")
      assert.deepStrictEqual(
        invalid.issues.map((issue) => issue.field),
        ["wabaId", "providerOptions.vonage.vnameCertificate"]
      )
      assert.deepStrictEqual(yield* emulator.requests, [])
    }))

  it.scoped("a malformed E.164 number is refused with the field and rule, and nothing is sent", () =>
    Effect.gen(function*() {
      const { emulator, fails } = yield* harness()
      const invalid = yield* fails(
        NumberLifecycle.provision({ ...provisioning(), phoneNumber: "07700 900001" }),
        "InvalidInput"
      )
      assert.strictEqual(invalid.issues[0].field, "phoneNumber")
      assert.match(invalid.issues[0].rule, /E\.164/)
      assert.deepStrictEqual(yield* emulator.requests, [])
    }))

  it.scoped("status follows the deployment through every state to ready, wrong code included", () =>
    Effect.gen(function*() {
      const { emulator, fails, run } = yield* harness({ emulator: { stageDuration: "1 second" } })
      const { id } = yield* run(NumberLifecycle.provision(provisioning()))
      const seen: Array<readonly [string, string]> = []
      const look = Effect.tap(
        run(NumberLifecycle.status({ id })),
        (registration) => Effect.sync(() => seen.push([registration.providerState, registration.state]))
      )

      yield* look
      yield* TestClock.adjust("1 second")
      yield* look
      yield* TestClock.adjust("1 second")
      yield* look
      yield* TestClock.adjust("1 second")
      const codeSent = yield* look
      assert.match(codeSent.detail ?? "", /sms/)

      const code = yield* codeFor(emulator, id)
      const wrong = code === "000000" ? "111111" : "000000"
      const refused = yield* fails(NumberLifecycle.verifyCode({ id, code: wrong }), "VerificationFailed")
      assert.strictEqual(refused.problem?.code, "verification-failed")
      assert.deepStrictEqual(refused.problem?.invalidParameters, [{ name: "code", reason: "Invalid code provided." }])
      yield* look

      yield* run(NumberLifecycle.verifyCode({ id, code }))
      yield* look
      yield* TestClock.adjust("1 second")
      yield* look
      yield* TestClock.adjust("1 second")
      const ready = yield* look

      assert.deepStrictEqual(seen, [
        ["INITIALIZING", "pending"],
        ["CREATING_CLUSTER", "pending"],
        ["CLUSTER_CREATED", "pending"],
        ["CODE_SENT", "code_sent"],
        ["WRONG_CODE", "code_rejected"],
        ["CODE_VERIFIED", "verifying"],
        ["FINALIZING", "verifying"],
        ["READY", "ready"]
      ])
      assert.strictEqual(ready.id, id)
      const verify = (yield* emulator.requests).filter((request) => request.path === `${base}/deployments/${id}/verify`)
      assert.deepStrictEqual(
        verify.map((request) => request.body),
        [{ code: wrong }, { code }]
      )
    }))

  it.scopedLive("awaitState surfaces the code being sent, and awaitReady polls until ready", () =>
    Effect.gen(function*() {
      const { emulator, run } = yield* harness({ emulator: { stageDuration: "250 millis" } })
      const schedule = Schedule.spaced("20 millis")
      const { id } = yield* run(NumberLifecycle.provision(provisioning()))
      const states: Array<Registration.NumberState> = []
      const onChange = (registration: Registration.Registration) => Effect.sync(() => states.push(registration.state))

      const codeSent = yield* run(NumberLifecycle.awaitState({ id, until: ["code_sent"], schedule, onChange }))
      assert.strictEqual(codeSent.state, "code_sent")
      yield* run(NumberLifecycle.verifyCode({ id, code: yield* codeFor(emulator, id) }))
      const ready = yield* run(NumberLifecycle.awaitReady({ id, schedule, onChange }))

      assert.strictEqual(ready.providerState, "READY")
      const order: ReadonlyArray<Registration.NumberState> = ["pending", "code_sent", "verifying", "ready"]
      const positions = states.map((state) => order.indexOf(state))
      assert.deepStrictEqual(positions, [...positions].sort(), `states in lifecycle order: ${states.join(", ")}`)
      assert.include(states, "code_sent")
      assert.strictEqual(states.at(-1), "ready")
      assert.strictEqual(states.filter((state) => state === "ready").length, 1)
    }))

  it.scopedLive("a deployment that ends in ERROR fails awaitReady with Vonage's detail", () =>
    Effect.gen(function*() {
      const { fails, run } = yield* harness({
        emulator: { stageDuration: "20 millis", errorCertificates: ["RefusedCertificate"] }
      })
      const { id } = yield* run(
        NumberLifecycle.provision({
          ...provisioning(),
          providerOptions: { vonage: { vnameCertificate: "RefusedCertificate" } }
        })
      )
      const failed = yield* fails(
        NumberLifecycle.awaitReady({ id, schedule: Schedule.spaced("10 millis") }),
        "ProvisioningFailed"
      )
      assert.strictEqual(failed.state, "failed")
      assert.strictEqual(failed.providerState, "ERROR")
      assert.strictEqual(failed.detail, "Invalid vname certificate")
      const status = yield* run(NumberLifecycle.status({ id }))
      assert.strictEqual(status.state, "failed")
      assert.strictEqual(status.detail, "Invalid vname certificate")
    }))

  it.scoped("resend sends the code again by the method asked for, or Vonage's choice", () =>
    Effect.gen(function*() {
      const { emulator, run } = yield* harness()
      const { id } = yield* provisionedWithCode(run)
      yield* run(NumberLifecycle.status({ id }))
      yield* emulator.clearRequests

      const byVoice = yield* run(NumberLifecycle.resendCode({ id, method: "voice" }))
      const asBefore = yield* run(NumberLifecycle.resendCode({ id }))

      assert.deepStrictEqual({ ...byVoice }, { method: "voice", message: "Code sent" })
      assert.strictEqual(asBefore.method, "sms")
      const requests = yield* emulator.requests
      assert.deepStrictEqual(
        requests.map((request) => [request.method, request.path, request.body]),
        [
          ["POST", `${base}/deployments/${id}/resend-otp`, { method: "voice" }],
          ["POST", `${base}/deployments/${id}/resend-otp`, {}]
        ]
      )
      const outbox = (yield* emulator.outbox).map((sent) => sent.method)
      assert.deepStrictEqual(outbox, ["sms", "voice", "sms"])
    }))

  it.scoped("resend after the deployment finished is a Conflict (conflict-resend-otp)", () =>
    Effect.gen(function*() {
      const { emulator, fails, run } = yield* harness()
      const { id } = yield* provisionedWithCode(run)
      yield* run(NumberLifecycle.verifyCode({ id, code: yield* codeFor(emulator, id) }))
      yield* TestClock.adjust("2 seconds")
      const error = yield* fails(NumberLifecycle.resendCode({ id, method: "sms" }), "Conflict")
      assert.strictEqual(error.problem?.code, "conflict-resend-otp")
      assert.strictEqual(error.problem?.status, 409)
      assert.strictEqual(error.reason, "OTP not required.")
      assert.isFalse(error.retryable)
    }))

  it.scoped("release deletes the deployment, which goes through releasing to released", () =>
    Effect.gen(function*() {
      const { emulator, run } = yield* harness()
      const { id } = yield* provisionedWithCode(run)
      yield* run(NumberLifecycle.release({ id }))
      const releasing = yield* run(NumberLifecycle.status({ id }))
      yield* TestClock.adjust("1 second")
      const released = yield* run(NumberLifecycle.status({ id }))
      assert.deepStrictEqual([releasing.state, releasing.providerState], ["releasing", "DELETING"])
      assert.deepStrictEqual([released.state, released.providerState], ["released", "DELETED"])
      const deletes = (yield* emulator.requests).filter((request) => request.method === "DELETE")
      assert.deepStrictEqual(
        deletes.map((request) => request.path),
        [`${base}/deployments/${id}`]
      )
    }))

  it.scoped("release while the deployment is in transition is a Conflict (conflict-deployment-state)", () =>
    Effect.gen(function*() {
      const { emulator, fails, run } = yield* harness()
      const { id } = yield* run(NumberLifecycle.provision(provisioning()))
      const error = yield* fails(NumberLifecycle.release({ id }), "Conflict")
      assert.strictEqual(error.problem?.code, "conflict-deployment-state")
      assert.match(error.reason, /INITIALIZING/)
      assert.strictEqual(
        error.problem?.type,
        "https://developer.vonage.com/api-errors/whatsapp-provisioning#conflict-deployment-state"
      )
      assert.isString(error.problem?.instance)
      assert.deepStrictEqual(
        yield* EmulatorEffects.operations(emulator),
        ["createDeployment"]
      )
    }))

  it.scoped("a number already in use is a Conflict naming the existing deployment (number-in-use)", () =>
    Effect.gen(function*() {
      const { emulator, fails, run } = yield* harness()
      const first = yield* run(NumberLifecycle.provision(provisioning("+447700900009")))
      const error = yield* fails(NumberLifecycle.provision(provisioning("+447700900009")), "Conflict")
      assert.strictEqual(error.existingId, first.id)
      assert.strictEqual(error.problem?.code, "number-in-use")
      assert.strictEqual(error.problem?.title, "Number already in use")
      assert.strictEqual(error.operation, "numbers.provision")
      assert.lengthOf(yield* emulator.requests, 2)
      assert.lengthOf(yield* emulator.effects, 1)
    }))

  it.scoped("a WABA the account may not use is Forbidden (forbidden)", () =>
    Effect.gen(function*() {
      const { fails } = yield* harness({ emulator: { forbiddenWabaIds: ["999"] } })
      const forbidden = yield* fails(NumberLifecycle.provision({ ...provisioning(), wabaId: "999" }), "Forbidden")
      assert.strictEqual(forbidden.problem?.code, "forbidden")
      assert.match(forbidden.reason, /permission/)
    }))

  it.scoped("an unknown deployment is NotFound naming it (not-found)", () =>
    Effect.gen(function*() {
      const { emulator, fails } = yield* harness()
      const notFound = yield* fails(NumberLifecycle.status({ id: "00000000-0000-4000-8000-000000000000" }), "NotFound")
      assert.strictEqual(notFound.resource, "deployment")
      assert.strictEqual(notFound.id, "00000000-0000-4000-8000-000000000000")
      assert.strictEqual(notFound.problem?.code, "not-found")
      const [request] = yield* emulator.requests
      assert.strictEqual(request?.path, `${base}/deployments/00000000-0000-4000-8000-000000000000`)
    }))

  it.scoped("throttling is RateLimited with Vonage's problem once retries are spent (throttled)", () =>
    Effect.gen(function*() {
      const { emulator, run } = yield* harness({ emulator: { throttle: { limit: 1, window: "1 minute" } } })
      const { id } = yield* run(NumberLifecycle.provision(provisioning()))
      yield* run(NumberLifecycle.status({ id }))
      const error = yield* run(NumberLifecycle.status({ id })).pipe(
        Transport.withPolicy({ maxAttempts: 1 }),
        Effect.flip
      )
      const limited = expectTag(error, "RateLimited")
      assert.strictEqual(limited.problem?.code, "throttled")
      assert.isDefined(limited.retryAfter)
      assert.isTrue(limited.retryable)
      assert.lengthOf(yield* emulator.requests, 3)
    }))

  it.scoped("a throttled read is retried after Retry-After and then succeeds", () =>
    Effect.gen(function*() {
      const { emulator, run } = yield* harness({ emulator: { throttle: { limit: 1, window: "10 seconds" } } })
      const { id } = yield* run(NumberLifecycle.provision(provisioning()))
      yield* run(NumberLifecycle.status({ id }))
      const fiber = yield* Effect.fork(run(NumberLifecycle.status({ id })))
      yield* Effect.yieldNow()
      for (let step = 0; step < 20 && (yield* Fiber.poll(fiber))._tag === "None"; step++) {
        yield* TestClock.adjust("5 seconds")
        yield* TestServices.provideLive(Effect.sleep("20 millis"))
      }
      const registration = yield* Fiber.join(fiber)
      assert.strictEqual(registration.id, id)
      const statuses = (yield* emulator.requests).filter((request) => request.method === "GET")
      assert.isAtLeast(statuses.length, 3)
    }))
})
