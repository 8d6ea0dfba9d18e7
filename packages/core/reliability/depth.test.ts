/**
 * Hostile servers, depth: JSON nested far deeper than any document the providers describe must
 * end in a typed error naming the limit (for a 2xx) or be classified by its status (otherwise) —
 * never a stack overflow, in the transport, in decoding, in an error's excerpt, or when the
 * error is rendered (`message`, `JSON.stringify`, the encoded union, `Cause.pretty`).
 *
 * Bodies: arrays, objects, alternating and unterminated nesting at depths from just over the
 * limit to a million; brackets inside strings (which do not nest anything) at the same lengths;
 * nesting exactly at the limit. A defect or a wrong outcome counts in the `depth` row's hostile
 * outcomes, which must be 0.
 */
import { assert, describe, it } from "@effect/vitest"
import { AdminError, Redaction, Transport } from "@wa-admin/core"
import { ReliabilityMetrics } from "@wa-admin/core/testing"
import { Cause, Effect, Exit, Schema } from "effect"
import { drive, fakeClient, get, makeTransport, post, respond } from "../test/TransportFakes.js"

const limit = 64
const depths = [limit + 1, 100, 1000, 3000, 10_000, 100_000, 1_000_000] as const

const shapes: ReadonlyArray<readonly [string, (depth: number) => string]> = [
  ["arrays", (depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`],
  ["objects", (depth) => `${"{\"a\":".repeat(depth)}1${"}".repeat(depth)}`],
  [
    "arrays and objects in turn",
    (depth) => `${"[{\"a\":".repeat(Math.ceil(depth / 2))}0${"}]".repeat(Math.ceil(depth / 2))}`
  ],
  ["never closed", (depth) => `{"data":${"[".repeat(depth)}`],
  [
    "inside a problem body",
    (depth) => `{"title":"bad","detail":"x","invalid_parameters":${"[".repeat(depth)}${"]".repeat(depth)}}`
  ]
]

/** The same characters inside a string nest nothing: these bodies are fine. */
const flat: ReadonlyArray<readonly [string, (depth: number) => string]> = [
  ["brackets inside a string", (depth) => JSON.stringify({ deployment_id: "d-1", note: "[{".repeat(depth) })],
  [
    "escaped quotes and brackets inside a string",
    (depth) => JSON.stringify({ deployment_id: "d-1", note: `\\"[`.repeat(depth) })
  ]
]

const wire = Schema.Struct({ deployment_id: Schema.String })

/** Every way an error is shown; any of them throwing is a defect. */
const render = (exit: Exit.Exit<unknown, AdminError.AdminError>): string =>
  Exit.isFailure(exit)
    ? [
      Cause.pretty(exit.cause),
      ...(Cause.isFailType(exit.cause)
        ? [
          exit.cause.error.message,
          JSON.stringify(exit.cause.error),
          JSON.stringify(Schema.encodeSync(AdminError.AdminError)(exit.cause.error))
        ]
        : [])
    ].join("\n")
    : JSON.stringify(exit.value)

describe("depth: answers nested deeper than the limit", () => {
  it.effect("end typed, name the limit (2xx) or keep their status (otherwise), and render without overflowing", () =>
    Effect.gen(function*() {
      const bad: Array<string> = []
      let run = 0
      for (const [shape, body] of shapes) {
        for (const depth of depths) {
          for (
            const [status, expected] of [[200, "UnexpectedResponse"], [400, "UnexpectedResponse"], [
              401,
              "Unauthorized"
            ], [503, "ProviderUnavailable"]] as const
          ) {
            for (const call of [get(), post()]) {
              run++
              const label = `${shape} ${depth} deep, ${status} to ${call.request.method}`
              const text = body(depth)
              // A body over the size limit is refused for that before its depth is looked at.
              const named = text.length > 4 * 1024 * 1024 ? "4 MiB" : `${limit} levels`
              const fake = fakeClient(respond(status, text))
              const transport = yield* makeTransport(fake)
              const { exit } = yield* drive(
                Transport.withPolicy({ maxAttempts: 1 })(
                  Effect.flatMap(transport.execute(call), transport.decode("numbers.status", wire))
                )
              )
              let shown = ""
              try {
                shown = render(exit)
              } catch (error) {
                bad.push(`${label}: rendering threw ${String(error).slice(0, 80)}`)
              }
              if (!(Exit.isFailure(exit) && Cause.isFailType(exit.cause))) {
                bad.push(
                  `${label}: not a typed failure: ${
                    Exit.isFailure(exit) ? Cause.pretty(exit.cause).slice(0, 120) : "success"
                  }`
                )
                continue
              }
              const error = exit.cause.error
              const tag = status === 503 && call.request.method === "POST" ? "OutcomeUnknown" : expected
              if (error._tag !== tag) bad.push(`${label}: ${error._tag}, expected ${tag}`)
              if (status === 200 && !(error._tag === "UnexpectedResponse" && error.reason.includes(named))) {
                bad.push(`${label}: the reason does not name the limit`)
              }
              if (shown.length > 16_384) bad.push(`${label}: ${shown.length} characters to show one error`)
            }
          }
        }
      }
      ReliabilityMetrics.recordFindings("depth", run, bad)
      assert.deepStrictEqual(bad, [])
    }))

  it.effect("bodies whose brackets sit inside strings, and nesting exactly at the limit, are read", () =>
    Effect.gen(function*() {
      const bad: Array<string> = []
      let run = 0
      for (const [shape, body] of flat) {
        // As long as the body stays within the size limit.
        for (const depth of depths.filter((depth) => depth <= 100_000)) {
          run++
          const transport = yield* makeTransport(fakeClient(respond(200, body(depth))))
          const { exit } = yield* drive(
            Effect.flatMap(transport.execute(get()), transport.decode("numbers.status", wire))
          )
          if (!Exit.isSuccess(exit)) bad.push(`${shape} ${depth}: ${Cause.pretty(exit.cause).slice(0, 120)}`)
        }
      }
      run++
      const atLimit = yield* makeTransport(fakeClient(respond(200, `${"[".repeat(limit)}${"]".repeat(limit)}`)))
      const { exit } = yield* drive(atLimit.execute(get()))
      if (!Exit.isSuccess(exit)) bad.push(`${limit} deep: ${Cause.pretty(exit.cause).slice(0, 120)}`)
      ReliabilityMetrics.recordFindings("depth", run, bad, (finding) => finding)
      assert.deepStrictEqual(bad, [])
    }))

  it("the redaction helpers take any depth without overflowing", () => {
    const bad: Array<string> = []
    const scrub = Redaction.scrubber(["top-secret-value"])
    for (const [shape, body] of shapes) {
      for (const depth of depths) {
        try {
          const shown = Redaction.excerpt(body(depth), scrub)
          if (shown.length > 700) bad.push(`${shape} ${depth}: an excerpt of ${shown.length} characters`)
        } catch (error) {
          bad.push(`${shape} ${depth}: excerpt threw ${String(error).slice(0, 80)}`)
        }
      }
    }
    for (const depth of depths) {
      let value: unknown = "top-secret-value"
      for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { token: "t", inner: value }
      try {
        JSON.stringify(Redaction.redactJson(value))
      } catch (error) {
        bad.push(`redactJson ${depth}: threw ${String(error).slice(0, 80)}`)
      }
    }
    const run = shapes.length * depths.length + depths.length
    ReliabilityMetrics.recordFindings("depth", run, bad, (finding) => finding)
    assert.deepStrictEqual(bad, [])
  })
})
