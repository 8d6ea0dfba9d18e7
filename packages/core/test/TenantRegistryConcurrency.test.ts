import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Port, Profile, TenantRegistry } from "@wa-admin/core"
import { Deferred, Effect, Fiber } from "effect"

const profile = new Profile.Profile({ about: "fake" })
const fakeLayer = Port.layerComplete({
  provider: "fake",
  supportStatus: "stable",
  businessProfile: BusinessProfile.make("fake", { get: () => Effect.succeed(profile) })
})

/** A registry whose accounts all share one fake provider, bounded to `concurrency` calls. */
const registryOf = (concurrency: number) =>
  TenantRegistry.make({ resolve: (_account: string) => Effect.succeed(fakeLayer), concurrency })

/** Lets every fiber that can run do so until it suspends. */
const settle = Effect.repeatN(Effect.yieldNow(), 20)

/** What a caller would observe about the calls it made: which started, how many run at once. */
const tracker = () => {
  const started: Array<string> = []
  let running = 0
  let peak = 0
  const call = (name: string, body: Effect.Effect<void> = Effect.void) =>
    Effect.gen(function*() {
      started.push(name)
      running++
      peak = Math.max(peak, running)
      yield* Effect.ensuring(
        body,
        Effect.sync(() => {
          running--
        })
      )
    })
  return { started, call, running: () => running, peak: () => peak }
}

