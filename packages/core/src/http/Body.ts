/**
 * Reading a response body from a server we do not trust: never more than a stated number of
 * bytes, never parsed deeper than a stated nesting.
 *
 * - {@link read} streams the body and counts its bytes: it refuses at once when
 *   `Content-Length` already says the body is larger than the limit (cancelling the body at its
 *   first chunk), and otherwise stops reading (which cancels the body, so the connection is
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
import type { HttpClientError, HttpClientResponse } from "@effect/platform"
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
export const declaredLength = (response: HttpClientResponse.HttpClientResponse): number | undefined => {
  const value = response.headers["content-length"]
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

/**
 * Reads at most `maxBytes` of a response body, as bytes. A `Content-Length` above the limit is
 * refused at once: the body is cancelled at its first chunk, which is not kept. Otherwise the
 * body is streamed and the stream is stopped (and the body cancelled) as soon as more than
 * `maxBytes` arrived; bytes past the limit are dropped. A body whose declared length is within
 * the limit is read whole: its length is part of the message's framing, so no more arrives.
 *
 * @since 0.1.0
 * @category reading
 */
export const readBytes = (
  response: HttpClientResponse.HttpClientResponse,
  maxBytes: number
): Effect.Effect<ReadBytes, HttpClientError.ResponseError> =>
  Effect.suspend(() => {
    const declared = declaredLength(response)
    const limit = Number.isNaN(maxBytes) ? 0 : Math.max(0, Math.floor(maxBytes))
    if (declared !== undefined && declared <= limit) {
      return Effect.map(
        Effect.catchIf(response.arrayBuffer, (error) =>
          error.reason === "EmptyBody", () =>
          Effect.succeed(new ArrayBuffer(0))),
        (buffer): ReadBytes => ({
          bytes: buffer.byteLength > limit ? new Uint8Array(buffer, 0, limit) : new Uint8Array(buffer),
          complete: buffer.byteLength <= limit,
          declaredBytes: declared
        })
      )
    }
    const refused = declared !== undefined && declared > limit
    const chunks: Array<Uint8Array> = []
    let size = 0
    let complete = !refused
    // No body at all (a 204) reads as an empty one; handled inside the stream, where it arises.
    const body = Stream.catchAll(
      response.stream,
      (error) => (error.reason === "EmptyBody" ? Stream.empty : Stream.fail(error))
    )
    const reading = refused
      // Stopped at its first chunk (which is dropped), so that the body is cancelled and the
      // connection closed: a stream only cancels what it has started to read.
      ? Stream.runForEachWhile(body, () =>
        Effect.succeed(false))
      : Stream.runForEachWhile(body, (chunk) =>
        Effect.sync(() => {
          const room = limit - size
          if (chunk.length > room) {
            chunks.push(chunk.slice(0, room))
            size = limit
            complete = false
            return false
          }
          chunks.push(chunk)
          size += chunk.length
          return true
        }))
    return Effect.map(
      reading,
      (): ReadBytes => ({
        bytes: concat(chunks, size),
        complete,
        ...(declared === undefined ? {} : { declaredBytes: declared })
      })
    )
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
  maxBytes: number
): Effect.Effect<Read, HttpClientError.ResponseError> =>
  Effect.map(
    readBytes(response, maxBytes),
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
