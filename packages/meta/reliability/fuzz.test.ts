/**
 * Decoder fuzzing for the Meta adapter: every wire answer schema decodes what its own arbitrary
 * produces, and answers any other body (mutated, a Graph error, random JSON) with a typed result
 * — never an exception. Through the adapter's public operations, over a fake `HttpClient`
 * answering such bodies (with any status and usage headers), every call ends in a value or an
 * `AdminError`, never a defect.
 */
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Media, NumberLifecycle, Templates } from "@wa-admin/core"
import { Fuzz } from "@wa-admin/core/testing"
import { FastCheck as fc, Schema, Stream } from "effect"
import {
  MetaAutomation,
  MetaCommerce,
  MetaFlows,
  MetaMedia,
  MetaNumbers,
  MetaQrCodes,
  MetaTemplates,
  MetaWaba,
  MetaWebhooks
} from "../src/index.js"
import { GraphError } from "../src/internal/errors.js"
import * as Usage from "../src/internal/usage.js"
import * as Wire from "../src/internal/wire.js"
import type { AdminServices } from "./support.js"
import { adminOver, anyBody, flowJson, graphErrorBody, ids, publicKey } from "./support.js"

const { json, seed } = Fuzz
/** Runs per schema and kind of body when decoding directly. */
const decodeRuns = Fuzz.scaled(1000)
/** Runs per port operation through the adapter (each is one or more HTTP exchanges over the fake). */
const adapterRuns = Fuzz.scaled(40)
/**
 * Runs per extension operation through the adapter: fewer, since each extension's answer schema
 * is fuzzed on its own above (`decodeRuns`) and its operation adds only the kit's call around it.
 */
const extensionRuns = Fuzz.scaled(20)

const digits = fc.stringMatching(/^\d{1,20}$/)
const valid = <A, I>(schema: Schema.Schema<A, I, never>): fc.Arbitrary<unknown> => Fuzz.encoded(schema)

/** A wire schema's decoder, fed `validBodies` where its encoded side's arbitrary cannot know the ids' rules. */
const decoder = <A, I>(
  name: string,
  schema: Schema.Schema<A, I, never>,
  validBodies?: fc.Arbitrary<unknown>
): Fuzz.Decoder => {
  const fuzzed = Fuzz.decoder(name, schema)
  return validBodies === undefined ? fuzzed : { ...fuzzed, valid: validBodies }
}

// Answers whose ids and handles have rules their encoded side's arbitrary cannot know.
const idAnswer = fc.record({ id: digits })
const createdTemplate = fc.record({ id: digits, status: fc.string(), category: fc.string() }, { requiredKeys: ["id"] })
const uploadSession = fc.record({ id: fc.stringMatching(/^upload:[A-Za-z0-9+/=_-]{1,64}(\?sig=[A-Za-z0-9]{1,20})?$/) })
const uploadedFile = fc.record({ h: fc.string({ minLength: 1, maxLength: 300 }) })
const mediaInfo = fc.record(
  {
    id: fc.string(),
    url: fc.webUrl(),
    mime_type: fc.string(),
    sha256: fc.string(),
    file_size: fc.oneof(fc.nat(), fc.nat().map(String))
  },
  { requiredKeys: ["id", "url"] }
)

