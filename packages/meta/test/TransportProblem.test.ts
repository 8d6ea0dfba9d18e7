import { assert, describe, it } from "@effect/vitest"
import { AdminError, NumberLifecycle, Transport } from "@wa-admin/core"
import { Expect } from "@wa-admin/core/testing"
import { Duration, Effect, Schema } from "effect"
import type { Context } from "effect"
import { appSecret, graphAdapter, graphError, phoneNumberId, token } from "./support.js"

/** Retries at once (no wait to drive), three attempts at most. */
const atOnce = Transport.withPolicy({ maxAttempts: 3, baseDelay: 0, maxDelay: 0, jitter: "none" })

/** What the operation failed with, on the scripted Graph API with retries at once, as the expected error. */
const failed = <E extends AdminError.AdminError, Tag extends E["_tag"], R>(
  operation: Effect.Effect<unknown, E, R>,
  context: Context.Context<R>,
  tag: Tag
) => Effect.map(Effect.flip(operation.pipe(Effect.provide(context), atOnce)), (error) => Expect.tag(error, tag))

/** Everything a user may print of an error: its message and its encoded form. */
const shown = (
  error: AdminError.AdminError
) => [error.message, JSON.stringify(Schema.encodeSync(AdminError.AdminError)(error))]

describe("Graph errors on the answers the transport decides itself", () => {
  it.scoped("a 503 that persists on a read is ProviderUnavailable carrying Graph's code, message and trace id, the token scrubbed", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      target.answer((call) => ({
        status: 503,
        body: graphError(2, {
          message: `Service temporarily unavailable for ${call.headers["authorization"] ?? ""}`,
          type: "OAuthException",
          fbtrace_id: "AXsgnV2Cm3ZMGF3dF_cfYIn",
          is_transient: true
        })
      }))
      const error = yield* failed(NumberLifecycle.status({ id: phoneNumberId }), context, "ProviderUnavailable")
      assert.strictEqual((yield* target.requests).length, 3, "retried until the attempts ran out")
      assert.strictEqual(error.problem?.code, "2")
      assert.strictEqual(error.problem?.type, "OAuthException")
      assert.strictEqual(error.problem?.instance, "AXsgnV2Cm3ZMGF3dF_cfYIn")
      assert.strictEqual(error.problem?.status, 503)
      assert.include(error.problem?.detail ?? "", "Service temporarily unavailable for ")
      assert.include(error.problem?.detail ?? "", "<redacted>")
      for (const text of shown(error)) {
        assert.notInclude(text, token)
        assert.notInclude(text, appSecret)
      }
    }))

  it.scoped("a 429 on a read, retried after its Retry-After until the attempts run out, is RateLimited with Graph's code and message", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      target.answer(() => ({
        status: 429,
        headers: { "retry-after": "0" },
        body: graphError(4, { message: "Application request limit reached", error_subcode: 2446079 })
      }))
      const error = yield* failed(NumberLifecycle.status({ id: phoneNumberId }), context, "RateLimited")
      assert.strictEqual((yield* target.requests).length, 3)
      assert.strictEqual(error.problem?.code, "4/2446079")
      assert.strictEqual(error.problem?.detail, "Application request limit reached")
    }))

  it.scoped("a 429 on a deregistration asking for longer than the cap is not waited for: RateLimited at once, with Graph's problem, the token scrubbed", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      target.answer(() => ({
        status: 429,
        headers: { "retry-after": "3600" },
        body: graphError(80007, {
          message: `Rate limit hit for token ${token}`,
          error_user_msg: `Too many calls (${encodeURIComponent(token)})`
        })
      }))
      const error = yield* failed(NumberLifecycle.release({ id: phoneNumberId }), context, "RateLimited")
      assert.strictEqual((yield* target.requests).length, 1, "sent once")
      assert.deepStrictEqual(error.retryAfter, Duration.seconds(3600))
      assert.strictEqual(error.problem?.code, "80007")
      assert.include(error.problem?.detail ?? "", "Too many calls (")
      for (const text of shown(error)) {
        assert.notInclude(text, token)
        assert.notInclude(text, encodeURIComponent(token))
      }
    }))

  it.scoped("a 500 on a deregistration is OutcomeUnknown carrying Graph's problem, sent once", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      target.answer(() => ({ status: 500, body: graphError(1, { message: "An unknown error occurred" }) }))
      const error = yield* failed(NumberLifecycle.release({ id: phoneNumberId }), context, "OutcomeUnknown")
      assert.strictEqual((yield* target.requests).length, 1)
      assert.strictEqual(error.problem?.code, "1")
      assert.strictEqual(error.problem?.detail, "An unknown error occurred")
    }))
})
