/**
 * Message templates of a WABA: the list with `name`, `status`, `category` and `language`
 * filters and cursor paging, creation, deletion by name or by name and `hsm_id`, a template by
 * id and its edit, the review (a new or edited template is `PENDING` until the review ends on
 * the emulator's Clock), and Meta's same-business migration.
 *
 * The document shows the shapes; where it is silent these are the facts: an approved
 * template may be edited once per 24 hours and 10 times per 30 days, and never into another
 * category; a deleted name cannot be reused for 30 days; templates are created at a pace per
 * WABA (100 an hour by default). `POST /{WABA-ID}/migrate_message_templates` (`source_waba_id`,
 * `page_number`, `count`) is not in the document either; it answers as Meta's developer
 * documentation shows, `{ migrated_templates, failed_templates }`.
 *
 * The components are checked as Meta's template rules state them, to the extent an emulator
 * should: one BODY (text up to 1024 characters, its `{{n}}` variables with `example.body_text`),
 * at most one HEADER (TEXT up to 60 characters; IMAGE, VIDEO or DOCUMENT with an
 * `example.header_handle` from the resumable upload of a matching type; LOCATION), FOOTER (up to
 * 60) and BUTTONS (1 to 10). When read back, a header handle is the URL of the sample file, as
 * Meta answers, so that a template's media can be fetched and carried to another account.
 *
 * @internal
 */
import { Effect } from "effect"
import type { Context } from "./context.js"
import { managing } from "./context.js"
import { pick, requestedFields } from "./fields.js"
import type { Call, GraphError, Reply } from "./graph.js"
import { invalidParameter, notFound, ok, rateLimited, success } from "./graph.js"
import type { JsonObject } from "./input.js"
import { isObject, isWebUrl, jsonBody, optionalText, requiredText } from "./input.js"
import { page, pageBody } from "./paging.js"
import type { State, Template, TemplateStatus, Waba } from "./state.js"
import { flowsOf, freshId, nextSeq, nodeOf, record, templatesOf, templateStatuses } from "./state.js"

/** The template categories. */
export const categories = ["AUTHENTICATION", "MARKETING", "UTILITY"]

const day = 24 * 60 * 60 * 1000
/** How long a deleted name stays blocked, and the window of the 10-edit limit. */
const thirtyDays = 30 * day
const hour = 60 * 60 * 1000

const templateFields = ["id", "name", "language", "status", "category", "components"]

const headerTypes: Readonly<Record<string, ReadonlyArray<string>>> = {
  IMAGE: ["image/jpeg", "image/jpg", "image/png"],
  VIDEO: ["video/mp4"],
  DOCUMENT: ["application/pdf"]
}

const buttonTypes = ["QUICK_REPLY", "URL", "PHONE_NUMBER", "OTP", "MPM", "CATALOG", "FLOW", "COPY_CODE", "VOICE_CALL"]

/** The distinct `{{n}}` variables of a text, in order of first use. */
const variablesOf = (text: string): ReadonlyArray<number> =>
  Array.from(new Set(Array.from(text.matchAll(/\{\{\s*(\d+)\s*\}\}/g), (match) => Number(match[1]))))

const bad = (message: string): Effect.Effect<never, GraphError> =>
  Effect.fail(invalidParameter(`Invalid parameter: ${message}`, { userTitle: "Invalid template" }))

const checkVariables = (
  where: string,
  text: string,
  example: unknown
): Effect.Effect<void, GraphError> => {
  const variables = variablesOf(text)
  if (variables.length === 0) return Effect.void
  if (variables.some((variable, index) => variable !== index + 1)) {
    return bad(`${where} variables must be numbered {{1}}, {{2}}, … in order`)
  }
  if (example === undefined) return bad(`${where} has variables and needs examples of them`)
  if (
    !Array.isArray(example) || example.length !== variables.length || example.some((item) => typeof item !== "string")
  ) {
    return bad(`${where} needs one example text per variable (${variables.length})`)
  }
  return Effect.void
}

