/**
 * Hostile servers, size: answers far larger than the transport's limit must end in an
 * `UnexpectedResponse` naming it after one request, with reading stopped at the limit — never a
 * download of the whole body, a retry of it, or memory filled with it.
 *
 * - Over real HTTP on the loopback (undici, as the command line runs, and fetch): a server
 *   streams a 200 MB body made on the fly (with and without `Content-Length`); the figures are
 *   the bytes it managed to hand to its socket before the client dropped the connection, the
 *   requests it got, and the growth of this process's memory.
 * - Over a fake `HttpClient` whose bodies are made as they are pulled: every status class, both
 *   kinds of call, bodies just under, at and over the limit, declared or not; how much of each
 *   body was pulled is counted.
 *
 * A bad outcome — another error, a second request, a body read past its bound, memory growth
 * near the size of the body — counts in the `size` row's hostile outcomes, which must be 0.
 */
import { FetchHttpClient, HttpClient, HttpClientRequest } from "@effect/platform"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { Transport } from "@wa-admin/core"
import { ReliabilityMetrics } from "@wa-admin/core/testing"
import { Effect, Layer } from "effect"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { drive, failureOf, fakeClient, streamed, successOf } from "../test/TransportFakes.js"

const MiB = 1024 * 1024
/** The default limit (`Transport.defaultPolicy.maxResponseBytes`). */
const limit = 4 * MiB
/** What a socket pair on the loopback may hold beyond what the client read (kernel buffers on both sides, stream buffers). */
const bufferAllowance = 28 * MiB
/** Memory the process may grow by while refusing a 200 MB answer: the limit, buffers and noise, far below the body. */
const memoryAllowance = 96 * MiB

interface Served {
  readonly port: number
  readonly requests: () => number
  /** Resolves with the bytes handed to the socket when the exchange ended (finished or dropped). */
  readonly ended: Promise<number>
}

