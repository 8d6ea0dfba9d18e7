import { assert, describe, it } from "@effect/vitest"
import { PhoneNumber, Profile, Template, Vertical } from "@wa-admin/core"
import { Arbitrary, Either, FastCheck, Schema } from "effect"
import { MetaBusinessProfile } from "../src/index.js"
import * as Files from "../src/internal/files.js"
import * as Usage from "../src/internal/usage.js"
import * as Wire from "../src/internal/wire.js"
import { isRecord, schemaNamed } from "./emulator/openapi.js"
import { jpeg, mp4, pdf, png } from "./support.js"

const roundTrip = <A, I>(schema: Schema.Schema<A, I, never>, value: A) => {
  const encoded = Schema.encodeSync(schema)(value)
  return { encoded, decoded: Schema.decodeUnknownSync(schema)(encoded) }
}

describe("wire ↔ domain mapping", () => {
  it("a number addition: cc, the whole number without +, and the verified name; and back", () => {
    const phoneNumber = PhoneNumber.unsafeFromE164("+447700900123")
    const { decoded, encoded } = roundTrip(Wire.NumberAddition, { phoneNumber, displayName: "Bakery" })
    assert.deepStrictEqual(encoded, { cc: "44", phone_number: "447700900123", verified_name: "Bakery" })
    assert.strictEqual(decoded.phoneNumber.e164, "+447700900123")
    assert.isTrue(
      Either.isLeft(
        Schema.decodeUnknownEither(Wire.NumberAddition)({ cc: "1", phone_number: "447700900123", verified_name: "x" })
      )
    )
  })

  it("every phone number encodes and decodes to itself", () => {
    FastCheck.assert(
      FastCheck.property(Arbitrary.make(PhoneNumber.FromE164), (phoneNumber) => {
        const { decoded } = roundTrip(Wire.NumberAddition, { phoneNumber, displayName: "Name" })
        return decoded.phoneNumber.e164 === phoneNumber.e164
      }),
      { numRuns: 200 }
    )
  })

  it("a code request, a code, a registration: Meta's names and spellings, both ways", () => {
    assert.deepStrictEqual(roundTrip(Wire.CodeRequest, { method: "sms" as const, language: "en_US" }).encoded, {
      code_method: "SMS",
      language: "en_US"
    })
    assert.deepStrictEqual(roundTrip(Wire.CodeRequest, { method: "voice" as const, language: "es_ES" }).decoded, {
      method: "voice",
      language: "es_ES"
    })
    assert.deepStrictEqual(roundTrip(Wire.Registering, { pin: "123456" }).encoded, {
      messaging_product: "whatsapp",
      pin: "123456"
    })
    assert.deepStrictEqual(roundTrip(Wire.Registering, { pin: "123456" }).decoded, { pin: "123456" })
  })

  it("a profile change: fields given, the vertical as Meta's code, the photo handle, messaging_product; and back", () => {
    const change = {
      about: "About",
      vertical: "EventPlanning" as const,
      websites: ["https://a.example.com"],
      photoHandle: "4::h"
    }
    const { decoded, encoded } = roundTrip(Wire.ProfileChange, change)
    assert.deepStrictEqual(encoded, {
      messaging_product: "whatsapp",
      about: "About",
      vertical: "EVENT_PLAN",
      websites: ["https://a.example.com"],
      profile_picture_handle: "4::h"
    })
    assert.deepStrictEqual(decoded, change)
  })

  it("every vertical Meta's profile holds encodes to a code of the document's list and reads back as itself", () => {
    const codes = schemaNamed("WhatsAppBusinessVertical")
    const documented = new Set(isRecord(codes) && Array.isArray(codes["enum"]) ? codes["enum"] : [])
    assert.isAtLeast(documented.size, MetaBusinessProfile.verticals.length)
    for (const vertical of MetaBusinessProfile.verticals) {
      const code = Either.getOrThrow(Vertical.metaCodes.encode(vertical))
      assert.isTrue(documented.has(code), code)
      const read = Schema.decodeUnknownSync(Wire.ProfileResponse)({ data: [{ business_profile: { vertical: code } }] })
      assert.strictEqual(read.vertical, vertical)
    }
    assert.notInclude(MetaBusinessProfile.verticals, "NotABusiness")
  })

  it("a profile read encodes back into the document's shape", () => {
    const profile = new Profile.Profile({
      about: "A",
      email: "a@b.co",
      vertical: "Travel",
      websites: ["https://t.example"],
      photoUrl: "https://pps.whatsapp.net/p"
    })
    const { decoded, encoded } = roundTrip(Wire.ProfileResponse, profile)
    assert.deepStrictEqual(encoded, {
      data: [{
        business_profile: {
          about: "A",
          email: "a@b.co",
          vertical: "TRAVEL",
          websites: ["https://t.example"],
          profile_picture_url: "https://pps.whatsapp.net/p"
        }
      }]
    })
    assert.deepStrictEqual({ ...decoded }, { ...profile })
  })

  it("components of every kind, both ways", () => {
    const components: ReadonlyArray<Template.Component> = [
      { _tag: "HEADER", format: "TEXT", text: "Hi {{1}}", example: "Ada" },
      { _tag: "HEADER", format: "DOCUMENT", example: "4::handle" },
      { _tag: "HEADER", format: "LOCATION" },
      { _tag: "BODY", text: "Body {{1}} {{2}}", examples: [["a", "b"]] },
      { _tag: "BODY", text: "Plain" },
      { _tag: "FOOTER", text: "Footer" },
      {
        _tag: "BUTTONS",
        buttons: [
          { _tag: "QUICK_REPLY", text: "Yes" },
          { _tag: "URL", text: "Go", url: "https://x.example/{{1}}", example: "https://x.example/1" },
          { _tag: "URL", text: "Site", url: "https://x.example" },
          { _tag: "PHONE_NUMBER", text: "Call", phoneNumber: "+16467043595" }
        ]
      }
    ]
    const { decoded, encoded } = roundTrip(Schema.Array(Wire.Component), components)
    assert.deepStrictEqual(encoded, [
      { type: "HEADER", format: "TEXT", text: "Hi {{1}}", example: { header_text: ["Ada"] } },
      { type: "HEADER", format: "DOCUMENT", example: { header_handle: ["4::handle"] } },
      { type: "HEADER", format: "LOCATION" },
      { type: "BODY", text: "Body {{1}} {{2}}", example: { body_text: [["a", "b"]] } },
      { type: "BODY", text: "Plain" },
      { type: "FOOTER", text: "Footer" },
      {
        type: "BUTTONS",
        buttons: [
          { type: "QUICK_REPLY", text: "Yes" },
          { type: "URL", text: "Go", url: "https://x.example/{{1}}", example: ["https://x.example/1"] },
          { type: "URL", text: "Site", url: "https://x.example" },
          { type: "PHONE_NUMBER", text: "Call", phone_number: "+16467043595" }
        ]
      }
    ])
    assert.deepStrictEqual(decoded, components)
  })

  it("valid drafts' components survive the wire", () => {
    FastCheck.assert(
      FastCheck.property(Arbitrary.make(Template.ValidComponents), (components) => {
        const { decoded } = roundTrip(Schema.Array(Wire.Component), components)
        return Template.sameContent({ name: "n", language: "en", category: "UTILITY", components }, {
          name: "n",
          language: "en",
          category: "UTILITY",
          components: decoded
        })
      }),
      { numRuns: 100 }
    )
  })

  it("a template as Meta answers it, as the domain's, and back", () => {
    const template = Schema.decodeUnknownSync(Wire.TemplateResponse)({
      id: "920070352646140",
      name: "2023_april_promo",
      language: "en_US",
      category: "MARKETING",
      status: "REJECTED",
      previous_category: "ACCOUNT_UPDATE",
      quality_score: { score: "YELLOW", date: 1 },
      rejected_reason: "INVALID_FORMAT",
      components: [{ type: "BODY", text: "Hi" }]
    })
    assert.deepStrictEqual(
      { ...template },
      {
        id: "920070352646140",
        name: "2023_april_promo",
        language: "en_US",
        category: "MARKETING",
        status: "REJECTED",
        qualityScore: "YELLOW",
        rejectedReason: "INVALID_FORMAT",
        components: [{ _tag: "BODY", text: "Hi" }]
      }
    )
    assert.deepStrictEqual(Schema.encodeSync(Wire.TemplateResponse)(template), {
      id: "920070352646140",
      name: "2023_april_promo",
      language: "en_US",
      category: "MARKETING",
      status: "REJECTED",
      quality_score: { score: "YELLOW" },
      rejected_reason: "INVALID_FORMAT",
      components: [{ type: "BODY", text: "Hi" }]
    })
  })

  it("an upload session id: upload:<session> with its parameters, both ways; anything else refused", () => {
    const decode = Schema.decodeUnknownEither(Wire.UploadSessionResponse)
    assert.deepStrictEqual(Either.getOrThrow(decode({ id: "upload:MTphd+/=_-?sig=ARZ%2Bx" })), {
      session: "MTphd+/=_-",
      query: { sig: "ARZ+x" }
    })
    assert.deepStrictEqual(Schema.encodeSync(Wire.UploadSessionResponse)({ session: "abc", query: { sig: "x y" } }), {
      id: "upload:abc?sig=x+y"
    })
    for (
      const id of [
        "abc",
        "upload:",
        "upload:../x",
        "upload:a b",
        "upload:a?Bad=1",
        "upload:a?sig=1&sig=2",
        `upload:a?${Array.from({ length: 9 }, (_, i) => `p_${"abcdefghi"[i]}=1`).join("&")}`,
        `upload:${"a".repeat(3000)}`
      ]
    ) {
      assert.isTrue(Either.isLeft(decode({ id })), id)
    }
  })

  it("the next cursor: after while next is given or the page is full; never from an empty page", () => {
    const paging = (next: boolean) => ({
      cursors: { after: "A" },
      ...(next ? { next: "https://graph.facebook.com/x" } : {})
    })
    assert.strictEqual(Wire.nextCursor(2, paging(true), 10), "A")
    assert.strictEqual(Wire.nextCursor(10, paging(false), 10), "A")
    assert.strictEqual(Wire.nextCursor(9, paging(false), 10), undefined)
    assert.strictEqual(Wire.nextCursor(0, paging(true), 10), undefined)
    assert.strictEqual(Wire.nextCursor(10, undefined, 10), undefined)
    assert.strictEqual(Wire.nextCursor(10, { cursors: { after: "" }, next: "x" }, 10), undefined)
  })

  it("the lifecycle state of every combination Meta reports", () => {
    const state = (facts: Wire.NumberFacts, codeRejected = false) => Wire.stateOf(facts, { codeRejected })
    assert.deepStrictEqual(state({ status: "PENDING", codeVerificationStatus: "UNVERIFIED" }), {
      state: "code_sent",
      providerState: "UNVERIFIED"
    })
    assert.deepStrictEqual(state({ codeVerificationStatus: "NOT_VERIFIED" }, true), {
      state: "code_rejected",
      providerState: "NOT_VERIFIED"
    })
    assert.deepStrictEqual(state({}), { state: "code_sent", providerState: "UNVERIFIED" })
    assert.deepStrictEqual(state({ codeVerificationStatus: "verified" }), {
      state: "verifying",
      providerState: "VERIFIED"
    })
    assert.deepStrictEqual(state({ status: "CONNECTED", codeVerificationStatus: "EXPIRED" }), {
      state: "ready",
      providerState: "CONNECTED"
    })
    assert.deepStrictEqual(state({ platformType: "CLOUD_API" }), { state: "ready", providerState: "CLOUD_API" })
    assert.deepStrictEqual(state({ status: "DISCONNECTED", platformType: "CLOUD_API" }), {
      state: "released",
      providerState: "DISCONNECTED"
    })
    assert.deepStrictEqual(state({ status: "DELETED" }), { state: "released", providerState: "DELETED" })
    assert.deepStrictEqual(state({ status: "UNLINKED", codeVerificationStatus: "VERIFIED" }), {
      state: "released",
      providerState: "UNLINKED"
    })
    assert.deepStrictEqual(state({ status: "MIGRATED" }), { state: "released", providerState: "MIGRATED" })
    assert.deepStrictEqual(state({ status: "LINKED" }), { state: "ready", providerState: "LINKED" })
    assert.deepStrictEqual(state({ status: "BANNED", platformType: "CLOUD_API" }), {
      state: "failed",
      providerState: "BANNED"
    })
  })
})

