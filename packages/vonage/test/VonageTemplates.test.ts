import { assert, describe, it } from "@effect/vitest"
import {
  Capabilities,
  Media,
  MigrationJournal,
  Template,
  TemplateMigration,
  Templates,
  Transport
} from "@wa-admin/core"
import { Chunk, Clock, Effect, Stream } from "effect"
import { decodeJwt } from "jose"
import type { VonageEmulator } from "../src/emulator/index.js"
import { expectFailure, expectTag, harness, otherKeys, refusedFirstToken } from "./support.js"
import {
  everyKindOfComponent,
  fileServer,
  problem,
  sample,
  templatesHarness,
  underTestClock,
  wabaId
} from "./templateApi.js"

const base = "/v2/whatsapp-manager"
const path = `${base}/wabas/${wabaId}/templates`

/** A template the emulator starts with: APPROVED, MARKETING, one body. */
const seed = (
  name: string,
  language: string,
  fields: Partial<VonageEmulator.TemplateSeed> = {}
): VonageEmulator.TemplateSeed => ({
  wabaId,
  name,
  language,
  category: "MARKETING",
  status: "APPROVED",
  components: [{ type: "BODY", format: "TEXT", text: `Hello from ${name}` }],
  ...fields
})

/** The emulator (WhatsApp Manager and the template API on one server) and the adapter over it. */
const emulated = (
  templates: ReadonlyArray<VonageEmulator.TemplateSeed> = [],
  options: Parameters<typeof harness>[0] = {}
) =>
  Effect.map(harness({ ...options, emulator: { wabas: [wabaId], templates, ...options.emulator } }), (setup) => ({
    ...setup,
    /** The requests to the template API (paths below /v2/whatsapp-manager). */
    sent: Effect.map(setup.emulator.requests, (requests) => requests.filter((request) => request.path.startsWith(base)))
  }))

const collect = <E, R>(stream: Stream.Stream<Template.Template, E, R>) =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

const keys = (templates: ReadonlyArray<{ readonly name: string; readonly language: string }>) =>
  templates.map((template) => `${template.name}/${template.language}`)

/** Asserts a request carried a JWT of the application. */
const assertJwt = (authorization: string | undefined, applicationId: string) => {
  const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1]
  if (token === undefined) return assert.fail(`expected a bearer JWT, got ${authorization}`)
  assert.strictEqual(decodeJwt(token)["application_id"], applicationId)
}

/** An English MARKETING draft of one body. */
const bodyOnly = (name: string, text: string) => ({
  name,
  language: "en_US",
  category: "MARKETING" as const,
  components: [{ _tag: "BODY" as const, text }]
})

/** Creates a template of `header` and a body of `text` (English, MARKETING unless told). */
const createWithHeader = (
  name: string,
  header: Parameters<typeof Templates.create>[0]["template"]["components"][number],
  text: string,
  category: Template.TemplateCategory = "MARKETING"
) =>
  Templates.create({
    wabaId,
    template: { name, language: "en_US", category, components: [header, { _tag: "BODY", text }] }
  })

const fullComponents = everyKindOfComponent("everywhere")
const creatable = everyKindOfComponent("body")

