/**
 * Reading a response body from a server we do not trust: never more than a stated number of
 * bytes, never parsed deeper than a stated nesting.
 *
 * - {@link read} reads the body chunk by chunk and counts its bytes: it refuses at once when
 *   `Content-Length` already says the body is larger than the limit (cancelling the body before
 *   anything of it is kept), and otherwise stops reading (which cancels the body, so the connection is
 *   dropped) as soon as the limit is passed. It answers what it read and whether that was all of
 *   it; nothing beyond the limit is kept.
 * - {@link depthExceeds} scans a JSON text once, without recursion, counting `[` and `{` outside
 *   strings; {@link parseJson} uses it before `JSON.parse`, so that nothing ever walks a value
 *   nested deeper than {@link maxJsonDepth}.
 *
 * Plain functions over an `HttpClientResponse`, so that any way of sending requests (the
 * transport, an `HttpClient` transform) reads bodies the same way.
 *
 * @since 0.1.0
 */
import { HttpClientError } from "@effect/platform"
import type { Headers, HttpClientResponse } from "@effect/platform"
import { Effect, Either } from "effect"
import * as Stream from "effect/Stream"

/**
 * The default maximum size of a response body: 4 MiB. Every answer the providers document is a
 * JSON document of a few kilobytes, but for listings; the largest, a page of 100 templates
 * (WOZTELL's maximum page) each at the documented maximum sizes (a 1,024-character body,
 * header, footer, buttons and examples), comes to about 1 MiB. 4 MiB leaves room for that
 * without letting a hostile server fill the memory; an operation that needs more says so on its
 * `Transport.Call`.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultMaxResponseBytes = 4 * 1024 * 1024

/**
 * How much of a non-2xx body is read: 64 KiB. Its status decides what it means; the body only
 * serves the provider's problem and the excerpt in the error, so it is read no further.
 *
 * @since 0.1.0
 * @category constants
 */
export const errorBodyBytes = 64 * 1024

/**
 * The deepest nesting of arrays and objects a JSON body may have: 64 levels. The deepest
 * document the providers describe nests fewer than ten.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxJsonDepth = 64

/**
 * What {@link read} got: the text of the bytes read and whether they were the whole body.
 *
 * @since 0.1.0
 * @category models
 */
export interface Read {
  readonly text: string
  /** `false` when the body was larger than the limit: `text` is then only its beginning. */
  readonly complete: boolean
  /** The body's size when the server declared one (`Content-Length`). */
  readonly declaredBytes?: number
}

/**
 * A size for people: `512 bytes`, `64 KiB`, `4 MiB`, `1.5 MiB`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatBytes = (bytes: number): string => {
  const units = ["bytes", "KiB", "MiB", "GiB"] as const
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1 && value % 1 === 0) {
    value /= 1024
    unit++
  }
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, "")
  return `${shown} ${units[unit]}`
}

/**
 * The `Content-Length` a response declares, when it is a plain number of bytes.
 *
 * @since 0.1.0
 * @category reading
 */
export const declaredLength = (
  response: HttpClientResponse.HttpClientResponse,
  headers: Headers.Headers = response.headers
): number | undefined => {
  const value = headers["content-length"]
  if (value === undefined || !/^\s*\d{1,16}\s*$/.test(value)) return undefined
  return Number(value)
}

const decoder = new TextDecoder("utf-8")

const concat = (chunks: ReadonlyArray<Uint8Array>, size: number): Uint8Array => {
  const all = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    all.set(chunk, offset)
    offset += chunk.length
  }
  return all
}

/**
 * What {@link readBytes} got: the bytes read and whether they were the whole body.
 *
 * @since 0.1.0
 * @category models
 */
export interface ReadBytes {
  readonly bytes: Uint8Array
  /** `false` when the body was larger than the limit: `bytes` is then only its beginning. */
  readonly complete: boolean
  /** The body's size when the server declared one (`Content-Length`). */
  readonly declaredBytes?: number
}

/** A Node.js readable stream, as far as reading a body needs it. */
interface NodeReadable {
  readonly readableEnded: boolean
  readonly destroyed: boolean
  readonly readableFlowing: boolean | null
  on(event: "data", listener: (chunk: Uint8Array) => void): unknown
  on(event: "end" | "close", listener: () => void): unknown
  on(event: "error", listener: (cause: unknown) => void): unknown
  off(event: string, listener: (...args: Array<never>) => void): unknown
  destroy(): unknown
}

const isNodeReadable = (value: unknown): value is NodeReadable =>
  typeof value === "object" && value !== null && "on" in value && typeof value.on === "function" &&
  "off" in value && typeof value.off === "function" && "destroy" in value && typeof value.destroy === "function" &&
  "readableEnded" in value && value.readableEnded === false && "destroyed" in value && value.destroyed === false &&
  "readableFlowing" in value && value.readableFlowing === null

