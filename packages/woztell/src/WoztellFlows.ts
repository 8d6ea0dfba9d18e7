/**
 * WOZTELL extension: WhatsApp Flows — list, inspect, preview, create (or clone), update metadata
 * and JSON, delete, publish and deprecate. Every call authenticates with the signed context.
 *
 * @example
 * import { WoztellFlows } from "@wa-admin/woztell"
 * import { Effect } from "effect"
 *
 * const screens = [
 *   {
 *     id: "SIGN_UP",
 *     title: "Sign up",
 *     terminal: true,
 *     layout: { type: "SingleColumnLayout", children: [{ type: "TextHeading", text: "Welcome" }] }
 *   }
 * ]
 *
 * const program = Effect.gen(function* () {
 *   const id = yield* WoztellFlows.create({ name: "Sign up", categories: ["SIGN_UP"] })
 *   const { validationErrors } = yield* WoztellFlows.updateJson({ flowId: id, json: { version: "3.1", screens } })
 *   if (validationErrors.length === 0) yield* WoztellFlows.publish({ flowId: id })
 * })
 *
 * @since 0.1.0
 */
import type { AdminError } from "@wa-admin/core"
import { Accessors, CloudApi, FlowLifecycle, Operation } from "@wa-admin/core/adapter"
import { Context, Effect, Layer, Schema } from "effect"
import * as Endpoints from "./internal/endpoints.js"
import type { FlowDetail, FlowScreenPayload, FlowSummary } from "./internal/models.js"
import { pages } from "./internal/paging.js"
import { atMost, jsonProblem, maxUrlLength as urlLimit, operation } from "./internal/service.js"
import { provider, WoztellClient } from "./WoztellClient.js"
import type { Service as ClientService } from "./WoztellClient.js"

export {
  /**
   * A flow in detail.
   *
   * @since 0.1.0
   * @category models
   */
  FlowDetail,
  /**
   * A screen of a flow; `data` is the screen's data model as JSON text, as WOZTELL sends it.
   *
   * @since 0.1.0
   * @category models
   */
  FlowScreen,
  /**
   * The screen payload of a flow: its first screen and every screen.
   *
   * @since 0.1.0
   * @category models
   */
  FlowScreenPayload,
  /**
   * A flow as listed: id, label ("TEST FLOW (DRAFT)"), status and screens.
   *
   * @since 0.1.0
   * @category models
   */
  FlowSummary
} from "./internal/models.js"

/**
 * The longest flow endpoint URL sent: 8,192 characters, a stated default (the request-line
 * limit common HTTP servers apply; WOZTELL documents none).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxUrlLength: number = urlLimit

/** Meta calls flow endpoints over HTTPS only. */
const EndpointUrl = atMost(maxUrlLength).pipe(Schema.compose(CloudApi.FlowEndpointUrl))

const FlowName = atMost(CloudApi.maxFlowNameLength).pipe(Schema.minLength(1, { message: () => "must not be empty" }))

/** At least one category, none twice (so at most the eight there are). */
const Categories = CloudApi.FlowCategories

/**
 * @since 0.1.0
 * @category requests
 */
export const ListRequest = Schema.Struct({
  /** Flows per page (WOZTELL's `limit`), default 25. */
  pageSize: Schema.optional(
    Schema.Int.pipe(Schema.between(1, 100, { message: () => "must be a whole number from 1 to 100" }))
  )
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
  cloneFlowId: Schema.optional(CloudApi.FlowId),
  /** Leave out when cloning a flow whose JSON version is below 3.0. */
  endpointUrl: Schema.optional(EndpointUrl)
})

/**
 * A flow's JSON: its version and screens, as in WhatsApp Manager's flow builder; at most
 * 10,000,000 bytes of JSON (core `Flow.maxFlowJsonBytes`), nested at most 100 levels
 * (`Flow.maxFlowJsonDepth`).
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
      jsonProblem({ version: json.version, screens: json.screens }, {
        maxBytes: CloudApi.maxFlowJsonBytes,
        maxDepth: CloudApi.maxFlowJsonDepth
      }) ??
        true
  )
)

/**
 * The requests of the flow lifecycle core runs (`FlowLifecycle.make`): WOZTELL's length limits on
 * the name and endpoint URL, the flow JSON as an object.
 */
