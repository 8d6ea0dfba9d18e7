/**
 * The 24 endpoints of WOZTELL's WhatsApp Cloud public API, as data: operation, method, path (none
 * carries an id: WOZTELL takes ids in query parameters and JSON bodies, each checked by the
 * operation's input schema), how it authenticates (`auth`), whether repeating it is harmless,
 * its query or body, and the schema that decodes its answer into the domain.
 *
 * How each authenticates follows the document: the access token (query parameter on reads, body
 * field on writes) for the general and template APIs, the signed context for flows, analytics
 * and encryption, both where the document asks for both.
 */
import type { Template } from "@wa-admin/core"
import { Endpoint } from "@wa-admin/core/adapter"
import type { DateTime, Schema } from "effect"
import type { Auth } from "../WoztellClient.js"
import * as Wire from "./wire.js"

/** Every WOZTELL endpoint says how it authenticates. */
const endpoint = <In, Out = void, I = unknown>(
  definition: Endpoint.Definition<In, Out, I, Auth> & { readonly auth: Auth }
): Endpoint.Endpoint<In, Out, Auth> => Endpoint.make(definition)

/** A GET (`Endpoint.get`: a read), saying how it authenticates. */
const read = <In, Out = void, I = unknown>(
  definition: Omit<Endpoint.Definition<In, Out, I, Auth>, "method" | "idempotent"> & { readonly auth: Auth }
): Endpoint.Endpoint<In, Out, Auth> => Endpoint.get(definition)

/**
 * The endpoint serving another operation (a profile read serving `profile.photo.get`, a template
 * listing serving `templates.edit` …): the kit's `Endpoint.serving`.
 */
export const serving = Endpoint.serving

const phoneNumber = { resource: "phone number", id: (input: { readonly number: string }) => input.number }
/** A read of one phone number: its id in the `phoneNumberId` query parameter. */
const numberQuery = {
  query: ({ number }: { readonly number: string }) => ({ phoneNumberId: number }),
  notFound: phoneNumber
}
const flow = { resource: "flow", id: (input: { readonly flowId: string }) => input.flowId }
const waba = { resource: "WABA", id: (input: { readonly wabaId: string }) => input.wabaId }
const template = {
  resource: "template",
  id: (input: { readonly name: string; readonly language: string }) => `${input.name} (${input.language})`
}
const flowRef = ({ flowId }: { readonly flowId: string }) => ({ flowId })
const flowBody = ({ flowId }: { readonly flowId: string }) => Endpoint.json({ flowId })

/** A read of one flow, by the `flowId` in its query (the signed context). */
const flowRead = <Out, I>(operation: string, path: string, response: Schema.Schema<Out, I, never>) =>
  read({
    operation,
    path,
    auth: "signedContext",
    query: flowRef,
    response,
    notFound: flow
  })

/**
 * A change of one flow's state, by the `flowId` in its body (the signed context); whether
 * repeating it is harmless is said where each is defined.
 */
const flowChange = (operation: string, method: "DELETE" | "POST", path: string, idempotent: boolean) =>
  endpoint({
    operation,
    method,
    path,
    auth: "signedContext",
    idempotent,
    body: flowBody,
    response: Wire.SuccessResponse,
    notFound: flow
  })

// ---------------------------------------------------------------------------------------------
// General APIs
// ---------------------------------------------------------------------------------------------

const wabaInfo = {
  operation: "waba.info",
  path: "/waba-info",
  auth: "accessToken",
  response: Wire.WabaInfoResponse
} as const

/** 1. GET /waba-info, by channel id. */
export const wabaInfoByChannel = read({
  ...wabaInfo,
  query: ({ channelId }: { readonly channelId: string }) => ({ channelId }),
  notFound: { resource: "channel", id: (input) => input.channelId }
})

/** 1. GET /waba-info, by WABA id. */
export const wabaInfoByWaba = read({
  ...wabaInfo,
  query: ({ wabaId }: { readonly wabaId: string }) => ({ wabaId }),
  notFound: waba
})

/** 2. GET /whatsapp-business-profile. */
export const getProfile = read({
  operation: "profile.get",
  path: "/whatsapp-business-profile",
  auth: "accessToken",
  ...numberQuery,
  response: Wire.ProfileResponse
})

/** 3. PATCH /whatsapp-business-profile. */
export const updateProfile = endpoint({
  operation: "profile.update",
  method: "PATCH",
  path: "/whatsapp-business-profile",
  auth: "accessToken",
  // idempotent: setting the same fields twice leaves the same profile.
  idempotent: true,
  body: Endpoint.jsonOf(Wire.ProfilePatch),
  notFound: phoneNumber
})

