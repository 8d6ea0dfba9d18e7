/**
 * Graph API errors (`{ error: { message, type, code, error_subcode, error_user_title,
 * error_user_msg, fbtrace_id } }`) mapped onto the error union by their documented codes — never
 * by the words of a message. The whole error is kept as the provider problem: `code` is Graph's
 * code, with the subcode after a slash when there is one (`"100/2207051"`), `type` Graph's type,
 * `title` the `error_user_title`, `detail` the `error_user_msg` (else `message`) and `instance`
 * the `fbtrace_id` (what Meta's support asks for).
 *
 * | code | error |
 * |---|---|
 * | 190, 104 (access token invalid, expired or missing) | `Unauthorized` |
 * | 10, 200–299 (permissions) | `Forbidden` |
 * | 4, 17, 32, 613, 80007, 130429 (application, user, page, custom, WhatsApp business and throughput limits) | `RateLimited` |
 * | 803, 132000 (no such object, template not found) | `NotFound` |
 * | 133005, 133008, 133009 (two-step PIN mismatch, too many guesses, guessed too fast) | `VerificationFailed` |
 * | 133016 (register/deregister limit of a number) | `QuotaExceeded`, 72 hours |
 * | any code with subcode 2207051 (the number is not registered on the platform) | `Conflict` |
 * | 1, 2 (unknown or temporary server trouble) | `ProviderUnavailable` |
 * | 100 (invalid parameter) and any other | by status: 404 `NotFound`, 409 `Conflict`, a 422 where the document gives a state its meaning (see {@link stateAnswers}), else `InvalidInput` from the provider |
 *
 * 429 and 5xx answers are the transport's (retried where harmless; `RateLimited`,
 * `ProviderUnavailable` or `OutcomeUnknown` when they persist), carrying the same problem: the
 * transport reads every failure body with {@link readProblem}. A `RateLimited` gets its
 * `retryAfter` from Meta's usage headers (`estimated_time_to_regain_access`), see `usage.ts`.
 */
import { AdminError, Transport } from "@wa-admin/core"
import { Duration, Either, Option, Schema } from "effect"

/** The provider name used in errors, spans and capabilities. */
export const provider = "meta"

const optional = <A, I>(schema: Schema.Schema<A, I, never>) => Schema.optionalWith(schema, { exact: true })

/**
 * Graph's error object, every field optional: an answer is provider input, and one that leaves a
 * field out is still classified by what it does say.
 */
export const GraphError = Schema.Struct({
  error: Schema.Struct({
    message: optional(Schema.String),
    type: optional(Schema.String),
    code: optional(Schema.Number),
    error_subcode: optional(Schema.Number),
    error_user_title: optional(Schema.String),
    error_user_msg: optional(Schema.String),
    fbtrace_id: optional(Schema.String),
    is_transient: optional(Schema.Boolean)
  })
})
export type GraphError = typeof GraphError.Type

const decodeGraphError = Schema.decodeUnknownEither(GraphError, { onExcessProperty: "ignore" })

/** The Graph error of a body, when the body is one. */
export const graphErrorOf = (body: unknown): Option.Option<GraphError["error"]> =>
  Either.match(decodeGraphError(body), {
    onLeft: () => Option.none(),
    onRight: (decoded) => Option.some(decoded.error)
  })

/** Codes that mean the access token is not accepted: 190 (invalid or expired), 104 (missing). */
export const unauthorizedCodes: ReadonlySet<number> = new Set([190, 104])

/** Codes of Graph's and WhatsApp's rate limits. */
export const rateLimitCodes: ReadonlySet<number> = new Set([4, 17, 32, 613, 80007, 130429])

/** Codes that name no such object: 803 (an alias or id that does not exist), 132000 (the document's "Template not found"). */
export const notFoundCodes: ReadonlySet<number> = new Set([803, 132000])

/** Codes of a two-step PIN that was refused at registration. */
export const verificationCodes: ReadonlySet<number> = new Set([133005, 133008, 133009])

/** The register/deregister limit of a number: the 11th call in 72 hours is refused and locks registration for 72 hours. */
export const registerLimitCode = 133016

/** The subcode of a number that is not registered on the platform (nothing to deregister): a state, not bad input. */
export const notRegisteredSubcode = 2207051

/** How long Meta locks a number's registration after {@link registerLimitCode}. */
export const registerLock: Duration.Duration = Duration.hours(72)

/** Codes of server trouble a later attempt may not meet: 1 (unknown), 2 (service temporarily down). */
export const serverCodes: ReadonlySet<number> = new Set([1, 2])

/** Whether a code is one of Graph's permission codes: 10 or 200 to 299. */
export const isPermissionCode = (code: number): boolean => code === 10 || (code >= 200 && code <= 299)

/**
 * Statuses the document gives a meaning of state for some operations (code 100 at 422): the
 * code was refused (`/verify_code`: "invalid or has expired"), or the object is not in a state
 * for it (`/request_code`: "not eligible for verification at this time", `/register`: "already
 * registered or in invalid state", `/deregister`: "cannot be deregistered in its current state",
 * `POST /{Phone-Number-ID}`: "The phone number is not registered", `/whatsapp_business_encryption`:
 * "not eligible for encryption configuration", `/conversational_automation`: "must be verified
 * before configuring" (its other 422, duplicate command names, is refused before sending),
 * `DELETE /subscribed_apps`: "subscription is required for active integrations",
 * `/assigned_users`: "already assigned", "Cannot remove user due to business asset group
 * permissions").
 */
