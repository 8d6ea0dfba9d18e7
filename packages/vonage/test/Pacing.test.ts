import { HttpClient, HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Clock, Deferred, Effect, Fiber, TestClock } from "effect"
import * as Pacing from "../src/internal/pacing.js"

const window = 1000

/** A client observed by `pacer` that keeps the time each request was sent and answers 204 after `exchange`. */
const recordingClient = (pacer: Pacing.Pacer, exchange: Effect.Effect<void>) => {
  const sentAt: Array<number> = []
  const client = pacer.observe(
    HttpClient.make((request) =>
      Effect.gen(function*() {
        sentAt.push(yield* Clock.currentTimeMillis)
        yield* exchange
        return HttpClientResponse.fromWeb(request, new Response(null, { status: 204 }))
      })
    )
  )
  return { client, sentAt }
}

describe("pacing", () => {
  it("a request may go while fewer than the limit hold a slot; otherwise it waits for the first to free", () => {
    const answered = (at: number): Pacing.Slot => ({ clearedAt: at, state: { answeredAt: at + 50 } })
    assert.deepStrictEqual(Pacing.verdict([answered(0), answered(10)], 100, 3, window), { _tag: "Go" })
    assert.deepStrictEqual(Pacing.verdict([answered(0), answered(10), answered(20)], 100, 3, window), {
      _tag: "Wait",
      millis: 950
    })
    // A slot is held until a window after its answer, not after its sending.
    assert.deepStrictEqual(Pacing.verdict([answered(0)], 1000, 1, window), { _tag: "Wait", millis: 50 })
    assert.deepStrictEqual(Pacing.verdict([answered(0)], 1050, 1, window), { _tag: "Go" })
    // Cleared but never sent: held a window after clearing.
    assert.deepStrictEqual(Pacing.verdict([{ clearedAt: 0, state: "cleared" }], 999, 1, window), {
      _tag: "Wait",
      millis: 1
    })
    // Every slot in flight: no end is known, ask again after window / limit.
    assert.deepStrictEqual(
      Pacing.verdict([{ clearedAt: 0, state: "sending" }, { clearedAt: 0, state: "sending" }], 5000, 2, window),
      {
        _tag: "Wait",
        millis: 500
      }
    )
  })

  it.scoped("on the Clock: the request after the limit goes one window after the first answer arrived", () =>
    Effect.gen(function*() {
      const pacer = yield* Pacing.make({ limit: 3, window: "1 second" })
      // An HTTP client whose every exchange takes 200 ms.
      const { client: slow, sentAt } = recordingClient(pacer, Effect.sleep("200 millis"))
      const send = Effect.zipRight(pacer.clear, slow.execute(HttpClientRequest.get("http://pace.test/")))
      const fiber = yield* Effect.fork(Effect.forEach([1, 2, 3, 4, 5], () => send, { discard: true }))
      yield* TestClock.adjust("10 seconds")
      yield* Fiber.join(fiber)
      // Sequential, 200 ms each: three go at 0, 200, 400; the fourth waits until 1 s after the
      // first answer (200 + 1000), the fifth until 1 s after the second (400 + 1000).
      assert.deepStrictEqual(sentAt, [0, 200, 400, 1200, 1400])
    }))

  it.scoped("concurrent callers go in turn and never more than the limit in any window", () =>
    Effect.gen(function*() {
      const pacer = yield* Pacing.make({ limit: 40, window: "1 second" })
      const { client: instant, sentAt } = recordingClient(pacer, Effect.void)
      const done = yield* Deferred.make<void>()
      const fiber = yield* Effect.fork(
        Effect.forEach(Array.from({ length: 200 }), () =>
          Effect.zipRight(pacer.clear, instant.execute(HttpClientRequest.get("http://pace.test/"))), {
          concurrency: 50,
          discard: true
        }).pipe(Effect.zipRight(Deferred.succeed(done, undefined)))
      )
      for (let step = 0; step < 100 && !(yield* Deferred.isDone(done)); step++) {
        yield* TestClock.adjust("100 millis")
      }
      yield* Fiber.join(fiber)
      assert.lengthOf(sentAt, 200)
      for (const at of sentAt) {
        const inWindow = sentAt.filter((other) =>
          other > at - window && other <= at
        ).length
        assert.isAtMost(inWindow, 40, `at ${at}`)
      }
      assert.strictEqual(Math.max(...sentAt), 4000, "and no slower than the limit asks")
    }))
})
