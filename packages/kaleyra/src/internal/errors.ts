/**
 * Kaleyra's failure answers mapped onto the error union. {@link readProblem} reads the failure
 * envelope once, for every non-2xx answer (the transport's own 429 and 5xx verdicts carry it);
 * Kaleyra answers some failures with a 2xx, so the same reading serves both ways in:
 * {@link classify} for a non-2xx answer and {@link accept} for a 2xx whose code is not `I102`.
 * The adapter kit scrubs the call's secrets from every error either builds.
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
 * The provider problem of a failure envelope (any status, including a 2xx whose code is not
 * `I102`): the inner error's code (else the envelope's), its type and message, the envelope's
 * message as the title, and the parameter a validation error names (a certificate error without
 * one names `business_certificate`) with its reason. The one reading of Kaleyra's error body:
 * the transport applies it to every non-2xx answer, its own 429 and 5xx verdicts included.
 * `None` when the answer is no envelope or says nothing.
 */
export const readProblem = (status: number, body: unknown): Option.Option<AdminError.ProviderProblem> => {
  const said = Option.getOrElse(decodeFailure(body), () => silent)
  const inner = said.error
  const code = inner?.code ?? said.code
  if (code === undefined && inner?.type === undefined && said.message === undefined && inner?.message === undefined) {
    return Option.none()
  }
  const validation = inner?.code === Wire.validationFailed || inner?.type === "VALIDATION_ERROR"
  const parameter = validation
    ? inner.parameter ?? (inner.code === Wire.validationFailed ? Wire.formFields.businessCertificate : undefined)
    : undefined
  return Option.some(problemOf({
    status,
    code: code ?? null,
    type: inner?.type ?? null,
    title: said.message ?? null,
    detail: inner?.message ?? null,
    invalidParameters: parameter === undefined || inner?.message === undefined
      ? null
      : [{ name: parameter, reason: inner.message }]
  }))
}

/**
 * The error for a failure answer, by the problem {@link readProblem} read of it: a validation
 * error (`E413`, or any `VALIDATION_ERROR`) → `InvalidInput` from the provider on the input field
 * it names, `E937` → `Conflict`, 401 → `Unauthorized`, 403 → `Forbidden`, anything else →
 * `UnexpectedResponse` carrying the code.
 */
export const fromProblem = (answer: Transport.ReadAnswer): AdminError.AdminError => {
  const { operation, status } = answer
  const problem = Option.getOrUndefined(answer.problem)
  const origin = { provider: Wire.provider, operation, ...(problem === undefined ? {} : { problem }) }
  const code = problem?.code
  const reason = problem?.detail ?? problem?.title
  if (code === Wire.validationFailed || problem?.type === "VALIDATION_ERROR") {
    const parameter = problem?.invalidParameters?.[0]?.name
    return new AdminError.InvalidInput({
      ...origin,
      source: "provider",
      issues: [
        new AdminError.FieldIssue({
          field: parameter === undefined ? "(input)" : (Wire.inputFieldOf[parameter] ?? parameter),
          rule: reason ?? "refused by Kaleyra"
        })
      ]
    })
  }
  if (code === Wire.alreadySubmitted) {
    return new AdminError.Conflict({ ...origin, reason: "activation already submitted for this account" })
  }
  if (status === 401) {
    return new AdminError.Unauthorized({ ...origin, reason: reason ?? "the SID and API key were refused" })
  }
  if (status === 403) {
    return new AdminError.Forbidden({ ...origin, reason: reason ?? "the API key may not do this" })
  }
  return new AdminError.UnexpectedResponse({
    ...origin,
    status,
    reason: code === undefined
      ? `HTTP ${status} without a Kaleyra error code`
      : `Kaleyra error ${code}${reason === undefined ? "" : `: ${reason}`}`,
    body: Redaction.excerpt(answer.text, answer.scrub)
  })
}

/** Any failure answer (a 2xx whose code is not `I102`, or a non-2xx) read and classified: {@link readProblem}, then {@link fromProblem}. */
export const fromAnswer = (answer: Transport.Answer): AdminError.AdminError =>
  fromProblem({ ...answer, problem: readProblem(answer.status, answer.body) })

/** A non-2xx answer the transport did not retry, as an error, by the problem the transport read with {@link readProblem}. */
export const classify = (failure: Transport.Failure): AdminError.AdminError => fromProblem(failure)

/**
 * A 2xx answer whose envelope says the call failed (its code is not `I102`), as an error. An
 * answer that is no envelope at all is left to the endpoint's schema, which says what it lacks.
 */
export const accept = (response: Transport.Response, operation: string): AdminError.AdminError | undefined =>
  Option.match(decodeEnvelope(response.body), {
    onNone: () => undefined,
    onSome: (
      envelope
    ) =>
      envelope.code === Wire.activationCreated
        ? undefined
        : fromAnswer({ ...response, operation })
  })
