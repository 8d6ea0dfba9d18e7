import { FetchHttpClient, HttpClient, HttpClientRequest } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { AdminError, Problem, Transport } from "@wa-admin/core"
import { Duration, Effect, FiberRef, Layer, Option, Schema, Scope } from "effect"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import {
  drive,
  executeOnce,
  failureOf,
  fakeClient,
  fakeTransport,
  get,
  hang,
  makeTransport,
  post,
  recordingLogger,
  recordingTracer,
  type Reply,
  respond,
  stallBody,
  streamed,
  successOf,
  transportError
} from "./TransportFakes.js"

const exact = Transport.withPolicy({ jitter: "none" })
const ok = respond(200, { ok: 1 })
const gaps = (times: ReadonlyArray<number>) => times.slice(1).map((time, index) => time - (times[index] ?? 0))

describe("Transport: what is retried", () => {
  for (const status of [408, 429, 500, 502, 503, 504]) {
    it.effect(`a GET answered ${status} is sent again after the backoff`, () =>
      Effect.gen(function*() {
        const { fake, transport } = yield* fakeTransport(respond(status, { title: "busy" }), ok)
        const { exit } = yield* drive(exact(transport.execute(get())))
        const response = successOf(exit)
        assert.deepStrictEqual(response.body, { ok: 1 })
        assert.strictEqual(response.attempts, 2)
        assert.deepStrictEqual(fake.sent.map((sent) => sent.at), [0, 250])
      }))
  }

  const resentAfterTransportErrors = [
    {
      request: get,
      codes: ["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE"],
      title: (code: string) => `a GET that failed in transport (${code}) is sent again`
    },
    {
      request: post,
      codes: ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"],
      title: (code: string) => `a POST that certainly never left (${code}) is sent again`
    }
  ]
  for (const { codes, request, title } of resentAfterTransportErrors) {
    for (const code of codes) {
      it.effect(title(code), () =>
        Effect.gen(function*() {
          const fake = fakeClient(transportError(code), ok)
          const { exit } = yield* executeOnce(fake, request())
          assert.strictEqual(successOf(exit).attempts, 2)
          assert.strictEqual(fake.sent.length, 2)
        }))
    }
  }

  it.effect("idempotent writes (PUT, DELETE) are retried like reads", () =>
    Effect.gen(function*() {
      for (const method of ["PUT", "DELETE"] as const) {
        const { fake, transport } = yield* fakeTransport(respond(503), transportError("ECONNRESET"), respond(204))
        const { exit } = yield* drive(
          exact(
            transport.execute({
              operation: "templates.edit",
              request: Transport.request(method, "https://api.acme.test", "/t/1"),
              idempotent: true
            })
          )
        )
        assert.strictEqual(successOf(exit).status, 204)
        assert.strictEqual(fake.sent.length, 3)
      }
    }))

  for (const status of [500, 502, 503, 504]) {
    it.effect(`a POST answered ${status} is not sent again: its outcome is unknown`, () =>
      Effect.gen(function*() {
        const fake = fakeClient(
          respond(status, { type: "https://errors.acme.test/#overloaded", title: "Overloaded" }),
          ok
        )
        const transport = yield* makeTransport(fake)
        const { exit } = yield* drive(exact(transport.execute(post())))
        const error = failureOf(exit)
        assert.strictEqual(error._tag, "OutcomeUnknown")
        assert.isFalse(error.retryable)
        if (error._tag === "OutcomeUnknown") {
          assert.strictEqual(error.status, status)
          assert.strictEqual(error.provider, "acme")
          assert.strictEqual(error.operation, "numbers.provision")
          assert.strictEqual(error.problem?.code, "overloaded")
        }
        assert.strictEqual(fake.sent.length, 1)
      }))
  }

  for (const code of ["ECONNRESET", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET"]) {
    it.effect(`a POST whose connection broke after sending (${code}) is not sent again`, () =>
      Effect.gen(function*() {
        const fake = fakeClient(transportError(code), ok)
        const { exit } = yield* executeOnce(fake, post())
        assert.strictEqual(failureOf(exit)._tag, "OutcomeUnknown")
        assert.strictEqual(fake.sent.length, 1)
      }))
  }

  for (const status of [408, 429]) {
    it.effect(`a POST the server refused unprocessed (${status}) is sent again`, () =>
      Effect.gen(function*() {
        const fake = fakeClient(respond(status), ok)
        const { exit } = yield* executeOnce(fake, post())
        assert.strictEqual(successOf(exit).attempts, 2)
        assert.deepStrictEqual(fake.sent.map((sent) => sent.at), [0, 250])
      }))
  }

  it.effect("501 is never retried, whatever the method", () =>
    Effect.gen(function*() {
      for (const call of [get(), post()]) {
        const { fake, transport } = yield* fakeTransport(respond(501), ok)
        const error = failureOf((yield* drive(exact(transport.execute(call)))).exit)
        assert.strictEqual(error._tag, "ProviderUnavailable")
        if (error._tag === "ProviderUnavailable") assert.strictEqual(error.status, 501)
        assert.isFalse(error.retryable)
        assert.strictEqual(fake.sent.length, 1)
      }
    }))

  it.effect("other 4xx answers are not retried and keep the provider's problem", () =>
    Effect.gen(function*() {
      const cases = [
        [400, "UnexpectedResponse"],
        [401, "Unauthorized"],
        [403, "Forbidden"],
        [404, "NotFound"],
        [409, "UnexpectedResponse"],
        [422, "UnexpectedResponse"]
      ] as const
      for (const [status, tag] of cases) {
        const fake = fakeClient(
          respond(status, {
            type: "https://developer.vonage.com/api-errors/whatsapp-provisioning#unprocessable",
            title: "Invalid request",
            detail: "number is missing",
            instance: "bf0ca0bf927b3b52e3cb03217e1a1ddf",
            invalid_parameters: [{ name: "number", reason: "is required" }]
          }),
          ok
        )
        const transport = yield* makeTransport(fake)
        const error = failureOf((yield* drive(exact(transport.execute(get())))).exit)
        assert.strictEqual(error._tag, tag)
        assert.strictEqual(fake.sent.length, 1)
        if ("problem" in error) {
          assert.strictEqual(error.problem?.status, status)
          assert.strictEqual(error.problem?.code, "unprocessable")
          assert.strictEqual(error.problem?.instance, "bf0ca0bf927b3b52e3cb03217e1a1ddf")
          assert.deepStrictEqual(error.problem?.invalidParameters, [{ name: "number", reason: "is required" }])
        }
      }
    }))

  it.effect("an adapter's classify decides the error of a non-retried answer", () =>
    Effect.gen(function*() {
      const fake = fakeClient(respond(409, { type: "https://x.test/#number-in-use", detail: "in use by abc" }))
      const transport = yield* makeTransport(fake, {
        classify: (failure) =>
          new AdminError.Conflict({
            provider: "acme",
            operation: failure.operation,
            reason: "number in use",
            existingId: "abc"
          })
      })
      const error = failureOf((yield* drive(transport.execute(post()))).exit)
      assert.strictEqual(error._tag, "Conflict")
      if (error._tag === "Conflict") assert.strictEqual(error.existingId, "abc")
    }))

  it.effect("a 2xx whose body is not JSON is an unexpected response", () =>
    Effect.gen(function*() {
      const { transport } = yield* fakeTransport(respond(200, "<html>maintenance</html>"))
      const error = failureOf((yield* drive(transport.execute(get()))).exit)
      assert.strictEqual(error._tag, "UnexpectedResponse")
      if (error._tag === "UnexpectedResponse") assert.strictEqual(error.body, "<html>maintenance</html>")
    }))

  it.effect("an empty 2xx body answers undefined", () =>
    Effect.gen(function*() {
      const { transport } = yield* fakeTransport(respond(204))
      const response = successOf((yield* drive(transport.execute(get()))).exit)
      assert.strictEqual(response.status, 204)
      assert.isUndefined(response.body)
    }))
})

describe("Transport: backoff and the attempt bound", () => {
  it.effect("gives up after maxAttempts with the last error, waiting 250 ms, 500 ms, 1 s between attempts", () =>
    Effect.gen(function*() {
      const fake = fakeClient(respond(503))
      const { endedAt, exit } = yield* executeOnce(fake, get())
      const error = failureOf(exit)
      assert.strictEqual(error._tag, "ProviderUnavailable")
      if (error._tag === "ProviderUnavailable") {
        assert.strictEqual(error.attempts, 4)
        assert.strictEqual(error.status, 503)
        assert.isTrue(error.retryable)
      }
      assert.deepStrictEqual(fake.sent.map((sent) => sent.at), [0, 250, 750, 1750])
      assert.strictEqual(endedAt, 1750)
    }))

  it.effect("the attempt bound and the backoff cap are knobs", () =>
    Effect.gen(function*() {
      const { fake, transport } = yield* fakeTransport(respond(500))
      yield* drive(
        Transport.withPolicy({ jitter: "none", maxAttempts: 6, maxDelay: "1 second" })(transport.execute(get()))
      )
      assert.deepStrictEqual(gaps(fake.sent.map((sent) => sent.at)), [250, 500, 1000, 1000, 1000])

      const once = fakeClient(respond(500))
      const single = yield* makeTransport(once)
      yield* drive(Transport.withPolicy({ maxAttempts: 1 })(single.execute(get())))
      assert.strictEqual(once.sent.length, 1)
    }))

  it.effect("a rate limit that never lifts ends as RateLimited with the attempts made", () =>
    Effect.gen(function*() {
      const { transport } = yield* fakeTransport(respond(429, { title: "throttled" }, { "retry-after": "2" }))
      const error = failureOf((yield* drive(exact(transport.execute(get())))).exit)
      assert.strictEqual(error._tag, "RateLimited")
      if (error._tag === "RateLimited") {
        assert.strictEqual(error.attempts, 4)
        assert.deepStrictEqual(error.retryAfter, Duration.seconds(2))
      }
      assert.isTrue(error.retryable)
    }))

  it.effect("full jitter waits a random time no longer than the exponential backoff", () =>
    Effect.gen(function*() {
      for (let run = 0; run < 5; run++) {
        const { fake, transport } = yield* fakeTransport(respond(503))
        yield* drive(Transport.withPolicy({ maxAttempts: 5 })(transport.execute(get())))
        const waits = gaps(fake.sent.map((sent) => sent.at))
        assert.strictEqual(waits.length, 4)
        waits.forEach((wait, index) => {
          assert.isAtLeast(wait, 0)
          assert.isAtMost(wait, 250 * 2 ** index)
        })
      }
    }))
})

describe("Transport: Retry-After", () => {
  const secondAttemptAt = (headers: Record<string, string>) =>
    Effect.gen(function*() {
      const fake = fakeClient(respond(429, undefined, headers), ok)
      const { exit } = yield* executeOnce(fake, get())
      successOf(exit)
      return (fake.sent[1]?.at ?? Number.NaN) - (fake.sent[0]?.at ?? Number.NaN)
    })

  it.effect("in seconds: the next attempt waits that long", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* secondAttemptAt({ "retry-after": "5" }), 5000)
    }))

  it.effect("as an HTTP date: the next attempt waits until then", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* secondAttemptAt({ "retry-after": "Thu, 01 Jan 1970 00:00:07 GMT" }), 7000)
    }))

  it.effect("missing or garbage: the backoff applies", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* secondAttemptAt({}), 250)
      for (const garbage of ["soon", "-3", "1.5", "5 seconds", "Thursday", "Mon 2", "0x10", ""]) {
        assert.strictEqual(yield* secondAttemptAt({ "retry-after": garbage }), 250, garbage)
      }
    }))

  it.effect("shorter than the backoff: the backoff applies", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* secondAttemptAt({ "retry-after": "0" }), 250)
      assert.strictEqual(yield* secondAttemptAt({ "retry-after": "Thu, 01 Jan 1970 00:00:00 GMT" }), 250)
    }))

  it.effect("longer than the cap: fails at once with RateLimited carrying retryAfter, without waiting", () =>
    Effect.gen(function*() {
      const fake = fakeClient(respond(429, undefined, { "retry-after": "120" }), ok)
      const { endedAt, exit } = yield* executeOnce(fake, get())
      const error = failureOf(exit)
      assert.strictEqual(error._tag, "RateLimited")
      if (error._tag === "RateLimited") {
        assert.deepStrictEqual(error.retryAfter, Duration.seconds(120))
        assert.strictEqual(error.attempts, 1)
        assert.include(error.message, "retry after 2m")
      }
      assert.strictEqual(fake.sent.length, 1)
      assert.strictEqual(endedAt, 0)
    }))

  it.effect("the cap applies to a 503's Retry-After too, and is a knob", () =>
    Effect.gen(function*() {
      const { fake, transport } = yield* fakeTransport(respond(503, undefined, { "retry-after": "30" }), ok)
      const { endedAt, exit } = yield* drive(
        Transport.withPolicy({ retryAfterCap: "10 seconds" })(transport.execute(get()))
      )
      const error = failureOf(exit)
      assert.strictEqual(error._tag, "ProviderUnavailable")
      if (error._tag === "ProviderUnavailable") assert.deepStrictEqual(error.retryAfter, Duration.seconds(30))
      assert.strictEqual(endedAt, 0)
      assert.strictEqual(fake.sent.length, 1)

      const patient = fakeClient(respond(503, undefined, { "retry-after": "30" }), ok)
      const transport2 = yield* makeTransport(patient)
      successOf((yield* drive(exact(transport2.execute(get())))).exit)
      assert.deepStrictEqual(gaps(patient.sent.map((sent) => sent.at)), [30_000])
    }))

  it.effect("a wait that would outlast the call deadline is not started", () =>
    Effect.gen(function*() {
      const { fake, transport } = yield* fakeTransport(respond(429, undefined, { "retry-after": "45" }), ok)
      const { endedAt, exit } = yield* drive(Transport.withPolicy({ deadline: "30 seconds" })(transport.execute(get())))
      const error = failureOf(exit)
      assert.strictEqual(error._tag, "RateLimited")
      if (error._tag === "RateLimited") assert.deepStrictEqual(error.retryAfter, Duration.seconds(45))
      assert.strictEqual(endedAt, 0)
      assert.strictEqual(fake.sent.length, 1)
    }))

  it("parseRetryAfter reads delay-seconds and the three HTTP-date forms", () => {
    const now = Date.UTC(2024, 0, 1, 12, 0, 0)
    const seconds = (value: string) => {
      const parsed = Transport.parseRetryAfter(value, now)
      return parsed === undefined ? undefined : Duration.toSeconds(parsed)
    }
    assert.strictEqual(seconds("17"), 17)
    assert.strictEqual(seconds(" 3 "), 3)
    assert.strictEqual(seconds("Mon, 01 Jan 2024 12:00:30 GMT"), 30)
    assert.strictEqual(seconds("Monday, 01-Jan-24 12:01:00 GMT"), 60)
    assert.strictEqual(seconds("Mon Jan  1 12:00:10 2024"), 10)
    assert.strictEqual(seconds("Mon, 01 Jan 2024 11:00:00 GMT"), 0)
    assert.isUndefined(Transport.parseRetryAfter(undefined, now))
    for (const garbage of ["", "soon", "-1", "2.5", "1e3", "tomorrow 12", "2024-01-01T12:00:30Z"]) {
      assert.isUndefined(seconds(garbage), garbage)
    }
  })
})

