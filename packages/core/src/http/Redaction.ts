/**
 * Keeping secrets out of logs, span attributes and error messages.
 *
 * Secret headers and query parameters are replaced by name; known secret values (tokens,
 * keys, signatures) are scrubbed from any text we surface, raw and in every encoding a server
 * may echo them in (percent-encoding, HTML references, JSON escapes, any mixture of those,
 * base64 and base64url). Nothing here recurses deeper than `Body.maxJsonDepth`, and excerpts
 * look only at a bounded beginning of a body.
 *
 * @since 0.1.0
 */
import type { HttpClientRequest } from "@effect/platform"
import { UrlParams } from "@effect/platform"
import { Either, Redacted } from "effect"
import { maxJsonDepth, parseJson } from "./Body.js"
import { cutEscapeStart, unescape } from "./internal/unescape.js"

/**
 * Header names whose values are never shown, whatever the provider (matched case-insensitively).
 * An adapter adds its own provider's secret headers with {@link secretNames}.
 *
 * @since 0.1.0
 * @category constants
 */
export const sensitiveHeaders: ReadonlyArray<string> = [
  "authorization",
  "proxy-authorization",
  "api-key",
  "x-api-key",
  "cookie",
  "set-cookie"
]

/**
 * Query parameter and body field names whose values are never shown, whatever the provider
 * (matched case-insensitively). An adapter adds its own with {@link secretNames}.
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
  "password",
  "secret",
  "client_secret",
  "private_key",
  "privateKey"
]

/**
 * Which header, parameter and field names carry secrets: the generic ones, plus those an
 * adapter declares for its provider (WOZTELL's `X-Woztell-*` headers and
 * `appIntegrationSignature`, Meta's `appsecret_proof` …).
 *
 * @since 0.1.0
 * @category models
 */
export interface SecretNames {
  readonly isHeader: (name: string) => boolean
  readonly isParameter: (name: string) => boolean
}

/**
 * The names of a provider's secrets on top of the generic ones: exact header names, header name
 * prefixes (every header starting with one is secret) and parameter or field names, all matched
 * case-insensitively.
 *
 * @since 0.1.0
 * @category constructors
 */
export const secretNames = (extra: {
  readonly headers?: ReadonlyArray<string>
  readonly headerPrefixes?: ReadonlyArray<string>
  readonly parameters?: ReadonlyArray<string>
} = {}): SecretNames => {
  const headers = new Set([...sensitiveHeaders, ...(extra.headers ?? [])].map((name) => name.toLowerCase()))
  const prefixes = (extra.headerPrefixes ?? []).map((prefix) => prefix.toLowerCase())
  const parameters = new Set([...sensitiveParameters, ...(extra.parameters ?? [])].map((name) => name.toLowerCase()))
  return {
    isHeader: (name) => {
      const lower = name.toLowerCase()
      return headers.has(lower) || prefixes.some((prefix) => lower.startsWith(prefix))
    },
    isParameter: (name) => parameters.has(name.toLowerCase())
  }
}

/**
 * The generic secret names alone.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultNames: SecretNames = secretNames()

/**
 * What replaces a secret.
 *
 * @since 0.1.0
 * @category constants
 */
export const mask = "<redacted>"

/**
 * Whether a header is secret (by the generic names, or by `names`).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isSensitiveHeader = (name: string, names: SecretNames = defaultNames): boolean => names.isHeader(name)

/**
 * Whether a parameter or field name is secret (by the generic names, or by `names`).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isSensitiveParameter = (name: string, names: SecretNames = defaultNames): boolean =>
  names.isParameter(name)

/**
 * A URL with secret query parameter values masked (and any user-info removed).
 *
 * @since 0.1.0
 * @category redaction
 */
