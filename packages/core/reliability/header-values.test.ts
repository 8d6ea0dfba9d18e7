/**
 * Header values that cannot be sent: a credential or another header holding a CR, an LF, a
 * CRLF with a header after it, a NUL, another control character, DEL, or a character outside
 * Latin-1 must fail before anything is sent — one local error naming the header, never showing
 * the value, not retried, never "outcome unknown" — whatever the HTTP client: undici (as the
 * command line runs) and fetch over a real loopback server, and a fake client that accepts
 * anything. Values a header can carry (Latin-1 letters, tabs and spaces inside) still reach the
 * server as they are.
 *
 * A request that reached the server, a retry, a defect, an error of another kind or one showing
 * the value counts in the `header values` row's hostile outcomes, which must be 0.
 */
import { FetchHttpClient, HttpClient, HttpClientRequest } from "@effect/platform"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { Redaction, Transport } from "@wa-admin/core"
import { ReliabilityMetrics } from "@wa-admin/core/testing"
import { Cause, Effect, Exit, Layer } from "effect"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { fakeClient, respond } from "../test/TransportFakes.js"

/** The adapter of this test declares its provider's secret headers, as WOZTELL's does. */
const secretNames = Redaction.secretNames({ headerPrefixes: ["x-woztell-"] })

/** Each value holds "S3CR3T" so that a test can tell whether it was shown. */
const unsendable = [
  ["a trailing carriage return", "S3CR3T-key-0001\r"],
  ["a trailing line feed", "S3CR3T-key-0002\n"],
  ["a CRLF and a header after it", "S3CR3T-key-0003\r\nX-Injected: yes"],
  ["a NUL", "S3CR3T-key\u00000004"],
  ["a bell", "S3CR3T-key\u00070005"],
  ["DEL", "S3CR3T-key\u007f0006"],
  ["a euro sign", "S3CR3T-key-€-0007"],
  ["an emoji", "S3CR3T-key-😀-0008"],
  ["a lone surrogate", "S3CR3T-key-\ud800-0009"]
] as const

const sendable = [
  ["Latin-1 letters", "S3CR3T-clé-ÿ-0010"],
  ["a tab and spaces inside", "S3CR3T key\t0011"]
] as const

/** Where a value travels: credential headers an adapter sets, and an ordinary header. */
const headers = [
  [
    "authorization",
    "Unauthorized",
    (request: HttpClientRequest.HttpClientRequest, value: string) => HttpClientRequest.bearerToken(request, value)
  ],
  [
    "api-key",
    "Unauthorized",
    (request: HttpClientRequest.HttpClientRequest, value: string) =>
      HttpClientRequest.setHeader(request, "api-key", value)
  ],
  [
    "x-woztell-payload",
    "Unauthorized",
    (request: HttpClientRequest.HttpClientRequest, value: string) =>
      HttpClientRequest.setHeader(request, "X-Woztell-Payload", value)
  ],
  [
    "x-request-label",
    "InvalidInput",
    (request: HttpClientRequest.HttpClientRequest, value: string) =>
      HttpClientRequest.setHeader(request, "x-request-label", value)
  ]
] as const

interface Loopback {
  readonly url: string
  readonly received: Array<Http.IncomingHttpHeaders>
}

const loopback = Effect.acquireRelease(
  Effect.async<Loopback & { readonly server: Http.Server }>((resume) => {
    const received: Array<Http.IncomingHttpHeaders> = []
    const server = Http.createServer((request, response) => {
      received.push(request.headers)
      response.writeHead(200, { "content-type": "application/json" }).end("{\"ok\":1}")
    })
    server.listen(
      0,
      "127.0.0.1",
      () =>
        resume(Effect.succeed({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received }))
    )
  }),
  ({ server }) =>
    Effect.async<void>((resume) => {
      server.closeAllConnections()
      server.close(() => resume(Effect.void))
    })
)