describe("Transport: time limits", () => {
  it.effect("a hanging GET times out per attempt and the call ends at its deadline", () =>
    Effect.gen(function*() {
      const fake = fakeClient(hang)
      const { endedAt, exit } = yield* executeOnce(fake, get())
      const error = failureOf(exit)
      assert.strictEqual(error._tag, "ProviderUnavailable")
      if (error._tag === "ProviderUnavailable") {
        assert.include(error.reason, "deadline")
        assert.strictEqual(error.attempts, 4)
      }
      assert.deepStrictEqual(fake.sent.map((sent) => sent.at), [0, 15_250, 30_750, 46_750])
      assert.strictEqual(endedAt, 60_000)
    }))

  it.effect("a body that stalls after the headers counts as a timed-out attempt", () =>
    Effect.gen(function*() {
      const { fake, transport } = yield* fakeTransport(stallBody)
      const { endedAt, exit } = yield* drive(
        Transport.withPolicy({ jitter: "none", attemptTimeout: "2 seconds", maxAttempts: 2 })(transport.execute(get()))
      )
      const error = failureOf(exit)
      assert.strictEqual(error._tag, "ProviderUnavailable")
      if (error._tag === "ProviderUnavailable") assert.include(error.reason, "stalled")
      assert.deepStrictEqual(fake.sent.map((sent) => sent.at), [0, 2250])
      assert.strictEqual(endedAt, 4250)
    }))

  it.effect("a hanging POST is not sent again: outcome unknown after one attempt timeout", () =>
    Effect.gen(function*() {
      const fake = fakeClient(hang)
      const { endedAt, exit } = yield* executeOnce(fake, post())
      assert.strictEqual(failureOf(exit)._tag, "OutcomeUnknown")
      assert.strictEqual(fake.sent.length, 1)
      assert.strictEqual(endedAt, 15_000)
    }))

  it.effect("a POST still in flight at the deadline has an unknown outcome", () =>
    Effect.gen(function*() {
      const { transport } = yield* fakeTransport(stallBody)
      const { endedAt, exit } = yield* drive(Transport.withPolicy({ deadline: "5 seconds" })(transport.execute(post())))
      const error = failureOf(exit)
      assert.strictEqual(error._tag, "OutcomeUnknown")
      if (error._tag === "OutcomeUnknown") assert.include(error.reason, "deadline")
      assert.strictEqual(endedAt, 5000)
    }))

  it.effect("the deadline is a knob and bounds retries of a refused POST", () =>
    Effect.gen(function*() {
      const { fake, transport } = yield* fakeTransport(transportError("ECONNREFUSED"))
      const { endedAt, exit } = yield* drive(
        Transport.withPolicy({ jitter: "none", maxAttempts: 100, deadline: "3 seconds", maxDelay: "1 second" })(
          transport.execute(post())
        )
      )
      const error = failureOf(exit)
      assert.strictEqual(error._tag, "ProviderUnavailable")
      assert.deepStrictEqual(fake.sent.map((sent) => sent.at), [0, 250, 750, 1750, 2750])
      assert.isAtMost(endedAt, 3000)
    }))
})

