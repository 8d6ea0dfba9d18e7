/**
 * The bound on JSON bodies (a Flow JSON): the size is counted exactly as `JSON.stringify` writes
 * it in UTF-8, so a body at the limit is sent and one byte more is refused; depth and cycles are
 * refused without overflowing the stack.
 */
import { assert, describe, it } from "@effect/vitest"
import { FastCheck } from "effect"
import { jsonProblem } from "../src/internal/service.js"

const bytesOf = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? "", "utf8")

/** Text with what JSON escapes or encodes long: quotes, controls, non-ASCII, emoji, lone surrogates. */
const text = FastCheck.string({
  unit: FastCheck.oneof(
    FastCheck.constantFrom(
      "\"",
      "\\",
      "\n",
      "\t",
      "\b",
      "\f",
      "\r",
      "\u0000",
      "\u001f",
      "\u007f",
      "é",
      "€",
      "😀",
      "\uD800",
      "\uDC00",
      "a"
    ),
    FastCheck.char()
  )
})

const value: FastCheck.Arbitrary<unknown> = FastCheck.letrec<{ value: unknown }>((tie) => ({
  value: FastCheck.oneof(
    { depthSize: "small", withCrossShrink: true },
    text,
    FastCheck.double(),
    FastCheck.integer(),
    FastCheck.boolean(),
    FastCheck.constant(null),
    FastCheck.constant(undefined),
    FastCheck.date({ noInvalidDate: true }),
    FastCheck.array(tie("value"), { maxLength: 5 }),
    FastCheck.dictionary(text, tie("value"), { maxKeys: 5 })
  )
})).value

describe("jsonProblem", () => {
  it("counts the bytes JSON.stringify writes: the exact size passes, one byte less is over", () => {
    FastCheck.assert(
      FastCheck.property(FastCheck.array(value, { minLength: 1, maxLength: 4 }), (screens) => {
        const json = { version: "3.1", screens }
        const size = bytesOf(json)
        assert.isUndefined(jsonProblem(json, { maxBytes: size, maxDepth: 1_000 }))
        assert.match(
          jsonProblem(json, { maxBytes: size - 1, maxDepth: 1_000 }) ?? "",
          /must be at most .* bytes as JSON/
        )
      }),
      { numRuns: 500 }
    )
  })

  it("refuses depth past the bound, cycles, bigints and a failing toJSON, without a stack overflow", () => {
    let deep: unknown = {}
    for (let level = 0; level < 1_000_000; level++) deep = [deep]
    assert.strictEqual(
      jsonProblem(deep, { maxBytes: 100_000_000, maxDepth: 100 }),
      "must be nested at most 100 levels deep"
    )
    const ninetyNine = Array.from({ length: 99 }).reduce<unknown>((inner) => [inner], {})
    assert.isUndefined(jsonProblem(ninetyNine, { maxBytes: 1_000, maxDepth: 100 }))

    const cyclic: Record<string, unknown> = {}
    cyclic["self"] = [cyclic]
    assert.strictEqual(jsonProblem(cyclic, { maxBytes: 1_000, maxDepth: 100 }), "must be JSON (it refers to itself)")
    // The same object twice is not a cycle: JSON.stringify writes it twice.
    const shared = { id: "A" }
    assert.isUndefined(jsonProblem([shared, shared], { maxBytes: bytesOf([shared, shared]), maxDepth: 100 }))

    assert.strictEqual(jsonProblem({ n: 1n }, { maxBytes: 1_000, maxDepth: 100 }), "must be JSON (it holds a bigint)")
    const failing = {
      toJSON: () => {
        throw new Error("no")
      }
    }
    assert.strictEqual(
      jsonProblem([failing], { maxBytes: 1_000, maxDepth: 100 }),
      "must be JSON (a toJSON method failed)"
    )
  })

  it("stops at the limit: a value far larger than it is refused without being serialised", () => {
    const megabyte = "a".repeat(1_000_000)
    const screens = Array.from({ length: 1_000 }, () => ({ text: megabyte }))
    // A billion characters of JSON: serialising it would exceed V8's largest string.
    assert.match(jsonProblem({ screens }, { maxBytes: 10_000_000, maxDepth: 100 }) ?? "", /10,000,000 bytes/)
  })
})
