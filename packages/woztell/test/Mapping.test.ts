/**
 * Wire ↔ domain, both ways: the wire schemas decode WOZTELL's answers straight into the domain
 * (template components, the business profile, number state, the extensions' models) and encode
 * requests from it.
 */
import { assert, describe, it } from "@effect/vitest"
import { Profile, Template, Vertical } from "@wa-admin/core"
import { Arbitrary, DateTime, Either, FastCheck, Option, Schema } from "effect"
import * as Wire from "../src/internal/wire.js"

/** A component as the wire can carry it: absent keys and an empty example list read back as none. */
const normalized = (component: Template.Component): unknown => {
  const withoutEmpty = component._tag === "BODY" && component.examples !== undefined && component.examples.length === 0
    ? { _tag: "BODY", text: component.text }
    : component
  return JSON.parse(JSON.stringify(withoutEmpty))
}

const encodeComponent = Schema.encodeSync(Wire.Component)
const decodeComponents = Schema.decodeUnknownSync(Wire.Components)
/** Through JSON, as over the wire. */
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

describe("template components", () => {
  it("every domain component survives the trip to WOZTELL's format and back", () => {
    FastCheck.assert(
      FastCheck.property(Arbitrary.make(Template.Component), (component) => {
        const back = decodeComponents([overTheWire(encodeComponent(component))])
        assert.deepStrictEqual(overTheWire(back), [normalized(component)])
      }),
      { numRuns: 300 }
    )
  })

  it("the document's shapes: header_handle for media, header_text for text, body_text, phone_number", () => {
    assert.deepStrictEqual(encodeComponent({ _tag: "HEADER", format: "IMAGE", example: "https://example.com/a.png" }), {
      type: "HEADER",
      format: "IMAGE",
      example: { header_handle: ["https://example.com/a.png"] }
    })
    assert.deepStrictEqual(encodeComponent({ _tag: "HEADER", format: "TEXT", text: "Hi {{1}}", example: "Ada" }), {
      type: "HEADER",
      format: "TEXT",
      text: "Hi {{1}}",
      example: { header_text: ["Ada"] }
    })
    assert.deepStrictEqual(encodeComponent({ _tag: "BODY", text: "hello {{1}}", examples: [["Test"]] }), {
      type: "BODY",
      text: "hello {{1}}",
      example: { body_text: [["Test"]] }
    })
    assert.deepStrictEqual(overTheWire(encodeComponent({ _tag: "BODY", text: "no examples", examples: [] })), {
      type: "BODY",
      text: "no examples"
    })
    assert.deepStrictEqual(
      encodeComponent({
        _tag: "BUTTONS",
        buttons: [
          { _tag: "PHONE_NUMBER", text: "Call", phoneNumber: "+85212769072" },
          { _tag: "URL", text: "Open", url: "https://example.com/{{1}}", example: "https://example.com/a" },
          { _tag: "QUICK_REPLY", text: "yes" }
        ]
      }),
      {
        type: "BUTTONS",
        buttons: [
          { type: "PHONE_NUMBER", text: "Call", phone_number: "+85212769072" },
          { type: "URL", text: "Open", url: "https://example.com/{{1}}", example: ["https://example.com/a"] },
          { type: "QUICK_REPLY", text: "yes" }
        ]
      }
    )
  })

  it("the document's shapes read back into the domain", () => {
    assert.deepStrictEqual(
      decodeComponents([
        { type: "HEADER", format: "TEXT", text: "Hi {{1}}", example: { header_text: ["Ada"] } },
        { type: "BODY", text: "hello {{1}}", example: { body_text: [["Test"]] } },
        { type: "FOOTER", text: "bye" },
        { type: "BUTTONS", buttons: [{ type: "PHONE_NUMBER", text: "Call", phone_number: "+85212769072" }] }
      ]),
      [
        { _tag: "HEADER", format: "TEXT", text: "Hi {{1}}", example: "Ada" },
        { _tag: "BODY", text: "hello {{1}}", examples: [["Test"]] },
        { _tag: "FOOTER", text: "bye" },
        { _tag: "BUTTONS", buttons: [{ _tag: "PHONE_NUMBER", text: "Call", phoneNumber: "+85212769072" }] }
      ]
    )
  })

  it("unknown component types, header formats and buttons read as nothing; the rest is kept", () => {
    assert.deepStrictEqual(
      decodeComponents([{ type: "CAROUSEL", cards: [] }, { type: "HEADER", format: "GIF" }, "BODY"]),
      []
    )
    assert.deepStrictEqual(
      decodeComponents([{
        type: "BUTTONS",
        buttons: [{ type: "FLOW", text: "Open" }, { type: "QUICK_REPLY", text: "Later" }]
      }]),
      [{ _tag: "BUTTONS", buttons: [{ _tag: "QUICK_REPLY", text: "Later" }] }]
    )
    assert.isTrue(
      Either.isLeft(Schema.decodeUnknownEither(Wire.Component)({ type: "CAROUSEL", cards: [] })),
      "a request never carries one"
    )
  })
})

