/**
 * What the emulator holds: the Graph objects (businesses, WhatsApp Business Accounts, phone
 * numbers, templates, flows, media, upload sessions, the app) in one registry keyed by id, as
 * the Graph API addresses them, and what happened (effects, the code outbox).
 *
 * @internal
 */
import * as Crypto from "node:crypto"

/** The permissions a system-user token can carry. */
export type Permission = "whatsapp_business_management" | "whatsapp_business_messaging" | "business_management"

/** The permissions of a token when none are given. */
export const allPermissions: ReadonlyArray<Permission> = [
  "whatsapp_business_management",
  "whatsapp_business_messaging",
  "business_management"
]

/** A user of a business, who can be assigned to its WABAs. */
export interface User {
  readonly id: string
  readonly name: string
  readonly userType: "BUSINESS_USER" | "SYSTEM_USER" | "PERSONAL_USER"
}

/** A business portfolio. */
export interface Business {
  readonly kind: "business"
  readonly id: string
  readonly name: string
  readonly accessible: boolean
  readonly users: Map<string, User>
  /** WABAs it owns, in creation order. */
  readonly ownedWabaIds: Array<string>
  /** WABAs other businesses share with it. */
  readonly clientWabaIds: Array<string>
}

/** An app subscribed to a WABA's webhooks. */
export interface Subscription {
  readonly appId: string
  readonly name: string
  readonly overrideCallbackUri: string | undefined
  readonly verifyToken: string | undefined
}

/** A deletion that blocks a template name for 30 days. */
export interface TemplateDeletion {
  readonly name: string
  /** `undefined` when every language of the name was deleted. */
  readonly language: string | undefined
  readonly at: number
}

/** A WhatsApp Business Account. */
export interface Waba {
  readonly kind: "waba"
  readonly id: string
  name: string
  readonly businessId: string
  readonly accessible: boolean
  readonly currency: string
  readonly timezoneId: string
  readonly namespace: string
  readonly country: string | undefined
  readonly accountReviewStatus: "APPROVED" | "PENDING" | "REJECTED" | "RESTRICTED"
  readonly businessVerificationStatus: "VERIFIED" | "UNVERIFIED" | "PENDING" | "REJECTED"
  readonly businessType: "ENTERPRISE" | "SMB"
  readonly phoneNumberIds: Array<string>
  readonly templateIds: Array<string>
  readonly flowIds: Array<string>
  readonly subscriptions: Map<string, Subscription>
  /** User id → permission tasks. */
  readonly assignedUsers: Map<string, ReadonlyArray<string>>
  /** When each template was created through the API (the hourly creation limit). */
  templateCreations: Array<number>
  readonly templateDeletions: Array<TemplateDeletion>
}

/** The business profile of a number. */
export interface Profile {
  about: string | undefined
  address: string | undefined
  description: string | undefined
  email: string | undefined
  websites: ReadonlyArray<string> | undefined
  vertical: string | undefined
  /** The handle of the uploaded picture. */
  pictureHandle: string | undefined
}

/** A message QR code of a number. */
export interface QrCode {
  readonly code: string
  prefilledMessage: string
  readonly createdAt: number
  readonly seq: number
  imageFormat: "PNG" | "SVG" | undefined
}

/** A verification code that was sent and not yet used. */
export interface PendingCode {
  readonly code: string
  readonly expiresAt: number
}

/** A display name waiting for review. */
export interface PendingName {
  readonly name: string
  readonly decidedAt: number
}

/** The conversational automation settings of a number. */
export interface Automation {
  readonly enableWelcomeMessage: boolean
  readonly prompts: ReadonlyArray<string>
  readonly commands: ReadonlyArray<{ readonly commandName: string; readonly commandDescription: string }>
}

/** The status of a number in its WABA (the document's `WhatsAppPhoneNumberStatus`). */
export type NumberStatus = "PENDING" | "LINKED" | "UNLINKED" | "DELETED" | "MIGRATED" | "BANNED" | "RESTRICTED"

