/**
 * A number's other settings: message QR codes (with their images), commerce settings and
 * conversational automation.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, TestClock } from "effect"
import type { Json } from "./harness.js"
import { at, graphError, harness, text } from "./harness.js"

const codes = (body: Json) => ((at(body, "data") ?? []) as ReadonlyArray<Json>).map((item) => at(item, "code"))

describe("QR codes", () => {
  it.scoped("are created, updated, listed newest first with paging, read, and deleted", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const path = `/${h.emulator.credentials.phoneNumberId}/message_qrdls`
      const created = yield* h.call("POST", path, {
        json: { prefilled_message: "Spring sale", generate_qr_image: "PNG" }
      })
      const first = text(created.body, "code")
      assert.match(first, /^[A-Z2-7]{14}$/)
      assert.deepInclude(created.body, {
        prefilled_message: "Spring sale",
        deep_link_url: `https://wa.me/message/${first}`
      })
      const image = yield* h.fetchUrl(text(created.body, "qr_image_url"), { authorization: null })
      assert.strictEqual(image.headers.get("content-type"), "image/png")
      assert.deepStrictEqual(Array.from(image.bytes.slice(0, 8)), [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
      yield* TestClock.adjust("1 second")
      const second = text((yield* h.call("POST", path, { json: { prefilled_message: "Summer sale" } })).body, "code")
      const updated = yield* h.call("POST", path, { json: { code: first, prefilled_message: "Spring sale, extended" } })
      assert.deepStrictEqual(updated.body, {
        code: first,
        prefilled_message: "Spring sale, extended",
        deep_link_url: `https://wa.me/message/${first}`
      })
      const page = yield* h.call("GET", `${path}?limit=1`)
      assert.deepStrictEqual(codes(page.body), [second])
      const rest = yield* h.call("GET", `${path}?limit=1&after=${text(page.body, "paging", "cursors", "after")}`)
      assert.deepStrictEqual(codes(rest.body), [first])
      assert.deepStrictEqual(codes((yield* h.call("GET", `${path}?code=${first}`)).body), [first])
      const one = yield* h.call(
        "GET",
        `${path}/${first}?fields=code,prefilled_message,creation_time,qr_image_url.format(SVG)`
      )
      assert.deepInclude(at(one.body, "data", 0), {
        code: first,
        prefilled_message: "Spring sale, extended",
        creation_time: 0
      })
      const svg = yield* h.fetchUrl(text(one.body, "data", 0, "qr_image_url"), { authorization: null })
      assert.include(svg.text, "<svg")
      assert.include(svg.text, `https://wa.me/message/${first}`)
      assert.deepStrictEqual((yield* h.call("DELETE", `${path}/${first}`)).body, { success: true })
      assert.deepInclude(graphError(yield* h.call("GET", `${path}/${first}`)), { status: 404, code: 803 })
      assert.deepInclude(graphError(yield* h.call("DELETE", `${path}/${first}`)), { status: 404, code: 803 })
    }))

  it.scoped("refuse a long message, an unknown or malformed code, an unknown image format", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const path = `/${h.emulator.credentials.phoneNumberId}/message_qrdls`
      assert.deepInclude(graphError(yield* h.call("POST", path, { json: { prefilled_message: "x".repeat(141) } })), {
        status: 400,
        code: 100
      })
      assert.deepInclude(graphError(yield* h.call("POST", path, { json: {} })), { status: 400, code: 100 })
      assert.deepInclude(
        graphError(yield* h.call("POST", path, { json: { prefilled_message: "x", generate_qr_image: "GIF" } })),
        {
          status: 400
        }
      )
      assert.deepInclude(
        graphError(yield* h.call("POST", path, { json: { code: "AAAAAAAAAAAAAA", prefilled_message: "x" } })),
        {
          status: 404,
          code: 803
        }
      )
      assert.deepInclude(graphError(yield* h.call("GET", `${path}/short`)), { status: 400, code: 100 })
      assert.deepInclude(graphError(yield* h.call("GET", `${path}?fields=qr_image_url.format(GIF)`)), { status: 400 })
      assert.deepInclude(graphError(yield* h.call("GET", `${path}?limit=26`)), { status: 400 })
    }))
})

describe("commerce settings", () => {
  it.scoped("are read as data and set through the query", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const path = `/${h.emulator.credentials.phoneNumberId}/whatsapp_commerce_settings`
      const before = yield* h.call("GET", path)
      assert.deepInclude(at(before.body, "data", 0), { is_cart_enabled: true, is_catalog_visible: true })
      assert.deepStrictEqual((yield* h.call("POST", `${path}?is_catalog_visible=false`)).body, { success: true })
      assert.deepInclude(at((yield* h.call("GET", path)).body, "data", 0), {
        is_cart_enabled: true,
        is_catalog_visible: false
      })
      assert.deepInclude(graphError(yield* h.call("POST", path)), { status: 400, code: 100 })
      assert.deepInclude(graphError(yield* h.call("POST", `${path}?is_cart_enabled=yes`)), { status: 400, code: 100 })
    }))
})

describe("conversational automation", () => {
  it.scoped("takes up to 3 prompts of 80 characters and up to 30 unique commands on a verified number", () =>
    Effect.gen(function*() {
      const h = yield* harness({
        businesses: [{
          wabas: [{
            numbers: [{ phoneNumber: "16505550100" }, {
              id: "300000000000001",
              phoneNumber: "16505550101",
              state: "added"
            }]
          }]
        }]
      })
      const phone = h.emulator.credentials.phoneNumberId
      const set = (id: string, json: unknown) => h.call("POST", `/${id}/conversational_automation`, { json })
      const settings = {
        enable_welcome_message: true,
        prompts: ["What's on sale?", "Where are you?"],
        commands: [{ command_name: "help", command_description: "Get help" }]
      }
      assert.deepStrictEqual((yield* set(phone, settings)).body, { success: true })
      assert.deepStrictEqual(
        yield* h.emulator.conversationalAutomation(phone),
        Option.some({
          enableWelcomeMessage: true,
          prompts: ["What's on sale?", "Where are you?"],
          commands: [{ commandName: "help", commandDescription: "Get help" }]
        })
      )
      assert.deepInclude(graphError(yield* set(phone, { prompts: ["1", "2", "3", "4"] })), { status: 400, code: 100 })
      assert.deepInclude(graphError(yield* set(phone, { prompts: ["x".repeat(81)] })), { status: 400 })
      assert.deepInclude(
        graphError(yield* set(phone, { commands: [{ command_name: "/help", command_description: "x" }] })),
        {
          status: 400
        }
      )
      assert.deepInclude(
        graphError(
          yield* set(phone, {
            commands: [{ command_name: "help", command_description: "a" }, {
              command_name: "help",
              command_description: "b"
            }]
          })
        ),
        { status: 422, code: 100 }
      )
      assert.deepInclude(
        graphError(yield* set("300000000000001", settings)),
        { status: 422, code: 100 },
        "not verified"
      )
      assert.deepStrictEqual(yield* h.emulator.conversationalAutomation("300000000000001"), Option.none())
    }))
})
