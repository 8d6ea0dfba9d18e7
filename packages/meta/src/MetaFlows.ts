/**
 * Meta extension: WhatsApp Flows of a WABA and the business public key their data exchange is
 * encrypted with — list, create (or clone), read, preview, update metadata, replace the flow JSON
 * (`/assets`, uploaded as the file `flow.json`) and read its download URL back, publish,
 * deprecate, delete a draft, copy flows from another WABA (`migrate_flows`), and get or set the
 * encryption key of a number (`/whatsapp_business_encryption`).
 *
 * The shapes are those of `WoztellFlows` (`FlowDetail`, `FlowPreview`, `FlowJsonResult`,
 * `FlowValidationError`), so that a tool shows flows of both providers alike. The WABA of a
 * listing, creation or migration defaults to `META_WABA_ID`; the number of the encryption key to
 * `META_PHONE_NUMBER_ID`.
 *
 * The flow JSON is sent as the text given (the file as WhatsApp Manager's builder exports it), so
 * the lines and columns of Meta's validation errors point into it; it is checked first: JSON within
 * WhatsApp's size and nesting limits (core `Flow.maxFlowJsonBytes`, `Flow.maxFlowJsonDepth`), an
 * object with a `version` and at least one screen.
 *
 * @example
 * import { MetaFlows } from "@wa-admin/meta"
 * import { Effect } from "effect"
 *
 * const json = JSON.stringify({
 *   version: "6.0",
 *   screens: [{ id: "SIGN_UP", title: "Sign up", terminal: true, layout: { type: "SingleColumnLayout", children: [] } }]
 * }, null, 2)
 *
 * const program = Effect.gen(function* () {
 *   const flowId = yield* MetaFlows.create({ name: "Sign up", categories: ["SIGN_UP"] })
 *   const { validationErrors } = yield* MetaFlows.updateJson({ flowId, json })
 *   if (validationErrors.length === 0) yield* MetaFlows.publish({ flowId })
 * })
 *
 * @since 0.1.0
 */
import type { AdminError } from "@wa-admin/core"
import { Body } from "@wa-admin/core"
import { Accessors, CloudApi, FlowLifecycle } from "@wa-admin/core/adapter"
import { Chunk, Context, Effect, Either, Layer, Option, Schema, Stream } from "effect"
import { createPublicKey } from "node:crypto"
import * as Endpoints from "./internal/endpoints.js"
import { provider } from "./internal/errors.js"
import { graphPages, operation, operationsOn } from "./internal/service.js"
import * as Wire from "./internal/wire.js"
import { MetaClient } from "./MetaClient.js"
import type { Service as ClientService } from "./MetaClient.js"
import type { FlowAsset, FlowDetail, FlowMigration } from "./MetaModels.js"

export {
  /**
   * A file of a flow (its flow JSON) and the URL it can be downloaded from.
   *
   * @since 0.1.0
   * @category models
   */
  FlowAsset,
  /**
   * A flow as listed or read.
   *
   * @since 0.1.0
   * @category models
   */
  FlowDetail,
  /**
   * What `migrate_flows` copied and what it could not.
   *
   * @since 0.1.0
   * @category models
   */
  FlowMigration
} from "./MetaModels.js"

/**
 * The most flow names one migration names: 500, a stated default (Meta documents none).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxMigratedNames = 500

/**
 * The longest public key (PEM text) sent: 4,096 characters (a 4,096-bit RSA key's PEM is about
 * 800).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxPemLength = 4_096

/**
 * Flows a listing page asks for when the caller gives no `pageSize`.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultPageSize = 25

/** Meta takes the platform's rules as they are: a name not blank, an https endpoint. */
const { FlowEndpointUrl: EndpointUrl, FlowId, FlowName } = CloudApi

/** At least one category, none twice (so at most the eight there are). */
const Categories = CloudApi.FlowCategories

const PageSize = Schema.Int.pipe(
  Schema.between(1, 100, { message: () => "must be a whole number from 1 to 100" })
)

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** What is wrong with a flow JSON text within its size, or `undefined`. */
const flowJsonProblem = (text: string): string | undefined =>
  Either.match(Body.parseJson(text, CloudApi.maxFlowJsonDepth), {
    onLeft: (why) =>
      why === "too-deep"
        ? `must nest at most ${CloudApi.maxFlowJsonDepth} levels deep`
        : "must be JSON (the text of the flow JSON file)",
    onRight: (value) => {
      if (!isRecord(value)) return "must be a JSON object with version and screens"
      const missing = [
        typeof value["version"] === "string" && value["version"].length > 0 ? undefined : "a version",
        Array.isArray(value["screens"]) && value["screens"].length > 0 ? undefined : "at least one screen"
      ].filter((part) => part !== undefined)
      return missing.length === 0 ? undefined : `must have ${missing.join(" and ")}`
    }
  })

