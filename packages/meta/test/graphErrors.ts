import type { AdminError } from "@wa-admin/core"

/** One documented Graph error and what it becomes. */
export interface GraphErrorCase<Expected = AdminError.AdminError["_tag"]> {
  readonly status: number
  readonly code: number
  readonly subcode?: number
  readonly expected: Expected
}

/**
 * The Graph errors the document and the issue name whose meaning is the same whatever the
 * operation answered.
 */
export const anyOperation: ReadonlyArray<GraphErrorCase> = [
  { status: 401, code: 190, subcode: 463, expected: "Unauthorized" },
  { status: 400, code: 190, expected: "Unauthorized" },
  { status: 401, code: 104, expected: "Unauthorized" },
  { status: 403, code: 10, expected: "Forbidden" },
  { status: 403, code: 200, subcode: 1349174, expected: "Forbidden" },
  { status: 400, code: 299, expected: "Forbidden" },
  { status: 400, code: 4, expected: "RateLimited" },
  { status: 400, code: 17, expected: "RateLimited" },
  { status: 400, code: 32, expected: "RateLimited" },
  { status: 400, code: 613, expected: "RateLimited" },
  { status: 400, code: 80007, expected: "RateLimited" },
  { status: 400, code: 130429, expected: "RateLimited" },
  { status: 429, code: 4, subcode: 2446079, expected: "RateLimited" },
  { status: 400, code: 100, expected: "InvalidInput" },
  { status: 404, code: 100, expected: "NotFound" },
  { status: 400, code: 803, expected: "NotFound" },
  { status: 404, code: 803, expected: "NotFound" },
  { status: 409, code: 100, expected: "Conflict" },
  { status: 400, code: 2, expected: "ProviderUnavailable" },
  { status: 400, code: 1, expected: "ProviderUnavailable" }
]
