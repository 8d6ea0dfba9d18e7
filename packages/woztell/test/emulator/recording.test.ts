import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile } from "@wa-admin/core"
import { EmulatorEffects, EmulatorEnvironment } from "@wa-admin/core/testing"
import { QuotaStore, WoztellAdmin, WoztellEncryption } from "@wa-admin/woztell"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Effect, Layer } from "effect"
import { errorOf, read, send, write } from "./fixtures.js"

describe("the emulator itself", () => {
  it.scoped("serves under /v1.2/api on 127.0.0.1 and hands out the first WABA's credentials", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make({
        accessToken: "token",
        appId: "app",
        appIntegrationId: "integration",
        channelId: "channel",
        signature: "signature=",
        wabas: [{ wabaId: "10", phoneNumberId: "11" }, { wabaId: "20", phoneNumberId: "21" }]
      })
      assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+\/v1\.2\/api$/)
      assert.deepStrictEqual(emulator.credentials, {
        accessToken: "token",
        appId: "app",
        appIntegrationId: "integration",
        channelId: "channel",
        signature: "signature=",
        wabaId: "10",
        phoneNumberId: "11"
      })
      assert.strictEqual((yield* read(emulator, "/waba-info", { wabaId: "20" })).status, 200)
    }))

  it.scoped("generates distinct credentials per emulator", () =>
    Effect.gen(function*() {
      const one = yield* WoztellEmulator.make()
      const two = yield* WoztellEmulator.make()
      assert.notStrictEqual(one.credentials.accessToken, two.credentials.accessToken)
      assert.notStrictEqual(one.credentials.signature, two.credentials.signature)
      assert.notStrictEqual(one.url, two.url)
      assert.strictEqual((yield* read(two, "/waba-info", { wabaId: one.credentials.wabaId })).status, 404)
    }))

  it.scoped("records every request in order, with query, lower-case headers and parsed body", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { accessToken, phoneNumberId } = emulator.credentials
      yield* read(emulator, "/whatsapp-business-profile", { phoneNumberId })
      yield* write(emulator, "PUT", "/media-id", { phoneNumberId, type: "image", url: "https://x.com/a.png" })
      yield* send(emulator, "GET", "/nowhere")
      yield* send(emulator, "GET", "/catalogs", { headers: WoztellEmulator.signedContextHeaders(emulator.credentials) })
      const requests = yield* emulator.requests
      assert.deepStrictEqual(requests.map((request) => [request.method, request.path]), [
        ["GET", "/v1.2/api/whatsapp-business-profile"],
        ["PUT", "/v1.2/api/media-id"],
        ["GET", "/v1.2/api/nowhere"],
        ["GET", "/v1.2/api/catalogs"]
      ])
      assert.deepStrictEqual(requests[0]?.query, { accessToken, phoneNumberId })
      assert.strictEqual(requests[0]?.body, undefined)
      assert.deepStrictEqual(requests[1]?.body, {
        accessToken,
        phoneNumberId,
        type: "image",
        url: "https://x.com/a.png"
      })
      assert.strictEqual(requests[1]?.bodyText, JSON.stringify(requests[1]?.body))
      assert.strictEqual(requests[1]?.headers["content-type"], "application/json")
      assert.isString(requests[3]?.headers["x-woztell-signedcontext"])
      yield* emulator.clearRequests
      assert.deepStrictEqual(yield* emulator.requests, [])
      assert.deepStrictEqual(yield* EmulatorEffects.operations(emulator), ["uploadMedia"])
    }))

  it.scoped("answers unknown routes and unreadable bodies with the failure envelope", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { accessToken, phoneNumberId } = emulator.credentials
      const unknown = yield* send(emulator, "GET", "/nowhere")
      assert.strictEqual(unknown.status, 404)
      assert.deepStrictEqual(unknown.body, { ok: 0, error: "Cannot GET /v1.2/api/nowhere" })
      assert.strictEqual((yield* send(emulator, "POST", "/waba-info")).status, 404, "wrong method")
      const form = yield* send(emulator, "PUT", "/media-id", {
        rawBody: new URLSearchParams({ accessToken, phoneNumberId, type: "image", url: "https://x.com/a" }).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" }
      })
      assert.strictEqual(form.status, 400)
      assert.include(errorOf(form), "Content-Type: application/json")
      const broken = yield* send(emulator, "PUT", "/media-id", {
        rawBody: "{\"accessToken\": ",
        headers: { "content-type": "application/json" }
      })
      assert.deepStrictEqual(broken.body, { ok: 0, error: "the request body is not valid JSON" })
      const array = yield* send(emulator, "PUT", "/media-id", { body: [accessToken] })
      assert.deepStrictEqual(array.body, { ok: 0, error: "the request body must be a JSON object" })
      assert.deepStrictEqual(yield* emulator.effects, [])
    }))

  it.scoped("is available as a layer", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.WoztellEmulator
      assert.strictEqual(
        (yield* read(emulator, "/waba-info", { channelId: emulator.credentials.channelId })).status,
        200
      )
    }).pipe(Effect.provide(Layer.fresh(WoztellEmulator.layer({ accessToken: "layered" })))))

  EmulatorEnvironment.run({
    make: WoztellEmulator.make(),
    names: [
      "WOZTELL_ACCESS_TOKEN",
      "WOZTELL_APP_ID",
      "WOZTELL_APP_INTEGRATION_ID",
      "WOZTELL_APP_INTEGRATION_SIGNATURE",
      "WOZTELL_BASE_URL",
      "WOZTELL_CHANNEL_ID",
      "WOZTELL_PHONE_NUMBER_ID",
      "WOZTELL_WABA_ID"
    ],
    layerConfig: WoztellAdmin.layerConfig.pipe(Layer.provide(QuotaStore.layerMemory())),
    // One call authenticated by the access token, one by the signed context.
    call: ({ credentials }) =>
      Effect.zipRight(BusinessProfile.get({ number: credentials.phoneNumberId }), WoztellEncryption.get),
    reached: (emulator) =>
      Effect.gen(function*() {
        assert.deepStrictEqual((yield* emulator.requests).map((request) => request.path), [
          "/v1.2/api/whatsapp-business-profile",
          "/v1.2/api/whatsapp-business-encryption"
        ])
      })
  })

  it.effect("stops serving when its scope closes", () =>
    Effect.gen(function*() {
      const url = yield* Effect.scoped(Effect.map(WoztellEmulator.make(), (emulator) => emulator.url))
      const refused = yield* Effect.promise(() => fetch(`${url}/waba-info`).then(() => false, () => true))
      assert.isTrue(refused)
    }))
})
