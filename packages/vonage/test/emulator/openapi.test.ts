/**
 * Every answer the emulator gives is checked against the response schemas of the provider's
 * OpenAPI document (a verbatim copy in ./fixtures). Object schemas are closed
 * (`additionalProperties: false`) so the emulator cannot answer with fields the document does not
 * have, and every documented (operation, status) pair must be exercised.
 */
import { assert, describe, it } from "@effect/vitest"
import { Ajv } from "ajv"
import { Effect, Option, TestClock } from "effect"
import { openApiDocument } from "../support.js"
import type { CallOptions, Harness } from "./harness.js"
import { deploymentRequest, fullProfile, harness, stickerpackExample } from "./harness.js"

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

const document = openApiDocument as { readonly [key: string]: Json }

const isRecord = (value: Json | undefined): value is { readonly [key: string]: Json } =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const at = (node: Json | undefined, key: string): Json | undefined => isRecord(node) ? node[key] : undefined

const pointer = (ref: string): Json => {
  const found = ref.slice(2).split("/").map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~")).reduce<
    Json | undefined
  >((node, key) => at(node, key), document)
  if (found === undefined) throw new Error(`unresolved $ref ${ref}`)
  return found
}

/** Inlines every `$ref` and closes every object schema. */
const resolveSchema = (node: Json): Json => {
  if (Array.isArray(node)) return node.map(resolveSchema)
  if (!isRecord(node)) return node
  const ref = node["$ref"]
  if (typeof ref === "string") return resolveSchema(pointer(ref))
  const resolved: Record<string, Json> = {}
  for (const [key, value] of Object.entries(node)) {
    resolved[key] = key === "example" ? value : resolveSchema(value)
  }
  if (isRecord(node["properties"])) resolved["additionalProperties"] = false
  return resolved
}

interface DocumentedOperation {
  readonly id: string
  readonly method: string
  /** The path key, with `{parameters}` (and, for one operation, a query string). */
  readonly path: string
  readonly responses: { readonly [status: string]: Json }
}

const operations = new Map<string, DocumentedOperation>()
for (const [path, item] of Object.entries(at(document, "paths") as { readonly [key: string]: Json })) {
  for (const [method, operation] of Object.entries(item as { readonly [key: string]: Json })) {
    const id = at(operation, "operationId")
    const responses = at(operation, "responses")
    if (typeof id === "string" && isRecord(responses)) {
      operations.set(id, { id, method: method.toUpperCase(), path, responses })
    }
  }
}

const responseSchema = (response: Json | undefined): Json | undefined =>
  at(at(at(response, "content"), "application/json"), "schema")

const schemaName = (schema: Json | undefined): string | undefined => {
  const ref = at(schema, "$ref")
  return typeof ref === "string" ? ref.split("/").at(-1) : undefined
}

const ajv = new Ajv({ strict: false, allErrors: true })
const validator = (schema: Json) => ajv.compile(resolveSchema(schema) as object)

interface Exercised {
  readonly operation: string
  readonly status: number
  readonly body: unknown
  readonly text: string
}

const recorder = (exercised: Array<Exercised>) =>
(
  h: Harness,
  operationId: string,
  parameters: Readonly<Record<string, string>>,
  options: CallOptions = {}
) =>
  Effect.gen(function*() {
    const operation = operations.get(operationId)
    if (operation === undefined) return yield* Effect.dieMessage(`no operation ${operationId} in the document`)
    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = parameters[name]
      if (value === undefined) throw new Error(`${operationId} needs ${name}`)
      return encodeURIComponent(value)
    })
    const answer = yield* h.call(operation.method, path, options)
    exercised.push({ operation: operationId, status: answer.status, body: answer.body, text: answer.text })
    return answer
  })

const codeOf = (h: Harness, id: string) =>
  Effect.flatMap(
    h.emulator.lastCode(id),
    (code) => Option.isSome(code) ? Effect.succeed(code.value) : Effect.dieMessage("no code")
  )

