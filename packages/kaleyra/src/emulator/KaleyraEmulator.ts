/**
 * An in-process emulator of Kaleyra's legacy WhatsApp Registration ("activation") API, written
 * only from Kaleyra's document (`kaleyra-whatsapp-registration.txt`), never from the adapter's
 * code, so that it can catch the adapter's mistakes.
 *
 * It serves `POST /v1/{SID}/whatsapp/activation` over real HTTP on `127.0.0.1`:
 *
 * - the `api-key` header and the SID in the path must be the account's pair, else 401;
 * - the body is `multipart/form-data` with `display_name`, `wa_number` (E.164), `business_id`
 *   (an integer), `business_name` and the `business_certificate` file;
 * - a missing, empty or wrongly typed certificate answers `E939` wrapping `E413`;
 * - an account may submit one activation request: the second answers `E939` wrapping `E937`;
 * - a success answers `I102` with the business details and phone number records, shaped like the
 *   document's example.
 *
 * Every request is recorded (multipart parts with their bytes), and every activation that took
 * effect is listed in `effects`.
 *
 * `faults` injects the failures real networks and providers produce (429 with any
 * `Retry-After`, 5xx, resets, silence, stalled or truncated bodies, garbled 200s, a refused key,
 * redirects) per route and request count.
 *
 * @example
 * import { KaleyraEmulator } from "@wa-admin/kaleyra/emulator"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const emulator = yield* KaleyraEmulator.make()
 *   // configure a client with emulator.url and emulator.credentials, then inspect:
 *   const requests = yield* emulator.requests
 * })
 *
 * @since 0.1.0
 * @deprecated Kaleyra says its WhatsApp Registration API is no longer in use; this emulator exists
 * to test migration tooling that reads and replays that step.
 */
import { EmulatorHost } from "@wa-admin/core/testing"
import type { FaultInjection } from "@wa-admin/core/testing"
import { Context, Effect, Layer } from "effect"
import type { Scope } from "effect"
import { absurd } from "effect/Function"
import { randomBytes, randomUUID } from "node:crypto"
import * as Http from "node:http"

// The fault-injection models of `emulator.faults`, the same for every emulator.
/** @since 0.1.0 */ export type Arrival = FaultInjection.Arrival
/** @since 0.1.0 */ export type Fault = FaultInjection.Fault
/** @since 0.1.0 */ export type FaultRule = FaultInjection.FaultRule
/** @since 0.1.0 */ export type Faults = FaultInjection.Faults
/** @since 0.1.0 */ export type RetryAfter = FaultInjection.RetryAfter

/**
 * How to start the emulator. Credentials are generated when not given.
 *
 * @since 0.1.0
 * @category models
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export interface Options {
  readonly sid?: string
  readonly apiKey?: string
  readonly host?: string
  readonly port?: number
}

/**
 * One part of a `multipart/form-data` body as it arrived: a field (`value`) or a file
 * (`fileName`, `contentType`, `bytes`).
 *
 * @since 0.1.0
 * @category models
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export interface RecordedPart extends EmulatorHost.RecordedPart {}

/**
 * A request as the emulator received it: the path as received, lower-case header names, the
 * parsed JSON body when the request was JSON, the multipart parts when it was a form.
 *
 * @since 0.1.0
 * @category models
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export interface RecordedRequest extends EmulatorHost.RecordedRequest {
  readonly multipart?: ReadonlyArray<RecordedPart>
}

/**
 * Why `make` (or `layer`) failed to start the emulator: the port is taken or out of range, the
 * host unknown; `message` says so in one line.
 *
 * @since 0.1.0
 * @category errors
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export import StartError = EmulatorHost.StartError

/**
 * One change of state the emulator made (an activation request created), for counting
 * duplicates.
 *
 * @since 0.1.0
 * @category models
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export interface RecordedEffect {
  readonly operation: string
  readonly key: string
}

/**
 * An activation request the emulator accepted.
 *
 * @since 0.1.0
 * @category models
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export interface Activation {
  readonly sid: string
  readonly displayName: string
  readonly waNumber: string
  readonly businessId: string
  readonly businessName: string
  readonly incomingUrl: string
  readonly certificate: { readonly fileName: string; readonly contentType: string; readonly bytes: Uint8Array }
  readonly businessDetailsId: number
  readonly phoneNumberId: number
}

/**
 * A running emulator: `url` is the base URL to configure a client with (`http://127.0.0.1:PORT`;
 * the client appends `/v1/{SID}/…`), `environment` holds `KALEYRA_BASE_URL`, `KALEYRA_SID` and
 * `KALEYRA_API_KEY`.
 *
 * @since 0.1.0
 * @category models
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export interface Emulator extends EmulatorHost.Host {
  readonly requests: Effect.Effect<ReadonlyArray<RecordedRequest>>
  readonly credentials: { readonly sid: string; readonly apiKey: string }
  /** Every mutation that took effect, one entry each. */
  readonly effects: Effect.Effect<ReadonlyArray<RecordedEffect>>
  /** The activation requests accepted so far. */
  readonly activations: Effect.Effect<ReadonlyArray<Activation>>
  /**
   * Fault injection: make chosen requests meet a 429 or 5xx, a reset connection, an answer that
   * never comes or stops halfway, a garbled body, a refused API key or a redirect.
   */
  readonly faults: FaultInjection.Faults
}

