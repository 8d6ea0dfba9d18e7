import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { NumberLifecycle, Registration } from "@wa-admin/core"
import { Effect, Layer, Redacted } from "effect"
import { KaleyraEmulator } from "../src/emulator/index.js"
import { KaleyraAdmin, KaleyraClient } from "../src/index.js"
import { adminFor, files, provisionRequest, quiet } from "./support.js"

const flipped = <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.flip(self)

describe("KaleyraNumberLifecycle.provision", () => {
  it.scoped("submits the activation as multipart/form-data and answers a pending registration", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const registration = yield* NumberLifecycle.provision(provisionRequest()).pipe(Effect.provide(adminFor(emulator)))

      const [request] = yield* emulator.requests
      assert.strictEqual(request?.method, "POST")
      assert.strictEqual(request?.path, `/v1/${emulator.credentials.sid}/whatsapp/activation`)
      assert.strictEqual(request?.headers["api-key"], emulator.credentials.apiKey)
      assert.match(request?.headers["content-type"] ?? "", /^multipart\/form-data; boundary=/)
      const parts = request?.multipart ?? []
      assert.deepStrictEqual(
        parts.filter((part) => part.bytes === undefined).map((part) => [part.name, part.value]),
        [
          ["display_name", "Acme Support"],
          ["wa_number", "+447700900123"],
          ["business_id", "1234567891"],
          ["business_name", "Acme Ltd"]
        ]
      )
      const file = parts.find((part) => part.name === "business_certificate")
      assert.strictEqual(file?.fileName, "certificate.png")
      assert.strictEqual(file?.contentType, "image/png")
      assert.deepStrictEqual(file?.bytes, files.png)

      const [activation] = yield* emulator.activations
      assert.instanceOf(registration, Registration.Registration)
      assert.strictEqual(registration.provider, "kaleyra")
      assert.strictEqual(registration.state, "pending")
      assert.strictEqual(registration.id, String(activation?.phoneNumberId))
      assert.strictEqual(registration.phoneNumber?.e164, "+447700900123")
      assert.strictEqual(registration.providerState, "2")
      assert.strictEqual(registration.detail, "Activation request created successfully.")
      assert.match(registration.wabaId ?? "", /^\d+$/)
      const details = registration.details ?? {}
      const business = details["businessDetails"] as Record<string, unknown>
      const phone = details["phoneNumber"] as Record<string, unknown>
      assert.strictEqual(details["code"], "I102")
      assert.strictEqual(business["id"], activation?.businessDetailsId)
      assert.strictEqual(business["businessId"], "1234567891")
      assert.strictEqual(business["businessName"], "Acme Ltd")
      assert.strictEqual(business["wabaId"], registration.wabaId)
      assert.strictEqual(phone["name"], "Acme Support")
      assert.strictEqual(phone["phoneNumber"], "+447700900123")
      assert.strictEqual(phone["isoCode"], "GB")
      assert.deepStrictEqual(yield* emulator.effects, [{
        operation: "whatsapp.activation",
        key: emulator.credentials.sid
      }])
    }).pipe(Effect.provide(quiet)))

  it.scoped("sends the same bytes with the fetch client", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const client = KaleyraClient.layer({
        sid: emulator.credentials.sid,
        apiKey: Redacted.make(emulator.credentials.apiKey),
        baseUrl: emulator.url
      }).pipe(Layer.provide(FetchHttpClient.layer))
      const registration = yield* NumberLifecycle.provision(
        provisionRequest({ fileName: "scan.pdf", bytes: files.pdf })
      ).pipe(
        Effect.provide(KaleyraAdmin.layer.pipe(Layer.provide(client)))
      )
      assert.strictEqual(registration.state, "pending")
      const [activation] = yield* emulator.activations
      assert.deepStrictEqual(activation?.certificate, {
        fileName: "scan.pdf",
        contentType: "application/pdf",
        bytes: files.pdf
      })
    }).pipe(Effect.provide(quiet)))

  it.scoped("names the file after its content when its extension does not say it (Kaleyra checks both)", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      yield* NumberLifecycle.provision(provisionRequest({ fileName: "business-certificate", bytes: files.jpeg })).pipe(
        Effect.provide(adminFor(emulator))
      )
      const [activation] = yield* emulator.activations
      assert.strictEqual(activation?.certificate.fileName, "business-certificate.jpg")
      assert.strictEqual(activation?.certificate.contentType, "image/jpeg")
      assert.deepStrictEqual(activation?.certificate.bytes, files.jpeg)
    }).pipe(Effect.provide(quiet)))

  it.scoped("refuses a renamed text file before sending anything", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const error = yield* NumberLifecycle.provision(
        provisionRequest({ fileName: "certificate.png", bytes: files.text })
      ).pipe(
        flipped,
        Effect.provide(adminFor(emulator))
      )
      assert.strictEqual(error._tag, "InvalidInput")
      if (error._tag !== "InvalidInput") return
      assert.strictEqual(error.source, "local")
      assert.deepStrictEqual(
        error.issues.map((issue) => [issue.field, issue.rule]),
        [[
          "providerOptions.kaleyra.business.certificate",
          "must be a JPEG, PNG or PDF file (judged by its content, not its name)"
        ]]
      )
      assert.deepStrictEqual(yield* emulator.requests, [])
    }).pipe(Effect.provide(quiet)))

  it.scoped("names every missing or broken field and sends nothing", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const issuesOf = (request: typeof Registration.ProvisionRequest.Encoded) =>
        NumberLifecycle.provision(request).pipe(
          flipped,
          Effect.map((error) =>
            error._tag === "InvalidInput" ? error.issues.map((issue) => [issue.field, issue.rule]) : [[error._tag]]
          ),
          Effect.provide(adminFor(emulator))
        )
      const phoneNumber = provisionRequest().phoneNumber
      const missing = yield* issuesOf({ phoneNumber })
      assert.deepStrictEqual(missing, [
        ["displayName", "is required by Kaleyra's activation"],
        ["providerOptions.kaleyra", "is required by Kaleyra's activation"]
      ])
      const broken = yield* issuesOf({
        phoneNumber,
        displayName: "   ",
        providerOptions: { kaleyra: { business: { id: "1234567891", name: " " } } }
      })
      assert.deepStrictEqual(broken, [
        ["displayName", "must not be blank"],
        ["providerOptions.kaleyra.business.name", "must not be blank"],
        ["providerOptions.kaleyra.business.certificate", "is required by Kaleyra's activation"]
      ])
      const valid = provisionRequest()
      const business = valid.providerOptions.kaleyra.business
      const withBusiness = (patch: Partial<typeof business>) => ({
        ...valid,
        providerOptions: { kaleyra: { business: { ...business, ...patch } } }
      })
      const empty = yield* issuesOf(withBusiness({ certificate: { fileName: "c.png", bytes: new Uint8Array() } }))
      assert.deepStrictEqual(empty, [["providerOptions.kaleyra.business.certificate", "must not be empty"]])
      const badId = yield* issuesOf(withBusiness({ id: "12-34" }))
      assert.deepInclude(badId, ["providerOptions.kaleyra.business.id", "must be digits"])
      const badNumber = yield* issuesOf({ ...valid, phoneNumber: "07700900123" })
      assert.deepStrictEqual(badNumber.map(([field]) => field), ["phoneNumber"])
      assert.deepStrictEqual(yield* emulator.requests, [])
    }).pipe(Effect.provide(quiet)))
})
