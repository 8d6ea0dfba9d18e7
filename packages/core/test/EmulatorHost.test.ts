/**
 * The emulator host: what a client sending real HTTP sees (status, body, headers) and what the
 * emulator's handlers and request log get.
 */
import { assert, describe, it } from "@effect/vitest"
import { EmulatorHost } from "@wa-admin/core/testing"
import { Effect, Exit, Scope, TestClock } from "effect"
import * as Http from "node:http"

interface Answer {
  readonly status: number
  readonly headers: Http.IncomingHttpHeaders
  readonly text: string
  readonly body: unknown
}

/** Sends a request with `target` exactly as written (no URL normalisation, unlike fetch). */
const send = (
  url: string,
  method: string,
  target: string,
  options: { readonly headers?: Record<string, string>; readonly body?: string | Uint8Array } = {}
): Effect.Effect<Answer> =>
  Effect.async<Answer>((resume) => {
    const { hostname, port } = new URL(url)
    const request = Http.request(
      { host: hostname, port, method, path: target, headers: options.headers },
      (response) => {
        const chunks: Array<Buffer> = []
        response.on("data", (chunk: Buffer) => chunks.push(chunk))
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8")
          resume(Effect.succeed({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text,
            body: text === "" ? undefined : JSON.parse(text)
          }))
        })
      }
    )
    request.on("error", (error) => resume(Effect.die(error)))
    request.end(options.body)
  })

interface Refusal {
  readonly status: number
  readonly message: string
}

const refuse = (status: number, message: string): Refusal => ({ status, message })

/** A small provider: things by id, a JSON-only write, a clock, a defect, bearer authentication. */
const options = (
  overrides: Partial<EmulatorHost.Options<Refusal>> = {}
): EmulatorHost.Options<Refusal> => ({
  basePath: "/v1",
  routes: {
    "GET /things/:id": (call) => Effect.succeed({ status: 200, body: { params: call.params, query: call.query } }),
    "DELETE /things/:id": () => Effect.succeed({ status: 204 }),
    "GET /things/:id/parts/:part": (call) => Effect.succeed({ status: 200, body: call.params }),
    "POST /things": (call) =>
      call.content._tag === "Json"
        ? Effect.succeed({ status: 201, body: { created: call.content.value }, headers: { location: "/v1/things/1" } })
        : Effect.fail(refuse(400, `unreadable body: ${call.content._tag}`)),
    "POST /forms": (call) =>
      Effect.succeed({
        status: 200,
        body: (call.multipart ?? []).map((part) => [part.name, part.value ?? part.fileName, part.bytes?.length ?? null])
      }),
    "GET /clock": (call) => Effect.succeed({ status: 200, body: { now: call.now } }),
    "GET /defect": () => Effect.dieMessage("boom"),
    "GET /refused": () => Effect.fail(refuse(429, "slow down"))
  },
  failure: (refusal) => ({ status: refusal.status, body: { error: refusal.message }, headers: { "x-failure": "yes" } }),
  notFound: (call) => ({ status: 404, body: { error: `Cannot ${call.method} ${call.path}` } }),
  internalError: () => ({ status: 500, body: { error: "internal" } }),
  faultBody: (status) => ({ error: `fault ${status}` }),
  environment: (url) => ({ THINGS_URL: url, THINGS_TOKEN: "token" }),
  ...overrides
})

