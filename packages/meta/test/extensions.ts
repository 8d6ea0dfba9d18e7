/**
 * The checks every endpoint of a Meta extension gets, over the scripted Graph of ./support.ts and
 * real HTTP: what reached Graph (method, path, query, the token as a bearer header and never in
 * the URL, `appsecret_proof` with an app secret and not without, the body) and what the caller
 * got back; every documented Graph error the operation can meet, mapped; and bad input refused
 * field by field with nothing sent.
 */
import { assert, describe, it } from "@effect/vitest"
import type { AdminError } from "@wa-admin/core"
import { Transport } from "@wa-admin/core"
import type { EmulatorHost } from "@wa-admin/core/testing"
import { Chunk, Effect, Stream } from "effect"
import type { Layer, Scope } from "effect"
import { createHmac } from "node:crypto"
import type { MetaAdmin } from "../src/index.js"
import type { GraphErrorCase } from "./graphErrors.js"
import { anyOperation } from "./graphErrors.js"
import type { AdminContext, Graph } from "./support.js"
import { adapter, appSecret, graph, graphError, phoneNumberId, token, wabaId } from "./support.js"

/** The business the extension tests configure (`META_BUSINESS_ID`). */
export const businessId = "506914307656634"

/** What an extension operation needs. */
export type Services = Layer.Layer.Success<typeof MetaAdmin.layer>

/** The body a request is expected to carry. */
export type ExpectedBody =
  | { readonly json: unknown }
  /**
   * Multipart text fields (file parts are checked by the case's own `check`); a field's line
   * breaks travel as CRLF, as a form's text does.
   */
  | { readonly form: Readonly<Record<string, string>> }
  | { readonly urlencoded: Readonly<Record<string, string>> }
  | { readonly none: true }

/** One request an operation is expected to send. */
export interface Expected {
  readonly method: "GET" | "POST" | "DELETE"
  /** Below the version (`/106540352242922/message_qrdls`), percent-encoded as sent. */
  readonly path: string
  /** The whole query but `appsecret_proof`. */
  readonly query?: Readonly<Record<string, string>>
  readonly body: ExpectedBody
}

/** A GET, which carries no body: the path below the version and the query (but `appsecret_proof`). */
export const read = (path: string, query?: Readonly<Record<string, string>>): Expected => ({
  method: "GET",
  path,
  ...(query === undefined ? {} : { query }),
  body: { none: true }
})

/** One endpoint of an extension, called once with good input. */
export interface EndpointCase {
  /** The operation's name (`flows.create`), as errors carry it. */
  readonly operation: string
  /** A few words on what is called. */
  readonly title: string
  readonly run: Effect.Effect<unknown, AdminError.AdminError, Services>
  /** What Graph answers (by the index of the request), as the document's examples show it. */
  readonly answer: (call: EmulatorHost.Call, index: number) => unknown
  /** Every request sent, in order. */
  readonly requests: ReadonlyArray<Expected>
  /** What the caller gets, as plain data ({@link plain}). */
  readonly decoded: unknown
  /** The resource a 404 names (`NotFound.resource`). */
  readonly resource: string
  /** Whether Graph's 422 means a state for this operation (`Conflict`), per the document. */
  readonly stateAt422?: true
  /** More checks of the requests (file parts …). */
  readonly check?: (requests: ReadonlyArray<EmulatorHost.RecordedRequest>) => void
}

/** A bad request: refused with `InvalidInput` naming exactly `fields`, nothing sent. */
export interface BadInputCase {
  readonly title: string
  readonly operation: string
  readonly run: Effect.Effect<unknown, AdminError.AdminError, Services>
  readonly fields: ReadonlyArray<string>
  /** Run on a client with no WABA, number or business configured. */
  readonly unconfigured?: true
}

/** A bad-input case: what is called, the operation it names and the fields the refusal names. */
export const refused = (
  title: string,
  operation: string,
  fields: ReadonlyArray<string>,
  run: BadInputCase["run"],
  options: { readonly unconfigured?: true } = {}
): BadInputCase => ({ title, operation, run, fields, ...options })

/** The test's client: token, app secret, WABA, number and business configured. */
const configured = (target: Graph, withSecret: boolean): Effect.Effect<AdminContext, never, Scope.Scope> =>
  adapter(target, { phoneNumberId, businessId, wabaId, ...(withSecret ? {} : { appSecret: undefined }) })

