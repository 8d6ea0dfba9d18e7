/**
 * Decoder fuzzing for the WOZTELL adapter: every wire response schema decodes what its own
 * arbitrary produces, and answers any other body (mutated, a failure envelope, random JSON) with
 * a typed result — never an exception. Through every port and extension operation, over a fake
 * `HttpClient` answering such bodies with any status, every call ends in a value or an
 * `AdminError`, never a defect.
 */
import { describe } from "@effect/vitest"
import { BusinessProfile, Media, NumberLifecycle, Templates } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import { Fuzz } from "@wa-admin/core/testing"
import { Effect, FastCheck as fc, Option, Schema, Stream } from "effect"
import { generateKeyPairSync } from "node:crypto"
import { WoztellAnalytics, WoztellCatalogs, WoztellEncryption, WoztellFlows, WoztellWaba } from "../src/index.js"
import * as Wire from "../src/internal/wire.js"
import type { Services } from "./support.js"
import { adminOver, anyBody, failureBody } from "./support.js"

const { seed } = Fuzz
/** Runs per schema and kind of body when decoding directly. */
const decodeRuns = Fuzz.scaled(1000)
/** Runs per operation through the adapter (each is one or more HTTP exchanges over the fake). */
const adapterRuns = Fuzz.scaled(30)

/** Nested lists of free-form JSON are generated smaller than fast-check's default. */
const decoder = <A, I>(
  name: string,
  schema: Schema.Schema<A, I, never>,
  toDomain?: (wire: A) => unknown,
  size: fc.Size = "small"
) => Fuzz.decoder(name, schema, { toDomain, size })

const filter = { language: ["en_US"], status: ["APPROVED", "PENDING"], qualityScore: ["GREEN" as const] }

// The wire schemas decode straight into the domain (Profile, Template components, the
// extensions' models); the few mappings that also need the request run on what they decode.
/** The schemas whose decoded value is the domain value itself, by name. */
const direct: Readonly<Record<string, Schema.Schema.AnyNoContext>> = {
  WabaInfoResponse: Wire.WabaInfoResponse,
  ProfileResponse: Wire.ProfileResponse,
  MediaUploaded: Wire.MediaUploaded,
  ConversationAnalyticsResponse: Wire.ConversationAnalyticsResponse,
  CatalogsResponse: Wire.CatalogsResponse,
  ProductsResponse: Wire.ProductsResponse,
  Component: Wire.Component,
  Components: Wire.Components,
  Button: Wire.Button,
  CreateTemplateResponse: Wire.CreateTemplateResponse,
  SuccessResponse: Wire.SuccessResponse,
  FlowsResponse: Wire.FlowsResponse,
  FlowScreenPayloadResponse: Wire.FlowScreenPayloadResponse,
  FlowPreviewResponse: Wire.FlowPreviewResponse,
  FlowDetailResponse: Wire.FlowDetailResponse,
  CreateFlowResponse: Wire.CreateFlowResponse,
  FlowJsonResponse: Wire.FlowJsonResponse,
  EncryptionResponse: Wire.EncryptionResponse,
  ValidationError: Wire.ValidationError,
  Paging: Wire.Paging
}

// The wire schemas decode straight into the domain (Profile, Template components, the
// extensions' models); the few mappings that also need the request run on what they decode.
const decoders: ReadonlyArray<Fuzz.Decoder> = [
  ...Object.entries(direct).map(([name, schema]) => decoder(name, schema)),
  decoder(
    "DisplayNameStatusResponse",
    Wire.DisplayNameStatusResponse,
    (status) => Wire.registration("123164329653069", status, Option.none())
  ),
  decoder(
    "TemplateEntry",
    Wire.TemplateEntry,
    (entry) => [...Wire.templates(entry, undefined), ...Wire.templates(entry, filter)]
  ),
  // Lists of entries of versions of free-form components: ~15 kB a sample at the default size.
  decoder(
    "TemplatesResponse",
    Wire.TemplatesResponse,
    (page) => page.data.flatMap((entry) => [...Wire.templates(entry, undefined), ...Wire.templates(entry, filter)]),
    "xsmall"
  )
]

const businessKey = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" }
})

