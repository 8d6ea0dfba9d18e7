import { Chunk, Effect, Stream } from "effect"
import type { AdminError } from "../../AdminError.js"
import type { Component, TemplateCategory, TemplateFilter } from "../../Template.js"
import { knownStatuses, Template } from "../../Template.js"
import * as Templates from "../../Templates.js"
import type { Check, Fixture, Harness, TemplatesFixture } from "../Conformance.js"
import { checksOn, expectError, expectRefusedLocally, need, notFound, refusal, show } from "./harness.js"
import { assert } from "./vitest.js"

type Draft = typeof Templates.CreateRequest.Encoded["template"]

const templatesOf = (harness: Harness): Effect.Effect<TemplatesFixture> =>
  need(harness.fixture.templates, "templates", "(a WABA whose templates the checks may change)")

interface Setting {
  readonly wabaId: string
  /** Approves a created template when the fixture can (see `TemplatesFixture.approve`). */
  readonly approve: (draft: Draft) => Effect.Effect<void, unknown>
  readonly languages: readonly [string, string]
  readonly categories: readonly [TemplateCategory, TemplateCategory]
  /** A template name unique to this check run. */
  readonly name: (suffix: string) => string
  /** A draft with only a body, named `name(suffix)`, in the first language and category. */
  readonly simple: (suffix: string, body: string) => Draft
  /** A draft with every kind of component, named `name(suffix)`, in the first language and category. */
  readonly full: (suffix: string, body: string) => Draft
  readonly prefix: string
}

const settingOf = (harness: Harness): Effect.Effect<Setting> =>
  Effect.map(templatesOf(harness), (templates) => {
    const prefix = `conformance_${harness.unique}_`
    const approve = templates.approve
    const languages = templates.languages ?? ["en_US", "es"]
    const categories = templates.categories ?? ["MARKETING", "UTILITY"]
    return {
      wabaId: templates.wabaId,
      approve: (draft: Draft) =>
        approve === undefined
          ? Effect.void
          : approve({ wabaId: templates.wabaId, name: draft.name, language: draft.language }),
      languages,
      categories,
      name: (suffix: string) => `${prefix}${suffix}`,
      simple: (suffix: string, body: string) => simpleDraft(`${prefix}${suffix}`, languages[0], categories[0], body),
      full: (suffix: string, body: string) => fullDraft(`${prefix}${suffix}`, languages[0], categories[0], body),
      prefix
    }
  })

/** A draft with every kind of component, its body saying `body`. */
const fullDraft = (name: string, language: string, category: TemplateCategory, body: string): Draft => ({
  name,
  language,
  category,
  components: [
    { _tag: "HEADER", format: "TEXT", text: "Your order" },
    { _tag: "BODY", text: `${body} {{1}}`, examples: [["Ada"]] },
    { _tag: "FOOTER", text: "Reply STOP to opt out" },
    { _tag: "BUTTONS", buttons: [{ _tag: "QUICK_REPLY", text: "Thanks" }] }
  ]
})

/** A draft with only a body. */
const simpleDraft = (name: string, language: string, category: TemplateCategory, body: string): Draft => ({
  name,
  language,
  category,
  components: [{ _tag: "BODY", text: body }]
})

const bodyOf = (components: ReadonlyArray<Component> | Draft["components"]): string | undefined => {
  for (const component of components) if (component._tag === "BODY") return component.text
  return undefined
}

/** What a provider must keep of components: their kinds, texts, header format and buttons. */
const essence = (components: ReadonlyArray<Component> | Draft["components"]) =>
  [...components]
    .map((component) => {
      switch (component._tag) {
        case "HEADER":
          return `HEADER ${component.format} ${component.text ?? ""}`
        case "BODY":
          return `BODY ${component.text}`
        case "FOOTER":
          return `FOOTER ${component.text}`
        case "BUTTONS":
          return `BUTTONS ${component.buttons.map((button) => `${button._tag}:${button.text}`).join(",")}`
      }
    })
    .sort()

const assertSameTemplate = (actual: Template, draft: Draft, what: string) => {
  assert.instanceOf(actual, Template)
  assert.strictEqual(actual.name, draft.name, `${what}: name`)
  assert.strictEqual(actual.language, draft.language, `${what}: language`)
  assert.strictEqual(actual.category, draft.category, `${what}: category`)
  assert.isAbove(actual.status.length, 0, `${what}: status`)
  assert.deepStrictEqual(essence(actual.components), essence(draft.components), `${what}: components`)
}

const keyOf = (template: { readonly name: string; readonly language: string }) =>
  `${template.name}/${template.language}`

