/**
 * Decoder fuzzing for the Vonage adapter: every wire response schema decodes what its own
 * arbitrary produces, and answers any other body (mutated, a problem body, random JSON) with a
 * typed result — never an exception. Through the adapter's public operations, over a fake
 * `HttpClient` answering such bodies with any status, every call ends in a value or an
 * `AdminError`, never a defect.
 */
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Media, NumberLifecycle, Templates } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import { Fuzz, ReliabilityMetrics } from "@wa-admin/core/testing"
import { Arbitrary, Effect, Either, FastCheck as fc, Layer, Schema, Stream } from "effect"
import { VonageStickers } from "../src/index.js"
import * as Wire from "../src/internal/wire.js"
import type { Answer } from "./support.js"
import { adminOver, anyBody, fakeHttp, json, outcomeOf, problemBody, singleAttempt, status } from "./support.js"

/** `WA_ADMIN_FUZZ_SCALE` multiplies every run count (a nightly job may fuzz deeper); `WA_ADMIN_FUZZ_SEED` replays a run. */
const scale = Number(process.env["WA_ADMIN_FUZZ_SCALE"] ?? 1)
const seed = Number(process.env["WA_ADMIN_FUZZ_SEED"] ?? 20240611)
/** Runs per schema and kind of body when decoding directly. */
const decodeRuns = Math.round(1000 * scale)
/** Runs per operation through the adapter (each is a whole HTTP exchange over the fake). */
const adapterRuns = Math.round(50 * scale)

const decoder = <A, I>(name: string, schema: Schema.Schema<A, I, never>, toDomain?: (wire: A) => unknown): Fuzz.Decoder => {
  const decode = Schema.decodeUnknownEither(schema, { errors: "all" })
  return {
    name,
    valid: Arbitrary.make(Schema.encodedSchema(schema)),
    decode: (body) => Either.map(decode(body), (wire) => (toDomain === undefined ? wire : toDomain(wire)))
  }
}

/** A valid upload answer: `{ h }` with a handle of 1 to 512 characters. */
const uploadAnswer: fc.Arbitrary<unknown> = fc.record({ h: fc.string({ minLength: 1, maxLength: 512 }) })

const decoders: ReadonlyArray<Fuzz.Decoder> = [
  decoder("Deployment", Wire.Deployment, (deployment) => Wire.registration(deployment, "fallback-id")),
  decoder("ResendOtpResponse", Wire.ResendOtpResponse),
  decoder("ProfileResponse", Wire.ProfileResponse),
  decoder("ProfilePhotoResponse", Wire.ProfilePhotoResponse),
  decoder("StickerpacksResponse", Wire.StickerpacksResponse),
  decoder("CreatedStickerpack", Wire.CreatedStickerpack),
  decoder("StickerpackResponse", Wire.StickerpackResponse),
  decoder("StickersResponse", Wire.StickersResponse),
  decoder("CreatedSticker", Wire.CreatedSticker),
  decoder("StickerResponse", Wire.StickerResponse),
  decoder("TemplatesPage", Wire.TemplatesPage, (page) => ({
    ...page,
    next: page.next === undefined ? undefined : Wire.nextCursor(page.next, new URL("https://vonage.test/v2/whatsapp-manager/wabas/1/templates"))
  })),
  decoder("Components", Wire.Components),
  decoder("CreatedTemplate", Wire.CreatedTemplate),
  // A handle is a non-empty string of bounded length, a rule the encoded side's arbitrary cannot know.
  { ...decoder("UploadedMedia", Wire.UploadedMedia), valid: uploadAnswer }
]

/** The hostile bodies every decoder meets, generated once. */
const hostile = [
  ["problem", fc.sample(problemBody, { numRuns: decodeRuns, seed })],
  ["random JSON", fc.sample(json, { numRuns: decodeRuns, seed })]
] as const

