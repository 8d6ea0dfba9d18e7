import { assert, describe, it } from "@effect/vitest"
import { Templates } from "@wa-admin/core"
import type { EmulatorHost } from "@wa-admin/core/testing"
import { Chunk, Duration, Effect, Stream, TestClock } from "effect"
import {
  expectTag,
  failure,
  files,
  graphAdapter,
  graphAnswering,
  graphError,
  png,
  refusedLocally,
  wabaId
} from "./support.js"
import type { Graph } from "./support.js"

interface Stored {
  id: string
  name: string
  language: string
  category: string
  status: string
  components: ReadonlyArray<unknown>
  quality_score?: { score: string }
}

/** A Graph holding templates: listing (paged by `limit`/`after`, filtered by name, status, category and language), reading, creating, editing, deleting. */
const templateGraph = (
  target: Graph,
  initial: ReadonlyArray<Stored> = [],
  extra: (call: EmulatorHost.Call) => EmulatorHost.Reply | undefined = () => undefined
) => {
  const store: Array<Stored> = [...initial]
  let next = 5000
  target.answer((call: EmulatorHost.Call) => {
    const handled = extra(call)
    if (handled !== undefined) return handled
    const segments = call.path.split("/")
    if (call.path.endsWith("/message_templates")) {
      if (call.method === "GET") {
        const limit = Number(call.query["limit"] ?? "25")
        const offset = Number(call.query["after"] ?? "0")
        const q = call.query
        const matching = store.filter(
          (template) =>
            (q["name"] === undefined || template.name === q["name"]) &&
            (q["status"] === undefined || template.status === q["status"]) &&
            (q["category"] === undefined || template.category === q["category"]) &&
            (q["language"] === undefined || template.language === q["language"])
        )
        const page = matching.slice(offset, offset + limit)
        const more = offset + limit < matching.length
        return {
          status: 200,
          body: {
            data: page,
            paging: {
              cursors: { before: String(offset), after: String(offset + limit) },
              ...(more ? { next: "https://graph.facebook.com/next" } : {})
            }
          }
        }
      }
      if (call.method === "POST") {
        const body = call.body as Stored
        if (store.some((template) => template.name === body.name && template.language === body.language)) {
          return {
            status: 400,
            body: graphError(100, { error_subcode: 2388024, message: "Content in this language already exists" })
          }
        }
        const created = { ...body, id: String(next++), status: "PENDING" }
        store.push(created)
        return { status: 200, body: { id: created.id, status: "PENDING", category: body.category } }
      }
      if (call.method === "DELETE") {
        const before = store.length
        for (let index = store.length - 1; index >= 0; index--) {
          const template = store[index]
          if (
            template !== undefined && template.name === call.query["name"] &&
            (call.query["hsm_id"] === undefined || template.id === call.query["hsm_id"])
          ) {
            store.splice(index, 1)
          }
        }
        return before === store.length
          ? { status: 404, body: graphError(100) }
          : { status: 200, body: { success: true } }
      }
    }
    const found = store.find((template) => template.id === segments[2])
    if (found === undefined) return { status: 404, body: graphError(803) }
    if (call.method === "POST") {
      found.components = (call.body as { components: ReadonlyArray<unknown> }).components
      return { status: 200, body: { success: true } }
    }
    return { status: 200, body: found }
  })
  return store
}

/** The adapter over a Graph holding the templates given ({@link templateGraph}), and that store. */
const templatesServed = (
  initial: ReadonlyArray<Stored> = [],
  extra?: (call: EmulatorHost.Call) => EmulatorHost.Reply | undefined
) =>
  Effect.map(graphAdapter, ({ context, target }) => ({ context, target, store: templateGraph(target, initial, extra) }))

const body = (text: string) => ({ type: "BODY", text })

const stored = (
  id: string,
  name: string,
  language: string,
  category: string,
  status: string,
  text = "Hello"
): Stored => ({
  id,
  name,
  language,
  category,
  status,
  components: [body(text)]
})

const collect = <A, E, R>(stream: Stream.Stream<A, E, R>) =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