const list = (
  setting: Setting,
  options: { readonly filter?: typeof TemplateFilter.Encoded; readonly pageSize?: number } = {}
) => Templates.list({ wabaId: setting.wabaId, ...options }).pipe(Stream.runCollect, Effect.map(Chunk.toReadonlyArray))

const ours = (setting: Setting, templates: ReadonlyArray<Template>) =>
  templates.filter((template) => template.name.startsWith(setting.prefix)).map(keyOf).sort()

const create = (setting: Setting, draft: Draft) => Templates.create({ wabaId: setting.wabaId, template: draft })

const createAll = (setting: Setting, drafts: ReadonlyArray<Draft>) =>
  Effect.forEach(drafts, (draft) => create(setting, draft))

/** A check in the fixture's templates setting. */
const templatesCheck = checksOn(settingOf)

/** An absent template, by the name it is asked for by in the fixture's WABA: `NotFound` naming it. */
const missing = (
  operation: "templates.get" | "templates.edit" | "templates.delete",
  subject: string,
  what: string,
  call: (setting: Setting, name: string) => Effect.Effect<unknown, AdminError, Templates.Templates>
) =>
  notFound({
    operation,
    subject,
    what,
    call: (harness) =>
      Effect.map(settingOf(harness), (setting) => {
        const name = setting.name("absent")
        return { id: name, call: call(setting, name) }
      })
  })

const createThenGet = templatesCheck({
  name: "templates.create: answers the new template, and get returns it",
  requires: ["templates.create", "templates.get"]
}, (setting) =>
  Effect.gen(function*() {
    const draft = setting.full("welcome", "Hello, your order is ready")
    const created = yield* create(setting, draft)
    assertSameTemplate(created, draft, "create's answer")
    const got = yield* Templates.get({ wabaId: setting.wabaId, name: draft.name, language: draft.language })
    assertSameTemplate(got, draft, "get after create")
    if (created.id !== undefined && got.id !== undefined) assert.strictEqual(got.id, created.id, "the id is stable")
  }))

const createExisting = templatesCheck({
  name: "templates.create: an existing name and language → Conflict; another language of the name is fine",
  requires: ["templates.create"]
}, (setting) =>
  Effect.gen(function*() {
    const draft = setting.simple("twice", "Your parcel is on its way")
    yield* create(setting, draft)
    const error = yield* expectError(
      create(setting, draft),
      ["Conflict"],
      "creating the same name and language again"
    )
    assert.strictEqual(error.operation, "templates.create", "Conflict.operation")
    const other = yield* create(setting, { ...draft, language: setting.languages[1] })
    assert.strictEqual(other.language, setting.languages[1], "another language of the same name is created")
  }))

const createInvalid = refusal({
  operation: "templates.create",
  input: "an invalid draft",
  fields: ["template.name", "template.components"],
  naming: "naming the fields",
  what: "create with a bad name and two bodies",
  call: (harness) =>
    Effect.map(settingOf(harness), (setting) =>
      Templates.create({
        wabaId: setting.wabaId,
        template: {
          name: "Not A Valid Name",
          language: setting.languages[0],
          category: setting.categories[0],
          components: [
            { _tag: "BODY", text: "First body {{2}}" },
            { _tag: "BODY", text: "Second body" }
          ]
        }
      }))
})

const getMissing = missing(
  "templates.get",
  "an absent name or language",
  "getting an absent template",
  (setting, name) => Templates.get({ wabaId: setting.wabaId, name, language: setting.languages[0] })
)

const getOtherLanguage = templatesCheck({
  name: "templates.get: a name asked in a language it lacks → NotFound naming both, not the name's other version",
  requires: ["templates.create", "templates.get"]
}, (setting) =>
  Effect.gen(function*() {
    const draft = setting.simple("one_language", "Your table is ready")
    yield* create(setting, draft)
    const language = setting.languages[1]
    const error = yield* expectError(
      Templates.get({ wabaId: setting.wabaId, name: draft.name, language }),
      ["NotFound"],
      "getting the name in a language it lacks"
    )
    assert.strictEqual(error.operation, "templates.get", "NotFound.operation")
    assert.include(error.id ?? "", draft.name, "NotFound.id names the template")
    assert.include(error.id ?? "", language, "NotFound.id names the language asked for")
  }))