const checkHeader = (context: Context, header: JsonObject): Effect.Effect<JsonObject, GraphError> =>
  Effect.gen(function*() {
    const format = typeof header["format"] === "string" ? header["format"].toUpperCase() : undefined
    const example = isObject(header["example"]) ? header["example"] : undefined
    if (format === "TEXT") {
      const text = yield* requiredText(header["text"], "HEADER text", { maxLength: 60 })
      if (variablesOf(text).length > 1) yield* bad("a HEADER text has at most one variable")
      yield* checkVariables("HEADER text", text, example?.["header_text"])
    } else if (format === "IMAGE" || format === "VIDEO" || format === "DOCUMENT") {
      const handles = example?.["header_handle"]
      const handle = Array.isArray(handles) && handles.length === 1 ? handles[0] : undefined
      if (typeof handle !== "string") {
        return yield* bad(`a ${format} HEADER needs example.header_handle: one handle from the resumable upload`)
      }
      const uploaded = context.state.handles.get(handle)
      if (uploaded === undefined) {
        return yield* bad("example.header_handle is not a handle from the resumable upload (POST /{App-ID}/uploads)")
      }
      if (!(headerTypes[format] ?? []).includes(uploaded.fileType)) {
        return yield* bad(`a ${format} HEADER's sample must be ${(headerTypes[format] ?? []).join(" or ")}`)
      }
    } else if (format !== "LOCATION") {
      return yield* bad("HEADER format must be TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION")
    }
    return { ...header, type: "HEADER", format }
  })

const checkButton = (context: Context, waba: Waba, button: unknown): Effect.Effect<JsonObject, GraphError> =>
  Effect.gen(function*() {
    if (!isObject(button)) return yield* bad("each button must be an object")
    const type = typeof button["type"] === "string" ? button["type"].toUpperCase() : ""
    if (!buttonTypes.includes(type)) return yield* bad(`button type must be one of ${buttonTypes.join(", ")}`)
    if (type !== "OTP") yield* requiredText(button["text"], "button text", { maxLength: 25 })
    else yield* optionalText(button["text"], "button text", { maxLength: 25 })
    if (type === "URL") {
      const url = yield* requiredText(button["url"], "button url", { maxLength: 2000 })
      if (!isWebUrl(url.replace(/\{\{\s*1\s*\}\}$/, "x"))) yield* bad("a URL button's url must be an http(s) URL")
      yield* checkVariables("URL button", url, button["example"])
    }
    if (type === "PHONE_NUMBER") {
      yield* requiredText(button["phone_number"], "button phone_number", {
        pattern: /^\+?\d{4,20}$/,
        patternText: "a phone number in international format"
      })
    }
    if (type === "OTP") {
      yield* requiredText(button["otp_type"], "button otp_type", { values: ["COPY_CODE", "ONE_TAP", "ZERO_TAP"] })
    }
    if (type === "FLOW") {
      const flowId = button["flow_id"]
      if (flowId === undefined && button["flow_name"] === undefined && button["flow_json"] === undefined) {
        return yield* bad("a FLOW button needs flow_id, flow_name or flow_json")
      }
      if (flowId !== undefined && !flowsOf(context.state, waba).some((flow) => flow.id === flowId)) {
        return yield* bad(`flow_id ${String(flowId)} is not a flow of this WhatsApp Business Account`)
      }
      const flowName = button["flow_name"]
      if (flowName !== undefined && !flowsOf(context.state, waba).some((flow) => flow.name === flowName)) {
        return yield* bad(`flow_name ${String(flowName)} is not a flow of this WhatsApp Business Account`)
      }
    }
    return { ...button, type }
  })

/**
 * The components, checked for a template of `category`, with their types (and header format)
 * in capitals, as Meta answers them.
 */
