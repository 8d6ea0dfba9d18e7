// Requests are sent with the fetch client: it serialises the platform FormData natively.
import { FetchHttpClient, HttpBody, HttpClient, HttpClientRequest } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { NumberLifecycle } from "@wa-admin/core"
import { EmulatorEnvironment } from "@wa-admin/core/testing"
import { Effect, Exit, Logger, Scope, TestClock } from "effect"
import { KaleyraEmulator } from "../../src/emulator/index.js"
import { KaleyraAdmin } from "../../src/index.js"
import { alreadySubmitted, certificateRequired, files } from "../support.js"

const { pdf, png, text } = files

interface Certificate {
  readonly fileName: string
  readonly bytes: Uint8Array
  readonly type?: string
}

const form = (fields: Record<string, string>, certificate?: Certificate): FormData => {
  const data = new FormData()
  for (const [name, value] of Object.entries(fields)) data.append(name, value)
  if (certificate !== undefined) {
    data.append(
      "business_certificate",
      new Blob([new Uint8Array(certificate.bytes)], { type: certificate.type ?? "application/octet-stream" }),
      certificate.fileName
    )
  }
  return data
}

const fields = {
  display_name: "Acme Support",
  wa_number: "+447700900123",
  business_id: "1234567891",
  business_name: "Acme Ltd"
}

const post = (
  emulator: KaleyraEmulator.Emulator,
  body: HttpBody.HttpBody,
  options?: {
    readonly apiKey?: string | null
    readonly sid?: string
    readonly method?: "POST" | "GET"
    readonly path?: string
  }
) =>
  Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    const sid = options?.sid ?? emulator.credentials.sid
    const apiKey = options?.apiKey === undefined ? emulator.credentials.apiKey : options.apiKey
    const path = options?.path ?? `/v1/${sid}/whatsapp/activation`
    let request = HttpClientRequest.make(options?.method ?? "POST")(`${emulator.url}${path}`)
    if (apiKey !== null) request = HttpClientRequest.setHeader(request, "api-key", apiKey)
    if (options?.method !== "GET") request = HttpClientRequest.setBody(request, body)
    const response = yield* client.execute(request)
    const json = yield* response.json
    return { status: response.status, json: json as Record<string, unknown> }
  }).pipe(Effect.scoped, Effect.orDie)

const errorOf = (json: Record<string, unknown>) => json["error"] as Record<string, unknown>

