/**
 * Decoder fuzzing shared by every adapter: how a call ended (a value, one of the library's
 * errors, or a defect), the body mutations valid answers are fed through, the statuses answers
 * come with, and the bodies each decoder is fuzzed with.
 *
 * @since 0.1.0
 */
import { Cause, Either, Exit, FastCheck as fc, ParseResult } from "effect"
import * as AdminError from "../AdminError.js"

/**
 * How a call ended: a value, one of the library's errors, or anything else (a defect).
 *
 * @since 0.1.0
 * @category fuzzing
 */
export type Outcome = { readonly _tag: "Success" } | { readonly _tag: "AdminError"; readonly error: AdminError.AdminError } | {
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
  else if (isRecord(value)) for (const [key, inner] of Object.entries(value)) locations(inner, [...path, key], into)
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
      return update(body, at(all) ?? [], (inner) => (typeof inner === "string" ? inner : JSON.stringify(inner) ?? "undefined"))
    case "wrap":
      return update(body, at(all) ?? [], (inner) => [inner])
    case "unwrap":
      return update(body, at(all) ?? [], (inner) =>
        Array.isArray(inner) ? inner[0] : isRecord(inner) ? Object.values(inner)[0] : inner
      )
    case "add": {
      const containers = all.filter((path) => {
        let inner: unknown = body
        for (const key of path) inner = Array.isArray(inner) ? inner[Number(key)] : isRecord(inner) ? inner[String(key)] : undefined
        return typeof inner === "object" && inner !== null
      })
      return update(body, at(containers) ?? [], (inner) =>
        Array.isArray(inner) ? [...inner, mutation.value] : isRecord(inner) ? { ...inner, [mutation.key]: mutation.value } : inner
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
  key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "toString", "length", "ok", "error")),
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
  { weight: 3, arbitrary: fc.constantFrom(204, 301, 302, 400, 401, 403, 404, 405, 409, 410, 415, 422, 429, 500, 501, 502, 503) },
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
    if (Either.isLeft(result) && !ParseResult.isParseError(result.left)) return { verdict: "defect", detail: String(result.left) }
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
