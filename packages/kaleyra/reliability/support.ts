/**
 * Reliability harness for the (deprecated) Kaleyra adapter: a fake `HttpClient` that answers
 * whatever a test scripts (for answers the emulator never gives), the adapter over it or over a
 * real emulator, and the failure bodies the decoder fuzzing feeds it (the fuzzing machinery is core/testing's `Fuzz`).
 */
import type { HttpClient } from "@effect/platform"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import type { Capabilities, NumberLifecycle } from "@wa-admin/core"
import { EmulatorHost, FakeHttp, Fuzz } from "@wa-admin/core/testing"
import { FastCheck as fc, Layer, Redacted } from "effect"
import { KaleyraEmulator } from "../src/emulator/index.js"
import { KaleyraAdmin, KaleyraClient } from "../src/index.js"
import { provisionRequest as acceptedRequest } from "../test/support.js"

/** The shared fake `HttpClient` (@wa-admin/core/testing). */
export const { fakeHttp } = FakeHttp
const { json } = Fuzz

/** A few real file signatures and a renamed text file (shared with the unit tests). */
export { files } from "../test/support.js"

/** A provisioning request Kaleyra's activation accepts (a PNG certificate). */
export const provisionRequest = acceptedRequest()

// ---------------------------------------------------------------------------------------------
// The adapter over a fake HttpClient
// ---------------------------------------------------------------------------------------------

/** The base URL the fake pretends to serve. */
export const fakeBaseUrl = "https://kaleyra.test"

/** The static view of the adapter: `NumberLifecycle` (provision only) and `Capabilities`. */
export type Services = NumberLifecycle.NumberLifecycle | Capabilities.Capabilities

/** The static view of the adapter over an `HttpClient`. */
export const adminOver = (
  http: Layer.Layer<HttpClient.HttpClient>,
  options: { readonly sid?: string; readonly apiKey?: string; readonly baseUrl?: string } = {}
): Layer.Layer<Services> =>
  KaleyraAdmin.layer.pipe(
    Layer.provide(
      KaleyraClient.layer({
        sid: options.sid ?? "HXAP16XXXXXX96IN",
        apiKey: Redacted.make(options.apiKey ?? "Ac4XXXXXXXXXXXXXXXXXXXXXXXXXXXX22f"),
        baseUrl: options.baseUrl ?? fakeBaseUrl
      })
    ),
    Layer.provide(http)
  )

// ---------------------------------------------------------------------------------------------
// The adapter over a real emulator
// ---------------------------------------------------------------------------------------------

/** An emulator on 127.0.0.1 and the adapter over it (undici, as users run it). */
export const emulated = (options: KaleyraEmulator.Options = {}) =>
  EmulatorHost.withAdapter(
    KaleyraEmulator.make(options),
    (emulator) => adminOver(NodeHttpClient.layerUndici, { ...emulator.credentials, baseUrl: emulator.url })
  )

// ---------------------------------------------------------------------------------------------
// Failure bodies and what an operation may be answered with
// ---------------------------------------------------------------------------------------------

const codes = ["I102", "E413", "E937", "E939", "E001", "E401", ""]

/** Kaleyra failure answers as its document shows them, with odd values mixed in. */
export const failureBody: fc.Arbitrary<unknown> = fc.record(
  {
    code: fc.oneof(fc.constantFrom(...codes), fc.string(), json),
    message: fc.oneof(fc.string(), json),
    data: fc.oneof(fc.constant([]), json),
    error: fc.oneof(
      fc.record(
        {
          code: fc.oneof(fc.constantFrom(...codes), fc.string(), json),
          type: fc.oneof(fc.constantFrom("VALIDATION_ERROR", "SERVER_ERROR"), fc.string(), json),
          parameter: fc.oneof(
            fc.constantFrom("business_certificate", "display_name", "wa_number", "business_id", "business_name"),
            fc.string(),
            json
          ),
          message: fc.oneof(fc.string(), json)
        },
        { requiredKeys: [] }
      ),
      json
    )
  },
  { requiredKeys: [] }
)

/** The bodies an activation may be answered with: valid, mutated, a failure, random JSON, or not JSON. */
export const anyBody = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => Fuzz.anyBody(valid, failureBody)
