/**
 * What a route answers, before it becomes an HTTP response, and the problem bodies of the
 * WhatsApp Manager document.
 *
 * @internal
 */
import type { EmulatorHost } from "@wa-admin/core/testing"
import * as Crypto from "node:crypto"

/** @internal */
export type Reply = EmulatorHost.Reply

/** @internal */
export interface InvalidParameter {
  readonly name: string
  readonly reason: string
}

/** The problem codes of the document's `x-errors` (typed under `api-errors/whatsapp-provisioning`). @internal */
export type ProvisioningCode =
  | "number-in-use"
  | "invalid-json"
  | "unprocessable"
  | "unprocessable-profile-update"
  | "throttled"
  | "verification-failed"
  | "conflict-deployment-state"
  | "conflict-resend-otp"

/** Vonage's generic codes, typed under `api-errors` as the document's examples show. @internal */
export type GenericCode = "unauthorized" | "forbidden" | "not-found" | "method-not-allowed" | "internal-error"

const provisioningBase = "https://developer.vonage.com/api-errors/whatsapp-provisioning#"
const genericBase = "https://developer.vonage.com/api-errors#"

const genericCodes: ReadonlySet<string> = new Set<GenericCode>([
  "unauthorized",
  "forbidden",
  "not-found",
  "method-not-allowed",
  "internal-error"
])

/** An "Internal Trace ID" as the document shows it: 32 hex digits. @internal */
export const traceId = (): string => Crypto.randomBytes(16).toString("hex")

/** @internal */
export const problem = (
  status: number,
  code: ProvisioningCode | GenericCode,
  title: string,
  detail: string,
  options?: {
    readonly invalidParameters?: ReadonlyArray<InvalidParameter>
    readonly headers?: Readonly<Record<string, string>>
  }
): Reply => ({
  status,
  body: {
    type: (genericCodes.has(code) ? genericBase : provisioningBase) + code,
    title,
    detail,
    instance: traceId(),
    ...(options?.invalidParameters === undefined ? {} : { invalid_parameters: options.invalidParameters })
  },
  ...(options?.headers === undefined ? {} : { headers: options.headers })
})

/** @internal */
export const ok = (status: number, body?: unknown): Reply => (body === undefined ? { status } : { status, body })

/** @internal */
export const unauthorized = (reason: string): Reply =>
  problem(
    401,
    "unauthorized",
    "You did not provide correct credentials.",
    `Check that you're using the correct credentials, and that your account has this feature enabled (${reason})`
  )

/** @internal */
export const notFound = (detail = "Deployment does not exist or you do not have access."): Reply =>
  problem(404, "not-found", "Not Found", detail)

/** @internal */
export const invalidJson = (detail: string): Reply => problem(400, "invalid-json", "Invalid JSON", detail)

const describe = (parameters: ReadonlyArray<InvalidParameter>): string =>
  parameters.map((parameter) => `${parameter.name} (${parameter.reason})`).join(", ")

/** @internal */
export const unprocessable = (invalidParameters: ReadonlyArray<InvalidParameter>): Reply =>
  problem(
    422,
    "unprocessable",
    "Unprocessable Entity",
    `The request had invalid parameters and could not be processed: ${describe(invalidParameters)}`,
    { invalidParameters }
  )

/** @internal */
export const unprocessableProfileUpdate = (invalidParameters: ReadonlyArray<InvalidParameter>): Reply =>
  problem(
    422,
    "unprocessable-profile-update",
    "Unprocessable Entity",
    `The profile update had invalid parameters and could not be processed: ${describe(invalidParameters)}`,
    { invalidParameters }
  )
