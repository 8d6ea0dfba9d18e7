/**
 * Vonage's problem bodies (RFC 7807, `type` ending in `#<code>`) mapped onto the error union.
 * The code decides where there is one; the status decides otherwise. The provider's problem
 * (type, title, detail, instance, invalid_parameters) is kept on every error.
 *
 * The template API's problem bodies (`{ type, title, detail, instance_id }`) go the same way:
 * 400 and 422 (Meta's message in `detail`) are the provider's `InvalidInput`, naming the
 * request's field when the message names a parameter (`"components" param`, `Param category`);
 * 401 `Unauthorized`; 404 ("WABA was not found.") `NotFound`; 429 (code 1000) and 500 (code
 * 1030) are the transport's (`RateLimited` after its retries; `ProviderUnavailable`, or
 * `OutcomeUnknown` for a creation). Its `instance_id` is kept as the problem's `instance`.
 */
import { AdminError, Problem, Transport } from "@wa-admin/core"
import { Option } from "effect"

/** The provider name used in errors, spans and capabilities. */
export const provider = "vonage"

/**
 * The documented error codes (`x-errors`, plus the generic `unauthorized`, `forbidden` and
 * `not-found` of Vonage's API errors).
 */
export const codes = [
  "number-in-use",
  "invalid-json",
  "unprocessable",
  "unprocessable-profile-update",
  "throttled",
  "verification-failed",
  "conflict-deployment-state",
  "conflict-resend-otp",
  "unauthorized",
  "forbidden",
  "not-found"
] as const

/**
 * The template API's documented codes (`type` ending in `#<code>`): 1000 throttled (429), 1030
 * internal error (500).
 */
export const templateCodes = ["1000", "1030"] as const

/**
 * Wire parameter names (in `invalid_parameters`) → the field of the caller's request they come
 * from, per operation, so that a provider refusal names the same field a local one would.
 */
const requestFields: Record<string, Record<string, string>> = {
  "numbers.provision": {
    country_code: "phoneNumber",
    number: "phoneNumber",
    waba_id: "wabaId",
    vname_certificate: "providerOptions.vonage.vnameCertificate",
    method: "verificationMethod",
    pin: "pin"
  },
  "numbers.verify": { code: "code" },
  "numbers.resend": { method: "method" },
  "profile.update": {
    about: "profile.about",
    address: "profile.address",
    description: "profile.description",
    email: "profile.email",
    vertical: "profile.vertical",
    websites: "profile.websites"
  },
  "profile.photo.set": { image_url: "url", url: "url" },
  "stickers.createStickerpack": {
    publisher: "publisher",
    name: "name",
    ios_app_store_link: "iosAppStoreLink",
    android_app_store_link: "androidAppStoreLink"
  },
  "stickers.createSticker": { image_data_id: "imageDataId", emojis: "emojis" },
  "templates.create": {
    name: "template.name",
    language: "template.language",
    category: "template.category",
    components: "template.components"
  },
  "templates.list": {
    status: "filter.status",
    language: "filter.language",
    name_or_content: "filter.name",
    limit: "pageSize"
  },
  "templates.get": { name: "name", language: "language", name_or_content: "name" },
  "templates.delete": { name: "name" },
  "media.templateAsset": { file_type: "kind", file: "url" }
}

/** The caller's field for a wire parameter name of an operation (the wire name when unknown). */
export const requestField = (operation: string, name: string): string => {
  const [head, ...rest] = name.split(".")
  const mapped = head === undefined ? undefined : requestFields[operation]?.[head]
  return mapped === undefined ? name : [mapped, ...rest].join(".")
}

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

/**
 * The id of the deployment that already holds a number, when a `number-in-use` detail names it
 * ("Active deployment already exists with id 21801df5-…").
 */
export const existingDeploymentId = (detail: string | undefined): string | undefined => {
  if (detail === undefined) return undefined
  const found = uuid.exec(detail) ?? /\bid[:\s]+([A-Za-z0-9_-]+)/i.exec(detail)
  if (found === null) return undefined
  return found[1] ?? found[0]
}

