import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Option, TestClock } from "effect"
import { ExitCode } from "../src/ExitCode.js"
import { argv, lines, sharedMemory } from "./harness.js"

const provisionArgs = argv("numbers provision", {
  "phone-number": "+447700900123",
  "waba-id": "123456789012",
  method: "sms"
})

/** Runs a command that waits on the clock, moving the test clock on until it is done. */
const whileClockMoves = <A>(effect: Effect.Effect<A>, by: `${number} seconds`) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(effect)
    yield* TestClock.adjust(by)
    return yield* Fiber.join(fiber)
  })

describe("wa-admin numbers", () => {
  it.scoped("provision → wait --until code-sent → verify → wait --until ready", () =>
    Effect.gen(function*() {
      const { cli, control } = yield* sharedMemory({ stageDelay: "1 second" })

      const provisioned = yield* cli("--json", ...provisionArgs)
      assert.strictEqual(provisioned.exitCode, 0)
      const registration = JSON.parse(provisioned.stdout)
      assert.strictEqual(registration.state, "pending")
      assert.strictEqual(registration.phoneNumber, "+447700900123")
      const id: string = registration.id

      const codeSent = yield* whileClockMoves(
        cli("numbers", "wait", "--id", id, "--until", "code-sent", "--interval", "1000"),
        "2 seconds"
      )
      assert.strictEqual(codeSent.exitCode, 0, codeSent.stderr)
      assert.match(codeSent.stdout, /^code_sent\s/m)
      assert.include(codeSent.stdout, `${id} is code_sent.`)

      const code = Option.getOrThrow(yield* control.lastCode(id))
      const verified = yield* cli("numbers", "verify", "--id", id, "--code", code)
      assert.strictEqual(verified.exitCode, 0, verified.stderr)
      assert.include(verified.stdout, `Code accepted for ${id}`)

      const ready = yield* whileClockMoves(
        cli("--json", "numbers", "wait", "--id", id, "--interval", "1000"),
        "3 seconds"
      )
      assert.strictEqual(ready.exitCode, 0, ready.stderr)
      const changes = lines(ready.stdout).map((line) => JSON.parse(line))
      assert.isAbove(changes.length, 0)
      assert.strictEqual(changes[changes.length - 1].state, "ready")
      assert.isTrue(changes.every((change) => change.id === id))

      const status = yield* cli("numbers", "status", "--id", id)
      assert.strictEqual(status.exitCode, 0)
      assert.match(status.stdout, /^state\s+ready$/m)
      assert.match(status.stdout, /^phone number\s+\+447700900123$/m)
    }))

  it.scoped("--country-code with --national-number is the same number as --phone-number", () =>
    Effect.gen(function*() {
      const { cli } = yield* sharedMemory()
      const result = yield* cli(
        "--json",
        ...argv("numbers provision", {
          "country-code": "44",
          "national-number": "7700900123",
          "waba-id": "123456789012"
        })
      )
      assert.strictEqual(result.exitCode, 0, result.stderr)
      assert.strictEqual(JSON.parse(result.stdout).phoneNumber, "+447700900123")
    }))

  it.scoped("invalid input is an InvalidInput naming every field, and nothing reaches the provider", () =>
    Effect.gen(function*() {
      const { cli, control } = yield* sharedMemory()
      const result = yield* cli(
        ...argv("numbers provision", { "phone-number": "+4477", "waba-id": "12a", method: "fax" })
      )
      assert.strictEqual(result.exitCode, ExitCode.InvalidInput)
      assert.strictEqual(result.stdout, "")
      assert.lengthOf(lines(result.stderr), 1)
      for (const field of ["phoneNumber", "wabaId", "verificationMethod"]) assert.include(result.stderr, field)
      assert.include(result.stderr, "nothing was sent")
      assert.deepStrictEqual(yield* control.requests, [])
      assert.deepStrictEqual(yield* control.effects, [])

      const code = yield* cli("numbers", "verify", "--id", "memory-registration-1", "--code", "12ab")
      assert.strictEqual(code.exitCode, ExitCode.InvalidInput)
      assert.include(code.stderr, "code")
      assert.deepStrictEqual(yield* control.requests, [])
    }))

  it.scoped("a missing phone number is an InvalidInput naming it", () =>
    Effect.gen(function*() {
      const { cli, control } = yield* sharedMemory()
      const result = yield* cli("numbers", "provision", "--waba-id", "123456789012")
      assert.strictEqual(result.exitCode, ExitCode.InvalidInput)
      assert.include(result.stderr, "phoneNumber: is required")
      assert.deepStrictEqual(yield* control.requests, [])
    }))

  it.scoped("giving the number twice over is a usage error", () =>
    Effect.gen(function*() {
      const { cli } = yield* sharedMemory()
      const result = yield* cli("numbers", "provision", "--phone-number", "+447700900123", "--country-code", "44")
      assert.strictEqual(result.exitCode, ExitCode.Usage)
      assert.include(result.stderr, "not both")
    }))

  it.scoped("a wrong code is VerificationFailed; a number in use is a Conflict naming the registration", () =>
    Effect.gen(function*() {
      const { cli, control } = yield* sharedMemory({ stageDelay: "1 second" })
      const id: string = JSON.parse((yield* cli("--json", ...provisionArgs)).stdout).id
      yield* TestClock.adjust("1 second")
      const code = Option.getOrThrow(yield* control.lastCode(id))
      const wrong = code === "000000" ? "111111" : "000000"

      const verified = yield* cli("numbers", "verify", "--id", id, "--code", wrong)
      assert.strictEqual(verified.exitCode, ExitCode.VerificationFailed)
      assert.lengthOf(lines(verified.stderr), 1)
      assert.include(verified.stderr, "verification failed")

      const again = yield* cli("--json", ...provisionArgs)
      assert.strictEqual(again.exitCode, ExitCode.Conflict)
      assert.strictEqual(again.stdout, "")
      const [message, json] = lines(again.stderr)
      assert.include(message, "conflict")
      assert.deepInclude(JSON.parse(json ?? "{}"), { _tag: "Conflict", existingId: id, provider: "memory" })
    }))

  it.scoped("resend answers how the code was sent", () =>
    Effect.gen(function*() {
      const { cli } = yield* sharedMemory({ stageDelay: "1 second" })
      const id: string = JSON.parse((yield* cli("--json", ...provisionArgs)).stdout).id
      yield* TestClock.adjust("1 second")
      const result = yield* cli("--json", "numbers", "resend", "--id", id, "--method", "voice")
      assert.strictEqual(result.exitCode, 0, result.stderr)
      assert.strictEqual(JSON.parse(result.stdout).method, "voice")
    }))

  it.scoped("an unknown registration is NotFound", () =>
    Effect.gen(function*() {
      const { cli } = yield* sharedMemory()
      const result = yield* cli("numbers", "status", "--id", "no-such-registration")
      assert.strictEqual(result.exitCode, ExitCode.NotFound)
      assert.strictEqual(result.stdout, "")
      assert.lengthOf(lines(result.stderr), 1)
      assert.include(result.stderr, "no-such-registration")
    }))

  it.scoped("--interval under 1000 ms is a usage error naming the flag, and nothing is polled", () =>
    Effect.gen(function*() {
      const { cli, control } = yield* sharedMemory({ stageDelay: "1 second" })
      const id: string = JSON.parse((yield* cli("--json", ...provisionArgs)).stdout).id
      for (const interval of ["0", "999", "-5"]) {
        const result = yield* cli("numbers", "wait", "--id", id, "--interval", interval)
        assert.strictEqual(result.exitCode, ExitCode.Usage, result.stderr)
        assert.deepStrictEqual(lines(result.stderr), [
          `wa-admin: --interval ${interval}: must be at least 1000 milliseconds (a poll at most once a second)`
        ])
      }
      const polled = (yield* control.requests).filter((request) => request.operation === "numbers.status")
      assert.deepStrictEqual(polled, [])
    }))

  it.scoped("numbers wait sends at most one status request a second (8 s of a registration that stays put)", () =>
    Effect.gen(function*() {
      // A code that is never verified: the registration stays code_sent, and the wait goes on.
      const { cli, control } = yield* sharedMemory({ stageDelay: "1 second" })
      const id: string = JSON.parse((yield* cli("--json", ...provisionArgs)).stdout).id
      const statusRequests = Effect.map(
        control.requests,
        (all) => all.filter((request) => request.operation === "numbers.status").length
      )
      const cases = [
        {
          flags: [],
          during: "1900 millis",
          expected: 2,
          what: "by default: the first at once, the next a second later or more"
        },
        {
          flags: ["--interval", "1000"],
          during: "8 seconds",
          expected: 9,
          what: "--interval 1000: the first at once, then one a second"
        }
      ] as const
      for (const { during, expected, flags, what } of cases) {
        const before = yield* statusRequests
        const fiber = yield* Effect.fork(cli("numbers", "wait", "--id", id, ...flags))
        // The command loads its program first (a dynamic import, settled by the event loop): let the
        // loop turn until its first poll, so that the clock moves under a wait that has started.
        while ((yield* statusRequests) === before) {
          yield* Effect.promise(() => new Promise((resolve) => setImmediate(resolve)))
        }
        yield* TestClock.adjust(during)
        yield* Fiber.interrupt(fiber)
        assert.strictEqual((yield* statusRequests) - before, expected, what)
      }
    }))

  it.scoped("waiting for ready on a released registration ends with ProvisioningFailed", () =>
    Effect.gen(function*() {
      const { cli } = yield* sharedMemory({ stageDelay: "1 second" })
      const id: string = JSON.parse((yield* cli("--json", ...provisionArgs)).stdout).id
      yield* TestClock.adjust("1 second")
      const released = yield* cli("numbers", "release", "--id", id)
      assert.strictEqual(released.exitCode, 0, released.stderr)
      assert.include(released.stdout, `Release of ${id} requested.`)
      const waited = yield* whileClockMoves(cli("numbers", "wait", "--id", id, "--interval", "1000"), "3 seconds")
      assert.strictEqual(waited.exitCode, ExitCode.ProvisioningFailed)
      assert.match(waited.stdout, /^released\s/m)
      assert.include(waited.stderr, "released")
    }))
})
