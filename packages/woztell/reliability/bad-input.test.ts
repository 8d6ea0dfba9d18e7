/**
 * The bad-input catalogue for the WOZTELL adapter: for every port and extension operation, the
 * invalid inputs a user will plausibly try end in an `InvalidInput` from this side (`source:
 * "local"`) naming each broken field, and not one request reaches the emulator.
 */
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Media, Templates } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import { BadInput, BadInputCatalog } from "@wa-admin/core/testing"
import { Effect, Stream } from "effect"
import { generateKeyPairSync } from "node:crypto"
import { WoztellAnalytics, WoztellCatalogs, WoztellEncryption, WoztellFlows, WoztellWaba } from "../src/index.js"
import type { Services } from "./support.js"
import { emulated } from "./support.js"

type Case = BadInput.Case<Services>

const collect = <A>(stream: Stream.Stream<A, AdminError.AdminError, Services>) => Stream.runCollect(stream)

const wabaId = "190787529545503"
const number = "123164329653069"
const text = (length: number) => "a".repeat(length)
const body = { _tag: "BODY", text: "Your order {{1}} has shipped", examples: [["A-1"]] }
const draft = { name: "order_update", language: "en_US", category: "UTILITY", components: [body] }

const keys = {
  private: generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" }
  }).privateKey,
  short: generateKeyPairSync("rsa", {
    modulusLength: 1024,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" }
  }).publicKey,
  ec: generateKeyPairSync("ec", {
    namedCurve: "prime256v1",
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" }
  }).publicKey
}

const { casesOf, loosely, port } = BadInput

const update = casesOf(
  "profile.update",
  (profile: Record<string, unknown>) => loosely(BusinessProfile.update)({ number, profile })
)
const upload = casesOf(
  "media.upload",
  (patch: Record<string, unknown>) =>
    loosely(Media.upload)({ number, kind: "image", url: "https://example.com/a.png", ...patch })
)
const create = casesOf(
  "templates.create",
  (template: Record<string, unknown>) => loosely(Templates.create)({ wabaId, template: { ...draft, ...template } })
)
const withComponents = (input: string, components: ReadonlyArray<unknown>, fields: ReadonlyArray<string>): Case =>
  create(input, { components }, fields.map((field) => `template.components${field}`))
const flowCreate = casesOf(
  "flows.create",
  (request: Record<string, unknown>) =>
    loosely(WoztellFlows.create)({ name: "Sign up", categories: ["SIGN_UP"], ...request })
)
const analytics = casesOf(
  "analytics.conversations",
  (request: Record<string, unknown>) =>
    loosely(WoztellAnalytics.conversations)({
      from: "2024-01-01T00:00:00Z",
      to: "2024-02-01T00:00:00Z",
      granularity: "DAILY",
      ...request
    })
)
const flowRef = (
  operation: string,
  run: (request: { readonly flowId: string }) => Effect.Effect<unknown, AdminError.AdminError, Services>
): Case => casesOf(operation, run)("an empty flow id", { flowId: "" }, ["flowId"])
const listTemplates = casesOf(
  "templates.list",
  (options: Record<string, unknown>) => collect(loosely(Templates.list)(options))
)
const editTemplate = casesOf(
  "templates.edit",
  (request: Record<string, unknown>) =>
    loosely(Templates.edit)({ wabaId, name: "order_update", language: "en_US", components: [body], ...request })
)
const removeTemplate = casesOf("templates.delete", loosely(Templates.remove))
const flowDetail = casesOf("flows.detail", WoztellFlows.detail)
const listFlows = casesOf(
  "flows.list",
  (options: Parameters<typeof WoztellFlows.list>[0]) => collect(WoztellFlows.list(options))
)
const updateMetadata = casesOf("flows.updateMetadata", WoztellFlows.updateMetadata)
const updateFlowJson = casesOf("flows.updateJson", WoztellFlows.updateJson)
const products = casesOf(
  "catalogs.products",
  (options: Parameters<typeof WoztellCatalogs.products>[0]) => collect(WoztellCatalogs.products(options))
)
const setKey = casesOf("encryption.set", (publicKey: string) => WoztellEncryption.set({ publicKey }))
const wabaInfo = casesOf("waba.info", WoztellWaba.info)
const numberStatus = casesOf("waba.numberStatus", WoztellWaba.numberStatus)