/**
 * The parameter a message without `invalid_parameters` names, as the template API's (Meta's)
 * messages do: `Message template "components" param …`, `(#100) Param category must be …`.
 */
export const namedParameter = (text: string | undefined): string | undefined => {
  if (text === undefined) return undefined
  const found = /"([A-Za-z_]{1,64})" param\b/.exec(text) ?? /\bParam ([A-Za-z_]{1,64})\b/.exec(text)
  return found?.[1]
}

const providerInvalidInput = (
  origin: { readonly provider: string; readonly operation: string; readonly problem?: AdminError.ProviderProblem },
  reason: string
): AdminError.InvalidInput => {
  const parameters = origin.problem?.invalidParameters ?? []
  const issues = parameters.map(
    (parameter) =>
      new AdminError.FieldIssue({ field: requestField(origin.operation, parameter.name), rule: parameter.reason })
  )
  const [first, ...rest] = issues
  const named = namedParameter(origin.problem?.title) ?? namedParameter(origin.problem?.detail)
  const field = named === undefined ? "(input)" : requestField(origin.operation, named)
  return new AdminError.InvalidInput({
    ...origin,
    source: "provider",
    issues: first === undefined ? [new AdminError.FieldIssue({ field, rule: reason })] : [first, ...rest]
  })
}

/** The problem with the template API's `instance_id` as its `instance` (RFC 7807 names it `instance`). */
const withInstanceId = (
  problem: AdminError.ProviderProblem | undefined,
  body: unknown
): AdminError.ProviderProblem | undefined => {
  if (problem === undefined || problem.instance !== undefined || typeof body !== "object" || body === null) {
    return problem
  }
  const instance = "instance_id" in body ? body.instance_id : undefined
  return typeof instance === "string" ? new AdminError.ProviderProblem({ ...problem, instance }) : problem
}

/**
 * Vonage's problem of a non-2xx answer: RFC 7807, with the template API's `instance_id` as its
 * `instance`. The transport reads every failure with it, so the 429 and 5xx it decides itself
 * keep the id Vonage support asks for, as {@link classify} does.
 */
export const readProblem = (status: number, body: unknown): Option.Option<AdminError.ProviderProblem> =>
  Option.fromNullable(withInstanceId(Option.getOrUndefined(Problem.fromBody(status, body)), body))

/** Maps a non-2xx answer that the transport did not retry onto the error union. */
export const classify = (failure: Transport.Failure): AdminError.AdminError => {
  const problem = Option.getOrUndefined(failure.problem)
  const origin = { provider, operation: failure.operation, ...(problem === undefined ? {} : { problem }) }
  const reason = problem?.detail ?? problem?.title ?? `HTTP ${failure.status}`
  switch (problem?.code) {
    case "number-in-use": {
      const existingId = existingDeploymentId(problem.detail)
      return new AdminError.Conflict({ ...origin, reason, ...(existingId === undefined ? {} : { existingId }) })
    }
    case "conflict-deployment-state":
    case "conflict-resend-otp":
      return new AdminError.Conflict({ ...origin, reason })
    case "verification-failed":
      return new AdminError.VerificationFailed({ ...origin, reason })
    case "invalid-json":
    case "unprocessable":
    case "unprocessable-profile-update":
      return providerInvalidInput(origin, reason)
    case "throttled":
      return new AdminError.RateLimited({ ...origin, attempts: failure.attempts })
    case "unauthorized":
      return new AdminError.Unauthorized({ ...origin, reason })
    case "forbidden":
      return new AdminError.Forbidden({ ...origin, reason })
    case "not-found":
      return new AdminError.NotFound({ ...origin, resource: "resource" })
  }
  switch (failure.status) {
    case 400:
    case 422:
      return providerInvalidInput(origin, reason)
    case 409:
      return new AdminError.Conflict({ ...origin, reason })
    default:
      return Transport.defaultFailure(provider, failure, failure.scrub)
  }
}