/** A client with no WABA, number or business configured: requests must name them. */
const unconfigured = (target: Graph): Effect.Effect<AdminContext, never, Scope.Scope> =>
  adapter(target, { wabaId: undefined, phoneNumberId: undefined, businessId: undefined })

/** Every item of a stream, as an array. */
export const collect = <A, E, R>(stream: Stream.Stream<A, E, R>): Effect.Effect<ReadonlyArray<A>, E, R> =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

/** A case's one request, answered with Graph's `success` alone: the caller gets nothing back. */
export const succeeding = (request: Expected): Pick<EndpointCase, "answer" | "requests" | "decoded"> => ({
  answer: () => ({ success: true }),
  requests: [request],
  decoded: undefined
})

/** Graph's answers to a listing, page by page: the request of index `i` gets page `i`, or the last page past the end. */
export const pages = (...answers: ReadonlyArray<unknown>) => (_: EmulatorHost.Call, index: number): unknown =>
  answers[Math.min(index, answers.length - 1)]

/** Plain data of a decoded answer (classes and options as JSON shows them). */
export const plain = (value: unknown): unknown =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value)) as unknown

const proof = createHmac("sha256", appSecret).update(token).digest("hex")

/**
 * A multipart request's text fields (parts without a file name, and not JSON files, which the
 * multipart reader keeps as text), as a record.
 */
const formFields = (request: EmulatorHost.RecordedRequest) =>
  Object.fromEntries(
    (request.multipart ?? []).filter((part) => part.fileName === undefined && !/json/.test(part.contentType ?? "")).map(
      (
        part
      ) => [part.name, part.value]
    )
  )

const checkRequest = (
  label: string,
  request: EmulatorHost.RecordedRequest | undefined,
  expected: Expected,
  withSecret: boolean
) => {
  if (request === undefined) throw new Error(`${label}: the request did not reach Graph`)
  assert.strictEqual(`${request.method} ${request.path}`, `${expected.method} /v23.0${expected.path}`, label)
  const { appsecret_proof, ...query } = request.query
  assert.deepStrictEqual(query, expected.query ?? {}, `${label}: query`)
  assert.strictEqual(request.headers["authorization"], `Bearer ${token}`, `${label}: bearer token`)
  assert.strictEqual(appsecret_proof, withSecret ? proof : undefined, `${label}: appsecret_proof`)
  for (const part of [request.path, JSON.stringify(request.query)]) {
    assert.notInclude(part, token, `${label}: the token in the URL`)
    assert.notInclude(part, encodeURIComponent(token), `${label}: the token in the URL`)
  }
  assert.notInclude(request.bodyText, token, `${label}: the token in the body`)
  const body = expected.body
  const contentType = request.headers["content-type"] ?? ""
  if ("json" in body) {
    assert.match(contentType, /^application\/json/, `${label}: content type`)
    assert.deepStrictEqual(request.body, body.json, `${label}: body`)
  } else if ("form" in body) {
    assert.match(contentType, /^multipart\/form-data; boundary=/, `${label}: content type`)
    const crlf = Object.fromEntries(
      Object.entries(body.form).map(([name, value]) => [name, value.replace(/\r?\n/g, "\r\n")])
    )
    assert.deepStrictEqual(formFields(request), crlf, `${label}: form`)
  } else if ("urlencoded" in body) {
    assert.match(contentType, /^application\/x-www-form-urlencoded/, `${label}: content type`)
    assert.deepStrictEqual(
      Object.fromEntries(new URLSearchParams(request.bodyText)),
      body.urlencoded,
      `${label}: form`
    )
  } else {
    assert.strictEqual(request.bodyText, "", `${label}: no body`)
  }
}

/** The Graph errors the document and the issue name, for any operation. */
const errors: ReadonlyArray<GraphErrorCase<AdminError.AdminError["_tag"] | "state">> = [
  ...anyOperation,
  { status: 422, code: 100, expected: "state" },
  { status: 400, code: 100, subcode: 2207051, expected: "Conflict" }
]

const singleAttempt = Transport.withPolicy({ maxAttempts: 1, jitter: "none" })

const answered = (target: Graph, testCase: EndpointCase) => {
  let index = 0
  target.answer((call) => ({ status: 200, body: testCase.answer(call, index++) }))
}