describe("MetaTemplates", () => {
  describe("list", () => {
    it.scoped("pages over paging.cursors.after while paging.next says there is more (or a page comes back full), each language version once", () =>
      Effect.gen(function*() {
        const { context, target } = yield* templatesServed([
          stored("1", "alpha", "en_US", "MARKETING", "APPROVED"),
          stored("2", "alpha", "es", "MARKETING", "APPROVED"),
          stored("3", "bravo", "en_US", "UTILITY", "PENDING"),
          stored("4", "charlie", "en_US", "UTILITY", "REJECTED")
        ])
        const listed = yield* collect(Templates.list({ wabaId, pageSize: 2 })).pipe(Effect.provide(context))
        assert.deepStrictEqual(listed.map((template) => `${template.id} ${template.name}/${template.language}`), [
          "1 alpha/en_US",
          "2 alpha/es",
          "3 bravo/en_US",
          "4 charlie/en_US"
        ])
        const requests = yield* target.requests
        // The second page is full though it has no `next`: one more page is asked for, and is empty.
        assert.deepStrictEqual(requests.map((request) => request.query["after"]), [undefined, "2", "4"])
        assert.strictEqual(requests[0]?.path, `/v23.0/${wabaId}/message_templates`)
        assert.strictEqual(requests[0]?.query["limit"], "2")
        // The default fields, as the document's "Get template by name (default fields)".
        assert.isUndefined(requests[0]?.query["fields"])
        yield* target.clearRequests
        const byThree = yield* collect(Templates.list({ wabaId, pageSize: 3 })).pipe(Effect.provide(context))
        assert.strictEqual(byThree.length, 4)
        assert.deepStrictEqual((yield* target.requests).map((request) => request.query["after"]), [undefined, "3"])
      }))

    it.scoped("sends the filters Meta offers when there is one value, filters the rest here", () =>
      Effect.gen(function*() {
        const { context, target } = yield* templatesServed([
          stored("1", "summer_promo", "en_US", "MARKETING", "APPROVED", "Big zebra sale"),
          stored("2", "summer_promo", "es", "MARKETING", "APPROVED"),
          stored("3", "winter_promo", "en_US", "UTILITY", "PENDING"),
          { ...stored("4", "receipt", "en_US", "UTILITY", "APPROVED"), quality_score: { score: "GREEN" } }
        ])
        const byOne = yield* collect(
          Templates.list({
            wabaId,
            filter: { status: ["APPROVED"], category: ["MARKETING"], language: ["en_US"], name: "promo" }
          })
        ).pipe(Effect.provide(context))
        assert.deepStrictEqual(byOne.map((template) => template.id), ["1"])
        const [first] = yield* target.requests
        assert.deepStrictEqual(
          [first?.query["status"], first?.query["category"], first?.query["language"], first?.query["name"]],
          ["APPROVED", "MARKETING", "en_US", undefined]
        )
        yield* target.clearRequests
        const bySeveral = yield* collect(
          Templates.list({ wabaId, filter: { status: ["APPROVED", "PENDING"], name: "winter" } })
        ).pipe(Effect.provide(context))
        assert.deepStrictEqual(bySeveral.map((template) => template.id), ["3"])
        assert.isUndefined((yield* target.requests)[0]?.query["status"])
        const byContent = yield* collect(Templates.list({ wabaId, filter: { content: "ZEBRA" } })).pipe(
          Effect.provide(context)
        )
        assert.deepStrictEqual(byContent.map((template) => template.id), ["1"])
        const byScore = yield* collect(Templates.list({ wabaId, filter: { qualityScore: ["GREEN"] } })).pipe(
          Effect.provide(context)
        )
        assert.deepStrictEqual(byScore.map((template) => [template.id, template.qualityScore]), [["4", "GREEN"]])
      }))

    it.scoped("a cursor given again ends the listing with UnexpectedResponse after the pages before", () =>
      Effect.gen(function*() {
        const { context } = yield* graphAnswering({
          data: [stored("1", "loop", "en_US", "UTILITY", "APPROVED")],
          paging: { cursors: { after: "SAME" }, next: "https://graph.facebook.com/next" }
        })
        const seen: Array<string> = []
        const error = yield* Effect.flip(
          Templates.list({ wabaId, pageSize: 1 }).pipe(
            Stream.runForEach((template) => Effect.sync(() => seen.push(template.name))),
            Effect.provide(context)
          )
        )
        assert.strictEqual(error._tag, "UnexpectedResponse")
        assert.deepStrictEqual(seen, ["loop", "loop"])
      }))

    it.scoped("components the domain has no place for are left out; the template is kept", () =>
      Effect.gen(function*() {
        const { context } = yield* graphAnswering({
          data: [
            {
              id: "9",
              name: "auth_code",
              language: "en_US",
              category: "AUTHENTICATION",
              status: "APPROVED",
              rejected_reason: "NONE",
              components: [
                { type: "BODY", add_security_recommendation: true },
                { type: "CAROUSEL", cards: [] },
                { type: "body", text: "Your code is {{1}}", example: { body_text: [["123456"]] } },
                {
                  type: "BUTTONS",
                  buttons: [{ type: "OTP", otp_type: "COPY_CODE", text: "Copy" }, {
                    type: "URL",
                    text: "Open",
                    url: "https://x.example/{{1}}",
                    example: ["https://x.example/a"]
                  }]
                }
              ]
            }
          ]
        })
        const [template] = yield* collect(Templates.list({ wabaId })).pipe(Effect.provide(context))
        assert.deepStrictEqual(template?.components, [
          { _tag: "BODY", text: "Your code is {{1}}", examples: [["123456"]] },
          {
            _tag: "BUTTONS",
            buttons: [{ _tag: "URL", text: "Open", url: "https://x.example/{{1}}", example: "https://x.example/a" }]
          }
        ])
        assert.isUndefined(template?.rejectedReason)
      }))
  })

  describe("get, create, edit, delete", () => {
    it.scoped("get asks Meta for the name in the language; an absent one is NotFound", () =>
      Effect.gen(function*() {
        const { context, target } = yield* templatesServed([
          stored("1", "alpha", "en_US", "MARKETING", "APPROVED"),
          stored("2", "alpha_two", "en_US", "MARKETING", "APPROVED")
        ])
        const found = yield* Templates.get({ wabaId, name: "alpha", language: "en_US" }).pipe(Effect.provide(context))
        assert.strictEqual(found.id, "1")
        const [request] = yield* target.requests
        assert.deepStrictEqual([request?.query["name"], request?.query["language"]], ["alpha", "en_US"])
        const missing = yield* failure(context, Templates.get({ wabaId, name: "alpha", language: "fr" }), "NotFound")
        assert.strictEqual(missing.operation, "templates.get")
      }))

    it.scoped("create posts the draft in Meta's shape and answers the template as created", () =>
      Effect.gen(function*() {
        const { context, target } = yield* templatesServed()
        const created = yield* Templates.create({
          wabaId,
          template: {
            name: "order_update",
            language: "en_US",
            category: "UTILITY",
            components: [
              { _tag: "HEADER", format: "TEXT", text: "Order {{1}}", example: "1234" },
              { _tag: "BODY", text: "Hi {{1}}, your order shipped", examples: [["Ada"]] },
              { _tag: "FOOTER", text: "Thanks" },
              {
                _tag: "BUTTONS",
                buttons: [
                  { _tag: "QUICK_REPLY", text: "Stop" },
                  { _tag: "URL", text: "Track", url: "https://t.example/{{1}}", example: "https://t.example/1" },
                  { _tag: "PHONE_NUMBER", text: "Call", phoneNumber: "+16467043595" }
                ]
              }
            ]
          }
        }).pipe(Effect.provide(context))
        const [post] = yield* target.requests
        assert.strictEqual(`${post?.method} ${post?.path}`, `POST /v23.0/${wabaId}/message_templates`)
        assert.deepStrictEqual(post?.body, {
          name: "order_update",
          language: "en_US",
          category: "UTILITY",
          components: [
            { type: "HEADER", format: "TEXT", text: "Order {{1}}", example: { header_text: ["1234"] } },
            { type: "BODY", text: "Hi {{1}}, your order shipped", example: { body_text: [["Ada"]] } },
            { type: "FOOTER", text: "Thanks" },
            {
              type: "BUTTONS",
              buttons: [
                { type: "QUICK_REPLY", text: "Stop" },
                { type: "URL", text: "Track", url: "https://t.example/{{1}}", example: ["https://t.example/1"] },
                { type: "PHONE_NUMBER", text: "Call", phone_number: "+16467043595" }
              ]
            }
          ]
        })
        assert.strictEqual(created.id, "5000")
        assert.strictEqual(created.status, "PENDING")
        assert.strictEqual(created.category, "UTILITY")
      }))

    it.scoped("a media header whose example is a URL is uploaded first and its handle sent; one without example is refused", () =>
      Effect.gen(function*() {
        const { context, target, store } = yield* templatesServed([], (call) => {
          if (call.path.endsWith("/uploads")) return { status: 200, body: { id: "upload:abc" } }
          if (call.path.includes("/upload:")) return { status: 200, body: { h: "4::aW1hZ2UvcG5n:HANDLE" } }
          return undefined
        })
        const served = yield* files({ "header.png": { bytes: png, type: "image/png" } })
        const created = yield* Templates.create({
          wabaId,
          template: {
            name: "with_image",
            language: "en_US",
            category: "MARKETING",
            components: [{ _tag: "HEADER", format: "IMAGE", example: served.url("header.png") }, {
              _tag: "BODY",
              text: "Look"
            }]
          }
        }).pipe(Effect.provide(context))
        assert.deepStrictEqual(store[0]?.components[0], {
          type: "HEADER",
          format: "IMAGE",
          example: { header_handle: ["4::aW1hZ2UvcG5n:HANDLE"] }
        })
        assert.deepStrictEqual(created.components[0], {
          _tag: "HEADER",
          format: "IMAGE",
          example: "4::aW1hZ2UvcG5n:HANDLE"
        })
        yield* target.clearRequests
        const refused = yield* failure(
          context,
          Templates.create({
            wabaId,
            template: {
              name: "no_example",
              language: "en_US",
              category: "MARKETING",
              components: [{ _tag: "HEADER", format: "VIDEO" }, { _tag: "BODY", text: "Look" }]
            }
          }),
          "InvalidInput"
        )
        assert.deepStrictEqual(refused.issues.map((issue) => issue.field), ["template.components.0.example"])
        yield* refusedLocally(
          target,
          context,
          Templates.create({
            wabaId,
            template: {
              name: "bad_file",
              language: "en_US",
              category: "MARKETING",
              components: [{ _tag: "HEADER", format: "IMAGE", example: served.url("missing.png") }, {
                _tag: "BODY",
                text: "Look"
              }]
            }
          }),
          ["template.components.0.example"]
        )
      }))

    it.scoped("a refused creation of an existing name and language is a Conflict (told by reading back)", () =>
      Effect.gen(function*() {
        const { context } = yield* templatesServed([stored("1", "alpha", "en_US", "MARKETING", "APPROVED")])
        const draft = {
          name: "alpha",
          language: "en_US",
          category: "MARKETING" as const,
          components: [{ _tag: "BODY" as const, text: "Again" }]
        }
        const conflict = yield* failure(context, Templates.create({ wabaId, template: draft }), "Conflict")
        assert.strictEqual(conflict.problem?.code, "100/2388024")
        yield* Templates.create({ wabaId, template: { ...draft, language: "es" } }).pipe(Effect.provide(context))
      }))

    it.scoped("at most 100 creations per WABA per hour; a refused creation gives its slot back", () =>
      Effect.gen(function*() {
        const { context, target } = yield* templatesServed([stored("1", "taken", "en_US", "MARKETING", "APPROVED")])
        const draft = (name: string) => ({
          name,
          language: "en_US",
          category: "MARKETING" as const,
          components: [{ _tag: "BODY" as const, text: "Hi" }]
        })
        yield* failure(context, Templates.create({ wabaId, template: draft("taken") }), "Conflict")
        for (let index = 0; index < 100; index++) {
          yield* Templates.create({ wabaId, template: draft(`t${index}`) }).pipe(Effect.provide(context))
        }
        yield* TestClock.adjust("10 minutes")
        yield* target.clearRequests
        const refused = yield* failure(
          context,
          Templates.create({ wabaId, template: draft("one_more") }),
          "QuotaExceeded"
        )
        assert.deepStrictEqual(refused.retryAfter, Duration.minutes(50))
        assert.strictEqual((yield* target.requests).length, 0)
      }))

    it.scoped("edit reads the template, posts the components only (never the category), within one edit a day for an approved one", () =>
      Effect.gen(function*() {
        const { context, target, store } = yield* templatesServed([
          stored("1", "alpha", "en_US", "MARKETING", "APPROVED"),
          stored("2", "beta", "en_US", "UTILITY", "REJECTED")
        ])
        const edit = (name: string, text: string, id?: string) =>
          Templates.edit({
            wabaId,
            name,
            language: "en_US",
            ...(id === undefined ? {} : { id }),
            components: [{ _tag: "BODY", text }]
          }).pipe(Effect.provide(context))
        yield* edit("alpha", "Edited once")
        const requests = yield* target.requests
        assert.deepStrictEqual(requests.map((request) => `${request.method} ${request.path}`), [
          `GET /v23.0/${wabaId}/message_templates`,
          "GET /v23.0/1",
          "POST /v23.0/1"
        ])
        assert.deepStrictEqual(requests[2]?.body, { components: [{ type: "BODY", text: "Edited once" }] })
        assert.deepStrictEqual(store[0]?.components, [{ type: "BODY", text: "Edited once" }])
        yield* target.clearRequests
        const refused = expectTag(yield* Effect.flip(edit("alpha", "Edited twice", "1")), "QuotaExceeded")
        assert.deepStrictEqual(refused.retryAfter, Duration.hours(24))
        assert.deepStrictEqual((yield* target.requests).map((request) => request.method), ["GET"])
        yield* edit("beta", "Rejected ones are edited freely", "2")
        yield* edit("beta", "Again", "2")
        yield* TestClock.adjust("24 hours")
        yield* edit("alpha", "The next day", "1")
      }))

    it.scoped("an approved template is edited at most 10 times in 30 days", () =>
      Effect.gen(function*() {
        const { context } = yield* templatesServed([stored("1", "alpha", "en_US", "MARKETING", "APPROVED")])
        for (let day = 0; day < 10; day++) {
          yield* Templates.edit({
            wabaId,
            id: "1",
            name: "alpha",
            language: "en_US",
            components: [{ _tag: "BODY", text: `Day ${day}` }]
          }).pipe(Effect.provide(context))
          yield* TestClock.adjust("1 day")
        }
        const refused = yield* failure(
          context,
          Templates.edit({
            wabaId,
            id: "1",
            name: "alpha",
            language: "en_US",
            components: [{ _tag: "BODY", text: "Too many" }]
          }),
          "QuotaExceeded"
        )
        assert.deepStrictEqual(refused.retryAfter, Duration.days(20))
      }))

    it.scoped("edit refuses a pending template (Conflict), another template's id (InvalidInput), an absent one (NotFound)", () =>
      Effect.gen(function*() {
        const { context, target } = yield* templatesServed([
          stored("1", "alpha", "en_US", "MARKETING", "PENDING"),
          stored("2", "beta", "en_US", "MARKETING", "APPROVED")
        ])
        const edit = (name: string, id?: string) =>
          Effect.flip(
            Templates.edit({
              wabaId,
              name,
              language: "en_US",
              ...(id === undefined ? {} : { id }),
              components: [{ _tag: "BODY", text: "x" }]
            }).pipe(Effect.provide(context))
          )
        expectTag(yield* edit("alpha"), "Conflict")
        const other = expectTag(yield* edit("alpha", "2"), "InvalidInput")
        assert.deepStrictEqual(other.issues.map((issue) => issue.field), ["id"])
        expectTag(yield* edit("gamma"), "NotFound")
        expectTag(yield* edit("gamma", "77"), "NotFound")
        assert.isFalse((yield* target.requests).some((request) => request.method === "POST"))
      }))

    it.scoped("delete by name removes every language; by language, the one version by hsm_id; the name is not reused for 30 days", () =>
      Effect.gen(function*() {
        const { context, target, store } = yield* templatesServed([
          stored("1", "alpha", "en_US", "MARKETING", "APPROVED"),
          stored("2", "alpha", "es", "MARKETING", "APPROVED"),
          stored("3", "beta", "en_US", "MARKETING", "APPROVED"),
          stored("4", "beta", "es", "MARKETING", "APPROVED")
        ])
        yield* Templates.remove({ wabaId, name: "alpha", allLanguages: true }).pipe(Effect.provide(context))
        yield* Templates.remove({ wabaId, name: "beta", language: "es" }).pipe(Effect.provide(context))
        const deletes = (yield* target.requests).filter((request) => request.method === "DELETE")
        assert.deepStrictEqual(
          deletes.map((request) => [request.query["name"], request.query["hsm_id"]]),
          [["alpha", undefined], ["beta", "4"]]
        )
        assert.deepStrictEqual(store.map((template) => template.id), ["3"])
        const draft = (name: string, language: string) => ({
          name,
          language,
          category: "MARKETING" as const,
          components: [{ _tag: "BODY" as const, text: "Hi" }]
        })
        yield* TestClock.adjust("1 day")
        yield* target.clearRequests
        const reused = yield* failure(
          context,
          Templates.create({ wabaId, template: draft("alpha", "fr") }),
          "QuotaExceeded"
        )
        assert.deepStrictEqual(reused.retryAfter, Duration.days(29))
        yield* failure(context, Templates.create({ wabaId, template: draft("beta", "es") }), "QuotaExceeded")
        assert.strictEqual((yield* target.requests).length, 0)
        yield* Templates.create({ wabaId, template: draft("beta", "fr") }).pipe(Effect.provide(context))
        yield* TestClock.adjust("29 days")
        yield* Templates.create({ wabaId, template: draft("alpha", "fr") }).pipe(Effect.provide(context))
      }))

    it.scoped("delete of an absent name or language is NotFound, nothing deleted", () =>
      Effect.gen(function*() {
        const { context, target } = yield* templatesServed([stored("1", "alpha", "en_US", "MARKETING", "APPROVED")])
        yield* failure(context, Templates.remove({ wabaId, name: "gamma", allLanguages: true }), "NotFound")
        yield* failure(context, Templates.remove({ wabaId, name: "alpha", language: "es" }), "NotFound")
        assert.isFalse((yield* target.requests).some((request) => request.method === "DELETE"))
      }))
  })
})
