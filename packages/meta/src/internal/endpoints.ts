/**
 * Every Graph API endpoint the adapter calls, as data: operation, method, path below
 * `<base URL>/<version>` (placeholders named after the input fields the ids come from; each
 * id's format is in `Wire.pathIds`), whether repeating it is harmless, the query, the body and
 * the answer's schema.
 */
import type { MediaHandle, Template } from "@wa-admin/core"
import { Endpoint } from "@wa-admin/core/adapter"
import * as Files from "./files.js"
import * as Wire from "./wire.js"

/**
 * How an endpoint authenticates beyond the bearer token (and the `appsecret_proof`): `"upload"`
 * — the second step of a resumable upload, which also says where the bytes start
 * (`file_offset: 0`); `undefined` — nothing more.
 */
export type Auth = "upload" | undefined

const number = { resource: "phone number", id: (input: { readonly id: string }) => input.id }
const profileOf = { resource: "phone number", id: (input: { readonly number: string }) => input.number }
const waba = { resource: "WABA", id: (input: { readonly wabaId: string }) => input.wabaId }
const template = { resource: "template", id: (input: { readonly id: string }) => input.id }
const media = { resource: "media", id: (input: { readonly mediaId: string }) => input.mediaId }

// ---------------------------------------------------------------------------------------------
// Phone numbers
// ---------------------------------------------------------------------------------------------

/** POST /{WABA-ID}/phone_numbers: adds a number to a WABA. */
export const addNumber = Endpoint.make({
  operation: "numbers.provision",
  method: "POST",
  path: "/{wabaId}/phone_numbers",
  // idempotent: no — once the first landed, a second meets the number already in the WABA (409).
  idempotent: false,
  body: ({ addition }: { readonly wabaId: string; readonly addition: typeof Wire.NumberAddition.Type }) =>
    additionBody(addition),
  response: Wire.AddedNumber,
  notFound: waba
})
const additionBody = Endpoint.jsonOf(Wire.NumberAddition)

/** GET /{WABA-ID}/phone_numbers: one page of a WABA's numbers (to name the one a refused addition met). */
export const listNumbers = Endpoint.make({
  operation: "numbers.provision",
  method: "GET",
  path: "/{wabaId}/phone_numbers",
  // idempotent: a read.
  idempotent: true,
  query: (
    { after, limit }: { readonly wabaId: string; readonly limit: number; readonly after?: string | undefined }
  ) => ({
    fields: "id,display_phone_number",
    limit,
    after
  }),
  response: Wire.NumbersPage,
  notFound: waba
})

/** POST /{Phone-Number-ID}/request_code: sends a verification code by SMS or voice. */
export const requestCode = Endpoint.make({
  operation: "numbers.resend",
  method: "POST",
  path: "/{id}/request_code",
  // idempotent: no — each request sends one more SMS or call.
  idempotent: false,
  body: ({ request }: { readonly id: string; readonly request: typeof Wire.CodeRequest.Type }) =>
    codeRequestBody(request),
  response: Wire.Success,
  notFound: number
})
const codeRequestBody = Endpoint.jsonOf(Wire.CodeRequest)

/** POST /{Phone-Number-ID}/verify_code. */
export const verifyCode = Endpoint.make({
  operation: "numbers.verify",
  method: "POST",
  path: "/{id}/verify_code",
  // idempotent: no — a code is single-use, and every attempt counts against the attempts allowed.
  idempotent: false,
  body: ({ code }: { readonly id: string; readonly code: string }) => verificationBody({ code }),
  response: Wire.Success,
  notFound: number
})
const verificationBody = Endpoint.jsonOf(Wire.CodeVerification)

/** POST /{Phone-Number-ID}/register: registers the number with its two-step PIN. */
export const register = Endpoint.make({
  operation: "numbers.register",
  method: "POST",
  path: "/{id}/register",
  // idempotent: no — every call counts against the number's 10 register calls per 72 hours.
  idempotent: false,
  body: ({ pin }: { readonly id: string; readonly pin: string }) => registeringBody({ pin }),
  response: Wire.Success,
  notFound: number
})
const registeringBody = Endpoint.jsonOf(Wire.Registering)

/** POST /{Phone-Number-ID}/deregister (no body). */
export const deregister = Endpoint.make({
  operation: "numbers.release",
  method: "POST",
  path: "/{id}/deregister",
  // idempotent: no — every call counts against the number's register/deregister limit (133016).
  idempotent: false,
  response: Wire.Success,
  notFound: number
})