/** A business phone number. */
export interface PhoneNumber {
  readonly kind: "phone"
  readonly id: string
  readonly wabaId: string
  /** Country calling code, digits. */
  readonly countryCode: string
  /** The number without its country code, digits. */
  readonly nationalNumber: string
  readonly createdAt: number
  readonly seq: number
  verifiedName: string
  status: NumberStatus
  codeVerificationStatus: "VERIFIED" | "UNVERIFIED"
  nameStatus: "APPROVED" | "AVAILABLE_WITHOUT_REVIEW" | "DECLINED" | "EXPIRED" | "PENDING_REVIEW" | "NONE"
  pendingName: PendingName | undefined
  qualityRating: "GREEN" | "YELLOW" | "RED" | "NA"
  messagingLimitTier: "TIER_50" | "TIER_250" | "TIER_1K" | "TIER_10K" | "TIER_100K" | "TIER_UNLIMITED"
  lastOnboardedAt: number | undefined
  pin: string | undefined
  securitySettings: { showSecurityNotifications?: boolean; notifyUserChangeNumber?: boolean }
  pendingCode: PendingCode | undefined
  failedAttempts: number
  /** When each register call was accepted for counting (the 10 per 72 hours limit). */
  registerCalls: Array<number>
  registerLockedUntil: number | undefined
  readonly profile: Profile
  publicKey: string | undefined
  commerce: { readonly id: string; cartEnabled: boolean; catalogVisible: boolean }
  automation: Automation | undefined
  readonly qrCodes: Map<string, QrCode>
}

/** The review status of a template (Meta's values; the document's schema lists the first four). */
export type TemplateStatus = "APPROVED" | "PENDING" | "REJECTED" | "DISABLED" | "PAUSED" | "IN_APPEAL"

/** Every template status, for checks. */
export const templateStatuses: ReadonlyArray<TemplateStatus> = [
  "APPROVED",
  "PENDING",
  "REJECTED",
  "DISABLED",
  "PAUSED",
  "IN_APPEAL"
]

/** One language version of a message template. */
export interface Template {
  readonly kind: "template"
  readonly id: string
  readonly wabaId: string
  readonly name: string
  readonly language: string
  readonly seq: number
  readonly createdAt: number
  category: string
  status: TemplateStatus
  components: ReadonlyArray<unknown>
  /** When the review of a PENDING template ends. */
  reviewEndsAt: number | undefined
  rejectedReason: string | undefined
  /** When each edit of the template, made while it was APPROVED, was accepted. */
  approvedEdits: Array<number>
}

/** A flow's validation error, as the document shows them. */
export interface FlowValidationError {
  readonly error: string
  readonly error_type: string
  readonly message: string
}

/** A WhatsApp Flow. */
export interface Flow {
  readonly kind: "flow"
  readonly id: string
  readonly wabaId: string
  readonly seq: number
  name: string
  categories: ReadonlyArray<string>
  status: "DRAFT" | "PUBLISHED" | "DEPRECATED"
  endpointUri: string | undefined
  /** The flow JSON asset as uploaded, and its parsed value when it parsed. */
  json: { readonly text: string; readonly value: unknown } | undefined
  validationErrors: ReadonlyArray<FlowValidationError>
  preview: { readonly url: string; readonly expiresAt: number } | undefined
}

/** A media file uploaded to a number. */
export interface Media {
  readonly kind: "media"
  readonly id: string
  readonly phoneNumberId: string
  readonly mimeType: string
  readonly bytes: Uint8Array
  readonly sha256: string
  readonly uploadedAt: number
}

/** A resumable upload session. */
export interface Upload {
  readonly kind: "upload"
  /** `upload:<id>`. */
  readonly id: string
  readonly fileName: string
  readonly fileLength: number
  readonly fileType: string
  readonly createdAt: number
  readonly chunks: Array<Uint8Array>
  offset: number
  handle: string | undefined
}

/** The app the access token belongs to. */
export interface App {
  readonly kind: "app"
  readonly id: string
  readonly name: string
}

/** Anything the Graph API addresses by id. */
export type Node = Business | Waba | PhoneNumber | Template | Flow | Media | Upload | App

/** The kinds of node, as the Graph API names their types in errors. */
export const nodeTypeNames: Record<Node["kind"], string> = {
  business: "Business",
  waba: "WhatsAppBusinessAccount",
  phone: "WhatsAppBusinessPhoneNumber",
  template: "WhatsAppMessageTemplate",
  flow: "WhatsAppFlow",
  media: "WhatsAppBusinessMedia",
  upload: "UploadSession",
  app: "Application"
}

/** A completed upload's handle. */
export interface Handle {
  readonly handle: string
  readonly fileName: string
  readonly fileType: string
  readonly bytes: Uint8Array
  /** Where the asset host serves the file. */
  readonly assetKey: string
}

