/**
 * @wa-admin/meta — the Meta WhatsApp Cloud API + Business Management API (Graph API) adapter:
 * numbers added to a WABA, verified and registered (`NumberLifecycle`, `MetaNumbers`), the
 * business profile and its photo (`BusinessProfile`), media and template assets (`Media`,
 * `MetaMedia`) and message templates (`Templates`, Meta's same-business migration in
 * `MetaTemplates`), flows and their encryption key (`MetaFlows`), QR codes (`MetaQrCodes`),
 * commerce settings (`MetaCommerce`), conversational automation (`MetaAutomation`), webhook
 * subscriptions (`MetaWebhooks`) and WABAs with their users (`MetaWaba`), authenticated with an
 * access token (and `appsecret_proof`), Meta's limits kept on this side (`MetaQuota`).
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as MetaAdmin from "./MetaAdmin.js"
/** @since 0.1.0 */
export * as MetaAutomation from "./MetaAutomation.js"
/** @since 0.1.0 */
export * as MetaBusinessProfile from "./MetaBusinessProfile.js"
/** @since 0.1.0 */
export * as MetaClient from "./MetaClient.js"
/** @since 0.1.0 */
export * as MetaCommerce from "./MetaCommerce.js"
/** @since 0.1.0 */
export * as MetaFlows from "./MetaFlows.js"
/** @since 0.1.0 */
export * as MetaMedia from "./MetaMedia.js"
/**
 * The models the Meta extensions answer with (`QrCode`, `Subscription`, `WabaInfo`,
 * `AssignedUser`, `NumberStatus`, `FlowDetail`, `MediaInfo` …), public schemas for a tool to
 * encode and decode.
 *
 * @since 0.1.0
 */
export * as MetaModels from "./MetaModels.js"
/** @since 0.1.0 */
export * as MetaNumberLifecycle from "./MetaNumberLifecycle.js"
/** @since 0.1.0 */
export * as MetaNumbers from "./MetaNumbers.js"
/** @since 0.1.0 */
export * as MetaProvider from "./MetaProvider.js"
/** @since 0.1.0 */
export * as MetaQrCodes from "./MetaQrCodes.js"
/** @since 0.1.0 */
export * as MetaQuota from "./MetaQuota.js"
/** @since 0.1.0 */
export * as MetaTemplates from "./MetaTemplates.js"
/** @since 0.1.0 */
export * as MetaWaba from "./MetaWaba.js"
/** @since 0.1.0 */
export * as MetaWebhooks from "./MetaWebhooks.js"