const listPages = templatesCheck({
  name: "templates.list: yields every language version once, the same at any page size",
  requires: ["templates.create", "templates.list"]
}, (setting) =>
  Effect.gen(function*() {
    const [first, second] = setting.languages
    const [category] = setting.categories
    const drafts = [
      simpleDraft(setting.name("alpha"), first, category, "Alpha is here"),
      simpleDraft(setting.name("alpha"), second, category, "Alfa esta aqui"),
      simpleDraft(setting.name("bravo"), first, category, "Bravo is here"),
      simpleDraft(setting.name("charlie"), first, category, "Charlie is here"),
      simpleDraft(setting.name("delta"), first, category, "Delta is here")
    ]
    yield* createAll(setting, drafts)
    const whole = yield* list(setting, { pageSize: 100 })
    const keys = whole.map(keyOf)
    assert.strictEqual(new Set(keys).size, keys.length, `no language version is listed twice: ${show(keys)}`)
    assert.deepStrictEqual(ours(setting, whole), drafts.map(keyOf).sort(), "every created language version is listed")
    for (const pageSize of [1, 2]) {
      const paged = yield* list(setting, { pageSize })
      assert.deepStrictEqual(
        paged.map(keyOf),
        keys,
        `listing ${pageSize} per page gives the same templates in the same order`
      )
    }
  }))

/** Four templates across two names' languages, categories and bodies, for the filter checks. */
const filterSet = (setting: Setting) => {
  const [first, second] = setting.languages
  const [one, two] = setting.categories
  return {
    alphaFirst: simpleDraft(setting.name("alpha"), first, one, "The quick parcel has shipped"),
    alphaSecond: simpleDraft(setting.name("alpha"), second, one, "El paquete ha salido"),
    bravo: simpleDraft(setting.name("bravo"), first, two, "A slow zebra crossed the road"),
    charlie: simpleDraft(setting.name("charlie"), second, two, "Recordatorio de su cita")
  }
}

const filterCheck = (
  field: keyof typeof TemplateFilter.Type | "several fields",
  behaviour: string,
  body: (
    harness: Harness,
    setting: Setting,
    set: ReturnType<typeof filterSet>
  ) => Effect.Effect<void, unknown, Templates.Templates>
): Check => ({
  name: `templates.list: filters by ${field} (${behaviour})`,
  requires: ["templates.create", "templates.list"],
  run: (harness) =>
    Effect.gen(function*() {
      const setting = yield* settingOf(harness)
      const set = filterSet(setting)
      yield* createAll(setting, Object.values(set))
      yield* body(harness, setting, set)
    })
})

const byName = filterCheck("name", "a name search", (_, setting, set) =>
  Effect.gen(function*() {
    const found = yield* list(setting, { filter: { name: set.alphaFirst.name } })
    assert.deepStrictEqual(
      ours(setting, found),
      [keyOf(set.alphaFirst), keyOf(set.alphaSecond)].sort(),
      "both languages of the name"
    )
    for (const template of found) assert.include(template.name, set.alphaFirst.name, "every result matches the name")
  }))

/** Filtering by the second of the setting's languages or categories: the two drafts that have it. */
const bySecondOf = (
  field: "language" | "category",
  plural: "languages" | "categories",
  results: string,
  expected: (set: ReturnType<typeof filterSet>) => ReadonlyArray<Draft>
) =>
  filterCheck(field, `any of the ${plural}`, (_, setting, set) =>
    Effect.gen(function*() {
      const value = setting[plural][1]
      const found = yield* list(setting, { filter: { [field]: [value] } })
      assert.deepStrictEqual(ours(setting, found), expected(set).map(keyOf).sort(), `${results} in that ${field}`)
      for (const template of found) assert.strictEqual(template[field], value, `every result is in that ${field}`)
    }))

const byLanguage = bySecondOf("language", "languages", "the versions", (set) => [set.alphaSecond, set.charlie])

const byCategory = bySecondOf("category", "categories", "the templates", (set) => [set.bravo, set.charlie])

const byContent = filterCheck("content", "a search in the text", (_, setting, set) =>
  Effect.gen(function*() {
    const found = yield* list(setting, { filter: { content: "zebra" } })
    assert.deepStrictEqual(ours(setting, found), [keyOf(set.bravo)], "the template whose text has the word")
  }))

const byStatus = filterCheck("status", "any of the statuses", (_, setting, set) =>
  Effect.gen(function*() {
    yield* setting.approve(set.bravo)
    const mine = (yield* list(setting)).filter((template) => template.name.startsWith(setting.prefix))
    const present = [...new Set(mine.map((template) => template.status))]
    const absent = knownStatuses.find((status) => !present.includes(status)) ?? "DELETED"
    const expected = (statuses: ReadonlyArray<string>) =>
      mine.filter((template) => statuses.includes(template.status)).map(keyOf).sort()
    for (const statuses of [...present.map((status) => [status]), [absent], [...present, absent]]) {
      const found = yield* list(setting, { filter: { status: statuses } })
      assert.deepStrictEqual(
        ours(setting, found),
        expected(statuses),
        `the templates with status ${statuses.join(" or ")}`
      )
      for (const template of found) assert.include(statuses, template.status, "every result has one of the statuses")
    }
  }))

