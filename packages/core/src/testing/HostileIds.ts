/**
 * The hostile-id check every adapter runs: the nastiest ids we can think of (dot segments, encoded
 * dot segments, Unicode look-alikes of `..` and `/`, `%2F`, `?`, `#`, `&name=value`, CR/LF, NUL, lone
 * surrogates, invisible formatting characters, very long …)
 * go through every operation that puts an id in a path. Each must end either in a local
 * `InvalidInput` naming the field with not one request sent, or in requests whose path is exactly
 * the intended resource (the id encoded as one segment) — never a request to another resource,
 * never a defect.
 *
 * @since 0.1.0
 */
import { Cause, Effect, Exit, Option } from "effect"
import type { AdminError } from "../AdminError.js"
import * as ReliabilityMetrics from "./ReliabilityMetrics.js"

/**
 * One hostile id, with what it tries.
 *
 * @since 0.1.0
 * @category models
 */
export interface HostileValue {
  readonly label: string
  readonly value: string
}

/**
 * The catalogue of hostile ids.
 *
 * @since 0.1.0
 * @category constants
 */
export const values: ReadonlyArray<HostileValue> = [
  { label: "empty", value: "" },
  { label: "dot", value: "." },
  { label: "dot-dot", value: ".." },
  { label: "encoded dot", value: "%2e" },
  { label: "encoded dot-dot", value: "%2E%2E" },
  { label: "half-encoded dot-dot", value: ".%2e" },
  { label: "double-encoded dot-dot", value: "%252e%252e" },
  { label: "fullwidth dot-dot (NFKC ..)", value: "\uFF0E\uFF0E" },
  { label: "two dot leader (NFKC ..)", value: "\u2025" },
  { label: "dot-dot with a path parameter", value: "..;" },
  { label: "dot-dot then a name", value: "../other" },
  { label: "a name then dot-dot", value: "id/.." },
  { label: "backslash dot-dot", value: "..\\.." },
  { label: "slash", value: "/" },
  { label: "a slash inside", value: "id/other" },
  { label: "encoded slash", value: "%2F" },
  { label: "encoded slash inside", value: "id%2Fother" },
  { label: "fullwidth solidus inside (NFKC /)", value: "id\uFF0Fother" },
  { label: "question mark", value: "?" },
  { label: "a query inside", value: "id?name=value" },
  { label: "hash", value: "#" },
  { label: "a fragment inside", value: "id#fragment" },
  { label: "a parameter", value: "&name=value" },
  { label: "a parameter inside", value: "id&name=value" },
  { label: "percent", value: "%" },
  { label: "bad percent-encoding", value: "%zz" },
  { label: "space", value: " " },
  { label: "spaces around", value: " id " },
  { label: "tab", value: "\t" },
  { label: "CR LF header injection", value: "id\r\nX-Injected: 1" },
  { label: "LF", value: "id\n" },
  { label: "NUL", value: "id\u0000" },
  { label: "encoded NUL", value: "id%00" },
  { label: "line separator", value: "id\u2028" },
  { label: "zero-width space", value: "id\u200Bother" },
  { label: "right-to-left override", value: "id\u202Eother" },
  { label: "DEL", value: "id\u007f" },
  { label: "lone surrogate", value: "id\uD800" },
  { label: "non-ASCII", value: "idé" },
  { label: "very long", value: "9".repeat(10_000) }
]

/**
 * One operation that puts an id in a path.
 *
 * @since 0.1.0
 * @category models
 */
export interface Case<R> {
  readonly operation: string
  /** The input field the id is given in, as an `InvalidInput` names it (`id`, `deploymentId` …). */
  readonly field: string
  /** Runs the operation with `value` in `field` (every other input valid). */
  readonly run: (value: string) => Effect.Effect<unknown, AdminError, R>
  /**
   * The request paths (as the provider receives them, without the query string) the operation
   * may send when it accepts `value`, given the value percent-encoded as one segment.
   */
  readonly paths: (encoded: string) => ReadonlyArray<string>
  /**
   * For ids sent in a query parameter or a body field rather than the path: whether a request
   * carried `value` intact where it belongs (not split into other parameters or fields).
   */
  readonly intact?: (request: SentRequest, value: string) => boolean
}

/**
 * A case whose id, when accepted, lands in one request path (`path` of the id percent-encoded as
 * one segment).
 *
 * @since 0.2.0
 * @category constructors
 */
export const inPath = <R>(
  operation: string,
  field: string,
  run: Case<R>["run"],
  path: (encoded: string) => string
): Case<R> => ({ operation, field, run, paths: (encoded) => [path(encoded)] })

