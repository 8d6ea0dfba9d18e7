/**
 * What `wa-admin media upload` does once its flags are parsed (loaded when it runs).
 *
 * @since 0.1.0
 */
import { Media, MediaHandle } from "@wa-admin/core"
import { Effect, Option } from "effect"
import type * as MediaCommand from "../commands/Media.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"
import * as SessionModule from "../Session.js"
import { onNumber } from "./internal.js"

/**
 * `wa-admin media upload`
 *
 * @since 0.1.0
 * @category programs
 */
export const upload = onNumber(
  "media.upload",
  Media.UploadRequest,
  Media.upload,
  MediaHandle.MediaHandle,
  Render.media,
  (config: MediaCommand.Flags["upload"]) => ({ kind: config.kind, url: config.url })
)

/**
 * `wa-admin media asset`
 *
 * @since 0.2.0
 * @category programs
 */
export const asset = SessionModule.program((session, config: MediaCommand.Flags["asset"]) =>
  Effect.gen(function*() {
    const operation = "media.templateAsset"
    const wabaId = yield* session.optionalWabaId(config.wabaId)
    const request = yield* session.input(Media.TemplateAssetRequest, operation)({
      ...(Option.isSome(wabaId) ? { wabaId: wabaId.value } : {}),
      kind: config.kind,
      url: config.url
    })
    const asset = yield* Media.uploadTemplateAsset(request)
    yield* Output.value(MediaHandle.TemplateAsset, asset, Render.templateAsset)
  })
)
