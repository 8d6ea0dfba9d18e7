/**
 * Fetching a public file by URL: the bytes and media type, without credentials; a file over the
 * limit (declared or streamed) or an answer other than 2xx is an InvalidInput on the caller's
 * field; a server that is not there is ProviderUnavailable.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { Download } from "@wa-admin/core"
import { Effect } from "effect"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"

const server = Effect.acquireRelease(
  Effect.async<{ readonly url: string; readonly server: Http.Server; readonly seen: Array<Http.IncomingHttpHeaders> }>(
    (resume) => {
      const seen: Array<Http.IncomingHttpHeaders> = []
      const instance = Http.createServer((request, response) => {
        seen.push(request.headers)
        if (request.url === "/small.png") {
          response.writeHead(200, { "content-type": "image/png; charset=binary" })
          response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]))
        } else if (request.url === "/declared-big") {
          response.writeHead(200, { "content-type": "image/png", "content-length": String(64 * 1024 * 1024) })
          response.write(Buffer.alloc(1024))
        } else if (request.url === "/streamed-big") {
          response.writeHead(200, { "content-type": "image/png" })
          const chunk = Buffer.alloc(64 * 1024)
          const pump = () => {
            while (response.write(chunk)) {
              if (response.writableLength > 8 * 1024 * 1024) break
            }
          }
          response.on("drain", pump)
          pump()
        } else if (request.url === "/moved") {
          response.writeHead(302, { location: "/small.png" })
          response.end()
        } else {
          response.writeHead(404)
          response.end()
        }
      })
      instance.listen(0, "127.0.0.1", () =>
        resume(
          Effect.succeed({
            url: `http://127.0.0.1:${(instance.address() as AddressInfo).port}`,
            server: instance,
            seen
          })
        ))
    }
  ),
  ({ server: instance }) =>
    Effect.async<void>((resume) => {
      instance.closeAllConnections()
      instance.close(() => resume(Effect.void))
    })
)

const options = { provider: "acme", operation: "media.templateAsset", field: "url", maxBytes: 1024 * 1024 }

describe("Download.file", () => {
  it.scopedLive("answers the bytes and the media type, following a redirect, sending no credentials", () =>
    Effect.gen(function*() {
      const { seen, url } = yield* server
      const file = yield* Download.file(`${url}/moved`, options)
      assert.deepStrictEqual([...file.bytes], [0x89, 0x50, 0x4e, 0x47])
      assert.strictEqual(file.mimeType, "image/png")
      assert.isTrue(seen.every((headers) => headers.authorization === undefined))
    }).pipe(Effect.provide(NodeHttpClient.layerUndici)))

  it.scopedLive("a file over the limit, declared or streamed, and a 404 are InvalidInput on the field", () =>
    Effect.gen(function*() {
      const { url } = yield* server
      for (const path of ["/declared-big", "/streamed-big", "/missing"]) {
        const error = yield* Effect.flip(Download.file(`${url}${path}`, options))
        assert.strictEqual(error._tag, "InvalidInput", path)
        if (error._tag === "InvalidInput") {
          assert.strictEqual(error.issues[0]?.field, "url")
          assert.strictEqual(error.source, "local")
        }
      }
    }).pipe(Effect.provide(NodeHttpClient.layerUndici)))

  it.scopedLive("a server that is not there is ProviderUnavailable", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Download.file("http://127.0.0.1:1/x.png", options))
      assert.strictEqual(error._tag, "ProviderUnavailable")
    }).pipe(Effect.provide(NodeHttpClient.layerUndici)))
})