describe("Vonage decoder fuzzing", () => {
  for (const decoder of decoders) {
    it(`${decoder.name}: its arbitrary decodes; mutated, problem and random bodies give a typed result`, () => {
      const { kinds, problems, runs } = Fuzz.fuzzDecoder(decoder, hostile, decodeRuns, seed)
      ReliabilityMetrics.record({
        area: "fuzz",
        scenariosRun: 1,
        scenariosPassed: problems.length === 0 ? 1 : 0,
        fuzzRuns: runs,
        decoderDefects: problems.length
      })
      assert.strictEqual(runs, decodeRuns * kinds)
      assert.deepStrictEqual(problems.slice(0, 5), [])
    })
  }

  const deploymentId = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab"
  const pack = { deploymentId, stickerpackId: "pack-1" }
  const wabaId = "190787529545503"
  const valid = <A, I>(schema: Schema.Schema<A, I, never>): fc.Arbitrary<unknown> => Arbitrary.make(Schema.encodedSchema(schema))
  const anything = fc.constant({})

  const operations: ReadonlyArray<{
    readonly name: string
    readonly valid: fc.Arbitrary<unknown>
    readonly run: Effect.Effect<unknown, AdminError.AdminError, Layer.Layer.Success<ReturnType<typeof adminOver>>>
  }> = [
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
    { name: "numbers.resend", valid: valid(Wire.ResendOtpResponse), run: NumberLifecycle.resendCode({ id: deploymentId }) },
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
    { name: "profile.photo.get", valid: valid(Wire.ProfilePhotoResponse), run: BusinessProfile.getPhoto({ number: deploymentId }) },
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
    { name: "stickers.getStickerpack", valid: valid(Wire.StickerpackResponse), run: VonageStickers.getStickerpack(pack) },
    { name: "stickers.listStickers", valid: valid(Wire.StickersResponse), run: VonageStickers.listStickers(pack) },
    {
      name: "stickers.createSticker",
      valid: valid(Wire.CreatedSticker),
      run: VonageStickers.createSticker({ ...pack, imageDataId: "media-1", emojis: ["🐥"] })
    },
    { name: "stickers.getSticker", valid: valid(Wire.StickerResponse), run: VonageStickers.getSticker({ ...pack, index: "1" }) },
    { name: "stickers.deleteSticker", valid: anything, run: VonageStickers.deleteSticker({ ...pack, index: "1" }) },
    { name: "templates.list", valid: valid(Wire.TemplatesPage), run: Stream.runDrain(Templates.list({ wabaId, pageSize: 10 })) },
    { name: "templates.get", valid: valid(Wire.TemplatesPage), run: Templates.get({ wabaId, name: "order", language: "en_US" }) },
    {
      name: "templates.create",
      valid: valid(Wire.CreatedTemplate),
      run: Templates.create({
        wabaId,
        template: { name: "order", language: "en_US", category: "UTILITY", components: [{ _tag: "BODY", text: "Your order" }] }
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
          components: [{ _tag: "HEADER", format: "IMAGE", example: "https://files.test/header.png" }, { _tag: "BODY", text: "Sale" }]
        }
      })
    },
    { name: "templates.delete", valid: valid(Wire.TemplatesPage), run: Templates.remove({ wabaId, name: "order", allLanguages: true }) },
    {
      name: "media.templateAsset",
      valid: uploadAnswer,
      run: Media.uploadTemplateAsset({ wabaId, kind: "image", url: "https://files.test/header.png" })
    }
  ]

  it.scopedLive("through every operation over a fake HttpClient: a value or an AdminError, never a defect", () =>
    Effect.gen(function* () {
      let current: Answer = { status: 200, body: {} }
      const http = fakeHttp(() => current)
      const context = yield* Layer.build(adminOver(http.layer))
      let runs = 0
      const problems: Array<string> = []
      const outcomes = { Success: 0, AdminError: 0 }
      for (const operation of operations) {
        const answers = fc.sample(fc.record({ status, body: anyBody(operation.valid) }), { numRuns: adapterRuns, seed })
        for (const answer of answers) {
          current = answer
          runs++
          const outcome = outcomeOf(yield* operation.run.pipe(singleAttempt, Effect.provide(context), Effect.exit))
          if (outcome._tag === "Defect") {
            problems.push(`${operation.name} ← ${answer.status} ${Fuzz.show(answer.body)}: ${outcome.cause.slice(0, 400)}`)
          } else {
            outcomes[outcome._tag]++
          }
        }
      }
      ReliabilityMetrics.record({
        area: "fuzz",
        scenariosRun: operations.length,
        scenariosPassed: operations.filter((operation) => !problems.some((problem) => problem.startsWith(`${operation.name} ←`))).length,
        fuzzRuns: runs,
        decoderDefects: problems.length
      })
      assert.strictEqual(runs, operations.length * adapterRuns)
      assert.strictEqual(http.requests.length >= runs, true)
      // Whatever the answers said (next links anywhere, redirects), requests went only to Vonage
      // and to the caller's file host, and our JWT only to Vonage.
      const hosts = new Set(http.requests.map((request) => new URL(request.url).host))
      assert.deepStrictEqual([...hosts].filter((host) => host !== "vonage.test" && host !== "files.test"), [])
      assert.isFalse(http.requests.some((request) => new URL(request.url).host === "files.test" && request.headers["authorization"] !== undefined))
      assert.deepStrictEqual(problems.slice(0, 5), [])
      // Both kinds of typed results occurred: the fuzzing reached success and failure paths.
      assert.isAbove(outcomes.Success, 0)
      assert.isAbove(outcomes.AdminError, 0)
    }))
})
