/**
 * `wa-admin catalogs list` and `wa-admin products list` — the commerce catalogs of WOZTELL's
 * WABA and their products (the `WoztellCatalogs` extension). Any other provider answers
 * `Unsupported`.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as GlobalOptions from "../GlobalOptions.js"
import { lazy } from "./internal.js"

const programs = lazy(() => import("../programs/Catalogs.js"))

const list = Command.make("list", GlobalOptions.options, programs((catalogs) => catalogs.list)).pipe(
  Command.withDescription("List the commerce catalogs of the WABA. Under --json: one catalog per line.")
)

const productsListFlags = {
  ...GlobalOptions.options,
  catalogId: Options.text("catalog-id").pipe(Options.withDescription("The catalog (as `catalogs list` printed it)."))
}

/** The flags of `products list`, parsed. */
export type ProductsList = Command.Command.ParseConfig<typeof productsListFlags>

const productsList = Command.make("list", productsListFlags, programs((catalogs) => catalogs.productsList)).pipe(
  Command.withDescription("List the products of a catalog. Under --json: one product per line.")
)

/**
 * `wa-admin catalogs …` (WOZTELL only).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("catalogs").pipe(
  Command.withDescription("WOZTELL: the WABA's commerce catalogs. Other providers answer Unsupported (exit 10)."),
  Command.withSubcommands([list])
)

/**
 * `wa-admin products …` (WOZTELL only).
 *
 * @since 0.1.0
 * @category commands
 */
export const products = Command.make("products").pipe(
  Command.withDescription("WOZTELL: the products of a commerce catalog. Other providers answer Unsupported (exit 10)."),
  Command.withSubcommands([productsList])
)
