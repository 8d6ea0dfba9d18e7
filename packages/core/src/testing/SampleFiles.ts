/**
 * Small files of well-known types, as bytes: the signature a type sniffer looks for, padded with
 * a few bytes of a real header, for tests that upload, attach or classify a file.
 *
 * @since 0.2.0
 */

/**
 * A tiny PNG: its signature and the start of an IHDR chunk.
 *
 * @since 0.2.0
 * @category files
 */
export const png = Uint8Array.from([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  0,
  0,
  0,
  13,
  0x49,
  0x48,
  0x44,
  0x52,
  0,
  0,
  0,
  1
])

/**
 * The start of a JPEG (SOI and a JFIF APP0 marker).
 *
 * @since 0.2.0
 * @category files
 */
export const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0])

/**
 * The start of an MP4 (an `ftyp` box of brand `isom`).
 *
 * @since 0.2.0
 * @category files
 */
export const mp4 = Uint8Array.from([0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0])

/**
 * The start of a PDF (its version line and the binary-comment line).
 *
 * @since 0.2.0
 * @category files
 */
export const pdf = new TextEncoder().encode("%PDF-1.7\n%\u00e2\u00e3\n")

/**
 * Plain text: a file of no recognised type, for a check that refuses one.
 *
 * @since 0.2.0
 * @category files
 */
export const text = new TextEncoder().encode("just some text, not an image\n")
