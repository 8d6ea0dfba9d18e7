import { assert, describe, it } from "@effect/vitest"
import { Media, MediaHandle } from "@wa-admin/core"
import { Effect } from "effect"
import { decodeJwt } from "jose"
import * as VonageMedia from "../src/VonageMedia.js"
import { expectFailure, harness } from "./support.js"
import { fileServer, problem, sample, templatesHarness, wabaId } from "./templateApi.js"

/** The emulator and the adapter over it. */
const emulated = Effect.map(harness({ emulator: { wabas: [wabaId] } }), (setup) => ({
  ...setup,
  run: <A, E>(effect: Effect.Effect<A, E, Media.Media>) => Effect.provide(effect, setup.context),
  sent: Effect.map(
    setup.emulator.requests,
    (requests) => requests.filter((request) => request.path.startsWith("/v2/whatsapp-manager"))
  )
}))

const files = {
  "/header.png": { bytes: sample("png", 3000), contentType: "image/png" },
  "/header.jpg": { bytes: sample("jpeg", 4000), contentType: "image/jpeg; charset=binary" },
  "/clip.mp4": { bytes: sample("mp4", 5000), contentType: "video/mp4" },
  "/unlabelled": { bytes: sample("png", 100), contentType: "application/octet-stream" },
  "/brochure.pdf": { bytes: sample("pdf", 100), contentType: "application/pdf" },
  "/huge.png": { bytes: sample("png", VonageMedia.maxAssetBytes.image + 1), contentType: "image/png" }
}

describe("VonageMedia", () => {
  it.scoped("uploadTemplateAsset: fetches the file without credentials, POSTs it to /media/uploads?file_type= and answers the handle", () =>
    Effect.gen(function*() {
      const { emulator, run, sent } = yield* emulated
      const server = yield* fileServer(files)
      const asset = yield* run(Media.uploadTemplateAsset({ wabaId, kind: "image", url: `${server.url}/header.png` }))
      const [uploaded] = yield* emulator.uploads
      assert.instanceOf(asset, MediaHandle.TemplateAsset)
      assert.deepStrictEqual({ ...asset }, {
        handle: uploaded?.handle ?? "",
        kind: "image",
        mimeType: "image/png",
        size: 3000
      })
      assert.deepStrictEqual([uploaded?.fileType, uploaded?.bytes], ["image/png", files["/header.png"].bytes])
      assert.lengthOf(server.requests, 1)
      assert.isUndefined(server.requests[0]?.["authorization"], "no credential goes to the caller's host")
      const [request] = yield* sent
      assert.deepStrictEqual([request?.method, request?.path, request?.query], [
        "POST",
        "/v2/whatsapp-manager/media/uploads",
        { file_type: "image/png" }
      ])
      assert.strictEqual(
        decodeJwt(request?.headers["authorization"]?.replace("Bearer ", "") ?? "")["application_id"],
        emulator.credentials.applicationId
      )
      assert.match(request?.headers["content-type"] ?? "", /^multipart\/form-data; boundary=/)
      assert.deepStrictEqual(
        request?.multipart?.map((part) => [part.name, part.fileName, part.contentType, part.bytes?.length]),
        [["file", "header.png", "image/png", 3000]]
      )
    }))

  it.scoped("the file type is told by the file's bytes, not by the server's Content-Type", () =>
    Effect.gen(function*() {
      const { emulator, run } = yield* emulated
      const server = yield* fileServer(files)
      const jpeg = yield* run(Media.uploadTemplateAsset({ kind: "image", url: `${server.url}/header.jpg` }))
      const unlabelled = yield* run(Media.uploadTemplateAsset({ kind: "image", url: `${server.url}/unlabelled` }))
      const video = yield* run(Media.uploadTemplateAsset({ kind: "video", url: `${server.url}/clip.mp4` }))
      assert.deepStrictEqual([jpeg.mimeType, unlabelled.mimeType, video.mimeType], [
        "image/jpeg",
        "image/png",
        "video/mp4"
      ])
      assert.deepStrictEqual(
        (yield* emulator.uploads).map((upload) => upload.fileType),
        ["image/jpeg", "image/png", "video/mp4"]
      )
    }))

  it.scoped("what Vonage's upload cannot take is refused on this side, naming the field; nothing reaches Vonage", () =>
    Effect.gen(function*() {
      const { run, sent } = yield* emulated
      const server = yield* fileServer(files)
      const cases = [
        [{ kind: "document", url: `${server.url}/brochure.pdf` }, "kind", 0],
        [{ kind: "image", url: `${server.url}/brochure.pdf` }, "url", 1],
        [{ kind: "video", url: `${server.url}/header.png` }, "url", 1],
        [{ kind: "image", url: `${server.url}/huge.png` }, "url", 1],
        [{ kind: "image", url: `${server.url}/missing.png` }, "url", 1]
      ] as const
      for (const [request, field, fetched] of cases) {
        const before = server.requests.length
        const invalid = yield* expectFailure(run(Media.uploadTemplateAsset(request)), "InvalidInput")
        assert.strictEqual(invalid.source, "local", request.url)
        assert.deepStrictEqual(invalid.issues.map((issue) => issue.field), [field], request.url)
        assert.strictEqual(server.requests.length - before, fetched, request.url)
      }
      assert.lengthOf(yield* sent, 0)
    }))

  it.scoped("Vonage's refusal of an upload keeps its problem; a media id for sending is Unsupported", () =>
    Effect.gen(function*() {
      const { api, run } = yield* templatesHarness()
      const server = yield* fileServer(files)
      api.answerNext(problem(400, "invalid-params", "Invalid params", "file_type is not supported"))
      const invalid = yield* expectFailure(
        run(Media.uploadTemplateAsset({ kind: "image", url: `${server.url}/header.png` })),
        "InvalidInput"
      )
      assert.deepStrictEqual([invalid.source, invalid.operation, invalid.problem?.detail], [
        "provider",
        "media.templateAsset",
        "file_type is not supported"
      ])
      const unsupported = yield* run(
        Effect.flip(Media.upload({ number: "x", kind: "image", url: `${server.url}/header.png` }))
      )
      assert.deepStrictEqual([unsupported._tag, unsupported.operation], ["Unsupported", "media.upload"])
    }))

  it("fileTypeOf knows JPEG, PNG and MP4 by their signatures, and nothing else", () => {
    assert.strictEqual(VonageMedia.fileTypeOf(sample("jpeg")), "image/jpeg")
    assert.strictEqual(VonageMedia.fileTypeOf(sample("png")), "image/png")
    assert.strictEqual(VonageMedia.fileTypeOf(sample("mp4")), "video/mp4")
    assert.isUndefined(VonageMedia.fileTypeOf(sample("pdf")))
    assert.isUndefined(VonageMedia.fileTypeOf(new Uint8Array([0x89, 0x50])), "a truncated signature")
    const quickTime = sample("mp4")
    quickTime.set(Array.from("qt  ", (c) => c.charCodeAt(0)), 8)
    assert.isUndefined(VonageMedia.fileTypeOf(quickTime), "a QuickTime movie is not an MP4")
  })
})
