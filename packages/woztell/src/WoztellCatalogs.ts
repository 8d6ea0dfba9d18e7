/**
 * WOZTELL extension: the commerce catalogs of the channel's WABA (GET /catalogs) and their
 * products (GET /products), as streams over WOZTELL's pages. Authenticates with the signed
 * context (and the access token, which the document lets every non-flow API take).
 *
 * @since 0.1.0
 */
import type { AdminError } from "@wa-admin/core"
import { Operation } from "@wa-admin/core/adapter"
import { Context, Effect, Layer, Schema, Stream } from "effect"
import * as Endpoints from "./internal/endpoints.js"
import type { Catalog, Product } from "./internal/models.js"
import { pages } from "./internal/paging.js"
import * as Wire from "./internal/wire.js"
import { provider, WoztellClient } from "./WoztellClient.js"
import type { Service as ClientService } from "./WoztellClient.js"

export {
  /**
   * A commerce catalog of the WABA.
   *
   * @since 0.1.0
   * @category models
   */
  Catalog,
  /**
   * A product; `price` is formatted by Meta with its currency ("HK$900.00").
   *
   * @since 0.1.0
   * @category models
   */
  Product
} from "./internal/models.js"

/**
 * @since 0.1.0
 * @category requests
 */
export const ProductsRequest = Schema.Struct({ catalogId: Wire.CatalogId })

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The catalogs associated with the WABA. */
  readonly catalogs: Stream.Stream<Catalog, AdminError.AdminError>
  /** The products of a catalog. */
  readonly products: (request: typeof ProductsRequest.Encoded) => Stream.Stream<Product, AdminError.AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class WoztellCatalogs extends Context.Tag("@wa-admin/woztell/WoztellCatalogs")<WoztellCatalogs, Service>() {}

/**
 * The service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): Service => {
  const catalogs = client.call(Endpoints.catalogs)
  const products = client.call(Endpoints.products)
  const listCatalogs = Operation.stream({
    provider,
    operation: "catalogs.list",
    input: Schema.Void,
    run: () =>
      pages({
        operation: "catalogs.list",
        fetch: (after) => catalogs({ after }),
        items: (page) => page.data,
        paging: (page) => page.paging
      })
  })
  return {
    catalogs: listCatalogs(undefined),
    products: Operation.stream({
      provider,
      operation: "catalogs.products",
      input: ProductsRequest,
      run: ({ catalogId }) =>
        pages({
          operation: "catalogs.products",
          fetch: (after) => products({ catalogId, after }),
          items: (page) => page.data,
          paging: (page) => page.paging
        })
    })
  }
}

/**
 * The `WoztellCatalogs` service for the `WoztellClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(WoztellClient, fromClient)

/**
 * Provides `WoztellCatalogs` for the `WoztellClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(WoztellCatalogs, make)

/** @since 0.1.0 @category accessors */
export const catalogs: Stream.Stream<Catalog, AdminError.AdminError, WoztellCatalogs> = Stream.unwrap(
  Effect.map(WoztellCatalogs, (service) => service.catalogs)
)
/** @since 0.1.0 @category accessors */
export const products = (request: typeof ProductsRequest.Encoded) =>
  Stream.unwrap(Effect.map(WoztellCatalogs, (service) => service.products(request)))
