/**
 * Vonage WhatsApp Manager's wire formats, as its OpenAPI document (v0.1.5) and reference show
 * them, and the WhatsApp Template Management API's (1.0.1, from the facts page), each decoding
 * straight into the domain model (renames with `Schema.fromKey`, Vonage's spellings through
 * transformations) and encoding requests from it. Private to the adapter: never exported from
 * the package.
 *
 * Reads are lenient where the document is: every response property is optional unless the
 * adapter cannot work without it, identifiers may arrive as strings or numbers, unknown fields
 * are ignored.
 *
 * One module per concern under `wire/`, so that a program bundles only the schemas of the
 * services it uses (a profile read carries no template schema); the adapter's modules import
 * them from there, and this module gathers them all.
 */
export * from "./wire/common.js"
export * from "./wire/deployments.js"
export * from "./wire/ids.js"
export * from "./wire/media.js"
export * from "./wire/profile.js"
export * from "./wire/stickers.js"
export * from "./wire/templates.js"
