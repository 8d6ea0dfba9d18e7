import { assert, describe, it } from "@effect/vitest"
import { AdminError, BusinessProfile } from "@wa-admin/core"
import { Effect, Layer, Schema } from "effect"
import { adminOver, fakeHttp } from "../reliability/support.js"

describe("Vonage answers the adapter cannot read", () => {
  it.scoped("a profile with an undocumented vertical is refused without quoting it (it could be the caller's JWT)", () =>
    Effect.gen(function*() {
      const http = fakeHttp((request) => ({
        status: 200,
        body: { about: "Fresh bread", vertical: (request.headers["authorization"] ?? "").replace(/^Bearer /, "") }
      }))
      const context = yield* Layer.build(adminOver(http.layer))
      const error = yield* BusinessProfile.get({ number: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab" }).pipe(
        Effect.flip,
        Effect.provide(context)
      )
      const jwt = (http.requests[0]?.headers["authorization"] ?? "").replace(/^Bearer /, "")
      assert.match(jwt, /^ey[\w-]+\.[\w-]+\.[\w-]+$/)
      assert.strictEqual(error._tag, "UnexpectedResponse")
      assert.match(error.message, /vertical: not one of the \d+ Vonage vertical names/)
      for (const text of [error.message, JSON.stringify(Schema.encodeSync(AdminError.AdminError)(error))]) {
        assert.notInclude(text, jwt)
        assert.notInclude(text, jwt.split(".")[2] ?? jwt)
      }
    }))
})
