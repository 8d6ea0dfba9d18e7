/**
 * `wa-admin waba …` — the WhatsApp Business Account: behind WOZTELL's channel (the
 * `WoztellWaba` extension), or on Meta (`MetaWaba`: a WABA, a business's WABAs, its users). Any
 * other provider answers `Unsupported`.
 *
 * @since 0.1.0
 */
import { wabaPermissionTasks } from "@wa-admin/core/Vocabulary"
import { commandGroup, type FlagsOf, optionalText, repeatedText, text } from "./internal.js"

const infoFlags = {
  channelId: optionalText("channel-id", "The WOZTELL channel whose WABA to show (default: WOZTELL_CHANNEL_ID)."),
  wabaId: optionalText(
    "waba-id",
    "The WABA to show, by id (instead of --channel-id; default: WOZTELL_WABA_ID without a channel, META_WABA_ID on Meta)."
  )
}

const businessFlags = {
  businessId: optionalText(
    "business-id",
    "The business (portfolio) whose WABAs to list (default: META_BUSINESS_ID).",
    "id"
  )
}

const usersFlags = {
  wabaId: optionalText("waba-id", "The WABA whose users to list (default: META_WABA_ID).", "id"),
  businessId: businessFlags.businessId
}

const userId = text("user-id", "The user of the business (its id, as `waba users` prints it).", "id")

const assignFlags = {
  wabaId: usersFlags.wabaId,
  userId,
  tasks: repeatedText(
    "task",
    `A task the user gets on the WABA (repeatable, 1 to 16): ${wabaPermissionTasks.join(", ")}.`,
    "task"
  )
}

const removeFlags = { wabaId: usersFlags.wabaId, userId }

const flags = {
  info: infoFlags,
  owned: businessFlags,
  clients: businessFlags,
  users: usersFlags,
  "assign-user": assignFlags,
  "remove-user": removeFlags
}

/** The flags of each command of the group, parsed (`Flags["get"]`: those of its `get`). */
export type Flags = FlagsOf<typeof flags>

/**
 * `wa-admin waba …` (WOZTELL and Meta).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = commandGroup({
  name: "waba",
  description: "The WhatsApp Business Account: WOZTELL (the WABA behind the channel) and Meta (a WABA, the WABAs of " +
    "a business, its users).",
  extension: true,
  commands: [
    [
      "info",
      "Show the WABA (WOZTELL: behind the channel — id, name, namespace, phone number; Meta: id, name, namespace, " +
      "currency, time zone, review and verification status)."
    ],
    ["owned", "Meta: the WABAs the business owns. Under --json: one WABA per line."],
    ["clients", "Meta: the WABAs other businesses shared with the business (its clients')."],
    ["users", "Meta: the users assigned to the WABA."],
    ["assign-user", (waba) => waba.assignUser, "Meta: give a user of the business tasks on the WABA."],
    ["remove-user", (waba) => waba.removeUser, "Meta: remove a user's access to the WABA."]
  ],
  programs: () => import("../programs/Waba.js"),
  flags
})
