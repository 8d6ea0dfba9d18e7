/**
 * Access: the Bearer token (missing, wrong, expired on the Clock), `appsecret_proof`, the
 * token's permissions, objects not shared with it, unknown paths and versions; rate limits with
 * the usage headers; fault injection through the host; starting and stopping.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, TestClock } from "effect"
import * as Crypto from "node:crypto"
import * as Net from "node:net"
import { MetaEmulator } from "../../src/emulator/index.js"
import { at, graphError, harness } from "./harness.js"

describe("access", () => {
  it.scoped("a call needs the account's Bearer token; an expired one is code 190, subcode 463", () =>
    Effect.gen(function*() {
      const h = yield* harness({ accessTokenLifetime: "1 hour" })
      const path = `/${h.emulator.credentials.phoneNumberId}`
      assert.deepInclude(graphError(yield* h.call("GET", path, { authorization: null })), { status: 401, code: 104 })
      assert.deepInclude(graphError(yield* h.call("GET", path, { authorization: "Bearer EAAwrong" })), {
        status: 401,
        code: 190
      })
      assert.deepInclude(graphError(yield* h.call("GET", path, { authorization: "Basic abc" })), {
        status: 401,
        code: 104
      })
      const token = h.emulator.credentials.accessToken
      assert.deepInclude(
        graphError(yield* h.call("GET", `${path}?access_token=${token}`, { authorization: null })),
        { status: 401, code: 104 },
        "a token in the URL is not read"
      )
      assert.strictEqual((yield* h.call("GET", path, { authorization: `OAuth ${token}` })).status, 200)
      assert.strictEqual((yield* h.call("GET", path)).status, 200)
      yield* TestClock.adjust("1 hour")
      assert.deepInclude(graphError(yield* h.call("GET", path)), { status: 401, code: 190, subcode: 463 })
    }))

  it.scoped("with an app secret, every call carries appsecret_proof = hex HMAC-SHA256(token, secret)", () =>
    Effect.gen(function*() {
      const h = yield* harness({ appSecret: "app-secret" })
      const { accessToken, phoneNumberId } = h.emulator.credentials
      const proof = Crypto.createHmac("sha256", "app-secret").update(accessToken).digest("hex")
      assert.strictEqual(MetaEmulator.proofOf(accessToken, "app-secret"), proof)
      assert.strictEqual((yield* h.call("GET", `/${phoneNumberId}`, { proof })).status, 200)
      assert.deepInclude(graphError(yield* h.call("GET", `/${phoneNumberId}`, { proof: null })), {
        status: 400,
        code: 100
      })
      assert.deepInclude(
        graphError(
          yield* h.call("GET", `/${phoneNumberId}`, { proof: proof.replace(/^./, (c) => c === "a" ? "b" : "a") })
        ),
        { status: 400, code: 100 }
      )
      assert.strictEqual(h.emulator.environment["META_APP_SECRET"], "app-secret")
    }))

  it.scoped("the token's permissions: code 200 (subcode 1349176) for the WhatsApp ones, code 10 for business_management", () =>
    Effect.gen(function*() {
      const h = yield* harness({ permissions: ["whatsapp_business_messaging"] })
      const { businessId, phoneNumberId, wabaId } = h.emulator.credentials
      assert.deepInclude(graphError(yield* h.call("GET", `/${wabaId}/message_templates`)), {
        status: 403,
        code: 200,
        subcode: 1349176
      })
      assert.deepInclude(graphError(yield* h.call("GET", `/${businessId}/owned_whatsapp_business_accounts`)), {
        status: 403,
        code: 10
      })
      assert.strictEqual((yield* h.call("GET", `/${phoneNumberId}`)).status, 200, "messaging suffices to read a number")
    }))

  it.scoped("an object not shared with the token is code 200, subcode 1349174; an unknown one 803", () =>
    Effect.gen(function*() {
      const h = yield* harness({
        businesses: [
          { wabas: [{ name: "Ours", numbers: [{ phoneNumber: "16505550100" }] }] },
          {
            wabas: [{
              id: "555000555000555",
              accessible: false,
              numbers: [{ id: "444000444000444", phoneNumber: "16505550199" }]
            }]
          }
        ]
      })
      assert.deepInclude(graphError(yield* h.call("GET", "/555000555000555")), {
        status: 403,
        code: 200,
        subcode: 1349174
      })
      assert.deepInclude(graphError(yield* h.call("GET", "/444000444000444/whatsapp_business_profile")), {
        status: 403,
        code: 200,
        subcode: 1349174
      })
      assert.deepInclude(graphError(yield* h.call("GET", "/123")), { status: 404, code: 803 })
      assert.deepInclude(graphError(yield* h.call("POST", "/123/register", { json: {} })), { status: 404, code: 803 })
    }))

  it.scoped("paths: another version, a malformed one, an unknown edge, a node without the edge, a method it lacks", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const { phoneNumberId, wabaId } = h.emulator.credentials
      const root = h.emulator.graphUrl
      const raw = (method: string, url: string) =>
        Effect.promise(async () => {
          const response = await fetch(url, {
            method,
            headers: { authorization: `Bearer ${h.emulator.credentials.accessToken}` }
          })
          return { status: response.status, body: await response.json() as never }
        })
      assert.strictEqual(h.emulator.url, `${root}/v23.0`)
      const older = yield* raw("GET", `${root}/v22.0/${phoneNumberId}`)
      assert.strictEqual(older.status, 400)
      assert.match(String(at(older.body, "error", "message")), /v22\.0/)
      assert.strictEqual((yield* raw("GET", `${root}/latest/${phoneNumberId}`)).status, 400)
      assert.deepInclude(graphError(yield* h.call("GET", `/${wabaId}/unknown_edge`)), { status: 400, code: 100 })
      assert.deepInclude(graphError(yield* h.call("GET", `/${phoneNumberId}/message_templates`)), {
        status: 400,
        code: 100
      })
      assert.deepInclude(graphError(yield* h.call("DELETE", `/${phoneNumberId}`)), {
        status: 400,
        code: 100,
        subcode: 33
      })
      assert.deepInclude(graphError(yield* h.call("PUT", `/${phoneNumberId}`)), { status: 400, code: 100 })
    }))

  it.scoped("a configured graph version is the one served", () =>
    Effect.gen(function*() {
      const h = yield* harness({ graphVersion: "v24.0" })
      assert.isTrue(h.emulator.url.endsWith("/v24.0"))
      assert.strictEqual(h.emulator.environment["META_GRAPH_VERSION"], "v24.0")
      assert.strictEqual((yield* h.call("GET", `/${h.emulator.credentials.phoneNumberId}`)).status, 200)
    }))

  it.scoped("the app's allowance: code 4 beyond it, X-App-Usage counts toward 100", () =>
    Effect.gen(function*() {
      const h = yield* harness({ rateLimits: { app: { limit: 4, window: "1 hour" } } })
      const path = `/${h.emulator.credentials.wabaId}`
      const first = yield* h.call("GET", path)
      assert.deepStrictEqual(JSON.parse(first.headers.get("x-app-usage") ?? "{}"), {
        call_count: 25,
        total_cputime: 25,
        total_time: 25
      })
      for (let call = 0; call < 3; call++) yield* h.call("GET", path)
      const refused = yield* h.call("GET", path)
      assert.deepInclude(graphError(refused), { status: 429, code: 4, subcode: 2446079 })
      assert.strictEqual(at(refused.body, "error", "is_transient"), true)
      assert.deepStrictEqual(JSON.parse(refused.headers.get("x-app-usage") ?? "{}"), {
        call_count: 100,
        total_cputime: 100,
        total_time: 100
      })
      yield* TestClock.adjust("1 hour")
      assert.strictEqual((yield* h.call("GET", path)).status, 200)
    }))

  it.scoped("a WABA's allowance: code 80007 beyond it, with the minutes until it frees", () =>
    Effect.gen(function*() {
      const h = yield* harness({ rateLimits: { businessUseCase: { limit: 2, window: "1 hour" } } })
      const { wabaId } = h.emulator.credentials
      yield* h.call("GET", `/${wabaId}`)
      yield* TestClock.adjust("20 minutes")
      yield* h.call("GET", `/${wabaId}/message_templates`)
      const refused = yield* h.call("GET", `/${wabaId}/phone_numbers`)
      assert.deepInclude(graphError(refused), { status: 429, code: 80007 })
      const usage = JSON.parse(refused.headers.get("x-business-use-case-usage") ?? "{}")
      assert.deepStrictEqual(usage[wabaId], [{
        type: "whatsapp_business_management",
        call_count: 100,
        total_cputime: 100,
        total_time: 100,
        estimated_time_to_regain_access: 40
      }])
    }))

  it.scoped("throttle rules answer each rate-limit code once and then let calls through", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const path = `/${h.emulator.credentials.wabaId}`
      for (const code of [4, 17, 32, 613, 80007, 130429] as const) {
        yield* h.emulator.throttle({ code, times: 1, path: "/phone_numbers", regainAccessMinutes: 7 })
        assert.strictEqual((yield* h.call("GET", path)).status, 200, "another path is not throttled")
        const refused = yield* h.call("GET", `${path}/phone_numbers`)
        assert.deepInclude(graphError(refused), { status: 429, code })
        const usage = JSON.parse(refused.headers.get("x-business-use-case-usage") ?? "{}")
        assert.strictEqual(usage[h.emulator.credentials.wabaId][0].estimated_time_to_regain_access, 7)
        assert.strictEqual((yield* h.call("GET", `${path}/phone_numbers`)).status, 200)
      }
      yield* h.emulator.throttle({ code: 613 })
      assert.strictEqual((yield* h.call("GET", path)).status, 429)
      yield* h.emulator.clearThrottles
      assert.strictEqual((yield* h.call("GET", path)).status, 200)
    }))

  it.scoped("faults injected through the host answer with Graph error bodies", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const path = `/${h.emulator.credentials.phoneNumberId}`
      yield* h.emulator.faults.inject({ path, times: 1, fault: { _tag: "Status", status: 503 } })
      assert.deepInclude(graphError(yield* h.call("GET", path)), { status: 503, code: 2 })
      yield* h.emulator.faults.inject({ path, times: 1, fault: { _tag: "Unauthorized" } })
      assert.deepInclude(graphError(yield* h.call("GET", path)), { status: 401, code: 190, subcode: 463 })
      yield* h.emulator.faults.inject({ path, times: 1, fault: { _tag: "Status", status: 429, retryAfter: 30 } })
      const limited = yield* h.call("GET", path)
      assert.deepInclude(graphError(limited), { status: 429, code: 4 })
      assert.strictEqual(limited.headers.get("retry-after"), "30")
      assert.strictEqual((yield* h.call("GET", path)).status, 200)
      assert.strictEqual((yield* h.emulator.requests).length, 1, "faults answered in the emulator's place")
    }))

  it.scoped("a port in use is a StartError; the emulator stops with its scope", () =>
    Effect.gen(function*() {
      const server = Net.createServer()
      yield* Effect.acquireRelease(
        Effect.async<void>((resume) => {
          server.listen(0, "127.0.0.1", () => resume(Effect.void))
        }),
        () =>
          Effect.async<void>((resume) => {
            server.close(() => resume(Effect.void))
          })
      )
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      const error = yield* Effect.flip(Effect.scoped(MetaEmulator.make({ port })))
      assert.strictEqual(error.reason, "PortInUse")
      assert.strictEqual(error._tag, "StartError")
      const url = yield* Effect.scoped(Effect.map(MetaEmulator.make(), (emulator) => emulator.url))
      const after = yield* Effect.promise(() => fetch(url).then(() => "answered", () => "refused"))
      assert.strictEqual(after, "refused")
    }))

  it.scoped("the layer provides a running emulator and its environment", () =>
    Effect.gen(function*() {
      const emulator = yield* MetaEmulator.MetaEmulator.pipe(Effect.provide(Layer.fresh(MetaEmulator.layer())))
      const { credentials, environment, graphUrl } = emulator
      assert.deepStrictEqual(environment, {
        META_ACCESS_TOKEN: credentials.accessToken,
        META_APP_ID: credentials.appId,
        META_WABA_ID: credentials.wabaId,
        META_PHONE_NUMBER_ID: credentials.phoneNumberId,
        META_BUSINESS_ID: credentials.businessId,
        META_GRAPH_VERSION: "v23.0",
        META_GRAPH_URL: graphUrl
      })
      assert.deepStrictEqual(MetaEmulator.environment(graphUrl, credentials), environment)
    }))
})
