/**
 * Meta's OpenAPI 3.1 document (a verbatim copy in ./fixtures, with its licence) as a checker of
 * the emulator's exchanges: every operation by its operationId, its path template, parameters,
 * request bodies and responses, with JSON Schema 2020-12 validation by ajv.
 *
 * Object schemas are closed (`additionalProperties: false`) wherever the document lists an
 * object's properties and does not say otherwise, so that the emulator cannot answer with
 * fields the document does not have. A closed object still admits:
 *
 * - the fields the document's own examples show for it (the document describes template
 *   components, for instance, mostly by example); for template components, the fields of every
 *   template example of the document;
 * - the fields of Graph paging the issue states (`paging.next`, `paging.previous`) where an
 *   operation's paging schema lists only cursors;
 * - the fields of `GET /{Phone-Number-ID}` the issue names from Meta's developer documentation
 *   and the document's schema lacks (`status`, `platform_type`, `throughput`,
 *   `messaging_limit_tier`), typed as the document types them on the phone-number list.
 *
 * Where the document's own examples contradict the schema an operation refers to, and the
 * document defines the schema its examples follow, the operation is checked against that one.
 * Each such correction is checked here: the document's examples break the schema referred to
 * and fit the corrected one.
 */
import { Ajv2020 } from "ajv/dist/2020.js"
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js"
import { readFileSync } from "node:fs"
import { parse } from "yaml"
import type { Json } from "./harness.js"

type JsonObject = { readonly [key: string]: Json }

/** The document. */
export const document = parse(
  readFileSync(new URL("./fixtures/meta-business-messaging-api_v23.0.openapi.yaml", import.meta.url), "utf8")
) as JsonObject

/** Whether a value is a JSON object. */
export const isRecord = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const at = (node: Json | undefined, ...keys: ReadonlyArray<string>): Json | undefined =>
  keys.reduce<Json | undefined>((current, key) => isRecord(current) ? current[key] : undefined, node)

