/**
 * Message template APIs: list (grouped by name, cursor paged), create, edit, delete by name.
 *
 * @internal
 */
import { Effect, Option } from "effect"
import type { TemplateSeed as Seed } from "../WoztellEmulator.js"
import { tokenInQuery, writeBody } from "./auth.js"
import { wabaOf } from "./general.js"
import { atomically, type Failure, type Handler, invalid, notFound, ok, rateLimited, type Routes } from "./http.js"
import { type Fields, isFields, isHttpUrl, queryJsonArray, requiredQueryInteger, requiredString } from "./input.js"
import { paginate, positionOf } from "./paging.js"
import {
  deleteTemplateName,
  insertTemplate,
  recordEffect,
  type State,
  type TemplateGroup,
  type TemplateVariant
} from "./state.js"

/** The language codes Meta supports for templates. */
export const languages: ReadonlyArray<string> = [
  "af",
  "sq",
  "ar",
  "az",
  "bn",
  "bg",
  "ca",
  "zh_CN",
  "zh_HK",
  "zh_TW",
  "hr",
  "cs",
  "da",
  "nl",
  "en",
  "en_GB",
  "en_US",
  "et",
  "fil",
  "fi",
  "fr",
  "ka",
  "de",
  "el",
  "gu",
  "ha",
  "he",
  "hi",
  "hu",
  "id",
  "ga",
  "it",
  "ja",
  "kn",
  "kk",
  "rw_RW",
  "ko",
  "ky_KG",
  "lo",
  "lv",
  "lt",
  "mk",
  "ms",
  "ml",
  "mr",
  "nb",
  "fa",
  "pl",
  "pt_BR",
  "pt_PT",
  "pa",
  "ro",
  "ru",
  "sr",
  "sk",
  "sl",
  "es",
  "es_AR",
  "es_ES",
  "es_MX",
  "sw",
  "sv",
  "ta",
  "te",
  "th",
  "tr",
  "uk",
  "ur",
  "uz",
  "vi",
  "zu"
]

/**
 * The document's categories (TRANSACTIONAL, MARKETING, OTP) plus Meta's current names for the
 * first and last (UTILITY, AUTHENTICATION), which Meta accepts too. Stored as given.
 */
export const categories: ReadonlyArray<string> = ["TRANSACTIONAL", "MARKETING", "OTP", "UTILITY", "AUTHENTICATION"]

/** The statuses listed when the `status` filter is absent (the document's default). */
const defaultStatuses = ["APPROVED", "PENDING", "REJECTED", "PENDING_DELETION", "DELETED"]

/** Every status Meta reports. */
export const statuses: ReadonlyArray<string> = [
  ...defaultStatuses,
  "DISABLED",
  "PAUSED",
  "IN_APPEAL",
  "LIMIT_EXCEEDED"
]

const qualityScores = ["GREEN", "YELLOW", "RED", "UNKNOWN"]

/** Statuses Meta lets you edit; a PENDING template is under review. */
const editableStatuses = ["APPROVED", "REJECTED", "PAUSED"]

const hourMillis = 60 * 60 * 1000
const dayMillis = 24 * hourMillis

// Components -----------------------------------------------------------------------------------

const parametersOf = (text: string): ReadonlyArray<number> =>
  Array.from(text.matchAll(/\{\{\s*(\d+)\s*\}\}/g), (match) => Number(match[1]))

const distinctSorted = (numbers: ReadonlyArray<number>) => [...new Set(numbers)].sort((left, right) => left - right)

const isStringArray = (value: unknown): value is ReadonlyArray<string> =>
  Array.isArray(value) && value.every((item) => typeof item === "string" && item !== "")

const textIssue = (component: Fields, at: string, max: number): Array<string> => {
  const text = component["text"]
  if (typeof text !== "string" || text.trim() === "") return [`${at}.text is required`]
  return text.length > max ? [`${at}.text must be at most ${max} characters`] : []
}