/** A code the emulator "sent". */
export interface SentCode {
  readonly phoneNumberId: string
  /** `+` and the digits. */
  readonly phoneNumber: string
  readonly method: "SMS" | "VOICE"
  readonly language: string
  /** Six digits. */
  readonly code: string
  /** Epoch milliseconds. */
  readonly sentAt: number
}

/** A change that took effect. */
export interface RecordedEffect {
  readonly operation: string
  readonly key: string
}

/** The emulator's state. */
export interface State {
  readonly nodes: Map<string, Node>
  readonly handles: Map<string, Handle>
  readonly outbox: Array<SentCode>
  readonly effects: Array<RecordedEffect>
  nextSeq: number
}

/** An empty state. */
export const empty = (): State => ({ nodes: new Map(), handles: new Map(), outbox: [], effects: [], nextSeq: 1 })

/** A fresh id of `digits` digits that names nothing yet. */
export const freshId = (state: State, digits = 15): string => {
  for (;;) {
    const id = String(Crypto.randomInt(1, 10)) + randomDigits(digits - 1)
    if (!state.nodes.has(id)) return id
  }
}

/** `count` random decimal digits. */
export const randomDigits = (count: number): string => {
  let digits = ""
  while (digits.length < count) digits += String(Crypto.randomInt(0, 10))
  return digits
}

/** The next number of a monotonic sequence (cursors name it). */
export const nextSeq = (state: State): number => state.nextSeq++

/** Records an effect. */
export const record = (state: State, operation: string, key: string): void => {
  state.effects.push({ operation, key })
}

/** The node with this id when it has the kind. */
export const nodeOf = <K extends Node["kind"]>(
  state: State,
  id: string,
  kind: K
): Extract<Node, { readonly kind: K }> | undefined => {
  const node = state.nodes.get(id)
  return node !== undefined && node.kind === kind ? node as Extract<Node, { readonly kind: K }> : undefined
}

/** The WABA a node belongs to, if any. */
export const wabaOf = (state: State, node: Node): Waba | undefined => {
  switch (node.kind) {
    case "waba":
      return node
    case "phone":
    case "template":
    case "flow":
      return nodeOf(state, node.wabaId, "waba")
    case "media": {
      const phone = nodeOf(state, node.phoneNumberId, "phone")
      return phone === undefined ? undefined : nodeOf(state, phone.wabaId, "waba")
    }
    default:
      return undefined
  }
}

/** Whether the token may act on a node: its WABA and the WABA's business must be shared with it. */
export const accessible = (state: State, node: Node): boolean => {
  if (node.kind === "business") return node.accessible
  const waba = wabaOf(state, node)
  if (waba === undefined) return true
  return waba.accessible
}

/** `+` country code and number. */
export const e164 = (phone: PhoneNumber): string => `+${phone.countryCode}${phone.nationalNumber}`

/** The number as WhatsApp Manager displays it: `+1 631-555-5555` for NANP numbers, `+CC NATIONAL` otherwise. */
export const displayNumber = (phone: PhoneNumber): string => {
  const national = phone.nationalNumber
  if (phone.countryCode === "1" && national.length === 10) {
    return `+1 ${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`
  }
  return `+${phone.countryCode} ${national}`
}

/** The templates of a WABA that still exist, oldest first. */
export const templatesOf = (state: State, waba: Waba): ReadonlyArray<Template> =>
  waba.templateIds.flatMap((id) => {
    const template = nodeOf(state, id, "template")
    return template === undefined ? [] : [template]
  })

/** The flows of a WABA that still exist, oldest first. */
export const flowsOf = (state: State, waba: Waba): ReadonlyArray<Flow> =>
  waba.flowIds.flatMap((id) => {
    const flow = nodeOf(state, id, "flow")
    return flow === undefined ? [] : [flow]
  })

/** The numbers of a WABA, oldest first. */
export const numbersOf = (state: State, waba: Waba): ReadonlyArray<PhoneNumber> =>
  waba.phoneNumberIds.flatMap((id) => {
    const phone = nodeOf(state, id, "phone")
    return phone === undefined ? [] : [phone]
  })

/** A blank profile. */
export const emptyProfile = (): Profile => ({
  about: undefined,
  address: undefined,
  description: undefined,
  email: undefined,
  websites: undefined,
  vertical: undefined,
  pictureHandle: undefined
})

/** The SHA-256 of bytes, hex. */
export const sha256 = (bytes: Uint8Array): string => Crypto.createHash("sha256").update(bytes).digest("hex")
