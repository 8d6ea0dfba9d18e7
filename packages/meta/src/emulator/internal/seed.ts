/**
 * The account the emulator starts with: businesses, their WABAs (owned, and shared with other
 * businesses), numbers in any registration state, templates, subscriptions and users — or, when
 * none are given, one business with one WABA and one registered number.
 *
 * @internal
 */
import * as Crypto from "node:crypto"
import type { BusinessSeed, NumberSeed, TemplateSeed, WabaSeed } from "../MetaEmulator.js"
import { knownCountryCode, newNumber } from "./numbers.js"
import type { Business, State, TemplateStatus, User, Waba } from "./state.js"
import { freshId, randomDigits, templateStatuses } from "./state.js"
import { storeTemplate } from "./templates.js"

/** What seeding needs: the state and how long a review takes. */
export interface Seeding {
  readonly state: State
  readonly reviewMillis: number
}

/** Why a seed cannot be used. */
export class SeedError extends Error {}

/** The account when no businesses are given. */
export const defaultBusinesses: ReadonlyArray<BusinessSeed> = [{
  name: "Emulated Business",
  wabas: [{ name: "Emulated WABA", numbers: [{ phoneNumber: "16505550100", verifiedName: "Emulated Business" }] }]
}]

const claim = (state: State, id: string | undefined, what: string): string => {
  if (id === undefined) return freshId(state)
  if (!/^\d{1,20}$/.test(id)) throw new SeedError(`${what} id ${id} must be digits`)
  if (state.nodes.has(id)) throw new SeedError(`${what} id ${id} is used twice`)
  return id
}

const seedNumber = (seeding: Seeding, waba: Waba, seed: NumberSeed, now: number): void => {
  const digits = seed.phoneNumber.replace(/^\+/, "")
  if (!/^[1-9]\d{6,14}$/.test(digits)) throw new SeedError(`phone number ${seed.phoneNumber} is not E.164`)
  const countryCode = seed.countryCode ?? knownCountryCode(digits) ?? digits.slice(0, 1)
  if (!digits.startsWith(countryCode)) {
    throw new SeedError(`phone number ${seed.phoneNumber} does not start with ${countryCode}`)
  }
  const phone = newNumber(seeding.state, seeding.reviewMillis, waba, {
    id: claim(seeding.state, seed.id, "phone number"),
    countryCode,
    nationalNumber: digits.slice(countryCode.length),
    verifiedName: seed.verifiedName ?? waba.name,
    now
  })
  const state = seed.state ?? "registered"
  phone.pendingName = undefined
  phone.nameStatus = seed.nameStatus ?? "APPROVED"
  phone.codeVerificationStatus = state === "added" ? "UNVERIFIED" : "VERIFIED"
  phone.status = state === "registered" ? "LINKED" : state === "deregistered" ? "UNLINKED" : "PENDING"
  if (state === "registered") {
    phone.pin = seed.pin ?? randomDigits(6)
    phone.lastOnboardedAt = now
  }
  phone.qualityRating = seed.qualityRating ?? (state === "registered" ? "GREEN" : "NA")
  phone.messagingLimitTier = seed.messagingLimitTier ?? phone.messagingLimitTier
  const profile = seed.profile ?? {}
  phone.profile.about = profile.about
  phone.profile.address = profile.address
  phone.profile.description = profile.description
  phone.profile.email = profile.email
  phone.profile.websites = profile.websites
  phone.profile.vertical = profile.vertical
  seeding.state.nodes.set(phone.id, phone)
  waba.phoneNumberIds.push(phone.id)
}