describe("Transport: redirects are never followed", () => {
  for (const status of [301, 302, 303, 307, 308]) {
    it.effect(`a ${status} is an UnexpectedResponse and nothing reaches the other host`, () =>
      Effect.gen(function*() {
        const fake = fakeClient(
          respond(status, "", { location: "https://elsewhere.test/collect?accessToken=tok-123456789" }),
          ok
        )
        const transport = yield* makeTransport(fake, {
          authenticate: (request) => Effect.succeed(HttpClientRequest.bearerToken(request, "jwt-abcdefghijkl"))
        })
        const error = failureOf((yield* drive(exact(transport.execute(get())))).exit)
        assert.strictEqual(error._tag, "UnexpectedResponse")
        if (error._tag === "UnexpectedResponse") {
          assert.strictEqual(error.status, status)
          assert.include(error.reason, "not followed")
          assert.include(error.reason, "https://elsewhere.test/collect?accessToken=<redacted>")
          assert.notInclude(error.message, "tok-123456789")
        }
        assert.deepStrictEqual(fake.sent.map((sent) => sent.host), ["api.acme.test"])
      }))
  }

  it.live("with the fetch client, a redirect to another server sends it nothing", () =>
    Effect.gen(function*() {
      const other = { hits: 0 }
      const listen = (handler: Http.RequestListener) =>
        Effect.acquireRelease(
          Effect.async<Http.Server>((resume) => {
            const server = Http.createServer(handler)
            server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
          }),
          (server) =>
            Effect.async<void>((resume) => {
              server.close(() => resume(Effect.void))
            })
        )
      const elsewhere = yield* listen((_, response) => {
        other.hits++
        response.writeHead(200, { "content-type": "application/json" }).end("{}")
      })
      const elsewherePort = (elsewhere.address() as AddressInfo).port
      const origin = yield* listen((_, response) => {
        response.writeHead(302, { location: `http://127.0.0.1:${elsewherePort}/steal` })
        response.end()
      })
      const originPort = (origin.address() as AddressInfo).port
      const transport = yield* Transport.make({
        provider: "acme",
        authenticate: (request) => Effect.succeed(HttpClientRequest.bearerToken(request, "jwt-abcdefghijkl"))
      }).pipe(Effect.provide(FetchHttpClient.layer))
      const exit = yield* Effect.exit(
        transport.execute({
          operation: "profile.get",
          request: Transport.request("GET", `http://127.0.0.1:${originPort}`, "/profile"),
          idempotent: true
        })
      )
      const error = failureOf(exit)
      assert.strictEqual(error._tag, "UnexpectedResponse")
      if (error._tag === "UnexpectedResponse") assert.strictEqual(error.status, 302)
      assert.strictEqual(other.hits, 0)
    }).pipe(Effect.scoped))
})

