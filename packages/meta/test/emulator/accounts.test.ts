/**
 * The accounts around the numbers: a business's owned and client WABAs, WABA details, webhook
 * subscriptions, assigned users, and the seeds the emulator starts from.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import type { Json } from "./harness.js"
import { at, graphError, harness, text } from "./harness.js"

const ids = (body: Json) => ((at(body, "data") ?? []) as ReadonlyArray<Json>).map((item) => at(item, "id"))

const account = {
  businesses: [
    {
      id: "100000000000000",
      name: "Lucky Shrub",
      users: [{ id: "2345678901234567", name: "Ana Admin" }, {
        id: "3456789012345678",
        name: "Bo Builder",
        userType: "SYSTEM_USER" as const
      }],
      wabas: [
        {
          id: "100000000000001",
          name: "Lucky Shrub Main",
          country: "US",
          currency: "USD",
          timezoneId: "1",
          namespace: "58e6d318_b627_4112_b9c7_2961197553ea",
          numbers: [{ id: "100000000000011", phoneNumber: "16505550100", verifiedName: "Lucky Shrub" }],
          subscribedApps: [{
            id: "9876543210987654",
            name: "Support Bot",
            overrideCallbackUri: "https://bot.example/hook"
          }],
          assignedUsers: [{ userId: "2345678901234567", tasks: ["MANAGE"] }]
        },
        { id: "100000000000002", name: "Lucky Shrub SMB", businessType: "SMB" as const }
      ],
      clientWabaIds: ["200000000000001"]
    },
    {
      id: "200000000000000",
      name: "Client Co",
      wabas: [{ id: "200000000000001", name: "Client WABA", currency: "EUR", numbers: [] }]
    }
  ]
}

describe("accounts", () => {
  it.scoped("start from the seeded businesses; the first is the token's", () =>
    Effect.gen(function*() {
      const h = yield* harness(account)
      const { businessId, phoneNumberId, wabaId } = h.emulator.credentials
      assert.deepStrictEqual([businessId, wabaId, phoneNumberId], [
        "100000000000000",
        "100000000000001",
        "100000000000011"
      ])
      assert.strictEqual(h.emulator.environment["META_BUSINESS_ID"], businessId)
    }))

  it.scoped("a business's owned WABAs filter by type and find, and page with first/after", () =>
    Effect.gen(function*() {
      const h = yield* harness(account)
      const path = "/100000000000000/owned_whatsapp_business_accounts"
      const all = yield* h.call("GET", path)
      assert.deepStrictEqual(at(all.body, "data", 0), {
        id: "100000000000001",
        name: "Lucky Shrub Main",
        message_template_namespace: "58e6d318_b627_4112_b9c7_2961197553ea",
        timezone_id: "1"
      })
      assert.deepStrictEqual(ids(all.body), ["100000000000001", "100000000000002"])
      assert.deepStrictEqual(ids((yield* h.call("GET", `${path}?business_type=SMB`)).body), ["100000000000002"])
      assert.deepStrictEqual(ids((yield* h.call("GET", `${path}?find=100000000000002`)).body), ["100000000000002"])
      const first = yield* h.call("GET", `${path}?first=1`)
      assert.deepStrictEqual(ids(first.body), ["100000000000001"])
      const rest = yield* h.call("GET", `${path}?first=1&after=${text(first.body, "paging", "cursors", "after")}`)
      assert.deepStrictEqual(ids(rest.body), ["100000000000002"])
      assert.deepInclude(graphError(yield* h.call("GET", `${path}?business_type=HUGE`)), { status: 400, code: 100 })
      assert.deepInclude(graphError(yield* h.call("GET", "/100000000000001/owned_whatsapp_business_accounts")), {
        status: 400,
        code: 100
      })
    }))

  it.scoped("a business's client WABAs are those shared with it, with the fields asked for", () =>
    Effect.gen(function*() {
      const h = yield* harness(account)
      const answer = yield* h.call(
        "GET",
        "/100000000000000/client_whatsapp_business_accounts?fields=id,name,currency,ownership_type,on_behalf_of_business_info"
      )
      assert.deepStrictEqual(answer.body && at(answer.body, "data"), [{
        id: "200000000000001",
        name: "Client WABA",
        currency: "EUR",
        ownership_type: "CLIENT_OWNED",
        on_behalf_of_business_info: { id: "200000000000000", name: "Client Co" }
      }])
      assert.deepStrictEqual(ids((yield* h.call("GET", "/200000000000000/client_whatsapp_business_accounts")).body), [])
    }))

  it.scoped("WABA details answer id and name by default and the fields asked for", () =>
    Effect.gen(function*() {
      const h = yield* harness(account)
      assert.deepStrictEqual((yield* h.call("GET", "/100000000000001")).body, {
        id: "100000000000001",
        name: "Lucky Shrub Main"
      })
      const detailed = yield* h.call(
        "GET",
        "/100000000000001?fields=timezone_id,message_template_namespace,account_review_status,country,ownership_type,currency"
      )
      assert.deepStrictEqual(detailed.body, {
        id: "100000000000001",
        name: "Lucky Shrub Main",
        timezone_id: "1",
        message_template_namespace: "58e6d318_b627_4112_b9c7_2961197553ea",
        account_review_status: "APPROVED",
        country: "US",
        ownership_type: "SELF_OWNED",
        currency: "USD"
      })
      assert.strictEqual(
        at((yield* h.call("GET", "/200000000000001?fields=ownership_type")).body, "ownership_type"),
        "CLIENT_OWNED"
      )
    }))

  it.scoped("webhook subscriptions: list, subscribe with an override callback and its verify token, unsubscribe", () =>
    Effect.gen(function*() {
      const h = yield* harness(account)
      const path = "/100000000000001/subscribed_apps"
      const { appId } = h.emulator.credentials
      assert.deepStrictEqual((yield* h.call("GET", path)).body, {
        data: [{
          whatsapp_business_api_data: {
            id: "9876543210987654",
            name: "Support Bot",
            link: "https://www.facebook.com/games/?app_id=9876543210987654"
          },
          override_callback_uri: "https://bot.example/hook"
        }]
      })
      assert.deepStrictEqual((yield* h.call("POST", path, { json: {} })).body, { success: true })
      const overridden = yield* h.call("POST", path, {
        json: { override_callback_uri: "https://luckyshrub.example/hook", verify_token: "s3cret" }
      })
      assert.strictEqual(at(overridden.body, "data", 0, "override_callback_uri"), "https://luckyshrub.example/hook")
      const listed = yield* h.call("GET", `${path}?fields=id`)
      assert.deepStrictEqual(at(listed.body, "data", 1), {
        whatsapp_business_api_data: { id: appId, name: "wa-admin emulator app" },
        override_callback_uri: "https://luckyshrub.example/hook"
      })
      assert.deepInclude(
        graphError(yield* h.call("POST", path, { json: { override_callback_uri: "https://x.example/hook" } })),
        {
          status: 400,
          code: 100
        }
      )
      assert.deepInclude(
        graphError(
          yield* h.call("POST", path, { json: { override_callback_uri: "http://x.example/hook", verify_token: "t" } })
        ),
        { status: 400, code: 100 },
        "HTTPS outside a local host"
      )
      assert.strictEqual(
        (yield* h.call("POST", path, {
          json: { override_callback_uri: "http://localhost:8080/hook", verify_token: "t" }
        })).status,
        200
      )
      assert.deepStrictEqual((yield* h.call("DELETE", path)).body, { success: true })
      const remaining = (yield* h.call("GET", `${path}?fields=id`)).body
      assert.deepStrictEqual(at(remaining, "data"), [{
        whatsapp_business_api_data: { id: "9876543210987654", name: "Support Bot" },
        override_callback_uri: "https://bot.example/hook"
      }])
      assert.deepInclude(graphError(yield* h.call("DELETE", path)), { status: 404, code: 803 })
    }))

  it.scoped("assigned users: list with the business, add with tasks, remove", () =>
    Effect.gen(function*() {
      const h = yield* harness(account)
      const path = "/100000000000001/assigned_users"
      const listed = yield* h.call("GET", `${path}?business=100000000000000&fields=id,name,user_type,business`)
      assert.deepStrictEqual(listed.body, {
        data: [{
          id: "2345678901234567",
          name: "Ana Admin",
          user_type: "BUSINESS_USER",
          business: { id: "100000000000000", name: "Lucky Shrub" }
        }],
        paging: at(listed.body, "paging") ?? null,
        summary: { total_count: 1 }
      })
      assert.deepInclude(graphError(yield* h.call("GET", path)), { status: 400, code: 100 })
      assert.deepInclude(graphError(yield* h.call("GET", `${path}?business=200000000000000`)), {
        status: 400,
        code: 100
      })
      const add = (user: string, tasks: string) => h.call("POST", path, { urlencoded: { user, tasks } })
      assert.deepStrictEqual((yield* add("3456789012345678", "[\"MANAGE_TEMPLATES\",\"VIEW_INSIGHTS\"]")).body, {
        success: true
      })
      assert.deepInclude(graphError(yield* add("3456789012345678", "[\"MANAGE\"]")), { status: 422, code: 100 })
      assert.deepInclude(graphError(yield* add("4567890123456789", "[\"MANAGE\"]")), { status: 400, code: 100 })
      assert.deepInclude(graphError(yield* add("2345678901234567", "[\"WIZARD\"]")), { status: 400, code: 100 })
      assert.deepInclude(graphError(yield* add("abc", "[\"MANAGE\"]")), { status: 400, code: 100 })
      const after = yield* h.call("GET", `${path}?business=100000000000000`)
      assert.deepStrictEqual(ids(after.body), ["2345678901234567", "3456789012345678"])
      assert.deepStrictEqual((yield* h.call("DELETE", path, { urlencoded: { user: "3456789012345678" } })).body, {
        success: true
      })
      assert.deepInclude(graphError(yield* h.call("DELETE", path, { urlencoded: { user: "3456789012345678" } })), {
        status: 404,
        code: 803
      })
      assert.deepStrictEqual((yield* h.call("DELETE", `${path}?user=2345678901234567`)).body, { success: true })
      assert.deepStrictEqual(
        (yield* h.emulator.effects).filter((effect) => effect.operation.endsWith("AssignedUser")).map((effect) =>
          effect.key
        ),
        ["100000000000001/3456789012345678", "100000000000001/3456789012345678", "100000000000001/2345678901234567"]
      )
    }))

  it.scoped("a seed that contradicts itself stops the emulator with a message", () =>
    Effect.gen(function*() {
      const defect = yield* Effect.exit(harness({ businesses: [{ id: "1", wabas: [{ id: "1" }] }] }))
      assert.isTrue(defect._tag === "Failure" && String(defect.cause).includes("used twice"))
      const unknownClient = yield* Effect.exit(harness({ businesses: [{ clientWabaIds: ["42"] }] }))
      assert.isTrue(unknownClient._tag === "Failure" && String(unknownClient.cause).includes("not a seeded WABA"))
    }))
})
