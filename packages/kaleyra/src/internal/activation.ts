/**
 * Kaleyra's activation request: the provision request checked for what it needs, and its form.
 *
 * @internal
 */
import { type AdminError, Id, PhoneNumber, Registration, Validation } from "@wa-admin/core"
import { Effect, ParseResult, Schema } from "effect"
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
  providerOptions: requiredField(Schema.Struct({
    kaleyra: requiredField(Schema.Struct({
      business: requiredField(
        Schema.Struct({
          /** `BUSINESS_ID`, documented as an integer. */
          id: requiredField(Id.Digits),
          name: requiredField(NonBlank),
          certificate: requiredField(RecognisedCertificate)
        })
      )
    }))
  }))
})

/**
 * Kaleyra's own rules on a provision request as given (the display name and its
 * `providerOptions.kaleyra` entry), checked alongside the port's so that one error names them all.
 */
export const checkRequest = (
  origin: Validation.Origin
): (
  request: { readonly displayName?: unknown; readonly providerOptions?: unknown }
) => Effect.Effect<void, AdminError.InvalidInput> => {
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
): (request: Registration.ProvisionRequest) => Effect.Effect<Activation, AdminError.InvalidInput> => {
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
