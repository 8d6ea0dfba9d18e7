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
import { AdminError, MediaHandle, MigrationJournal, Problem, Profile, Registration, Template, Transport } from "@wa-admin/core"
import { ReliabilityMetrics } from "@wa-admin/core/testing"
import { Arbitrary, Cause, Effect, Either, Exit, FastCheck as fc, Option, ParseResult, Schema } from "effect"

/** `WA_ADMIN_FUZZ_SCALE` multiplies every run count (a nightly job may fuzz deeper); `WA_ADMIN_FUZZ_SEED` replays a run. */
const scale = Number(process.env["WA_ADMIN_FUZZ_SCALE"] ?? 1)
const seed = Number(process.env["WA_ADMIN_FUZZ_SEED"] ?? 20240611)
const decodeRuns = Math.round(1000 * scale)
/** Calls through the transport (each a whole exchange over the fake). */
const transportRuns = Math.round(500 * scale)

// ---------------------------------------------------------------------------------------------
// Body mutations
// ---------------------------------------------------------------------------------------------

type Path = ReadonlyArray<string | number>
const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
const locations = (value: unknown, path: Path = [], into: Array<Path> = []): Array<Path> => {
  into.push(path)
  if (Array.isArray(value)) value.forEach((inner: unknown, index) => locations(inner, [...path, index], into))
  else if (isRecord(value)) for (const [key, inner] of Object.entries(value)) locations(inner, [...path, key], into)
  return into
}
const dropped: unique symbol = Symbol("dropped")
const update = (value: unknown, path: Path, f: (inner: unknown) => unknown): unknown => {
  if (path.length === 0) return f(value)
  const [head, ...rest] = path
  const keep = (inner: unknown) => {
    const next = update(inner, rest, f)
    return next === dropped ? [] : [next]
  }
  if (Array.isArray(value)) return value.flatMap((inner: unknown, index) => (index === head ? keep(inner) : [inner]))
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).flatMap(([key, inner]) => (key === head ? keep(inner).map((next) => [key, next]) : [[key, inner]]))
    )
  }
  return value
}
const json = fc.jsonValue({ maxDepth: 3 })
const mutation = fc.record({
  kind: fc.constantFrom("drop", "retype", "add", "stringify", "nullify"),
  at: fc.nat(),
  key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "_tag")),
  value: json
})
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never
const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 })
const mutate = (body: unknown, changes: ReadonlyArray<Mutation>): unknown =>
  changes.reduce((current: unknown, change) => {
    const all = locations(current)
    const path = all[change.at % all.length] ?? []
    switch (change.kind) {
      case "drop":
        return path.length === 0 ? undefined : update(current, path, () => dropped)
      case "retype":
        return update(current, path, (inner) => (typeof inner === typeof change.value ? null : change.value))
      case "stringify":
        return update(current, path, (inner) => (typeof inner === "string" ? inner : (JSON.stringify(inner) ?? "undefined")))
      case "nullify":
        return update(current, path, () => null)
      case "add":
        return update(current, path, (inner) =>
          Array.isArray(inner) ? [...inner, change.value] : isRecord(inner) ? { ...inner, [change.key]: change.value } : inner
        )
    }
  }, body)
const mutated = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.tuple(valid, mutations).map(([body, changes]) => mutate(body, changes))

// ---------------------------------------------------------------------------------------------
// Decoders
// ---------------------------------------------------------------------------------------------

interface Decoder {
  readonly name: string
  readonly valid: fc.Arbitrary<unknown>
  readonly decode: (input: unknown) => Either.Either<unknown, ParseResult.ParseError>
}

const decoder = <A, I>(name: string, schema: Schema.Schema<A, I, never>): Decoder => ({
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
    invalid_parameters: fc.oneof(fc.array(fc.record({ name: fc.string(), reason: fc.string() }), { maxLength: 3 }), json)
  },
  { requiredKeys: [] }
)

const decoders: ReadonlyArray<Decoder> = [
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
      if (Option.isSome(problem) && !(problem.value instanceof AdminError.ProviderProblem)) throw new Error("not a ProviderProblem")
      return Either.right(problem)
    }
  }
]

/** The hostile values every decoder meets, generated once. */
const hostile = [
  ["problem", fc.sample(problemBody, { numRuns: decodeRuns, seed })],
  ["random JSON", fc.sample(json, { numRuns: decodeRuns, seed })]
] as const

