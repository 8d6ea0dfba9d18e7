import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import type { EmulatorHost } from "@wa-admin/core/testing"
import { Effect } from "effect"
import { adapter, appId, failure, files, graphAdapter, graphError, jpeg, pdf, phoneNumberId, png } from "./support.js"
import type { Graph } from "./support.js"

const stored = {
  messaging_product: "whatsapp",
  about: "Fresh bread daily",
  address: "1 Market Street",
  description: "A family bakery",
  email: "hello@bakery.example.com",
  profile_picture_url: "https://pps.whatsapp.net/v/photo.jpg",
  websites: ["https://bakery.example.com"],
  vertical: "RESTAURANT"
}

/** A Graph holding one profile: reads answer it (nested as the document shows), writes change it. */
const profileGraph = (target: Graph, options: { readonly flat?: boolean } = {}) => {
  let profile: Record<string, unknown> = { ...stored }
  target.answer((call: EmulatorHost.Call) => {
    if (call.path.endsWith("/uploads")) return { status: 200, body: { id: "upload:MTphdHRhY2htZW50?sig=ARZsig" } }
    if (call.path.startsWith("/v23.0/upload:")) return { status: 200, body: { h: "4::aW1hZ2UvcG5n:ARhandle" } }
    if (call.method === "POST") {
      const { profile_picture_handle: handle, ...fields } = call.body as Record<string, unknown>
      profile = {
        ...profile,
        ...fields,
        ...(handle === undefined ? {} : { profile_picture_url: `https://pps.whatsapp.net/v/${String(handle)}` })
      }
      return { status: 200, body: { success: true } }
    }
    return { status: 200, body: { data: [options.flat === true ? profile : { business_profile: profile }] } }
  })
}

