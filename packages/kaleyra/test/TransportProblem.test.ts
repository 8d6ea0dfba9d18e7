/**
 * Kaleyra's failure envelope (`{ code, message, data, error }`) on the answers the transport
 * decides itself — a 429 or a 5xx — is kept as the provider problem, as it is on those the
 * adapter classifies.
 */
import { assert, describe, it } from "@effect/vitest"
import { AdminError, NumberLifecycle } from "@wa-admin/core"
import { Duration, Effect, Layer, Schema } from "effect"
import { KaleyraEmulator } from "../src/emulator/index.js"
import { KaleyraAdmin } from "../src/index.js"
import { adminFor, clientLayer, failure, provisionRequest, quiet, replay } from "./support.js"

const sid = "HXAP1234567890IN"
const apiKey = "Ac4f00ba4221f9c0ffee-canary"

describe("Kaleyra's failure envelope on a 429 or a 5xx", () => {
  it.scoped("a 503 on an activation is OutcomeUnknown carrying Kaleyra's code and message, the API key scrubbed", () =>
    Effect.gen(function*() {
      const server = yield* replay(
        503,
        failure("E500", `Service unavailable (api-key ${apiKey})`, { code: "E503", message: "Upstream down" })
      )
      const error = yield* NumberLifecycle.provision(provisionRequest()).pipe(
        Effect.flip,
        Effect.provide(KaleyraAdmin.layer.pipe(Layer.provide(clientLayer({ url: server.url, sid, apiKey }))))
      )
      assert.instanceOf(error, AdminError.OutcomeUnknown)
      assert.strictEqual(yield* server.hits, 1, "sent once")
      assert.strictEqual(error.problem?.code, "E503")
      assert.strictEqual(error.problem?.detail, "Upstream down")
      assert.strictEqual(error.problem?.title, "Service unavailable (api-key <redacted>)")
      assert.strictEqual(error.problem?.status, 503)
      const shown = JSON.stringify(Schema.encodeSync(AdminError.AdminError)(error))
      assert.notInclude(shown, apiKey)
      assert.notInclude(error.message, apiKey)
    }).pipe(Effect.provide(quiet)))

  it.scoped("a 429 asking for longer than the cap is RateLimited at once, carrying Kaleyra's code and message", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      yield* emulator.faults.inject({
        path: "/whatsapp/activation",
        fault: { _tag: "Status", status: 429, retryAfter: 3600 }
      })
      const error = yield* NumberLifecycle.provision(provisionRequest()).pipe(
        Effect.flip,
        Effect.provide(adminFor(emulator))
      )
      assert.instanceOf(error, AdminError.RateLimited)
      if (!(error instanceof AdminError.RateLimited)) return
      assert.deepStrictEqual(error.retryAfter, Duration.seconds(3600))
      assert.strictEqual(error.problem?.code, "E429")
      assert.strictEqual(error.problem?.title, "Too many requests. Please try again later.")
      assert.strictEqual((yield* emulator.faults.received).length, 1)
      assert.deepStrictEqual(yield* emulator.effects, [])
    }).pipe(Effect.provide(quiet)))
})