describe("VonageTemplates over the emulator", () => {
  describe("list", () => {
    it.scoped("GET /wabas/{id}/templates with the JWT, decoded straight into the domain, every page in order", () =>
      Effect.gen(function*() {
        const { emulator, run, sent } = yield* emulated([
          seed("order_ready", "en_US", { id: "1001", components: fullComponents.wire }),
          seed("order_ready", "es"),
          seed("promo", "en_US"),
          seed("reminder", "en_US"),
          seed("welcome", "en_US")
        ])
        const all = yield* run(collect(Templates.list({ wabaId, pageSize: 2 })))
        assert.deepStrictEqual(keys(all), [
          "order_ready/en_US",
          "order_ready/es",
          "promo/en_US",
          "reminder/en_US",
          "welcome/en_US"
        ])
        const [first] = all
        assert.instanceOf(first, Template.Template)
        assert.deepStrictEqual(
          { ...first },
          {
            id: "1001",
            name: "order_ready",
            language: "en_US",
            category: "MARKETING",
            status: "APPROVED",
            components: fullComponents.domain
          }
        )
        const requests = yield* sent
        assert.deepStrictEqual(
          requests.map((request) => [request.method, request.path, request.query["limit"]]),
          [
            ["GET", path, "2"],
            ["GET", path, "2"],
            ["GET", path, "2"]
          ]
        )
        const cursors = requests.map((request) => request.query["after"])
        assert.isUndefined(cursors[0], "the first page has no cursor")
        assert.strictEqual(
          new Set(cursors.slice(1).filter((cursor) => cursor !== undefined && cursor.length > 0)).size,
          2,
          "each next page by its own cursor"
        )
        for (const request of requests) assertJwt(request.headers["authorization"], emulator.credentials.applicationId)
      }))

    it.scoped("without a page size it asks for 100 a page", () =>
      Effect.gen(function*() {
        const { run, sent } = yield* emulated()
        yield* run(collect(Templates.list({ wabaId })))
        const [request] = yield* sent
        assert.deepStrictEqual(request?.query, { limit: "100" })
      }))

    it.scoped("unknown categories, statuses and components are kept or left out, never refused", () =>
      Effect.gen(function*() {
        const { run } = yield* emulated([
          seed("legacy", "en_US", {
            category: "ACCOUNT_UPDATE",
            status: "LOCKED",
            components: [
              { type: "BODY", format: "TEXT", text: "Your account" },
              { type: "CAROUSEL", format: "TEXT", cards: [] },
              {
                type: "BUTTONS",
                format: "TEXT",
                buttons: [{ type: "OTP", text: "Copy" }, { type: "QUICK_REPLY", text: "Ok" }]
              }
            ]
          })
        ])
        const [legacy] = yield* run(collect(Templates.list({ wabaId })))
        assert.deepStrictEqual([legacy?.category, legacy?.status], ["ACCOUNT_UPDATE", "LOCKED"])
        assert.deepStrictEqual(legacy?.components, [
          { _tag: "BODY", text: "Your account" },
          { _tag: "BUTTONS", buttons: [{ _tag: "QUICK_REPLY", text: "Ok" }] }
        ])
      }))

    it.scoped("filters Vonage can apply are sent; the rest are applied to what it answers", () =>
      Effect.gen(function*() {
        const { emulator, run, sent } = yield* emulated([
          seed("alpha", "en_US", { status: "APPROVED" }),
          seed("alpha", "es", { status: "PENDING" }),
          seed("bravo", "en_US", {
            status: "REJECTED",
            category: "UTILITY",
            components: [{ type: "BODY", format: "TEXT", text: "A zebra crossed" }]
          }),
          seed("alphabet", "en_US", { status: "LOCKED", category: "UTILITY" })
        ])
        const cases: ReadonlyArray<
          readonly [typeof Template.TemplateFilter.Encoded, Record<string, string>, ReadonlyArray<string>]
        > = [
          [{ status: ["APPROVED"] }, { status: "APPROVED" }, ["alpha/en_US"]],
          [{ status: ["APPROVED", "PENDING"] }, {}, ["alpha/en_US", "alpha/es"]],
          [{ status: ["LOCKED"] }, {}, ["alphabet/en_US"]],
          [{ language: ["es"] }, { language: "es" }, ["alpha/es"]],
          [{ language: ["es", "en_US"] }, {}, ["alpha/en_US", "alpha/es", "bravo/en_US", "alphabet/en_US"]],
          [{ name: "alpha" }, { name_or_content: "alpha" }, ["alpha/en_US", "alpha/es", "alphabet/en_US"]],
          [{ content: "zebra" }, { name_or_content: "zebra" }, ["bravo/en_US"]],
          [{ name: "alpha", content: "zebra" }, { name_or_content: "alpha" }, []],
          [{ category: ["UTILITY"] }, {}, ["bravo/en_US", "alphabet/en_US"]],
          [{ qualityScore: ["GREEN"] }, {}, []],
          [{ language: ["en_US"], category: ["MARKETING"] }, { language: "en_US" }, ["alpha/en_US"]]
        ]
        for (const [filter, query, expected] of cases) {
          yield* emulator.clearRequests
          const found = yield* run(collect(Templates.list({ wabaId, filter })))
          assert.deepStrictEqual(keys(found), expected, JSON.stringify(filter))
          const [request] = yield* sent
          assert.deepStrictEqual(request?.query, { limit: "100", ...query }, JSON.stringify(filter))
        }
      }))

    it.scoped("an unknown WABA is NotFound naming it, with Vonage's problem", () =>
      Effect.gen(function*() {
        const { run } = yield* emulated()
        const error = yield* expectFailure(run(collect(Templates.list({ wabaId: "4242" }))), "NotFound")
        assert.deepStrictEqual([error.resource, error.id, error.problem?.status, error.problem?.detail], [
          "WABA",
          "4242",
          404,
          "WABA was not found."
        ])
        assert.isDefined(error.problem?.instance, "instance_id is kept")
      }))
  })

  describe("get", () => {
    it.scoped("lists by name and language and picks the exact version", () =>
      Effect.gen(function*() {
        const { run, sent } = yield* emulated([
          seed("alpha_long", "en_US"),
          seed("alpha", "en_US", { id: "2002" }),
          seed("alpha", "es")
        ])
        const found = yield* run(Templates.get({ wabaId, name: "alpha", language: "en_US" }))
        assert.deepStrictEqual([found.name, found.language, found.id], ["alpha", "en_US", "2002"])
        const [request] = yield* sent
        assert.deepStrictEqual([request?.method, request?.path], ["GET", path])
        assert.deepStrictEqual(request?.query, { limit: "100", language: "en_US", name_or_content: "alpha" })
      }))
  })

  describe("create", () => {
    it.scoped("POST /wabas/{id}/templates with the draft in the document's shape; answers the template, PENDING", () =>
      Effect.gen(function*() {
        const { emulator, run, sent } = yield* emulated()
        const created = yield* run(
          Templates.create({
            wabaId,
            template: {
              name: "order_ready",
              language: "en_US",
              category: "UTILITY",
              components: creatable.domain
            }
          })
        )
        const [request] = yield* sent
        assert.deepStrictEqual([request?.method, request?.path, request?.query], ["POST", path, {}])
        assertJwt(request?.headers["authorization"], emulator.credentials.applicationId)
        assert.deepStrictEqual(request?.body, {
          name: "order_ready",
          language: "en_US",
          category: "UTILITY",
          components: creatable.wire
        })
        assert.instanceOf(created, Template.Template)
        assert.strictEqual(created.status, "PENDING")
        const [held] = yield* emulator.templates(wabaId)
        assert.strictEqual(created.id, held?.id)
        const read = yield* run(Templates.get({ wabaId, name: "order_ready", language: "en_US" }))
        assert.isTrue(Template.sameContent(read, created), "it reads back as created")
      }))

    it.scoped("each of the port's categories goes out as it was given, the legacy ones included", () =>
      Effect.gen(function*() {
        const { run, sent } = yield* emulated()
        for (const category of Template.TemplateCategory.literals) {
          yield* run(Templates.create({
            wabaId,
            template: {
              name: `welcome_${category.toLowerCase()}`,
              language: "en_US",
              category,
              components: [{ _tag: "BODY", text: "Welcome" }]
            }
          }))
        }
        const categories = (yield* sent).map((request) => (request.body as { readonly category?: unknown }).category)
        assert.deepStrictEqual(categories, [...Template.TemplateCategory.literals])
      }))

    it.scoped("a media header with the file's URL: fetched without credentials, uploaded, and its handle sent", () =>
      Effect.gen(function*() {
        const { emulator, run, sent } = yield* emulated()
        const png = sample("png", 2048)
        const files = yield* fileServer({ "/header.png": { bytes: png, contentType: "application/octet-stream" } })
        const created = yield* run(
          createWithHeader(
            "promo",
            { _tag: "HEADER", format: "IMAGE", example: `${files.url}/header.png` },
            "Sale today"
          )
        )
        assert.lengthOf(files.requests, 1)
        assert.isUndefined(files.requests[0]?.["authorization"], "our JWT never goes to the caller's file host")
        const [upload, creation] = yield* sent
        assert.deepStrictEqual([upload?.method, upload?.path, upload?.query], ["POST", `${base}/media/uploads`, {
          file_type: "image/png"
        }])
        assertJwt(upload?.headers["authorization"], emulator.credentials.applicationId)
        const [uploaded] = yield* emulator.uploads
        assert.deepStrictEqual([uploaded?.fileType, uploaded?.bytes], ["image/png", png])
        const handle = uploaded?.handle ?? ""
        assert.deepStrictEqual((creation?.body as { components: unknown }).components, [
          { type: "HEADER", format: "IMAGE", example: { header_handle: [handle] } },
          { type: "BODY", format: "TEXT", text: "Sale today" }
        ])
        assert.deepStrictEqual(created.components[0], { _tag: "HEADER", format: "IMAGE", example: handle })
      }))

    it.scoped("a media header with a handle (a VIDEO uploaded before) is sent as is; nothing more is uploaded", () =>
      Effect.gen(function*() {
        const { emulator, run, sent } = yield* emulated()
        const files = yield* fileServer({ "/clip.mp4": { bytes: sample("mp4", 4096), contentType: "video/mp4" } })
        const asset = yield* run(Media.uploadTemplateAsset({ wabaId, kind: "video", url: `${files.url}/clip.mp4` }))
        yield* emulator.clearRequests
        yield* run(
          createWithHeader("clip", { _tag: "HEADER", format: "VIDEO", example: asset.handle }, "Watch")
        )
        const requests = yield* sent
        assert.deepStrictEqual(requests.map((request) => request.path), [path])
        assert.deepStrictEqual((requests[0]?.body as { components: ReadonlyArray<unknown> }).components[0], {
          type: "HEADER",
          format: "VIDEO",
          example: { header_handle: [asset.handle] }
        })
        assert.lengthOf(yield* emulator.uploads, 1)
        assert.lengthOf(files.requests, 1)
      }))

    it.scoped("a name and language that exist already → Conflict; another language is created", () =>
      Effect.gen(function*() {
        const { run } = yield* emulated([seed("twice", "en_US")])
        const draft = bodyOnly("twice", "Again")
        const conflict = yield* expectFailure(run(Templates.create({ wabaId, template: draft })), "Conflict")
        assert.strictEqual(conflict.operation, "templates.create")
        assert.isDefined(conflict.problem, "Vonage's problem is kept")
        const other = yield* run(Templates.create({ wabaId, template: { ...draft, language: "es" } }))
        assert.strictEqual(other.language, "es")
      }))

    it.scoped("Vonage's own rules: no LOCATION header, a media header's example, no document upload — refused, nothing sent", () =>
      Effect.gen(function*() {
        const { run, sent } = yield* emulated()
        const invalid = expectTag(
          yield* run(
            Effect.flip(
              createWithHeader("where", { _tag: "HEADER", format: "LOCATION" }, "Here", "UTILITY")
            )
          ),
          "InvalidInput"
        )
        assert.strictEqual(invalid.source, "local")
        assert.deepStrictEqual(invalid.issues.map((issue) => issue.field), ["template.components.0.format"])
        for (
          const [format, example] of [["IMAGE", undefined], ["DOCUMENT", "https://example.com/brochure.pdf"]] as const
        ) {
          const refused = expectTag(
            yield* run(
              Effect.flip(
                Templates.create({
                  wabaId,
                  template: {
                    name: "media",
                    language: "en_US",
                    category: "MARKETING",
                    components: [{ _tag: "BODY", text: "Body" }, {
                      _tag: "HEADER",
                      format,
                      ...(example === undefined ? {} : { example })
                    }]
                  }
                })
              )
            ),
            "InvalidInput"
          )
          assert.deepStrictEqual(refused.issues.map((issue) => issue.field), ["template.components.1.example"], format)
        }
        assert.lengthOf(yield* sent, 0)
      }))

    it.scoped("a header URL that leads nowhere usable is refused on the draft's field; nothing reaches Vonage", () =>
      Effect.gen(function*() {
        const { run, sent } = yield* emulated()
        const files = yield* fileServer({ "/brochure.pdf": { bytes: sample("pdf"), contentType: "image/png" } })
        const refused = expectTag(
          yield* run(
            Effect.flip(
              createWithHeader(
                "promo",
                { _tag: "HEADER", format: "IMAGE", example: `${files.url}/brochure.pdf` },
                "Sale"
              )
            )
          ),
          "InvalidInput"
        )
        assert.deepStrictEqual([refused.operation, refused.source], ["templates.create", "local"])
        assert.deepStrictEqual(refused.issues.map((issue) => issue.field), ["template.components.0.example"])
        assert.lengthOf(yield* sent, 0)
      }))
  })

  describe("delete", () => {
    /** A name in two languages. */
    const bilingual = [seed("bilingual", "en_US"), seed("bilingual", "es")]

    it.scoped("allLanguages: DELETE /wabas/{id}/templates?name= after checking the name exists", () =>
      Effect.gen(function*() {
        const { emulator, run, sent } = yield* emulated([...bilingual, seed("bystander", "en_US")])
        yield* run(Templates.remove({ wabaId, name: "bilingual", allLanguages: true }))
        const requests = yield* sent
        assert.deepStrictEqual(
          requests.map((
            request
          ) => [request.method, request.path, request.query["name"] ?? request.query["name_or_content"]]),
          [
            ["GET", path, "bilingual"],
            ["DELETE", path, "bilingual"]
          ]
        )
        assertJwt(requests[1]?.headers["authorization"], emulator.credentials.applicationId)
        assert.deepStrictEqual(keys(yield* emulator.templates(wabaId)), ["bystander/en_US"])
        const missing = yield* expectFailure(
          run(Templates.remove({ wabaId, name: "bilingual", allLanguages: true })),
          "NotFound"
        )
        assert.deepStrictEqual([missing.resource, missing.id], ["template", "bilingual"])
      }))

    it.scoped("one language: deleted when it is the name's last; refused on allLanguages while others remain", () =>
      Effect.gen(function*() {
        const { emulator, run, sent } = yield* emulated([...bilingual, seed("single", "en_US")])
        const refused = yield* expectFailure(
          run(Templates.remove({ wabaId, name: "bilingual", language: "en_US" })),
          "InvalidInput"
        )
        assert.deepStrictEqual(refused.issues.map((issue) => issue.field), ["allLanguages"])
        assert.include(refused.issues[0].rule, "es")
        assert.isFalse((yield* sent).some((request) => request.method === "DELETE"), "nothing was deleted")
        yield* run(Templates.remove({ wabaId, name: "single", language: "en_US" }))
        assert.deepStrictEqual(keys(yield* emulator.templates(wabaId)), ["bilingual/en_US", "bilingual/es"])
        const missing = yield* expectFailure(
          run(Templates.remove({ wabaId, name: "bilingual", language: "pt_BR" })),
          "NotFound"
        )
        assert.strictEqual(missing.id, "bilingual (pt_BR)")
      }))
  })

  it.scoped("edit is Unsupported (no documented shape); Capabilities say so", () =>
    Effect.gen(function*() {
      const { run, sent } = yield* emulated([seed("alpha", "en_US")])
      const error = yield* run(
        Effect.flip(
          Templates.edit({ wabaId, name: "alpha", language: "en_US", components: [{ _tag: "BODY", text: "New" }] })
        )
      )
      assert.deepStrictEqual([error._tag, error.operation, error.provider], ["Unsupported", "templates.edit", "vonage"])
      const capabilities = yield* run(Capabilities.Capabilities)
      assert.isFalse(capabilities.supports("templates.edit"))
      for (
        const operation of [
          "templates.list",
          "templates.get",
          "templates.create",
          "templates.delete",
          "media.templateAsset"
        ] as const
      ) {
        assert.isTrue(capabilities.supports(operation), operation)
      }
      assert.isFalse(capabilities.supports("media.upload"))
      assert.lengthOf(yield* sent, 0)
    }))

  describe("authentication and Meta's failures", () => {
    it.scoped("a refused token is signed again once and the call retried; a key Vonage does not know is Unauthorized", () =>
      Effect.gen(function*() {
        const refreshed = yield* emulated([seed("alpha", "en_US")], { http: refusedFirstToken })
        assert.lengthOf(yield* refreshed.run(collect(Templates.list({ wabaId }))), 1)
        assert.lengthOf(yield* refreshed.sent, 2)
        assert.strictEqual(yield* refreshed.client.signatures, 2)
        const stranger = yield* emulated([], { client: { privateKey: otherKeys.privateKey } })
        const error = expectTag(yield* stranger.run(Effect.flip(collect(Templates.list({ wabaId })))), "Unauthorized")
        assert.strictEqual(error.problem?.status, 401)
        assert.lengthOf(yield* stranger.sent, 2)
      }))

    it.scoped("500 (code 1030): a read is retried, then ProviderUnavailable; a creation is OutcomeUnknown, never repeated", () =>
      Effect.gen(function*() {
        const failing = "999000111"
        const { run, sent } = yield* emulated([], { emulator: { failingWabaIds: [failing] } })
        const unavailable = expectTag(
          yield* underTestClock(run(Effect.flip(collect(Templates.list({ wabaId: failing }))))),
          "ProviderUnavailable"
        )
        assert.deepStrictEqual([unavailable.problem?.code, unavailable.status, unavailable.attempts], ["1030", 500, 4])
        const unknown = expectTag(
          yield* run(
            Effect.flip(
              Templates.create({
                wabaId: failing,
                template: {
                  name: "order",
                  language: "en_US",
                  category: "MARKETING",
                  components: [{ _tag: "BODY", text: "Hi" }]
                }
              })
            )
          ),
          "OutcomeUnknown"
        )
        assert.strictEqual(unknown.operation, "templates.create")
        assert.lengthOf((yield* sent).filter((request) => request.method === "POST"), 1)
      }))
  })

  it.scoped("a migration of 1,000 templates is paced to 40 a second: not one throttled answer, and no slower than the rate", () =>
    Effect.gen(function*() {
      const { emulator, run, sent } = yield* emulated()
      const source = Array.from(
        { length: 1000 },
        (_, index) =>
          new Template.Template({
            name: `migrated_${index}`,
            language: "en_US",
            category: "MARKETING",
            status: "APPROVED",
            components: [{ _tag: "BODY", text: `Template number ${index}` }]
          })
      )
      const target = yield* run(Templates.Templates)
      const journal = yield* MigrationJournal.makeMemory
      const started = yield* Clock.currentTimeMillis
      const report = yield* underTestClock(
        Effect.flatMap(
          TemplateMigration.plan({
            source: Stream.fromIterable(source),
            from: { provider: "memory", wabaId: "1" },
            target,
            to: { provider: "vonage", wabaId }
          }),
          (plan) => TemplateMigration.apply(plan, { target, journal })
        )
      )
      const elapsed = (yield* Clock.currentTimeMillis) - started
      assert.strictEqual(report.outcomes.filter((outcome) => outcome.outcome === "created").length, 1000)
      assert.lengthOf(yield* emulator.templates(wabaId), 1000)
      // One listing and one POST each: a throttled answer would have been retried, one request more.
      assert.lengthOf(yield* sent, 1001)
      assert.isAtLeast(elapsed, 24_000)
      assert.isAtMost(elapsed, 26_000)
    }))
})