describe("Transport: credentials", () => {
  const signer = () => {
    const state = { generation: 1, refreshes: 0 }
    return {
      state,
      authenticate: (request: HttpClientRequest.HttpClientRequest) =>
        Effect.sync(() => HttpClientRequest.bearerToken(request, `token-generation-${state.generation}`)),
      refreshCredentials: Effect.sync(() => {
        state.refreshes++
        state.generation++
      })
    }
  }

  it.effect("one 401 refreshes the credentials and the call is sent again with the new ones", () =>
    Effect.gen(function*() {
      const fake = fakeClient(respond(401, { title: "Unauthorized", detail: "expired" }), ok)
      const { authenticate, refreshCredentials, state } = signer()
      const transport = yield* makeTransport(fake, { authenticate, refreshCredentials })
      const response = successOf((yield* drive(transport.execute(post()))).exit)
      assert.deepStrictEqual(response.body, { ok: 1 })
      assert.strictEqual(state.refreshes, 1)
      assert.deepStrictEqual(
        fake.sent.map((sent) => sent.headers["authorization"]),
        ["Bearer token-generation-1", "Bearer token-generation-2"]
      )
    }))

  it.effect("a second 401 is Unauthorized: credentials are refreshed once only", () =>
    Effect.gen(function*() {
      const fake = fakeClient(respond(401, { title: "Unauthorized", detail: "bad key" }))
      const { authenticate, refreshCredentials, state } = signer()
      const transport = yield* makeTransport(fake, { authenticate, refreshCredentials })
      const error = failureOf((yield* drive(transport.execute(get()))).exit)
      assert.strictEqual(error._tag, "Unauthorized")
      if (error._tag === "Unauthorized") assert.strictEqual(error.reason, "bad key")
      assert.strictEqual(state.refreshes, 1)
      assert.strictEqual(fake.sent.length, 2)
    }))

  it.effect("without refreshCredentials a 401 is Unauthorized at once", () =>
    Effect.gen(function*() {
      const { fake, transport } = yield* fakeTransport(respond(401), ok)
      assert.strictEqual(failureOf((yield* drive(transport.execute(get()))).exit)._tag, "Unauthorized")
      assert.strictEqual(fake.sent.length, 1)
    }))

  it.effect("when credentials cannot be made, that error is the answer and nothing is sent", () =>
    Effect.gen(function*() {
      const fake = fakeClient(ok)
      const transport = yield* makeTransport(fake, {
        authenticate: () =>
          Effect.fail(
            new AdminError.Unauthorized({ provider: "acme", operation: "numbers.status", reason: "no private key" })
          )
      })
      const error = failureOf((yield* drive(transport.execute(get()))).exit)
      assert.strictEqual(error._tag, "Unauthorized")
      assert.strictEqual(fake.sent.length, 0)
    }))
})

