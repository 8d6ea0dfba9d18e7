import { assert, describe, it } from "@effect/vitest"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Effect } from "effect"
import { documentSignedContext } from "../support.js"
import { at, bodyOnly, errorOf, read, send, signed, write } from "./fixtures.js"

describe("access token", () => {
  it.scoped("reads take the token as the accessToken query parameter", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make({ accessToken: "token-1" })
      const { phoneNumberId } = emulator.credentials
      const good = yield* read(emulator, "/whatsapp-business-profile", { phoneNumberId })
      assert.strictEqual(good.status, 200)
      const missing = yield* send(emulator, "GET", "/whatsapp-business-profile", { query: { phoneNumberId } })
      assert.strictEqual(missing.status, 401)
      assert.deepStrictEqual(missing.body, { ok: 0, error: "accessToken is required (as a query parameter)" })
      const wrong = yield* send(emulator, "GET", "/whatsapp-business-profile", {
        query: { phoneNumberId, accessToken: "token-2" }
      })
      assert.strictEqual(wrong.status, 401)
      assert.strictEqual(errorOf(wrong), "Invalid access token")
      const asHeader = yield* send(emulator, "GET", "/whatsapp-business-profile", {
        query: { phoneNumberId },
        headers: { authorization: "Bearer token-1", accessToken: "token-1" }
      })
      assert.strictEqual(asHeader.status, 401)
    }))

  it.scoped("writes take the token as a body field, not in the query", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { accessToken, wabaId } = emulator.credentials
      const template = { wabaId, name: "welcome", language: "en_US", category: "MARKETING", components: bodyOnly() }
      const inQuery = yield* send(emulator, "PUT", "/whatsapp-message-template", {
        query: { accessToken },
        body: template
      })
      assert.strictEqual(inQuery.status, 401)
      assert.strictEqual(errorOf(inQuery), "accessToken is required (as a body field)")
      const wrong = yield* send(emulator, "PUT", "/whatsapp-message-template", {
        body: { ...template, accessToken: "x" }
      })
      assert.strictEqual(wrong.status, 401)
      const good = yield* write(emulator, "PUT", "/whatsapp-message-template", template)
      assert.strictEqual(good.status, 200)
      assert.deepStrictEqual(yield* emulator.effects, [{ operation: "createTemplate", key: `${wabaId}/welcome/en_US` }])
    }))

  it.scoped("a rejected call changes nothing", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { phoneNumberId } = emulator.credentials
      const answer = yield* send(emulator, "PATCH", "/whatsapp-business-profile", {
        body: { accessToken: "nope", phoneNumberId, profile: { messaging_product: "whatsapp", about: "changed" } }
      })
      assert.strictEqual(answer.status, 401)
      assert.deepStrictEqual(yield* emulator.effects, [])
      const profile = yield* read(emulator, "/whatsapp-business-profile", { phoneNumberId })
      assert.strictEqual(at(profile.body, "data", "about"), undefined)
    }))
})

