/**
 * Meta extension: WhatsApp Business Accounts and the people who manage them (Business
 * Management API) — a WABA's details, the WABAs a business owns and those its clients shared
 * with it (each a stream over Graph's cursors, a repeated or oversized cursor refused as core's
 * `Paging` refuses it), and the users assigned to a WABA: list them, assign one with tasks,
 * remove one.
 *
 * The WABA defaults to `META_WABA_ID`, the business to `META_BUSINESS_ID`. The WABA shape is
 * WOZTELL's `WabaInfo` (`wabaId`, `name`, `namespace` …), so that a tool shows both alike.
 *
 * @example
 * import { MetaWaba } from "@wa-admin/meta"
 * import { Stream } from "effect"
 *
 * const owned = MetaWaba.owned({ businessId: "506914307656634" }).pipe(Stream.runCollect)
 * const assign = MetaWaba.assignUser({ userId: "2345678901234567", tasks: ["MANAGE_TEMPLATES"] })
 *
 * @since 0.1.0
 */
import type { AdminError } from "@wa-admin/core"
import { Accessors, CloudApi } from "@wa-admin/core/adapter"
import { Context, Effect, Layer, Schema, Stream } from "effect"
import * as Endpoints from "./internal/endpoints.js"
import { givenOrConfigured, graphPages, operationsOn } from "./internal/service.js"
import * as Wire from "./internal/wire.js"
import { MetaClient } from "./MetaClient.js"
import type { Service as ClientService } from "./MetaClient.js"
import type { AssignedUser, WabaInfo } from "./MetaModels.js"

export {
  /**
   * A user assigned to a WABA and the business it belongs to.
   *
   * @since 0.1.0
   * @category models
   */
  AssignedUser,
  /**
   * A WhatsApp Business Account: id, name, template namespace and what Meta says of it.
   *
   * @since 0.1.0
   * @category models
   */
  WabaInfo
} from "./MetaModels.js"

/**
 * The tasks a user can be given on a WABA (the document's `WhatsAppBusinessAccountPermissionTask`,
 * core `CloudApi.WabaPermissionTask`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Task = CloudApi.WabaPermissionTask

/**
 * @since 0.1.0
 * @category models
 */
export type Task = typeof Task.Type

/**
 * Items a listing page asks for when the caller gives no `pageSize`.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultPageSize = 25

const pageSize = Schema.optional(
  Schema.Int.pipe(Schema.between(1, 100, { message: () => "must be a whole number from 1 to 100" }))
)

/**
 * The WABA (default `META_WABA_ID`).
 *
 * @since 0.1.0
 * @category requests
 */
export const InfoRequest = Schema.Struct({ wabaId: Schema.optional(Wire.WabaId) })

/**
 * The WABAs of a business (default `META_BUSINESS_ID`).
 *
 * @since 0.1.0
 * @category requests
 */
export const BusinessRequest = Schema.Struct({ businessId: Schema.optional(Wire.BusinessId), pageSize })

/**
 * The users assigned to a WABA (default `META_WABA_ID`), as its owning business (default
 * `META_BUSINESS_ID`) sees them.
 *
 * @since 0.1.0
 * @category requests
 */
export const UsersRequest = Schema.Struct({
  wabaId: Schema.optional(Wire.WabaId),
  businessId: Schema.optional(Wire.BusinessId),
  pageSize
})

/**
 * A user of the business to assign to a WABA, with 1 to 16 tasks, none twice.
 *
 * @since 0.1.0
 * @category requests
 */
export const AssignRequest = Schema.Struct({
  wabaId: Schema.optional(Wire.WabaId),
  userId: Wire.UserId,
  tasks: Schema.Array(Task).pipe(
    Schema.minItems(1, { message: () => "must have at least one task" }),
    Schema.maxItems(16, { message: () => "must have at most 16 tasks" }),
    Schema.filter((tasks) => new Set(tasks).size === tasks.length || "must not name a task twice")
  )
})

