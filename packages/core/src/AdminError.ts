/**
 * The one error union every port method fails with.
 *
 * Every error names the provider and the operation it came from and knows whether a retry
 * can help (`retryable`), in the manner of the AWS SDK's and the Vercel AI SDK's errors.
 *
 * @since 0.1.0
 */
import { Duration, Schema } from "effect"

/**
 * One violated rule on one input field: `field` is a dotted path (`profile.websites.2`).
 *
 * @since 0.1.0
 * @category models
 */
export class FieldIssue extends Schema.Class<FieldIssue>("@wa-admin/core/FieldIssue")({
  field: Schema.String,
  rule: Schema.String
}) {}

/**
 * The provider's own account of a failure, kept verbatim where it sent one
 * (RFC 7807 problem bodies from Vonage, error codes from Kaleyra, messages from WOZTELL).
 *
 * @since 0.1.0
 * @category models
 */
export class ProviderProblem extends Schema.Class<ProviderProblem>("@wa-admin/core/ProviderProblem")({
  status: Schema.optional(Schema.Int),
  code: Schema.optional(Schema.String),
  type: Schema.optional(Schema.String),
  title: Schema.optional(Schema.String),
  detail: Schema.optional(Schema.String),
  instance: Schema.optional(Schema.String),
  invalidParameters: Schema.optional(
    Schema.Array(Schema.Struct({ name: Schema.String, reason: Schema.String }))
  )
}) {}

const origin = {
  provider: Schema.String,
  operation: Schema.String
}

/** A wait, as whole or fractional milliseconds on the wire; always finite, so errors stay JSON. */
const Wait = Schema.DurationFromMillis.pipe(
  Schema.filter((duration) => Duration.isFinite(duration) || "must be a finite duration")
)

const Count = Schema.NonNegativeInt

const problem = { problem: Schema.optional(ProviderProblem) }

const describe = (self: { readonly provider: string; readonly operation: string }, text: string) =>
  `${self.provider}.${self.operation}: ${text}`

const retryAfterText = (retryAfter: Duration.Duration | undefined) =>
  retryAfter === undefined ? "" : ` (retry after ${Duration.format(retryAfter)})`

/**
 * The input broke one or more rules. `source` says who noticed: `"local"` means nothing was
 * sent to the provider; `"provider"` means the provider refused it.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidInput extends Schema.TaggedError<InvalidInput>("@wa-admin/core/InvalidInput")(
  "InvalidInput",
  {
    ...origin,
    ...problem,
    source: Schema.Literal("local", "provider"),
    issues: Schema.NonEmptyArray(FieldIssue)
  }
) {
  /** @since 0.1.0 */
  get retryable(): boolean {
    return false
  }
  /** @since 0.1.0 */
  override get message(): string {
    const fields = this.issues.map((issue) => `${issue.field}: ${issue.rule}`).join("; ")
    return describe(
      this,
      `invalid input (${this.source === "local" ? "nothing was sent" : "refused by provider"}): ${fields}`
    )
  }
}

/**
 * The credentials were missing, malformed, expired or refused (HTTP 401).
 *
 * @since 0.1.0
 * @category errors
 */
export class Unauthorized extends Schema.TaggedError<Unauthorized>("@wa-admin/core/Unauthorized")(
  "Unauthorized",
  { ...origin, ...problem, reason: Schema.String }
) {
  /** @since 0.1.0 */
  get retryable(): boolean {
    return false
  }
  /** @since 0.1.0 */
  override get message(): string {
    return describe(this, `unauthorized: ${this.reason}`)
  }
}

/**
 * The credentials are valid but may not do this (HTTP 403).
 *
 * @since 0.1.0
 * @category errors
 */
export class Forbidden extends Schema.TaggedError<Forbidden>("@wa-admin/core/Forbidden")(
  "Forbidden",
  { ...origin, ...problem, reason: Schema.String }
) {
  /** @since 0.1.0 */
  get retryable(): boolean {
    return false
  }
  /** @since 0.1.0 */
  override get message(): string {
    return describe(this, `forbidden: ${this.reason}`)
  }
}

/**
 * The thing asked for does not exist at the provider.
 *
 * @since 0.1.0
 * @category errors
 */
export class NotFound extends Schema.TaggedError<NotFound>("@wa-admin/core/NotFound")(
  "NotFound",
  { ...origin, ...problem, resource: Schema.String, id: Schema.optional(Schema.String) }
) {
  /** @since 0.1.0 */
  get retryable(): boolean {
    return false
  }
  /** @since 0.1.0 */
  override get message(): string {
    return describe(this, `${this.resource}${this.id === undefined ? "" : ` ${this.id}`} not found`)
  }
}