describe("VonageTemplates over a scripted stand-in (answers the emulator never gives)", () => {
  const draft = bodyOnly("order", "Hi")

  it.scoped("a next link to another host or path is not followed: UnexpectedResponse after the page, nothing sent for it", () =>
    Effect.gen(function*() {
      const { api, run } = yield* templatesHarness()
      api.wabas.get(wabaId)?.push(
        ...["one", "two", "three"].map((name) => ({
          id: name,
          name,
          language: "en_US",
          category: "MARKETING",
          status: "APPROVED",
          components: [{ type: "BODY", format: "TEXT", text: name }]
        }))
      )
      const origin = new URL(api.url).origin
      for (
        const nextBase of [
          "https://attacker.example/v2/whatsapp-manager",
          `${origin}/v0.1/whatsapp-manager`,
          `${origin.replace("http:", "https:")}/v2/whatsapp-manager`
        ]
      ) {
        api.links.nextBase = nextBase
        yield* api.clearRequests
        const seen: Array<string> = []
        const error = yield* run(
          Templates.list({ wabaId, pageSize: 2 }).pipe(
            Stream.runForEach((template) => Effect.sync(() => seen.push(template.name))),
            Effect.flip
          )
        )
        const unexpected = expectTag(error, "UnexpectedResponse")
        assert.strictEqual(unexpected.operation, "templates.list")
        assert.notInclude(unexpected.message, "attacker", "the link is not quoted")
        assert.deepStrictEqual(seen, ["one", "two"], "the page before the bad link reaches the caller")
        assert.lengthOf(yield* api.requests, 1, "nothing was sent for the bad link")
      }
    }))

  const refusals = [
    {
      title: "400 → InvalidInput from the provider, naming the parameter as the request's field, keeping instance_id",
      answer: problem(
        400,
        "invalid-params",
        "Message template \"components\" param contains unexpected field(s)",
        "component of type BUTTONS has unexpected field(s) (text)."
      ),
      field: "template.components"
    },
    {
      title: "422 → InvalidInput carrying Meta's message on the field it names",
      answer: problem(
        422,
        "invalid-params",
        "Invalid params",
        "(#100) Param category must be one of {TRANSACTIONAL, MARKETING, OTP}."
      ),
      field: "template.category"
    }
  ]
  for (const { answer, field, title } of refusals) {
    it.scoped(title, () =>
      Effect.gen(function*() {
        const { api, run } = yield* templatesHarness()
        api.answerNext(answer)
        const invalid = yield* expectFailure(run(Templates.create({ wabaId, template: draft })), "InvalidInput")
        assert.strictEqual(invalid.source, "provider")
        assert.deepStrictEqual(invalid.issues.map((issue) => [issue.field, issue.rule]), [[field, answer.body.detail]])
        assert.deepStrictEqual([invalid.problem?.status, invalid.problem?.instance], [
          answer.status,
          "bf0ca0bf-927b-3b52-e3bc-8e38d8a2b05b"
        ])
      }))
  }

  it.scoped("429 (code 1000) is retried by the transport; once retries are spent, RateLimited with the problem and its instance_id", () =>
    Effect.gen(function*() {
      const { api, run } = yield* templatesHarness()
      const throttled = problem(429, "1000", "Rate Limit Hit", "Throttled")
      api.answerNext(throttled)
      assert.lengthOf(yield* underTestClock(run(collect(Templates.list({ wabaId })))), 0)
      assert.lengthOf(yield* api.requests, 2, "one retry")
      api.answerNext(throttled, throttled)
      const limited = expectTag(
        yield* underTestClock(
          run(Effect.flip(collect(Templates.list({ wabaId })).pipe(Transport.withPolicy({ maxAttempts: 2 }))))
        ),
        "RateLimited"
      )
      assert.deepStrictEqual(
        [limited.problem?.code, limited.problem?.status, limited.problem?.instance, limited.attempts],
        ["1000", 429, "bf0ca0bf-927b-3b52-e3bc-8e38d8a2b05b", 2],
        "the transport's own verdict keeps the instance_id Vonage support asks for"
      )
    }))
})
