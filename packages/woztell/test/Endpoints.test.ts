/**
 * Every one of the 24 documented endpoints, through the public API, against the emulator over
 * real HTTP: what reached the server (method, path, where the credentials went, the body) and
 * what the caller got.
 */
import { assert, describe } from "@effect/vitest"
import { BusinessProfile, Media, NumberLifecycle, Templates } from "@wa-admin/core"
import { WoztellAnalytics, WoztellCatalogs, WoztellEncryption, WoztellFlows, WoztellWaba } from "@wa-admin/woztell"
import type { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Chunk, DateTime, Duration, Effect, Option, Stream } from "effect"
import { generateKeyPairSync } from "node:crypto"
import { documentComponents, documentJson } from "./emulator/fixtures.js"
import { expectFailure, onlyRequest, requestsTo, scenario, wireTemplate } from "./support.js"

type Recorded = WoztellEmulator.RecordedRequest
type Credentials = WoztellEmulator.Credentials

const expectedPayload = (credentials: Credentials) =>
  JSON.stringify({
    app: credentials.appId,
    appIntegration: credentials.appIntegrationId,
    channel: credentials.channelId
  })

/** The access token went as the query parameter, and no signed context was sent. */
const tokenInQuery = (request: Recorded, credentials: Credentials) => {
  assert.strictEqual(request.query["accessToken"], credentials.accessToken, "accessToken query parameter")
  assert.strictEqual(request.bodyText, "", "a read has no body")
  assert.isUndefined(request.headers["x-woztell-signedcontext"], "no signed context on a token-only read")
}

/** The access token went in the body, not the URL. */
const tokenInBody = (request: Recorded, credentials: Credentials) => {
  assert.isUndefined(request.query["accessToken"], "no token in the URL of a write")
  assert.strictEqual(
    (request.body as { readonly accessToken?: unknown }).accessToken,
    credentials.accessToken,
    "accessToken body field"
  )
  assert.isUndefined(request.headers["x-woztell-signedcontext"], "no signed context on a token-only write")
}

/** The signed context headers are the document's, and the token was not sent. */
const signedOnly = (request: Recorded, credentials: Credentials, options: { readonly alsoToken?: boolean } = {}) => {
  const payload = expectedPayload(credentials)
  assert.strictEqual(request.headers["x-woztell-payload"], payload, "X-Woztell-Payload")
  assert.strictEqual(
    request.headers["x-woztell-signedcontext"],
    `${credentials.signature}.${Buffer.from(payload).toString("base64")}`,
    "X-Woztell-SignedContext = signature.base64(payload)"
  )
  if (options.alsoToken === true) {
    assert.strictEqual(request.query["accessToken"], credentials.accessToken, "accessToken query parameter")
  } else {
    assert.isUndefined(request.query["accessToken"], "the access token is not sent where the document excludes it")
    assert.notInclude(request.bodyText, credentials.accessToken, "the access token is not in the body")
  }
}

const { screens } = documentJson