/**
 * @since 0.1.0
 * @category requests
 */
export const RemoveRequest = Schema.Struct({ wabaId: Schema.optional(Wire.WabaId), userId: Wire.UserId })

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** A WABA's details. */
  readonly info: (request?: typeof InfoRequest.Encoded) => Effect.Effect<WabaInfo, AdminError.AdminError>
  /** The WABAs a business owns. */
  readonly owned: (request?: typeof BusinessRequest.Encoded) => Stream.Stream<WabaInfo, AdminError.AdminError>
  /** The WABAs other businesses shared with a business (its clients'). */
  readonly clients: (request?: typeof BusinessRequest.Encoded) => Stream.Stream<WabaInfo, AdminError.AdminError>
  /** The users assigned to a WABA. */
  readonly users: (request?: typeof UsersRequest.Encoded) => Stream.Stream<AssignedUser, AdminError.AdminError>
  /** Assigns a user of the business to a WABA with tasks. */
  readonly assignUser: (request: typeof AssignRequest.Encoded) => Effect.Effect<void, AdminError.AdminError>
  /** Removes a user's access to a WABA. */
  readonly removeUser: (request: typeof RemoveRequest.Encoded) => Effect.Effect<void, AdminError.AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class MetaWaba extends Context.Tag("@wa-admin/meta/MetaWaba")<MetaWaba, Service>() {}

/**
 * The service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): Service => {
  const onWaba = operationsOn(client, "wabaId")
  const onBusiness = operationsOn(client, "businessId")
  const read = client.call(Endpoints.getWaba)
  const ownedPage = client.call(Endpoints.ownedWabas)
  const clientPage = client.call(Endpoints.clientWabas)
  const usersPage = client.call(Endpoints.listAssignedUsers)
  const assign = client.call(Endpoints.assignUser)
  const remove = client.call(Endpoints.removeUser)
  const info = onWaba.make("waba.info", InfoRequest, (_, wabaId) => read({ wabaId }))
  const businessWabas = (operation: string, fetch: typeof ownedPage) =>
    onBusiness.pages(operation, BusinessRequest, defaultPageSize, (businessId, page) => fetch({ businessId, ...page }))
  const owned = businessWabas("waba.owned", ownedPage)
  const clients = businessWabas("waba.clients", clientPage)
  const users = onWaba.stream("waba.users.list", UsersRequest, (request, wabaId) => {
    const limit = request.pageSize ?? defaultPageSize
    return Stream.unwrap(
      Effect.map(
        givenOrConfigured(request.businessId, client.businessId, {
          operation: "waba.users.list",
          field: "businessId",
          variable: "META_BUSINESS_ID"
        }),
        (businessId) => graphPages("waba.users.list", limit, (after) => usersPage({ wabaId, businessId, limit, after }))
      )
    )
  })
  return {
    info: (request) => info(request ?? {}),
    owned: (request) => owned(request ?? {}),
    clients: (request) => clients(request ?? {}),
    users: (request) => users(request ?? {}),
    assignUser: onWaba.make(
      "waba.users.add",
      AssignRequest,
      ({ tasks, userId }, wabaId) => Effect.asVoid(assign({ wabaId, userId, tasks }))
    ),
    removeUser: onWaba.make(
      "waba.users.remove",
      RemoveRequest,
      ({ userId }, wabaId) => Effect.asVoid(remove({ wabaId, userId }))
    )
  }
}

/**
 * The `MetaWaba` service for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(MetaClient, fromClient)

/**
 * Provides `MetaWaba` for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(MetaWaba, make)

/**
 * The accessors: each method of the service in context (`MetaWaba.assignUser({ userId, tasks })`).
 *
 * @since 0.1.0
 * @category accessors
 */
export const { assignUser, clients, info, owned, removeUser, users } = Accessors.make(MetaWaba, [
  "owned",
  "clients",
  "users"
])
