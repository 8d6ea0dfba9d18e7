/**
 * `wa-admin catalogs list` and `wa-admin products list` — the commerce catalogs of WOZTELL's
 * WABA and their products (the `WoztellCatalogs` extension). Any other provider answers
 * `Unsupported`.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import { commandsOf, type FlagsOf, text } from "./internal.js"

const catalogFlags = { list: {} }

const productFlags = { list: { catalogId: text("catalog-id", "The catalog (as `catalogs list` printed it).") } }

/** The flags of `products list`, parsed. */
export type ProductsList = FlagsOf<typeof productFlags>["list"]

const load = () => import("../programs/Catalogs.js")

/**
 * `wa-admin catalogs …` (WOZTELL only).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("catalogs").pipe(
  Command.withDescription("WOZTELL: the WABA's commerce catalogs. Other providers answer Unsupported (exit 10)."),
  Command.withSubcommands([
    commandsOf(load, catalogFlags)(
      "list",
      (catalogs) => catalogs.list,
      "List the commerce catalogs of the WABA. Under --json: one catalog per line."
    )
  ])
)

/**
 * `wa-admin products …` (WOZTELL only).
 *
 * @since 0.1.0
 * @category commands
 */
export const products = Command.make("products").pipe(
  Command.withDescription("WOZTELL: the products of a commerce catalog. Other providers answer Unsupported (exit 10)."),
  Command.withSubcommands([
    commandsOf(load, productFlags)(
      "list",
      (catalogs) => catalogs.productsList,
      "List the products of a catalog. Under --json: one product per line."
    )
  ])
)
