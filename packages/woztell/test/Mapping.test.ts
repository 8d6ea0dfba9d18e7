/**
 * Wire ↔ domain mappings, both ways: template components, the business profile, number state.
 */
import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Effect, FastCheck, Option, Schema } from "effect"
import { Profile, Template, Vertical } from "@wa-admin/core"
import {
  componentFromWire,
  componentToWire,
  profileFromWire,
  profileToWire,
  registrationFromWire
} from "../src/internal/mapping.js"

/** A component as the mapping can carry it: absent keys and an empty example list read back as none. */
const normalized = (component: Template.Component): unknown => {
  const withoutEmpty =
    component._tag === "BODY" && component.examples !== undefined && component.examples.length === 0
      ? { _tag: "BODY", text: component.text }
      : component
  return JSON.parse(JSON.stringify(withoutEmpty))
}

describe("template components", () => {
  it("every domain component survives the trip to WOZTELL's format and back", () => {
    FastCheck.assert(
      FastCheck.property(Arbitrary.make(Template.Component), (component) => {
        const back = componentFromWire(JSON.parse(JSON.stringify(componentToWire(component))))
        assert.deepStrictEqual(Option.getOrUndefined(back), normalized(component))
      }),
      { numRuns: 300 }
    )
  })

  it("the document's shapes: header_handle for media, header_text for text, body_text, phone_number", () => {
    assert.deepStrictEqual(componentToWire({ _tag: "HEADER", format: "IMAGE", example: "https://example.com/a.png" }), {
      type: "HEADER",
      format: "IMAGE",
      example: { header_handle: ["https://example.com/a.png"] }
    })
    assert.deepStrictEqual(componentToWire({ _tag: "HEADER", format: "TEXT", text: "Hi {{1}}", example: "Ada" }), {
      type: "HEADER",
      format: "TEXT",
      text: "Hi {{1}}",
      example: { header_text: ["Ada"] }
    })
    assert.deepStrictEqual(componentToWire({ _tag: "BODY", text: "hello {{1}}", examples: [["Test"]] }), {
      type: "BODY",
      text: "hello {{1}}",
      example: { body_text: [["Test"]] }
    })
    assert.deepStrictEqual(
      componentToWire({
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

  it("unknown component types and header formats read as nothing", () => {
    assert.isTrue(Option.isNone(componentFromWire({ type: "CAROUSEL", cards: [] })))
    assert.isTrue(Option.isNone(componentFromWire({ type: "HEADER", format: "GIF" })))
    assert.isTrue(Option.isNone(componentFromWire("BODY")))
  })
})

describe("business profile", () => {
  it("a change becomes the PATCH profile object and reads back as the same profile", () => {
    FastCheck.assert(
      FastCheck.property(Arbitrary.make(Profile.ProfileUpdate), (update) => {
        const wire = profileToWire(update)
        assert.strictEqual(wire.messaging_product, "whatsapp")
        const back = profileFromWire(JSON.parse(JSON.stringify(wire)))
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

  it("verticals travel as Meta's codes; UNDEFINED and unknown codes read as no vertical", () => {
    for (const vertical of Vertical.all) {
      const wire = profileToWire(new Profile.ProfileUpdate({ vertical }))
      assert.strictEqual(wire.vertical, Vertical.metaCodes.encode(vertical).pipe((either) => (either._tag === "Right" ? either.right : "")))
      assert.strictEqual(profileFromWire({ vertical: wire.vertical }).vertical, vertical)
    }
    assert.isUndefined(profileFromWire({ vertical: "UNDEFINED" }).vertical)
    assert.isUndefined(profileFromWire({ vertical: "ALCOHOL" }).vertical)
  })

  it("the document's example profile reads as stored, its placeholder photo URL included", () => {
    const profile = profileFromWire({
      about: "Hello this is John!",
      address: "ABC Building",
      description: "Testing 123",
      email: "testemail@woztell.com",
      profile_picture_url: "IMAGE_URL",
      websites: ["https://woztell.com/"],
      vertical: "PROF_SERVICES",
      messaging_product: "whatsapp"
    })
    assert.deepStrictEqual(
      { ...profile },
      {
        about: "Hello this is John!",
        address: "ABC Building",
        description: "Testing 123",
        email: "testemail@woztell.com",
        websites: ["https://woztell.com/"],
        vertical: "ProfessionalServices",
        photoUrl: "IMAGE_URL"
      }
    )
    assert.isTrue(Schema.is(Profile.Profile)(profile))
  })
})

describe("number state", () => {
  const status = (account_mode: string | undefined, code_verification_status: string | undefined) => ({
    id: "123465061846704",
    ...(account_mode === undefined ? {} : { account_mode }),
    ...(code_verification_status === undefined ? {} : { code_verification_status }),
    verified_name: "WozTell Test",
    display_phone_number: "+1 123-321-2652",
    quality_rating: "GREEN",
    is_official_business_account: false,
    messaging_limit_tier: "TIER_1K"
  })

  it.effect("LIVE or VERIFIED → ready; otherwise pending, with WOZTELL's values kept", () =>
    Effect.sync(() => {
      const cases = [
        ["LIVE", "EXPIRED", "ready", "LIVE/EXPIRED"],
        ["SANDBOX", "VERIFIED", "ready", "SANDBOX/VERIFIED"],
        ["SANDBOX", "NOT_VERIFIED", "pending", "SANDBOX/NOT_VERIFIED"],
        [undefined, undefined, "pending", "UNKNOWN/UNKNOWN"]
      ] as const
      for (const [mode, code, state, providerState] of cases) {
        const registration = registrationFromWire("123465061846704", status(mode, code), Option.none())
        assert.strictEqual(registration.state, state, `${mode}/${code}`)
        assert.strictEqual(registration.providerState, providerState)
        assert.strictEqual(registration.details?.["qualityRating"], "GREEN")
        assert.strictEqual(registration.details?.["messagingLimitTier"], "TIER_1K")
        assert.strictEqual(registration.details?.["verifiedName"], "WozTell Test")
        assert.strictEqual(registration.phoneNumber?.e164, "+11233212652")
        assert.strictEqual(registration.detail === undefined, state === "ready")
      }
    }))

  it.effect("the WABA's facts complete the registration", () =>
    Effect.sync(() => {
      const registration = registrationFromWire(
        "123124123232",
        status("LIVE", "VERIFIED"),
        Option.some({ wabaId: "422126422872292", phoneNumberId: "123124123232", name: "My Business", namespace: "2dwsa4" })
      )
      assert.strictEqual(registration.wabaId, "422126422872292")
      assert.strictEqual(registration.details?.["wabaName"], "My Business")
      assert.strictEqual(registration.details?.["namespace"], "2dwsa4")
    }))
})
