import { Duration, Effect, Option, Schedule } from "effect"
import * as NumberLifecycle from "../../NumberLifecycle.js"
import type { ProvisionRequest, Registration } from "../../Registration.js"
import type { Check, Fixture, Harness } from "../Conformance.js"
import {
  type About,
  checksOn,
  codeOf,
  driveToEnd,
  expectError,
  fail,
  need,
  notFound,
  numbersOf,
  provision,
  provisionToCodeSent,
  reach,
  refusal,
  stepOf,
  verifyToReady,
  waitForState,
  wrongCode
} from "./harness.js"
import { assert } from "./vitest.js"

const nilId = "00000000-0000-4000-8000-000000000000"

const byCode = (fixture: Fixture) => (fixture.numbers?.outcome ?? "code") === "code"

/** A check on the fixture's numbers part. */
const numbersCheck = checksOn(numbersOf)

/**
 * A check on a registration provisioned until a code was sent, and that code: it applies only
 * where the provider sends one (and where `appliesTo` says).
 */
const codeSentCheck = (
  about: About,
  run: (
    sent: Effect.Effect.Success<ReturnType<typeof provisionToCodeSent>>,
    harness: Harness
  ) => ReturnType<Check["run"]>
): Check =>
  checksOn(provisionToCodeSent)({
    ...about,
    appliesTo: (fixture) => byCode(fixture) && (about.appliesTo?.(fixture) ?? true)
  }, run)

const provisionThenCode: Check = {
  name: "numbers.provision: answers a registration for the number, then a code is sent",
  requires: ["numbers.provision", "numbers.status"],
  appliesTo: byCode,
  run: (harness) =>
    Effect.gen(function*() {
      const registration = yield* provision(harness)
      assert.include(["pending", "code_sent"], registration.state, "a new registration is pending or code_sent")
      const status = yield* NumberLifecycle.status({ id: registration.id })
      assert.strictEqual(status.id, registration.id, "status answers the provisioned registration")
      assert.strictEqual(status.provider, harness.capabilities.provider, "status.provider")
      const sent = yield* reach(harness, registration.id, ["code_sent"])
      assert.isAbove(sent.providerState.length, 0, "code_sent keeps the provider's state")
      yield* codeOf(harness, sent)
    })
}

const provisionStaysPending = numbersCheck({
  name: "numbers.provision: the request is accepted and stays pending, with no code",
  requires: ["numbers.provision"],
  appliesTo: (fixture) => !byCode(fixture)
}, (numbers, harness) =>
  Effect.gen(function*() {
    const registration = yield* provision(harness)
    assert.strictEqual(registration.state, "pending", "the registration is pending")
    yield* harness.passTime(Duration.times(Duration.decode(numbers.stageDuration), 3))
    if (harness.capabilities.supports("numbers.status")) {
      const later = yield* NumberLifecycle.status({ id: registration.id })
      assert.strictEqual(later.state, "pending", "the registration stays pending")
    }
    if (numbers.readCode !== undefined) {
      const code = yield* numbers.readCode(registration)
      assert.isTrue(Option.isNone(code), "no code is sent")
    }
  }))

const duplicateConflict = numbersCheck({
  name: "numbers.provision: a number already in use → Conflict (naming the existing registration)",
  requires: ["numbers.provision"]
}, (numbers, harness) =>
  Effect.gen(function*() {
    const first = yield* provision(harness)
    const request = yield* need(numbers.request, "numbers.request", "(a provision request the provider accepts)")
    const error = yield* expectError(NumberLifecycle.provision(request), ["Conflict"], "a second provisioning")
    assert.strictEqual(error.operation, "numbers.provision", "Conflict.operation")
    assert.isAbove(error.reason.length, 0, "Conflict.reason")
    if (numbers.conflictNamesExisting ?? true) {
      assert.strictEqual(error.existingId, first.id, "Conflict.existingId names the existing registration")
    }
  }))

const invalidPhoneNumber = refusal({
  operation: "numbers.provision",
  input: "an invalid phone number",
  fields: ["phoneNumber"],
  what: "provision(+12)",
  call: (harness) =>
    Effect.gen(function*() {
      const numbers = yield* numbersOf(harness)
      const request = yield* need(numbers.request, "numbers.request", "(a provision request the provider accepts)")
      // Deliberately ill-typed, as input from a command line or a JSON file can be.
      return NumberLifecycle.provision({ ...request, phoneNumber: "+12" } as unknown as typeof ProvisionRequest.Encoded)
    })
})

const verifyRightCode = codeSentCheck({
  name: "numbers.verify: the right code leads through verifying to ready",
  requires: ["numbers.provision", "numbers.status", "numbers.verify"]
}, ({ code, registration }, harness) =>
  Effect.gen(function*() {
    yield* NumberLifecycle.verifyCode({ id: registration.id, code })
    const after = yield* NumberLifecycle.status({ id: registration.id })
    assert.include(["verifying", "ready"], after.state, "after the right code the registration is verifying or ready")
    const ready = yield* reach(harness, registration.id, ["ready"])
    assert.strictEqual(ready.provider, harness.capabilities.provider, "ready.provider")
  }))

