/**
 * The operations of the WhatsApp Template Management API (v2) the facts page documents, under
 * `/v2/whatsapp-manager`: list, create and delete (by name) templates of a WABA, and upload media
 * for a template's header. The page's update operation has no documented shape and is not served:
 * it meets the answer of any unknown route.
 *
 * Every operation counts against the account's limit of 40 requests per second (a sliding second
 * on the emulator's clock), whichever its WABA; then a request is checked in this order: its shape
 * (400), its WABA (404), Meta's side (500 for a WABA set to fail), the values Meta refuses (422).
 *
 * @internal
 */
import type { EmulatorHost } from "@wa-admin/core/testing"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { identity } from "effect/Function"
import type { Reply } from "../reply.js"
import { ok } from "../reply.js"
import type { Throttle } from "../throttle.js"
import { jsonBody } from "../validation.js"
import { cursorOf, paginate } from "./paging.js"
import { badRequest, internalError, invalidParams, rateLimitHit, wabaNotFound } from "./problems.js"
import type { ListQuery } from "./request.js"
import { createRequest, deleteName, fileType, limitProblem, listQuery, refusal } from "./request.js"
import type { Template, TemplateStore } from "./store.js"

/** @internal */
export const basePath = "/v2/whatsapp-manager"

/** Whether a request path is the template API's. @internal */
export const isTemplatesPath = (path: string): boolean => path === basePath || path.startsWith(`${basePath}/`)

/** @internal */
export interface Settings {
  readonly store: TemplateStore
  /** The account's limit, shared by every operation. */
  readonly throttle: Throttle
  /** WABAs for which Meta's side fails (500, code 1030). */
  readonly failingWabaIds: ReadonlySet<string>
  readonly recordEffect: (operation: string, key: string) => void
  /** The API's base URL (`http://HOST:PORT/v2/whatsapp-manager`), for the absolute next / previous URIs. */
  readonly url: () => string
}

type Incoming = EmulatorHost.Call

type Handler = (settings: Settings, incoming: Incoming) => Reply

/** The WABA of the path, found and working, with its templates. */
const withWaba = (
  settings: Settings,
  incoming: Incoming,
  use: (templates: Map<string, Template>, wabaId: string) => Reply
): Reply => {
  const wabaId = incoming.params["waba_id"] ?? ""
  const templates = settings.store.templatesOf(wabaId)
  if (templates === undefined) return wabaNotFound()
  return settings.failingWabaIds.has(wabaId) ? internalError() : use(templates, wabaId)
}

const templateBody = (template: Template) => ({
  id: template.id,
  name: template.name,
  language: template.language,
  status: template.status,
  category: template.category,
  components: template.components
})

/** The texts `name_or_content` searches besides the name: every component's `text`. */
const contentOf = (template: Template): ReadonlyArray<string> =>
  template.components.flatMap((component) =>
    typeof component === "object" && component !== null && "text" in component && typeof component.text === "string"
      ? [component.text]
      : []
  )

/** The page is silent on how `name_or_content` matches; this is part of the name or of a text, in any case. */
const matches = (query: ListQuery) => (template: Template): boolean => {
  if (query.status !== undefined && template.status !== query.status) return false
  if (query.language !== undefined && template.language !== query.language) return false
  if (query.nameOrContent === undefined) return true
  const needle = query.nameOrContent.toLowerCase()
  return [template.name, ...contentOf(template)].some((text) => text.toLowerCase().includes(needle))
}

