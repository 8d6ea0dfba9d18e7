/**
 * The Graph API's answers: the success reply, and the error envelope every failure of Meta's
 * document uses (`GraphAPIError`: `{ error: { message, type, code, error_subcode, fbtrace_id,
 * is_transient, error_user_title, error_user_msg } }`), with the statuses and codes the document
 * gives for each kind of failure.
 *
 * @internal
 */
import type { EmulatorHost } from "@wa-admin/core/testing"
import { Data } from "effect"
import * as Crypto from "node:crypto"

/** A parsed request, as the handlers see it. */
export type Call = EmulatorHost.Call

/** A successful answer. */
export type Reply = EmulatorHost.Reply

/** The `type` of a Graph error, as the document's examples show them. */
export type ErrorType = "OAuthException" | "GraphMethodException"

/** A failed answer: the document's `GraphAPIError`, its HTTP status and headers to send with it. */
export class GraphError extends Data.TaggedError("GraphError")<{
  readonly status: number
  readonly message: string
  readonly type: ErrorType
  readonly code: number
  readonly subcode?: number | undefined
  readonly userTitle?: string | undefined
  readonly userMessage?: string | undefined
  readonly transient?: boolean | undefined
  readonly headers?: Readonly<Record<string, string>> | undefined
}> {}

/** Extra parts of an error beyond its message. */
export interface ErrorDetails {
  readonly subcode?: number | undefined
  readonly userTitle?: string | undefined
  readonly userMessage?: string | undefined
}

/** An `fbtrace_id` as the document shows them: 23 base64url characters. */
export const traceId = (): string => `A${Crypto.randomBytes(17).toString("base64url").slice(0, 22)}`

/** A 200 answer with a JSON body. */
export const ok = (body: unknown): Reply => ({ status: 200, body })

/** `{ success: true }`, the document's answer to most writes. */
export const success: Reply = { status: 200, body: { success: true } }

/** A failure as an HTTP answer. */
export const render = (error: GraphError): Reply => ({
  status: error.status,
  body: {
    error: {
      message: error.message,
      type: error.type,
      code: error.code,
      ...(error.subcode === undefined ? {} : { error_subcode: error.subcode }),
      ...(error.transient === undefined ? {} : { is_transient: error.transient }),
      ...(error.userTitle === undefined ? {} : { error_user_title: error.userTitle }),
      ...(error.userMessage === undefined ? {} : { error_user_msg: error.userMessage }),
      fbtrace_id: traceId()
    }
  },
  ...(error.headers === undefined ? {} : { headers: error.headers })
})

/** 400, code 100: a parameter breaks a rule (the document's "Invalid parameter"). */
export const invalidParameter = (message: string, details: ErrorDetails = {}): GraphError =>
  new GraphError({ status: 400, type: "OAuthException", code: 100, message, ...details })

/** 422, code 100: the request is well-formed but the object's state does not allow it. */
export const unprocessable = (message: string, details: ErrorDetails = {}): GraphError =>
  new GraphError({ status: 422, type: "GraphMethodException", code: 100, message, ...details })

/** 409, code 100: the object already exists. */
export const conflict = (message: string): GraphError =>
  new GraphError({ status: 409, type: "GraphMethodException", code: 100, message })

/** 404, code 803: the document's answer for an id that names nothing. */
export const notFound = (message: string, details: ErrorDetails = {}): GraphError =>
  new GraphError({ status: 404, type: "GraphMethodException", code: 803, message, ...details })

/** 400, code 100, subcode 33: the object exists but does not support this method. */
export const unsupported = (method: string, id: string): GraphError =>
  new GraphError({
    status: 400,
    type: "GraphMethodException",
    code: 100,
    subcode: 33,
    message:
      `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due ` +
      "to missing permissions, or does not support this operation"
  })

/** 400, code 100: an edge asked of a node that does not have it. */
export const nonexistingField = (edge: string, nodeType: string): GraphError =>
  invalidParameter(`(#100) Tried accessing nonexisting field (${edge}) on node type (${nodeType})`)

/** 401, code 104: no access token. */
export const missingToken: GraphError = new GraphError({
  status: 401,
  type: "OAuthException",
  code: 104,
  message: "An access token is required to request this resource"
})

/** 401, code 190: a token that is not the account's. */
export const invalidToken: GraphError = new GraphError({
  status: 401,
  type: "OAuthException",
  code: 190,
  message: "Invalid OAuth access token"
})

/** 401, code 190, subcode 463: the token's session has expired. */
export const expiredToken = (expiredAt: number): GraphError =>
  new GraphError({
    status: 401,
    type: "OAuthException",
    code: 190,
    subcode: 463,
    message: `Error validating access token: Session has expired on ${new Date(expiredAt).toUTCString()}.`
  })

/** 403, code 200, subcode 1349176: the token lacks the permission the endpoint needs. */
export const missingPermission = (permissions: ReadonlyArray<string>): GraphError =>
  new GraphError({
    status: 403,
    type: "OAuthException",
    code: 200,
    subcode: 1349176,
    message: `Requires ${permissions.join(" or ")} permission`
  })

/** 403, code 10: the app may not perform this action (the `business_management` permission is missing). */
export const applicationPermission = (permission: string): GraphError =>
  new GraphError({
    status: 403,
    type: "OAuthException",
    code: 10,
    message: `Application does not have permission for this action (requires ${permission})`
  })

/** 403, code 200, subcode 1349174: the object exists but is not shared with the token. */
export const noAccess = (what: string): GraphError =>
  new GraphError({
    status: 403,
    type: "OAuthException",
    code: 200,
    subcode: 1349174,
    message: `Your app doesn't have permission to access this ${what}`,
    userTitle: "Permission Denied",
    userMessage: "Your app doesn't have permission to access this resource"
  })

/** The rate-limit codes of the Graph API and the WhatsApp Business Platform. */
export type RateLimitCode = 4 | 17 | 32 | 613 | 80007 | 130429

const rateLimitMessages: Record<RateLimitCode, string> = {
  4: "Application request limit reached",
  17: "User request limit reached",
  32: "Page request limit reached",
  613: "Calls to this api have exceeded the rate limit.",
  80007: "Business request limit reached for WhatsApp Business Account",
  130429: "Rate limit hit: Cloud API message throughput has been reached."
}

/** 429 with a rate-limit code (the document's examples carry subcode 2446079 and `is_transient`). */
export const rateLimited = (
  code: RateLimitCode,
  headers: Readonly<Record<string, string>>,
  message: string = rateLimitMessages[code]
): GraphError =>
  new GraphError({
    status: 429,
    type: "OAuthException",
    code,
    ...(code === 4 || code === 17 || code === 80007 ? { subcode: 2446079 } : {}),
    transient: true,
    message,
    headers
  })

/** 500, code 2: the document's unexpected error. */
export const internalError: GraphError = new GraphError({
  status: 500,
  type: "GraphMethodException",
  code: 2,
  transient: true,
  message: "An unexpected error occurred. Please retry your request"
})

/** A failure with more headers. */
export const withHeaders = (error: GraphError, headers: Readonly<Record<string, string>>): GraphError =>
  new GraphError({
    status: error.status,
    message: error.message,
    type: error.type,
    code: error.code,
    subcode: error.subcode,
    userTitle: error.userTitle,
    userMessage: error.userMessage,
    transient: error.transient,
    headers: { ...error.headers, ...headers }
  })