describe("templates", () => {
  const entry = (languages: ReadonlyArray<string>) =>
    Schema.decodeUnknownSync(Wire.TemplateEntry)({
      id: "363730401994967",
      name: "order_update",
      category: "TICKET_UPDATE",
      languages,
      templates: languages.map((language) => ({
        language,
        status: language === "es" ? "PENDING" : "APPROVED",
        rejected_reason: "NONE",
        quality_score: { score: "GREEN" },
        components: [{ type: "BODY", text: `(${language}) Hi` }]
      }))
    })

  it("one Template per language version, renamed into the domain; NONE is no rejection", () => {
    const [template] = Wire.templates(entry(["en_US"]), undefined)
    assert.deepStrictEqual(
      { ...template },
      {
        id: "363730401994967",
        name: "order_update",
        language: "en_US",
        category: "TICKET_UPDATE",
        status: "APPROVED",
        qualityScore: "GREEN",
        components: [{ _tag: "BODY", text: "(en_US) Hi" }]
      }
    )
  })

  it("the entry's id is a version's only when it surely is (one language, or one asked for); the filter applies", () => {
    const both = entry(["en_US", "es"])
    assert.deepStrictEqual(
      Wire.templates(both, undefined).map((template) => [template.language, template.id]),
      [["en_US", undefined], ["es", undefined]]
    )
    const filter = new Template.TemplateFilter({ language: ["es"] })
    assert.deepStrictEqual(Wire.templates(both, filter).map((template) => [template.language, template.id]), [[
      "es",
      "363730401994967"
    ]])
    assert.deepStrictEqual(
      Wire.templates(both, new Template.TemplateFilter({ status: ["APPROVED"] })).map((template) => template.language),
      ["en_US"]
    )
  })
})

const decodeProfile = Schema.decodeUnknownSync(Wire.ProfileResponse)
const encodeChange = Schema.encodeSync(Wire.ProfileChange)