/**
 * The request clashes with the provider's current state: a number already in use (with the
 * existing id), a deployment in a transitional state, an activation already submitted.
 *
 * @since 0.1.0
 * @category errors
 */
export class Conflict extends Schema.TaggedError<Conflict>("@wa-admin/core/Conflict")(
  "Conflict",
  { ...origin, ...problem, reason: Schema.String, existingId: Schema.optional(Schema.String) }
) {
  /** @since 0.1.0 */
  get retryable(): boolean {
    return false
  }
  /** @since 0.1.0 */
  override get message(): string {
    return describe(
      this,
      `conflict: ${this.reason}${this.existingId === undefined ? "" : ` (existing: ${this.existingId})`}`
    )
  }
}

/**
 * A verification code was wrong, or too many attempts were made.
 *
 * @since 0.1.0
 * @category errors
 */
export class VerificationFailed extends Schema.TaggedError<VerificationFailed>(
  "@wa-admin/core/VerificationFailed"
)("VerificationFailed", { ...origin, ...problem, reason: Schema.String }) {
  /** @since 0.1.0 */
  get retryable(): boolean {
    return false
  }
  /** @since 0.1.0 */
  override get message(): string {
    return describe(this, `verification failed: ${this.reason}`)
  }
}

/**
 * The provider throttled the request (HTTP 429) and retries did not get through.
 *
 * @since 0.1.0
 * @category errors
 */
export class RateLimited extends Schema.TaggedError<RateLimited>("@wa-admin/core/RateLimited")(
  "RateLimited",
  { ...origin, ...problem, retryAfter: Schema.optional(Wait), attempts: Count }
) {
  /** @since 0.1.0 */
  get retryable(): boolean {
    return true
  }
  /** @since 0.1.0 */
  override get message(): string {
    return describe(this, `rate limited after ${this.attempts} attempt(s)${retryAfterText(this.retryAfter)}`)
  }
}

/**
 * A client-side budget (for example WOZTELL's 100 template creations per hour) would be
 * exceeded: refused before any request, with the time it frees up.
 *
 * @since 0.1.0
 * @category errors
 */
export class QuotaExceeded extends Schema.TaggedError<QuotaExceeded>("@wa-admin/core/QuotaExceeded")(
  "QuotaExceeded",
  { ...origin, quota: Schema.String, limit: Count, retryAfter: Wait }
) {
  /** @since 0.1.0 */
  get retryable(): boolean {
    return true
  }
  /** @since 0.1.0 */
  override get message(): string {
    return describe(
      this,
      `quota "${this.quota}" (${this.limit}) exhausted${retryAfterText(this.retryAfter)}; nothing was sent`
    )
  }
}

/**
 * The provider does not offer this operation.
 *
 * @since 0.1.0
 * @category errors
 */
export class Unsupported extends Schema.TaggedError<Unsupported>("@wa-admin/core/Unsupported")(
  "Unsupported",
  {
    ...origin,
    /** Why the provider cannot do it, and what to do instead, when the adapter says. */
    reason: Schema.optional(Schema.String)
  }
) {
  /** @since 0.1.0 */
  get retryable(): boolean {
    return false
  }
  /** @since 0.1.0 */
  override get message(): string {
    return describe(this, `not supported by ${this.provider}${this.reason === undefined ? "" : `: ${this.reason}`}`)
  }
}

/**
 * The provider could not be reached or kept failing (5xx, transport errors, time-outs) after
 * the retry policy gave up, for an operation that certainly had no effect or is idempotent.
 *
 * @since 0.1.0
 * @category errors
 */
export class ProviderUnavailable extends Schema.TaggedError<ProviderUnavailable>(
  "@wa-admin/core/ProviderUnavailable"
)("ProviderUnavailable", {
  ...origin,
  ...problem,
  status: Schema.optional(Schema.Int),
  attempts: Count,
  reason: Schema.String,
  /** How long the provider last asked to wait (`Retry-After`), when it said. */
  retryAfter: Schema.optional(Wait)
}) {
  /** @since 0.1.0 */
  get retryable(): boolean {
    return this.status !== 501
  }
  /** @since 0.1.0 */
  override get message(): string {
    return describe(
      this,
      `provider unavailable after ${this.attempts} attempt(s): ${this.reason}${retryAfterText(this.retryAfter)}`
    )
  }
}