const checkComponents = (
  context: Context,
  waba: Waba,
  category: string,
  value: unknown
): Effect.Effect<ReadonlyArray<JsonObject>, GraphError> =>
  Effect.gen(function*() {
    if (!Array.isArray(value) || value.length === 0) return yield* bad("components must be a non-empty array")
    const checked: Array<JsonObject> = []
    const seen = new Set<string>()
    const authentication = category === "AUTHENTICATION"
    for (const component of value) {
      if (!isObject(component)) return yield* bad("each component must be an object")
      const type = typeof component["type"] === "string" ? component["type"].toUpperCase() : ""
      if (seen.has(type)) return yield* bad(`at most one ${type} component`)
      seen.add(type)
      const example = isObject(component["example"]) ? component["example"] : undefined
      switch (type) {
        case "HEADER":
          checked.push(yield* checkHeader(context, component))
          break
        case "BODY": {
          if (authentication) {
            if (component["text"] !== undefined) yield* bad("an AUTHENTICATION template's BODY text is set by WhatsApp")
          } else {
            const text = yield* requiredText(component["text"], "BODY text", { maxLength: 1024 })
            const rows = example?.["body_text"]
            yield* checkVariables("BODY text", text, Array.isArray(rows) ? rows[0] : rows)
          }
          checked.push({ ...component, type })
          break
        }
        case "FOOTER": {
          if (authentication) {
            const minutes = component["code_expiration_minutes"]
            if (minutes !== undefined && (typeof minutes !== "number" || minutes < 1 || minutes > 90)) {
              yield* bad("code_expiration_minutes must be from 1 to 90")
            }
          } else {
            const text = yield* requiredText(component["text"], "FOOTER text", { maxLength: 60 })
            if (variablesOf(text).length > 0) yield* bad("a FOOTER has no variables")
          }
          checked.push({ ...component, type })
          break
        }
        case "BUTTONS": {
          const buttons = component["buttons"]
          if (!Array.isArray(buttons) || buttons.length === 0 || buttons.length > 10) {
            return yield* bad("BUTTONS needs 1 to 10 buttons")
          }
          const checkedButtons: Array<JsonObject> = []
          for (const button of buttons) checkedButtons.push(yield* checkButton(context, waba, button))
          checked.push({ ...component, type, buttons: checkedButtons })
          break
        }
        default:
          return yield* bad("component type must be HEADER, BODY, FOOTER or BUTTONS")
      }
    }
    if (!seen.has("BODY")) return yield* bad("a template needs a BODY component")
    const buttons = checked.find((component) => component["type"] === "BUTTONS")?.["buttons"]
    if (
      authentication &&
      !(Array.isArray(buttons) && buttons.some((button) => isObject(button) && button["type"] === "OTP"))
    ) {
      return yield* bad("an AUTHENTICATION template needs an OTP button")
    }
    return checked
  })

/** Components as Meta answers them: a header handle from the resumable upload is its sample file's URL. */
const publishedComponents = (context: Context, components: ReadonlyArray<unknown>): ReadonlyArray<unknown> =>
  components.map((component) => {
    if (!isObject(component) || !isObject(component["example"])) return component
    const handles = component["example"]["header_handle"]
    if (!Array.isArray(handles)) return component
    return {
      ...component,
      example: {
        ...component["example"],
        header_handle: handles.map((handle) => {
          const uploaded = typeof handle === "string" ? context.state.handles.get(handle) : undefined
          return uploaded === undefined ? handle : context.settings.assets.url(uploaded.assetKey)
        })
      }
    }
  })

const valuesOf = (context: Context, template: Template): Record<string, unknown> => ({
  id: template.id,
  name: template.name,
  language: template.language,
  status: template.status,
  category: template.category,
  components: publishedComponents(context, template.components)
})

/** Ends the reviews that are due at `now`. */
export const advanceTemplates = (context: Context, now: number): void => {
  for (const node of context.state.nodes.values()) {
    if (node.kind !== "template" || node.status !== "PENDING" || node.reviewEndsAt === undefined) continue
    if (node.reviewEndsAt > now) continue
    const decision = context.settings.review({
      id: node.id,
      wabaId: node.wabaId,
      name: node.name,
      language: node.language,
      category: node.category,
      components: structuredClone(node.components)
    })
    node.status = decision.status
    node.rejectedReason = decision.status === "REJECTED" ? decision.reason : undefined
    node.reviewEndsAt = undefined
  }
}

/** The deletion that blocks `name` in `language` at `now`, if any. */
const blockingDeletion = (waba: Waba, name: string, language: string, now: number) =>
  waba.templateDeletions.find((deletion) =>
    deletion.name === name && now - deletion.at < thirtyDays &&
    (deletion.language === undefined || deletion.language === language)
  )

