/**
 * WOZTELL's wire formats, as the public API document shows them. Private to the adapter.
 *
 * Reads are lenient: every field the document shows is optional unless the adapter cannot work
 * without it, enum-like values are plain strings (the document's own example carries the legacy
 * category `TICKET_UPDATE`), and unknown fields are ignored.
 */
import { Id } from "@wa-admin/core"
import { Schema } from "effect"

const optionalString = Schema.optional(Schema.String)

// ---------------------------------------------------------------------------------------------
// Ids. WOZTELL sends them in query parameters and JSON bodies, not in paths, but each is
// checked where it enters all the same, against what the document shows it to be.
// ---------------------------------------------------------------------------------------------

// Meta's ids, which WOZTELL passes through: every WABA id, phone number id, template id, flow id
// and catalog id in the document is decimal digits (`422126422872292`), as Meta's ids are.

/** A WABA id (`wabaId`). */
export const WabaId = Id.digits("a WABA id")
/** A phone number id (`phoneNumberId`: the port's `number`). */
export const PhoneNumberId = Id.digits("a phone number id")
/** The id of one language version of a template (`messageTemplateId`). */
export const TemplateId = Id.digits("a template id")
/** A flow id (`flowId`, `clone_flow_id`). */
export const FlowId = Id.digits("a flow id")
/** A catalog id (`catalogId`). */
export const CatalogId = Id.digits("a catalog id")

/** A WOZTELL channel id: a MongoDB ObjectId, 24 hexadecimal digits (`696327315430a1f98231dfde`). */
export const ChannelId = Id.HexId(24).annotations({ message: () => "must be a channel id (24 hexadecimal digits)" })

/** The `paging` object of list answers (templates, flows, products, catalogs). */
export const Paging = Schema.Struct({
  cursors: Schema.optional(Schema.Struct({ before: optionalString, after: optionalString })),
  hasNext: Schema.optional(Schema.Boolean),
  hasPrevious: Schema.optional(Schema.Boolean)
})
export type Paging = typeof Paging.Type

// ---------------------------------------------------------------------------------------------
// General APIs
// ---------------------------------------------------------------------------------------------

/** GET /waba-info */
export const WabaInfoResponse = Schema.Struct({
  result: Schema.Struct({
    waId: optionalString,
    phoneNumberId: optionalString,
    wabaId: Schema.String,
    name: optionalString,
    phoneNumber: optionalString,
    phoneNumberCC: optionalString,
    formattedPhoneNumber: optionalString,
    namespace: optionalString,
    embeddedSignup: Schema.optional(Schema.Boolean)
  })
})
export type WabaInfo = (typeof WabaInfoResponse.Type)["result"]

/** The profile object of GET /whatsapp-business-profile (and of the PATCH body). */
export const WireProfile = Schema.Struct({
  about: optionalString,
  address: optionalString,
  description: optionalString,
  email: optionalString,
  profile_picture_url: optionalString,
  websites: Schema.optional(Schema.Array(Schema.String)),
  vertical: optionalString,
  messaging_product: optionalString
})
export type WireProfile = typeof WireProfile.Type

/**
 * GET /whatsapp-business-profile. The document shows `data` as an object; Meta's Graph API (which
 * WOZTELL fronts) answers a one-element array, so both are read.
 */
export const ProfileResponse = Schema.Struct({
  data: Schema.Union(WireProfile, Schema.Array(WireProfile))
})

/** The PATCH /whatsapp-business-profile `profile` object. */
export interface WireProfileUpdate {
  readonly messaging_product: "whatsapp"
  readonly about?: string
  readonly address?: string
  readonly description?: string
  readonly email?: string
  readonly vertical?: string
  readonly websites?: ReadonlyArray<string>
  readonly profile_picture_url?: string
}

/** GET /whatsapp-displayname-status */
export const DisplayNameStatusResponse = Schema.Struct({
  data: Schema.Struct({
    id: Schema.String,
    account_mode: optionalString,
    verified_name: optionalString,
    code_verification_status: optionalString,
    display_phone_number: optionalString,
    quality_rating: optionalString,
    is_official_business_account: Schema.optional(Schema.Boolean),
    messaging_limit_tier: optionalString,
    name_status: optionalString
  })
})
export type DisplayNameStatus = (typeof DisplayNameStatusResponse.Type)["data"]