export const redactUrl = (url: string | URL, names: SecretNames = defaultNames): string => {
  const parsed = typeof url === "string" ? (URL.canParse(url) ? new URL(url) : undefined) : new URL(url.href)
  if (parsed === undefined) return mask
  parsed.username = ""
  parsed.password = ""
  for (const key of [...parsed.searchParams.keys()]) {
    if (names.isParameter(key)) parsed.searchParams.set(key, mask)
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
export const redactRequestUrl = (
  request: HttpClientRequest.HttpClientRequest,
  names: SecretNames = defaultNames
): string => {
  const url = requestUrl(request)
  return url === undefined ? mask : redactUrl(url, names)
}

const authSchemes = /^(?:bearer|basic|token|digest|apikey)\s+/i

const secretFieldValues = (value: unknown, into: Array<string>, names: SecretNames, depth = 0): void => {
  if (depth > 8 || value === null || typeof value !== "object") return
  for (const [key, inner] of Object.entries(value)) {
    if (names.isParameter(key) && (typeof inner === "string" || typeof inner === "number")) into.push(String(inner))
    else secretFieldValues(inner, into, names, depth + 1)
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
export const secretsOf = (
  request: HttpClientRequest.HttpClientRequest,
  names: SecretNames = defaultNames
): ReadonlyArray<string> => {
  const secrets: Array<string> = []
  for (const [name, value] of Object.entries(request.headers)) {
    if (!names.isHeader(name)) continue
    secrets.push(value)
    const credentials = value.replace(authSchemes, "")
    if (credentials !== value) secrets.push(credentials)
  }
  const url = requestUrl(request)
  if (url !== undefined) {
    for (const [key, value] of url.searchParams) if (names.isParameter(key)) secrets.push(value)
  }
  if (request.body._tag === "Uint8Array" && /json/i.test(request.body.contentType)) {
    try {
      secretFieldValues(JSON.parse(new TextDecoder().decode(request.body.body)) as unknown, secrets, names)
    } catch {
      // not JSON after all: nothing to collect
    }
  }
  return secrets
}

const toBase64url = (base64: string) => base64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "")

/**
 * The base64 forms of a secret: standard and URL-safe, padded and not, and — for a secret
 * encoded inside a longer value (`user:password`, a JSON payload) — the characters that encode
 * only the secret at each of the three alignments.
 */
const base64Forms = (secret: string): ReadonlyArray<string> => {
  const bytes = Buffer.from(secret, "utf8")
  const standard = bytes.toString("base64")
  const urlSafe = toBase64url(standard)
  const forms = [standard, standard.replace(/=+$/, ""), urlSafe, urlSafe.padEnd(standard.length, "=")]
  for (const offset of [0, 1, 2]) {
    const shifted = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64")
    const inner = shifted.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6))
    if (inner.length >= 8) forms.push(inner, toBase64url(inner))
  }
  return forms
}

/** A line of a multi-line secret (a PEM key) long enough to be secret on its own. */
const minimumLineLength = 16

/**
 * What to look for of one secret: itself (and trimmed), each long line of a multi-line secret
 * (however the echo re-wraps it; the `-----BEGIN …-----` lines are not secret), and its base64
 * forms. Percent-, HTML- and JSON-escaped forms are found by undoing the escapes of the text.
 */
const needlesOf = (secret: string): ReadonlyArray<string> => {
  const lines = secret
    .split(/\r\n|\r|\n|\\r\\n|\\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= minimumLineLength && !line.startsWith("-----"))
  return [secret, secret.trim(), ...(lines.length > 1 ? lines : []), ...base64Forms(secret)]
}

/**
 * A function that masks known secrets in a text.
 *
 * @since 0.1.0
 * @category models
 */
export interface Scrubber {
  (text: string): string
  /**
   * Scrubs the beginning of a longer text: an end that could be the start of a secret (cut
   * where the text was cut) is masked too.
   */
  readonly prefix: (text: string) => string
}

/**
 * Whether a scrubbing function is a {@link Scrubber} (and can scrub a cut text safely).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isScrubber = (scrub: (text: string) => string): scrub is Scrubber =>
  "prefix" in scrub && typeof scrub.prefix === "function"

interface Needle {
  readonly text: string
  /** KMP failure table, made when a cut text is first scrubbed. */
  failure?: Int32Array
}

const failureOf = (needle: Needle): Int32Array => {
  if (needle.failure !== undefined) return needle.failure
  const pattern = needle.text
  const table = new Int32Array(pattern.length)
  let matched = 0
  for (let index = 1; index < pattern.length; index++) {
    while (matched > 0 && pattern.charCodeAt(index) !== pattern.charCodeAt(matched)) matched = table[matched - 1] ?? 0
    if (pattern.charCodeAt(index) === pattern.charCodeAt(matched)) matched++
    table[index] = matched
  }
  needle.failure = table
  return table
}

