/**
 * Phone numbers through their registration states: added to a WABA (`PENDING`, code
 * `UNVERIFIED`, display name `PENDING_REVIEW`), a code requested by SMS or voice (to the outbox)
 * and verified (`VERIFIED`), registered with the two-step PIN (`LINKED`, platform `CLOUD_API`),
 * deregistered (`UNLINKED`); the number's fields, its list in the WABA, and the two-step PIN and
 * display-name change (`POST /{Phone-Number-ID}`).
 *
 * Where the document is silent: Meta allows 10 register calls per number in a moving 72 hours;
 * the 11th fails with code 133016 and locks registration for 72 hours (the facts). A
 * code is valid for 10 minutes and single-use (the document: "typically 10 minutes"); after
 * `maxVerifyAttempts` wrong codes the document's "Too many verification attempts" (429, code 4)
 * answers until a new code is requested.
 *
 * @internal
 */
import { Effect } from "effect"
import * as Crypto from "node:crypto"
import type { Action, Context } from "./context.js"
import { managing } from "./context.js"
import { pick, requestedFields } from "./fields.js"
import type { Call, GraphError, Reply } from "./graph.js"
import { conflict, GraphError as Failure, invalidParameter, ok, success, unprocessable } from "./graph.js"
import { isObject, jsonBody, optionalBoolean, optionalText, requiredText } from "./input.js"
import { page, pageBody } from "./paging.js"
import type { PhoneNumber, State, Waba } from "./state.js"
import { displayNumber, e164, emptyProfile, freshId, nextSeq, numbersOf, randomDigits, record } from "./state.js"

/** Register calls allowed per number in the moving window. */
export const registerLimit = 10
/** The moving window of the register limit, and how long the 11th call locks registration. */
export const registerWindowMillis = 72 * 60 * 60 * 1000

/** ISO 3166 alpha-2 codes of common country calling codes (for `country_code`). */
const regions: Readonly<Record<string, string>> = {
  "1": "US",
  "7": "RU",
  "20": "EG",
  "27": "ZA",
  "31": "NL",
  "33": "FR",
  "34": "ES",
  "39": "IT",
  "44": "GB",
  "49": "DE",
  "52": "MX",
  "55": "BR",
  "60": "MY",
  "61": "AU",
  "62": "ID",
  "63": "PH",
  "65": "SG",
  "66": "TH",
  "81": "JP",
  "82": "KR",
  "84": "VN",
  "86": "CN",
  "90": "TR",
  "91": "IN",
  "234": "NG",
  "254": "KE",
  "852": "HK",
  "966": "SA",
  "971": "AE",
  "972": "IL"
}

/** The country calling code a number starts with, when it is one of the known ones. */
export const knownCountryCode = (digits: string): string | undefined =>
  [3, 2, 1].map((length) => digits.slice(0, length)).find((prefix) => regions[prefix] !== undefined)

/** What `unified_cert_status` says for a display-name status. */
const certStatus = (phone: PhoneNumber): string => {
  switch (phone.nameStatus) {
    case "APPROVED":
    case "AVAILABLE_WITHOUT_REVIEW":
      return "APPROVED"
    case "PENDING_REVIEW":
      return "NAME_PENDING_REVIEW"
    case "DECLINED":
      return "NAME_NOT_APPROVED"
    default:
      return "ACCOUNT_REVIEW_NOT_STARTED"
  }
}

const platform = (phone: PhoneNumber): string => phone.status === "LINKED" ? "CLOUD_API" : "NOT_APPLICABLE"

/** Every field of a number, by its Graph name. */
const fieldValues = (phone: PhoneNumber): Record<string, unknown> => ({
  id: phone.id,
  display_phone_number: displayNumber(phone),
  verified_name: phone.verifiedName,
  quality_rating: phone.qualityRating,
  code_verification_status: phone.codeVerificationStatus,
  name_status: phone.nameStatus,
  status: phone.status,
  platform_type: platform(phone),
  host_platform: platform(phone),
  throughput: { level: "STANDARD" },
  messaging_limit_tier: phone.messagingLimitTier,
  country_code: regions[phone.countryCode],
  country_dial_code: phone.countryCode,
  account_mode: "LIVE",
  is_official_business_account: false,
  unified_cert_status: certStatus(phone)
})

