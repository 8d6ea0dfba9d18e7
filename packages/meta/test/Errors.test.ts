import { assert, describe, it } from "@effect/vitest"
import { AdminError, NumberLifecycle, Transport } from "@wa-admin/core"
import { Duration, Effect, Schema } from "effect"
import type { GraphErrorCase } from "./graphErrors.js"
import { anyOperation } from "./graphErrors.js"
import { graphAdapter, graphError, phoneNumberId, token } from "./support.js"

/** One documented Graph error and what it becomes, answered to one operation. */
interface Case extends GraphErrorCase {
  /** The operation answered (default numbers.status). */
  readonly operation?: "status" | "verify" | "resend" | "release"
}

/**
 * The error answers the document shows for the endpoints the adapter calls, the codes the issue
 * names, and what each maps to.
 */
const cases: ReadonlyArray<Case> = [
  ...anyOperation,
  { status: 422, code: 100, expected: "InvalidInput" },
  { status: 422, code: 100, expected: "VerificationFailed", operation: "verify" },
  { status: 422, code: 100, expected: "Conflict", operation: "resend" },
  { status: 422, code: 100, expected: "Conflict", operation: "release" },
  { status: 403, code: 200, subcode: 1349175, expected: "Forbidden" },
  { status: 403, code: 200, subcode: 1349176, expected: "Forbidden" },
  { status: 404, code: 132000, expected: "NotFound" },
  { status: 400, code: 133005, expected: "VerificationFailed", operation: "release" },
  { status: 400, code: 133008, expected: "VerificationFailed", operation: "release" },
  { status: 400, code: 133009, expected: "VerificationFailed", operation: "release" },
  { status: 400, code: 133016, expected: "QuotaExceeded", operation: "release" },
  { status: 500, code: 2, expected: "ProviderUnavailable" },
  { status: 400, code: 131051, expected: "InvalidInput" },
  { status: 400, code: 100, subcode: 2207051, expected: "Conflict", operation: "release" },
  { status: 429, code: 4, subcode: 2446079, expected: "VerificationFailed", operation: "verify" }
]

const singleAttempt = Transport.withPolicy({ maxAttempts: 1, jitter: "none" })

const run = (operation: Case["operation"]) => {
  const id = phoneNumberId
  switch (operation) {
    case "verify":
      return NumberLifecycle.verifyCode({ id, code: "123456" })
    case "resend":
      return NumberLifecycle.resendCode({ id })
    case "release":
      return NumberLifecycle.release({ id })
    default:
      return NumberLifecycle.status({ id })
  }
}

describe("Graph errors", () => {
  it.scoped("every documented code maps onto the union, keeping the whole error as the provider problem", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      const mismatches: Array<string> = []
      for (const testCase of cases) {
        const body = graphError(testCase.code, {
          message: "Something about the request",
          error_user_title: "A title",
          error_user_msg: "A message for the user",
          fbtrace_id: "AXsgnV2Cm3ZMGF3dF_cfYIn",
          ...(testCase.subcode === undefined ? {} : { error_subcode: testCase.subcode })
        })
        // The resend reads the number first: it is waiting for a code.
        target.answer((call) =>
          call.method === "GET" && testCase.operation === "resend"
            ? { status: 200, body: { id: phoneNumberId, code_verification_status: "UNVERIFIED", status: "PENDING" } }
            : { status: testCase.status, body }
        )
        const error = yield* Effect.flip(run(testCase.operation).pipe(Effect.provide(context), singleAttempt))
        const label = `${testCase.status} ${testCase.code}${
          testCase.subcode === undefined ? "" : `/${testCase.subcode}`
        }`
        if (error._tag !== testCase.expected) {
          mismatches.push(`${label}: ${error._tag} instead of ${testCase.expected}`)
          continue
        }
        // Every error carries Graph's problem, the transport's own 429 and 5xx verdicts included.
        if ("problem" in error) {
          const problem = error.problem
          assert.deepStrictEqual(
            {
              code: problem?.code,
              type: problem?.type,
              title: problem?.title,
              detail: problem?.detail,
              instance: problem?.instance,
              status: problem?.status
            },
            {
              code: testCase.subcode === undefined ? `${testCase.code}` : `${testCase.code}/${testCase.subcode}`,
              type: "OAuthException",
              title: "A title",
              detail: "A message for the user",
              instance: "AXsgnV2Cm3ZMGF3dF_cfYIn",
              status: testCase.status
            },
            label
          )
        }
      }
      assert.deepStrictEqual(mismatches, [])
    }))

  it.scoped("detail is error_user_msg, else message; the subcode travels in the code", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      target.answer(() => ({
        status: 400,
        body: { error: { message: "Invalid parameter", type: "OAuthException", code: 100, error_subcode: 2388023 } }
      }))
      const error = yield* Effect.flip(NumberLifecycle.status({ id: phoneNumberId }).pipe(Effect.provide(context)))
      assert.strictEqual(error._tag, "InvalidInput")
      if (error._tag === "InvalidInput") {
        assert.strictEqual(error.source, "provider")
        assert.strictEqual(error.problem?.detail, "Invalid parameter")
        assert.strictEqual(error.problem?.code, "100/2388023")
        assert.strictEqual(error.issues[0]?.rule, "Invalid parameter")
      }
    }))

  it.scoped("the register limit (133016) is QuotaExceeded for the 72 hours Meta locks the number", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      target.answer(() => ({ status: 400, body: graphError(133016) }))
      const error = yield* Effect.flip(NumberLifecycle.release({ id: phoneNumberId }).pipe(Effect.provide(context)))
      assert.strictEqual(error._tag, "QuotaExceeded")
      if (error._tag === "QuotaExceeded") assert.deepStrictEqual(error.retryAfter, Duration.hours(72))
    }))

  it.scoped("not by words: a message saying 'rate limit' with code 100 is InvalidInput, an unreadable body falls back to the status", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      target.answer(() => ({
        status: 400,
        body: { error: { message: "Rate limit exceeded, invalid token", type: "OAuthException", code: 100 } }
      }))
      assert.strictEqual(
        (yield* Effect.flip(NumberLifecycle.status({ id: phoneNumberId }).pipe(Effect.provide(context))))._tag,
        "InvalidInput"
      )
      target.answer(() => ({ status: 403, body: { error: "forbidden" } }))
      assert.strictEqual(
        (yield* Effect.flip(NumberLifecycle.status({ id: phoneNumberId }).pipe(Effect.provide(context))))._tag,
        "Forbidden"
      )
    }))

  it.scoped("an error echoing the token shows it nowhere", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      target.answer((call) => ({
        status: 400,
        body: graphError(100, {
          message: `bad ${call.headers["authorization"] ?? ""} with proof ${call.query["appsecret_proof"] ?? ""}`,
          error_user_msg: encodeURIComponent(token)
        })
      }))
      const error = yield* Effect.flip(NumberLifecycle.status({ id: phoneNumberId }).pipe(Effect.provide(context)))
      const proof = (yield* target.requests)[0]?.query["appsecret_proof"] ?? "missing"
      for (const text of [error.message, JSON.stringify(Schema.encodeSync(AdminError.AdminError)(error))]) {
        assert.notInclude(text, token)
        assert.notInclude(text, encodeURIComponent(token))
        assert.notInclude(text, proof)
      }
    }))
})
