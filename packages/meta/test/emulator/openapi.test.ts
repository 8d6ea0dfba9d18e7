/**
 * Every request the emulator is sent here and every answer it gives is checked against Meta's
 * OpenAPI document (./fixtures, with its licence; see ./openapi.ts for how schemas are closed
 * and corrected):
 *
 * - a request the document's parameters or request schemas refuse is never accepted (the
 *   emulator answers 4xx);
 * - an answer's status is one the document lists for the operation (operations for which the
 *   document lists only 200 answer failures with the document's `GraphAPIError`);
 * - an answer's body fits the document's schema for the status, closed;
 * - every answer carries `X-App-Usage`, and `X-Business-Use-Case-Usage` has the shape of the
 *   document's header example;
 * - every operation of the admin surface the emulator serves is exercised and succeeds once.
 *
 * The document has no path for Meta's resumable upload (`POST /{App-ID}/uploads`,
 * `POST|GET /upload:<id>`) nor for `POST /{WABA-ID}/migrate_message_templates`: their answers
 * are checked against the shapes the issue states (written below), their failures against the
 * document's `GraphAPIError`.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import * as Crypto from "node:crypto"
import type { Answer, CallOptions, Harness, Json } from "./harness.js"
import { at, authenticationTemplate, formOf, harness, lastCode, shopProfile, text } from "./harness.js"
import {
  corrections,
  errorsText,
  graphErrorSchema,
  isRecord,
  operations,
  requestSchema,
  responseExamples,
  responseSchema,
  schemaNamed,
  strictValidator,
  structuralErrors,
  validatorFor
} from "./openapi.js"

/** The operations of the document the emulator serves (the admin surface). */
const served = [
  "getOwnedWhatsAppBusinessAccounts",
  "getClientWhatsAppBusinessAccounts",
  "getWhatsAppBusinessAccountDetails",
  "getWhatsAppBusinessAccountPhoneNumbers",
  "createWhatsAppBusinessAccountPhoneNumber",
  "requestVerificationCode",
  "verifyPhoneNumberCode",
  "registerWhatsAppBusinessPhoneNumber",
  "deregisterPhoneNumber",
  "getPhoneNumberById",
  "updatePhoneNumberStatus",
  "getWhatsAppBusinessProfile",
  "updateWhatsAppBusinessProfileInformation",
  "uploadImage",
  "retrieveMediaUrl",
  "deleteMedia",
  "getTemplateByNameDefaultFields",
  "createAuthenticationTemplateWOtpCopyCodeButton",
  "deleteTemplateByName",
  "getTemplateByIdDefaultFields",
  "editTemplate",
  "listFlows",
  "createFlow",
  "migrateFlows",
  "getFlow",
  "updateFlowMetadata",
  "deleteFlow",
  "listAssetsGetFlowJsonUrl",
  "updateFlowJson",
  "publishFlow",
  "deprecateFlow",
  "getBusinessEncryptionPublicKey",
  "setBusinessEncryptionPublicKey",
  "listAllQrCodes",
  "createOrUpdateQrCode",
  "getIndividualQrCode",
  "deleteIndividualQrCode",
  "getCommerceSettings",
  "setOrUpdateCommerceSettings",
  "configureConversationalAutomation",
  "getAllSubscriptionsForAWaba",
  "subscribeToWabaWebhooks",
  "unsubscribeFromWabaWebhooks",
  "getAssignedUsers",
  "addAssignedUser",
  "removeAssignedUser"
]

/** Answers of the operations the document does not have, as the issue states them. */
const undocumented: Readonly<Record<string, Json>> = {
  // POST /{App-ID}/uploads → { id: "upload:<id>" }
  openUpload: {
    type: "object",
    properties: { id: { type: "string", pattern: "^upload:" } },
    required: ["id"],
    additionalProperties: false
  },
  // POST /upload:<id> → { h } once whole; GET /upload:<id> (and a partial POST) → { id, file_offset }
  upload: {
    oneOf: [
      { type: "object", properties: { h: { type: "string" } }, required: ["h"], additionalProperties: false },
      {
        type: "object",
        properties: { id: { type: "string", pattern: "^upload:" }, file_offset: { type: "integer", minimum: 0 } },
        required: ["id", "file_offset"],
        additionalProperties: false
      }
    ]
  },
  // POST /{WABA-ID}/migrate_message_templates → { migrated_templates, failed_templates }
  migrateTemplates: {
    type: "object",
    properties: {
      migrated_templates: { type: "array", items: { type: "string" } },
      failed_templates: { type: "object", additionalProperties: { type: "string" } }
    },
    required: ["migrated_templates", "failed_templates"],
    additionalProperties: false
  }
}

