import type { AdminError } from "@wa-admin/core"

/** One documented Graph error and what it becomes. */
export interface GraphErrorCase<Expected = AdminError.AdminError["_tag"]> {
  readonly status: number
  readonly code: number
  readonly subcode?: number
  readonly expected: Expected
}

/** A Graph error by its HTTP status, code and (optional) subcode. */
type Answer = readonly [status: number, code: number, subcode?: number]

/** The cases of a table from each outcome to the Graph errors that give it. */
const byOutcome = (
  table: { readonly [Tag in AdminError.AdminError["_tag"]]?: ReadonlyArray<Answer> }
): ReadonlyArray<GraphErrorCase> =>
  Object.entries(table).flatMap(([expected, answers]) =>
    answers.map(([status, code, subcode]) => ({
      status,
      code,
      ...(subcode === undefined ? {} : { subcode }),
      expected: expected as AdminError.AdminError["_tag"]
    }))
  )

/**
 * The Graph errors the document and the issue name whose meaning is the same whatever the
 * operation answered.
 */
export const anyOperation: ReadonlyArray<GraphErrorCase> = byOutcome({
  Unauthorized: [[401, 190, 463], [400, 190], [401, 104]],
  Forbidden: [[403, 10], [403, 200, 1349174], [400, 299]],
  RateLimited: [[400, 4], [400, 17], [400, 32], [400, 613], [400, 80007], [400, 130429], [429, 4, 2446079]],
  InvalidInput: [[400, 100]],
  NotFound: [[404, 100], [400, 803], [404, 803]],
  Conflict: [[409, 100]],
  ProviderUnavailable: [[400, 2], [400, 1]]
})