const isWebBody = (value: unknown): value is ReadableStream<Uint8Array> =>
  typeof ReadableStream !== "undefined" && value instanceof ReadableStream && !value.locked

/**
 * The body of the response as the client got it, when it is one this module reads directly: a
 * Node.js readable nobody has read (`NodeHttpClient`'s: undici's body, or the `IncomingMessage`)
 * or an unread web `ReadableStream` (`FetchHttpClient`'s, `HttpClientResponse.fromWeb`'s);
 * `null` for a web response without a body; `undefined` for anything else.
 */
const rawBody = (
  response: HttpClientResponse.HttpClientResponse
): NodeReadable | ReadableStream<Uint8Array> | null | undefined => {
  const source: unknown = (response as unknown as { readonly source?: unknown }).source
  if (typeof source !== "object" || source === null) return undefined
  if (typeof Response !== "undefined" && source instanceof Response) {
    if (source.bodyUsed) return undefined
    return source.body === null ? null : isWebBody(source.body) ? source.body : undefined
  }
  if (isNodeReadable(source)) return source
  const body = "body" in source ? source.body : undefined
  return isNodeReadable(body) ? body : undefined
}

/** Collects at most `limit` bytes; `add` answers whether more may come. */
const collector = (limit: number) => {
  const chunks: Array<Uint8Array> = []
  let size = 0
  let complete = true
  return {
    add: (chunk: Uint8Array): boolean => {
      const room = limit - size
      if (chunk.length > room) {
        if (room > 0) chunks.push(chunk.subarray(0, room))
        size = limit
        complete = false
        return false
      }
      chunks.push(chunk)
      size += chunk.length
      return true
    },
    result: (declared: number | undefined): ReadBytes => ({
      // Copied into bytes of their own: a chunk may be a view of a larger, shared buffer (Node.js pools them).
      bytes: concat(chunks, size),
      complete,
      ...(declared === undefined ? {} : { declaredBytes: declared })
    })
  }
}

const decodeError = (response: HttpClientResponse.HttpClientResponse, cause: unknown) =>
  new HttpClientError.ResponseError({ request: response.request, response, reason: "Decode", cause })

const ignore = () => {}

/**
 * Destroys a Node.js body nobody will read on: the error its destruction may emit (undici's
 * `RequestAbortedError`) is heard here, so that it never becomes an uncaught exception.
 */
const discard = (body: NodeReadable): void => {
  body.on("error", ignore)
  body.destroy()
}

/** Reads a Node.js readable with one listener per event: no stream machinery per chunk. */
const readNode = (
  response: HttpClientResponse.HttpClientResponse,
  body: NodeReadable,
  limit: number,
  declared: number | undefined
): Effect.Effect<ReadBytes, HttpClientError.ResponseError> =>
  Effect.async((resume) => {
    const bytes = collector(limit)
    let active = true
    const stop = () => {
      active = false
      body.off("data", onData)
      body.off("end", onEnd)
      body.off("error", onError)
      body.off("close", onClose)
    }
    const onData = (chunk: Uint8Array) => {
      if (!active || bytes.add(chunk)) return
      stop()
      discard(body)
      resume(Effect.succeed(bytes.result(declared)))
    }
    const onEnd = () => {
      if (!active) return
      stop()
      resume(Effect.succeed(bytes.result(declared)))
    }
    const onError = (cause: unknown) => {
      if (!active) return
      stop()
      resume(Effect.fail(decodeError(response, cause)))
    }
    const onClose = () => onError(new Error("the response body closed before its end"))
    body.on("data", onData)
    body.on("end", onEnd)
    body.on("error", onError)
    body.on("close", onClose)
    return Effect.sync(() => {
      if (!active) return
      stop()
      discard(body)
    })
  })

/** Reads a web `ReadableStream` with its reader: one promise per chunk, no stream machinery. */
const readWeb = (
  response: HttpClientResponse.HttpClientResponse,
  body: ReadableStream<Uint8Array>,
  limit: number,
  declared: number | undefined
): Effect.Effect<ReadBytes, HttpClientError.ResponseError> =>
  Effect.async((resume) => {
    const bytes = collector(limit)
    const reader = body.getReader()
    let active = true
    const pump = (): void => {
      reader.read().then((next) => {
        if (!active) return
        if (next.done) {
          active = false
          resume(Effect.succeed(bytes.result(declared)))
        } else if (bytes.add(next.value)) {
          pump()
        } else {
          active = false
          reader.cancel().catch(ignore)
          resume(Effect.succeed(bytes.result(declared)))
        }
      }, (cause: unknown) => {
        if (!active) return
        active = false
        resume(Effect.fail(decodeError(response, cause)))
      })
    }
    pump()
    return Effect.sync(() => {
      if (!active) return
      active = false
      reader.cancel().catch(ignore)
    })
  })

