/**
 * `wa-admin fleet run|submit|status|cancel|runner` — fleet jobs (`@wa-admin/fleet`): one job file
 * moves every template of many WABAs, copies many business profiles or audits many numbers, as
 * durable workflows that never create anything twice.
 *
 * Two engines, the same commands:
 *
 * - **No database URL** (the default): the job's state is in the state store's SQLite file
 *   (`.wa-admin/state.db`, or `WA_ADMIN_STATE_DB`) and the job runs in one process — `fleet run
 *   <job file>` (or `fleet submit --wait`) runs it here to the end, and a run that was stopped is
 *   resumed by the next one; `fleet runner` runs every job submitted to that file until stopped.
 * - **A PostgreSQL database** (`--database-url`, or `WA_ADMIN_DATABASE_URL`): `fleet runner` on
 *   each machine joins a cluster that shares the work; `submit`, `status` and `cancel` work from
 *   anywhere that reaches the database.
 *
 * The programs live in `../programs/Fleet.ts`, loaded when a command runs.
 *
 * @since 0.2.0
 */
import * as Args from "@effect/cli/Args"
import * as Options from "@effect/cli/Options"
import * as GlobalOptions from "../GlobalOptions.js"
import { commandGroupLeading, type FlagsOf } from "./internal.js"

/** The default port of a cluster runner (`Runner.defaultPort`), spelled out so that help never loads the fleet. */
const defaultPort = 34431

const databaseUrl = Options.redacted("database-url").pipe(
  Options.withPseudoName("url"),
  Options.withDescription(
    "The PostgreSQL database the fleet's runners share (postgres:// or postgresql://), instead of " +
      "WA_ADMIN_DATABASE_URL. Prefer the variable: a flag's value shows in the process list. Without either, the " +
      "state is the SQLite file .wa-admin/state.db (or WA_ADMIN_STATE_DB) and jobs run in one process."
  ),
  Options.optional
)

const jobFile = Args.text({ name: "job-file" }).pipe(
  Args.withDescription(
    "The job file (JSON, at most 16 MiB): format, version, id, kind (templates, profiles or audit), source, " +
      "target and pairs (numbers for an audit). Every broken field is named at once, before anything is stored."
  )
)

const jobId = Args.text({ name: "job" }).pipe(Args.withDescription("The job's id, as its job file names it."))

const listen = {
  host: Options.text("host").pipe(
    Options.withPseudoName("host"),
    Options.withDescription(
      "On PostgreSQL: the address the runner listens on for the other runners (default 0.0.0.0, every interface)."
    ),
    Options.withDefault("0.0.0.0")
  ),
  port: Options.integer("port").pipe(
    Options.withDescription(
      `On PostgreSQL: the port the runner listens on, 0 to 65535 (default ${defaultPort}; 0: any free port). Open ` +
        "it between the runners' machines."
    ),
    Options.withDefault(defaultPort)
  ),
  advertiseHost: Options.text("advertise-host").pipe(
    Options.withPseudoName("host"),
    Options.withDescription(
      "On PostgreSQL: the host name or address the other runners reach this one at (default: --host, or this " +
        "machine's name when listening on every interface)."
    ),
    Options.optional
  )
} as const

const leading = { json: GlobalOptions.json }

const flags = {
  run: { databaseUrl, ...listen, jobFile },
  submit: {
    databaseUrl,
    wait: Options.boolean("wait").pipe(
      Options.withDescription(
        "Wait for the job to end, showing its progress, and exit as fleet run does. On SQLite (no database URL) " +
          "nothing else runs the job: it runs in this process, as fleet run does."
      )
    ),
    jobFile
  },
  status: {
    databaseUrl,
    watch: Options.boolean("watch").pipe(
      Options.withDescription(
        "Follow the job until it ends (every second), then exit as fleet run does. Under --json each look is one " +
          "JSON line."
      )
    ),
    all: Options.boolean("all").pipe(
      Options.withDescription("List every pair, the done ones too (default: only the pairs not yet done).")
    ),
    job: jobId
  },
  cancel: { databaseUrl, job: jobId },
  runner: { databaseUrl, ...listen }
}

type Parsed = FlagsOf<typeof flags, typeof leading>

/** The flags of `fleet run`, parsed. */
export type Run = Parsed["run"]

/** The flags of `fleet submit`, parsed. */
export type Submit = Parsed["submit"]

/** The flags of `fleet status`, parsed. */
export type Status = Parsed["status"]

/** The flags of `fleet cancel`, parsed. */
export type Cancel = Parsed["cancel"]

/** The flags of `fleet runner`, parsed. */
export type Runner = Parsed["runner"]

/**
 * `wa-admin fleet …`
 *
 * @since 0.2.0
 * @category commands
 */
export const command = commandGroupLeading(leading)({
  name: "fleet",
  description: "Fleet jobs over many WABAs or numbers (templates, profiles, audit) as durable workflows: in this " +
    "process on SQLite by default, or on a cluster of runners sharing a PostgreSQL database.",
  commands: [
    [
      "run",
      "Run a job file's job to its end in this process. It is submitted first; its progress shows on stderr. " +
      "Exits 0 when every pair is done, 11 when some failed, 130 when it was cancelled. Stopped (Ctrl+C), the same command resumes " +
      "it after its last completed step. On SQLite this process is the job's one runner (run one at a time per " +
      "state file); on PostgreSQL it joins the cluster as a runner (--host, --port) until the job ends."
    ],
    [
      "submit",
      "Store a job for the fleet's runners. Submitting the same file again changes nothing; another job under an " +
      "id in use is refused. On PostgreSQL the cluster's runners start it; on SQLite run it with fleet runner, " +
      "fleet run or --wait."
    ],
    [
      "status",
      "Show a job's progress per pair. First its state and totals, then each pair not yet done with its done and " +
      "left counts, the time it waits for a quota until, or why it failed. --json holds every pair (and an audit's reports)."
    ],
    [
      "cancel",
      "Cancel a job: each pair stops before its next step (a step under way ends first). What was done stays done."
    ],
    [
      "runner",
      "Run the fleet's jobs until stopped (Ctrl+C: 130, SIGTERM: 143). On PostgreSQL a runner of the cluster: " +
      "start one per machine, each listening on --port for the others; a stopped or lost runner's pairs are " +
      "taken over by the others. On SQLite the one runner of the state file: it runs every job submitted there."
    ]
  ],
  programs: () => import("../programs/Fleet.js"),
  flags
})