describe("business profile", () => {
  it("a change becomes the PATCH profile object and reads back as the same profile", () => {
    FastCheck.assert(
      FastCheck.property(Arbitrary.make(Profile.ProfileUpdate), (update) => {
        const wire = encodeChange(update)
        assert.strictEqual(wire.messaging_product, "whatsapp")
        const back = decodeProfile({ data: overTheWire(wire) })
        const expected = Object.fromEntries(
          Object.entries(update).filter(
            ([key, value]) =>
              value !== undefined &&
              value !== "" &&
              !(key === "websites" && Array.isArray(value) && value.length === 0)
          )
        )
        assert.deepStrictEqual({ ...back }, expected)
      }),
      { numRuns: 300 }
    )
  })

  const wireProfiles = FastCheck.record(
    {
      about: FastCheck.string({ minLength: 1, maxLength: 139 }),
      email: FastCheck.constantFrom("you@example.com", "info@shop.example"),
      vertical: FastCheck.constantFrom(...Vertical.metaCodes.values),
      websites: FastCheck.array(FastCheck.webUrl({ validSchemes: ["https"] }), { minLength: 1, maxLength: 2 }),
      profile_picture_url: FastCheck.webUrl({ validSchemes: ["https"] })
    },
    { requiredKeys: [] }
  )

  it("a WOZTELL profile survives wire → domain → wire", () => {
    FastCheck.assert(
      FastCheck.property(wireProfiles, (wire) => {
        const domain = decodeProfile({ data: wire })
        assert.instanceOf(domain, Profile.Profile)
        assert.deepStrictEqual(encodeChange(domain), { messaging_product: "whatsapp", ...wire })
      }),
      { numRuns: 300 }
    )
  })

  it("verticals travel as Meta's codes; UNDEFINED and unknown codes read as no vertical", () => {
    for (const vertical of Vertical.all) {
      const wire = encodeChange(new Profile.ProfileUpdate({ vertical }))
      assert.strictEqual(wire.vertical, Either.getOrThrow(Vertical.metaCodes.encode(vertical)))
      assert.strictEqual(decodeProfile({ data: { vertical: wire.vertical } }).vertical, vertical)
    }
    assert.isUndefined(decodeProfile({ data: { vertical: "UNDEFINED" } }).vertical)
    assert.isUndefined(decodeProfile({ data: { vertical: "ALCOHOL" } }).vertical)
  })

  it("the document's example profile reads as stored, its placeholder photo URL included; Meta's array form too", () => {
    const example = {
      about: "Hello this is John!",
      address: "ABC Building",
      description: "Testing 123",
      email: "testemail@woztell.com",
      profile_picture_url: "IMAGE_URL",
      websites: ["https://woztell.com/"],
      vertical: "PROF_SERVICES",
      messaging_product: "whatsapp"
    }
    const expected: Record<string, unknown> = {
      about: "Hello this is John!",
      address: "ABC Building",
      description: "Testing 123",
      email: "testemail@woztell.com",
      websites: ["https://woztell.com/"],
      vertical: "ProfessionalServices",
      photoUrl: "IMAGE_URL"
    }
    assert.deepStrictEqual({ ...decodeProfile({ data: example }) }, expected)
    assert.deepStrictEqual({ ...decodeProfile({ data: [example] }) }, expected)
    assert.deepStrictEqual({ ...decodeProfile({ data: [] }) }, {})
    assert.deepStrictEqual(
      { ...decodeProfile({ data: { about: "", websites: ["", ""] } }) },
      {},
      "empty values are no values"
    )
  })

  it("the PATCH body names the number phoneNumberId and the photo profile_picture_url", () => {
    assert.deepStrictEqual(
      overTheWire(
        Schema.encodeSync(Wire.ProfilePatch)({
          number: "123",
          profile: { photoUrl: "https://x.test/a.png", about: undefined }
        })
      ),
      { phoneNumberId: "123", profile: { messaging_product: "whatsapp", profile_picture_url: "https://x.test/a.png" } }
    )
  })
})