const lifecycleRequests = FlowLifecycle.requests({ name: FlowName, endpointUrl: EndpointUrl, json: FlowJson })

/**
 * One flow of the channel's WABA, by its id (`{ flowId }`, digits only): what `detail`,
 * `preview`, `screenPayload`, `publish`, `deprecate` and `delete` take. An id that is not digits is refused before anything is
 * sent, so no id can reach another WOZTELL path.
 *
 * @since 0.1.0
 * @category requests
 */
export const FlowRef = lifecycleRequests.ref

/**
 * A draft's new metadata: its `flowId` and at least one of `name` (1 to 200 characters: core
 * `Flow.maxFlowNameLength`), `categories` (at least one, none twice) and `endpointUrl` (HTTPS, at most
 * {@link maxUrlLength} characters), sent to WOZTELL's `PATCH /flow-metadata` with the
 * channel's signed context.
 *
 * @since 0.1.0
 * @category requests
 */
export const UpdateMetadataRequest = lifecycleRequests.updateMetadata

/**
 * A draft's new flow JSON: its `flowId` and `json`, the object itself ({@link FlowJson}:
 * `version` and at least one screen, within WhatsApp's size and nesting limits: core
 * `Flow.maxFlowJsonBytes`, `Flow.maxFlowJsonDepth`). The platform's validation errors come back in the
 * answer (`validationErrors`), not as a failure.
 *
 * @since 0.1.0
 * @category requests
 */
export const UpdateJsonRequest = lifecycleRequests.updateJson

/**
 * @since 0.1.0
 * @category models
 */
export interface Service extends
  FlowLifecycle.Service<
    typeof lifecycleRequests,
    typeof CreateRequest,
    typeof ListRequest,
    FlowSummary,
    typeof FlowRef,
    CloudApi.FlowPreview
  >
{
  readonly screenPayload: (request: typeof FlowRef.Encoded) => Effect.Effect<FlowScreenPayload, AdminError.AdminError>
  readonly detail: (request: typeof FlowRef.Encoded) => Effect.Effect<FlowDetail, AdminError.AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class WoztellFlows extends Context.Tag("@wa-admin/woztell/WoztellFlows")<WoztellFlows, Service>() {}

/**
 * The service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): Service => {
  const listFlows = client.call(Endpoints.listFlows)
  const list = Operation.stream({
    provider,
    operation: "flows.list",
    input: ListRequest,
    run: ({ pageSize }) =>
      pages({
        operation: "flows.list",
        fetch: (after) => listFlows({ pageSize: pageSize ?? 25, after }),
        items: (page) => page.data,
        paging: (page) => page.paging
      })
  })
  return {
    ...FlowLifecycle.make({ provider, client, endpoints: Endpoints, requests: lifecycleRequests }),
    list: (request) => list(request ?? {}),
    screenPayload: operation("flows.screenPayload", FlowRef, client.call(Endpoints.flowScreenPayload)),
    preview: operation("flows.preview", FlowRef, client.call(Endpoints.flowPreview)),
    detail: operation("flows.detail", FlowRef, client.call(Endpoints.flowDetail)),
    create: operation("flows.create", CreateRequest, client.call(Endpoints.createFlow))
  }
}

/**
 * The `WoztellFlows` service for the `WoztellClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(WoztellClient, fromClient)

/**
 * Provides `WoztellFlows` for the `WoztellClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(WoztellFlows, make)

/**
 * The accessors: each method of the service in context (`WoztellFlows.publish({ flowId })`).
 *
 * @since 0.1.0
 * @category accessors
 */
export const {
  create,
  delete: remove,
  deprecate,
  detail,
  list,
  preview,
  publish,
  screenPayload,
  updateJson,
  updateMetadata
} = Accessors.make(WoztellFlows, ["list"])
