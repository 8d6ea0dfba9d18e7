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
const phone = { resource: "phone number", id: (input: { readonly phoneNumberId: string }) => input.phoneNumberId }
const flow = { resource: "flow", id: (input: { readonly flowId: string }) => input.flowId }
const business = { resource: "business", id: (input: { readonly businessId: string }) => input.businessId }

/** A multipart form of the text fields given (one left undefined is left out). */
const form = (fields: Readonly<Record<string, string | undefined>>): Endpoint.Body => {
  const data = new FormData()
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) data.append(name, value)
  return Endpoint.formData(data)
}

/** A form-urlencoded body of the text fields given. */
const urlEncoded = (fields: Readonly<Record<string, string>>): Endpoint.Body =>
  Endpoint.bytes(new TextEncoder().encode(new URLSearchParams(fields).toString()), "application/x-www-form-urlencoded")

/** The query of one page of a Graph listing: its size (under `limit`, or the name given) and cursor. */
interface PageQuery {
  readonly limit: number
  readonly after?: string | undefined
}

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
  body: ({ addition }: { readonly addition: typeof Wire.NumberAddition.Type }) => additionBody(addition),
  response: Wire.AddedNumber,
  notFound: waba
})
const additionBody = Endpoint.jsonOf(Wire.NumberAddition)

