/**
 * The problem bodies of the WhatsApp Template Management API (v2): `{ type, title, detail,
 * instance_id }`, as the facts page shows them.
 *
 * The page gives the titles of the 401 ("Unauthorized"), 422 ("Invalid params"), 429 ("Rate Limit
 * Hit", code 1000) and 500 ("Internal error", code 1030), the 404's sentence ("WABA was not
 * found.", used as its detail) and one 400 example. It is silent on the prefix of `type` (only
 * that a 429's ends in `#1000`), on the codes of the 400, 401, 404 and 422, on the form of
 * `instance_id` and on the title of the 404: those below are the emulator's own.
 *
 * @internal
 */
import * as Crypto from "node:crypto"
import type { Reply } from "../reply.js"

const typeBase = "https://developer.vonage.com/api-errors/whatsapp-template-management#"

/** The fragment of a problem's `type`: the page's codes where it gives one. @internal */
export type Code = "1000" | "1030" | "invalid-request" | "invalid-params" | "unauthorized" | "not-found"

/** @internal */
export const problem = (
  status: number,
  code: Code,
  title: string,
  detail: string,
  headers?: Readonly<Record<string, string>>
): Reply => ({
  status,
  body: { type: typeBase + code, title, detail, instance_id: Crypto.randomUUID() },
  ...(headers === undefined ? {} : { headers })
})

/**
 * A request without the shape Vonage's document gives it: a body that is not JSON or not
 * multipart, a query parameter that is missing or of the wrong type, a template with missing,
 * unexpected or mistyped fields.
 *
 * @internal
 */
export const badRequest = (title: string, detail: string): Reply => problem(400, "invalid-request", title, detail)

/** A request of the right shape with a value Meta refuses; `message` is Meta's, `(#100) …`. @internal */
export const invalidParams = (message: string): Reply => problem(422, "invalid-params", "Invalid params", message)

/** @internal */
export const unauthorized = (reason: string): Reply =>
  problem(401, "unauthorized", "Unauthorized", `Check that you're using the correct credentials (${reason}).`)

/** @internal */
export const wabaNotFound = (): Reply => problem(404, "not-found", "Not Found", "WABA was not found.")

/** A route the document does not have (the update operation among them). @internal */
export const unknownRoute = (path: string): Reply =>
  problem(404, "not-found", "Not Found", `The requested resource ${path} does not exist.`)

/** @internal */
export const rateLimitHit = (retryAfterSeconds: number): Reply =>
  problem(
    429,
    "1000",
    "Rate Limit Hit",
    "Throttled - you have exceeded the submission capacity allowed on this account. Please wait and retry.",
    { "retry-after": String(retryAfterSeconds) }
  )

/** @internal */
export const internalError = (): Reply =>
  problem(500, "1030", "Internal error", "The request could not be processed. Please try again later.")