/** Stores seeded templates in a WABA, as Meta holds them (no rules are checked). */
export const seedTemplates = (
  seeding: Seeding,
  waba: Waba,
  seeds: ReadonlyArray<TemplateSeed>,
  now: number
): ReadonlyArray<string> =>
  seeds.map((seed) => {
    const status = seed.status ?? "APPROVED"
    if (!templateStatuses.includes(status as TemplateStatus)) {
      throw new SeedError(`template status ${status} is not one of ${templateStatuses.join(", ")}`)
    }
    if (seed.id !== undefined) claim(seeding.state, seed.id, "template")
    return storeTemplate(seeding.state, waba, {
      id: seed.id,
      name: seed.name,
      language: seed.language,
      category: seed.category.toUpperCase(),
      status: status as TemplateStatus,
      components: seed.components,
      now,
      reviewEndsAt: status === "PENDING" ? now + seeding.reviewMillis : undefined,
      rejectedReason: seed.rejectedReason
    }).id
  })

const seedWaba = (seeding: Seeding, business: Business, seed: WabaSeed, now: number): Waba => {
  const waba: Waba = {
    kind: "waba",
    id: claim(seeding.state, seed.id, "WABA"),
    name: seed.name ?? `${business.name} WABA`,
    businessId: business.id,
    accessible: seed.accessible ?? true,
    currency: seed.currency ?? "USD",
    timezoneId: seed.timezoneId ?? "1",
    namespace: seed.namespace ?? Crypto.randomUUID().replaceAll("-", "_"),
    country: seed.country,
    accountReviewStatus: seed.accountReviewStatus ?? "APPROVED",
    businessVerificationStatus: seed.businessVerificationStatus ?? "VERIFIED",
    businessType: seed.businessType ?? "ENTERPRISE",
    phoneNumberIds: [],
    templateIds: [],
    flowIds: [],
    subscriptions: new Map(),
    assignedUsers: new Map(),
    templateCreations: [],
    templateDeletions: []
  }
  seeding.state.nodes.set(waba.id, waba)
  business.ownedWabaIds.push(waba.id)
  for (const number of seed.numbers ?? []) seedNumber(seeding, waba, number, now)
  seedTemplates(seeding, waba, seed.templates ?? [], now)
  for (const app of seed.subscribedApps ?? []) {
    waba.subscriptions.set(app.id, {
      appId: app.id,
      name: app.name,
      overrideCallbackUri: app.overrideCallbackUri,
      verifyToken: undefined
    })
  }
  for (const assigned of seed.assignedUsers ?? []) {
    if (!business.users.has(assigned.userId)) {
      throw new SeedError(`assigned user ${assigned.userId} is not a user of business ${business.id}`)
    }
    waba.assignedUsers.set(assigned.userId, assigned.tasks)
  }
  return waba
}

/**
 * Builds the account. The first business is the token's; its system user (`systemUser`) is
 * added to its users. Throws `SeedError` for a seed that contradicts itself.
 */
export const seed = (
  seeding: Seeding,
  businesses: ReadonlyArray<BusinessSeed>,
  systemUser: User,
  now: number
): ReadonlyArray<Business> => {
  if (businesses.length === 0) throw new SeedError("at least one business is needed")
  const built = businesses.map((seed, index) => {
    const business: Business = {
      kind: "business",
      id: claim(seeding.state, seed.id, "business"),
      name: seed.name ?? "Emulated Business",
      accessible: seed.accessible ?? true,
      users: new Map(
        (seed.users ?? []).map((user) => [user.id, { ...user, userType: user.userType ?? "BUSINESS_USER" }])
      ),
      ownedWabaIds: [],
      clientWabaIds: []
    }
    if (index === 0) business.users.set(systemUser.id, systemUser)
    seeding.state.nodes.set(business.id, business)
    for (const waba of seed.wabas ?? []) seedWaba(seeding, business, waba, now)
    return business
  })
  businesses.forEach((seed, index) => {
    const business = built[index]
    for (const wabaId of seed.clientWabaIds ?? []) {
      const waba = seeding.state.nodes.get(wabaId)
      if (waba?.kind !== "waba") throw new SeedError(`client WABA ${wabaId} is not a seeded WABA`)
      if (waba.businessId === business?.id) throw new SeedError(`client WABA ${wabaId} is the business's own`)
      business?.clientWabaIds.push(wabaId)
    }
  })
  return built
}