/** The shape of the document's `x-business-use-case-usage` example. */
const businessUsage = strictValidator({
  type: "object",
  additionalProperties: {
    type: "array",
    items: {
      type: "object",
      properties: {
        type: { type: "string" },
        call_count: { type: "integer", minimum: 0, maximum: 100 },
        total_cputime: { type: "integer", minimum: 0, maximum: 100 },
        total_time: { type: "integer", minimum: 0, maximum: 100 },
        estimated_time_to_regain_access: { type: "integer", minimum: 0 }
      },
      required: ["type", "call_count", "total_cputime", "total_time", "estimated_time_to_regain_access"]
    }
  }
})

/** The shape of the document's `x-app-usage` example. */
const appUsage = strictValidator({
  type: "object",
  properties: {
    call_count: { type: "integer", minimum: 0, maximum: 100 },
    total_cputime: { type: "integer", minimum: 0, maximum: 100 },
    total_time: { type: "integer", minimum: 0, maximum: 100 }
  },
  required: ["call_count", "total_cputime", "total_time"]
})

interface Exchange {
  readonly operation: string
  /** Whether the call carried the account's credentials (and so passed authentication). */
  readonly authenticated: boolean
  readonly sent: string
  /** Why the document refuses the request, if it does. */
  readonly refused: ReadonlyArray<string>
  readonly answer: Answer
}

type Request = CallOptions & {
  readonly query?: Record<string, string>
  /** The credentials are no longer the account's (an expired token). */
  readonly stale?: true
}

const bodyOf = (options: Request): { readonly type: string; readonly value: Json } | undefined => {
  if (options.json !== undefined) return { type: "application/json", value: options.json as Json }
  if (options.urlencoded !== undefined) {
    const value: Record<string, Json> = {}
    for (const [key, entry] of Object.entries(options.urlencoded)) {
      try {
        value[key] = entry.startsWith("[") ? JSON.parse(entry) as Json : entry
      } catch {
        value[key] = entry
      }
    }
    return { type: "application/x-www-form-urlencoded", value }
  }
  if (options.form !== undefined) {
    const value: Record<string, Json> = {}
    options.form.forEach((entry, key) => {
      value[key] = typeof entry === "string" ? entry : "<binary>"
    })
    return { type: "multipart/form-data", value }
  }
  return undefined
}

const coerce = (schema: Json | undefined, value: string): Json => {
  const type = at(schema, "type")
  if (type === "integer" && /^-?\d+$/.test(value)) return Number(value)
  if (type === "array") return value.split(",")
  return value
}

/** Why the document refuses a request to `operationId`, if it does. */
const refusals = (
  operationId: string,
  parameters: Readonly<Record<string, string>>,
  options: Request
): ReadonlyArray<string> => {
  const operation = operations.get(operationId)
  if (operation === undefined) return [`no operation ${operationId}`]
  const reasons: Array<string> = []
  for (const parameter of operation.parameters) {
    const name = parameter["name"]
    const where = parameter["in"]
    if (typeof name !== "string") continue
    const value = where === "path"
      ? parameters[name]
      : where === "query"
      ? options.query?.[name]
      : where === "header" && name === "Authorization"
      ? (options.authorization === null ? undefined : "Bearer token")
      : undefined
    if (where === "header" && name !== "Authorization") continue
    if (value === undefined) {
      if (parameter["required"] === true) reasons.push(`${name} is required`)
      continue
    }
    const schema = parameter["schema"]
    if (schema === undefined || (where === "header" && options.authorization === undefined)) continue
    const validate = strictValidator(schema)
    if (!validate(coerce(schema, value))) reasons.push(`${name}: ${errorsText(validate.errors)}`)
  }
  const body = bodyOf(options)
  if (body === undefined) {
    if (operation.requestBody?.["required"] === true) reasons.push("a body is required")
  } else {
    const schema = requestSchema(operation, body.type)
    if (schema === undefined) reasons.push(`the operation takes no ${body.type} body`)
    else {
      const validate = validatorFor(`${operationId} request ${body.type}`, schema, corrections[operationId] ?? {})
      if (!validate(body.value)) reasons.push(`body: ${errorsText(validate.errors)}`)
    }
  }
  return reasons
}