const decoders: ReadonlyArray<Fuzz.Decoder> = [
  Fuzz.decoder("NumberFacts", Wire.NumberFacts, {
    toDomain: (facts) => Wire.registration("1", facts, { codeRejected: false })
  }),
  decoder("AddedNumber", Wire.AddedNumber, idAnswer),
  decoder("NumbersPage", Wire.NumbersPage),
  decoder("Success", Wire.Success),
  decoder("ProfileResponse", Wire.ProfileResponse),
  decoder("ProfilePhotoResponse", Wire.ProfilePhotoResponse),
  decoder("UploadedMedia", Wire.UploadedMedia, idAnswer),
  decoder("MediaInfoResponse", Wire.MediaInfoResponse, mediaInfo),
  decoder("UploadSessionResponse", Wire.UploadSessionResponse, uploadSession),
  decoder("UploadedFile", Wire.UploadedFile, uploadedFile),
  decoder("TemplatesPage", Wire.TemplatesPage),
  decoder("TemplateResponse", Wire.TemplateResponse),
  decoder("CreatedTemplate", Wire.CreatedTemplate, createdTemplate),
  decoder("GraphError", GraphError),
  decoder("FlowsPage", Wire.FlowsPage),
  decoder("FlowResponse", Wire.FlowResponse),
  decoder("CreatedFlow", Wire.CreatedFlow, idAnswer),
  decoder("FlowPreviewResponse", Wire.FlowPreviewResponse),
  decoder("FlowAssetsPage", Wire.FlowAssetsPage),
  decoder("FlowJsonAnswer", Wire.FlowJsonAnswer),
  decoder("FlowMigrationResponse", Wire.FlowMigrationResponse),
  decoder("EncryptionResponse", Wire.EncryptionResponse),
  decoder("QrCodesPage", Wire.QrCodesPage),
  decoder("QrCodeResponse", Wire.QrCodeResponse),
  decoder("SavedQrCode", Wire.SavedQrCode),
  decoder("CommerceResponse", Wire.CommerceResponse),
  decoder("NumberStatusPage", Wire.NumberStatusPage),
  decoder("SubscriptionsResponse", Wire.SubscriptionsResponse),
  decoder("WabaDetails", Wire.WabaDetails),
  decoder("WabasPage", Wire.WabasPage),
  decoder("AssignedUsersPage", Wire.AssignedUsersPage),
  decoder("TemplateMigrationResponse", Wire.TemplateMigrationResponse)
]

/** Usage headers, well- and ill-formed. */
const usageHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    // Below the slow-down threshold: a pause would only make the run slower (its waits are tested apart).
    "x-app-usage": fc.oneof(
      fc.string(),
      json.map((value) => JSON.stringify(value) ?? ""),
      fc.constant("{\"call_count\":35,\"total_time\":1}")
    ),
    "x-business-use-case-usage": fc.oneof(
      fc.string(),
      json.map((value) => JSON.stringify(value) ?? ""),
      fc.constant(JSON.stringify({ "1": [{ call_count: 50, estimated_time_to_regain_access: 0 }] }))
    )
  },
  { requiredKeys: [] }
)

const number = ids.phoneNumberId
const wabaId = ids.wabaId
const businessId = "506914307656634"
const flowId = "1234567890123456"
const code = "ANED2T5QRU7HG2"
const anything = fc.constant({ success: true })

type FuzzedOperation = Fuzz.Operation<AdminServices>