describe("EmulatorHost", () => {
  it.scoped("listens on 127.0.0.1 and a free port, under the base path, with the emulator's environment", () =>
    Effect.gen(function*() {
      const host = yield* EmulatorHost.make(options())
      assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/)
      assert.deepStrictEqual(host.environment, { THINGS_URL: host.url, THINGS_TOKEN: "token" })
      const answer = yield* send(host.url, "GET", "/v1/things/42")
      assert.strictEqual(answer.status, 200)
    }))

  it.scoped("routes METHOD /path/:param with the parameters decoded, and the query", () =>
    Effect.gen(function*() {
      const host = yield* EmulatorHost.make(options())
      const thing = yield* send(host.url, "GET", "/v1/things/a%2Fb%3Bc%C3%A9?expand=parts&limit=2")
      assert.deepStrictEqual(thing.body, { params: { id: "a/b;cé" }, query: { expand: "parts", limit: "2" } })
      const raw = yield* send(host.url, "GET", "/v1/things/a;b")
      assert.deepStrictEqual(raw.body, { params: { id: "a;b" }, query: {} }, "a raw ; stays in the parameter")
      const dots = yield* send(host.url, "GET", "/v1/things/%2E%2E")
      assert.deepStrictEqual(dots.body, { params: { id: ".." }, query: {} })
      const part = yield* send(host.url, "GET", "/v1/things/7/parts/wheel")
      assert.deepStrictEqual(part.body, { id: "7", part: "wheel" })
      const long = "9".repeat(5_000)
      assert.deepStrictEqual((yield* send(host.url, "GET", `/v1/things/${long}`)).body, {
        params: { id: long },
        query: {}
      })
      assert.strictEqual((yield* send(host.url, "DELETE", "/v1/things/7")).status, 204)
    }))

  it.scoped("answers an unknown path with the provider's not-found body, and paths are exact", () =>
    Effect.gen(function*() {
      const host = yield* EmulatorHost.make(options())
      for (
        const target of [
          "/v1/nothing",
          "/v1/things/7/",
          "/v1//things/7",
          "/v1/Things/7",
          "/v1/things//parts/x",
          "/things/7"
        ]
      ) {
        const answer = yield* send(host.url, "GET", target)
        assert.strictEqual(answer.status, 404, target)
        assert.deepStrictEqual(answer.body, { error: `Cannot GET ${target}` })
      }
      const badEncoding = yield* send(host.url, "GET", "/v1/things/%zz")
      assert.strictEqual(badEncoding.status, 404)
    }))

  it.scoped("answers another method on a known path with methodNotAllowed, or else not found; HEAD is no GET", () =>
    Effect.gen(function*() {
      const plain = yield* EmulatorHost.make(options())
      assert.strictEqual((yield* send(plain.url, "PUT", "/v1/things/7")).status, 404)
      assert.strictEqual((yield* send(plain.url, "HEAD", "/v1/things/7")).status, 404)
      const strict = yield* EmulatorHost.make(options({
        methodNotAllowed: (call, allowed) =>
          Effect.succeed({
            status: 405,
            body: { error: `${call.method} not allowed` },
            headers: { allow: allowed.join(", ") }
          })
      }))
      const put = yield* send(strict.url, "PUT", "/v1/things/7", {
        headers: { "content-type": "application/json" },
        body: "{}"
      })
      assert.strictEqual(put.status, 405)
      assert.strictEqual(put.headers["allow"], "GET, DELETE")
      assert.deepStrictEqual(put.body, { error: "PUT not allowed" })
      assert.strictEqual((yield* send(strict.url, "HEAD", "/v1/things/7")).status, 405)
    }))

  it.scoped("renders replies with their status, headers and JSON body, and failures with the provider's renderer", () =>
    Effect.gen(function*() {
      const host = yield* EmulatorHost.make(options())
      const created = yield* send(host.url, "POST", "/v1/things", {
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "x" })
      })
      assert.strictEqual(created.status, 201)
      assert.strictEqual(created.headers["location"], "/v1/things/1")
      assert.strictEqual(created.headers["content-type"], "application/json")
      assert.deepStrictEqual(created.body, { created: { name: "x" } })
      const refused = yield* send(host.url, "GET", "/v1/refused")
      assert.strictEqual(refused.status, 429)
      assert.strictEqual(refused.headers["x-failure"], "yes")
      assert.deepStrictEqual(refused.body, { error: "slow down" })
      const noContent = yield* send(host.url, "DELETE", "/v1/things/1")
      assert.strictEqual(noContent.text, "")
    }))

  it.scoped("tells a handler whether the body is empty, not JSON, malformed or JSON", () =>
    Effect.gen(function*() {
      const host = yield* EmulatorHost.make(options())
      const post = (headers: Record<string, string>, body: string) =>
        Effect.map(send(host.url, "POST", "/v1/things", { headers, body }), (answer) => answer.body)
      assert.deepStrictEqual(yield* post({ "content-type": "application/json" }, "  "), {
        error: "unreadable body: Empty"
      })
      assert.deepStrictEqual(yield* post({ "content-type": "text/plain" }, "{}"), { error: "unreadable body: NotJson" })
      assert.deepStrictEqual(yield* post({ "content-type": "application/json" }, "{\"a\":"), {
        error: "unreadable body: Malformed"
      })
      assert.deepStrictEqual(yield* post({ "content-type": "application/merge-patch+json; charset=utf-8" }, "[1]"), {
        created: [1]
      })
    }))

  it.scoped("records every request: path as received, query, lower-case headers, body text, JSON body", () =>
    Effect.gen(function*() {
      const host = yield* EmulatorHost.make(options())
      yield* send(host.url, "GET", "/v1/things/%2E%2E?a=1&b=two%20words", { headers: { "X-Trace": "T1" } })
      yield* send(host.url, "POST", "/v1/things", {
        headers: { "Content-Type": "application/json" },
        body: "{\"n\":1}"
      })
      yield* send(host.url, "POST", "/v1/things", { headers: { "Content-Type": "text/plain" }, body: "{\"n\":1}" })
      yield* send(host.url, "GET", "/v1/nowhere")
      const [first, second, third, fourth, ...rest] = yield* host.requests
      assert.deepStrictEqual(rest, [])
      assert.strictEqual(first?.method, "GET")
      assert.strictEqual(first?.path, "/v1/things/%2E%2E", "not normalised to /v1/")
      assert.deepStrictEqual(first?.query, { a: "1", b: "two words" })
      assert.strictEqual(first?.headers["x-trace"], "T1")
      assert.strictEqual(first?.bodyText, "")
      assert.strictEqual(first?.body, undefined)
      assert.deepStrictEqual(second?.body, { n: 1 })
      assert.strictEqual(second?.bodyText, "{\"n\":1}")
      assert.strictEqual(second?.headers["content-type"], "application/json")
      assert.isUndefined(third?.body, "a body not sent as JSON is not parsed")
      assert.strictEqual(third?.bodyText, "{\"n\":1}")
      assert.strictEqual(fourth?.path, "/v1/nowhere", "unknown routes are recorded too")
      assert.isUndefined(first?.multipart)
      yield* host.clearRequests
      assert.deepStrictEqual(yield* host.requests, [])
    }))

  it.scoped("parses and records multipart parts, file bytes intact", () =>
    Effect.gen(function*() {
      const host = yield* EmulatorHost.make(options())
      const form = new FormData()
      form.append("display_name", "Acme")
      form.append(
        "certificate",
        new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255])], { type: "image/png" }),
        "c.png"
      )
      const response = yield* Effect.promise(() => fetch(`${host.url}/forms`, { method: "POST", body: form }))
      assert.deepStrictEqual(yield* Effect.promise(() => response.json()), [["display_name", "Acme", null], [
        "certificate",
        "c.png",
        6
      ]])
      const [request] = yield* host.requests
      const parts = request?.multipart ?? []
      assert.deepStrictEqual(parts.map((part) => [part.name, part.value, part.fileName, part.contentType]), [
        ["display_name", "Acme", undefined, parts[0]?.contentType],
        ["certificate", undefined, "c.png", "image/png"]
      ])
      assert.deepStrictEqual(parts[1]?.bytes, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255]))
      assert.isUndefined(request?.body)
    }))

  it.scoped("gives handlers the time of the clock that started the host (TestClock drives it)", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1_700_000_000_000)
      const host = yield* EmulatorHost.make(options())
      assert.deepStrictEqual((yield* send(host.url, "GET", "/v1/clock")).body, { now: 1_700_000_000_000 })
      yield* TestClock.adjust("90 seconds")
      assert.deepStrictEqual((yield* send(host.url, "GET", "/v1/clock")).body, { now: 1_700_000_090_000 })
    }))

  it.scoped("turns a handler's defect into the provider's 500 body, and keeps serving", () =>
    Effect.gen(function*() {
      const host = yield* EmulatorHost.make(options())
      const defect = yield* send(host.url, "GET", "/v1/defect")
      assert.strictEqual(defect.status, 500)
      assert.deepStrictEqual(defect.body, { error: "internal" })
      assert.strictEqual((yield* send(host.url, "GET", "/v1/things/1")).status, 200)
    }))

  it.scoped("authenticates every request before routing, unknown routes included", () =>
    Effect.gen(function*() {
      const host = yield* EmulatorHost.make(options({
        authenticate: (call) =>
          call.headers["authorization"] === "Bearer good" ? Effect.void : Effect.fail(refuse(401, "who are you"))
      }))
      for (const target of ["/v1/things/1", "/v1/nowhere"]) {
        const refused = yield* send(host.url, "GET", target)
        assert.strictEqual(refused.status, 401, target)
        assert.deepStrictEqual(refused.body, { error: "who are you" })
      }
      const good = { headers: { authorization: "Bearer good" } }
      assert.strictEqual((yield* send(host.url, "GET", "/v1/things/1", good)).status, 200)
      assert.strictEqual((yield* send(host.url, "GET", "/v1/nowhere", good)).status, 404)
      assert.strictEqual((yield* host.requests).length, 4, "refused requests are recorded")
    }))

  it.scoped("applies fault injection in front of the emulator, with the provider's failure body", () =>
    Effect.gen(function*() {
      const host = yield* EmulatorHost.make(options())
      yield* host.faults.inject({ method: "GET", path: "/things/1", times: 1, fault: { _tag: "Status", status: 503 } })
      const faulted = yield* send(host.url, "GET", "/v1/things/1")
      assert.strictEqual(faulted.status, 503)
      assert.deepStrictEqual(faulted.body, { error: "fault 503" })
      assert.strictEqual((yield* send(host.url, "GET", "/v1/things/1")).status, 200)
      assert.deepStrictEqual((yield* host.requests).length, 1, "the faulted request never reached the emulator")
      assert.deepStrictEqual((yield* host.faults.received).map((arrival) => arrival.fault), ["Status", undefined])
    }))

  it.effect("stops serving when its scope closes", () =>
    Effect.gen(function*() {
      const scope = yield* Scope.make()
      const host = yield* Scope.extend(EmulatorHost.make(options()), scope)
      assert.strictEqual((yield* send(host.url, "GET", "/v1/things/1")).status, 200)
      yield* Scope.close(scope, Exit.void)
      const refused = yield* Effect.promise(() => fetch(`${host.url}/things/1`).then(() => false, () => true))
      assert.isTrue(refused)
    }))

  describe("start-up failures are typed errors with a one-line message", () => {
    it.scoped("a port in use", () =>
      Effect.gen(function*() {
        const first = yield* EmulatorHost.make(options())
        const port = Number(new URL(first.url).port)
        const error = yield* Effect.flip(EmulatorHost.make(options({ port })))
        assert.strictEqual(error._tag, "StartError")
        assert.strictEqual(error.reason, "PortInUse")
        assert.strictEqual(
          error.message,
          `cannot start an emulator on 127.0.0.1:${port}: the port is already in use (EADDRINUSE)`
        )
      }))

    it.scoped("a port out of range", () =>
      Effect.gen(function*() {
        for (const port of [65_536, -1, 80.5, Number.NaN]) {
          const error = yield* Effect.flip(EmulatorHost.make(options({ port })))
          assert.strictEqual(error.reason, "PortOutOfRange", String(port))
          assert.notInclude(error.message, "\n")
        }
      }))

    it.scoped("a host that does not resolve, or is not this machine's", () =>
      Effect.gen(function*() {
        const unknown = yield* Effect.flip(EmulatorHost.make(options({ host: "no-such-host.invalid" })))
        assert.strictEqual(unknown.reason, "UnknownHost")
        const empty = yield* Effect.flip(EmulatorHost.make(options({ host: " " })))
        assert.strictEqual(empty.reason, "UnknownHost")
        // 192.0.2.0/24 is TEST-NET-1: documentation only, never a local address.
        const foreign = yield* Effect.flip(EmulatorHost.make(options({ host: "192.0.2.1" })))
        assert.strictEqual(foreign.reason, "AddressNotAvailable")
        assert.strictEqual(foreign.message.split("\n").length, 1)
      }))
  })
})