describe("KaleyraEmulator", () => {
  it.scoped("accepts a documented activation and answers I102 shaped like the document's example", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1_700_000_000_000)
      const emulator = yield* KaleyraEmulator.make()
      const { json, status } = yield* post(
        emulator,
        HttpBody.formData(form(fields, { fileName: "certificate.png", bytes: png, type: "image/png" }))
      )
      assert.strictEqual(status, 200)
      assert.strictEqual(json["code"], "I102")
      assert.strictEqual(json["message"], "Activation request created successfully.")
      assert.deepStrictEqual(json["error"], {})
      const [record] = json["data"] as ReadonlyArray<Record<string, unknown>>
      assert.isDefined(record)
      const business = (record?.["business_details"] ?? {}) as Record<string, unknown>
      const phone = (record?.["phone_number"] ?? {}) as Record<string, unknown>
      assert.strictEqual(business["business_id"], "1234567891")
      assert.strictEqual(business["business_name"], "Acme Ltd")
      assert.strictEqual(business["status"], 2)
      assert.strictEqual(business["created_at"], "1700000000")
      assert.isNumber(business["id"])
      assert.isNumber(business["certificate_id"])
      assert.match(String(business["waba_id"]), /^\d+$/)
      assert.match(String(business["namespace"]), /^[0-9a-f_]{36}$/)
      assert.strictEqual(phone["phone_number"], "+447700900123")
      assert.strictEqual(phone["name"], "Acme Support")
      assert.strictEqual(phone["iso_code"], "GB")
      assert.strictEqual(phone["incoming_url"], "")
      assert.strictEqual(phone["status"], 2)
      assert.isNumber(phone["id"])
      assert.strictEqual(record?.["template"], "")

      assert.deepStrictEqual(yield* emulator.effects, [{
        operation: "whatsapp.activation",
        key: emulator.credentials.sid
      }])
      const [activation] = yield* emulator.activations
      assert.strictEqual(activation?.certificate.fileName, "certificate.png")
      assert.deepStrictEqual(activation?.certificate.bytes, png)
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scoped("records every request with its headers and multipart parts, file bytes intact", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make({ sid: "HXAP1234567890IN", apiKey: "Ac4f00ba4221f" })
      yield* post(
        emulator,
        HttpBody.formData(form(fields, { fileName: "scan.pdf", bytes: pdf, type: "application/pdf" }))
      )
      const [request] = yield* emulator.requests
      assert.strictEqual(request?.method, "POST")
      assert.strictEqual(request?.path, "/v1/HXAP1234567890IN/whatsapp/activation")
      assert.strictEqual(request?.headers["api-key"], "Ac4f00ba4221f")
      assert.match(request?.headers["content-type"] ?? "", /^multipart\/form-data; boundary=/)
      const parts = request?.multipart ?? []
      assert.deepStrictEqual(
        parts.filter((part) => part.value !== undefined).map((part) => [part.name, part.value]),
        Object.entries(fields)
      )
      const file = parts.find((part) => part.name === "business_certificate")
      assert.strictEqual(file?.fileName, "scan.pdf")
      assert.strictEqual(file?.contentType, "application/pdf")
      assert.deepStrictEqual(file?.bytes, pdf)

      yield* emulator.clearRequests
      assert.deepStrictEqual(yield* emulator.requests, [])
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scoped("refuses a wrong or missing api key, and a SID that is not the key's", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const body = HttpBody.formData(form(fields, { fileName: "c.png", bytes: png }))
      for (const options of [{ apiKey: null }, { apiKey: "wrong-key-123" }, { sid: "HXOTHER0000IN" }]) {
        const { json, status } = yield* post(emulator, body, options)
        assert.strictEqual(status, 401)
        assert.strictEqual(json["message"], "Incorrect SID or API key.")
      }
      assert.deepStrictEqual(yield* emulator.effects, [])
      assert.strictEqual((yield* emulator.requests).length, 3)
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scoped("answers E939/E413 for a missing certificate", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const { json, status } = yield* post(emulator, HttpBody.formData(form(fields)))
      assert.strictEqual(status, 400)
      assert.deepStrictEqual(json, certificateRequired)
      assert.deepStrictEqual(yield* emulator.effects, [])
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scoped("answers E939/E413 for a certificate that is not a jpeg, jpg, pdf or png, by name or by content", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const certificates: ReadonlyArray<Certificate> = [
        { fileName: "renamed.png", bytes: text, type: "image/png" },
        { fileName: "certificate.txt", bytes: png },
        { fileName: "certificate", bytes: pdf },
        { fileName: "certificate.gif", bytes: Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]) }
      ]
      for (const certificate of certificates) {
        const { json, status } = yield* post(emulator, HttpBody.formData(form(fields, certificate)))
        assert.strictEqual(status, 400, certificate.fileName)
        assert.strictEqual(json["code"], "E939")
        assert.deepStrictEqual(errorOf(json), {
          code: "E413",
          type: "VALIDATION_ERROR",
          parameter: "business_certificate",
          message: "The business_certificate must be a file of type: jpeg,jpg,pdf,png.",
          reference: ""
        })
      }
      assert.deepStrictEqual(yield* emulator.effects, [])
      const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46])
      const accepted = yield* post(emulator, HttpBody.formData(form(fields, { fileName: "photo.JPG", bytes: jpeg })))
      assert.strictEqual(accepted.json["code"], "I102")
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scoped("validates the other fields with the same envelope, naming the parameter", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const certificate = { fileName: "c.png", bytes: png }
      const cases: ReadonlyArray<readonly [Record<string, string>, string]> = [
        [{ ...fields, display_name: " " }, "display_name"],
        [{ ...fields, wa_number: "07700900123" }, "wa_number"],
        [{ ...fields, business_id: "12ab" }, "business_id"],
        [{ ...fields, business_name: "" }, "business_name"]
      ]
      for (const [values, parameter] of cases) {
        const { json, status } = yield* post(emulator, HttpBody.formData(form(values, certificate)))
        assert.strictEqual(status, 400)
        assert.strictEqual(json["code"], "E939")
        assert.strictEqual(errorOf(json)["code"], "E413")
        assert.strictEqual(errorOf(json)["parameter"], parameter)
      }
      assert.deepStrictEqual(yield* emulator.effects, [])
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scoped("a JSON body, as in the document's curl sample, cannot carry the certificate file", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const { json, status } = yield* post(
        emulator,
        HttpBody.unsafeJson({ ...fields, business_certificate: "@cert.png" })
      )
      assert.strictEqual(status, 400)
      assert.strictEqual(errorOf(json)["parameter"], "business_certificate")
      const [request] = yield* emulator.requests
      assert.deepStrictEqual(request?.body, { ...fields, business_certificate: "@cert.png" })
      assert.isUndefined(request?.multipart)
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scoped("answers E939/E937 to a second activation from the same account, with one effect in all", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const body = () => HttpBody.formData(form(fields, { fileName: "c.png", bytes: png }))
      const first = yield* post(emulator, body())
      assert.strictEqual(first.json["code"], "I102")
      const second = yield* post(
        emulator,
        HttpBody.formData(form({ ...fields, wa_number: "+447700900999" }, { fileName: "c.png", bytes: png }))
      )
      assert.strictEqual(second.status, 400)
      assert.deepStrictEqual(second.json, alreadySubmitted)
      assert.strictEqual((yield* emulator.effects).length, 1)
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scoped("answers 404 elsewhere and 405 to other methods on the activation path", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const empty = HttpBody.empty
      const other = yield* post(emulator, empty, { path: `/v1/${emulator.credentials.sid}/whatsapp/activations` })
      assert.strictEqual(other.status, 404)
      const get = yield* post(emulator, empty, { method: "GET" })
      assert.strictEqual(get.status, 405)
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.effect("stops serving when its scope closes", () =>
    Effect.gen(function*() {
      const scope = yield* Scope.make()
      const emulator = yield* Scope.extend(KaleyraEmulator.make(), scope)
      const before = yield* post(emulator, HttpBody.formData(form(fields)))
      assert.strictEqual(before.status, 400)
      yield* Scope.close(scope, Exit.void)
      const client = yield* HttpClient.HttpClient
      const after = yield* Effect.exit(Effect.scoped(client.get(emulator.url)))
      assert.isTrue(Exit.isFailure(after))
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scoped("is available as a layer", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.KaleyraEmulator
      assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+$/)
      assert.deepStrictEqual(emulator.credentials, { sid: "HX1", apiKey: "key-123456" })
    }).pipe(Effect.provide(KaleyraEmulator.layer({ sid: "HX1", apiKey: "key-123456" }))))

  EmulatorEnvironment.run({
    make: KaleyraEmulator.make(),
    names: ["KALEYRA_API_KEY", "KALEYRA_BASE_URL", "KALEYRA_SID"],
    layerConfig: KaleyraAdmin.layerConfig,
    call: () =>
      NumberLifecycle.provision({
        phoneNumber: "+447700900123",
        displayName: "Acme Support",
        providerOptions: {
          kaleyra: { business: { id: "1234567891", name: "Acme Ltd", certificate: { fileName: "c.png", bytes: png } } }
        }
      }).pipe(Effect.provide(Logger.remove(Logger.defaultLogger))),
    reached: (emulator) =>
      Effect.gen(function*() {
        assert.deepStrictEqual(yield* emulator.effects, [{
          operation: "whatsapp.activation",
          key: emulator.credentials.sid
        }])
      })
  })
})