describe("TenantRegistry concurrency bound", () => {
  it.scoped("runs waiting calls in the order they arrived, and a newcomer does not overtake them", () =>
    Effect.gen(function*() {
      const registry = yield* registryOf(1)
      const calls = tracker()
      const gate = yield* Deferred.make<void>()
      // The first call holds the only permit; when it ends, its own fiber immediately makes
      // another call ("late"), which must queue behind those already waiting.
      const first = yield* Effect.fork(
        registry.use("a", calls.call("first", Deferred.await(gate))).pipe(
          Effect.zipRight(Effect.forkScoped(registry.use("z", calls.call("late"))))
        )
      )
      yield* settle
      const waiting: Array<Fiber.RuntimeFiber<void>> = []
      for (const name of ["w1", "w2", "w3", "w4", "w5"]) {
        waiting.push(yield* Effect.fork(registry.use(`acct-${name}`, calls.call(name))))
        yield* settle
      }
      assert.deepStrictEqual(calls.started, ["first"])
      yield* Deferred.succeed(gate, undefined)
      const late = yield* Fiber.join(first)
      yield* Fiber.joinAll(waiting)
      yield* Fiber.join(late)
      assert.deepStrictEqual(calls.started, ["first", "w1", "w2", "w3", "w4", "w5", "late"])
      assert.strictEqual(calls.peak(), 1)
    }))

  it.scoped("never runs more than the bound of 1,000 calls at once, and runs them all", () =>
    Effect.gen(function*() {
      const registry = yield* registryOf(16)
      const calls = tracker()
      const results = yield* Effect.forEach(
        Array.from({ length: 1000 }, (_, index) => index),
        (index) =>
          registry.use(
            `acct-${index % 25}`,
            calls.call(String(index), Effect.repeatN(Effect.yieldNow(), index % 4)).pipe(
              Effect.zipRight(BusinessProfile.get({ number: "n" }))
            )
          ),
        { concurrency: "unbounded" }
      )
      assert.strictEqual(results.length, 1000)
      assert.strictEqual(calls.started.length, 1000)
      assert.strictEqual(calls.peak(), 16)
      assert.strictEqual(calls.running(), 0)
      assert.strictEqual(yield* registry.builds, 25)
    }))

  it.scoped("a call interrupted while waiting gives up its place without taking a permit", () =>
    Effect.gen(function*() {
      const registry = yield* registryOf(2)
      const calls = tracker()
      const gate = yield* Deferred.make<void>()
      const holders = [
        yield* Effect.fork(registry.use("a", calls.call("h1", Deferred.await(gate)))),
        yield* Effect.fork(registry.use("b", calls.call("h2", Deferred.await(gate))))
      ]
      yield* settle
      const waiters = new Map<string, Fiber.RuntimeFiber<void>>()
      for (const name of ["w1", "w2", "w3", "w4", "w5"]) {
        waiters.set(name, yield* Effect.fork(registry.use(name, calls.call(name, Deferred.await(gate)))))
        yield* settle
      }
      for (const name of ["w1", "w3", "w5"]) {
        const fiber = waiters.get(name)
        if (fiber !== undefined) yield* Fiber.interrupt(fiber)
      }
      assert.deepStrictEqual(calls.started, ["h1", "h2"])
      yield* Deferred.succeed(gate, undefined)
      yield* Fiber.joinAll(holders)
      yield* settle
      assert.deepStrictEqual(calls.started, ["h1", "h2", "w2", "w4"])
      const survivors = ["w2", "w4"].flatMap((name) => {
        const fiber = waiters.get(name)
        return fiber === undefined ? [] : [fiber]
      })
      yield* Fiber.joinAll(survivors)
      assert.deepStrictEqual(calls.started, ["h1", "h2", "w2", "w4"])

      // Exactly two permits are left: two calls run at once, a third waits.
      const hold = yield* Deferred.make<void>()
      const after = [
        yield* Effect.fork(registry.use("x", calls.call("x1", Deferred.await(hold)))),
        yield* Effect.fork(registry.use("y", calls.call("x2", Deferred.await(hold)))),
        yield* Effect.fork(registry.use("z", calls.call("x3", Deferred.await(hold))))
      ]
      yield* settle
      assert.strictEqual(calls.running(), 2)
      yield* Deferred.succeed(hold, undefined)
      yield* Fiber.joinAll(after)
      assert.strictEqual(calls.peak(), 2)
    }))

  it.scoped("a call interrupted just after a permit was handed to it passes the permit on", () =>
    Effect.gen(function*() {
      const registry = yield* registryOf(1)
      const calls = tracker()
      const gate = yield* Deferred.make<void>()
      const next = yield* Deferred.make<Fiber.RuntimeFiber<void>>()
      // The holder's fiber interrupts the next waiter right after its own call ends, that is
      // right after the permit was handed to that waiter and before the waiter could run.
      const holder = yield* Effect.fork(
        registry.use("a", calls.call("holder", Deferred.await(gate))).pipe(
          Effect.zipRight(Effect.flatMap(Deferred.await(next), Fiber.interrupt))
        )
      )
      yield* settle
      const handedOver = yield* Effect.fork(registry.use("b", calls.call("handed-over")))
      yield* settle
      const last = yield* Effect.fork(registry.use("c", calls.call("last")))
      yield* settle
      yield* Deferred.succeed(next, handedOver)
      yield* Deferred.succeed(gate, undefined)
      yield* Fiber.join(holder)
      yield* settle
      assert.deepStrictEqual(calls.started, ["holder", "last"])
      yield* Fiber.join(last)
      assert.isTrue((yield* Fiber.await(handedOver))._tag === "Failure")
      // The permit is free again.
      yield* registry.use("d", calls.call("after"))
      assert.deepStrictEqual(calls.started, ["holder", "last", "after"])
    }))

  it.scoped("a call interrupted while running gives its permit back", () =>
    Effect.gen(function*() {
      const registry = yield* registryOf(1)
      const calls = tracker()
      const running = yield* Effect.fork(registry.use("a", calls.call("stuck", Effect.never)))
      yield* settle
      const waiting = yield* Effect.fork(registry.use("b", calls.call("waiting")))
      yield* settle
      assert.deepStrictEqual(calls.started, ["stuck"])
      yield* Fiber.interrupt(running)
      yield* settle
      assert.deepStrictEqual(calls.started, ["stuck", "waiting"])
      yield* Fiber.join(waiting)
      yield* registry.use("c", calls.call("after"))
      assert.deepStrictEqual(calls.started, ["stuck", "waiting", "after"])
      assert.strictEqual(calls.running(), 0)
    }))
})
