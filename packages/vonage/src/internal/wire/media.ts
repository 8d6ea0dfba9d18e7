/**
 * POST /media/uploads: the file types it takes and the handle it answers.
 */
import type { MediaHandle } from "@wa-admin/core"
import { Schema } from "effect"

/** The longest handle accepted from an upload answer (Meta's are a few hundred characters). */
export const maxHandleLength = 4_096

/** POST /media/uploads → 200 `{ h }`: the handle a media header's `example.header_handle` carries. */
export const UploadedMedia = Schema.Struct({
  handle: Schema.propertySignature(
    Schema.String.pipe(
      Schema.filter((handle) => handle.length > 0 || "must not be empty"),
      Schema.filter((handle) => handle.length <= maxHandleLength || `must be at most ${maxHandleLength} characters`)
    )
  ).pipe(Schema.fromKey("h"))
})

/** The kinds of template asset POST /media/uploads takes: its file types have no document. */
export type UploadKind = Exclude<MediaHandle.TemplateAssetKind, "document">

/** The file types POST /media/uploads takes (`file_type`), by the kind of template asset they are. */
export const uploadFileTypes: { readonly [K in UploadKind]: ReadonlyArray<string> } = {
  image: ["image/jpeg", "image/jpg", "image/png"],
  video: ["video/mp4"]
}
