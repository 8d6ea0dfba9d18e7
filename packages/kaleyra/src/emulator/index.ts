/**
 * The Kaleyra activation emulator, for tests of migration tooling.
 *
 * @since 0.1.0
 * @deprecated Kaleyra says its WhatsApp Registration API is no longer in use.
 */

/**
 * @since 0.1.0
 * @deprecated Kaleyra says its WhatsApp Registration API is no longer in use.
 */
export * as KaleyraEmulator from "./KaleyraEmulator.js"