const documentedPath = (operationId: string, parameters: Readonly<Record<string, string>>): string => {
  const operation = operations.get(operationId)
  if (operation === undefined) throw new Error(`no operation ${operationId} in the document`)
  return operation.path.replace(/^\/\{Version\}/, "").replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = parameters[name]
    if (value === undefined) throw new Error(`${operationId} needs ${name}`)
    return encodeURIComponent(value)
  })
}

const withQuery = (path: string, query: Record<string, string> | undefined): string =>
  query === undefined ? path : `${path}?${new URLSearchParams(query).toString()}`

const recorder = (h: Harness, exchanges: Array<Exchange>) => {
  const call = (operationId: string, parameters: Readonly<Record<string, string>>, options: Request = {}) =>
    Effect.gen(function*() {
      const operation = operations.get(operationId)
      if (operation === undefined) return yield* Effect.dieMessage(`no operation ${operationId}`)
      const path = withQuery(documentedPath(operationId, parameters), options.query)
      const answer = yield* h.call(operation.method, path, options)
      exchanges.push({
        operation: operationId,
        authenticated: options.authorization === undefined && options.proof === undefined &&
          options.stale === undefined,
        sent: `${operation.method} ${path}`,
        refused: refusals(operationId, { ...parameters, Version: h.emulator.credentials.graphVersion }, options),
        answer
      })
      return answer
    })
  const callUndocumented = (name: string, method: string, path: string, options: Request = {}) =>
    Effect.gen(function*() {
      const answer = yield* h.call(method, withQuery(path, options.query), options)
      exchanges.push({ operation: name, authenticated: true, sent: `${method} ${path}`, refused: [], answer })
      return answer
    })
  /** The same operation on the same node, once with each of `requests`, in order. */
  const callEach = (
    operationId: string,
    parameters: Readonly<Record<string, string>>,
    ...requests: ReadonlyArray<Request>
  ) => Effect.forEach(requests, (options) => call(operationId, parameters, options), { discard: true })
  return { call, callEach, callUndocumented }
}

const checkExchange = (exchange: Exchange): ReadonlyArray<string> => {
  const { answer, operation: operationId } = exchange
  const problems: Array<string> = []
  const where = `${exchange.sent} → ${answer.status} ${answer.text.slice(0, 300)}`
  if (exchange.refused.length > 0 && answer.status < 400) {
    problems.push(`accepted a request the document refuses (${exchange.refused.join("; ")}): ${where}`)
  }
  const usage = answer.headers.get("x-app-usage")
  if (exchange.authenticated && (usage === null || !appUsage(JSON.parse(usage)))) {
    problems.push(`X-App-Usage missing or malformed: ${where}`)
  }
  const business = answer.headers.get("x-business-use-case-usage")
  if (business !== null && !businessUsage(JSON.parse(business))) {
    problems.push(`X-Business-Use-Case-Usage malformed (${errorsText(businessUsage.errors)}): ${where}`)
  }
  const operation = operations.get(operationId)
  const status = String(answer.status)
  if (operation === undefined) {
    const schema = answer.status >= 400 ? graphErrorSchema : undocumented[operationId]
    if (schema === undefined) return [...problems, `no schema for ${operationId}`]
    const validate = validatorFor(`${operationId} ${answer.status >= 400 ? "error" : "200"}`, schema, {})
    if (!validate(answer.body)) problems.push(`${errorsText(validate.errors)}: ${where}`)
    return problems
  }
  const statuses = Object.keys(operation.responses)
  const listsFailures = statuses.some((code) => code !== "200")
  if (listsFailures && !statuses.includes(status)) {
    problems.push(`status not in the document (${statuses.join(", ")}): ${where}`)
  }
  if (!listsFailures && answer.status !== 200 && answer.status < 400) problems.push(`unexpected status: ${where}`)
  const schema = responseSchema(operation, status) ?? (answer.status >= 400 ? graphErrorSchema : undefined)
  if (schema === undefined) {
    if (answer.text !== "") problems.push(`a body where the document has none: ${where}`)
    return problems
  }
  const validate = validatorFor(`${operationId} ${status} application/json`, schema, corrections[operationId] ?? {})
  if (!validate(answer.body)) problems.push(`${errorsText(validate.errors)}: ${where}`)
  return problems
}

const publicKey = Crypto.generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" }
}).publicKey

const flowJson = JSON.stringify({
  version: "5.0",
  screens: [{ id: "WELCOME", title: "Welcome", terminal: true, layout: { type: "SingleColumnLayout", children: [] } }]
})

const sampleImage = "PNG sample bytes for a header"

