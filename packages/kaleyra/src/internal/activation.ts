/**
 * Kaleyra's activation request and answer, mapped to and from the port's model.
 *
 * @internal
 */
import { type AdminError, Id, PhoneNumber, Registration, Validation } from "@wa-admin/core"
import { Effect, Either, ParseResult, Schema } from "effect"
import * as Certificate from "./certificate.js"
import * as Wire from "./wire.js"

const required = "is required by Kaleyra's activation"

const NonBlank = Schema.String.pipe(
  Schema.filter((value) => value.trim().length > 0 || "must not be blank")
)

/** A certificate file of at most `Certificate.maxBytes`, recognised as a JPEG, PNG or PDF by its content. */
const RecognisedCertificate = Schema.transformOrFail(
  Schema.Struct({
    fileName: Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" })),
    bytes: Schema.Uint8ArrayFromSelf
  }),
  Schema.Struct({
    fileName: Schema.String,
    bytes: Schema.Uint8ArrayFromSelf,
    kind: Schema.declare(Certificate.isKind, { identifier: "CertificateKind" })
  }),
  {
    strict: true,
    decode: (file, _, ast) => {
      if (file.bytes.length === 0) return ParseResult.fail(new ParseResult.Type(ast, file, "must not be empty"))
      const tooLarge = Certificate.sizeRule(file.bytes.length)
      if (tooLarge !== undefined) return ParseResult.fail(new ParseResult.Type(ast, file, tooLarge))
      const kind = Certificate.detect(file.bytes)
      return kind === undefined
        ? ParseResult.fail(
          new ParseResult.Type(ast, file, "must be a JPEG, PNG or PDF file (judged by its content, not its name)")
        )
        : ParseResult.succeed({ ...file, kind })
    },
    encode: (file) => ParseResult.succeed({ fileName: file.fileName, bytes: file.bytes })
  }
)

const requiredField = <A, I>(schema: Schema.Schema<A, I, never>) =>
  Schema.propertySignature(schema).annotations({ missingMessage: () => required })

/**
 * A business certificate file, as Kaleyra's activation takes it (`providerOptions.kaleyra.business.certificate`).
 */
export const CertificateFile = Schema.Struct({
  fileName: Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" })),
  bytes: Schema.Uint8ArrayFromSelf
})

/** What Kaleyra's activation needs beyond the port's own checks; the business comes in `providerOptions.kaleyra`. */
const ActivationInput = Schema.Struct({
  phoneNumber: Schema.instanceOf(PhoneNumber.PhoneNumber),
  displayName: requiredField(NonBlank),
  providerOptions: requiredField(Schema.Struct({ kaleyra: requiredField(Schema.Struct({ business: requiredField(
    Schema.Struct({
      /** `BUSINESS_ID`, documented as an integer. */
      id: requiredField(Id.Digits),
      name: requiredField(NonBlank),
      certificate: requiredField(RecognisedCertificate)
    })
  ) })) }))
})

/**
 * Kaleyra's own rules on a provision request as given (the display name and its
 * `providerOptions.kaleyra` entry), checked alongside the port's so that one error names them all.
 */
export const checkRequest = (
  origin: Validation.Origin
): ((request: { readonly displayName?: unknown; readonly providerOptions?: unknown }) => Effect.Effect<void, AdminError.InvalidInput>) => {
  const validate = Validation.validate(ActivationInput.pipe(Schema.omit("phoneNumber")), origin)
  return (request) =>
    Effect.asVoid(
      validate({
        ...(request.displayName === undefined ? {} : { displayName: request.displayName }),
        providerOptions: request.providerOptions ?? {}
      })
    )
}

/** A provision request checked for everything Kaleyra's activation needs. */
export interface Activation {
  readonly displayName: string
  readonly phoneNumber: PhoneNumber.PhoneNumber
  readonly businessId: string
  readonly businessName: string
  readonly certificate: {
    readonly fileName: string
    readonly bytes: Uint8Array
    readonly kind: Certificate.Kind
  }
}

/**
 * Checks a provision request for Kaleyra: display name, business id, name and certificate are
 * required, and the certificate must be at most `Certificate.maxBytes` and a JPEG, PNG or PDF by
 * its content. A failure is an
 * `InvalidInput` naming every broken field; nothing is sent.
 */
export const fromProvisionRequest = (
  origin: Validation.Origin
): ((request: Registration.ProvisionRequest) => Effect.Effect<Activation, AdminError.InvalidInput>) => {
  const validate = Validation.validate(ActivationInput, origin)
  return (request) =>
    Effect.map(validate({ ...request, providerOptions: request.providerOptions ?? {} }), (input) => {
      const business = input.providerOptions.kaleyra.business
      return {
        displayName: input.displayName.trim(),
        phoneNumber: input.phoneNumber,
        businessId: business.id,
        businessName: business.name.trim(),
        certificate: business.certificate
      }
    })
}

/** The multipart form Kaleyra takes. */
export const toForm = (activation: Activation): FormData => {
  const form = new FormData()
  form.append(Wire.formFields.displayName, activation.displayName)
  form.append(Wire.formFields.waNumber, activation.phoneNumber.e164)
  form.append(Wire.formFields.businessId, activation.businessId)
  form.append(Wire.formFields.businessName, activation.businessName)
  const { bytes, fileName, kind } = activation.certificate
  form.append(
    Wire.formFields.businessCertificate,
    new Blob([new Uint8Array(bytes)], { type: kind.mediaType }),
    Certificate.fileNameFor(fileName, kind)
  )
  return form
}

const defined = <A extends Record<string, unknown>>(record: A): { [K in keyof A]: Exclude<A[K], undefined> } =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as {
    [K in keyof A]: Exclude<A[K], undefined>
  }

const parsePhoneNumber = Schema.decodeUnknownEither(PhoneNumber.FromE164)

/**
 * The registration an `I102` answer describes: `pending`, identified by the phone number
 * record's id, with both records (camel-cased) in `details`.
 */
export const toRegistration = (
  answer: typeof Wire.ActivationCreated.Type,
  requested: PhoneNumber.PhoneNumber
): Registration.Registration => {
  const [record] = answer.data
  const business = record.business_details
  const phone = record.phone_number
  const reported = parsePhoneNumber(phone.phone_number)
  const wabaId = business.waba_id === undefined ? "" : String(business.waba_id)
  const template = record.template
  return new Registration.Registration({
    id: String(phone.id),
    provider: "kaleyra",
    phoneNumber: Either.getOrElse(reported, () => requested),
    ...(wabaId.length === 0 ? {} : { wabaId }),
    state: "pending",
    providerState: phone.status === undefined ? answer.code : String(phone.status),
    detail: answer.message,
    details: {
      code: answer.code,
      businessDetails: defined({
        id: business.id,
        companyId: business.company_id,
        businessId: business.business_id,
        businessName: business.business_name,
        certificateId: business.certificate_id,
        status: business.status,
        namespace: business.namespace,
        createdAt: business.created_at,
        modifiedAt: business.modified_at,
        createdBy: business.created_by,
        modifiedBy: business.modified_by,
        wabaId: business.waba_id
      }),
      phoneNumber: defined({
        id: phone.id,
        phoneNumber: phone.phone_number,
        name: phone.name,
        incomingUrl: phone.incoming_url,
        country: phone.country,
        isoCode: phone.iso_code,
        status: phone.status,
        companyId: phone.company_id,
        createdAt: phone.created_at,
        createdBy: phone.created_by
      }),
      ...(template === undefined || template === "" || template === null ? {} : { template })
    }
  })
}
