import { assert, describe, it } from "@effect/vitest"
import { AdminError, NumberLifecycle } from "@wa-admin/core"
import { Effect, Layer, Logger, LogLevel, Schema } from "effect"
import { adminOver, fakeHttp, provisionRequest } from "../reliability/support.js"

const apiKey = "kaleyra-key-9f8e7d6c5b4a.%2F+/zz"

describe("Kaleyra failure answers on a 2xx", () => {
  it.scoped("never carry the API key, even when the provider echoes it", () =>
    Effect.gen(function*() {
      const echoed = `api-key ${apiKey} (${encodeURIComponent(apiKey)}, ${Buffer.from(apiKey).toString("base64")})`
      const answers = [
        {
          code: "E939",
          message: echoed,
          error: { code: "E413", type: "VALIDATION_ERROR", parameter: "business_certificate", message: echoed }
        },
        { code: "E939", message: echoed, error: { code: "E937", message: echoed } },
        { code: "E999", message: echoed, error: { message: echoed, type: echoed } }
      ]
      const tags: Array<string> = []
      for (const body of answers) {
        const http = fakeHttp(() => ({ status: 200, body }))
        const context = yield* Layer.build(adminOver(http.layer, { apiKey })).pipe(
          Logger.withMinimumLogLevel(LogLevel.None)
        )
        const error = yield* NumberLifecycle.provision(provisionRequest).pipe(Effect.flip, Effect.provide(context))
        assert.strictEqual(http.requests[0]?.headers["api-key"], apiKey)
        tags.push(error._tag)
        const encoded = JSON.stringify(Schema.encodeSync(AdminError.AdminError)(error))
        for (const text of [error.message, encoded]) {
          for (const form of [apiKey, encodeURIComponent(apiKey), Buffer.from(apiKey).toString("base64")]) {
            assert.notInclude(text, form)
          }
        }
        // The provider's account is kept, with the key masked.
        assert.include(encoded, "<redacted>")
      }
      assert.deepStrictEqual(tags, ["InvalidInput", "Conflict", "UnexpectedResponse"])
    }))
})
