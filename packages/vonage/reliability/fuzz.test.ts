/**
 * Decoder fuzzing for the Vonage adapter: every wire response schema decodes what its own
 * arbitrary produces, and answers any other body (mutated, a problem body, random JSON) with a
 * typed result — never an exception. Through the adapter's public operations, over a fake
 * `HttpClient` answering such bodies with any status, every call ends in a value or an
 * `AdminError`, never a defect.
 */
import { describe } from "@effect/vitest"
import { BusinessProfile, Media, NumberLifecycle, Templates } from "@wa-admin/core"
import { Fuzz } from "@wa-admin/core/testing"
import { FastCheck as fc, Layer } from "effect"
import { VonageStickers } from "../src/index.js"
import * as Wire from "../src/internal/wire.js"
import { adminOver, anyBody, problemBody } from "./support.js"

const { decoder, seed } = Fuzz
/** Runs per schema and kind of body when decoding directly. */
const decodeRuns = Fuzz.scaled(1000)
/** Runs per operation through the adapter (each is a whole HTTP exchange over the fake). */
const adapterRuns = Fuzz.scaled(50)

/** A valid upload answer: `{ h }` with a handle of 1 to 512 characters. */
const uploadAnswer: fc.Arbitrary<unknown> = fc.record({ h: fc.string({ minLength: 1, maxLength: 512 }) })

const decoders: ReadonlyArray<Fuzz.Decoder> = [
  decoder("Deployment", Wire.Deployment, { toDomain: (deployment) => Wire.registration(deployment, "fallback-id") }),
  decoder("ResendOtpResponse", Wire.ResendOtpResponse),
  decoder("ProfileResponse", Wire.ProfileResponse),
  decoder("ProfilePhotoResponse", Wire.ProfilePhotoResponse),
  decoder("StickerpacksResponse", Wire.StickerpacksResponse),
  decoder("CreatedStickerpack", Wire.CreatedStickerpack),
  decoder("StickerpackResponse", Wire.StickerpackResponse),
  decoder("StickersResponse", Wire.StickersResponse),
  decoder("CreatedSticker", Wire.CreatedSticker),
  decoder("StickerResponse", Wire.StickerResponse),
  decoder("TemplatesPage", Wire.TemplatesPage, {
    toDomain: (page) => ({
      ...page,
      next: page.next === undefined
        ? undefined
        : Wire.nextCursor(page.next, new URL("https://vonage.test/v2/whatsapp-manager/wabas/1/templates"))
    })
  }),
  decoder("Components", Wire.Components),
  decoder("CreatedTemplate", Wire.CreatedTemplate),
  // A handle is a non-empty string of bounded length, a rule the encoded side's arbitrary cannot know.
  { ...decoder("UploadedMedia", Wire.UploadedMedia), valid: uploadAnswer }
]