/**
 * The fields of `GET /{Phone-Number-ID}`: the document's (`id`, `display_phone_number`,
 * `verified_name`, `quality_rating` by default; `name_status`, `code_verification_status`) and
 * those the issue names from Meta's developer documentation (`status`, `platform_type`,
 * `throughput`, `messaging_limit_tier`).
 */
export const numberFields = [
  "id",
  "display_phone_number",
  "verified_name",
  "quality_rating",
  "code_verification_status",
  "name_status",
  "status",
  "platform_type",
  "throughput",
  "messaging_limit_tier"
]

/** The fields of the WABA's phone-number list, as the document lists them. */
const listFields = [
  "id",
  "display_phone_number",
  "verified_name",
  "status",
  "quality_rating",
  "country_code",
  "country_dial_code",
  "code_verification_status",
  "unified_cert_status",
  "account_mode",
  "host_platform",
  "messaging_limit_tier",
  "is_official_business_account"
]

/** `GET /{Phone-Number-ID}`. */
export const getNumber: Action<"phone"> = {
  permissions: ["whatsapp_business_management", "whatsapp_business_messaging"],
  handle: (call, phone) =>
    Effect.map(
      requestedFields(call.query, numberFields, ["id", "display_phone_number", "verified_name", "quality_rating"]),
      (fields) => ok(pick(fields, fieldValues(phone), ["id"]))
    )
}

const statusUpdateFields = [
  "pin",
  "new_display_name",
  "whatsapp_business_api_data",
  "connection_status",
  "webhook_url",
  "search_visibility",
  "webhook_configuration",
  "username"
]

const modelledUpdates = ["pin", "new_display_name", "whatsapp_business_api_data"]

/**
 * `POST /{Phone-Number-ID}`: the two-step PIN (`pin`, or `whatsapp_business_api_data.pin`; an
 * empty PIN removes it; the number must be registered) and a new display name (reviewed like a
 * new number's). The document's other parameters (connection status, webhooks, search
 * visibility, username) are not modelled and are refused as such.
 */
export const updateNumber = managing<"phone">((context, call, phone) =>
  Effect.gen(function*() {
    const body = yield* jsonBody(call, statusUpdateFields)
    const unmodelled = Object.keys(body).find((key) => !modelledUpdates.includes(key))
    if (unmodelled !== undefined) {
      return yield* Effect.fail(invalidParameter(`(#100) Param ${unmodelled} is not supported by the emulator`))
    }
    const data = body["whatsapp_business_api_data"] ?? {}
    if (!isObject(data)) {
      return yield* Effect.fail(invalidParameter("Invalid parameter: whatsapp_business_api_data must be an object"))
    }
    const nested = data
    const pinRule = { pattern: /^(\d{6})?$/, patternText: "6 digits (or empty to remove the PIN)" }
    const pin = (yield* optionalText(body["pin"], "pin", pinRule)) ??
      (yield* optionalText(nested["pin"], "whatsapp_business_api_data.pin", pinRule))
    const showSecurityNotifications = yield* optionalBoolean(
      nested["show_security_notifications"],
      "whatsapp_business_api_data.show_security_notifications"
    )
    const notifyUserChangeNumber = yield* optionalBoolean(
      nested["notify_user_change_number"],
      "whatsapp_business_api_data.notify_user_change_number"
    )
    const newName = yield* optionalText(body["new_display_name"], "new_display_name", { minLength: 2, maxLength: 75 })
    if (
      pin === undefined && newName === undefined && showSecurityNotifications === undefined &&
      notifyUserChangeNumber === undefined
    ) {
      return yield* Effect.fail(invalidParameter("(#100) Give pin or new_display_name"))
    }
    if (
      (pin !== undefined || showSecurityNotifications !== undefined || notifyUserChangeNumber !== undefined) &&
      phone.status !== "LINKED"
    ) {
      return yield* Effect.fail(unprocessable("The phone number is not registered"))
    }
    if (pin !== undefined) {
      phone.pin = pin === "" ? undefined : pin
      record(context.state, "setPin", phone.id)
    }
    if (showSecurityNotifications !== undefined) {
      phone.securitySettings.showSecurityNotifications = showSecurityNotifications
    }
    if (notifyUserChangeNumber !== undefined) phone.securitySettings.notifyUserChangeNumber = notifyUserChangeNumber
    if (newName !== undefined) {
      phone.pendingName = { name: newName, decidedAt: call.now + context.settings.reviewMillis }
      phone.nameStatus = "PENDING_REVIEW"
      record(context.state, "requestDisplayName", phone.id)
    }
    return success
  })
)

