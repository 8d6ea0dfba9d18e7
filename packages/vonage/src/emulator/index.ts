/**
 * The Vonage WhatsApp Manager emulator, for tests and local development.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as VonageEmulator from "./VonageEmulator.js"