describe("WOZTELL decoder fuzzing", () => {
  Fuzz.testDecoders({ decoders, failure: ["failure", failureBody], runs: decodeRuns, seed })

  const wabaId = "190787529545503"
  const number = "123164329653069"
  const valid = <A, I>(schema: Schema.Schema<A, I, never>, size: fc.Size = "small"): fc.Arbitrary<unknown> =>
    Fuzz.encoded(schema, size)
  const collect = <A, R>(stream: Stream.Stream<A, AdminError.AdminError, R>) =>
    Stream.runCollect(Stream.take(stream, 500))
  const flowId = "1187654321098765"
  /** An operation on the flow `flowId`, answered well by `schema`. */
  const flowOperation = <A, I>(
    name: string,
    schema: Schema.Schema<A, I, never>,
    run: (request: { readonly flowId: string }) => Effect.Effect<unknown, AdminError.AdminError, Services>
  ): Fuzz.Operation<Services> => ({ name, valid: valid(schema), run: run({ flowId }) })
  const components = [{ _tag: "BODY" as const, text: "Your order {{1}} has shipped", examples: [["A-1"]] }]

  const operations: ReadonlyArray<Fuzz.Operation<Services>> = [
    {
      name: "numbers.status",
      valid: fc.oneof(valid(Wire.DisplayNameStatusResponse), valid(Wire.WabaInfoResponse)),
      run: NumberLifecycle.status({ id: number })
    },
    { name: "profile.get", valid: valid(Wire.ProfileResponse), run: BusinessProfile.get({ number }) },
    {
      name: "profile.update",
      valid: valid(Wire.ProfileResponse),
      run: BusinessProfile.update({
        number,
        profile: { about: "Fresh bread", vertical: "Grocery", websites: ["https://example.com"] }
      })
    },
    { name: "profile.photo.get", valid: valid(Wire.ProfileResponse), run: BusinessProfile.getPhoto({ number }) },
    {
      name: "profile.photo.set",
      valid: valid(Wire.ProfileResponse),
      run: BusinessProfile.setPhoto({ number, url: "https://example.com/logo.png" })
    },
    {
      name: "media.upload",
      valid: valid(Wire.MediaUploaded),
      run: Media.upload({ number, kind: "document", url: "https://example.com/terms.pdf" })
    },
    {
      name: "templates.list",
      valid: valid(Wire.TemplatesResponse, "xsmall"),
      run: collect(Templates.list({ wabaId, filter: { status: ["APPROVED"] }, pageSize: 50 }))
    },
    {
      name: "templates.get",
      valid: valid(Wire.TemplatesResponse, "xsmall"),
      run: Templates.get({ wabaId, name: "order_update", language: "en_US" })
    },
    {
      name: "templates.create",
      valid: valid(Wire.CreateTemplateResponse),
      run: Templates.create({
        wabaId,
        template: { name: "order_update", language: "en_US", category: "UTILITY", components }
      })
    },
    {
      name: "templates.edit (by id)",
      valid: valid(Wire.SuccessResponse),
      run: Templates.edit({ wabaId, name: "order_update", language: "en_US", id: "1234", components })
    },
    {
      name: "templates.edit (looked up)",
      valid: fc.oneof(valid(Wire.TemplatesResponse, "xsmall"), valid(Wire.SuccessResponse)),
      run: Templates.edit({ wabaId, name: "order_update", language: "en_US", components })
    },
    {
      name: "templates.delete (one language)",
      valid: fc.oneof(valid(Wire.TemplatesResponse, "xsmall"), valid(Wire.SuccessResponse)),
      run: Templates.remove({ wabaId, name: "order_update", language: "en_US" })
    },
    {
      name: "templates.delete (all languages)",
      valid: valid(Wire.SuccessResponse),
      run: Templates.remove({ wabaId, name: "order_update", allLanguages: true })
    },
    { name: "flows.list", valid: valid(Wire.FlowsResponse), run: collect(WoztellFlows.list({ pageSize: 10 })) },
    flowOperation("flows.screenPayload", Wire.FlowScreenPayloadResponse, WoztellFlows.screenPayload),
    flowOperation("flows.preview", Wire.FlowPreviewResponse, WoztellFlows.preview),
    flowOperation("flows.detail", Wire.FlowDetailResponse, WoztellFlows.detail),
    {
      name: "flows.create",
      valid: valid(Wire.CreateFlowResponse),
      run: WoztellFlows.create({ name: "Sign up", categories: ["SIGN_UP"], endpointUrl: "https://example.com/flow" })
    },
    {
      name: "flows.updateMetadata",
      valid: valid(Wire.SuccessResponse),
      run: WoztellFlows.updateMetadata({ flowId, name: "Sign up v2" })
    },
    {
      name: "flows.updateJson",
      valid: valid(Wire.FlowJsonResponse),
      run: WoztellFlows.updateJson({ flowId, json: { version: "3.1", screens: [{ id: "WELCOME" }] } })
    },
    flowOperation("flows.delete", Wire.SuccessResponse, WoztellFlows.remove),
    flowOperation("flows.publish", Wire.SuccessResponse, WoztellFlows.publish),
    flowOperation("flows.deprecate", Wire.SuccessResponse, WoztellFlows.deprecate),
    {
      name: "analytics.conversations",
      valid: valid(Wire.ConversationAnalyticsResponse),
      run: WoztellAnalytics.conversations({
        from: "2024-01-01T00:00:00Z",
        to: "2024-02-01T00:00:00Z",
        granularity: "DAILY",
        dimensions: ["COUNTRY"]
      })
    },
    { name: "catalogs.list", valid: valid(Wire.CatalogsResponse), run: collect(WoztellCatalogs.catalogs) },
    {
      name: "catalogs.products",
      valid: valid(Wire.ProductsResponse),
      run: collect(WoztellCatalogs.products({ catalogId: "2234567890123456" }))
    },
    {
      name: "encryption.set",
      valid: fc.constant({}),
      run: WoztellEncryption.set({ publicKey: businessKey.publicKey })
    },
    { name: "encryption.get", valid: valid(Wire.EncryptionResponse), run: WoztellEncryption.get },
    { name: "waba.info", valid: valid(Wire.WabaInfoResponse), run: WoztellWaba.info({ wabaId }) },
    { name: "waba.numberStatus", valid: valid(Wire.DisplayNameStatusResponse), run: WoztellWaba.numberStatus() }
  ]

  Fuzz.testOperations({
    batches: [{ operations, runs: adapterRuns }],
    layer: adminOver,
    bodies: anyBody,
    first: { status: 200, body: { ok: 1 } },
    seed
  })
})