const verifyWrongCode = codeSentCheck({
  name: "numbers.verify: a wrong code → VerificationFailed and code_rejected; the right code still works",
  requires: ["numbers.provision", "numbers.status", "numbers.verify"]
}, ({ code, registration }, harness) =>
  Effect.gen(function*() {
    const error = yield* expectError(
      NumberLifecycle.verifyCode({ id: registration.id, code: wrongCode(code) }),
      ["VerificationFailed"],
      "verifying a wrong code"
    )
    assert.strictEqual(error.operation, "numbers.verify", "VerificationFailed.operation")
    assert.strictEqual(error.provider, harness.capabilities.provider, "VerificationFailed.provider")
    const rejected = yield* NumberLifecycle.status({ id: registration.id })
    assert.strictEqual(rejected.state, "code_rejected", "after a wrong code the registration is code_rejected")
    yield* verifyToReady(harness, registration.id, code)
  }))

const verifyTooManyAttempts = numbersCheck({
  name: "numbers.verify: after too many wrong codes even the right code is refused",
  requires: ["numbers.provision", "numbers.status", "numbers.verify"],
  appliesTo: (fixture) => byCode(fixture) && fixture.numbers?.maxVerifyAttempts !== undefined
}, (numbers, harness) =>
  Effect.gen(function*() {
    const attempts = yield* need(numbers.maxVerifyAttempts, "numbers.maxVerifyAttempts", "")
    const { code, registration } = yield* provisionToCodeSent(harness)
    for (let attempt = 1; attempt <= attempts; attempt++) {
      yield* expectError(
        NumberLifecycle.verifyCode({ id: registration.id, code: wrongCode(code) }),
        ["VerificationFailed"],
        `wrong code #${attempt}`
      )
    }
    yield* expectError(
      NumberLifecycle.verifyCode({ id: registration.id, code }),
      ["VerificationFailed"],
      `the right code after ${attempts} wrong ones`
    )
    const status = yield* NumberLifecycle.status({ id: registration.id })
    assert.notStrictEqual(status.state, "verifying", "a blocked registration is not verifying")
    assert.notStrictEqual(status.state, "ready", "a blocked registration is not ready")
  }))

const verifyMalformed = refusal({
  operation: "numbers.verify",
  input: "a malformed code",
  fields: ["code"],
  what: "verifyCode(12ab)",
  call: (harness) =>
    Effect.succeed(NumberLifecycle.verifyCode({ id: harness.fixture.numbers?.unknownId ?? nilId, code: "12ab" }))
})

const awaitReady = numbersCheck({
  name: "numbers.awaitReady: follows the registration to ready on the schedule, reporting each change once",
  requires: ["numbers.provision", "numbers.status", "numbers.verify"],
  appliesTo: byCode
}, (numbers, harness) =>
  Effect.gen(function*() {
    const { code, registration } = yield* provisionToCodeSent(harness)
    const seen: Array<Registration> = []
    const fiber = yield* Effect.fork(
      NumberLifecycle.awaitReady({
        id: registration.id,
        schedule: numbers.pollSchedule ?? Schedule.spaced(stepOf(numbers)),
        onChange: (change) => Effect.sync(() => seen.push(change))
      })
    )
    yield* NumberLifecycle.verifyCode({ id: registration.id, code })
    const ready = yield* driveToEnd(harness, fiber)
    assert.strictEqual(ready.state, "ready", "awaitReady answers the ready registration")
    assert.strictEqual(ready.id, registration.id, "awaitReady answers the registration asked for")
    assert.strictEqual(seen[seen.length - 1]?.state, "ready", "the last change reported is ready")
    const reported = seen.map((change) => `${change.state} (${change.providerState}: ${change.detail ?? ""})`)
    reported.forEach((change, index) => {
      if (index > 0) assert.notStrictEqual(change, reported[index - 1], `change #${index} repeats the one before`)
    })
  }))

const resendCode = codeSentCheck({
  name: "numbers.resend: sends a code again by the method asked for, and that code verifies",
  requires: ["numbers.provision", "numbers.status", "numbers.resend", "numbers.verify"]
}, ({ registration }, harness) =>
  Effect.gen(function*() {
    const delivery = yield* NumberLifecycle.resendCode({ id: registration.id, method: "voice" })
    assert.strictEqual(delivery.method, "voice", "the code is resent by the method asked for")
    const current = yield* NumberLifecycle.status({ id: registration.id })
    assert.include(["code_sent", "code_rejected"], current.state, "a resent code is awaited")
    yield* verifyToReady(harness, registration.id, yield* codeOf(harness, current))
  }))

