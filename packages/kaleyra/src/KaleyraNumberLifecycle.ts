/**
 * Number provisioning through Kaleyra's legacy WhatsApp activation: `provision` only.
 *
 * `provision` submits the account's one activation request (`POST /v1/{SID}/whatsapp/activation`,
 * `multipart/form-data`) with the display name, the number, the Facebook business id and name,
 * and the business certificate file. Kaleyra offers nothing to follow, verify, resend or release
 * it, so those operations fail with `Unsupported`.
 *
 * The request needs `displayName` and `business: { id, name, certificate }`; the certificate must
 * be a JPEG, PNG or PDF by its content (a renamed text file is refused before anything is sent)
 * and at most {@link maxCertificateBytes} (20 MiB: Kaleyra's page states no limit) — a larger one
 * is an `InvalidInput` on `providerOptions.kaleyra.business.certificate`, and nothing is sent. {@link readCertificate}
 * reads a certificate file without ever holding more than that limit in memory. The account SID
 * of the client goes into the path as one encoded segment; a SID that cannot be one (empty, `.`,
 * `..`, with `/` …) is an `InvalidInput` naming `sid`, and nothing is sent.
 * The answer is a `pending` registration whose `id` is Kaleyra's phone number record id; both
 * records of the answer are kept in `details` (`businessDetails`, `phoneNumber`).
 *
 * @example
 * import { NumberLifecycle } from "@wa-admin/core"
 * import { KaleyraNumberLifecycle } from "@wa-admin/kaleyra"
 * import { Effect } from "effect"
 *
 * const registration = Effect.flatMap(KaleyraNumberLifecycle.readCertificate("certificate.pdf"), (certificate) =>
 *   NumberLifecycle.provision({
 *     phoneNumber: "+447700900123",
 *     displayName: "Acme Support",
 *     providerOptions: { kaleyra: { business: { id: "1234567891", name: "Acme Ltd", certificate } } }
 *   })
 * )
 *
 * @since 0.1.0
 * @deprecated Kaleyra says its WhatsApp Registration API is no longer in use; this exists only so
 * that migrations can replay that step. Use `@wa-admin/vonage` to provision numbers.
 */
import { FileSystem } from "@effect/platform"
import { type AdminError, NumberLifecycle, Validation } from "@wa-admin/core"
import { Chunk, Effect, Layer, Stream } from "effect"
import { basename } from "node:path"
import * as Activation from "./internal/activation.js"
import * as Certificate from "./internal/certificate.js"
import * as Deprecation from "./internal/deprecation.js"
import * as Endpoints from "./internal/endpoints.js"
import * as Wire from "./internal/wire.js"
import { KaleyraClient, provider } from "./KaleyraClient.js"
import type { Service as ClientService } from "./KaleyraClient.js"

const operation = "numbers.provision"

/**
 * The largest business certificate `provision` sends, in bytes: 20 MiB. Kaleyra's page states no
 * limit; a certificate (a photo, a scan or a PDF of one) is far smaller. A larger file is refused
 * with an `InvalidInput` on `providerOptions.kaleyra.business.certificate` before anything is sent.
 *
 * @since 0.1.0
 * @category constants
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export const maxCertificateBytes: number = Certificate.maxBytes

const refuseCertificate = (rule: string): AdminError.InvalidInput =>
  Validation.invalidInput({ provider, operation }, [{ field: "providerOptions.kaleyra.business.certificate", rule }])

/**
 * Reads a certificate file for `provision` (its name and bytes), never holding more than
 * {@link maxCertificateBytes} in memory: a file larger than that — by its size, or by what reading
 * it finds when it grew meanwhile — is refused with an `InvalidInput` on `providerOptions.kaleyra.business.certificate`
 * before its content is read, and so is a file that cannot be read.
 *
 * @since 0.1.0
 * @category constructors
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export const readCertificate = (
  path: string
): Effect.Effect<typeof Activation.CertificateFile.Type, AdminError.InvalidInput, FileSystem.FileSystem> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const unreadable = (error: { readonly message: string }) => refuseCertificate(`cannot be read: ${error.message}`)
    const info = yield* Effect.mapError(fs.stat(path), unreadable)
    if (info.type !== "File") return yield* Effect.fail(refuseCertificate(`${path} is not a file`))
    const tooLarge = Certificate.sizeRule(Number(info.size))
    if (tooLarge !== undefined) return yield* Effect.fail(refuseCertificate(tooLarge))
    const chunks = yield* fs.stream(path, { bytesToRead: maxCertificateBytes + 1 }).pipe(
      Stream.runCollect,
      Effect.mapError(unreadable)
    )
    const bytes = new Uint8Array(Chunk.reduce(chunks, 0, (total, chunk) => total + chunk.length))
    let offset = 0
    for (const chunk of chunks) {
      bytes.set(chunk, offset)
      offset += chunk.length
    }
    const grown = Certificate.sizeRule(bytes.length)
    if (grown !== undefined) return yield* Effect.fail(refuseCertificate(grown))
    return { fileName: basename(path), bytes }
  })

/**
 * The implementation over a client (without the port's validation and spans; see {@link fromClient}).
 *
 * @since 0.1.0
 * @category constructors
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use; use `@wa-admin/vonage`.
 */
export const implementation = (client: ClientService): NumberLifecycle.Implementation => {
  const activation = Activation.fromProvisionRequest({ provider, operation })
  const activate = client.call(Endpoints.activate)
  return {
    checkProvision: Activation.checkRequest({ provider, operation }),
    provision: (request) =>
      Effect.gen(function*() {
        const checked = yield* activation(request)
        const fields = yield* activate({ sid: client.sid, form: Activation.toForm(checked) })
        return Wire.registration(fields, checked.phoneNumber)
      })
  }
}

/**
 * The number lifecycle service over a client (`provision` only). Logs nothing: the layers and
 * {@link make} say the adapter is deprecated when they are built.
 *
 * @since 0.1.0
 * @category constructors
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use; use `@wa-admin/vonage`.
 */
export const fromClient = (client: ClientService): NumberLifecycle.Service =>
  NumberLifecycle.make(provider, implementation(client))

/**
 * The number lifecycle service over the `KaleyraClient` in context. Building it logs one
 * deprecation warning.
 *
 * @since 0.1.0
 * @category constructors
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use; use `@wa-admin/vonage`.
 */
export const make: Effect.Effect<NumberLifecycle.Service, never, KaleyraClient> = Effect.zipRight(
  Deprecation.warning,
  Effect.map(KaleyraClient, fromClient)
)

/**
 * @since 0.1.0
 * @category layers
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use; use `@wa-admin/vonage`.
 */
export const layer: Layer.Layer<NumberLifecycle.NumberLifecycle, never, KaleyraClient> = Layer.effect(
  NumberLifecycle.NumberLifecycle,
  make
)
