/**
 * The WhatsApp Template Management API (v2) of the emulator, checked against
 * /work/shared/provider-docs/vonage-whatsapp-template-management.facts.md (the facts page).
 *
 * Every answer of a documented operation goes through `send`, which validates it against the
 * facts page's shapes, written below as closed JSON Schemas; where the page is silent the
 * schema's comment says what it allows and why.
 */
import { assert, describe, it } from "@effect/vitest"
import { EmulatorEffects } from "@wa-admin/core/testing"
import { Ajv } from "ajv"
import type { ValidateFunction } from "ajv"
import { Cause, Effect, Exit, TestClock } from "effect"
import { VonageEmulator } from "../../src/emulator/index.js"
import { everyKindOfComponent } from "../templateApi.js"
import type { Answer, CallOptions, Harness } from "./harness.js"
import { deploymentRequest, harness } from "./harness.js"

// ---------------------------------------------------------------------------------------------
// The facts page's shapes
// ---------------------------------------------------------------------------------------------

type Schema = Readonly<Record<string, unknown>>

const string: Schema = { type: "string" }

/**
 * A problem body `{ type, title, detail, instance_id }` ("Problem bodies" in Errors). The page is
 * silent on the prefix of `type` (it says only that a 429's ends in `#1000` and gives code 1030
 * for a 500) and on the form of `instance_id`; both are required to be non-empty strings, `type`
 * a URL.
 */
const problem = (
  fields: { readonly type?: Schema; readonly title?: Schema; readonly detail?: Schema } = {}
): Schema => ({
  type: "object",
  additionalProperties: false,
  required: ["type", "title", "detail", "instance_id"],
  properties: {
    type: fields.type ?? { type: "string", pattern: "^https?://\\S+$" },
    title: fields.title ?? string,
    detail: fields.detail ?? string,
    instance_id: { type: "string", minLength: 1 }
  }
})

/** The problem bodies the page documents, by status. */
const problems = {
  // "400 — e.g. title `Message template "components" param contains unexpected field(s)`": one
  // example, so any title and detail.
  400: problem(),
  // "401 — Unauthorized"
  401: problem({ title: { const: "Unauthorized" } }),
  // "404 — `WABA was not found.`": a sentence, so the detail; the page is silent on the title.
  404: problem({ detail: { const: "WABA was not found." } }),
  // "422 — `Invalid params`, detail carries Meta's message, e.g. `(#100) Param category …`"
  422: problem({ title: { const: "Invalid params" }, detail: { type: "string", pattern: "^\\(#\\d+\\) " } }),
  // "429 — `Rate Limit Hit` (code 1000)", "`type` ends in `#1000`"
  429: problem({ title: { const: "Rate Limit Hit" }, type: { type: "string", pattern: "^https?://\\S+#1000$" } }),
  // "500 — `Internal error` (code 1030)"
  500: problem({ title: { const: "Internal error" }, type: { type: "string", pattern: "^https?://\\S+#1030$" } })
} as const

/**
 * A component: `type` HEADER/BODY/FOOTER/BUTTONS and `format` (required); `text`; `example`
 * with `header_handle` (a handle, singular in the page: one string, or Meta's one-element list);
 * `buttons: [{ type: QUICK_REPLY|URL|PHONE_NUMBER, text, url?, phone_number? }]`. The page does
 * not list `text` among a component's fields, but its 400 example calls `text` unexpected only
 * on BUTTONS; it is silent on any other `example` field.
 */
const component: Schema = {
  type: "object",
  additionalProperties: false,
  required: ["type", "format"],
  properties: {
    type: { enum: ["HEADER", "BODY", "FOOTER", "BUTTONS"] },
    format: string,
    text: string,
    example: {
      type: "object",
      additionalProperties: false,
      properties: {
        header_handle: { oneOf: [string, { type: "array", minItems: 1, maxItems: 1, items: string }] }
      }
    },
    buttons: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["type", "text"],
        properties: {
          type: { enum: ["QUICK_REPLY", "URL", "PHONE_NUMBER"] },
          text: string,
          url: string,
          phone_number: string
        }
      }
    }
  }
}

/**
 * A template of a list answer: `{ id, name, language, status, category, components }`. Status
 * and category are any text: "a reader must keep an unknown category or status".
 */
const template: Schema = {
  type: "object",
  additionalProperties: false,
  required: ["id", "name", "language", "status", "category", "components"],
  properties: {
    id: string,
    name: string,
    language: string,
    status: string,
    category: string,
    components: { type: "array", items: component }
  }
}

/**
 * `{ paging: { cursors: { before, after }, next, previous }, templates: [...] }`; `next` and
 * `previous` are absolute URIs with `after=` / `before=`. The page is silent on whether the
 * cursors are there when a page is empty and whether `next` / `previous` are there when there is
 * no such page: all four are optional here.
 */
const list: Schema = {
  type: "object",
  additionalProperties: false,
  required: ["paging", "templates"],
  properties: {
    paging: {
      type: "object",
      additionalProperties: false,
      required: ["cursors"],
      properties: {
        cursors: { type: "object", additionalProperties: false, properties: { before: string, after: string } },
        next: { type: "string", pattern: "^https?://[^?#\\s]+/wabas/[^/?#\\s]+/templates\\?(\\S*&)?after=[^&\\s]+" },
        previous: {
          type: "string",
          pattern: "^https?://[^?#\\s]+/wabas/[^/?#\\s]+/templates\\?(\\S*&)?before=[^&\\s]+"
        }
      }
    },
    templates: { type: "array", items: template }
  }
}

/** `200 { id }` */
const created: Schema = {
  type: "object",
  additionalProperties: false,
  required: ["id"],
  properties: { id: { type: "string", minLength: 1 } }
}

