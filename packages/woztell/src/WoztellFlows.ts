/**
 * WOZTELL extension: WhatsApp Flows — list, inspect, preview, create (or clone), update metadata
 * and JSON, delete, publish and deprecate. Every call authenticates with the signed context.
 *
 * @example
 * import { WoztellFlows } from "@wa-admin/woztell"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const id = yield* WoztellFlows.create({ name: "Sign up", categories: ["SIGN_UP"] })
 *   const { validationErrors } = yield* WoztellFlows.updateJson({ flowId: id, json: { version: "3.1", screens } })
 *   if (validationErrors.length === 0) yield* WoztellFlows.publish({ flowId: id })
 * })
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Option, Schema, Stream } from "effect"
import type { AdminError } from "@wa-admin/core"
import { Url, Validation } from "@wa-admin/core"
import { pages } from "./internal/paging.js"
import { atMost, jsonProblem, maxUrlLength as urlLimit, parseTime, span } from "./internal/service.js"
import * as Wire from "./internal/wire.js"
import { provider, WoztellClient } from "./WoztellClient.js"

/**
 * The categories a flow can be created in.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FlowCategory = Schema.Literal(
  "SIGN_UP",
  "SIGN_IN",
  "APPOINTMENT_BOOKING",
  "LEAD_GENERATION",
  "CONTACT_US",
  "CUSTOMER_SUPPORT",
  "SURVEY",
  "OTHER"
)

/**
 * @since 0.1.0
 * @category models
 */
export type FlowCategory = typeof FlowCategory.Type

/**
 * A preview link of a flow and when it stops working.
 *
 * @since 0.1.0
 * @category models
 */
export class FlowPreview extends Schema.Class<FlowPreview>("@wa-admin/woztell/FlowPreview")({
  url: Schema.String,
  expiresAt: Schema.optional(Schema.DateTimeUtc)
}) {}

/**
 * A screen of a flow; `data` is the screen's data model as JSON text, as WOZTELL sends it.
 *
 * @since 0.1.0
 * @category models
 */
export class FlowScreen extends Schema.Class<FlowScreen>("@wa-admin/woztell/FlowScreen")({
  id: Schema.String,
  label: Schema.optional(Schema.String),
  data: Schema.optional(Schema.String),
  preview: Schema.optional(FlowPreview)
}) {}

/**
 * A flow as listed: id, label ("TEST FLOW (DRAFT)"), status and screens.
 *
 * @since 0.1.0
 * @category models
 */
export class FlowSummary extends Schema.Class<FlowSummary>("@wa-admin/woztell/FlowSummary")({
  id: Schema.String,
  label: Schema.optional(Schema.String),
  status: Schema.optional(Schema.String),
  screens: Schema.Array(FlowScreen)
}) {}

/**
 * The screen payload of a flow: its first screen and every screen.
 *
 * @since 0.1.0
 * @category models
 */
export class FlowScreenPayload extends Schema.Class<FlowScreenPayload>("@wa-admin/woztell/FlowScreenPayload")({
  id: Schema.optional(Schema.String),
  label: Schema.optional(Schema.String),
  data: Schema.optional(Schema.String),
  screens: Schema.Array(FlowScreen)
}) {}

/**
 * One problem Meta found in a flow's JSON.
 *
 * @since 0.1.0
 * @category models
 */
export class FlowValidationError extends Schema.Class<FlowValidationError>("@wa-admin/woztell/FlowValidationError")({
  message: Schema.String,
  error: Schema.optional(Schema.String),
  errorType: Schema.optional(Schema.String),
  lineStart: Schema.optional(Schema.Number),
  lineEnd: Schema.optional(Schema.Number),
  columnStart: Schema.optional(Schema.Number),
  columnEnd: Schema.optional(Schema.Number),
  pointers: Schema.optional(Schema.Array(Schema.Unknown))
}) {}

/**
 * A flow in detail.
 *
 * @since 0.1.0
 * @category models
 */
export class FlowDetail extends Schema.Class<FlowDetail>("@wa-admin/woztell/FlowDetail")({
  id: Schema.String,
  name: Schema.String,
  categories: Schema.Array(Schema.String),
  status: Schema.String,
  preview: Schema.optional(FlowPreview),
  validationErrors: Schema.Array(FlowValidationError),
  jsonVersion: Schema.optional(Schema.String),
  waba: Schema.optional(
    Schema.Struct({
      id: Schema.String,
      name: Schema.optional(Schema.String),
      currency: Schema.optional(Schema.String),
      timezoneId: Schema.optional(Schema.String),
      messageTemplateNamespace: Schema.optional(Schema.String)
    })
  ),
  application: Schema.optional(
    Schema.Struct({ id: Schema.optional(Schema.String), name: Schema.optional(Schema.String), link: Schema.optional(Schema.String) })
  )
}) {}

