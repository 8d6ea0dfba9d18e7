import { HttpServerRequest, HttpServerResponse } from "@effect/platform"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import type { Capabilities, NumberLifecycle } from "@wa-admin/core"
import { Effect, Layer, Logger, Redacted, Ref } from "effect"
import type { Scope } from "effect"
import * as Http from "node:http"
import { KaleyraEmulator } from "../src/emulator/index.js"
import { KaleyraAdmin, KaleyraClient } from "../src/index.js"

/** A few real file signatures, padded with some bytes. */
export const files = {
  png: Uint8Array.from([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    0,
    0,
    0,
    0x0d,
    0x49,
    0x48,
    0x44,
    0x52,
    0,
    0xff,
    0x10
  ]),
  jpeg: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xfe, 0x80]),
  pdf: new TextEncoder().encode("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
  text: new TextEncoder().encode("this is a plain text file that someone renamed\n")
}

/** A request Kaleyra's activation accepts. */
export const provisionRequest = (certificate: { readonly fileName: string; readonly bytes: Uint8Array } = {
  fileName: "certificate.png",
  bytes: files.png
}) => ({
  phoneNumber: "+447700900123",
  displayName: "Acme Support",
  providerOptions: { kaleyra: { business: { id: "1234567891", name: "Acme Ltd", certificate } } }
})

/** The client configured for a base URL and credentials, over undici (as the CLI runs it). */
export const clientLayer = (options: { readonly url: string; readonly sid: string; readonly apiKey: string }) =>
  KaleyraClient.layer({ sid: options.sid, apiKey: Redacted.make(options.apiKey), baseUrl: options.url }).pipe(
    Layer.provide(NodeHttpClient.layerUndici)
  )

/** The client for an emulator, with its credentials unless others are given. */
export const emulatorClient = (emulator: KaleyraEmulator.Emulator, overrides?: { readonly apiKey?: string }) =>
  clientLayer({ url: emulator.url, ...emulator.credentials, ...overrides })

/** The static adapter view against an emulator. */
export const adminFor = (
  emulator: KaleyraEmulator.Emulator,
  overrides?: { readonly apiKey?: string }
): Layer.Layer<NumberLifecycle.NumberLifecycle | Capabilities.Capabilities> =>
  KaleyraAdmin.layer.pipe(Layer.provide(emulatorClient(emulator, overrides)))

/** Keeps the deprecation warning out of the test output. */
export const quiet = Logger.remove(Logger.defaultLogger)

/**
 * A server answering every request with one fixed answer (for replaying the document's failure
 * bodies), counting the requests it got.
 */
export const replay = (
  status: number,
  body: unknown
): Effect.Effect<{ readonly url: string; readonly hits: Effect.Effect<number> }, never, Scope.Scope> =>
  Effect.gen(function*() {
    const hits = yield* Ref.make(0)
    const server = yield* NodeHttpServer.make(() => Http.createServer(), { host: "127.0.0.1", port: 0 }).pipe(
      Effect.orDie
    )
    yield* server.serve(
      Effect.gen(function*() {
        const request = yield* HttpServerRequest.HttpServerRequest
        yield* Effect.ignore(request.arrayBuffer)
        yield* Ref.update(hits, (count) => count + 1)
        return typeof body === "string"
          ? HttpServerResponse.text(body, { status })
          : HttpServerResponse.unsafeJson(body, { status })
      })
    )
    const address = server.address
    const url = address._tag === "TcpAddress" ? `http://${address.hostname}:${address.port}` : ""
    return { url, hits: Ref.get(hits) }
  })

/** The document's failure body for an activation without a certificate, verbatim. */
export const certificateRequired = {
  code: "E939",
  message: "Failed to submit request for Whatsapp account activation.",
  data: [],
  error: {
    code: "E413",
    type: "VALIDATION_ERROR",
    parameter: "business_certificate",
    message: "business_certificate field is required and cannot be empty.",
    reference: ""
  }
}
