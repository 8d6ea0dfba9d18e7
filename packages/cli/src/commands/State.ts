/**
 * `wa-admin state …` — where the command line keeps its state (migration journals, item leases,
 * quota histories), and bringing in what earlier releases kept in files.
 *
 * @since 0.2.0
 */
import { commandGroup, type FlagsOf } from "./internal.js"

const flags = { where: {}, import: {} }

/** The flags of `state where` and `state import`, parsed. */
export type Flags = FlagsOf<typeof flags>

/**
 * `wa-admin state …`
 *
 * @since 0.2.0
 * @category commands
 */
export const command = commandGroup({
  name: "state",
  description: "Where the migration journals, item leases and quota histories are kept.",
  commands: [
    [
      "where",
      "Show where the state is kept. It is the SQLite file .wa-admin/state.db under the working directory (or " +
      "WA_ADMIN_STATE_DB), or the PostgreSQL database WA_ADMIN_DATABASE_URL names (shown without its password). " +
      "A file that does not exist yet is not created."
    ],
    [
      "import",
      (state) => state.importLegacy,
      "Import the files of earlier releases into the state store, once. They are the migration journals " +
      "(.wa-admin/*.jsonl) and the quota histories (WOZTELL_QUOTA_DIR, META_QUOTA_DIR, else ~/.wa-admin/quota). " +
      "The files are only read; a file imported already is left alone, so running it again does nothing."
    ]
  ],
  programs: () => import("../programs/State.js"),
  flags
})
