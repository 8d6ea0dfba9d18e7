/**
 * The emulator's state: WABAs with their numbers, profiles, templates, flows, catalogs,
 * analytics and business key, plus the effect journal.
 *
 * Everything is mutated only inside synchronous blocks (see `atomically`), so a check and the
 * write it guards never interleave with another request.
 *
 * @internal
 */
import { randomBytes, randomInt } from "node:crypto"
import type { RecordedEffect, WabaOptions } from "../WoztellEmulator.js"
import type { Fields } from "./input.js"

/** One language version of a template. Each has its own id. */
export interface TemplateVariant {
  readonly id: string
  readonly seq: number
  readonly name: string
  readonly language: string
  category: string
  status: string
  rejectedReason: string
  qualityScore: string
  components: ReadonlyArray<unknown>
  readonly createdAt: number
  /** When each edit happened (epoch millis), oldest first. */
  readonly edits: Array<number>
}

/** Every language of one template name. `key` orders names in listings (newest name first). */
export interface TemplateGroup {
  readonly key: number
  readonly name: string
  readonly variants: Map<string, TemplateVariant>
}

/** The templates of one WABA. `groups` keeps insertion order, i.e. ascending `key`. */
export interface TemplateStore {
  readonly groups: Map<string, TemplateGroup>
  readonly byId: Map<string, TemplateVariant>
}

/** A validation error reported for a flow JSON, shaped as Meta reports them. */
export interface FlowValidationError {
  readonly error: string
  readonly error_type: "FLOW_JSON_ERROR"
  readonly message: string
  readonly pointers: ReadonlyArray<{ readonly path: string }>
}

/** The lifecycle of a flow. */
export type FlowStatus = "DRAFT" | "PUBLISHED" | "DEPRECATED"

/** A WhatsApp flow. */
export interface Flow {
  readonly id: string
  readonly seq: number
  name: string
  categories: ReadonlyArray<string>
  endpointUrl: string | undefined
  status: FlowStatus
  json: Fields
  validationErrors: ReadonlyArray<FlowValidationError>
  preview: { readonly token: string; readonly expiresAt: number } | undefined
}

/** A product of a catalog. */
export interface Product {
  readonly id: string
  readonly seq: number
  readonly name: string
  readonly price: string
  readonly imageUrl: string
  readonly retailerId: string
}

/** A product catalog of a WABA. */
export interface Catalog {
  readonly id: string
  readonly name: string
  readonly products: Array<Product>
}

/** Conversations that happened, aggregated by GET /conversation-analytics. */
export interface Conversation {
  /** UNIX seconds. */
  readonly timestamp: number
  readonly phoneNumber: string
  readonly country: string
  readonly conversationType: string
  readonly direction: string
  readonly cost: number
  readonly conversations: number
}

/** A media file uploaded through PUT /media-id. */
export interface MediaRecord {
  readonly mediaId: string
  readonly phoneNumberId: string
  readonly type: string
  readonly url: string
  readonly uploadedAt: number
  readonly expiresAt: number
}

/** A WhatsApp Business Account with its one phone number. */
export interface Waba {
  readonly wabaId: string
  readonly phoneNumberId: string
  readonly name: string
  /** Digits only, country code first. */
  readonly phoneNumber: string
  readonly phoneNumberCC: string
  readonly namespace: string
  profile: Fields
  readonly templates: TemplateStore
  /** When each template creation happened (epoch millis), for the hourly limit. */
  readonly creations: Array<number>
  readonly catalogs: Map<string, Catalog>
  readonly flows: Map<string, Flow>
  businessPublicKey: string | undefined
  readonly conversations: Array<Conversation>
}

/** The emulator's fixed configuration. */
export interface Config {
  readonly accessToken: string
  readonly appId: string
  readonly appIntegrationId: string
  readonly channelId: string
  readonly signature: string
  readonly templateCreationsPerHour: number
}

/** All state of one emulator. */
export interface State {
  readonly config: Config
  readonly wabas: Map<string, Waba>
  readonly numbers: Map<string, Waba>
  /** The WABA of the channel the signed context names (the first WABA). */
  readonly channel: Waba
  readonly media: Map<string, MediaRecord>
  readonly effects: Array<RecordedEffect>
  /** A fresh numeric id, 15 digits like Meta's. */
  readonly nextId: () => string
  /** A fresh, strictly increasing sequence number (orders listings). */
  readonly nextSeq: () => number
}

/** A 24-hex-digit id like WOZTELL's (MongoDB ObjectId) ids. */
export const objectId = (): string => randomBytes(12).toString("hex")

/** A random `appIntegrationSignature`: base64 of 32 bytes, like the document's example. */
export const randomSignature = (): string => randomBytes(32).toString("base64")

