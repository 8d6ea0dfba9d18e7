import { Duration, Effect, Either, Fiber, Option, Schema, TestClock, TestServices } from "effect"
import type { AdminError } from "../../AdminError.js"
import { isAdminError } from "../../AdminError.js"
import type { Operation, Service as CapabilitiesService } from "../../Capabilities.js"
import * as NumberLifecycle from "../../NumberLifecycle.js"
import type * as Port from "../../Port.js"
import type { NumberState } from "../../Registration.js"
import { isTerminal, ProvisionRequest, Registration } from "../../Registration.js"
import type { Check, Fixture, Harness, NumbersFixture, Options } from "../Conformance.js"
import { assert } from "./vitest.js"

let runs = 0

/** Builds the harness one check runs with. */
export const makeHarness = (options: Options, fixture: Fixture, capabilities: CapabilitiesService): Harness => {
  const live = options.clock === "live"
  const count = fixture.requestCount
  return {
    options,
    fixture,
    capabilities,
    passTime: (duration) => (live ? Effect.sleep(duration) : TestClock.adjust(duration)),
    settle: live ? Effect.sleep("5 millis") : TestServices.provideLive(Effect.sleep("5 millis")),
    requestCount: count === undefined ? Effect.succeed(Option.none()) : Effect.map(count, Option.some),
    unique: `c${++runs}`
  }
}

const show = (value: unknown): string => {
  try {
    return JSON.stringify(value, (_, field) => (field instanceof Uint8Array ? `<${field.length} bytes>` : field))
  } catch {
    return String(value)
  }
}

/** Fails the check with a message. */
export const fail = (message: string): Effect.Effect<never> => Effect.sync(() => assert.fail(message))

/** A fixture part a check needs; its absence fails the check with what to add. */
export const need = <A>(value: A | undefined, path: string, why: string): Effect.Effect<A> =>
  value === undefined ? fail(`the fixture must give \`${path}\` ${why}`) : Effect.succeed(value)

/** The failure of an effect that must fail; the check fails when it succeeds or fails with a non-AdminError. */
export const failureOf = <A, R>(
  effect: Effect.Effect<A, AdminError, R>,
  what: string
): Effect.Effect<AdminError, never, R> =>
  Effect.flatMap(Effect.either(effect), (result) =>
    Either.isRight(result)
      ? fail(`${what}: expected a failure, but it succeeded with ${show(result.right)}`)
      : isAdminError(result.left)
      ? Effect.succeed(result.left)
      : fail(`${what}: failed with something outside the AdminError union: ${show(result.left)}`))

type Tagged<Tags extends ReadonlyArray<AdminError["_tag"]>> = Extract<AdminError, { readonly _tag: Tags[number] }>

const hasTag = <const Tags extends ReadonlyArray<AdminError["_tag"]>>(
  error: AdminError,
  tags: Tags
): error is Tagged<Tags> => tags.includes(error._tag)

/** The failure of an effect that must fail with one of the given error tags. */
export const expectError = <const Tags extends ReadonlyArray<AdminError["_tag"]>, A, R>(
  effect: Effect.Effect<A, AdminError, R>,
  tags: Tags,
  what: string
): Effect.Effect<Tagged<Tags>, never, R> =>
  Effect.flatMap(failureOf(effect, what), (error) =>
    hasTag(error, tags)
      ? Effect.succeed(error)
      : fail(`${what}: expected ${tags.join(" or ")}, got ${error._tag}: ${error.message}`))

/** Whether an issue's field is `field` or lies under it. */
const concerns = (issueField: string, field: string) => issueField === field || issueField.startsWith(`${field}.`)

/**
 * Runs input the port must refuse locally: `InvalidInput` from source `local` naming each of
 * `fields`, and no request reaches the provider.
 */
export const expectRefusedLocally = <A, R>(
  harness: Harness,
  effect: Effect.Effect<A, AdminError, R>,
  fields: ReadonlyArray<string>,
  what: string
) =>
  Effect.gen(function*() {
    const before = yield* harness.requestCount
    const error = yield* expectError(effect, ["InvalidInput"], what)
    assert.strictEqual(error.source, "local", `${what}: InvalidInput must come from local validation`)
    for (const field of fields) {
      assert.isTrue(
        error.issues.some((issue) => concerns(issue.field, field)),
        `${what}: issues must name \`${field}\`, got ${show(error.issues)}`
      )
    }
    for (const issue of error.issues) {
      assert.isAbove(issue.rule.length, 0, `${what}: every issue must say which rule broke`)
    }
    const after = yield* harness.requestCount
    if (Option.isSome(before) && Option.isSome(after)) {
      assert.strictEqual(after.value, before.value, `${what}: refused input must not reach the provider`)
    }
    return error
  })

