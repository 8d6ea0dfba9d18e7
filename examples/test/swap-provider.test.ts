import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { demo } from "../swap-provider.js"
import { run } from "./support.js"

const outcomeOf = (outcomes: ReadonlyArray<{ readonly operation: string; readonly outcome: string }>) =>
  Object.fromEntries(outcomes.map((outcome) => [outcome.operation, outcome.outcome]))

describe("swap-provider: the same program against each provider, chosen by WA_ADMIN_PROVIDER", () => {
  it.scopedLive("vonage: numbers, profile and templates work; sending media ids and template edits are reported Unsupported", () =>
    Effect.gen(function* () {
      const { value, output } = yield* run(demo("vonage"))
      const { emulator, result } = value
      assert.strictEqual(result.provider, "vonage")
      assert.strictEqual(result.supportStatus, "stable")
      assert.deepStrictEqual(result.unsupported, ["media.upload", "templates.edit"])
      assert.deepStrictEqual(outcomeOf(result.outcomes), {
        "numbers.status": "done",
        "profile.get": "done",
        "profile.photo.get": "done",
        "templates.list": "done"
      })
      assert.include(output, "  numbers.status     ready (READY)")
      assert.include(
        output,
        `  profile.get        about "Fresh bread daily", vertical Grocery, websites https://acme-bakery.example`
      )
      const templates = result.outcomes.find((outcome) => outcome.operation === "templates.list")?.summary ?? ""
      assert.include(templates, "order_update:en_US APPROVED")
      assert.include(templates, "welcome:en_US APPROVED")
      const requests = yield* emulator.requests
      assert.deepStrictEqual(
        requests.map((request) => `${request.method} ${request.path.replace(/deployments\/[^/]+/, "deployments/:id")}`),
        [
          "GET /v0.1/whatsapp-manager/deployments/:id",
          "GET /v0.1/whatsapp-manager/deployments/:id/profile",
          "GET /v0.1/whatsapp-manager/deployments/:id/profile/photo",
          "GET /v2/whatsapp-manager/wabas/190787529545503/templates"
        ]
      )
    }))

  it.scopedLive("woztell: every step works; provisioning, verification and release are reported Unsupported", () =>
    Effect.gen(function* () {
      const { value, output } = yield* run(demo("woztell"))
      const { result } = value
      assert.strictEqual(result.provider, "woztell")
      assert.deepStrictEqual(result.unsupported, [
        "numbers.provision",
        "numbers.verify",
        "numbers.resend",
        "numbers.release",
        "media.templateAsset"
      ])
      assert.deepStrictEqual(outcomeOf(result.outcomes), {
        "numbers.status": "done",
        "profile.get": "done",
        "profile.photo.get": "done",
        "templates.list": "done"
      })
      assert.include(output, "  unsupported: numbers.provision, numbers.verify, numbers.resend, numbers.release, media.templateAsset")
      const templates = result.outcomes.find((outcome) => outcome.operation === "templates.list")?.summary ?? ""
      assert.include(templates, "order_update:en_US APPROVED")
      assert.include(templates, "welcome:en_US APPROVED")
    }))

  it.scopedLive("kaleyra: deprecated, and every step is reported Unsupported without a request", () =>
    Effect.gen(function* () {
      const { value, output } = yield* run(demo("kaleyra"))
      const { emulator, result } = value
      assert.strictEqual(result.provider, "kaleyra")
      assert.strictEqual(result.supportStatus, "deprecated")
      assert.notInclude(result.unsupported, "numbers.provision")
      assert.deepStrictEqual(outcomeOf(result.outcomes), {
        "numbers.status": "Unsupported",
        "profile.get": "Unsupported",
        "profile.photo.get": "Unsupported",
        "templates.list": "Unsupported"
      })
      assert.include(output, "kaleyra (deprecated)")
      assert.include(output, "  supports:    numbers.provision")
      assert.include(
        output,
        "  profile.get        Unsupported: kaleyra does not offer profile.get (Kaleyra's legacy WhatsApp API (deprecated by the vendor) covers number activation only); nothing was sent"
      )
      assert.deepStrictEqual(yield* emulator.requests, [])
    }))
})
