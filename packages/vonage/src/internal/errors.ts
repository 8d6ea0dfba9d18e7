/**
 * Vonage's problem bodies (RFC 7807, `type` ending in `#<code>`) mapped onto the error union.
 * The code decides where there is one; the status decides otherwise. The provider's problem
 * (type, title, detail, instance, invalid_parameters) is kept on every error.
 */
import { Option } from "effect"
import { AdminError, Transport } from "@wa-admin/core"

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
  "stickers.createSticker": { image_data_id: "imageDataId", emojis: "emojis" }
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

const providerInvalidInput = (
  origin: { readonly provider: string; readonly operation: string; readonly problem?: AdminError.ProviderProblem },
  reason: string
): AdminError.InvalidInput => {
  const parameters = origin.problem?.invalidParameters ?? []
  const issues = parameters.map(
    (parameter) => new AdminError.FieldIssue({ field: requestField(origin.operation, parameter.name), rule: parameter.reason })
  )
  const [first, ...rest] = issues
  return new AdminError.InvalidInput({
    ...origin,
    source: "provider",
    issues: first === undefined ? [new AdminError.FieldIssue({ field: "(input)", rule: reason })] : [first, ...rest]
  })
}

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
