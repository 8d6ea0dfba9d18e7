/**
 * What the template API accepts, as pure checks: the create body (the facts page's component
 * rules), the list, delete and upload queries.
 *
 * Two kinds of refusal, as the facts page shows them: a request without the shape Vonage's
 * document gives it (missing, unexpected or mistyped fields; a missing query parameter) is a 400
 * with a title in the form of the page's example, checked before anything else; a value Meta
 * refuses (a category, a component type or header format, a handle, a duplicate) is a 422
 * `Invalid params` whose detail is Meta's `(#100) …` message, checked once the WABA is found.
 * Only the page's category message is Meta's word for word; the others follow its form.
 *
 * @internal
 */
import * as Either from "effect/Either"
import type { Reply } from "../reply.js"
import type { JsonObject } from "../validation.js"
import { isObject } from "../validation.js"
import type { Position } from "./paging.js"
import { positionOf } from "./paging.js"
import { badRequest, invalidParams } from "./problems.js"

/**
 * The categories a new template may have: the document's (TRANSACTIONAL, MARKETING, OTP) and the
 * guide's, Meta's newer ones (MARKETING, UTILITY, AUTHENTICATION). Templates already there keep
 * any category.
 *
 * @internal
 */
export const creationCategories = ["TRANSACTIONAL", "MARKETING", "OTP", "UTILITY", "AUTHENTICATION"] as const

const componentTypes = ["HEADER", "BODY", "FOOTER", "BUTTONS"] as const
const headerFormats = ["TEXT", "IMAGE", "DOCUMENT", "VIDEO"] as const
const mediaFormats: ReadonlySet<string> = new Set(["IMAGE", "DOCUMENT", "VIDEO"])
const buttonTypes = ["QUICK_REPLY", "URL", "PHONE_NUMBER"] as const

/** The values of the list's `status` filter. @internal */
export const statusFilters = [
  "APPROVED",
  "IN_APPEAL",
  "PENDING",
  "REJECTED",
  "DISABLED",
  "PAUSED",
  "LIMIT_EXCEEDED"
] as const

/** The file types Media Upload takes. @internal */
export const fileTypes = ["image/jpeg", "image/jpg", "image/png", "video/mp4"] as const

/** The page is silent on the default page size; this is the emulator's. @internal */
export const defaultLimit = 25

const oneOf = (values: ReadonlyArray<string>): string => `{${values.join(", ")}}`

const includes = (values: ReadonlyArray<string>, value: unknown): boolean =>
  typeof value === "string" && values.includes(value)

// ---------------------------------------------------------------------------------------------
// create: the shape (400)
// ---------------------------------------------------------------------------------------------

/** A create request with the documented shape. @internal */
export interface CreateRequest {
  readonly name: string
  readonly language: string
  readonly category: string
  readonly components: ReadonlyArray<JsonObject>
}

type Kind = "unexpected" | "missing" | "mistyped"

const phrases: Record<Kind, string> = {
  unexpected: "has unexpected field(s)",
  missing: "is missing expected field(s)",
  mistyped: "has field(s) of the wrong type"
}

const titles: Record<Kind, string> = {
  unexpected: "contains unexpected field(s)",
  missing: "is missing expected field(s)",
  mistyped: "has field(s) of the wrong type"
}

/** A 400 in the page's form: title `Message template "components" param contains unexpected field(s)`, detail `component of type BUTTONS has unexpected field(s) (text).` */
const fieldProblem = (
  scope: "template" | "components",
  subject: string,
  kind: Kind,
  fields: ReadonlyArray<string>
): Reply =>
  badRequest(
    `Message template ${scope === "components" ? "\"components\" " : ""}param ${titles[kind]}`,
    `${subject} ${phrases[kind]} (${fields.join(", ")}).`
  )

const isString = (value: unknown): boolean => typeof value === "string"

/** A header handle: one string, or Meta's form, a list of one string (the page says "a handle"). */
const isHandle = (value: unknown): boolean =>
  typeof value === "string" || (Array.isArray(value) && value.length === 1 && typeof value[0] === "string")

interface Shape {
  readonly allowed: ReadonlyArray<string>
  readonly required: ReadonlyArray<string>
  readonly types: Readonly<Record<string, (value: unknown) => boolean>>
}

/** The first way `object` breaks `shape`: unexpected fields, then missing ones, then mistyped ones. */
const shapeProblem = (
  object: JsonObject,
  shape: Shape,
  scope: "template" | "components",
  subject: string
): Reply | undefined => {
  const present = Object.keys(object)
  const unexpected = present.filter((field) => !shape.allowed.includes(field))
  if (unexpected.length > 0) return fieldProblem(scope, subject, "unexpected", unexpected)
  const missing = shape.required.filter((field) => object[field] === undefined)
  if (missing.length > 0) return fieldProblem(scope, subject, "missing", missing)
  const mistyped = present.filter((field) => shape.types[field]?.(object[field]) === false)
  return mistyped.length > 0 ? fieldProblem(scope, subject, "mistyped", mistyped) : undefined
}

