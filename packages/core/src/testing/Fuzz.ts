/**
 * Decoder fuzzing shared by every adapter: how a call ended (a value, one of the library's
 * errors, or a defect), the body mutations valid answers are fed through, the statuses answers
 * come with, and the bodies each decoder is fuzzed with.
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import { Arbitrary, Cause, Effect, Either, Exit, FastCheck as fc, ParseResult, Schema, Stream } from "effect"
import type { Context, Layer as LayerType } from "effect"
import { Layer } from "effect"
import * as AdminError from "../AdminError.js"
import * as Transport from "../http/Transport.js"
import * as Templates from "../Templates.js"
import * as FakeHttp from "./FakeHttp.js"
import { assert, vitest } from "./internal/vitest.js"
import * as ReliabilityMetrics from "./ReliabilityMetrics.js"

/**
 * The seed of every fuzzing run: `WA_ADMIN_FUZZ_SEED` replays a run.
 *
 * @since 0.1.0
 * @category settings
 */
export const seed: number = Number(process.env["WA_ADMIN_FUZZ_SEED"] ?? 20240611)

/**
 * A run count scaled by `WA_ADMIN_FUZZ_SCALE` (a nightly job may fuzz deeper).
 *
 * @since 0.1.0
 * @category settings
 */
export const scaled = (runs: number): number => Math.round(runs * Number(process.env["WA_ADMIN_FUZZ_SCALE"] ?? 1))

/**
 * How a call ended: a value, one of the library's errors, or anything else (a defect).
 *
 * @since 0.1.0
 * @category fuzzing
 */
export type Outcome = { readonly _tag: "Success" } | {
  readonly _tag: "AdminError"
  readonly error: AdminError.AdminError
} | {
  readonly _tag: "Defect"
  readonly cause: string
}

/**
 * Classifies an exit: only a success or a failure with an `AdminError` is a typed result.
 *
 * @since 0.1.0
 * @category fuzzing
 */
export const outcomeOf = <A, E>(exit: Exit.Exit<A, E>): Outcome => {
  if (Exit.isSuccess(exit)) return { _tag: "Success" }
  const failures = [...Cause.failures(exit.cause)]
  const [error] = failures
  const onlyFailure = failures.length === 1 && Cause.isFailType(exit.cause)
  return onlyFailure && AdminError.isAdminError(error)
    ? { _tag: "AdminError", error }
    : { _tag: "Defect", cause: Cause.pretty(exit.cause) }
}

// ---------------------------------------------------------------------------------------------
// Body mutations
// ---------------------------------------------------------------------------------------------

type Path = ReadonlyArray<string | number>

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const locations = (value: unknown, path: Path = [], into: Array<Path> = []): Array<Path> => {
  into.push(path)
  if (Array.isArray(value)) value.forEach((inner: unknown, index) => locations(inner, [...path, index], into))
  else if (isRecord(value)) { for (const [key, inner] of Object.entries(value)) locations(inner, [...path, key], into) }
  return into
}

const dropped: unique symbol = Symbol("dropped")

/** A copy of `value` with the location at `path` replaced by `f` of it (or removed). */
const update = (value: unknown, path: Path, f: (inner: unknown) => unknown): unknown => {
  if (path.length === 0) return f(value)
  const [head, ...rest] = path
  if (Array.isArray(value) && typeof head === "number") {
    return value.flatMap((inner: unknown, index) => {
      if (index !== head) return [inner]
      const next = update(inner, rest, f)
      return next === dropped ? [] : [next]
    })
  }
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).flatMap(([key, inner]) => {
        if (key !== head) return [[key, inner]]
        const next = update(inner, rest, f)
        return next === dropped ? [] : [[key, next]]
      })
    )
  }
  return value
}

/**
 * One change to a body: drop, retype, add or reshape the value at a location.
 *
 * @since 0.1.0
 * @category fuzzing
 */
export interface Mutation {
  readonly kind: "drop" | "retype" | "add" | "stringify" | "wrap" | "unwrap" | "nullify"
  readonly at: number
  readonly key: string
  readonly value: unknown
}

const otherType = (value: unknown, replacement: unknown): unknown => {
  const typeOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v)
  if (typeOf(replacement) !== typeOf(value)) return replacement
  const fallbacks: ReadonlyArray<unknown> = [null, true, 0, -1.5, "", "x", [], {}]
  return fallbacks.find((candidate) => typeOf(candidate) !== typeOf(value)) ?? null
}

