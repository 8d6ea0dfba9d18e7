/**
 * The template endpoints (`VonageTemplates`) of the WhatsApp Template Management API, called
 * through `VonageClient.templateApi`.
 */
import { Endpoint } from "@wa-admin/core/adapter"
import * as Wire from "../wire/templates.js"
import { resource } from "./common.js"

const templates = resource("/wabas/{wabaId}/templates", {
  resource: "WABA",
  id: (input: { readonly wabaId: string }) => input.wabaId
})

/** The query of one page of a template listing, in the document's names. */
export interface TemplatesQuery {
  readonly wabaId: string
  readonly limit: number
  readonly status?: string | undefined
  readonly language?: string | undefined
  readonly nameOrContent?: string | undefined
  readonly after?: string | undefined
}

/** GET /wabas/{id}/templates: one page. */
export const listTemplates = templates.read("templates.list", "", Wire.TemplatesPage, (query: TemplatesQuery) => ({
  limit: query.limit,
  status: query.status,
  language: query.language,
  name_or_content: query.nameOrContent,
  after: query.after
}))

const templateBody = Endpoint.jsonOf(Wire.TemplateCreation)

/** POST /wabas/{id}/templates. */
export const createTemplate = templates.send({
  operation: "templates.create",
  method: "POST",
  // idempotent: no — once the first POST landed, a second one meets the existing name and language.
  idempotent: false,
  body: ({ template }: { readonly template: typeof Wire.TemplateCreation.Type }) => templateBody(template),
  response: Wire.CreatedTemplate
})

/** DELETE /wabas/{id}/templates?name=: every language of a name. */
export const deleteTemplate = templates.remove(
  "templates.delete",
  ({ name }: { readonly name: string }) => ({ name })
)