/** Every extension operation, {@link extensionRuns} each. */
const extensionOperations: ReadonlyArray<FuzzedOperation> = [
  { name: "flows.list", valid: valid(Wire.FlowsPage), run: Stream.runDrain(MetaFlows.list({ wabaId, pageSize: 10 })) },
  { name: "flows.create", valid: idAnswer, run: MetaFlows.create({ wabaId, name: "Fuzz", categories: ["OTHER"] }) },
  { name: "flows.get", valid: valid(Wire.FlowResponse), run: MetaFlows.get({ flowId }) },
  { name: "flows.preview", valid: valid(Wire.FlowPreviewResponse), run: MetaFlows.preview({ flowId }) },
  { name: "flows.assets", valid: valid(Wire.FlowAssetsPage), run: MetaFlows.assets({ flowId }) },
  { name: "flows.updateMetadata", valid: anything, run: MetaFlows.updateMetadata({ flowId, name: "Fuzz 2" }) },
  {
    name: "flows.updateJson",
    valid: valid(Wire.FlowJsonAnswer),
    run: MetaFlows.updateJson({ flowId, json: flowJson })
  },
  { name: "flows.publish", valid: anything, run: MetaFlows.publish({ flowId }) },
  { name: "flows.deprecate", valid: anything, run: MetaFlows.deprecate({ flowId }) },
  { name: "flows.delete", valid: anything, run: MetaFlows.remove({ flowId }) },
  {
    name: "flows.migrate",
    valid: valid(Wire.FlowMigrationResponse),
    run: MetaFlows.migrate({ wabaId, sourceWabaId: "104996122399160" })
  },
  {
    name: "encryption.get",
    valid: valid(Wire.EncryptionResponse),
    run: MetaFlows.encryptionKey({ phoneNumberId: number })
  },
  { name: "encryption.set", valid: anything, run: MetaFlows.setEncryptionKey({ phoneNumberId: number, publicKey }) },
  {
    name: "qr.list",
    valid: valid(Wire.QrCodesPage),
    run: Stream.runDrain(MetaQrCodes.list({ phoneNumberId: number }))
  },
  { name: "qr.get", valid: valid(Wire.QrCodeResponse), run: MetaQrCodes.get({ phoneNumberId: number, code }) },
  {
    name: "qr.create",
    valid: valid(Wire.SavedQrCode),
    run: MetaQrCodes.create({ phoneNumberId: number, prefilledMessage: "Hi" })
  },
  {
    name: "qr.update",
    valid: valid(Wire.SavedQrCode),
    run: MetaQrCodes.update({ phoneNumberId: number, code, prefilledMessage: "Hello" })
  },
  { name: "qr.delete", valid: anything, run: MetaQrCodes.remove({ phoneNumberId: number, code }) },
  { name: "commerce.get", valid: valid(Wire.CommerceResponse), run: MetaCommerce.get({ phoneNumberId: number }) },
  { name: "commerce.set", valid: anything, run: MetaCommerce.set({ phoneNumberId: number, cartEnabled: true }) },
  { name: "automation.set", valid: anything, run: MetaAutomation.set({ phoneNumberId: number, prompts: ["Hi"] }) },
  { name: "webhooks.list", valid: valid(Wire.SubscriptionsResponse), run: MetaWebhooks.list({ wabaId }) },
  { name: "webhooks.subscribe", valid: anything, run: MetaWebhooks.subscribe({ wabaId }) },
  { name: "webhooks.unsubscribe", valid: anything, run: MetaWebhooks.unsubscribe({ wabaId }) },
  { name: "waba.info", valid: valid(Wire.WabaDetails), run: MetaWaba.info({ wabaId }) },
  { name: "waba.owned", valid: valid(Wire.WabasPage), run: Stream.runDrain(MetaWaba.owned({ businessId })) },
  { name: "waba.clients", valid: valid(Wire.WabasPage), run: Stream.runDrain(MetaWaba.clients({ businessId })) },
  {
    name: "waba.users.list",
    valid: valid(Wire.AssignedUsersPage),
    run: Stream.runDrain(MetaWaba.users({ wabaId, businessId }))
  },
  {
    name: "waba.users.add",
    valid: anything,
    run: MetaWaba.assignUser({ wabaId, userId: "2345678901234567", tasks: ["MANAGE"] })
  },
  { name: "waba.users.remove", valid: anything, run: MetaWaba.removeUser({ wabaId, userId: "2345678901234567" }) },
  { name: "numbers.setPin", valid: anything, run: MetaNumbers.setPin({ id: number, pin: "123456" }) },
  {
    name: "numbers.changeDisplayName",
    valid: anything,
    run: MetaNumbers.changeDisplayName({ id: number, displayName: "Fuzz Co" })
  },
  { name: "numbers.list", valid: valid(Wire.NumberStatusPage), run: Stream.runDrain(MetaNumbers.list({ wabaId })) },
  {
    name: "templates.migrate",
    valid: valid(Wire.TemplateMigrationResponse),
    run: Stream.runDrain(MetaTemplates.migrate({ wabaId, sourceWabaId: "104996122399160", pageSize: 5 }))
  }
]

