/**
 * @wa-admin/vonage — the Vonage WhatsApp Manager adapter: deployments and OTP verification
 * (`NumberLifecycle`), business profile and photo (`BusinessProfile`), and stickerpacks and
 * stickers (`VonageStickers`), authenticated with application JWTs.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as VonageAdmin from "./VonageAdmin.js"
/** @since 0.1.0 */
export * as VonageBusinessProfile from "./VonageBusinessProfile.js"
/** @since 0.1.0 */
export * as VonageClient from "./VonageClient.js"
/** @since 0.1.0 */
export * as VonageNumberLifecycle from "./VonageNumberLifecycle.js"
/** @since 0.1.0 */
export * as VonageProvider from "./VonageProvider.js"
/** @since 0.1.0 */
export * as VonageStickers from "./VonageStickers.js"
