/**
 * The lifecycle of a WhatsApp Flow after its creation, written once for every adapter over the
 * platform's Flows API (Meta, WOZTELL): the metadata change request (`flowId` and at least one of
 * name, categories, endpoint) and the operations that change a flow — metadata, flow JSON,
 * publish, deprecate, delete — each validated, spanned and answering `void` where the platform
 * answers only `success`. The adapter gives its id and text rules and its endpoint calls.
 *
 * @example
 * import { FlowLifecycle } from "@wa-admin/core/adapter"
 * import { Schema } from "effect"
 *
 * const UpdateMetadataRequest = FlowLifecycle.updateMetadataRequest({
 *   flowId: Schema.String,
 *   name: Schema.NonEmptyString,
 *   endpointUrl: Schema.String
 * })
 *
 * @since 0.2.0
 */
import { Effect, Schema } from "effect"
import type { Stream } from "effect"
import type { AdminError } from "../AdminError.js"
import * as CloudApi from "./CloudApi.js"
import type * as Endpoint from "./Endpoint.js"
import * as Operation from "./Operation.js"

/**
 * The request that changes a draft's metadata: the flow's id and at least one of its name,
 * categories ({@link CloudApi.FlowCategories}) and endpoint URL, each in the adapter's rules.
 *
 * @since 0.2.0
 * @category requests
 */
export const updateMetadataRequest = <FlowId extends string, Name extends string, Url extends string>(
  rules: {
    readonly flowId: Schema.Schema<FlowId, string>
    readonly name: Schema.Schema<Name, string>
    readonly endpointUrl: Schema.Schema<Url, string>
  }
) =>
  Schema.Struct({
    flowId: rules.flowId,
    name: Schema.optional(rules.name),
    categories: Schema.optional(CloudApi.FlowCategories),
    endpointUrl: Schema.optional(rules.endpointUrl)
  }).pipe(
    Schema.filter((request) =>
      request.name !== undefined || request.categories !== undefined || request.endpointUrl !== undefined ||
      "must change at least one of name, categories, endpointUrl"
    )
  )

/**
 * The requests of a flow's lifecycle: `ref` (a flow by its id, {@link CloudApi.FlowId}),
 * `updateMetadata` ({@link updateMetadataRequest}) and `updateJson` (a flow's id and its new flow
 * JSON). The name and endpoint URL follow the platform's rules ({@link CloudApi.FlowName},
 * {@link CloudApi.FlowEndpointUrl}) unless the adapter gives the stricter ones of its provider;
 * the flow JSON is always the adapter's (a file's text for one, an object for another).
 *
 * @since 0.2.0
 * @category requests
 */
export const requests = <Json, JsonEncoded>(
  rules: {
    readonly name?: Schema.Schema<string, string>
    readonly endpointUrl?: Schema.Schema<string, string>
    readonly json: Schema.Schema<Json, JsonEncoded>
  }
) => {
  const flowId: Schema.Schema<string, string> = CloudApi.FlowId
  return {
    ref: Schema.Struct({ flowId }),
    updateMetadata: updateMetadataRequest({
      flowId,
      name: rules.name ?? CloudApi.FlowName,
      endpointUrl: rules.endpointUrl ?? CloudApi.FlowEndpointUrl
    }),
    updateJson: Schema.Struct({ flowId, json: rules.json })
  }
}

/**
 * What an adapter gives: its provider name, its client (whose `call` turns an endpoint into a
 * function), its endpoints under the names both platforms' adapters use, and its request
 * schemas. Answers beyond the flow JSON's validation errors are not kept.
 *
 * @since 0.2.0
 * @category models
 */