const templateShape: Shape = {
  allowed: ["name", "language", "category", "components"],
  required: ["name", "language", "category", "components"],
  types: { name: isString, language: isString, category: isString, components: Array.isArray }
}

const componentFieldTypes: Readonly<Record<string, (value: unknown) => boolean>> = {
  type: isString,
  format: isString,
  text: isString,
  example: isObject,
  buttons: Array.isArray
}

/**
 * The fields of each component type. The page names `type` and `format` (required), `text` (its
 * 400 example calls it unexpected only on BUTTONS), `example.header_handle` on media headers and
 * `buttons` on BUTTONS; it is silent on `example` beyond `header_handle`, which is left open.
 */
const componentFields: Readonly<Record<(typeof componentTypes)[number], ReadonlyArray<string>>> = {
  HEADER: ["type", "format", "text", "example"],
  BODY: ["type", "format", "text", "example"],
  FOOTER: ["type", "format", "text"],
  BUTTONS: ["type", "format", "buttons"]
}

const requiredOf = (type: (typeof componentTypes)[number], format: unknown): ReadonlyArray<string> =>
  type === "HEADER"
    ? format === "TEXT" ? ["type", "format", "text"] : ["type", "format"]
    : type === "BUTTONS"
    ? ["type", "format", "buttons"]
    : ["type", "format", "text"]

const buttonFields: Readonly<Record<(typeof buttonTypes)[number], ReadonlyArray<string>>> = {
  QUICK_REPLY: ["type", "text"],
  URL: ["type", "text", "url"],
  PHONE_NUMBER: ["type", "text", "phone_number"]
}

const buttonProblem = (button: unknown, index: number): Reply | undefined => {
  if (!isObject(button)) return fieldProblem("components", `button at index ${index}`, "mistyped", ["button"])
  const type = button["type"]
  const fields = includes(buttonTypes, type) ? buttonFields[type as (typeof buttonTypes)[number]] : undefined
  const shape: Shape = fields === undefined
    // a type Meta does not have is refused as a value (422); its other fields cannot be judged
    ? { allowed: Object.keys(button), required: ["type", "text"], types: { type: isString, text: isString } }
    : {
      allowed: fields,
      required: fields,
      types: { type: isString, text: isString, url: isString, phone_number: isString }
    }
  return shapeProblem(
    button,
    shape,
    "components",
    fields === undefined ? `button at index ${index}` : `button of type ${String(type)}`
  )
}

const componentProblem = (component: unknown, index: number): Reply | undefined => {
  if (!isObject(component)) return fieldProblem("components", `component at index ${index}`, "mistyped", ["component"])
  const type = component["type"]
  if (!includes(componentTypes, type)) {
    // a type Meta does not have is refused as a value (422); its other fields cannot be judged
    return shapeProblem(
      component,
      { allowed: Object.keys(component), required: ["type", "format"], types: { type: isString, format: isString } },
      "components",
      `component at index ${index}`
    )
  }
  const known = type as (typeof componentTypes)[number]
  const subject = `component of type ${known}`
  const problem = shapeProblem(
    component,
    { allowed: componentFields[known], required: requiredOf(known, component["format"]), types: componentFieldTypes },
    "components",
    subject
  )
  if (problem !== undefined) return problem
  if (known === "HEADER" && includes([...mediaFormats], component["format"])) {
    const example = component["example"]
    const handle = isObject(example) ? example["header_handle"] : undefined
    if (handle === undefined) return fieldProblem("components", subject, "missing", ["example.header_handle"])
    if (!isHandle(handle)) return fieldProblem("components", subject, "mistyped", ["example.header_handle"])
  }
  if (known === "BUTTONS") {
    const buttons = component["buttons"]
    if (Array.isArray(buttons)) {
      for (const [at, button] of buttons.entries()) {
        const refused = buttonProblem(button, at)
        if (refused !== undefined) return refused
      }
    }
  }
  return undefined
}

/** The create body with the documented shape, or the 400 that says how it breaks it. @internal */
export const createRequest = (body: unknown): Either.Either<CreateRequest, Reply> => {
  if (!isObject(body)) return Either.left(fieldProblem("template", "template", "mistyped", ["template"]))
  const problem = shapeProblem(body, templateShape, "template", "template")
  if (problem !== undefined) return Either.left(problem)
  const components: ReadonlyArray<unknown> = Array.isArray(body["components"]) ? body["components"] : []
  for (const [index, component] of components.entries()) {
    const refused = componentProblem(component, index)
    if (refused !== undefined) return Either.left(refused)
  }
  return Either.right({
    name: String(body["name"]),
    language: String(body["language"]),
    category: String(body["category"]),
    components: components.filter(isObject)
  })
}

// ---------------------------------------------------------------------------------------------
// create: the values (422)
// ---------------------------------------------------------------------------------------------

