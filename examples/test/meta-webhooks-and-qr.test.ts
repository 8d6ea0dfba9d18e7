import { assert, describe, it } from "@effect/vitest"
import type { MetaEmulator } from "@wa-admin/meta/emulator"
import { Effect } from "effect"
import { demo, demoSettings, program } from "../meta-webhooks-and-qr.js"
import * as Example from "../support/Example.js"
import { run } from "./support.js"

const secret = demoSettings.WA_ADMIN_VERIFY_TOKEN

/** The verify token appears nowhere but in the body of the subscription request. */
const assertTokenKept = (requests: ReadonlyArray<MetaEmulator.RecordedRequest>, output: ReadonlyArray<string>) => {
  for (const line of output) assert.notInclude(line, secret)
  for (const request of requests) {
    assert.notInclude(request.path, secret)
    assert.notInclude(JSON.stringify(request.query), secret)
    assert.notInclude(JSON.stringify(request.headers), secret)
  }
}

describe("meta-webhooks-and-qr", () => {
  it.scopedLive("subscribes the app with an override callback and verify token, lists, unsubscribes; creates, lists and deletes a QR code", () =>
    Effect.gen(function*() {
      const { value, output } = yield* run(demo)
      const { emulator, result } = value
      const { wabaId, phoneNumberId, appId } = emulator.credentials

      assert.deepStrictEqual(result.subscribedBefore, [])
      assert.deepStrictEqual(
        result.subscribed.map((subscription) => [subscription.appId, subscription.overrideCallbackUrl]),
        [[appId, demoSettings.WA_ADMIN_WEBHOOK_URL]]
      )
      assert.deepStrictEqual(result.subscribedAfter, [])
      assert.strictEqual(result.created.prefilledMessage, demoSettings.WA_ADMIN_QR_MESSAGE)
      assert.strictEqual(result.created.deepLinkUrl, `https://wa.me/message/${result.created.code}`)
      assert.match(result.created.imageUrl ?? "", /\.svg$/)
      assert.deepStrictEqual(result.listed.map((qr) => qr.code), [result.created.code])
      assert.deepStrictEqual(result.remaining, [])

      assert.deepStrictEqual(output.slice(0, 6), [
        "Apps subscribed to the WABA's webhooks: (none)",
        `Subscribed the app, its webhooks sent to ${demoSettings.WA_ADMIN_WEBHOOK_URL} (with the verify token)`,
        "Apps subscribed now:",
        `  app ${appId} (wa-admin emulator app) → ${demoSettings.WA_ADMIN_WEBHOOK_URL}`,
        "Unsubscribed the app",
        "Apps subscribed at the end: (none)"
      ])
      assert.include(output, `QR code ${result.created.code}: "${demoSettings.WA_ADMIN_QR_MESSAGE}"`)
      assert.strictEqual(output.at(-1), `Deleted ${result.created.code}; the number's QR codes now: (none)`)

      const requests = yield* emulator.requests
      const calls = requests.map((request) => `${request.method} ${request.path}`)
      const subscriptions = `/v23.0/${wabaId}/subscribed_apps`
      const qrCodes = `/v23.0/${phoneNumberId}/message_qrdls`
      assert.deepStrictEqual(calls, [
        `GET ${subscriptions}`,
        `POST ${subscriptions}`,
        `GET ${subscriptions}`,
        `DELETE ${subscriptions}`,
        `GET ${subscriptions}`,
        `POST ${qrCodes}`,
        `GET ${qrCodes}`,
        `DELETE ${qrCodes}/${result.created.code}`,
        `GET ${qrCodes}`
      ])
      assert.deepStrictEqual(requests[1]?.body, {
        override_callback_uri: demoSettings.WA_ADMIN_WEBHOOK_URL,
        verify_token: secret
      })
      assert.deepStrictEqual(requests[5]?.body, {
        prefilled_message: demoSettings.WA_ADMIN_QR_MESSAGE,
        generate_qr_image: "SVG"
      })
      assertTokenKept(requests, output)
      assert.deepStrictEqual(
        (yield* emulator.effects).map((effect) => effect.operation),
        ["subscribeApp", "unsubscribeApp", "createQrCode", "deleteQrCode"]
      )
    }))

  it.scopedLive("an app subscribed before the run is subscribed again to its own callback URL; other apps are left alone", () =>
    Effect.gen(function*() {
      const appId = "1234567890"
      const crm = {
        id: "555000111222333",
        name: "Acme CRM",
        overrideCallbackUri: "https://crm.acme-bakery.example/hooks"
      }
      const { emulator, environment } = yield* Example.meta({
        appId,
        businesses: [
          {
            wabas: [
              {
                numbers: [{ phoneNumber: "16505550100" }],
                subscribedApps: [crm, { id: appId, name: "Acme Bakery app" }]
              }
            ]
          }
        ]
      })
      const { value: result, output } = yield* run(
        program.pipe(Example.withEnvironment({ ...environment, ...demoSettings }))
      )

      assert.deepStrictEqual(
        result.subscribedBefore.map((subscription) => subscription.appId).sort(),
        [appId, crm.id].sort()
      )
      const after = new Map(
        result.subscribedAfter.map((subscription) => [subscription.appId, subscription.overrideCallbackUrl])
      )
      assert.deepStrictEqual(
        [...after.entries()].sort(),
        [[appId, undefined], [crm.id, crm.overrideCallbackUri]].sort()
      )
      assert.include(output, "The app was subscribed before: subscribed again to its own callback URL")
      assert.include(output, `  app ${crm.id} (Acme CRM) → ${crm.overrideCallbackUri}`)

      const requests = yield* emulator.requests
      const posts = requests.filter((request) => request.method === "POST" && request.path.endsWith("/subscribed_apps"))
      assert.deepStrictEqual(posts.map((request) => request.body), [
        { override_callback_uri: demoSettings.WA_ADMIN_WEBHOOK_URL, verify_token: secret },
        {}
      ])
      assert.isFalse(
        requests.some((request) => request.method === "DELETE" && request.path.endsWith("/subscribed_apps"))
      )
      assertTokenKept(requests, output)
    }))
})
