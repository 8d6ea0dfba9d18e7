/**
 * URL schemas shared by the domain: web links must be absolute http(s) URLs.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

const isHttpUrl = (value: string): boolean => {
  if (!URL.canParse(value)) return false
  const url = new URL(value)
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0
}

/**
 * An absolute `http:` or `https:` URL.
 *
 * @since 0.1.0
 * @category schemas
 */
export const HttpUrl = Schema.String.pipe(
  Schema.filter((value) => isHttpUrl(value) || "must be an absolute URL with an http or https scheme", {
    identifier: "HttpUrl",
    arbitrary: () => (fc) =>
      fc
        .tuple(fc.constantFrom("http", "https"), fc.domain(), fc.stringMatching(/^[a-z0-9]{0,12}$/))
        .map(([scheme, host, path]) => `${scheme}://${host}/${path}`)
  })
)
