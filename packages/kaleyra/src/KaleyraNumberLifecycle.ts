/**
 * Number provisioning through Kaleyra's legacy WhatsApp activation: `provision` only.
 *
 * `provision` submits the account's one activation request (`POST /v1/{SID}/whatsapp/activation`,
 * `multipart/form-data`) with the display name, the number, the Facebook business id and name,
 * and the business certificate file. Kaleyra offers nothing to follow, verify, resend or release
 * it, so those operations fail with `Unsupported`.
 *
 * The request needs `displayName` and `business: { id, name, certificate }`; the certificate must
 * be a JPEG, PNG or PDF by its content (a renamed text file is refused before anything is sent).
 * The answer is a `pending` registration whose `id` is Kaleyra's phone number record id; both
 * records of the answer are kept in `details` (`businessDetails`, `phoneNumber`).
 *
 * @example
 * import { NumberLifecycle } from "@wa-admin/core"
 * import { readFileSync } from "node:fs"
 *
 * const registration = NumberLifecycle.provision({
 *   phoneNumber: "+447700900123",
 *   displayName: "Acme Support",
 *   business: {
 *     id: "1234567891",
 *     name: "Acme Ltd",
 *     certificate: { fileName: "certificate.pdf", bytes: readFileSync("certificate.pdf") }
 *   }
 * })
 *
 * @since 0.1.0
 * @deprecated Kaleyra says its WhatsApp Registration API is no longer in use; this exists only so
 * that migrations can replay that step. Use `@wa-admin/vonage` to provision numbers.
 */
import { HttpBody, HttpClientRequest } from "@effect/platform"
import { NumberLifecycle, Registration } from "@wa-admin/core"
import { Effect, Layer } from "effect"
import { KaleyraClient, provider } from "./KaleyraClient.js"
import type { Service as KaleyraClientService } from "./KaleyraClient.js"
import * as Activation from "./internal/activation.js"
import { deprecation } from "./internal/deprecation.js"
import * as Errors from "./internal/errors.js"
import * as Wire from "./internal/wire.js"

const operation = "numbers.provision"

/**
 * The form as multipart bytes with its boundary. Serialising with the platform's own `Response`
 * keeps the body independent of the HTTP client: undici 7 (behind `NodeHttpClient.layerUndici`)
 * does not recognise the global `FormData` of Node 20 and 22 and would fail to send it.
 */
const multipartBody = (form: FormData): Effect.Effect<HttpBody.HttpBody> =>
  Effect.promise(async () => {
    const encoded = new Response(form)
    const bytes = new Uint8Array(await encoded.arrayBuffer())
    return HttpBody.uint8Array(bytes, encoded.headers.get("content-type") ?? "multipart/form-data")
  })

const provisionWith = (client: KaleyraClientService) => {
  const check = Activation.fromProvisionRequest({ provider, operation })
  const decodeEnvelope = client.transport.decode(operation, Wire.Envelope)
  const decodeCreated = client.transport.decode(operation, Wire.ActivationCreated)
  return (request: Registration.ProvisionRequest) =>
    Effect.gen(function* () {
      const activation = yield* check(request)
      const body = yield* multipartBody(Activation.toForm(activation))
      const response = yield* client.transport.execute({
        operation,
        request: client.request("POST", Wire.activationPath(client.sid)).pipe(HttpClientRequest.setBody(body)),
        idempotent: false
      })
      const envelope = yield* decodeEnvelope(response)
      if (envelope.code !== Wire.activationCreated) {
        return yield* Effect.fail(
          Errors.fromAnswer({
            operation,
            status: response.status,
            body: response.body,
            text: response.text,
            scrub: client.transport.scrub
          })
        )
      }
      const created = yield* decodeCreated(response)
      return Activation.toRegistration(created, activation.phoneNumber)
    })
}

/**
 * The number lifecycle service over the `KaleyraClient` in context. Building it logs one
 * deprecation warning.
 *
 * @since 0.1.0
 * @category constructors
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use; use `@wa-admin/vonage`.
 */
export const make: Effect.Effect<NumberLifecycle.Service, never, KaleyraClient> = Effect.gen(function* () {
  const client = yield* KaleyraClient
  yield* Effect.logWarning(`@wa-admin/kaleyra is deprecated: ${deprecation}`).pipe(
    Effect.annotateLogs({ "wa-admin.provider": provider })
  )
  return NumberLifecycle.make(provider, { provision: provisionWith(client) })
})

/**
 * @since 0.1.0
 * @category layers
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use; use `@wa-admin/vonage`.
 */
export const layer: Layer.Layer<NumberLifecycle.NumberLifecycle, never, KaleyraClient> = Layer.effect(
  NumberLifecycle.NumberLifecycle,
  make
)
