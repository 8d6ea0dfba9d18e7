import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { demo } from "../bulk-profile-update.js"
import { run, tally } from "./support.js"

describe("bulk-profile-update", () => {
  it.scopedLive("updates 50 accounts across Vonage and WOZTELL, building each client once and signing each JWT once", () =>
    Effect.gen(function*() {
      const { value, output } = yield* run(demo)
      const { vonage, woztell, deployments, woztellNumbers, result } = value

      assert.deepStrictEqual(result, {
        accounts: 50,
        updated: 50,
        confirmed: 50,
        failed: [],
        calls: 100,
        builds: 50,
        vonageClients: 25,
        vonageCalls: 50,
        jwtsSigned: 25
      })
      assert.deepStrictEqual(output.slice(1), [
        "Updated 50 of 50 profiles (25 at Vonage, 25 at WOZTELL); 50 read back with the new text",
        "100 calls through the registry built 50 clients for 50 accounts",
        "25 Vonage clients signed 25 JWTs for 50 calls"
      ])

      // Vonage: one profile update per deployment, and each account's two calls carried the same token.
      const vonageRequests = yield* vonage.requests
      const updates = vonageRequests.filter((request) => request.method === "PATCH")
      assert.deepStrictEqual(
        updates.map((request) => request.path.split("/")[4]).sort(),
        [...deployments].sort()
      )
      assert.isTrue(
        updates.every((request) => (request.body as { about?: string }).about === "Open every day, 7am to 7pm")
      )
      const tokensByDeployment = new Map<string, Set<string>>()
      for (const request of vonageRequests) {
        const deployment = request.path.split("/")[4] ?? ""
        const tokens = tokensByDeployment.get(deployment) ?? new Set<string>()
        tokens.add(request.headers["authorization"] ?? "")
        tokensByDeployment.set(deployment, tokens)
      }
      assert.strictEqual(tokensByDeployment.size, 25)
      assert.isTrue([...tokensByDeployment.values()].every((tokens) => tokens.size === 1))
      assert.strictEqual(new Set(vonageRequests.map((request) => request.headers["authorization"])).size, 25)

      // WOZTELL: one profile update per number.
      const woztellUpdates = (yield* woztell.effects).filter((effect) => effect.operation === "updateProfile")
      assert.deepStrictEqual(
        [...tally(woztellUpdates.map((effect) => effect.key)).keys()].sort(),
        [...woztellNumbers].sort()
      )
      assert.isTrue([...tally(woztellUpdates.map((effect) => effect.key)).values()].every((count) => count === 1))
    }))
})