/** Registers the endpoint, error and bad-input checks of one extension. */
export const suite = (
  name: string,
  cases: ReadonlyArray<EndpointCase>,
  badInput: ReadonlyArray<BadInputCase>
): void => {
  describe(name, () => {
    describe("each endpoint: method, path, query, auth placement, body and the decoded answer", () => {
      for (const testCase of cases) {
        it.scoped(`${testCase.operation}: ${testCase.title}`, () =>
          Effect.gen(function*() {
            const target = yield* graph
            for (const withSecret of [true, false]) {
              yield* target.clearRequests
              answered(target, testCase)
              const context = yield* configured(target, withSecret)
              const result = yield* testCase.run.pipe(Effect.provide(context))
              const requests = yield* target.requests
              const label = `${testCase.operation}${withSecret ? "" : " (no app secret)"}`
              assert.strictEqual(requests.length, testCase.requests.length, `${label}: requests sent`)
              testCase.requests.forEach((expected, index) =>
                checkRequest(`${label} #${index + 1}`, requests[index], expected, withSecret)
              )
              testCase.check?.(requests)
              assert.deepStrictEqual(plain(result), testCase.decoded, `${label}: the decoded answer`)
            }
          }))
      }
    })

    it.scoped("every documented Graph error maps onto the union, Graph's error kept as the problem", () =>
      Effect.gen(function*() {
        const target = yield* graph
        const context = yield* configured(target, true)
        const mismatches: Array<string> = []
        for (const testCase of cases) {
          for (const error of errors) {
            const label = `${testCase.operation} ${error.status} ${error.code}${
              error.subcode === undefined ? "" : `/${error.subcode}`
            }`
            target.answer(() => ({
              status: error.status,
              body: graphError(error.code, {
                error_user_title: "A title",
                error_user_msg: "A message for the user",
                fbtrace_id: "AXsgnV2Cm3ZMGF3dF_cfYIn",
                ...(error.subcode === undefined ? {} : { error_subcode: error.subcode })
              })
            }))
            const expected = error.expected === "state"
              ? (testCase.stateAt422 === true ? "Conflict" : "InvalidInput")
              : error.expected
            const failed = yield* Effect.flip(testCase.run.pipe(Effect.provide(context), singleAttempt))
            if (failed._tag !== expected) {
              mismatches.push(`${label}: ${failed._tag} instead of ${expected}`)
              continue
            }
            if (failed.operation !== testCase.operation) {
              mismatches.push(`${label}: operation ${failed.operation}`)
            }
            if (failed._tag === "NotFound" && failed.resource !== testCase.resource) {
              mismatches.push(`${label}: resource ${failed.resource} instead of ${testCase.resource}`)
            }
            if (failed._tag === "InvalidInput" && failed.source !== "provider") {
              mismatches.push(`${label}: InvalidInput from ${failed.source}`)
            }
            // A 429 is the transport's: it carries no Graph problem.
            const keepsProblem = error.status !== 429 && failed._tag !== "RateLimited" &&
              failed._tag !== "ProviderUnavailable"
            if (keepsProblem && "problem" in failed) {
              const problem = failed.problem
              const code = error.subcode === undefined ? `${error.code}` : `${error.code}/${error.subcode}`
              if (
                problem?.code !== code || problem.instance !== "AXsgnV2Cm3ZMGF3dF_cfYIn" ||
                problem.detail !== "A message for the user" || problem.title !== "A title" ||
                problem.status !== error.status
              ) {
                mismatches.push(`${label}: problem ${JSON.stringify(problem)}`)
              }
            }
          }
        }
        assert.deepStrictEqual(mismatches, [])
      }))

    it.scoped("bad input is refused field by field (InvalidInput from this side), nothing sent", () =>
      Effect.gen(function*() {
        const target = yield* graph
        const context = yield* configured(target, true)
        const bare = yield* unconfigured(target)
        for (const testCase of badInput) {
          const failed = yield* Effect.flip(
            testCase.run.pipe(Effect.provide(testCase.unconfigured === true ? bare : context))
          )
          const label = `${testCase.operation}: ${testCase.title}`
          assert.strictEqual(failed._tag, "InvalidInput", `${label}: ${String(failed)}`)
          if (failed._tag === "InvalidInput") {
            assert.strictEqual(failed.source, "local", label)
            assert.strictEqual(failed.operation, testCase.operation, label)
            assert.deepStrictEqual(failed.issues.map((issue) => issue.field), testCase.fields, label)
          }
        }
        assert.strictEqual((yield* target.requests).length, 0, "requests sent for bad input")
      }))
  })
}
