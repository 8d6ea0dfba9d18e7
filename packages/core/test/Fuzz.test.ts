import { HttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { AdminError, Capabilities } from "@wa-admin/core"
import { FakeHttp, Fuzz, ReliabilityMetrics } from "@wa-admin/core/testing"
import { Context, Effect, FastCheck as fc, Schema } from "effect"

/** An "adapter" over the fake: reads `{ n: number }`, fails typed on anything else, or dies on a 418. */
const read = Effect.gen(function*() {
  const client = yield* HttpClient.HttpClient
  const response = yield* Effect.orDie(client.get("https://acme.test/things/1"))
  if (response.status === 418) return yield* Effect.dieMessage("teapot")
  const body = yield* Effect.orElseSucceed(response.json, () => undefined)
  return yield* Schema.decodeUnknown(Schema.Struct({ n: Schema.Number }))(body).pipe(
    Effect.mapError(() =>
      new AdminError.UnexpectedResponse({ provider: "acme", operation: "things.get", reason: "not a thing" })
    )
  )
})

describe("Fuzz.operations", () => {
  it.effect("calls each operation with scripted answers and reports a defect by operation, typed results by kind", () =>
    Effect.gen(function*() {
      const http = FakeHttp.scripted()
      const context = Context.make(HttpClient.HttpClient, yield* HttpClient.HttpClient.pipe(Effect.provide(http.layer)))
      const operations = [{ name: "things.get", valid: fc.constant({ n: 1 }), run: read }]
      const answers = (valid: fc.Arbitrary<unknown>) => fc.oneof(valid, fc.constant("nonsense"))
      // The defects here are made on purpose: kept out of the run's reliability summary, which
      // counts the real adapters' (the metrics file is named for the whole run).
      const result = yield* Effect.acquireUseRelease(
        Effect.sync(() => {
          const file = process.env[ReliabilityMetrics.fileVariable]
          delete process.env[ReliabilityMetrics.fileVariable]
          return file
        }),
        () => Fuzz.operations({ operations, bodies: answers, http, context, runs: 200, seed: 7 }),
        (file) =>
          Effect.sync(() => {
            if (file !== undefined) process.env[ReliabilityMetrics.fileVariable] = file
          })
      )
      assert.strictEqual(result.runs, 200)
      assert.strictEqual(http.requests.length, 200)
      // The statuses include 418 now and then: the adapter dies, and the run says where.
      assert.isAbove(result.problems.length, 0)
      assert.isTrue(result.problems.every((problem) => problem.startsWith("things.get ← 418")))
      assert.isAbove(result.outcomes.Success, 0)
      assert.isAbove(result.outcomes.AdminError, 0)
      assert.strictEqual(result.outcomes.Success + result.outcomes.AdminError + result.problems.length, 200)
    }))
})

describe("Capabilities.except", () => {
  it("every operation but the ones named, in the port's order", () => {
    assert.deepStrictEqual(Capabilities.except(), Capabilities.operations)
    const withoutTemplates = Capabilities.except(
      "templates.list",
      "templates.get",
      "templates.create",
      "templates.edit",
      "templates.delete"
    )
    assert.deepStrictEqual(withoutTemplates, Capabilities.operations.slice(0, 11))
  })
})