/** Screens nested `levels` deep (built in a loop: no recursion in the test either). */
const nested = (levels: number): unknown => {
  let value: unknown = { id: "WELCOME" }
  for (let level = 0; level < levels; level++) value = { type: "Form", children: [value] }
  return value
}
const selfReferring = (): unknown => {
  const screen: Record<string, unknown> = { id: "WELCOME" }
  screen["layout"] = screen
  return screen
}
const updateJson = (input: string, screens: ReadonlyArray<unknown>): Case =>
  updateFlowJson(input, { flowId: "910367050421850", json: { version: "3.1", screens } }, ["json"])
const longUrl = (length: number) => `https://example.com/${"a".repeat(length - "https://example.com/".length)}`

/** Ids in another form than the document gives them, and uploads over their limits. */
const idsAndSizes: ReadonlyArray<Case> = [
  port.getProfile("a phone number instead of its id", { number: "+447700900123" }, ["number"]),
  port.status("an id with a slash", { id: "123/456" }, ["id"]),
  upload("a phone number id with letters", { number: "phone-1" }, ["number"]),
  listTemplates("a WABA id of 33 digits", { wabaId: "1".repeat(33) }, ["wabaId"]),
  editTemplate("a template id with letters", { id: "tpl-1" }, ["id"]),
  flowDetail("a flow id with letters", { flowId: "f1" }, ["flowId"]),
  flowCreate("a flow id to clone with a dot segment", { cloneFlowId: ".." }, ["cloneFlowId"]),
  products("a catalog id with a query", { catalogId: "1?catalogId=2" }, ["catalogId"]),
  wabaInfo("a channel id of 23 hex digits", { channelId: "696327315430a1f98231dfd" }, ["channelId"]),
  numberStatus("a blank phone number id (not the configured default)", { phoneNumberId: " " }, ["phoneNumberId"]),
  updateJson("a Flow JSON of more than 10 MB", [{ id: "WELCOME", data: { text: "a".repeat(10_000_000) } }]),
  updateJson(
    "a Flow JSON of more than 10 MB in many small screens",
    Array.from({ length: 400_000 }, (_, index) => ({ id: `S${index}`, title: "Screen" }))
  ),
  updateJson("a Flow JSON nested 100,000 levels deep", [nested(100_000)]),
  updateJson("a Flow JSON that refers to itself", [selfReferring()]),
  flowCreate("a name of 201 characters", { name: text(201) }, ["name"]),
  flowCreate("a category twice", { categories: ["SURVEY", "SURVEY"] }, ["categories"]),
  flowCreate("an endpoint URL of 8,193 characters", { endpointUrl: longUrl(8_193) }, ["endpointUrl"]),
  updateMetadata("an endpoint URL of 8,193 characters", { flowId: "910367050421850", endpointUrl: longUrl(8_193) }, [
    "endpointUrl"
  ]),
  upload("a media URL of 8,193 characters", { url: longUrl(8_193) }, ["url"]),
  setKey("a key text of 1 MB", `-----BEGIN PUBLIC KEY-----\n${"A".repeat(1_000_000)}\n-----END PUBLIC KEY-----`, [
    "publicKey"
  ])
]

