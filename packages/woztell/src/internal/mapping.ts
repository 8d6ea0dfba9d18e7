/**
 * Wire ↔ domain mappings, private to the adapter (they name wire shapes).
 */
import { Either, Option, Schema } from "effect"
import { PhoneNumber, Profile, Registration, Template, Vertical } from "@wa-admin/core"
import * as Wire from "./wire.js"

// ---------------------------------------------------------------------------------------------
// Business profile
// ---------------------------------------------------------------------------------------------

/** A string with something in it. */
export const present = (value: string | undefined): value is string => value !== undefined && value.length > 0

/**
 * WOZTELL's profile as the domain `Profile`, kept as stored (the document's own example has the
 * placeholder photo "URL" `IMAGE_URL`). Only the vertical must be a canonical one: `UNDEFINED`
 * and codes Meta added after the canonical set read as no vertical rather than failing the read.
 */
export const profileFromWire = (wire: Wire.WireProfile): Profile.Profile => {
  const vertical =
    present(wire.vertical) && wire.vertical !== "UNDEFINED"
      ? Either.getOrUndefined(Vertical.metaCodes.decode(wire.vertical))
      : undefined
  const websites = wire.websites?.filter(present)
  return new Profile.Profile({
    ...(present(wire.about) ? { about: wire.about } : {}),
    ...(present(wire.address) ? { address: wire.address } : {}),
    ...(present(wire.description) ? { description: wire.description } : {}),
    ...(present(wire.email) ? { email: wire.email } : {}),
    ...(vertical === undefined ? {} : { vertical }),
    ...(websites === undefined || websites.length === 0 ? {} : { websites }),
    ...(present(wire.profile_picture_url) ? { photoUrl: wire.profile_picture_url } : {})
  })
}

/** The PATCH `profile` object for a change: only the given fields, plus `messaging_product`. */
export const profileToWire = (update: Profile.ProfileUpdate): Wire.WireProfileUpdate => {
  const vertical =
    update.vertical === undefined ? undefined : Either.getOrUndefined(Vertical.metaCodes.encode(update.vertical))
  return {
    messaging_product: "whatsapp",
    ...(update.about === undefined ? {} : { about: update.about }),
    ...(update.address === undefined ? {} : { address: update.address }),
    ...(update.description === undefined ? {} : { description: update.description }),
    ...(update.email === undefined ? {} : { email: update.email }),
    ...(vertical === undefined ? {} : { vertical }),
    ...(update.websites === undefined ? {} : { websites: update.websites }),
    ...(update.photoUrl === undefined ? {} : { profile_picture_url: update.photoUrl })
  }
}

/** The profile of a GET answer: the object, or the first element of Meta's array form. */
export const firstProfile = (data: (typeof Wire.ProfileResponse.Type)["data"]): Wire.WireProfile =>
  "length" in data ? ((data as ReadonlyArray<Wire.WireProfile>)[0] ?? {}) : data

// ---------------------------------------------------------------------------------------------
// Template components
// ---------------------------------------------------------------------------------------------

/** A component as WOZTELL takes it in PUT / PATCH /whatsapp-message-template. */
export type WireComponentOut =
  | {
      readonly type: "HEADER"
      readonly format: string
      readonly text?: string
      readonly example?: { readonly header_text: ReadonlyArray<string> } | { readonly header_handle: ReadonlyArray<string> }
    }
  | { readonly type: "BODY"; readonly text: string; readonly example?: { readonly body_text: ReadonlyArray<ReadonlyArray<string>> } }
  | { readonly type: "FOOTER"; readonly text: string }
  | { readonly type: "BUTTONS"; readonly buttons: ReadonlyArray<WireButtonOut> }

/** A button as WOZTELL takes it. */
export type WireButtonOut =
  | { readonly type: "QUICK_REPLY"; readonly text: string }
  | { readonly type: "URL"; readonly text: string; readonly url: string; readonly example?: ReadonlyArray<string> }
  | { readonly type: "PHONE_NUMBER"; readonly text: string; readonly phone_number: string }