/**
 * Applies a mutation to a body.
 *
 * @since 0.1.0
 * @category fuzzing
 */
export const mutate = (body: unknown, mutation: Mutation): unknown => {
  const all = locations(body)
  const at = (candidates: ReadonlyArray<Path>) => candidates[mutation.at % Math.max(1, candidates.length)]
  switch (mutation.kind) {
    case "drop": {
      const path = at(all.filter((candidate) => candidate.length > 0))
      return path === undefined ? undefined : update(body, path, () => dropped)
    }
    case "retype":
      return update(body, at(all) ?? [], (inner) => otherType(inner, mutation.value))
    case "nullify":
      return update(body, at(all) ?? [], () => null)
    case "stringify":
      return update(
        body,
        at(all) ?? [],
        (inner) => (typeof inner === "string" ? inner : JSON.stringify(inner) ?? "undefined")
      )
    case "wrap":
      return update(body, at(all) ?? [], (inner) => [inner])
    case "unwrap":
      return update(
        body,
        at(all) ?? [],
        (inner) => Array.isArray(inner) ? inner[0] : isRecord(inner) ? Object.values(inner)[0] : inner
      )
    case "add": {
      const containers = all.filter((path) => {
        let inner: unknown = body
        for (const key of path) {
          inner = Array.isArray(inner)
            ? inner[Number(key)]
            : isRecord(inner)
            ? inner[String(key)]
            : undefined
        }
        return typeof inner === "object" && inner !== null
      })
      return update(
        body,
        at(containers) ?? [],
        (inner) =>
          Array.isArray(inner)
            ? [...inner, mutation.value]
            : isRecord(inner)
            ? { ...inner, [mutation.key]: mutation.value }
            : inner
      )
    }
  }
}

/**
 * Builds arbitraries with another default size: deeply nested wire schemas (lists of lists of
 * free-form JSON) generate megabytes per sample at fast-check's default size.
 *
 * @since 0.1.0
 * @category fuzzing
 */
export const withBaseSize = <A>(size: fc.Size, build: () => A): A => {
  const previous = fc.readConfigureGlobal()
  fc.configureGlobal({ ...previous, baseSize: size })
  try {
    return build()
  } finally {
    fc.configureGlobal(previous)
  }
}

/**
 * Random JSON, shallow enough to keep runs fast.
 *
 * @since 0.1.0
 * @category fuzzing
 */
export const json = fc.jsonValue({ maxDepth: 3 })

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom("drop", "retype", "add", "stringify", "wrap", "unwrap", "nullify"),
  at: fc.nat(),
  key: fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom("__proto__", "constructor", "toString", "length", "ok", "error")
  ),
  value: json
})

/**
 * One to four changes to apply to a body.
 *
 * @since 0.1.0
 * @category fuzzing
 */
export const mutations: fc.Arbitrary<ReadonlyArray<Mutation>> = fc.array(mutation, { minLength: 1, maxLength: 4 })

/**
 * Valid bodies with one to four fields dropped, retyped, added or reshaped.
 *
 * @since 0.1.0
 * @category fuzzing
 */
export const mutated = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.tuple(valid, mutations).map(([body, changes]) => changes.reduce(mutate, body))

/**
 * The bodies a decoder is fuzzed with, `runs` of each kind: valid ones (which must decode), the
 * same ones mutated, and the hostile ones given (failure bodies, random JSON …), shared between
 * decoders so that they are generated once.
 *
 * @since 0.1.0
 * @category fuzzing
 */
export const fuzzBodies = (
  valid: fc.Arbitrary<unknown>,
  hostile: ReadonlyArray<readonly [string, ReadonlyArray<unknown>]>,
  runs: number,
  seed: number
): ReadonlyArray<readonly [kind: string, bodies: ReadonlyArray<unknown>, mustDecode: boolean]> => {
  const bodies = fc.sample(valid, { numRuns: runs, seed })
  const changes = fc.sample(mutations, { numRuns: runs, seed: seed + 1 })
  return [
    ["valid", bodies, true],
    ["mutated", bodies.map((body, index) => (changes[index] ?? []).reduce(mutate, body)), false],
    ...hostile.map(([kind, values]) => [kind, values, false] as const)
  ]
}

/**
 * Statuses an answer may come with: mostly success, every failure class, some odd ones.
 *
 * @since 0.1.0
 * @category fuzzing
 */
export const status: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(200, 201, 202) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(204, 301, 302, 400, 401, 403, 404, 405, 409, 410, 415, 422, 429, 500, 501, 502, 503)
  },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }) }
)