const resendWhenReady = codeSentCheck({
  name: "numbers.resend: refused with Conflict once the number is ready",
  requires: ["numbers.provision", "numbers.status", "numbers.resend", "numbers.verify"]
}, ({ code, registration }, harness) =>
  Effect.gen(function*() {
    yield* verifyToReady(harness, registration.id, code)
    const error = yield* expectError(
      NumberLifecycle.resendCode({ id: registration.id, method: "sms" }),
      ["Conflict"],
      "resending to a ready number"
    )
    assert.strictEqual(error.operation, "numbers.resend", "Conflict.operation")
  }))

const releaseThenProvisionAgain = codeSentCheck({
  name: "numbers.release: releasing → released, and the number can be provisioned again",
  requires: ["numbers.provision", "numbers.status", "numbers.release"],
  appliesTo: (fixture) => (fixture.numbers?.afterRelease ?? "free") === "free"
}, ({ registration }, harness) =>
  Effect.gen(function*() {
    yield* NumberLifecycle.release({ id: registration.id })
    const after = yield* waitForState(harness, registration.id, ["releasing", "released"], { acceptNotFound: true })
    const gone = yield* waitForState(harness, registration.id, ["released"], { acceptNotFound: true })
    if (Option.isSome(after)) assert.include(["releasing", "released"], after.value.state)
    if (Option.isSome(gone)) assert.strictEqual(gone.value.state, "released")
    const again = yield* provision(harness)
    assert.notStrictEqual(again.id, registration.id, "a new registration gets a new id")
  }))

const releaseKept = codeSentCheck({
  name: "numbers.release: a ready number → released; the provider keeps it, so provisioning it again is a Conflict",
  requires: ["numbers.provision", "numbers.status", "numbers.verify", "numbers.release"],
  appliesTo: (fixture) => fixture.numbers?.afterRelease === "kept"
}, ({ code, registration }, harness) =>
  Effect.gen(function*() {
    yield* verifyToReady(harness, registration.id, code)
    yield* NumberLifecycle.release({ id: registration.id })
    const gone = yield* waitForState(harness, registration.id, ["released"], { acceptNotFound: true })
    if (Option.isSome(gone)) assert.strictEqual(gone.value.state, "released")
    yield* expectError(provision(harness), ["Conflict"], "provision after release")
  }))

const existingStatus = numbersCheck({
  name: "numbers.status: answers the state of a registration the provider knows",
  requires: ["numbers.status"]
}, (numbers, harness) =>
  Effect.gen(function*() {
    if (numbers.existing !== undefined) {
      const found = yield* NumberLifecycle.status({ id: numbers.existing.id })
      assert.strictEqual(found.id, numbers.existing.id, "status answers the registration asked for")
      assert.strictEqual(found.state, numbers.existing.state, "status.state")
      assert.strictEqual(found.provider, harness.capabilities.provider, "status.provider")
      assert.isAbove(found.providerState.length, 0, "status keeps the provider's state")
      return
    }
    if (!harness.capabilities.supports("numbers.provision")) {
      return yield* fail(
        "the fixture must give `numbers.existing` (a registration the provider knows), as the provider cannot provision"
      )
    }
    const registration = yield* provision(harness)
    const found = yield* NumberLifecycle.status({ id: registration.id })
    assert.strictEqual(found.id, registration.id, "status answers the registration asked for")
    assert.strictEqual(found.provider, harness.capabilities.provider, "status.provider")
  }))

const unknownRegistration = (
  operation: "numbers.status" | "numbers.verify" | "numbers.resend" | "numbers.release"
): Check =>
  notFound({
    operation,
    subject: "an unknown registration",
    what: `${operation} of an unknown registration`,
    call: (harness) => {
      const id = harness.fixture.numbers?.unknownId ?? nilId
      return Effect.succeed({
        id,
        call: operation === "numbers.status"
          ? NumberLifecycle.status({ id })
          : operation === "numbers.verify"
          ? NumberLifecycle.verifyCode({ id, code: "123456" })
          : operation === "numbers.resend"
          ? NumberLifecycle.resendCode({ id, method: "sms" })
          : NumberLifecycle.release({ id })
      })
    }
  })

/** Checks of `NumberLifecycle`, following the lifecycle state machine with the fixture's clock. */
export const numbersChecks: ReadonlyArray<Check> = [
  releaseKept,
  provisionThenCode,
  provisionStaysPending,
  duplicateConflict,
  invalidPhoneNumber,
  verifyRightCode,
  verifyWrongCode,
  verifyTooManyAttempts,
  verifyMalformed,
  awaitReady,
  resendCode,
  resendWhenReady,
  releaseThenProvisionAgain,
  existingStatus,
  unknownRegistration("numbers.status"),
  unknownRegistration("numbers.verify"),
  unknownRegistration("numbers.resend"),
  unknownRegistration("numbers.release")
]
