/**
 * The attempt timeout on the live clock, over real HTTP: a server that never answers, or stalls
 * halfway through a body, is given up on, and the request is aborted — the server sees its
 * connection closed — for both of @effect/platform-node's clients and fetch. Interrupting a
 * call aborts its request too. (The fault suite covers the same in virtual time.)
 */
import { FetchHttpClient, HttpClient } from "@effect/platform"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { Transport } from "@wa-admin/core"
import { Deferred, Effect, Fiber, Layer } from "effect"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"

type Mode = "silent" | "stall-body"

/** A loopback server that never finishes answering, and tells when a client hangs up. */
const server = (mode: Mode) =>
  Effect.acquireRelease(
    Effect.async<{ readonly url: string; readonly closed: Deferred.Deferred<void>; readonly server: Http.Server }>(
      (resume) => {
        const closed = Deferred.unsafeMake<void>(undefined as never)
        const instance = Http.createServer((request, response) => {
          request.socket.once("close", () => Deferred.unsafeDone(closed, Effect.void))
          if (mode === "stall-body") {
            response.writeHead(200, { "content-type": "application/json", "content-length": "64" })
            response.write("{\"about\": \"half")
          }
        })
        instance.listen(0, "127.0.0.1", () => {
          const { port } = instance.address() as AddressInfo
          resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, closed, server: instance }))
        })
      }
    ),
    ({ server: instance }) =>
      Effect.async<void>((resume) => {
        instance.closeAllConnections()
        instance.close(() => resume(Effect.void))
      })
  )

const clients: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["undici", NodeHttpClient.layerUndici],
  ["node:http", NodeHttpClient.layer],
  ["fetch", FetchHttpClient.layer]
]

const fast = Transport.withPolicy({ attemptTimeout: "150 millis", deadline: "10 seconds", maxAttempts: 1 })

describe("the attempt timeout on the live clock", () => {
  for (const [name, layer] of clients) {
    for (const mode of ["silent", "stall-body"] as const) {
      it.scopedLive(`${name}, a ${mode} server: the call gives up, and the request is aborted`, () =>
        Effect.gen(function*() {
          const { closed, url } = yield* server(mode)
          const transport = yield* Transport.make({ provider: "acme" })
          const read = yield* transport
            .execute({ operation: "profile.get", request: Transport.request("GET", url, "/profile"), idempotent: true })
            .pipe(fast, Effect.flip)
          assert.strictEqual(read._tag, "ProviderUnavailable")
          assert.include(read.message, mode === "silent" ? "no response within the attempt timeout" : "stalled")
          yield* Deferred.await(closed)

          const write = yield* transport
            .execute({
              operation: "profile.update",
              request: Transport.request("POST", url, "/profile"),
              idempotent: false
            })
            .pipe(fast, Effect.flip)
          assert.strictEqual(write._tag, "OutcomeUnknown", "a mutation that may have landed is never repeated")
        }).pipe(Effect.provide(layer)))
    }

    it.scopedLive(`${name}: interrupting a call aborts its request`, () =>
      Effect.gen(function*() {
        const { closed, url } = yield* server("silent")
        const transport = yield* Transport.make({ provider: "acme" })
        const call = yield* Effect.fork(
          transport.execute({
            operation: "profile.get",
            request: Transport.request("GET", url, "/profile"),
            idempotent: true
          })
        )
        yield* Effect.sleep("100 millis")
        yield* Fiber.interrupt(call)
        yield* Deferred.await(closed)
      }).pipe(Effect.provide(layer)))
  }
})
