/**
 * WOZTELL's failure body (`{ ok: 0, error }`) on the answers the transport decides itself — a
 * 429 or a 5xx — is kept as the provider problem, as it is on those the adapter classifies.
 */
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, NumberLifecycle, Transport } from "@wa-admin/core"
import type { FaultInjection } from "@wa-admin/core/testing"
import { Duration, Effect } from "effect"
import { expectTag, fakeAdmin, setup, timeout } from "./support.js"

/** Retries at once (no wait to drive), three attempts at most. */
const atOnce = Transport.withPolicy({ maxAttempts: 3, baseDelay: 0, maxDelay: 0, jitter: "none" })

/** A number's status read from an emulator whose display-name status endpoint always meets `fault`. */
const statusAnswered = (fault: FaultInjection.Fault) =>
  Effect.gen(function*() {
    const { emulator, run } = yield* setup()
    yield* emulator.faults.inject({ path: "/whatsapp-displayname-status", fault })
    const error = yield* Effect.flip(
      run(NumberLifecycle.status({ id: emulator.credentials.phoneNumberId })).pipe(atOnce)
    )
    return { emulator, error }
  })

describe("WOZTELL's failure body on a 429 or a 5xx", () => {
  it.scoped(
    "a 503 that persists on a read is ProviderUnavailable carrying WOZTELL's message",
    () =>
      Effect.gen(function*() {
        const { emulator, error: failed } = yield* statusAnswered({ _tag: "Status", status: 503 })
        const error = expectTag(failed, "ProviderUnavailable")
        const faulted = (yield* emulator.faults.received).filter((arrival) => arrival.fault === "Status")
        assert.strictEqual(faulted.length, 3, "retried until the attempts ran out")
        assert.strictEqual(error.problem?.detail, "Service Unavailable")
        assert.strictEqual(error.problem?.status, 503)
      }),
    timeout
  )

  it.scoped(
    "a 429 asking for longer than the cap is RateLimited at once, carrying WOZTELL's message",
    () =>
      Effect.gen(function*() {
        const { emulator, error: failed } = yield* statusAnswered({ _tag: "Status", status: 429, retryAfter: 3600 })
        const error = expectTag(failed, "RateLimited")
        const faulted = (yield* emulator.faults.received).filter((arrival) => arrival.fault === "Status")
        assert.strictEqual(faulted.length, 1, "not waited for")
        assert.deepStrictEqual(error.retryAfter, Duration.seconds(3600))
        assert.strictEqual(error.problem?.detail, "Rate limit exceeded, please try again later")
        assert.strictEqual(error.problem?.status, 429)
      }),
    timeout
  )

  it.effect("a 503 whose message echoes the token carries its code and the message, the token scrubbed", () =>
    Effect.gen(function*() {
      const { layer, requests } = fakeAdmin(() => ({
        status: 503,
        body: { ok: 0, error: { message: "Token token-0123456789-secret is suspended", code: 2 } }
      }))
      const error = expectTag(
        yield* BusinessProfile.get({ number: "1" }).pipe(Effect.flip, Effect.provide(layer), atOnce),
        "ProviderUnavailable"
      )
      assert.strictEqual(requests.length, 3)
      assert.strictEqual(error.problem?.code, "2")
      assert.strictEqual(error.problem?.detail, "Token <redacted> is suspended")
      assert.notInclude(JSON.stringify(error), "token-0123456789-secret")
      assert.notInclude(error.message, "token-0123456789-secret")
    }))
})