/**
 * The outcome of replacing a flow's JSON: the JSON is stored either way; publishing needs no
 * validation errors.
 *
 * @since 0.1.0
 * @category models
 */
export class FlowJsonResult extends Schema.Class<FlowJsonResult>("@wa-admin/woztell/FlowJsonResult")({
  validationErrors: Schema.Array(FlowValidationError)
}) {}

/**
 * The largest Flow JSON (`version` and `screens`) sent, in bytes of JSON: 10 MB, the limit
 * WhatsApp sets on a Flow JSON (WOZTELL's page states none), counted as 10,000,000 bytes so that
 * no reading of "MB" lets a larger one through. Checked before anything is sent.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxFlowJsonBytes = 10_000_000

/**
 * How deeply a Flow JSON may be nested: 100 levels, a stated default (neither WOZTELL nor
 * WhatsApp documents one; the flow builder's own JSON nests about ten levels).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxFlowJsonDepth = 100

/**
 * The longest flow name sent: 200 characters, a stated default (neither WOZTELL nor WhatsApp
 * documents a limit).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxNameLength = 200

/**
 * The longest flow endpoint URL sent: 8,192 characters, a stated default (the request-line
 * limit common HTTP servers apply; WOZTELL documents none).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxUrlLength: number = urlLimit

/** Meta calls flow endpoints over HTTPS only. */
const EndpointUrl = atMost(maxUrlLength).pipe(
  Schema.compose(Url.HttpUrl),
  Schema.filter((url) => url.startsWith("https://") || "must be an https URL (WhatsApp calls flow endpoints over HTTPS only)")
)

const FlowName = atMost(maxNameLength).pipe(Schema.minLength(1, { message: () => "must not be empty" }))

/** At least one category, none twice (so at most the eight there are). */
const Categories = Schema.Array(FlowCategory).pipe(
  Schema.minItems(1, { message: () => "must have at least one category" }),
  Schema.filter((categories) => new Set(categories).size === categories.length || "must not name a category twice")
)

/**
 * @since 0.1.0
 * @category requests
 */
export const FlowRef = Schema.Struct({ flowId: Wire.FlowId })

/**
 * @since 0.1.0
 * @category requests
 */
export const ListRequest = Schema.Struct({
  /** Flows per page (WOZTELL's `limit`), default 25. */
  pageSize: Schema.optional(Schema.Int.pipe(Schema.between(1, 100, { message: () => "must be a whole number from 1 to 100" })))
})

/**
 * A new flow, optionally cloned from another one.
 *
 * @since 0.1.0
 * @category requests
 */
export const CreateRequest = Schema.Struct({
  name: FlowName,
  categories: Categories,
  cloneFlowId: Schema.optional(Wire.FlowId),
  /** Leave out when cloning a flow whose JSON version is below 3.0. */
  endpointUrl: Schema.optional(EndpointUrl)
})

/**
 * @since 0.1.0
 * @category requests
 */
export const UpdateMetadataRequest = Schema.Struct({
  flowId: Wire.FlowId,
  name: Schema.optional(FlowName),
  categories: Schema.optional(Categories),
  endpointUrl: Schema.optional(EndpointUrl)
}).pipe(
  Schema.filter(
    (request) =>
      request.name !== undefined || request.categories !== undefined || request.endpointUrl !== undefined ||
      "must change at least one of name, categories, endpointUrl"
  )
)

/**
 * A flow's JSON: its version and screens, as in WhatsApp Manager's flow builder; at most
 * {@link maxFlowJsonBytes} bytes of JSON, nested at most {@link maxFlowJsonDepth} levels.
 *
 * @since 0.1.0
 * @category requests
 */
export const FlowJson = Schema.Struct({
  version: Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" })),
  screens: Schema.Array(Schema.Unknown).pipe(Schema.minItems(1, { message: () => "must have at least one screen" }))
}).pipe(
  Schema.filter(
    (json) =>
      jsonProblem({ version: json.version, screens: json.screens }, { maxBytes: maxFlowJsonBytes, maxDepth: maxFlowJsonDepth }) ??
      true
  )
)

