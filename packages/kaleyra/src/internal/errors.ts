/**
 * Kaleyra's failure answers mapped onto the error union. Kaleyra answers some failures with a
 * 2xx, so the same reading serves both ways in: {@link classify} for a non-2xx answer and
 * {@link accept} for a 2xx whose code is not `I102`. The adapter kit scrubs the call's secrets
 * from every error either builds.
 *
 * @internal
 */
import { AdminError, Redaction } from "@wa-admin/core"
import type { Transport } from "@wa-admin/core"
import { Option, Schema } from "effect"
import * as Wire from "./wire.js"

const decodeFailure = Schema.decodeUnknownOption(Wire.Failure)
const decodeEnvelope = Schema.decodeUnknownOption(Wire.Envelope)

/** What an answer that is no failure envelope says: nothing. */
const silent: typeof Wire.Failure.Type = {}

const nullable = { exact: true, nullable: true } as const

/** The provider's problem, a text the answer does not give (`null`) left out. */
const Problem = Schema.transform(
  Schema.Struct({
    status: Schema.Number,
    code: Schema.optionalWith(Schema.String, nullable),
    type: Schema.optionalWith(Schema.String, nullable),
    title: Schema.optionalWith(Schema.String, nullable),
    detail: Schema.optionalWith(Schema.String, nullable),
    invalidParameters: Schema.optionalWith(
      Schema.Array(Schema.Struct({ name: Schema.String, reason: Schema.String })),
      nullable
    )
  }),
  Schema.typeSchema(AdminError.ProviderProblem),
  {
    strict: false,
    decode: (fields) => new AdminError.ProviderProblem(fields, true),
    encode: (problem) => ({ ...problem })
  }
)
const problemOf = Schema.decodeSync(Problem)

/**
 * The error for a failure answer (any status, including a 2xx whose code is not `I102`):
 * `E413` (or any validation error naming a parameter) → `InvalidInput` from the provider on the
 * input field, `E937` → `Conflict`, 401 → `Unauthorized`, 403 → `Forbidden`, anything else →
 * `UnexpectedResponse` carrying the code.
 */
export const fromAnswer = (answer: Transport.Answer): AdminError.AdminError => {
  const { operation, status } = answer
  const said = Option.getOrElse(decodeFailure(answer.body), () => silent)
  const inner = said.error
  const origin = { provider: Wire.provider, operation }
  const code = inner?.code ?? said.code
  const reason = inner?.message ?? said.message
  const problem = problemOf({
    status,
    code: code ?? null,
    type: inner?.type ?? null,
    title: said.message ?? null,
    detail: inner?.message ?? null
  })
  if (inner?.code === Wire.validationFailed || inner?.type === "VALIDATION_ERROR") {
    const parameter = inner.parameter ??
      (inner.code === Wire.validationFailed ? Wire.formFields.businessCertificate : undefined)
    return new AdminError.InvalidInput({
      ...origin,
      source: "provider",
      issues: [
        new AdminError.FieldIssue({
          field: parameter === undefined ? "(input)" : (Wire.inputFieldOf[parameter] ?? parameter),
          rule: reason ?? "refused by Kaleyra"
        })
      ],
      problem: parameter === undefined || inner.message === undefined
        ? problem
        : new AdminError.ProviderProblem({
          ...problem,
          invalidParameters: [{ name: parameter, reason: inner.message }]
        }, true)
    })
  }
  if (inner?.code === Wire.alreadySubmitted || said.code === Wire.alreadySubmitted) {
    return new AdminError.Conflict({ ...origin, reason: "activation already submitted for this account", problem })
  }
  if (status === 401) {
    return new AdminError.Unauthorized({ ...origin, reason: reason ?? "the SID and API key were refused", problem })
  }
  if (status === 403) {
    return new AdminError.Forbidden({ ...origin, reason: reason ?? "the API key may not do this", problem })
  }
  return new AdminError.UnexpectedResponse({
    ...origin,
    status,
    reason: code === undefined
      ? `HTTP ${status} without a Kaleyra error code`
      : `Kaleyra error ${code}${reason === undefined ? "" : `: ${reason}`}`,
    problem,
    body: Redaction.excerpt(answer.text, answer.scrub)
  })
}

/** A non-2xx answer the transport did not retry, as an error. */
export const classify = (failure: Transport.Failure): AdminError.AdminError => fromAnswer(failure)

/**
 * A 2xx answer whose envelope says the call failed (its code is not `I102`), as an error. An
 * answer that is no envelope at all is left to the endpoint's schema, which says what it lacks.
 */
export const accept = (response: Transport.Response, operation: string): AdminError.AdminError | undefined =>
  Option.match(decodeEnvelope(response.body), {
    onNone: () => undefined,
    onSome: (
      envelope
    ) => (envelope.code === Wire.activationCreated ? undefined : fromAnswer({ ...response, operation }))
  })