const bodyIssues = (component: Fields, at: string): Array<string> => {
  const issues = textIssue(component, at, 1024)
  const text = component["text"]
  if (typeof text !== "string") return issues
  const used = distinctSorted(parametersOf(text))
  if (used.some((n, index) => n !== index + 1)) issues.push(`${at}.text parameters must be {{1}}, {{2}} … in sequence`)
  if (used.length > 0) {
    const example = component["example"]
    const rows = isFields(example) ? example["body_text"] : undefined
    if (!Array.isArray(rows) || rows.length === 0 || !rows.every(isStringArray)) {
      issues.push(`${at}.example.body_text is required for ${used.length} parameter(s): [["value", …]]`)
    } else if (rows.some((row: ReadonlyArray<string>) => row.length !== used.length)) {
      issues.push(`${at}.example.body_text must give exactly ${used.length} value(s) per row`)
    }
  }
  return issues
}

const headerFormats = ["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"]

const headerIssues = (component: Fields, at: string): Array<string> => {
  const format = component["format"]
  if (typeof format !== "string" || !headerFormats.includes(format)) {
    return [`${at}.format must be one of ${headerFormats.join(", ")}`]
  }
  const example = component["example"]
  if (format === "TEXT") {
    const issues = textIssue(component, at, 60)
    const text = component["text"]
    if (typeof text !== "string") return issues
    const used = distinctSorted(parametersOf(text))
    if (used.length > 1 || (used.length === 1 && used[0] !== 1)) issues.push(`${at}.text allows one parameter, {{1}}`)
    if (used.length === 1) {
      const values = isFields(example) ? example["header_text"] : undefined
      if (!isStringArray(values) || values.length !== 1) {
        issues.push(`${at}.example.header_text must give the {{1}} value`)
      }
    }
    return issues
  }
  const issues: Array<string> = []
  if (component["text"] !== undefined) issues.push(`${at}.text is only allowed with format TEXT`)
  if (example !== undefined) {
    const handles = isFields(example) ? example["header_handle"] : undefined
    if (format === "LOCATION" || !isStringArray(handles) || handles.length === 0) {
      issues.push(`${at}.example.header_handle must be a list with the example media URL`)
    }
  }
  return issues
}

const buttonTypes = ["QUICK_REPLY", "URL", "PHONE_NUMBER"]

const buttonsIssues = (component: Fields, at: string): Array<string> => {
  const buttons = component["buttons"]
  if (!Array.isArray(buttons) || buttons.length === 0 || buttons.length > 10) {
    return [`${at}.buttons must be a list of 1 to 10 buttons`]
  }
  const issues: Array<string> = []
  const counts = new Map<string, number>()
  buttons.forEach((button: unknown, index) => {
    const path = `${at}.buttons[${index}]`
    if (!isFields(button)) return issues.push(`${path} must be an object`)
    const type = button["type"]
    if (typeof type !== "string" || !buttonTypes.includes(type)) {
      return issues.push(`${path}.type must be one of ${buttonTypes.join(", ")}`)
    }
    counts.set(type, (counts.get(type) ?? 0) + 1)
    const text = button["text"]
    if (typeof text !== "string" || text === "" || text.length > 25) {
      issues.push(`${path}.text must be 1 to 25 characters`)
    }
    if (type === "URL") {
      const url = button["url"]
      if (typeof url !== "string" || url.length > 2000 || !isHttpUrl(url.replace(/\{\{\s*1\s*\}\}$/, "x"))) {
        issues.push(`${path}.url must be an http(s) URL, optionally ending in {{1}}`)
      }
    }
    if (type === "PHONE_NUMBER") {
      const phone = button["phone_number"]
      if (typeof phone !== "string" || !/^\+?[1-9]\d{5,14}$/.test(phone)) {
        issues.push(`${path}.phone_number must be a phone number with its country code, e.g. +85212769072`)
      }
    }
    return issues.length
  })
  if ((counts.get("URL") ?? 0) > 2) issues.push(`${at}.buttons allows at most 2 URL buttons`)
  if ((counts.get("PHONE_NUMBER") ?? 0) > 1) issues.push(`${at}.buttons allows at most 1 PHONE_NUMBER button`)
  return issues
}