/**
 * A decoder under fuzzing: the bodies it must accept, and how it reads a body (decoding, and
 * mapping to the domain where the adapter does).
 *
 * @since 0.1.0
 * @category fuzzing
 */
export interface Decoder {
  readonly name: string
  /** Bodies the decoder must accept (usually its schema's encoded side as an arbitrary). */
  readonly valid: fc.Arbitrary<unknown>
  /** Reads a body; must never throw, and fail only with a `ParseError`. */
  readonly decode: (body: unknown) => Either.Either<unknown, ParseResult.ParseError>
}

/**
 * A body as it appears in a problem report: JSON, cut at 300 characters.
 *
 * @since 0.1.0
 * @category fuzzing
 */
export const show = (body: unknown): string => {
  const text = JSON.stringify(body)
  return text === undefined ? String(body) : text.slice(0, 300)
}

type Verdict = "typed" | "refused-valid" | "defect"

const verdictOf = (decoder: Decoder, body: unknown, mustSucceed: boolean): { verdict: Verdict; detail?: string } => {
  try {
    const result = decoder.decode(body)
    if (Either.isLeft(result) && !ParseResult.isParseError(result.left)) {
      return { verdict: "defect", detail: String(result.left) }
    }
    if (mustSucceed && Either.isLeft(result)) return { verdict: "refused-valid", detail: result.left.message }
    return { verdict: "typed" }
  } catch (error) {
    return { verdict: "defect", detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
  }
}

/**
 * Feeds a decoder the {@link fuzzBodies} built from its valid bodies and the hostile ones given,
 * and answers how many bodies it read, of how many kinds, and every problem: a valid body
 * refused, or any body answered with an exception or a failure that is not a `ParseError`.
 *
 * @since 0.1.0
 * @category fuzzing
 */
export const fuzzDecoder = (
  decoder: Decoder,
  hostile: ReadonlyArray<readonly [string, ReadonlyArray<unknown>]>,
  runs: number,
  seed: number
): { readonly runs: number; readonly kinds: number; readonly problems: ReadonlyArray<string> } => {
  const kinds = fuzzBodies(decoder.valid, hostile, runs, seed)
  let read = 0
  const problems: Array<string> = []
  for (const [kind, bodies, mustSucceed] of kinds) {
    for (const body of bodies) {
      read++
      const { detail, verdict } = verdictOf(decoder, body, mustSucceed)
      if (verdict !== "typed") problems.push(`${kind} ${verdict}: ${detail ?? ""} — body ${show(body)}`)
    }
  }
  return { runs: read, kinds: kinds.length, problems }
}

/**
 * A schema's encoded side as an arbitrary: the bodies its decoder must accept, generated at
 * `size` when given (nested lists of free-form JSON are large at fast-check's default size).
 *
 * @since 0.1.0
 * @category fuzzing
 */
export const encoded = <A, I>(schema: Schema.Schema<A, I, never>, size?: fc.Size): fc.Arbitrary<unknown> => {
  const arbitrary = () => Arbitrary.make(Schema.encodedSchema(schema))
  return size === undefined ? arbitrary() : withBaseSize(size, arbitrary)
}

/**
 * A decoder for a wire schema: valid bodies are its encoded side as an arbitrary (generated at
 * `size` when given: nested lists of free-form JSON are large at the default size), read by
 * decoding and then `toDomain` where the adapter maps what it decoded.
 *
 * @since 0.1.0
 * @category fuzzing
 */
export const decoder = <A, I>(
  name: string,
  schema: Schema.Schema<A, I, never>,
  options: { readonly toDomain?: ((wire: A) => unknown) | undefined; readonly size?: fc.Size | undefined } = {}
): Decoder => {
  const decode = Schema.decodeUnknownEither(schema, { errors: "all" })
  const { size, toDomain } = options
  return {
    name,
    valid: encoded(schema, size),
    decode: (body) => Either.map(decode(body), (wire) => (toDomain === undefined ? wire : toDomain(wire)))
  }
}

/**
 * One fuzzing scenario per decoder: {@link fuzzDecoder}, recorded in the reliability summary
 * (area `fuzz`: one scenario, passed when no body gave a problem).
 *
 * @since 0.1.0
 * @category fuzzing
 */
export const decoderScenario: typeof fuzzDecoder = (decoder, hostile, runs, seed) => {
  const result = fuzzDecoder(decoder, hostile, runs, seed)
  ReliabilityMetrics.record({
    area: "fuzz",
    scenariosRun: 1,
    scenariosPassed: result.problems.length === 0 ? 1 : 0,
    fuzzRuns: result.runs,
    decoderDefects: result.problems.length
  })
  return result
}

/**
 * Registers one vitest test per decoder (in the `describe` block it is called in): each decoder
 * reads `runs` bodies of each kind — its valid ones (which must decode), the same mutated, the
 * provider's failure bodies (`failure`, labelled with its kind) and random JSON — and gives a
 * typed result for every one ({@link decoderScenario}, recorded in the reliability summary).
 *
 * @since 0.2.0
 * @category fuzzing
 */
export const testDecoders = (options: {
  readonly decoders: ReadonlyArray<Decoder>
  readonly failure: readonly [kind: string, bodies: fc.Arbitrary<unknown>]
  readonly runs: number
  readonly seed: number
}): void => {
  const { it } = vitest()
  const [kind, failureBodies] = options.failure
  const { runs, seed } = options
  const hostile = [
    [kind, fc.sample(failureBodies, { numRuns: runs, seed })],
    ["random JSON", fc.sample(json, { numRuns: runs, seed })]
  ] as const
  for (const decoder of options.decoders) {
    it(`${decoder.name}: its arbitrary decodes; mutated, ${kind} and random bodies give a typed result`, () => {
      const result = decoderScenario(decoder, hostile, runs, seed)
      assert.strictEqual(result.runs, runs * result.kinds)
      assert.deepStrictEqual(result.problems.slice(0, 5), [])
    })
  }
}

/**
 * The bodies an operation may be answered with: valid, mutated, a provider failure body, random
 * JSON, or not JSON at all.
 *
 * @since 0.1.0
 * @category fuzzing
 */
export const anyBody = (valid: fc.Arbitrary<unknown>, failure: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 2, arbitrary: valid },
    { weight: 3, arbitrary: mutated(valid) },
    { weight: 2, arbitrary: failure },
    { weight: 2, arbitrary: json },
    {
      weight: 1,
      arbitrary: fc.oneof(fc.string(), fc.constantFrom("", "<html>502 Bad Gateway</html>", "{", "null")).map((text) =>
        new FakeHttp.RawText(text)
      )
    }
  )

