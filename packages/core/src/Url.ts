/**
 * URL schemas shared by the domain: web links must be absolute http(s) URLs.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * The longest URL accepted (checked before the URL is parsed): well above any link a provider
 * keeps (WhatsApp's websites hold 256 characters) and what browsers and servers accept.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxLength = 8192

const isHttpUrl = (value: string): boolean => {
  if (/\s/.test(value) || !URL.canParse(value)) return false
  const url = new URL(value)
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0
}

/**
 * An absolute `http:` or `https:` URL with a host and no whitespace, at most {@link maxLength}
 * characters (a longer text is refused before it is parsed).
 *
 * @since 0.1.0
 * @category schemas
 */
export const HttpUrl = Schema.String.pipe(
  Schema.filter((value) => value.length <= maxLength || `must be at most ${maxLength} characters`),
  Schema.filter((value) => isHttpUrl(value) || "must be an absolute URL with an http or https scheme", {
    identifier: "HttpUrl",
    arbitrary: () => (fc) => {
      const word = (minLength: number, maxLength: number) =>
        fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"), minLength, maxLength })
      return fc
        .tuple(
          fc.constantFrom("http", "https"),
          fc.array(word(1, 12), { minLength: 1, maxLength: 3 }),
          fc.constantFrom("com", "example", "io", "co.uk", "test"),
          word(0, 12),
          fc.option(fc.tuple(word(1, 6), word(0, 8)), { nil: undefined })
        )
        .map(([scheme, labels, tld, path, query]) =>
          `${scheme}://${labels.join(".")}.${tld}/${path}${query === undefined ? "" : `?${query[0]}=${query[1]}`}`
        )
    }
  })
)
