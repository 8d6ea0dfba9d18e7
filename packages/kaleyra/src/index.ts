/**
 * @wa-admin/kaleyra — Kaleyra's legacy WhatsApp activation for wa-admin. **Deprecated**: Kaleyra
 * says the API is no longer in use; the adapter exists so that migrations can read and replay
 * that step. Use `@wa-admin/vonage` to provision numbers and `@wa-admin/woztell` to administer
 * them.
 *
 * @since 0.1.0
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */

/**
 * @since 0.1.0
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use; use `@wa-admin/vonage`.
 */
export * as KaleyraAdmin from "./KaleyraAdmin.js"
/**
 * @since 0.1.0
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use; use `@wa-admin/vonage`.
 */
export * as KaleyraClient from "./KaleyraClient.js"
/**
 * @since 0.1.0
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use; use `@wa-admin/vonage`.
 */
export * as KaleyraNumberLifecycle from "./KaleyraNumberLifecycle.js"
/**
 * @since 0.1.0
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use; use `@wa-admin/vonage`.
 */
export * as KaleyraProvider from "./KaleyraProvider.js"