/** The components as given, or a 400 listing every rule they break. */
const checkComponents = (value: unknown): Effect.Effect<ReadonlyArray<unknown>, Failure> => {
  if (!Array.isArray(value) || value.length === 0) {
    return Effect.fail(invalid("components is required and must be a non-empty array"))
  }
  const issues: Array<string> = []
  const counts = new Map<string, number>()
  value.forEach((component: unknown, index) => {
    const at = `components[${index}]`
    if (!isFields(component)) return issues.push(`${at} must be an object`)
    const type = component["type"]
    if (typeof type === "string") counts.set(type, (counts.get(type) ?? 0) + 1)
    switch (type) {
      case "BODY":
        return issues.push(...bodyIssues(component, at))
      case "HEADER":
        return issues.push(...headerIssues(component, at))
      case "FOOTER": {
        const text = component["text"]
        if (typeof text === "string" && parametersOf(text).length > 0) issues.push(`${at}.text allows no parameters`)
        return issues.push(...textIssue(component, at, 60))
      }
      case "BUTTONS":
        return issues.push(...buttonsIssues(component, at))
      default:
        return issues.push(`${at}.type must be one of HEADER, BODY, FOOTER, BUTTONS`)
    }
  })
  if ((counts.get("BODY") ?? 0) !== 1) issues.push("components must have exactly one BODY")
  for (const type of ["HEADER", "FOOTER", "BUTTONS"]) {
    if ((counts.get(type) ?? 0) > 1) issues.push(`components must have at most one ${type}`)
  }
  return issues.length === 0 ? Effect.succeed(structuredClone(value)) : Effect.fail(invalid(issues.join("; ")))
}

/** The checks every create (and seed) goes through, for the fields other than components. */
const checkIdentity = (name: string, language: string, category: string): Effect.Effect<void, Failure> => {
  if (!/^[a-z0-9_]+$/.test(name) || name.length > 512) {
    return Effect.fail(invalid("name must be at most 512 lowercase letters, digits and underscores"))
  }
  if (!languages.includes(language)) {
    return Effect.fail(invalid(`language "${language}" is not a supported language code such as en_US or es`))
  }
  if (!categories.includes(category)) return Effect.fail(invalid(`category must be one of ${categories.join(", ")}`))
  return Effect.void
}

// GET /whatsapp-message-templates --------------------------------------------------------------

const textsOf = (components: ReadonlyArray<unknown>): ReadonlyArray<string> =>
  components.flatMap((component) => {
    if (!isFields(component)) return []
    const text = component["text"]
    return typeof text === "string" ? [text] : []
  })

const listTemplates = (state: State): Handler => (call) =>
  Effect.gen(function*() {
    yield* tokenInQuery(state.config, call)
    const waba = yield* wabaOf(state, yield* requiredString(call.query, "wabaId"))
    const first = yield* requiredQueryInteger(call.query, "first", { min: 1, max: 100 })
    const position = yield* positionOf("templates", call.query)
    const statusFilter = Option.getOrElse(yield* queryJsonArray(call.query, "status", statuses), () => defaultStatuses)
    const categoryFilter = yield* queryJsonArray(call.query, "category")
    const qualityFilter = yield* queryJsonArray(call.query, "quality_score", qualityScores)
    const languageFilter = yield* queryJsonArray(call.query, "language")
    const nameSearch = call.query["name"]?.toLowerCase() ?? ""
    const contentSearch = call.query["content"]?.toLowerCase() ?? ""
    const allowed = (list: Option.Option<ReadonlyArray<string>>) => Option.map(list, (values) => new Set(values))
    const statusSet = new Set(statusFilter)
    const categorySet = allowed(categoryFilter)
    const qualitySet = allowed(qualityFilter)
    const languageSet = allowed(languageFilter)
    const within = (set: Option.Option<Set<string>>, value: string) => Option.isNone(set) || set.value.has(value)
    const variantMatches = (variant: TemplateVariant) =>
      statusSet.has(variant.status) &&
      within(categorySet, variant.category) &&
      within(qualitySet, variant.qualityScore) &&
      within(languageSet, variant.language) &&
      (contentSearch === "" || textsOf(variant.components).some((text) => text.toLowerCase().includes(contentSearch)))
    const groupMatches = (group: TemplateGroup) => {
      if (nameSearch !== "" && !group.name.toLowerCase().includes(nameSearch)) return false
      for (const variant of group.variants.values()) if (variantMatches(variant)) return true
      return false
    }
    const groups = Array.from(waba.templates.groups.values()).filter(groupMatches).reverse()
    const page = paginate("templates", groups, (group) => group.key, "descending", first, position)
    const matches = page.items.map((group) => ({
      group,
      variants: Array.from(group.variants.values()).filter(variantMatches).sort((left, right) => right.seq - left.seq)
    }))
    return ok({
      data: matches.flatMap(({ group, variants }) => {
        const latest = variants[0]
        if (latest === undefined) return []
        return [{
          id: latest.id,
          name: group.name,
          category: latest.category,
          languages: variants.map((variant) => variant.language),
          statuses: variants.map((variant) => ({ language: variant.language, status: variant.status })),
          templates: variants.map((variant) => ({
            language: variant.language,
            status: variant.status,
            rejected_reason: variant.rejectedReason,
            components: variant.components,
            quality_score: { score: variant.qualityScore }
          }))
        }]
      }),
      paging: page.paging
    })
  })

