/**
 * Flows: create (and clone), list, metadata, the flow JSON asset and its validation errors,
 * publish, deprecate, delete, the preview URL, migration between WABAs; and the business
 * encryption public key.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, TestClock } from "effect"
import * as Crypto from "node:crypto"
import type { Harness, Json } from "./harness.js"
import { at, formOf, graphError, harness, text } from "./harness.js"

const flowJson = JSON.stringify({
  version: "5.0",
  screens: [{ id: "WELCOME", title: "Welcome", terminal: true, layout: { type: "SingleColumnLayout", children: [] } }]
})

const newFlow = (h: Harness, name = "appointment", wabaId = h.emulator.credentials.wabaId) =>
  Effect.map(
    h.call("POST", `/${wabaId}/flows`, {
      form: formOf({ name, categories: "[\"APPOINTMENT_BOOKING\"]", endpoint_uri: "https://luckyshrub.example/flow" })
    }),
    (answer) => text(answer.body, "id")
  )

const uploadJson = (h: Harness, id: string, json: string) =>
  h.call("POST", `/${id}/assets`, {
    form: formOf({
      asset_type: "FLOW_JSON",
      name: "flow.json",
      file: { bytes: json, type: "application/json", name: "flow.json" }
    })
  })

const statusOf = (h: Harness, id: string) =>
  Effect.map(h.call("GET", `/${id}?fields=status`), (answer) => at(answer.body, "status"))

describe("flows", () => {
  it.scoped("a draft takes a flow JSON, is published, deprecated; each step is irreversible", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const id = yield* newFlow(h)
      const flow = yield* h.call("GET", `/${id}`)
      assert.deepStrictEqual(flow.body, {
        id,
        name: "appointment",
        categories: ["APPOINTMENT_BOOKING"],
        status: "DRAFT",
        validation_errors: []
      })
      assert.deepInclude(
        graphError(yield* h.call("POST", `/${id}/publish`)),
        { status: 400, code: 100 },
        "no flow JSON yet"
      )
      assert.deepStrictEqual(at((yield* h.call("GET", `/${id}/assets`)).body, "data"), [])
      const broken = yield* uploadJson(h, id, "{\"version\": \"5.0\", \"screens\": [{}]}")
      assert.deepStrictEqual(at(broken.body, "success"), true)
      assert.deepStrictEqual(
        ((at(broken.body, "validation_errors") ?? []) as ReadonlyArray<Json>).map((error) => at(error, "error")),
        ["MISSING_REQUIRED_PROPERTY", "MISSING_REQUIRED_PROPERTY"]
      )
      assert.deepInclude(
        graphError(yield* h.call("POST", `/${id}/publish`)),
        { status: 400, code: 100 },
        "validation errors"
      )
      const fixed = yield* uploadJson(h, id, flowJson)
      assert.deepStrictEqual(fixed.body, { success: true, validation_errors: [] })
      const assets = yield* h.call("GET", `/${id}/assets`)
      assert.deepInclude(at(assets.body, "data", 0), { name: "flow.json", asset_type: "FLOW_JSON" })
      const download = yield* h.fetchUrl(text(assets.body, "data", 0, "download_url"), { authorization: null })
      assert.strictEqual(download.text, flowJson)
      assert.strictEqual(
        (yield* h.call("POST", `/${id}`, { form: formOf({ name: "appointment booking" }) })).status,
        200
      )
      assert.deepStrictEqual((yield* h.call("POST", `/${id}/publish`)).body, { success: true })
      assert.strictEqual(yield* statusOf(h, id), "PUBLISHED")
      assert.deepInclude(graphError(yield* h.call("POST", `/${id}`, { form: formOf({ name: "renamed" }) })), {
        status: 400
      })
      assert.deepInclude(graphError(yield* uploadJson(h, id, flowJson)), { status: 400 })
      assert.deepInclude(graphError(yield* h.call("DELETE", `/${id}`)), { status: 400 }, "only a draft is deleted")
      assert.deepInclude(graphError(yield* h.call("POST", `/${id}/publish`)), { status: 400 })
      assert.deepStrictEqual((yield* h.call("POST", `/${id}/deprecate`)).body, { success: true })
      assert.strictEqual(yield* statusOf(h, id), "DEPRECATED")
      assert.deepInclude(graphError(yield* h.call("POST", `/${id}/deprecate`)), { status: 400 })
      const stored = (yield* h.emulator.flows(h.emulator.credentials.wabaId))[0]
      assert.strictEqual(stored?.name, "appointment booking")
      assert.deepStrictEqual(stored?.json, Option.some(flowJson))
    }))

  it.scoped("a draft is deleted; a deprecated flow cannot be; a draft cannot be deprecated", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const id = yield* newFlow(h)
      assert.deepInclude(graphError(yield* h.call("POST", `/${id}/deprecate`)), { status: 400 })
      assert.deepStrictEqual((yield* h.call("DELETE", `/${id}`)).body, { success: true })
      assert.deepInclude(graphError(yield* h.call("GET", `/${id}`)), { status: 404, code: 803 })
    }))

  it.scoped("creation checks name and categories; a clone copies the JSON and endpoint", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const waba = h.emulator.credentials.wabaId
      const create = (fields: Record<string, string>) => h.call("POST", `/${waba}/flows`, { form: formOf(fields) })
      assert.deepInclude(graphError(yield* create({ categories: "[\"OTHER\"]" })), { status: 400, code: 100 })
      assert.deepInclude(graphError(yield* create({ name: "x" })), { status: 400, code: 100 })
      assert.deepInclude(graphError(yield* create({ name: "x", categories: "OTHER" })), { status: 400, code: 100 })
      assert.deepInclude(graphError(yield* create({ name: "x", categories: "[\"GAMES\"]" })), {
        status: 400,
        code: 100
      })
      assert.deepInclude(
        graphError(yield* create({ name: "x", categories: "[\"OTHER\"]", endpoint_uri: "not a url" })),
        {
          status: 400
        }
      )
      assert.deepInclude(
        graphError(yield* h.call("POST", `/${waba}/flows`, { json: { name: "x", categories: ["OTHER"] } })),
        { status: 400, code: 100 },
        "the document sends flows as multipart"
      )
      const original = yield* newFlow(h)
      yield* uploadJson(h, original, flowJson)
      const clone = yield* create({ name: "appointment v2", categories: "[\"OTHER\"]", clone_flow_id: original })
      const id = text(clone.body, "id")
      const read = yield* h.call("GET", `/${id}?fields=json_version,data_channel_uri,status`)
      assert.deepStrictEqual(read.body, {
        id,
        json_version: "5.0",
        data_channel_uri: "https://luckyshrub.example/flow",
        status: "DRAFT"
      })
      assert.deepInclude(graphError(yield* create({ name: "x", categories: "[\"OTHER\"]", clone_flow_id: "123" })), {
        status: 400
      })
      const listed = yield* h.call("GET", `/${waba}/flows?limit=1`)
      assert.deepStrictEqual(at(listed.body, "data", 0, "id"), original)
      const rest = yield* h.call("GET", `/${waba}/flows?after=${text(listed.body, "paging", "cursors", "after")}`)
      assert.deepStrictEqual(at(rest.body, "data", 0, "id"), id)
    }))

  it.scoped("the preview URL comes with fields=preview, lasts 30 days and renews with invalidate(true)", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const id = yield* newFlow(h)
      const first = yield* h.call("GET", `/${id}?fields=preview`)
      const url = text(first.body, "preview", "preview_url")
      assert.match(text(first.body, "preview", "expires_at"), /^1970-01-31T00:00:00\+0000$/)
      assert.strictEqual(
        text((yield* h.call("GET", `/${id}?fields=preview.invalidate(false)`)).body, "preview", "preview_url"),
        url
      )
      assert.notStrictEqual(
        text((yield* h.call("GET", `/${id}?fields=preview.invalidate(true)`)).body, "preview", "preview_url"),
        url
      )
      yield* TestClock.adjust("31 days")
      const later = yield* h.call("GET", `/${id}?fields=preview`)
      assert.match(text(later.body, "preview", "expires_at"), /^1970-03-03/)
      assert.deepInclude(graphError(yield* h.call("GET", `/${id}?fields=secret`)), { status: 400, code: 100 })
    }))

  it.scoped("flows migrate between WABAs by name; a name the source lacks fails with 4233041", () =>
    Effect.gen(function*() {
      const h = yield* harness({ businesses: [{ wabas: [{ id: "100000000000001" }, { id: "100000000000002" }] }] })
      const original = yield* newFlow(h, "appointment", "100000000000001")
      yield* uploadJson(h, original, flowJson)
      yield* newFlow(h, "survey", "100000000000001")
      const migrated = yield* h.call("POST", "/100000000000002/migrate_flows", {
        form: formOf({ source_waba_id: "100000000000001", source_flow_names: "[\"appointment\", \"leadgen\"]" })
      })
      assert.strictEqual(at(migrated.body, "migrated_flows", 0, "source_id"), original)
      assert.strictEqual(at(migrated.body, "migrated_flows", 0, "source_name"), "appointment")
      assert.deepStrictEqual(at(migrated.body, "failed_flows"), [{
        source_name: "leadgen",
        error_code: "4233041",
        error_message: "Flows Migration Error: Flow name not found in source WABA."
      }])
      const copies = yield* h.emulator.flows("100000000000002")
      assert.deepStrictEqual(copies.map((flow) => [flow.name, flow.status, Option.isSome(flow.json)]), [[
        "appointment",
        "DRAFT",
        true
      ]])
      const all = yield* h.call("POST", "/100000000000002/migrate_flows", {
        form: formOf({ source_waba_id: "100000000000001" })
      })
      assert.strictEqual((at(all.body, "migrated_flows") as ReadonlyArray<Json>).length, 2)
      assert.deepInclude(graphError(yield* h.call("POST", "/100000000000002/migrate_flows", { form: formOf({}) })), {
        status: 400
      })
      assert.deepInclude(
        graphError(yield* h.call("POST", "/100000000000002/migrate_flows", { form: formOf({ source_waba_id: "1" }) })),
        { status: 404, code: 803 }
      )
    }))
})

describe("business encryption key", () => {
  it.scoped("takes an RSA public key in PEM through a multipart form and reads it back as VALID", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const path = `/${h.emulator.credentials.phoneNumberId}/whatsapp_business_encryption`
      assert.deepStrictEqual((yield* h.call("GET", path)).body, { data: [] })
      const key = Crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({
        type: "spki",
        format: "pem"
      })
      assert.deepStrictEqual(
        (yield* h.call("POST", path, { form: formOf({ business_public_key: String(key) }) })).body,
        {
          success: true
        }
      )
      // A multipart form sends a field's line breaks as CRLF.
      const read = yield* h.call("GET", path)
      assert.strictEqual(text(read.body, "data", 0, "business_public_key").replace(/\r\n/g, "\n"), String(key))
      assert.strictEqual(at(read.body, "data", 0, "business_public_key_signature_status"), "VALID")
      const ec = Crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({
        type: "spki",
        format: "pem"
      })
      assert.deepInclude(
        graphError(yield* h.call("POST", path, { form: formOf({ business_public_key: String(ec) }) })),
        {
          status: 400,
          code: 100
        }
      )
      assert.deepInclude(graphError(yield* h.call("POST", path, { form: formOf({}) })), { status: 400, code: 100 })
      assert.deepInclude(graphError(yield* h.call("POST", path, { json: { business_public_key: String(key) } })), {
        status: 400
      })
    }))
})
