/**
 * Kaleyra's wire format for the WhatsApp activation endpoint, as its document describes it: the
 * form fields of the request, the `I102` answer decoding straight into the registration's fields
 * (its records camel-cased with `SnakeCase.fields`, a `null` left out), and the failure envelope.
 * Private to the adapter: never exported from the package.
 *
 * @internal
 */
import { Id, PhoneNumber, Registration } from "@wa-admin/core"
import { SnakeCase } from "@wa-admin/core/adapter"
import { Option, ParseResult, Schema } from "effect"

/** The provider name, as in errors, spans, registrations and `Capabilities`. */
export const provider = "kaleyra"

/**
 * The account SID. The page types it `String` (example `HXXXXXXX071US`) and states no format,
 * so the generic id rule.
 */
export const Sid = Id.ResourceId

/** What each id placed in a path is: the account SID of `/v1/{sid}/…`. */
export const pathIds = { sid: Sid } as const

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
/** Absent or `null` on the wire: left out once decoded. */
const nullable = { exact: true, nullable: true } as const
const optionalScalar = Schema.optionalWith(Scalar, nullable)
const optionalString = Schema.optionalWith(Schema.String, nullable)
const optionalNumber = Schema.optionalWith(Schema.Number, nullable)

/** `data[].business_details`, camel-cased. */
export const BusinessDetails = Schema.Struct(SnakeCase.fields({
  id: Scalar,
  companyId: optionalString,
  businessId: optionalScalar,
  businessName: optionalString,
  certificateId: optionalScalar,
  status: optionalNumber,
  namespace: optionalString,
  createdAt: optionalScalar,
  modifiedAt: optionalScalar,
  createdBy: optionalScalar,
  modifiedBy: optionalScalar,
  wabaId: optionalScalar
}))

/** `data[].phone_number`, camel-cased. */
export const PhoneNumberRecord = Schema.Struct(SnakeCase.fields({
  id: Scalar,
  phoneNumber: Schema.String,
  name: optionalString,
  incomingUrl: optionalString,
  country: optionalString,
  isoCode: optionalString,
  status: optionalNumber,
  companyId: optionalString,
  createdAt: optionalScalar,
  createdBy: optionalScalar
}))

/** `data[].template`: kept when it says something (the document's example sends `""`). */
const Template = Schema.optionalToOptional(Schema.Unknown, Schema.Unknown, {
  decode: Option.filter((template) => template !== "" && template !== null && template !== undefined),
  encode: (template) => template
})

/** One record of `data`, as the registration's `details` keep it. */
const ActivationRecord = Schema.Struct(SnakeCase.fields({
  businessDetails: BusinessDetails,
  phoneNumber: PhoneNumberRecord,
  template: Template
}))

/** The `I102` answer as it arrives: the code, the message and (at least) one record. */
const ActivationAnswer = Schema.Struct({
  code: Schema.Literal(activationCreated),
  message: Schema.String,
  data: Schema.NonEmptyArray(ActivationRecord)
})

/**
 * The registration's fields an `I102` answer gives. The number and the WABA id are `null` where
 * the answer holds none usable, and then left out: the number when it is not E.164 (the
 * document's example masks it), the WABA id when absent or empty.
 */
export const RegistrationFields = Schema.Struct({
  id: Schema.String,
  provider: Schema.Literal(provider),
  phoneNumber: Schema.optionalWith(Schema.typeSchema(PhoneNumber.PhoneNumber), nullable),
  wabaId: Schema.optionalWith(Schema.String, nullable),
  state: Schema.Literal("pending"),
  providerState: Schema.String,
  detail: Schema.String,
  details: Schema.Record({ key: Schema.String, value: Schema.Unknown })
})
export type RegistrationFields = typeof RegistrationFields.Type

const reportedNumber = Schema.decodeUnknownOption(PhoneNumber.FromE164)

/**
 * The `I102` answer straight into the registration's fields: `pending`, identified by the phone
 * number record's id, Kaleyra's state being the record's status (the answer's code without
 * one), both records (camel-cased) and a non-empty template in `details`. Only read.
 */
export const ActivationCreated = Schema.transformOrFail(ActivationAnswer, RegistrationFields, {
  strict: true,
  decode: ({ code, data: [record], message }) => {
    const { businessDetails, phoneNumber } = record
    const wabaId = businessDetails.wabaId === undefined ? "" : String(businessDetails.wabaId)
    return ParseResult.succeed({
      id: String(phoneNumber.id),
      provider,
      phoneNumber: Option.getOrNull(reportedNumber(phoneNumber.phoneNumber)),
      wabaId: wabaId.length === 0 ? null : wabaId,
      state: "pending" as const,
      providerState: phoneNumber.status === undefined ? code : String(phoneNumber.status),
      detail: message,
      details: { code, ...record }
    })
  },
  encode: (activation, _, ast) =>
    ParseResult.fail(new ParseResult.Forbidden(ast, activation, "an activation answer is only read"))
})

/** The registration an `I102` answer describes, with the number asked for when the answer's is not usable. */
export const registration = (
  fields: RegistrationFields,
  requested: PhoneNumber.PhoneNumber
): Registration.Registration => new Registration.Registration({ phoneNumber: requested, ...fields }, true)

/** Just enough of any answer to tell success from failure. */
export const Envelope = Schema.Struct({ code: Schema.String, message: optionalString })

/** The inner `error` object of a failure. */
export const ErrorDetail = Schema.Struct({
  code: optionalString,
  type: optionalString,
  parameter: optionalString,
  message: optionalString
})

const decodeErrorDetail = Schema.decodeUnknownOption(ErrorDetail)

/**
 * A failure answer: `{ code: "E939", message, data: [], error: { code, … } }`. An `error` that is
 * not the inner error object (the document's success shows `{}`, other answers may send anything)
 * is left out.
 */
export const Failure = Schema.Struct({
  code: optionalString,
  message: optionalString,
  error: Schema.optionalToOptional(Schema.Unknown, Schema.typeSchema(ErrorDetail), {
    decode: Option.flatMap(decodeErrorDetail),
    encode: (detail) => detail
  })
})
