/**
 * Message templates: creation and its rules, the review on the Clock, the list with its filters
 * and cursors, a template by id, the edit limits, deletion by name or by `hsm_id` and the 30-day
 * block on a deleted name, the creation pace, media headers from the resumable upload, and
 * same-business migration.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, TestClock } from "effect"
import type { Harness, Json } from "./harness.js"
import { at, authenticationTemplate, graphError, harness, resumableUpload, text } from "./harness.js"

const body = (textValue = "Your order {{1}} has shipped") => ({
  type: "BODY",
  text: textValue,
  ...(textValue.includes("{{1}}") ? { example: { body_text: [["A-1"]] } } : {})
})

const create = (h: Harness, fields: Record<string, unknown>, wabaId = h.emulator.credentials.wabaId) =>
  h.call("POST", `/${wabaId}/message_templates`, {
    json: { name: "order_update", language: "en_US", category: "UTILITY", components: [body()], ...fields }
  })

const created = (h: Harness, fields: Record<string, unknown> = {}, wabaId?: string) =>
  Effect.gen(function*() {
    const answer = yield* create(h, fields, wabaId)
    assert.strictEqual(answer.status, 200, answer.text)
    return text(answer.body, "id")
  })

const statusOf = (h: Harness, id: string) =>
  Effect.map(h.call("GET", `/${id}?fields=status`), (answer) => at(answer.body, "status"))

const ids = (answer: { readonly body: Json }) =>
  ((at(answer.body, "data") ?? []) as ReadonlyArray<Json>).map((item) => at(item, "id"))

describe("templates", () => {
  it.scoped("a new template is PENDING until its review ends on the Clock", () =>
    Effect.gen(function*() {
      const h = yield* harness({
        reviewDuration: "5 minutes",
        reviewTemplate: (template) =>
          template.name.includes("casino") ? { status: "REJECTED", reason: "PROMOTIONAL" } : { status: "APPROVED" }
      })
      const answer = yield* create(h, {})
      const id = text(answer.body, "id")
      assert.deepStrictEqual(answer.body, { id, status: "PENDING", category: "UTILITY" })
      const rejected = yield* created(h, { name: "casino_night" })
      yield* TestClock.adjust("4 minutes")
      assert.strictEqual(yield* statusOf(h, id), "PENDING")
      yield* TestClock.adjust("1 minute")
      assert.strictEqual(yield* statusOf(h, id), "APPROVED")
      assert.strictEqual(yield* statusOf(h, rejected), "REJECTED")
      const stored = yield* h.emulator.templates(h.emulator.credentials.wabaId)
      assert.deepStrictEqual(
        stored.find((template) => template.id === rejected)?.rejectedReason,
        Option.some("PROMOTIONAL")
      )
      const full = yield* h.call("GET", `/${id}`)
      assert.deepStrictEqual(full.body, {
        id,
        name: "order_update",
        language: "en_US",
        status: "APPROVED",
        category: "UTILITY",
        components: [body()]
      })
    }))

  it.scoped("components are checked as Meta's rules state them", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const refused = (fields: Record<string, unknown>) => Effect.map(create(h, fields), graphError)
      assert.deepInclude(yield* refused({ name: "Order Update" }), { status: 400, code: 100 })
      assert.deepInclude(yield* refused({ category: "PROMO" }), { status: 400, code: 100 })
      assert.deepInclude(yield* refused({ language: "english" }), { status: 400, code: 100 })
      assert.deepInclude(yield* refused({ components: [] }), { status: 400 })
      assert.deepInclude(yield* refused({ components: [{ type: "FOOTER", text: "no body" }] }), { status: 400 })
      assert.deepInclude(
        yield* refused({ components: [{ type: "BODY", text: "Hi {{1}}" }] }),
        { status: 400 },
        "no examples"
      )
      assert.deepInclude(
        yield* refused({ components: [{ type: "BODY", text: "Hi {{2}}", example: { body_text: [["x"]] } }] }),
        {
          status: 400
        }
      )
      assert.deepInclude(yield* refused({ components: [body(), body()] }), { status: 400 })
      assert.deepInclude(yield* refused({ components: [{ type: "HEADER", format: "IMAGE" }, body()] }), { status: 400 })
      assert.deepInclude(
        yield* refused({
          components: [{ type: "HEADER", format: "IMAGE", example: { header_handle: ["4:not-ours"] } }, body()]
        }),
        { status: 400 }
      )
      assert.deepInclude(
        yield* refused({ components: [body(), { type: "BUTTONS", buttons: [{ type: "URL", text: "Go" }] }] }),
        { status: 400 }
      )
      assert.deepInclude(
        yield* refused({
          components: [body(), { type: "BUTTONS", buttons: [{ type: "FLOW", text: "Go", flow_id: "123" }] }]
        }),
        { status: 400 }
      )
      assert.deepInclude(yield* refused({ category: "AUTHENTICATION", components: [{ type: "BODY" }] }), {
        status: 400
      })
      assert.deepInclude(yield* refused({ colour: "red" }), { status: 400 })
      assert.deepStrictEqual(yield* h.emulator.templates(h.emulator.credentials.wabaId), [])
      yield* created(h, authenticationTemplate)
      yield* created(h, {
        name: "lowercase_types",
        category: "MARKETING",
        components: [{ type: "body", text: "Hello" }]
      })
      const stored = (yield* h.emulator.templates(h.emulator.credentials.wabaId)).find((template) =>
        template.name === "lowercase_types"
      )
      assert.deepStrictEqual(stored?.components, [{ type: "BODY", text: "Hello" }], "types are stored in capitals")
    }))

  it.scoped("a name and language pair is unique; a deleted name is blocked for 30 days", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const waba = h.emulator.credentials.wabaId
      const english = yield* created(h)
      assert.deepInclude(graphError(yield* create(h, {})), { status: 400, code: 100 })
      const spanish = yield* created(h, { language: "es", components: [body("Su pedido {{1}} salió")] })
      assert.deepInclude(graphError(yield* h.call("DELETE", `/${waba}/message_templates`)), { status: 400, code: 100 })
      assert.deepInclude(
        graphError(yield* h.call("DELETE", `/${waba}/message_templates?name=order_update&hsm_id=123`)),
        { status: 404, code: 803 }
      )
      assert.deepStrictEqual(
        (yield* h.call("DELETE", `/${waba}/message_templates?name=order_update&hsm_id=${spanish}`)).body,
        {
          success: true
        }
      )
      assert.deepStrictEqual(ids(yield* h.call("GET", `/${waba}/message_templates?name=order_update`)), [english])
      assert.deepInclude(
        graphError(yield* create(h, { language: "es", components: [body("Su pedido {{1}} salió")] })),
        {
          status: 400,
          code: 100
        }
      )
      yield* created(h, { language: "fr", components: [body("Commande {{1}} expédiée")] })
      assert.deepStrictEqual((yield* h.call("DELETE", `/${waba}/message_templates?name=order_update`)).body, {
        success: true
      })
      assert.deepStrictEqual(ids(yield* h.call("GET", `/${waba}/message_templates`)), [])
      assert.deepInclude(graphError(yield* h.call("GET", `/${english}`)), { status: 404, code: 803 })
      yield* TestClock.adjust("29 days")
      assert.deepInclude(graphError(yield* create(h, { language: "de", components: [body("Bestellung {{1}}")] })), {
        status: 400
      })
      yield* TestClock.adjust("1 day")
      yield* created(h)
    }))

  it.scoped("the list filters by name, status, category and language and pages by cursor", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const waba = h.emulator.credentials.wabaId
      const first = yield* created(h, { name: "one" })
      const second = yield* created(h, { name: "two", category: "MARKETING" })
      const third = yield* created(h, { name: "three", language: "es" })
      yield* h.emulator.setTemplateStatus(first, "REJECTED", "INVALID_FORMAT")
      const list = (query: string) => h.call("GET", `/${waba}/message_templates?${query}`)
      assert.deepStrictEqual(ids(yield* list("")), [first, second, third])
      assert.deepStrictEqual(ids(yield* list("name=two")), [second])
      assert.deepStrictEqual(ids(yield* list("status=REJECTED")), [first])
      assert.deepStrictEqual(ids(yield* list("status=PENDING,REJECTED")), [first, second, third])
      assert.deepStrictEqual(ids(yield* list("category=MARKETING")), [second])
      assert.deepStrictEqual(ids(yield* list("language=es")), [third])
      assert.deepInclude(graphError(yield* list("status=GREAT")), { status: 400, code: 100 })
      assert.deepInclude(graphError(yield* list("category=PROMO")), { status: 400, code: 100 })
      const page = yield* list("limit=2&fields=name")
      assert.deepStrictEqual(at(page.body, "data"), [{ id: first, name: "one" }, { id: second, name: "two" }])
      const rest = yield* list(`limit=2&after=${text(page.body, "paging", "cursors", "after")}`)
      assert.deepStrictEqual(ids(rest), [third])
      const back = yield* list(`limit=2&before=${text(rest.body, "paging", "cursors", "before")}`)
      assert.deepStrictEqual(ids(back), [first, second])
      const nextUrl = text(page.body, "paging", "next")
      const followed = yield* h.call("GET", nextUrl.slice(h.emulator.url.length))
      assert.deepStrictEqual(ids(followed), [third])
    }))

  it.scoped("an approved template is edited once per 24 hours, 10 times per 30 days, never into another category", () =>
    Effect.gen(function*() {
      const h = yield* harness({ reviewDuration: "1 minute" })
      const id = yield* created(h)
      const edit = (json: unknown) => h.call("POST", `/${id}`, { json })
      assert.deepInclude(graphError(yield* edit({ components: [body("In review")] })), { status: 400, code: 100 })
      yield* TestClock.adjust("1 minute")
      assert.deepInclude(graphError(yield* edit({ category: "MARKETING" })), { status: 400, code: 100 })
      assert.deepInclude(graphError(yield* edit({ name: "renamed", components: [body("x")] })), {
        status: 400,
        code: 100
      })
      assert.deepInclude(graphError(yield* edit({})), { status: 400, code: 100 })
      for (let day = 0; day < 10; day++) {
        assert.strictEqual((yield* edit({ components: [body(`Edit ${day}`)] })).status, 200)
        assert.strictEqual(yield* statusOf(h, id), "PENDING")
        yield* TestClock.adjust("1 minute")
        assert.strictEqual(yield* statusOf(h, id), "APPROVED")
        if (day === 0) assert.deepInclude(graphError(yield* edit({ components: [body("Too soon")] })), { status: 400 })
        yield* TestClock.adjust("1 day")
      }
      assert.deepInclude(graphError(yield* edit({ components: [body("Eleventh")] })), { status: 400, code: 100 })
      const stored = (yield* h.emulator.templates(h.emulator.credentials.wabaId))[0]
      assert.strictEqual(stored?.approvedEdits, 10)
      assert.deepStrictEqual(stored?.components, [body("Edit 9")])
      yield* TestClock.adjust("20 days")
      assert.strictEqual((yield* edit({ components: [body("After the window")] })).status, 200)
    }))

  it.scoped("a rejected template can be edited at once, into another category too", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const id = yield* created(h)
      yield* h.emulator.setTemplateStatus(id, "REJECTED")
      assert.strictEqual((yield* h.call("POST", `/${id}`, { json: { category: "MARKETING" } })).status, 200)
      yield* h.emulator.setTemplateStatus(id, "REJECTED")
      assert.strictEqual((yield* h.call("POST", `/${id}`, { json: { components: [body("Again")] } })).status, 200)
      const stored = (yield* h.emulator.templates(h.emulator.credentials.wabaId))[0]
      assert.strictEqual(stored?.category, "MARKETING")
      assert.strictEqual(stored?.approvedEdits, 0)
    }))

  it.scoped("a WABA creates at most the configured number of templates an hour (code 80007)", () =>
    Effect.gen(function*() {
      const h = yield* harness({ templateCreationsPerHour: 2 })
      yield* created(h, { name: "a" })
      yield* created(h, { name: "b" })
      assert.deepInclude(graphError(yield* create(h, { name: "c" })), { status: 429, code: 80007 })
      yield* TestClock.adjust("1 hour")
      yield* created(h, { name: "c" })
    }))

  it.scoped("a media header names a resumable-upload handle; read back it is the sample's URL", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const done = yield* resumableUpload(h, {
        name: "hero.jpg",
        type: "image/jpeg",
        bytes: new TextEncoder().encode("jpegbytes")
      })
      const handle = text(done.body, "h")
      const id = yield* created(h, {
        name: "spring_sale",
        category: "MARKETING",
        components: [{ type: "HEADER", format: "IMAGE", example: { header_handle: [handle] } }, body()]
      })
      const read = yield* h.call("GET", `/${id}?fields=components`)
      const url = text(read.body, "components", 0, "example", "header_handle", 0)
      assert.notStrictEqual(url, handle)
      const sample = yield* h.fetchUrl(url, { authorization: null })
      assert.strictEqual(sample.text, "jpegbytes")
      assert.strictEqual(sample.headers.get("content-type"), "image/jpeg")
      assert.deepInclude(
        graphError(
          yield* create(h, {
            name: "video_sale",
            components: [{ type: "HEADER", format: "VIDEO", example: { header_handle: [handle] } }, body()]
          })
        ),
        { status: 400, code: 100 },
        "a JPEG is not a video sample"
      )
    }))

  it.scoped("approved templates migrate to another WABA of the same business, page by page", () =>
    Effect.gen(function*() {
      const h = yield* harness({
        businesses: [
          {
            wabas: [
              {
                id: "100000000000001",
                numbers: [{ phoneNumber: "16505550100" }],
                templates: [
                  { name: "alpha", language: "en_US", category: "UTILITY", components: [body("Alpha")] },
                  { name: "beta", language: "en_US", category: "UTILITY", components: [body("Beta")] },
                  {
                    name: "gamma",
                    language: "en_US",
                    category: "UTILITY",
                    status: "REJECTED",
                    components: [body("Gamma")]
                  }
                ]
              },
              {
                id: "100000000000002",
                templates: [{ name: "beta", language: "en_US", category: "UTILITY", components: [body("Beta")] }]
              }
            ]
          },
          { wabas: [{ id: "200000000000001" }] }
        ]
      })
      const migrate = (destination: string, json: unknown) =>
        h.call("POST", `/${destination}/migrate_message_templates`, { json })
      const source = yield* h.emulator.templates("100000000000001")
      const [, beta, gamma] = source.map((template) => template.id)
      const first = yield* migrate("100000000000002", { source_waba_id: "100000000000001", page_number: 0, count: 2 })
      assert.strictEqual(first.status, 200)
      assert.strictEqual((at(first.body, "migrated_templates") as ReadonlyArray<string>).length, 1)
      assert.deepStrictEqual(Object.keys(at(first.body, "failed_templates") as object), [String(beta)])
      const second = yield* migrate("100000000000002", { source_waba_id: "100000000000001", page_number: 1, count: 2 })
      assert.deepStrictEqual(at(second.body, "migrated_templates"), [])
      assert.deepStrictEqual(Object.keys(at(second.body, "failed_templates") as object), [String(gamma)])
      const copied = (yield* h.emulator.templates("100000000000002")).map((
        template
      ) => [template.name, template.status])
      assert.deepStrictEqual(copied, [["beta", "APPROVED"], ["alpha", "APPROVED"]])
      assert.deepInclude(
        graphError(yield* migrate("200000000000001", { source_waba_id: "100000000000001", page_number: 0 })),
        { status: 400, code: 100 },
        "another business"
      )
      assert.deepInclude(graphError(yield* migrate("100000000000002", { source_waba_id: "100000000000001" })), {
        status: 400,
        code: 100
      })
      assert.deepInclude(
        graphError(
          yield* migrate("100000000000002", { source_waba_id: "100000000000001", page_number: 0, count: 501 })
        ),
        { status: 400, code: 100 }
      )
      assert.deepInclude(graphError(yield* migrate("100000000000002", { source_waba_id: "1", page_number: 0 })), {
        status: 404,
        code: 803
      })
      const byQuery = yield* h.call(
        "POST",
        "/100000000000002/migrate_message_templates?source_waba_id=100000000000001&page_number=0"
      )
      assert.strictEqual(byQuery.status, 200, "the parameters may come in the query")
    }))
})
