import { assert, describe, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { SignJWT } from "jose"
import * as Crypto from "node:crypto"
import {
  type Answer,
  assertProblem,
  deploymentRequest,
  fetchAnswer,
  genericType,
  harness,
  provisioningType,
  signToken
} from "./harness.js"

const otherPrivateKey = () =>
  Crypto.generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" }
  }).privateKey

const assertUnauthorized = (answer: Pick<Answer, "status" | "body">, reason: string) => {
  assertProblem(answer, 401, genericType("unauthorized"))
  assert.strictEqual(answer.body.title, "You did not provide correct credentials.")
  assert.include(answer.body.detail, reason)
  assert.match(answer.body.instance, /^[0-9a-f]{32}$/)
}

describe("VonageEmulator authentication", () => {
  it.scoped("generates a key pair when given no public key, and accepts tokens signed with it", () =>
    Effect.gen(function*() {
      const h = yield* harness({ generateKey: true, applicationId: "app-1" })
      assert.strictEqual(h.emulator.credentials.applicationId, "app-1")
      assert.match(h.emulator.credentials.privateKey ?? "", /^-----BEGIN PRIVATE KEY-----/)
      assert.match(h.emulator.publicKey, /^-----BEGIN PUBLIC KEY-----/)
      assert.match(h.emulator.url, /^http:\/\/127\.0\.0\.1:\d+\/v0\.1\/whatsapp-manager$/)
      const answer = yield* h.call("POST", "/deployments", { json: deploymentRequest() })
      assert.strictEqual(answer.status, 202)
    }))

  it.scoped("uses a given public key and exposes no private key", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      assert.strictEqual(h.emulator.credentials.privateKey, undefined)
      assert.strictEqual((yield* h.call("GET", "/deployments/unknown")).status, 404)
    }))

  it.scoped("a request without an Authorization header is 401 and changes nothing", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const answer = yield* h.call("POST", "/deployments", { json: deploymentRequest(), authorization: null })
      assertUnauthorized(answer, "missing Authorization header")
      assert.deepStrictEqual(yield* h.emulator.effects, [])
      assert.strictEqual((yield* h.emulator.requests).length, 1)
    }))

  it.scoped("a token that is not a Bearer JWT is 401", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      assertUnauthorized(
        yield* h.call("GET", "/deployments/x", { authorization: "Basic YWJjOmRlZg==" }),
        "not a Bearer"
      )
      assertUnauthorized(
        yield* h.call("GET", "/deployments/x", { authorization: "Bearer not.a.jwt" }),
        "not a valid JWT"
      )
    }))

  it.scoped("a token signed with another key is 401", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const forged = yield* h.token({}, { privateKey: otherPrivateKey() })
      assertUnauthorized(yield* h.call("GET", "/deployments/x", { authorization: `Bearer ${forged}` }), "signature")
    }))

  it.scoped("a token that is not RS256 is 401", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const payload = (yield* h.token()).split(".")[1] ?? ""
      const unsigned = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${payload}.`
      assertUnauthorized(yield* h.call("GET", "/deployments/x", { authorization: `Bearer ${unsigned}` }), "RS256")
      const hmac = yield* Effect.promise(() =>
        new SignJWT({ application_id: h.emulator.credentials.applicationId })
          .setProtectedHeader({ alg: "HS256" })
          .sign(new TextEncoder().encode("a-shared-secret-of-at-least-32-bytes!"))
      )
      assertUnauthorized(yield* h.call("GET", "/deployments/x", { authorization: `Bearer ${hmac}` }), "RS256")
    }))

  it.scoped("a token for another application is 401, and one without application_id too", () =>
    Effect.gen(function*() {
      const h = yield* harness({ applicationId: "app-1" })
      const other = yield* h.token({ application_id: "app-2" })
      assertUnauthorized(yield* h.call("GET", "/deployments/x", { authorization: `Bearer ${other}` }), "application_id")
      const none = yield* h.token({ application_id: undefined })
      assertUnauthorized(yield* h.call("GET", "/deployments/x", { authorization: `Bearer ${none}` }), "application_id")
    }))

  it.scoped("exp and nbf are checked against the emulator's clock", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const expiring = yield* h.token({ exp: 60 })
      const notYet = yield* h.token({ nbf: 120 })
      assert.strictEqual((yield* h.call("GET", "/deployments/x", { authorization: `Bearer ${expiring}` })).status, 404)
      assertUnauthorized(yield* h.call("GET", "/deployments/x", { authorization: `Bearer ${notYet}` }), "nbf")
      yield* TestClock.adjust("2 minutes")
      assertUnauthorized(yield* h.call("GET", "/deployments/x", { authorization: `Bearer ${expiring}` }), "expired")
      assert.strictEqual((yield* h.call("GET", "/deployments/x", { authorization: `Bearer ${notYet}` })).status, 404)
    }))

  it.scoped("authentication comes before everything else, even unknown paths", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const token = yield* signToken(otherPrivateKey(), { application_id: h.emulator.credentials.applicationId })
      const answer = yield* fetchAnswer(`${h.emulator.url}/nowhere`, { headers: { authorization: `Bearer ${token}` } })
      assert.strictEqual(answer.status, 401)
    }))
})

describe("VonageEmulator throttling", () => {
  it.scoped("answers 429 throttled with Retry-After once an operation exceeds its limit in the window", () =>
    Effect.gen(function*() {
      const h = yield* harness({ throttle: { limit: 2, window: "10 seconds" } })
      assert.strictEqual((yield* h.call("GET", "/deployments/a")).status, 404)
      yield* TestClock.adjust("4 seconds")
      assert.strictEqual((yield* h.call("GET", "/deployments/b")).status, 404)
      const throttled = yield* h.call("GET", "/deployments/c")
      assert.strictEqual(throttled.status, 429)
      assert.deepInclude(throttled.body, {
        type: provisioningType("throttled"),
        title: "Throttled",
        detail: "Exceeded rate limit for this API, please wait and try again"
      })
      assert.strictEqual(throttled.headers.get("retry-after"), "6")

      const otherOperation = yield* h.call("POST", "/deployments", { json: deploymentRequest() })
      assert.strictEqual(otherOperation.status, 202)

      yield* TestClock.adjust("5500 millis")
      const stillThrottled = yield* h.call("GET", "/deployments/c")
      assert.strictEqual(stillThrottled.status, 429)
      assert.strictEqual(stillThrottled.headers.get("retry-after"), "1")
      yield* TestClock.adjust("500 millis")
      assert.strictEqual((yield* h.call("GET", "/deployments/c")).status, 404)
    }))

  it.scoped("a throttled request takes no effect", () =>
    Effect.gen(function*() {
      const h = yield* harness({ throttle: { limit: 1, window: "1 minute" } })
      assert.strictEqual((yield* h.call("POST", "/deployments", { json: deploymentRequest() })).status, 202)
      const second = yield* h.call("POST", "/deployments", { json: deploymentRequest({ number: "7700900001" }) })
      assert.strictEqual(second.status, 429)
      assert.strictEqual(second.headers.get("retry-after"), "60")
      assert.strictEqual((yield* h.emulator.deployments).length, 1)
      assert.strictEqual((yield* h.emulator.effects).length, 1)
    }))
})