interface NumberFilter {
  readonly field: string
  readonly value: unknown
}

const filterable = ["account_mode", "messaging_limit_tier", "is_official_business_account"]

const filtersOf = (text: string | undefined): Effect.Effect<ReadonlyArray<NumberFilter>, GraphError> => {
  if (text === undefined || text === "") return Effect.succeed([])
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return Effect.fail(invalidParameter("Invalid parameter: filtering must be valid JSON"))
  }
  if (!Array.isArray(parsed)) return Effect.fail(invalidParameter("Invalid parameter: filtering must be a JSON array"))
  const filters: Array<NumberFilter> = []
  for (const item of parsed) {
    const field: unknown = typeof item === "object" && item !== null ? Reflect.get(item, "field") : undefined
    const operator: unknown = typeof item === "object" && item !== null ? Reflect.get(item, "operator") : undefined
    if (typeof field !== "string" || !filterable.includes(field)) {
      return Effect.fail(invalidParameter(`Invalid parameter: filtering supports the fields ${filterable.join(", ")}`))
    }
    if (operator !== "EQUAL") {
      return Effect.fail(invalidParameter("Invalid parameter: filtering supports the operator EQUAL"))
    }
    filters.push({ field, value: Reflect.get(item, "value") })
  }
  return Effect.succeed(filters)
}

const sorts = ["creation_time.asc", "creation_time.desc", "last_onboarded_time.asc", "last_onboarded_time.desc"]

/** `GET /{WABA-ID}/phone_numbers`: fields, `filtering`, `sort` and cursor paging. */
export const listNumbers = managing<"waba">((context, call, waba) =>
  Effect.gen(function*() {
    const fields = yield* requestedFields(call.query, listFields, [
      "id",
      "display_phone_number",
      "verified_name",
      "status",
      "quality_rating"
    ])
    const filters = yield* filtersOf(call.query["filtering"])
    const sort = call.query["sort"]
    if (sort !== undefined && !sorts.includes(sort)) {
      return yield* Effect.fail(invalidParameter(`Invalid parameter: sort must be one of ${sorts.join(", ")}`))
    }
    const matching = numbersOf(context.state, waba).filter((phone) => {
      const values = fieldValues(phone)
      return filters.every((filter) => values[filter.field] === filter.value)
    })
    const key = (phone: PhoneNumber) => sort?.startsWith("last_onboarded_time") ? phone.lastOnboardedAt ?? 0 : phone.seq
    const ordered = sort === undefined
      ? matching
      : matching.slice().sort((left, right) => sort.endsWith(".desc") ? key(right) - key(left) : key(left) - key(right))
    const ranked = ordered.map((phone, rank) => ({ phone, rank }))
    const found = yield* page(call, context.settings.graphUrl, "phone_numbers", ranked, (item) => item.rank, {
      defaultSize: 25,
      maxSize: 100
    })
    return ok(
      pageBody(found, ({ phone }) => pick(fields, fieldValues(phone), ["id", "display_phone_number", "status"]))
    )
  })
)