/** Stores a template in a WABA. */
export const storeTemplate = (
  state: State,
  waba: Waba,
  fields: {
    readonly id?: string | undefined
    readonly name: string
    readonly language: string
    readonly category: string
    readonly status: TemplateStatus
    readonly components: ReadonlyArray<unknown>
    readonly now: number
    readonly reviewEndsAt: number | undefined
    readonly rejectedReason?: string | undefined
  }
): Template => {
  const template: Template = {
    kind: "template",
    id: fields.id ?? freshId(state),
    wabaId: waba.id,
    name: fields.name,
    language: fields.language,
    seq: nextSeq(state),
    createdAt: fields.now,
    category: fields.category,
    status: fields.status,
    components: structuredClone(fields.components),
    reviewEndsAt: fields.reviewEndsAt,
    rejectedReason: fields.rejectedReason,
    approvedEdits: []
  }
  state.nodes.set(template.id, template)
  waba.templateIds.push(template.id)
  return template
}

const listFilters = ["name", "status", "category", "language"] as const

/** `GET /{WABA-ID}/message_templates`. */
export const listTemplates = managing<"waba">((context, call, waba) =>
  Effect.gen(function*() {
    const fields = yield* requestedFields(call.query, templateFields, templateFields)
    const status = call.query["status"]
    const statuses = status === undefined ? undefined : status.split(",").map((item) => item.trim().toUpperCase())
    if (statuses?.some((item) => !templateStatuses.includes(item as TemplateStatus)) === true) {
      return yield* Effect.fail(
        invalidParameter(`Invalid parameter: status must be one of ${templateStatuses.join(", ")}`)
      )
    }
    const category = call.query["category"]?.toUpperCase()
    if (category !== undefined && !categories.includes(category)) {
      return yield* Effect.fail(
        invalidParameter(`Invalid parameter: category must be one of ${categories.join(", ")}`)
      )
    }
    const matching = templatesOf(context.state, waba).filter((template) =>
      listFilters.every((filter) => {
        switch (filter) {
          case "name":
            return call.query["name"] === undefined || template.name === call.query["name"]
          case "status":
            return statuses === undefined || statuses.includes(template.status)
          case "category":
            return category === undefined || template.category === category
          case "language":
            return call.query["language"] === undefined || template.language === call.query["language"]
        }
      })
    )
    const found = yield* page(call, context.settings.graphUrl, "message_templates", matching, (template) =>
      template.seq, {
      defaultSize: 25,
      maxSize: 100
    })
    return ok(pageBody(found, (template) =>
      pick(fields, valuesOf(context, template), ["id"])))
  })
)

/** `GET /{TEMPLATE_ID}`. */
export const getTemplate = managing<"template">((context, call, template) =>
  Effect.map(
    requestedFields(call.query, templateFields, templateFields),
    (fields) => ok(pick(fields, valuesOf(context, template), ["id"]))
  )
)

const templateName = {
  pattern: /^[a-z0-9_]{1,512}$/,
  patternText: "lowercase letters, digits and underscores (at most 512)"
}
const templateLanguage = { pattern: /^[a-z]{2,3}(_[A-Z]{2,4})?$/, patternText: "a language code like en or en_US" }

/** `POST /{WABA-ID}/message_templates`: a new template, `PENDING` until its review ends. */
export const createTemplate = managing<"waba">((context, call, waba) =>
  Effect.gen(function*() {
    const body = yield* jsonBody(call, ["name", "language", "category", "components"])
    const name = yield* requiredText(body["name"], "name", templateName)
    const language = yield* requiredText(body["language"], "language", templateLanguage)
    const category = (yield* requiredText(body["category"], "category")).toUpperCase()
    if (!categories.includes(category)) {
      return yield* Effect.fail(
        invalidParameter(`Invalid parameter: category must be one of ${categories.join(", ")}`)
      )
    }
    const components = yield* checkComponents(context, waba, category, body["components"])
    if (
      templatesOf(context.state, waba).some((template) => template.name === name && template.language === language)
    ) {
      return yield* Effect.fail(
        invalidParameter(`(#100) Content in ${language} already exists for the template ${name}`, {
          userTitle: "Message template already exists"
        })
      )
    }
    const deletion = blockingDeletion(waba, name, language, call.now)
    if (deletion !== undefined) {
      return yield* Effect.fail(
        invalidParameter(
          `(#100) The template name ${name} was deleted less than 30 days ago and cannot be reused until ` +
            new Date(deletion.at + thirtyDays).toISOString(),
          { userTitle: "Message template name is being deleted" }
        )
      )
    }
    waba.templateCreations = waba.templateCreations.filter((at) => at > call.now - hour)
    if (waba.templateCreations.length >= context.settings.templateCreationsPerHour) {
      return yield* Effect.fail(
        rateLimited(
          80007,
          {},
          `Message template creation limit reached: ${context.settings.templateCreationsPerHour} an hour for a WhatsApp Business Account`
        )
      )
    }
    waba.templateCreations.push(call.now)
    const template = storeTemplate(context.state, waba, {
      name,
      language,
      category,
      status: "PENDING",
      components,
      now: call.now,
      reviewEndsAt: call.now + context.settings.reviewMillis
    })
    record(context.state, "createTemplate", template.id)
    return ok({ id: template.id, status: template.status, category: template.category })
  })
)

