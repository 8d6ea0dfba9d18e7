import { assert, describe, it } from "@effect/vitest"
import { EmulatorEffects } from "@wa-admin/core/testing"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Effect, TestClock } from "effect"
import { type Answer, at, bodyOnly, documentComponents, errorOf, read, write } from "./fixtures.js"

type Emulator = WoztellEmulator.Emulator

/** A MARKETING template of one body. */
const marketing = (name: string, language: string, text?: string) => ({
  name,
  language,
  category: "MARKETING",
  components: bodyOnly(text)
})

const create = (emulator: Emulator, template: Record<string, unknown>) =>
  write(emulator, "PUT", "/whatsapp-message-template", { wabaId: emulator.credentials.wabaId, ...template })

const list = (emulator: Emulator, query: Record<string, string | number> = {}) =>
  read(emulator, "/whatsapp-message-templates", { wabaId: emulator.credentials.wabaId, first: 100, ...query })

const names = (answer: Answer): ReadonlyArray<unknown> =>
  (at(answer.body, "data") as ReadonlyArray<unknown>).map((entry) => at(entry, "name"))

describe("PUT /whatsapp-message-template", () => {
  it.scoped("creates a PENDING template and lists it in the document's shape", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const created = yield* create(emulator, {
        name: "test_template",
        language: "en_US",
        category: "MARKETING",
        components: documentComponents
      })
      assert.strictEqual(created.status, 200)
      const id = at(created.body, "id")
      assert.match(String(id), /^\d{15}$/)
      assert.deepStrictEqual(created.body, { ok: 1, id, language: "en_US" })
      const listed = yield* list(emulator, { first: 10 })
      assert.deepStrictEqual(listed.body, {
        ok: 1,
        data: [
          {
            id,
            name: "test_template",
            category: "MARKETING",
            languages: ["en_US"],
            statuses: [{ language: "en_US", status: "PENDING" }],
            templates: [
              {
                language: "en_US",
                status: "PENDING",
                rejected_reason: "NONE",
                components: documentComponents,
                quality_score: { score: "UNKNOWN" }
              }
            ]
          }
        ],
        paging: {
          cursors: {
            before: at(listed.body, "paging", "cursors", "before"),
            after: at(listed.body, "paging", "cursors", "after")
          },
          hasNext: false,
          hasPrevious: false
        }
      })
      assert.isString(at(listed.body, "paging", "cursors", "after"))
    }))

  it.scoped("gives each language its own id; the list names the most recent one unless filtered", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const ids: Record<string, unknown> = {}
      for (const language of ["pt_BR", "es", "en_US"]) {
        const created = yield* create(emulator, {
          name: "flight",
          language,
          category: "UTILITY",
          components: bodyOnly(language)
        })
        ids[language] = at(created.body, "id")
      }
      assert.strictEqual(new Set(Object.values(ids)).size, 3)
      const all = yield* list(emulator)
      assert.strictEqual(at(all.body, "data", 0, "id"), ids["en_US"])
      assert.deepStrictEqual(at(all.body, "data", 0, "languages"), ["en_US", "es", "pt_BR"])
      assert.strictEqual(at(all.body, "data", 0, "templates", 0, "id"), undefined)
      const spanish = yield* list(emulator, { language: JSON.stringify(["es"]) })
      assert.strictEqual(at(spanish.body, "data", 0, "id"), ids["es"])
      assert.deepStrictEqual(at(spanish.body, "data", 0, "languages"), ["es"])
      assert.deepStrictEqual(at(spanish.body, "data", 0, "templates", 0, "components"), bodyOnly("es"))
    }))

  it.scoped("refuses an existing name + language, and records nothing for it", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const template = marketing("welcome", "en_US")
      assert.strictEqual((yield* create(emulator, template)).status, 200)
      const again = yield* create(emulator, { ...template, components: bodyOnly("other") })
      assert.strictEqual(again.status, 400)
      assert.include(errorOf(again), "already exists")
      assert.strictEqual((yield* emulator.effects).length, 1)
      assert.strictEqual((yield* emulator.templates(emulator.credentials.wabaId)).length, 1)
    }))

  it.scoped("checks name, language, category and components like Meta", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const valid = marketing("ok_1", "en_US")
      const rejected: ReadonlyArray<readonly [Record<string, unknown>, string]> = [
        [{ name: "Has_Caps" }, "name"],
        [{ name: "has-dash" }, "name"],
        [{ name: undefined }, "name is required"],
        [{ language: "en-US" }, "language"],
        [{ language: "xx_YY" }, "language"],
        [{ category: "PROMOTION" }, "category"],
        [{ components: [] }, "components"],
        [{ components: [{ type: "FOOTER", text: "x" }] }, "exactly one BODY"],
        [{ components: [...bodyOnly(), ...bodyOnly()] }, "exactly one BODY"],
        [{ components: [{ type: "BODY", text: "Hi {{1}}" }] }, "example.body_text"],
        [{ components: [{ type: "BODY", text: "Hi {{1}} {{2}}", example: { body_text: [["a"]] } }] }, "exactly 2"],
        [{ components: [{ type: "BODY", text: "Hi {{2}}", example: { body_text: [["a"]] } }] }, "in sequence"],
        [{ components: [{ type: "BODY", text: "x".repeat(1025) }] }, "1024"],
        [{ components: [...bodyOnly(), { type: "HEADER", format: "TEXT", text: "x".repeat(61) }] }, "60"],
        [{ components: [...bodyOnly(), { type: "HEADER", format: "GIF" }] }, "format"],
        [{ components: [...bodyOnly(), { type: "HEADER", format: "TEXT", text: "Hi {{1}}" }] }, "header_text"],
        [{ components: [...bodyOnly(), { type: "FOOTER", text: "" }] }, "components[1].text"],
        [{ components: [...bodyOnly(), { type: "body", text: "x" }] }, "components[1].type"],
        [{ components: [...bodyOnly(), { type: "BUTTONS", buttons: [] }] }, "1 to 10"],
        [
          {
            components: [...bodyOnly(), { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "x".repeat(26) }] }]
          },
          "1 to 25"
        ],
        [
          {
            components: [...bodyOnly(), { type: "BUTTONS", buttons: [{ type: "URL", text: "Go", url: "www.x.com" }] }]
          },
          "url"
        ],
        [{
          components: [...bodyOnly(), {
            type: "BUTTONS",
            buttons: [{ type: "PHONE_NUMBER", text: "Call", phone_number: "call me" }]
          }]
        }, "phone_number"],
        [{
          components: [...bodyOnly(), {
            type: "BUTTONS",
            buttons: [1, 2, 3].map((n) => ({ type: "URL", text: `U${n}`, url: "https://x.com" }))
          }]
        }, "at most 2 URL"],
        [{ components: [...bodyOnly(), { type: "BUTTONS", buttons: [{ type: "COPY_CODE", text: "x" }] }] }, "type"]
      ]
      for (const [change, expected] of rejected) {
        const answer = yield* create(emulator, { ...valid, ...change })
        assert.strictEqual(answer.status, 400, JSON.stringify(change))
        assert.include(errorOf(answer), expected, JSON.stringify(change))
      }
      assert.deepStrictEqual(yield* emulator.effects, [])
      for (const category of ["TRANSACTIONAL", "MARKETING", "OTP", "UTILITY", "AUTHENTICATION"]) {
        const answer = yield* create(emulator, { ...valid, name: `cat_${category.toLowerCase()}`, category })
        assert.strictEqual(answer.status, 200, category)
      }
      const withImage = yield* create(emulator, {
        ...valid,
        name: "with_image",
        components: [
          { type: "BODY", text: "Hi there! Are you interested in our latest promotional sale?" },
          { type: "HEADER", format: "IMAGE", example: { header_handle: ["https://example.com/image.png"] } }
        ]
      })
      assert.strictEqual(withImage.status, 200)
    }))

  it.effect("allows 100 creations per WABA per hour, then 429 with Retry-After until the hour has passed", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      yield* emulator.addWaba({ wabaId: "2000", phoneNumberId: "2001" })
      const template = (index: number) => marketing(`t_${index}`, "en")
      for (let index = 0; index < 100; index++) {
        const answer = yield* create(emulator, template(index))
        assert.strictEqual(answer.status, 200)
        if (index === 49) yield* TestClock.adjust("30 minutes")
      }
      const limited = yield* create(emulator, template(100))
      assert.strictEqual(limited.status, 429)
      assert.include(errorOf(limited), "100 message templates per hour")
      assert.strictEqual(limited.headers.get("retry-after"), String(30 * 60))
      const otherWaba = yield* write(emulator, "PUT", "/whatsapp-message-template", {
        ...template(100),
        wabaId: "2000"
      })
      assert.strictEqual(otherWaba.status, 200, "the limit is per WABA")
      yield* TestClock.adjust("30 minutes")
      assert.strictEqual((yield* create(emulator, template(100))).status, 200, "the first 50 left the window")
      assert.strictEqual((yield* emulator.effects).length, 102)
    }).pipe(Effect.scoped))

  it.scoped("honours a configured creation limit, and seeding is exempt", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make({ templateCreationsPerHour: 2 })
      yield* emulator.seedTemplates(emulator.credentials.wabaId, [marketing("seeded", "en")])
      assert.strictEqual((yield* create(emulator, marketing("a", "en"))).status, 200)
      assert.strictEqual((yield* create(emulator, marketing("b", "en"))).status, 200)
      assert.strictEqual((yield* create(emulator, marketing("c", "en"))).status, 429)
    }))
})