/**
 * A mutation may or may not have taken effect (the connection broke after the request was
 * sent, or the provider answered 5xx to a non-idempotent call). It was not retried, so it
 * cannot have been applied twice; the caller must read the state back and reconcile.
 *
 * @since 0.1.0
 * @category errors
 */
export class OutcomeUnknown extends Schema.TaggedError<OutcomeUnknown>("@wa-admin/core/OutcomeUnknown")(
  "OutcomeUnknown",
  { ...origin, ...problem, status: Schema.optional(Schema.Int), reason: Schema.String }
) {
  /** @since 0.1.0 */
  get retryable(): boolean {
    return false
  }
  /** @since 0.1.0 */
  override get message(): string {
    return describe(this, `outcome unknown, reconcile before retrying: ${this.reason}`)
  }
}

/**
 * The provider answered something we could not understand. `body` is a redacted, truncated
 * excerpt for diagnosis.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnexpectedResponse extends Schema.TaggedError<UnexpectedResponse>(
  "@wa-admin/core/UnexpectedResponse"
)("UnexpectedResponse", {
  ...origin,
  ...problem,
  status: Schema.optional(Schema.Int),
  reason: Schema.String,
  body: Schema.optional(Schema.String)
}) {
  /** @since 0.1.0 */
  get retryable(): boolean {
    return false
  }
  /** @since 0.1.0 */
  override get message(): string {
    return describe(
      this,
      `unexpected response${this.status === undefined ? "" : ` (HTTP ${this.status})`}: ${this.reason}`
    )
  }
}

/**
 * A number's registration reached a terminal state other than the one awaited
 * (for example `failed`, with the provider's detail).
 *
 * @since 0.1.0
 * @category errors
 */
export class ProvisioningFailed extends Schema.TaggedError<ProvisioningFailed>(
  "@wa-admin/core/ProvisioningFailed"
)("ProvisioningFailed", {
  ...origin,
  id: Schema.String,
  state: Schema.String,
  providerState: Schema.String,
  detail: Schema.optional(Schema.String)
}) {
  /** @since 0.1.0 */
  get retryable(): boolean {
    return false
  }
  /** @since 0.1.0 */
  override get message(): string {
    return describe(
      this,
      `registration ${this.id} ended in ${this.state} (${this.providerState})${
        this.detail === undefined ? "" : `: ${this.detail}`
      }`
    )
  }
}

/**
 * The library's own state — a quota ledger, a lock, a journal — cannot be read or written: a
 * damaged file, a lock held too long, a full disk. It fails closed: nothing was sent to the
 * provider. `location` names the store (a path or a database, never a secret) and `reason` says
 * what happened and how to recover.
 *
 * @since 0.1.0
 * @category errors
 */
export class LocalStateUnavailable extends Schema.TaggedError<LocalStateUnavailable>(
  "@wa-admin/core/LocalStateUnavailable"
)("LocalStateUnavailable", {
  ...origin,
  /** What the state is for (`"quota"`, `"journal"`, `"lease"`). */
  store: Schema.String,
  location: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  get retryable(): boolean {
    return false
  }
  /** @since 0.1.0 */
  override get message(): string {
    return describe(this, `the ${this.store} state at ${this.location} cannot be used: ${this.reason}`)
  }
}

/**
 * The schema of the whole error union, for encoding errors as JSON (CLI `--json`, journals).
 *
 * @since 0.1.0
 * @category schemas
 */
export const AdminError = Schema.Union(
  InvalidInput,
  Unauthorized,
  Forbidden,
  NotFound,
  Conflict,
  VerificationFailed,
  RateLimited,
  QuotaExceeded,
  Unsupported,
  ProviderUnavailable,
  OutcomeUnknown,
  UnexpectedResponse,
  ProvisioningFailed,
  LocalStateUnavailable
)

/**
 * Every error a port method can fail with.
 *
 * @since 0.1.0
 * @category models
 */
export type AdminError = typeof AdminError.Type

/**
 * Whether retrying the same call later can help.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isRetryable = (error: AdminError): boolean => error.retryable

/**
 * Whether a value is one of the library's errors.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isAdminError: (u: unknown) => u is AdminError = Schema.is(AdminError)

/**
 * A helper for the one error every adapter raises for an operation it lacks.
 *
 * @since 0.1.0
 * @category constructors
 */
export const unsupported = (provider: string, operation: string, reason?: string): Unsupported =>
  new Unsupported({ provider, operation, ...(reason === undefined ? {} : { reason }) })
