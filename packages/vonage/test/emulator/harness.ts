/**
 * Talking to a running Vonage emulator the way any HTTP client would: plain `fetch`, with JWTs
 * signed by jose.
 */
import { assert } from "@effect/vitest"
import { TestRequest } from "@wa-admin/core/testing"
import { Effect } from "effect"
import type { Scope } from "effect"
import type { JWTPayload } from "jose"
import { importPKCS8, SignJWT } from "jose"
import * as Crypto from "node:crypto"
import { VonageEmulator } from "../../src/emulator/index.js"

export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  /** The parsed JSON body; `undefined` when the body is empty. */
  // The emulator's answers are read by path in assertions (a wrong path fails the assertion), as
  // the wire JSON they are: typing each answer would re-state the document the tests check.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any
}

export interface CallOptions {
  /** A JSON body (sent with `Content-Type: application/json`). */
  readonly json?: unknown
  /** A raw body, sent with `contentType`. */
  readonly raw?: string
  readonly contentType?: string
  /** A `multipart/form-data` body (fetch sets the Content-Type with its boundary). */
  readonly form?: FormData
  /** A token to send instead of a valid one; `null` sends no Authorization header. */
  readonly authorization?: string | null
}

export interface Harness {
  readonly emulator: VonageEmulator.Emulator
  /** A valid token for the emulator's application, or one with the given changes. */
  readonly token: (claims?: JWTPayload, options?: { readonly privateKey?: string }) => Effect.Effect<string>
  /** A request to the WhatsApp Manager API (`emulator.url`). */
  readonly call: (method: string, path: string, options?: CallOptions) => Effect.Effect<Answer>
  /** A request to the Template Management API (`emulator.templatesUrl`). */
  readonly callTemplates: (method: string, path: string, options?: CallOptions) => Effect.Effect<Answer>
}

export const signToken = (privateKeyPem: string, claims: JWTPayload): Effect.Effect<string> =>
  Effect.promise(async () => {
    const key = await importPKCS8(privateKeyPem, "RS256")
    return new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT" }).sign(key)
  })

export const fetchAnswer = (url: string, init: RequestInit): Effect.Effect<Answer> =>
  Effect.promise(async () => {
    const response = await fetch(url, init)
    const text = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: text === "" ? undefined : JSON.parse(text)
    }
  })

let sharedKeys: { readonly publicKey: string; readonly privateKey: string } | undefined

/** One RSA key pair per test file: generating one per emulator is slow. */
const keys = () => {
  sharedKeys ??= Crypto.generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" }
  })
  return sharedKeys
}

/**
 * Starts an emulator (on the test's clock) and a client for it. Unless `publicKey` is given the
 * emulator verifies with the file's shared key pair; with `generateKey: true` it makes its own.
 */
export const harness = (
  options: VonageEmulator.Options & { readonly generateKey?: boolean } = {}
): Effect.Effect<Harness, VonageEmulator.StartError, Scope.Scope> =>
  Effect.gen(function*() {
    const { generateKey, ...emulatorOptions } = options
    const shared = generateKey === true || options.publicKey !== undefined ? undefined : keys()
    const emulator = yield* VonageEmulator.make(
      shared === undefined ? emulatorOptions : { ...emulatorOptions, publicKey: shared.publicKey }
    )
    const privateKey = emulator.credentials.privateKey ?? shared?.privateKey
    if (privateKey === undefined) return yield* Effect.dieMessage("no private key to sign with")
    const token: Harness["token"] = (claims, tokenOptions) =>
      signToken(tokenOptions?.privateKey ?? privateKey, {
        application_id: emulator.credentials.applicationId,
        jti: Crypto.randomUUID(),
        ...claims
      })
    const validToken = yield* Effect.cached(token())
    const request = (baseUrl: string): Harness["call"] => (method, path, callOptions = {}) =>
      Effect.gen(function*() {
        const authorization = callOptions.authorization === undefined
          ? `Bearer ${yield* validToken}`
          : callOptions.authorization
        return yield* fetchAnswer(baseUrl + path, TestRequest.init(method, { ...callOptions, authorization }))
      })
    return { emulator, token, call: request(emulator.url), callTemplates: request(emulator.templatesUrl) }
  })

export const deploymentRequest = (overrides: Record<string, unknown> = {}) => ({
  country_code: "44",
  number: "7700900000",
  vname_certificate: "CmEKHQi4",
  method: "sms",
  waba_id: "123456789123",
  ...overrides
})

/** The document's `type` URL for a code. */
export const provisioningType = (code: string) =>
  `https://developer.vonage.com/api-errors/whatsapp-provisioning#${code}`
export const genericType = (code: string) => `https://developer.vonage.com/api-errors#${code}`

/** Asserts that an answer is the problem `type` (its URL in the document) with the HTTP `status`. */
export const assertProblem = (answer: Pick<Answer, "status" | "body">, status: number, type: string): void => {
  assert.strictEqual(answer.status, status)
  assert.strictEqual(answer.body.type, type)
}

/** The document's example stickerpack, as its request body takes it. */
export const stickerpackExample = {
  publisher: "your-publisher-name",
  name: "your-sticker-pack-name",
  ios_app_store_link: "https://itunes.apple.com/app/id3133333",
  android_app_store_link: "https://play.google.com/store/apps/details?id=com.example"
}

/** The document's example profile: every field the profile takes. */
export const fullProfile = {
  about: "about your business",
  address: "123 main street",
  description: "your business description",
  email: "you@example.com",
  vertical: "Food and Grocery",
  websites: ["https://example.com"]
}