const scores = ["GREEN", "YELLOW", "RED", "UNKNOWN"] as const

const byQualityScore = filterCheck("qualityScore", "any of the scores", (_, setting) =>
  Effect.gen(function*() {
    const mine = (yield* list(setting)).filter((template) => template.name.startsWith(setting.prefix))
    for (const score of scores) {
      const expected = mine.filter((template) => template.qualityScore === score).map(keyOf).sort()
      if (score === "UNKNOWN" && expected.length === 0) continue
      const found = yield* list(setting, { filter: { qualityScore: [score] } })
      assert.deepStrictEqual(ours(setting, found), expected, `the templates scored ${score}`)
      for (const template of found) {
        if (template.qualityScore !== undefined) {
          assert.strictEqual(template.qualityScore, score, "every result has that score")
        }
      }
    }
  }))

const combined = filterCheck(
  "several fields",
  "all of them, across pages",
  (_, setting, set) =>
    Effect.gen(function*() {
      const filter = { language: [setting.languages[0]], category: [setting.categories[0]] }
      const whole = yield* list(setting, { filter })
      assert.deepStrictEqual(ours(setting, whole), [keyOf(set.alphaFirst)], "only what matches every filter")
      const paged = yield* list(setting, { filter, pageSize: 1 })
      assert.deepStrictEqual(paged.map(keyOf), whole.map(keyOf), "the same one per page")
    })
)

/** Two drafts of one name: in the first language saying `first`, in the second saying `second`. */
const twoLanguages = (setting: Setting, suffix = "bilingual", first = "See you soon", second = "Hasta pronto") => {
  const draft = setting.simple(suffix, first)
  return [draft, {
    ...draft,
    language: setting.languages[1],
    components: [{ _tag: "BODY" as const, text: second }]
  }] as const
}

const editByNameAndLanguage = templatesCheck({
  name: "templates.edit: replaces the components of one language version, found by name and language",
  requires: ["templates.create", "templates.edit", "templates.get"]
}, (setting) =>
  Effect.gen(function*() {
    const [first, second] = twoLanguages(setting, "edited", "Your table is booked", "Su mesa esta reservada")
    yield* createAll(setting, [first, second])
    yield* Effect.forEach([first, second], setting.approve)
    const text = "Your table is booked for tonight"
    yield* Templates.edit({
      wabaId: setting.wabaId,
      name: first.name,
      language: first.language,
      components: [{ _tag: "BODY", text }]
    })
    const edited = yield* Templates.get({ wabaId: setting.wabaId, name: first.name, language: first.language })
    assert.strictEqual(bodyOf(edited.components), text, "the edited version has the new body")
    const untouched = yield* Templates.get({ wabaId: setting.wabaId, name: second.name, language: second.language })
    assert.strictEqual(bodyOf(untouched.components), bodyOf(second.components), "the other language is unchanged")
  }))

const editById = templatesCheck({
  name: "templates.edit: with the id the provider answered",
  requires: ["templates.create", "templates.edit", "templates.get"]
}, (setting) =>
  Effect.gen(function*() {
    const draft = setting.simple("by_id", "Your code expires soon")
    const created = yield* create(setting, draft)
    yield* setting.approve(draft)
    const id = created.id ??
      (yield* Templates.get({ wabaId: setting.wabaId, name: draft.name, language: draft.language })).id
    const text = "Your code expires in ten minutes"
    yield* Templates.edit({
      wabaId: setting.wabaId,
      name: draft.name,
      language: draft.language,
      ...(id === undefined ? {} : { id }),
      components: [{ _tag: "BODY", text }]
    })
    const edited = yield* Templates.get({ wabaId: setting.wabaId, name: draft.name, language: draft.language })
    assert.strictEqual(bodyOf(edited.components), text, "the edited version has the new body")
  }))

const editMissing = missing(
  "templates.edit",
  "an absent template",
  "editing an absent template",
  (setting, name) =>
    Templates.edit({
      wabaId: setting.wabaId,
      name,
      language: setting.languages[0],
      components: [{ _tag: "BODY", text: "Nothing here" }]
    })
)

const deletesByName = (fixture: Fixture) => fixture.templates?.deleteScope === "name"

