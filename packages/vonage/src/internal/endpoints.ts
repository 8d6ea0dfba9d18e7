/**
 * Every Vonage WhatsApp Manager endpoint the adapter calls, as data: operation, method, path
 * (placeholders named after the input fields the ids come from; each id's format is in
 * `Wire.pathIds`), whether repeating it is harmless, the body and the answer's schema.
 */
import { Endpoint } from "@wa-admin/core/adapter"
import * as Wire from "./wire.js"

const deployment = { resource: "deployment", id: (input: { readonly id: string }) => input.id }
const profileOf = { resource: "deployment", id: (input: { readonly number: string }) => input.number }
const packsOf = { resource: "deployment", id: (input: { readonly deploymentId: string }) => input.deploymentId }
const pack = { resource: "stickerpack", id: (input: { readonly stickerpackId: string }) => input.stickerpackId }
const sticker = { resource: "sticker", id: (input: { readonly index: string }) => input.index }

// ---------------------------------------------------------------------------------------------
// Deployments
// ---------------------------------------------------------------------------------------------

/** POST /deployments. */
export const provision = Endpoint.make({
  operation: "numbers.provision",
  method: "POST",
  path: "/deployments",
  // idempotent: no — a second POST would start a second deployment (or meet number-in-use).
  idempotent: false,
  body: Endpoint.jsonOf(Wire.DeploymentRequest),
  response: Wire.Deployment
})

/** GET /deployments/{deployment_id}. */
export const status = Endpoint.make({
  operation: "numbers.status",
  method: "GET",
  path: "/deployments/{id}",
  // idempotent: a read.
  idempotent: true,
  response: Wire.Deployment,
  notFound: deployment
})

/** POST /deployments/{deployment_id}/verify. */
export const verify = Endpoint.make({
  operation: "numbers.verify",
  method: "POST",
  path: "/deployments/{id}/verify",
  // idempotent: no — a repeated verify after the first landed would meet a deployment past CODE_SENT.
  idempotent: false,
  body: ({ code }: { readonly id: string; readonly code: string }) => Endpoint.json({ code }),
  notFound: deployment
})

/** POST /deployments/{deployment_id}/resend-otp. */
export const resendOtp = Endpoint.make({
  operation: "numbers.resend",
  method: "POST",
  path: "/deployments/{id}/resend-otp",
  // idempotent: no — each resend sends one more SMS or call (and counts against throttling).
  idempotent: false,
  // Without a method Vonage picks it (the document does not require one).
  body: ({ method }: { readonly id: string; readonly method?: "sms" | "voice" | undefined }) =>
    Endpoint.json(method === undefined ? {} : { method }),
  response: Wire.ResendOtpResponse,
  notFound: deployment
})

/** DELETE /deployments/{deployment_id}. */
export const release = Endpoint.make({
  operation: "numbers.release",
  method: "DELETE",
  path: "/deployments/{id}",
  // idempotent: deleting twice leaves the deployment deleted.
  idempotent: true,
  notFound: deployment
})

// ---------------------------------------------------------------------------------------------
// Profile
// ---------------------------------------------------------------------------------------------

/** GET /deployments/{deployment_id}/profile. */
export const getProfile = Endpoint.make({
  operation: "profile.get",
  method: "GET",
  path: "/deployments/{number}/profile",
  // idempotent: a read.
  idempotent: true,
  response: Wire.ProfileResponse,
  notFound: profileOf
})

/** PATCH /deployments/{deployment_id}/profile. */
export const updateProfile = Endpoint.make({
  operation: "profile.update",
  method: "PATCH",
  path: "/deployments/{number}/profile",
  // idempotent: setting the same fields twice leaves the same profile.
  idempotent: true,
  body: ({ profile }: { readonly number: string; readonly profile: typeof Wire.ProfileChange.Type }) =>
    changeBody(profile),
  response: Wire.ProfileResponse,
  notFound: profileOf
})
const changeBody = Endpoint.jsonOf(Wire.ProfileChange)

/** GET /deployments/{deployment_id}/profile/photo. */
export const getPhoto = Endpoint.make({
  operation: "profile.photo.get",
  method: "GET",
  path: "/deployments/{number}/profile/photo",
  // idempotent: a read.
  idempotent: true,
  response: Wire.ProfilePhotoResponse,
  notFound: profileOf
})

/** POST /deployments/{deployment_id}/profile/photo. */
export const setPhoto = Endpoint.make({
  operation: "profile.photo.set",
  method: "POST",
  path: "/deployments/{number}/profile/photo",
  // idempotent: it replaces the photo with the one at the URL; twice leaves the same photo.
  idempotent: true,
  body: ({ url }: { readonly number: string; readonly url: string }) => photoBody({ url }),
  response: Wire.ProfilePhotoResponse,
  notFound: profileOf
})
const photoBody = Endpoint.jsonOf(Wire.ProfilePhotoRequest)

// ---------------------------------------------------------------------------------------------
// Stickerpacks and stickers
// ---------------------------------------------------------------------------------------------

/** GET /deployments/{deployment_id}/stickerpacks. */
export const listStickerpacks = Endpoint.make({
  operation: "stickers.listStickerpacks",
  method: "GET",
  path: "/deployments/{deploymentId}/stickerpacks",
  // idempotent: a read.
  idempotent: true,
  response: Wire.StickerpacksResponse,
  notFound: packsOf
})