/**
 * The emulator as a service.
 *
 * @since 0.1.0
 * @category tags
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export class KaleyraEmulator extends Context.Tag("@wa-admin/kaleyra/KaleyraEmulator")<KaleyraEmulator, Emulator>() {
  /**
   * A layer starting an emulator for as long as the layer lives (same as the module's `layer`).
   *
   * @since 0.1.0
   * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
   */
  static readonly layer = (options?: Options): Layer.Layer<KaleyraEmulator, StartError> =>
    Layer.scoped(KaleyraEmulator, make(options))
}

type Envelope = {
  readonly code: string
  readonly message: string
  readonly data: ReadonlyArray<unknown>
  readonly error: Record<string, unknown>
}

const failedActivation = "Failed to submit request for Whatsapp account activation."

/** The document's failure envelope: `E939` wrapping the specific error. */
const activationFailure = (error: Record<string, unknown>): Envelope => ({
  code: "E939",
  message: failedActivation,
  data: [],
  error
})

/** A validation error as the document shows it for `business_certificate`. */
const validationError = (parameter: string, message: string): Envelope =>
  activationFailure({ code: "E413", type: "VALIDATION_ERROR", parameter, message, reference: "" })

const respond = (status: number, body: Envelope): EmulatorHost.Reply => ({ status, body })

// The document states no HTTP status for its failures. Kaleyra's other v1 APIs answer their
// validation and business-rule failures with 400, so the emulator does the same for E413 and E937.
const failureStatus = 400

// The document is silent on authentication failures; Kaleyra's v1 APIs answer 401 with their
// usual envelope and the message "Incorrect SID or API key." when the <SID, API key> pair is wrong.
const unauthorized: Envelope = { code: "RBC001", message: "Incorrect SID or API key.", data: [], error: {} }

// The document lists only the activation endpoint; anything else is plausibly a plain 404/405
// in the same envelope.
const notFound: Envelope = { code: "E404", message: "The requested resource was not found.", data: [], error: {} }
const methodNotAllowed: Envelope = { code: "E405", message: "Method not allowed.", data: [], error: {} }

// Faults answer in the same envelope. The document gives no codes for these; the `E` + status
// codes follow the emulator's own E404 / E405.
const faultEnvelope = (status: number): Envelope =>
  status === 401
    ? unauthorized
    : status === 429
    ? { code: "E429", message: "Too many requests. Please try again later.", data: [], error: {} }
    : { code: `E${status}`, message: Http.STATUS_CODES[status] ?? "Error", data: [], error: {} }

/** The certificate types the document allows: "jpeg, jpg, pdf, or png". */
const allowedExtensions: ReadonlySet<string> = new Set(["jpeg", "jpg", "pdf", "png"])

/**
 * What a file's first bytes say it is, as the provider's server-side type check (a content
 * sniff, like PHP's `finfo`) would: only the three kinds the document allows are recognised.
 */