/** PUT /media-id */
export const MediaIdResponse = Schema.Struct({ mediaId: Schema.String, fileType: optionalString })

/** The media types PUT /media-id accepts. */
export type WireMediaType = "image" | "audio" | "video" | "file"

/** GET /conversation-analytics */
export const ConversationAnalyticsResponse = Schema.Struct({
  conversationAnalytics: Schema.Struct({
    data_points: Schema.Array(
      Schema.Struct({
        start: Schema.Number,
        end: Schema.Number,
        conversation: Schema.optional(Schema.Number),
        cost: Schema.optional(Schema.Number),
        phone_number: optionalString,
        country: optionalString,
        conversation_type: optionalString,
        conversation_direction: optionalString
      })
    )
  })
})
export type DataPoint = (typeof ConversationAnalyticsResponse.Type)["conversationAnalytics"]["data_points"][number]

/** GET /catalogs */
export const CatalogsResponse = Schema.Struct({
  data: Schema.Array(Schema.Struct({ id: Schema.String, name: optionalString })),
  paging: Schema.optional(Paging)
})

/** GET /products */
export const ProductsResponse = Schema.Struct({
  data: Schema.Array(
    Schema.Struct({
      id: Schema.String,
      name: optionalString,
      price: optionalString,
      image_url: optionalString,
      retailer_id: optionalString
    })
  ),
  paging: Schema.optional(Paging)
})

// ---------------------------------------------------------------------------------------------
// Message templates
// ---------------------------------------------------------------------------------------------

/** One language version inside a GET /whatsapp-message-templates entry. */
export const WireTemplateVersion = Schema.Struct({
  language: Schema.String,
  status: Schema.String,
  rejected_reason: optionalString,
  components: Schema.Array(Schema.Unknown),
  quality_score: Schema.optional(Schema.Struct({ score: optionalString }))
})
export type WireTemplateVersion = typeof WireTemplateVersion.Type

/** One entry (one template NAME) of GET /whatsapp-message-templates. */
export const WireTemplateEntry = Schema.Struct({
  id: optionalString,
  name: Schema.String,
  category: Schema.String,
  languages: Schema.optional(Schema.Array(Schema.String)),
  statuses: Schema.optional(Schema.Array(Schema.Struct({ language: Schema.String, status: Schema.String }))),
  templates: Schema.Array(WireTemplateVersion)
})
export type WireTemplateEntry = typeof WireTemplateEntry.Type

/** GET /whatsapp-message-templates */
export const TemplatesResponse = Schema.Struct({
  data: Schema.Array(WireTemplateEntry),
  paging: Schema.optional(Paging)
})

/** A template component as sent and read (`type` in upper case, snake_case examples). */
export const WireHeader = Schema.Struct({
  type: Schema.Literal("HEADER"),
  format: Schema.String,
  text: optionalString,
  example: Schema.optional(
    Schema.Struct({
      header_text: Schema.optional(Schema.Array(Schema.String)),
      header_handle: Schema.optional(Schema.Array(Schema.String))
    })
  )
})

/** The BODY component. */
export const WireBody = Schema.Struct({
  type: Schema.Literal("BODY"),
  text: Schema.String,
  example: Schema.optional(Schema.Struct({ body_text: Schema.optional(Schema.Array(Schema.Array(Schema.String))) }))
})

/** The FOOTER component. */
export const WireFooter = Schema.Struct({ type: Schema.Literal("FOOTER"), text: Schema.String })

/** The BUTTONS component; its buttons are read one by one. */
export const WireButtons = Schema.Struct({ type: Schema.Literal("BUTTONS"), buttons: Schema.Array(Schema.Unknown) })

/** A component of any known type. */
export const WireComponent = Schema.Union(WireHeader, WireBody, WireFooter, WireButtons)

