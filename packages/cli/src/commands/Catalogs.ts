/**
 * `wa-admin catalogs list` and `wa-admin products list` — the commerce catalogs of WOZTELL's
 * WABA and their products (the `WoztellCatalogs` extension). Any other provider answers
 * `Unsupported`.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { WoztellCatalogs } from "@wa-admin/woztell"
import { Effect } from "effect"
import * as GlobalOptions from "../GlobalOptions.js"
import * as Extension from "../internal/extension.js"
import * as Render from "../Render.js"
import { groupHandler } from "./internal.js"

const extension = Extension.woztell<WoztellCatalogs.WoztellCatalogs>(({ WoztellCatalogs }) => WoztellCatalogs.layer)

const list = Command.make("list", GlobalOptions.options, (config) =>
  Extension.run(extension, config, "catalogs.list", ({ WoztellCatalogs }) =>
    Extension.table(
      WoztellCatalogs.catalogs,
      WoztellCatalogs.Catalog,
      Render.columns<WoztellCatalogs.Catalog>([
        { title: "CATALOG ID", width: 18, value: (catalog) => catalog.id },
        { title: "NAME", width: 0, value: (catalog) => catalog.name ?? "" }
      ]),
      "(no catalogs)"
    ))).pipe(
    Command.withDescription("List the commerce catalogs of the WABA (under --json: one catalog per line).")
  )

const productsList = Command.make(
  "list",
  {
    ...GlobalOptions.options,
    catalogId: Options.text("catalog-id").pipe(Options.withDescription("The catalog (as `catalogs list` printed it)."))
  },
  (config) =>
    Extension.run(extension, config, "products.list", ({ WoztellCatalogs }) =>
      Effect.gen(function* () {
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
).pipe(Command.withDescription("List the products of a catalog (under --json: one product per line)."))

/**
 * `wa-admin catalogs …` (WOZTELL only).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("catalogs", {}, groupHandler("catalogs", ["list"])).pipe(
  Command.withDescription("WOZTELL only: the WABA's commerce catalogs (other providers answer Unsupported, exit 10)."),
  Command.withSubcommands([list])
)

/**
 * `wa-admin products …` (WOZTELL only).
 *
 * @since 0.1.0
 * @category commands
 */
export const products = Command.make("products", {}, groupHandler("products", ["list"])).pipe(
  Command.withDescription("WOZTELL only: the products of a commerce catalog (other providers answer Unsupported, exit 10)."),
  Command.withSubcommands([productsList])
)
