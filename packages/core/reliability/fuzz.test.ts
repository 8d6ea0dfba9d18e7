/**
 * Decoder fuzzing for the core: the schemas that read what comes from outside the process —
 * the error union as the command line's `--json` and the journals write it, the read models
 * (templates, profiles, registrations, media handles), migration journal entries, RFC 7807
 * problem bodies — decode their own arbitraries and answer any other value with a typed result,
 * never an exception. Through the transport's public path, over a fake `HttpClient` answering
 * any status, headers and body, every call ends in a response or an `AdminError`, never a
 * defect.
 */
import { HttpClient, HttpClientResponse } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import {
  AdminError,
  MediaHandle,
  MigrationJournal,
  Problem,
  Profile,
  Registration,
  Template,
  Transport
} from "@wa-admin/core"
import { Fuzz, ReliabilityMetrics } from "@wa-admin/core/testing"
import { Arbitrary, Cause, Effect, Either, Exit, FastCheck as fc, Option, Schema } from "effect"

const { json, mutated, seed } = Fuzz
const decodeRuns = Fuzz.scaled(1000)
/** Calls through the transport (each a whole exchange over the fake). */
const transportRuns = Fuzz.scaled(500)

// Core's read models are classes: valid values are built and encoded, not generated encoded.
const decoder = <A, I>(name: string, schema: Schema.Schema<A, I, never>): Fuzz.Decoder => ({
  name,
  valid: Arbitrary.make(schema).map(Schema.encodeSync(schema)),
  decode: Schema.decodeUnknownEither(schema, { errors: "all" })
})

const problemBody = fc.record(
  {
    type: fc.oneof(fc.webUrl({ withFragments: true }), fc.string(), json),
    title: fc.oneof(fc.string(), json),
    detail: fc.oneof(fc.string(), json),
    instance: fc.oneof(fc.string(), json),
    invalid_parameters: fc.oneof(
      fc.array(fc.record({ name: fc.string(), reason: fc.string() }), { maxLength: 3 }),
      json
    )
  },
  { requiredKeys: [] }
)

const decoders: ReadonlyArray<Fuzz.Decoder> = [
  decoder("AdminError", AdminError.AdminError),
  decoder("Template", Template.Template),
  decoder("TemplateFilter", Template.TemplateFilter),
  decoder("Profile", Profile.Profile),
  decoder("ProfilePhoto", Profile.ProfilePhoto),
  decoder("Registration", Registration.Registration),
  decoder("MediaHandle", MediaHandle.MediaHandle),
  decoder("MigrationJournal.Entry", MigrationJournal.Entry),
  {
    name: "Problem.fromBody",
    valid: problemBody,
    decode: (input) => {
      const problem = Problem.fromBody(422, input)
      if (Option.isSome(problem) && !(problem.value instanceof AdminError.ProviderProblem)) {
        throw new Error("not a ProviderProblem")
      }
      return Either.right(problem)
    }
  }
]

