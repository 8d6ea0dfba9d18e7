/**
 * @wa-admin/fleet — fleet jobs (template and profile migrations, audits over many WABAs) as
 * durable workflows: on a cluster of runners sharing a PostgreSQL database, or in one process on
 * SQLite.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as ConfigMessage from "./ConfigMessage.js"
/**
 * @since 0.1.0
 */
export * as Fleet from "./Fleet.js"
/**
 * @since 0.1.0
 */
export * as Job from "./Job.js"
/**
 * @since 0.1.0
 */
export * as Providers from "./Providers.js"
/**
 * @since 0.1.0
 */
export * as Runner from "./Runner.js"
/**
 * @since 0.1.0
 */
export * as Workflows from "./Workflows.js"