const pointer = (ref: string): Json => {
  const found = at(document, ...ref.slice(2).split("/").map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~")))
  if (found === undefined) throw new Error(`unresolved $ref ${ref}`)
  return found
}

const schemaRef = (name: string) => `#/components/schemas/${name}`

/** One operation of the document. */
export interface Operation {
  readonly id: string
  readonly method: string
  /** The path template, e.g. `/{Version}/{Phone-Number-ID}/register`. */
  readonly path: string
  readonly parameters: ReadonlyArray<JsonObject>
  readonly requestBody: JsonObject | undefined
  readonly responses: JsonObject
}

/** Every operation, by operationId. */
export const operations: ReadonlyMap<string, Operation> = (() => {
  const found = new Map<string, Operation>()
  const paths = at(document, "paths")
  if (!isRecord(paths)) throw new Error("the document has no paths")
  for (const [path, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue
    for (const [method, operation] of Object.entries(item)) {
      const id = at(operation, "operationId")
      const responses = at(operation, "responses")
      if (typeof id !== "string" || !isRecord(responses)) continue
      const parameters = at(operation, "parameters")
      const requestBody = at(operation, "requestBody")
      found.set(id, {
        id,
        method: method.toUpperCase(),
        path,
        parameters: (Array.isArray(parameters) ? parameters : []).map((parameter: Json) => {
          const ref = at(parameter, "$ref")
          const resolved = typeof ref === "string" ? pointer(ref) : parameter
          return isRecord(resolved) ? resolved : {}
        }),
        requestBody: isRecord(requestBody) ? requestBody : undefined,
        responses
      })
    }
  }
  return found
})()

/**
 * Corrections of an operation's `$ref`s, where the document's examples follow another schema
 * the document defines. Keyed by operationId; each maps a referenced schema to the one used.
 */
export const corrections: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // The description and every example answer `{ data: [qr code] }`, the document's QrCodeResponse_1.
  getIndividualQrCode: { [schemaRef("QrCodeResponse")]: schemaRef("QrCodeResponse_1") },
  // The examples list `{ whatsapp_business_api_data: { id, name, link } }`: SubscribedApp_1 and
  // WhatsAppBusinessApiData_1, not SubscribedApp `{ id, name }` or the two-step-PIN WhatsAppBusinessApiData.
  getAllSubscriptionsForAWaba: {
    [schemaRef("SubscribedApp")]: schemaRef("SubscribedApp_1"),
    [schemaRef("WhatsAppBusinessApiData")]: schemaRef("WhatsAppBusinessApiData_1")
  },
  subscribeToWabaWebhooks: {
    [schemaRef("SubscribedApp")]: schemaRef("SubscribedApp_1"),
    [schemaRef("WhatsAppBusinessApiData")]: schemaRef("WhatsAppBusinessApiData_1")
  },
  // The examples answer `{ id, name, message_template_namespace, timezone_id }`: the document's
  // WhatsAppBusinessAccount_1 ("WhatsApp Business Account owned by the business") and its paging.
  getOwnedWhatsAppBusinessAccounts: {
    [schemaRef("WhatsAppBusinessAccount")]: schemaRef("WhatsAppBusinessAccount_1"),
    [schemaRef("CursorPaging")]: schemaRef("CursorPaging_4")
  }
}

/** The operations whose responses carry template components (their fields are pooled). */
const templateOperations = [
  "getTemplateByIdDefaultFields",
  "editTemplate",
  "getTemplateByNameDefaultFields",
  "createAuthenticationTemplateWOtpCopyCodeButton"
]

/** Fields the issue adds to a schema of the document, by operationId and status, at the root. */
const issueFields: Readonly<Record<string, Readonly<Record<string, Json>>>> = {
  "getPhoneNumberById 200": {
    status: { $ref: schemaRef("WhatsAppPhoneNumberStatus") },
    platform_type: { $ref: schemaRef("WhatsAppBusinessAccountHostPlatform") },
    throughput: {
      type: "object",
      properties: { level: { type: "string" } },
      required: ["level"],
      additionalProperties: false
    },
    messaging_limit_tier: {
      type: "string",
      enum: ["TIER_50", "TIER_250", "TIER_1K", "TIER_10K", "TIER_100K", "TIER_UNLIMITED"]
    }
  }
}

const pagingFields: Readonly<Record<string, Json>> = { next: { type: "string" }, previous: { type: "string" } }

/** The place of a schema node: property names and `[]` for array items, from the body's root. */
type Place = ReadonlyArray<string>

const placeKey = (place: Place): string => `/${place.join("/")}`

/** The part of a place from its last `components` on (`components/[]/buttons/[]`), if any. */
const componentPlace = (place: Place): string | undefined => {
  const index = place.lastIndexOf("components")
  return index === -1 ? undefined : placeKey(place.slice(index))
}

interface Allowances {
  /** Per operation: place → property names. */
  readonly byPlace: Map<string, Set<string>>
}

/** Template component fields the document's template examples show, by component place. */
const componentFields = new Map<string, Set<string>>()

const follow = (node: Json, replaced: Readonly<Record<string, string>>): Json => {
  let current = node
  for (let depth = 0; depth < 32; depth++) {
    const ref = at(current, "$ref")
    if (typeof ref !== "string") return current
    current = pointer(replaced[ref] ?? ref)
  }
  throw new Error("$ref chain too deep")
}

const addName = (into: Map<string, Set<string>>, place: Place, name: string) => {
  const names = into.get(placeKey(place)) ?? new Set<string>()
  names.add(name)
  into.set(placeKey(place), names)
}

/** Records every property name of a value the schema does not describe at all, at its place. */
const collectAll = (value: Json | undefined, place: Place, into: Map<string, Set<string>>): void => {
  if (Array.isArray(value)) {
    for (const item of value) collectAll(item, [...place, "[]"], into)
  } else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      addName(into, place, key)
      collectAll(child, [...place, key], into)
    }
  }
}

/**
 * Records, for each object of `value`, the property names its schema does not list (and, below
 * such a property, every name). Of alternatives (`oneOf`, `anyOf`) the one the value fits best
 * counts.
 */
