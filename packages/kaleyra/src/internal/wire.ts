/**
 * Kaleyra's wire format for the WhatsApp activation endpoint, as its document describes it.
 * Private to the adapter: never exported from the package.
 *
 * @internal
 */
import { Id } from "@wa-admin/core"
import { Schema } from "effect"

/** The activation endpoint under an account, as a path template (`sid` is the account SID). */
export const activationRoute = "/v1/{sid}/whatsapp/activation"

/**
 * The account SID. The page types it `String` (example `HXXXXXXX071US`) and states no format,
 * so the generic id rule.
 */
export const Sid = Id.ResourceId

/** The multipart form field names. */
export const formFields = {
  displayName: "display_name",
  waNumber: "wa_number",
  businessId: "business_id",
  businessName: "business_name",
  businessCertificate: "business_certificate"
} as const

/** Which input field of the port each form field comes from (for errors the provider reports). */
export const inputFieldOf: Readonly<Record<string, string>> = {
  [formFields.displayName]: "displayName",
  [formFields.waNumber]: "phoneNumber",
  [formFields.businessId]: "providerOptions.kaleyra.business.id",
  [formFields.businessName]: "providerOptions.kaleyra.business.name",
  [formFields.businessCertificate]: "providerOptions.kaleyra.business.certificate"
}

/** The success code of an activation request. */
export const activationCreated = "I102"
/** "Failed to submit request for Whatsapp account activation." */
export const activationFailed = "E939"
/** A validation error; the document shows it for `business_certificate`. */
export const validationFailed = "E413"
/** "This account already has submitted a request for WhatsApp activation." */
export const alreadySubmitted = "E937"

/** A value documented as a string or a number that may arrive as either. */
const Scalar = Schema.Union(Schema.String, Schema.Number)
const optionalScalar = Schema.optionalWith(Scalar, { nullable: true })
const optionalString = Schema.optionalWith(Schema.String, { nullable: true })
const optionalNumber = Schema.optionalWith(Schema.Number, { nullable: true })

/** `data[].business_details`. */
export const BusinessDetails = Schema.Struct({
  id: Scalar,
  company_id: optionalString,
  business_id: optionalScalar,
  business_name: optionalString,
  certificate_id: optionalScalar,
  status: optionalNumber,
  namespace: optionalString,
  created_at: optionalScalar,
  modified_at: optionalScalar,
  created_by: optionalScalar,
  modified_by: optionalScalar,
  waba_id: optionalScalar
})

/** `data[].phone_number`. */
export const PhoneNumberRecord = Schema.Struct({
  id: Scalar,
  phone_number: Schema.String,
  name: optionalString,
  incoming_url: optionalString,
  country: optionalString,
  iso_code: optionalString,
  status: optionalNumber,
  company_id: optionalString,
  created_at: optionalScalar,
  created_by: optionalScalar
})

/** The `I102` answer. */
export const ActivationCreated = Schema.Struct({
  code: Schema.Literal(activationCreated),
  message: Schema.String,
  data: Schema.NonEmptyArray(
    Schema.Struct({
      business_details: BusinessDetails,
      phone_number: PhoneNumberRecord,
      template: Schema.optional(Schema.Unknown)
    })
  )
})

/** Just enough of any answer to tell success from failure. */
export const Envelope = Schema.Struct({ code: Schema.String, message: optionalString })

/** The inner `error` object of a failure. */
export const ErrorDetail = Schema.Struct({
  code: optionalString,
  type: optionalString,
  parameter: optionalString,
  message: optionalString
})

/** A failure answer: `{ code: "E939", message, data: [], error: { code, … } }`. */
export const Failure = Schema.Struct({
  code: optionalString,
  message: optionalString,
  error: Schema.optional(Schema.Unknown)
})