/** GET /{Phone-Number-ID}?fields=…: the number's state. */
export const numberStatus = Endpoint.make({
  operation: "numbers.status",
  method: "GET",
  path: "/{id}",
  // idempotent: a read.
  idempotent: true,
  query: (_: { readonly id: string }) => ({ fields: Wire.numberFields }),
  response: Wire.NumberFacts,
  notFound: number
})

// ---------------------------------------------------------------------------------------------
// Business profile
// ---------------------------------------------------------------------------------------------

/** GET /{Phone-Number-ID}/whatsapp_business_profile. */
export const getProfile = Endpoint.make({
  operation: "profile.get",
  method: "GET",
  path: "/{number}/whatsapp_business_profile",
  // idempotent: a read.
  idempotent: true,
  query: (_: { readonly number: string }) => ({ fields: Wire.profileFields }),
  response: Wire.ProfileResponse,
  notFound: profileOf
})

/** GET /{Phone-Number-ID}/whatsapp_business_profile?fields=profile_picture_url. */
export const getPhoto = Endpoint.make({
  operation: "profile.photo.get",
  method: "GET",
  path: "/{number}/whatsapp_business_profile",
  // idempotent: a read.
  idempotent: true,
  query: (_: { readonly number: string }) => ({ fields: "profile_picture_url" }),
  response: Wire.ProfilePhotoResponse,
  notFound: profileOf
})

/** POST /{Phone-Number-ID}/whatsapp_business_profile. */
export const updateProfile = Endpoint.make({
  operation: "profile.update",
  method: "POST",
  path: "/{number}/whatsapp_business_profile",
  // idempotent: setting the same fields twice leaves the same profile.
  idempotent: true,
  body: ({ change }: { readonly number: string; readonly change: Wire.ProfileChange }) => changeBody(change),
  response: Wire.Success,
  notFound: profileOf
})
const changeBody = Endpoint.jsonOf(Wire.ProfileChange)

// ---------------------------------------------------------------------------------------------
// Media and resumable uploads
// ---------------------------------------------------------------------------------------------

/** What a media upload sends. */
export interface MediaUpload {
  readonly number: string
  readonly kind: MediaHandle.MediaKind
  readonly mimeType: string
  readonly bytes: Uint8Array
}

/** POST /{Phone-Number-ID}/media, multipart: `messaging_product`, `type` and the file. */
export const uploadMedia = Endpoint.make({
  operation: "media.upload",
  method: "POST",
  path: "/{number}/media",
  // idempotent: a repeated upload answers another media id for the same file; nothing else changes.
  idempotent: true,
  body: ({ bytes, kind, mimeType }: MediaUpload) => {
    const form = new FormData()
    form.append("messaging_product", "whatsapp")
    form.append("type", mimeType)
    form.append("file", new Blob([new Uint8Array(bytes)], { type: mimeType }), `${kind}.${Files.extensionOf(mimeType)}`)
    return Endpoint.formData(form)
  },
  response: Wire.UploadedMedia,
  notFound: profileOf
})

/** What `GET` and `DELETE /{Media-ID}` take. */
export interface MediaRef {
  readonly mediaId: string
  readonly phoneNumberId?: string | undefined
}

/** GET /{Media-ID}: the media's URL, type and size. */
export const getMedia = Endpoint.make({
  operation: "media.get",
  method: "GET",
  path: "/{mediaId}",
  // idempotent: a read.
  idempotent: true,
  query: ({ phoneNumberId }: MediaRef) => ({ phone_number_id: phoneNumberId }),
  response: Wire.MediaInfoResponse,
  notFound: media
})

/** DELETE /{Media-ID}. */
export const deleteMedia = Endpoint.make({
  operation: "media.delete",
  method: "DELETE",
  path: "/{mediaId}",
  // idempotent: deleting twice leaves the media deleted.
  idempotent: true,
  query: ({ phoneNumberId }: MediaRef) => ({ phone_number_id: phoneNumberId }),
  response: Wire.Success,
  notFound: media
})

/** What opening an upload session takes. */
export interface UploadFile {
  readonly appId: string
  readonly fileName: string
  readonly fileLength: number
  readonly fileType: string
}

