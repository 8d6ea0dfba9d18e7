import { assert, describe, it } from "@effect/vitest"
import { PhoneNumber } from "@wa-admin/core"
import { FastCheck, Schema } from "effect"
import * as Activation from "../src/internal/activation.js"
import * as Certificate from "../src/internal/certificate.js"
import * as Wire from "../src/internal/wire.js"
import { files } from "./support.js"

// The document's success example, verbatim.
const documentExample = {
  code: "I102",
  message: "Activation request created successfully.",
  data: [
    {
      business_details: {
        id: 2,
        company_id: "ZXXX32d",
        business_id: "123XXXX891",
        business_name: "kaleyra",
        certificate_id: 2521,
        status: 2,
        namespace: "30e1XXX6_bXX8_c216_cd8d_166XXXX02e6d",
        created_at: "157XXXX696",
        modified_at: "1XX04XX895",
        created_by: "185XXXX647",
        modified_by: "185XXXX647",
        waba_id: "2090XXXXX0974XX3"
      },
      phone_number: {
        created_by: "18XXXX5647",
        created_at: "16XXXX7895",
        company_id: "Z82XXXd",
        name: "xyz",
        incoming_url: "",
        phone_number: "+13236xxxxx7",
        country: "pratappur, madhya pradesh",
        status: 2,
        iso_code: "IN",
        id: 131
      },
      template: ""
    }
  ],
  error: {}
}

describe("wire ↔ domain mapping", () => {
  it("the document's I102 example becomes a pending registration keeping both records", () => {
    const answer = Schema.decodeUnknownSync(Wire.ActivationCreated)(documentExample)
    const requested = PhoneNumber.unsafeFromE164("+13236555017")
    const registration = Wire.registration(answer, requested)
    assert.strictEqual(registration.id, "131")
    assert.strictEqual(registration.provider, "kaleyra")
    assert.strictEqual(registration.state, "pending")
    assert.strictEqual(registration.providerState, "2")
    assert.strictEqual(registration.detail, "Activation request created successfully.")
    assert.strictEqual(registration.wabaId, "2090XXXXX0974XX3")
    // The example's number is masked, so the requested number stands in for it.
    assert.strictEqual(registration.phoneNumber?.e164, "+13236555017")
    assert.deepStrictEqual(registration.details, {
      code: "I102",
      businessDetails: {
        id: 2,
        companyId: "ZXXX32d",
        businessId: "123XXXX891",
        businessName: "kaleyra",
        certificateId: 2521,
        status: 2,
        namespace: "30e1XXX6_bXX8_c216_cd8d_166XXXX02e6d",
        createdAt: "157XXXX696",
        modifiedAt: "1XX04XX895",
        createdBy: "185XXXX647",
        modifiedBy: "185XXXX647",
        wabaId: "2090XXXXX0974XX3"
      },
      phoneNumber: {
        id: 131,
        phoneNumber: "+13236xxxxx7",
        name: "xyz",
        incomingUrl: "",
        country: "pratappur, madhya pradesh",
        isoCode: "IN",
        status: 2,
        companyId: "Z82XXXd",
        createdAt: "16XXXX7895",
        createdBy: "18XXXX5647"
      }
    })
  })

  it("a real number in the answer is the registration's number; nulls are dropped", () => {
    const answer = Schema.decodeUnknownSync(Wire.ActivationCreated)({
      ...documentExample,
      data: [
        {
          business_details: { id: "7", waba_id: null, status: null },
          phone_number: { id: "88", phone_number: "+919876543210", country: null }
        }
      ]
    })
    const registration = Wire.registration(answer, PhoneNumber.unsafeFromE164("+447700900123"))
    assert.strictEqual(registration.id, "88")
    assert.strictEqual(registration.phoneNumber?.countryCode, "91")
    assert.isUndefined(registration.wabaId)
    assert.strictEqual(registration.providerState, "I102")
    assert.deepStrictEqual(registration.details?.["businessDetails"], { id: "7" })
    assert.deepStrictEqual(registration.details?.["phoneNumber"], { id: "88", phoneNumber: "+919876543210" })
  })

  it("a numeric WABA id is the registration's as text; a template that says something is kept, an empty one is not", () => {
    const withRecord = (template: unknown) =>
      Wire.registration(
        Schema.decodeUnknownSync(Wire.ActivationCreated)({
          ...documentExample,
          data: [{
            business_details: { id: 7, waba_id: 209012345097433 },
            phone_number: { id: 88, phone_number: "+919876543210", status: 2 },
            template
          }]
        }),
        PhoneNumber.unsafeFromE164("+447700900123")
      )
    const registration = withRecord({ name: "welcome", language: "en" })
    assert.strictEqual(registration.wabaId, "209012345097433")
    assert.strictEqual(registration.providerState, "2")
    assert.deepStrictEqual(registration.details?.["template"], { name: "welcome", language: "en" })
    for (const empty of ["", null]) assert.notProperty(withRecord(empty).details ?? {}, "template")
  })

  it("an answer without data is not an I102", () => {
    assert.isTrue(Schema.is(Wire.ActivationCreated)(Schema.decodeUnknownSync(Wire.ActivationCreated)(documentExample)))
    assert.throws(() => Schema.decodeUnknownSync(Wire.ActivationCreated)({ ...documentExample, data: [] }))
  })

  it("the request becomes the documented form fields", async () => {
    const form = Activation.toForm({
      displayName: "Acme Support",
      phoneNumber: PhoneNumber.unsafeFromE164("+447700900123"),
      businessId: "1234567891",
      businessName: "Acme Ltd",
      certificate: { fileName: "scan", bytes: files.pdf, kind: Certificate.detect(files.pdf) ?? assert.fail("a PDF") }
    })
    const entries: Array<[string, FormDataEntryValue]> = []
    form.forEach((value, name) => entries.push([name, value]))
    assert.deepStrictEqual(
      entries.filter(([, value]) => typeof value === "string"),
      [
        ["display_name", "Acme Support"],
        ["wa_number", "+447700900123"],
        ["business_id", "1234567891"],
        ["business_name", "Acme Ltd"]
      ]
    )
    const file = form.get("business_certificate")
    assert.instanceOf(file, File)
    if (!(file instanceof File)) return
    assert.strictEqual(file.name, "scan.pdf")
    assert.strictEqual(file.type, "application/pdf")
    assert.deepStrictEqual(new Uint8Array(await file.arrayBuffer()), files.pdf)
  })
})

