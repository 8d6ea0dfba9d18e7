/**
 * Decoder fuzzing for the Kaleyra adapter: every wire response schema decodes what its own
 * arbitrary produces, and answers any other body (mutated, a failure answer, random JSON) with a
 * typed result — never an exception; reading any body as a failure answer gives an `AdminError`.
 * Through `provision`, over a fake `HttpClient` answering such bodies with any status, every
 * call ends in a registration or an `AdminError`, never a defect.
 */
import { assert, describe, it } from "@effect/vitest"
import { AdminError, NumberLifecycle, PhoneNumber } from "@wa-admin/core"
import { FakeHttp, Fuzz } from "@wa-admin/core/testing"
import { Arbitrary, Effect, Layer, Logger, LogLevel, Schema } from "effect"
import * as Errors from "../src/internal/errors.js"
import * as Wire from "../src/internal/wire.js"
import { adminOver, anyBody, failureBody, provisionRequest } from "./support.js"

const { decoder, seed } = Fuzz
/** Runs per schema and kind of body when decoding directly. */
const decodeRuns = Fuzz.scaled(1000)
/** Runs through `provision` (each is one multipart exchange over the fake). */
const adapterRuns = Fuzz.scaled(200)

const requested = PhoneNumber.unsafeFromE164(provisionRequest.phoneNumber)

/** Any body read as a failure answer (a 2xx whose code is not I102, or any non-2xx): an `AdminError`. */
const readAsFailure = (body: unknown): void => {
  const error = Errors.fromAnswer({
    operation: "numbers.provision",
    status: 400,
    body,
    text: JSON.stringify(body) ?? "",
    scrub: (text) => text
  })
  if (!AdminError.isAdminError(error)) throw new Error(`not an AdminError: ${String(error)}`)
}

const failureDecoder = decoder("Failure", Wire.Failure)

const decoders: ReadonlyArray<Fuzz.Decoder> = [
  decoder("ActivationCreated", Wire.ActivationCreated, { toDomain: (wire) => Wire.registration(wire, requested) }),
  decoder("Envelope", Wire.Envelope),
  decoder("ErrorDetail", Wire.ErrorDetail),
  {
    ...failureDecoder,
    decode: (body) => {
      readAsFailure(body)
      return failureDecoder.decode(body)
    }
  }
]

describe("Kaleyra decoder fuzzing", () => {
  Fuzz.testDecoders({ decoders, failure: ["failure", failureBody], runs: decodeRuns, seed })

  it.scopedLive("through provision over a fake HttpClient: a registration or an AdminError, never a defect", () =>
    Effect.gen(function*() {
      const http = FakeHttp.scripted()
      // Building the adapter logs its deprecation once: not what this test is about.
      const context = yield* Layer.build(adminOver(http.layer)).pipe(Logger.withMinimumLogLevel(LogLevel.None))
      const provision = {
        name: "numbers.provision",
        valid: Arbitrary.make(Schema.encodedSchema(Wire.ActivationCreated)),
        run: NumberLifecycle.provision(provisionRequest)
      }
      const { outcomes, problems, runs } = yield* Fuzz.operations({
        operations: [provision],
        bodies: anyBody,
        http,
        context,
        runs: adapterRuns,
        seed
      })
      assert.strictEqual(runs, adapterRuns)
      assert.strictEqual(http.requests.length, adapterRuns)
      assert.deepStrictEqual(problems.slice(0, 5), [])
      assert.isAbove(outcomes.Success, 0)
      assert.isAbove(outcomes.AdminError, 0)
    }))
})
