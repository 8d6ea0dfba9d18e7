/**
 * `wa-admin waba …` — the WhatsApp Business Account: behind WOZTELL's channel (the
 * `WoztellWaba` extension), or on Meta (`MetaWaba`: a WABA, a business's WABAs, its users). Any
 * other provider answers `Unsupported`.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { MetaWaba } from "@wa-admin/meta"
import * as GlobalOptions from "../GlobalOptions.js"
import { allOf, lazy } from "./internal.js"

const programs = lazy(() => import("../programs/Waba.js"))

const infoFlags = {
  ...GlobalOptions.options,
  channelId: Options.text("channel-id").pipe(
    Options.withDescription("The WOZTELL channel whose WABA to show (default: WOZTELL_CHANNEL_ID)."),
    Options.optional
  ),
  wabaId: Options.text("waba-id").pipe(
    Options.withDescription(
      "The WABA to show, by id (instead of --channel-id; default: WOZTELL_WABA_ID without a channel, META_WABA_ID on Meta)."
    ),
    Options.optional
  )
}

/** The flags of `waba info`, parsed. */
export type Info = Command.Command.ParseConfig<typeof infoFlags>

const info = Command.make("info", infoFlags, programs((waba) => waba.info)).pipe(
  Command.withDescription(
    "Show the WABA (WOZTELL: behind the channel — id, name, namespace, phone number; Meta: id, name, namespace, " +
      "currency, time zone, review and verification status)."
  )
)

const businessFlags = {
  ...GlobalOptions.options,
  businessId: Options.text("business-id").pipe(
    Options.withPseudoName("id"),
    Options.withDescription("The business (portfolio) whose WABAs to list (default: META_BUSINESS_ID)."),
    Options.optional
  )
}

/** The flags of `waba owned` and `waba clients`, parsed. */
export type ByBusiness = Command.Command.ParseConfig<typeof businessFlags>

const usersFlags = {
  ...GlobalOptions.options,
  wabaId: Options.text("waba-id").pipe(
    Options.withPseudoName("id"),
    Options.withDescription("The WABA whose users to list (default: META_WABA_ID)."),
    Options.optional
  ),
  businessId: businessFlags.businessId
}

/** The flags of `waba users`, parsed. */
export type Users = Command.Command.ParseConfig<typeof usersFlags>

const userId = Options.text("user-id").pipe(
  Options.withPseudoName("id"),
  Options.withDescription("The user of the business (its id, as `waba users` prints it).")
)

const tasks = allOf<MetaWaba.Task>()([
  "MANAGE",
  "DEVELOP",
  "MANAGE_TEMPLATES",
  "MANAGE_PHONE",
  "VIEW_COST",
  "MANAGE_EXTENSIONS",
  "VIEW_PHONE_ASSETS",
  "MANAGE_PHONE_ASSETS",
  "VIEW_TEMPLATES",
  "VIEW_INSIGHTS",
  "RECEIVE_INCOMING_MESSAGES",
  "MANAGE_BILLING",
  "MANAGE_USERS",
  "MESSAGING",
  "FULL_CONTROL"
])

const assignFlags = {
  ...GlobalOptions.options,
  wabaId: usersFlags.wabaId,
  userId,
  tasks: Options.text("task").pipe(
    Options.withPseudoName("task"),
    Options.withDescription(`A task the user gets on the WABA (repeatable, 1 to 16): ${tasks.join(", ")}.`),
    Options.repeated
  )
}

/** The flags of `waba assign-user`, parsed. */
export type AssignUser = Command.Command.ParseConfig<typeof assignFlags>

const removeFlags = { ...GlobalOptions.options, wabaId: usersFlags.wabaId, userId }

/** The flags of `waba remove-user`, parsed. */
export type RemoveUser = Command.Command.ParseConfig<typeof removeFlags>

/**
 * `wa-admin waba …` (WOZTELL and Meta).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("waba").pipe(
  Command.withDescription(
    "The WhatsApp Business Account: WOZTELL (the WABA behind the channel) and Meta (a WABA, the WABAs of a " +
      "business, its users). Other providers answer Unsupported (exit 10)."
  ),
  Command.withSubcommands([
    info,
    Command.make("owned", businessFlags, programs((waba) => waba.owned)).pipe(
      Command.withDescription("Meta: the WABAs the business owns. Under --json: one WABA per line.")
    ),
    Command.make("clients", businessFlags, programs((waba) => waba.clients)).pipe(
      Command.withDescription("Meta: the WABAs other businesses shared with the business (its clients').")
    ),
    Command.make("users", usersFlags, programs((waba) => waba.users)).pipe(
      Command.withDescription("Meta: the users assigned to the WABA.")
    ),
    Command.make("assign-user", assignFlags, programs((waba) => waba.assignUser)).pipe(
      Command.withDescription("Meta: give a user of the business tasks on the WABA.")
    ),
    Command.make("remove-user", removeFlags, programs((waba) => waba.removeUser)).pipe(
      Command.withDescription("Meta: remove a user's access to the WABA.")
    )
  ])
)