/**
 * @since 0.1.0
 * @category requests
 */
export const UpdateJsonRequest = Schema.Struct({ flowId: Wire.FlowId, json: FlowJson })

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Every flow, page by page. */
  readonly list: (request?: typeof ListRequest.Encoded) => Stream.Stream<FlowSummary, AdminError.AdminError>
  readonly screenPayload: (request: typeof FlowRef.Encoded) => Effect.Effect<FlowScreenPayload, AdminError.AdminError>
  readonly preview: (request: typeof FlowRef.Encoded) => Effect.Effect<FlowPreview, AdminError.AdminError>
  readonly detail: (request: typeof FlowRef.Encoded) => Effect.Effect<FlowDetail, AdminError.AdminError>
  /** Creates (or clones) a flow; answers its id. */
  readonly create: (request: typeof CreateRequest.Encoded) => Effect.Effect<string, AdminError.AdminError>
  readonly updateMetadata: (request: typeof UpdateMetadataRequest.Encoded) => Effect.Effect<void, AdminError.AdminError>
  /** Replaces the flow's JSON; answers the validation errors Meta found (none: ready to publish). */
  readonly updateJson: (request: typeof UpdateJsonRequest.Encoded) => Effect.Effect<FlowJsonResult, AdminError.AdminError>
  readonly delete: (request: typeof FlowRef.Encoded) => Effect.Effect<void, AdminError.AdminError>
  readonly publish: (request: typeof FlowRef.Encoded) => Effect.Effect<void, AdminError.AdminError>
  readonly deprecate: (request: typeof FlowRef.Encoded) => Effect.Effect<void, AdminError.AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class WoztellFlows extends Context.Tag("@wa-admin/woztell/WoztellFlows")<WoztellFlows, Service>() {}

const previewFromWire = (preview: Wire.WirePreview): FlowPreview => {
  const expiresAt = Option.getOrUndefined(parseTime(preview.expires_at))
  return new FlowPreview({ url: preview.preview_url, ...(expiresAt === undefined ? {} : { expiresAt }) })
}

const screenFromWire = (screen: Wire.WireScreen): FlowScreen =>
  new FlowScreen({
    id: screen.id,
    ...(screen.label === undefined ? {} : { label: screen.label }),
    ...(screen.data === undefined ? {} : { data: screen.data }),
    ...(screen.preview === undefined ? {} : { preview: previewFromWire(screen.preview) })
  })

const decodeValidationError = Schema.decodeUnknownOption(Wire.WireValidationError)

const validationErrorFromWire = (raw: unknown): FlowValidationError => {
  if (typeof raw === "string") return new FlowValidationError({ message: raw })
  return Option.match(decodeValidationError(raw), {
    onNone: () => new FlowValidationError({ message: JSON.stringify(raw) }),
    onSome: (error) =>
      new FlowValidationError({
        message: error.message ?? error.error ?? JSON.stringify(raw),
        ...(error.error === undefined ? {} : { error: error.error }),
        ...(error.error_type === undefined ? {} : { errorType: error.error_type }),
        ...(error.line_start === undefined ? {} : { lineStart: error.line_start }),
        ...(error.line_end === undefined ? {} : { lineEnd: error.line_end }),
        ...(error.column_start === undefined ? {} : { columnStart: error.column_start }),
        ...(error.column_end === undefined ? {} : { columnEnd: error.column_end }),
        ...(error.pointers === undefined ? {} : { pointers: error.pointers })
      })
  })
}

const detailFromWire = (flow: typeof Wire.FlowDetailResponse.Type): FlowDetail => {
  const waba = flow.whatsapp_business_account
  const application = flow.application
  return new FlowDetail({
    id: flow.id,
    name: flow.name,
    categories: flow.categories ?? [],
    status: flow.status,
    ...(flow.preview === undefined ? {} : { preview: previewFromWire(flow.preview) }),
    validationErrors: (flow.validation_errors ?? []).map(validationErrorFromWire),
    ...(flow.json_version === undefined ? {} : { jsonVersion: flow.json_version }),
    ...(waba === undefined
      ? {}
      : {
          waba: {
            id: waba.id,
            ...(waba.name === undefined ? {} : { name: waba.name }),
            ...(waba.currency === undefined ? {} : { currency: waba.currency }),
            ...(waba.timezone_id === undefined ? {} : { timezoneId: waba.timezone_id }),
            ...(waba.message_template_namespace === undefined
              ? {}
              : { messageTemplateNamespace: waba.message_template_namespace })
          }
        }),
    ...(application === undefined
      ? {}
      : {
          application: {
            ...(application.id === undefined ? {} : { id: application.id }),
            ...(application.name === undefined ? {} : { name: application.name }),
            ...(application.link === undefined ? {} : { link: application.link })
          }
        })
  })
}