const collectExtras = (
  schema: Json,
  value: Json | undefined,
  place: Place,
  replaced: Readonly<Record<string, string>>,
  into: Map<string, Set<string>>
): void => {
  const node = follow(schema, replaced)
  if (!isRecord(node)) return
  const alternatives = [node["oneOf"], node["anyOf"]].find(Array.isArray)
  if (Array.isArray(alternatives)) {
    const candidates = alternatives.map((alternative: Json) => {
      const found = new Map<string, Set<string>>()
      collectExtras(alternative, value, place, replaced, found)
      return found
    })
    const size = (found: Map<string, Set<string>>) =>
      Array.from(found.values()).reduce((total, names) => total + names.size, 0)
    const best = candidates.reduce<Map<string, Set<string>> | undefined>(
      (chosen, candidate) => chosen === undefined || size(candidate) < size(chosen) ? candidate : chosen,
      undefined
    )
    for (const [key, names] of best ?? []) {
      for (const name of names) {
        addName(
          into,
          key.split("/").filter((part) => part !== ""),
          name
        )
      }
    }
    return
  }
  if (Array.isArray(value)) {
    const items = node["items"]
    if (items !== undefined) { for (const item of value) collectExtras(items, item, [...place, "[]"], replaced, into) }
    return
  }
  if (!isRecord(value)) return
  const properties = node["properties"]
  if (!isRecord(properties)) return
  for (const [key, child] of Object.entries(value)) {
    const childSchema = properties[key]
    if (childSchema === undefined) {
      addName(into, place, key)
      collectAll(child, [...place, key], into)
    } else {
      collectExtras(childSchema, child, [...place, key], replaced, into)
    }
  }
}

const examplesOf = (media: Json | undefined): ReadonlyArray<Json> => {
  const found: Array<Json> = []
  const single = at(media, "example")
  if (single !== undefined) found.push(single)
  const many = at(media, "examples")
  if (isRecord(many)) {
    for (const example of Object.values(many)) {
      const value = at(example, "value")
      if (value !== undefined) found.push(value)
    }
  }
  return found
}

/** The media objects (`content` entries) of an operation's request body and responses. */
const mediaOf = (operation: Operation): ReadonlyArray<{ readonly key: string; readonly media: Json }> => {
  const found: Array<{ readonly key: string; readonly media: Json }> = []
  const requestContent = at(operation.requestBody, "content")
  if (isRecord(requestContent)) {
    for (const [type, media] of Object.entries(requestContent)) found.push({ key: `request ${type}`, media })
  }
  for (const [status, response] of Object.entries(operation.responses)) {
    const ref = at(response, "$ref")
    const content = at(typeof ref === "string" ? pointer(ref) : response, "content")
    if (isRecord(content)) {
      for (const [type, media] of Object.entries(content)) found.push({ key: `${status} ${type}`, media })
    }
  }
  return found
}

const allowancesByKey = new Map<string, Allowances>()

for (const operation of operations.values()) {
  const replaced = corrections[operation.id] ?? {}
  for (const { key, media } of mediaOf(operation)) {
    const schema = at(media, "schema")
    if (schema === undefined) continue
    const byPlace = new Map<string, Set<string>>()
    for (const example of examplesOf(media)) collectExtras(schema, example, [], replaced, byPlace)
    allowancesByKey.set(`${operation.id} ${key}`, { byPlace })
    if (templateOperations.includes(operation.id)) {
      for (const [place, names] of byPlace) {
        const component = componentPlace(place.split("/").filter((part) => part !== ""))
        if (component === undefined) continue
        const pooled = componentFields.get(component) ?? new Set<string>()
        for (const name of names) pooled.add(name)
        componentFields.set(component, pooled)
      }
    }
  }
}

/** The properties a closed node at `place` admits beyond its own, and their schemas. */
const admitted = (operationKey: string, place: Place): Record<string, Json> => {
  const extra: Record<string, Json> = {}
  for (const name of allowancesByKey.get(operationKey)?.byPlace.get(placeKey(place)) ?? []) extra[name] = {}
  const component = componentPlace(place)
  if (component !== undefined) { for (const name of componentFields.get(component) ?? []) extra[name] = {} }
  if (place.at(-1) === "paging") Object.assign(extra, pagingFields)
  if (place.length === 0) Object.assign(extra, issueFields[operationKey.split(" ").slice(0, 2).join(" ")] ?? {})
  return extra
}

/**
 * A schema with every `$ref` inlined (through the operation's corrections) and every object
 * that lists properties closed, admitting what `admit` adds at each place.
 */
