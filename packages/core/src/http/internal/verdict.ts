/**
 * What one attempt's outcome means for the call: retry it (perhaps after a `Retry-After`) or
 * stop with an error. Pure decisions, kept apart from sending.
 *
 * @internal
 */
import { Duration } from "effect"
import { OutcomeUnknown, ProviderUnavailable, RateLimited, UnexpectedResponse } from "../../AdminError.js"
import type { AdminError, ProviderProblem } from "../../AdminError.js"

/** Retry the call, or stop with the error. */
export type Verdict =
  | { readonly _tag: "Retry"; readonly error: AdminError; readonly retryAfter?: Duration.Duration }
  | { readonly _tag: "Stop"; readonly error: AdminError }

/** @internal */
export const stop = (error: AdminError): Verdict => ({ _tag: "Stop", error })

/** @internal */
export const retry = (error: AdminError, retryAfter?: Duration.Duration): Verdict =>
  retryAfter === undefined ? { _tag: "Retry", error } : { _tag: "Retry", error, retryAfter }

/** Where an error came from. */
export interface Origin {
  readonly provider: string
  readonly operation: string
}

/**
 * A failure that may have happened after the request reached the provider: retried when
 * repeating the request is harmless, `OutcomeUnknown` otherwise — never a second attempt.
 */
export const ambiguous = (
  origin: Origin,
  idempotent: boolean,
  attempts: number,
  reason: string,
  status?: number,
  problem?: ProviderProblem
): Verdict => {
  const extra = { ...(status === undefined ? {} : { status }), ...(problem === undefined ? {} : { problem }) }
  return idempotent
    ? retry(new ProviderUnavailable({ ...origin, ...extra, attempts, reason }))
    : stop(new OutcomeUnknown({ ...origin, ...extra, reason }))
}

const errorCodes = (error: unknown): ReadonlyArray<string> => {
  const codes: Array<string> = []
  let current: unknown = error
  for (let depth = 0; depth < 6 && current !== null && typeof current === "object"; depth++) {
    const code = (current as { readonly code?: unknown }).code
    if (typeof code === "string") codes.push(code)
    const errors = (current as { readonly errors?: unknown }).errors
    if (Array.isArray(errors)) { for (const inner of errors.slice(0, 8)) codes.push(...errorCodes(inner)) }
    current = (current as { readonly cause?: unknown }).cause
  }
  return codes
}

/** Errors that prove the request never left this machine. */
const neverSentCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EADDRNOTAVAIL",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT"
])

/** A transport error before an answer: retried when the request surely was not sent. */
export const transportError = (origin: Origin, idempotent: boolean, attempts: number, cause: unknown): Verdict => {
  const codes = errorCodes(cause)
  const reason = `transport error${codes.length > 0 ? ` (${codes[0]})` : ""}`
  return codes.some((code) => neverSentCodes.has(code))
    ? retry(new ProviderUnavailable({ ...origin, attempts, reason: `${reason}: the request was not sent` }))
    : ambiguous(origin, idempotent, attempts, `${reason}: the connection failed after the request may have been sent`)
}

/**
 * The verdict on a status the policy itself decides: 408 and 429 (retried, the provider did not
 * act), 501 (stop), other 5xx (retried when harmless, else `OutcomeUnknown`); a `Retry-After`
 * beyond the cap stops at once, carrying it. `undefined` for statuses the adapter classifies.
 */
export const ofStatus = (
  origin: Origin,
  idempotent: boolean,
  attempts: number,
  status: number,
  problem: ProviderProblem | undefined,
  retryAfter: Duration.Duration | undefined,
  retryAfterCap: Duration.Duration
): Verdict | undefined => {
  const problemField = problem === undefined ? {} : { problem }
  const retryAfterField = retryAfter === undefined ? {} : { retryAfter }
  const beyondCap = retryAfter !== undefined && Duration.greaterThan(retryAfter, retryAfterCap)
  if (status === 429) {
    const error = new RateLimited({ ...origin, ...problemField, ...retryAfterField, attempts })
    return beyondCap ? stop(error) : retry(error, retryAfter)
  }
  /** Unavailable for now: retried after the provider's Retry-After, unless that is beyond the cap. */
  const unavailable = (reason: string) => {
    const error = new ProviderUnavailable({ ...origin, ...problemField, ...retryAfterField, status, attempts, reason })
    return beyondCap ? stop(error) : retry(error, retryAfter)
  }
  if (status === 408) return unavailable("request timeout (408)")
  if (status === 501) {
    return stop(
      new ProviderUnavailable({
        ...origin,
        ...problemField,
        status,
        attempts,
        reason: "not implemented by the provider (501)"
      })
    )
  }
  if (status >= 500) {
    if (!idempotent) return ambiguous(origin, idempotent, attempts, `server error (${status})`, status, problem)
    return unavailable(`server error (${status})`)
  }
  return undefined
}

/** A redirect is never followed: credentials must not reach another host. */
export const redirect = (origin: Origin, status: number, target: string | undefined): Verdict =>
  stop(
    new UnexpectedResponse({
      ...origin,
      status,
      reason: `redirect${target === undefined ? "" : ` to ${target}`} not followed (credentials are never sent on)`
    })
  )

const monthNames = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
/** The three HTTP-date forms of RFC 9110 §5.6.7: IMF-fixdate, RFC 850 and asctime. */
const httpDate = new RegExp(
  [
    `^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} ${monthNames} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT$`,
    `^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \\d{2}-${monthNames}-\\d{2} \\d{2}:\\d{2}:\\d{2} GMT$`,
    `^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${monthNames} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\d{4}$`
  ].join("|")
)

/**
 * Parses `Retry-After`: delay-seconds or an HTTP date (a date in the past means "now").
 * Missing or anything else → `undefined`.
 */
export const parseRetryAfter = (value: string | undefined, nowMillis: number): Duration.Duration | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) {
    const seconds = Number(trimmed)
    return Number.isFinite(seconds) ? Duration.seconds(seconds) : undefined
  }
  if (trimmed.length > 64 || !httpDate.test(trimmed)) return undefined
  const date = Date.parse(/GMT$/.test(trimmed) ? trimmed : `${trimmed} GMT`)
  if (Number.isNaN(date)) return undefined
  return Duration.millis(Math.max(0, date - nowMillis))
}