const calls = (url: string) =>
  [
    { operation: "profile.get", request: Transport.request("GET", url, "/profile"), idempotent: true },
    {
      operation: "numbers.provision",
      request: HttpClientRequest.bodyUnsafeJson(Transport.request("POST", url, "/numbers"), { number: "447700900123" }),
      idempotent: false
    }
  ] satisfies ReadonlyArray<Transport.Call>

const scenario = (url: string, received: () => number) =>
  Effect.gen(function*() {
    const bad: Array<string> = []
    let run = 0
    for (const [header, expected, set] of headers) {
      const credential = expected === "Unauthorized"
      for (const [label, value] of unsendable) {
        for (const call of calls(url)) {
          run++
          const name = `${header} holding ${label}, ${call.request.method}`
          const before = received()
          const transport = yield* Transport.make({
            provider: "acme",
            secretNames,
            ...(credential ? { authenticate: (request) => Effect.succeed(set(request, value)) } : {})
          })
          const exit = yield* Effect.exit(
            transport.execute(credential ? call : { ...call, request: set(call.request, value) })
          )
          if (received() !== before) bad.push(`${name}: ${received() - before} request(s) reached the server`)
          if (!(Exit.isFailure(exit) && Cause.isFailType(exit.cause))) {
            bad.push(
              `${name}: ${Exit.isSuccess(exit) ? "answered" : `a defect: ${Cause.pretty(exit.cause).slice(0, 100)}`}`
            )
            continue
          }
          const error = exit.cause.error
          if (error._tag !== expected) bad.push(`${name}: ${error._tag}, expected ${expected}`)
          if (!error.message.includes(header)) bad.push(`${name}: the message does not name the header`)
          if (JSON.stringify(error).includes("S3CR3T") || error.message.includes("S3CR3T")) {
            bad.push(`${name}: the value is shown`)
          }
          if (error.retryable) bad.push(`${name}: said to be retryable`)
        }
      }
      for (const [label, value] of sendable) {
        run++
        const name = `${header} holding ${label}`
        const before = received()
        const transport = yield* Transport.make({
          provider: "acme",
          secretNames,
          ...(credential ? { authenticate: (request) => Effect.succeed(set(request, value)) } : {})
        })
        const [call] = calls(url)
        if (call === undefined) continue
        const exit = yield* Effect.exit(
          transport.execute(credential ? call : { ...call, request: set(call.request, value) })
        )
        if (!Exit.isSuccess(exit)) bad.push(`${name}: ${Cause.pretty(exit.cause).slice(0, 120)}`)
        if (received() !== before + 1) bad.push(`${name}: ${received() - before} request(s) reached the server`)
      }
    }
    return { bad, run }
  })

describe("header values: what a header cannot carry is never sent", () => {
  for (
    const [name, client] of [
      ["undici", NodeHttpClient.layerUndici],
      ["fetch", FetchHttpClient.layer]
    ] as const satisfies ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]>
  ) {
    it.live(`${name} over the loopback: 0 requests, one local error naming the header`, () =>
      Effect.gen(function*() {
        const server = yield* loopback
        const { bad, run } = yield* scenario(server.url, () => server.received.length)
        // Node reads header bytes as Latin-1: the value arrived as it was.
        const latin1 = server.received.map((headers) => headers["api-key"]).find((value) =>
          typeof value === "string" && value.startsWith("S3CR3T-cl")
        )
        if (latin1 !== "S3CR3T-clé-ÿ-0010") bad.push(`the Latin-1 value arrived as ${JSON.stringify(latin1)}`)
        ReliabilityMetrics.recordFindings("header values", run, bad)
        assert.deepStrictEqual(bad, [])
      }).pipe(Effect.provide(client), Effect.scoped))
  }

  it.effect("a fake client that would send anything gets nothing it cannot carry", () =>
    Effect.gen(function*() {
      const fake = fakeClient(respond(200, { ok: 1 }))
      const { bad, run } = yield* scenario("https://api.acme.test", () => fake.sent.length).pipe(
        Effect.provideService(HttpClient.HttpClient, fake.client)
      )
      ReliabilityMetrics.recordFindings("header values", run, bad)
      assert.deepStrictEqual(bad, [])
    }))
})
