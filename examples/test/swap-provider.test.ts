import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Example from "../support/Example.js"
import { demo, program } from "../swap-provider.js"
import type { Name, Overview } from "../swap-provider.js"
import { run } from "./support.js"

const outcomeOf = (outcomes: ReadonlyArray<{ readonly operation: string; readonly outcome: string }>) =>
  Object.fromEntries(outcomes.map((outcome) => [outcome.operation, outcome.outcome]))

/** What the overview shows of an account with a profile and templates: the profile the demo gave it, its two templates. */
const assertAccountShown = (result: Overview, output: ReadonlyArray<string>) => {
  assert.include(
    output,
    `  profile.get        about "Fresh bread daily", vertical Grocery, websites https://acme-bakery.example`
  )
  const templates = result.outcomes.find((outcome) => outcome.operation === "templates.list")?.summary ?? ""
  assert.include(templates, "order_update:en_US APPROVED")
  assert.include(templates, "welcome:en_US APPROVED")
}

/** The overview's steps, each with `outcome` unless `except` says otherwise. */
const each = (outcome: string, except: Readonly<Record<string, string>> = {}) => ({
  ...Object.fromEntries(
    ["numbers.status", "profile.get", "profile.photo.get", "media.upload", "templates.list"].map((
      step
    ) => [step, outcome])
  ),
  ...except
})

/** Each request an emulator recorded as `METHOD path`, the path rewritten by `normalize` (default: as sent). */
const requestLines = (
  requests: ReadonlyArray<{ readonly method: string; readonly path: string }>,
  normalize: (path: string) => string = (path) => path
) => requests.map((request) => `${request.method} ${normalize(request.path)}`)

/** Runs the demo on `provider`'s emulator: what it started, the overview (which must name `provider`), the output. */
const demoOn = (provider: Name) =>
  Effect.gen(function*() {
    const { value, output } = yield* run(demo(provider))
    assert.strictEqual(value.result.provider, provider)
    return { ...value, output }
  })

