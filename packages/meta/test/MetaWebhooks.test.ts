import { assert, describe, it } from "@effect/vitest"
import { AdminError } from "@wa-admin/core"
import { Effect, Schema } from "effect"
import { MetaWebhooks } from "../src/index.js"
import { badInput, cases, verifyToken } from "./cases/MetaWebhooks.js"
import { suite } from "./extensions.js"
import { graphAdapter, graphError } from "./support.js"

suite("MetaWebhooks", cases, badInput)

describe("MetaWebhooks: the verify token is a secret", () => {
  it.scoped("a refusal never quotes it, and neither does an error from Graph that echoes it", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      const refused = yield* Effect.flip(
        MetaWebhooks.subscribe({ overrideCallbackUrl: "http://hooks.example.com", verifyToken: `${verifyToken}\n` })
          .pipe(Effect.provide(context))
      )
      target.answer(() => ({
        status: 400,
        body: graphError(100, { message: `verify_token ${verifyToken} did not match`, error_user_msg: verifyToken })
      }))
      const echoed = yield* Effect.flip(
        MetaWebhooks.subscribe({ overrideCallbackUrl: "https://hooks.example.com/whatsapp", verifyToken })
          .pipe(Effect.provide(context))
      )
      assert.strictEqual(echoed._tag, "InvalidInput")
      for (const error of [refused, echoed]) {
        for (const text of [error.message, JSON.stringify(Schema.encodeSync(AdminError.AdminError)(error))]) {
          assert.notInclude(text, verifyToken)
        }
      }
    }))
})
