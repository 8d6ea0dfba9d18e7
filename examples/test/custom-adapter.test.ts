import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import { Conformance, DescriptorChecks, Expect, RecordingLogger, RecordingTracer } from "@wa-admin/core/testing"
import { Chunk, Clock, Effect, Fiber, Layer, Redacted, TestClock, TestServices } from "effect"
import { AcmeAdmin, AcmeProvider, change, clientLayer, demo } from "../custom-adapter.js"
import * as AcmeEmulator from "../support/acme-emulator.js"
import { run } from "./support.js"

const number = AcmeEmulator.defaultNumber
const unknownNumber = "4915100000000"

/** Acme's adapter (its static layer) over an emulator, with the given API key (default: the emulator's). */
const adapter = (emulator: AcmeEmulator.Emulator, apiKey = emulator.apiKey) =>
  Layer.build(
    AcmeAdmin.layer.pipe(
      Layer.provide(clientLayer({ apiKey: Redacted.make(apiKey), baseUrl: emulator.url })),
      Layer.provide(NodeHttpClient.layerUndici)
    )
  )

/** Each request the emulator received, as `METHOD path`. */
/** An emulator holding a profile whose next `method` on it is answered 429 with `Retry-After`, and the adapter on it. */
const rateLimitedOnce = (method: "GET" | "PATCH", retryAfter: number) =>
  Effect.gen(function*() {
    const emulator = yield* Effect.orDie(AcmeEmulator.make({ numbers: { [number]: { tagline: "Open daily" } } }))
    const context = yield* adapter(emulator)
    yield* emulator.faults.inject({
      method,
      path: "/profile",
      times: 1,
      fault: { _tag: "Status", status: 429, retryAfter }
    })
    return { context, emulator }
  })

const lines = (emulator: AcmeEmulator.Emulator) =>
  Effect.map(emulator.requests, (requests) => requests.map((request) => `${request.method} ${request.path}`))

/** Waits (in real time, a few milliseconds at a go) until `condition` holds: for fibers doing real I/O under TestClock. */
const eventually = (condition: Effect.Effect<boolean>): Effect.Effect<void> =>
  Effect.flatMap(
    condition,
    (holds) =>
      holds ? Effect.void : Effect.zipRight(TestServices.provideLive(Effect.sleep("5 millis")), eventually(condition))
  )

/** The fields an `InvalidInput` names, checking it was refused here (nothing sent). */
const refusedLocally = (error: AdminError.AdminError) => {
  const invalid = Expect.tag(error, "InvalidInput")
  assert.strictEqual(invalid.source, "local")
  for (const issue of invalid.issues) assert.isAbove(issue.rule.length, 0)
  return invalid.issues.map((issue) => issue.field)
}