describe("Transport: spans", () => {
  it.effect("a call outside any span opens one named wa-admin.<provider>.<operation>", () =>
    Effect.gen(function*() {
      const { spans, tracer } = recordingTracer()
      const { transport } = yield* fakeTransport(respond(503), ok)
      yield* drive(exact(transport.execute(get("/v1/things/1?page=2"))).pipe(Effect.withTracer(tracer)))
      assert.deepStrictEqual(spans.map((span) => span.name), ["wa-admin.acme.numbers.status"])
      const [span] = spans
      assert.strictEqual(span?.kind, "client")
      assert.strictEqual(span?.attributes.get("http.request.method"), "GET")
      assert.strictEqual(span?.attributes.get("url.full"), "https://api.acme.test/v1/things/1?page=2")
      assert.strictEqual(span?.attributes.get("http.response.status_code"), 200)
      assert.strictEqual(span?.attributes.get("wa-admin.attempts"), 2)
      assert.deepStrictEqual(span?.events.map((event) => event.attributes["http.response.status_code"]), [503])
    }))

  it.effect("inside the port's span of the same name, no second span is opened", () =>
    Effect.gen(function*() {
      const { spans, tracer } = recordingTracer()
      const { transport } = yield* fakeTransport(ok)
      yield* drive(
        transport.execute(get()).pipe(Effect.withSpan("wa-admin.acme.numbers.status"), Effect.withTracer(tracer))
      )
      assert.deepStrictEqual(spans.map((span) => span.name), ["wa-admin.acme.numbers.status"])
      assert.strictEqual(spans[0]?.attributes.get("http.response.status_code"), 200)
    }))

  it.effect("the HttpClient's own span (which writes the raw URL) is not created", () =>
    Effect.gen(function*() {
      const { spans, tracer } = recordingTracer()
      const { transport } = yield* fakeTransport(ok)
      yield* drive(transport.execute(get()).pipe(Effect.withSpan("outer"), Effect.withTracer(tracer)))
      assert.deepStrictEqual(spans.map((span) => span.name), ["outer", "wa-admin.acme.numbers.status"])
      assert.strictEqual(Option.getOrUndefined(spans[1]?.parent ?? Option.none())?.spanId, spans[0]?.spanId)
    }))

  it.live("on the live clock too, the HttpClient's own span is not created and a secret parameter never reaches a span", () =>
    Effect.gen(function*() {
      const { spans, tracer } = recordingTracer()
      const { fake, transport } = yield* fakeTransport(ok)
      const secret = "live-secret-0123456789"
      yield* transport.execute(get(`/v1/things/1?access_token=${secret}`)).pipe(
        Effect.withSpan("outer"),
        Effect.withTracer(tracer)
      )
      assert.deepStrictEqual(spans.map((span) => span.name), ["outer", "wa-admin.acme.numbers.status"])
      assert.notInclude(spans.map((span) => span.render()).join("\n"), secret)
      assert.strictEqual(fake.sent.length, 1)
      // What the attempt ran with is gone once it is over.
      assert.isTrue(Option.isNone(yield* Effect.serviceOption(Scope.Scope)))
      assert.isTrue(Option.isNone(yield* Effect.serviceOption(FetchHttpClient.RequestInit)))
      assert.isFalse((yield* FiberRef.get(HttpClient.currentTracerDisabledWhen))(get().request))
    }))

  it.live("on the live clock, what a client's own middleware sets for the caller outlives the attempt", () =>
    Effect.gen(function*() {
      const seen = FiberRef.unsafeMake<string>("unset")
      const { transport } = yield* fakeTransport((request) =>
        Effect.zipRight(FiberRef.set(seen, "set by the client"), ok(request))
      )
      yield* transport.execute(get())
      assert.strictEqual(yield* FiberRef.get(seen), "set by the client")
    }))
})

describe("Transport: secrets in logs and spans", () => {
  it.effect("a secret in an ordinary query parameter (a cursor the provider handed back) is scrubbed from url.full and the logs", () =>
    Effect.gen(function*() {
      const secret = "tok/0123456789=secret"
      const { spans, tracer } = recordingTracer()
      const logger = recordingLogger()
      const fake = fakeClient(respond(503), ok)
      const transport = yield* makeTransport(fake, { secrets: [secret] })
      const call = get(`/v1/things?after=${encodeURIComponent(secret)}&page=2`)
      yield* drive(exact(transport.execute(call)).pipe(Effect.withTracer(tracer), Effect.provide(logger.layer)))
      const surfaced = [...spans.map((span) => span.render()), ...logger.lines].join("\n")
      assert.notInclude(surfaced, secret)
      assert.notInclude(surfaced, encodeURIComponent(secret))
      assert.strictEqual(
        spans[0]?.attributes.get("url.full"),
        "https://api.acme.test/v1/things?after=<redacted>&page=2"
      )
    }))
})

describe("Transport: one transport, calls that differ", () => {
  it.effect("a rotated token on the same URL is scrubbed from the next error, not only the first token", () =>
    Effect.gen(function*() {
      const first = "eyJfirst.token-0123456789abcdef"
      const second = "eyJsecond.token-fedcba9876543210"
      const echo = (token: string) => respond(400, { title: `bad token ${token}`, detail: `refused ${token}` })
      const { fake, transport } = yield* fakeTransport(echo(first), echo(second))
      const withToken = (token: string): Transport.Call => ({
        ...get(),
        request: HttpClientRequest.bearerToken(Transport.request("GET", "https://api.acme.test", "/v1/things/1"), token)
      })
      const errors = [
        failureOf((yield* drive(transport.execute(withToken(first)))).exit),
        failureOf((yield* drive(transport.execute(withToken(second)))).exit)
      ]
      assert.strictEqual(fake.sent.length, 2)
      const shown = errors.map((error) => JSON.stringify(error) + error.message).join("\n")
      assert.notInclude(shown, first)
      assert.notInclude(shown, second)
      assert.include(errors[1]?.message ?? "", "refused")
    }))

  it.effect("a policy changed between two calls of one transport bounds the second call by its own deadline", () =>
    Effect.gen(function*() {
      const { transport } = yield* fakeTransport(hang, hang)
      const bounded = (deadline: Duration.DurationInput) =>
        drive(Transport.withPolicy({ deadline, attemptTimeout: "1 minute", maxAttempts: 1 })(transport.execute(get())))
      const long = yield* bounded("20 seconds")
      const short = yield* bounded("3 seconds")
      assert.strictEqual(long.endedAt, 20_000)
      assert.strictEqual(short.endedAt, 3_000)
      assert.strictEqual(failureOf(short.exit)._tag, "ProviderUnavailable")
    }))
})