const buttonToWire = (button: Template.Button): WireButtonOut => {
  switch (button._tag) {
    case "QUICK_REPLY":
      return { type: "QUICK_REPLY", text: button.text }
    case "URL":
      return {
        type: "URL",
        text: button.text,
        url: button.url,
        ...(button.example === undefined ? {} : { example: [button.example] })
      }
    case "PHONE_NUMBER":
      return { type: "PHONE_NUMBER", text: button.text, phone_number: button.phoneNumber }
  }
}

/** A domain component in WOZTELL's (Meta's) shape. */
export const componentToWire = (component: Template.Component): WireComponentOut => {
  switch (component._tag) {
    case "HEADER":
      return {
        type: "HEADER",
        format: component.format,
        ...(component.text === undefined ? {} : { text: component.text }),
        ...(component.example === undefined
          ? {}
          : {
              example:
                component.format === "TEXT" ? { header_text: [component.example] } : { header_handle: [component.example] }
            })
      }
    case "BODY":
      return {
        type: "BODY",
        text: component.text,
        ...(component.examples === undefined || component.examples.length === 0
          ? {}
          : { example: { body_text: component.examples } })
      }
    case "FOOTER":
      return { type: "FOOTER", text: component.text }
    case "BUTTONS":
      return { type: "BUTTONS", buttons: component.buttons.map(buttonToWire) }
  }
}

const decodeComponent = Schema.decodeUnknownOption(Wire.WireComponent)
const decodeButton = Schema.decodeUnknownOption(Wire.WireButton)
const isHeaderFormat = Schema.is(Template.HeaderFormat)

const buttonFromWire = (raw: unknown): Option.Option<Template.Button> =>
  Option.map(decodeButton(raw), (button): Template.Button => {
    switch (button.type) {
      case "QUICK_REPLY":
        return { _tag: "QUICK_REPLY", text: button.text }
      case "URL": {
        const example = button.example?.[0]
        return { _tag: "URL", text: button.text, url: button.url, ...(example === undefined ? {} : { example }) }
      }
      case "PHONE_NUMBER":
        return { _tag: "PHONE_NUMBER", text: button.text, phoneNumber: button.phone_number }
    }
  })

/**
 * A component as read, or `None` when the domain has no such component (a CAROUSEL, a header
 * format or button type added after the document): it is left out, the template is kept.
 */
export const componentFromWire = (raw: unknown): Option.Option<Template.Component> =>
  Option.flatMap(decodeComponent(raw), (component): Option.Option<Template.Component> => {
    switch (component.type) {
      case "HEADER": {
        const format = component.format
        if (!isHeaderFormat(format)) return Option.none()
        const example = component.example?.header_text?.[0] ?? component.example?.header_handle?.[0]
        return Option.some({
          _tag: "HEADER",
          format,
          ...(component.text === undefined ? {} : { text: component.text }),
          ...(example === undefined ? {} : { example })
        })
      }
      case "BODY": {
        const examples = component.example?.body_text
        return Option.some({ _tag: "BODY", text: component.text, ...(examples === undefined ? {} : { examples }) })
      }
      case "FOOTER":
        return Option.some({ _tag: "FOOTER", text: component.text })
      case "BUTTONS":
        return Option.some({ _tag: "BUTTONS", buttons: component.buttons.flatMap((raw) => Option.toArray(buttonFromWire(raw))) })
    }
  })

/** The components of a template version, unknown ones left out. */
export const componentsFromWire = (raw: ReadonlyArray<unknown>): ReadonlyArray<Template.Component> =>
  raw.flatMap((component) => Option.toArray(componentFromWire(component)))

/**
 * The id of a language version, when the entry's id is surely that version's: WOZTELL gives one
 * id per entry, "of the most recent language" — the version's own when the entry (or the
 * language filter of the request) has that one language only.
 */
