/**
 * @wa-admin/woztell — the WOZTELL WhatsApp Cloud adapter: business profile, media, templates
 * and number status through the wa-admin port, plus flows, analytics, catalogs, business
 * encryption and WABA info as WOZTELL extensions.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as QuotaStore from "./QuotaStore.js"
/** @since 0.1.0 */
export * as WoztellAdmin from "./WoztellAdmin.js"
/** @since 0.1.0 */
export * as WoztellAnalytics from "./WoztellAnalytics.js"
/** @since 0.1.0 */
export * as WoztellBusinessProfile from "./WoztellBusinessProfile.js"
/** @since 0.1.0 */
export * as WoztellCatalogs from "./WoztellCatalogs.js"
/** @since 0.1.0 */
export * as WoztellClient from "./WoztellClient.js"
/** @since 0.1.0 */
export * as WoztellEncryption from "./WoztellEncryption.js"
/** @since 0.1.0 */
export * as WoztellFlows from "./WoztellFlows.js"
/** @since 0.1.0 */
export * as WoztellMedia from "./WoztellMedia.js"
/** @since 0.1.0 */
export * as WoztellNumberLifecycle from "./WoztellNumberLifecycle.js"
/** @since 0.1.0 */
export * as WoztellProvider from "./WoztellProvider.js"
/** @since 0.1.0 */
export * as WoztellTemplates from "./WoztellTemplates.js"
/** @since 0.1.0 */
export * as WoztellWaba from "./WoztellWaba.js"