/**
 * An operation of an adapter under fuzzing: its name, the bodies that answer it well, and the call.
 *
 * @since 0.1.0
 * @category fuzzing
 */
export interface Operation<R> {
  readonly name: string
  readonly valid: fc.Arbitrary<unknown>
  readonly run: Effect.Effect<unknown, AdminError.AdminError, R>
}

/**
 * The template operations of a provider whose listing page answers them all (Cloud API style):
 * `templates.list`, `templates.get` (by name and language) and `templates.delete` (every
 * language of a name), each answered well by `page`.
 *
 * @since 0.2.0
 * @category fuzzing
 */
export const templatesByPage = (
  wabaId: string,
  page: fc.Arbitrary<unknown>
): ReadonlyArray<Operation<Templates.Templates>> => [
  { name: "templates.list", valid: page, run: Stream.runDrain(Templates.list({ wabaId, pageSize: 10 })) },
  { name: "templates.get", valid: page, run: Templates.get({ wabaId, name: "order", language: "en_US" }) },
  { name: "templates.delete", valid: page, run: Templates.remove({ wabaId, name: "order", allLanguages: true }) }
]

/**
 * Calls every operation `runs` times through an adapter over a scripted fake `HttpClient`, each
 * call (one attempt: how one answer is handled, not retries) answered with a status and one of
 * `bodies(operation.valid)`. Records the outcome in the reliability summary (area `fuzz`, one
 * scenario per operation) and answers how many calls ran, every defect, and how many calls ended
 * in a value and in an `AdminError`.
 *
 * @since 0.1.0
 * @category fuzzing
 */