const sniff = (bytes: Uint8Array): "jpeg" | "png" | "pdf" | "other" => {
  const startsWith = (signature: ReadonlyArray<number>) =>
    bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte)
  if (startsWith([0xff, 0xd8, 0xff])) return "jpeg"
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png"
  if (startsWith([0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf"
  return "other"
}

const extensionOf = (fileName: string): string => {
  const dot = fileName.lastIndexOf(".")
  return dot < 0 ? "" : fileName.slice(dot + 1).toLowerCase()
}

const isoCodes: ReadonlyArray<readonly [string, string, string]> = [
  ["971", "AE", "united arab emirates"],
  ["234", "NG", "nigeria"],
  ["44", "GB", "united kingdom"],
  ["91", "IN", "india"],
  ["49", "DE", "germany"],
  ["33", "FR", "france"],
  ["39", "IT", "italy"],
  ["34", "ES", "spain"],
  ["65", "SG", "singapore"],
  ["55", "BR", "brazil"],
  ["52", "MX", "mexico"],
  ["61", "AU", "australia"],
  ["62", "ID", "indonesia"],
  ["27", "ZA", "south africa"],
  ["1", "US", "united states"]
]

const regionOf = (waNumber: string): { readonly isoCode: string; readonly country: string } => {
  const digits = waNumber.slice(1)
  const found = isoCodes.find(([prefix]) => digits.startsWith(prefix))
  return found === undefined ? { isoCode: "", country: "" } : { isoCode: found[1], country: found[2] }
}

const randomDigits = (length: number): string =>
  Array.from(randomBytes(length), (byte) => String(byte % 10)).join("").replace(/^0/, "1")

/** The form's values: the multipart parts, or for a JSON / URL-encoded body, its string fields. */
type Form = ReadonlyMap<string, RecordedPart>

const formOf = (recorded: RecordedRequest): Form => {
  const form = new Map<string, RecordedPart>()
  if (recorded.multipart !== undefined) {
    for (const part of recorded.multipart) if (!form.has(part.name)) form.set(part.name, part)
    return form
  }
  const contentType = recorded.headers["content-type"] ?? ""
  if (typeof recorded.body === "object" && recorded.body !== null) {
    for (const [name, value] of Object.entries(recorded.body)) {
      if (typeof value === "string" || typeof value === "number") form.set(name, { name, value: String(value) })
    }
  } else if (contentType.includes("application/x-www-form-urlencoded")) {
    for (const [name, value] of new URLSearchParams(recorded.bodyText)) {
      if (!form.has(name)) form.set(name, { name, value })
    }
  }
  return form
}

const fieldValue = (form: Form, name: string): string | undefined => {
  const part = form.get(name)
  return part?.value === undefined ? undefined : part.value.trim()
}

/**
 * Starts an emulator on `options.host ?? "127.0.0.1"`, `options.port ?? 0`; it stops when the
 * scope closes.
 *
 * @since 0.1.0
 * @category constructors
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export const make = (options?: Options): Effect.Effect<Emulator, StartError, Scope.Scope> =>
  Effect.gen(function*() {
    const sid = options?.sid ?? `HXAP${randomDigits(10)}IN`
    const apiKey = options?.apiKey ?? `A${randomBytes(16).toString("hex")}`
    const companyId = `Z${randomBytes(3).toString("hex")}`
    const userId = randomDigits(10)
    const effects: Array<RecordedEffect> = []
    const activations: Array<Activation> = []

    const validate = (form: Form): Envelope | undefined => {
      const displayName = fieldValue(form, "display_name")
      if (displayName === undefined || displayName.length === 0) {
        return validationError("display_name", "display_name field is required and cannot be empty.")
      }
      const waNumber = fieldValue(form, "wa_number")
      if (waNumber === undefined || waNumber.length === 0) {
        return validationError("wa_number", "wa_number field is required and cannot be empty.")
      }
      if (!/^\+[1-9]\d{4,14}$/.test(waNumber)) {
        return validationError("wa_number", "The wa_number must be a valid phone number in E164 format.")
      }
      const businessId = fieldValue(form, "business_id")
      if (businessId === undefined || businessId.length === 0) {
        return validationError("business_id", "business_id field is required and cannot be empty.")
      }
      if (!/^\d+$/.test(businessId)) return validationError("business_id", "The business_id must be an integer.")
      const businessName = fieldValue(form, "business_name")
      if (businessName === undefined || businessName.length === 0) {
        return validationError("business_name", "business_name field is required and cannot be empty.")
      }
      const certificate = form.get("business_certificate")
      if (certificate?.bytes === undefined || certificate.bytes.length === 0) {
        return validationError("business_certificate", "business_certificate field is required and cannot be empty.")
      }
      // The document: "must be a file of type jpeg, jpg, pdf, or png". The provider judges the
      // file by its name's extension and by its content (a text file renamed `.png` is refused);
      // the part's declared Content-Type is the client's claim and is not trusted.
      if (!allowedExtensions.has(extensionOf(certificate.fileName ?? "")) || sniff(certificate.bytes) === "other") {
        return validationError(
          "business_certificate",
          "The business_certificate must be a file of type: jpeg,jpg,pdf,png."
        )
      }
      return undefined
    }

    // Synchronous from the check to the write: no other request interleaves.
    const activate = (accountSid: string, form: Form, nowMillis: number): EmulatorHost.Reply => {
      const invalid = validate(form)
      if (invalid !== undefined) return respond(failureStatus, invalid)
      if (activations.some((activation) => activation.sid === accountSid)) {
        return respond(
          failureStatus,
          activationFailure({
            code: "E937",
            message: "This account already has submitted a request for WhatsApp activation.",
            data: []
          })
        )
      }
      const now = String(Math.floor(nowMillis / 1000))
      const certificate = form.get("business_certificate")
      const bytes = certificate?.bytes ?? new Uint8Array()
      const activation: Activation = {
        sid: accountSid,
        displayName: fieldValue(form, "display_name") ?? "",
        waNumber: fieldValue(form, "wa_number") ?? "",
        businessId: fieldValue(form, "business_id") ?? "",
        businessName: fieldValue(form, "business_name") ?? "",
        incomingUrl: fieldValue(form, "incoming_url") ?? "",
        certificate: {
          fileName: certificate?.fileName ?? "",
          contentType: certificate?.contentType ?? "",
          bytes
        },
        businessDetailsId: activations.length + 1,
        phoneNumberId: 131 + activations.length
      }
      activations.push(activation)
      effects.push({ operation: "whatsapp.activation", key: accountSid })
      const region = regionOf(activation.waNumber)
      // Status 2 on both records: the value the document's example shows for a fresh request.
      return respond(200, {
        code: "I102",
        message: "Activation request created successfully.",
        data: [
          {
            business_details: {
              id: activation.businessDetailsId,
              company_id: companyId,
              business_id: activation.businessId,
              business_name: activation.businessName,
              certificate_id: 2520 + activation.businessDetailsId,
              status: 2,
              namespace: randomUUID().replaceAll("-", "_"),
              created_at: now,
              modified_at: now,
              created_by: userId,
              modified_by: userId,
              waba_id: randomDigits(16)
            },
            phone_number: {
              created_by: userId,
              created_at: now,
              company_id: companyId,
              name: activation.displayName,
              incoming_url: activation.incomingUrl,
              phone_number: activation.waNumber,
              country: region.country,
              status: 2,
              iso_code: region.isoCode,
              id: activation.phoneNumberId
            },
            template: ""
          }
        ],
        error: {}
      })
    }

    /** The document's authentication: the `api-key` header and the SID in the path must be the account's pair. */
    const authorized = (call: EmulatorHost.Call): boolean =>
      call.headers["api-key"] === apiKey && call.params["sid"] === sid

    const activation = (call: EmulatorHost.Call) =>
      Effect.sync(() => authorized(call) ? activate(sid, formOf(call), call.now) : respond(401, unauthorized))

    const host = yield* EmulatorHost.make({
      host: options?.host,
      port: options?.port,
      routes: {
        "POST /v1/:sid/whatsapp/activation": activation,
        "POST /v1/:sid/whatsapp/activation/": activation
      },
      // Another method on the activation path: the credentials are checked first, as for POST.
      methodNotAllowed: (call) =>
        Effect.sync(() => authorized(call) ? respond(405, methodNotAllowed) : respond(401, unauthorized)),
      failure: absurd,
      notFound: () => respond(404, notFound),
      internalError: () => respond(500, faultEnvelope(500)),
      faultBody: faultEnvelope,
      environment: (url) => ({ KALEYRA_BASE_URL: url, KALEYRA_SID: sid, KALEYRA_API_KEY: apiKey })
    })

    return {
      ...host,
      credentials: { sid, apiKey },
      effects: Effect.sync(() => effects.slice()),
      activations: Effect.sync(() => activations.slice())
    }
  })

/**
 * A layer starting an emulator for as long as the layer lives.
 *
 * @since 0.1.0
 * @category layers
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export const layer = (options?: Options): Layer.Layer<KaleyraEmulator, StartError> => KaleyraEmulator.layer(options)