describe("PATCH /whatsapp-message-template", () => {
  const edit = (emulator: Emulator, id: unknown, text: string, overrides: Record<string, unknown> = {}) =>
    write(emulator, "PATCH", "/whatsapp-message-template", {
      wabaId: emulator.credentials.wabaId,
      messageTemplateName: "promo",
      messageTemplateLanguage: "en_US",
      messageTemplateId: id,
      components: bodyOnly(text),
      ...overrides
    })

  it.effect("edits a reviewed template once per 24 hours and 10 times per 30 days", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { wabaId } = emulator.credentials
      const created = yield* create(emulator, marketing("promo", "en_US", "v0"))
      const id = at(created.body, "id")
      const approve = emulator.setTemplateStatus(wabaId, "promo", "en_US", "APPROVED")

      const pending = yield* edit(emulator, id, "v1")
      assert.strictEqual(pending.status, 400)
      assert.include(errorOf(pending), "PENDING")

      yield* approve
      const first = yield* edit(emulator, id, "v1")
      assert.deepStrictEqual(first.body, { ok: 1, success: true })
      const [stored] = yield* emulator.templates(wabaId)
      assert.strictEqual(stored?.status, "PENDING", "an edit goes back to review")
      assert.deepStrictEqual(stored?.components, bodyOnly("v1"))

      yield* approve
      yield* TestClock.adjust("23 hours")
      const tooSoon = yield* edit(emulator, id, "v2")
      assert.strictEqual(tooSoon.status, 429)
      assert.include(errorOf(tooSoon), "once in a 24 hour window")
      assert.strictEqual(tooSoon.headers.get("retry-after"), String(60 * 60))
      yield* TestClock.adjust("1 hour")
      assert.strictEqual((yield* edit(emulator, id, "v2")).status, 200)

      for (let version = 3; version <= 10; version++) {
        yield* approve
        yield* TestClock.adjust("24 hours")
        assert.strictEqual((yield* edit(emulator, id, `v${version}`)).status, 200, `edit ${version}`)
      }
      yield* approve
      yield* TestClock.adjust("24 hours")
      const monthly = yield* edit(emulator, id, "v11")
      assert.strictEqual(monthly.status, 429)
      assert.include(errorOf(monthly), "10 times in a 30 day window")
      // First edit at hour 0; the window frees up 30 days after it; now is day 10.
      assert.strictEqual(monthly.headers.get("retry-after"), String(20 * 24 * 60 * 60))
      yield* TestClock.adjust("20 days")
      assert.strictEqual((yield* edit(emulator, id, "v11")).status, 200)
      assert.strictEqual((yield* emulator.templates(wabaId))[0]?.edits, 11)
      assert.strictEqual((yield* EmulatorEffects.of(emulator, "editTemplate")).length, 11)
    }).pipe(Effect.scoped))

  it.scoped("needs the id of that very name and language", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { wabaId } = emulator.credentials
      const english = yield* create(emulator, marketing("promo", "en_US"))
      const spanish = yield* create(emulator, marketing("promo", "es"))
      yield* emulator.setTemplateStatus(wabaId, "promo", "en_US", "REJECTED")
      const wrongLanguage = yield* edit(emulator, at(spanish.body, "id"), "x")
      assert.strictEqual(wrongLanguage.status, 400)
      assert.include(errorOf(wrongLanguage), "messageTemplateId")
      const unknown = yield* edit(emulator, "123", "x")
      assert.strictEqual(unknown.status, 404)
      const missing = yield* edit(emulator, at(english.body, "id"), "x", { messageTemplateLanguage: undefined })
      assert.strictEqual(errorOf(missing), "messageTemplateLanguage is required")
      const invalid = yield* edit(emulator, at(english.body, "id"), "x", {
        components: [{ type: "FOOTER", text: "x" }]
      })
      assert.strictEqual(invalid.status, 400)
      assert.strictEqual((yield* edit(emulator, at(english.body, "id"), "fixed")).status, 200, "REJECTED can be edited")
      assert.deepStrictEqual(yield* EmulatorEffects.operations(emulator), [
        "createTemplate",
        "createTemplate",
        "editTemplate"
      ])
    }))
})