describe("payload & signed context", () => {
  const options = documentSignedContext

  it.scoped("accepts the document's headers and rejects each way of getting them wrong", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make(options)
      const good = WoztellEmulator.signedContextHeaders(emulator.credentials)
      const payload = good["X-Woztell-Payload"] ?? ""
      const encoded = Buffer.from(payload).toString("base64")
      const attempt = (headers: Record<string, string>) =>
        Effect.map(send(emulator, "GET", "/catalogs", { headers }), (answer) => answer.status)

      assert.deepStrictEqual(good, {
        "X-Woztell-Payload":
          "{\"app\":\"699802d69a73fc555f1c6bc4\",\"appIntegration\":\"696327325430a1cbd131dfdf\",\"channel\":\"696327315430a1f98231dfde\"}",
        "X-Woztell-SignedContext": "1RJ7rKRTHbOBoY95AgtXF5WT2578gy9+b4ekBp727cQ=."
          + "eyJhcHAiOiI2OTk4MDJkNjlhNzNmYzU1NWYxYzZiYzQiLCJhcHBJbnRlZ3JhdGlvbiI6IjY5NjMyNzMyNTQzMGExY2JkMTMxZGZkZiIsImNoYW5uZWwiOiI2OTYzMjczMTU0MzBhMWY5ODIzMWRmZGUifQ=="
      }, "the document's headers: the payload JSON, and signature.base64(payload)")
      assert.strictEqual(yield* attempt(good), 200)

      /** A payload header and a signed context of `signature.base64(signedPayload)`. */
      const context = (header: string, signedPayload: string, signature = options.signature) => ({
        "X-Woztell-Payload": header,
        "X-Woztell-SignedContext": `${signature}.${Buffer.from(signedPayload).toString("base64")}`
      })
      const otherChannel = JSON.stringify({
        app: options.appId,
        appIntegration: options.appIntegrationId,
        channel: "other"
      })
      const otherIntegration = JSON.stringify({ app: options.appId, appIntegration: "x", channel: options.channelId })
      const refused: ReadonlyArray<readonly [Record<string, string>, string]> = [
        [{}, "no headers"],
        [{ "X-Woztell-Payload": payload }, "no signed context"],
        [{ "X-Woztell-SignedContext": `${options.signature}.${encoded}` }, "no payload"],
        [context(payload, payload, "WRONG="), "wrong signature"],
        [
          {
            "X-Woztell-Payload": payload,
            "X-Woztell-SignedContext": `${options.signature}.${encoded.replace(/=+$/, "")}`
          },
          "unpadded base64"
        ],
        [
          { "X-Woztell-Payload": payload, "X-Woztell-SignedContext": options.signature },
          "no payload in the signed context"
        ],
        [context(otherChannel, payload), "payload differs from the signed one"],
        [context(otherChannel, otherChannel), "another channel"],
        [context(otherIntegration, otherIntegration), "another app integration"]
      ]
      for (const [headers, reason] of refused) {
        assert.strictEqual(yield* attempt(headers), 401, reason)
      }
    }))

  it.scoped("signed-context endpoints ignore the access token alone", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const paths = [
        ["GET", "/conversation-analytics"],
        ["GET", "/catalogs"],
        ["GET", "/products"],
        ["GET", "/flow"],
        ["GET", "/flow-screen-payload"],
        ["GET", "/flow-preview"],
        ["GET", "/flow-detail"],
        ["PUT", "/create-flow"],
        ["PATCH", "/flow-metadata"],
        ["PATCH", "/flow-json"],
        ["DELETE", "/flow"],
        ["POST", "/publish-flow"],
        ["POST", "/deprecate-flow"],
        ["POST", "/whatsapp-business-encryption"],
        ["GET", "/whatsapp-business-encryption"]
      ] as const
      for (const [method, path] of paths) {
        const answer = method === "GET"
          ? yield* read(emulator, path)
          : yield* write(emulator, method, path, { flowId: "1", data: { name: "x", categories: ["OTHER"] } })
        assert.strictEqual(answer.status, 401, `${method} ${path}`)
      }
      assert.deepStrictEqual(yield* emulator.effects, [])
    }))

  it.scoped("the display name status needs both the signed context and the token", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { accessToken, phoneNumberId } = emulator.credentials
      const tokenOnly = yield* read(emulator, "/whatsapp-displayname-status", { phoneNumberId })
      assert.strictEqual(tokenOnly.status, 401)
      const signedOnly = yield* signed(emulator, "GET", "/whatsapp-displayname-status", { query: { phoneNumberId } })
      assert.strictEqual(signedOnly.status, 401)
      const both = yield* signed(emulator, "GET", "/whatsapp-displayname-status", {
        query: { phoneNumberId, accessToken }
      })
      assert.strictEqual(both.status, 200)
    }))
})
