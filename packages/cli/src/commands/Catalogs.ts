/**
 * `wa-admin catalogs list` and `wa-admin products list` — the commerce catalogs of WOZTELL's
 * WABA and their products (the `WoztellCatalogs` extension). Any other provider answers
 * `Unsupported`.
 *
 * @since 0.1.0
 */
import { commandGroup, type FlagsOf, text } from "./internal.js"

const catalogFlags = { list: {} }

const productFlags = { list: { catalogId: text("catalog-id", "The catalog (as `catalogs list` printed it).") } }

/** The flags of `products list`, parsed. */
export type ProductsList = FlagsOf<typeof productFlags>["list"]

const programs = () => import("../programs/Catalogs.js")

/**
 * `wa-admin catalogs …` (WOZTELL only).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = commandGroup({
  name: "catalogs",
  description: "WOZTELL: the WABA's commerce catalogs.",
  extension: true,
  commands: [["list", "List the commerce catalogs of the WABA. Under --json: one catalog per line."]],
  programs,
  flags: catalogFlags
})

/**
 * `wa-admin products …` (WOZTELL only).
 *
 * @since 0.1.0
 * @category commands
 */
export const products = commandGroup({
  name: "products",
  description: "WOZTELL: the products of a commerce catalog.",
  extension: true,
  commands: [
    ["list", (catalogs) => catalogs.productsList, "List the products of a catalog. Under --json: one product per line."]
  ],
  programs,
  flags: productFlags
})