describe("DEL /whatsapp-message-template", () => {
  it.scoped("deletes every language of the name, and only that name", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { wabaId } = emulator.credentials
      for (const language of ["en_US", "es", "pt_BR"]) {
        yield* create(emulator, marketing("promo", language))
      }
      yield* create(emulator, marketing("promo_2", "en_US"))
      const deleted = yield* write(emulator, "DELETE", "/whatsapp-message-template", { wabaId, name: "promo" })
      assert.deepStrictEqual(deleted.body, { ok: 1, success: true })
      assert.deepStrictEqual(names(yield* list(emulator)), ["promo_2"])
      assert.deepStrictEqual((yield* emulator.templates(wabaId)).map((template) => template.name), ["promo_2"])
      const again = yield* write(emulator, "DELETE", "/whatsapp-message-template", { wabaId, name: "promo" })
      assert.strictEqual(again.status, 404)
      assert.deepStrictEqual(
        yield* EmulatorEffects.of(emulator, "deleteTemplate"),
        [{ operation: "deleteTemplate", key: `${wabaId}/promo` }]
      )
      const recreated = yield* create(emulator, marketing("promo", "es"))
      assert.strictEqual(recreated.status, 200)
      assert.deepStrictEqual(names(yield* list(emulator)), ["promo", "promo_2"])
      const noName = yield* write(emulator, "DELETE", "/whatsapp-message-template", { wabaId })
      assert.strictEqual(errorOf(noName), "name is required")
    }))
})

