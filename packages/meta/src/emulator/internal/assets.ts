/**
 * The files the Graph API hands out as URLs on Meta's content hosts (`lookaside.fbsbx.com`,
 * `scontent.xx.fbcdn.net`, `pps.whatsapp.net`): media (which the document says is downloaded
 * with the access token, and whose URL is valid for 5 minutes), template header samples and
 * profile pictures (from resumable-upload handles), flow JSON assets and QR code images. Like
 * Meta's, they are served from a host of their own — here a second local HTTP server, because
 * the files are bytes and not JSON.
 *
 * @internal
 */
import { EmulatorHost } from "@wa-admin/core/testing"
import { Effect } from "effect"
import type { Scope } from "effect"
import * as Crypto from "node:crypto"
import * as Http from "node:http"
import * as Zlib from "node:zlib"

/** One file. */
export interface Asset {
  readonly contentType: string
  readonly bytes: Uint8Array
  /** Whether a download must carry the account's access token (media). */
  readonly requiresToken: boolean
  /** When the URL stops working, epoch milliseconds. */
  readonly expiresAt?: number | undefined
}

/** The asset host. */
export interface Assets {
  /** `http://HOST:PORT`. */
  readonly baseUrl: string
  /** Serves `asset` under `key` (replacing what was there) and returns its URL. */
  readonly put: (key: string, asset: Asset) => string
  /** The URL of `key`. */
  readonly url: (key: string) => string
  /** How many downloads were answered with the file. */
  readonly downloads: () => number
}

/** A key no one can guess. */
export const randomKey = (): string => Crypto.randomBytes(18).toString("base64url")

const answer = (response: Http.ServerResponse, status: number, text: string) => {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8" })
  response.end(text)
}

/**
 * Starts the asset host on `host` (a free port) for as long as the scope lasts; its URLs name
 * `urlHost` (how clients reach `host`, e.g. `127.0.0.1` for `0.0.0.0`). `now` is the emulator's
 * clock; `authorized` says whether an `Authorization` header carries the account's token.
 */
export const start = (
  host: string,
  urlHost: string,
  now: () => number,
  authorized: (authorization: string | undefined) => boolean
): Effect.Effect<Assets, EmulatorHost.StartError, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.async<{ readonly server: Http.Server; readonly assets: Assets }, EmulatorHost.StartError>((resume) => {
      const items = new Map<string, Asset>()
      let served = 0
      const server = Http.createServer((request, response) => {
        const key = decodeURIComponent((request.url ?? "/").split("?")[0]?.slice(1) ?? "")
        const asset = items.get(key)
        if (request.method !== "GET" && request.method !== "HEAD") return answer(response, 405, "Method Not Allowed")
        if (asset === undefined) return answer(response, 404, "Not Found")
        if (asset.expiresAt !== undefined && now() >= asset.expiresAt) return answer(response, 404, "URL expired")
        if (asset.requiresToken && !authorized(request.headers["authorization"])) {
          return answer(response, 401, "Unauthorized")
        }
        served += 1
        response.writeHead(200, { "content-type": asset.contentType, "content-length": asset.bytes.length })
        response.end(request.method === "HEAD" ? undefined : asset.bytes)
      })
      server.once("error", (error: NodeJS.ErrnoException) =>
        resume(
          Effect.fail(
            new EmulatorHost.StartError({ host, port: 0, reason: "ListenFailed", detail: error.code ?? error.message })
          )
        ))
      server.listen(0, host, () => {
        const address = server.address()
        const port = typeof address === "object" && address !== null ? address.port : 0
        const baseUrl = `http://${urlHost}:${port}`
        const url = (key: string) => `${baseUrl}/${encodeURIComponent(key)}`
        resume(Effect.succeed({
          server,
          assets: {
            baseUrl,
            put: (key, asset) => {
              items.set(key, asset)
              return url(key)
            },
            url,
            downloads: () => served
          }
        }))
      })
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  ).pipe(Effect.map(({ assets }) => assets))

const crcTable = Array.from({ length: 256 }, (_, index) => {
  let value = index
  for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1
  return value >>> 0
})

const crc32 = (bytes: Uint8Array): number => {
  let crc = 0xffffffff
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

const chunk = (type: string, data: Uint8Array): Buffer => {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/**
 * The grid of a code's image: the SHA-256 of the deep link, one bit per module of a 16 × 16
 * grid, framed by a quiet zone. The emulator does not draw scannable QR codes; it draws a
 * distinct picture for each link, as a real image file.
 */
const grid = (link: string): ReadonlyArray<ReadonlyArray<boolean>> => {
  const digest = Crypto.createHash("sha256").update(link).digest()
  return Array.from({ length: 16 }, (_, row) =>
    Array.from({ length: 16 }, (_, column) => {
      const bit = row * 16 + column
      return ((digest[bit >> 3] ?? 0) >> (7 - (bit & 7)) & 1) === 1
    }))
}

/** A code's image as SVG. */
export const codeSvg = (link: string): Uint8Array => {
  const modules = grid(link).flatMap((row, y) =>
    row.flatMap((dark, x) => dark ? [`<rect x="${x + 2}" y="${y + 2}" width="1" height="1"/>`] : [])
  )
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20" width="200" height="200">` +
    `<title>${link.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</title>` +
    `<rect width="20" height="20" fill="#fff"/><g fill="#000">${modules.join("")}</g></svg>`
  return new TextEncoder().encode(svg)
}

/** A code's image as an 8-bit greyscale PNG, 10 pixels per module. */
export const codePng = (link: string): Uint8Array => {
  const scale = 10
  const size = 20 * scale
  const modules = grid(link)
  const rows: Array<Buffer> = []
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(size + 1, 0xff)
    row[0] = 0
    const moduleRow = modules[Math.floor(y / scale) - 2]
    for (let x = 0; x < size; x++) {
      if (moduleRow?.[Math.floor(x / scale) - 2] === true) row[x + 1] = 0
    }
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8
  header[9] = 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", Zlib.deflateSync(Buffer.concat(rows))),
    chunk("IEND", new Uint8Array())
  ])
}