describe("general endpoints", () => {
  scenario(
    "1. GET /waba-info by channel id (the default) and by WABA id, token in the query",
    ({ emulator, run, credentials }) =>
      Effect.gen(function*() {
        const byChannel = yield* run(WoztellWaba.info())
        const byWaba = yield* run(WoztellWaba.info({ wabaId: credentials.wabaId }))
        const [first, second] = yield* requestsTo(emulator, "GET", "/waba-info")
        assert.isDefined(first)
        assert.isDefined(second)
        if (first === undefined || second === undefined) return
        tokenInQuery(first, credentials)
        assert.strictEqual(first.query["channelId"], credentials.channelId)
        assert.isUndefined(first.query["wabaId"])
        tokenInQuery(second, credentials)
        assert.strictEqual(second.query["wabaId"], credentials.wabaId)
        for (const info of [byChannel, byWaba]) {
          assert.strictEqual(info.wabaId, credentials.wabaId)
          assert.strictEqual(info.phoneNumberId, credentials.phoneNumberId)
        }
      })
  )

  scenario(
    "2. GET /whatsapp-business-profile, token in the query, read into the domain profile",
    ({ emulator, run, credentials }) =>
      Effect.gen(function*() {
        yield* run(
          BusinessProfile.update({
            number: credentials.phoneNumberId,
            profile: { about: "Fresh bread daily", vertical: "Grocery" }
          })
        )
        yield* emulator.clearRequests
        const profile = yield* run(BusinessProfile.get({ number: credentials.phoneNumberId }))
        const request = yield* onlyRequest(emulator, "GET", "/whatsapp-business-profile")
        tokenInQuery(request, credentials)
        assert.strictEqual(request.query["phoneNumberId"], credentials.phoneNumberId)
        assert.strictEqual(profile.about, "Fresh bread daily")
        assert.strictEqual(profile.vertical, "Grocery", "GROCERY read back as the canonical vertical")
      })
  )

  scenario(
    "3. PATCH /whatsapp-business-profile: only the given fields, Meta's vertical code, token in the body",
    ({ emulator, run, credentials }) =>
      Effect.gen(function*() {
        const updated = yield* run(
          BusinessProfile.update({
            number: credentials.phoneNumberId,
            profile: {
              about: "This is the about text.",
              email: "test999@woztell.com",
              vertical: "ProfessionalServices",
              websites: ["https://woztell.com/blog/", "https://woztell.com/pricing/"],
              photoUrl: "https://example.com/logo.png"
            }
          })
        )
        const request = yield* onlyRequest(emulator, "PATCH", "/whatsapp-business-profile")
        tokenInBody(request, credentials)
        assert.deepStrictEqual(request.body, {
          accessToken: credentials.accessToken,
          phoneNumberId: credentials.phoneNumberId,
          profile: {
            messaging_product: "whatsapp",
            about: "This is the about text.",
            email: "test999@woztell.com",
            vertical: "PROF_SERVICES",
            websites: ["https://woztell.com/blog/", "https://woztell.com/pricing/"],
            profile_picture_url: "https://example.com/logo.png"
          }
        })
        assert.strictEqual(updated.vertical, "ProfessionalServices", "the answer is the profile as it now stands")
        assert.deepStrictEqual(updated.websites, ["https://woztell.com/blog/", "https://woztell.com/pricing/"])
        const photo = yield* run(BusinessProfile.getPhoto({ number: credentials.phoneNumberId }))
        assert.strictEqual(photo.url, "https://example.com/logo.png", "the photo is read from profile_picture_url")
        const set = yield* run(
          BusinessProfile.setPhoto({ number: credentials.phoneNumberId, url: "https://example.com/other.png" })
        )
        assert.strictEqual(set.url, "https://example.com/other.png")
        const patches = yield* requestsTo(emulator, "PATCH", "/whatsapp-business-profile")
        assert.deepStrictEqual((patches[1]?.body as { readonly profile?: unknown }).profile, {
          messaging_product: "whatsapp",
          profile_picture_url: "https://example.com/other.png"
        })
      })
  )

  scenario(
    "4. GET /whatsapp-displayname-status: token in the query and the signed context; the number's state",
    ({ emulator, run, credentials }) =>
      Effect.gen(function*() {
        const registration = yield* run(NumberLifecycle.status({ id: credentials.phoneNumberId }))
        const request = yield* onlyRequest(emulator, "GET", "/whatsapp-displayname-status")
        signedOnly(request, credentials, { alsoToken: true })
        assert.strictEqual(request.query["phoneNumberId"], credentials.phoneNumberId)
        assert.strictEqual(registration.id, credentials.phoneNumberId)
        assert.strictEqual(registration.provider, "woztell")
        assert.strictEqual(registration.state, "ready")
        assert.strictEqual(registration.providerState, "LIVE/VERIFIED")
        assert.strictEqual(registration.wabaId, credentials.wabaId, "completed from /waba-info")
        assert.isDefined(registration.details?.["qualityRating"])
        assert.isDefined(registration.details?.["messagingLimitTier"])
        assert.isDefined(registration.details?.["verifiedName"])
        const status = yield* run(WoztellWaba.numberStatus())
        assert.strictEqual(status.phoneNumberId, credentials.phoneNumberId)
        assert.strictEqual(status.accountMode, "LIVE")
      })
  )

  scenario(
    "5. PUT /media-id: document → file, token in the body, expiry 30 days from the clock",
    ({ emulator, run, credentials }) =>
      Effect.gen(function*() {
        const handle = yield* run(
          Media.upload({ number: credentials.phoneNumberId, kind: "document", url: "https://example.com/terms.pdf" })
        )
        const request = yield* onlyRequest(emulator, "PUT", "/media-id")
        tokenInBody(request, credentials)
        assert.deepStrictEqual(request.body, {
          accessToken: credentials.accessToken,
          phoneNumberId: credentials.phoneNumberId,
          type: "file",
          url: "https://example.com/terms.pdf"
        })
        const [stored] = yield* emulator.media
        assert.strictEqual(handle.id, stored?.mediaId)
        assert.strictEqual(handle.kind, "document")
        assert.strictEqual(handle.source, "https://example.com/terms.pdf")
        assert.isTrue(
          Option.exists(
            Option.fromNullable(handle.expiresAt),
            (at) => DateTime.toEpochMillis(at) === Duration.toMillis("30 days")
          ),
          "expires 30 days after the (test) clock's now"
        )
      })
  )

  scenario(
    "6. GET /conversation-analytics: UNIX seconds, JSON arrays, signed context only",
    ({ emulator, run, credentials }) =>
      Effect.gen(function*() {
        yield* emulator.addConversations([
          { timestamp: 1_672_700_000, country: "HK", conversationType: "FREE_TIER", direction: "USER_INITIATED" },
          {
            timestamp: 1_672_700_100,
            country: "HK",
            conversationType: "REGULAR",
            direction: "BUSINESS_INITIATED",
            cost: 0.05
          }
        ])
        const points = yield* run(
          WoztellAnalytics.conversations({
            from: "2023-01-01T00:00:00Z",
            to: "2023-01-31T00:00:00Z",
            granularity: "DAILY",
            metricTypes: ["COST", "CONVERSATION"],
            dimensions: ["CONVERSATION_TYPE"]
          })
        )
        const request = yield* onlyRequest(emulator, "GET", "/conversation-analytics")
        signedOnly(request, credentials)
        assert.strictEqual(request.query["from"], "1672531200")
        assert.strictEqual(request.query["to"], "1675123200")
        assert.strictEqual(request.query["granularity"], "DAILY")
        assert.strictEqual(request.query["metric_types"], "[\"COST\",\"CONVERSATION\"]")
        assert.strictEqual(request.query["dimensions"], "[\"CONVERSATION_TYPE\"]")
        assert.sameMembers(
          points.map((point) => point.conversationType),
          ["FREE_TIER", "REGULAR"]
        )
        for (const point of points) {
          assert.strictEqual(point.conversations, 1)
          assert.isTrue(DateTime.lessThan(point.start, point.end))
        }
      })
  )

  scenario(
    "7. GET /catalogs and 8. GET /products: signed context, products by catalog id",
    ({ emulator, run, credentials }) =>
      Effect.gen(function*() {
        const catalog = yield* emulator.addCatalog({
          name: "test_products",
          products: [
            { name: "Test Product 1", price: "HK$900.00", retailerId: "a6y7a9y6f0" },
            { name: "Test Product 2", price: "HK$2,000.00", retailerId: "yu7q27pbg1" }
          ]
        })
        const catalogs = yield* run(Stream.runCollect(WoztellCatalogs.catalogs))
        assert.deepStrictEqual(Chunk.toReadonlyArray(catalogs).map((entry) => [entry.id, entry.name]), [[
          catalog.id,
          "test_products"
        ]])
        signedOnly(yield* onlyRequest(emulator, "GET", "/catalogs"), credentials, { alsoToken: true })
        const products = yield* run(Stream.runCollect(WoztellCatalogs.products({ catalogId: catalog.id })))
        const request = yield* onlyRequest(emulator, "GET", "/products")
        signedOnly(request, credentials, { alsoToken: true })
        assert.strictEqual(request.query["catalogId"], catalog.id)
        assert.sameMembers(
          Chunk.toReadonlyArray(products).map((product) => `${product.retailerId} ${product.name} ${product.price}`),
          ["a6y7a9y6f0 Test Product 1 HK$900.00", "yu7q27pbg1 Test Product 2 HK$2,000.00"]
        )
        assert.sameMembers(Chunk.toReadonlyArray(products).map((product) => product.id), [...catalog.productIds])
      })
  )
})

