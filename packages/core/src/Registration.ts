/**
 * Number registrations and the provider-neutral lifecycle state machine.
 *
 * ```
 * pending ─▶ code_sent ─▶ verifying ─▶ ready
 *               │  ▲
 *               ▼  │ (resend / retry)
 *          code_rejected
 * any ─▶ failed          any ─▶ releasing ─▶ released
 * ```
 *
 * Every registration keeps the provider's own state and detail alongside the neutral one.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Id from "./Id.js"
import { FromE164 } from "./PhoneNumber.js"

/**
 * The neutral lifecycle states.
 *
 * @since 0.1.0
 * @category schemas
 */
export const NumberState = Schema.Literal(
  "pending",
  "code_sent",
  "code_rejected",
  "verifying",
  "ready",
  "failed",
  "releasing",
  "released"
)

/**
 * @since 0.1.0
 * @category models
 */
export type NumberState = typeof NumberState.Type

/**
 * States after which nothing more happens on its own.
 *
 * @since 0.1.0
 * @category constants
 */
export const terminalStates: ReadonlySet<NumberState> = new Set<NumberState>(["ready", "failed", "released"])

/**
 * States that wait for the caller (a code to submit).
 *
 * @since 0.1.0
 * @category constants
 */
export const awaitingCallerStates: ReadonlySet<NumberState> = new Set<NumberState>(["code_sent", "code_rejected"])

/**
 * Whether a state is terminal.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isTerminal = (state: NumberState): boolean => terminalStates.has(state)

/**
 * How a verification code is delivered.
 *
 * @since 0.1.0
 * @category schemas
 */
export const VerificationMethod = Schema.Literal("sms", "voice")

/**
 * @since 0.1.0
 * @category models
 */
export type VerificationMethod = typeof VerificationMethod.Type

/**
 * A number's registration at a provider.
 *
 * @since 0.1.0
 * @category models
 */
export class Registration extends Schema.Class<Registration>("@wa-admin/core/Registration")({
  /** The provider's reference (a Vonage deployment id, a WOZTELL phone number id …). */
  id: Schema.String,
  provider: Schema.String,
  /** The number; encoded as E.164 (`+447700900000`), with country code and national number apart once decoded. */
  phoneNumber: Schema.optional(FromE164),
  wabaId: Schema.optional(Schema.String),
  state: NumberState,
  providerState: Schema.String,
  detail: Schema.optional(Schema.String),
  /** Provider facts worth keeping (business details, quality rating …), JSON-safe. */
  details: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
}) {}

/**
 * A business certificate file, as Kaleyra's activation takes it.
 *
 * @since 0.1.0
 * @category models
 */
export class CertificateFile extends Schema.Class<CertificateFile>("@wa-admin/core/CertificateFile")({
  fileName: Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" })),
  bytes: Schema.Uint8ArrayFromSelf
}) {}

/**
 * What a provider needs to register a number. Providers need different subsets: Vonage the
 * WABA id, vname certificate and delivery method; Kaleyra the display name and business
 * details with a certificate file. Each adapter checks the fields it needs and names the
 * missing ones.
 *
 * @since 0.1.0
 * @category models
 */
export class ProvisionRequest extends Schema.Class<ProvisionRequest>("@wa-admin/core/ProvisionRequest")({
  /** Given in E.164 (`+447700900000`); adapters read `countryCode` and `nationalNumber` apart. */
  phoneNumber: FromE164,
  /** Meta's WABA id: digits ({@link Id.Digits}). */
  wabaId: Schema.optional(Id.Digits),
  verificationMethod: Schema.optional(VerificationMethod),
  vnameCertificate: Schema.optional(Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" }))),
  pin: Schema.optional(Schema.String.pipe(Schema.pattern(/^\d{6}$/, { message: () => "must be 6 digits" }))),
  displayName: Schema.optional(Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" }))),
  business: Schema.optional(
    Schema.Struct({
      /** The Facebook business id: digits ({@link Id.Digits}). */
      id: Id.Digits,
      name: Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" })),
      certificate: Schema.optional(CertificateFile)
    })
  )
}) {}

/**
 * A verification code as sent by SMS or voice: digits only.
 *
 * @since 0.1.0
 * @category schemas
 */
export const VerificationCode = Schema.String.pipe(
  Schema.pattern(/^\d{4,8}$/, { message: () => "must be 4 to 8 digits" }),
  Schema.annotations({ identifier: "VerificationCode" })
)
