import { HttpClient, HttpClientRequest } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { AdminError, Transport } from "@wa-admin/core"
import { AdapterClient, Endpoint } from "@wa-admin/core/adapter"
import { Expect } from "@wa-admin/core/testing"
import { Duration, Effect, Option } from "effect"
import { drive, failureOf, fakeClient, get, makeTransport, post, respond } from "./TransportFakes.js"

/** A provider whose error body is not RFC 7807: `{ fault: { id, text } }`. */
const faultBody = (id: string, text: string) => ({ fault: { id, text } })

/** The reader of that provider's error body, counting how often it reads one. */
const counted = () => {
  const reads: Array<number> = []
  const readProblem = (status: number, body: unknown): Option.Option<AdminError.ProviderProblem> => {
    reads.push(status)
    if (typeof body !== "object" || body === null || !("fault" in body)) return Option.none()
    const fault = body.fault as { readonly id?: unknown; readonly text?: unknown }
    return typeof fault.id === "string" && typeof fault.text === "string"
      ? Option.some(new AdminError.ProviderProblem({ status, code: fault.id, detail: fault.text }))
      : Option.none()
  }
  return { reads, readProblem }
}

const token = "tok-canary-9f8e7d6c5b4a"
const exact = Transport.withPolicy({ jitter: "none" })
const withToken = (call: Transport.Call): Transport.Call => ({
  ...call,
  request: HttpClientRequest.setHeader(call.request, "authorization", `Bearer ${token}`)
})

describe("Transport: the adapter's reader of its error body", () => {
  it.effect("a 503 that persists carries the provider's code and message, read from its own body", () =>
    Effect.gen(function*() {
      const reader = counted()
      const fake = fakeClient(respond(503, faultBody("SVC-7", "maintenance window")))
      const transport = yield* makeTransport(fake, { readProblem: reader.readProblem })
      const error = Expect.tag(failureOf((yield* drive(exact(transport.execute(get())))).exit), "ProviderUnavailable")
      assert.strictEqual(fake.sent.length, 4, "retried until the attempts ran out")
      assert.strictEqual(error.problem?.code, "SVC-7")
      assert.strictEqual(error.problem?.detail, "maintenance window")
      assert.strictEqual(error.problem?.status, 503)
    }))

  it.effect("a 429 on a mutation carries the provider's problem, its Retry-After kept", () =>
    Effect.gen(function*() {
      const reader = counted()
      const fake = fakeClient(respond(429, faultBody("RATE-1", "slow down"), { "retry-after": "600" }))
      const transport = yield* makeTransport(fake, { readProblem: reader.readProblem })
      const error = Expect.tag(failureOf((yield* drive(exact(transport.execute(post())))).exit), "RateLimited")
      assert.strictEqual(error.retryAfter === undefined ? undefined : Duration.toSeconds(error.retryAfter), 600)
      assert.strictEqual(error.problem?.code, "RATE-1")
      assert.strictEqual(error.problem?.detail, "slow down")
      assert.strictEqual(fake.sent.length, 1, "a Retry-After beyond the cap is not waited for")
    }))

  it.effect("a secret echoed in the provider's message never surfaces, and a long message is capped", () =>
    Effect.gen(function*() {
      const reader = counted()
      const long = `token ${token} refused; ${"x".repeat(5000)}`
      const fake = fakeClient(respond(503, faultBody("SVC-7", long)))
      const transport = yield* makeTransport(fake, { readProblem: reader.readProblem })
      const error = Expect.tag(
        failureOf((yield* drive(exact(transport.execute(withToken(post()))))).exit),
        "OutcomeUnknown"
      )
      const detail = error.problem?.detail ?? ""
      assert.isTrue(detail.startsWith("token "), detail.slice(0, 40))
      assert.notInclude(detail, token)
      assert.notInclude(JSON.stringify(error), token)
      assert.isBelow(detail.length, 2100)
    }))

  it.effect("classify is given the same reading: each answer is read once", () =>
    Effect.gen(function*() {
      const reader = counted()
      const given: Array<Option.Option<AdminError.ProviderProblem>> = []
      const fake = fakeClient(respond(409, faultBody("DUP-2", "already there")))
      const transport = yield* makeTransport(fake, {
        readProblem: reader.readProblem,
        classify: (failure) => {
          given.push(failure.problem)
          return Transport.defaultFailure("acme", failure, failure.scrub)
        }
      })
      const error = Expect.tag(failureOf((yield* drive(exact(transport.execute(post())))).exit), "UnexpectedResponse")
      assert.strictEqual(error.problem?.code, "DUP-2")
      assert.deepStrictEqual(reader.reads, [409])
      assert.strictEqual(given.length, 1)
      assert.strictEqual(Option.getOrUndefined(given[0] ?? Option.none())?.detail, "already there")
    }))

  it.effect("by default an RFC 7807 body is read, and a body of another shape carries no problem", () =>
    Effect.gen(function*() {
      const rfc = yield* makeTransport(fakeClient(respond(503, { type: "https://x.test/#busy", detail: "busy now" })))
      const fromRfc = Expect.tag(failureOf((yield* drive(exact(rfc.execute(get())))).exit), "ProviderUnavailable")
      assert.strictEqual(fromRfc.problem?.code, "busy")
      assert.strictEqual(fromRfc.problem?.detail, "busy now")
      const other = yield* makeTransport(fakeClient(respond(503, faultBody("SVC-7", "maintenance window"))))
      const fromOther = Expect.tag(failureOf((yield* drive(exact(other.execute(get())))).exit), "ProviderUnavailable")
      assert.isUndefined(fromOther.problem)
    }))
})

describe("AdapterClient: the adapter's reader of its error body", () => {
  const status = Endpoint.make({
    operation: "numbers.status",
    method: "GET",
    path: "/numbers/{id}",
    // idempotent: a read
    idempotent: true,
    params: (input: { readonly id: string }) => input
  })

  it.effect("a 429 and a 401 carry the provider's problem, the 401 its message as the reason", () =>
    Effect.gen(function*() {
      const reader = counted()
      const fake = fakeClient(
        respond(429, faultBody("RATE-1", "slow down"), { "retry-after": "600" }),
        respond(401, faultBody("AUTH-3", "key revoked"))
      )
      const client = yield* AdapterClient.make({
        provider: "acme",
        baseUrl: "https://api.acme.test/v1",
        readProblem: reader.readProblem
      }).pipe(Effect.provideService(HttpClient.HttpClient, fake.client))
      const limited = Expect.tag(
        failureOf((yield* drive(exact(client.call(status)({ id: "42" })))).exit),
        "RateLimited"
      )
      assert.strictEqual(limited.problem?.code, "RATE-1")
      const refused = Expect.tag(
        failureOf((yield* drive(exact(client.call(status)({ id: "42" })))).exit),
        "Unauthorized"
      )
      assert.strictEqual(refused.problem?.code, "AUTH-3")
      assert.include(refused.reason, "key revoked")
    }))
})