const cases: ReadonlyArray<Case> = [
  ...BadInputCatalog.emptyIds,
  ...BadInputCatalog.profileUpdate(number),
  ...BadInputCatalog.templateListing(wabaId),
  update("an about of 140 characters", { about: text(140) }, ["profile.about"]),
  update("a description of 513 characters", { description: text(513) }, ["profile.description"]),
  update("an email with a space", { email: "sales @shop.com" }, ["profile.email"]),
  update("an ftp website", { websites: ["https://ok.example", "ftp://files.example.com"] }, ["profile.websites.1"]),
  update("Meta's code instead of a vertical", { vertical: "PROF_SERVICES" }, ["profile.vertical"]),
  update("a placeholder photo URL", { photoUrl: "IMAGE_URL" }, ["profile.photoUrl"]),
  update("several broken fields", { email: "nope", websites: ["mailto:sales@shop.com"], vertical: "Bakery" }, [
    "profile.email",
    "profile.websites.0",
    "profile.vertical"
  ]),
  port.setPhoto("a data: URL", { number, url: "data:image/png;base64,iVBORw0KGgo=" }, ["url"]),
  upload("an unknown kind", { kind: "gif" }, ["kind"]),
  upload("WOZTELL's wire name for documents", { kind: "file" }, ["kind"]),
  upload("a sticker (WOZTELL cannot upload one)", { kind: "sticker" }, ["kind"]),
  upload("an ftp URL", { url: "ftp://files.example.com/a.png" }, ["url"]),
  upload("a relative URL", { url: "/images/a.png" }, ["url"]),
  upload("an empty number", { number: "" }, ["number"]),
  listTemplates("a WABA id with letters", { wabaId: "waba-1" }, ["wabaId"]),
  listTemplates("a page size of 2.5", { wabaId, pageSize: 2.5 }, ["pageSize"]),
  listTemplates("an unknown quality score", { wabaId, filter: { qualityScore: ["BLUE"] } }, ["filter.qualityScore.0"]),
  port.getTemplate("a name with spaces and capitals, and a language with a dash", {
    wabaId,
    name: "Order Update",
    language: "en-US"
  }, ["name", "language"]),
  port.getTemplate("an empty WABA id", { wabaId: "", name: "order_update", language: "en_US" }, ["wabaId"]),
  create("a name with capitals", { name: "OrderUpdate" }, ["template.name"]),
  create("a name with a dash", { name: "order-update" }, ["template.name"]),
  create("a name of 513 characters", { name: text(513) }, ["template.name"]),
  create("an empty name", { name: "" }, ["template.name"]),
  create("a language name", { language: "english" }, ["template.language"]),
  create("an unknown category", { category: "PROMOTIONAL" }, ["template.category"]),
  create("a missing category", { category: undefined }, ["template.category"]),
  withComponents("no components", [], [""]),
  withComponents("two bodies", [body, body], [""]),
  withComponents("a body of 1025 characters", [{ _tag: "BODY", text: text(1025) }], [".0.text"]),
  withComponents("parameters with a gap", [{
    _tag: "BODY",
    text: "Hi {{1}}, your {{3}}",
    examples: [["Ann", "order"]]
  }], [".0.text"]),
  withComponents("a parameter without an example", [{ _tag: "BODY", text: "Hi {{1}}" }], [".0.examples"]),
  withComponents("too few example values", [{ _tag: "BODY", text: "Hi {{1}} {{2}}", examples: [["Ann"]] }], [
    ".0.examples.0"
  ]),
  withComponents("a TEXT header without text", [{ _tag: "HEADER", format: "TEXT" }, body], [".0.text"]),
  withComponents("a header of 61 characters", [{ _tag: "HEADER", format: "TEXT", text: text(61) }, body], [".0.text"]),
  withComponents("an IMAGE header with text", [{ _tag: "HEADER", format: "IMAGE", text: "Look" }, body], [".0.text"]),
  withComponents("a GIF header", [{ _tag: "HEADER", format: "GIF" }, body], [".0.format"]),
  withComponents("a footer of 61 characters", [body, { _tag: "FOOTER", text: text(61) }], [".1.text"]),
  withComponents("an empty footer", [body, { _tag: "FOOTER", text: "" }], [".1.text"]),
  withComponents(
    "eleven buttons",
    [body, {
      _tag: "BUTTONS",
      buttons: Array.from({ length: 11 }, (_, index) => ({ _tag: "QUICK_REPLY", text: `Option ${index}` }))
    }],
    [".1.buttons"]
  ),
  withComponents("no buttons", [body, { _tag: "BUTTONS", buttons: [] }], [".1.buttons"]),
  withComponents("a button text of 26 characters", [body, {
    _tag: "BUTTONS",
    buttons: [{ _tag: "QUICK_REPLY", text: text(26) }]
  }], [
    ".1.buttons.0.text"
  ]),
  withComponents(
    "a URL button without a scheme",
    [body, { _tag: "BUTTONS", buttons: [{ _tag: "URL", text: "Track", url: "www.example.com/track" }] }],
    [".1.buttons.0.url"]
  ),
  withComponents(
    "a call button with a national number",
    [body, { _tag: "BUTTONS", buttons: [{ _tag: "PHONE_NUMBER", text: "Call us", phoneNumber: "07700 900123" }] }],
    [".1.buttons.0.phoneNumber"]
  ),
  withComponents("a CAROUSEL component", [body, { _tag: "CAROUSEL", cards: [] }], [".1._tag"]),
  editTemplate("components without a body", { components: [{ _tag: "FOOTER", text: "Thanks" }] }, ["components"]),
  editTemplate("a name with capitals", { name: "Order_Update" }, ["name"]),
  removeTemplate("a language and allLanguages at once", {
    wabaId,
    name: "order_update",
    language: "en_US",
    allLanguages: true
  }, ["language"]),
  removeTemplate("a name with spaces", { wabaId, name: "order update", language: "en_US" }, ["name"]),
  listFlows("a page size of 0", { pageSize: 0 }, ["pageSize"]),
  listFlows("a page size of 101", { pageSize: 101 }, ["pageSize"]),
  flowRef("flows.screenPayload", WoztellFlows.screenPayload),
  flowRef("flows.preview", WoztellFlows.preview),
  flowRef("flows.detail", WoztellFlows.detail),
  flowRef("flows.delete", WoztellFlows.remove),
  flowRef("flows.publish", WoztellFlows.publish),
  flowRef("flows.deprecate", WoztellFlows.deprecate),
  flowCreate("an empty name", { name: "" }, ["name"]),
  flowCreate("no categories", { categories: [] }, ["categories"]),
  flowCreate("a template category for a flow", { categories: ["MARKETING"] }, ["categories.0"]),
  flowCreate("an http endpoint (Meta calls flows over https only)", { endpointUrl: "http://example.com/flow" }, [
    "endpointUrl"
  ]),
  flowCreate("an empty flow to clone", { cloneFlowId: "" }, ["cloneFlowId"]),
  updateMetadata("nothing to change", { flowId: "910367050421850" }, ["(input)"]),
  updateMetadata("an empty name and an ftp endpoint", {
    flowId: "910367050421850",
    name: "",
    endpointUrl: "ftp://example.com/flow"
  }, ["name", "endpointUrl"]),
  updateMetadata("an empty flow id", { flowId: "", name: "Sign up" }, ["flowId"]),
  updateFlowJson("an empty version and no screens", { flowId: "910367050421850", json: { version: "", screens: [] } }, [
    "json.version",
    "json.screens"
  ]),
  updateFlowJson("an empty flow id", { flowId: "", json: { version: "3.1", screens: [{ id: "WELCOME" }] } }, [
    "flowId"
  ]),
  analytics("a range that ends before it starts", { from: "2024-02-01T00:00:00Z", to: "2024-01-01T00:00:00Z" }, ["to"]),
  analytics("an hourly granularity", { granularity: "HOURLY" }, ["granularity"]),
  analytics("a date in words", { from: "yesterday" }, ["from"]),
  analytics("an unknown metric", { metricTypes: ["REVENUE"] }, ["metricTypes.0"]),
  analytics("a template category as a conversation type", { conversationTypes: ["MARKETING"] }, [
    "conversationTypes.0"
  ]),
  products("an empty catalog id", { catalogId: "" }, ["catalogId"]),
  setKey("a private key", keys.private, ["publicKey"]),
  setKey("a 1024-bit key", keys.short, ["publicKey"]),
  setKey("an EC key", keys.ec, ["publicKey"]),
  setKey("the key's base64 without the PEM armour", keys.ec.split("\n").slice(1, -2).join(""), ["publicKey"]),
  wabaInfo("a WABA id with letters", { wabaId: "waba-1" }, ["wabaId"]),
  wabaInfo("an empty channel id", { channelId: "" }, ["channelId"]),
  numberStatus("an empty phone number id", { phoneNumberId: "" }, ["phoneNumberId"])
]

describe("WOZTELL bad-input catalogue", () => {
  it.scopedLive("every invalid input is refused locally, naming its fields, and nothing reaches WOZTELL", () =>
    Effect.gen(function*() {
      const { context, emulator } = yield* emulated()
      // The emulator was listening all along: a valid request does reach it.
      const control = BusinessProfile.get({ number: emulator.credentials.phoneNumberId })
      const outcome = yield* BadInputCatalog.runWithControl([...cases, ...idsAndSizes], emulator, control).pipe(
        Effect.provide(context)
      )
      assert.deepStrictEqual(outcome, { failures: [], requestsSent: 0, controlRequests: 1 })
    }))
})
