/**
 * The WOZTELL WhatsApp Cloud public API emulator, for tests.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as WoztellEmulator from "./WoztellEmulator.js"