/** GET /{WABA-ID}/phone_numbers: one page of a WABA's numbers (to name the one a refused addition met). */
export const listNumbers = Endpoint.get({
  operation: "numbers.provision",
  path: "/{wabaId}/phone_numbers",
  query: (
    { after, limit }: { readonly limit: number; readonly after?: string | undefined }
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
  body: ({ request }: { readonly request: typeof Wire.CodeRequest.Type }) => codeRequestBody(request),
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
  body: Endpoint.jsonOf(Wire.CodeVerification),
  response: Wire.Success,
  notFound: number
})

/** POST /{Phone-Number-ID}/register: registers the number with its two-step PIN. */
export const register = Endpoint.make({
  operation: "numbers.register",
  method: "POST",
  path: "/{id}/register",
  // idempotent: no — every call counts against the number's 10 register calls per 72 hours.
  idempotent: false,
  body: Endpoint.jsonOf(Wire.Registering),
  response: Wire.Success,
  notFound: number
})

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
export const numberStatus = Endpoint.get({
  operation: "numbers.status",
  path: "/{id}",
  query: () => ({ fields: Wire.numberFields }),
  response: Wire.NumberFacts,
  notFound: number
})

// ---------------------------------------------------------------------------------------------
// Business profile
// ---------------------------------------------------------------------------------------------

/** GET /{Phone-Number-ID}/whatsapp_business_profile. */
export const getProfile = Endpoint.get({
  operation: "profile.get",
  path: "/{number}/whatsapp_business_profile",
  query: () => ({ fields: Wire.profileFields }),
  response: Wire.ProfileResponse,
  notFound: profileOf
})

/** GET /{Phone-Number-ID}/whatsapp_business_profile?fields=profile_picture_url. */
export const getPhoto = Endpoint.get({
  operation: "profile.photo.get",
  path: "/{number}/whatsapp_business_profile",
  query: () => ({ fields: "profile_picture_url" }),
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
  body: ({ change }: { readonly change: Wire.ProfileChange }) => changeBody(change),
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
export const getMedia = Endpoint.get({
  operation: "media.get",
  path: "/{mediaId}",
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
  query: ({ query }: Wire.UploadTarget) => query,
  // The raw bytes, as `application/octet-stream`: the session already names the file's type.
  body: ({ bytes }: { readonly bytes: Uint8Array }) => Endpoint.bytes(bytes, "application/octet-stream"),
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
export const listTemplates = Endpoint.get({
  operation: "templates.list",
  path: "/{wabaId}/message_templates",
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
export const getTemplate = Endpoint.get({
  operation: "templates.edit",
  path: "/{id}",
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
  body: ({ template }: { readonly template: typeof Wire.TemplateCreation.Type }) => creationBody(template),
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
  body: ({ components }: { readonly components: ReadonlyArray<Template.Component> }) => editBody({ components }),
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
    { hsmId, name }: { readonly name: string; readonly hsmId?: string | undefined }
  ) => ({
    name,
    hsm_id: hsmId
  }),
  response: Wire.Success,
  notFound: waba
})

/**
 * POST /{WABA-ID}/migrate_message_templates (not in the document; the facts): one page
 * (`page_number` from 0, `count` per page) of the source WABA's templates copied into this one,
 * both WABAs of one business.
 */
export const migrateTemplates = Endpoint.make({
  operation: "templates.migrate",
  method: "POST",
  path: "/{wabaId}/migrate_message_templates",
  // idempotent: no — a page sent again is answered as failures (the templates exist already),
  // hiding what the first attempt migrated.
  idempotent: false,
  body: ({ count, page, sourceWabaId }: {
    readonly sourceWabaId: string
    readonly page: number
    readonly count: number
  }) => migrationBody({ sourceWabaId, page, count }),
  response: Wire.TemplateMigrationResponse,
  notFound: waba
})
const migrationBody = Endpoint.jsonOf(Wire.TemplateMigrationBody)

// ---------------------------------------------------------------------------------------------
// Phone numbers: two-step PIN, display name, a WABA's numbers
// ---------------------------------------------------------------------------------------------

/** POST /{Phone-Number-ID} with `pin`: sets the number's two-step verification PIN. */
export const setPin = Endpoint.make({
  operation: "numbers.setPin",
  method: "POST",
  path: "/{id}",
  // idempotent: setting the same PIN twice leaves the same PIN.
  idempotent: true,
  body: Endpoint.jsonOf(Wire.PinChange),
  response: Wire.Success,
  notFound: number
})

/** POST /{Phone-Number-ID} with `new_display_name`: asks Meta to review a new display name. */
export const changeDisplayName = Endpoint.make({
  operation: "numbers.changeDisplayName",
  method: "POST",
  path: "/{id}",
  // idempotent: no — each request submits the name for Meta's review again.
  idempotent: false,
  body: Endpoint.jsonOf(Wire.DisplayNameChange),
  response: Wire.Success,
  notFound: number
})

/** GET /{WABA-ID}/phone_numbers: one page of a WABA's numbers, with their state. */
export const listNumberStatuses = Endpoint.get({
  operation: "numbers.list",
  path: "/{wabaId}/phone_numbers",
  query: ({ after, limit }: PageQuery) => ({
    fields: Wire.listedNumberFields,
    limit,
    after
  }),
  response: Wire.NumberStatusPage,
  notFound: waba
})

// ---------------------------------------------------------------------------------------------
// Flows and their encryption key
// ---------------------------------------------------------------------------------------------

/** GET /{WABA-ID}/flows: one page of a WABA's flows. */
export const listFlows = Endpoint.get({
  operation: "flows.list",
  path: "/{wabaId}/flows",
  query: ({ after, limit }: PageQuery) => ({ limit, after }),
  response: Wire.FlowsPage,
  notFound: waba
})

/** What creating a flow sends. */
export interface FlowCreation {
  readonly wabaId: string
  readonly name: string
  readonly categories: ReadonlyArray<string>
  readonly cloneFlowId?: string | undefined
  readonly endpointUrl?: string | undefined
}

/** POST /{WABA-ID}/flows, multipart: `name`, `categories` (a JSON array), `clone_flow_id`, `endpoint_uri`. */
export const createFlow = Endpoint.make({
  operation: "flows.create",
  method: "POST",
  path: "/{wabaId}/flows",
  // idempotent: no — a second request creates a second flow.
  idempotent: false,
  body: (creation: FlowCreation) =>
    form({
      name: creation.name,
      categories: JSON.stringify(creation.categories),
      clone_flow_id: creation.cloneFlowId,
      endpoint_uri: creation.endpointUrl
    }),
  response: Wire.CreatedFlow,
  notFound: waba
})

/** GET /{Flow-ID} with the fields of a flow (its preview URL among them). */
export const getFlow = Endpoint.get({
  operation: "flows.get",
  path: "/{flowId}",
  query: () => ({ fields: Wire.flowFields }),
  response: Wire.FlowResponse,
  notFound: flow
})

/** GET /{Flow-ID}?fields=preview.invalidate(…): the preview URL, renewed when asked. */
export const flowPreview = Endpoint.get({
  operation: "flows.preview",
  path: "/{flowId}",
  // A read even when it renews the link: renewing it twice leaves a fresh link.
  query: ({ invalidate }: { readonly invalidate: boolean }) => ({
    fields: `preview.invalidate(${invalidate})`
  }),
  response: Wire.FlowPreviewResponse,
  notFound: flow
})

/** What a metadata change sends (a field left undefined is left as it is). */
export interface FlowMetadata {
  readonly flowId: string
  readonly name?: string | undefined
  readonly categories?: ReadonlyArray<string> | undefined
  readonly endpointUrl?: string | undefined
}

/** POST /{Flow-ID}, multipart: the new `name`, `categories`, `endpoint_uri`. */
export const updateFlowMetadata = Endpoint.make({
  operation: "flows.updateMetadata",
  method: "POST",
  path: "/{flowId}",
  // idempotent: setting the same name, categories and endpoint twice leaves the same flow.
  idempotent: true,
  body: (change: FlowMetadata) =>
    form({
      name: change.name,
      categories: change.categories === undefined ? undefined : JSON.stringify(change.categories),
      endpoint_uri: change.endpointUrl
    }),
  response: Wire.Success,
  notFound: flow
})

/** GET /{Flow-ID}/assets: one page of the flow's files (its flow JSON) with their download URLs. */
export const listFlowAssets = Endpoint.get({
  operation: "flows.assets",
  path: "/{flowId}/assets",
  query: ({ after, limit }: PageQuery) => ({ limit, after }),
  response: Wire.FlowAssetsPage,
  notFound: flow
})

/** POST /{Flow-ID}/assets, multipart: the flow JSON as the file `flow.json`, `asset_type=FLOW_JSON`. */
export const updateFlowJson = Endpoint.make({
  operation: "flows.updateJson",
  method: "POST",
  path: "/{flowId}/assets",
  // idempotent: replacing the JSON with the same file leaves the same flow.
  idempotent: true,
  body: ({ json }: { readonly json: string }) => {
    const data = new FormData()
    data.append("name", "flow.json")
    data.append("asset_type", "FLOW_JSON")
    data.append("file", new Blob([json], { type: "application/json" }), "flow.json")
    return Endpoint.formData(data)
  },
  response: Wire.FlowJsonAnswer,
  notFound: flow
})

/** POST /{Flow-ID}/publish. */
export const publishFlow = Endpoint.make({
  operation: "flows.publish",
  method: "POST",
  path: "/{flowId}/publish",
  // idempotent: no — publishing changes the flow's state once; a second attempt is refused.
  idempotent: false,
  response: Wire.Success,
  notFound: flow
})

/** POST /{Flow-ID}/deprecate. */
export const deprecateFlow = Endpoint.make({
  operation: "flows.deprecate",
  method: "POST",
  path: "/{flowId}/deprecate",
  // idempotent: no — deprecating changes the flow's state once; a second attempt is refused.
  idempotent: false,
  response: Wire.Success,
  notFound: flow
})

/** DELETE /{Flow-ID}: a draft only. */
export const deleteFlow = Endpoint.make({
  operation: "flows.delete",
  method: "DELETE",
  path: "/{flowId}",
  // idempotent: deleting twice leaves the flow deleted.
  idempotent: true,
  response: Wire.Success,
  notFound: flow
})

/** POST /{WABA-ID}/migrate_flows, multipart: `source_waba_id` and `source_flow_names` (a JSON array; none: every flow). */
export const migrateFlows = Endpoint.make({
  operation: "flows.migrate",
  method: "POST",
  path: "/{wabaId}/migrate_flows",
  // idempotent: no — a second request copies the flows again.
  idempotent: false,
  body: ({ names, sourceWabaId }: {
    readonly sourceWabaId: string
    readonly names?: ReadonlyArray<string> | undefined
  }) =>
    form({
      source_waba_id: sourceWabaId,
      source_flow_names: names === undefined ? undefined : JSON.stringify(names)
    }),
  response: Wire.FlowMigrationResponse,
  notFound: waba
})

/** GET /{Phone-Number-ID}/whatsapp_business_encryption. */
export const getEncryptionKey = Endpoint.get({
  operation: "encryption.get",
  path: "/{phoneNumberId}/whatsapp_business_encryption",
  response: Wire.EncryptionResponse,
  notFound: phone
})

/** POST /{Phone-Number-ID}/whatsapp_business_encryption, multipart: `business_public_key`. */
export const setEncryptionKey = Endpoint.make({
  operation: "encryption.set",
  method: "POST",
  path: "/{phoneNumberId}/whatsapp_business_encryption",
  // idempotent: setting the same key twice leaves the same key (a new one replaces the old).
  idempotent: true,
  body: ({ publicKey }: { readonly publicKey: string }) => form({ business_public_key: publicKey }),
  response: Wire.Success,
  notFound: phone
})

// ---------------------------------------------------------------------------------------------
// QR codes
// ---------------------------------------------------------------------------------------------

/** The `fields` a QR code is read with: the image URL only when a format is asked for. */
const qrFields = (imageFormat: "PNG" | "SVG" | undefined) =>
  imageFormat === undefined
    ? "code,prefilled_message,deep_link_url"
    : `code,prefilled_message,deep_link_url,qr_image_url.format(${imageFormat})`

/** GET /{Phone-Number-ID}/message_qrdls: one page, newest first. */
export const listQrCodes = Endpoint.get({
  operation: "qr.list",
  path: "/{phoneNumberId}/message_qrdls",
  query: ({ after, imageFormat, limit }: {
    readonly imageFormat?: "PNG" | "SVG" | undefined
  } & PageQuery) => ({ fields: qrFields(imageFormat), limit, after }),
  response: Wire.QrCodesPage,
  notFound: phone
})

/** GET /{Phone-Number-ID}/message_qrdls/{QR-Code-ID}. */
export const getQrCode = Endpoint.get({
  operation: "qr.get",
  path: "/{phoneNumberId}/message_qrdls/{code}",
  query: ({ imageFormat }: {
    readonly imageFormat?: "PNG" | "SVG" | undefined
  }) => ({ fields: qrFields(imageFormat) }),
  response: Wire.QrCodeResponse,
  notFound: { resource: "QR code", id: (input: { readonly code: string }) => input.code }
})

/** POST /{Phone-Number-ID}/message_qrdls without `code`: a new QR code. */
export const createQrCode = Endpoint.make({
  operation: "qr.create",
  method: "POST",
  path: "/{phoneNumberId}/message_qrdls",
  // idempotent: no — a second request creates a second code.
  idempotent: false,
  body: ({ imageFormat, prefilledMessage }: {
    readonly prefilledMessage: string
    readonly imageFormat?: "PNG" | "SVG" | undefined
  }) => qrBody({ prefilledMessage, imageFormat }),
  response: Wire.SavedQrCode,
  notFound: phone
})

/** POST /{Phone-Number-ID}/message_qrdls with `code`: a new message for a code. */
export const updateQrCode = Endpoint.make({
  operation: "qr.update",
  method: "POST",
  path: "/{phoneNumberId}/message_qrdls",
  // idempotent: setting the same message twice leaves the same code.
  idempotent: true,
  body: ({ code, prefilledMessage }: {
    readonly code: string
    readonly prefilledMessage: string
  }) => qrBody({ code, prefilledMessage }),
  response: Wire.SavedQrCode,
  notFound: { resource: "QR code", id: (input: { readonly code: string }) => input.code }
})
const qrBody = Endpoint.jsonOf(Wire.QrCodeRequest)

/** DELETE /{Phone-Number-ID}/message_qrdls/{QR-Code-ID}. */
export const deleteQrCode = Endpoint.make({
  operation: "qr.delete",
  method: "DELETE",
  path: "/{phoneNumberId}/message_qrdls/{code}",
  // idempotent: deleting twice leaves the code deleted.
  idempotent: true,
  response: Wire.Success,
  notFound: {
    resource: "QR code",
    id: (input: { readonly code: string }) => input.code
  }
})

// ---------------------------------------------------------------------------------------------
// Commerce settings, conversational automation
// ---------------------------------------------------------------------------------------------

/** GET /{Phone-Number-ID}/whatsapp_commerce_settings. */
export const getCommerce = Endpoint.get({
  operation: "commerce.get",
  path: "/{phoneNumberId}/whatsapp_commerce_settings",
  response: Wire.CommerceResponse,
  notFound: phone
})

/** POST /{Phone-Number-ID}/whatsapp_commerce_settings?is_cart_enabled&is_catalog_visible (the document sends them in the query). */
export const setCommerce = Endpoint.make({
  operation: "commerce.set",
  method: "POST",
  path: "/{phoneNumberId}/whatsapp_commerce_settings",
  // idempotent: setting the same values twice leaves the same settings.
  idempotent: true,
  query: ({ cartEnabled, catalogVisible }: {
    readonly cartEnabled?: boolean | undefined
    readonly catalogVisible?: boolean | undefined
  }) => ({ is_cart_enabled: cartEnabled, is_catalog_visible: catalogVisible }),
  response: Wire.Success,
  notFound: phone
})

/** POST /{Phone-Number-ID}/conversational_automation: the whole configuration. */
export const setAutomation = Endpoint.make({
  operation: "automation.set",
  method: "POST",
  path: "/{phoneNumberId}/conversational_automation",
  // idempotent: the same configuration twice leaves the same configuration.
  idempotent: true,
  body: Endpoint.jsonOf(Wire.AutomationBody),
  response: Wire.Success,
  notFound: phone
})

// ---------------------------------------------------------------------------------------------
// Webhook subscriptions
// ---------------------------------------------------------------------------------------------

/** GET /{WABA-ID}/subscribed_apps. */
export const listSubscriptions = Endpoint.get({
  operation: "webhooks.list",
  path: "/{wabaId}/subscribed_apps",
  response: Wire.SubscriptionsResponse,
  notFound: waba
})

/** POST /{WABA-ID}/subscribed_apps: subscribes the token's app, optionally overriding its callback URL. */
export const subscribe = Endpoint.make({
  operation: "webhooks.subscribe",
  method: "POST",
  path: "/{wabaId}/subscribed_apps",
  // idempotent: subscribing twice leaves the app subscribed with the same callback.
  idempotent: true,
  body: Endpoint.jsonOf(Wire.SubscribeBody),
  response: Wire.Success,
  notFound: waba
})

/** DELETE /{WABA-ID}/subscribed_apps: unsubscribes the token's app. */
export const unsubscribe = Endpoint.make({
  operation: "webhooks.unsubscribe",
  method: "DELETE",
  path: "/{wabaId}/subscribed_apps",
  // idempotent: unsubscribing twice leaves the app unsubscribed.
  idempotent: true,
  response: Wire.Success,
  notFound: waba
})

// ---------------------------------------------------------------------------------------------
// WABAs, businesses and assigned users
// ---------------------------------------------------------------------------------------------

/** GET /{WABA-ID}?fields=…. */
export const getWaba = Endpoint.get({
  operation: "waba.info",
  path: "/{wabaId}",
  query: () => ({ fields: Wire.wabaFields }),
  response: Wire.WabaDetails,
  notFound: waba
})

/** GET /{Business-ID}/owned_whatsapp_business_accounts: one page (its size under `first`, as the document pages it). */
export const ownedWabas = Endpoint.get({
  operation: "waba.owned",
  path: "/{businessId}/owned_whatsapp_business_accounts",
  query: ({ after, limit }: PageQuery) => ({ first: limit, after }),
  response: Wire.WabasPage,
  notFound: business
})

/** GET /{Business-ID}/client_whatsapp_business_accounts: one page. */
export const clientWabas = Endpoint.get({
  operation: "waba.clients",
  path: "/{businessId}/client_whatsapp_business_accounts",
  query: ({ after, limit }: PageQuery) => ({
    fields: Wire.clientWabaFields,
    limit,
    after
  }),
  response: Wire.WabasPage,
  notFound: business
})

/** GET /{WABA-ID}/assigned_users?business=: one page. */
export const listAssignedUsers = Endpoint.get({
  operation: "waba.users.list",
  path: "/{wabaId}/assigned_users",
  query: ({ after, businessId, limit }: { readonly businessId: string } & PageQuery) => ({
    business: businessId,
    fields: Wire.assignedUserFields,
    limit,
    after
  }),
  response: Wire.AssignedUsersPage,
  notFound: waba
})

/** POST /{WABA-ID}/assigned_users, form-urlencoded: `user` and `tasks` (a JSON array). */
export const assignUser = Endpoint.make({
  operation: "waba.users.add",
  method: "POST",
  path: "/{wabaId}/assigned_users",
  // idempotent: no — once the first landed, a second meets the user already assigned (422).
  idempotent: false,
  body: (
    { tasks, userId }: { readonly userId: string; readonly tasks: ReadonlyArray<string> }
  ) => urlEncoded({ user: userId, tasks: JSON.stringify(tasks) }),
  response: Wire.Success,
  notFound: waba
})

/** DELETE /{WABA-ID}/assigned_users, form-urlencoded: `user`. */
export const removeUser = Endpoint.make({
  operation: "waba.users.remove",
  method: "DELETE",
  path: "/{wabaId}/assigned_users",
  // idempotent: removing twice leaves the user removed.
  idempotent: true,
  body: ({ userId }: { readonly userId: string }) => urlEncoded({ user: userId }),
  response: Wire.Success,
  notFound: { resource: "assigned user", id: (input: { readonly userId: string }) => input.userId }
})