describe("usage headers", () => {
  it("a reading is the highest percentage and the longest time to regain access of both headers", () => {
    assert.deepStrictEqual(
      Usage.reading({
        "x-app-usage": JSON.stringify({ call_count: 12, total_cputime: 40, total_time: 7 }),
        "x-business-use-case-usage": JSON.stringify({
          "1": [{
            type: "whatsapp_business_management",
            call_count: 3,
            total_cputime: 91,
            total_time: 5,
            estimated_time_to_regain_access: 2
          }],
          "2": [{ call_count: 1, estimated_time_to_regain_access: 7 }]
        })
      }),
      { percent: 91, regainMillis: 7 * 60_000 }
    )
    assert.isUndefined(Usage.reading({}))
  })

  it("bounded: an overlong header is ignored, at most 64 entries are read, odd numbers skipped", () => {
    const many = JSON.stringify({ a: Array.from({ length: 200 }, (_, index) => ({ call_count: index })) })
    assert.strictEqual(Usage.reading({ "x-business-use-case-usage": many })?.percent, 63)
    assert.isUndefined(Usage.reading({ "x-app-usage": `{"call_count":95}${" ".repeat(Usage.maxHeaderLength)}` }))
    assert.deepStrictEqual(
      Usage.reading({ "x-app-usage": JSON.stringify({ call_count: "95", total_time: -3, total_cputime: null }) }),
      { percent: 0, regainMillis: 0 }
    )
  })

  it("the wait: until the time to regain access, or the pause while usage is high", () => {
    const state = Usage.initial()
    assert.isTrue(Usage.idle(state))
    Usage.record(state, { percent: 50, regainMillis: 30_000 }, 1_000)
    assert.strictEqual(Usage.wait(state, 1_000), 30_000)
    assert.strictEqual(Usage.wait(state, 31_000), 0)
    Usage.record(state, { percent: 90, regainMillis: 0 }, 40_000)
    assert.strictEqual(Usage.wait(state, 40_000), 2_000)
    Usage.record(state, { percent: 89, regainMillis: 0 }, 50_000)
    assert.isTrue(Usage.idle(state))
  })
})