/**
 * What every template write starts with: its body (the access token checked), the WABA its
 * `wabaId` names, and the template's name (under `nameField`, as the operation calls it).
 */
const templateWrite = (state: State, call: Parameters<Handler>[0], nameField: string) =>
  Effect.gen(function*() {
    const body = yield* writeBody(state.config, call)
    const waba = yield* wabaOf(state, yield* requiredString(body, "wabaId"))
    const name = yield* requiredString(body, nameField)
    return { body, name, waba }
  })

// PUT /whatsapp-message-template ---------------------------------------------------------------

const createTemplate = (state: State): Handler => (call) =>
  Effect.gen(function*() {
    const { body, name, waba } = yield* templateWrite(state, call, "name")
    const language = yield* requiredString(body, "language")
    const category = yield* requiredString(body, "category")
    yield* checkIdentity(name, language, category)
    const components = yield* checkComponents(body["components"])
    return yield* atomically(() => {
      const limit = state.config.templateCreationsPerHour
      const windowStart = call.now - hourMillis
      while (waba.creations.length > 0 && (waba.creations[0] ?? call.now) <= windowStart) waba.creations.shift()
      const oldest = waba.creations[0]
      if (waba.creations.length >= limit && oldest !== undefined) {
        return Effect.fail(rateLimited(
          `Each WhatsApp Business account is allowed to create ${limit} message templates per hour`,
          (oldest + hourMillis - call.now) / 1000
        ))
      }
      if (waba.templates.groups.get(name)?.variants.has(language) === true) {
        return Effect.fail(invalid(`Message template "${name}" already exists in language ${language}`))
      }
      const variant: TemplateVariant = {
        id: state.nextId(),
        seq: state.nextSeq(),
        name,
        language,
        category,
        status: "PENDING",
        rejectedReason: "NONE",
        qualityScore: "UNKNOWN",
        components,
        createdAt: call.now,
        edits: []
      }
      insertTemplate(waba.templates, variant)
      // Requests read their time on arrival and may be handled out of that order: keep the
      // history sorted, so the window's oldest creation is always the first.
      const after = waba.creations.findIndex((at) => at > call.now)
      waba.creations.splice(after === -1 ? waba.creations.length : after, 0, call.now)
      recordEffect(state, "createTemplate", `${waba.wabaId}/${name}/${language}`)
      return Effect.succeed(ok({ id: variant.id, language }))
    })
  })

// PATCH /whatsapp-message-template -------------------------------------------------------------

