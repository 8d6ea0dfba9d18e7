import { assert, describe, it } from "@effect/vitest"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Effect, TestClock } from "effect"
import { at, errorOf, read, signed, write } from "./fixtures.js"

const waba = {
  wabaId: "422126422872292",
  phoneNumberId: "123124123232",
  name: "My Business",
  phoneNumber: "85212345678"
}

describe("GET /waba-info", () => {
  it.scoped("answers by channel id or WABA id", () =>
    Effect.gen(function*() {
      const namespace = "2dwsa4_e24e_42f8_6b5a_110232ae4d5"
      const emulator = yield* WoztellEmulator.make({ wabas: [{ ...waba, namespace }] })
      const expected = {
        ok: 1,
        result: {
          waId: "85212345678",
          phoneNumberId: "123124123232",
          wabaId: "422126422872292",
          name: "My Business",
          phoneNumber: "85212345678",
          phoneNumberCC: "852",
          formattedPhoneNumber: "+852 1234 5678",
          namespace,
          embeddedSignup: true
        }
      }
      const byChannel = yield* read(emulator, "/waba-info", { channelId: emulator.credentials.channelId })
      assert.strictEqual(byChannel.status, 200)
      assert.deepStrictEqual(byChannel.body, expected)
      const byWaba = yield* read(emulator, "/waba-info", { wabaId: waba.wabaId })
      assert.deepStrictEqual(byWaba.body, expected)
    }))

  it.scoped("needs one of the ids and knows only its own", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const neither = yield* read(emulator, "/waba-info")
      assert.strictEqual(neither.status, 400)
      assert.strictEqual(errorOf(neither), "either channelId or wabaId is required")
      assert.strictEqual((yield* read(emulator, "/waba-info", { channelId: "nope" })).status, 404)
      assert.strictEqual((yield* read(emulator, "/waba-info", { wabaId: "999" })).status, 404)
    }))

  it.scoped("serves WABAs added later, with their calling code", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      yield* emulator.addWaba({ wabaId: "555", phoneNumberId: "556", phoneNumber: "14155550100" })
      const answer = yield* read(emulator, "/waba-info", { wabaId: "555" })
      assert.strictEqual(at(answer.body, "result", "phoneNumberCC"), "1")
      assert.strictEqual(at(answer.body, "result", "formattedPhoneNumber"), "+1 4155 5501 00")
      const duplicate = yield* Effect.either(emulator.addWaba({ wabaId: "555", phoneNumberId: "557" }))
      assert.isTrue(duplicate._tag === "Left")
    }))
})