describe("Transport: decoding bodies", () => {
  it.effect("a body that does not match the wire schema is an UnexpectedResponse naming the paths", () =>
    Effect.gen(function*() {
      const { transport } = yield* fakeTransport(respond(200, { deployment_id: 42, current_state: {} }))
      const wire = Schema.Struct({
        deployment_id: Schema.String,
        current_state: Schema.Struct({ title: Schema.String })
      })
      const exit =
        (yield* drive(Effect.flatMap(transport.execute(get()), transport.decode("numbers.status", wire)))).exit
      const error = failureOf(exit)
      assert.strictEqual(error._tag, "UnexpectedResponse")
      if (error._tag === "UnexpectedResponse") {
        assert.include(error.reason, "deployment_id")
        assert.include(error.reason, "current_state.title")
        assert.strictEqual(error.status, 200)
      }
    }))

  it.effect("a matching body decodes", () =>
    Effect.gen(function*() {
      const { transport } = yield* fakeTransport(respond(200, { deployment_id: "d-1" }))
      const wire = Schema.Struct({ deployment_id: Schema.String })
      const { exit } = yield* drive(Effect.flatMap(transport.execute(get()), transport.decode("numbers.status", wire)))
      assert.deepStrictEqual(successOf(exit), { deployment_id: "d-1" })
    }))
})

const MiB = 1024 * 1024
const jsonOfSize = (total: number) => ({ total, prefix: "{\"pad\":\"", suffix: "\"}" })

describe("Transport: chunked answers (no Content-Length) over a real connection", () => {
  /**
   * A server on 127.0.0.1 answering `{"pad":"xxx…"}` of `total` bytes in 64 KiB chunks without a
   * Content-Length (so chunked), each chunk written once the previous one drained; it records
   * whether it wrote the whole body or saw the connection closed first.
   */
  const chunkedServer = (total: number) => {
    const seen = { requests: 0, finished: 0, closedEarly: 0 }
    return Effect.map(
      Effect.acquireRelease(
        Effect.async<Http.Server>((resume) => {
          const server = Http.createServer((_, response) => {
            seen.requests++
            response.writeHead(200, { "content-type": "application/json" })
            const prefix = "{\"pad\":\""
            let left = total - prefix.length - 2
            let done = false
            response.on("close", () => {
              if (!done) seen.closedEarly++
            })
            const more = () => {
              while (left > 0) {
                const size = Math.min(left, 64 * 1024)
                left -= size
                if (!response.write("x".repeat(size))) return void response.once("drain", more)
              }
              done = true
              seen.finished++
              response.end("\"}")
            }
            response.write(prefix)
            more()
          })
          server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
        }),
        (server) =>
          Effect.async<void>((resume) => {
            server.closeAllConnections()
            server.close(() => resume(Effect.void))
          })
      ),
      (server) => ({ seen, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })
    )
  }

  const clients = [
    ["undici (NodeHttpClient.layerUndici)", NodeHttpClient.layerUndici],
    ["node:http (NodeHttpClient.layer)", NodeHttpClient.layer],
    ["fetch (FetchHttpClient.layer)", FetchHttpClient.layer]
  ] as const

  for (const [name, layer] of clients) {
    it.live(`${name}: a chunked answer over maxResponseBytes is refused naming the limit, the connection dropped`, () =>
      Effect.gen(function*() {
        const server = yield* chunkedServer(64 * MiB)
        const transport = yield* Transport.make({ provider: "acme" })
        const exit = yield* Effect.exit(
          transport.execute({
            operation: "profile.get",
            request: Transport.request("GET", server.url, "/profile"),
            idempotent: true,
            maxResponseBytes: MiB
          })
        )
        const error = failureOf(exit)
        assert.strictEqual(error._tag, "UnexpectedResponse")
        if (error._tag === "UnexpectedResponse") {
          assert.include(error.reason, "larger than the 1 MiB response limit")
          assert.isFalse(error.retryable)
        }
        yield* Effect.async<void>((resume) => {
          const check = () => (server.seen.closedEarly > 0 ? resume(Effect.void) : setImmediate(check))
          check()
        })
        assert.deepStrictEqual(server.seen, { requests: 1, finished: 0, closedEarly: 1 })
      }).pipe(Effect.provide(Layer.fresh(layer)), Effect.scoped))

    it.live(`${name}: a chunked answer under the limit decodes whole`, () =>
      Effect.gen(function*() {
        const server = yield* chunkedServer(3 * MiB)
        const transport = yield* Transport.make({ provider: "acme" })
        const response = yield* transport.execute({
          operation: "profile.get",
          request: Transport.request("GET", server.url, "/profile"),
          idempotent: true
        })
        assert.strictEqual(response.text.length, 3 * MiB)
        assert.strictEqual((response.body as { readonly pad: string }).pad, "x".repeat(3 * MiB - 10))
        assert.strictEqual(server.seen.finished, 1)
      }).pipe(Effect.provide(Layer.fresh(layer)), Effect.scoped))
  }
})