/** The length of the longest end of `text` that is a proper beginning of the needle. */
const cutLength = (text: string, needle: Needle): number => {
  const pattern = needle.text
  const failure = failureOf(needle)
  let matched = 0
  for (let index = Math.max(0, text.length - (pattern.length - 1)); index < text.length; index++) {
    while (matched > 0 && text.charCodeAt(index) !== pattern.charCodeAt(matched)) matched = failure[matched - 1] ?? 0
    if (text.charCodeAt(index) === pattern.charCodeAt(matched)) matched++
  }
  return matched
}

type Ranges = Array<readonly [start: number, end: number]>

const find = (
  haystack: string,
  needles: ReadonlyArray<Needle>,
  cut: boolean,
  into: Ranges,
  sourceStart: (index: number) => number,
  sourceEnd: (index: number) => number
) => {
  for (const needle of needles) {
    const length = needle.text.length
    for (let at = haystack.indexOf(needle.text); at >= 0; at = haystack.indexOf(needle.text, at + 1)) {
      into.push([sourceStart(at), sourceEnd(at + length - 1)])
    }
    if (cut) {
      const partial = cutLength(haystack, needle)
      if (partial > 0) into.push([sourceStart(haystack.length - partial), sourceEnd(haystack.length - 1)])
    }
  }
}

const masked = (text: string, ranges: Ranges): string => {
  if (ranges.length === 0) return text
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const parts: Array<string> = []
  let shownFrom = 0
  let maskedUntil = -1
  for (const [start, end] of ranges) {
    if (start <= maskedUntil) {
      maskedUntil = Math.max(maskedUntil, end)
    } else {
      parts.push(text.slice(shownFrom, start), mask)
      maskedUntil = end
    }
    shownFrom = maskedUntil
  }
  parts.push(text.slice(shownFrom))
  return parts.join("")
}

/** A text as one round of unescaping left it, and where each of its characters came from in the original. */
interface Layer {
  readonly text: string
  readonly start: (index: number) => number
  readonly end: (index: number) => number
}

/** How many times escapes are undone: twice covers an echo escaped once more on its way (JSON in JSON, `%2526`). */
const unescapeRounds = 2

const identity = (index: number) => index
const identityEnd = (index: number) => index + 1

/**
 * A scrubber for a set of known secret values: replaces every occurrence with `<redacted>` —
 * raw; percent-encoded (either case); as HTML character references (decimal, hex in either
 * case, the named ones); as JSON `\u` (either case) and other escapes; any mixture of those,
 * character by character, escaped once or twice; each line of a multi-line secret (a PEM key);
 * base64 and base64url, padded or not, on their own or inside a longer encoded value. Secrets
 * shorter than 6 characters are ignored (they would mask ordinary text).
 *
 * The text is scanned to undo its escapes (twice at most), then each form is searched in the
 * text and in every round's result: the cost is linear in the length of the text, times the
 * number of forms (about 40 for a PEM key, 11 for a token).
 *
 * @since 0.1.0
 * @category redaction
 */
export const scrubber = (secrets: ReadonlyArray<string | Redacted.Redacted<string>>): Scrubber => {
  const texts = [
    ...new Set(
      secrets
        .map((secret) => (Redacted.isRedacted(secret) ? Redacted.value(secret) : secret))
        .filter((secret) => secret.length >= 6)
        .flatMap(needlesOf)
        .filter((needle) => needle.length >= 6)
    )
  ]
  const needles: ReadonlyArray<Needle> = texts.map((text) => ({ text }))
  const scrub = (text: string, cut: boolean): string => {
    if (needles.length === 0 || text.length === 0) return text
    const ranges: Ranges = []
    let layer: Layer = { text, start: identity, end: identityEnd }
    for (let round = 0;; round++) {
      // What an escape cut short at the end would have encoded cannot be told: it is masked.
      const usable = cut ? cutEscapeStart(layer.text) : layer.text.length
      find(
        usable === layer.text.length ? layer.text : layer.text.slice(0, usable),
        needles,
        cut,
        ranges,
        layer.start,
        layer.end
      )
      if (usable < layer.text.length) ranges.push([layer.start(usable), text.length])
      if (round === unescapeRounds) break
      const inner = unescape(layer.text)
      if (inner === undefined) break
      const outer = layer
      layer = {
        text: inner.text,
        start: (index) => outer.start(inner.sourceStart(index)),
        end: (index) => outer.end(inner.sourceEnd(index) - 1)
      }
    }
    return masked(text, ranges)
  }
  return Object.assign((text: string) => scrub(text, false), { prefix: (text: string) => scrub(text, true) })
}