const idOf = (
  entry: Wire.WireTemplateEntry,
  version: Wire.WireTemplateVersion,
  languageFilter: ReadonlyArray<string> | undefined
): string | undefined => {
  if (entry.id === undefined) return undefined
  if (languageFilter !== undefined && languageFilter.length === 1) {
    return languageFilter[0] === version.language ? entry.id : undefined
  }
  const languages = [...new Set([...(entry.languages ?? []), ...entry.templates.map((template) => template.language)])]
  return languages.length === 1 && languages[0] === version.language ? entry.id : undefined
}

/** One domain `Template` per language version of an entry that matches the filter. */
export const templatesFromEntry = (
  entry: Wire.WireTemplateEntry,
  filter: Template.TemplateFilter | undefined
): ReadonlyArray<Template.Template> =>
  entry.templates
    .filter(
      (version) =>
        (filter?.language === undefined || filter.language.includes(version.language)) &&
        (filter?.status === undefined || filter.status.includes(version.status)) &&
        (filter?.qualityScore === undefined ||
          (version.quality_score?.score !== undefined &&
            filter.qualityScore.some((score) => score === version.quality_score?.score)))
    )
    .map((version) => {
      const id = idOf(entry, version, filter?.language)
      const qualityScore = version.quality_score?.score
      const rejectedReason = version.rejected_reason
      return new Template.Template({
        ...(id === undefined ? {} : { id }),
        name: entry.name,
        language: version.language,
        category: entry.category,
        status: version.status,
        ...(qualityScore === undefined ? {} : { qualityScore }),
        ...(rejectedReason === undefined || rejectedReason === "NONE" ? {} : { rejectedReason }),
        components: componentsFromWire(version.components)
      })
    })

// ---------------------------------------------------------------------------------------------
// Number status
// ---------------------------------------------------------------------------------------------

const phoneNumberOf = (...candidates: ReadonlyArray<string | undefined>): PhoneNumber.PhoneNumber | undefined => {
  for (const candidate of candidates) {
    if (candidate === undefined) continue
    const digits = candidate.replace(/\D/g, "")
    const parsed = Schema.decodeUnknownEither(PhoneNumber.FromE164)(`+${digits}`)
    if (Either.isRight(parsed)) return parsed.right
  }
  return undefined
}

/**
 * The neutral registration state of a number: `ready` when its code is VERIFIED or its account
 * is LIVE (Meta reports EXPIRED code verification for long-live numbers), `pending` otherwise.
 * WOZTELL's own values are kept in `providerState` ("LIVE/EXPIRED") and `details`.
 */
export const registrationFromWire = (
  id: string,
  status: Wire.DisplayNameStatus,
  waba: Option.Option<Wire.WabaInfo>
): Registration.Registration => {
  const accountMode = status.account_mode?.toUpperCase()
  const codeStatus = status.code_verification_status?.toUpperCase()
  const ready = codeStatus === "VERIFIED" || accountMode === "LIVE"
  const info = Option.getOrUndefined(waba)
  const phoneNumber = phoneNumberOf(status.display_phone_number, info?.formattedPhoneNumber)
  const facts: Record<string, unknown> = {
    accountMode: status.account_mode,
    codeVerificationStatus: status.code_verification_status,
    verifiedName: status.verified_name,
    displayPhoneNumber: status.display_phone_number,
    qualityRating: status.quality_rating,
    messagingLimitTier: status.messaging_limit_tier,
    isOfficialBusinessAccount: status.is_official_business_account,
    nameStatus: status.name_status,
    wabaName: info?.name,
    namespace: info?.namespace,
    waId: info?.waId,
    embeddedSignup: info?.embeddedSignup
  }
  const details = Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined))
  return new Registration.Registration({
    id,
    provider: "woztell",
    ...(phoneNumber === undefined ? {} : { phoneNumber }),
    ...(info === undefined ? {} : { wabaId: info.wabaId }),
    state: ready ? "ready" : "pending",
    providerState: [accountMode ?? "UNKNOWN", codeStatus ?? "UNKNOWN"].join("/"),
    ...(ready
      ? {}
      : {
          detail: `account mode ${accountMode ?? "unknown"}, code verification ${codeStatus ?? "unknown"}; WOZTELL offers no API to verify a number, finish it in WhatsApp Manager`
        }),
    details
  })
}