const editTemplate = (state: State): Handler => (call) =>
  Effect.gen(function*() {
    const { body, name, waba } = yield* templateWrite(state, call, "messageTemplateName")
    const language = yield* requiredString(body, "messageTemplateLanguage")
    const id = yield* requiredString(body, "messageTemplateId")
    const components = yield* checkComponents(body["components"])
    return yield* atomically(() => {
      const variant = waba.templates.byId.get(id)
      if (variant === undefined) return Effect.fail(notFound(`Message template ${id} not found`))
      if (variant.name !== name || variant.language !== language) {
        return Effect.fail(invalid(
          `messageTemplateId ${id} is the ${variant.language} version of "${variant.name}", not the ${language} version of "${name}"`
        ))
      }
      if (!editableStatuses.includes(variant.status)) {
        return Effect.fail(invalid(
          `A message template with status ${variant.status} cannot be edited; only ${
            editableStatuses.join(", ")
          } templates can`
        ))
      }
      const lastEdit = variant.edits[variant.edits.length - 1]
      if (lastEdit !== undefined && call.now - lastEdit < dayMillis) {
        return Effect.fail(rateLimited(
          "A message template can only be edited once in a 24 hour window",
          (lastEdit + dayMillis - call.now) / 1000
        ))
      }
      const recent = variant.edits.filter((at) => call.now - at < 30 * dayMillis)
      const oldestRecent = recent[0]
      if (recent.length >= 10 && oldestRecent !== undefined) {
        return Effect.fail(rateLimited(
          "A message template can only be edited up to 10 times in a 30 day window",
          (oldestRecent + 30 * dayMillis - call.now) / 1000
        ))
      }
      variant.components = components
      // An edited template goes back to review.
      variant.status = "PENDING"
      variant.rejectedReason = "NONE"
      variant.edits.push(call.now)
      recordEffect(state, "editTemplate", id)
      return Effect.succeed(ok({ success: true }))
    })
  })

// DEL /whatsapp-message-template ---------------------------------------------------------------

const deleteTemplate = (state: State): Handler => (call) =>
  Effect.gen(function*() {
    const { name, waba } = yield* templateWrite(state, call, "name")
    return yield* atomically(() => {
      // Delete by name removes every language version. Deleted templates leave the listing.
      if (deleteTemplateName(waba.templates, name) === 0) {
        return Effect.fail(notFound(`Message template "${name}" not found`))
      }
      recordEffect(state, "deleteTemplate", `${waba.wabaId}/${name}`)
      return Effect.succeed(ok({ success: true }))
    })
  })

/**
 * Stores templates without the hourly limit, as a provider might already hold them: any
 * category, status or components (even ones the create endpoint would refuse), so clients can
 * be tested against odd data. Each name + language must be new; the first problem stops it all.
 */
export const seed = (
  state: State,
  wabaId: string,
  seeds: ReadonlyArray<Seed>,
  now: number
): Effect.Effect<ReadonlyArray<{ readonly id: string; readonly name: string; readonly language: string }>, Failure> =>
  Effect.gen(function*() {
    const waba = yield* wabaOf(state, wabaId)
    const checked: Array<readonly [Seed, ReadonlyArray<unknown>]> = []
    for (const [index, template] of seeds.entries()) {
      for (const field of ["name", "language", "category"] as const) {
        if (typeof template[field] !== "string" || template[field] === "") {
          return yield* Effect.fail(invalid(`templates[${index}].${field} must be a non-empty string`))
        }
      }
      if (!Array.isArray(template.components)) {
        return yield* Effect.fail(invalid(`templates[${index}].components must be an array`))
      }
      checked.push([template, structuredClone(template.components)])
    }
    return yield* atomically(() => {
      const taken = new Set<string>()
      for (const [template] of checked) {
        const key = `${template.name}/${template.language}`
        if (taken.has(key) || waba.templates.groups.get(template.name)?.variants.has(template.language) === true) {
          return Effect.fail(
            invalid(`Message template "${template.name}" already exists in language ${template.language}`)
          )
        }
        taken.add(key)
      }
      return Effect.succeed(checked.map(([template, components]) => {
        const variant: TemplateVariant = {
          id: state.nextId(),
          seq: state.nextSeq(),
          name: template.name,
          language: template.language,
          category: template.category,
          status: template.status ?? "APPROVED",
          rejectedReason: template.rejectedReason ?? "NONE",
          qualityScore: template.qualityScore ?? "UNKNOWN",
          components,
          createdAt: now,
          edits: []
        }
        insertTemplate(waba.templates, variant)
        return { id: variant.id, name: variant.name, language: variant.language }
      }))
    })
  })

/** The template endpoints, keyed by `METHOD /path`. */
export const routes = (state: State): Routes => ({
  "GET /whatsapp-message-templates": listTemplates(state),
  "PUT /whatsapp-message-template": createTemplate(state),
  "PATCH /whatsapp-message-template": editTemplate(state),
  "DELETE /whatsapp-message-template": deleteTemplate(state)
})