describe("Transport: answers too large", () => {
  /** Gets through a transport reading at most 1 MiB of an answer, over a fake client giving `reply`. */
  const getAtMostMiB = (reply: Reply) =>
    Effect.gen(function*() {
      const { fake, transport } = yield* fakeTransport(reply)
      const { exit } = yield* drive(Transport.withPolicy({ maxResponseBytes: MiB })(transport.execute(get())))
      return { error: failureOf(exit), fake }
    })

  it.effect("a 2xx body beyond the limit is an UnexpectedResponse naming it; reading stopped there and nothing was sent again", () =>
    Effect.gen(function*() {
      const { meter, reply } = streamed(200, jsonOfSize(64 * MiB))
      const { error, fake } = yield* getAtMostMiB(reply)
      assert.strictEqual(error._tag, "UnexpectedResponse")
      if (error._tag === "UnexpectedResponse") {
        assert.include(error.reason, "1 MiB")
        assert.strictEqual(error.status, 200)
        assert.isAtMost((error.body ?? "").length, 700)
      }
      assert.isFalse(error.retryable)
      assert.strictEqual(fake.sent.length, 1)
      assert.isAtMost(meter.pulled[0] ?? Infinity, MiB + 2 * 64 * 1024)
    }))

  it.effect("a Content-Length beyond the limit is refused before the body is read", () =>
    Effect.gen(function*() {
      const { meter, reply } = streamed(200, {
        ...jsonOfSize(64 * MiB),
        headers: { "content-length": String(600_000_000) }
      })
      const { error, fake } = yield* getAtMostMiB(reply)
      assert.strictEqual(error._tag, "UnexpectedResponse")
      if (error._tag === "UnexpectedResponse") {
        assert.include(error.reason, "600000000")
        assert.include(error.reason, "1 MiB")
      }
      assert.strictEqual(fake.sent.length, 1)
      assert.isAtMost(meter.pulled[0] ?? Infinity, 2 * 64 * 1024)
    }))

  it.effect("the default limit is 4 MiB; the policy and a single call may change it", () =>
    Effect.gen(function*() {
      assert.strictEqual(Transport.defaultPolicy.maxResponseBytes, 4 * MiB)
      const big = streamed(200, jsonOfSize(5 * MiB))
      const transport = yield* makeTransport(fakeClient(big.reply))
      const byDefault = failureOf((yield* drive(transport.execute(get()))).exit)
      assert.strictEqual(byDefault._tag, "UnexpectedResponse")
      if (byDefault._tag === "UnexpectedResponse") assert.include(byDefault.reason, "4 MiB")
      const raised = successOf((yield* drive(transport.execute({ ...get(), maxResponseBytes: 6 * MiB }))).exit)
      assert.strictEqual(raised.text.length, 5 * MiB)
      const byPolicy = successOf(
        (yield* drive(Transport.withPolicy({ maxResponseBytes: 8 * MiB })(transport.execute(get())))).exit
      )
      assert.strictEqual((byPolicy.body as { readonly pad: string }).pad.length, 5 * MiB - 10)
      const lowered = failureOf((yield* drive(transport.execute({ ...get(), maxResponseBytes: 1024 }))).exit)
      assert.strictEqual(lowered._tag, "UnexpectedResponse")
      if (lowered._tag === "UnexpectedResponse") assert.include(lowered.reason, "1 KiB")
    }))

  it.effect("a POST whose 2xx answer is too large ends UnexpectedResponse after one request (it did take effect)", () =>
    Effect.gen(function*() {
      const { reply } = streamed(201, jsonOfSize(8 * MiB))
      const { fake, transport } = yield* fakeTransport(reply)
      const error = failureOf((yield* drive(transport.execute(post()))).exit)
      assert.strictEqual(error._tag, "UnexpectedResponse")
      assert.strictEqual(fake.sent.length, 1)
    }))

  it.effect("a 5xx with a huge body is retried by its status, and only a bounded prefix of each body is read", () =>
    Effect.gen(function*() {
      const { meter, reply } = streamed(503, { total: 64 * MiB, fill: "<p>busy</p>" })
      const { transport } = yield* fakeTransport(reply, reply, ok)
      const response = successOf((yield* drive(exact(transport.execute(get())))).exit)
      assert.strictEqual(response.attempts, 3)
      assert.strictEqual(meter.pulled.length, 2)
      for (const pulled of meter.pulled) assert.isAtMost(pulled, 64 * 1024 + 2 * 64 * 1024)
    }))

  it.effect("a 400 with a huge body keeps its status and a short excerpt", () =>
    Effect.gen(function*() {
      const { meter, reply } = streamed(400, { total: 64 * MiB, prefix: "{\"title\":\"bad\",\"detail\":\"" })
      const { transport } = yield* fakeTransport(reply)
      const error = failureOf((yield* drive(transport.execute(get()))).exit)
      assert.strictEqual(error._tag, "UnexpectedResponse")
      if (error._tag === "UnexpectedResponse") {
        assert.strictEqual(error.status, 400)
        assert.isAtMost((error.body ?? "").length, 700)
      }
      assert.isAtMost(meter.pulled[0] ?? Infinity, 3 * 64 * 1024)
    }))
})

describe("Transport: a body cut at its limit inside a secret", () => {
  const secret = "sk_live_0123456789abcdefghij"
  const secrets = [secret]

  it.effect("a 2xx cut at the limit shows nothing of a secret it ends in", () =>
    Effect.gen(function*() {
      const fake = fakeClient(respond(200, `${"a".repeat(90)}${secret} and more`))
      const transport = yield* makeTransport(fake, { secrets })
      const error = failureOf((yield* drive(transport.execute({ ...get(), maxResponseBytes: 100 }))).exit)
      assert.strictEqual(error._tag, "UnexpectedResponse")
      assert.include(JSON.stringify(error), "<redacted>")
      assert.notInclude(JSON.stringify(error), secret.slice(0, 6))
    }))

  it.effect("an error body cut at 64 KiB hands classify a text that shows nothing of a secret it ends in", () =>
    Effect.gen(function*() {
      const fake = fakeClient(respond(409, `${"a".repeat(64 * 1024 - 12)}${secret} and more`))
      const seen: Array<string> = []
      const transport = yield* makeTransport(fake, {
        secrets,
        classify: (failure) => {
          seen.push(failure.text)
          return new AdminError.Conflict({
            provider: "acme",
            operation: failure.operation,
            reason: failure.text.slice(-40)
          })
        }
      })
      const error = failureOf((yield* drive(transport.execute(get()))).exit)
      assert.strictEqual(error._tag, "Conflict")
      assert.isTrue(seen[0]?.endsWith("<redacted>"))
      assert.notInclude(seen[0] ?? "", secret.slice(0, 6))
      assert.notInclude(error.message, secret.slice(0, 6))
    }))

  it.effect("an adapter copying a long body into its error leaves a bounded, scrubbed text", () =>
    Effect.gen(function*() {
      const fake = fakeClient(respond(409, `${`${secret} `.repeat(2000)}`))
      const transport = yield* makeTransport(fake, {
        secrets,
        classify: (failure) =>
          new AdminError.Conflict({ provider: "acme", operation: failure.operation, reason: failure.text })
      })
      const error = failureOf((yield* drive(transport.execute(get()))).exit)
      assert.isAtMost(error.message.length, 2100)
      assert.notInclude(error.message, secret.slice(0, 6))
    }))
})

const nested = (depth: number, open = "[", close = "]") => `${open.repeat(depth)}${close.repeat(depth)}`
const nestedObjects = (depth: number) => `${"{\"a\":".repeat(depth)}1${"}".repeat(depth)}`

