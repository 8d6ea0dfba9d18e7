/**
 * `wa-admin demo` — the end-to-end story, printed step by step.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import { Option } from "effect"
import * as Demo from "../Demo.js"
import * as Session from "../Session.js"

/**
 * `wa-admin demo`
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("demo", {}, () =>
  Session.runLocal({ json: false, provider: Option.none() }, Demo.inMemory)).pipe(
    Command.withDescription(
      "Run the end-to-end story against the in-memory reference adapter: provision, verify, profile, media, " +
        "templates, capabilities. Needs no credentials."
    )
  )