describe("Meta decoder fuzzing", () => {
  Fuzz.testDecoders({ decoders, failure: ["Graph error", graphErrorBody], runs: decodeRuns, seed })

  it("usage headers: any text is read as a bounded reading or none, never an exception", () => {
    const samples = fc.sample(usageHeaders, { numRuns: decodeRuns, seed })
    for (const headers of samples) {
      const read = Usage.reading(headers)
      if (read !== undefined) {
        assert.isTrue(Number.isFinite(read.percent) && read.percent >= 0)
        assert.isTrue(read.regainMillis >= 0 && read.regainMillis <= 24 * 60 * 60_000)
      }
    }
  })

  const body = [{ _tag: "BODY" as const, text: "Your order" }]

  /** The port's operations and Meta's own number registration, {@link adapterRuns} each. */
  const operations: ReadonlyArray<FuzzedOperation> = [
    {
      name: "numbers.provision",
      valid: idAnswer,
      run: NumberLifecycle.provision({ phoneNumber: "+16505550142", wabaId, displayName: "Fuzz Co" })
    },
    { name: "numbers.status", valid: valid(Wire.NumberFacts), run: NumberLifecycle.status({ id: number }) },
    { name: "numbers.verify", valid: anything, run: NumberLifecycle.verifyCode({ id: number, code: "123456" }) },
    { name: "numbers.resend", valid: valid(Wire.NumberFacts), run: NumberLifecycle.resendCode({ id: number }) },
    { name: "numbers.release", valid: anything, run: NumberLifecycle.release({ id: number }) },
    { name: "numbers.register", valid: anything, run: MetaNumbers.register({ id: number, pin: "123456" }) },
    { name: "profile.get", valid: valid(Wire.ProfileResponse), run: BusinessProfile.get({ number }) },
    {
      name: "profile.update",
      valid: valid(Wire.ProfileResponse),
      run: BusinessProfile.update({ number, profile: { about: "Fresh bread", vertical: "Grocery" } })
    },
    { name: "profile.photo.get", valid: valid(Wire.ProfilePhotoResponse), run: BusinessProfile.getPhoto({ number }) },
    {
      name: "profile.photo.set",
      valid: uploadSession,
      run: BusinessProfile.setPhoto({ number, url: "https://files.test/photo.png" })
    },
    {
      name: "media.upload",
      valid: idAnswer,
      run: Media.upload({ number, kind: "image", url: "https://files.test/a.png" })
    },
    {
      name: "media.templateAsset",
      valid: uploadSession,
      run: Media.uploadTemplateAsset({ kind: "image", url: "https://files.test/h.png" })
    },
    { name: "media.get", valid: mediaInfo, run: MetaMedia.get({ mediaId: "1" }) },
    { name: "media.delete", valid: anything, run: MetaMedia.remove({ mediaId: "1" }) },
    ...Fuzz.templatesByPage(wabaId, valid(Wire.TemplatesPage)),
    {
      name: "templates.create",
      valid: createdTemplate,
      run: Templates.create({
        wabaId,
        template: { name: "order", language: "en_US", category: "UTILITY", components: body }
      })
    },
    {
      name: "templates.edit",
      valid: valid(Wire.TemplateResponse),
      run: Templates.edit({ wabaId, id: "7", name: "order", language: "en_US", components: body })
    }
  ]

  // Every answer comes with usage headers, well- or ill-formed. The token went to Meta only; the
  // caller's file host got no credential.
  Fuzz.testOperations({
    batches: [{ operations, runs: adapterRuns }, { operations: extensionOperations, runs: extensionRuns }],
    layer: adminOver,
    bodies: anyBody,
    headers: usageHeaders,
    hosts: { provider: "graph.meta.test", files: "files.test" },
    seed
  })
})
