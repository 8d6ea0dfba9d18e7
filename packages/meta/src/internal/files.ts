/**
 * What kind of file a download is, told by its first bytes where the format has a signature; the
 * server's `Content-Type` is believed only for the office and text documents that have none of
 * their own (a ZIP or OLE container, plain text), and only when it names one of them.
 *
 * The media types are those WhatsApp documents for each kind of media, with its size limits:
 *
 * | kind | types | at most |
 * |---|---|---|
 * | image | `image/jpeg`, `image/png` | 5 MB |
 * | video | `video/mp4`, `video/3gpp` | 16 MB |
 * | audio | `audio/aac`, `audio/amr`, `audio/mpeg`, `audio/mp4`, `audio/ogg` | 16 MB |
 * | document | `application/pdf`, `text/plain`, Word, Excel and PowerPoint files | 100 MB |
 * | sticker | `image/webp` | 500 KB (animated; static ones 100 KB) |
 */
import type { MediaHandle } from "@wa-admin/core"

const megabytes = (count: number) => count * 1024 * 1024

/** The most bytes WhatsApp takes for each kind of media. */
export const maxBytes: { readonly [K in MediaHandle.MediaKind]: number } = {
  image: megabytes(5),
  video: megabytes(16),
  audio: megabytes(16),
  document: megabytes(100),
  sticker: 500 * 1024
}

/** The media types WhatsApp takes for each kind of media. */
export const mediaTypes: { readonly [K in MediaHandle.MediaKind]: ReadonlyArray<string> } = {
  image: ["image/jpeg", "image/png"],
  video: ["video/mp4", "video/3gpp"],
  audio: ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"],
  document: [
    "application/pdf",
    "text/plain",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation"
  ],
  sticker: ["image/webp"]
}

/**
 * The types the resumable upload takes for a template's media header (`file_type`): JPEG and
 * PNG images, MP4 videos and PDF documents.
 */
export const headerTypes: { readonly [K in MediaHandle.TemplateAssetKind]: ReadonlyArray<string> } = {
  image: ["image/jpeg", "image/png"],
  video: ["video/mp4"],
  document: ["application/pdf"]
}

/** The extension a file of a type is named with when it is uploaded. */
export const extensionOf = (mimeType: string): string => {
  const known: Readonly<Record<string, string>> = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "video/mp4": "mp4",
    "video/3gpp": "3gp",
    "audio/aac": "aac",
    "audio/amr": "amr",
    "audio/mpeg": "mp3",
    "audio/mp4": "m4a",
    "audio/ogg": "ogg",
    "application/pdf": "pdf",
    "text/plain": "txt"
  }
  return known[mimeType] ?? "bin"
}

const startsWith = (bytes: Uint8Array, signature: ReadonlyArray<number>, offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte)

const ascii = (text: string): ReadonlyArray<number> => Array.from(text, (character) => character.charCodeAt(0))

const officeZip = new Set(mediaTypes.document.filter((type) => type.includes("openxmlformats")))
const officeLegacy = new Set(["application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"])

/** The ISO media brand at offset 8 of a file with an `ftyp` box. */
const brandOf = (bytes: Uint8Array): string | undefined =>
  startsWith(bytes, ascii("ftyp"), 4) && bytes.length >= 12 ? String.fromCharCode(...bytes.subarray(8, 12)) : undefined

/** Whether the bytes read as text: no NUL and no other control character than tab, CR and LF in the first 4 KiB. */
const looksLikeText = (bytes: Uint8Array): boolean =>
  bytes.subarray(0, 4096).every((byte) => byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte !== 127))

/**
 * The media type of a file, by its content (see the module's notes), or `undefined` when it is
 * none WhatsApp takes. `declared` is the server's `Content-Type`, lower-cased, without parameters.
 */
export const typeOf = (bytes: Uint8Array, declared: string): string | undefined => {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg"
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png"
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp"
  if (startsWith(bytes, ascii("%PDF-"))) return "application/pdf"
  if (startsWith(bytes, ascii("OggS"))) return "audio/ogg"
  if (startsWith(bytes, ascii("#!AMR"))) return "audio/amr"
  if (startsWith(bytes, ascii("ID3"))) return "audio/mpeg"
  const brand = brandOf(bytes)
  if (brand !== undefined) {
    if (brand.startsWith("3g")) return "video/3gpp"
    if (brand === "M4A ") return "audio/mp4"
    return brand === "qt  " ? undefined : "video/mp4"
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xf6) === 0xf0) return "audio/aac"
  if (bytes.length >= 2 && bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0) return "audio/mpeg"
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return officeZip.has(declared) ? declared : undefined
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return officeLegacy.has(declared)
      ? declared
      : undefined
  }
  if (declared === "text/plain" && looksLikeText(bytes)) return "text/plain"
  return undefined
}