/** `200 { h: "<handle>" }` */
const uploaded: Schema = {
  type: "object",
  additionalProperties: false,
  required: ["h"],
  properties: { h: { type: "string", minLength: 1 } }
}

/** What each operation answers: its success (`"empty"`: no body) and the problem statuses that apply to it. */
const operations = {
  // the list has no body to refuse, and its 400 is a malformed query (`limit` not a number)
  list: { 200: list, ...problems },
  create: { 200: created, ...problems },
  delete: { 204: "empty", ...problems },
  // an upload names no WABA, so no 404; nothing makes Vonage's side fail there, so no 500 either
  upload: { 200: uploaded, 400: problems[400], 401: problems[401], 422: problems[422], 429: problems[429] }
} as const satisfies Record<string, Record<number, Schema | "empty">>

type Operation = keyof typeof operations

const ajv = new Ajv({ allErrors: true, strict: true })
const validators = new Map<Schema, ValidateFunction>()
const validatorOf = (schema: Schema): ValidateFunction => {
  const known = validators.get(schema)
  if (known !== undefined) return known
  const compiled = ajv.compile(schema)
  validators.set(schema, compiled)
  return compiled
}

const conforms = (schema: Schema | "empty", answer: Answer, what: string): void => {
  if (schema === "empty") {
    assert.strictEqual(answer.text, "", `${what} has no body`)
    return
  }
  const validate = validatorOf(schema)
  assert.isTrue(validate(answer.body), `${what}: ${ajv.errorsText(validate.errors)} in ${answer.text}`)
}

/** Every operation and status answered so far (for the coverage check). */
const exercised = new Set<string>()

const routeOf: Record<Operation, { readonly method: string; readonly path: (wabaId: string) => string }> = {
  list: { method: "GET", path: (wabaId) => `/wabas/${encodeURIComponent(wabaId)}/templates` },
  create: { method: "POST", path: (wabaId) => `/wabas/${encodeURIComponent(wabaId)}/templates` },
  delete: { method: "DELETE", path: (wabaId) => `/wabas/${encodeURIComponent(wabaId)}/templates` },
  upload: { method: "POST", path: () => "/media/uploads" }
}

/**
 * Calls an operation of the template API and checks the answer is one the operation gives, with
 * the documented shape. `query` is appended verbatim (`?…`).
 */
const send = (h: Harness, operation: Operation, wabaId: string, query = "", options: CallOptions = {}) =>
  Effect.gen(function*() {
    const route = routeOf[operation]
    const answer = yield* h.callTemplates(route.method, `${route.path(wabaId)}${query}`, options)
    const shapes: Readonly<Record<number, Schema | "empty">> = operations[operation]
    const schema = shapes[answer.status]
    assert.isDefined(schema, `${operation} answered ${answer.status}, which it does not answer: ${answer.text}`)
    if (schema !== undefined) conforms(schema, answer, `${operation} ${answer.status}`)
    exercised.add(`${operation} ${answer.status}`)
    return answer
  })

/** Follows a `next` / `previous` URI of a list answer, which must point into the emulator's template API. */
const follow = (h: Harness, uri: unknown) =>
  Effect.gen(function*() {
    assert.isString(uri)
    const absolute = String(uri)
    assert.isTrue(absolute.startsWith(`${h.emulator.templatesUrl}/`), `${absolute} is under ${h.emulator.templatesUrl}`)
    const relative = absolute.slice(h.emulator.templatesUrl.length)
    const answer = yield* h.callTemplates("GET", relative)
    assert.strictEqual(answer.status, 200, answer.text)
    conforms(list, answer, "list 200")
    return answer
  })

/** The v2 not-found answer for a route the document does not have. */
const assertUnknownRoute = (answer: Answer) => {
  assert.strictEqual(answer.status, 404, answer.text)
  conforms(problem(), answer, "unknown route 404")
}

// ---------------------------------------------------------------------------------------------
// fixtures
// ---------------------------------------------------------------------------------------------

const waba = "104996122399160"

const textTemplate = (name: string, overrides: Record<string, unknown> = {}) => ({
  name,
  language: "en_US",
  category: "MARKETING",
  components: [{ type: "BODY", format: "TEXT", text: `Hello from ${name}` }],
  ...overrides
})

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])

const fileForm = (bytes: Uint8Array<ArrayBuffer>, type: string, fileName: string) => {
  const form = new FormData()
  form.append("file", new Blob([bytes], { type }), fileName)
  return form
}

const names = (answer: Answer): ReadonlyArray<string> => answer.body.templates.map((t: { name: string }) => t.name)
const ids = (answer: Answer): ReadonlyArray<string> => answer.body.templates.map((t: { id: string }) => t.id)
const statusOf = (answer: Answer, id: string): string | undefined =>
  answer.body.templates.find((t: { id: string }) => t.id === id)?.status

/** The statuses the page lists for list answers. */
const listedStatuses = [
  "APPROVED",
  "REJECTED",
  "IN_APPEAL",
  "PENDING",
  "PENDING_DELETION",
  "DELETED",
  "DISABLED",
  "LOCKED"
]

const create = (h: Harness, body: unknown, wabaId = waba) =>
  Effect.gen(function*() {
    const answer = yield* send(h, "create", wabaId, "", { json: body })
    assert.strictEqual(answer.status, 200, answer.text)
    return answer.body.id as string
  })

/** A create the emulator refuses with `status`; its problem body. */
const refusedCreate = (h: Harness, status: 400 | 422, body: unknown) =>
  Effect.map(send(h, "create", waba, "", { json: body }), (answer) => {
    assert.strictEqual(answer.status, status, answer.text)
    return answer.body as { readonly title: string; readonly detail: string }
  })