describe("business profile", () => {
  const profile = {
    about: "This is the about text.",
    address: "Office",
    description: "Testing Text",
    email: "test999@woztell.com",
    profile_picture_url: "https://example.com/logo.png",
    websites: ["https://woztell.com/blog/", "https://woztell.com/pricing/"],
    vertical: "PROF_SERVICES",
    messaging_product: "whatsapp"
  }

  it.scoped("PATCH with the document's body, then GET shows it", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { phoneNumberId } = emulator.credentials
      const patched = yield* write(emulator, "PATCH", "/whatsapp-business-profile", { phoneNumberId, profile })
      assert.deepStrictEqual(patched.body, { ok: 1 })
      const got = yield* read(emulator, "/whatsapp-business-profile", { phoneNumberId })
      assert.deepStrictEqual(got.body, { ok: 1, data: profile })
      yield* write(emulator, "PATCH", "/whatsapp-business-profile", {
        phoneNumberId,
        profile: { messaging_product: "whatsapp", about: "Only this" }
      })
      const partial = yield* read(emulator, "/whatsapp-business-profile", { phoneNumberId })
      assert.deepStrictEqual(partial.body, { ok: 1, data: { ...profile, about: "Only this" } })
      assert.deepStrictEqual(yield* emulator.effects, [
        { operation: "updateProfile", key: phoneNumberId },
        { operation: "updateProfile", key: phoneNumberId }
      ])
    }))

  it.scoped("rejects what Meta rejects, naming the field", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { phoneNumberId } = emulator.credentials
      const attempt = (update: Record<string, unknown>) =>
        Effect.map(
          write(emulator, "PATCH", "/whatsapp-business-profile", { phoneNumberId, profile: update }),
          (answer) => [answer.status, errorOf(answer)] as const
        )
      const cases: ReadonlyArray<readonly [Record<string, unknown>, string]> = [
        [{ about: "no product" }, "profile.messaging_product"],
        [{ messaging_product: "sms" }, "profile.messaging_product"],
        [
          { messaging_product: "whatsapp", websites: ["https://a.com", "https://b.com", "https://c.com"] },
          "profile.websites"
        ],
        [{ messaging_product: "whatsapp", websites: ["woztell.com"] }, "profile.websites[0]"],
        [{ messaging_product: "whatsapp", vertical: "Professional Services" }, "profile.vertical"],
        [{ messaging_product: "whatsapp", email: "not-an-email" }, "profile.email"],
        [{ messaging_product: "whatsapp", about: "x".repeat(140) }, "profile.about"],
        [{ messaging_product: "whatsapp", description: "x".repeat(513) }, "profile.description"],
        [{ messaging_product: "whatsapp", website: ["https://woztell.com"] }, "profile.website"]
      ]
      for (const [update, field] of cases) {
        const [status, message] = yield* attempt(update)
        assert.strictEqual(status, 400, JSON.stringify(update))
        assert.include(message, field)
      }
      const noProfile = yield* write(emulator, "PATCH", "/whatsapp-business-profile", { phoneNumberId })
      assert.strictEqual(noProfile.status, 400)
      const unknownNumber = yield* write(emulator, "PATCH", "/whatsapp-business-profile", {
        phoneNumberId: "1",
        profile: { messaging_product: "whatsapp" }
      })
      assert.strictEqual(unknownNumber.status, 404)
      assert.deepStrictEqual(yield* emulator.effects, [])
      assert.strictEqual((yield* read(emulator, "/whatsapp-business-profile")).status, 400)
      assert.strictEqual((yield* read(emulator, "/whatsapp-business-profile", { phoneNumberId: "1" })).status, 404)
    }))
})

describe("GET /whatsapp-displayname-status", () => {
  it.scoped("answers the number's details", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make({ wabas: [waba] })
      const { accessToken } = emulator.credentials
      const answer = yield* signed(emulator, "GET", "/whatsapp-displayname-status", {
        query: { accessToken, phoneNumberId: waba.phoneNumberId }
      })
      assert.deepStrictEqual(answer.body, {
        ok: 1,
        data: {
          account_mode: "LIVE",
          verified_name: "My Business",
          code_verification_status: "VERIFIED",
          display_phone_number: "+852 1234 5678",
          quality_rating: "GREEN",
          is_official_business_account: false,
          messaging_limit_tier: "TIER_1K",
          id: waba.phoneNumberId
        }
      })
      const unknown = yield* signed(emulator, "GET", "/whatsapp-displayname-status", {
        query: { accessToken, phoneNumberId: "1" }
      })
      assert.strictEqual(unknown.status, 404)
    }))
})