const closeSchema = (
  node: Json,
  replaced: Readonly<Record<string, string>>,
  place: Place,
  admit: (place: Place) => Record<string, Json>
): Json => {
  const resolved = follow(node, replaced)
  if (Array.isArray(resolved)) return resolved.map((item) => closeSchema(item, replaced, place, admit))
  if (!isRecord(resolved)) return resolved
  const closed: Record<string, Json> = {}
  for (const [key, value] of Object.entries(resolved)) {
    if (key === "example" || key === "examples" || key === "nullable") continue
    if (key === "properties" && isRecord(value)) {
      const properties: Record<string, Json> = {}
      for (const [name, schema] of Object.entries(value)) {
        properties[name] = closeSchema(schema, replaced, [...place, name], admit)
      }
      closed[key] = properties
    } else if (key === "items") {
      closed[key] = closeSchema(value, replaced, [...place, "[]"], admit)
    } else if (key === "oneOf" || key === "anyOf" || key === "allOf") {
      closed[key] = Array.isArray(value) ? value.map((item) => closeSchema(item, replaced, place, admit)) : value
    } else {
      closed[key] = value
    }
  }
  const properties = closed["properties"]
  if (isRecord(properties) && resolved["additionalProperties"] === undefined) {
    const admittedHere: Record<string, Json> = {}
    for (const [name, schema] of Object.entries(admit(place))) {
      admittedHere[name] = closeSchema(schema, replaced, [...place, name], () => ({}))
    }
    closed["properties"] = { ...admittedHere, ...properties }
    closed["additionalProperties"] = false
  }
  return closed
}

const ajv = new Ajv2020({ strict: false, allErrors: true })
ajv.addFormat("uri", { type: "string", validate: (value: string) => URL.canParse(value) })
ajv.addFormat("email", { type: "string", validate: (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) })
ajv.addFormat("binary", { type: "string", validate: () => true })

const compiled = new Map<string, ValidateFunction>()

/** A validator for the schema of `media` in operation `operationKey` (`<operationId> <status|request> <type>`). */
export const validatorFor = (
  operationKey: string,
  schema: Json,
  replaced: Readonly<Record<string, string>>
): ValidateFunction => {
  const existing = compiled.get(operationKey)
  if (existing !== undefined) return existing
  const validate = ajv.compile(closeSchema(schema, replaced, [], (place) => admitted(operationKey, place)) as object)
  compiled.set(operationKey, validate)
  return validate
}

/** A validator for a named component schema, closed, with no additions. */
export const strictValidator = (schema: Json, replaced: Readonly<Record<string, string>> = {}): ValidateFunction =>
  ajv.compile(closeSchema(schema, replaced, [], () => ({})) as object)

/** ajv's errors as one line. */
export const errorsText = (errors: ReadonlyArray<ErrorObject> | null | undefined): string =>
  ajv.errorsText(errors === undefined || errors === null ? [] : errors.slice())

/** The schema of an operation's response (after any response `$ref`), or `undefined` when it has no JSON body. */
export const responseSchema = (operation: Operation, status: string): Json | undefined => {
  const response = operation.responses[status]
  const ref = at(response, "$ref")
  return at(typeof ref === "string" ? pointer(ref) : response, "content", "application/json", "schema")
}

/** The schema of an operation's request body for a media type. */
export const requestSchema = (operation: Operation, type: string): Json | undefined =>
  at(operation.requestBody, "content", type, "schema")

/** The document's examples for an operation's response. */
export const responseExamples = (operation: Operation, status: string): ReadonlyArray<Json> => {
  const response = operation.responses[status]
  const ref = at(response, "$ref")
  return examplesOf(at(typeof ref === "string" ? pointer(ref) : response, "content", "application/json"))
}

/** The document's Graph error schema (`GraphAPIError`). */
export const graphErrorSchema: Json = { $ref: schemaRef("GraphAPIError") }

/** A schema of the document by name. */
export const schemaNamed = (name: string): Json => pointer(schemaRef(name))

/** Whether a value fits a schema with the keywords `keywords` only (structural checks). */
export const structuralErrors = (validate: ValidateFunction, value: unknown, keywords: ReadonlyArray<string>) => {
  validate(value)
  return (validate.errors ?? []).filter((error) => keywords.includes(error.keyword))
}
