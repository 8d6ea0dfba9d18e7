/**
 * A picture served on loopback, for the demo's media-header template and for the tests that
 * carry media (template header examples, profile photos, media uploads): a 1×1 PNG at
 * `/header.png`, its downloads counted. Stops with its scope.
 */
import { Effect } from "effect"
import { createServer } from "node:http"
import { deflateSync } from "node:zlib"

/** A 1×1 PNG. */
export const png = (() => {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff
    for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, "ascii"), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([length, body, sum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(1, 0)
  header.writeUInt32BE(1, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.from([0, 0xff, 0, 0]))),
    chunk("IEND", Buffer.alloc(0))
  ])
})()

/** A server on 127.0.0.1 (a free port) serving {@link png} at `/header.png`, counting its downloads. */
export const fileServer = Effect.acquireRelease(
  Effect.async<{ readonly url: string; readonly downloads: () => number; readonly close: () => void }>((resume) => {
    let downloads = 0
    const server = createServer((request, response) => {
      if (request.url === "/header.png") {
        downloads++
        response.writeHead(200, { "content-type": "image/png", "content-length": png.length })
        response.end(png)
      } else {
        response.writeHead(404).end()
      }
    })
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      resume(
        Effect.succeed({
          url: `http://127.0.0.1:${port}/header.png`,
          downloads: () => downloads,
          close: () => {
            server.closeAllConnections()
            server.close()
          }
        })
      )
    })
  }),
  (server) => Effect.sync(server.close)
)