const uploadPng = (h: Harness) =>
  Effect.gen(function*() {
    const answer = yield* send(h, "upload", "", "?file_type=image/png", {
      form: fileForm(png, "image/png", "logo.png")
    })
    assert.strictEqual(answer.status, 200, answer.text)
    return answer.body.h as string
  })

// ---------------------------------------------------------------------------------------------
// tests
// ---------------------------------------------------------------------------------------------

describe("VonageEmulator template management (v2)", () => {
  it.scoped("serves /v2/whatsapp-manager beside /v0.1 on one server, behind the same application JWT", () =>
    Effect.gen(function*() {
      const h = yield* harness({ wabas: [waba] })
      assert.strictEqual(
        h.emulator.templatesUrl,
        h.emulator.url.replace("/v0.1/whatsapp-manager", "/v2/whatsapp-manager")
      )
      assert.match(h.emulator.url, /\/v0\.1\/whatsapp-manager$/)
      assert.strictEqual(h.emulator.environment["VONAGE_TEMPLATES_URL"], h.emulator.templatesUrl)
      assert.strictEqual(h.emulator.environment["VONAGE_WHATSAPP_MANAGER_URL"], h.emulator.url)

      const empty = yield* send(h, "list", waba)
      assert.strictEqual(empty.status, 200)
      assert.deepStrictEqual(empty.body, { paging: { cursors: {} }, templates: [] })

      const anonymous = yield* send(h, "list", waba, "", { authorization: null })
      assert.strictEqual(anonymous.status, 401)
      assert.include(anonymous.body.detail, "missing Authorization header")
      const otherApplication = yield* h.token({ application_id: "someone-else" })
      const refused = yield* send(h, "create", waba, "", {
        json: textTemplate("welcome"),
        authorization: `Bearer ${otherApplication}`
      })
      assert.strictEqual(refused.status, 401)
      assert.deepStrictEqual(yield* h.emulator.templates(waba), [])

      // the v0.1 API keeps its own bodies
      const deployment = yield* h.call("GET", "/deployments/unknown")
      assert.strictEqual(deployment.status, 404)
      assert.hasAllKeys(deployment.body, ["type", "title", "detail", "instance"])

      const recorded = yield* h.emulator.requests
      assert.deepStrictEqual(recorded.map((request) => `${request.method} ${request.path}`), [
        `GET /v2/whatsapp-manager/wabas/${waba}/templates`,
        `GET /v2/whatsapp-manager/wabas/${waba}/templates`,
        `POST /v2/whatsapp-manager/wabas/${waba}/templates`,
        "GET /v0.1/whatsapp-manager/deployments/unknown"
      ])
      assert.match(recorded[0]?.headers["authorization"] ?? "", /^Bearer ey/)
      assert.deepStrictEqual(recorded[2]?.body, textTemplate("welcome"))
    }))

  it.scoped("creates a template: 200 { id }, listed PENDING as sent, APPROVED when its review ends on the clock", () =>
    Effect.gen(function*() {
      const h = yield* harness({ wabas: [waba], templateReviewDuration: "1 minute" })
      const body = textTemplate("order_shipped", {
        category: "UTILITY",
        components: everyKindOfComponent("none").wire
      })
      const id = yield* create(h, body)
      const listed = yield* send(h, "list", waba)
      assert.deepStrictEqual(listed.body.templates, [
        {
          id,
          name: "order_shipped",
          language: "en_US",
          status: "PENDING",
          category: "UTILITY",
          components: body.components
        }
      ])
      assert.deepStrictEqual(yield* h.emulator.effects, [{ operation: "createTemplate", key: id }])

      yield* TestClock.adjust("59999 millis")
      assert.strictEqual(statusOf(yield* send(h, "list", waba), id), "PENDING")
      yield* TestClock.adjust("1 millis")
      assert.strictEqual(statusOf(yield* send(h, "list", waba), id), "APPROVED")
      const held = yield* h.emulator.templates(waba)
      assert.deepStrictEqual(held.map((t) => [t.id, t.name, t.language, t.status, t.category]), [
        [id, "order_shipped", "en_US", "APPROVED", "UTILITY"]
      ])
      assert.deepStrictEqual(held[0]?.components, body.components)
      assert.include(listedStatuses, held[0]?.status)
    }))

  it.scoped("uploads media with ?file_type= (multipart) for a { h } handle that a media header carries", () =>
    Effect.gen(function*() {
      const h = yield* harness({ wabas: [waba] })
      const handle = yield* uploadPng(h)
      const uploads = yield* h.emulator.uploads
      assert.strictEqual(uploads.length, 1)
      assert.strictEqual(uploads[0]?.handle, handle)
      assert.strictEqual(uploads[0]?.fileType, "image/png")
      assert.strictEqual(uploads[0]?.fileName, "logo.png")
      assert.deepStrictEqual(Array.from(uploads[0]?.bytes ?? []), Array.from(png))
      const received = (yield* h.emulator.requests).at(-1)
      assert.strictEqual(received?.path, "/v2/whatsapp-manager/media/uploads")
      assert.deepStrictEqual(received?.query, { file_type: "image/png" })
      assert.match(received?.headers["content-type"] ?? "", /^multipart\/form-data; boundary=/)

      for (const fileType of ["image/jpeg", "image/jpg", "video/mp4"]) {
        const answer = yield* send(h, "upload", "", `?file_type=${encodeURIComponent(fileType)}`, {
          form: fileForm(png, fileType, "file")
        })
        assert.strictEqual(answer.status, 200, `${fileType}: ${answer.text}`)
        assert.notStrictEqual(answer.body.h, handle)
      }

      const id = yield* create(
        h,
        textTemplate("spring_sale", {
          components: [
            { type: "HEADER", format: "IMAGE", example: { header_handle: handle } },
            { type: "BODY", format: "TEXT", text: "Spring sale!" }
          ]
        })
      )
      // Meta's own form, a list of one handle, is accepted too
      yield* create(
        h,
        textTemplate("summer_sale", {
          components: [
            { type: "HEADER", format: "DOCUMENT", example: { header_handle: [handle] } },
            { type: "BODY", format: "TEXT", text: "Summer sale!" }
          ]
        })
      )
      const listed = yield* send(h, "list", waba)
      assert.deepStrictEqual(listed.body.templates[0].components[0], {
        type: "HEADER",
        format: "IMAGE",
        example: { header_handle: handle }
      })
      assert.strictEqual(listed.body.templates[0].id, id)

      // a handle this emulator did not issue
      const forged = yield* send(h, "create", waba, "", {
        json: textTemplate("autumn_sale", {
          components: [
            { type: "HEADER", format: "VIDEO", example: { header_handle: `${handle}x` } },
            { type: "BODY", format: "TEXT", text: "Autumn sale!" }
          ]
        })
      })
      assert.strictEqual(forged.status, 422)
      assert.include(forged.body.detail, "header_handle")
      // a media header without one
      const bare = yield* send(h, "create", waba, "", {
        json: textTemplate("winter_sale", {
          components: [{ type: "HEADER", format: "IMAGE" }, { type: "BODY", format: "TEXT", text: "Winter sale!" }]
        })
      })
      assert.strictEqual(bare.status, 400)
      assert.strictEqual(bare.body.title, "Message template \"components\" param is missing expected field(s)")
      assert.strictEqual(
        bare.body.detail,
        "component of type HEADER is missing expected field(s) (example.header_handle)."
      )
      assert.deepStrictEqual(names(yield* send(h, "list", waba)), ["spring_sale", "summer_sale"])
    }))

  it.scoped("refuses uploads without a documented file type or a file, and keeps nothing of them", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      const pdf = yield* send(h, "upload", "", "?file_type=application/pdf", {
        form: fileForm(png, "application/pdf", "a.pdf")
      })
      assert.strictEqual(pdf.status, 422)
      assert.strictEqual(
        pdf.body.detail,
        "(#100) Param file_type must be one of {image/jpeg, image/jpg, image/png, video/mp4}."
      )
      const noType = yield* send(h, "upload", "", "", { form: fileForm(png, "image/png", "a.png") })
      assert.strictEqual(noType.status, 400)
      assert.include(noType.body.detail, "file_type")
      const notMultipart = yield* send(h, "upload", "", "?file_type=image/png", {
        raw: "not a form",
        contentType: "text/plain"
      })
      assert.strictEqual(notMultipart.status, 400)
      const fieldOnly = new FormData()
      fieldOnly.append("file", "just text, not a file")
      assert.strictEqual((yield* send(h, "upload", "", "?file_type=image/png", { form: fieldOnly })).status, 400)
      const two = fileForm(png, "image/png", "a.png")
      two.append("other", new Blob([png], { type: "image/png" }), "b.png")
      assert.strictEqual((yield* send(h, "upload", "", "?file_type=image/png", { form: two })).status, 400)
      const empty = yield* send(h, "upload", "", "?file_type=image/png", {
        form: fileForm(new Uint8Array(), "image/png", "a.png")
      })
      assert.strictEqual(empty.status, 422)
      assert.deepStrictEqual(yield* h.emulator.uploads, [])
      assert.deepStrictEqual(yield* h.emulator.effects, [])
    }))

  it.scoped("lists each language variant as its own object, and DELETE ?name= removes every language (204, no body)", () =>
    Effect.gen(function*() {
      const h = yield* harness({ wabas: [waba] })
      const english = yield* create(h, textTemplate("greeting"))
      const spanish = yield* create(h, textTemplate("greeting", { language: "es" }))
      const other = yield* create(h, textTemplate("farewell"))
      const listed = yield* send(h, "list", waba)
      assert.deepStrictEqual(
        listed.body.templates.map((t: { id: string; name: string; language: string }) => [t.id, t.name, t.language]),
        [
          [english, "greeting", "en_US"],
          [spanish, "greeting", "es"],
          [other, "farewell", "en_US"]
        ]
      )
      assert.strictEqual(new Set([english, spanish, other]).size, 3)

      const again = yield* send(h, "create", waba, "", { json: textTemplate("greeting", { language: "es" }) })
      assert.strictEqual(again.status, 422)
      assert.match(again.body.detail, /^\(#100\) /)

      const deleted = yield* send(h, "delete", waba, "?name=greeting")
      assert.strictEqual(deleted.status, 204)
      assert.deepStrictEqual(names(yield* send(h, "list", waba)), ["farewell"])
      yield* EmulatorEffects.assertRecorded(h.emulator, "deleteTemplate", [english, spanish])
      assert.deepStrictEqual((yield* h.emulator.requests).at(-2)?.query, { name: "greeting" })

      const gone = yield* send(h, "delete", waba, "?name=greeting")
      assert.strictEqual(gone.status, 422)
      const unnamed = yield* send(h, "delete", waba)
      assert.strictEqual(unnamed.status, 400)
      assert.include(unnamed.body.detail, "name")
      // a deleted name can be created again
      yield* create(h, textTemplate("greeting"))
      assert.deepStrictEqual(names(yield* send(h, "list", waba)), ["farewell", "greeting"])
    }))

  it.scoped("pages across several pages with filters, by absolute next / previous URIs that keep the filters", () =>
    Effect.gen(function*() {
      const seeds: Array<VonageEmulator.TemplateSeed> = []
      for (let n = 1; n <= 7; n++) {
        seeds.push({ wabaId: waba, name: `order_${n}`, language: "en_US", category: "UTILITY" })
        seeds.push({ wabaId: waba, name: `order_${n}`, language: "de", category: "UTILITY" })
        seeds.push({ wabaId: waba, name: `promo_${n}`, language: "en_US", category: "MARKETING", status: "REJECTED" })
      }
      const h = yield* harness({ templates: seeds })
      const first = yield* send(h, "list", waba, "?limit=3&status=APPROVED&language=en_US&name_or_content=ORDER")
      assert.strictEqual(first.status, 200, first.text)
      assert.deepStrictEqual(names(first), ["order_1", "order_2", "order_3"])
      assert.isUndefined(first.body.paging.previous)
      const next = new URL(first.body.paging.next)
      assert.deepStrictEqual(Object.fromEntries(next.searchParams), {
        limit: "3",
        status: "APPROVED",
        language: "en_US",
        name_or_content: "ORDER",
        after: first.body.paging.cursors.after
      })

      // a template created meanwhile after the cursor shows on a later page; one deleted before it changes nothing
      yield* create(h, textTemplate("order_8"))
      const promoted = (yield* h.emulator.templates(waba)).find((t) => t.name === "order_8")?.id ?? ""
      yield* h.emulator.setTemplateStatus(waba, promoted, "APPROVED")
      assert.strictEqual((yield* send(h, "delete", waba, "?name=order_2")).status, 204)

      const second = yield* follow(h, first.body.paging.next)
      assert.deepStrictEqual(names(second), ["order_4", "order_5", "order_6"])
      const third = yield* follow(h, second.body.paging.next)
      assert.deepStrictEqual(names(third), ["order_7", "order_8"])
      assert.isUndefined(third.body.paging.next)

      const back = yield* follow(h, third.body.paging.previous)
      assert.deepStrictEqual(ids(back), ids(second))
      assert.strictEqual(
        new URL(third.body.paging.previous).searchParams.get("before"),
        third.body.paging.cursors.before
      )
      const start = yield* follow(h, back.body.paging.previous)
      assert.deepStrictEqual(names(start), ["order_1", "order_3"])
      assert.isUndefined(start.body.paging.previous)

      // without a limit, everything fits one page
      const all = yield* send(h, "list", waba, "?status=REJECTED")
      assert.deepStrictEqual(names(all), ["promo_1", "promo_2", "promo_3", "promo_4", "promo_5", "promo_6", "promo_7"])
      assert.isUndefined(all.body.paging.next)
      const german = yield* send(h, "list", waba, "?language=de&limit=100")
      assert.strictEqual(german.body.templates.length, 6)
      assert.isTrue(german.body.templates.every((t: { language: string }) => t.language === "de"))
    }))

  it.scoped("name_or_content matches part of a name or of a component's text, in any case", () =>
    Effect.gen(function*() {
      const h = yield* harness({ wabas: [waba] })
      yield* create(
        h,
        textTemplate("welcome_message", { components: [{ type: "BODY", format: "TEXT", text: "Hi there" }] })
      )
      yield* create(
        h,
        textTemplate("receipt", { components: [{ type: "BODY", format: "TEXT", text: "Your WELCOME gift" }] })
      )
      yield* create(
        h,
        textTemplate("reminder", { components: [{ type: "BODY", format: "TEXT", text: "Don't forget" }] })
      )
      assert.deepStrictEqual(names(yield* send(h, "list", waba, "?name_or_content=welcome")), [
        "welcome_message",
        "receipt"
      ])
      assert.deepStrictEqual(names(yield* send(h, "list", waba, "?name_or_content=FORGET")), ["reminder"])
      assert.deepStrictEqual(names(yield* send(h, "list", waba, "?name_or_content=nothing-like-it")), [])
    }))

  it.scoped("adding a language to a template of a legacy category is REJECTED when its review ends", () =>
    Effect.gen(function*() {
      const h = yield* harness({
        templateReviewDuration: "10 seconds",
        templates: [
          { wabaId: waba, name: "account_notice", language: "en_US", category: "ACCOUNT_UPDATE" },
          { wabaId: waba, name: "newsletter", language: "en_US", category: "MARKETING" }
        ]
      })
      const legacyLanguage = yield* create(h, textTemplate("account_notice", { language: "fr", category: "UTILITY" }))
      const currentLanguage = yield* create(h, textTemplate("newsletter", { language: "fr" }))
      const fresh = yield* create(h, textTemplate("otp_code", { category: "OTP" }))
      yield* TestClock.adjust("10 seconds")
      const listed = yield* send(h, "list", waba)
      assert.strictEqual(statusOf(listed, legacyLanguage), "REJECTED")
      assert.strictEqual(statusOf(listed, currentLanguage), "APPROVED")
      assert.strictEqual(statusOf(listed, fresh), "APPROVED")
      assert.deepStrictEqual(listed.body.templates.map((t: { category: string }) => t.category), [
        "ACCOUNT_UPDATE",
        "MARKETING",
        "UTILITY",
        "MARKETING",
        "OTP"
      ])
    }))

  it.scoped("keeps seeded statuses and categories as given, and tests set a template's status", () =>
    Effect.gen(function*() {
      const h = yield* harness({
        templateReviewDuration: "1 minute",
        templates: [
          {
            wabaId: waba,
            name: "locked_one",
            language: "en_US",
            category: "ALERT_UPDATE",
            status: "LOCKED",
            id: "900"
          },
          {
            wabaId: waba,
            name: "future_one",
            language: "en_US",
            category: "A_CATEGORY_META_ADDS_LATER",
            status: "A_NEW_STATUS"
          }
        ]
      })
      const seeded = yield* send(h, "list", waba)
      assert.deepStrictEqual(
        seeded.body.templates.map((t: { id: string; status: string; category: string }) => [t.status, t.category]),
        [
          ["LOCKED", "ALERT_UPDATE"],
          ["A_NEW_STATUS", "A_CATEGORY_META_ADDS_LATER"]
        ]
      )
      assert.strictEqual(seeded.body.templates[0].id, "900")
      assert.deepStrictEqual(seeded.body.templates[0].components, [])

      const id = yield* create(h, textTemplate("appeal_me"))
      yield* h.emulator.setTemplateStatus(waba, id, "PAUSED")
      assert.deepStrictEqual(names(yield* send(h, "list", waba, "?status=PAUSED")), ["appeal_me"])
      // a status set by a test is not overwritten by the review
      yield* TestClock.adjust("2 minutes")
      assert.strictEqual(statusOf(yield* send(h, "list", waba), id), "PAUSED")
      yield* h.emulator.setTemplateStatus(waba, "900", "APPROVED")
      assert.deepStrictEqual(names(yield* send(h, "list", waba, "?status=APPROVED")), ["locked_one"])

      const missing = yield* Effect.exit(h.emulator.setTemplateStatus(waba, "no-such-template", "APPROVED"))
      assert.isTrue(
        Exit.isFailure(missing) && Cause.isFailType(missing.cause) &&
          Cause.isNoSuchElementException(missing.cause.error)
      )
      const otherWaba = yield* Effect.exit(h.emulator.setTemplateStatus("1", id, "APPROVED"))
      assert.isTrue(Exit.isFailure(otherWaba))
    }))

  it.scoped("refuses seeds that clash", () =>
    Effect.gen(function*() {
      const sameLanguage = yield* Effect.exit(harness({
        templates: [
          { wabaId: waba, name: "twice", language: "en_US", category: "UTILITY" },
          { wabaId: waba, name: "twice", language: "en_US", category: "MARKETING" }
        ]
      }))
      assert.isTrue(Exit.isFailure(sameLanguage))
      const sameId = yield* Effect.exit(harness({
        templates: [
          { wabaId: waba, name: "one", language: "en_US", category: "UTILITY", id: "7" },
          { wabaId: "2", name: "two", language: "en_US", category: "UTILITY", id: "7" }
        ]
      }))
      assert.isTrue(Exit.isFailure(sameId))
    }))

  it.scoped("knows the WABAs it was seeded with, those of its templates and those of its deployments", () =>
    Effect.gen(function*() {
      const h = yield* harness({
        wabas: ["1"],
        templates: [{ wabaId: "2", name: "t", language: "en", category: "UTILITY" }]
      })
      assert.strictEqual((yield* send(h, "list", "1")).status, 200)
      assert.strictEqual((yield* send(h, "list", "2")).status, 200)
      const unknown = yield* send(h, "list", "3")
      assert.strictEqual(unknown.status, 404)
      assert.strictEqual(
        (yield* h.call("POST", "/deployments", { json: deploymentRequest({ waba_id: "3" }) })).status,
        202
      )
      assert.strictEqual((yield* send(h, "list", "3")).status, 200)
      // state is per WABA
      yield* create(h, textTemplate("t"), "1")
      assert.deepStrictEqual(names(yield* send(h, "list", "1")), ["t"])
      assert.deepStrictEqual(names(yield* send(h, "list", "3")), [])
      assert.strictEqual((yield* h.emulator.templates("2"))[0]?.wabaId, "2")
    }))

  it.scoped("allows 40 requests per second: the 41st in a second is 429 #1000 with Retry-After, and a second later all is well", () =>
    Effect.gen(function*() {
      const h = yield* harness({ wabas: [waba] })
      const handle = yield* uploadPng(h)
      const statuses: Array<number> = []
      // the limit is the account's: every operation and WABA counts
      for (let n = 1; n < 40; n++) {
        const answer = n % 3 === 0
          ? yield* send(h, "create", waba, "", { json: textTemplate(`burst_${n}`) })
          : yield* send(h, "list", n % 2 === 0 ? waba : "404404")
        statuses.push(answer.status)
      }
      assert.notInclude(statuses, 429)
      const throttled = yield* send(h, "create", waba, "", {
        json: textTemplate("one_too_many", {
          components: [{ type: "HEADER", format: "IMAGE", example: { header_handle: handle } }, {
            type: "BODY",
            format: "TEXT",
            text: "x"
          }]
        })
      })
      assert.strictEqual(throttled.status, 429)
      assert.strictEqual(throttled.headers.get("retry-after"), "1")
      assert.include(throttled.body.detail, "Please wait and retry")
      assert.notInclude((yield* h.emulator.templates(waba)).map((t) => t.name), "one_too_many")
      assert.strictEqual((yield* h.emulator.requests).length, 41)
      // the other API has its own limits
      assert.strictEqual((yield* h.call("GET", "/deployments/unknown")).status, 404)

      yield* TestClock.adjust("999 millis")
      assert.strictEqual(
        (yield* send(h, "upload", "", "?file_type=image/png", { form: fileForm(png, "image/png", "a.png") })).status,
        429
      )
      yield* TestClock.adjust("1 millis")
      assert.strictEqual((yield* send(h, "list", waba)).status, 200)
      const after = yield* send(h, "create", waba, "", { json: textTemplate("one_too_many") })
      assert.strictEqual(after.status, 200, after.text)
    }))

  it.scoped("41 requests in one second meet exactly one 429", () =>
    Effect.gen(function*() {
      const h = yield* harness({ wabas: [waba] })
      const answers = yield* Effect.forEach(Array.from({ length: 41 }), () => send(h, "list", waba))
      assert.deepStrictEqual(answers.filter((answer) => answer.status === 429).length, 1)
      assert.strictEqual(answers.at(-1)?.status, 429)
      yield* TestClock.adjust("1 second")
      const later = yield* Effect.forEach(Array.from({ length: 40 }), () => send(h, "list", waba))
      assert.isTrue(later.every((answer) => answer.status === 200))
    }))

  it.scoped("answers the documented 400 bodies for components that break the documented rules, and creates nothing", () =>
    Effect.gen(function*() {
      const h = yield* harness({ wabas: [waba] })
      const refuse = (body: unknown) => refusedCreate(h, 400, body)
      assert.deepInclude(
        yield* refuse(textTemplate("t", {
          components: [{ type: "BODY", format: "TEXT", text: "b" }, {
            type: "BUTTONS",
            format: "TEXT",
            text: "oops",
            buttons: [{ type: "QUICK_REPLY", text: "ok" }]
          }]
        })),
        {
          title: "Message template \"components\" param contains unexpected field(s)",
          detail: "component of type BUTTONS has unexpected field(s) (text)."
        }
      )
      assert.deepInclude(yield* refuse(textTemplate("t", { components: [{ type: "BODY", text: "no format" }] })), {
        title: "Message template \"components\" param is missing expected field(s)",
        detail: "component of type BODY is missing expected field(s) (format)."
      })
      assert.deepInclude(yield* refuse(textTemplate("t", { components: [{ type: "FOOTER", format: "TEXT" }] })), {
        detail: "component of type FOOTER is missing expected field(s) (text)."
      })
      assert.deepInclude(
        yield* refuse(
          textTemplate("t", {
            components: [{
              type: "BUTTONS",
              format: "TEXT",
              buttons: [{ type: "URL", text: "Go", phone_number: "+1" }]
            }]
          })
        ),
        { detail: "button of type URL has unexpected field(s) (phone_number)." }
      )
      assert.deepInclude(
        yield* refuse(
          textTemplate("t", {
            components: [{ type: "BUTTONS", format: "TEXT", buttons: [{ type: "PHONE_NUMBER", text: "Call" }] }]
          })
        ),
        { detail: "button of type PHONE_NUMBER is missing expected field(s) (phone_number)." }
      )
      assert.deepInclude(yield* refuse({ name: "t", language: "en_US", components: [] }), {
        title: "Message template param is missing expected field(s)",
        detail: "template is missing expected field(s) (category)."
      })
      assert.deepInclude(yield* refuse({ ...textTemplate("t"), allow_category_change: true }), {
        title: "Message template param contains unexpected field(s)",
        detail: "template has unexpected field(s) (allow_category_change)."
      })
      assert.deepInclude(yield* refuse(textTemplate("t", { components: { type: "BODY" } })), {
        detail: "template has field(s) of the wrong type (components)."
      })
      assert.deepInclude(yield* refuse(textTemplate("t", { components: ["BODY"] })), {
        detail: "component at index 0 has field(s) of the wrong type (component)."
      })
      assert.strictEqual((yield* refuse([])).detail, "template has field(s) of the wrong type (template).")
      const notJson = yield* send(h, "create", waba, "", { raw: "{\"name\":", contentType: "application/json" })
      assert.strictEqual(notJson.status, 400)
      assert.strictEqual(
        (yield* send(h, "create", waba, "", { raw: "name=t", contentType: "application/x-www-form-urlencoded" }))
          .status,
        400
      )
      assert.deepStrictEqual(yield* h.emulator.templates(waba), [])
      assert.deepStrictEqual(yield* h.emulator.effects, [])
    }))

  it.scoped("answers 422 Invalid params with Meta's message for values Meta refuses, and creates nothing", () =>
    Effect.gen(function*() {
      const h = yield* harness({ wabas: [waba] })
      const refuse = (body: unknown) => Effect.map(refusedCreate(h, 422, body), (problem) => problem.detail)
      assert.strictEqual(
        yield* refuse(textTemplate("t", { category: "ACCOUNT_UPDATE" })),
        "(#100) Param category must be one of {TRANSACTIONAL, MARKETING, OTP, UTILITY, AUTHENTICATION}."
      )
      assert.strictEqual(
        yield* refuse(
          textTemplate("t", {
            components: [{ type: "HEADER", format: "LOCATION" }, { type: "BODY", format: "TEXT", text: "b" }]
          })
        ),
        "(#100) Param components[0]['format'] must be one of {TEXT, IMAGE, DOCUMENT, VIDEO}."
      )
      assert.strictEqual(
        yield* refuse(textTemplate("t", { components: [{ type: "CONTACTS", format: "TEXT" }] })),
        "(#100) Param components[0]['type'] must be one of {HEADER, BODY, FOOTER, BUTTONS}."
      )
      assert.strictEqual(
        yield* refuse(textTemplate("t", {
          components: [{ type: "BODY", format: "TEXT", text: "b" }, {
            type: "BUTTONS",
            format: "TEXT",
            buttons: [{ type: "COPY_CODE", text: "c" }]
          }]
        })),
        "(#100) Param components[1]['buttons'][0]['type'] must be one of {QUICK_REPLY, URL, PHONE_NUMBER}."
      )
      assert.match(yield* refuse(textTemplate("")), /^\(#100\) Param name /)
      assert.match(yield* refuse(textTemplate("t", { language: "" })), /^\(#100\) Param language /)
      assert.deepStrictEqual(yield* h.emulator.templates(waba), [])
      assert.deepStrictEqual(yield* h.emulator.effects, [])
    }))

  it.scoped("refuses malformed list queries and hostile ids and cursors without changing anything", () =>
    Effect.gen(function*() {
      const h = yield* harness({ templates: [{ wabaId: waba, name: "kept", language: "en_US", category: "UTILITY" }] })
      assert.strictEqual((yield* send(h, "list", waba, "?limit=abc")).status, 400)
      for (const limit of ["0", "-1", "1.5", "1e400"]) {
        const answer = yield* send(h, "list", waba, `?limit=${limit}`)
        assert.strictEqual(answer.status, 422, `limit=${limit}`)
      }
      const status = yield* send(h, "list", waba, "?status=PENDING_DELETION")
      assert.strictEqual(status.status, 422)
      assert.strictEqual(
        status.body.detail,
        "(#100) Param status must be one of {APPROVED, IN_APPEAL, PENDING, REJECTED, DISABLED, PAUSED, LIMIT_EXCEEDED}."
      )
      const page = yield* send(h, "list", waba, "?limit=1")
      const cursor = page.body.paging.cursors.after as string
      assert.strictEqual((yield* send(h, "list", waba, `?after=${cursor}&before=${cursor}`)).status, 422)
      for (
        const garbage of ["", "not-a-cursor", Buffer.from("template:-1").toString("base64url"), "%00", "a".repeat(5000)]
      ) {
        const answer = yield* send(h, "list", waba, `?after=${garbage}`)
        assert.strictEqual(answer.status, 422, `after=${garbage.slice(0, 20)}`)
      }
      for (const id of ["a/b", "../templates", "x".repeat(10_000), "%", " ", "104996122399160\n"]) {
        const answer = yield* send(h, "list", id)
        assert.strictEqual(answer.status, 404, `waba ${JSON.stringify(id.slice(0, 20))}: ${answer.text.slice(0, 200)}`)
      }
      assert.strictEqual((yield* send(h, "delete", "x".repeat(10_000), "?name=kept")).status, 404)
      assert.deepStrictEqual(names(yield* send(h, "list", waba)), ["kept"])
    }))

  it.scoped("does not emulate the undocumented update: it is answered like any unknown route", () =>
    Effect.gen(function*() {
      const h = yield* harness({
        templates: [{ wabaId: waba, name: "kept", language: "en_US", category: "UTILITY", id: "42" }]
      })
      const update = { components: [{ type: "BODY", format: "TEXT", text: "edited" }] }
      assertUnknownRoute(yield* h.callTemplates("PUT", `/wabas/${waba}/templates`, { json: update }))
      assertUnknownRoute(yield* h.callTemplates("PATCH", `/wabas/${waba}/templates`, { json: update }))
      assertUnknownRoute(yield* h.callTemplates("POST", `/wabas/${waba}/templates/42`, { json: update }))
      assertUnknownRoute(yield* h.callTemplates("PUT", `/wabas/${waba}/templates/42`, { json: update }))
      assertUnknownRoute(yield* h.callTemplates("GET", "/templates/42"))
      assertUnknownRoute(yield* h.callTemplates("GET", "/media/uploads"))
      assert.deepStrictEqual((yield* h.emulator.templates(waba)).map((t) => t.components), [[]])
      // unauthenticated, an unknown route is refused like any other
      const anonymous = yield* h.callTemplates("PUT", `/wabas/${waba}/templates/42`, { authorization: null })
      assert.strictEqual(anonymous.status, 401)
      conforms(problems[401], anonymous, "unknown route 401")
    }))

  it.scoped("answers 500 Internal error #1030 when Meta's side fails for a WABA, and changes nothing", () =>
    Effect.gen(function*() {
      const h = yield* harness({ failingWabaIds: [waba] })
      for (
        const answer of [
          yield* send(h, "list", waba),
          yield* send(h, "create", waba, "", { json: textTemplate("t") }),
          yield* send(h, "delete", waba, "?name=t")
        ]
      ) {
        assert.strictEqual(answer.status, 500, answer.text)
      }
      assert.deepStrictEqual(yield* h.emulator.effects, [])
    }))

  it.scoped("answers every documented status of every operation with a body of the documented shape", () =>
    Effect.gen(function*() {
      exercised.clear()
      const h = yield* harness({ wabas: [waba], failingWabaIds: ["500500"] })
      const handle = yield* uploadPng(h)
      yield* create(h, textTemplate("covered"))
      yield* send(h, "list", waba)
      yield* send(h, "delete", waba, "?name=covered")
      for (const operation of ["list", "create", "delete", "upload"] as const) {
        yield* send(h, operation, waba, "", {
          authorization: null,
          ...(operation === "create" ? { json: textTemplate("t") } : {})
        })
      }
      yield* send(h, "list", waba, "?limit=abc")
      yield* send(h, "create", waba, "", { json: { name: "t" } })
      yield* send(h, "delete", waba)
      yield* send(h, "upload", "", "?file_type=image/png", { raw: "x", contentType: "text/plain" })
      yield* send(h, "list", "404404")
      yield* send(h, "create", "404404", "", { json: textTemplate("t") })
      yield* send(h, "delete", "404404", "?name=t")
      yield* send(h, "list", waba, "?status=BOGUS")
      yield* send(h, "create", waba, "", { json: textTemplate("t", { category: "BOGUS" }) })
      yield* send(h, "delete", waba, "?name=never")
      yield* send(h, "upload", "", "?file_type=image/gif", { form: fileForm(png, "image/gif", "a.gif") })
      yield* send(h, "list", "500500")
      yield* send(h, "create", "500500", "", {
        json: textTemplate("t", {
          components: [{ type: "HEADER", format: "IMAGE", example: { header_handle: handle } }]
        })
      })
      yield* send(h, "delete", "500500", "?name=t")
      // the rest of the second goes to the limit
      let answered = 200
      for (let n = 0; n < 41 && answered !== 429; n++) answered = (yield* send(h, "list", waba)).status
      for (const operation of ["list", "create", "delete", "upload"] as const) yield* send(h, operation, waba)

      const expected = Object.entries(operations).flatMap(([operation, statuses]) =>
        Object.keys(statuses).map((status) => `${operation} ${status}`)
      )
      assert.deepStrictEqual(expected.filter((pair) => !exercised.has(pair)), [], "answers never exercised")
    }))
})