describe("number state", () => {
  const status = (account_mode: string | undefined, code_verification_status: string | undefined) =>
    Schema.decodeUnknownSync(Wire.DisplayNameStatusResponse)({
      ok: 1,
      data: {
        id: "123465061846704",
        ...(account_mode === undefined ? {} : { account_mode }),
        ...(code_verification_status === undefined ? {} : { code_verification_status }),
        verified_name: "WozTell Test",
        display_phone_number: "+1 123-321-2652",
        quality_rating: "GREEN",
        is_official_business_account: false,
        messaging_limit_tier: "TIER_1K"
      }
    })

  it("the status answer reads into NumberStatus, renamed", () => {
    assert.deepStrictEqual(
      { ...status("LIVE", "VERIFIED") },
      {
        phoneNumberId: "123465061846704",
        accountMode: "LIVE",
        codeVerificationStatus: "VERIFIED",
        verifiedName: "WozTell Test",
        displayPhoneNumber: "+1 123-321-2652",
        qualityRating: "GREEN",
        isOfficialBusinessAccount: false,
        messagingLimitTier: "TIER_1K"
      }
    )
  })

  it("LIVE or VERIFIED → ready; otherwise pending, with WOZTELL's values kept", () => {
    const cases = [
      ["LIVE", "EXPIRED", "ready", "LIVE/EXPIRED"],
      ["SANDBOX", "VERIFIED", "ready", "SANDBOX/VERIFIED"],
      ["SANDBOX", "NOT_VERIFIED", "pending", "SANDBOX/NOT_VERIFIED"],
      [undefined, undefined, "pending", "UNKNOWN/UNKNOWN"]
    ] as const
    for (const [mode, code, state, providerState] of cases) {
      const registration = Wire.registration("123465061846704", status(mode, code), Option.none())
      assert.strictEqual(registration.state, state, `${mode}/${code}`)
      assert.strictEqual(registration.providerState, providerState)
      assert.strictEqual(registration.details?.["qualityRating"], "GREEN")
      assert.strictEqual(registration.details?.["messagingLimitTier"], "TIER_1K")
      assert.strictEqual(registration.details?.["verifiedName"], "WozTell Test")
      assert.strictEqual(registration.phoneNumber?.e164, "+11233212652")
      assert.strictEqual(registration.detail === undefined, state === "ready")
    }
  })

  it("the WABA's facts complete the registration", () => {
    const waba = Schema.decodeUnknownSync(Wire.WabaInfoResponse)({
      ok: 1,
      result: {
        wabaId: "422126422872292",
        phoneNumberId: "123124123232",
        name: "My Business",
        namespace: "2dwsa4",
        phoneNumberCC: "1"
      }
    })
    assert.strictEqual(waba.phoneNumberCountryCode, "1", "phoneNumberCC, renamed")
    const registration = Wire.registration("123124123232", status("LIVE", "VERIFIED"), Option.some(waba))
    assert.strictEqual(registration.wabaId, "422126422872292")
    assert.strictEqual(registration.details?.["wabaName"], "My Business")
    assert.strictEqual(registration.details?.["namespace"], "2dwsa4")
  })
})

describe("media", () => {
  it("a document is a file both ways; an unknown fileType leaves the kind to the caller", () => {
    assert.deepStrictEqual(
      Schema.encodeSync(Wire.MediaUpload)({ number: "1", kind: "document", url: "https://x.test/t.pdf" }),
      {
        phoneNumberId: "1",
        type: "file",
        url: "https://x.test/t.pdf"
      }
    )
    assert.isTrue(
      Either.isLeft(
        Schema.encodeEither(Wire.MediaUpload)({ number: "1", kind: "sticker", url: "https://x.test/s.webp" })
      )
    )
    const decode = Schema.decodeUnknownSync(Wire.MediaUploaded)
    assert.deepStrictEqual(decode({ mediaId: "m", fileType: "file" }), { id: "m", kind: "document" })
    assert.deepStrictEqual(decode({ mediaId: "m", fileType: "gif" }), { id: "m" })
    assert.deepStrictEqual(Schema.encodeSync(Wire.MediaUploaded)({ id: "m", kind: "document" }), {
      mediaId: "m",
      fileType: "file"
    })
  })
})