/** POST /{App-ID}/uploads?file_name&file_length&file_type: opens an upload session. */
export const openUpload = Endpoint.make({
  operation: "media.templateAsset",
  method: "POST",
  path: "/{appId}/uploads",
  // idempotent: a second session for the same file is left unused; nothing else changes.
  idempotent: true,
  query: ({ fileLength, fileName, fileType }: UploadFile) => ({
    file_name: fileName,
    file_length: fileLength,
    file_type: fileType
  }),
  response: Wire.UploadSessionResponse
})

/** POST /upload:<session> with `file_offset: 0` and the bytes: answers the file's handle. */
export const uploadBytes = Endpoint.make({
  operation: "media.templateAsset",
  method: "POST",
  path: "/upload:{session}",
  auth: "upload" as const,
  // idempotent: the same bytes at the same offset again leave the same file.
  idempotent: true,
  params: ({ session }: Wire.UploadTarget & { readonly bytes: Uint8Array; readonly fileType: string }) => ({ session }),
  query: ({ query }) => query,
  // The raw bytes, as `application/octet-stream`: the session already names the file's type.
  body: ({ bytes }) => Endpoint.bytes(bytes, "application/octet-stream"),
  response: Wire.UploadedFile
})

// ---------------------------------------------------------------------------------------------
// Message templates
// ---------------------------------------------------------------------------------------------

/** The query of one page of a template listing, in the document's names. */
export interface TemplatesQuery {
  readonly wabaId: string
  readonly limit: number
  readonly after?: string | undefined
  readonly name?: string | undefined
  readonly status?: string | undefined
  readonly category?: string | undefined
  readonly language?: string | undefined
}

/**
 * GET /{WABA-ID}/message_templates: one page, with the default fields (the document's: id, name,
 * language, status, category, components; a `quality_score` or `rejected_reason` Meta adds is
 * read too).
 */
export const listTemplates = Endpoint.make({
  operation: "templates.list",
  method: "GET",
  path: "/{wabaId}/message_templates",
  // idempotent: a read.
  idempotent: true,
  query: (query: TemplatesQuery) => ({
    limit: query.limit,
    after: query.after,
    name: query.name,
    status: query.status,
    category: query.category,
    language: query.language
  }),
  response: Wire.TemplatesPage,
  notFound: waba
})

/** GET /{TEMPLATE_ID} (the default fields: id, name, language, status, category, components). */
export const getTemplate = Endpoint.make({
  operation: "templates.edit",
  method: "GET",
  path: "/{id}",
  // idempotent: a read.
  idempotent: true,
  response: Wire.TemplateResponse,
  notFound: template
})

/** POST /{WABA-ID}/message_templates. */
export const createTemplate = Endpoint.make({
  operation: "templates.create",
  method: "POST",
  path: "/{wabaId}/message_templates",
  // idempotent: no — once the first landed, a second meets the existing name and language.
  idempotent: false,
  body: ({ template }: { readonly wabaId: string; readonly template: typeof Wire.TemplateCreation.Type }) =>
    creationBody(template),
  response: Wire.CreatedTemplate,
  notFound: waba
})
const creationBody = Endpoint.jsonOf(Wire.TemplateCreation)

/** POST /{TEMPLATE_ID}: new components. */
export const editTemplate = Endpoint.make({
  operation: "templates.edit",
  method: "POST",
  path: "/{id}",
  // idempotent: no — every edit of an approved template counts against its 1 per day and 10 per 30 days.
  idempotent: false,
  body: ({ components }: { readonly id: string; readonly components: ReadonlyArray<Template.Component> }) =>
    editBody({ components }),
  response: Wire.Success,
  notFound: template
})
const editBody = Endpoint.jsonOf(Wire.TemplateEdit)

/** DELETE /{WABA-ID}/message_templates?name=[&hsm_id=]: every language of a name, or the one version `hsm_id` names. */
export const deleteTemplate = Endpoint.make({
  operation: "templates.delete",
  method: "DELETE",
  path: "/{wabaId}/message_templates",
  // idempotent: deleting twice leaves the template deleted.
  idempotent: true,
  query: (
    { hsmId, name }: { readonly wabaId: string; readonly name: string; readonly hsmId?: string | undefined }
  ) => ({
    name,
    hsm_id: hsmId
  }),
  response: Wire.Success,
  notFound: waba
})
