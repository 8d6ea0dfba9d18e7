/**
 * Keeping secrets out of logs, span attributes and error messages.
 *
 * Secret headers and query parameters are replaced by name; known secret values (tokens,
 * keys, signatures) are scrubbed from any text we surface, raw and in their URL- and
 * base64-encoded forms.
 *
 * @since 0.1.0
 */
import type { HttpClientRequest } from "@effect/platform"
import { UrlParams } from "@effect/platform"
import { Either, Redacted } from "effect"

/**
 * Header names whose values are never shown (matched case-insensitively).
 *
 * @since 0.1.0
 * @category constants
 */
export const sensitiveHeaders: ReadonlyArray<string> = [
  "authorization",
  "api-key",
  "x-api-key",
  "x-woztell-payload",
  "x-woztell-signedcontext",
  "cookie",
  "set-cookie",
  "proxy-authorization"
]

/**
 * Header name prefixes whose every header is secret (WOZTELL's `X-Woztell-Payload`,
 * `X-Woztell-SignedContext` and any later `X-Woztell-*`), matched case-insensitively.
 *
 * @since 0.1.0
 * @category constants
 */
export const sensitiveHeaderPrefixes: ReadonlyArray<string> = ["x-woztell-"]

/**
 * The secret header names and prefixes in the form `Headers.currentRedactedNames` takes, so
 * that `@effect/platform` also masks them when it renders headers.
 *
 * @since 0.1.0
 * @category constants
 */
export const redactedHeaderNames: ReadonlyArray<string | RegExp> = [
  ...sensitiveHeaders,
  ...sensitiveHeaderPrefixes.map((prefix) => new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "i"))
]

/**
 * Query parameter and body field names whose values are never shown.
 *
 * @since 0.1.0
 * @category constants
 */
export const sensitiveParameters: ReadonlyArray<string> = [
  "accessToken",
  "access_token",
  "api_key",
  "apiKey",
  "token",
  "signature",
  "appIntegrationSignature",
  "password",
  "secret",
  "private_key",
  "privateKey"
]

const sensitiveParameterSet = new Set(sensitiveParameters.map((name) => name.toLowerCase()))

/**
 * What replaces a secret.
 *
 * @since 0.1.0
 * @category constants
 */
export const mask = "<redacted>"

/**
 * Whether a header is secret.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isSensitiveHeader = (name: string): boolean => {
  const lower = name.toLowerCase()
  return sensitiveHeaders.includes(lower) || sensitiveHeaderPrefixes.some((prefix) => lower.startsWith(prefix))
}

/**
 * Whether a parameter or field name is secret.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isSensitiveParameter = (name: string): boolean => sensitiveParameterSet.has(name.toLowerCase())

/**
 * A URL with secret query parameter values masked (and any user-info removed).
 *
 * @since 0.1.0
 * @category redaction
 */
export const redactUrl = (url: string | URL): string => {
  const parsed = typeof url === "string" ? (URL.canParse(url) ? new URL(url) : undefined) : new URL(url.href)
  if (parsed === undefined) return mask
  parsed.username = ""
  parsed.password = ""
  for (const key of [...parsed.searchParams.keys()]) {
    if (isSensitiveParameter(key)) parsed.searchParams.set(key, mask)
  }
  return parsed.href.replaceAll(encodeURIComponent(mask), mask)
}

/**
 * The full URL a request goes to (its URL with its query parameters and hash), or `undefined`
 * when it cannot be built.
 *
 * @since 0.1.0
 * @category redaction
 */
export const requestUrl = (request: HttpClientRequest.HttpClientRequest): URL | undefined =>
  Either.getOrUndefined(UrlParams.makeUrl(request.url, request.urlParams, request.hash))

/**
 * A request's URL for logs and spans: secret query parameters masked, user-info removed.
 *
 * @since 0.1.0
 * @category redaction
 */
export const redactRequestUrl = (request: HttpClientRequest.HttpClientRequest): string => {
  const url = requestUrl(request)
  return url === undefined ? mask : redactUrl(url)
}

const authSchemes = /^(?:bearer|basic|token|digest|apikey)\s+/i

const secretFieldValues = (value: unknown, into: Array<string>, depth = 0): void => {
  if (depth > 8 || value === null || typeof value !== "object") return
  for (const [key, inner] of Object.entries(value)) {
    if (isSensitiveParameter(key) && (typeof inner === "string" || typeof inner === "number")) into.push(String(inner))
    else secretFieldValues(inner, into, depth + 1)
  }
}

/**
 * The secret values a request carries: its secret headers (with and without the auth scheme),
 * secret query parameters, and secret fields of a JSON body. The transport scrubs them from
 * everything it surfaces, so a token minted per request (a JWT) is as safe as a configured one.
 *
 * @since 0.1.0
 * @category redaction
 */
export const secretsOf = (request: HttpClientRequest.HttpClientRequest): ReadonlyArray<string> => {
  const secrets: Array<string> = []
  for (const [name, value] of Object.entries(request.headers)) {
    if (!isSensitiveHeader(name)) continue
    secrets.push(value)
    const credentials = value.replace(authSchemes, "")
    if (credentials !== value) secrets.push(credentials)
  }
  const url = requestUrl(request)
  if (url !== undefined) {
    for (const [key, value] of url.searchParams) if (isSensitiveParameter(key)) secrets.push(value)
  }
  if (request.body._tag === "Uint8Array" && /json/i.test(request.body.contentType)) {
    try {
      secretFieldValues(JSON.parse(new TextDecoder().decode(request.body.body)) as unknown, secrets)
    } catch {
      // not JSON after all: nothing to collect
    }
  }
  return secrets
}

const variants = (secret: string): ReadonlyArray<string> => {
  const base64 = Buffer.from(secret, "utf8").toString("base64")
  return [
    secret,
    encodeURIComponent(secret),
    base64,
    base64.replace(/=+$/, ""),
    Buffer.from(secret, "utf8").toString("base64url")
  ]
}

/**
 * A scrubber for a set of known secret values: replaces every occurrence, raw, URL-encoded or
 * base64-encoded, with `<redacted>`. Secrets shorter than 6 characters are ignored (they would
 * mask ordinary text).
 *
 * @since 0.1.0
 * @category redaction
 */
export const scrubber = (secrets: ReadonlyArray<string | Redacted.Redacted<string>>): ((text: string) => string) => {
  const needles = [
    ...new Set(
      secrets
        .map((secret) => (Redacted.isRedacted(secret) ? Redacted.value(secret) : secret))
        .filter((secret) => secret.length >= 6)
        .flatMap(variants)
        .filter((needle) => needle.length >= 6)
    )
  ].sort((a, b) => b.length - a.length)
  if (needles.length === 0) return (text) => text
  return (text) => needles.reduce((acc, needle) => acc.split(needle).join(mask), text)
}

/**
 * A JSON value with the values of secret fields masked, for error excerpts.
 *
 * @since 0.1.0
 * @category redaction
 */
export const redactJson = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(redactJson)
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, isSensitiveParameter(key) ? mask : redactJson(inner)])
    )
  }
  return value
}

/**
 * A redacted, truncated excerpt of a response body, safe to put in an error.
 *
 * @since 0.1.0
 * @category redaction
 */
export const excerpt = (text: string, scrub: (text: string) => string, limit = 512): string => {
  let shown = text
  try {
    shown = JSON.stringify(redactJson(JSON.parse(text)))
  } catch {
    shown = text
  }
  const scrubbed = scrub(shown)
  return scrubbed.length > limit ? `${scrubbed.slice(0, limit)}… (${scrubbed.length - limit} more characters)` : scrubbed
}
