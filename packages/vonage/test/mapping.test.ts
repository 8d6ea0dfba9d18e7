import { assert, describe, it } from "@effect/vitest"
import { PhoneNumber, Profile } from "@wa-admin/core"
import { Arbitrary, Either, FastCheck, Schema } from "effect"
import { existingDeploymentId, requestField } from "../src/internal/errors.js"
import { vonageNames } from "../src/internal/verticals.js"
import * as Wire from "../src/internal/wire.js"

const decodeDeployment = Schema.decodeUnknownSync(Wire.Deployment)
const decodeProfile = Schema.decodeUnknownEither(Wire.ProfileResponse)
const encodeChange = Schema.encodeSync(Wire.ProfileChange)

describe("wire ↔ domain mapping", () => {
  it("every one of the eleven deployment states has a neutral state", () => {
    assert.deepStrictEqual(Object.keys(Wire.numberStates).sort(), [...Wire.DeploymentState.literals].sort())
    const byNeutralState = {
      pending: ["INITIALIZING", "CREATING_CLUSTER", "CLUSTER_CREATED"],
      code_sent: ["CODE_SENT"],
      code_rejected: ["WRONG_CODE"],
      verifying: ["CODE_VERIFIED", "FINALIZING"],
      ready: ["READY"],
      failed: ["ERROR"],
      releasing: ["DELETING"],
      released: ["DELETED"]
    }
    assert.deepStrictEqual(
      Wire.numberStates,
      Object.fromEntries(
        Object.entries(byNeutralState).flatMap(([neutral, states]) => states.map((state) => [state, neutral]))
      )
    )
  })

  it("a deployment keeps Vonage's state and detail and splits nothing it cannot read", () => {
    const deployment = decodeDeployment({
      deployment_id: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
      waba_id: "string",
      country_code: 44,
      number: "7700900000",
      api_key: "abcd1234",
      current_state: { title: "ERROR", detail: "Invalid vname certificate" }
    })
    const registration = Wire.registration(deployment, "unused")
    assert.strictEqual(registration.id, "aaaaaaaa-bbbb-cccc-dddd-0123456789ab")
    assert.strictEqual(registration.phoneNumber?.e164, "+447700900000")
    assert.deepStrictEqual(
      [registration.state, registration.providerState, registration.detail, registration.wabaId],
      ["failed", "ERROR", "Invalid vname certificate", "string"]
    )
    assert.strictEqual(
      Wire.registration(decodeDeployment({ current_state: { title: "READY" } }), "fallback").id,
      "fallback"
    )
    const unparsable = decodeDeployment({ country_code: "44", number: "12", current_state: { title: "READY" } })
    assert.isUndefined(unparsable.phoneNumber, "a number the domain cannot hold is left out, not refused")
  })

  it("an undocumented deployment state does not decode", () => {
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(Wire.Deployment)({ current_state: { title: "PAUSED" } })))
  })

  it.prop(
    "a phone number goes out as country_code + number and comes back the same",
    [Arbitrary.make(PhoneNumber.FromE164)],
    ([phoneNumber]) => {
      const body = Wire.deploymentBody({ phoneNumber, wabaId: "1", verificationMethod: "voice" }, {
        vnameCertificate: "c"
      })
      const back = decodeDeployment({
        deployment_id: "d",
        country_code: body.country_code,
        number: body.number,
        current_state: { title: "INITIALIZING" }
      })
      assert.strictEqual(back.phoneNumber?.e164, phoneNumber.e164)
      assert.strictEqual(`+${body.country_code}${body.number}`, phoneNumber.e164)
      assert.deepStrictEqual([body.method, body.vname_certificate, body.waba_id], ["voice", "c", "1"])
    }
  )

  const domainProfiles = Arbitrary.make(Profile.Profile).filter(
    (profile) => profile.vertical === undefined || Either.isRight(vonageNames.encode(profile.vertical))
  )

  it.prop("a profile survives domain → wire → domain", [domainProfiles], ([profile]) => {
    const { photoUrl: _, ...fields } = profile
    // Through JSON, as over the wire (a field left undefined is left out).
    const back = Either.getOrThrow(decodeProfile(JSON.parse(JSON.stringify(encodeChange(fields)))))
    assert.deepStrictEqual(
      { ...back },
      Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined))
    )
  })

  const wireProfiles = FastCheck.record(
    {
      about: FastCheck.string({ minLength: 1, maxLength: 139 }),
      vertical: FastCheck.constantFrom(...vonageNames.values),
      websites: FastCheck.array(FastCheck.webUrl({ validSchemes: ["https"] }), { minLength: 1, maxLength: 2 }),
      email: FastCheck.constantFrom("you@example.com", "info@shop.example")
    },
    { requiredKeys: [] }
  )

  it.prop("a Vonage profile survives wire → domain → wire", [wireProfiles], ([wire]) => {
    const domain = Either.getOrThrow(decodeProfile(wire))
    assert.instanceOf(domain, Profile.Profile)
    assert.deepStrictEqual(encodeChange(domain), wire)
  })

  it("verticals are spelled as Vonage names them; NotABusiness has no spelling; an unknown one is not quoted", () => {
    assert.deepStrictEqual(encodeChange({ vertical: "Government" }), { vertical: "Public Service" })
    assert.isTrue(Either.isLeft(Schema.encodeEither(Wire.ProfileChange)({ vertical: "NotABusiness" })))
    assert.strictEqual(Either.getOrThrow(decodeProfile({ vertical: "Beauty, Spa and Salon" })).vertical, "Beauty")
    const unknown = decodeProfile({ vertical: "Bakeries" })
    assert.isTrue(Either.isLeft(unknown))
    if (Either.isLeft(unknown)) {
      assert.include(unknown.left.message, "not one of the 17 Vonage vertical names")
      assert.notInclude(unknown.left.message, "Bakeries")
    }
  })

  it("the photo's image_url is the domain's url, both ways", () => {
    assert.deepStrictEqual({
      ...Schema.decodeUnknownSync(Wire.ProfilePhotoResponse)({ image_url: "https://x.test/a.png" })
    }, { url: "https://x.test/a.png" })
    assert.deepStrictEqual(Schema.encodeSync(Wire.ProfilePhotoRequest)({ url: "https://x.test/a.png" }), {
      image_url: "https://x.test/a.png"
    })
  })

  it("stickerpack and sticker fields are renamed both ways", () => {
    assert.deepStrictEqual(
      Schema.encodeSync(Wire.StickerpackRequest)({
        publisher: "Acme",
        name: "Classics",
        iosAppStoreLink: "https://apps.apple.com/x"
      }),
      { publisher: "Acme", name: "Classics", ios_app_store_link: "https://apps.apple.com/x" }
    )
    assert.deepStrictEqual(Schema.encodeSync(Wire.StickerRequest)({ imageDataId: "media-1", emojis: ["🐥"] }), {
      image_data_id: "media-1",
      emojis: ["🐥"]
    })
    const pack = Schema.decodeUnknownSync(Wire.StickerpackResponse)({
      stickerpacks: [{ id: 7, android_app_store_link: "https://play.google.com/x" }]
    })
    assert.deepStrictEqual(pack.stickerpacks, { id: "7", androidAppStoreLink: "https://play.google.com/x" })
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(Wire.CreatedStickerpack)({ stickerpacks: [] })))
  })

  it("sticker emojis are read flat or nested, and flattened", () => {
    const decode = Schema.decodeUnknownSync(Wire.StickerResponse)
    const nested = decode({ stickers: [{ id: "s", image_data_id: "i", emojis: [["🐥", "😃"]] }] })
    const flat = decode({ stickers: [{ id: "s", image_data_id: "i", emojis: ["🐥", "😃"] }] })
    const mixed = decode({ stickers: [{ emojis: ["🐥", ["😃", "🎉"]] }] })
    assert.deepStrictEqual(nested.stickers.emojis, ["🐥", "😃"])
    assert.deepStrictEqual(flat.stickers.imageDataId, "i")
    assert.deepStrictEqual(mixed.stickers.emojis, ["🐥", "😃", "🎉"])
    assert.deepStrictEqual(decode({ stickers: [{}] }).stickers.emojis, [])
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
    assert.strictEqual(
      requestField("numbers.provision", "vname_certificate"),
      "providerOptions.vonage.vnameCertificate"
    )
    assert.strictEqual(requestField("profile.update", "websites.1"), "profile.websites.1")
    assert.strictEqual(requestField("profile.photo.set", "image_url"), "url")
    assert.strictEqual(requestField("numbers.status", "something"), "something")
  })
})
