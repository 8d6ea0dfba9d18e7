import { Clock, DateTime, Duration, Effect } from "effect"
import * as Media from "../../Media.js"
import { MediaHandle, TemplateAsset } from "../../MediaHandle.js"
import type { Check } from "../Conformance.js"
import { fail, nonHttpUrl } from "./harness.js"
import { numberCheck, numberOf } from "./profileChecks.js"
import { assert } from "./vitest.js"

const upload = numberCheck({
  name: "media.upload: answers a media id for the URL, expiring when the provider says",
  requires: ["media.upload"]
}, (number, harness) =>
  Effect.gen(function*() {
    const url = harness.fixture.media?.url ?? "https://example.com/media/picture.png"
    const before = yield* Clock.currentTimeMillis
    const handle = yield* Media.upload({ number, kind: "image", url })
    const after = yield* Clock.currentTimeMillis
    assert.instanceOf(handle, MediaHandle)
    assert.isAbove(handle.id.length, 0, "a media handle has an id")
    assert.strictEqual(handle.kind, "image", "MediaHandle.kind")
    assert.strictEqual(handle.source, url, "MediaHandle.source")
    const expiresAfter = harness.fixture.media?.expiresAfter
    if (expiresAfter !== undefined) {
      if (handle.expiresAt === undefined) {
        return yield* fail("MediaHandle.expiresAt must be set: the provider documents an expiry")
      }
      const lifetime = Duration.toMillis(Duration.decode(expiresAfter))
      const expiresAt = DateTime.toEpochMillis(handle.expiresAt)
      assert.isAtLeast(expiresAt, before + lifetime, "expiresAt is the documented lifetime after the upload")
      assert.isAtMost(expiresAt, after + lifetime, "expiresAt is the documented lifetime after the upload")
    } else if (handle.expiresAt !== undefined) {
      assert.isAbove(DateTime.toEpochMillis(handle.expiresAt), before, "expiresAt lies in the future")
    }
    const second = yield* Media.upload({ number, kind: "image", url })
    assert.notStrictEqual(second.id, handle.id, "each upload answers its own media id")
  }))

const invalidUrl = nonHttpUrl(
  "media.upload",
  "upload(picture.png)",
  (harness) => Effect.map(numberOf(harness), (number) => Media.upload({ number, kind: "image", url: "picture.png" }))
)

const templateAsset: Check = {
  name: "media.templateAsset: answers a handle for the file, of the kind asked for",
  requires: ["media.templateAsset"],
  run: (harness) =>
    Effect.gen(function*() {
      const fixture = harness.fixture.media?.templateAsset
      const kind = fixture?.kind ?? "image"
      const asset = yield* Media.uploadTemplateAsset({
        ...(harness.fixture.templates === undefined ? {} : { wabaId: harness.fixture.templates.wabaId }),
        kind,
        url: fixture?.url ?? "https://example.com/media/header.png"
      })
      assert.instanceOf(asset, TemplateAsset)
      assert.isAbove(asset.handle.length, 0, "a template asset has a handle")
      assert.strictEqual(asset.kind, kind, "TemplateAsset.kind")
      if (fixture?.mimeType !== undefined) {
        assert.strictEqual(asset.mimeType, fixture.mimeType, "TemplateAsset.mimeType")
      }
      if (fixture?.size !== undefined) assert.strictEqual(asset.size, fixture.size, "TemplateAsset.size")
    })
}

const templateAssetInvalidUrl = nonHttpUrl(
  "media.templateAsset",
  "uploadTemplateAsset(file:///etc/passwd)",
  () => Effect.succeed(Media.uploadTemplateAsset({ kind: "image", url: "file:///etc/passwd" }))
)

/** Checks of `Media`. */
export const mediaChecks: ReadonlyArray<Check> = [upload, invalidUrl, templateAsset, templateAssetInvalidUrl]