/**
 * The service over the client in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, WoztellClient> = Effect.map(WoztellClient, (client) => {
  const origin = (operation: string) => ({ provider, operation })
  const flowRead = <A, I>(operation: string, path: string, flowId: string, schema: Schema.Schema<A, I, never>) =>
    client.read({
      operation,
      path,
      query: { flowId },
      auth: "signedContext",
      schema,
      notFound: { resource: "flow", id: flowId }
    })
  const flowAction = (operation: string, method: "POST" | "DELETE", path: string, flowId: string, idempotent: boolean) =>
    client.write({
      operation,
      method,
      path,
      body: { flowId },
      auth: "signedContext",
      idempotent,
      schema: Wire.SuccessResponse,
      notFound: { resource: "flow", id: flowId }
    })
  const validateRef = (operation: string) => Validation.validate(FlowRef, origin(operation))
  const validateList = Validation.validate(ListRequest, origin("flows.list"))
  const validateCreate = Validation.validate(CreateRequest, origin("flows.create"))
  const validateMetadata = Validation.validate(UpdateMetadataRequest, origin("flows.updateMetadata"))
  const validateJson = Validation.validate(UpdateJsonRequest, origin("flows.updateJson"))

  const refOperation =
    <A>(operation: string, run: (flowId: string) => Effect.Effect<A, AdminError.AdminError>) =>
    (request: typeof FlowRef.Encoded): Effect.Effect<A, AdminError.AdminError> =>
      validateRef(operation)(request).pipe(
        Effect.flatMap(({ flowId }) => run(flowId)),
        span(operation)
      )

  return {
    list: (request) =>
      Stream.unwrap(
        Effect.map(validateList(request ?? {}), ({ pageSize }) =>
          pages({
            operation: "flows.list",
            fetch: (after) =>
              client.read({
                operation: "flows.list",
                path: "/flow",
                query: { limit: pageSize ?? 25, after },
                auth: "signedContext",
                schema: Wire.FlowsResponse
              }),
            items: (page) =>
              page.data.map(
                (flow) =>
                  new FlowSummary({
                    id: flow.value,
                    ...(flow.label === undefined ? {} : { label: flow.label }),
                    ...(flow.status === undefined ? {} : { status: flow.status }),
                    screens: (flow.assets ?? []).map(screenFromWire)
                  })
              ),
            paging: (page) => page.paging
          })
        )
      ).pipe(Stream.withSpan("wa-admin.woztell.flows.list", { attributes: { "wa-admin.provider": provider }, captureStackTrace: false })),

    screenPayload: refOperation("flows.screenPayload", (flowId) =>
      Effect.map(flowRead("flows.screenPayload", "/flow-screen-payload", flowId, Wire.FlowScreenPayloadResponse), ({ payload }) =>
        new FlowScreenPayload({
          ...(payload.id === undefined ? {} : { id: payload.id }),
          ...(payload.label === undefined ? {} : { label: payload.label }),
          ...(payload.data === undefined ? {} : { data: payload.data }),
          screens: (payload.screens ?? []).map(screenFromWire)
        })
      )
    ),

    preview: refOperation("flows.preview", (flowId) =>
      Effect.map(flowRead("flows.preview", "/flow-preview", flowId, Wire.FlowPreviewResponse), ({ data }) => previewFromWire(data))
    ),

    detail: refOperation("flows.detail", (flowId) =>
      Effect.map(flowRead("flows.detail", "/flow-detail", flowId, Wire.FlowDetailResponse), detailFromWire)
    ),

    create: (request) =>
      validateCreate(request).pipe(
        Effect.flatMap((valid) =>
          client.write({
            operation: "flows.create",
            method: "PUT",
            path: "/create-flow",
            body: {
              data: {
                name: valid.name,
                categories: valid.categories,
                ...(valid.cloneFlowId === undefined ? {} : { clone_flow_id: valid.cloneFlowId }),
                ...(valid.endpointUrl === undefined ? {} : { endpoint_url: valid.endpointUrl })
              }
            },
            auth: "signedContext",
            // A second PUT would create a second flow.
            idempotent: false,
            schema: Wire.CreateFlowResponse,
            ...(valid.cloneFlowId === undefined ? {} : { notFound: { resource: "flow", id: valid.cloneFlowId } })
          })
        ),
        Effect.map((response) => response.id),
        span("flows.create")
      ),

    updateMetadata: (request) =>
      validateMetadata(request).pipe(
        Effect.flatMap((valid) =>
          client.write({
            operation: "flows.updateMetadata",
            method: "PATCH",
            path: "/flow-metadata",
            // As the document's example: name and categories under `data`, endpoint_url beside it.
            body: {
              flowId: valid.flowId,
              data: {
                ...(valid.name === undefined ? {} : { name: valid.name }),
                ...(valid.categories === undefined ? {} : { categories: valid.categories })
              },
              ...(valid.endpointUrl === undefined ? {} : { endpoint_url: valid.endpointUrl })
            },
            auth: "signedContext",
            idempotent: true,
            schema: Wire.SuccessResponse,
            notFound: { resource: "flow", id: valid.flowId }
          })
        ),
        Effect.asVoid,
        span("flows.updateMetadata")
      ),

    updateJson: (request) =>
      validateJson(request).pipe(
        Effect.flatMap((valid) =>
          client.write({
            operation: "flows.updateJson",
            method: "PATCH",
            path: "/flow-json",
            body: { flowId: valid.flowId, data: { version: valid.json.version, screens: valid.json.screens } },
            auth: "signedContext",
            idempotent: true,
            schema: Wire.FlowJsonResponse,
            notFound: { resource: "flow", id: valid.flowId }
          })
        ),
        Effect.map(
          (response) => new FlowJsonResult({ validationErrors: (response.validation_errors ?? []).map(validationErrorFromWire) })
        ),
        span("flows.updateJson")
      ),

    delete: refOperation("flows.delete", (flowId) =>
      Effect.asVoid(flowAction("flows.delete", "DELETE", "/flow", flowId, true))
    ),
    // Publishing and deprecating change the flow's state once; the second attempt is refused.
    publish: refOperation("flows.publish", (flowId) =>
      Effect.asVoid(flowAction("flows.publish", "POST", "/publish-flow", flowId, false))
    ),
    deprecate: refOperation("flows.deprecate", (flowId) =>
      Effect.asVoid(flowAction("flows.deprecate", "POST", "/deprecate-flow", flowId, false))
    )
  }
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<WoztellFlows, never, WoztellClient> = Layer.effect(WoztellFlows, make)

/** @since 0.1.0 @category accessors */
export const list = (request?: typeof ListRequest.Encoded) =>
  Stream.unwrap(Effect.map(WoztellFlows, (service) => service.list(request)))
