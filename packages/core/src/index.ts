/**
 * @wa-admin/core — the provider-neutral port for administering WhatsApp Business numbers.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as AdminError from "./AdminError.js"
/** @since 0.1.0 */
export * as BusinessProfile from "./BusinessProfile.js"
/** @since 0.1.0 */
export * as Capabilities from "./Capabilities.js"
/** @since 0.1.0 */
export * as Id from "./Id.js"
/** @since 0.2.0 */
export * as Flow from "./Flow.js"
/** @since 0.1.0 */
export * as Media from "./Media.js"
/** @since 0.1.0 */
export * as MediaHandle from "./MediaHandle.js"
/** @since 0.1.0 */
export * as NumberLifecycle from "./NumberLifecycle.js"
/** @since 0.1.0 */
export * as PhoneNumber from "./PhoneNumber.js"
/** @since 0.1.0 */
export * as Port from "./Port.js"
/** @since 0.1.0 */
export * as Profile from "./Profile.js"
/** @since 0.1.0 */
export * as QuotaLedger from "./QuotaLedger.js"
/** @since 0.1.0 */
export * as Registration from "./Registration.js"
/** @since 0.1.0 */
export * as Template from "./Template.js"
/** @since 0.1.0 */
export * as Templates from "./Templates.js"
/**
 * Carrying a media-header template's file to another provider: uploaded when the target takes
 * files, its URL kept when it takes URLs; what cannot be carried refused before it is sent.
 *
 * @since 0.2.0
 */
export * as TemplateAssets from "./TemplateAssets.js"
/** @since 0.1.0 */
export * as Url from "./Url.js"
/** @since 0.1.0 */
export * as Validation from "./Validation.js"
/** @since 0.1.0 */
export * as Vertical from "./Vertical.js"
/** @since 0.1.0 */
export * as Transport from "./http/Transport.js"
/** @since 0.1.0 */
export * as Redaction from "./http/Redaction.js"
/** @since 0.1.0 */
export * as Problem from "./http/Problem.js"
/** @since 0.1.0 */
export * as Path from "./http/Path.js"
/** @since 0.1.0 */
export * as Paging from "./http/Paging.js"
/** @since 0.1.0 */
export * as Body from "./http/Body.js"
/** @since 0.1.0 */
export * as HeaderValue from "./http/HeaderValue.js"
/** @since 0.1.0 */
export * as Download from "./http/Download.js"
/** @since 0.1.0 */
export * as TenantRegistry from "./TenantRegistry.js"
/** @since 0.1.0 */
export * as WhatsAppAdmin from "./WhatsAppAdmin.js"
/** @since 0.1.0 */
export * as MigrationJournal from "./MigrationJournal.js"
/** @since 0.1.0 */
export * as ProfileMigration from "./ProfileMigration.js"
/** @since 0.1.0 */
export * as TemplateMigration from "./TemplateMigration.js"
