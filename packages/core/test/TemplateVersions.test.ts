import { assert, describe, it } from "@effect/vitest"
import { AdminError, Template } from "@wa-admin/core"
import { TemplateVersions } from "@wa-admin/core/adapter"
import { Effect, Stream } from "effect"

const version = (name: string, language: string, status = "APPROVED") =>
  new Template.Template({ name, language, category: "UTILITY", status, components: [] })

/** A listing whose name filter is a search (as providers' are), keeping the filters it was asked. */
const provider = (templates: ReadonlyArray<Template.Template>) => {
  const asked: Array<Template.TemplateFilter> = []
  const versions = TemplateVersions.make({
    provider: "acme",
    listing: (_operation: "templates.get" | "templates.create" | "templates.delete") => ({ filter }) => {
      asked.push(filter)
      return Stream.fromIterable(templates.filter((template) => template.name.includes(filter.name ?? "")))
    },
    statuses: ["APPROVED", "PAUSED"]
  })
  return { asked, versions }
}

/** A delete by name that keeps the names it deleted. */
const deletes = () => {
  const deleted: Array<string> = []
  const deleteByName = (request: { readonly wabaId: string; readonly name: string }) =>
    Effect.sync(() => {
      deleted.push(request.name)
    })
  return { deleteByName, deleted }
}

const refusal = new AdminError.InvalidInput({
  provider: "acme",
  operation: "templates.create",
  source: "provider",
  issues: [new AdminError.FieldIssue({ field: "name", rule: "refused" })]
})

describe("TemplateVersions", () => {
  it.effect("reads the versions of exactly one name, asking for the statuses and the language given", () =>
    Effect.gen(function*() {
      const { asked, versions } = provider([
        version("order", "en_US"),
        version("order_update", "en_US"),
        version("order", "de")
      ])
      const found = yield* versions.of("1", "order", "templates.get")
      assert.deepStrictEqual(found.map((template) => `${template.name}/${template.language}`), [
        "order/en_US",
        "order/de"
      ])
      yield* versions.of("1", "order", "templates.get", "de")
      assert.deepStrictEqual(asked.map((filter) => [filter.status, filter.language]), [[
        ["APPROVED", "PAUSED"],
        undefined
      ], [["APPROVED", "PAUSED"], ["de"]]])
    }))

  it.effect("finds one language version, or fails with NotFound naming the name and the language", () =>
    Effect.gen(function*() {
      const { versions } = provider([version("order", "en_US")])
      assert.strictEqual(
        (yield* versions.find({ wabaId: "1", name: "order", language: "en_US" }, "templates.get")).language,
        "en_US"
      )
      const missing = yield* Effect.flip(versions.find({ wabaId: "1", name: "order", language: "fr" }, "templates.get"))
      assert.strictEqual(missing._tag, "NotFound")
      if (missing._tag === "NotFound") assert.strictEqual(missing.id, "order (fr)")
    }))

  it.effect("a refused creation is a Conflict only when the name has a counted version in the language", () =>
    Effect.gen(function*() {
      const { versions } = provider([version("order", "en_US"), version("order", "de", "DELETED")])
      const refused = Effect.fail(refusal)
      const duplicate = yield* Effect.flip(
        versions.conflictOnDuplicate("1", { name: "order", language: "en_US" }, "templates.create")(refused)
      )
      assert.strictEqual(duplicate._tag, "Conflict")
      assert.strictEqual(duplicate.message.includes("a template named order already exists in en_US"), true)
      const counts = (template: Template.Template) => template.status !== "DELETED"
      const deleted = yield* Effect.flip(
        versions.conflictOnDuplicate("1", { name: "order", language: "de" }, "templates.create", counts)(refused)
      )
      assert.strictEqual(deleted, refusal)
      const other = yield* Effect.flip(
        versions.conflictOnDuplicate("1", { name: "order", language: "fr" }, "templates.create")(refused)
      )
      assert.strictEqual(other, refusal)
      const created = yield* versions.conflictOnDuplicate("1", { name: "order", language: "fr" }, "templates.create")(
        Effect.succeed("id-1")
      )
      assert.strictEqual(created, "id-1")
    }))

  it.effect("deletes one language where the provider deletes a name's every language: only when it is the name's one live version", () =>
    Effect.gen(function*() {
      const { deleteByName, deleted } = deletes()
      const where = { provider: "acme", operation: "templates.delete" as const, deletedBy: "Acme" }
      const request = { wabaId: "1", name: "order", language: "en_US" }

      const { versions: alone } = provider([version("order", "en_US"), version("order", "de", "PENDING_DELETION")])
      yield* TemplateVersions.deleteLanguage(alone, where, request, deleteByName)
      assert.deepStrictEqual(deleted, ["order"], "a version going away does not count")

      const { versions: both } = provider([version("order", "en_US"), version("order", "de")])
      const refused = yield* Effect.flip(TemplateVersions.deleteLanguage(both, where, request, deleteByName))
      assert.strictEqual(refused._tag, "InvalidInput")
      if (refused._tag === "InvalidInput") assert.include(refused.issues[0]?.rule ?? "", "also has de")
      const { versions: none } = provider([version("order", "de")])
      const missing = yield* Effect.flip(TemplateVersions.deleteLanguage(none, where, request, deleteByName))
      assert.strictEqual(missing._tag, "NotFound")
      assert.deepStrictEqual(deleted, ["order"], "nothing more was deleted")
      assert.isFalse(TemplateVersions.isLive(version("order", "en_US", "DELETED")))
      assert.isTrue(TemplateVersions.isLive(version("order", "en_US", "PAUSED")))
    }))

  it.effect("the port's delete: a name goes whole; with confirmName a name without a live version is NotFound and nothing is deleted", () =>
    Effect.gen(function*() {
      const { deleteByName, deleted } = deletes()
      const { versions: gone } = provider([version("order", "en_US", "DELETED")])
      const trusting = TemplateVersions.deletion(gone, { provider: "acme", deletedBy: "Acme" }, deleteByName)
      yield* trusting({ wabaId: "1", name: "order", allLanguages: true })
      assert.deepStrictEqual(deleted, ["order"], "without confirmName the provider answers for the name")

      const confirming = TemplateVersions.deletion(
        gone,
        { provider: "acme", deletedBy: "Acme", confirmName: true },
        deleteByName
      )
      const missing = yield* Effect.flip(confirming({ wabaId: "1", name: "order", allLanguages: true }))
      assert.strictEqual(missing._tag, "NotFound")
      if (missing._tag === "NotFound") {
        assert.deepStrictEqual([missing.operation, missing.id], ["templates.delete", "order"])
      }
      assert.deepStrictEqual(deleted, ["order"], "nothing more was deleted")

      const { versions: live } = provider([version("order", "en_US"), version("order", "de")])
      const confirmed = TemplateVersions.deletion(
        live,
        { provider: "acme", deletedBy: "Acme", confirmName: true },
        deleteByName
      )
      yield* confirmed({ wabaId: "1", name: "order", allLanguages: true })
      const refused = yield* Effect.flip(confirmed({ wabaId: "1", name: "order", language: "de" }))
      assert.strictEqual(refused._tag, "InvalidInput", "one language of two goes through deleteLanguage")
      assert.deepStrictEqual(deleted, ["order", "order"])
    }))
})
