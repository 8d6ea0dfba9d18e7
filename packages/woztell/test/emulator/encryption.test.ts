import { assert, describe, it } from "@effect/vitest"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Effect } from "effect"
import { generateKeyPairSync } from "node:crypto"
import { errorOf, signed } from "./fixtures.js"

const rsa = (modulusLength: number) =>
  generateKeyPairSync("rsa", {
    modulusLength,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" }
  })

describe("business encryption", () => {
  it.scoped("sets a 2048-bit RSA public key and reads it back", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const none = yield* signed(emulator, "GET", "/whatsapp-business-encryption")
      assert.deepStrictEqual(none.body, { ok: 1, data: [] })
      const { publicKey } = rsa(2048)
      const set = yield* signed(emulator, "POST", "/whatsapp-business-encryption", { body: { publicKey } })
      assert.deepStrictEqual(set.body, { ok: 1 })
      const got = yield* signed(emulator, "GET", "/whatsapp-business-encryption")
      assert.deepStrictEqual(got.body, {
        ok: 1,
        data: [{ business_public_key: publicKey, business_public_key_signature_status: "VALID" }]
      })
      assert.deepStrictEqual(yield* emulator.effects, [
        { operation: "setBusinessPublicKey", key: emulator.credentials.phoneNumberId }
      ])
    }))

  it.scoped("refuses anything but a 2048-bit RSA public key in PEM", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const small = rsa(1024)
      const ec = generateKeyPairSync("ec", {
        namedCurve: "P-256",
        publicKeyEncoding: { type: "spki", format: "pem" },
        privateKeyEncoding: { type: "pkcs8", format: "pem" }
      })
      const cases: ReadonlyArray<readonly [unknown, string]> = [
        [small.publicKey, "2048-bit"],
        [ec.publicKey, "RSA"],
        [rsa(2048).privateKey, "PEM public key"],
        [
          "-----BEGIN PUBLIC KEY-----\nABCDIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAls1409DedWXmHnt0Pb6s\n-----END PUBLIC KEY-----",
          "readable"
        ],
        ["not a key", "PEM public key"],
        [undefined, "publicKey is required"],
        [42, "publicKey must be a string"]
      ]
      for (const [publicKey, expected] of cases) {
        const answer = yield* signed(emulator, "POST", "/whatsapp-business-encryption", { body: { publicKey } })
        assert.strictEqual(answer.status, 400, expected)
        assert.include(errorOf(answer), expected)
      }
      assert.deepStrictEqual((yield* signed(emulator, "GET", "/whatsapp-business-encryption")).body, {
        ok: 1,
        data: []
      })
      assert.deepStrictEqual(yield* emulator.effects, [])
    }))
})
