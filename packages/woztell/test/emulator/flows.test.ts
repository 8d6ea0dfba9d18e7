import { assert, describe, it } from "@effect/vitest"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Effect, TestClock } from "effect"
import { at, documentJson, errorOf, signed } from "./fixtures.js"

type Emulator = WoztellEmulator.Emulator

const createFlow = (emulator: Emulator, data: Record<string, unknown>) =>
  Effect.map(signed(emulator, "PUT", "/create-flow", { body: { data } }), (answer) => ({
    answer,
    id: String(at(answer.body, "id"))
  }))

const flowCall = (emulator: Emulator, method: string, path: string, flowId: string) =>
  signed(emulator, method, path, { body: { flowId } })

const detail = (emulator: Emulator, flowId: string) => signed(emulator, "GET", "/flow-detail", { query: { flowId } })

describe("flows", () => {
  it.scoped("create → update JSON → publish → deprecate, with the document's answers", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make({
        wabas: [{ wabaId: "619018099309339", phoneNumberId: "1", name: "Test Group Limited (UAT)" }]
      })
      const { answer, id } = yield* createFlow(emulator, { name: "Test Flow 2", categories: ["SURVEY"] })
      assert.deepStrictEqual(answer.body, { ok: 1, id })
      const updated = yield* signed(emulator, "PATCH", "/flow-json", { body: { flowId: id, data: documentJson } })
      assert.deepStrictEqual(updated.body, { ok: 1, success: true, validation_errors: [] })

      const draft = yield* detail(emulator, id)
      assert.strictEqual(at(draft.body, "status"), "DRAFT")
      assert.strictEqual(at(draft.body, "json_version"), "3.1")
      assert.deepStrictEqual(at(draft.body, "categories"), ["SURVEY"])
      assert.deepStrictEqual(at(draft.body, "validation_errors"), [])
      assert.deepStrictEqual(at(draft.body, "whatsapp_business_account", "id"), "619018099309339")
      assert.deepStrictEqual(at(draft.body, "whatsapp_business_account", "name"), "Test Group Limited (UAT)")
      assert.deepStrictEqual(at(draft.body, "application"), {
        link: "https://platform.woztell.com/",
        name: "Woztell",
        id: "689996742158814"
      })
      assert.match(
        String(at(draft.body, "preview", "preview_url")),
        new RegExp(`^https://business\\.facebook\\.com/wa/manage/flows/${id}/preview/\\?token=`)
      )
      assert.match(String(at(draft.body, "preview", "expires_at")), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/)

      assert.deepStrictEqual((yield* flowCall(emulator, "POST", "/publish-flow", id)).body, { ok: 1, success: true })
      assert.strictEqual(at((yield* detail(emulator, id)).body, "status"), "PUBLISHED")
      assert.deepStrictEqual((yield* flowCall(emulator, "POST", "/deprecate-flow", id)).body, { ok: 1, success: true })
      assert.strictEqual(at((yield* detail(emulator, id)).body, "status"), "DEPRECATED")
      assert.deepStrictEqual(yield* emulator.effects, [
        { operation: "createFlow", key: id },
        { operation: "updateFlowJson", key: id },
        { operation: "publishFlow", key: id },
        { operation: "deprecateFlow", key: id }
      ])
    }))

  it.scoped("enforces the lifecycle: only drafts change JSON or are deleted; only published flows are deprecated", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { id } = yield* createFlow(emulator, { name: "Lifecycle", categories: ["OTHER"] })
      const notPublished = yield* flowCall(emulator, "POST", "/deprecate-flow", id)
      assert.strictEqual(notPublished.status, 400)
      assert.include(errorOf(notPublished), "Only published flows")
      assert.strictEqual((yield* flowCall(emulator, "POST", "/publish-flow", id)).status, 200)
      const republish = yield* flowCall(emulator, "POST", "/publish-flow", id)
      assert.strictEqual(republish.status, 400)
      const deletePublished = yield* flowCall(emulator, "DELETE", "/flow", id)
      assert.strictEqual(deletePublished.status, 400)
      assert.include(errorOf(deletePublished), "cannot be deleted")
      const changeJson = yield* signed(emulator, "PATCH", "/flow-json", { body: { flowId: id, data: documentJson } })
      assert.strictEqual(changeJson.status, 400)
      const rename = yield* signed(emulator, "PATCH", "/flow-metadata", {
        body: { flowId: id, data: { name: "Renamed" } }
      })
      assert.strictEqual(rename.status, 200, "metadata of a published flow can change")
      yield* flowCall(emulator, "POST", "/deprecate-flow", id)
      assert.strictEqual((yield* flowCall(emulator, "POST", "/deprecate-flow", id)).status, 400)
      assert.strictEqual((yield* flowCall(emulator, "DELETE", "/flow", id)).status, 400)
      const renameDeprecated = yield* signed(emulator, "PATCH", "/flow-metadata", {
        body: { flowId: id, data: { name: "x" } }
      })
      assert.strictEqual(renameDeprecated.status, 400)

      const { id: draft } = yield* createFlow(emulator, { name: "Draft", categories: ["OTHER"] })
      assert.deepStrictEqual((yield* flowCall(emulator, "DELETE", "/flow", draft)).body, { ok: 1, success: true })
      assert.strictEqual((yield* detail(emulator, draft)).status, 404)
      assert.strictEqual((yield* flowCall(emulator, "DELETE", "/flow", draft)).status, 404)
      assert.deepStrictEqual((yield* emulator.flows).map((flow) => [flow.name, flow.status]), [[
        "Renamed",
        "DEPRECATED"
      ]])
    }))

  it.scoped("stores an invalid JSON with its validation errors, and will not publish it", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { id } = yield* createFlow(emulator, { name: "Broken", categories: ["SIGN_UP", "SIGN_IN"] })
      const broken = {
        screens: [
          { id: "FIRST-SCREEN", layout: { type: "SingleColumnLayout", children: [] } },
          { id: "SECOND", title: "Second" },
          { id: "SECOND", layout: { type: "TwoColumns", children: [] } }
        ]
      }
      const answer = yield* signed(emulator, "PATCH", "/flow-json", { body: { flowId: id, data: broken } })
      assert.strictEqual(answer.status, 200)
      assert.strictEqual(at(answer.body, "success"), true)
      const errors = at(answer.body, "validation_errors") as ReadonlyArray<unknown>
      assert.deepStrictEqual(errors.map((error) => [at(error, "error"), at(error, "pointers", 0, "path")]), [
        ["MISSING_REQUIRED_PROPERTY", "version"],
        ["INVALID_PROPERTY_VALUE", "screens[0].id"],
        ["MISSING_REQUIRED_PROPERTY", "screens[1].layout"],
        ["DUPLICATE_SCREEN_ID", "screens[2].id"],
        ["INVALID_PROPERTY_VALUE", "screens[2].layout.type"],
        ["MISSING_TERMINAL_SCREEN", "screens"]
      ])
      assert.strictEqual(at(errors[0], "error_type"), "FLOW_JSON_ERROR")
      assert.deepStrictEqual(at((yield* detail(emulator, id)).body, "validation_errors"), errors)
      assert.deepStrictEqual((yield* emulator.flows)[0]?.json, broken)
      const publish = yield* flowCall(emulator, "POST", "/publish-flow", id)
      assert.strictEqual(publish.status, 400)
      assert.include(errorOf(publish), "6 validation error(s)")
      const empty = yield* signed(emulator, "PATCH", "/flow-json", {
        body: { flowId: id, data: { version: "3.1", screens: [] } }
      })
      assert.deepStrictEqual(
        (at(empty.body, "validation_errors") as ReadonlyArray<unknown>).map((error) => at(error, "message")),
        ["Property 'screens' must be a non-empty array."]
      )
      yield* signed(emulator, "PATCH", "/flow-json", { body: { flowId: id, data: documentJson } })
      assert.strictEqual((yield* flowCall(emulator, "POST", "/publish-flow", id)).status, 200)
      const notObject = yield* signed(emulator, "PATCH", "/flow-json", { body: { flowId: id, data: "{}" } })
      assert.strictEqual(notObject.status, 400)
    }))

  it.scoped("a new flow has Meta's default JSON; a clone copies its source's JSON", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { id: source } = yield* createFlow(emulator, { name: "Source", categories: ["SURVEY"] })
      const fresh = yield* detail(emulator, source)
      assert.deepStrictEqual(at(fresh.body, "validation_errors"), [])
      assert.strictEqual(at(fresh.body, "json_version"), "3.1")
      yield* signed(emulator, "PATCH", "/flow-json", { body: { flowId: source, data: documentJson } })
      const { answer, id: clone } = yield* createFlow(emulator, {
        name: "Test Flow 2",
        categories: ["SURVEY"],
        clone_flow_id: source,
        endpoint_url: "https://webhook.site/ff434d70-465c-4c79-90cc-333adfa858b5"
      })
      assert.strictEqual(answer.status, 200)
      const flows = yield* emulator.flows
      assert.deepStrictEqual(flows.find((flow) => flow.id === clone)?.json, documentJson)
      assert.strictEqual(
        flows.find((flow) => flow.id === clone)?.endpointUrl,
        "https://webhook.site/ff434d70-465c-4c79-90cc-333adfa858b5"
      )
      assert.strictEqual(
        (yield* createFlow(emulator, { name: "x", categories: ["OTHER"], clone_flow_id: "1" })).answer.status,
        404
      )

      yield* signed(emulator, "PATCH", "/flow-json", {
        body: { flowId: source, data: { ...documentJson, version: "2.1" } }
      })
      const oldClone = yield* createFlow(emulator, {
        name: "Old",
        categories: ["OTHER"],
        clone_flow_id: source,
        endpoint_url: "https://example.com/endpoint"
      })
      assert.strictEqual(oldClone.answer.status, 400)
      assert.include(errorOf(oldClone.answer), "below 3.0")
    }))

  it.scoped("checks the create body: name, categories, endpoint", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const attempt = (data: unknown) =>
        Effect.map(signed(emulator, "PUT", "/create-flow", { body: { data } }), (answer) =>
          [answer.status, errorOf(answer)] as const)
      assert.deepStrictEqual(yield* attempt({ categories: ["OTHER"] }), [400, "name is required"])
      assert.strictEqual((yield* attempt({ name: "x" }))[0], 400)
      assert.strictEqual((yield* attempt({ name: "x", categories: [] }))[0], 400)
      assert.include((yield* attempt({ name: "x", categories: ["MARKETING"] }))[1], "MARKETING")
      assert.include(
        (yield* attempt({ name: "x", categories: ["OTHER"], endpoint_url: "http://insecure.com" }))[1],
        "https"
      )
      const flat = yield* signed(emulator, "PUT", "/create-flow", { body: { name: "x", categories: ["OTHER"] } })
      assert.deepStrictEqual([flat.status, errorOf(flat)], [400, "data is required and must be an object"])
      assert.deepStrictEqual(yield* emulator.effects, [])
    }))

  it.scoped("updates metadata: name and categories in data, endpoint_url beside it or in it", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { id } = yield* createFlow(emulator, { name: "Before", categories: ["OTHER"] })
      const answer = yield* signed(emulator, "PATCH", "/flow-metadata", {
        body: {
          flowId: id,
          data: { name: "Test Flow ABC", categories: ["CONTACT_US"] },
          endpoint_url: "https://webhook.site/ff434d70-465c-4c79-90cc-333adfa858b5"
        }
      })
      assert.deepStrictEqual(answer.body, { ok: 1, success: true })
      const after = yield* detail(emulator, id)
      assert.strictEqual(at(after.body, "name"), "Test Flow ABC")
      assert.deepStrictEqual(at(after.body, "categories"), ["CONTACT_US"])
      assert.strictEqual(at(after.body, "endpoint_uri"), "https://webhook.site/ff434d70-465c-4c79-90cc-333adfa858b5")
      const inData = yield* signed(emulator, "PATCH", "/flow-metadata", {
        body: { flowId: id, data: { endpoint_url: "https://example.com/other" } }
      })
      assert.strictEqual(inData.status, 200)
      assert.strictEqual((yield* emulator.flows)[0]?.endpointUrl, "https://example.com/other")
      const nothing = yield* signed(emulator, "PATCH", "/flow-metadata", { body: { flowId: id, data: {} } })
      assert.strictEqual(nothing.status, 400)
      const badCategory = yield* signed(emulator, "PATCH", "/flow-metadata", {
        body: { flowId: id, data: { categories: ["NOPE"] } }
      })
      assert.strictEqual(badCategory.status, 400)
      const unknown = yield* signed(emulator, "PATCH", "/flow-metadata", { body: { flowId: "1", data: { name: "x" } } })
      assert.strictEqual(unknown.status, 404)
    }))

  it.effect("lists flows with cursors, and serves screen payloads and previews that renew after expiry", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const ids: Array<string> = []
      for (const name of ["One", "Two", "Three"]) {
        ids.push((yield* createFlow(emulator, { name, categories: ["OTHER"] })).id)
      }
      yield* signed(emulator, "PATCH", "/flow-json", {
        body: {
          flowId: ids[2],
          data: {
            version: "3.1",
            screens: [{
              id: "screen_with_data",
              title: "Feedback With Data",
              terminal: true,
              data: {
                would_recommend: { type: "string", __example__: "" },
                how_to_do_better: { type: "string", __example__: "" }
              },
              layout: { type: "SingleColumnLayout", children: [] }
            }]
          }
        }
      })
      const first = yield* signed(emulator, "GET", "/flow", { query: { limit: 2 } })
      const entries = at(first.body, "data") as ReadonlyArray<unknown>
      assert.deepStrictEqual(entries.map((entry) => at(entry, "value")), [ids[2], ids[1]])
      const newest = entries[0]
      assert.strictEqual(at(newest, "label"), "Three (DRAFT)")
      assert.strictEqual(at(newest, "status"), "draft")
      assert.strictEqual(at(newest, "triggerMatchingObject"), null)
      assert.strictEqual(at(newest, "assets", 0, "id"), "screen_with_data")
      assert.strictEqual(at(newest, "assets", 0, "label"), "Feedback With Data (screen_with_data)")
      assert.strictEqual(
        at(newest, "assets", 0, "data"),
        "{\n \"would_recommend\": \"\",\n \"how_to_do_better\": \"\"\n}"
      )
      assert.deepStrictEqual(
        [at(first.body, "paging", "hasNext"), at(first.body, "paging", "hasPrevious")],
        [true, false]
      )
      const second = yield* signed(emulator, "GET", "/flow", {
        query: { limit: 2, after: String(at(first.body, "paging", "cursors", "after")) }
      })
      assert.deepStrictEqual((at(second.body, "data") as ReadonlyArray<unknown>).map((entry) => at(entry, "value")), [
        ids[0]
      ])
      const back = yield* signed(emulator, "GET", "/flow", {
        query: { limit: 2, before: String(at(second.body, "paging", "cursors", "before")) }
      })
      assert.deepStrictEqual(back.body, first.body)
      assert.strictEqual((yield* signed(emulator, "GET", "/flow")).status, 400, "limit is required")

      const payload = yield* signed(emulator, "GET", "/flow-screen-payload", { query: { flowId: String(ids[2]) } })
      assert.strictEqual(at(payload.body, "payload", "id"), "screen_with_data")
      assert.strictEqual(at(payload.body, "payload", "label"), "Feedback With Data (screen_with_data)")
      assert.strictEqual(at(payload.body, "payload", "screens", 0, "id"), "screen_with_data")
      assert.isString(at(payload.body, "payload", "screens", 0, "preview", "preview_url"))

      const preview = yield* signed(emulator, "GET", "/flow-preview", { query: { flowId: String(ids[0]) } })
      const url = at(preview.body, "data", "preview_url")
      assert.deepStrictEqual(preview.body, {
        ok: 1,
        data: { preview_url: url, expires_at: "1970-01-31T00:00:00+0000" }
      })
      yield* TestClock.adjust("29 days")
      assert.strictEqual(
        at(
          (yield* signed(emulator, "GET", "/flow-preview", { query: { flowId: String(ids[0]) } })).body,
          "data",
          "preview_url"
        ),
        url
      )
      yield* TestClock.adjust("1 day")
      const renewed = yield* signed(emulator, "GET", "/flow-preview", { query: { flowId: String(ids[0]) } })
      assert.notStrictEqual(at(renewed.body, "data", "preview_url"), url)
      assert.strictEqual(at(renewed.body, "data", "expires_at"), "1970-03-02T00:00:00+0000")
      assert.strictEqual((yield* signed(emulator, "GET", "/flow-preview", { query: { flowId: "1" } })).status, 404)
      assert.strictEqual((yield* signed(emulator, "GET", "/flow-preview")).status, 400)
    }).pipe(Effect.scoped))
})
