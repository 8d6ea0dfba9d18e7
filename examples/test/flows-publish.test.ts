import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { demo } from "../flows-publish.js"
import { run, tally } from "./support.js"

describe("flows-publish", () => {
  it.scopedLive("shows the validation errors of the draft, then publishes the fixed flow", () =>
    Effect.gen(function*() {
      const { value, output } = yield* run(demo)
      const { emulator, result } = value

      assert.strictEqual(result.status, "PUBLISHED")
      assert.deepStrictEqual(
        result.draftErrors.map((error) => error.error),
        ["INVALID_PROPERTY_VALUE", "MISSING_TERMINAL_SCREEN"]
      )
      assert.deepStrictEqual(output.slice(0, 6), [
        `Created flow ${result.flowId}`,
        "Uploaded the draft JSON: 2 validation error(s)",
        "  INVALID_PROPERTY_VALUE: Property 'id' may only contain letters and underscores. (at screens[0].id)",
        "  MISSING_TERMINAL_SCREEN: At least one screen must be terminal. (at screens)",
        "Uploaded the fixed JSON: 0 validation error(s)",
        `Flow ${result.flowId} "Newsletter preferences" is PUBLISHED (JSON 3.1)`
      ])

      const [flow, ...others] = yield* emulator.flows
      assert.deepStrictEqual(others, [])
      assert.strictEqual(flow?.id, result.flowId)
      assert.strictEqual(flow?.status, "PUBLISHED")
      assert.deepStrictEqual(flow?.categories, ["SIGN_UP", "OTHER"])
      assert.deepStrictEqual(flow?.validationErrors, [])
      assert.deepNestedInclude(flow?.json, {
        version: "3.1",
        "screens[0].id": "UPDATE_PREFERENCES",
        "screens[0].terminal": true
      })

      const effects = tally((yield* emulator.effects).map((effect) => effect.operation))
      assert.deepStrictEqual(
        [effects.get("createFlow"), effects.get("updateFlowJson"), effects.get("publishFlow")],
        [1, 2, 1]
      )
      const requests = yield* emulator.requests
      assert.isTrue(requests.every((request) => request.headers["x-woztell-signedcontext"] !== undefined))
    }))
})
