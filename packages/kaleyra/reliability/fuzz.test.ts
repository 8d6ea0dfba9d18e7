/**
 * Decoder fuzzing for the Kaleyra adapter: every wire response schema decodes what its own
 * arbitrary produces, and answers any other body (mutated, a failure answer, random JSON) with a
 * typed result — never an exception; reading any body as a failure answer gives an `AdminError`.
 * Through `provision`, over a fake `HttpClient` answering such bodies with any status, every
 * call ends in a registration or an `AdminError`, never a defect.
 */
import { assert, describe, it } from "@effect/vitest"
import { AdminError, NumberLifecycle, PhoneNumber } from "@wa-admin/core"
import { Fuzz, ReliabilityMetrics } from "@wa-admin/core/testing"
import { Arbitrary, Effect, Either, FastCheck as fc, Layer, Logger, LogLevel, Schema } from "effect"
import * as Errors from "../src/internal/errors.js"
import * as Wire from "../src/internal/wire.js"
import type { Answer } from "./support.js"
import {
  adminOver,
  anyBody,
  failureBody,
  fakeHttp,
  json,
  outcomeOf,
  provisionRequest,
  singleAttempt,
  status
} from "./support.js"

/** `WA_ADMIN_FUZZ_SCALE` multiplies every run count (a nightly job may fuzz deeper); `WA_ADMIN_FUZZ_SEED` replays a run. */
const scale = Number(process.env["WA_ADMIN_FUZZ_SCALE"] ?? 1)
const seed = Number(process.env["WA_ADMIN_FUZZ_SEED"] ?? 20240611)
/** Runs per schema and kind of body when decoding directly. */
const decodeRuns = Math.round(1000 * scale)
/** Runs through `provision` (each is one multipart exchange over the fake). */
const adapterRuns = Math.round(200 * scale)

const requested = PhoneNumber.unsafeFromE164(provisionRequest.phoneNumber)

const decoder = <A, I>(name: string, schema: Schema.Schema<A, I, never>, toDomain?: (wire: A) => unknown): Fuzz.Decoder => {
  const decode = Schema.decodeUnknownEither(schema, { errors: "all" })
  return {
    name,
    valid: Arbitrary.make(Schema.encodedSchema(schema)),
    decode: (body) => Either.map(decode(body), (wire) => (toDomain === undefined ? wire : toDomain(wire)))
  }
}

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
  decoder("ActivationCreated", Wire.ActivationCreated, (wire) => Wire.registration(wire, requested)),
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

/** The hostile bodies every decoder meets, generated once. */
const hostile = [
  ["failure", fc.sample(failureBody, { numRuns: decodeRuns, seed })],
  ["random JSON", fc.sample(json, { numRuns: decodeRuns, seed })]
] as const

describe("Kaleyra decoder fuzzing", () => {
  for (const decoder of decoders) {
    it(`${decoder.name}: its arbitrary decodes; mutated, failure and random bodies give a typed result`, () => {
      const { kinds, problems, runs } = Fuzz.fuzzDecoder(decoder, hostile, decodeRuns, seed)
      ReliabilityMetrics.record({
        area: "fuzz",
        scenariosRun: 1,
        scenariosPassed: problems.length === 0 ? 1 : 0,
        fuzzRuns: runs,
        decoderDefects: problems.length
      })
      assert.strictEqual(runs, decodeRuns * kinds)
      assert.deepStrictEqual(problems.slice(0, 5), [])
    })
  }

  it.scopedLive("through provision over a fake HttpClient: a registration or an AdminError, never a defect", () =>
    Effect.gen(function* () {
      let current: Answer = { status: 200, body: {} }
      const http = fakeHttp(() => current)
      // Building the adapter logs its deprecation once: not what this test is about.
      const context = yield* Layer.build(adminOver(http.layer)).pipe(Logger.withMinimumLogLevel(LogLevel.None))
      const answers = fc.sample(fc.record({ status, body: anyBody(Arbitrary.make(Schema.encodedSchema(Wire.ActivationCreated))) }), {
        numRuns: adapterRuns,
        seed
      })
      const problems: Array<string> = []
      const outcomes = { Success: 0, AdminError: 0 }
      for (const answer of answers) {
        current = answer
        const outcome = outcomeOf(yield* NumberLifecycle.provision(provisionRequest).pipe(singleAttempt, Effect.provide(context), Effect.exit))
        if (outcome._tag === "Defect") problems.push(`${answer.status} ${Fuzz.show(answer.body)}: ${outcome.cause.slice(0, 400)}`)
        else outcomes[outcome._tag]++
      }
      ReliabilityMetrics.record({
        area: "fuzz",
        scenariosRun: 1,
        scenariosPassed: problems.length === 0 ? 1 : 0,
        fuzzRuns: answers.length,
        decoderDefects: problems.length
      })
      assert.strictEqual(answers.length, adapterRuns)
      assert.strictEqual(http.requests.length, adapterRuns)
      assert.deepStrictEqual(problems.slice(0, 5), [])
      assert.isAbove(outcomes.Success, 0)
      assert.isAbove(outcomes.AdminError, 0)
    }))
})
