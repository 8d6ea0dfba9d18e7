/**
 * `wa-admin migrate profile|templates` — move a business profile or message templates from one
 * provider (or WABA) to another.
 *
 * Every migration is plan, then apply (`--dry-run`: plan only); template migrations are
 * idempotent, journaled and resumable (see `../programs/Migrate.ts`).
 *
 * Each side is `<provider>:<ref>` (a number reference for profiles, a WABA id for templates) and
 * its port is built from that provider's own configuration, so both providers' environment
 * variables are read. Without `:<ref>`, the provider's default (`WOZTELL_WABA_ID`,
 * `WOZTELL_PHONE_NUMBER_ID`) is used.
 *
 * Under `--json` stdout carries the plan and then the report, one JSON object per line, each with
 * its `kind` (`templates.plan`, `templates.report`, `profile.plan`, `profile.report`); no
 * progress bar is drawn.
 *
 * @since 0.1.0
 */
import * as Options from "@effect/cli/Options"
import * as GlobalOptions from "../GlobalOptions.js"
import { commandGroupLeading, type FlagsOf, optionalText, text } from "./internal.js"

const fromFlag = (what: string) =>
  text(
    "from",
    `Where to migrate from: <provider>:<${what}>, e.g. woztell:123456789012 (without :<${what}>, the provider's default).`,
    "provider:ref"
  )

const toFlag = (what: string) =>
  text("to", `Where to migrate to: <provider>:<${what}> (without :<${what}>, the provider's default).`, "provider:ref")

/**
 * `--dry-run`, `--journal FILE` and `--on-quota pace|stop`: the flags of every template
 * migration (`migrate templates`, `templates import`).
 *
 * @since 0.1.0
 * @category options
 */
export const applyOptions = {
  dryRun: Options.boolean("dry-run").pipe(Options.withDescription("Print the plan only; send nothing.")),
  // A path, not `Options.file`: the journal checks it itself and names the real cause (EACCES, EROFS …).
  journal: optionalText(
    "journal",
    "A file that journals the progress instead of the state store, so a killed run resumes without duplicates. " +
      "By default the progress is kept in the state store (wa-admin state where), with a lease per template so " +
      "that two runs of the same migration never create one twice. A journal or store that cannot be written or " +
      "read ends the run with exit code 14, naming it and the cause.",
    "file"
  ),
  onQuota: Options.choice("on-quota", ["pace", "stop"]).pipe(
    Options.withDescription(
      "At a client-side quota (WOZTELL: 100 template creations per WABA per hour): pace (wait for it, the default) " +
        "or stop (exit 9 with the time the same command can resume)."
    ),
    Options.withDefault("pace" as const)
  )
} as const

const leading = { json: GlobalOptions.json }

const flags = {
  templates: { from: fromFlag("WABA id"), to: toFlag("WABA id"), ...applyOptions },
  profile: { from: fromFlag("number"), to: toFlag("number"), dryRun: applyOptions.dryRun }
}

type Parsed = FlagsOf<typeof flags, typeof leading>

/** The flags of `migrate templates`, parsed. */
export type Templates = Parsed["templates"]

/** The flags of `migrate profile`, parsed. */
export type Profile = Parsed["profile"]

/**
 * `wa-admin migrate …`
 *
 * @since 0.1.0
 * @category commands
 */
export const command = commandGroupLeading(leading)({
  name: "migrate",
  description:
    "Move a business profile or message templates between providers or WABAs. Plan, then apply (--dry-run: plan only).",
  commands: [
    [
      "profile",
      "Copy a number's business profile and photo to another number. Across providers (Vonage: deployment id; " +
      "WOZTELL: phone number id): a plan per field (update, skip, cannot — what the target cannot hold is reported " +
      "with the rule), then apply. The vertical is mapped to each provider's spelling."
    ],
    [
      "templates",
      "Copy every message template of one WABA to another. Across providers: a plan (create, update, skip when " +
      "identical, cannot with the reason), then apply — idempotent, journaled, resumable, within the client-side quotas."
    ]
  ],
  programs: () => import("../programs/Migrate.js"),
  flags
})
