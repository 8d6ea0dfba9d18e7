/**
 * Reliability harness for the (deprecated) Kaleyra adapter: a fake `HttpClient` that answers
 * whatever a test scripts (for answers the emulator never gives), the adapter over it or over a
 * real emulator, and the body mutations the decoder fuzzing feeds it.
 */
import { HttpClient, HttpClientResponse } from "@effect/platform"
import type { HttpClientRequest } from "@effect/platform"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { AdminError, Transport } from "@wa-admin/core"
import type { Capabilities, NumberLifecycle } from "@wa-admin/core"
import { Cause, Effect, Exit, FastCheck as fc, Layer, Redacted } from "effect"
import type { Context, Scope } from "effect"
import { KaleyraEmulator } from "../src/emulator/index.js"
import { KaleyraAdmin, KaleyraClient } from "../src/index.js"

/** A few real file signatures, padded with some bytes, and a text file someone renamed. */
export const files = {
  png: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0xff, 0x10]),
  pdf: new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
  text: new TextEncoder().encode("this is a plain text file that someone renamed\n")
}

/** A provisioning request Kaleyra's activation accepts. */
export const provisionRequest = {
  phoneNumber: "+447700900123",
  displayName: "Acme Support",
  business: { id: "1234567891", name: "Acme Ltd", certificate: { fileName: "certificate.png", bytes: files.png } }
}

// ---------------------------------------------------------------------------------------------
// A fake HttpClient
// ---------------------------------------------------------------------------------------------

/** A body sent as it is, not as JSON (an HTML error page, a truncated document …). */
export class RawText {
  constructor(readonly text: string) {}
}

/** What the fake answers: a status, a body (sent as JSON unless it is `RawText`), headers. */
export interface Answer {
  readonly status: number
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
}

const statusesWithoutBody = new Set([101, 103, 204, 205, 304])

/** The web `Response` for an answer (a status that cannot carry a body gets none). */
export const webResponse = (answer: Answer): Response => {
  const text = answer.body instanceof RawText ? answer.body.text : (JSON.stringify(answer.body) ?? "")
  return new Response(statusesWithoutBody.has(answer.status) || text === "" ? null : text, {
    status: answer.status,
    headers: { "content-type": "application/json", ...answer.headers }
  })
}

/** An `HttpClient` that answers every request from a function and keeps every request it got. */
export const fakeHttp = (answer: (request: HttpClientRequest.HttpClientRequest) => Answer) => {
  const requests: Array<HttpClientRequest.HttpClientRequest> = []
  const layer = Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) =>
      Effect.sync(() => {
        requests.push(request)
        return HttpClientResponse.fromWeb(request, webResponse(answer(request)))
      })
    )
  )
  return { layer, requests }
}

/** The base URL the fake pretends to serve. */
export const fakeBaseUrl = "https://kaleyra.test"

/** The static view of the adapter: `NumberLifecycle` (provision only) and `Capabilities`. */
export type Services = NumberLifecycle.NumberLifecycle | Capabilities.Capabilities

/** The static view of the adapter over an `HttpClient`. */
export const adminOver = (
  http: Layer.Layer<HttpClient.HttpClient>,
  options: { readonly sid?: string; readonly apiKey?: string; readonly baseUrl?: string } = {}
): Layer.Layer<Services> =>
  KaleyraAdmin.layer.pipe(
    Layer.provide(
      KaleyraClient.layer({
        sid: options.sid ?? "HXAP16XXXXXX96IN",
        apiKey: Redacted.make(options.apiKey ?? "Ac4XXXXXXXXXXXXXXXXXXXXXXXXXXXX22f"),
        baseUrl: options.baseUrl ?? fakeBaseUrl
      })
    ),
    Layer.provide(http)
  )

/** One attempt per call: the fuzzing looks at how one answer is handled, not at retries. */
export const singleAttempt = Transport.withPolicy({ maxAttempts: 1, jitter: "none" })

// ---------------------------------------------------------------------------------------------
// The adapter over a real emulator
// ---------------------------------------------------------------------------------------------