describe("GET /whatsapp-message-templates", () => {
  const seed = (emulator: Emulator, count: number, prefix = "t") =>
    emulator.seedTemplates(
      emulator.credentials.wabaId,
      Array.from({ length: count }, (_, index) => ({
        name: `${prefix}_${String(index).padStart(5, "0")}`,
        language: "en_US",
        category: "MARKETING",
        components: bodyOnly(`number ${index}`)
      }))
    )

  const expectedNames = (count: number, prefix = "t") =>
    Array.from({ length: count }, (_, index) => `${prefix}_${String(count - 1 - index).padStart(5, "0")}`)

  it.scoped("pages 250 templates forwards and backwards with cursors, newest first", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      yield* seed(emulator, 250)
      const first = yield* list(emulator)
      const second = yield* list(emulator, { after: String(at(first.body, "paging", "cursors", "after")) })
      const third = yield* list(emulator, { after: String(at(second.body, "paging", "cursors", "after")) })
      assert.deepStrictEqual([...names(first), ...names(second), ...names(third)], expectedNames(250))
      assert.deepStrictEqual(
        [first, second, third].map((
          page
        ) => [at(page.body, "paging", "hasPrevious"), at(page.body, "paging", "hasNext")]),
        [[false, true], [true, true], [true, false]]
      )
      const backToSecond = yield* list(emulator, { before: String(at(third.body, "paging", "cursors", "before")) })
      assert.deepStrictEqual(names(backToSecond), names(second))
      const backToFirst = yield* list(emulator, {
        before: String(at(backToSecond.body, "paging", "cursors", "before"))
      })
      assert.deepStrictEqual(names(backToFirst), names(first))
      assert.deepStrictEqual(
        [at(backToFirst.body, "paging", "hasPrevious"), at(backToFirst.body, "paging", "hasNext")],
        [false, true]
      )
      const small = yield* list(emulator, { first: 7, before: String(at(second.body, "paging", "cursors", "before")) })
      assert.deepStrictEqual(names(small), expectedNames(250).slice(93, 100))
    }))

  it.scoped("cursors survive templates created and deleted between pages", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { wabaId } = emulator.credentials
      yield* seed(emulator, 20)
      const first = yield* list(emulator, { first: 10 })
      yield* create(emulator, marketing("newcomer", "en_US"))
      yield* write(emulator, "DELETE", "/whatsapp-message-template", { wabaId, name: "t_00019" })
      const second = yield* list(emulator, { first: 10, after: String(at(first.body, "paging", "cursors", "after")) })
      assert.deepStrictEqual(names(second), expectedNames(20).slice(10))
    }))

  it.scoped("holds 10,000 templates and pages through all of them", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      yield* seed(emulator, 10_000)
      const seen: Array<unknown> = []
      let after: string | undefined
      for (;;) {
        const page: Answer = yield* list(emulator, after === undefined ? {} : { after })
        seen.push(...names(page))
        if (at(page.body, "paging", "hasNext") !== true) break
        after = String(at(page.body, "paging", "cursors", "after"))
      }
      assert.strictEqual(seen.length, 10_000)
      assert.deepStrictEqual(seen, expectedNames(10_000))
    }))

  it.scoped("filters by status (default: the document's five), category, language, quality, name and content", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { wabaId } = emulator.credentials
      yield* emulator.seedTemplates(wabaId, [
        { name: "order_update", language: "en_US", category: "UTILITY", components: bodyOnly("Your order shipped") },
        {
          name: "order_update",
          language: "es",
          category: "UTILITY",
          status: "REJECTED",
          components: bodyOnly("Tu pedido")
        },
        {
          name: "big_sale",
          language: "en_US",
          category: "MARKETING",
          qualityScore: "GREEN",
          components: bodyOnly("Sale now")
        },
        {
          name: "old_promo",
          language: "en_US",
          category: "MARKETING",
          status: "DISABLED",
          components: bodyOnly("Old")
        },
        {
          name: "paused_one",
          language: "en_US",
          category: "MARKETING",
          status: "PAUSED",
          components: bodyOnly("Paused")
        }
      ])
      assert.deepStrictEqual(names(yield* list(emulator)), ["big_sale", "order_update"])
      assert.deepStrictEqual(names(yield* list(emulator, { status: "[\"DISABLED\",\"PAUSED\"]" })), [
        "paused_one",
        "old_promo"
      ])
      const rejected = yield* list(emulator, { status: "[\"REJECTED\"]" })
      assert.deepStrictEqual(at(rejected.body, "data", 0, "statuses"), [{ language: "es", status: "REJECTED" }])
      assert.strictEqual(at(rejected.body, "data", 0, "templates", 0, "rejected_reason"), "NONE")
      assert.deepStrictEqual(names(yield* list(emulator, { category: "[\"UTILITY\"]" })), ["order_update"])
      assert.deepStrictEqual(names(yield* list(emulator, { quality_score: "[\"GREEN\"]" })), ["big_sale"])
      assert.deepStrictEqual(names(yield* list(emulator, { language: "[\"es\"]" })), ["order_update"])
      assert.deepStrictEqual(names(yield* list(emulator, { name: "ORDER" })), ["order_update"])
      assert.deepStrictEqual(names(yield* list(emulator, { content: "sale" })), ["big_sale"])
      const empty = yield* list(emulator, { name: "nothing" })
      assert.deepStrictEqual(empty.body, {
        ok: 1,
        data: [],
        paging: { cursors: {}, hasNext: false, hasPrevious: false }
      })
    }))

  it.scoped("rejects malformed queries", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { wabaId } = emulator.credentials
      const attempt = (query: Record<string, string | number>) =>
        Effect.map(
          read(emulator, "/whatsapp-message-templates", { wabaId, ...query }),
          (answer) => [answer.status, errorOf(answer)]
        )
      assert.deepStrictEqual(yield* attempt({}), [400, "first is required"])
      assert.deepStrictEqual(yield* attempt({ first: 101 }), [400, "first must be at most 100"])
      assert.deepStrictEqual(yield* attempt({ first: 0 }), [400, "first must be at least 1"])
      assert.strictEqual((yield* attempt({ first: 10, status: "APPROVED" }))[0], 400)
      assert.strictEqual((yield* attempt({ first: 10, status: "[\"APPROVE\"]" }))[0], 400)
      assert.strictEqual((yield* attempt({ first: 10, language: "en_US" }))[0], 400)
      assert.strictEqual((yield* attempt({ first: 10, after: "x", before: "y" }))[0], 400)
      assert.strictEqual((yield* attempt({ first: 10, after: "MAZDZD" }))[0], 400)
      assert.strictEqual((yield* attempt({ first: 10, after: Buffer.from("flows:5").toString("base64") }))[0], 400)
      const noWaba = yield* read(emulator, "/whatsapp-message-templates", { first: 10 })
      assert.deepStrictEqual([noWaba.status, errorOf(noWaba)], [400, "wabaId is required"])
      assert.strictEqual((yield* read(emulator, "/whatsapp-message-templates", { first: 10, wabaId: "1" })).status, 404)
    }))

  it.scoped("seeding stores odd provider data as is, but refuses duplicates", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { wabaId } = emulator.credentials
      const template = marketing("a", "en")
      const duplicate = yield* Effect.flip(emulator.seedTemplates(wabaId, [template, template]))
      assert.include(duplicate.message, "already exists")
      const noName = yield* Effect.flip(emulator.seedTemplates(wabaId, [{ ...template, name: "" }]))
      assert.include(noName.message, "templates[0].name")
      const unknown = yield* Effect.flip(emulator.seedTemplates("nope", [template]))
      assert.include(unknown.message, "nope")
      assert.deepStrictEqual(yield* emulator.templates(wabaId), [])

      const odd = [{ type: "BODY", text: "Your code" }, {
        type: "BUTTONS",
        buttons: [{ type: "OTP", otp_type: "COPY_CODE" }]
      }]
      yield* emulator.seedTemplates(wabaId, [
        { name: "sample_flight_confirmation", language: "pt_BR", category: "TICKET_UPDATE", components: odd },
        { name: "limited", language: "en", category: "MARKETING", status: "LIMIT_EXCEEDED", components: odd }
      ])
      const listed = yield* list(emulator, { category: "[\"TICKET_UPDATE\"]" })
      assert.deepStrictEqual(at(listed.body, "data", 0, "category"), "TICKET_UPDATE")
      assert.deepStrictEqual(at(listed.body, "data", 0, "statuses"), [{ language: "pt_BR", status: "APPROVED" }])
      assert.deepStrictEqual(at(listed.body, "data", 0, "templates", 0, "components"), odd)
      assert.deepStrictEqual(names(yield* list(emulator, { status: "[\"LIMIT_EXCEEDED\"]" })), ["limited"])
      const [stored] = yield* emulator.templates(wabaId)
      assert.deepStrictEqual([stored?.category, stored?.status, stored?.components], ["TICKET_UPDATE", "APPROVED", odd])
    }))
})
