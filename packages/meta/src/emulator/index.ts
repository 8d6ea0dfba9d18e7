/**
 * The Meta Graph API emulator (WhatsApp Cloud API + Business Management API), for tests and local development.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as MetaEmulator from "./MetaEmulator.js"
