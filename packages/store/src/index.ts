/**
 * @wa-admin/store — wa-admin's state in SQL: quota histories, migration journals and per-item
 * leases, on SQLite (the embedded default) or PostgreSQL (shared by a fleet).
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as Leases from "./Leases.js"
/**
 * @since 0.1.0
 */
export * as LegacyImport from "./LegacyImport.js"
/**
 * @since 0.1.0
 */
export * as Store from "./Store.js"