describe("message template endpoints", () => {
  scenario(
    "9. GET /whatsapp-message-templates: wabaId, first, JSON-array filters, token in the query",
    ({ emulator, run, credentials }) =>
      Effect.gen(function*() {
        yield* emulator.seedTemplates(credentials.wabaId, [
          wireTemplate("order_ready", "en_US", "UTILITY", "Your order is ready"),
          wireTemplate("order_ready", "es", "UTILITY", "Su pedido esta listo"),
          wireTemplate("promo", "en_US", "MARKETING", "Sale!", { status: "PENDING" })
        ])
        const approved = yield* run(
          Templates.list({
            wabaId: credentials.wabaId,
            filter: { status: ["APPROVED"], language: ["en_US", "es"] },
            pageSize: 10
          }).pipe(
            Stream.runCollect
          )
        )
        const request = yield* onlyRequest(emulator, "GET", "/whatsapp-message-templates")
        tokenInQuery(request, credentials)
        assert.strictEqual(request.query["wabaId"], credentials.wabaId)
        assert.strictEqual(request.query["first"], "10")
        assert.strictEqual(request.query["status"], "[\"APPROVED\"]")
        assert.strictEqual(request.query["language"], "[\"en_US\",\"es\"]")
        assert.sameMembers(
          Chunk.toReadonlyArray(approved).map((template) => `${template.name}/${template.language}/${template.status}`),
          ["order_ready/en_US/APPROVED", "order_ready/es/APPROVED"],
          "one template per language version"
        )
      })
  )

  scenario(
    "10. PUT /whatsapp-message-template: the draft in WOZTELL's component format, token in the body",
    ({ emulator, run, credentials }) =>
      Effect.gen(function*() {
        const created = yield* run(
          Templates.create({
            wabaId: credentials.wabaId,
            template: {
              name: "test_template",
              language: "en_US",
              category: "MARKETING",
              components: [
                { _tag: "HEADER", format: "IMAGE", example: "https://example.com/header.png" },
                { _tag: "BODY", text: "hello {{1}} this is body template", examples: [["Test"]] },
                { _tag: "FOOTER", text: "this is footer template" },
                {
                  _tag: "BUTTONS",
                  buttons: [
                    { _tag: "PHONE_NUMBER", text: "Call", phoneNumber: "+85212769072" },
                    { _tag: "URL", text: "URL", url: "https://www.woztell.com/" }
                  ]
                }
              ]
            }
          })
        )
        const request = yield* onlyRequest(emulator, "PUT", "/whatsapp-message-template")
        tokenInBody(request, credentials)
        assert.deepStrictEqual(request.body, {
          accessToken: credentials.accessToken,
          wabaId: credentials.wabaId,
          name: "test_template",
          language: "en_US",
          category: "MARKETING",
          components: [
            { type: "HEADER", format: "IMAGE", example: { header_handle: ["https://example.com/header.png"] } },
            ...documentComponents
          ]
        })
        const [stored] = yield* emulator.templates(credentials.wabaId)
        assert.strictEqual(created.id, stored?.id, "the id WOZTELL answered")
        assert.strictEqual(created.status, "PENDING")
        assert.deepStrictEqual(yield* emulator.effects, [{
          operation: "createTemplate",
          key: `${credentials.wabaId}/test_template/en_US`
        }])
      })
  )

  scenario(
    "11. PATCH /whatsapp-message-template: the language version's id looked up by name + language",
    ({ emulator, run, credentials }) =>
      Effect.gen(function*() {
        const seeded = yield* emulator.seedTemplates(credentials.wabaId, [
          wireTemplate("winter", "en_US", "MARKETING", "Winter is here"),
          wireTemplate("winter", "es", "MARKETING", "Llega el invierno")
        ])
        yield* run(
          Templates.edit({
            wabaId: credentials.wabaId,
            name: "winter",
            language: "en_US",
            components: [{
              _tag: "BODY",
              text: "Winter's coming, it's time to check out our latest winter collection!"
            }]
          })
        )
        const lookup = yield* onlyRequest(emulator, "GET", "/whatsapp-message-templates")
        assert.strictEqual(lookup.query["name"], "winter")
        assert.strictEqual(
          lookup.query["language"],
          "[\"en_US\"]",
          "looked up with the language filter, as the document advises"
        )
        const request = yield* onlyRequest(emulator, "PATCH", "/whatsapp-message-template")
        tokenInBody(request, credentials)
        assert.deepStrictEqual(request.body, {
          accessToken: credentials.accessToken,
          wabaId: credentials.wabaId,
          messageTemplateName: "winter",
          messageTemplateLanguage: "en_US",
          messageTemplateId: seeded.find((template) => template.language === "en_US")?.id,
          components: [{ type: "BODY", text: "Winter's coming, it's time to check out our latest winter collection!" }]
        })
      })
  )

  scenario(
    "12. DEL /whatsapp-message-template: by name, with allLanguages",
    ({ emulator, run, credentials }) =>
      Effect.gen(function*() {
        yield* emulator.seedTemplates(credentials.wabaId, [
          wireTemplate("bye", "en_US", "MARKETING", "Bye"),
          wireTemplate("bye", "es", "MARKETING", "Adios")
        ])
        yield* run(Templates.remove({ wabaId: credentials.wabaId, name: "bye", allLanguages: true }))
        const request = yield* onlyRequest(emulator, "DELETE", "/whatsapp-message-template")
        tokenInBody(request, credentials)
        assert.deepStrictEqual(request.body, {
          accessToken: credentials.accessToken,
          wabaId: credentials.wabaId,
          name: "bye"
        })
        assert.deepStrictEqual(yield* emulator.templates(credentials.wabaId), [])
      })
  )
})