const editableStatuses: ReadonlyArray<TemplateStatus> = ["APPROVED", "REJECTED", "PAUSED"]

/**
 * `POST /{TEMPLATE_ID}`: new components and/or category; the template goes back to review. Only
 * an approved, rejected or paused template can be edited; an approved one once per 24 hours, 10
 * times per 30 days, and not into another category.
 */
export const editTemplate = managing<"template">((context, call, template) =>
  Effect.gen(function*() {
    const body = yield* jsonBody(call, ["name", "language", "category", "components"])
    if (body["name"] !== undefined && body["name"] !== template.name) {
      return yield* Effect.fail(invalidParameter("(#100) A template's name cannot be changed"))
    }
    if (body["language"] !== undefined && body["language"] !== template.language) {
      return yield* Effect.fail(invalidParameter("(#100) A template's language cannot be changed"))
    }
    if (body["components"] === undefined && body["category"] === undefined) {
      return yield* Effect.fail(invalidParameter("(#100) Give components or category to edit"))
    }
    const categoryText = yield* optionalText(body["category"], "category")
    const category = categoryText?.toUpperCase() ?? template.category
    if (!categories.includes(category)) {
      return yield* Effect.fail(
        invalidParameter(`Invalid parameter: category must be one of ${categories.join(", ")}`)
      )
    }
    if (!editableStatuses.includes(template.status)) {
      return yield* Effect.fail(
        invalidParameter(`(#100) A template with status ${template.status} cannot be edited`, {
          userTitle: "Message template cannot be edited"
        })
      )
    }
    const waba = nodeOf(context.state, template.wabaId, "waba")
    if (waba === undefined) return yield* Effect.fail(notFound("WhatsApp Business Account not found"))
    const components = body["components"] === undefined
      ? template.components
      : yield* checkComponents(context, waba, category, body["components"])
    if (template.status === "APPROVED") {
      if (category !== template.category) {
        return yield* Effect.fail(
          invalidParameter("(#100) The category of an approved template cannot be changed", {
            userTitle: "Message template category cannot be changed"
          })
        )
      }
      const edits = template.approvedEdits.filter((at) => at > call.now - thirtyDays)
      template.approvedEdits = edits
      const lastDay = edits.filter((at) => at > call.now - day)
      const earliest = lastDay[0]
      if (earliest !== undefined) {
        return yield* Effect.fail(
          invalidParameter(
            `(#100) An approved template can be edited once per 24 hours; the next edit is allowed at ` +
              new Date(earliest + day).toISOString(),
            { userTitle: "Message template edit limit reached" }
          )
        )
      }
      const oldest = edits[0]
      if (edits.length >= 10 && oldest !== undefined) {
        return yield* Effect.fail(
          invalidParameter(
            `(#100) An approved template can be edited 10 times per 30 days; the next edit is allowed at ` +
              new Date(oldest + thirtyDays).toISOString(),
            { userTitle: "Message template edit limit reached" }
          )
        )
      }
      template.approvedEdits.push(call.now)
    }
    template.components = structuredClone(components)
    template.category = category
    template.status = "PENDING"
    template.rejectedReason = undefined
    template.reviewEndsAt = call.now + context.settings.reviewMillis
    record(context.state, "editTemplate", template.id)
    return success
  })
)

