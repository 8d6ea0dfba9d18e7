import { assert, describe, it } from "@effect/vitest"
import { NumberLifecycle, Registration } from "@wa-admin/core"
import { Clock, Duration, Effect, Fiber, Schedule, Stream, TestClock } from "effect"

/** Beyond this many status requests the registration ends, so a busy loop ends too (and shows). */
const runaway = 10_000

/** A lifecycle whose registration stays pending, recording when each status request arrived. */
const pendingForever = Effect.sync(() => {
  const arrivals: Array<number> = []
  const service = NumberLifecycle.make("test", {
    status: ({ id }) =>
      Effect.map(Clock.currentTimeMillis, (now) => {
        arrivals.push(now)
        return new Registration.Registration({
          id,
          provider: "test",
          state: arrivals.length > runaway ? "released" : "pending",
          providerState: arrivals.length > runaway ? "DELETED" : `INITIALIZING ${arrivals.length}`
        })
      })
  })
  return { service, arrivals }
})

const gaps = (arrivals: ReadonlyArray<number>) => arrivals.slice(1).map((at, index) => at - (arrivals[index] ?? 0))

/** Follows the registration for `during` of virtual time; answers when each status request arrived. */
const follow = (during: Duration.DurationInput, schedule?: Schedule.Schedule<unknown, unknown>) =>
  Effect.gen(function*() {
    const { arrivals, service } = yield* pendingForever
    const fiber = yield* Effect.fork(
      service.awaitState({ id: "r-1", until: ["ready"], ...(schedule === undefined ? {} : { schedule }) })
    )
    yield* TestClock.adjust(during)
    yield* Fiber.interrupt(fiber)
    return arrivals
  })

describe("NumberLifecycle polling", () => {
  it.effect("a schedule without delay (Schedule.forever) is held to one status request a second", () =>
    Effect.gen(function*() {
      const arrivals = yield* follow("8 seconds", Schedule.forever)
      assert.strictEqual(arrivals.length, 9, "the first request at once, then one a second for 8 seconds")
      for (const gap of gaps(arrivals)) assert.isAtLeast(gap, NumberLifecycle.minPollInterval.pipe(Duration.toMillis))
    }))

  it.effect("a schedule faster than the floor (every 10 ms, as `--interval 0` once gave) is held to it", () =>
    Effect.gen(function*() {
      for (
        const schedule of [Schedule.spaced("10 millis"), Schedule.fixed("1 millis"), Schedule.exponential("1 millis")]
      ) {
        const arrivals = yield* follow("8 seconds", schedule)
        assert.isAtMost(arrivals.length, 9)
        for (const gap of gaps(arrivals)) assert.isAtLeast(gap, 1000)
      }
    }))

  it.effect("a slower schedule keeps its own pace", () =>
    Effect.gen(function*() {
      const arrivals = yield* follow("20 seconds", Schedule.spaced("5 seconds"))
      assert.deepStrictEqual(gaps(arrivals), [5000, 5000, 5000, 5000])
    }))

  it.effect("the default schedule starts at the floor and backs off to every 10 s: no two requests within 1 s", () =>
    Effect.gen(function*() {
      const arrivals = yield* follow("120 seconds")
      const between = gaps(arrivals)
      for (const gap of between) assert.isAtLeast(gap, 1000)
      for (const gap of between) assert.isAtMost(gap, 12_000, "the back-off is capped near 10 s (jittered)")
      assert.isAtLeast(between.at(-1) ?? 0, 8000, "after two minutes it polls about every 10 s")
      assert.isAtMost(arrivals.length, 25)
    }))

  it.effect("changes holds the floor too", () =>
    Effect.gen(function*() {
      const { arrivals, service } = yield* pendingForever
      const fiber = yield* Effect.fork(
        Stream.runCollect(Stream.take(service.changes({ id: "r-1", schedule: Schedule.forever }), 3))
      )
      yield* TestClock.adjust("2 seconds")
      const changes = yield* Fiber.join(fiber)
      assert.strictEqual(changes.length, 3)
      assert.deepStrictEqual(arrivals, [0, 1000, 2000])
    }))
})