describe("MetaBusinessProfile", () => {
  it.scoped("get reads the profile (nested under business_profile, or flat), the vertical as the canonical one", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      profileGraph(target)
      const profile = yield* BusinessProfile.get({ number: phoneNumberId }).pipe(Effect.provide(context))
      assert.deepStrictEqual(
        { ...profile },
        {
          about: "Fresh bread daily",
          address: "1 Market Street",
          description: "A family bakery",
          email: "hello@bakery.example.com",
          photoUrl: "https://pps.whatsapp.net/v/photo.jpg",
          websites: ["https://bakery.example.com"],
          vertical: "Restaurant"
        }
      )
      const request = (yield* target.requests)[0]
      assert.strictEqual(`${request?.method} ${request?.path}`, `GET /v23.0/${phoneNumberId}/whatsapp_business_profile`)
      assert.strictEqual(
        request?.query["fields"],
        "about,address,description,email,profile_picture_url,websites,vertical"
      )
      profileGraph(target, { flat: true })
      assert.strictEqual(
        (yield* BusinessProfile.get({ number: phoneNumberId }).pipe(Effect.provide(context))).about,
        "Fresh bread daily"
      )
    }))

  it.scoped("a vertical code the canonical set lacks, an empty text and an empty profile are read as absent", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      target.answer(() => ({
        status: 200,
        body: { data: [{ business_profile: { messaging_product: "whatsapp", vertical: "ALCOHOL", about: "" } }] }
      }))
      const profile = yield* BusinessProfile.get({ number: phoneNumberId }).pipe(Effect.provide(context))
      assert.isUndefined(profile.vertical)
      assert.isUndefined(profile.about)
      target.answer(() => ({ status: 200, body: { data: [] } }))
      assert.deepStrictEqual({
        ...(yield* BusinessProfile.get({ number: phoneNumberId }).pipe(Effect.provide(context)))
      }, {})
    }))

  it.scoped("update posts the fields given with messaging_product and the vertical as Meta's code, then answers the profile as read", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      profileGraph(target)
      const updated = yield* BusinessProfile.update({
        number: phoneNumberId,
        profile: {
          about: "New about",
          vertical: "ProfessionalServices",
          websites: ["https://a.example.com", "https://b.example.com"]
        }
      }).pipe(Effect.provide(context))
      const [post, read] = yield* target.requests
      assert.strictEqual(`${post?.method} ${post?.path}`, `POST /v23.0/${phoneNumberId}/whatsapp_business_profile`)
      assert.deepStrictEqual(post?.body, {
        messaging_product: "whatsapp",
        about: "New about",
        vertical: "PROF_SERVICES",
        websites: ["https://a.example.com", "https://b.example.com"]
      })
      assert.strictEqual(read?.method, "GET")
      assert.strictEqual(updated.about, "New about")
      assert.strictEqual(updated.vertical, "ProfessionalServices")
      assert.strictEqual(updated.address, "1 Market Street")
    }))

  it.scoped("Meta's limits are checked by validate and update alike, every broken field named, nothing sent", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      const profile = {
        about: "x".repeat(140),
        address: "a".repeat(257),
        description: "d".repeat(257),
        email: `${"e".repeat(120)}@example.com`,
        vertical: "NotABusiness" as const,
        websites: [`https://example.com/${"w".repeat(240)}`]
      }
      const calls: ReadonlyArray<Effect.Effect<unknown, AdminError.AdminError, BusinessProfile.BusinessProfile>> = [
        BusinessProfile.validate({ number: phoneNumberId, profile }),
        BusinessProfile.update({ number: phoneNumberId, profile })
      ]
      for (const call of calls) {
        const error = yield* failure(context, call, "InvalidInput")
        assert.strictEqual(error.source, "local")
        assert.deepStrictEqual(error.issues.map((issue) => issue.field).sort(), [
          "profile.about",
          "profile.address",
          "profile.description",
          "profile.email",
          "profile.vertical",
          "profile.websites.0"
        ])
      }
      const emptyAbout = yield* failure(
        context,
        BusinessProfile.validate({ number: phoneNumberId, profile: { about: "" } }),
        "InvalidInput"
      )
      assert.deepStrictEqual(emptyAbout.issues.map((issue) => issue.field), ["profile.about"])
      yield* BusinessProfile.validate({ number: phoneNumberId, profile: { about: "x".repeat(139), address: "" } }).pipe(
        Effect.provide(context)
      )
      assert.strictEqual((yield* target.requests).length, 0)
    }))

  it.scoped("setPhoto fetches the image, uploads it through the resumable upload and sets its handle", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      profileGraph(target)
      const served = yield* files({ "photo.png": { bytes: png, type: "application/octet-stream" } })
      const photo = yield* BusinessProfile.setPhoto({ number: phoneNumberId, url: served.url("photo.png") }).pipe(
        Effect.provide(context)
      )
      const [open, upload, post, read] = yield* target.requests
      assert.strictEqual(`${open?.method} ${open?.path}`, `POST /v23.0/${appId}/uploads`)
      assert.deepStrictEqual(
        [open?.query["file_name"], open?.query["file_length"], open?.query["file_type"]],
        ["profile.png", String(png.length), "image/png"]
      )
      assert.strictEqual(`${upload?.method} ${upload?.path}`, "POST /v23.0/upload:MTphdHRhY2htZW50")
      assert.strictEqual(upload?.query["sig"], "ARZsig")
      assert.strictEqual(upload?.headers["file_offset"], "0")
      assert.strictEqual(upload?.headers["content-type"], "application/octet-stream")
      assert.strictEqual(upload?.headers["content-length"], String(png.length))
      assert.deepStrictEqual(post?.body, {
        messaging_product: "whatsapp",
        profile_picture_handle: "4::aW1hZ2UvcG5n:ARhandle"
      })
      assert.strictEqual(read?.query["fields"], "profile_picture_url")
      assert.strictEqual(photo.url, "https://pps.whatsapp.net/v/4::aW1hZ2UvcG5n:ARhandle")
      const got = yield* BusinessProfile.getPhoto({ number: phoneNumberId }).pipe(Effect.provide(context))
      assert.strictEqual(got.url, photo.url)
    }))

  it.scoped("a photoUrl in an update is uploaded and sent with the other fields in one post", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      profileGraph(target)
      const served = yield* files({ "photo.jpg": { bytes: jpeg, type: "image/jpeg" } })
      yield* BusinessProfile.update({
        number: phoneNumberId,
        profile: { about: "With a photo", photoUrl: served.url("photo.jpg") }
      }).pipe(Effect.provide(context))
      const posts = (yield* target.requests).filter((request) =>
        request.path.endsWith("/whatsapp_business_profile") && request.method === "POST"
      )
      assert.deepStrictEqual(posts.map((request) => request.body), [
        { messaging_product: "whatsapp", about: "With a photo", profile_picture_handle: "4::aW1hZ2UvcG5n:ARhandle" }
      ])
    }))

  it.scoped("a photo that is not a JPEG or PNG, or too large, or without a configured app, is refused before anything reaches Meta", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      profileGraph(target)
      const big = new Uint8Array(5 * 1024 * 1024 + 1)
      big.set(png)
      const served = yield* files({
        "doc.pdf": { bytes: pdf, type: "image/png" },
        "big.png": { bytes: big, type: "image/png" }
      })
      const notImage = yield* failure(
        context,
        BusinessProfile.setPhoto({ number: phoneNumberId, url: served.url("doc.pdf") }),
        "InvalidInput"
      )
      assert.deepStrictEqual(notImage.issues.map((issue) => issue.field), ["url"])
      assert.include(notImage.issues[0]?.rule ?? "", "application/pdf")
      const tooBig = yield* failure(
        context,
        BusinessProfile.setPhoto({ number: phoneNumberId, url: served.url("big.png") }),
        "InvalidInput"
      )
      assert.deepStrictEqual(tooBig.issues.map((issue) => issue.field), ["url"])
      const missing = yield* failure(
        context,
        BusinessProfile.setPhoto({ number: phoneNumberId, url: served.url("none.png") }),
        "InvalidInput"
      )
      assert.deepStrictEqual(missing.issues.map((issue) => issue.field), ["url"])
      const withoutApp = yield* adapter(target, { appId: undefined })
      const noApp = yield* failure(
        withoutApp,
        BusinessProfile.validate({ number: phoneNumberId, profile: { photoUrl: served.url("photo.png") } }),
        "InvalidInput"
      )
      assert.deepStrictEqual(noApp.issues.map((issue) => issue.field), ["profile.photoUrl"])
      yield* failure(
        withoutApp,
        BusinessProfile.setPhoto({ number: phoneNumberId, url: served.url("photo.png") }),
        "InvalidInput"
      )
      assert.strictEqual((yield* target.requests).length, 0)
    }))

  it.scoped("an unknown number is NotFound; an upload session id that is not upload:<session> is an UnexpectedResponse", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      target.answer(() => ({ status: 404, body: graphError(803) }))
      yield* failure(context, BusinessProfile.get({ number: "999" }), "NotFound")
      const served = yield* files({ "photo.png": { bytes: png, type: "image/png" } })
      target.answer(() => ({ status: 200, body: { id: "upload:../../me?access_token=x" } }))
      yield* failure(
        context,
        BusinessProfile.setPhoto({ number: phoneNumberId, url: served.url("photo.png") }),
        "UnexpectedResponse"
      )
    }))
})
