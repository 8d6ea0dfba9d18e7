/**
 * Why the Kaleyra adapter is deprecated, said once for the JSDoc, the capabilities and the log.
 *
 * @internal
 */
import { Effect } from "effect"
import { provider } from "./wire.js"

/** What the capabilities and the build-time warning say. */
export const deprecation =
  "Kaleyra says its WhatsApp Registration (activation) API is no longer in use; @wa-admin/kaleyra is kept only to " +
  "read and replay that step in migrations. Use Vonage WhatsApp Manager (@wa-admin/vonage) to provision numbers " +
  "and WOZTELL (@wa-admin/woztell) to administer them."

/** The warning building the adapter logs, once per build. */
export const warning: Effect.Effect<void> = Effect.logWarning(`@wa-admin/kaleyra is deprecated: ${deprecation}`).pipe(
  Effect.annotateLogs({ "wa-admin.provider": provider })
)