describe("swap-provider: the same program against each provider, chosen by WA_ADMIN_PROVIDER", () => {
  it.scopedLive("vonage: numbers, profile and templates work; sending media ids and template edits are reported Unsupported", () =>
    Effect.gen(function*() {
      const { emulator, result, output } = yield* demoOn("vonage")
      assert.strictEqual(result.supportStatus, "stable")
      assert.deepStrictEqual(result.unsupported, ["media.upload", "templates.edit"])
      assert.deepStrictEqual(outcomeOf(result.outcomes), each("done", { "media.upload": "Unsupported" }))
      assert.include(output, "  numbers.status     ready (READY)")
      assertAccountShown(result, output)
      const deployment = (path: string) => path.replace(/deployments\/[^/]+/, "deployments/:id")
      assert.deepStrictEqual(requestLines(yield* emulator.requests, deployment), [
        "GET /v0.1/whatsapp-manager/deployments/:id",
        "GET /v0.1/whatsapp-manager/deployments/:id/profile",
        "GET /v0.1/whatsapp-manager/deployments/:id/profile/photo",
        "GET /v2/whatsapp-manager/wabas/190787529545503/templates"
      ])
    }))

  it.scopedLive("woztell: every step works; provisioning, verification and release are reported Unsupported", () =>
    Effect.gen(function*() {
      const { emulator, mediaUrl, result, output } = yield* demoOn("woztell")
      assert.deepStrictEqual(result.unsupported, [
        "numbers.provision",
        "numbers.verify",
        "numbers.resend",
        "numbers.release",
        "media.templateAsset"
      ])
      assert.deepStrictEqual(outcomeOf(result.outcomes), each("done"))
      assert.include(
        output,
        "  unsupported: numbers.provision, numbers.verify, numbers.resend, numbers.release, media.templateAsset"
      )
      // WOZTELL takes the picture's URL (WhatsApp fetches the file itself).
      const uploads = (yield* emulator.requests).filter((request) => request.path.endsWith("/media-id"))
      assert.strictEqual(uploads.length, 1)
      assert.include(uploads[0]?.bodyText ?? "", mediaUrl)
      assert.match(
        result.outcomes.find((outcome) => outcome.operation === "media.upload")?.summary ?? "",
        /^media id \d+, kept until /
      )
      assertAccountShown(result, output)
    }))

  it.scopedLive("kaleyra: deprecated, and every step is reported Unsupported without a request", () =>
    Effect.gen(function*() {
      const { emulator, result, output } = yield* demoOn("kaleyra")
      assert.strictEqual(result.supportStatus, "deprecated")
      assert.notInclude(result.unsupported, "numbers.provision")
      assert.deepStrictEqual(outcomeOf(result.outcomes), each("Unsupported"))
      assert.include(output, "kaleyra (deprecated)")
      assert.include(output, "  supports:    numbers.provision")
      assert.include(
        output,
        "  profile.get        Unsupported: kaleyra does not offer profile.get (Kaleyra's legacy WhatsApp API (deprecated by the vendor) covers number activation only); nothing was sent"
      )
      assert.deepStrictEqual(yield* emulator.requests, [])
    }))

  it.scopedLive("meta: every port operation is offered; the number, its profile, a picture uploaded by the adapter and the templates", () =>
    Effect.gen(function*() {
      const { emulator: meta, output, result } = yield* demoOn("meta")
      if (!("graphUrl" in meta)) return assert.fail("the demo did not start Meta's emulator")
      const { phoneNumberId, wabaId } = meta.credentials
      assert.strictEqual(result.supportStatus, "stable")
      assert.deepStrictEqual(result.unsupported, [])
      assert.deepStrictEqual(outcomeOf(result.outcomes), each("done"))
      assert.include(output, "  unsupported: (nothing)")
      assert.include(output, "  numbers.status     ready (LINKED)")
      assertAccountShown(result, output)

      // Meta takes the file: the adapter downloaded the picture and uploaded its bytes to the number.
      const [uploaded] = yield* meta.media
      assert.deepStrictEqual([...(uploaded?.bytes ?? [])], [...Example.png.bytes])
      assert.strictEqual(uploaded?.mimeType, "image/png")
      assert.strictEqual(uploaded?.phoneNumberId, phoneNumberId)
      const media = output.find((line) => line.startsWith("  media.upload"))
      assert.match(media ?? "", new RegExp(`^ {2}media\\.upload {7}media id ${uploaded?.id}, kept until \\d{4}-`))

      const requests = yield* meta.requests
      assert.deepStrictEqual(requestLines(requests), [
        `GET /v23.0/${phoneNumberId}`,
        `GET /v23.0/${phoneNumberId}/whatsapp_business_profile`,
        `GET /v23.0/${phoneNumberId}/whatsapp_business_profile`,
        `POST /v23.0/${phoneNumberId}/media`,
        `GET /v23.0/${wabaId}/message_templates`
      ])
      for (const request of requests) {
        assert.strictEqual(request.headers["authorization"], `Bearer ${meta.credentials.accessToken}`)
      }
    }))

  it.scopedLive("without WA_ADMIN_MEDIA_URL the upload is skipped, nothing sent", () =>
    Effect.gen(function*() {
      const { emulator, environment } = yield* Example.meta()
      const { value, output } = yield* run(
        program.pipe(
          Example.withEnvironment({
            ...environment,
            WA_ADMIN_PROVIDER: "meta",
            WA_ADMIN_NUMBER: emulator.credentials.phoneNumberId,
            WA_ADMIN_WABA_ID: emulator.credentials.wabaId
          })
        )
      )
      assert.deepStrictEqual(outcomeOf(value.outcomes)["media.upload"], "skipped")
      assert.include(output, "  media.upload       skipped: WA_ADMIN_MEDIA_URL not set; nothing was sent")
      assert.isFalse((yield* emulator.requests).some((request) => request.path.endsWith("/media")))
      assert.deepStrictEqual(yield* emulator.media, [])
    }))
})