/** GET /deployments/{deployment_id}/stickerpacks?namespace=whatsapp: WhatsApp's own packs. */
export const listWhatsAppStickerpacks = Endpoint.make({
  operation: "stickers.listWhatsAppStickerpacks",
  method: "GET",
  path: "/deployments/{deploymentId}/stickerpacks",
  // idempotent: a read.
  idempotent: true,
  query: () => ({ namespace: "whatsapp" }),
  response: Wire.StickerpacksResponse,
  notFound: packsOf
})

/** POST /deployments/{deployment_id}/stickerpacks. */
export const createStickerpack = Endpoint.make({
  operation: "stickers.createStickerpack",
  method: "POST",
  path: "/deployments/{deploymentId}/stickerpacks",
  // idempotent: no — a second POST would create a second pack.
  idempotent: false,
  body: (request: { readonly deploymentId: string } & typeof Wire.StickerpackRequest.Type) => stickerpackBody(request),
  response: Wire.CreatedStickerpack,
  notFound: packsOf
})
const stickerpackBody = Endpoint.jsonOf(Wire.StickerpackRequest)

/** GET /deployments/{deployment_id}/stickerpacks/{stickerpack_id}. */
export const getStickerpack = Endpoint.make({
  operation: "stickers.getStickerpack",
  method: "GET",
  path: "/deployments/{deploymentId}/stickerpacks/{stickerpackId}",
  // idempotent: a read.
  idempotent: true,
  response: Wire.StickerpackResponse,
  notFound: pack
})

/** GET /deployments/{deployment_id}/stickerpacks/{stickerpack_id}/stickers. */
export const listStickers = Endpoint.make({
  operation: "stickers.listStickers",
  method: "GET",
  path: "/deployments/{deploymentId}/stickerpacks/{stickerpackId}/stickers",
  // idempotent: a read.
  idempotent: true,
  response: Wire.StickersResponse,
  notFound: pack
})

/** POST /deployments/{deployment_id}/stickerpacks/{stickerpack_id}/stickers. */
export const createSticker = Endpoint.make({
  operation: "stickers.createSticker",
  method: "POST",
  path: "/deployments/{deploymentId}/stickerpacks/{stickerpackId}/stickers",
  // idempotent: no — a second POST would add the sticker twice.
  idempotent: false,
  body: (
    request: { readonly deploymentId: string; readonly stickerpackId: string } & typeof Wire.StickerRequest.Type
  ) => stickerBody(request),
  response: Wire.CreatedSticker,
  notFound: pack
})
const stickerBody = Endpoint.jsonOf(Wire.StickerRequest)

/** GET /deployments/{deployment_id}/stickerpacks/{stickerpack_id}/stickers/{sticker_index}. */
export const getSticker = Endpoint.make({
  operation: "stickers.getSticker",
  method: "GET",
  path: "/deployments/{deploymentId}/stickerpacks/{stickerpackId}/stickers/{index}",
  // idempotent: a read.
  idempotent: true,
  response: Wire.StickerResponse,
  notFound: sticker
})

/** DELETE /deployments/{deployment_id}/stickerpacks/{stickerpack_id}/stickers/{sticker_index}. */
export const deleteSticker = Endpoint.make({
  operation: "stickers.deleteSticker",
  method: "DELETE",
  path: "/deployments/{deploymentId}/stickerpacks/{stickerpackId}/stickers/{index}",
  // idempotent: deleting twice leaves the sticker deleted.
  idempotent: true,
  notFound: sticker
})

// ---------------------------------------------------------------------------------------------
// Templates and their media (the WhatsApp Template Management API: `VonageClient.templateApi`)
// ---------------------------------------------------------------------------------------------

const waba = { resource: "WABA", id: (input: { readonly wabaId: string }) => input.wabaId }

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
export const listTemplates = Endpoint.make({
  operation: "templates.list",
  method: "GET",
  path: "/wabas/{wabaId}/templates",
  // idempotent: a read.
  idempotent: true,
  query: (query: TemplatesQuery) => ({
    limit: query.limit,
    status: query.status,
    language: query.language,
    name_or_content: query.nameOrContent,
    after: query.after
  }),
  response: Wire.TemplatesPage,
  notFound: waba
})

/** POST /wabas/{id}/templates. */
export const createTemplate = Endpoint.make({
  operation: "templates.create",
  method: "POST",
  path: "/wabas/{wabaId}/templates",
  // idempotent: no — once the first POST landed, a second one meets the existing name and language.
  idempotent: false,
  body: ({ template }: { readonly wabaId: string; readonly template: typeof Wire.TemplateCreation.Type }) =>
    templateBody(template),
  response: Wire.CreatedTemplate,
  notFound: waba
})
const templateBody = Endpoint.jsonOf(Wire.TemplateCreation)

/** DELETE /wabas/{id}/templates?name=: every language of a name. */
export const deleteTemplate = Endpoint.make({
  operation: "templates.delete",
  method: "DELETE",
  path: "/wabas/{wabaId}/templates",
  // idempotent: deleting a name twice leaves it deleted.
  idempotent: true,
  query: ({ name }: { readonly wabaId: string; readonly name: string }) => ({ name }),
  notFound: waba
})

/** POST /media/uploads?file_type=: a file for a template's media header → its handle. */
export const uploadMedia = Endpoint.make({
  operation: "media.templateAsset",
  method: "POST",
  path: "/media/uploads",
  // idempotent: a repeated upload answers another handle for the same file; nothing else changes.
  idempotent: true,
  query: ({ fileType }: { readonly fileType: string; readonly file: Blob }) => ({ file_type: fileType }),
  body: ({ file, fileType }) => {
    const form = new FormData()
    form.append("file", file, `header.${fileType.slice(fileType.indexOf("/") + 1)}`)
    return Endpoint.formData(form)
  },
  response: Wire.UploadedMedia
})