describe("MetaEmulator against Meta's OpenAPI document", () => {
  it("the document has every operation the emulator serves", () => {
    assert.deepStrictEqual(served.filter((id) => !operations.has(id)), [])
  })

  it("each correction is one the document's own examples call for", () => {
    for (const [operationId, replaced] of Object.entries(corrections)) {
      const operation = operations.get(operationId)
      if (operation === undefined) throw new Error(`no operation ${operationId}`)
      const schema = responseSchema(operation, "200")
      if (schema === undefined) throw new Error(`no 200 schema for ${operationId}`)
      const keywords = ["additionalProperties", "required", "type"]
      const examples = responseExamples(operation, "200")
      const original = strictValidator(schema)
      const corrected = strictValidator(schema, replaced)
      assert.isTrue(
        examples.some((example) => structuralErrors(original, example, keywords).length > 0),
        `${operationId}: the examples fit the schema it refers to; no correction is needed`
      )
      for (const example of examples) {
        assert.deepStrictEqual(
          structuralErrors(corrected, example, keywords),
          [],
          `${operationId}: an example breaks the correction`
        )
      }
    }
  })

  it.scoped(
    "validates every request and answer of a session over the whole admin surface",
    () =>
      Effect.gen(function*() {
        const exchanges: Array<Exchange> = []
        const h = yield* harness({
          appSecret: "emulator-app-secret",
          reviewDuration: "1 minute",
          businesses: [
            {
              name: "Lucky Shrub",
              users: [{ id: "2345678901234567", name: "Ana Admin" }, { id: "3456789012345678", name: "Bo Builder" }],
              wabas: [
                {
                  name: "Lucky Shrub Main",
                  country: "US",
                  numbers: [{ phoneNumber: "16505550100", verifiedName: "Lucky Shrub" }],
                  templates: [{
                    name: "order_update",
                    language: "en_US",
                    category: "UTILITY",
                    components: [{ type: "BODY", text: "Your order {{1}} shipped", example: { body_text: [["A-1"]] } }]
                  }],
                  subscribedApps: [{ id: "9876543210987654", name: "Support Bot" }],
                  assignedUsers: [{ userId: "2345678901234567", tasks: ["MANAGE"] }]
                },
                { name: "Lucky Shrub Second" }
              ]
            },
            { name: "Client Co", wabas: [{ id: "777000111222333", name: "Client WABA", numbers: [] }] }
          ]
        })
        const { call, callEach, callUndocumented } = recorder(h, exchanges)
        const { appId, businessId, phoneNumberId: phone, wabaId: waba } = h.emulator.credentials
        const missing = "999999999999999"
        const noAuth = { authorization: null } as const

        // Every operation refuses a request without a token, and an unknown object.
        for (const id of served) {
          const parameters = {
            "Business-ID": businessId,
            "WABA-ID": waba,
            "WhatsApp-Business-Account-ID": waba,
            "Phone-Number-ID": phone,
            "QR-Code-ID": "ANED2T5QRU7HG2",
            "Media-ID": missing,
            "Flow-ID": missing,
            TEMPLATE_ID: missing
          }
          yield* call(id, parameters, noAuth)
        }
        yield* callEach("getPhoneNumberById", { "Phone-Number-ID": phone }, { proof: null }, { proof: "0".repeat(64) })
        yield* call("getPhoneNumberById", { "Phone-Number-ID": missing })

        // Accounts
        yield* callEach("getOwnedWhatsAppBusinessAccounts", { "Business-ID": businessId }, { query: { first: "1" } }, {
          query: { business_type: "ENTERPRISE" }
        })
        yield* call("getOwnedWhatsAppBusinessAccounts", { "Business-ID": missing })
        yield* callEach("getClientWhatsAppBusinessAccounts", { "Business-ID": businessId }, {
          query: { fields: "id,name,currency,ownership_type,phone_numbers,message_templates,subscribed_apps" }
        }, { query: { limit: "0" } })
        yield* callEach("getWhatsAppBusinessAccountDetails", { "WABA-ID": waba }, {
          query: {
            fields: "id,name,timezone_id,message_template_namespace,account_review_status,country,ownership_type"
          }
        }, { query: { fields: "id,nonsense" } })

        // Numbers through registration
        const added = yield* call("createWhatsAppBusinessAccountPhoneNumber", { "WABA-ID": waba }, {
          json: { cc: "44", phone_number: "447700900123", verified_name: "Lucky Shrub UK" }
        })
        const number = text(added.body, "id")
        yield* callEach("createWhatsAppBusinessAccountPhoneNumber", { "WABA-ID": waba }, {
          json: { cc: "44", phone_number: "447700900123", verified_name: "Lucky Shrub UK" }
        }, {
          json: { cc: "44", phone_number: "+447700900124", verified_name: "Lucky Shrub UK" }
        })
        yield* call("createWhatsAppBusinessAccountPhoneNumber", { "WABA-ID": missing }, {
          json: { cc: "44", phone_number: "447700900125", verified_name: "X Co" }
        })
        yield* callEach("getWhatsAppBusinessAccountPhoneNumbers", { "WABA-ID": waba }, {
          query: {
            fields: "id,display_phone_number,status,code_verification_status,host_platform,messaging_limit_tier",
            limit: "1"
          }
        }, {
          query: {
            filtering: "[{\"field\":\"account_mode\",\"operator\":\"EQUAL\",\"value\":\"LIVE\"}]",
            sort: "creation_time.desc"
          }
        }, {
          query: { filtering: "{not json" }
        })
        yield* call("registerWhatsAppBusinessPhoneNumber", { "Phone-Number-ID": number }, {
          json: { messaging_product: "whatsapp", pin: "123456" }
        })
        yield* callEach("requestVerificationCode", { "Phone-Number-ID": number }, {
          json: { code_method: "SMS", language: "en_US" }
        }, {
          json: { code_method: "FAX", language: "en_US" }
        })
        yield* call("verifyPhoneNumberCode", { "Phone-Number-ID": number }, { json: { code: "12ab56" } })
        const code = yield* lastCode(h, number)
        yield* callEach("verifyPhoneNumberCode", { "Phone-Number-ID": number }, {
          json: { code: code === "000000" ? "111111" : "000000" }
        }, { json: { code } })
        yield* call("requestVerificationCode", { "Phone-Number-ID": number }, {
          json: { code_method: "VOICE", language: "en_GB" }
        })
        yield* call("registerWhatsAppBusinessPhoneNumber", { "Phone-Number-ID": number }, {
          json: { messaging_product: "whatsapp", pin: "12ab" }
        })
        yield* call("deregisterPhoneNumber", { "Phone-Number-ID": number })
        yield* call("updatePhoneNumberStatus", { "Phone-Number-ID": number }, { json: { pin: "654321" } })
        yield* callEach("registerWhatsAppBusinessPhoneNumber", { "Phone-Number-ID": number }, {
          json: { messaging_product: "whatsapp", pin: "123456" }
        }, {
          json: { messaging_product: "whatsapp", pin: "123456" }
        })
        yield* call("getPhoneNumberById", { "Phone-Number-ID": number }, {
          query: {
            fields:
              "verified_name,code_verification_status,name_status,quality_rating,status,platform_type,throughput,messaging_limit_tier"
          }
        })
        yield* call("getPhoneNumberById", { "Phone-Number-ID": number })
        yield* callEach("updatePhoneNumberStatus", { "Phone-Number-ID": number }, { json: { pin: "654321" } }, {
          json: { new_display_name: "Lucky Shrub Britain" }
        }, { json: { new_display_name: "X" } })
        yield* call("deregisterPhoneNumber", { "Phone-Number-ID": number })
        yield* call("deregisterPhoneNumber", { "Phone-Number-ID": number })
        for (let attempt = 0; attempt < 10; attempt++) {
          yield* call("registerWhatsAppBusinessPhoneNumber", { "Phone-Number-ID": phone }, {
            json: { messaging_product: "whatsapp", pin: "123456" }
          })
        }

        // Profile, media and the resumable upload
        const session = yield* callUndocumented("openUpload", "POST", `/${appId}/uploads`, {
          query: { file_name: "logo.png", file_length: String(sampleImage.length), file_type: "image/png" }
        })
        yield* callUndocumented("openUpload", "POST", `/${appId}/uploads`, {
          query: { file_name: "logo.gif", file_length: "10", file_type: "image/gif" }
        })
        const uploadId = text(session.body, "id")
        yield* callUndocumented("upload", "POST", `/${uploadId}`, {
          raw: sampleImage.slice(0, 5),
          headers: { file_offset: "0" }
        })
        yield* callUndocumented("upload", "GET", `/${uploadId}`)
        yield* callUndocumented("upload", "POST", `/${uploadId}`, {
          raw: sampleImage.slice(5),
          headers: { file_offset: "0" }
        })
        const uploaded = yield* callUndocumented("upload", "POST", `/${uploadId}`, {
          raw: sampleImage.slice(5),
          headers: { file_offset: "5" }
        })
        const handle = text(uploaded.body, "h")
        yield* callEach("updateWhatsAppBusinessProfileInformation", { "Phone-Number-ID": phone }, {
          json: {
            ...shopProfile,
            websites: ["https://luckyshrub.example", "https://shop.luckyshrub.example"],
            profile_picture_handle: handle
          }
        }, {
          json: {
            messaging_product: "whatsapp",
            websites: ["https://a.example", "https://b.example", "https://c.example"]
          }
        }, {
          json: { messaging_product: "whatsapp", vertical: "Retail" }
        }, {
          json: { messaging_product: "whatsapp", profile_picture_handle: "4:not-a-handle" }
        })
        yield* call("getWhatsAppBusinessProfile", { "Phone-Number-ID": phone })
        yield* call("getWhatsAppBusinessProfile", { "Phone-Number-ID": phone }, { query: { fields: "about,vertical" } })
        const media = yield* call("uploadImage", { "Phone-Number-ID": phone }, {
          form: formOf({
            messaging_product: "whatsapp",
            file: { bytes: "jpeg bytes", type: "image/jpeg", name: "a.jpg" }
          })
        })
        const mediaId = text(media.body, "id")
        yield* callEach("uploadImage", { "Phone-Number-ID": phone }, {
          form: formOf({ messaging_product: "whatsapp", file: { bytes: "gif", type: "image/gif", name: "a.gif" } })
        }, {
          json: { messaging_product: "whatsapp", file: "@/tmp/a.jpg" }
        })
        yield* callEach("retrieveMediaUrl", { "Media-ID": mediaId }, { query: { phone_number_id: phone } }, {
          query: { phone_number_id: number }
        })
        yield* call("deleteMedia", { "Media-ID": mediaId })
        yield* call("deleteMedia", { "Media-ID": mediaId })

        // Templates
        yield* call("getTemplateByNameDefaultFields", { "WABA-ID": waba })
        yield* callEach("getTemplateByNameDefaultFields", { "WABA-ID": waba }, {
          query: { name: "order_update", fields: "name,status" }
        }, { query: { status: "SHINY" } })
        const created = yield* call("createAuthenticationTemplateWOtpCopyCodeButton", { "WABA-ID": waba }, {
          json: {
            name: "spring_sale",
            language: "en_US",
            category: "MARKETING",
            components: [
              { type: "HEADER", format: "IMAGE", example: { header_handle: [handle] } },
              { type: "BODY", text: "Hi {{1}}, use {{2}}", example: { body_text: [["Mark", "SPRING"]] } },
              { type: "FOOTER", text: "Reply STOP to opt out" },
              {
                type: "BUTTONS",
                buttons: [
                  { type: "QUICK_REPLY", text: "Stop promotions" },
                  { type: "URL", text: "Shop", url: "https://luckyshrub.example/{{1}}", example: ["spring"] },
                  { type: "PHONE_NUMBER", text: "Call", phone_number: "16505550100" }
                ]
              }
            ]
          }
        })
        const template = text(created.body, "id")
        yield* callEach("createAuthenticationTemplateWOtpCopyCodeButton", { "WABA-ID": waba }, {
          json: { ...authenticationTemplate, language: "en_US" }
        }, {
          json: {
            name: "Bad Name",
            language: "en_US",
            category: "MARKETING",
            components: [{ type: "BODY", text: "x" }]
          }
        }, {
          json: {
            name: "no_examples",
            language: "en_US",
            category: "MARKETING",
            components: [{ type: "BODY", text: "Hi {{1}}" }]
          }
        })
        yield* call("getTemplateByIdDefaultFields", { TEMPLATE_ID: template })
        yield* call("editTemplate", { TEMPLATE_ID: template }, {
          json: { components: [{ type: "BODY", text: "In review" }] }
        })
        yield* TestClock.adjust("2 minutes")
        yield* call("getTemplateByNameDefaultFields", { "WABA-ID": waba }, { query: { limit: "1" } })
        yield* callEach("editTemplate", { TEMPLATE_ID: template }, {
          json: { components: [{ type: "BODY", text: "Spring is here" }] }
        }, { json: { category: "UTILITY" } })
        yield* TestClock.adjust("2 minutes")
        yield* call("editTemplate", { TEMPLATE_ID: template }, {
          json: { components: [{ type: "BODY", text: "Again" }] }
        })
        yield* call("editTemplate", { TEMPLATE_ID: missing }, { json: { category: "UTILITY" } })
        const migrate = yield* callUndocumented("migrateTemplates", "POST", `/${waba}/migrate_message_templates`, {
          json: { source_waba_id: waba, page_number: 0 }
        })
        assert.strictEqual(migrate.status, 400)
        const owned = yield* call("getOwnedWhatsAppBusinessAccounts", { "Business-ID": businessId })
        const secondWaba = text(owned.body, "data", 1, "id")
        yield* callUndocumented("migrateTemplates", "POST", `/${secondWaba}/migrate_message_templates`, {
          json: { source_waba_id: waba, page_number: 0, count: 10 }
        })
        yield* callUndocumented("migrateTemplates", "POST", `/${secondWaba}/migrate_message_templates`, {
          json: { source_waba_id: "777000111222333", page_number: 0 }
        })
        yield* callEach(
          "deleteTemplateByName",
          { "WABA-ID": waba },
          { query: { name: "spring_sale", hsm_id: template } },
          { query: { name: "spring_sale" } },
          { query: { name: "order_update" } }
        )

        // Flows and their encryption key
        const flow = yield* call("createFlow", { "WABA-ID": waba }, {
          form: formOf({
            name: "appointment",
            categories: "[\"APPOINTMENT_BOOKING\"]",
            endpoint_uri: "https://luckyshrub.example/flow"
          })
        })
        const flowId = text(flow.body, "id")
        yield* call("createFlow", { "WABA-ID": waba }, {
          form: formOf({ name: "bad", categories: "[\"NOT_A_CATEGORY\"]" })
        })
        yield* call("listFlows", { "WABA-ID": waba })
        yield* call("listAssetsGetFlowJsonUrl", { "Flow-ID": flowId })
        yield* call("publishFlow", { "Flow-ID": flowId })
        yield* callEach("updateFlowJson", { "Flow-ID": flowId }, {
          form: formOf({
            asset_type: "FLOW_JSON",
            name: "flow.json",
            file: { bytes: "{\"version\":", type: "application/json", name: "flow.json" }
          })
        }, {
          form: formOf({
            asset_type: "FLOW_JSON",
            name: "flow.json",
            file: { bytes: flowJson, type: "application/json", name: "flow.json" }
          })
        })
        yield* call("listAssetsGetFlowJsonUrl", { "Flow-ID": flowId })
        yield* call("updateFlowMetadata", { "Flow-ID": flowId }, { form: formOf({ name: "appointment booking" }) })
        yield* call("getFlow", { "Flow-ID": flowId }, {
          query: {
            fields:
              "id,name,categories,preview,status,validation_errors,json_version,data_api_version,data_channel_uri,health_status,whatsapp_business_account,application"
          }
        })
        yield* call("migrateFlows", { "WABA-ID": secondWaba }, {
          form: formOf({ source_waba_id: waba, source_flow_names: "[\"appointment booking\", \"leadgen\"]" })
        })
        yield* call("publishFlow", { "Flow-ID": flowId })
        yield* call("deleteFlow", { "Flow-ID": flowId })
        yield* call("updateFlowMetadata", { "Flow-ID": flowId }, { form: formOf({ name: "renamed" }) })
        yield* call("deprecateFlow", { "Flow-ID": flowId })
        yield* call("deprecateFlow", { "Flow-ID": flowId })
        const draft = yield* call("createFlow", { "WABA-ID": waba }, {
          form: formOf({ name: "draft", categories: "[\"OTHER\"]" })
        })
        yield* call("deleteFlow", { "Flow-ID": text(draft.body, "id") })
        yield* call("getBusinessEncryptionPublicKey", { "Phone-Number-ID": phone })
        yield* callEach("setBusinessEncryptionPublicKey", { "Phone-Number-ID": phone }, {
          form: formOf({ business_public_key: publicKey })
        }, {
          form: formOf({ business_public_key: "nope" })
        })
        yield* call("getBusinessEncryptionPublicKey", { "Phone-Number-ID": phone })

        // QR codes, commerce, conversational automation
        const qr = yield* call("createOrUpdateQrCode", { "Phone-Number-ID": phone }, {
          json: { prefilled_message: "Show me the spring sale", generate_qr_image: "SVG" }
        })
        const qrCode = text(qr.body, "code")
        yield* callEach("createOrUpdateQrCode", { "Phone-Number-ID": phone }, {
          json: { code: qrCode, prefilled_message: "Updated" }
        }, {
          json: { prefilled_message: "x".repeat(141) }
        }, {
          json: { code: "AAAAAAAAAAAAAA", prefilled_message: "Unknown" }
        })
        yield* callEach("listAllQrCodes", { "Phone-Number-ID": phone }, {
          query: { fields: "code,prefilled_message,qr_image_url.format(PNG)" }
        }, { query: { code: "lowercase" } })
        yield* call("getIndividualQrCode", { "Phone-Number-ID": phone, "QR-Code-ID": qrCode }, {
          query: { fields: "code,prefilled_message,deep_link_url,creation_time" }
        })
        yield* call("getIndividualQrCode", { "Phone-Number-ID": phone, "QR-Code-ID": "AAAAAAAAAAAAAA" })
        yield* call("deleteIndividualQrCode", { "Phone-Number-ID": phone, "QR-Code-ID": qrCode })
        yield* call("deleteIndividualQrCode", { "Phone-Number-ID": phone, "QR-Code-ID": qrCode })
        yield* call("getCommerceSettings", { "Phone-Number-ID": phone })
        yield* call("setOrUpdateCommerceSettings", { "Phone-Number-ID": phone }, {
          query: { is_cart_enabled: "false" }
        })
        yield* call("setOrUpdateCommerceSettings", { "Phone-Number-ID": phone })
        yield* callEach("configureConversationalAutomation", { "Phone-Number-ID": phone }, {
          json: {
            enable_welcome_message: true,
            prompts: ["What's on sale?"],
            commands: [{ command_name: "help", command_description: "Get help" }]
          }
        }, {
          json: { prompts: ["1", "2", "3", "4"] }
        }, {
          json: {
            commands: [{ command_name: "help", command_description: "a" }, {
              command_name: "help",
              command_description: "b"
            }]
          }
        })

        // Webhook subscriptions and assigned users
        yield* call("getAllSubscriptionsForAWaba", { "WABA-ID": waba })
        yield* callEach(
          "subscribeToWabaWebhooks",
          { "WABA-ID": waba },
          {
            json: { override_callback_uri: "https://luckyshrub.example/webhook", verify_token: "s3cret" }
          },
          { json: {} },
          { json: { override_callback_uri: "ftp://x" } }
        )
        yield* call("getAllSubscriptionsForAWaba", { "WABA-ID": waba }, { query: { fields: "id,name" } })
        yield* call("unsubscribeFromWabaWebhooks", { "WABA-ID": waba })
        yield* call("unsubscribeFromWabaWebhooks", { "WABA-ID": waba })
        yield* call("getAssignedUsers", { "WhatsApp-Business-Account-ID": waba }, {
          query: { business: businessId, fields: "id,name,business,user_type" }
        })
        yield* call("getAssignedUsers", { "WhatsApp-Business-Account-ID": waba })
        yield* callEach("addAssignedUser", { "WhatsApp-Business-Account-ID": waba }, {
          urlencoded: { user: "3456789012345678", tasks: "[\"MANAGE_TEMPLATES\",\"VIEW_INSIGHTS\"]" }
        }, {
          urlencoded: { user: "3456789012345678", tasks: "[\"MANAGE\"]" }
        }, {
          urlencoded: { user: "3456789012345678", tasks: "[\"WIZARD\"]" }
        })
        yield* callEach("removeAssignedUser", { "WhatsApp-Business-Account-ID": waba }, {
          urlencoded: { user: "3456789012345678" }
        }, {
          urlencoded: { user: "3456789012345678" }
        })

        // Rate limits: every code, with the usage headers
        for (const code of [4, 17, 32, 613, 80007, 130429] as const) {
          yield* h.emulator.throttle({ code, times: 1, regainAccessMinutes: 5 })
          yield* call("getWhatsAppBusinessAccountDetails", { "WABA-ID": waba })
        }
        yield* h.emulator.expireAccessToken
        yield* call("getWhatsAppBusinessAccountDetails", { "WABA-ID": waba }, { stale: true })

        const problems = exchanges.flatMap(checkExchange)
        assert.deepStrictEqual(problems, [])
        const succeeded = new Set(
          exchanges.filter((exchange) => exchange.answer.status === 200).map((exchange) => exchange.operation)
        )
        assert.deepStrictEqual(served.filter((id) => !succeeded.has(id)), [], "operations never answered with success")
        for (const name of Object.keys(undocumented)) assert.isTrue(succeeded.has(name), `${name} never succeeded`)
        const failures = new Set(
          exchanges.filter((exchange) => exchange.answer.status >= 400).map((exchange) => exchange.operation)
        )
        assert.deepStrictEqual(served.filter((id) => !failures.has(id)), [], "operations never answered with a failure")
        assert.isTrue(
          exchanges.some((exchange) => exchange.refused.length > 0),
          "no request the document refuses was sent"
        )
        assert.isTrue(isRecord(schemaNamed("GraphAPIError")))
      }),
    120_000
  )
})
