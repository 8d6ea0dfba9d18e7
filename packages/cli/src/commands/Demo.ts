/**
 * `wa-admin demo` — the end-to-end story against the four provider emulators, started in this
 * process on loopback, printed step by step.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import { lazy } from "./internal.js"

// Loaded on first use: the story brings every adapter and emulator with it.
const programs = lazy(() => import("../programs/Demo.js"))

/**
 * `wa-admin demo`
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("demo", {}, programs((demo) => demo.tell)).pipe(
  Command.withDescription(
    "Tell the end-to-end story against the four provider emulators. The Vonage, WOZTELL, Meta and Kaleyra " +
      "emulators start in this process on loopback: provision and verify a number on Vonage, set its profile, " +
      "migrate the profile to WOZTELL, migrate templates between two WOZTELL WABAs (twice: the second plan is " +
      "empty), move them to Meta with an image header's file carried across, activate on Kaleyra (deprecated), and " +
      "ask Capabilities. Needs no credentials."
  )
)