export const stateAnswers: Readonly<Record<string, "VerificationFailed" | "Conflict">> = {
  "numbers.verify": "VerificationFailed",
  "numbers.resend": "Conflict",
  "numbers.provision": "Conflict",
  "numbers.register": "Conflict",
  "numbers.release": "Conflict",
  "numbers.setPin": "Conflict",
  "numbers.changeDisplayName": "Conflict",
  "encryption.set": "Conflict",
  "automation.set": "Conflict",
  "webhooks.unsubscribe": "Conflict",
  "waba.users.add": "Conflict",
  "waba.users.remove": "Conflict"
}

/** The provider problem of a Graph error (texts scrubbed later by the transport). */
export const problemOf = (status: number, error: GraphError["error"]): AdminError.ProviderProblem =>
  new AdminError.ProviderProblem({
    status,
    code: error.code === undefined
      ? undefined
      : [error.code, error.error_subcode].filter((part) => part !== undefined).join("/"),
    type: error.type,
    title: error.error_user_title,
    detail: error.error_user_msg ?? error.message,
    instance: error.fbtrace_id
  })

/**
 * The provider problem of any answer holding a Graph error: the one reading of Meta's error body,
 * for the transport (every non-2xx answer, its own 429 and 5xx verdicts included) and for a 2xx
 * holding an error alike.
 */
export const readProblem = (status: number, body: unknown): Option.Option<AdminError.ProviderProblem> =>
  Option.map(graphErrorOf(body), (error) => problemOf(status, error))

/** Graph's code and subcode, read back from a problem's `code` (`"100/2207051"`). */
const codesOf = (problem: AdminError.ProviderProblem) => {
  const [code, subcode] = (problem.code ?? "").split("/").map((part) => part === "" ? undefined : Number(part))
  return { code, subcode }
}

/**
 * The error for a failed answer: its status, the Graph problem {@link readProblem} read of it and
 * how many attempts were made. The texts are the provider's and are scrubbed by the transport
 * with the rest of the error.
 */
export const classifyAnswer = (failure: {
  readonly operation: string
  readonly status: number
  readonly problem: Option.Option<AdminError.ProviderProblem>
  readonly attempts: number
  readonly fallback: () => AdminError.AdminError
}): AdminError.AdminError => {
  if (Option.isNone(failure.problem)) return failure.fallback()
  const problem = failure.problem.value
  const origin = { provider, operation: failure.operation, problem }
  const reason = problem.detail ?? problem.title ?? `HTTP ${failure.status}`
  const { code, subcode } = codesOf(problem)
  if (code !== undefined) {
    if (unauthorizedCodes.has(code)) return new AdminError.Unauthorized({ ...origin, reason })
    if (isPermissionCode(code)) return new AdminError.Forbidden({ ...origin, reason })
    if (rateLimitCodes.has(code)) return new AdminError.RateLimited({ ...origin, attempts: failure.attempts })
    if (notFoundCodes.has(code)) return new AdminError.NotFound({ ...origin, resource: "object" })
    if (verificationCodes.has(code)) return new AdminError.VerificationFailed({ ...origin, reason })
    if (code === registerLimitCode) {
      return new AdminError.QuotaExceeded({
        provider,
        operation: failure.operation,
        quota: "register and deregister calls per number (Meta refused with 133016 and locks registration)",
        limit: 10,
        retryAfter: registerLock
      })
    }
    if (serverCodes.has(code)) {
      return new AdminError.ProviderUnavailable({
        ...origin,
        status: failure.status,
        attempts: failure.attempts,
        reason
      })
    }
    if (subcode === notRegisteredSubcode) return new AdminError.Conflict({ ...origin, reason })
  }
  switch (failure.status) {
    case 401:
      return new AdminError.Unauthorized({ ...origin, reason })
    case 403:
      return new AdminError.Forbidden({ ...origin, reason })
    case 404:
      return new AdminError.NotFound({ ...origin, resource: "object" })
    case 409:
      return new AdminError.Conflict({ ...origin, reason })
    case 422: {
      const meaning = stateAnswers[failure.operation]
      if (meaning === "VerificationFailed") return new AdminError.VerificationFailed({ ...origin, reason })
      if (meaning === "Conflict") return new AdminError.Conflict({ ...origin, reason })
      break
    }
  }
  return new AdminError.InvalidInput({
    ...origin,
    source: "provider",
    issues: [new AdminError.FieldIssue({ field: "(input)", rule: reason })]
  })
}

/**
 * Maps a non-2xx answer the transport did not decide itself onto the error union, by the problem
 * {@link readProblem} read of it.
 */
export const classify = (failure: Transport.Failure): AdminError.AdminError =>
  classifyAnswer({
    operation: failure.operation,
    status: failure.status,
    problem: failure.problem,
    attempts: failure.attempts,
    fallback: () => Transport.defaultFailure(provider, failure, failure.scrub)
  })