/** A new number in a WABA, before any code or registration. */
export const newNumber = (
  state: State,
  reviewMillis: number,
  waba: Waba,
  fields: {
    readonly id: string
    readonly countryCode: string
    readonly nationalNumber: string
    readonly verifiedName: string
    readonly now: number
  }
): PhoneNumber => ({
  kind: "phone",
  id: fields.id,
  wabaId: waba.id,
  countryCode: fields.countryCode,
  nationalNumber: fields.nationalNumber,
  createdAt: fields.now,
  seq: nextSeq(state),
  verifiedName: fields.verifiedName,
  status: "PENDING",
  codeVerificationStatus: "UNVERIFIED",
  nameStatus: "PENDING_REVIEW",
  pendingName: { name: fields.verifiedName, decidedAt: fields.now + reviewMillis },
  qualityRating: "NA",
  messagingLimitTier: "TIER_250",
  lastOnboardedAt: undefined,
  pin: undefined,
  securitySettings: {},
  pendingCode: undefined,
  failedAttempts: 0,
  registerCalls: [],
  registerLockedUntil: undefined,
  profile: emptyProfile(),
  publicKey: undefined,
  commerce: { id: freshId(state), cartEnabled: true, catalogVisible: true },
  automation: undefined,
  qrCodes: new Map()
})

/** Whether a number (`+` and digits) is already in any WABA. */
const inUse = (context: Context, digits: string): boolean => {
  for (const node of context.state.nodes.values()) {
    if (node.kind === "phone" && `${node.countryCode}${node.nationalNumber}` === digits && node.status !== "DELETED") {
      return true
    }
  }
  return false
}

/**
 * `POST /{WABA-ID}/phone_numbers`: `phone_number` in E.164 without `+` (the document's pattern),
 * `cc` its country calling code (which it must start with; derived from the number when left
 * out and known), `verified_name` of 2 to 75 characters. A number in any WABA is a conflict
 * (409); a WABA at its limit is refused (403, code 200, subcode 1349175, as the document shows).
 * The emulator holds no on-premises or pre-verified numbers: `migrate_phone_number: true` and
 * `preverified_id` are refused.
 */
export const addNumber = managing<"waba">((context, call, waba) =>
  Effect.gen(function*() {
    const body = yield* jsonBody(call, [
      "phone_number",
      "verified_name",
      "cc",
      "migrate_phone_number",
      "preverified_id"
    ])
    const digits = yield* requiredText(body["phone_number"], "phone_number", {
      pattern: /^[1-9]\d{6,14}$/,
      patternText: "in E.164 format without the + prefix (7 to 15 digits)"
    })
    const verifiedName = yield* requiredText(body["verified_name"], "verified_name", { minLength: 2, maxLength: 75 })
    const cc = yield* optionalText(body["cc"], "cc", { pattern: /^\d{1,3}$/, patternText: "1 to 3 digits" })
    const migrate = yield* optionalBoolean(body["migrate_phone_number"], "migrate_phone_number")
    if (migrate === true) {
      return yield* Effect.fail(invalidParameter("(#100) There is no on-premises number to migrate"))
    }
    if (body["preverified_id"] !== undefined) {
      return yield* Effect.fail(invalidParameter("(#100) preverified_id does not name a pre-verified phone number"))
    }
    const countryCode = cc ?? knownCountryCode(digits)
    if (countryCode === undefined) {
      return yield* Effect.fail(invalidParameter("(#100) The parameter cc is required for this number"))
    }
    if (!digits.startsWith(countryCode) || digits.length - countryCode.length < 4) {
      return yield* Effect.fail(
        invalidParameter(
          `Invalid parameter: phone_number must be in E.164 format and start with its cc (${countryCode})`
        )
      )
    }
    if (inUse(context, digits)) {
      return yield* Effect.fail(conflict("Phone number is already registered with WhatsApp Business"))
    }
    if (waba.phoneNumberIds.length >= context.settings.maxNumbersPerWaba) {
      return yield* Effect.fail(
        new Failure({
          status: 403,
          type: "OAuthException",
          code: 200,
          subcode: 1349175,
          message: "Phone number limit exceeded for this WhatsApp Business Account",
          userTitle: "Limit Exceeded",
          userMessage: "You have reached the maximum number of phone numbers for this account"
        })
      )
    }
    const phone = newNumber(context.state, context.settings.reviewMillis, waba, {
      id: freshId(context.state),
      countryCode,
      nationalNumber: digits.slice(countryCode.length),
      verifiedName,
      now: call.now
    })
    context.state.nodes.set(phone.id, phone)
    waba.phoneNumberIds.push(phone.id)
    record(context.state, "addPhoneNumber", phone.id)
    return ok({ id: phone.id })
  })
)