describe("certificate recognition", () => {
  it("knows JPEG, PNG and PDF by their first bytes, and nothing else", () => {
    assert.strictEqual(Certificate.detect(files.jpeg)?.name, "JPEG")
    assert.strictEqual(Certificate.detect(files.png)?.name, "PNG")
    assert.strictEqual(Certificate.detect(files.pdf)?.name, "PDF")
    assert.isUndefined(Certificate.detect(files.text))
    assert.isUndefined(Certificate.detect(Uint8Array.from([0x89, 0x50, 0x4e])))
    assert.isUndefined(Certificate.detect(new Uint8Array()))
    assert.isUndefined(Certificate.detect(Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61])))
  })

  it("any content after a known signature is recognised; content starting otherwise is not", () => {
    const signatures: ReadonlyArray<readonly [string, ReadonlyArray<number>]> = [
      ["JPEG", [0xff, 0xd8, 0xff]],
      ["PNG", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
      ["PDF", [0x25, 0x50, 0x44, 0x46, 0x2d]]
    ]
    FastCheck.assert(
      FastCheck.property(
        FastCheck.constantFrom(...signatures),
        FastCheck.uint8Array({ maxLength: 64 }),
        ([name, signature], rest) => Certificate.detect(Uint8Array.from([...signature, ...rest]))?.name === name
      )
    )
    FastCheck.assert(
      FastCheck.property(
        FastCheck.uint8Array({ minLength: 1, maxLength: 64 }).filter((bytes) =>
          ![0xff, 0x89, 0x25].includes(bytes[0] ?? 0xff)
        ),
        (bytes) => Certificate.detect(bytes) === undefined
      )
    )
  })

  it("keeps a file name that names the content, and appends the content's extension otherwise", () => {
    const pdf = Certificate.detect(files.pdf) ?? assert.fail("a PDF")
    const jpeg = Certificate.detect(files.jpeg) ?? assert.fail("a JPEG")
    assert.strictEqual(Certificate.fileNameFor("certificate.PDF", pdf), "certificate.PDF")
    assert.strictEqual(Certificate.fileNameFor("certificate", pdf), "certificate.pdf")
    assert.strictEqual(Certificate.fileNameFor("certificate.png", pdf), "certificate.png.pdf")
    assert.strictEqual(Certificate.fileNameFor("photo.jpeg", jpeg), "photo.jpeg")
    assert.strictEqual(Certificate.fileNameFor("photo.jpg", jpeg), "photo.jpg")
    assert.strictEqual(Certificate.fileNameFor("photo.txt", jpeg), "photo.txt.jpg")
  })
})