describe("the extensions' models", () => {
  it("a flow's detail reads into FlowDetail, renamed, lists defaulted, its validation errors in every form", () => {
    const detail = Schema.decodeUnknownSync(Wire.FlowDetailResponse)({
      ok: 1,
      id: "1",
      name: "Sign up",
      status: "DRAFT",
      json_version: "3.1",
      preview: { preview_url: "https://business.facebook.com/flow", expires_at: "2024-03-08T04:52:37+0000" },
      validation_errors: ["plain text", { error: "INVALID_PROPERTY", error_type: "JSON", line_start: 3 }, {
        line_start: "x"
      }],
      whatsapp_business_account: { id: "2", timezone_id: "1", message_template_namespace: "ns" }
    })
    assert.deepStrictEqual(detail.categories, [])
    assert.strictEqual(detail.jsonVersion, "3.1")
    assert.deepStrictEqual(detail.waba, { id: "2", timezoneId: "1", messageTemplateNamespace: "ns" })
    assert.strictEqual(detail.preview?.url, "https://business.facebook.com/flow")
    assert.strictEqual(
      detail.preview?.expiresAt === undefined ? undefined : DateTime.formatIso(detail.preview.expiresAt),
      "2024-03-08T04:52:37.000Z"
    )
    assert.deepStrictEqual(
      detail.validationErrors.map((error) => ({ ...error })),
      [
        { message: "plain text" },
        { message: "INVALID_PROPERTY", error: "INVALID_PROPERTY", errorType: "JSON", lineStart: 3 },
        { message: "{\"line_start\":\"x\"}" }
      ]
    )
    assert.isUndefined(
      Schema.decodeUnknownSync(Wire.FlowPreviewResponse)({
        data: { preview_url: "https://x.test", expires_at: "soon" }
      }).expiresAt,
      "a time that cannot be read is left out"
    )
  })

  it("flow requests go out in WOZTELL's names, fields left undefined left out", () => {
    assert.deepStrictEqual(
      overTheWire(
        Schema.encodeSync(Wire.FlowCreation)({
          data: { name: "Copy", categories: ["OTHER"], cloneFlowId: "7", endpointUrl: undefined }
        })
      ),
      { data: { name: "Copy", categories: ["OTHER"], clone_flow_id: "7" } }
    )
    assert.deepStrictEqual(
      overTheWire(
        Schema.encodeSync(Wire.FlowMetadata)({
          flowId: "7",
          data: { name: "New", categories: undefined },
          endpointUrl: "https://x.test/f"
        })
      ),
      { flowId: "7", data: { name: "New" }, endpoint_url: "https://x.test/f" }
    )
  })

  it("data points: UNIX seconds as times, snake_case renamed, and back", () => {
    const wire = {
      start: 1_672_531_200,
      end: 1_672_617_600,
      conversation: 3,
      cost: 0.05,
      phone_number: "85212345678",
      conversation_type: "REGULAR"
    }
    const [point] = Schema.decodeUnknownSync(Wire.ConversationAnalyticsResponse)({
      conversationAnalytics: { data_points: [wire] }
    })
    assert.strictEqual(point?.conversations, 3)
    assert.strictEqual(point?.phoneNumber, "85212345678")
    assert.strictEqual(point === undefined ? undefined : DateTime.toEpochMillis(point.start), 1_672_531_200_000)
    assert.deepStrictEqual(Schema.encodeSync(Wire.ConversationAnalyticsResponse)(point === undefined ? [] : [point]), {
      conversationAnalytics: { data_points: [wire] }
    })
  })

  it("the business public key: the first entry holding one, or none", () => {
    const decode = Schema.decodeUnknownSync(Wire.EncryptionResponse)
    const key = decode({ data: [{}, { business_public_key: "PEM", business_public_key_signature_status: "VALID" }] })
    assert.deepStrictEqual(
      Option.map(key, (found) => ({ ...found })),
      Option.some({ publicKey: "PEM", signatureStatus: "VALID" })
    )
    assert.isTrue(Option.isNone(decode({ data: [{ business_public_key_signature_status: "VALID" }] })))
  })

  it("catalogs and products, renamed", () => {
    const products = Schema.decodeUnknownSync(Wire.ProductsResponse)({
      data: [{ id: "1", name: "Bread", price: "HK$9.00", image_url: "https://x.test/b.png", retailer_id: "r1" }],
      paging: { hasNext: false }
    })
    assert.deepStrictEqual(
      products.data.map((product) => ({ ...product })),
      [{ id: "1", name: "Bread", price: "HK$9.00", imageUrl: "https://x.test/b.png", retailerId: "r1" }]
    )
  })
})