/** @since 0.1.0 @category accessors */
export const screenPayload = (request: typeof FlowRef.Encoded) =>
  Effect.flatMap(WoztellFlows, (service) => service.screenPayload(request))
/** @since 0.1.0 @category accessors */
export const preview = (request: typeof FlowRef.Encoded) => Effect.flatMap(WoztellFlows, (service) => service.preview(request))
/** @since 0.1.0 @category accessors */
export const detail = (request: typeof FlowRef.Encoded) => Effect.flatMap(WoztellFlows, (service) => service.detail(request))
/** @since 0.1.0 @category accessors */
export const create = (request: typeof CreateRequest.Encoded) => Effect.flatMap(WoztellFlows, (service) => service.create(request))
/** @since 0.1.0 @category accessors */
export const updateMetadata = (request: typeof UpdateMetadataRequest.Encoded) =>
  Effect.flatMap(WoztellFlows, (service) => service.updateMetadata(request))
/** @since 0.1.0 @category accessors */
export const updateJson = (request: typeof UpdateJsonRequest.Encoded) =>
  Effect.flatMap(WoztellFlows, (service) => service.updateJson(request))
/** @since 0.1.0 @category accessors */
export const remove = (request: typeof FlowRef.Encoded) => Effect.flatMap(WoztellFlows, (service) => service.delete(request))
/** @since 0.1.0 @category accessors */
export const publish = (request: typeof FlowRef.Encoded) => Effect.flatMap(WoztellFlows, (service) => service.publish(request))
/** @since 0.1.0 @category accessors */
export const deprecate = (request: typeof FlowRef.Encoded) =>
  Effect.flatMap(WoztellFlows, (service) => service.deprecate(request))
