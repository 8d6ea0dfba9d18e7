/**
 * Recognising a business certificate by its content: Kaleyra accepts JPEG, PNG and PDF files.
 *
 * @internal
 */

/** A certificate type Kaleyra accepts. */
export interface Kind {
  readonly name: "JPEG" | "PNG" | "PDF"
  readonly mediaType: string
  /** Extensions Kaleyra accepts for it, the first being the one appended when needed. */
  readonly extensions: ReadonlyArray<string>
  readonly signature: ReadonlyArray<number>
}

const ascii = (text: string): ReadonlyArray<number> => Array.from(text, (char) => char.charCodeAt(0))

const kinds: ReadonlyArray<Kind> = [
  { name: "JPEG", mediaType: "image/jpeg", extensions: ["jpg", "jpeg"], signature: [0xff, 0xd8, 0xff] },
  { name: "PNG", mediaType: "image/png", extensions: ["png"], signature: [0x89, ...ascii("PNG\r\n"), 0x1a, 0x0a] },
  { name: "PDF", mediaType: "application/pdf", extensions: ["pdf"], signature: ascii("%PDF-") }
]

/**
 * The largest certificate sent, in bytes (20 MiB). Kaleyra's page states no limit; a business
 * certificate (a photo, a scan or a PDF of one) is far smaller, so this is generous.
 */
export const maxBytes = 20 * 1024 * 1024

/** Why a certificate of `size` bytes is refused, or `undefined` when its size is fine. */
export const sizeRule = (size: number): string | undefined =>
  size <= maxBytes
    ? undefined
    : `must be at most 20 MiB (${maxBytes} bytes); this file is ${size} bytes`

/** Whether a value is one of the kinds above. */
export const isKind = (value: unknown): value is Kind => kinds.some((kind) => kind === value)

/** The kind of a file by its magic bytes, whatever its name says. */
export const detect = (bytes: Uint8Array): Kind | undefined =>
  kinds.find((kind) =>
    kind.signature.length <= bytes.length && kind.signature.every((byte, index) => bytes[index] === byte)
  )

/**
 * The file name to send: the given one when its extension already names the content's kind,
 * otherwise with the kind's extension appended (`scan` → `scan.png`), since Kaleyra checks the
 * extension as well as the content.
 */
export const fileNameFor = (fileName: string, kind: Kind): string => {
  const dot = fileName.lastIndexOf(".")
  const extension = dot < 0 ? "" : fileName.slice(dot + 1).toLowerCase()
  return kind.extensions.includes(extension) ? fileName : `${fileName}.${kind.extensions[0] ?? kind.name.toLowerCase()}`
}
