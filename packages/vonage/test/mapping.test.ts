import { assert, describe, it } from "@effect/vitest"
import { PhoneNumber, Profile, Vertical } from "@wa-admin/core"
import { Arbitrary, Either, FastCheck, Option, Schema } from "effect"
import { existingDeploymentId, requestField } from "../src/internal/errors.js"
import { deploymentRequest, numberStates, profileFromWire, profileToWire, registrationFromWire } from "../src/internal/mapping.js"
import * as Wire from "../src/internal/wire.js"

const representable = (vertical: Vertical.Vertical | undefined) =>
  vertical === undefined || Either.isRight(Vertical.vonageNames.encode(vertical))

describe("wire ↔ domain mapping", () => {
  it("every one of the eleven deployment states has a neutral state", () => {
    assert.deepStrictEqual(Object.keys(numberStates).sort(), [...Wire.DeploymentState.literals].sort())
    assert.deepStrictEqual(numberStates, {
      INITIALIZING: "pending",
      CREATING_CLUSTER: "pending",
      CLUSTER_CREATED: "pending",
      CODE_SENT: "code_sent",
      WRONG_CODE: "code_rejected",
      CODE_VERIFIED: "verifying",
      FINALIZING: "verifying",
      READY: "ready",
      ERROR: "failed",
      DELETING: "releasing",
      DELETED: "released"
    })
  })

  it("a deployment keeps Vonage's state and detail and splits nothing it cannot read", () => {
    const decoded = Schema.decodeUnknownSync(Wire.DeploymentResponse)({
      deployment_id: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
      waba_id: "string",
      country_code: 44,
      number: "7700900000",
      api_key: "abcd1234",
      current_state: { title: "ERROR", detail: "Invalid vname certificate" }
    })
    const registration = Option.getOrThrow(registrationFromWire(decoded))
    assert.strictEqual(registration.phoneNumber?.e164, "+447700900000")
    assert.deepStrictEqual(
      [registration.state, registration.providerState, registration.detail],
      ["failed", "ERROR", "Invalid vname certificate"]
    )
    const withoutId = registrationFromWire({ current_state: { title: "READY" } }, "fallback")
    assert.strictEqual(Option.getOrThrow(withoutId).id, "fallback")
    assert.isTrue(Option.isNone(registrationFromWire({ current_state: { title: "READY" } })))
  })

  it("an undocumented deployment state does not decode", () => {
    const result = Schema.decodeUnknownEither(Wire.DeploymentResponse)({ current_state: { title: "PAUSED" } })
    assert.isTrue(Either.isLeft(result))
  })

  it.prop(
    "a phone number goes out as country_code + number and comes back the same",
    [Arbitrary.make(PhoneNumber.FromE164)],
    ([phoneNumber]) => {
      const body = deploymentRequest({ phoneNumber, wabaId: "1", vnameCertificate: "c", verificationMethod: "voice" })
      const back = registrationFromWire({
        deployment_id: "d",
        country_code: body.country_code,
        number: body.number,
        current_state: { title: "INITIALIZING" }
      })
      assert.strictEqual(Option.getOrThrow(back).phoneNumber?.e164, phoneNumber.e164)
      assert.strictEqual(`+${body.country_code}${body.number}`, phoneNumber.e164)
    }
  )

  const domainProfiles = Arbitrary.make(Profile.Profile).filter((profile) => representable(profile.vertical))

  it.prop("a profile survives domain → wire → domain", [domainProfiles], ([profile]) => {
    const { photoUrl: _, ...fields } = profile
    const wire = Either.getOrThrow(profileToWire(fields))
    const back = Either.getOrThrow(profileFromWire(wire))
    assert.deepStrictEqual({ ...back }, Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)))
  })

  const wireProfiles = FastCheck.record(
    {
      about: FastCheck.string({ minLength: 1, maxLength: 139 }),
      vertical: FastCheck.constantFrom(...Vertical.vonageNames.values),
      websites: FastCheck.array(FastCheck.webUrl({ validSchemes: ["https"] }), { minLength: 1, maxLength: 2 }),
      email: FastCheck.constantFrom("you@example.com", "info@shop.example")
    },
    { requiredKeys: [] }
  )

  it.prop("a Vonage profile survives wire → domain → wire", [wireProfiles], ([wire]) => {
    const domain = Either.getOrThrow(profileFromWire(wire))
    assert.deepStrictEqual(Either.getOrThrow(profileToWire(domain)), wire)
  })

  it("verticals are spelled as Vonage names them; NotABusiness has no spelling", () => {
    assert.deepStrictEqual(Either.getOrThrow(profileToWire({ vertical: "Government" })), { vertical: "Public Service" })
    assert.isTrue(Either.isLeft(profileToWire({ vertical: "NotABusiness" })))
    assert.deepStrictEqual(Either.getOrThrow(profileFromWire({ vertical: "Beauty, Spa and Salon" })).vertical, "Beauty")
    const unknown = profileFromWire({ vertical: "Bakeries" })
    assert.isTrue(Either.isLeft(unknown))
    assert.match(Either.isLeft(unknown) ? unknown.left : "", /^vertical: /)
  })

  it("sticker emojis are read flat or nested, and flattened", () => {
    const decode = Schema.decodeUnknownSync(Wire.StickerIndexsResponse)
    const nested = decode({ stickers: [{ id: "s", image_data_id: "i", emojis: [["🐥", "😃"]] }] })
    const flat = decode({ stickers: [{ id: "s", image_data_id: "i", emojis: ["🐥", "😃"] }] })
    const mixed = decode({ stickers: [{ emojis: ["🐥", ["😃", "🎉"]] }] })
    assert.deepStrictEqual(nested.stickers[0]?.emojis, ["🐥", "😃"])
    assert.deepStrictEqual(flat.stickers[0]?.emojis, ["🐥", "😃"])
    assert.deepStrictEqual(mixed.stickers[0]?.emojis, ["🐥", "😃", "🎉"])
    assert.deepStrictEqual(decode({}).stickers, [])
  })

  it("the existing deployment id is read from a number-in-use detail", () => {
    assert.strictEqual(
      existingDeploymentId("Active deployment already exists with id 21801df5-a3f6-4bd6-8b66-5bde51a909c7"),
      "21801df5-a3f6-4bd6-8b66-5bde51a909c7"
    )
    assert.strictEqual(existingDeploymentId("Active deployment already exists with id dep_42"), "dep_42")
    assert.isUndefined(existingDeploymentId("Number already in use"))
    assert.isUndefined(existingDeploymentId(undefined))
  })

  it("invalid parameters are named by the caller's field", () => {
    assert.strictEqual(requestField("numbers.provision", "waba_id"), "wabaId")
    assert.strictEqual(requestField("profile.update", "websites.1"), "profile.websites.1")
    assert.strictEqual(requestField("profile.photo.set", "image_url"), "url")
    assert.strictEqual(requestField("numbers.status", "something"), "something")
  })
})