describe("PUT /media-id", () => {
  it.effect("uploads by URL, answers the media id and remembers the 30-day expiry", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { phoneNumberId } = emulator.credentials
      const answer = yield* write(emulator, "PUT", "/media-id", {
        phoneNumberId,
        type: "image",
        url: "https://cdn.example.com/a.jpg"
      })
      assert.strictEqual(answer.status, 200)
      const mediaId = at(answer.body, "mediaId")
      assert.match(String(mediaId), /^\d{15}$/)
      assert.deepStrictEqual(answer.body, { ok: 1, mediaId, fileType: "image" })
      const [uploaded] = yield* emulator.media
      assert.strictEqual(uploaded?.mediaId, mediaId)
      assert.strictEqual(uploaded?.url, "https://cdn.example.com/a.jpg")
      assert.strictEqual(uploaded?.expired, false)
      yield* TestClock.adjust("29 days")
      assert.strictEqual((yield* emulator.media)[0]?.expired, false)
      yield* TestClock.adjust("1 day")
      assert.strictEqual((yield* emulator.media)[0]?.expired, true)
      assert.deepStrictEqual(yield* emulator.effects, [{ operation: "uploadMedia", key: String(mediaId) }])
    }).pipe(Effect.scoped))

  it.scoped("accepts the document's four types only, and http(s) links", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { phoneNumberId } = emulator.credentials
      for (const type of ["image", "audio", "video", "file"]) {
        const answer = yield* write(emulator, "PUT", "/media-id", { phoneNumberId, type, url: "https://x.com/f" })
        assert.strictEqual(at(answer.body, "fileType"), type)
      }
      const document = yield* write(emulator, "PUT", "/media-id", {
        phoneNumberId,
        type: "document",
        url: "https://x.com/f"
      })
      assert.strictEqual(document.status, 400)
      assert.include(errorOf(document), "type")
      const noUrl = yield* write(emulator, "PUT", "/media-id", { phoneNumberId, type: "image" })
      assert.strictEqual(errorOf(noUrl), "url is required")
      const ftp = yield* write(emulator, "PUT", "/media-id", { phoneNumberId, type: "image", url: "ftp://x.com/f" })
      assert.strictEqual(ftp.status, 400)
      const unknown = yield* write(emulator, "PUT", "/media-id", {
        phoneNumberId: "1",
        type: "image",
        url: "https://x.com/f"
      })
      assert.strictEqual(unknown.status, 404)
      assert.strictEqual((yield* emulator.media).length, 4)
    }))
})

describe("GET /conversation-analytics", () => {
  const day = 86_400
  const base = 1_672_531_200 // 2023-01-01T00:00:00Z

  it.scoped("aggregates recorded conversations by granularity, filter and dimension", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make({ wabas: [{ ...waba, phoneNumber: "14132521446" }] })
      yield* emulator.addConversations([
        { timestamp: base + 100, country: "HK", conversationType: "FREE_TIER", direction: "USER_INITIATED" },
        { timestamp: base + 200, country: "HK", conversationType: "FREE_TIER", direction: "USER_INITIATED" },
        {
          timestamp: base + 300,
          country: "US",
          conversationType: "REGULAR",
          direction: "BUSINESS_INITIATED",
          cost: 0.05
        },
        {
          timestamp: base + 2 * day,
          country: "HK",
          conversationType: "REGULAR",
          direction: "BUSINESS_INITIATED",
          cost: 0.1
        },
        { timestamp: base + 40 * day, country: "HK", conversationType: "FREE_TIER", direction: "USER_INITIATED" }
      ])
      const daily = yield* signed(emulator, "GET", "/conversation-analytics", {
        query: { from: base, to: base + 3 * day, granularity: "DAILY" }
      })
      assert.deepStrictEqual(daily.body, {
        ok: 1,
        conversationAnalytics: {
          data_points: [
            {
              start: base,
              end: base + day,
              conversation: 2,
              phone_number: "14132521446",
              country: "HK",
              conversation_type: "FREE_TIER",
              conversation_direction: "USER_INITIATED",
              cost: 0
            },
            {
              start: base,
              end: base + day,
              conversation: 1,
              phone_number: "14132521446",
              country: "US",
              conversation_type: "REGULAR",
              conversation_direction: "BUSINESS_INITIATED",
              cost: 0.05
            },
            {
              start: base + 2 * day,
              end: base + 3 * day,
              conversation: 1,
              phone_number: "14132521446",
              country: "HK",
              conversation_type: "REGULAR",
              conversation_direction: "BUSINESS_INITIATED",
              cost: 0.1
            }
          ]
        }
      })
      const monthly = yield* signed(emulator, "GET", "/conversation-analytics", {
        query: {
          from: base,
          to: base + 60 * day,
          granularity: "MONTHLY",
          dimensions: JSON.stringify(["country"]),
          metric_types: JSON.stringify(["CONVERSATION"]),
          conversation_directions: JSON.stringify(["user_initiated"])
        }
      })
      assert.deepStrictEqual(at(monthly.body, "conversationAnalytics", "data_points"), [
        { start: base, end: base + 31 * day, conversation: 2, country: "HK" },
        { start: base + 31 * day, end: base + 59 * day, conversation: 1, country: "HK" }
      ])
    }))

  it.scoped("requires from, to and a documented granularity", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const attempt = (query: Record<string, string | number>) =>
        Effect.map(
          signed(emulator, "GET", "/conversation-analytics", { query }),
          (answer) => [answer.status, errorOf(answer)]
        )
      assert.deepStrictEqual(yield* attempt({ to: base, granularity: "DAILY" }), [400, "from is required"])
      assert.deepStrictEqual(yield* attempt({ from: base, granularity: "DAILY" }), [400, "to is required"])
      assert.deepStrictEqual(yield* attempt({ from: base, to: base + day }), [400, "granularity is required"])
      assert.strictEqual((yield* attempt({ from: base, to: base + day, granularity: "WEEKLY" }))[0], 400)
      assert.strictEqual((yield* attempt({ from: base + day, to: base, granularity: "DAILY" }))[0], 400)
      assert.strictEqual((yield* attempt({ from: "2023-01-01", to: base, granularity: "DAILY" }))[0], 400)
      assert.strictEqual((yield* attempt({ from: base, to: base + day, granularity: "DAILY", numbers: "852" }))[0], 400)
      assert.deepStrictEqual(
        yield* attempt({ from: base, to: base + day, granularity: "HALF_HOUR", conversation_types: "[\"FREE_TIER\"]" }),
        [200, ""]
      )
    }))
})

