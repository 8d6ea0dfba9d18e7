/**
 * Phone numbers through the registration states: add, request a code (the outbox), verify,
 * register with the two-step PIN (and the 10-per-72-hours limit), read the fields, deregister,
 * change the PIN and the display name, and list a WABA's numbers.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, TestClock } from "effect"
import type { Harness } from "./harness.js"
import { at, graphError, harness, lastCode, text } from "./harness.js"

const addNumber = (h: Harness, digits = "447700900123", cc = "44") =>
  Effect.map(
    h.call("POST", `/${h.emulator.credentials.wabaId}/phone_numbers`, {
      json: { cc, phone_number: digits, verified_name: "Lucky Shrub UK" }
    }),
    (answer) => text(answer.body, "id")
  )

const verified = (h: Harness, id: string) =>
  Effect.gen(function*() {
    yield* h.call("POST", `/${id}/request_code`, { json: { code_method: "SMS", language: "en_US" } })
    const code = yield* lastCode(h, id)
    const answer = yield* h.call("POST", `/${id}/verify_code`, { json: { code } })
    assert.strictEqual(answer.status, 200)
  })

const register = (h: Harness, id: string, pin = "123456") =>
  h.call("POST", `/${id}/register`, { json: { messaging_product: "whatsapp", pin } })

const fields = (h: Harness, id: string) =>
  Effect.map(
    h.call(
      "GET",
      `/${id}?fields=status,code_verification_status,name_status,verified_name,platform_type,throughput,messaging_limit_tier`
    ),
    (answer) => answer.body
  )

describe("numbers", () => {
  it.scoped("go from added to verified to registered to deregistered", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const id = yield* addNumber(h)
      assert.deepStrictEqual(yield* fields(h, id), {
        id,
        status: "PENDING",
        code_verification_status: "UNVERIFIED",
        name_status: "PENDING_REVIEW",
        verified_name: "Lucky Shrub UK",
        platform_type: "NOT_APPLICABLE",
        throughput: { level: "STANDARD" },
        messaging_limit_tier: "TIER_250"
      })
      const requested = yield* h.call("POST", `/${id}/request_code`, {
        json: { code_method: "VOICE", language: "en_GB" }
      })
      assert.deepStrictEqual(requested.body, { success: true })
      const sent = (yield* h.emulator.outbox).at(-1)
      assert.strictEqual(sent?.phoneNumber, "+447700900123")
      assert.strictEqual(sent?.method, "VOICE")
      assert.strictEqual(sent?.language, "en_GB")
      assert.match(sent?.code ?? "", /^\d{6}$/)
      const verifiedAnswer = yield* h.call("POST", `/${id}/verify_code`, { json: { code: sent?.code } })
      assert.deepStrictEqual(verifiedAnswer.body, { success: true, id })
      const registered = yield* register(h, id)
      assert.deepStrictEqual(registered.body, { success: true })
      yield* TestClock.adjust("1 second")
      assert.deepStrictEqual(yield* fields(h, id), {
        id,
        status: "LINKED",
        code_verification_status: "VERIFIED",
        name_status: "APPROVED",
        verified_name: "Lucky Shrub UK",
        platform_type: "CLOUD_API",
        throughput: { level: "STANDARD" },
        messaging_limit_tier: "TIER_250"
      })
      const deregistered = yield* h.call("POST", `/${id}/deregister`)
      assert.deepStrictEqual(deregistered.body, { success: true })
      assert.strictEqual(at(yield* fields(h, id), "status"), "UNLINKED")
      const effects = (yield* h.emulator.effects).filter((effect) => effect.key === id).map((effect) =>
        effect.operation
      )
      assert.deepStrictEqual(effects, ["addPhoneNumber", "requestCode", "verifyCode", "register", "deregister"])
    }))

  it.scoped("refuses bad additions: format, cc, a number in use, a full WABA", () =>
    Effect.gen(function*() {
      const h = yield* harness({ maxNumbersPerWaba: 2 })
      const waba = h.emulator.credentials.wabaId
      const add = (json: unknown) => Effect.map(h.call("POST", `/${waba}/phone_numbers`, { json }), graphError)
      assert.deepInclude(yield* add({ cc: "44", phone_number: "+447700900123", verified_name: "Shop" }), {
        status: 400,
        code: 100
      })
      assert.deepInclude(yield* add({ cc: "1", phone_number: "447700900123", verified_name: "Shop" }), {
        status: 400,
        code: 100
      })
      assert.deepInclude(yield* add({ cc: "44", phone_number: "447700900123", verified_name: "S" }), {
        status: 400,
        code: 100
      })
      assert.deepInclude(yield* add({ cc: "44", phone_number: "447700900123" }), { status: 400, code: 100 })
      assert.deepInclude(yield* add({ cc: "44", phone_number: "447700900123", verifiedName: "Shop" }), {
        status: 400,
        code: 100
      })
      assert.deepInclude(yield* add({ phone_number: "16505550100", verified_name: "Shop" }), { status: 409, code: 100 })
      yield* addNumber(h)
      assert.deepInclude(yield* add({ phone_number: "447700900999", verified_name: "Shop" }), {
        status: 403,
        code: 200,
        subcode: 1349175
      })
      assert.deepInclude(
        graphError(
          yield* h.call("POST", "/123456789/phone_numbers", {
            json: { phone_number: "447700900999", verified_name: "Shop" }
          })
        ),
        { status: 404, code: 803 }
      )
      const numbers = (yield* h.emulator.numbers).map((number) => number.phoneNumber)
      assert.deepStrictEqual(numbers.sort(), ["+16505550100", "+447700900123"])
    }))

  it.scoped("verification: a wrong, expired or spent code fails; too many wrong codes block until a new code", () =>
    Effect.gen(function*() {
      const h = yield* harness({ maxVerifyAttempts: 3 })
      const id = yield* addNumber(h)
      const verify = (code: string) => Effect.map(h.call("POST", `/${id}/verify_code`, { json: { code } }), graphError)
      assert.deepInclude(yield* verify("123456"), { status: 422, code: 100 })
      assert.deepInclude(yield* verify("12345"), { status: 400, code: 100 })
      assert.deepInclude(
        graphError(yield* h.call("POST", `/${id}/request_code`, { json: { code_method: "EMAIL", language: "en_US" } })),
        { status: 400, code: 100 }
      )
      assert.deepInclude(
        graphError(yield* h.call("POST", `/${id}/request_code`, { json: { code_method: "SMS", language: "english" } })),
        { status: 400, code: 100 }
      )
      yield* h.call("POST", `/${id}/request_code`, { json: { code_method: "SMS", language: "en_US" } })
      const code = yield* lastCode(h, id)
      yield* TestClock.adjust("11 minutes")
      assert.deepInclude(yield* verify(code), { status: 422, code: 100 }, "an expired code")
      yield* h.call("POST", `/${id}/request_code`, { json: { code_method: "SMS", language: "en_US" } })
      const fresh = yield* lastCode(h, id)
      const wrongFresh = fresh === "000000" ? "111111" : "000000"
      for (let attempt = 0; attempt < 3; attempt++) assert.deepInclude(yield* verify(wrongFresh), { status: 422 })
      assert.deepInclude(
        yield* verify(fresh),
        { status: 429, code: 4, subcode: 2446079 },
        "blocked after 3 wrong codes"
      )
      yield* h.call("POST", `/${id}/request_code`, { json: { code_method: "SMS", language: "en_US" } })
      const last = yield* lastCode(h, id)
      assert.strictEqual((yield* h.call("POST", `/${id}/verify_code`, { json: { code: last } })).status, 200)
      assert.deepInclude(yield* verify(last), { status: 422 }, "a code is single-use")
      assert.deepInclude(
        graphError(yield* h.call("POST", `/${id}/request_code`, { json: { code_method: "SMS", language: "en_US" } })),
        { status: 422, code: 100 },
        "a verified number is not eligible for a new code"
      )
    }))

  it.scoped("registration: PIN format, verification first, once while registered", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const id = yield* addNumber(h)
      assert.deepInclude(graphError(yield* register(h, id)), { status: 422, code: 100 }, "not verified")
      yield* verified(h, id)
      assert.deepInclude(graphError(yield* register(h, id, "12345")), { status: 400, code: 100 })
      assert.deepInclude(
        graphError(yield* h.call("POST", `/${id}/register`, { json: { pin: "123456" } })),
        { status: 400, code: 100 },
        "messaging_product is required"
      )
      assert.strictEqual((yield* register(h, id)).status, 200)
      assert.deepInclude(graphError(yield* register(h, id)), { status: 422, code: 100 }, "already registered")
      const state = (yield* h.emulator.numbers).find((number) => number.id === id)
      assert.deepStrictEqual(state?.pin, Option.some("123456"))
      assert.strictEqual(state?.registerCalls, 3, "well-formed calls count, malformed ones do not")
    }))

  it.scoped("the 11th register call in 72 hours fails with 133016 and locks registration for 72 hours", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const id = yield* addNumber(h)
      yield* verified(h, id)
      for (let call = 0; call < 5; call++) {
        assert.strictEqual((yield* register(h, id)).status, 200)
        assert.strictEqual((yield* h.call("POST", `/${id}/deregister`)).status, 200)
        yield* TestClock.adjust("1 hour")
      }
      for (let call = 0; call < 5; call++) assert.strictEqual((yield* register(h, id, "1234")).status, 400)
      for (let call = 0; call < 5; call++) {
        assert.strictEqual((yield* register(h, id)).status, call === 0 ? 200 : 422)
      }
      yield* TestClock.adjust("1 hour")
      const limited = yield* register(h, id)
      assert.deepInclude(graphError(limited), { status: 429, code: 133016 })
      const locked = (yield* h.emulator.numbers).find((number) => number.id === id)?.registerLockedUntil
      assert.isTrue(locked !== undefined && Option.isSome(locked))
      // The first calls leave the moving window after 72 hours, but the lock holds 72 hours from the 11th.
      yield* TestClock.adjust("71 hours")
      assert.deepInclude(graphError(yield* register(h, id)), { status: 429, code: 133016 })
      yield* TestClock.adjust("1 hour")
      assert.strictEqual((yield* h.call("POST", `/${id}/deregister`)).status, 200)
      assert.strictEqual((yield* register(h, id)).status, 200)
    }))

  it.scoped("deregistering a number that is not registered is the document's subcode 2207051", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const id = yield* addNumber(h)
      assert.deepInclude(graphError(yield* h.call("POST", `/${id}/deregister`)), {
        status: 400,
        code: 100,
        subcode: 2207051
      })
    }))

  it.scoped("GET /{Phone-Number-ID} answers the default fields, the ones asked for, and refuses others", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const id = h.emulator.credentials.phoneNumberId
      const plain = yield* h.call("GET", `/${id}`)
      assert.deepStrictEqual(Object.keys(plain.body ?? {}).sort(), [
        "display_phone_number",
        "id",
        "quality_rating",
        "verified_name"
      ])
      assert.strictEqual(at(plain.body, "display_phone_number"), "+1 650-555-0100")
      const asked = yield* h.call("GET", `/${id}?fields=name_status`)
      assert.deepStrictEqual(asked.body, { id, name_status: "APPROVED" })
      assert.deepInclude(graphError(yield* h.call("GET", `/${id}?fields=secret_pin`)), { status: 400, code: 100 })
    }))

  it.scoped("the two-step PIN changes on a registered number only; a new display name is reviewed on the Clock", () =>
    Effect.gen(function*() {
      const h = yield* harness({ reviewDuration: "10 minutes" })
      const id = h.emulator.credentials.phoneNumberId
      assert.strictEqual((yield* h.call("POST", `/${id}`, { json: { pin: "654321" } })).status, 200)
      assert.deepStrictEqual((yield* h.emulator.numbers).find((number) => number.id === id)?.pin, Option.some("654321"))
      assert.deepInclude(graphError(yield* h.call("POST", `/${id}`, { json: { pin: "65432a" } })), {
        status: 400,
        code: 100
      })
      assert.deepInclude(graphError(yield* h.call("POST", `/${id}`, { json: {} })), { status: 400, code: 100 })
      assert.deepInclude(graphError(yield* h.call("POST", `/${id}`, { json: { webhook_url: "https://x.example" } })), {
        status: 400,
        code: 100
      })
      const pending = yield* addNumber(h)
      assert.deepInclude(graphError(yield* h.call("POST", `/${pending}`, { json: { pin: "654321" } })), {
        status: 422,
        code: 100
      })
      assert.strictEqual(
        (yield* h.call("POST", `/${id}`, { json: { new_display_name: "Lucky Shrub Plants" } })).status,
        200
      )
      assert.deepStrictEqual(
        (yield* h.call("GET", `/${id}?fields=name_status,verified_name`)).body,
        { id, name_status: "PENDING_REVIEW", verified_name: "Emulated Business" }
      )
      yield* TestClock.adjust("10 minutes")
      assert.deepStrictEqual(
        (yield* h.call("GET", `/${id}?fields=name_status,verified_name`)).body,
        { id, name_status: "APPROVED", verified_name: "Lucky Shrub Plants" }
      )
    }))

  it.scoped("a WABA's numbers page by cursor and filter and sort as the document says", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const waba = h.emulator.credentials.wabaId
      const second = yield* addNumber(h, "447700900123")
      yield* TestClock.adjust("1 second")
      const third = yield* addNumber(h, "447700900124")
      const first = yield* h.call("GET", `/${waba}/phone_numbers?limit=2`)
      assert.deepStrictEqual(
        (at(first.body, "data") as ReadonlyArray<unknown>).map((item) => at(item as never, "id")),
        [h.emulator.credentials.phoneNumberId, second]
      )
      const next = text(first.body, "paging", "next")
      assert.isTrue(next.startsWith(`${h.emulator.graphUrl}/v23.0/${waba}/phone_numbers?`))
      const after = text(first.body, "paging", "cursors", "after")
      const rest = yield* h.call("GET", `/${waba}/phone_numbers?limit=2&after=${after}`)
      assert.deepStrictEqual(at(rest.body, "data", 0, "id"), third)
      assert.isUndefined(at(rest.body, "paging", "next"))
      const sorted = yield* h.call("GET", `/${waba}/phone_numbers?sort=creation_time.desc&fields=id`)
      assert.strictEqual(at(sorted.body, "data", 0, "id"), third)
      const filtered = yield* h.call(
        "GET",
        `/${waba}/phone_numbers?filtering=${
          encodeURIComponent(JSON.stringify([{ field: "messaging_limit_tier", operator: "EQUAL", value: "TIER_1K" }]))
        }`
      )
      assert.deepStrictEqual(at(filtered.body, "data"), [])
      assert.deepInclude(graphError(yield* h.call("GET", `/${waba}/phone_numbers?limit=101`)), {
        status: 400,
        code: 100
      })
      assert.deepInclude(graphError(yield* h.call("GET", `/${waba}/phone_numbers?after=bm9wZQ`)), {
        status: 400,
        code: 100
      })
      assert.deepInclude(graphError(yield* h.call("GET", `/${waba}/phone_numbers?sort=name.asc`)), {
        status: 400,
        code: 100
      })
    }))
})