/** What {@link redactJson} puts in place of a value nested deeper than it goes. */
const tooDeep = "…"

/**
 * A JSON value with the values of secret fields masked, for error excerpts. Values nested
 * deeper than `Body.maxJsonDepth` are replaced by `…`, so no value can exhaust the stack.
 *
 * @since 0.1.0
 * @category redaction
 */
export const redactJson = (value: unknown, names: SecretNames = defaultNames): unknown => redactJsonAt(value, names, 0)

const redactJsonAt = (value: unknown, names: SecretNames, depth: number): unknown => {
  if (value === null || typeof value !== "object") return value
  if (depth >= maxJsonDepth) return tooDeep
  if (Array.isArray(value)) return value.map((inner: unknown) => redactJsonAt(inner, names, depth + 1))
  return Object.fromEntries(
    Object.entries(value).map((
      [key, inner]
    ) => [key, names.isParameter(key) ? mask : redactJsonAt(inner, names, depth + 1)])
  )
}

/** `"name": value` in JSON text, whole or cut: a string (perhaps unterminated), a number or a literal. */
const jsonField = /"((?:[^"\\\r\n]|\\.){1,64})"(\s*:\s*)("(?:[^"\\]|\\.)*(?:"|$)|-?\d[\d.eE+-]*|true|false|null)/g

const fieldName = (quoted: string): string => {
  if (!quoted.includes("\\")) return quoted
  try {
    return String(JSON.parse(`"${quoted}"`))
  } catch {
    return quoted
  }
}

/**
 * JSON text (whole, cut or embedded in other text) with the values of secret fields masked,
 * without parsing it.
 *
 * @since 0.1.0
 * @category redaction
 */
export const redactJsonText = (text: string, names: SecretNames = defaultNames): string =>
  text.replace(
    jsonField,
    (field, name: string, separator: string) =>
      names.isParameter(fieldName(name)) ? `"${name}"${separator}"${mask}"` : field
  )

/**
 * How much of a body an excerpt of `limit` characters looks at: 32 times the limit (16 KiB for
 * the default 512), so that scrubbing and masking have room to shorten it.
 *
 * @since 0.1.0
 * @category constants
 */
export const excerptWindow = (limit: number): number => limit * 32

/**
 * A redacted, truncated excerpt of a response body, safe to put in an error. Only the first
 * {@link excerptWindow} characters are looked at, whatever the size of the body: secret JSON
 * fields are masked (by parsing, when that window holds the whole body and it is JSON of
 * bounded depth; in the text otherwise), known secrets are scrubbed, and the result is cut to
 * `limit` characters. Give it a {@link Scrubber} (as `scrubber` makes): a secret cut at the end
 * of the window is then masked too, which a plain function cannot know to do.
 *
 * @since 0.1.0
 * @category redaction
 */
export const excerpt = (
  text: string,
  scrub: (text: string) => string,
  limit = 512,
  names: SecretNames = defaultNames
): string => {
  const window = excerptWindow(limit)
  const whole = text.length <= window
  const parsed = whole ? parseJson(text) : Either.left("not-json" as const)
  const shown = Either.isRight(parsed) && parsed.right !== undefined
    ? JSON.stringify(redactJson(parsed.right, names))
    : redactJsonText(whole ? text : text.slice(0, window), names)
  const scrubbed = whole || !isScrubber(scrub) ? scrub(shown) : scrub.prefix(shown)
  if (!whole) return `${scrubbed.slice(0, limit)}… (${text.length} characters in all)`
  return scrubbed.length > limit
    ? `${scrubbed.slice(0, limit)}… (${scrubbed.length - limit} more characters)`
    : scrubbed
}