/** 4. GET /whatsapp-displayname-status. */
export const displayNameStatus = read({
  operation: "waba.numberStatus",
  path: "/whatsapp-displayname-status",
  // The document asks for both here: the access token and the signed context.
  auth: "both",
  ...numberQuery,
  response: Wire.DisplayNameStatusResponse
})

/** 5. PUT /media-id. */
export const uploadMedia = endpoint({
  operation: "media.upload",
  method: "PUT",
  path: "/media-id",
  auth: "accessToken",
  // idempotent: no — each PUT stores another copy under a new id.
  idempotent: false,
  body: Endpoint.jsonOf(Wire.MediaUpload),
  response: Wire.MediaUploaded,
  notFound: phoneNumber
})

/** 6. GET /conversation-analytics: times in UNIX seconds, lists JSON-encoded. */
export const conversationAnalytics = read({
  operation: "analytics.conversations",
  path: "/conversation-analytics",
  auth: "signedContext",
  query: (request: {
    readonly from: DateTime.Utc
    readonly to: DateTime.Utc
    readonly granularity: string
    readonly phoneNumbers?: ReadonlyArray<string> | undefined
    readonly metricTypes?: ReadonlyArray<string> | undefined
    readonly conversationTypes?: ReadonlyArray<string> | undefined
    readonly conversationDirections?: ReadonlyArray<string> | undefined
    readonly dimensions?: ReadonlyArray<string> | undefined
  }) => ({
    from: Wire.unixSeconds(request.from),
    to: Wire.unixSeconds(request.to),
    granularity: request.granularity,
    numbers: Wire.jsonList(request.phoneNumbers),
    metric_types: Wire.jsonList(request.metricTypes),
    conversation_types: Wire.jsonList(request.conversationTypes),
    conversation_directions: Wire.jsonList(request.conversationDirections),
    dimensions: Wire.jsonList(request.dimensions)
  }),
  response: Wire.ConversationAnalyticsResponse
})

/** 7. GET /catalogs: one page. */
export const catalogs = read({
  operation: "catalogs.list",
  path: "/catalogs",
  // The signed context, and the access token, which the document lets every non-flow API take.
  auth: "both",
  query: ({ after }: { readonly after: string | undefined }) => ({ after }),
  response: Wire.CatalogsResponse
})

/** 8. GET /products: one page of a catalog's products. */
export const products = read({
  operation: "catalogs.products",
  path: "/products",
  auth: "both",
  query: ({ after, catalogId }: { readonly catalogId: string; readonly after: string | undefined }) => ({
    catalogId,
    after
  }),
  response: Wire.ProductsResponse,
  notFound: { resource: "catalog", id: (input) => input.catalogId }
})

// ---------------------------------------------------------------------------------------------
// Message templates
// ---------------------------------------------------------------------------------------------

/** 9. GET /whatsapp-message-templates: one page; the filter's lists JSON-encoded. */
export const listTemplates = read({
  operation: "templates.list",
  path: "/whatsapp-message-templates",
  auth: "accessToken",
  query: (request: {
    readonly wabaId: string
    readonly pageSize: number
    readonly after: string | undefined
    readonly filter: Template.TemplateFilter | undefined
  }) => ({
    wabaId: request.wabaId,
    first: request.pageSize,
    after: request.after,
    status: Wire.jsonList(request.filter?.status),
    category: Wire.jsonList(request.filter?.category),
    language: Wire.jsonList(request.filter?.language),
    quality_score: Wire.jsonList(request.filter?.qualityScore),
    name: request.filter?.name,
    content: request.filter?.content
  }),
  response: Wire.TemplatesResponse,
  notFound: waba
})

/** 10. PUT /whatsapp-message-template. */
export const createTemplate = endpoint({
  operation: "templates.create",
  method: "PUT",
  path: "/whatsapp-message-template",
  auth: "accessToken",
  // idempotent: no — a second PUT would create a second template (or be refused as a duplicate).
  idempotent: false,
  body: Endpoint.jsonOf(Wire.TemplateCreation),
  response: Wire.CreateTemplateResponse,
  notFound: waba
})

/** 11. PATCH /whatsapp-message-template. */
export const editTemplate = endpoint({
  operation: "templates.edit",
  method: "PATCH",
  path: "/whatsapp-message-template",
  auth: "accessToken",
  // idempotent: no — each accepted edit counts against the template's edit windows, so a blind
  // retry after an ambiguous failure could spend the day's only edit.
  idempotent: false,
  body: Endpoint.jsonOf(Wire.TemplateEdit),
  response: Wire.SuccessResponse,
  notFound: template
})

/** 12. DEL /whatsapp-message-template: every language of a name. */
export const deleteTemplate = endpoint({
  operation: "templates.delete",
  method: "DELETE",
  path: "/whatsapp-message-template",
  auth: "accessToken",
  // idempotent: deleting twice leaves the name deleted.
  idempotent: true,
  body: ({ name, wabaId }: { readonly wabaId: string; readonly name: string }) => Endpoint.json({ wabaId, name }),
  response: Wire.SuccessResponse,
  notFound: { resource: "template", id: (input) => input.name }
})

