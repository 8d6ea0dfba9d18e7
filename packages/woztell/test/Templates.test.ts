/**
 * The template port over the emulator: paging, lookups, the delete-by-name guard, errors.
 */
import { assert, describe, it } from "@effect/vitest"
import { Templates } from "@wa-admin/core"
import { QuotaStore } from "@wa-admin/woztell"
import { Chunk, Effect, Stream } from "effect"
import { onlyRequest, requestsTo, setup, wireBody } from "./support.js"

const names = (count: number) =>
  Array.from({ length: count }, (_, index) => `template_${String(index).padStart(3, "0")}`)

/** Generous: the machine running the suite may be busy; nothing here waits on real time. */
const timeout = 60_000

describe("WoztellTemplates.list", () => {
  it.scoped("250 templates: all of them, across three pages, in the provider's order", () =>
    Effect.gen(function*() {
      const { emulator, run } = yield* setup()
      const { wabaId } = emulator.credentials
      const seeded = names(250)
      yield* emulator.seedTemplates(
        wabaId,
        seeded.map((name) => ({
          name,
          language: "en_US",
          category: "MARKETING",
          components: [wireBody(`Body of ${name}`)]
        }))
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
    }), timeout)

  it.scoped(
    "pages are fetched only as the stream is pulled (nothing is accumulated ahead)",
    () =>
      Effect.gen(function*() {
        const { emulator, run } = yield* setup()
        const { wabaId } = emulator.credentials
        yield* emulator.seedTemplates(
          wabaId,
          names(250).map((name) => ({ name, language: "en_US", category: "MARKETING", components: [wireBody(name)] }))
        )
        const first = yield* run(Templates.list({ wabaId, pageSize: 100 }).pipe(Stream.take(100), Stream.runCount))
        assert.strictEqual(first, 100)
        assert.strictEqual((yield* requestsTo(emulator, "GET", "/whatsapp-message-templates")).length, 1)
        yield* emulator.clearRequests
        const more = yield* run(Templates.list({ wabaId, pageSize: 100 }).pipe(Stream.take(101), Stream.runCount))
        assert.strictEqual(more, 101)
        assert.strictEqual((yield* requestsTo(emulator, "GET", "/whatsapp-message-templates")).length, 2)
      }),
    timeout
  )

  it.scoped(
    "one Template per language version, keeping each version's status and quality score",
    () =>
      Effect.gen(function*() {
        const { emulator, run } = yield* setup()
        const { wabaId } = emulator.credentials
        yield* emulator.seedTemplates(wabaId, [
          { name: "flight", language: "pt_BR", category: "UTILITY", components: [wireBody("Voo")] },
          {
            name: "flight",
            language: "es",
            category: "UTILITY",
            status: "REJECTED",
            rejectedReason: "INVALID_FORMAT",
            components: [wireBody("Vuelo")]
          },
          {
            name: "flight",
            language: "en_US",
            category: "UTILITY",
            qualityScore: "GREEN",
            components: [wireBody("Flight")]
          }
        ])
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
      }),
    timeout
  )
})

describe("WoztellTemplates.get and edit", () => {
  it.scoped(
    "get matches the exact name (the provider's name filter is a search) and fails NotFound otherwise",
    () =>
      Effect.gen(function*() {
        const { emulator, run } = yield* setup()
        const { wabaId } = emulator.credentials
        const [seeded] = yield* emulator.seedTemplates(wabaId, [
          { name: "order_ready_v2", language: "en_US", category: "UTILITY", components: [wireBody("Ready v2")] }
        ])
        const found = yield* run(Templates.get({ wabaId, name: "order_ready_v2", language: "en_US" }))
        assert.strictEqual(found.id, seeded?.id)
        const error = yield* Effect.flip(run(Templates.get({ wabaId, name: "order_ready", language: "en_US" })))
        assert.strictEqual(error._tag, "NotFound")
        if (error._tag === "NotFound") {
          assert.strictEqual(error.resource, "template")
          assert.strictEqual(error.id, "order_ready (en_US)")
        }
      }),
    timeout
  )

  it.scoped("edit with the id given sends no lookup", () =>
    Effect.gen(function*() {
      const { emulator, run } = yield* setup()
      const { wabaId } = emulator.credentials
      const [seeded] = yield* emulator.seedTemplates(wabaId, [
        { name: "reminder", language: "en", category: "UTILITY", components: [wireBody("Reminder")] }
      ])
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
    }), timeout)

  it.scoped("edit of an absent template: NotFound, and the edit slot is given back", () =>
    Effect.gen(function*() {
      const { emulator, run, context } = yield* setup()
      const { wabaId } = emulator.credentials
      const error = yield* Effect.flip(
        run(Templates.edit({ wabaId, name: "absent", language: "en", components: [{ _tag: "BODY", text: "x" }] }))
      )
      assert.strictEqual(error._tag, "NotFound")
      const quota = yield* QuotaStore.edits({ wabaId, name: "absent", language: "en" }).pipe(Effect.provide(context))
      assert.strictEqual(quota.usedToday, 0)
    }), timeout)
})

describe("WoztellTemplates.create", () => {
  it.scoped(
    "an existing name and language → Conflict with WOZTELL's message; the creation slot is given back",
    () =>
      Effect.gen(function*() {
        const { emulator, run, context } = yield* setup()
        const { wabaId } = emulator.credentials
        const draft = {
          name: "twice",
          language: "en_US",
          category: "MARKETING" as const,
          components: [{ _tag: "BODY" as const, text: "Hi" }]
        }
        yield* run(Templates.create({ wabaId, template: draft }))
        const error = yield* Effect.flip(run(Templates.create({ wabaId, template: draft })))
        assert.strictEqual(error._tag, "Conflict")
        if (error._tag === "Conflict") {
          assert.include(error.reason, "already exists")
          assert.strictEqual(error.problem?.status, 400)
        }
        assert.strictEqual((yield* requestsTo(emulator, "PUT", "/whatsapp-message-template")).length, 2, "not retried")
        const quota = yield* QuotaStore.creations(wabaId).pipe(Effect.provide(context))
        assert.strictEqual(quota.used, 1, "only the created template counts")
      }),
    timeout
  )

  it.scoped("an invalid draft → InvalidInput naming the fields, nothing sent", () =>
    Effect.gen(function*() {
      const { emulator, run } = yield* setup()
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
    }), timeout)
})

describe("WoztellTemplates.delete", () => {
  const seedBilingual = (emulator: Parameters<typeof requestsTo>[0]) =>
    emulator.seedTemplates(emulator.credentials.wabaId, [
      { name: "bilingual", language: "en_US", category: "MARKETING", components: [wireBody("See you")] },
      {
        name: "bilingual",
        language: "es",
        category: "MARKETING",
        status: "PAUSED",
        components: [wireBody("Hasta pronto")]
      },
      { name: "bilingual_extra", language: "en_US", category: "MARKETING", components: [wireBody("Other name")] }
    ])

  it.scoped(
    "one language of a name with others (even a PAUSED one) is refused, naming allLanguages; nothing is deleted",
    () =>
      Effect.gen(function*() {
        const { emulator, run } = yield* setup()
        const { wabaId } = emulator.credentials
        yield* seedBilingual(emulator)
        const error = yield* Effect.flip(run(Templates.remove({ wabaId, name: "bilingual", language: "en_US" })))
        assert.strictEqual(error._tag, "InvalidInput")
        if (error._tag === "InvalidInput") {
          assert.strictEqual(error.source, "local")
          assert.strictEqual(error.issues[0].field, "allLanguages")
          assert.include(error.issues[0].rule, "es")
        }
        assert.deepStrictEqual(
          yield* requestsTo(emulator, "DELETE", "/whatsapp-message-template"),
          [],
          "no DELETE was sent"
        )
        assert.strictEqual((yield* emulator.templates(wabaId)).length, 3)
      }),
    timeout
  )

  it.scoped("the only language of a name is deleted; other names stay", () =>
    Effect.gen(function*() {
      const { emulator, run } = yield* setup()
      const { wabaId } = emulator.credentials
      yield* seedBilingual(emulator)
      yield* run(Templates.remove({ wabaId, name: "bilingual_extra", language: "en_US" }))
      const request = yield* onlyRequest(emulator, "DELETE", "/whatsapp-message-template")
      assert.strictEqual((request.body as { readonly name?: unknown }).name, "bilingual_extra")
      assert.sameMembers(
        (yield* emulator.templates(wabaId)).map((template) => `${template.name}/${template.language}`),
        ["bilingual/en_US", "bilingual/es"]
      )
    }), timeout)

  it.scoped("a language the name does not have → NotFound, nothing deleted", () =>
    Effect.gen(function*() {
      const { emulator, run } = yield* setup()
      const { wabaId } = emulator.credentials
      yield* seedBilingual(emulator)
      const error = yield* Effect.flip(run(Templates.remove({ wabaId, name: "bilingual_extra", language: "fr" })))
      assert.strictEqual(error._tag, "NotFound")
      assert.deepStrictEqual(yield* requestsTo(emulator, "DELETE", "/whatsapp-message-template"), [])
    }), timeout)

  it.scoped("allLanguages of an absent name → NotFound from the provider", () =>
    Effect.gen(function*() {
      const { emulator, run } = yield* setup()
      const error = yield* Effect.flip(
        run(Templates.remove({ wabaId: emulator.credentials.wabaId, name: "absent", allLanguages: true }))
      )
      assert.strictEqual(error._tag, "NotFound")
      if (error._tag === "NotFound") {
        assert.strictEqual(error.operation, "templates.delete")
        assert.strictEqual(error.id, "absent")
        assert.include(error.problem?.detail ?? "", "not found")
      }
    }), timeout)
})