/** Input the port must refuse, and how a check makes the call with it. */
export interface Refusal {
  readonly operation: Operation
  /** What is wrong with the input, in words. */
  readonly input: string
  /** The fields the refusal must name. */
  readonly fields: ReadonlyArray<string>
  /** How the check's name speaks of the fields (default: `on <fields>`). */
  readonly naming?: string
  /** The call, in words, for the failure messages. */
  readonly what: string
  readonly call: (
    harness: Harness
  ) => Effect.Effect<Effect.Effect<unknown, AdminError, Port.Services>, unknown, Port.Services>
}

/** The check that input the port must refuse ends in a local `InvalidInput` naming its fields, nothing sent. */
export const refusal = (refused: Refusal): Check => ({
  name: `${refused.operation}: ${refused.input} → InvalidInput ${
    refused.naming ?? `on ${refused.fields.join(", ")}`
  }, nothing sent`,
  requires: [refused.operation],
  run: (harness) =>
    Effect.flatMap(refused.call(harness), (call) => expectRefusedLocally(harness, call, refused.fields, refused.what))
})

/** What a check says of itself: its title, the operations it needs and when it applies. */
export type About = Omit<Check, "run">

/**
 * A builder of checks that first prepare what they work on from the harness (the number a
 * profile check changes, the setting a templates check creates in), then run with it.
 */
export const checksOn = <A>(prepare: (harness: Harness) => Effect.Effect<A, unknown, Port.Services>) =>
(
  about: About,
  run: (prepared: A, harness: Harness) => ReturnType<Check["run"]>
): Check => ({
  ...about,
  run: (harness) => Effect.flatMap(prepare(harness), (prepared) => run(prepared, harness))
})

/** Something absent a check asks for, and how it asks. */
export interface Absence {
  readonly operation: Operation
  /** The absent thing, in words (`an unknown number`). */
  readonly subject: string
  /** The call, in words, for the failure messages. */
  readonly what: string
  /** The call, and the id the caller gave for the absent thing (a number, a registration, a template's name). */
  readonly call: (harness: Harness) => Effect.Effect<
    { readonly call: Effect.Effect<unknown, AdminError, Port.Services>; readonly id: string },
    unknown,
    Port.Services
  >
}

/**
 * The check that asking for something absent ends in `NotFound` from the operation and provider
 * asked, naming what was not found as the caller gave it: its message reads "<resource> <id> not
 * found", and the id is the caller's (the number or registration, the template's name).
 */
export const notFound = (absent: Absence): Check => ({
  name: `${absent.operation}: ${absent.subject} → NotFound naming it`,
  requires: [absent.operation],
  run: (harness) =>
    Effect.gen(function*() {
      const { call, id } = yield* absent.call(harness)
      const error = yield* expectError(call, ["NotFound"], absent.what)
      assert.strictEqual(error.operation, absent.operation, "NotFound.operation")
      assert.strictEqual(error.provider, harness.capabilities.provider, "NotFound.provider")
      assert.isNotEmpty(error.resource, "NotFound.resource names the kind of thing")
      assert.include(error.id ?? "", id, "NotFound.id is the caller's")
      assert.include(error.message, id, "the message names what was not found")
    })
})

/** The check that a URL that is not http(s) is refused locally on `url`, nothing sent. */
export const nonHttpUrl = (operation: Operation, what: string, call: Refusal["call"]): Check =>
  refusal({ operation, input: "a URL that is not http(s)", fields: ["url"], what, call })

/** The fixture's number part, which a number lifecycle check needs. */
export const numbersOf = (harness: Harness): Effect.Effect<NumbersFixture> =>
  need(harness.fixture.numbers, "numbers", "because the provider offers number lifecycle operations")

/** The fixture's provision request, decoded (for its phone number). */
export const provisionRequestOf = (harness: Harness) =>
  Effect.gen(function*() {
    const numbers = yield* numbersOf(harness)
    const request = yield* need(numbers.request, "numbers.request", "(a provision request the provider accepts)")
    const decoded = yield* Schema.decodeUnknown(ProvisionRequest)(request).pipe(
      Effect.orElse(() => fail(`numbers.request is not a valid ProvisionRequest: ${show(request)}`))
    )
    return { request, decoded }
  })

/** Reads the code the provider sent to a registration. */
export const codeOf = (harness: Harness, registration: Registration) =>
  Effect.gen(function*() {
    const numbers = yield* numbersOf(harness)
    const readCode = yield* need(numbers.readCode, "numbers.readCode", "(the code the emulator sent)")
    const code = yield* readCode(registration)
    if (Option.isNone(code)) return yield* fail(`no verification code was sent to registration ${registration.id}`)
    return code.value
  })

