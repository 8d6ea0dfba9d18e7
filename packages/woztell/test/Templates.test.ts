/**
 * The template port over the emulator: paging, lookups, the delete-by-name guard, errors.
 */
import { assert, describe } from "@effect/vitest"
import { Templates } from "@wa-admin/core"
import { QuotaStore } from "@wa-admin/woztell"
import { Chunk, Effect, Stream } from "effect"
import { expectFailure, onlyRequest, requestsTo, scenario, seededScenario, wireTemplate } from "./support.js"

const names = (count: number) =>
  Array.from({ length: count }, (_, index) => `template_${String(index).padStart(3, "0")}`)

describe("WoztellTemplates.list", () => {
  scenario(
    "250 templates: all of them, across three pages, in the provider's order",
    ({ emulator, run, credentials: { wabaId } }) =>
      Effect.gen(function*() {
        const seeded = names(250)
        yield* emulator.seedTemplates(
          wabaId,
          seeded.map((name) => wireTemplate(name, "en_US", "MARKETING", `Body of ${name}`))
        )
        const listed = yield* run(Templates.list({ wabaId, pageSize: 100 }).pipe(Stream.runCollect))
        // WOZTELL lists the most recent template first.
        assert.deepStrictEqual(
          Chunk.toReadonlyArray(listed).map((template) => template.name),
          [...seeded].reverse()
        )
        const pages = yield* requestsTo(emulator, "GET", "/whatsapp-message-templates")
        assert.strictEqual(pages.length, 3)
        assert.isUndefined(pages[0]?.query["after"], "the first page has no cursor")
        assert.isDefined(pages[1]?.query["after"])
        assert.isDefined(pages[2]?.query["after"])
        assert.notStrictEqual(pages[1]?.query["after"], pages[2]?.query["after"])
        for (const page of pages) assert.strictEqual(page.query["first"], "100")
      })
  )

  scenario(
    "pages are fetched only as the stream is pulled (nothing is accumulated ahead)",
    ({ emulator, run, credentials: { wabaId } }) =>
      Effect.gen(function*() {
        yield* emulator.seedTemplates(
          wabaId,
          names(250).map((name) => wireTemplate(name, "en_US", "MARKETING", name))
        )
        const first = yield* run(Templates.list({ wabaId, pageSize: 100 }).pipe(Stream.take(100), Stream.runCount))
        assert.strictEqual(first, 100)
        assert.strictEqual((yield* requestsTo(emulator, "GET", "/whatsapp-message-templates")).length, 1)
        yield* emulator.clearRequests
        const more = yield* run(Templates.list({ wabaId, pageSize: 100 }).pipe(Stream.take(101), Stream.runCount))
        assert.strictEqual(more, 101)
        assert.strictEqual((yield* requestsTo(emulator, "GET", "/whatsapp-message-templates")).length, 2)
      })
  )

  seededScenario(
    "one Template per language version, keeping each version's status and quality score",
    [
      wireTemplate("flight", "pt_BR", "UTILITY", "Voo"),
      wireTemplate("flight", "es", "UTILITY", "Vuelo", { status: "REJECTED", rejectedReason: "INVALID_FORMAT" }),
      wireTemplate("flight", "en_US", "UTILITY", "Flight", { qualityScore: "GREEN" })
    ],
    ({ run, credentials: { wabaId } }) =>
      Effect.gen(function*() {
        const listed = Chunk.toReadonlyArray(yield* run(Templates.list({ wabaId }).pipe(Stream.runCollect)))
        assert.sameDeepMembers(
          listed.map((
            template
          ) => [template.language, template.status, template.rejectedReason, template.qualityScore]),
          [
            ["pt_BR", "APPROVED", undefined, "UNKNOWN"],
            ["es", "REJECTED", "INVALID_FORMAT", "UNKNOWN"],
            ["en_US", "APPROVED", undefined, "GREEN"]
          ]
        )
        const green = yield* run(
          Templates.list({ wabaId, filter: { qualityScore: ["GREEN"] } }).pipe(Stream.runCollect)
        )
        assert.deepStrictEqual(Chunk.toReadonlyArray(green).map((template) => template.language), ["en_US"])
      })
  )
})

describe("WoztellTemplates.get and edit", () => {
  seededScenario(
    "get matches the exact name (the provider's name filter is a search) and fails NotFound otherwise",
    [
      wireTemplate("order_ready_v2", "en_US", "UTILITY", "Ready v2")
    ],
    ({ run, credentials: { wabaId }, seeded: [seeded] }) =>
      Effect.gen(function*() {
        const found = yield* run(Templates.get({ wabaId, name: "order_ready_v2", language: "en_US" }))
        assert.strictEqual(found.id, seeded?.id)
        const error = yield* expectFailure(
          run(Templates.get({ wabaId, name: "order_ready", language: "en_US" })),
          "NotFound"
        )
        assert.strictEqual(error.resource, "template")
        assert.strictEqual(error.id, "order_ready (en_US)")
      })
  )

  seededScenario(
    "edit with the id given sends no lookup",
    [
      wireTemplate("reminder", "en", "UTILITY", "Reminder")
    ],
    ({ emulator, run, credentials: { wabaId }, seeded: [seeded] }) =>
      Effect.gen(function*() {
        yield* run(
          Templates.edit({
            wabaId,
            name: "reminder",
            language: "en",
            id: seeded?.id ?? "",
            components: [{ _tag: "BODY", text: "New reminder" }]
          })
        )
        assert.deepStrictEqual(yield* requestsTo(emulator, "GET", "/whatsapp-message-templates"), [])
        const request = yield* onlyRequest(emulator, "PATCH", "/whatsapp-message-template")
        assert.strictEqual((request.body as { readonly messageTemplateId?: unknown }).messageTemplateId, seeded?.id)
        const [stored] = yield* emulator.templates(wabaId)
        assert.deepStrictEqual(stored?.components, [{ type: "BODY", text: "New reminder" }])
      })
  )

  scenario(
    "edit of an absent template: NotFound, and the edit slot is given back",
    ({ context, credentials: { wabaId }, run }) =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(
          run(Templates.edit({ wabaId, name: "absent", language: "en", components: [{ _tag: "BODY", text: "x" }] }))
        )
        assert.strictEqual(error._tag, "NotFound")
        const quota = yield* QuotaStore.edits({ wabaId, name: "absent", language: "en" }).pipe(Effect.provide(context))
        assert.strictEqual(quota.usedToday, 0)
      })
  )
})