/** A random 15-digit numeric id like Meta's. */
export const numericId = (): string =>
  `${randomInt(100_000, 999_999)}${String(randomInt(0, 999_999_999)).padStart(9, "0")}`

/** A random access token. */
export const randomToken = (): string => randomBytes(24).toString("base64url")

const twoDigitCountryCodes = new Set([
  "20",
  "27",
  "30",
  "31",
  "32",
  "33",
  "34",
  "36",
  "39",
  "40",
  "41",
  "43",
  "44",
  "45",
  "46",
  "47",
  "48",
  "49",
  "51",
  "52",
  "53",
  "54",
  "55",
  "56",
  "57",
  "58",
  "60",
  "61",
  "62",
  "63",
  "64",
  "65",
  "66",
  "81",
  "82",
  "84",
  "86",
  "90",
  "91",
  "92",
  "93",
  "94",
  "95",
  "98"
])

/**
 * The country calling code of an international number (digits only). Calling codes are
 * prefix-free: 1 and 7 are one digit, a fixed set is two digits, everything else three.
 */
export const countryCodeOf = (digits: string): string => {
  if (digits.startsWith("1") || digits.startsWith("7")) return digits.slice(0, 1)
  if (twoDigitCountryCodes.has(digits.slice(0, 2))) return digits.slice(0, 2)
  return digits.slice(0, 3)
}

/** `+852 1234 5678`: the calling code, then the national number in groups of four from the left. */
export const formatPhoneNumber = (digits: string): string => {
  const cc = countryCodeOf(digits)
  const national = digits.slice(cc.length)
  const groups = national.match(/.{1,4}/g) ?? []
  return `+${cc} ${groups.join(" ")}`.trim()
}

/** A namespace like the document's `2dwsa4_e24e_42f8_6b5a_110232ae4d5`. */
const randomNamespace = (): string => {
  const hex = randomBytes(16).toString("hex")
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("_")
}

/** A WABA from its options, with an empty store. */
export const makeWaba = (options: WabaOptions): Waba => {
  const phoneNumber = (options.phoneNumber ?? "85212345678").replace(/\D/g, "")
  return {
    wabaId: options.wabaId,
    phoneNumberId: options.phoneNumberId,
    name: options.name ?? "Emulated Business",
    phoneNumber,
    phoneNumberCC: countryCodeOf(phoneNumber),
    namespace: options.namespace ?? randomNamespace(),
    profile: { messaging_product: "whatsapp" },
    templates: { groups: new Map(), byId: new Map() },
    creations: [],
    catalogs: new Map(),
    flows: new Map(),
    businessPublicKey: undefined,
    conversations: []
  }
}

/** A fresh state; the first WABA is the channel's. */
export const makeState = (config: Config, channel: WabaOptions, others: ReadonlyArray<WabaOptions>): State => {
  const prefix = randomInt(100_000, 999_999)
  let counter = 0
  let seq = 0
  const channelWaba = makeWaba(channel)
  const state: State = {
    config,
    wabas: new Map([[channelWaba.wabaId, channelWaba]]),
    numbers: new Map([[channelWaba.phoneNumberId, channelWaba]]),
    channel: channelWaba,
    media: new Map(),
    effects: [],
    nextId: () => `${prefix}${String(++counter).padStart(9, "0")}`,
    nextSeq: () => ++seq
  }
  for (const options of others) addWaba(state, options)
  return state
}

/** Adds a WABA; `false` when its WABA id or phone number id is taken. */
export const addWaba = (state: State, options: WabaOptions): boolean => {
  if (state.wabas.has(options.wabaId) || state.numbers.has(options.phoneNumberId)) return false
  const waba = makeWaba(options)
  state.wabas.set(waba.wabaId, waba)
  state.numbers.set(waba.phoneNumberId, waba)
  return true
}

/** Records a mutation that took effect. */
export const recordEffect = (state: State, operation: string, key: string): void => {
  state.effects.push({ operation, key })
}

/** Stores a new template language version. */
export const insertTemplate = (store: TemplateStore, variant: TemplateVariant): void => {
  const existing = store.groups.get(variant.name)
  const group = existing ?? { key: variant.seq, name: variant.name, variants: new Map<string, TemplateVariant>() }
  if (existing === undefined) store.groups.set(variant.name, group)
  group.variants.set(variant.language, variant)
  store.byId.set(variant.id, variant)
}

/** Removes every language of a template name; the number removed. */
export const deleteTemplateName = (store: TemplateStore, name: string): number => {
  const group = store.groups.get(name)
  if (group === undefined) return 0
  for (const variant of group.variants.values()) store.byId.delete(variant.id)
  store.groups.delete(name)
  return group.variants.size
}
