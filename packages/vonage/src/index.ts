/**
 * @wa-admin/vonage — the Vonage WhatsApp Manager adapter: deployments and OTP verification
 * (`NumberLifecycle`), business profile and photo (`BusinessProfile`), message templates on the
 * v2 template API (`VonageTemplates`), template header assets (`VonageMedia`), and stickerpacks
 * and stickers (`VonageStickers`), authenticated with application JWTs.
 *
 * A program bundles only the modules it uses. `VonageLazyProvider` (the descriptor that loads
 * the adapter on first use) is not re-exported here: import it as `@wa-admin/vonage/provider`.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as VonageAdmin from "./VonageAdmin.js"
/** @since 0.1.0 */
export * as VonageBusinessProfile from "./VonageBusinessProfile.js"
/** @since 0.1.0 */
export * as VonageClient from "./VonageClient.js"
/** @since 0.2.0 */
export * as VonageMedia from "./VonageMedia.js"
/** @since 0.1.0 */
export * as VonageNumberLifecycle from "./VonageNumberLifecycle.js"
/** @since 0.1.0 */
export * as VonageProvider from "./VonageProvider.js"
/** @since 0.1.0 */
export * as VonageStickers from "./VonageStickers.js"
/** @since 0.2.0 */
export * as VonageTemplates from "./VonageTemplates.js"
