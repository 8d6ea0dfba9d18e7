/**
 * What `wa-admin catalogs list` and `wa-admin products list` do once their flags are parsed
 * (loaded when one of them runs; the WOZTELL adapter is loaded only when the chosen provider is
 * WOZTELL).
 *
 * @since 0.1.0
 */
import { WoztellCatalogs, WoztellProvider } from "@wa-admin/woztell"
import { Effect } from "effect"
import type * as Catalogs from "../commands/Catalogs.js"
import type * as GlobalOptions from "../GlobalOptions.js"
import * as Extension from "../internal/extension.js"
import * as WoztellLayer from "../internal/woztell.js"
import * as Render from "../Render.js"

const extension = Extension.make({
  provider: WoztellProvider,
  module: { WoztellCatalogs },
  layer: WoztellLayer.layer
})

/**
 * `wa-admin catalogs list`
 *
 * @since 0.1.0
 * @category programs
 */
export const list = (config: GlobalOptions.Globals) =>
  Extension.run(extension, config, "catalogs.list", ({ WoztellCatalogs }) =>
    Extension.table(
      WoztellCatalogs.catalogs,
      WoztellCatalogs.Catalog,
      Render.columns<WoztellCatalogs.Catalog>([
        { title: "CATALOG ID", width: 18, value: (catalog) => catalog.id },
        { title: "NAME", width: 0, value: (catalog) => catalog.name ?? "" }
      ]),
      "(no catalogs)"
    ))

/**
 * `wa-admin products list`
 *
 * @since 0.1.0
 * @category programs
 */
export const productsList = (config: Catalogs.ProductsList) =>
  Extension.run(extension, config, "products.list", ({ WoztellCatalogs }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(WoztellCatalogs.ProductsRequest, {
        provider: "woztell",
        operation: "catalogs.products"
      })({ catalogId: config.catalogId })
      yield* Extension.table(
        WoztellCatalogs.products(request),
        WoztellCatalogs.Product,
        Render.columns<WoztellCatalogs.Product>([
          { title: "PRODUCT ID", width: 18, value: (product) => product.id },
          { title: "RETAILER ID", width: 12, value: (product) => product.retailerId ?? "" },
          { title: "PRICE", width: 12, value: (product) => product.price ?? "" },
          { title: "NAME", width: 0, value: (product) => product.name ?? "" }
        ]),
        "(no products)"
      )
    }))