/** A code of the same length as `code` that differs from it in every digit. */
export const wrongCode = (code: string): string =>
  Array.from(code, (digit) => String((Number(digit) + 1) % 10)).join("")

/** A quarter of the provider's stage: the step in which time passes while waiting. */
export const stepOf = (numbers: NumbersFixture): Duration.Duration =>
  Duration.unsafeDivide(Duration.decode(numbers.stageDuration), 4)

const maxStepsOf = (numbers: NumbersFixture) => (numbers.maxStages ?? 25) * 4

/**
 * Polls `status` while letting time pass until the registration reaches one of `wanted`
 * (or, with `acceptNotFound`, is gone: `None`). Fails on another terminal state or when it
 * takes longer than `maxStages`.
 */
export const waitForState = (
  harness: Harness,
  id: string,
  wanted: ReadonlyArray<NumberState>,
  options: { readonly acceptNotFound?: boolean } = {}
): Effect.Effect<Option.Option<Registration>, unknown, Port.Services> =>
  Effect.gen(function*() {
    const numbers = yield* numbersOf(harness)
    let last: Registration | undefined
    for (let step = 0; step <= maxStepsOf(numbers); step++) {
      const answer = yield* Effect.either(NumberLifecycle.status({ id }))
      if (Either.isLeft(answer)) {
        if (options.acceptNotFound === true && answer.left._tag === "NotFound") return Option.none()
        return yield* fail(`status of ${id} failed while waiting for ${wanted.join("/")}: ${answer.left.message}`)
      }
      last = answer.right
      assert.instanceOf(last, Registration)
      assert.strictEqual(last.id, id, "status must answer the registration asked for")
      if (wanted.includes(last.state)) return Option.some(last)
      if (isTerminal(last.state)) {
        return yield* fail(
          `registration ${id} ended in ${last.state} (${last.providerState}${
            last.detail === undefined ? "" : `: ${last.detail}`
          }) while waiting for ${wanted.join("/")}`
        )
      }
      yield* harness.passTime(stepOf(numbers))
    }
    return yield* fail(
      `registration ${id} was still ${last?.state ?? "unknown"} after ${numbers.maxStages ?? 25} stages, waiting for ${
        wanted.join("/")
      }`
    )
  })

/** As `waitForState`, for a state that must be reached. */
export const reach = (harness: Harness, id: string, wanted: ReadonlyArray<NumberState>) =>
  Effect.flatMap(
    waitForState(harness, id, wanted),
    (found) => Option.isSome(found) ? Effect.succeed(found.value) : fail(`registration ${id} disappeared`)
  )

/**
 * Waits for a forked fiber (for example `awaitReady`) while letting time pass, so it works
 * under the test clock as under the real one.
 */
export const driveToEnd = <A, E>(harness: Harness, fiber: Fiber.Fiber<A, E>) =>
  Effect.gen(function*() {
    const numbers = yield* numbersOf(harness)
    for (let step = 0; step <= maxStepsOf(numbers) * 2; step++) {
      const done = yield* Fiber.poll(fiber)
      if (Option.isSome(done)) return yield* done.value
      yield* harness.passTime(stepOf(numbers))
      yield* harness.settle
    }
    yield* Fiber.interrupt(fiber)
    return yield* fail(`the awaited fiber did not finish within ${numbers.maxStages ?? 25} stages`)
  })

/** Provisions the fixture's request, checking the answer's basic shape. */
export const provision = (harness: Harness) =>
  Effect.gen(function*() {
    const { decoded, request } = yield* provisionRequestOf(harness)
    const registration = yield* NumberLifecycle.provision(request)
    assert.instanceOf(registration, Registration)
    assert.isAbove(registration.id.length, 0, "a registration must have an id")
    assert.strictEqual(registration.provider, harness.capabilities.provider, "registration.provider")
    assert.isAbove(registration.providerState.length, 0, "a registration must keep the provider's state")
    if (registration.phoneNumber !== undefined) {
      assert.strictEqual(registration.phoneNumber.e164, decoded.phoneNumber.e164, "registration.phoneNumber")
    }
    return registration
  })

/** Verifies the right code and waits until the registration is ready. */
export const verifyToReady = (harness: Harness, id: string, code: string) =>
  Effect.zipRight(NumberLifecycle.verifyCode({ id, code }), reach(harness, id, ["ready"]))

/** Provisions and waits until a code was sent. */
export const provisionToCodeSent = (harness: Harness) =>
  Effect.gen(function*() {
    const registration = yield* provision(harness)
    const sent = yield* reach(harness, registration.id, ["code_sent"])
    const code = yield* codeOf(harness, sent)
    assert.match(code, /^\d{4,8}$/, "a verification code is 4 to 8 digits")
    return { registration: sent, code }
  })

/** Serialises a value for messages. */
export { show }
