import { assert, describe, it } from "@effect/vitest"
import { Media } from "@wa-admin/core"
import { DateTime, Duration, Effect, TestClock } from "effect"
import { MetaMedia } from "../src/index.js"
import {
  appId,
  failure,
  files,
  graphAdapter,
  graphError,
  mp4,
  pdf,
  phoneNumberId,
  png,
  refusedLocally
} from "./support.js"

describe("MetaMedia", () => {
  it.scoped("upload fetches the file and posts it multipart with messaging_product and its type; the id lives 30 days", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      let next = 1000
      target.answer(() => ({ status: 200, body: { id: String(next++) } }))
      const served = yield* files({ "offer.png": { bytes: png, type: "image/png" } })
      yield* TestClock.adjust("1 hour")
      const handle = yield* Media.upload({ number: phoneNumberId, kind: "image", url: served.url("offer.png") }).pipe(
        Effect.provide(context)
      )
      const [request] = yield* target.requests
      assert.strictEqual(`${request?.method} ${request?.path}`, `POST /v23.0/${phoneNumberId}/media`)
      assert.match(request?.headers["content-type"] ?? "", /^multipart\/form-data; boundary=/)
      const parts = request?.multipart ?? []
      assert.deepStrictEqual(parts.map((part) => part.name), ["messaging_product", "type", "file"])
      assert.strictEqual(parts[0]?.value, "whatsapp")
      assert.strictEqual(parts[1]?.value, "image/png")
      assert.strictEqual(parts[2]?.contentType, "image/png")
      assert.deepStrictEqual([...(parts[2]?.bytes ?? [])], [...png])
      assert.strictEqual(handle.id, "1000")
      assert.strictEqual(handle.kind, "image")
      assert.strictEqual(handle.source, served.url("offer.png"))
      assert.deepStrictEqual(
        handle.expiresAt,
        DateTime.unsafeMake(Duration.toMillis(Duration.sum(Duration.hours(1), Duration.days(30))))
      )
      const again = yield* Media.upload({ number: phoneNumberId, kind: "image", url: served.url("offer.png") }).pipe(
        Effect.provide(context)
      )
      assert.strictEqual(again.id, "1001")
    }))

  it.scoped("a file whose content is not of the kind, or larger than WhatsApp takes, is refused on url, nothing sent", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      const sticker = new Uint8Array(500 * 1024 + 1)
      sticker.set(new TextEncoder().encode("RIFF\u0000\u0000\u0000\u0000WEBP"))
      const served = yield* files({
        "doc.pdf": { bytes: pdf, type: "image/png" },
        "big.webp": { bytes: sticker, type: "image/webp" },
        "clip.mp4": { bytes: mp4, type: "video/mp4" }
      })
      for (const [kind, name] of [["image", "doc.pdf"], ["sticker", "big.webp"], ["audio", "clip.mp4"]] as const) {
        const error = yield* failure(
          context,
          Media.upload({ number: phoneNumberId, kind, url: served.url(name) }),
          "InvalidInput"
        )
        assert.deepStrictEqual(error.issues.map((issue) => issue.field), ["url"], `${kind} from ${name}`)
        assert.strictEqual(error.operation, "media.upload")
      }
      assert.strictEqual((yield* target.requests).length, 0)
    }))

  it.scoped("uploadTemplateAsset sends the file through the resumable upload and answers its handle", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      target.answer((call) =>
        call.path.endsWith("/uploads")
          ? { status: 200, body: { id: "upload:c2Vzc2lvbg==" } }
          : { status: 200, body: { h: "4::dmlkZW8vbXA0:handle" } }
      )
      const served = yield* files({ "clip.mp4": { bytes: mp4, type: "application/octet-stream" } })
      const asset = yield* Media.uploadTemplateAsset({ kind: "video", url: served.url("clip.mp4") }).pipe(
        Effect.provide(context)
      )
      const [open, upload] = yield* target.requests
      assert.strictEqual(open?.path, `/v23.0/${appId}/uploads`)
      assert.deepStrictEqual(open?.query["file_type"], "video/mp4")
      assert.deepStrictEqual(open?.query["file_name"], "video.mp4")
      assert.strictEqual(upload?.path, "/v23.0/upload:c2Vzc2lvbg%3D%3D")
      assert.strictEqual(upload?.headers["file_offset"], "0")
      assert.strictEqual(upload?.headers["authorization"]?.startsWith("Bearer "), true)
      assert.deepStrictEqual({ ...asset }, {
        handle: "4::dmlkZW8vbXA0:handle",
        kind: "video",
        mimeType: "video/mp4",
        size: mp4.length
      })
    }))

  it.scoped("a document header takes a PDF; an image header does not", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      target.answer((call) => (call.path.endsWith("/uploads")
        ? { status: 200, body: { id: "upload:abc" } }
        : { status: 200, body: { h: "4::h" } })
      )
      const served = yield* files({ "receipt.pdf": { bytes: pdf, type: "application/pdf" } })
      const asset = yield* Media.uploadTemplateAsset({ kind: "document", url: served.url("receipt.pdf") }).pipe(
        Effect.provide(context)
      )
      assert.strictEqual(asset.mimeType, "application/pdf")
      yield* target.clearRequests
      yield* failure(
        context,
        Media.uploadTemplateAsset({ kind: "image", url: served.url("receipt.pdf") }),
        "InvalidInput"
      )
      assert.strictEqual((yield* target.requests).length, 0)
    }))

  it.scoped("MetaMedia.get reads the media's URL, type, size (text or number) and hash; delete deletes it", () =>
    Effect.gen(function*() {
      const { context, target } = yield* graphAdapter
      target.answer((call) =>
        call.method === "DELETE"
          ? { status: 200, body: { success: true } }
          : {
            status: 200,
            body: {
              id: "2621233374848975",
              url: "https://lookaside.fbsbx.com/x",
              mime_type: "image/jpeg",
              sha256: "abc",
              file_size: "303833",
              messaging_product: "whatsapp"
            }
          }
      )
      const info = yield* MetaMedia.get({ mediaId: "2621233374848975", phoneNumberId }).pipe(Effect.provide(context))
      assert.deepStrictEqual(
        { ...info },
        {
          id: "2621233374848975",
          url: "https://lookaside.fbsbx.com/x",
          mimeType: "image/jpeg",
          sha256: "abc",
          fileSize: 303833
        }
      )
      yield* MetaMedia.remove({ mediaId: "2621233374848975" }).pipe(Effect.provide(context))
      const [get, remove] = yield* target.requests
      assert.strictEqual(`${get?.method} ${get?.path}`, "GET /v23.0/2621233374848975")
      assert.strictEqual(get?.query["phone_number_id"], phoneNumberId)
      assert.strictEqual(`${remove?.method} ${remove?.path}`, "DELETE /v23.0/2621233374848975")
      assert.isUndefined(remove?.query["phone_number_id"])
      target.answer(() => ({ status: 404, body: graphError(803) }))
      const missing = yield* failure(context, MetaMedia.get({ mediaId: "1" }), "NotFound")
      assert.strictEqual(missing.resource, "media")
      yield* target.clearRequests
      yield* refusedLocally(target, context, MetaMedia.remove({ mediaId: "../1" }), ["mediaId"])
    }))
})