const handlesOf = (component: JsonObject): ReadonlyArray<unknown> => {
  const example = component["example"]
  const handle = isObject(example) ? example["header_handle"] : undefined
  return Array.isArray(handle) ? handle : handle === undefined ? [] : [handle]
}

/**
 * Meta's message for the first value of a well-shaped request it refuses, or `undefined`.
 * `issued` tells a handle this emulator issued; `exists` whether the name is there in the language.
 *
 * @internal
 */
export const refusal = (
  request: CreateRequest,
  issued: (handle: string) => boolean,
  exists: boolean
): string | undefined => {
  if (request.name.trim() === "") return "(#100) Param name must be a non-empty string."
  if (request.language.trim() === "") return "(#100) Param language must be a non-empty string."
  if (!includes(creationCategories, request.category)) {
    return `(#100) Param category must be one of ${oneOf(creationCategories)}.`
  }
  for (const [index, component] of request.components.entries()) {
    const at = `components[${index}]`
    const type = component["type"]
    if (!includes(componentTypes, type)) return `(#100) Param ${at}['type'] must be one of ${oneOf(componentTypes)}.`
    if (type === "HEADER") {
      if (!includes(headerFormats, component["format"])) {
        return `(#100) Param ${at}['format'] must be one of ${oneOf(headerFormats)}.`
      }
      if (
        mediaFormats.has(String(component["format"])) &&
        !handlesOf(component).every((handle) => typeof handle === "string" && issued(handle))
      ) {
        return `(#100) Param ${at}['example']['header_handle'] is not a handle from Media Upload.`
      }
    }
    const buttons = component["buttons"]
    if (type === "BUTTONS" && Array.isArray(buttons)) {
      for (const [position, button] of buttons.entries()) {
        if (isObject(button) && !includes(buttonTypes, button["type"])) {
          return `(#100) Param ${at}['buttons'][${position}]['type'] must be one of ${oneOf(buttonTypes)}.`
        }
      }
    }
  }
  return exists ? "(#100) A message template with this name already exists in this language." : undefined
}

// ---------------------------------------------------------------------------------------------
// queries
// ---------------------------------------------------------------------------------------------

/** A filter given empty is no filter. */
const filter = (query: Readonly<Record<string, string>>, name: string): string | undefined => {
  const value = query[name]
  return value === undefined || value === "" ? undefined : value
}

/** The list query, checked. @internal */
export interface ListQuery {
  readonly limit: number
  readonly status: string | undefined
  readonly language: string | undefined
  readonly nameOrContent: string | undefined
  readonly position: Position
}

const numeric = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i

/** The 400 for a `limit` that is not a number (the document's type for it), if it is not. @internal */
export const limitProblem = (query: Readonly<Record<string, string>>): Reply | undefined => {
  const limit = query["limit"]
  return limit === undefined || numeric.test(limit)
    ? undefined
    : badRequest("Bad Request", "query parameter limit must be a number.")
}

/**
 * The list query, once `limitProblem` found nothing: `limit` a positive integer, `status` one of
 * the documented values, `before` / `after` cursors this emulator gave (one of them at most); a
 * 422 otherwise.
 *
 * @internal
 */
export const listQuery = (query: Readonly<Record<string, string>>): Either.Either<ListQuery, Reply> => {
  const limitText = query["limit"]
  const limit = limitText === undefined ? defaultLimit : Number(limitText)
  if (!Number.isSafeInteger(limit) || limit < 1) {
    return Either.left(invalidParams("(#100) Param limit must be a positive integer."))
  }
  const status = filter(query, "status")
  if (status !== undefined && !includes(statusFilters, status)) {
    return Either.left(invalidParams(`(#100) Param status must be one of ${oneOf(statusFilters)}.`))
  }
  return Either.match(positionOf(query["before"], query["after"]), {
    onLeft: (which) =>
      Either.left(invalidParams(
        which === "both"
          ? "(#100) Only one of the params before and after may be given."
          : `(#100) Param ${which} is not a valid cursor.`
      )),
    onRight: (position) =>
      Either.right({
        limit,
        status,
        language: filter(query, "language"),
        nameOrContent: filter(query, "name_or_content"),
        position
      })
  })
}

/** The `name` of a delete: required. @internal */
export const deleteName = (query: Readonly<Record<string, string>>): Either.Either<string, Reply> => {
  const name = filter(query, "name")
  return name === undefined
    ? Either.left(badRequest("Bad Request", "query parameter name is required."))
    : Either.right(name)
}

/**
 * The `file_type` of an upload: required (400), one of the documented MIME types, which like every
 * MIME type are case-insensitive (422). Lower-cased.
 *
 * @internal
 */
export const fileType = (query: Readonly<Record<string, string>>): Either.Either<string, Reply> => {
  const given = filter(query, "file_type")
  if (given === undefined) return Either.left(badRequest("Bad Request", "query parameter file_type is required."))
  const type = given.toLowerCase()
  return includes(fileTypes, type)
    ? Either.right(type)
    : Either.left(invalidParams(`(#100) Param file_type must be one of ${oneOf(fileTypes)}.`))
}