/** An emulator on 127.0.0.1 and the adapter over it (undici, as users run it). */
export const emulated = (
  options: KaleyraEmulator.Options = {}
): Effect.Effect<{ readonly emulator: KaleyraEmulator.Emulator; readonly context: Context.Context<Services> }, never, Scope.Scope> =>
  Effect.gen(function* () {
    const emulator = yield* KaleyraEmulator.make(options)
    const context = yield* Layer.build(
      adminOver(NodeHttpClient.layerUndici, { ...emulator.credentials, baseUrl: emulator.url })
    )
    return { emulator, context }
  })

// ---------------------------------------------------------------------------------------------
// Outcomes
// ---------------------------------------------------------------------------------------------

/** How a call ended: a value, one of the library's errors, or anything else (a defect). */
export type Outcome = { readonly _tag: "Success" } | { readonly _tag: "AdminError"; readonly error: AdminError.AdminError } | {
  readonly _tag: "Defect"
  readonly cause: string
}

/** Classifies an exit: only a success or a failure with an `AdminError` is a typed result. */
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

/** One change to a body: drop, retype, add or reshape the value at a location. */
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

/** Applies a mutation to a body. */
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

/** Random JSON, shallow enough to keep runs fast. */
export const json = fc.jsonValue({ maxDepth: 3 })

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom("drop", "retype", "add", "stringify", "wrap", "unwrap", "nullify"),
  at: fc.nat(),
  key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "toString", "length", "ok", "error")),
  value: json
})

/** One to four changes to apply to a body. */
export const mutations: fc.Arbitrary<ReadonlyArray<Mutation>> = fc.array(mutation, { minLength: 1, maxLength: 4 })

/** Valid bodies with one to four fields dropped, retyped, added or reshaped. */
export const mutated = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.tuple(valid, mutations).map(([body, changes]) => changes.reduce(mutate, body))

/**
 * The bodies a decoder is fuzzed with, `runs` of each kind: valid ones (which must decode), the
 * same ones mutated, and the hostile ones given (failure bodies, random JSON …), shared between
 * decoders so that they are generated once.
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

const codes = ["I102", "E413", "E937", "E939", "E001", "E401", ""]

/** Kaleyra failure answers as its document shows them, with odd values mixed in. */
export const failureBody: fc.Arbitrary<unknown> = fc.record(
  {
    code: fc.oneof(fc.constantFrom(...codes), fc.string(), json),
    message: fc.oneof(fc.string(), json),
    data: fc.oneof(fc.constant([]), json),
    error: fc.oneof(
      fc.record(
        {
          code: fc.oneof(fc.constantFrom(...codes), fc.string(), json),
          type: fc.oneof(fc.constantFrom("VALIDATION_ERROR", "SERVER_ERROR"), fc.string(), json),
          parameter: fc.oneof(
            fc.constantFrom("business_certificate", "display_name", "wa_number", "business_id", "business_name"),
            fc.string(),
            json
          ),
          message: fc.oneof(fc.string(), json)
        },
        { requiredKeys: [] }
      ),
      json
    )
  },
  { requiredKeys: [] }
)

/** Statuses an answer may come with: mostly success, every failure class, some odd ones. */
export const status: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(200, 201, 202) },
  { weight: 3, arbitrary: fc.constantFrom(204, 301, 302, 400, 401, 403, 404, 405, 409, 410, 415, 422, 429, 500, 501, 502, 503) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }) }
)

/** The bodies an activation may be answered with: valid, mutated, a failure, random JSON, or not JSON. */
export const anyBody = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 2, arbitrary: valid },
    { weight: 3, arbitrary: mutated(valid) },
    { weight: 2, arbitrary: failureBody },
    { weight: 2, arbitrary: json },
    {
      weight: 1,
      arbitrary: fc.oneof(fc.string(), fc.constantFrom("", "<html>502 Bad Gateway</html>", "{", "null")).map((text) => new RawText(text))
    }
  )