describe("WoztellTemplates.create", () => {
  scenario(
    "an existing name and language → Conflict with WOZTELL's message; the creation slot is given back",
    ({ emulator, run, context, credentials: { wabaId } }) =>
      Effect.gen(function*() {
        const draft = {
          name: "twice",
          language: "en_US",
          category: "MARKETING" as const,
          components: [{ _tag: "BODY" as const, text: "Hi" }]
        }
        yield* run(Templates.create({ wabaId, template: draft }))
        const error = yield* expectFailure(run(Templates.create({ wabaId, template: draft })), "Conflict")
        assert.include(error.reason, "already exists")
        assert.strictEqual(error.problem?.status, 400)
        assert.strictEqual((yield* requestsTo(emulator, "PUT", "/whatsapp-message-template")).length, 2, "not retried")
        const quota = yield* QuotaStore.creations(wabaId).pipe(Effect.provide(context))
        assert.strictEqual(quota.used, 1, "only the created template counts")
      })
  )

  scenario(
    "an invalid draft → InvalidInput naming the fields, nothing sent",
    ({ emulator, run }) =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(
          run(
            Templates.create({
              wabaId: emulator.credentials.wabaId,
              template: {
                name: "Bad Name",
                language: "en_US",
                category: "MARKETING",
                components: [{ _tag: "BODY", text: "{{2}}" }]
              }
            })
          )
        )
        assert.strictEqual(error._tag, "InvalidInput")
        if (error._tag === "InvalidInput") {
          const fields = error.issues.map((issue) => issue.field)
          assert.include(fields, "template.name")
          assert.isTrue(fields.some((field) => field.startsWith("template.components")))
        }
        assert.deepStrictEqual(yield* emulator.requests, [])
      })
  )
})

describe("WoztellTemplates.delete", () => {
  const seedBilingual = (emulator: Parameters<typeof requestsTo>[0]) =>
    emulator.seedTemplates(emulator.credentials.wabaId, [
      wireTemplate("bilingual", "en_US", "MARKETING", "See you"),
      wireTemplate("bilingual", "es", "MARKETING", "Hasta pronto", { status: "PAUSED" }),
      wireTemplate("bilingual_extra", "en_US", "MARKETING", "Other name")
    ])

  scenario(
    "one language of a name with others (even a PAUSED one) is refused, naming allLanguages; nothing is deleted",
    ({ emulator, run, credentials: { wabaId } }) =>
      Effect.gen(function*() {
        yield* seedBilingual(emulator)
        const error = yield* expectFailure(
          run(Templates.remove({ wabaId, name: "bilingual", language: "en_US" })),
          "InvalidInput"
        )
        assert.strictEqual(error.source, "local")
        assert.strictEqual(error.issues[0].field, "allLanguages")
        assert.include(error.issues[0].rule, "es")
        assert.deepStrictEqual(
          yield* requestsTo(emulator, "DELETE", "/whatsapp-message-template"),
          [],
          "no DELETE was sent"
        )
        assert.strictEqual((yield* emulator.templates(wabaId)).length, 3)
      })
  )

  scenario(
    "the only language of a name is deleted; other names stay",
    ({ emulator, run, credentials: { wabaId } }) =>
      Effect.gen(function*() {
        yield* seedBilingual(emulator)
        yield* run(Templates.remove({ wabaId, name: "bilingual_extra", language: "en_US" }))
        const request = yield* onlyRequest(emulator, "DELETE", "/whatsapp-message-template")
        assert.strictEqual((request.body as { readonly name?: unknown }).name, "bilingual_extra")
        assert.sameMembers(
          (yield* emulator.templates(wabaId)).map((template) => `${template.name}/${template.language}`),
          ["bilingual/en_US", "bilingual/es"]
        )
      })
  )

  scenario(
    "a language the name does not have → NotFound, nothing deleted",
    ({ emulator, run, credentials: { wabaId } }) =>
      Effect.gen(function*() {
        yield* seedBilingual(emulator)
        const error = yield* Effect.flip(run(Templates.remove({ wabaId, name: "bilingual_extra", language: "fr" })))
        assert.strictEqual(error._tag, "NotFound")
        assert.deepStrictEqual(yield* requestsTo(emulator, "DELETE", "/whatsapp-message-template"), [])
      })
  )

  scenario(
    "allLanguages of an absent name → NotFound from the provider",
    ({ emulator, run }) =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(
          run(Templates.remove({ wabaId: emulator.credentials.wabaId, name: "absent", allLanguages: true }))
        )
        assert.strictEqual(error._tag, "NotFound")
        if (error._tag === "NotFound") {
          assert.strictEqual(error.operation, "templates.delete")
          assert.strictEqual(error.id, "absent")
          assert.include(error.problem?.detail ?? "", "not found")
        }
      })
  )
})
