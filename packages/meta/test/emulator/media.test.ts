/**
 * The business profile, media (upload, URL, download with the token, delete) and the resumable
 * upload whose handle sets a profile picture.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import type { Harness } from "./harness.js"
import { at, formOf, graphError, harness, resumableUpload, shopProfile, text } from "./harness.js"

const picture = "\u0089PNG picture"

const uploadFile = (h: Harness, content: string, type = "image/png") =>
  Effect.map(
    resumableUpload(h, { name: "logo.png", type, bytes: new TextEncoder().encode(content) }),
    (done) => text(done.body, "h")
  )

describe("business profile", () => {
  it.scoped("is read as { data: [{ business_profile }] } and written field by field", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const path = `/${h.emulator.credentials.phoneNumberId}/whatsapp_business_profile`
      const handle = yield* uploadFile(h, picture)
      const written = yield* h.call("POST", path, {
        json: { ...shopProfile, profile_picture_handle: handle }
      })
      assert.deepStrictEqual(written.body, { success: true })
      const read = yield* h.call("GET", path)
      const profile = at(read.body, "data", 0, "business_profile")
      assert.deepInclude(profile, shopProfile)
      const photo = yield* h.fetchUrl(text(profile, "profile_picture_url"), { authorization: null })
      assert.strictEqual(photo.status, 200)
      assert.strictEqual(photo.text, picture)
      yield* h.call("POST", path, { json: { messaging_product: "whatsapp", address: "", websites: [] } })
      const cleared = at(
        (yield* h.call("GET", `${path}?fields=address,websites,about`)).body,
        "data",
        0,
        "business_profile"
      )
      assert.deepStrictEqual(cleared, { messaging_product: "whatsapp", about: "Plants, delivered" })
    }))

  it.scoped("refuses what the document refuses", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const path = `/${h.emulator.credentials.phoneNumberId}/whatsapp_business_profile`
      const update = (json: unknown) => Effect.map(h.call("POST", path, { json }), graphError)
      assert.deepInclude(yield* update({ about: "no product" }), { status: 400, code: 100 })
      assert.deepInclude(yield* update({ messaging_product: "whatsapp", about: "" }), { status: 400, code: 100 })
      assert.deepInclude(yield* update({ messaging_product: "whatsapp", about: "a".repeat(140) }), { status: 400 })
      assert.deepInclude(yield* update({ messaging_product: "whatsapp", description: "d".repeat(257) }), {
        status: 400
      })
      assert.deepInclude(yield* update({ messaging_product: "whatsapp", email: "not-an-email" }), { status: 400 })
      assert.deepInclude(yield* update({ messaging_product: "whatsapp", vertical: "Retail" }), { status: 400 })
      assert.deepInclude(
        yield* update({ messaging_product: "whatsapp", websites: ["https://a.x", "https://b.x", "https://c.x"] }),
        {
          status: 400
        }
      )
      assert.deepInclude(yield* update({ messaging_product: "whatsapp", websites: ["ftp://a.x"] }), { status: 400 })
      assert.deepInclude(yield* update({ messaging_product: "whatsapp", profile_picture_handle: "4:bogus" }), {
        status: 422,
        code: 100
      })
      const pdf = yield* uploadFile(h, "%PDF-1.4", "application/pdf")
      assert.deepInclude(yield* update({ messaging_product: "whatsapp", profile_picture_handle: pdf }), { status: 422 })
      assert.deepInclude(yield* update({ messaging_product: "whatsapp", photo: "x" }), { status: 400, code: 100 })
      assert.deepStrictEqual(
        (yield* h.emulator.effects).filter((effect) => effect.operation === "updateProfile"),
        [],
        "nothing refused took effect"
      )
    }))
})

describe("media", () => {
  it.scoped("upload, URL valid 5 minutes with the token, delete", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const phone = h.emulator.credentials.phoneNumberId
      const uploaded = yield* h.call("POST", `/${phone}/media`, {
        form: formOf({
          messaging_product: "whatsapp",
          type: "image/jpeg",
          file: { bytes: "jpeg!", type: "image/jpeg", name: "a.jpg" }
        })
      })
      const id = text(uploaded.body, "id")
      const info = yield* h.call("GET", `/${id}?phone_number_id=${phone}`)
      assert.deepInclude(info.body, {
        messaging_product: "whatsapp",
        mime_type: "image/jpeg",
        file_size: "5",
        id,
        sha256: "b8c3a12e7e2adcad8c1fdfef422b4e2728a8cba68bd4e686862d80474674c161"
      })
      const url = text(info.body, "url")
      assert.strictEqual((yield* h.fetchUrl(url, { authorization: null })).status, 401)
      const download = yield* h.fetchUrl(url)
      assert.strictEqual(download.text, "jpeg!")
      assert.strictEqual(download.headers.get("content-type"), "image/jpeg")
      yield* TestClock.adjust("5 minutes")
      assert.strictEqual((yield* h.fetchUrl(url)).status, 404, "a media URL lasts 5 minutes")
      assert.deepInclude(graphError(yield* h.call("GET", `/${id}?phone_number_id=999`)), { status: 400, code: 100 })
      assert.deepStrictEqual((yield* h.call("DELETE", `/${id}`)).body, { success: true })
      assert.deepInclude(graphError(yield* h.call("GET", `/${id}`)), { status: 404, code: 803 })
      assert.deepStrictEqual(yield* h.emulator.media, [])
    }))

  it.scoped("refuses a body that is not multipart, a missing file or product, a type Meta does not take", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const path = `/${h.emulator.credentials.phoneNumberId}/media`
      const upload = (fields: Parameters<typeof formOf>[0]) =>
        Effect.map(h.call("POST", path, { form: formOf(fields) }), graphError)
      assert.deepInclude(
        graphError(yield* h.call("POST", path, { json: { messaging_product: "whatsapp", file: "@a.jpg" } })),
        {
          status: 400,
          code: 100
        }
      )
      assert.deepInclude(yield* upload({ file: { bytes: "x", type: "image/png", name: "a.png" } }), { status: 400 })
      assert.deepInclude(yield* upload({ messaging_product: "whatsapp" }), { status: 400 })
      assert.deepInclude(
        yield* upload({ messaging_product: "whatsapp", file: { bytes: "x", type: "image/gif", name: "a.gif" } }),
        {
          status: 400
        }
      )
      assert.deepStrictEqual(yield* h.emulator.media, [])
    }))

  it.scoped("a token without whatsapp_business_messaging cannot upload media", () =>
    Effect.gen(function*() {
      const h = yield* harness({ permissions: ["whatsapp_business_management"] })
      const answer = yield* h.call("POST", `/${h.emulator.credentials.phoneNumberId}/media`, {
        form: formOf({ messaging_product: "whatsapp", file: { bytes: "x", type: "image/png", name: "a.png" } })
      })
      assert.deepInclude(graphError(answer), { status: 403, code: 200, subcode: 1349176 })
    }))
})

describe("resumable upload", () => {
  it.scoped("opens a session, takes bytes at their offset, resumes, and answers the handle once whole", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const appId = h.emulator.credentials.appId
      const session = yield* h.call(
        "POST",
        `/${appId}/uploads?file_name=sample.pdf&file_length=10&file_type=application/pdf`
      )
      const id = text(session.body, "id")
      assert.match(id, /^upload:/)
      const part = yield* h.call("POST", `/${id}`, { raw: "%PDF-", headers: { file_offset: "0" } })
      assert.deepStrictEqual(part.body, { id, file_offset: 5 })
      assert.deepStrictEqual((yield* h.call("GET", `/${id}`)).body, { id, file_offset: 5 })
      assert.deepInclude(graphError(yield* h.call("POST", `/${id}`, { raw: "1.4..", headers: { file_offset: "0" } })), {
        status: 400,
        code: 100
      })
      assert.deepInclude(graphError(yield* h.call("POST", `/${id}`, { raw: "1.4.." })), { status: 400, code: 100 })
      assert.deepInclude(
        graphError(yield* h.call("POST", `/${id}`, { raw: "1.4.....", headers: { file_offset: "5" } })),
        {
          status: 400,
          code: 100
        }
      )
      const done = yield* h.call("POST", `/${id}`, { raw: "1.4..", headers: { file_offset: "5" } })
      const handle = text(done.body, "h")
      assert.deepStrictEqual((yield* h.call("POST", `/${id}`, { raw: "x", headers: { file_offset: "10" } })).body, {
        h: handle
      })
      const uploads = yield* h.emulator.uploads
      assert.deepStrictEqual(
        uploads.map((upload) => [upload.fileName, upload.fileType, new TextDecoder().decode(upload.bytes)]),
        [
          ["sample.pdf", "application/pdf", "%PDF-1.4.."]
        ]
      )
    }))

  it.scoped("refuses a session with a missing name, a bad length or a type it does not take, and another app", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const appId = h.emulator.credentials.appId
      const open = (query: string) => Effect.map(h.call("POST", `/${appId}/uploads?${query}`), graphError)
      assert.deepInclude(yield* open("file_length=3&file_type=image/png"), { status: 400, code: 100 })
      assert.deepInclude(yield* open("file_name=a.png&file_length=-3&file_type=image/png"), { status: 400 })
      assert.deepInclude(yield* open("file_name=a.png&file_length=104857601&file_type=image/png"), { status: 400 })
      assert.deepInclude(yield* open("file_name=a.gif&file_length=3&file_type=image/gif"), { status: 400 })
      assert.deepInclude(
        graphError(yield* h.call("POST", "/123456/uploads?file_name=a.png&file_length=3&file_type=image/png")),
        {
          status: 404,
          code: 803
        }
      )
      assert.deepInclude(
        graphError(
          yield* h.call(
            "POST",
            `/${h.emulator.credentials.wabaId}/uploads?file_name=a&file_length=3&file_type=image/png`
          )
        ),
        { status: 400, code: 100 },
        "a WABA has no uploads edge"
      )
    }))

  it.scoped("binary bytes (not UTF-8) are stored exactly as sent", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const sent = new Uint8Array([0x89, 0xff, 0xfe, 0x00])
      const answer = yield* resumableUpload(h, { name: "a.png", type: "image/png", bytes: sent })
      assert.strictEqual(answer.status, 200)
      const uploads = yield* h.emulator.uploads
      assert.deepStrictEqual(uploads.map((upload) => [upload.fileName, Array.from(upload.bytes)]), [[
        "a.png",
        Array.from(sent)
      ]])
    }))
})