describe("catalogs and products", () => {
  it.scoped("lists the channel's catalogs and pages through products with cursors", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const empty = yield* signed(emulator, "GET", "/catalogs")
      assert.deepStrictEqual(empty.body, { ok: 1, data: [], paging: { hasPrevious: false, hasNext: false } })
      const products = Array.from({ length: 30 }, (_, index) => ({
        name: `Product ${index}`,
        price: `HK$${index}.00`,
        retailerId: `sku${index}`,
        imageUrl: `https://img.example.com/${index}.jpg`
      }))
      const catalog = yield* emulator.addCatalog({ name: "test_products", products })
      const listed = yield* signed(emulator, "GET", "/catalogs")
      assert.deepStrictEqual(at(listed.body, "data"), [{ id: catalog.id, name: "test_products" }])

      const first = yield* signed(emulator, "GET", "/products", { query: { catalogId: catalog.id } })
      const firstData = at(first.body, "data") as ReadonlyArray<unknown>
      assert.strictEqual(firstData.length, 25)
      assert.deepStrictEqual(firstData[0], {
        name: "Product 0",
        price: "HK$0.00",
        image_url: "https://img.example.com/0.jpg",
        retailer_id: "sku0",
        id: catalog.productIds[0]
      })
      assert.strictEqual(at(first.body, "paging", "hasNext"), true)
      assert.strictEqual(at(first.body, "paging", "hasPrevious"), false)
      const second = yield* signed(emulator, "GET", "/products", {
        query: { catalogId: catalog.id, after: String(at(first.body, "paging", "cursors", "after")) }
      })
      assert.deepStrictEqual(
        (at(second.body, "data") as ReadonlyArray<unknown>).map((product) => at(product, "retailer_id")),
        ["sku25", "sku26", "sku27", "sku28", "sku29"]
      )
      assert.strictEqual(at(second.body, "paging", "hasNext"), false)
      assert.strictEqual(at(second.body, "paging", "hasPrevious"), true)
      const back = yield* signed(emulator, "GET", "/products", {
        query: { catalogId: catalog.id, limit: 2, before: String(at(second.body, "paging", "cursors", "before")) }
      })
      assert.deepStrictEqual(
        (at(back.body, "data") as ReadonlyArray<unknown>).map((product) => at(product, "retailer_id")),
        ["sku23", "sku24"]
      )
      assert.strictEqual((yield* signed(emulator, "GET", "/products")).status, 400)
      assert.strictEqual((yield* signed(emulator, "GET", "/products", { query: { catalogId: "1" } })).status, 404)
      assert.strictEqual(
        (yield* signed(emulator, "GET", "/products", { query: { catalogId: catalog.id, after: "garbage" } })).status,
        400
      )
    }))
})