describe("VonageEmulator against the OpenAPI document", () => {
  it("the document has the seventeen operations the emulator serves", () => {
    assert.strictEqual(operations.size, 17)
  })

  it.scoped(
    "answers every documented operation and status with a body its schema accepts",
    () =>
      Effect.gen(function*() {
        const exercised: Array<Exercised> = []
        const call = recorder(exercised)
        const h = yield* harness({ stageDuration: "1 second", forbiddenWabaIds: ["555"] })
        const missing = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab"
        const noAuth = { authorization: null } as const
        const badJson = { raw: "{\"method\": \"sms\"", contentType: "application/json" }

        // every operation refuses an unauthenticated request
        for (const id of operations.keys()) {
          yield* call(h, id, { deployment_id: missing, stickerpack_id: "p", sticker_index: "1" }, noAuth)
        }

        // deployments
        const created = yield* call(h, "createDeployment", {}, { json: deploymentRequest() })
        const d = created.body.deployment_id as string
        yield* call(h, "createDeployment", {}, badJson)
        yield* call(h, "createDeployment", {}, { json: deploymentRequest({ number: "7700900001", waba_id: "555" }) })
        yield* call(h, "createDeployment", {}, { json: deploymentRequest() })
        yield* call(h, "get_deployment", { deployment_id: d })
        yield* call(h, "get_deployment", { deployment_id: missing })
        yield* call(h, "deleteDeployment", { deployment_id: d })
        yield* call(h, "deleteDeployment", { deployment_id: missing })

        // OTP
        yield* TestClock.adjust("3 seconds")
        yield* call(h, "resend-otp", { deployment_id: d }, { json: { method: "voice" } })
        yield* call(h, "resend-otp", { deployment_id: d }, badJson)
        yield* call(h, "resend-otp", { deployment_id: missing }, { json: { method: "sms" } })
        const code = yield* codeOf(h, d)
        yield* call(h, "verify", { deployment_id: d }, { json: { code: code === "000000" ? "111111" : "000000" } })
        yield* call(h, "verify", { deployment_id: d }, badJson)
        yield* call(h, "verify", { deployment_id: missing }, { json: { code } })
        yield* call(h, "verify", { deployment_id: d }, { json: { code } })
        yield* call(h, "resend-otp", { deployment_id: d }, { json: { method: "sms" } })

        // profile
        yield* call(h, "getProfileInfo", { deployment_id: d })
        yield* call(h, "getProfileInfo", { deployment_id: missing })
        yield* call(h, "updateProfile", { deployment_id: d }, {
          json: fullProfile
        })
        yield* call(h, "getProfileInfo", { deployment_id: d })
        yield* call(h, "updateProfile", { deployment_id: d }, badJson)
        yield* call(h, "updateProfile", { deployment_id: missing }, { json: { about: "x" } })
        yield* call(h, "updateProfile", { deployment_id: d }, { json: { description: "d".repeat(257), email: "x" } })
        yield* call(h, "getProfilePhoto", { deployment_id: d })
        yield* call(h, "updateProfilePhoto", { deployment_id: d }, {
          json: { image_url: "https://www.example.com/img.png" }
        })
        yield* call(h, "getProfilePhoto", { deployment_id: d })
        yield* call(h, "getProfilePhoto", { deployment_id: missing })
        yield* call(h, "updateProfilePhoto", { deployment_id: d }, badJson)
        yield* call(h, "updateProfilePhoto", { deployment_id: missing }, {
          json: { image_url: "https://www.example.com/img.png" }
        })
        yield* call(h, "updateProfilePhoto", { deployment_id: d }, {
          json: { image_url: "https://www.example.com/img.gif" }
        })

        // stickerpacks
        yield* call(h, "getStickerpacks", { deployment_id: d })
        const pack = yield* call(h, "createStickerpacks", { deployment_id: d }, { json: stickerpackExample })
        const p = pack.body.stickerpacks[0].id as string
        yield* call(h, "getStickerpacks", { deployment_id: d })
        yield* call(h, "getStickerpacks", { deployment_id: missing })
        yield* call(h, "createStickerpacks", { deployment_id: d }, badJson)
        yield* call(h, "createStickerpacks", { deployment_id: missing }, { json: { publisher: "p", name: "n" } })
        yield* call(h, "getWhatsappStickerpacks", { deployment_id: d })
        yield* call(h, "getWhatsappStickerpacks", { deployment_id: missing })
        yield* call(h, "getStickerpacksById", { deployment_id: d, stickerpack_id: p })
        yield* call(h, "getStickerpacksById", { deployment_id: d, stickerpack_id: "unknown" })

        // stickers
        yield* call(h, "getStickers", { deployment_id: d, stickerpack_id: p })
        const sticker = yield* call(h, "createStickers", { deployment_id: d, stickerpack_id: p }, {
          json: { image_data_id: "id", emojis: ["🐥", "😃"] }
        })
        const s = sticker.body.stickers[0].index as string
        yield* call(h, "getStickers", { deployment_id: d, stickerpack_id: p })
        yield* call(h, "getStickers", { deployment_id: missing, stickerpack_id: p })
        yield* call(h, "createStickers", { deployment_id: d, stickerpack_id: "unknown" }, {
          json: { image_data_id: "id" }
        })
        yield* call(h, "getStickerByIndex", { deployment_id: d, stickerpack_id: p, sticker_index: s })
        yield* call(h, "getStickerByIndex", { deployment_id: d, stickerpack_id: p, sticker_index: "999" })
        yield* call(h, "deleteStickerByIndex", { deployment_id: d, stickerpack_id: p, sticker_index: s })
        yield* call(h, "deleteStickerByIndex", { deployment_id: d, stickerpack_id: p, sticker_index: s })

        // a finished deployment can be deleted
        yield* TestClock.adjust("2 seconds")
        yield* call(h, "deleteDeployment", { deployment_id: d })

        // throttling, on an emulator with a limit
        const limited = yield* harness({ stageDuration: "1 second", throttle: { limit: 1, window: "1 minute" } })
        const l = (yield* limited.call("POST", "/deployments", { json: deploymentRequest() })).body
          .deployment_id as string
        yield* TestClock.adjust("3 seconds")
        yield* call(limited, "resend-otp", { deployment_id: l }, { json: { method: "sms" } })
        yield* call(limited, "resend-otp", { deployment_id: l }, { json: { method: "sms" } })
        yield* call(limited, "verify", { deployment_id: l }, { json: { code: yield* codeOf(limited, l) } })
        yield* call(limited, "verify", { deployment_id: l }, { json: { code: "123456" } })

        // every answer is documented for its operation and matches the schema
        const seen = new Set<string>()
        const schemasSeen = new Set<string>()
        for (const answer of exercised) {
          const operation = operations.get(answer.operation)
          const response = operation?.responses[String(answer.status)]
          assert.isDefined(
            response,
            `${answer.operation} answered ${answer.status}, which the document does not list: ${answer.text}`
          )
          seen.add(`${answer.operation} ${answer.status}`)
          const schema = responseSchema(response)
          if (schema === undefined) {
            assert.strictEqual(answer.text, "", `${answer.operation} ${answer.status} has no documented body`)
            continue
          }
          const name = schemaName(schema)
          if (name !== undefined) schemasSeen.add(name)
          const validate = validator(schema)
          assert.isTrue(
            validate(answer.body),
            `${answer.operation} ${answer.status}: ${ajv.errorsText(validate.errors)} in ${answer.text}`
          )
        }

        const documented = Array.from(operations.values()).flatMap((operation) =>
          Object.keys(operation.responses).map((status) => `${operation.id} ${status}`)
        )
        assert.deepStrictEqual(documented.filter((pair) => !seen.has(pair)), [], "documented answers never exercised")

        const errorSchemas = Object.keys(at(at(document, "components"), "schemas") as object).filter((name) =>
          /^(Error|InvalidParameters)/.test(name)
        )
        assert.strictEqual(errorSchemas.length, 11)
        assert.deepStrictEqual(
          errorSchemas.filter((name) => !schemasSeen.has(name)),
          [],
          "error schemas never exercised"
        )
      }),
    60_000
  )

  it.scoped("answers the document does not list still use its error schemas", () =>
    Effect.gen(function*() {
      const h = yield* harness({ stageDuration: "1 second", throttle: { limit: 2, window: "1 minute" } })
      const schemas = at(at(document, "components"), "schemas")
      const check = (name: string, body: unknown) => {
        const schema = at(schemas, name)
        if (schema === undefined) throw new Error(`no schema ${name}`)
        const validate = validator(schema)
        assert.isTrue(validate(body), `${name}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(body)}`)
      }
      const unprocessable = yield* h.call("POST", "/deployments", { json: { country_code: "44" } })
      assert.strictEqual(unprocessable.status, 422)
      check("ErrorUnprocessable", unprocessable.body)
      const created = yield* h.call("POST", "/deployments", { json: deploymentRequest() })
      const d = created.body.deployment_id as string
      const packs = yield* h.call("GET", `/deployments/${d}/stickerpacks?namespace=whatsapp`)
      const first = packs.body.stickerpacks[0].id as string
      const forbidden = yield* h.call("POST", `/deployments/${d}/stickerpacks/${first}/stickers`, {
        json: { image_data_id: "m" }
      })
      assert.strictEqual(forbidden.status, 403)
      check("ErrorForbidden", forbidden.body)
      const unknown = yield* h.call("GET", "/unknown")
      assert.strictEqual(unknown.status, 404)
      check("ErrorNotFound", unknown.body)
      yield* h.call("GET", `/deployments/${d}`)
      yield* h.call("GET", `/deployments/${d}`)
      const throttled = yield* h.call("GET", `/deployments/${d}`)
      assert.strictEqual(throttled.status, 429)
      check("ErrorThrottled", throttled.body)
    }))
})
