/**
 * Turning Kaleyra's failure answers into the library's errors.
 *
 * @internal
 */
import { AdminError, Redaction } from "@wa-admin/core"
import { Option, Schema } from "effect"
import * as Wire from "./wire.js"

const provider = "kaleyra"

const decodeFailure = Schema.decodeUnknownOption(Wire.Failure)
const decodeDetail = Schema.decodeUnknownOption(Wire.ErrorDetail)

/** What a failure answer says: the outer code and message and the inner error, when present. */
interface Said {
  readonly code?: string
  readonly message?: string
  readonly detail?: typeof Wire.ErrorDetail.Type
}

const read = (body: unknown): Said => {
  const failure = Option.getOrUndefined(decodeFailure(body))
  if (failure === undefined) return {}
  const detail = Option.getOrUndefined(decodeDetail(failure.error))
  return {
    ...(failure.code === undefined ? {} : { code: failure.code }),
    ...(failure.message === undefined ? {} : { message: failure.message }),
    ...(detail === undefined ? {} : { detail })
  }
}

/** What a failure answer says, with the account's secrets scrubbed from every text of it. */
const scrubbed = (said: Said, scrub: (text: string) => string): Said => {
  const detail = said.detail
  return {
    ...(said.code === undefined ? {} : { code: scrub(said.code) }),
    ...(said.message === undefined ? {} : { message: scrub(said.message) }),
    ...(detail === undefined
      ? {}
      : {
          detail: {
            ...(detail.code === undefined ? {} : { code: scrub(detail.code) }),
            ...(detail.type === undefined ? {} : { type: scrub(detail.type) }),
            ...(detail.parameter === undefined ? {} : { parameter: scrub(detail.parameter) }),
            ...(detail.message === undefined ? {} : { message: scrub(detail.message) })
          }
        })
  }
}

const problemOf = (status: number, said: Said, parameter?: string): AdminError.ProviderProblem => {
  const code = said.detail?.code ?? said.code
  const detail = said.detail?.message
  return new AdminError.ProviderProblem({
    status,
    ...(code === undefined ? {} : { code }),
    ...(said.detail?.type === undefined ? {} : { type: said.detail.type }),
    ...(said.message === undefined ? {} : { title: said.message }),
    ...(detail === undefined ? {} : { detail }),
    ...(parameter === undefined || detail === undefined ? {} : { invalidParameters: [{ name: parameter, reason: detail }] })
  })
}

/**
 * The error for a failure answer (any status, including a 2xx whose code is not `I102`):
 * `E413` (or any validation error naming a parameter) → `InvalidInput` from the provider on the
 * input field, `E937` → `Conflict`, 401 → `Unauthorized`, 403 → `Forbidden`, anything else →
 * `UnexpectedResponse` carrying the code.
 */
export const fromAnswer = (options: {
  readonly operation: string
  readonly status: number
  readonly body: unknown
  readonly text: string
  readonly scrub: (text: string) => string
}): AdminError.AdminError => {
  const { operation, status } = options
  // A 2xx failure answer never passes through the transport's redaction: scrub it here.
  const said = scrubbed(read(options.body), options.scrub)
  const origin = { provider, operation }
  const innerCode = said.detail?.code
  const isValidation = innerCode === Wire.validationFailed || said.detail?.type === "VALIDATION_ERROR"
  if (isValidation) {
    const parameter =
      said.detail?.parameter ?? (innerCode === Wire.validationFailed ? Wire.formFields.businessCertificate : undefined)
    const field = parameter === undefined ? "(input)" : (Wire.inputFieldOf[parameter] ?? parameter)
    return new AdminError.InvalidInput({
      ...origin,
      source: "provider",
      issues: [new AdminError.FieldIssue({ field, rule: said.detail?.message ?? said.message ?? "refused by Kaleyra" })],
      problem: problemOf(status, said, parameter)
    })
  }
  if (innerCode === Wire.alreadySubmitted || said.code === Wire.alreadySubmitted) {
    return new AdminError.Conflict({
      ...origin,
      reason: "activation already submitted for this account",
      problem: problemOf(status, said)
    })
  }
  const reason = said.detail?.message ?? said.message
  if (status === 401) {
    return new AdminError.Unauthorized({ ...origin, reason: reason ?? "the SID and API key were refused", problem: problemOf(status, said) })
  }
  if (status === 403) {
    return new AdminError.Forbidden({ ...origin, reason: reason ?? "the API key may not do this", problem: problemOf(status, said) })
  }
  const code = innerCode ?? said.code
  return new AdminError.UnexpectedResponse({
    ...origin,
    status,
    reason:
      code === undefined
        ? `HTTP ${status} without a Kaleyra error code`
        : `Kaleyra error ${code}${reason === undefined ? "" : `: ${reason}`}`,
    problem: problemOf(status, said),
    body: Redaction.excerpt(options.text, options.scrub)
  })
}
