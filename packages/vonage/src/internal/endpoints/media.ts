/**
 * The template-asset upload (`VonageMedia`), on the WhatsApp Template Management API.
 */
import { Endpoint } from "@wa-admin/core/adapter"
import * as Wire from "../wire/media.js"

/** POST /media/uploads?file_type=: a file for a template's media header → its handle. */
export const uploadMedia = Endpoint.make({
  operation: "media.templateAsset",
  method: "POST",
  path: "/media/uploads",
  // idempotent: a repeated upload answers another handle for the same file; nothing else changes.
  idempotent: true,
  query: ({ fileType }: { readonly fileType: string }) => ({ file_type: fileType }),
  body: ({ file, fileType }: { readonly fileType: string; readonly file: Blob }) => {
    const form = new FormData()
    form.append("file", file, `header.${fileType.slice(fileType.indexOf("/") + 1)}`)
    return Endpoint.formData(form)
  },
  response: Wire.UploadedMedia
})
