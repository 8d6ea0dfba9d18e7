import { HttpServerRequest, HttpServerResponse } from "@effect/platform"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import type { Capabilities, NumberLifecycle } from "@wa-admin/core"
import { SampleFiles } from "@wa-admin/core/testing"
import { Effect, Layer, Logger, Redacted, Ref } from "effect"
import type { Scope } from "effect"
import * as Http from "node:http"
import { KaleyraEmulator } from "../src/emulator/index.js"
import { KaleyraAdmin, KaleyraClient } from "../src/index.js"

/** A few real file signatures, padded with some bytes. */
export const files = SampleFiles

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

/** A failure answer as Kaleyra's document shows one: a code and a message, no data, and the inner error. */
export const failure = <E extends object>(code: string, message: string, error: E) => ({
  code,
  message,
  data: [],
  error
})

/** The document's E939 answer to an activation, wrapping the error that refused it. */
export const activationFailed = <E extends object>(error: E) =>
  failure("E939", "Failed to submit request for Whatsapp account activation.", error)

/** The document's failure body for an activation without a certificate, verbatim. */
export const certificateRequired = activationFailed({
  code: "E413",
  type: "VALIDATION_ERROR",
  parameter: "business_certificate",
  message: "business_certificate field is required and cannot be empty.",
  reference: ""
})

/** The document's E939 wrapping E937: the account already submitted an activation. */
export const alreadySubmitted = activationFailed({
  code: "E937",
  message: "This account already has submitted a request for WhatsApp activation.",
  data: []
})