describe("Vonage decoder fuzzing", () => {
  Fuzz.testDecoders({ decoders, failure: ["problem", problemBody], runs: decodeRuns, seed })

  const deploymentId = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab"
  const pack = { deploymentId, stickerpackId: "pack-1" }
  const wabaId = "190787529545503"
  const valid = Fuzz.encoded
  const anything = fc.constant({})

  const operations: ReadonlyArray<Fuzz.Operation<Layer.Layer.Success<ReturnType<typeof adminOver>>>> = [
    {
      name: "numbers.provision",
      valid: valid(Wire.Deployment),
      run: NumberLifecycle.provision({
        phoneNumber: "+447700900001",
        wabaId: "123456789123",
        verificationMethod: "sms",
        providerOptions: { vonage: { vnameCertificate: "AbCdEFGHiJK123456" } }
      })
    },
    { name: "numbers.status", valid: valid(Wire.Deployment), run: NumberLifecycle.status({ id: deploymentId }) },
    { name: "numbers.verify", valid: anything, run: NumberLifecycle.verifyCode({ id: deploymentId, code: "123456" }) },
    {
      name: "numbers.resend",
      valid: valid(Wire.ResendOtpResponse),
      run: NumberLifecycle.resendCode({ id: deploymentId })
    },
    { name: "numbers.release", valid: anything, run: NumberLifecycle.release({ id: deploymentId }) },
    { name: "profile.get", valid: valid(Wire.ProfileResponse), run: BusinessProfile.get({ number: deploymentId }) },
    {
      name: "profile.update",
      valid: valid(Wire.ProfileResponse),
      run: BusinessProfile.update({
        number: deploymentId,
        profile: { about: "Fresh bread", vertical: "Grocery", photoUrl: "https://example.com/logo.png" }
      })
    },
    {
      name: "profile.photo.get",
      valid: valid(Wire.ProfilePhotoResponse),
      run: BusinessProfile.getPhoto({ number: deploymentId })
    },
    {
      name: "profile.photo.set",
      valid: valid(Wire.ProfilePhotoResponse),
      run: BusinessProfile.setPhoto({ number: deploymentId, url: "https://example.com/logo.png" })
    },
    {
      name: "stickers.listStickerpacks",
      valid: valid(Wire.StickerpacksResponse),
      run: VonageStickers.listStickerpacks({ deploymentId })
    },
    {
      name: "stickers.listWhatsAppStickerpacks",
      valid: valid(Wire.StickerpacksResponse),
      run: VonageStickers.listWhatsAppStickerpacks({ deploymentId })
    },
    {
      name: "stickers.createStickerpack",
      valid: valid(Wire.CreatedStickerpack),
      run: VonageStickers.createStickerpack({ deploymentId, publisher: "Acme", name: "Classics" })
    },
    {
      name: "stickers.getStickerpack",
      valid: valid(Wire.StickerpackResponse),
      run: VonageStickers.getStickerpack(pack)
    },
    { name: "stickers.listStickers", valid: valid(Wire.StickersResponse), run: VonageStickers.listStickers(pack) },
    {
      name: "stickers.createSticker",
      valid: valid(Wire.CreatedSticker),
      run: VonageStickers.createSticker({ ...pack, imageDataId: "media-1", emojis: ["🐥"] })
    },
    {
      name: "stickers.getSticker",
      valid: valid(Wire.StickerResponse),
      run: VonageStickers.getSticker({ ...pack, index: "1" })
    },
    { name: "stickers.deleteSticker", valid: anything, run: VonageStickers.deleteSticker({ ...pack, index: "1" }) },
    ...Fuzz.templatesByPage(wabaId, valid(Wire.TemplatesPage)),
    {
      name: "templates.create",
      valid: valid(Wire.CreatedTemplate),
      run: Templates.create({
        wabaId,
        template: {
          name: "order",
          language: "en_US",
          category: "UTILITY",
          components: [{ _tag: "BODY", text: "Your order" }]
        }
      })
    },
    {
      name: "templates.create (media header from a URL)",
      valid: uploadAnswer,
      run: Templates.create({
        wabaId,
        template: {
          name: "promo",
          language: "en_US",
          category: "MARKETING",
          components: [{ _tag: "HEADER", format: "IMAGE", example: "https://files.test/header.png" }, {
            _tag: "BODY",
            text: "Sale"
          }]
        }
      })
    },
    {
      name: "media.templateAsset",
      valid: uploadAnswer,
      run: Media.uploadTemplateAsset({ wabaId, kind: "image", url: "https://files.test/header.png" })
    }
  ]

  // Whatever the answers said (next links anywhere, redirects), requests went only to Vonage
  // and to the caller's file host, and our JWT only to Vonage.
  Fuzz.testOperations({
    batches: [{ operations, runs: adapterRuns }],
    layer: adminOver,
    bodies: anyBody,
    hosts: { provider: "vonage.test", files: "files.test" },
    seed
  })
})
