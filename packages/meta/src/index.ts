/**
 * @wa-admin/meta — the Meta WhatsApp Cloud API + Business Management API (Graph API) adapter:
 * numbers added to a WABA, verified and registered (`NumberLifecycle`, `MetaNumbers`), the
 * business profile and its photo (`BusinessProfile`), media and template assets (`Media`,
 * `MetaMedia`) and message templates (`Templates`), authenticated with an access token (and
 * `appsecret_proof`), Meta's limits kept on this side (`MetaQuota`).
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as MetaAdmin from "./MetaAdmin.js"
/** @since 0.1.0 */
export * as MetaBusinessProfile from "./MetaBusinessProfile.js"
/** @since 0.1.0 */
export * as MetaClient from "./MetaClient.js"
/** @since 0.1.0 */
export * as MetaMedia from "./MetaMedia.js"
/** @since 0.1.0 */
export * as MetaNumberLifecycle from "./MetaNumberLifecycle.js"
/** @since 0.1.0 */
export * as MetaNumbers from "./MetaNumbers.js"
/** @since 0.1.0 */
export * as MetaQuota from "./MetaQuota.js"
/** @since 0.1.0 */
export * as MetaTemplates from "./MetaTemplates.js"
