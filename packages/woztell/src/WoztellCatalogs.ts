/**
 * WOZTELL extension: the commerce catalogs of the channel's WABA (GET /catalogs) and their
 * products (GET /products), as streams over WOZTELL's pages. Authenticates with the signed
 * context (and the access token, which the document lets every non-flow API take).
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Schema, Stream } from "effect"
import type { AdminError } from "@wa-admin/core"
import { Validation } from "@wa-admin/core"
import { pages } from "./internal/paging.js"
import * as Wire from "./internal/wire.js"
import { provider, WoztellClient } from "./WoztellClient.js"

/**
 * @since 0.1.0
 * @category models
 */
export class Catalog extends Schema.Class<Catalog>("@wa-admin/woztell/Catalog")({
  id: Schema.String,
  name: Schema.optional(Schema.String)
}) {}

/**
 * A product; `price` is formatted by Meta with its currency ("HK$900.00").
 *
 * @since 0.1.0
 * @category models
 */
export class Product extends Schema.Class<Product>("@wa-admin/woztell/Product")({
  id: Schema.String,
  name: Schema.optional(Schema.String),
  price: Schema.optional(Schema.String),
  imageUrl: Schema.optional(Schema.String),
  retailerId: Schema.optional(Schema.String)
}) {}

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

const spanned = (operation: string) =>
  Stream.withSpan(`wa-admin.woztell.${operation}`, { attributes: { "wa-admin.provider": provider }, captureStackTrace: false })

/**
 * The service over the client in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, WoztellClient> = Effect.map(WoztellClient, (client) => {
  const validateProducts = Validation.validate(ProductsRequest, { provider, operation: "catalogs.products" })
  return {
    catalogs: pages({
      operation: "catalogs.list",
      fetch: (after) =>
        client.read({
          operation: "catalogs.list",
          path: "/catalogs",
          query: { after },
          auth: "both",
          schema: Wire.CatalogsResponse
        }),
      items: (page) =>
        page.data.map((catalog) => new Catalog({ id: catalog.id, ...(catalog.name === undefined ? {} : { name: catalog.name }) })),
      paging: (page) => page.paging
    }).pipe(spanned("catalogs.list")),

    products: (request) =>
      Stream.unwrap(
        Effect.map(validateProducts(request), ({ catalogId }) =>
          pages({
            operation: "catalogs.products",
            fetch: (after) =>
              client.read({
                operation: "catalogs.products",
                path: "/products",
                query: { catalogId, after },
                auth: "both",
                schema: Wire.ProductsResponse,
                notFound: { resource: "catalog", id: catalogId }
              }),
            items: (page) =>
              page.data.map(
                (product) =>
                  new Product({
                    id: product.id,
                    ...(product.name === undefined ? {} : { name: product.name }),
                    ...(product.price === undefined ? {} : { price: product.price }),
                    ...(product.image_url === undefined ? {} : { imageUrl: product.image_url }),
                    ...(product.retailer_id === undefined ? {} : { retailerId: product.retailer_id })
                  })
              ),
            paging: (page) => page.paging
          })
        )
      ).pipe(spanned("catalogs.products"))
  }
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<WoztellCatalogs, never, WoztellClient> = Layer.effect(WoztellCatalogs, make)

/** @since 0.1.0 @category accessors */
export const catalogs: Stream.Stream<Catalog, AdminError.AdminError, WoztellCatalogs> = Stream.unwrap(
  Effect.map(WoztellCatalogs, (service) => service.catalogs)
)
/** @since 0.1.0 @category accessors */
export const products = (request: typeof ProductsRequest.Encoded) =>
  Stream.unwrap(Effect.map(WoztellCatalogs, (service) => service.products(request)))