/**
 * A flow JSON, as the text of its file: at most 10,000,000 bytes of UTF-8 (core
 * `Flow.maxFlowJsonBytes`), JSON nested at most 100 levels (`Flow.maxFlowJsonDepth`), an object with
 * a `version` and at least one screen. Meta checks the rest and answers validation errors.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FlowJson = Schema.String.pipe(
  // Every character takes at least one byte: a longer text is too large before it is counted.
  Schema.filter((text) =>
    (text.length <= CloudApi.maxFlowJsonBytes && Buffer.byteLength(text, "utf8") <= CloudApi.maxFlowJsonBytes) ||
    `must be at most ${CloudApi.maxFlowJsonBytes.toLocaleString("en")} bytes`
  ),
  Schema.filter((text) => flowJsonProblem(text) ?? true)
)

/** The requests of the flow lifecycle core runs (`FlowLifecycle.make`), the flow JSON as a file's text. */
const lifecycleRequests = FlowLifecycle.requests({ json: FlowJson })

/**
 * One flow, by its Graph id (`{ flowId }`, digits only): what `get`, `assets`, `publish`,
 * `deprecate` and `delete` take. An id that is not digits is refused before anything is sent, so no id can
 * reach another Graph path.
 *
 * @since 0.1.0
 * @category requests
 */
export const FlowRef = lifecycleRequests.ref

/**
 * A draft's new metadata (`POST /{flow-id}`): its `flowId` and at least one of `name` (not
 * blank, at most 200 characters: core `Flow.maxFlowNameLength`), `categories` (at least one, none
 * twice) and `endpointUrl` (HTTPS).
 *
 * @since 0.1.0
 * @category requests
 */
export const UpdateMetadataRequest = lifecycleRequests.updateMetadata

/**
 * A draft's new flow JSON (`POST /{flow-id}/assets`, uploaded as the file `flow.json`): its
 * `flowId` and `json`, the file's text ({@link FlowJson}). Meta's validation errors come back
 * in the answer (`validationErrors`), not as a failure.
 *
 * @since 0.1.0
 * @category requests
 */
export const UpdateJsonRequest = lifecycleRequests.updateJson

/**
 * What is wrong with a business public key, or `undefined`: it must be an RSA public key in PEM
 * form (the document's "valid RSA public key in PEM format"), never a private key.
 *
 * @since 0.1.0
 * @category validation
 */
export const publicKeyProblem = (pem: string): string | undefined => {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) return "must be a public key, never a private key"
  if (!/-----BEGIN (RSA )?PUBLIC KEY-----/.test(pem)) return "must be a PEM public key (-----BEGIN PUBLIC KEY-----)"
  try {
    const type = createPublicKey({ key: pem, format: "pem" }).asymmetricKeyType
    return type === "rsa" ? undefined : `must be an RSA key (got ${type ?? "an unknown type"})`
  } catch {
    return "must be a readable PEM public key"
  }
}

/**
 * A business public key: RSA, PEM, at most {@link maxPemLength} characters.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PublicKeyPem = Schema.String.pipe(
  Schema.filter((pem) => pem.length <= maxPemLength || `must be at most ${maxPemLength} characters`),
  Schema.filter((pem) => publicKeyProblem(pem) ?? true)
)

/**
 * The flows of a WABA (default `META_WABA_ID`), `pageSize` per page (default 25).
 *
 * @since 0.1.0
 * @category requests
 */
export const ListRequest = Schema.Struct({
  wabaId: Schema.optional(Wire.WabaId),
  pageSize: Schema.optional(PageSize)
})

/**
 * A new flow in a WABA (default `META_WABA_ID`), optionally cloned from another one.
 *
 * @since 0.1.0
 * @category requests
 */
export const CreateRequest = Schema.Struct({
  wabaId: Schema.optional(Wire.WabaId),
  name: FlowName,
  categories: Categories,
  cloneFlowId: Schema.optional(FlowId),
  endpointUrl: Schema.optional(EndpointUrl)
})

/**
 * A flow's preview link; `invalidate: true` asks for a new one (the old one stops working).
 *
 * @since 0.1.0
 * @category requests
 */
export const PreviewRequest = Schema.Struct({ flowId: FlowId, invalidate: Schema.optional(Schema.Boolean) })

/**
 * Copies flows of `sourceWabaId` into a WABA (default `META_WABA_ID`) as drafts with the same
 * names: those `names` (each at most once), or every flow when none are named.
 *
 * @since 0.1.0
 * @category requests
 */
export const MigrateRequest = Schema.Struct({
  wabaId: Schema.optional(Wire.WabaId),
  sourceWabaId: Wire.WabaId,
  names: Schema.optional(
    Schema.Array(FlowName).pipe(
      Schema.minItems(1, { message: () => "must name at least one flow (leave it out to copy every flow)" }),
      Schema.maxItems(maxMigratedNames, { message: () => `must name at most ${maxMigratedNames} flows` }),
      Schema.filter((names) => new Set(names).size === names.length || "must not name a flow twice")
    )
  )
})