/** `POST /{Phone-Number-ID}/request_code`: a 6-digit code to the outbox, by SMS or voice. */
export const requestCode = managing<"phone">((context, call, phone) =>
  Effect.gen(function*() {
    const body = yield* jsonBody(call, ["code_method", "language"])
    const method = yield* requiredText(body["code_method"], "code_method", { values: ["SMS", "VOICE"] })
    const language = yield* requiredText(body["language"], "language", {
      pattern: /^[a-z]{2}_[A-Z]{2}$/,
      patternText: "a locale like en_US"
    })
    if (phone.codeVerificationStatus === "VERIFIED") {
      return yield* Effect.fail(unprocessable("Phone number is not eligible for verification at this time"))
    }
    const code = randomDigits(6)
    phone.pendingCode = { code, expiresAt: call.now + context.settings.codeTtlMillis }
    phone.failedAttempts = 0
    context.state.outbox.push({
      phoneNumberId: phone.id,
      phoneNumber: e164(phone),
      method: method === "VOICE" ? "VOICE" : "SMS",
      language,
      code,
      sentAt: call.now
    })
    record(context.state, "requestCode", phone.id)
    return ok({ success: true })
  })
)

const verificationFailed = unprocessable("The verification code is invalid or has expired", {
  userTitle: "Verification Failed",
  userMessage: "The verification code you entered is invalid or has expired"
})

/** `POST /{Phone-Number-ID}/verify_code`. */
export const verifyCode = managing<"phone">((context, call, phone) =>
  Effect.gen(function*() {
    const body = yield* jsonBody(call, ["code"])
    const code = body["code"]
    if (typeof code !== "string" || !/^\d{6}$/.test(code)) {
      return yield* Effect.fail(invalidParameter("Invalid verification code format"))
    }
    if (phone.failedAttempts >= context.settings.maxVerifyAttempts) {
      return yield* Effect.fail(
        new Failure({
          status: 429,
          type: "OAuthException",
          code: 4,
          subcode: 2446079,
          transient: true,
          message: "Too many verification attempts. Please try again later"
        })
      )
    }
    const pending = phone.pendingCode
    if (pending === undefined || call.now >= pending.expiresAt) return yield* Effect.fail(verificationFailed)
    const given = Buffer.from(code)
    if (!Crypto.timingSafeEqual(given, Buffer.from(pending.code))) {
      phone.failedAttempts += 1
      return yield* Effect.fail(verificationFailed)
    }
    phone.pendingCode = undefined
    phone.failedAttempts = 0
    phone.codeVerificationStatus = "VERIFIED"
    record(context.state, "verifyCode", phone.id)
    return ok({ success: true, id: phone.id })
  })
)

const registerFields = [
  "messaging_product",
  "pin",
  "backup",
  "tier",
  "data_localization_region",
  "meta_store_retention_minutes"
]

