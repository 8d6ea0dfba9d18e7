import { assert, describe, it } from "@effect/vitest"
import { AdminError, Templates } from "@wa-admin/core"
import { Effect, Layer, Redacted, Schema, Stream } from "effect"
import { adminOver, fakeHttp, fakeOptions } from "../reliability/support.js"

describe("WOZTELL paging the adapter stops", () => {
  it.scoped("a repeated cursor ends the stream without quoting the cursor (it could be a secret handed back)", () =>
    Effect.gen(function*() {
      const token = Redacted.value(fakeOptions.accessToken)
      const http = fakeHttp(() => ({
        status: 200,
        body: { ok: 1, data: [], paging: { hasNext: true, cursors: { after: token } } }
      }))
      const context = yield* Layer.build(adminOver(http.layer))
      const error = yield* Templates.list({ wabaId: "190787529545503" }).pipe(
        Stream.runCollect,
        Effect.flip,
        Effect.provide(context)
      )
      assert.strictEqual(error._tag, "UnexpectedResponse")
      assert.strictEqual(http.requests.length, 2)
      assert.include(error.message, "a cursor it had already given")
      for (const text of [error.message, JSON.stringify(Schema.encodeSync(AdminError.AdminError)(error))]) {
        assert.notInclude(text, token)
      }
    }))
})