/**
 * The number whose key is read (default `META_PHONE_NUMBER_ID`).
 *
 * @since 0.1.0
 * @category requests
 */
export const EncryptionKeyRequest = Schema.Struct({ phoneNumberId: Schema.optional(Wire.PhoneNumberId) })

/**
 * @since 0.1.0
 * @category requests
 */
export const SetEncryptionKeyRequest = Schema.Struct({
  phoneNumberId: Schema.optional(Wire.PhoneNumberId),
  publicKey: PublicKeyPem
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Service extends
  FlowLifecycle.Service<
    typeof lifecycleRequests,
    typeof CreateRequest,
    typeof ListRequest,
    FlowDetail,
    typeof PreviewRequest,
    CloudApi.FlowPreview
  >
{
  /** A flow with its preview link, JSON version, endpoint, WABA and application. */
  readonly get: (request: typeof FlowRef.Encoded) => Effect.Effect<FlowDetail, AdminError.AdminError>
  /** The flow's files (its flow JSON, once uploaded) with the URLs they download from. */
  readonly assets: (request: typeof FlowRef.Encoded) => Effect.Effect<ReadonlyArray<FlowAsset>, AdminError.AdminError>
  /** Copies flows from another WABA. */
  readonly migrate: (request: typeof MigrateRequest.Encoded) => Effect.Effect<FlowMigration, AdminError.AdminError>
  /** The business public key of a number, if one is set. */
  readonly encryptionKey: (
    request?: typeof EncryptionKeyRequest.Encoded
  ) => Effect.Effect<Option.Option<CloudApi.BusinessPublicKey>, AdminError.AdminError>
  /** Sets (or replaces) the business public key of a number. */
  readonly setEncryptionKey: (
    request: typeof SetEncryptionKeyRequest.Encoded
  ) => Effect.Effect<void, AdminError.AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class MetaFlows extends Context.Tag("@wa-admin/meta/MetaFlows")<MetaFlows, Service>() {}

/**
 * The service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): Service => {
  const onWaba = operationsOn(client, "wabaId")
  const onNumber = operationsOn(client, "phoneNumberId")

  const listPage = client.call(Endpoints.listFlows)
  const list = onWaba.pages("flows.list", ListRequest, defaultPageSize, (wabaId, page) => listPage({ wabaId, ...page }))
  const assetsPage = client.call(Endpoints.listFlowAssets)
  const create = client.call(Endpoints.createFlow)
  const preview = client.call(Endpoints.flowPreview)
  const migrate = client.call(Endpoints.migrateFlows)
  const readKey = client.call(Endpoints.getEncryptionKey)
  const writeKey = client.call(Endpoints.setEncryptionKey)
  const encryptionKey = onNumber.make(
    "encryption.get",
    EncryptionKeyRequest,
    (_, phoneNumberId) => readKey({ phoneNumberId })
  )
  return {
    ...FlowLifecycle.make({ provider, client, endpoints: Endpoints, requests: lifecycleRequests }),
    list: (request) => list(request ?? {}),
    create: onWaba.make("flows.create", CreateRequest, (creation, wabaId) => create({ ...creation, wabaId })),
    get: operation("flows.get", FlowRef, client.call(Endpoints.getFlow)),
    preview: operation(
      "flows.preview",
      PreviewRequest,
      ({ flowId, invalidate }) => preview({ flowId, invalidate: invalidate ?? false })
    ),
    assets: operation(
      "flows.assets",
      FlowRef,
      ({ flowId }) =>
        Stream.runCollect(
          graphPages("flows.assets", defaultPageSize, (after) => assetsPage({ flowId, limit: defaultPageSize, after }))
        ).pipe(Effect.map(Chunk.toReadonlyArray))
    ),
    migrate: onWaba.make(
      "flows.migrate",
      MigrateRequest,
      ({ names, sourceWabaId }, wabaId) => migrate({ wabaId, sourceWabaId, names })
    ),
    encryptionKey: (request) => encryptionKey(request ?? {}),
    setEncryptionKey: onNumber.make(
      "encryption.set",
      SetEncryptionKeyRequest,
      ({ publicKey }, phoneNumberId) => Effect.asVoid(writeKey({ phoneNumberId, publicKey }))
    )
  }
}

/**
 * The `MetaFlows` service for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(MetaClient, fromClient)

/**
 * Provides `MetaFlows` for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(MetaFlows, make)

/**
 * The accessors: each method of the service in context (`MetaFlows.publish({ flowId })`).
 *
 * @since 0.1.0
 * @category accessors
 */
export const {
  assets,
  create,
  delete: remove,
  deprecate,
  encryptionKey,
  get,
  list,
  migrate,
  preview,
  publish,
  setEncryptionKey,
  updateJson,
  updateMetadata
} = Accessors.make(MetaFlows, ["list"])