describe("file types", () => {
  it("told by content; the office and text types only when the server names them and the container fits", () => {
    const ascii = (text: string) => new TextEncoder().encode(text)
    assert.strictEqual(Files.typeOf(png, "text/html"), "image/png")
    assert.strictEqual(Files.typeOf(jpeg, "application/octet-stream"), "image/jpeg")
    assert.strictEqual(Files.typeOf(mp4, "image/png"), "video/mp4")
    assert.strictEqual(Files.typeOf(pdf, ""), "application/pdf")
    assert.strictEqual(Files.typeOf(ascii("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "), ""), "image/webp")
    assert.strictEqual(Files.typeOf(ascii("OggS\u0000"), ""), "audio/ogg")
    assert.strictEqual(Files.typeOf(ascii("#!AMR\n"), ""), "audio/amr")
    assert.strictEqual(Files.typeOf(ascii("ID3\u0004"), ""), "audio/mpeg")
    assert.strictEqual(Files.typeOf(new Uint8Array([0xff, 0xf1, 0x50]), ""), "audio/aac")
    assert.strictEqual(Files.typeOf(new Uint8Array([0xff, 0xfb, 0x90]), ""), "audio/mpeg")
    assert.strictEqual(Files.typeOf(new Uint8Array([0, 0, 0, 20, ...ascii("ftyp3gp5")]), ""), "video/3gpp")
    assert.strictEqual(Files.typeOf(new Uint8Array([0, 0, 0, 20, ...ascii("ftypM4A ")]), ""), "audio/mp4")
    assert.isUndefined(Files.typeOf(new Uint8Array([0, 0, 0, 20, ...ascii("ftypqt  ")]), ""))
    const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert.strictEqual(Files.typeOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1]), docx), docx)
    assert.isUndefined(Files.typeOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1]), "application/zip"))
    assert.strictEqual(
      Files.typeOf(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), "application/msword"),
      "application/msword"
    )
    assert.strictEqual(Files.typeOf(ascii("plain text\r\n"), "text/plain"), "text/plain")
    assert.isUndefined(Files.typeOf(ascii("plain\u0000text"), "text/plain"))
    assert.isUndefined(Files.typeOf(ascii("<html>"), "text/html"))
  })
})