const regionsForLocalization = ["AE", "AU", "BH", "BR", "CA", "CH", "DE", "GB", "ID", "IN", "JP", "KR", "SG", "ZA"]

/** The register limit's verdict at `now`: calls still counted, and whether one more is allowed. */
export const registerBudget = (
  phone: PhoneNumber,
  now: number
): { readonly recent: Array<number>; readonly lockedUntil: number | undefined } => ({
  recent: phone.registerCalls.filter((at) => at > now - registerWindowMillis),
  lockedUntil: phone.registerLockedUntil !== undefined && phone.registerLockedUntil > now
    ? phone.registerLockedUntil
    : undefined
})

/**
 * `POST /{Phone-Number-ID}/register`: `messaging_product: "whatsapp"` and a 6-digit `pin`; the
 * code must have been verified. Every well-formed call on the number counts toward the limit of
 * 10 in a moving 72 hours; the 11th is refused with code 133016 and locks registration for 72
 * hours. A registered number is refused, as the document shows (422).
 */
export const register = managing<"phone">((context, call, phone) =>
  Effect.gen(function*() {
    const body = yield* jsonBody(call, registerFields)
    yield* requiredText(body["messaging_product"], "messaging_product", { values: ["whatsapp"] })
    const pin = body["pin"]
    if (typeof pin !== "string" || !/^\d{6}$/.test(pin)) {
      return yield* Effect.fail(invalidParameter("Invalid PIN format. PIN must be exactly 6 digits"))
    }
    yield* optionalText(body["tier"], "tier", { values: ["PROD", "SANDBOX"] })
    yield* optionalText(body["data_localization_region"], "data_localization_region", {
      values: regionsForLocalization
    })
    const retention = body["meta_store_retention_minutes"]
    if (retention !== undefined && retention !== 60) {
      return yield* Effect.fail(invalidParameter("Invalid parameter: meta_store_retention_minutes must be 60"))
    }
    const backup = body["backup"]
    if (backup !== undefined) {
      return yield* Effect.fail(invalidParameter("(#100) There is no on-premises backup to restore"))
    }
    const budget = registerBudget(phone, call.now)
    phone.registerCalls = budget.recent
    if (budget.lockedUntil !== undefined || budget.recent.length >= registerLimit) {
      if (budget.lockedUntil === undefined) phone.registerLockedUntil = call.now + registerWindowMillis
      return yield* Effect.fail(
        new Failure({
          status: 429,
          type: "OAuthException",
          code: 133016,
          message: "Account register deregister rate limit exceeded",
          userTitle: "Registration Limit Reached",
          userMessage: `This number was registered ${registerLimit} times in 72 hours; registration is locked until ` +
            new Date(phone.registerLockedUntil ?? call.now).toISOString()
        })
      )
    }
    phone.registerCalls.push(call.now)
    if (phone.codeVerificationStatus !== "VERIFIED") {
      return yield* Effect.fail(unprocessable("Phone number is not verified: request and verify a code first"))
    }
    if (phone.status === "LINKED") {
      return yield* Effect.fail(
        unprocessable("Phone number is already registered or in invalid state for registration")
      )
    }
    phone.status = "LINKED"
    phone.pin = pin
    phone.lastOnboardedAt = call.now
    record(context.state, "register", phone.id)
    return ok({ success: true })
  })
)

/** `POST /{Phone-Number-ID}/deregister`: only a registered number (else the document's subcode 2207051). */
export const deregister = managing<"phone">((context, _call: Call, phone) =>
  Effect.suspend((): Effect.Effect<Reply, GraphError> => {
    if (phone.status !== "LINKED") {
      return Effect.fail(
        invalidParameter("Phone number not registered on the WhatsApp Business Platform.", { subcode: 2207051 })
      )
    }
    phone.status = "UNLINKED"
    record(context.state, "deregister", phone.id)
    return Effect.succeed(ok({ success: true }))
  })
)