export interface Options<Auth, Ref, RefEncoded, Metadata, MetadataEncoded, Json, JsonEncoded> {
  readonly provider: string
  readonly client: {
    readonly call: <In, Out>(
      endpoint: Endpoint.Endpoint<In, Out, Auth>
    ) => (input: In) => Effect.Effect<Out, AdminError>
  }
  readonly endpoints: {
    readonly updateFlowMetadata: Endpoint.Endpoint<Metadata, unknown, Auth>
    readonly updateFlowJson: Endpoint.Endpoint<Json, CloudApi.FlowJsonResult, Auth>
    readonly publishFlow: Endpoint.Endpoint<Ref, unknown, Auth>
    readonly deprecateFlow: Endpoint.Endpoint<Ref, unknown, Auth>
    readonly deleteFlow: Endpoint.Endpoint<Ref, unknown, Auth>
  }
  readonly requests: {
    /** Names one flow (`{ flowId }`). */
    readonly ref: Schema.Schema<Ref, RefEncoded>
    readonly updateMetadata: Schema.Schema<Metadata, MetadataEncoded>
    readonly updateJson: Schema.Schema<Json, JsonEncoded>
  }
}

/**
 * The operations of {@link CloudApi.FlowLifecycle} but `create` (which each platform scopes its
 * own way): `flows.updateMetadata`, `flows.updateJson`, `flows.publish`, `flows.deprecate` and
 * `flows.delete`.
 *
 * @since 0.2.0
 * @category constructors
 */
export const make = <Auth, Ref, RefEncoded, Metadata, MetadataEncoded, Json, JsonEncoded>(
  options: Options<Auth, Ref, RefEncoded, Metadata, MetadataEncoded, Json, JsonEncoded>
): Omit<
  CloudApi.FlowLifecycle<
    Schema.Schema<Ref, RefEncoded>,
    Schema.Schema.AnyNoContext,
    Schema.Schema<Metadata, MetadataEncoded>,
    Schema.Schema<Json, JsonEncoded>
  >,
  "create"
> => {
  const { client, endpoints, provider, requests } = options
  const answeringVoid = <A, I>(
    operation: string,
    input: Schema.Schema<A, I>,
    endpoint: Endpoint.Endpoint<A, unknown, Auth>
  ) => {
    const call = client.call(endpoint)
    return Operation.make({ provider, operation, input, run: (request: A) => Effect.asVoid(call(request)) })
  }
  return {
    updateMetadata: answeringVoid("flows.updateMetadata", requests.updateMetadata, endpoints.updateFlowMetadata),
    updateJson: Operation.make({
      provider,
      operation: "flows.updateJson",
      input: requests.updateJson,
      run: client.call(endpoints.updateFlowJson)
    }),
    publish: answeringVoid("flows.publish", requests.ref, endpoints.publishFlow),
    deprecate: answeringVoid("flows.deprecate", requests.ref, endpoints.deprecateFlow),
    delete: answeringVoid("flows.delete", requests.ref, endpoints.deleteFlow)
  }
}

/**
 * The schemas of the lifecycle's requests, as {@link make} takes them.
 *
 * @since 0.2.0
 * @category models
 */
export interface Requests {
  readonly ref: Schema.Schema.AnyNoContext
  readonly updateMetadata: Schema.Schema.AnyNoContext
  readonly updateJson: Schema.Schema.AnyNoContext
}

/**
 * The flows service both platforms' adapters share: a listing page by page, a preview link, and
 * the lifecycle ({@link CloudApi.FlowLifecycle}) over the requests an adapter gives.
 *
 * @since 0.2.0
 * @category models
 */
export interface Service<
  R extends Requests,
  Create extends Schema.Schema.AnyNoContext,
  List extends Schema.Schema.AnyNoContext,
  Item,
  Preview extends Schema.Schema.AnyNoContext,
  PreviewLink
> extends CloudApi.FlowLifecycle<R["ref"], Create, R["updateMetadata"], R["updateJson"]> {
  /** Every flow, page by page. */
  readonly list: (request?: Schema.Schema.Encoded<List>) => Stream.Stream<Item, AdminError>
  /** A link to preview the flow, and when it stops working. */
  readonly preview: (request: Schema.Schema.Encoded<Preview>) => Effect.Effect<PreviewLink, AdminError>
}
