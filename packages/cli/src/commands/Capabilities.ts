/**
 * `wa-admin capabilities` — what the chosen provider can do, before calling it.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as GlobalOptions from "../GlobalOptions.js"
import { lazy } from "./internal.js"

const programs = lazy(() => import("../programs/Capabilities.js"))

/**
 * `wa-admin capabilities`
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make(
  "capabilities",
  GlobalOptions.options,
  programs((capabilities) => capabilities.show)
)
  .pipe(
    Command.withDescription(
      "Show which operations the provider supports, its support status and extensions. ✓ marks an operation it " +
        "supports, – one that fails with Unsupported. Needs no credentials: the answer comes from the provider's descriptor."
    )
  )
