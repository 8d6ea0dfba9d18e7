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
import { Effect, Either, Schema } from "effect"
import type { InvalidInput } from "./AdminError.js"
import * as Id from "./Id.js"
import { FromE164 } from "./PhoneNumber.js"
import * as Validation from "./Validation.js"

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
 * What a provider needs to register a number, in the terms every provider shares: the number,
 * its WABA, how the code is delivered, the two-step verification PIN and the display name.
 * What only one provider asks for travels in `providerOptions`, under the provider's name
 * (`{ vonage: { vnameCertificate } }`, `{ kaleyra: { business } }`): each adapter validates its own
 * entry with its own schema (naming the fields as `providerOptions.<provider>.<field>`) and
 * ignores the others, so one request can serve several providers.
 *
 * @example
 * import { NumberLifecycle } from "@wa-admin/core"
 *
 * NumberLifecycle.provision({
 *   phoneNumber: "+447700900000",
 *   wabaId: "123456789123",
 *   verificationMethod: "sms",
 *   providerOptions: { vonage: { vnameCertificate: "AbCdEFGHiJK123456" } }
 * })
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
  /** The six-digit two-step verification PIN the number is registered with. */
  pin: Schema.optional(Schema.String.pipe(Schema.pattern(/^\d{6}$/, { message: () => "must be 6 digits" }))),
  /** The name shown for the number (Meta's `verified_name`, Kaleyra's display name). */
  displayName: Schema.optional(Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" }))),
  /** What one provider alone needs, by provider name; each adapter validates its own entry. */
  providerOptions: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
}) {}

/**
 * Reads a provider's entry of `providerOptions` with that provider's schema: the entry's
 * fields, with every broken rule named as `providerOptions.<provider>.<field>`.
 *
 * @since 0.1.0
 * @category validation
 */
export const providerOptions = <A, I>(
  provider: string,
  schema: Schema.Schema<A, I, never>,
  operation = "numbers.provision"
): (
  request: { readonly providerOptions?: { readonly [name: string]: unknown } | undefined }
) => Effect.Effect<A, InvalidInput> => {
  const decode = Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "ignore" })
  const prefix = `providerOptions.${provider}`
  return (request) =>
    Either.match(decode(request.providerOptions?.[provider] ?? {}), {
      onRight: Effect.succeed,
      onLeft: (error) => {
        const [first, ...rest] = Validation.issuesOf(error).map((issue) => ({
          field: issue.field === "(input)" ? prefix : `${prefix}.${issue.field}`,
          rule: issue.rule
        }))
        return Effect.fail(
          Validation.invalidInput({ provider, operation }, [first ?? { field: prefix, rule: "is invalid" }, ...rest])
        )
      }
    })
}

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
