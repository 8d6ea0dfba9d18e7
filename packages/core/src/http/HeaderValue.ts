/**
 * What an HTTP header can carry. A field value is a sequence of Latin-1 characters without
 * controls other than tab (RFC 9110 §5.5); an HTTP client refuses anything else (or, worse,
 * sends it). A name is a token (RFC 9110 §5.6.2).
 *
 * The answers describe the trouble without quoting the value, which is often a secret.
 *
 * @since 0.1.0
 */

/** Tab and the printable Latin-1 characters: what a value may be made of (one native scan on the hot path). */
const sendable = /^[\t\x20-\x7e\x80-\xff]*$/

const describe = (code: number): string | undefined => {
  if (code === 0x09) return undefined
  if (code === 0x0d) return "contains a carriage return (CR)"
  if (code === 0x0a) return "contains a line feed (LF)"
  if (code === 0x00) return "contains a NUL character"
  if (code < 0x20 || code === 0x7f) return "contains a control character"
  if (code > 0xff) return "contains a character outside Latin-1 (ISO-8859-1)"
  return undefined
}

/**
 * Why a value cannot be sent as a header field value (`undefined` when it can): a CR, LF, NUL
 * or other control character, or a character outside Latin-1. Tabs, spaces and Latin-1
 * characters are fine.
 *
 * @since 0.1.0
 * @category validation
 */
export const problem = (value: string): string | undefined => {
  if (sendable.test(value)) return undefined
  for (let index = 0; index < value.length; index++) {
    const found = describe(value.charCodeAt(index))
    if (found !== undefined) return found
  }
  return undefined
}

const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/**
 * Why a text cannot be a header name (`undefined` when it can).
 *
 * @since 0.1.0
 * @category validation
 */
export const nameProblem = (name: string): string | undefined =>
  token.test(name) ? undefined : "is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)"
