import { HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Either, Stream } from "effect"
import { Readable } from "node:stream"
import * as Body from "../src/http/Body.js"
import * as HeaderValue from "../src/http/HeaderValue.js"

const request = HttpClientRequest.get("https://api.acme.test/x")

/** A response whose body is handed out in `chunks`, counting what was pulled and whether it was cancelled. */
const answer = (chunks: ReadonlyArray<string>, headers: Record<string, string> = {}, status = 200) => {
  const state = { pulled: 0, cancelled: false }
  const encoder = new TextEncoder()
  let next = 0
  const stream = new ReadableStream<Uint8Array>({
    pull: (controller) => {
      const chunk = chunks[next++]
      if (chunk === undefined) return controller.close()
      state.pulled += chunk.length
      controller.enqueue(encoder.encode(chunk))
    },
    cancel: () => {
      state.cancelled = true
    }
  })
  return {
    state,
    response: HttpClientResponse.fromWeb(request, new Response(status === 204 ? null : stream, { status, headers }))
  }
}

describe("Body.read", () => {
  it.effect("reads a body within the limit whole", () =>
    Effect.gen(function*() {
      const { response } = answer(["{\"a\":", "1}"])
      assert.deepStrictEqual(yield* Body.read(response, 100), { text: "{\"a\":1}", complete: true })
    }))

  it.effect("stops at the limit, keeps exactly that much and cancels the rest", () =>
    Effect.gen(function*() {
      const { response, state } = answer(["aaaa", "bbbb", "cccc", "dddd", "eeee"])
      const read = yield* Body.read(response, 6)
      assert.deepStrictEqual(read, { text: "aaaabb", complete: false })
      assert.isTrue(state.cancelled)
      assert.isAtMost(state.pulled, 16)
    }))

  it.effect("refuses a declared length above the limit at once: nothing kept, the body cancelled at its first chunk", () =>
    Effect.gen(function*() {
      const { response, state } = answer(Array.from({ length: 100 }, () => "x".repeat(10)), {
        "content-length": "600000000"
      })
      const read = yield* Body.read(response, 1024)
      assert.deepStrictEqual(read, { text: "", complete: false, declaredBytes: 600_000_000 })
      assert.isTrue(state.cancelled)
      assert.isAtMost(state.pulled, 20)
    }))

  it.effect("an answer without a body reads as empty; a limit that is not a number reads nothing", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* Body.read(answer([], {}, 204).response, 10), { text: "", complete: true })
      assert.deepStrictEqual(yield* Body.read(answer(["abc"]).response, Number.NaN), { text: "", complete: false })
    }))
})

/** `response` as a client whose body is `source` would hand it out (the platform's `source` field). */
const withSource = (response: HttpClientResponse.HttpClientResponse, fields: PropertyDescriptorMap) =>
  Object.create(response, fields) as HttpClientResponse.HttpClientResponse

describe("Body.readBytes from each kind of body", () => {
  it.live("a Node.js body refused past the limit is destroyed, and the error its destruction emits is heard", () =>
    Effect.gen(function*() {
      let destroyed = false
      const body = new Readable({
        read() {
          this.push("x".repeat(64))
        },
        destroy(_error, callback) {
          destroyed = true
          // As undici's body does: a destroy() with no error still ends in an "aborted" error.
          callback(new Error("aborted"))
        }
      })
      const { response } = answer([])
      const read = yield* Body.readBytes(withSource(response, { source: { value: body } }), 100)
      assert.isFalse(read.complete)
      assert.strictEqual(read.bytes.length, 100)
      // Let the destruction's error be emitted: with no listener it would be an uncaught exception.
      yield* Effect.promise(() => new Promise((resolve) => setImmediate(resolve)))
      assert.isTrue(destroyed)
      assert.isAbove(body.listenerCount("error"), 0)
    }))

  it.effect("a body of an unknown client is read through its stream, within and past the limit", () =>
    Effect.gen(function*() {
      const unknown = (chunks: ReadonlyArray<string>, headers: Record<string, string> = {}) => {
        const base = answer([], headers).response
        return withSource(base, {
          source: { value: {} },
          headers: { value: base.headers },
          stream: { value: Stream.fromIterable(chunks.map((chunk) => new TextEncoder().encode(chunk))) }
        })
      }
      const whole = yield* Body.readBytes(unknown(["ab", "cd"]), 10)
      assert.deepStrictEqual([new TextDecoder().decode(whole.bytes), whole.complete], ["abcd", true])
      const cut = yield* Body.readBytes(unknown(["abcd", "efgh", "ijkl"]), 6)
      assert.deepStrictEqual([new TextDecoder().decode(cut.bytes), cut.complete], ["abcdef", false])
      const declared = yield* Body.readBytes(unknown(["abcd"], { "content-length": "400" }), 6)
      assert.deepStrictEqual([declared.bytes.length, declared.complete], [0, false])
    }))
})

describe("Body.parseJson and depthExceeds", () => {
  it("counts nesting outside strings only, in one pass", () => {
    assert.isFalse(Body.depthExceeds(`${"[".repeat(64)}${"]".repeat(64)}`))
    assert.isTrue(Body.depthExceeds(`${"[".repeat(65)}${"]".repeat(65)}`))
    assert.isFalse(Body.depthExceeds(JSON.stringify({ a: "[[[[[[[[[[", b: "\\\"{{{{{{{{{" }), 2))
    assert.isTrue(Body.depthExceeds("{\"a\":{\"b\":[1]}}", 2))
  })

  it("answers undefined for a blank body, and says why one is refused", () => {
    assert.deepStrictEqual(Body.parseJson("  "), Either.right(undefined))
    assert.deepStrictEqual(Body.parseJson("{\"a\":[1]}"), Either.right({ a: [1] }))
    assert.deepStrictEqual(Body.parseJson("<html>"), Either.left("not-json"))
    assert.deepStrictEqual(Body.parseJson(`${"[".repeat(100_000)}${"]".repeat(100_000)}`), Either.left("too-deep"))
  })

  it("formatBytes names sizes for people", () => {
    assert.deepStrictEqual(
      [0, 512, 1024, 64 * 1024, 4 * 1024 * 1024, 1536 * 1024, 1000].map(Body.formatBytes),
      ["0 bytes", "512 bytes", "1 KiB", "64 KiB", "4 MiB", "1.5 MiB", "1000 bytes"]
    )
  })
})

describe("HeaderValue", () => {
  it("names what a header value cannot carry, without quoting it", () => {
    const cases = [
      ["key\r", "carriage return"],
      ["k\ney", "line feed"],
      ["k\u0000", "NUL"],
      ["k\u0007", "control character"],
      ["k\u007f", "control character"],
      ["k€", "outside Latin-1"],
      ["k😀", "outside Latin-1"]
    ] as const
    for (const [value, expected] of cases) {
      assert.include(HeaderValue.problem(value) ?? "", expected)
      assert.notInclude(HeaderValue.problem(value) ?? "", "k")
    }
    for (const value of ["", "plain", "tab\tinside", "café ÿ", "Bearer eyJ.a-b_c.d+/="]) {
      assert.isUndefined(HeaderValue.problem(value), value)
    }
    assert.isUndefined(HeaderValue.nameProblem("X-Woztell-Payload"))
    assert.isString(HeaderValue.nameProblem("bad name"))
    assert.isString(HeaderValue.nameProblem("x\r\ny"))
  })
})