const show = (value: unknown) => (JSON.stringify(value) ?? String(value)).slice(0, 300)

describe("core decoder fuzzing", () => {
  for (const decoder of decoders) {
    it(`${decoder.name}: its arbitrary decodes; mutated, problem and random values give a typed result`, () => {
      const valid = fc.sample(decoder.valid, { numRuns: decodeRuns, seed })
      const changes = fc.sample(mutations, { numRuns: decodeRuns, seed: seed + 1 })
      const kinds: ReadonlyArray<readonly [string, ReadonlyArray<unknown>, boolean]> = [
        ["valid", valid, true],
        ["mutated", valid.map((input, index) => mutate(input, changes[index] ?? [])), false],
        ...hostile.map(([kind, inputs]) => [kind, inputs, false] as const)
      ]
      let runs = 0
      const problems: Array<string> = []
      for (const [kind, inputs, mustSucceed] of kinds) {
        for (const input of inputs) {
          runs++
          try {
            const result = decoder.decode(input)
            if (Either.isLeft(result) && !ParseResult.isParseError(result.left)) problems.push(`${kind}: not a ParseError — ${show(input)}`)
            if (mustSucceed && Either.isLeft(result)) problems.push(`${kind}: refused ${result.left.message} — ${show(input)}`)
          } catch (error) {
            problems.push(`${kind}: threw ${String(error)} — ${show(input)}`)
          }
        }
      }
      ReliabilityMetrics.record({
        area: "fuzz",
        scenariosRun: 1,
        scenariosPassed: problems.length === 0 ? 1 : 0,
        fuzzRuns: runs,
        decoderDefects: problems.length
      })
      assert.strictEqual(runs, decodeRuns * kinds.length)
      assert.deepStrictEqual(problems.slice(0, 5), [])
    })
  }

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

  const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max })
  const httpDate = fc.date({ min: new Date("1990-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((date) => date.toUTCString())
  const headers = fc.record(
    {
      "content-type": fc.constantFrom("application/json", "application/problem+json", "text/html", "text/plain; charset=utf-8", ""),
      // Realistic Retry-After values: seconds (up to 15 digits), HTTP dates, and junk.
      "retry-after": fc.oneof(digits(1, 15), httpDate, fc.string({ maxLength: 30 }), fc.constantFrom("-1", "1.5", "Infinity", "")),
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
    { weight: 3, arbitrary: fc.constantFrom(301, 302, 307, 400, 401, 403, 404, 408, 409, 422, 429, 500, 501, 502, 503, 504) },
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
    Effect.gen(function* () {
      let current: Answer = { status: 200, headers: {}, body: "{}" }
      const transport = yield* Transport.make({ provider: "acme", secrets: ["sk_live_canary_0123456789"] }).pipe(
        Effect.provideService(HttpClient.HttpClient, fakeHttp(() => current))
      )
      const decode = transport.decode("things.get", Wire)
      const answers = fc.sample(fc.record({ status, headers, body, idempotent: fc.boolean() }), { numRuns: transportRuns, seed })
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
        else problems.push(`${answer.status} ${JSON.stringify(answer.headers)} ${answer.body.slice(0, 100)}: ${Cause.pretty(exit.cause).slice(0, 300)}`)
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
    Effect.gen(function* () {
      const transport = yield* Transport.make({ provider: "acme" }).pipe(
        Effect.provideService(
          HttpClient.HttpClient,
          fakeHttp(() => ({ status: 429, headers: { "retry-after": "9".repeat(400) }, body: "" }))
        )
      )
      const exit = yield* transport
        .execute({ operation: "things.get", request: Transport.request("GET", "https://api.acme.test", "/things/1"), idempotent: true })
        .pipe(Transport.withPolicy({ maxAttempts: 1 }), Effect.exit)
      const typed = Exit.isFailure(exit) && Cause.isFailType(exit.cause) && AdminError.isAdminError(exit.cause.error)
      ReliabilityMetrics.record({ area: "fuzz", scenariosRun: 1, scenariosPassed: typed ? 1 : 0, fuzzRuns: 1, decoderDefects: typed ? 0 : 1 })
      assert.isTrue(typed, Exit.isFailure(exit) ? Cause.pretty(exit.cause).slice(0, 300) : "succeeded")
    }))
})