const exists = (setting: Setting, draft: Draft) =>
  Effect.map(
    Effect.either(Templates.get({ wabaId: setting.wabaId, name: draft.name, language: draft.language })),
    (result) => result._tag === "Right"
  )

/** A check in the templates setting with one name created in two languages (`twoLanguages`). */
const bilingualCheck = checksOn((harness) =>
  Effect.gen(function*() {
    const setting = yield* settingOf(harness)
    const [first, second] = twoLanguages(setting)
    yield* createAll(setting, [first, second])
    return { setting, first, second }
  })
)

const deleteOneLanguage = bilingualCheck({
  name: "templates.delete: deleting one language keeps the others",
  requires: ["templates.create", "templates.delete", "templates.get"],
  appliesTo: (fixture) => !deletesByName(fixture)
}, ({ first, second, setting }) =>
  Effect.gen(function*() {
    yield* Templates.remove({ wabaId: setting.wabaId, name: first.name, language: first.language })
    assert.isFalse(yield* exists(setting, first), "the deleted language is gone")
    assert.isTrue(yield* exists(setting, second), "the other language stays")
    yield* expectError(
      Templates.get({ wabaId: setting.wabaId, name: first.name, language: first.language }),
      ["NotFound"],
      "getting the deleted language"
    )
  }))

const deleteOneLanguageRefused = bilingualCheck({
  name:
    "templates.delete: a one-language delete is refused while the name has other languages (the provider deletes by name)",
  requires: ["templates.create", "templates.delete", "templates.get"],
  appliesTo: deletesByName
}, ({ first, second, setting }) =>
  Effect.gen(function*() {
    const error = yield* expectError(
      Templates.remove({ wabaId: setting.wabaId, name: first.name, language: first.language }),
      ["Conflict", "InvalidInput"],
      "deleting one of two languages"
    )
    if (error._tag === "InvalidInput") {
      assert.isTrue(
        error.issues.some((issue) => `${issue.field} ${issue.rule}`.includes("allLanguages")),
        "the refusal names allLanguages"
      )
    }
    assert.isTrue(yield* exists(setting, first), "nothing was deleted: the asked language stays")
    assert.isTrue(yield* exists(setting, second), "nothing was deleted: the other language stays")
    const single = setting.simple("single", "Only one language")
    yield* create(setting, single)
    yield* Templates.remove({ wabaId: setting.wabaId, name: single.name, language: single.language })
    assert.isFalse(yield* exists(setting, single), "a name's only language can be deleted")
  }))

const deleteAllLanguages = bilingualCheck({
  name: "templates.delete: allLanguages removes every language of the name and nothing else",
  requires: ["templates.create", "templates.delete", "templates.get"]
}, ({ first, second, setting }) =>
  Effect.gen(function*() {
    const bystander = setting.simple("bystander", "Still here")
    yield* create(setting, bystander)
    yield* Templates.remove({ wabaId: setting.wabaId, name: first.name, allLanguages: true })
    assert.isFalse(yield* exists(setting, first), "the first language is gone")
    assert.isFalse(yield* exists(setting, second), "the second language is gone")
    assert.isTrue(yield* exists(setting, bystander), "another name stays")
  }))

const deleteAmbiguous = bilingualCheck({
  name: "templates.delete: a language together with allLanguages is refused as ambiguous, nothing sent or deleted",
  requires: ["templates.create", "templates.delete", "templates.get"]
}, ({ first, second, setting }, harness) =>
  Effect.gen(function*() {
    yield* expectRefusedLocally(
      harness,
      Templates.remove({ wabaId: setting.wabaId, name: first.name, language: first.language, allLanguages: true }),
      ["language"],
      "delete naming a language and allLanguages"
    )
    assert.isTrue(yield* exists(setting, first), "nothing was deleted")
    assert.isTrue(yield* exists(setting, second), "nothing was deleted")
  }))

const deleteMissing = missing(
  "templates.delete",
  "an absent template",
  "deleting an absent template",
  (setting, name) => Templates.remove({ wabaId: setting.wabaId, name, allLanguages: true })
)

/** Checks of `Templates`; every name a check creates is unique to its run. */
export const templatesChecks: ReadonlyArray<Check> = [
  createThenGet,
  createExisting,
  createInvalid,
  getMissing,
  getOtherLanguage,
  listPages,
  byName,
  byLanguage,
  byCategory,
  byStatus,
  byQualityScore,
  byContent,
  combined,
  editByNameAndLanguage,
  editById,
  editMissing,
  deleteOneLanguage,
  deleteOneLanguageRefused,
  deleteAllLanguages,
  deleteAmbiguous,
  deleteMissing
]