/** A server that answers every request with `total` bytes of JSON, made chunk by chunk, honouring back-pressure. */
const hugeAnswer = (total: number, declareLength: boolean) =>
  Effect.acquireRelease(
    Effect.async<Served & { readonly server: Http.Server }>((resume) => {
      let requests = 0
      let endedWith: (written: number) => void = () => undefined
      const ended = new Promise<number>((resolve) => {
        endedWith = resolve
      })
      const filler = Buffer.alloc(64 * 1024, "x")
      const server = Http.createServer((_, response) => {
        requests++
        response.writeHead(200, {
          "content-type": "application/json",
          ...(declareLength ? { "content-length": String(total) } : {})
        })
        let written = 0
        response.on("close", () => endedWith(written))
        const pump = () => {
          while (written < total && !response.destroyed) {
            const left = total - written
            const piece = written === 0
              ? Buffer.from("{\"pad\":\"")
              : left <= 2
              ? Buffer.from("\"}").subarray(2 - left)
              : filler.subarray(0, Math.min(filler.length, left - 2))
            written += piece.length
            if (!response.write(piece)) {
              response.once("drain", pump)
              return
            }
          }
          response.end()
        }
        pump()
      })
      server.listen(0, "127.0.0.1", () =>
        resume(Effect.succeed({
          server,
          port: (server.address() as AddressInfo).port,
          requests: () => requests,
          ended
        })))
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

const clients = [
  ["undici", NodeHttpClient.layerUndici],
  ["fetch", FetchHttpClient.layer]
] as const satisfies ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]>

describe("size: a 200 MB answer over real HTTP", () => {
  for (const [clientName, client] of clients) {
    for (const declareLength of [false, true]) {
      it.live(`${clientName}, ${declareLength ? "with" : "without"} Content-Length: refused after one request, reading stopped early`, () =>
        Effect.gen(function*() {
          const total = 200 * 1000 * 1000
          const served = yield* hugeAnswer(total, declareLength)
          const transport = yield* Transport.make({ provider: "acme" })
          const rssBefore = process.memoryUsage().rss
          const exit = yield* Effect.exit(
            transport.execute({
              operation: "profile.get",
              request: Transport.request("GET", `http://127.0.0.1:${served.port}`, "/profile"),
              idempotent: true
            })
          )
          const rssGrowth = process.memoryUsage().rss - rssBefore
          const written = yield* Effect.promise(() => served.ended)
          const error = failureOf(exit)
          const outcomes = {
            "not an UnexpectedResponse naming the limit":
              !(error._tag === "UnexpectedResponse" && error.reason.includes("4 MiB")),
            [`${served.requests()} requests`]: served.requests() !== 1,
            [`${written} bytes written by the server`]: written > limit + bufferAllowance,
            [`memory grew by ${Math.round(rssGrowth / MiB)} MiB`]: rssGrowth > memoryAllowance
          }
          const bad = Object.entries(outcomes).filter(([, isBad]) => isBad).map(([what]) => what)
          ReliabilityMetrics.record({
            area: "size",
            scenariosRun: 1,
            scenariosPassed: bad.length === 0 ? 1 : 0,
            hostileOutcomes: bad.length
          })
          console.log(
            `size: ${clientName}, ${declareLength ? "declared" : "chunked"}: the server wrote ${
              (written / MiB).toFixed(1)
            } MiB of ` +
              `${(total / MiB).toFixed(0)} MiB; memory grew by ${(rssGrowth / MiB).toFixed(1)} MiB`
          )
          assert.deepStrictEqual(bad, [])
        }).pipe(Effect.provide(client), Effect.scoped))
    }
  }
})

describe("size: bodies around the limit, every status class", () => {
  const chunk = 64 * 1024
  const statuses = [200, 201, 400, 404, 409, 500, 503] as const
  const sizes = [
    ["just under the limit", limit - 1],
    ["exactly the limit", limit],
    ["one byte over", limit + 1],
    ["sixteen times the limit", 16 * limit]
  ] as const
  const calls = [
    [
      "GET",
      (): Transport.Call => ({
        operation: "things.get",
        request: Transport.request("GET", "https://api.acme.test", "/things/1"),
        idempotent: true
      })
    ],
    [
      "POST",
      (): Transport.Call => ({
        operation: "things.create",
        request: HttpClientRequest.bodyUnsafeJson(Transport.request("POST", "https://api.acme.test", "/things"), {
          name: "x"
        }),
        idempotent: false
      })
    ]
  ] as const

  it.effect("each answer is read no further than its bound and ends as its status says, or as too large", () =>
    Effect.gen(function*() {
      const bad: Array<string> = []
      let run = 0
      for (const status of statuses) {
        for (const [sizeLabel, total] of sizes) {
          for (const declareLength of [false, true]) {
            for (const [method, call] of calls) {
              run++
              const label = `${method} answered ${status}, ${sizeLabel}${declareLength ? " (declared)" : ""}`
              const { meter, reply } = streamed(status, {
                total,
                chunk,
                prefix: "{\"pad\":\"",
                suffix: "\"}",
                ...(declareLength ? { headers: { "content-length": String(total) } } : {})
              })
              const fake = fakeClient(reply)
              const transport = yield* Transport.make({ provider: "acme" }).pipe(
                Effect.provideService(HttpClient.HttpClient, fake.client)
              )
              const { exit } = yield* drive(
                Transport.withPolicy({ jitter: "none", maxAttempts: 2 })(transport.execute(call()))
              )
              const successful = status < 300
              const bound = successful ? limit : 64 * 1024
              const pulledMost = Math.max(...meter.pulled)
              // A stream pulls one chunk ahead of what is read.
              if (pulledMost > bound + 2 * chunk) bad.push(`${label}: ${pulledMost} bytes pulled`)
              const retriedByStatus = status >= 500 && method === "GET"
              if (fake.sent.length !== (retriedByStatus ? 2 : 1)) bad.push(`${label}: ${fake.sent.length} requests`)
              if (successful && total <= limit) {
                if (exit._tag !== "Success" || successOf(exit).text.length !== total) {
                  bad.push(`${label}: not read whole`)
                }
              } else if (successful) {
                const error = failureOf(exit)
                if (!(error._tag === "UnexpectedResponse" && error.reason.includes("4 MiB"))) {
                  bad.push(`${label}: ${error._tag}`)
                }
              } else {
                const error = failureOf(exit)
                const expected = status === 404
                  ? "NotFound"
                  : status >= 500
                  ? (method === "GET" ? "ProviderUnavailable" : "OutcomeUnknown")
                  : "UnexpectedResponse"
                if (error._tag !== expected) bad.push(`${label}: ${error._tag}, expected ${expected}`)
                if (JSON.stringify(error).length > 8 * 1024) {
                  bad.push(`${label}: an error of ${JSON.stringify(error).length} characters`)
                }
              }
            }
          }
        }
      }
      ReliabilityMetrics.recordFindings("size", run, bad)
      assert.strictEqual(run, statuses.length * sizes.length * 2 * calls.length)
      assert.deepStrictEqual(bad, [])
    }))
})