/** A button of any known type. */
export const WireButton = Schema.Union(
  Schema.Struct({ type: Schema.Literal("QUICK_REPLY"), text: Schema.String }),
  Schema.Struct({
    type: Schema.Literal("URL"),
    text: Schema.String,
    url: Schema.String,
    example: Schema.optional(Schema.Array(Schema.String))
  }),
  Schema.Struct({ type: Schema.Literal("PHONE_NUMBER"), text: Schema.String, phone_number: Schema.String })
)

/** PUT /whatsapp-message-template */
export const CreateTemplateResponse = Schema.Struct({ id: Schema.String, language: optionalString })

/** PATCH and DEL /whatsapp-message-template, the flow mutations. */
export const SuccessResponse = Schema.Struct({ success: Schema.optional(Schema.Boolean) })

// ---------------------------------------------------------------------------------------------
// Flows
// ---------------------------------------------------------------------------------------------

/** A preview link with its expiry ("2024-03-08T04:52:37+0000"). */
export const WirePreview = Schema.Struct({ preview_url: Schema.String, expires_at: optionalString })
export type WirePreview = typeof WirePreview.Type

/** A screen (or asset) of a flow. */
export const WireScreen = Schema.Struct({
  id: Schema.String,
  label: optionalString,
  data: optionalString,
  preview: Schema.optional(WirePreview)
})
export type WireScreen = typeof WireScreen.Type

/** GET /flow */
export const FlowsResponse = Schema.Struct({
  data: Schema.Array(
    Schema.Struct({
      value: Schema.String,
      label: optionalString,
      status: optionalString,
      assets: Schema.optional(Schema.Array(WireScreen))
    })
  ),
  paging: Schema.optional(Paging)
})

/** GET /flow-screen-payload */
export const FlowScreenPayloadResponse = Schema.Struct({
  payload: Schema.Struct({
    id: optionalString,
    label: optionalString,
    data: optionalString,
    screens: Schema.optional(Schema.Array(WireScreen))
  })
})

/** GET /flow-preview */
export const FlowPreviewResponse = Schema.Struct({ data: WirePreview })

/** GET /flow-detail (the flow is the envelope itself, next to `ok`). */
export const FlowDetailResponse = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  categories: Schema.optional(Schema.Array(Schema.String)),
  preview: Schema.optional(WirePreview),
  status: Schema.String,
  validation_errors: Schema.optional(Schema.Array(Schema.Unknown)),
  json_version: optionalString,
  whatsapp_business_account: Schema.optional(
    Schema.Struct({
      id: Schema.String,
      name: optionalString,
      currency: optionalString,
      timezone_id: optionalString,
      message_template_namespace: optionalString
    })
  ),
  application: Schema.optional(Schema.Struct({ id: optionalString, name: optionalString, link: optionalString }))
})

/** PUT /create-flow */
export const CreateFlowResponse = Schema.Struct({ id: Schema.String })

/** PATCH /flow-json */
export const FlowJsonResponse = Schema.Struct({
  success: Schema.optional(Schema.Boolean),
  validation_errors: Schema.optional(Schema.Array(Schema.Unknown))
})

// ---------------------------------------------------------------------------------------------
// Business encryption
// ---------------------------------------------------------------------------------------------

/** GET /whatsapp-business-encryption */
export const EncryptionResponse = Schema.Struct({
  data: Schema.Array(
    Schema.Struct({
      business_public_key: optionalString,
      business_public_key_signature_status: optionalString
    })
  )
})

/** Answers that carry nothing but `ok: 1` (PATCH profile, POST encryption). */
export const EmptyResponse = Schema.Struct({})

/** One entry of `validation_errors` (Meta's shape; a bare string is read too). */
export const WireValidationError = Schema.Struct({
  error: optionalString,
  error_type: optionalString,
  message: optionalString,
  line_start: Schema.optional(Schema.Number),
  line_end: Schema.optional(Schema.Number),
  column_start: Schema.optional(Schema.Number),
  column_end: Schema.optional(Schema.Number),
  pointers: Schema.optional(Schema.Array(Schema.Unknown))
})
