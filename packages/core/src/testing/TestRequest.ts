/**
 * A plain `fetch` request as an emulator test writes it: an Authorization header (or none), and
 * a JSON, multipart, form-urlencoded or raw body with its content type. Tests call an emulator
 * the way any HTTP client would, so that the emulator is checked apart from the adapter.
 *
 * @example
 * import { TestRequest } from "@wa-admin/core/testing"
 *
 * const init = TestRequest.init("POST", { json: { code: "123456" }, authorization: "Bearer token" })
 *
 * @since 0.2.0
 */

/**
 * What a test's request carries: at most one body (JSON, multipart, form-urlencoded or raw, in
 * that order of precedence), headers, and the Authorization header's value.
 *
 * @since 0.2.0
 * @category models
 */
export interface Options {
  /** A JSON body, sent with `Content-Type: application/json` unless `contentType` says otherwise. */
  readonly json?: unknown
  /** A multipart body (fetch sets the Content-Type with its boundary). */
  readonly form?: FormData | undefined
  /** A form-urlencoded body. */
  readonly urlencoded?: Readonly<Record<string, string>> | undefined
  /** A raw body, sent with `contentType` when one is given. */
  readonly raw?: string | Uint8Array | undefined
  readonly contentType?: string | undefined
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** The Authorization header's value; none when absent or `null`. */
  readonly authorization?: string | null | undefined
}

/**
 * The `fetch` init of a request with `method` and `options`.
 *
 * @since 0.2.0
 * @category constructors
 */
export const init = (method: string, options: Options): RequestInit => {
  const headers: Record<string, string> = { ...options.headers }
  if (typeof options.authorization === "string") headers["authorization"] = options.authorization
  let body: BodyInit | undefined
  if (options.json !== undefined) {
    body = JSON.stringify(options.json)
    headers["content-type"] = options.contentType ?? "application/json"
  } else if (options.form !== undefined) {
    body = options.form
  } else if (options.urlencoded !== undefined) {
    body = new URLSearchParams(options.urlencoded).toString()
    headers["content-type"] = "application/x-www-form-urlencoded"
  } else if (options.raw !== undefined) {
    body = typeof options.raw === "string" ? options.raw : new Uint8Array(options.raw)
    if (options.contentType !== undefined) headers["content-type"] = options.contentType
  }
  return { method, headers, ...(body === undefined ? {} : { body }) }
}