const refusedRead = (declared: number): ReadBytes => ({
  bytes: new Uint8Array(0),
  complete: false,
  declaredBytes: declared
})

/**
 * Reads at most `maxBytes` of a response body, as bytes. A `Content-Length` above the limit is
 * refused at once: the body is cancelled before anything of it is kept. Otherwise the body is
 * read chunk by chunk and cancelled as soon as more than `maxBytes` arrived; bytes past the
 * limit are dropped, so never more than `maxBytes` is held, with or without a `Content-Length`.
 *
 * The bodies of `NodeHttpClient` (undici or `node:http`), `FetchHttpClient` and
 * `HttpClientResponse.fromWeb` responses are read straight from their source, with one listener
 * or one reader: a chunked answer costs what one with a `Content-Length` does. Any other
 * response is read through its `stream`.
 *
 * @since 0.1.0
 * @category reading
 */
export const readBytes = (
  response: HttpClientResponse.HttpClientResponse,
  maxBytes: number,
  headers: Headers.Headers = response.headers
): Effect.Effect<ReadBytes, HttpClientError.ResponseError> =>
  Effect.suspend(() => {
    const declared = declaredLength(response, headers)
    const limit = Number.isNaN(maxBytes) ? 0 : Math.max(0, Math.floor(maxBytes))
    const refused = declared !== undefined && declared > limit
    const raw = rawBody(response)
    if (raw === null) return Effect.succeed(refused ? refusedRead(declared) : collector(limit).result(declared))
    if (raw !== undefined) {
      if (refused) {
        if (raw instanceof ReadableStream) raw.cancel().catch(ignore)
        else discard(raw)
        return Effect.succeed(refusedRead(declared))
      }
      return raw instanceof ReadableStream
        ? readWeb(response, raw, limit, declared)
        : readNode(response, raw, limit, declared)
    }
    const bytes = collector(limit)
    // No body at all (a 204) reads as an empty one; handled inside the stream, where it arises.
    const body = Stream.catchAll(
      response.stream,
      (error) => (error.reason === "EmptyBody" ? Stream.empty : Stream.fail(error))
    )
    const reading = refused
      // Stopped at its first chunk (which is dropped), so that the body is cancelled and the
      // connection closed: a stream only cancels what it has started to read.
      ? Stream.runForEachWhile(body, () => Effect.succeed(false))
      : Stream.runForEachWhile(body, (chunk) => Effect.sync(() => bytes.add(chunk)))
    return Effect.map(reading, (): ReadBytes => refused ? refusedRead(declared) : bytes.result(declared))
  })

/**
 * Reads at most `maxBytes` of a response body as UTF-8 text ({@link readBytes}); a multi-byte
 * character cut at the limit is decoded as U+FFFD.
 *
 * @since 0.1.0
 * @category reading
 */
export const read = (
  response: HttpClientResponse.HttpClientResponse,
  maxBytes: number,
  headers: Headers.Headers = response.headers
): Effect.Effect<Read, HttpClientError.ResponseError> =>
  Effect.map(
    readBytes(response, maxBytes, headers),
    ({ bytes, ...rest }): Read => ({ text: decoder.decode(bytes), ...rest })
  )

/**
 * Whether a JSON text nests arrays and objects deeper than `maxDepth`, found by one scan of the
 * text (brackets inside strings do not count). The text need not be valid JSON.
 *
 * @since 0.1.0
 * @category parsing
 */
export const depthExceeds = (text: string, maxDepth: number = maxJsonDepth): boolean => {
  let depth = 0
  let inString = false
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (inString) {
      if (code === 0x5c) index++
      else if (code === 0x22) inString = false
    } else if (code === 0x22) {
      inString = true
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > maxDepth) return true
    } else if (code === 0x5d || code === 0x7d) {
      depth--
    }
  }
  return false
}

/**
 * Why a text could not be taken as JSON.
 *
 * @since 0.1.0
 * @category models
 */
export type NotJson = "not-json" | "too-deep"

/**
 * Parses a JSON body: `undefined` for an empty (or blank) text, `"too-deep"` when it nests
 * deeper than `maxDepth` (checked before parsing), `"not-json"` when it does not parse.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseJson = (text: string, maxDepth: number = maxJsonDepth): Either.Either<unknown, NotJson> => {
  if (text.trim().length === 0) return Either.right(undefined)
  if (depthExceeds(text, maxDepth)) return Either.left("too-deep")
  try {
    return Either.right(JSON.parse(text) as unknown)
  } catch {
    return Either.left("not-json")
  }
}
