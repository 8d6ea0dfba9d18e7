/**
 * Why the Kaleyra adapter is deprecated, said once for the JSDoc, the capabilities and the log.
 *
 * @internal
 */
import { Effect } from "effect"
import { deprecation } from "../KaleyraProvider.js"
import { provider } from "./wire.js"

/** What the capabilities and the build-time warning say: the descriptor's words. */
export { deprecation }

/** The warning building the adapter logs, once per build. */
export const warning: Effect.Effect<void> = Effect.logWarning(`@wa-admin/kaleyra is deprecated: ${deprecation}`).pipe(
  Effect.annotateLogs({ "wa-admin.provider": provider })
)