const listTemplates: Handler = (settings, incoming) =>
  limitProblem(incoming.query) ??
    withWaba(settings, incoming, (templates, wabaId) =>
      Either.match(listQuery(incoming.query), {
        onLeft: identity,
        onRight: (query) => {
          const page = paginate(
            Array.from(templates.values()).filter(matches(query)),
            (t) => t.place,
            query.limit,
            query.position
          )
          const first = page.items[0]
          const last = page.items.at(-1)
          const link = (cursor: { readonly after: string } | { readonly before: string }) =>
            `${settings.url()}/wabas/${encodeURIComponent(wabaId)}/templates?${new URLSearchParams({
              limit: String(query.limit),
              ...(query.status === undefined ? {} : { status: query.status }),
              ...(query.language === undefined ? {} : { language: query.language }),
              ...(query.nameOrContent === undefined ? {} : { name_or_content: query.nameOrContent }),
              ...cursor
            })}`
          const before = first === undefined ? undefined : cursorOf(first.place)
          const after = last === undefined ? undefined : cursorOf(last.place)
          // The page is silent on what an empty page or the last one carries: cursors name the
          // page's ends when it has any, and next / previous are there when there is such a page.
          return ok(200, {
            paging: {
              cursors: { ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) },
              ...(page.hasNext && after !== undefined ? { next: link({ after }) } : {}),
              ...(page.hasPrevious && before !== undefined ? { previous: link({ before }) } : {})
            },
            templates: page.items.map(templateBody)
          })
        }
      }))

const notJson = (detail: string): Reply => badRequest("Bad Request", `The body must be JSON: ${detail}`)

const createTemplate: Handler = (settings, incoming) =>
  Either.match(Either.flatMap(jsonBody(incoming.content, notJson), createRequest), {
    onLeft: identity,
    onRight: (request) =>
      withWaba(settings, incoming, (templates, wabaId) => {
        const exists = settings.store.variant(templates, request.name, request.language) !== undefined
        const refused = refusal(request, (handle) => settings.store.issued(handle), exists)
        if (refused !== undefined) return invalidParams(refused)
        const template = settings.store.create(incoming.now, wabaId, templates, request)
        settings.recordEffect("createTemplate", template.id)
        return ok(200, { id: template.id })
      })
  })

const deleteTemplate: Handler = (settings, incoming) =>
  Either.match(deleteName(incoming.query), {
    onLeft: identity,
    onRight: (name) =>
      withWaba(settings, incoming, (templates) => {
        const deleted = settings.store.deleteName(templates, name)
        if (deleted.length === 0) return invalidParams("(#100) No message template with this name was found.")
        for (const template of deleted) settings.recordEffect("deleteTemplate", template.id)
        return ok(204)
      })
  })

/** The page is silent on the form field of the file: any one file part is the file. */
const uploadMedia: Handler = (settings, incoming) => {
  if (incoming.multipart === undefined) {
    return badRequest("Bad Request", "The body must be multipart/form-data carrying the file.")
  }
  const files = incoming.multipart.flatMap((part) =>
    part.bytes === undefined ? [] : [{ fileName: part.fileName, bytes: part.bytes }]
  )
  const file = files[0]
  if (file === undefined || files.length > 1) {
    return badRequest("Bad Request", `The body must carry exactly one file; it carries ${files.length}.`)
  }
  return Either.match(fileType(incoming.query), {
    onLeft: identity,
    onRight: (type) => {
      if (file.bytes.length === 0) return invalidParams("(#100) Param file must not be empty.")
      const upload = settings.store.upload({ fileType: type, ...file })
      settings.recordEffect("uploadMedia", upload.handle)
      return ok(200, { h: upload.handle })
    }
  })
}

/** An operation: counted against the account's limit, then run on the store brought up to the call's time. */
const operation = (settings: Settings, handler: Handler): EmulatorHost.Handler<never> => (incoming) =>
  Effect.sync(() => {
    const taken = settings.throttle.take("templates", incoming.now)
    if (taken._tag === "Throttled") return rateLimitHit(taken.retryAfterSeconds)
    settings.store.advance(incoming.now)
    return handler(settings, incoming)
  })

const templates = `${basePath}/wabas/:waba_id/templates`

/** The documented operations. @internal */
export const routes = (settings: Settings): EmulatorHost.Routes<never> => ({
  [`GET ${templates}`]: operation(settings, listTemplates),
  [`POST ${templates}`]: operation(settings, createTemplate),
  [`DELETE ${templates}`]: operation(settings, deleteTemplate),
  [`POST ${basePath}/media/uploads`]: operation(settings, uploadMedia)
})
