/**
 * Deployments ↔ registrations: `DeploymentResponse` straight into the domain's registration,
 * the provisioning request and the OTP requests, from Vonage WhatsApp Manager's OpenAPI document.
 * Deployment states are the document's closed enum: an unknown state is an `UnexpectedResponse`
 * rather than a guess.
 */
import { AdminError, PhoneNumber, Registration } from "@wa-admin/core"
import { SnakeCase } from "@wa-admin/core/adapter"
import { Option, ParseResult, Schema } from "effect"
import { provider } from "../errors.js"
import { exact, optionalString } from "./common.js"

/** `current_state.title`: the eleven documented deployment states. */
export const DeploymentState = Schema.Literal(
  "INITIALIZING",
  "CREATING_CLUSTER",
  "CLUSTER_CREATED",
  "CODE_SENT",
  "WRONG_CODE",
  "CODE_VERIFIED",
  "FINALIZING",
  "READY",
  "ERROR",
  "DELETING",
  "DELETED"
)
export type DeploymentState = typeof DeploymentState.Type

/** Every deployment state on the neutral lifecycle. */
export const numberStates: { readonly [S in DeploymentState]: Registration.NumberState } = {
  INITIALIZING: "pending",
  CREATING_CLUSTER: "pending",
  CLUSTER_CREATED: "pending",
  CODE_SENT: "code_sent",
  WRONG_CODE: "code_rejected",
  CODE_VERIFIED: "verifying",
  FINALIZING: "verifying",
  READY: "ready",
  ERROR: "failed",
  DELETING: "releasing",
  DELETED: "released"
}

/** `DeploymentResponse` (POST /deployments → 202, GET /deployments/{id} → 200), renamed. */
const DeploymentFields = Schema.Struct({
  id: optionalString.pipe(Schema.fromKey("deployment_id")),
  ...SnakeCase.fields({
    wabaId: optionalString,
    countryCode: optionalString,
    number: optionalString,
    currentState: Schema.Struct({ title: DeploymentState, detail: optionalString })
  })
})

const decodePhoneNumber = Schema.decodeUnknownOption(PhoneNumber.PhoneNumber)

/**
 * A deployment as a registration, but for its id when the answer leaves it out (a status read:
 * the caller knows it). An unparsable number is left out rather than refused: the registration
 * is what matters.
 */
export const Deployment = Schema.transformOrFail(
  DeploymentFields,
  Schema.Struct({
    id: Schema.optionalWith(Schema.String, exact),
    phoneNumber: Schema.optionalWith(Schema.typeSchema(PhoneNumber.PhoneNumber), exact),
    wabaId: Schema.optionalWith(Schema.String, exact),
    state: Registration.NumberState,
    providerState: Schema.String,
    detail: Schema.optionalWith(Schema.String, exact)
  }),
  {
    strict: false,
    decode: ({ countryCode, currentState, number, ...rest }) => {
      const phoneNumber = countryCode === undefined || number === undefined
        ? Option.none()
        : decodePhoneNumber({ countryCode: countryCode.replace(/^\+/, ""), nationalNumber: number })
      return ParseResult.succeed(
        Object.assign(
          rest,
          { state: numberStates[currentState.title], providerState: currentState.title },
          currentState.detail === undefined ? {} : { detail: currentState.detail },
          Option.isSome(phoneNumber) ? { phoneNumber: phoneNumber.value } : {}
        )
      )
    },
    encode: (deployment, _, ast) =>
      ParseResult.fail(new ParseResult.Forbidden(ast, deployment, "a deployment is only read"))
  }
)
export type Deployment = typeof Deployment.Type

/** An `UnexpectedResponse` for an answer that decoded but cannot serve the operation. */
export const unexpected = (operation: string, status: number, reason: string): AdminError.UnexpectedResponse =>
  new AdminError.UnexpectedResponse({ provider, operation, status, reason })

/** A deployment with its id, from the answer or else the one asked for. */
export const registration = (deployment: Deployment, fallbackId: string): Registration.Registration =>
  new Registration.Registration({ ...deployment, id: deployment.id ?? fallbackId, provider }, true)

/** What Vonage alone needs to provision, in `providerOptions.vonage`. */
export const ProvisionOptions = Schema.Struct({
  /** The display-name (vname) certificate from the WhatsApp Business dashboard. */
  vnameCertificate: Schema.propertySignature(
    Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" }))
  ).annotations({ missingMessage: () => "is required by Vonage (from the WhatsApp Business dashboard)" })
})

/** The `Deployment` request body of POST /deployments, from a validated provisioning request. */
export const DeploymentRequest = Schema.Struct({
  country_code: Schema.String,
  number: Schema.String,
  vname_certificate: Schema.String,
  method: Schema.Literal("sms", "voice"),
  waba_id: Schema.String,
  pin: Schema.optionalWith(Schema.String, exact)
})
export type DeploymentRequest = typeof DeploymentRequest.Type

/** The body of POST /deployments for a validated provisioning request and Vonage's own options. */
export const deploymentBody = (
  request: {
    readonly phoneNumber: PhoneNumber.PhoneNumber
    readonly wabaId: string
    readonly verificationMethod?: Registration.VerificationMethod | undefined
    readonly pin?: string | undefined
  },
  options: typeof ProvisionOptions.Type
): DeploymentRequest => ({
  country_code: request.phoneNumber.countryCode,
  number: request.phoneNumber.nationalNumber,
  vname_certificate: options.vnameCertificate,
  // The OTP goes by SMS unless asked otherwise.
  method: request.verificationMethod ?? "sms",
  waba_id: request.wabaId,
  ...(request.pin === undefined ? {} : { pin: request.pin })
})

/** POST /deployments/{id}/verify body. */
export const VerifyRequest = Schema.Struct({ code: Schema.String })

/** `Resend-OTP`: POST /deployments/{id}/resend-otp body. */
export const ResendOtpRequest = Schema.Struct({ method: Schema.optionalWith(Schema.Literal("sms", "voice"), exact) })

/** `ResendOtpResponse` (→ 202): the method is kept only when it is one of the two documented. */
export const ResendOtpResponse = Schema.Struct({
  message: optionalString,
  method: Schema.optionalWith(Schema.Union(Schema.Literal("sms", "voice"), Schema.String), exact)
})