/** `DELETE /{WABA-ID}/message_templates?name[&hsm_id]`. */
export const deleteTemplates = managing<"waba">((context, call, waba) =>
  Effect.suspend((): Effect.Effect<Reply, GraphError> => {
    const name = call.query["name"]
    const hsmId = call.query["hsm_id"]
    if (name === undefined || name === "") {
      return Effect.fail(invalidParameter("(#100) The parameter name is required"))
    }
    const named = templatesOf(context.state, waba).filter((template) => template.name === name)
    const doomed = hsmId === undefined ? named : named.filter((template) => template.id === hsmId)
    const first = doomed[0]
    if (first === undefined) {
      return Effect.fail(
        notFound(
          hsmId === undefined
            ? `Message template not found: ${name}`
            : `Message template not found: ${name} with hsm_id ${hsmId}`
        )
      )
    }
    for (const template of doomed) {
      context.state.nodes.delete(template.id)
      record(context.state, "deleteTemplate", template.id)
    }
    const whole = doomed.length === named.length
    waba.templateDeletions.push({ name, language: whole ? undefined : first.language, at: call.now })
    return Effect.succeed(success)
  })
)

const migrationParameter = (call: Call, body: JsonObject, name: string): unknown => body[name] ?? call.query[name]

const integerOf = (value: unknown): number | undefined => {
  const number = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value
  return typeof number === "number" && Number.isInteger(number) ? number : undefined
}

/**
 * `POST /{WABA-ID}/migrate_message_templates` (not in the document): copies the approved
 * templates of page `page_number` (`count` per page, 1 to 500, default 500) of `source_waba_id`
 * — a WABA of the same business — into this one, keeping their status.
 */
export const migrateTemplates = managing<"waba">((context, call, destination) =>
  Effect.gen(function*() {
    const body = yield* jsonBody(call, ["source_waba_id", "page_number", "count"])
    const sourceId = migrationParameter(call, body, "source_waba_id")
    if (typeof sourceId !== "string" || sourceId === "") {
      return yield* Effect.fail(invalidParameter("(#100) The parameter source_waba_id is required"))
    }
    const pageNumber = integerOf(migrationParameter(call, body, "page_number"))
    if (pageNumber === undefined || pageNumber < 0) {
      return yield* Effect.fail(invalidParameter("(#100) The parameter page_number must be an integer from 0"))
    }
    const countValue = migrationParameter(call, body, "count")
    const count = countValue === undefined ? 500 : integerOf(countValue)
    if (count === undefined || count < 1 || count > 500) {
      return yield* Effect.fail(invalidParameter("(#100) The parameter count must be an integer from 1 to 500"))
    }
    const source = nodeOf(context.state, sourceId, "waba")
    if (source === undefined) return yield* Effect.fail(notFound("WhatsApp Business Account not found"))
    if (source.id === destination.id) {
      return yield* Effect.fail(invalidParameter("(#100) source_waba_id must be another WhatsApp Business Account"))
    }
    if (source.businessId !== destination.businessId || !source.accessible) {
      return yield* Effect.fail(
        invalidParameter(
          "(#100) Templates can only be migrated between WhatsApp Business Accounts of the same business"
        )
      )
    }
    const batch = templatesOf(context.state, source).slice(pageNumber * count, (pageNumber + 1) * count)
    const migrated: Array<string> = []
    const failed: Record<string, string> = {}
    for (const template of batch) {
      if (template.status !== "APPROVED") {
        failed[template.id] = `Only approved templates can be migrated; this one is ${template.status}`
      } else if (
        templatesOf(context.state, destination).some((existing) =>
          existing.name === template.name && existing.language === template.language
        )
      ) {
        failed[template.id] = "A template with this name and language already exists in the destination"
      } else if (blockingDeletion(destination, template.name, template.language, call.now) !== undefined) {
        failed[template.id] = "This template name was deleted in the destination less than 30 days ago"
      } else {
        const copy = storeTemplate(context.state, destination, {
          name: template.name,
          language: template.language,
          category: template.category,
          status: "APPROVED",
          components: template.components,
          now: call.now,
          reviewEndsAt: undefined
        })
        record(context.state, "migrateTemplate", copy.id)
        migrated.push(copy.id)
      }
    }
    return ok({ migrated_templates: migrated, failed_templates: failed })
  })
)