// ---------------------------------------------------------------------------------------------
// Flows (the signed context only)
// ---------------------------------------------------------------------------------------------

/** 13. GET /flow: one page. */
export const listFlows = read({
  operation: "flows.list",
  path: "/flow",
  auth: "signedContext",
  query: ({ after, pageSize }: { readonly pageSize: number; readonly after: string | undefined }) => ({
    limit: pageSize,
    after
  }),
  response: Wire.FlowsResponse
})

/** 14. GET /flow-screen-payload. */
export const flowScreenPayload = flowRead("flows.screenPayload", "/flow-screen-payload", Wire.FlowScreenPayloadResponse)

/** 15. GET /flow-preview. */
export const flowPreview = flowRead("flows.preview", "/flow-preview", Wire.FlowPreviewResponse)

/** 16. GET /flow-detail. */
export const flowDetail = flowRead("flows.detail", "/flow-detail", Wire.FlowDetailResponse)

/** 17. PUT /create-flow (a clone when `cloneFlowId` is given). */
export const createFlow = endpoint({
  operation: "flows.create",
  method: "PUT",
  path: "/create-flow",
  auth: "signedContext",
  // idempotent: no — a second PUT would create a second flow.
  idempotent: false,
  body: (data: {
    readonly name: string
    readonly categories: ReadonlyArray<string>
    readonly cloneFlowId?: string | undefined
    readonly endpointUrl?: string | undefined
  }) => creationBody({ data }),
  response: Wire.CreateFlowResponse,
  // Only a clone names an existing flow.
  notFound: { resource: "flow", id: (input) => input.cloneFlowId }
})
const creationBody = Endpoint.jsonOf(Wire.FlowCreation)

/** 18. PATCH /flow-metadata. */
export const updateFlowMetadata = endpoint({
  operation: "flows.updateMetadata",
  method: "PATCH",
  path: "/flow-metadata",
  auth: "signedContext",
  // idempotent: setting the same name, categories and endpoint twice leaves the same flow.
  idempotent: true,
  body: ({ categories, endpointUrl, flowId, name }: {
    readonly flowId: string
    readonly name?: string | undefined
    readonly categories?: ReadonlyArray<string> | undefined
    readonly endpointUrl?: string | undefined
  }) => metadataBody({ flowId, data: { name, categories }, endpointUrl }),
  response: Wire.SuccessResponse,
  notFound: flow
})
const metadataBody = Endpoint.jsonOf(Wire.FlowMetadata)

/** 19. PATCH /flow-json. */
export const updateFlowJson = endpoint({
  operation: "flows.updateJson",
  method: "PATCH",
  path: "/flow-json",
  auth: "signedContext",
  // idempotent: replacing the JSON with the same JSON leaves the same flow.
  idempotent: true,
  body: (
    { flowId, json }: {
      readonly flowId: string
      readonly json: { readonly version: string; readonly screens: ReadonlyArray<unknown> }
    }
  ) => flowJsonBody({ flowId, data: json }),
  response: Wire.FlowJsonResponse,
  notFound: flow
})
const flowJsonBody = Endpoint.jsonOf(Wire.FlowJsonUpdate)

// idempotent: deleting twice leaves the flow deleted.
/** 20. DEL /flow. */
export const deleteFlow = flowChange("flows.delete", "DELETE", "/flow", true)

// idempotent: no — publishing changes the flow's state once; the second attempt is refused.
/** 21. POST /publish-flow. */
export const publishFlow = flowChange("flows.publish", "POST", "/publish-flow", false)

// idempotent: no — deprecating changes the flow's state once; the second attempt is refused.
/** 22. POST /deprecate-flow. */
export const deprecateFlow = flowChange("flows.deprecate", "POST", "/deprecate-flow", false)

// ---------------------------------------------------------------------------------------------
// Business encryption (the signed context only)
// ---------------------------------------------------------------------------------------------

/** 23. POST /whatsapp-business-encryption. */
export const setBusinessPublicKey = endpoint({
  operation: "encryption.set",
  method: "POST",
  path: "/whatsapp-business-encryption",
  auth: "signedContext",
  // idempotent: no — setting the same key twice would leave the same key, but WOZTELL does not
  // say a repeated POST is harmless.
  idempotent: false,
  body: ({ publicKey }: { readonly publicKey: string }) => Endpoint.json({ publicKey })
})

/** 24. GET /whatsapp-business-encryption. */
export const getBusinessPublicKey = read({
  operation: "encryption.get",
  path: "/whatsapp-business-encryption",
  auth: "signedContext",
  response: Wire.EncryptionResponse
})