describe("flow endpoints (signed context only)", () => {
  scenario(
    "17. PUT /create-flow (and cloning), 13. GET /flow",
    ({ emulator, run, credentials }) =>
      Effect.gen(function*() {
        const original = yield* run(WoztellFlows.create({ name: "Test Flow 1", categories: ["SURVEY"] }))
        const clone = yield* run(
          WoztellFlows.create({
            name: "Test Flow 2",
            categories: ["SURVEY", "OTHER"],
            cloneFlowId: original,
            endpointUrl: "https://webhook.site/ff434d70"
          })
        )
        const creates = yield* requestsTo(emulator, "PUT", "/create-flow")
        assert.strictEqual(creates.length, 2)
        for (const request of creates) signedOnly(request, credentials)
        assert.deepStrictEqual(creates[0]?.body, { data: { name: "Test Flow 1", categories: ["SURVEY"] } })
        assert.deepStrictEqual(creates[1]?.body, {
          data: {
            name: "Test Flow 2",
            categories: ["SURVEY", "OTHER"],
            clone_flow_id: original,
            endpoint_url: "https://webhook.site/ff434d70"
          }
        })
        const flows = Chunk.toReadonlyArray(yield* run(Stream.runCollect(WoztellFlows.list({ pageSize: 1 }))))
        assert.sameMembers(flows.map((flow) => flow.id), [original, clone], "both flows, across two pages of one")
        const lists = yield* requestsTo(emulator, "GET", "/flow")
        assert.strictEqual(lists.length, 2, "one page per request")
        for (const request of lists) {
          signedOnly(request, credentials)
          assert.strictEqual(request.query["limit"], "1")
        }
        assert.isDefined(lists[1]?.query["after"], "the second page follows the after cursor")
        for (const flow of flows) assert.include(flow.label ?? "", "(DRAFT)")
      })
  )

  scenario(
    "19. PATCH /flow-json answers validation errors; 14. screen payload, 15. preview, 16. detail",
    ({ emulator, run, credentials }) =>
      Effect.gen(function*() {
        const flowId = yield* run(WoztellFlows.create({ name: "Preferences", categories: ["SIGN_UP"] }))
        const invalid = yield* run(
          WoztellFlows.updateJson({ flowId, json: { version: "3.1", screens: [{ title: "No id and no layout" }] } })
        )
        assert.isAbove(invalid.validationErrors.length, 0, "an invalid flow JSON is reported, not thrown")
        for (const error of invalid.validationErrors) assert.isAbove(error.message.length, 0)
        const valid = yield* run(WoztellFlows.updateJson({ flowId, json: { version: "3.1", screens } }))
        assert.deepStrictEqual(valid.validationErrors, [])
        const patches = yield* requestsTo(emulator, "PATCH", "/flow-json")
        for (const request of patches) signedOnly(request, credentials)
        assert.deepStrictEqual(patches[1]?.body, { flowId, data: { version: "3.1", screens } })

        const payload = yield* run(WoztellFlows.screenPayload({ flowId }))
        assert.deepStrictEqual(payload.screens.map((screen) => screen.id), ["PREFERENCES"])
        const preview = yield* run(WoztellFlows.preview({ flowId }))
        assert.match(preview.url, /^https:\/\//)
        assert.isDefined(preview.expiresAt, "expires_at is read as a date")
        const detail = yield* run(WoztellFlows.detail({ flowId }))
        assert.strictEqual(detail.id, flowId)
        assert.strictEqual(detail.name, "Preferences")
        assert.deepStrictEqual(detail.categories, ["SIGN_UP"])
        assert.strictEqual(detail.status, "DRAFT")
        assert.strictEqual(detail.jsonVersion, "3.1")
        assert.strictEqual(detail.waba?.id, credentials.wabaId)
        for (const path of ["/flow-screen-payload", "/flow-preview", "/flow-detail"]) {
          const request = yield* onlyRequest(emulator, "GET", path)
          signedOnly(request, credentials)
          assert.strictEqual(request.query["flowId"], flowId, `${path} flowId`)
        }
      })
  )

  scenario(
    "18. PATCH /flow-metadata: name and categories under data, endpoint_url beside it",
    ({ emulator, run, credentials }) =>
      Effect.gen(function*() {
        const flowId = yield* run(WoztellFlows.create({ name: "Old name", categories: ["OTHER"] }))
        yield* run(
          WoztellFlows.updateMetadata({
            flowId,
            name: "Test Flow ABC",
            categories: ["CONTACT_US"],
            endpointUrl: "https://webhook.site/ff434d70"
          })
        )
        const request = yield* onlyRequest(emulator, "PATCH", "/flow-metadata")
        signedOnly(request, credentials)
        assert.deepStrictEqual(request.body, {
          flowId,
          data: { name: "Test Flow ABC", categories: ["CONTACT_US"] },
          endpoint_url: "https://webhook.site/ff434d70"
        })
        const detail = yield* run(WoztellFlows.detail({ flowId }))
        assert.strictEqual(detail.name, "Test Flow ABC")
        assert.deepStrictEqual(detail.categories, ["CONTACT_US"])
      })
  )

  scenario(
    "21. POST /publish-flow, 22. POST /deprecate-flow, 20. DEL /flow: { flowId }",
    ({ emulator, run, credentials }) =>
      Effect.gen(function*() {
        const published = yield* run(WoztellFlows.create({ name: "To publish", categories: ["SURVEY"] }))
        const draft = yield* run(WoztellFlows.create({ name: "To delete", categories: ["SURVEY"] }))
        yield* run(WoztellFlows.publish({ flowId: published }))
        yield* run(WoztellFlows.deprecate({ flowId: published }))
        yield* run(WoztellFlows.remove({ flowId: draft }))
        const publish = yield* onlyRequest(emulator, "POST", "/publish-flow")
        const deprecate = yield* onlyRequest(emulator, "POST", "/deprecate-flow")
        const remove = yield* onlyRequest(emulator, "DELETE", "/flow")
        for (const request of [publish, deprecate, remove]) signedOnly(request, credentials)
        assert.deepStrictEqual(publish.body, { flowId: published })
        assert.deepStrictEqual(deprecate.body, { flowId: published })
        assert.deepStrictEqual(remove.body, { flowId: draft })
        const flows = yield* emulator.flows
        assert.deepStrictEqual(
          flows.map((flow) => [flow.id, flow.status]),
          [[published, "DEPRECATED"]]
        )
        const error = yield* Effect.flip(run(WoztellFlows.remove({ flowId: published })))
        assert.strictEqual(error._tag, "InvalidInput", "the provider refuses to delete a deprecated flow")
        if (error._tag === "InvalidInput") {
          assert.strictEqual(error.source, "provider")
          assert.include(error.problem?.detail ?? "", "cannot be deleted")
        }
      })
  )
})

describe("business encryption endpoints (signed context only)", () => {
  scenario(
    "23. POST /whatsapp-business-encryption and 24. GET: a 2048-bit RSA public key",
    ({ emulator, run, credentials }) =>
      Effect.gen(function*() {
        assert.isTrue(Option.isNone(yield* run(WoztellEncryption.get)), "no key yet")
        const { publicKey } = generateKeyPairSync("rsa", {
          modulusLength: 2048,
          publicKeyEncoding: { type: "spki", format: "pem" },
          privateKeyEncoding: { type: "pkcs8", format: "pem" }
        })
        yield* run(WoztellEncryption.set({ publicKey }))
        const request = yield* onlyRequest(emulator, "POST", "/whatsapp-business-encryption")
        signedOnly(request, credentials)
        assert.deepStrictEqual(request.body, { publicKey })
        const stored = yield* run(WoztellEncryption.get)
        assert.isTrue(Option.isSome(stored))
        if (Option.isSome(stored)) {
          assert.strictEqual(stored.value.publicKey.trim(), publicKey.trim())
          assert.strictEqual(stored.value.signatureStatus, "VALID")
        }
        const reads = yield* requestsTo(emulator, "GET", "/whatsapp-business-encryption")
        assert.strictEqual(reads.length, 2)
        for (const read of reads) signedOnly(read, credentials)
      })
  )

  scenario(
    "23. a private key, a 1024-bit key or an EC key is refused locally: InvalidInput, nothing sent",
    ({ emulator, run }) =>
      Effect.gen(function*() {
        const small = generateKeyPairSync("rsa", {
          modulusLength: 1024,
          publicKeyEncoding: { type: "spki", format: "pem" },
          privateKeyEncoding: { type: "pkcs8", format: "pem" }
        })
        const ec = generateKeyPairSync("ec", {
          namedCurve: "P-256",
          publicKeyEncoding: { type: "spki", format: "pem" },
          privateKeyEncoding: { type: "pkcs8", format: "pem" }
        })
        const cases = [
          [small.privateKey, "private key"],
          [small.publicKey, "2048-bit"],
          [ec.publicKey, "RSA"],
          ["-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----", "readable"]
        ] as const
        for (const [publicKey, rule] of cases) {
          const error = yield* expectFailure(run(WoztellEncryption.set({ publicKey })), "InvalidInput")
          assert.strictEqual(error.source, "local")
          assert.strictEqual(error.issues[0].field, "publicKey")
          assert.include(error.issues[0].rule, rule)
          assert.notInclude(error.message, "PRIVATE KEY", "the key itself is not echoed")
        }
        assert.deepStrictEqual(yield* emulator.requests, [], "nothing was sent")
      })
  )
})