describe("core decoder fuzzing", () => {
  Fuzz.testDecoders({ decoders, failure: ["problem", problemBody], runs: decodeRuns, seed })

  // -------------------------------------------------------------------------------------------
  // Through the transport
  // -------------------------------------------------------------------------------------------

  const Wire = Schema.Struct({ id: Schema.String, items: Schema.Array(Schema.Struct({ n: Schema.Number })) })
  const statusesWithoutBody = new Set([204, 205, 304])

  interface Answer {
    readonly status: number
    readonly headers: Record<string, string>
    readonly body: string
  }

  const fakeHttp = (current: () => Answer) =>
    HttpClient.make((request) =>
      Effect.sync(() => {
        const answer = current()
        return HttpClientResponse.fromWeb(
          request,
          new Response(statusesWithoutBody.has(answer.status) || answer.body === "" ? null : answer.body, {
            status: answer.status,
            headers: answer.headers
          })
        )
      })
    )

  const digits = (min: number, max: number) =>
    fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max })
  const httpDate = fc.date({ min: new Date("1990-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((
    date
  ) => date.toUTCString())
  const headers = fc.record(
    {
      "content-type": fc.constantFrom(
        "application/json",
        "application/problem+json",
        "text/html",
        "text/plain; charset=utf-8",
        ""
      ),
      // Realistic Retry-After values: seconds (up to 15 digits), HTTP dates, and junk.
      "retry-after": fc.oneof(
        digits(1, 15),
        httpDate,
        fc.string({ maxLength: 30 }),
        fc.constantFrom("-1", "1.5", "Infinity", "")
      ),
      location: fc.oneof(fc.webUrl(), fc.string({ maxLength: 30 }), fc.constant("//elsewhere.test/x"))
    },
    { requiredKeys: [] }
  )
  const valid = Arbitrary.make(Wire)
  const body = fc.oneof(
    valid.map((value) => JSON.stringify(value)),
    mutated(valid).map((value) => JSON.stringify(value) ?? ""),
    problemBody.map((value) => JSON.stringify(value)),
    json.map((value) => JSON.stringify(value)),
    fc.string(),
    fc.constantFrom("", "{", "<html>", "null", "[]")
  )
  const status = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(200, 201, 202, 204) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(301, 302, 307, 400, 401, 403, 404, 408, 409, 422, 429, 500, 501, 502, 503, 504)
    },
    { weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }) }
  )
  const policy = Transport.withPolicy({
    maxAttempts: 2,
    baseDelay: "1 millis",
    maxDelay: "1 millis",
    retryAfterCap: "5 millis",
    jitter: "none"
  })

  it.live("through the transport over a fake HttpClient: a response or an AdminError, never a defect", () =>
    Effect.gen(function*() {
      let current: Answer = { status: 200, headers: {}, body: "{}" }
      const transport = yield* Transport.make({ provider: "acme", secrets: ["sk_live_canary_0123456789"] }).pipe(
        Effect.provideService(HttpClient.HttpClient, fakeHttp(() => current))
      )
      const decode = transport.decode("things.get", Wire)
      const answers = fc.sample(fc.record({ status, headers, body, idempotent: fc.boolean() }), {
        numRuns: transportRuns,
        seed
      })
      const problems: Array<string> = []
      const outcomes = { success: 0, failure: 0 }
      for (const answer of answers) {
        current = answer
        const exit = yield* transport
          .execute({
            operation: "things.get",
            request: Transport.request(answer.idempotent ? "GET" : "POST", "https://api.acme.test", "/things/1"),
            idempotent: answer.idempotent
          })
          .pipe(Effect.flatMap(decode), policy, Effect.exit)
        if (Exit.isSuccess(exit)) outcomes.success++
        else if (Cause.isFailType(exit.cause) && AdminError.isAdminError(exit.cause.error)) outcomes.failure++
        else {problems.push(
            `${answer.status} ${JSON.stringify(answer.headers)} ${answer.body.slice(0, 100)}: ${
              Cause.pretty(exit.cause).slice(0, 300)
            }`
          )}
      }
      ReliabilityMetrics.record({
        area: "fuzz",
        scenariosRun: 1,
        scenariosPassed: problems.length === 0 ? 1 : 0,
        fuzzRuns: answers.length,
        decoderDefects: problems.length
      })
      assert.deepStrictEqual(problems.slice(0, 5), [])
      assert.isAbove(outcomes.success, 0)
      assert.isAbove(outcomes.failure, 0)
    }))

  // A Retry-After too long for a double (over 308 digits) used to parse as an infinite duration,
  // which the error constructors refuse: the call died instead of failing. Such a value is now
  // treated like any other unreadable Retry-After.
  it.effect("a 429 with a Retry-After of 400 digits is a typed failure, not a defect", () =>
    Effect.gen(function*() {
      const transport = yield* Transport.make({ provider: "acme" }).pipe(
        Effect.provideService(
          HttpClient.HttpClient,
          fakeHttp(() => ({ status: 429, headers: { "retry-after": "9".repeat(400) }, body: "" }))
        )
      )
      const exit = yield* transport
        .execute({
          operation: "things.get",
          request: Transport.request("GET", "https://api.acme.test", "/things/1"),
          idempotent: true
        })
        .pipe(Transport.withPolicy({ maxAttempts: 1 }), Effect.exit)
      const typed = Exit.isFailure(exit) && Cause.isFailType(exit.cause) && AdminError.isAdminError(exit.cause.error)
      ReliabilityMetrics.record({
        area: "fuzz",
        scenariosRun: 1,
        scenariosPassed: typed ? 1 : 0,
        fuzzRuns: 1,
        decoderDefects: typed ? 0 : 1
      })
      assert.isTrue(typed, Exit.isFailure(exit) ? Cause.pretty(exit.cause).slice(0, 300) : "succeeded")
    }))
})