describe("custom-adapter: an adapter for Acme Messaging written with the kit", () => {
  it.scopedLive("the program reads, changes and reads back the profile, and reports what Acme lacks", () =>
    Effect.gen(function*() {
      const logger = RecordingLogger.make()
      const { spans, tracer } = RecordingTracer.make()
      const { output, value } = yield* run(demo.pipe(Effect.withTracer(tracer), Effect.provide(logger.layer)))
      const { emulator, result } = value
      const path = `/v1/numbers/${number}/profile`

      assert.deepStrictEqual(yield* lines(emulator), [`GET ${path}`, `PATCH ${path}`, `GET ${path}`])
      const requests = yield* emulator.requests
      for (const request of requests) assert.strictEqual(request.headers["x-acme-key"], emulator.apiKey)
      assert.deepStrictEqual(requests[1]?.body, { long_description: change.description, urls: change.websites })
      assert.deepStrictEqual(yield* emulator.profile(number), {
        tagline: "Fresh bread daily",
        long_description: change.description,
        industry: "food",
        urls: change.websites
      })

      assert.strictEqual(result.before.about, "Fresh bread daily")
      assert.strictEqual(result.before.vertical, "Restaurant", "Acme's industry `food` is the Restaurant vertical")
      assert.deepStrictEqual(result.changed, ["description", "websites"])
      assert.deepStrictEqual(output.slice(0, 3), [
        `Profile of ${number}:`,
        `  description: "A family bakery" → "${change.description}"`,
        `  websites: ["https://acme-bakery.example"] → ["${change.websites[0]}"]`
      ])
      assert.include(result.unsupported, "numbers.provision")
      assert.notInclude(result.unsupported, "profile.update")
      assert.match(result.refusal, /^Unsupported: .*Acme Messaging's API covers a number's business profile/)
      assert.include(output, `NumberLifecycle.status → ${result.refusal}`)

      assert.include(spans.map((span) => span.name), "wa-admin.acme.profile.update")
      assert.isAbove(logger.lines.length, 0, "the transport logged the calls")
      // The emulator runs in this process but records no spans of its own (core's EmulatorHost).
      assert.deepStrictEqual(spans.filter((span) => span.kind === "server"), [])
      for (const text of [...output, ...logger.lines, ...spans.map((span) => span.render())]) {
        assert.notInclude(text, emulator.apiKey)
      }
    }))

  it.scopedLive("bad input is refused here, naming the field and the rule; nothing reaches Acme", () =>
    Effect.gen(function*() {
      const emulator = yield* Effect.orDie(AcmeEmulator.make())
      const context = yield* adapter(emulator)
      const refused = <A>(call: Effect.Effect<A, AdminError.AdminError, BusinessProfile.BusinessProfile>) =>
        Effect.map(Effect.flip(Effect.provide(call, context)), refusedLocally)

      assert.deepStrictEqual(yield* refused(BusinessProfile.get({ number: "49-1512345" })), ["number"])
      assert.deepStrictEqual(yield* refused(BusinessProfile.get({ number: "+4915123456789" })), ["number"])
      assert.include(
        yield* refused(BusinessProfile.update({ number: "49 151", profile: { about: "Open" } })),
        "number"
      )
      const tooLong = { number, profile: { description: "x".repeat(257), vertical: "Government" } } as const
      assert.deepStrictEqual(yield* refused(BusinessProfile.update(tooLong)), [
        "profile.description",
        "profile.vertical"
      ])
      assert.deepStrictEqual(
        yield* refused(
          BusinessProfile.update({ number, profile: { photoUrl: "https://acme-bakery.example/logo.png" } })
        ),
        ["profile.photoUrl"]
      )
      assert.deepStrictEqual(yield* emulator.requests, [])
    }))

  it.scoped("a 429 with Retry-After on a read is retried after that wait, and the caller gets the profile", () =>
    Effect.gen(function*() {
      const { context, emulator } = yield* rateLimitedOnce("GET", 2)
      const start = yield* Clock.currentTimeMillis
      const reading = yield* Effect.fork(BusinessProfile.get({ number }).pipe(Effect.provide(context)))
      yield* eventually(Effect.map(TestClock.sleeps(), Chunk.some((at) => at === start + 2000)))
      yield* TestClock.adjust("2 seconds")
      const profile = yield* Fiber.join(reading)

      assert.strictEqual(profile.about, "Open daily")
      const arrivals = yield* emulator.faults.received
      assert.deepStrictEqual(arrivals.map((arrival) => [arrival.fault, arrival.at - start]), [
        ["Status", 0],
        [undefined, 2000]
      ])
    }))

  it.scoped("a 429 that persists is RateLimited carrying Acme's own code and message (the kit reads its error body)", () =>
    Effect.gen(function*() {
      // beyond the policy's Retry-After cap: the mutation is not retried
      const { context, emulator } = yield* rateLimitedOnce("PATCH", 3600)
      const error = yield* Effect.flip(
        BusinessProfile.update({ number, profile: { description: "Rye" } }).pipe(Effect.provide(context))
      )
      assert.strictEqual(error._tag, "RateLimited")
      if (error._tag === "RateLimited") {
        assert.deepStrictEqual([error.problem?.code, error.problem?.detail], [
          "rate_limited",
          "too many requests, see Retry-After"
        ])
      }
      assert.lengthOf(yield* emulator.faults.received, 1)
    }))

  it.scopedLive("a refused API key is Unauthorized, and the key is in no error, log or span", () =>
    Effect.gen(function*() {
      const emulator = yield* Effect.orDie(AcmeEmulator.make())
      const wrongKey = "acme_wrong_key_0123456789abcdef"
      const context = yield* adapter(emulator, wrongKey)
      const logger = RecordingLogger.make()
      const { spans, tracer } = RecordingTracer.make()
      const error = yield* Effect.flip(
        BusinessProfile.get({ number }).pipe(
          Effect.provide(context),
          Effect.withTracer(tracer),
          Effect.provide(logger.layer)
        )
      )

      const unauthorized = Expect.tag(error, "Unauthorized")
      assert.strictEqual(unauthorized.operation, "profile.get")
      assert.include(unauthorized.message, "unknown X-Acme-Key", "Acme's reason, its quote of the key scrubbed")
      assert.strictEqual((yield* emulator.requests)[0]?.headers["x-acme-key"], wrongKey, "the key was sent")
      const shown = [error.message, JSON.stringify(error), ...logger.lines, ...spans.map((span) => span.render())]
      for (const text of shown) assert.notInclude(text, wrongKey)
    }))

  it.scopedLive("Acme's own refusals: an unknown number is NotFound, a refused field names the domain field", () =>
    Effect.gen(function*() {
      const emulator = yield* Effect.orDie(AcmeEmulator.make())
      const context = yield* adapter(emulator)
      const missing = Expect.tag(
        yield* Effect.flip(BusinessProfile.get({ number: unknownNumber }).pipe(Effect.provide(context))),
        "NotFound"
      )
      assert.deepStrictEqual([missing.resource, missing.id], ["number", unknownNumber])

      yield* emulator.faults.inject({
        method: "PATCH",
        times: 1,
        fault: {
          _tag: "Body",
          status: 400,
          body: { error: { code: "invalid_field", message: "tagline: not allowed", field: "tagline" } }
        }
      })
      const refused = Expect.tag(
        yield* Effect.flip(
          BusinessProfile.update({ number, profile: { about: "Open" } }).pipe(Effect.provide(context))
        ),
        "InvalidInput"
      )
      assert.strictEqual(refused.source, "provider")
      assert.deepStrictEqual(refused.issues.map((issue) => [issue.field, issue.rule]), [[
        "profile.about",
        "tagline: not allowed"
      ]])
    }))
})

Conformance.run({
  name: "acme",
  operations: ["profile.get", "profile.update"],
  makeFixture: Effect.gen(function*() {
    const emulator = yield* AcmeEmulator.make()
    return {
      layer: AcmeAdmin.layerComplete.pipe(
        Layer.provide(clientLayer({ apiKey: Redacted.make(emulator.apiKey), baseUrl: emulator.url })),
        Layer.provide(NodeHttpClient.layerUndici)
      ),
      requestCount: Effect.map(emulator.requests, (requests) => requests.length),
      number,
      unknownNumber
    }
  })
})

DescriptorChecks.run({
  descriptor: {
    ...AcmeProvider,
    emulatorOf: (module: typeof AcmeEmulator) => (options) =>
      Effect.map(module.make(options), (emulator) => ({ url: emulator.url, environment: emulator.environment }))
  },
  load: () => import("../support/acme-emulator.js"),
  probe: Effect.flip(BusinessProfile.get({ number: unknownNumber })).pipe(
    Effect.map((error) => error._tag === "NotFound")
  )
})
