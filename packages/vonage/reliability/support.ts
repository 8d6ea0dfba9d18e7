/**
 * Reliability harness for the Vonage adapter: a fake `HttpClient` that answers whatever a test
 * scripts (for answers the emulator never gives), the adapter over it or over a real emulator,
 * and the failure bodies the decoder fuzzing feeds it (the fuzzing machinery is core/testing's `Fuzz`).
 */
import type { HttpClient } from "@effect/platform"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { FakeHttp, Fuzz } from "@wa-admin/core/testing"
import { Context, Effect, FastCheck as fc, Layer } from "effect"
import type { Scope } from "effect"
import { generateKeyPairSync } from "node:crypto"
import { VonageEmulator } from "../src/emulator/index.js"
import { VonageAdmin, VonageClient } from "../src/index.js"
import { codes, templateCodes } from "../src/internal/errors.js"

/** The shared fake `HttpClient` (@wa-admin/core/testing). */
export const { fakeHttp } = FakeHttp
const { json } = Fuzz

/** One RSA key pair for the whole file: the client signs with it, an emulator verifies with it. */
export const keys = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" }
})

// ---------------------------------------------------------------------------------------------
// The adapter over a fake HttpClient
// ---------------------------------------------------------------------------------------------

/** The base URL the fake pretends to serve. */
export const fakeBaseUrl = "https://vonage.test/v0.1/whatsapp-manager"

/** The template API's base URL the fake pretends to serve. */
export const fakeTemplatesUrl = "https://vonage.test/v2/whatsapp-manager"

type AdminServices = Layer.Layer.Success<typeof VonageAdmin.layer>

/** The static view of the adapter over an `HttpClient`, signing with {@link keys}. */
export const adminOver = (
  http: Layer.Layer<HttpClient.HttpClient>,
  options: Partial<VonageClient.Options> = {}
): Layer.Layer<AdminServices | VonageClient.VonageClient> => {
  const client = VonageClient.layer({
    applicationId: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
    privateKey: keys.privateKey,
    baseUrl: fakeBaseUrl,
    templatesUrl: fakeTemplatesUrl,
    ...options
  }).pipe(Layer.provide(http), Layer.orDie)
  return Layer.merge(VonageAdmin.layer.pipe(Layer.provide(client)), client)
}

// ---------------------------------------------------------------------------------------------
// The adapter over a real emulator
// ---------------------------------------------------------------------------------------------

/** The WABA the emulator's template API knows in reliability runs. */
export const templatesWabaId = "190787529545503"

/** An emulator on 127.0.0.1 and the adapter over it (undici, as users run it), both APIs. */
export const emulated = (
  options: VonageEmulator.Options = {}
): Effect.Effect<
  {
    readonly emulator: VonageEmulator.Emulator
    readonly context: Context.Context<AdminServices | VonageClient.VonageClient>
  },
  never,
  Scope.Scope
> =>
  Effect.gen(function*() {
    const emulator = yield* Effect.orDie(
      VonageEmulator.make({
        publicKey: keys.publicKey,
        stageDuration: "20 millis",
        wabas: [templatesWabaId],
        ...options
      })
    )
    const context = yield* Layer.build(
      adminOver(NodeHttpClient.layerUndici, {
        applicationId: emulator.credentials.applicationId,
        baseUrl: emulator.url,
        templatesUrl: emulator.templatesUrl
      })
    )
    return { emulator, context }
  })

// ---------------------------------------------------------------------------------------------
// Failure bodies and what an operation may be answered with
// ---------------------------------------------------------------------------------------------

/** Vonage problem bodies (RFC 7807), well- and ill-formed, with the documented codes and others. */
export const problemBody: fc.Arbitrary<unknown> = fc.record(
  {
    type: fc.oneof(
      fc.constantFrom(...codes.map((code) => `https://developer.vonage.com/api-errors/whatsapp-provisioning#${code}`)),
      fc.constantFrom(
        ...templateCodes.map((code) => `https://developer.vonage.com/api-errors/whatsapp-template-management#${code}`)
      ),
      fc.string(),
      json
    ),
    title: fc.oneof(fc.string(), json),
    detail: fc.oneof(
      fc.string(),
      fc.constant("Active deployment already exists with id 21801df5-0b6f-4c29-b3c8-1c0c5ab6ad4a"),
      json
    ),
    instance: fc.oneof(fc.uuid(), json),
    instance_id: fc.oneof(fc.uuid(), fc.string(), json),
    invalid_parameters: fc.oneof(
      fc.array(fc.record({ name: fc.string(), reason: fc.string() }), { maxLength: 3 }),
      json
    )
  },
  { requiredKeys: [] }
)

/** The bodies an operation may be answered with: valid, mutated, a problem, random JSON, or not JSON. */
export const anyBody = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => Fuzz.anyBody(valid, problemBody)