/**
 * A request as an emulator recorded it.
 *
 * @since 0.1.0
 * @category models
 */
export interface SentRequest {
  readonly method: string
  /** The path as received (percent-encoded), without the query string. */
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  /** The parsed JSON body, if any. */
  readonly body: unknown
}

/**
 * What tells where requests went: an emulator's request log.
 *
 * @since 0.1.0
 * @category models
 */
export interface RequestLog {
  readonly clearRequests: Effect.Effect<void>
  readonly requests: Effect.Effect<ReadonlyArray<SentRequest>>
}

/**
 * What a run found.
 *
 * @since 0.1.0
 * @category models
 */
export interface Report {
  /** One line per bad outcome. */
  readonly failures: ReadonlyArray<string>
  /** How many (operation, value) pairs ran. */
  readonly scenarios: number
  /** How many were refused locally (the rest reached the provider, at the intended path). */
  readonly refused: number
  /** Requests that went to another path than the intended resource. */
  readonly strayRequests: number
  /** Requests sent although the call was refused locally. */
  readonly requestsAfterRefusal: number
}

const encodeOrUndefined = (value: string): string | undefined => {
  try {
    return encodeURIComponent(value)
  } catch {
    return undefined
  }
}

/**
 * Runs every case with every hostile value (or `hostile`, when given), records the outcome in the
 * reliability summary (area `ids`), and reports every bad outcome.
 *
 * @since 0.1.0
 * @category running
 */
export const run = <R>(
  cases: ReadonlyArray<Case<R>>,
  log: RequestLog,
  hostile: ReadonlyArray<HostileValue> = values
): Effect.Effect<Report, never, R> =>
  Effect.gen(function*() {
    const failures: Array<string> = []
    let refused = 0
    let strayRequests = 0
    let requestsAfterRefusal = 0
    const failedScenarios = new Set<string>()
    for (const testCase of cases) {
      for (const { label, value } of hostile) {
        const scenario = `${testCase.operation} with ${testCase.field} = ${label}`
        const fail = (text: string) => {
          failures.push(`${scenario}: ${text}`)
          failedScenarios.add(scenario)
        }
        yield* log.clearRequests
        const exit = yield* Effect.exit(testCase.run(value))
        const requests = yield* log.requests
        // A typed failure may come with interruptions (a sibling fiber stopped by it): only a
        // defect, or a failure with no error at all, is a bad outcome.
        if (
          Exit.isFailure(exit) &&
          (Cause.isDie(exit.cause) ||
            (Option.isNone(Cause.failureOption(exit.cause)) && !Cause.isInterruptedOnly(exit.cause)))
        ) {
          fail(`a defect instead of a typed error: ${Cause.pretty(exit.cause).split("\n")[0] ?? ""}`)
        }
        const error = Exit.isFailure(exit) ? Cause.failureOption(exit.cause) : undefined
        const refusal = error !== undefined && error._tag === "Some" && error.value._tag === "InvalidInput" &&
            error.value.source === "local"
          ? error.value
          : undefined
        if (refusal !== undefined) {
          refused++
          if (
            !refusal.issues.some((issue) =>
              issue.field === testCase.field || issue.field.endsWith(`.${testCase.field}`)
            )
          ) {
            fail(
              `refused without naming ${testCase.field} (named ${
                refusal.issues.map((issue) => issue.field).join(", ")
              })`
            )
          }
          if (requests.length > 0) {
            requestsAfterRefusal += requests.length
            fail(`refused locally, yet ${requests.length} request(s) were sent`)
          }
          continue
        }
        const encoded = encodeOrUndefined(value)
        const allowed = new Set(encoded === undefined ? [] : testCase.paths(encoded))
        for (const request of requests) {
          if (!allowed.has(request.path)) {
            strayRequests++
            fail(`${request.method} ${request.path.slice(0, 200)} is not the intended resource`)
          } else if (testCase.intact !== undefined && !testCase.intact(request, value)) {
            strayRequests++
            fail(`${request.method} ${request.path.slice(0, 200)} did not carry the id intact`)
          }
        }
      }
    }
    const scenarios = cases.length * hostile.length
    ReliabilityMetrics.record({
      area: "ids",
      scenariosRun: scenarios,
      scenariosPassed: scenarios - failedScenarios.size,
      badInputRequests: requestsAfterRefusal,
      hostileOutcomes: failedScenarios.size
    })
    return { failures, scenarios, refused, strayRequests, requestsAfterRefusal }
  })
