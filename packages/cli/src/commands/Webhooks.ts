/**
 * `wa-admin webhooks subscriptions …` — Meta's webhook subscriptions of a WABA (the
 * `MetaWebhooks` extension): which apps receive its webhooks, subscribing the token's app (to
 * its own callback URL or another one), unsubscribing it. Any other provider answers
 * `Unsupported`.
 *
 * @since 0.2.0
 */
import * as Options from "@effect/cli/Options"
import { commandGroup, extensionGroup, type FlagsOf, optionalText } from "./internal.js"

const wabaId = optionalText("waba-id", "The WhatsApp Business Account (default: META_WABA_ID).", "id")

const byWaba = { wabaId }

const subscribeFlags = {
  wabaId,
  callbackUrl: optionalText(
    "callback-url",
    "Send this WABA's webhooks to this https URL instead of the app's (with --verify-token).",
    "url"
  ),
  verifyToken: Options.redacted("verify-token").pipe(
    Options.withPseudoName("token"),
    Options.withDescription("The token Meta sends to --callback-url to verify it (never printed)."),
    Options.optional
  )
}

const flags = {
  list: byWaba,
  add: subscribeFlags,
  remove: byWaba
}

/** The flags of each command of the group, parsed (`Flags["get"]`: those of its `get`). */
export type Flags = FlagsOf<typeof flags>

const subscriptions = commandGroup({
  name: "subscriptions",
  description: "The apps subscribed to a WABA's webhooks.",
  commands: [
    ["list", "List the apps subscribed to the WABA's webhooks (and their callback URL, if overridden)."],
    [
      "add",
      (webhooks) => webhooks.subscribe,
      "Subscribe the access token's app to the WABA's webhooks (again, to change the callback URL)."
    ],
    ["remove", (webhooks) => webhooks.unsubscribe, "Unsubscribe the access token's app from the WABA's webhooks."]
  ],
  programs: () => import("../programs/Webhooks.js"),
  flags
})

/**
 * `wa-admin webhooks …` (Meta only).
 *
 * @since 0.2.0
 * @category commands
 */
export const command = extensionGroup(
  "webhooks",
  "Meta: which apps receive a WABA's webhooks, and where.",
  [subscriptions]
)