describe("Transport: answers nested too deep", () => {
  for (
    const [label, text] of [
      ["arrays 3,000 deep", nested(3000)],
      ["objects 3,000 deep", nestedObjects(3000)],
      ["arrays 200,000 deep", nested(200_000)]
    ] as const
  ) {
    it.effect(`a 2xx of ${label} is an UnexpectedResponse naming the depth limit, never a defect`, () =>
      Effect.gen(function*() {
        const { fake, transport } = yield* fakeTransport(respond(200, text))
        const wire = Schema.Struct({ deployment_id: Schema.String })
        const exit =
          (yield* drive(Effect.flatMap(transport.execute(get()), transport.decode("numbers.status", wire)))).exit
        const error = failureOf(exit)
        assert.strictEqual(error._tag, "UnexpectedResponse")
        if (error._tag === "UnexpectedResponse") assert.include(error.reason, "64 levels")
        assert.isAtMost(error.message.length + (JSON.stringify(error).length), 4000)
        assert.strictEqual(fake.sent.length, 1)
      }))
  }

  it.effect("a non-2xx nested too deep is classified by its status (the body is not parsed)", () =>
    Effect.gen(function*() {
      for (const [status, tag] of [[400, "UnexpectedResponse"], [401, "Unauthorized"], [404, "NotFound"]] as const) {
        const { transport } = yield* fakeTransport(respond(status, nestedObjects(5000)))
        const error = failureOf((yield* drive(transport.execute(get()))).exit)
        assert.strictEqual(error._tag, tag)
      }
    }))

  it.effect("64 levels is still read", () =>
    Effect.gen(function*() {
      const { transport } = yield* fakeTransport(respond(200, nested(64)))
      assert.isDefined(successOf((yield* drive(transport.execute(get()))).exit).body)
    }))
})

describe("Transport: header values that cannot be sent", () => {
  const unsendable = [
    ["a character outside Latin-1", "key-\u20ac-1234567"],
    ["a trailing carriage return", "key-1234567\r"],
    ["a line feed", "key-123\n4567"],
    ["a NUL", "key-123\u00004567"]
  ] as const

  for (const [label, value] of unsendable) {
    it.effect(`a credential header holding ${label} fails at once as Unauthorized naming the header, with 0 requests`, () =>
      Effect.gen(function*() {
        const fake = fakeClient(ok)
        let refreshes = 0
        const transport = yield* makeTransport(fake, {
          authenticate: (request) => Effect.succeed(HttpClientRequest.setHeader(request, "api-key", value)),
          refreshCredentials: Effect.sync(() => void refreshes++)
        })
        for (const call of [get(), post()]) {
          const error = failureOf((yield* drive(exact(transport.execute(call)))).exit)
          assert.strictEqual(error._tag, "Unauthorized")
          assert.include(error.message, "api-key")
          assert.include(error.message, "nothing was sent")
          assert.notInclude(JSON.stringify(error), "1234567")
          assert.notInclude(error.message, "1234567")
          assert.isFalse(error.retryable)
        }
        assert.strictEqual(fake.sent.length, 0)
        assert.strictEqual(refreshes, 0)
      }))
  }

  it.effect("any other header that cannot be sent is InvalidInput (local) naming it, with 0 requests", () =>
    Effect.gen(function*() {
      const { fake, transport } = yield* fakeTransport(ok)
      const call = {
        ...get(),
        request: HttpClientRequest.setHeader(get().request, "x-request-label", "abc\r\nx-injected: 1")
      }
      const error = failureOf((yield* drive(exact(transport.execute(call)))).exit)
      assert.strictEqual(error._tag, "InvalidInput")
      if (error._tag === "InvalidInput") {
        assert.strictEqual(error.source, "local")
        assert.strictEqual(error.issues[0]?.field, "header x-request-label")
      }
      assert.strictEqual(fake.sent.length, 0)
    }))

  it.effect("Latin-1, tabs and spaces inside a value are sent as they are", () =>
    Effect.gen(function*() {
      const fake = fakeClient(ok)
      const transport = yield* makeTransport(fake, {
        authenticate: (request) => Effect.succeed(HttpClientRequest.setHeader(request, "api-key", "caf\u00e9\tkey 123"))
      })
      successOf((yield* drive(transport.execute(get()))).exit)
      assert.strictEqual(fake.sent[0]?.headers["api-key"], "caf\u00e9\tkey 123")
    }))
})

describe("Problem bodies", () => {
  it("reads RFC 7807 bodies into ProviderProblem", () => {
    const problem = Problem.fromBody(422, {
      type: "https://developer.vonage.com/api-errors/whatsapp-provisioning#number-in-use",
      title: "Number in use",
      detail: "Cannot use number because it's already in use by another deployment.",
      instance: "bf0ca0bf927b3b52e3cb03217e1a1ddf",
      invalid_parameters: [{ name: "number", reason: "in use" }]
    })
    assert.isTrue(Option.isSome(problem))
    const value = Option.getOrThrow(problem)
    assert.strictEqual(value.status, 422)
    assert.strictEqual(value.code, "number-in-use")
    assert.strictEqual(value.title, "Number in use")
    assert.deepStrictEqual(value.invalidParameters, [{ name: "number", reason: "in use" }])
  })

  it("ignores bodies that are not problems", () => {
    for (const body of [undefined, null, "text", 42, [], {}, { ok: 1 }, { code: "E413" }]) {
      assert.isTrue(Option.isNone(Problem.fromBody(400, body)), JSON.stringify(body))
    }
  })

  it("codeOf takes the fragment or the last path segment", () => {
    assert.strictEqual(Problem.codeOf("https://x.test/errors#throttled"), "throttled")
    assert.strictEqual(Problem.codeOf("https://x.test/errors/conflict-deployment-state/"), "conflict-deployment-state")
    assert.strictEqual(Problem.codeOf("invalid-json"), "invalid-json")
  })
})

describe("Transport.request", () => {
  it("joins base URL and path and asks for JSON", () => {
    const request = Transport.request("PATCH", "https://api.acme.test/v0.1///", "/deployments/d-1/profile")
    assert.strictEqual(request.url, "https://api.acme.test/v0.1/deployments/d-1/profile")
    assert.strictEqual(request.method, "PATCH")
    assert.strictEqual(request.headers["accept"], "application/json")
  })

  it.effect("the fake client really is an HttpClient (sanity of the harness)", () =>
    Effect.gen(function*() {
      const fake = fakeClient(ok)
      const client = fake.client
      const response = yield* client.execute(HttpClientRequest.get("https://api.acme.test/x"))
      assert.strictEqual(response.status, 200)
      assert.strictEqual(fake.sent.length, 1)
    }))
})
