/**
 * Decoder fuzzing shared by every adapter: how a call ended (a value, one of the library's
 * errors, or a defect), the body mutations valid answers are fed through, the statuses answers
 * come with, and the bodies each decoder is fuzzed with.
 *
 * @since 0.1.0
 */
import { Cause, Exit, FastCheck as fc } from "effect"
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
