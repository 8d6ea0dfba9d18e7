/**
 * `wa-admin webhooks subscriptions …` — Meta's webhook subscriptions of a WABA (the
 * `MetaWebhooks` extension): which apps receive its webhooks, subscribing the token's app (to
 * its own callback URL or another one), unsubscribing it. Any other provider answers
 * `Unsupported`.
 *
 * @since 0.2.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as GlobalOptions from "../GlobalOptions.js"
import { lazy } from "./internal.js"

const programs = lazy(() => import("../programs/Webhooks.js"))

const wabaId = Options.text("waba-id").pipe(
  Options.withPseudoName("id"),
  Options.withDescription("The WhatsApp Business Account (default: META_WABA_ID)."),
  Options.optional
)

const byWaba = { ...GlobalOptions.options, wabaId }

/** The flags of `webhooks subscriptions list` and `remove`, parsed. */
export type ByWaba = Command.Command.ParseConfig<typeof byWaba>

const subscribeFlags = {
  ...GlobalOptions.options,
  wabaId,
  callbackUrl: Options.text("callback-url").pipe(
    Options.withPseudoName("url"),
    Options.withDescription("Send this WABA's webhooks to this https URL instead of the app's (with --verify-token)."),
    Options.optional
  ),
  verifyToken: Options.redacted("verify-token").pipe(
    Options.withPseudoName("token"),
    Options.withDescription("The token Meta sends to --callback-url to verify it (never printed)."),
    Options.optional
  )
}

/** The flags of `webhooks subscriptions add`, parsed. */
export type Subscribe = Command.Command.ParseConfig<typeof subscribeFlags>

const subscriptions = Command.make("subscriptions").pipe(
  Command.withDescription("The apps subscribed to a WABA's webhooks."),
  Command.withSubcommands([
    Command.make("list", byWaba, programs((webhooks) => webhooks.list)).pipe(
      Command.withDescription(
        "List the apps subscribed to the WABA's webhooks (and their callback URL, if overridden)."
      )
    ),
    Command.make("add", subscribeFlags, programs((webhooks) => webhooks.subscribe)).pipe(
      Command.withDescription(
        "Subscribe the access token's app to the WABA's webhooks (again, to change the callback URL)."
      )
    ),
    Command.make("remove", byWaba, programs((webhooks) => webhooks.unsubscribe)).pipe(
      Command.withDescription("Unsubscribe the access token's app from the WABA's webhooks.")
    )
  ])
)

/**
 * `wa-admin webhooks …` (Meta only).
 *
 * @since 0.2.0
 * @category commands
 */
export const command = Command.make("webhooks").pipe(
  Command.withDescription(
    "Meta: which apps receive a WABA's webhooks, and where. Other providers answer Unsupported (exit 10)."
  ),
  Command.withSubcommands([subscriptions])
)