export const operations = <R>(options: {
  readonly operations: ReadonlyArray<Operation<R>>
  readonly bodies: (valid: fc.Arbitrary<unknown>) => fc.Arbitrary<unknown>
  readonly http: { readonly answer: (answer: FakeHttp.Answer) => void }
  readonly context: Context.Context<R>
  readonly runs: number
  readonly seed: number
}): Effect.Effect<{
  readonly runs: number
  readonly problems: ReadonlyArray<string>
  readonly outcomes: { readonly Success: number; readonly AdminError: number }
}> =>
  Effect.gen(function*() {
    const singleAttempt = Transport.withPolicy({ maxAttempts: 1, jitter: "none" })
    let runs = 0
    const problems: Array<string> = []
    const failed = new Set<string>()
    const outcomes = { Success: 0, AdminError: 0 }
    for (const operation of options.operations) {
      const answers = fc.sample(fc.record({ status, body: options.bodies(operation.valid) }), {
        numRuns: options.runs,
        seed: options.seed
      })
      for (const answer of answers) {
        options.http.answer(answer)
        runs++
        const outcome = outcomeOf(
          yield* operation.run.pipe(singleAttempt, Effect.provide(options.context), Effect.exit)
        )
        if (outcome._tag === "Defect") {
          failed.add(operation.name)
          problems.push(`${operation.name} ← ${answer.status} ${show(answer.body)}: ${outcome.cause.slice(0, 400)}`)
        } else {
          outcomes[outcome._tag]++
        }
      }
    }
    ReliabilityMetrics.record({
      area: "fuzz",
      scenariosRun: options.operations.length,
      scenariosPassed: options.operations.length - failed.size,
      fuzzRuns: runs,
      decoderDefects: problems.length
    })
    return { runs, problems, outcomes }
  })

/**
 * A test that fuzzes an adapter's operations ({@link operations}) over one scripted fake
 * `HttpClient`, in batches of their own run counts, and asserts what a caller would notice: every
 * call ran and reached the fake, no defect, both values and `AdminError`s occurred and, given
 * `hosts`, requests went only to the provider and the caller's file host, with no credential
 * (`authorization`) sent to the file host.
 *
 * @since 0.2.0
 * @category fuzzing
 */
export const testOperations = <R, E>(options: {
  readonly batches: ReadonlyArray<{ readonly operations: ReadonlyArray<Operation<R>>; readonly runs: number }>
  readonly layer: (http: LayerType.Layer<HttpClient.HttpClient>) => LayerType.Layer<R, E>
  readonly bodies: (valid: fc.Arbitrary<unknown>) => fc.Arbitrary<unknown>
  /** What the fake answers before the first scripted answer. */
  readonly first?: FakeHttp.Answer
  /** Headers every answer comes with, sampled one per call. */
  readonly headers?: fc.Arbitrary<Record<string, string>>
  readonly hosts?: { readonly provider: string; readonly files: string }
  readonly seed: number
}): void => {
  const { it } = vitest()
  it.scopedLive("through every operation over a fake HttpClient: a value or an AdminError, never a defect", () =>
    Effect.gen(function*() {
      const http = FakeHttp.scripted(options.first)
      const context = yield* Layer.build(options.layer(http.layer))
      const expected = options.batches.reduce((sum, batch) => sum + batch.operations.length * batch.runs, 0)
      const headers = options.headers === undefined
        ? []
        : fc.sample(options.headers, { numRuns: expected, seed: options.seed })
      let answered = 0
      const answering = {
        answer: (answer: FakeHttp.Answer) =>
          http.answer(
            headers.length === 0 ? answer : { ...answer, headers: headers[answered++ % headers.length] ?? {} }
          )
      }
      let runs = 0
      const problems: Array<string> = []
      const outcomes = { Success: 0, AdminError: 0 }
      for (const batch of options.batches) {
        const result = yield* operations({
          operations: batch.operations,
          bodies: options.bodies,
          http: answering,
          context,
          runs: batch.runs,
          seed: options.seed
        })
        runs += result.runs
        problems.push(...result.problems)
        outcomes.Success += result.outcomes.Success
        outcomes.AdminError += result.outcomes.AdminError
      }
      assert.strictEqual(runs, expected)
      assert.isAtLeast(http.requests.length, runs)
      const hosts = options.hosts
      if (hosts !== undefined) {
        const hostOf = (request: { readonly url: string }) => new URL(request.url).host
        const strangers = new Set(
          http.requests.map(hostOf).filter((host) => host !== hosts.provider && host !== hosts.files)
        )
        assert.deepStrictEqual([...strangers], [], "requests go only to the provider and the caller's file host")
        assert.isFalse(
          http.requests.some((request) =>
            hostOf(request) === hosts.files && request.headers["authorization"] !== undefined
          ),
          "no credential is sent to the caller's file host"
        )
      }
      assert.deepStrictEqual(problems.slice(0, 5), [])
      assert.isAbove(outcomes.Success, 0)
      assert.isAbove(outcomes.AdminError, 0)
    }))
}
