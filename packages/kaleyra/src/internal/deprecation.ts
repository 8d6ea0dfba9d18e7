/**
 * Why the Kaleyra adapter is deprecated, said once for the JSDoc, the capabilities and the log.
 *
 * @internal
 */

/** What the capabilities and the build-time warning say. */
export const deprecation =
  "Kaleyra says its WhatsApp Registration (activation) API is no longer in use; @wa-admin/kaleyra is kept only to " +
  "read and replay that step in migrations. Use Vonage WhatsApp Manager (@wa-admin/vonage) to provision numbers " +
  "and WOZTELL (@wa-admin/woztell) to administer them."
