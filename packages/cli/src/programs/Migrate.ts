/**
 * What `wa-admin migrate profile|templates` does once its flags are parsed (loaded when one of
 * them runs), and the machinery `templates import` shares with them: the JSON forms of plans and
 * reports, their renderings for people, and the plan-then-apply runs.
 *
 * Every migration is plan, then apply. The plan lists each item as `create` / `update`, `skip`
 * (identical already) or `cannot` (with the reason); `--dry-run` prints only the plan. Applying is
 * idempotent (it plans against the target's actual state, so a second run creates nothing) and,
 * for templates, resumable: progress is journaled in a file (`--journal`, default under
 * `.wa-admin/` in the current directory), so a run killed at any point finishes on the next run
 * without duplicating anything. At a client-side quota a run paces itself (`--on-quota pace`) or
 * stops and says when it can resume (`--on-quota stop`, exit code 9).
 *
 * @since 0.1.0
 */
import { FileSystem } from "@effect/platform"
import {
  AdminError,
  BusinessProfile,
  Media,
  MigrationJournal,
  Profile,
  ProfileMigration,
  TemplateAssets,
  TemplateMigration,
  Templates,
  Validation
} from "@wa-admin/core"
import type { Capabilities, Port, Template } from "@wa-admin/core"
import { Provider } from "@wa-admin/core/adapter"
import { Clock, Console, Context, DateTime, Duration, Effect, Layer, Option, Schema } from "effect"
import type { ConfigError, Scope, Stream } from "effect"
import { randomUUID } from "node:crypto"
import * as os from "node:os"
import { Reported, UsageError } from "../CliError.js"
import type * as Migrate from "../commands/Migrate.js"
import { ExitCode } from "../ExitCode.js"
import * as ExitCodes from "../ExitCode.js"
import * as GlobalOptions from "../GlobalOptions.js"
import * as Json from "../internal/json.js"
import * as Output from "../Output.js"
import * as Progress from "../Progress.js"
import * as Providers from "../Providers.js"
import * as Render from "../Render.js"
import { State } from "../State.js"

// ---------------------------------------------------------------------------------------------
// JSON forms
// ---------------------------------------------------------------------------------------------

const Count = Schema.Number

/**
 * A template migration's plan, as `--json` prints it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TemplatePlanJson = Schema.Struct({
  kind: Schema.Literal("templates.plan"),
  /** Identifies the migration in the journal. */
  plan: Schema.String,
  from: Schema.Struct({ provider: Schema.String, wabaId: Schema.String, file: Schema.optional(Schema.String) }),
  to: Schema.Struct({ provider: Schema.String, wabaId: Schema.String }),
  counts: Schema.Struct({ create: Count, update: Count, skip: Count, cannot: Count }),
  items: Schema.Array(TemplateMigration.PlanItemOutline)
})

/**
 * @since 0.1.0
 * @category models
 */
export type TemplatePlanJson = typeof TemplatePlanJson.Type

/**
 * What became of a template migration, as `--json` prints it. `stopped` is present when the run
 * stopped at a quota (`--on-quota stop`): run the same command again after `resumeAt`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TemplateReportJson = Schema.Struct({
  kind: Schema.Literal("templates.report"),
  plan: Schema.String,
  /**
   * Where the progress is kept: the state store (its file, or its PostgreSQL URL without the
   * password), or the journal file given with `--journal`.
   */
  journal: Schema.String,
  journalKind: Schema.Literal("store", "file"),
  /** The journal's lines that could not be read and were skipped (1-based), when there were any. */
  unreadableJournalLines: Schema.optional(Schema.Array(Schema.Int)),
  counts: Schema.Record({ key: Schema.String, value: Count }),
  outcomes: Schema.Array(
    Schema.Struct({
      key: Schema.String,
      name: Schema.String,
      language: Schema.String,
      action: Schema.Literal("create", "update", "skip", "cannot"),
      /** `leased`: another run holds the item (until `leasedUntil`); this run left it alone. */
      outcome: Schema.Literal("created", "updated", "skipped", "cannot", "reconciled", "failed", "leased"),
      detail: Schema.optional(Schema.String),
      /** ISO 8601, UTC. */
      leasedUntil: Schema.optional(Schema.String)
    })
  ),
  stopped: Schema.optional(
    Schema.Struct({
      reason: Schema.String,
      /** ISO 8601, UTC. */
      resumeAt: Schema.String,
      resumeAfterSeconds: Count,
      remaining: Count
    })
  )
})

/**
 * @since 0.1.0
 * @category models
 */
export type TemplateReportJson = typeof TemplateReportJson.Type

/**
 * A profile migration's plan, as `--json` prints it: per field, what the target's value is now
 * (`from`) and what the migration makes it (`to`: the source's value), like the plan's own
 * `from` (the source side) and `to` (the target side) read left to right.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProfilePlanJson = Schema.Struct({
  kind: Schema.Literal("profile.plan"),
  ...ProfileMigration.PlanSchema.fields
})

/**
 * @since 0.1.0
 * @category models
 */
export type ProfilePlanJson = typeof ProfilePlanJson.Type

/**
 * What became of a profile migration, as `--json` prints it, with the target's profile as it
 * now stands. `cannot` lists every field the target could not hold, with the rule.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProfileReportJson = Schema.Struct({
  kind: Schema.Literal("profile.report"),
  to: Schema.Struct({ provider: Schema.String, number: Schema.String }),
  updated: Schema.Array(Schema.String),
  skipped: Schema.Array(Schema.String),
  cannot: Schema.Array(Schema.Struct({ field: Schema.String, reason: Schema.String })),
  profile: Profile.Profile
})

/**
 * @since 0.1.0
 * @category models
 */
export type ProfileReportJson = typeof ProfileReportJson.Type

// ---------------------------------------------------------------------------------------------
// Human renderings
// ---------------------------------------------------------------------------------------------

const table = (rows: ReadonlyArray<ReadonlyArray<string>>, indent = "  "): string => {
  const widths: Array<number> = []
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)))
  return rows
    .map((row) =>
      `${indent}${
        row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join("  ")
      }`
        .trimEnd()
    )
    .join("\n")
}

const plural = (count: number, one: string, many: string = `${one}s`) => `${count} ${count === 1 ? one : many}`

const displayLength = 60

const display = (value: unknown): string => {
  if (value === undefined) return "not set"
  const text = Array.isArray(value)
    ? value.map((item) => (typeof item === "string" ? item : Json.stringify(item, displayLength))).join(", ")
    : typeof value === "string"
    ? value
    : Json.stringify(value, displayLength)
  return text.length > displayLength ? `${text.slice(0, displayLength - 1)}…` : text
}

const sourceLabel = (from: TemplatePlanJson["from"]) =>
  from.file === undefined
    ? `${from.provider}:${from.wabaId}`
    : `${from.file} (exported from ${from.provider}:${from.wabaId})`

/**
 * A template plan for people: a summary line, then one row per item.
 *
 * @since 0.1.0
 * @category renderings
 */
export const renderTemplatePlan = (plan: TemplatePlanJson): string => {
  const summary = [
    plural(plan.counts.create, "to create", "to create"),
    plural(plan.counts.update, "to update", "to update"),
    plural(plan.counts.skip, "identical already", "identical already"),
    plural(plan.counts.cannot, "cannot be moved", "cannot be moved")
  ].join(", ")
  const heading = `Plan: templates ${sourceLabel(plan.from)} → ${plan.to.provider}:${plan.to.wabaId}: ${summary}`
  if (plan.items.length === 0) return `${heading}\n  (the source has no templates)`
  return [
    heading,
    table(plan.items.map((item) => [item.action, item.name, item.language, item.reason ?? ""]))
  ].join("\n")
}

/** How many journal lines were skipped, and which (the first ten). */
const unreadableNote = (lines: ReadonlyArray<number>): string => {
  if (lines.length === 0) return ""
  const shown = lines.slice(0, 10).join(", ")
  return ` (${plural(lines.length, "unreadable line")} skipped (${shown}${
    lines.length > 10 ? ", …" : ""
  }); see the warnings above)`
}

/**
 * A template migration's report for people: the counts, then every item that was not skipped.
 *
 * @since 0.1.0
 * @category renderings
 */
export const renderTemplateReport = (report: TemplateReportJson): string => {
  const order = ["created", "updated", "reconciled", "skipped", "cannot", "failed", "leased"]
  const summary = order.flatMap((outcome) => {
    const count = report.counts[outcome] ?? 0
    return count === 0 ? [] : [`${count} ${outcome}`]
  })
  const notable = report.outcomes.filter((item) => item.outcome !== "skipped")
  const lines = [
    `Applied: ${summary.length === 0 ? "nothing to do" : summary.join(", ")}`,
    ...(notable.length === 0
      ? []
      : [table(notable.map((item) => [item.outcome, item.name, item.language, item.detail ?? ""]))])
  ]
  if (report.stopped !== undefined) {
    lines.push(
      `Stopped at a quota with ${
        plural(report.stopped.remaining, "template")
      } left; run the same command again after ${report.stopped.resumeAt} to finish.`
    )
  }
  lines.push(
    `Journal: ${report.journalKind === "store" ? "the state store " : ""}${report.journal}${
      unreadableNote(report.unreadableJournalLines ?? [])
    }`
  )
  return lines.join("\n")
}

/**
 * A profile plan for people.
 *
 * @since 0.1.0
 * @category renderings
 */
export const renderProfilePlan = (plan: ProfilePlanJson): string => {
  const count = (action: string) => plan.items.filter((item) => item.action === action).length
  return [
    `Plan: profile ${plan.from.provider}:${plan.from.number} → ${plan.to.provider}:${plan.to.number}: ` +
    `${count("update")} to update, ${count("skip")} to skip, ${count("cannot")} cannot be moved`,
    table(
      plan.items.map((item) => [
        item.action,
        item.field,
        item.action === "update"
          ? `${display(item.to)} (now: ${display(item.from)})`
          : item.action === "cannot"
          ? `${display(item.to)} — ${item.reason ?? "the target cannot hold it"}`
          : item.reason ?? ""
      ])
    )
  ].join("\n")
}

/**
 * A profile migration's report for people, with the target's profile as it now stands.
 *
 * @since 0.1.0
 * @category renderings
 */
export const renderProfileReport = (report: ProfileReportJson): string =>
  [
    `Applied to ${report.to.provider}:${report.to.number}: ` +
    (report.updated.length === 0 ? "nothing to update" : `updated ${report.updated.join(", ")}`),
    ...report.cannot.map((item) => `  not moved: ${item.field} — ${item.reason}`),
    Render.profile(report.profile)
      .split("\n")
      .map((line) => `  ${line}`)
      .join("\n")
  ].join("\n")

// ---------------------------------------------------------------------------------------------
// Conversions
// ---------------------------------------------------------------------------------------------

/**
 * The JSON form of a template plan (`file`: the file it was read from, for an import).
 *
 * @since 0.1.0
 * @category conversions
 */
export const templatePlanJson = (plan: TemplateMigration.Plan, file?: string): TemplatePlanJson => ({
  kind: "templates.plan",
  plan: plan.id,
  from: { provider: plan.from.provider, wabaId: plan.from.wabaId, ...(file === undefined ? {} : { file }) },
  to: { provider: plan.to.provider, wabaId: plan.to.wabaId },
  counts: TemplateMigration.counts(plan),
  items: plan.items.map((item) => ({
    key: item.key,
    name: item.name,
    language: item.language,
    action: item.action,
    ...(item.reason === undefined ? {} : { reason: item.reason })
  }))
})

/**
 * The JSON form of a template migration's report; `now` dates the resume time of a stopped run.
 *
 * @since 0.1.0
 * @category conversions
 */
export const templateReportJson = (
  plan: TemplateMigration.Plan,
  report: TemplateMigration.Report,
  journal: { readonly kind: "store" | "file"; readonly location: string },
  now: number,
  unreadableJournalLines: ReadonlyArray<number> = []
): TemplateReportJson => {
  const items = new Map(plan.items.map((item) => [item.key, item]))
  const counts: Record<string, number> = {}
  for (const outcome of report.outcomes) counts[outcome.outcome] = (counts[outcome.outcome] ?? 0) + 1
  return {
    kind: "templates.report",
    plan: report.planId,
    journal: journal.location,
    journalKind: journal.kind,
    ...(unreadableJournalLines.length === 0 ? {} : { unreadableJournalLines }),
    counts,
    outcomes: report.outcomes.map((outcome) => ({
      key: outcome.key,
      name: items.get(outcome.key)?.name ?? outcome.key,
      language: items.get(outcome.key)?.language ?? "",
      action: outcome.action,
      outcome: outcome.outcome,
      ...(outcome.detail === undefined ? {} : { detail: outcome.detail }),
      ...(outcome.leasedUntil === undefined ? {} : { leasedUntil: DateTime.formatIso(outcome.leasedUntil) })
    })),
    ...(report.stopped === undefined
      ? {}
      : {
        stopped: {
          reason: report.stopped.reason,
          resumeAt: new Date(now + Duration.toMillis(report.stopped.resumeAfter)).toISOString(),
          resumeAfterSeconds: Math.ceil(Duration.toSeconds(report.stopped.resumeAfter)),
          remaining: report.stopped.remaining
        }
      })
  }
}

/**
 * The JSON form of a profile plan.
 *
 * @since 0.1.0
 * @category conversions
 */
export const profilePlanJson = (plan: ProfileMigration.Plan): ProfilePlanJson => ({
  kind: "profile.plan",
  from: { provider: plan.from.provider, number: plan.from.number },
  to: { provider: plan.to.provider, number: plan.to.number },
  // The core plan's item holds the source's value (`from`) and the target's (`to`); the JSON says
  // what the target's field changes from and to.
  items: plan.items.map((item) => ({
    field: item.field,
    action: item.action,
    ...(item.to === undefined ? {} : { from: item.to }),
    ...(item.from === undefined ? {} : { to: item.from }),
    ...(item.reason === undefined ? {} : { reason: item.reason })
  }))
})

/**
 * The JSON form of a profile migration's report.
 *
 * @since 0.1.0
 * @category conversions
 */
export const profileReportJson = (plan: ProfileMigration.Plan, report: ProfileMigration.Report): ProfileReportJson => ({
  kind: "profile.report",
  to: { provider: plan.to.provider, number: plan.to.number },
  updated: report.updated,
  skipped: report.skipped,
  cannot: report.cannot,
  profile: report.profile
})

// ---------------------------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------------------------

const isReported = (failure: unknown): failure is Reported => failure instanceof Reported

/**
 * Runs a migration program with its output mode: typed failures are reported (one line on
 * stderr, JSON too under `--json`) and become `Reported` with their exit code; a `Reported`
 * failure (already written) passes through.
 *
 * @since 0.1.0
 * @category running
 */
export const run = <E extends Output.Failure, R>(
  globals: GlobalOptions.Globals,
  program: (globals: GlobalOptions.Globals) => Effect.Effect<void, E | Reported, R>
): Effect.Effect<void, Reported, Exclude<R, Output.Output>> =>
  Effect.gen(function*() {
    const resolved = yield* GlobalOptions.resolve(globals)
    const output = yield* Output.forCommand({ json: resolved.json })
    return yield* program(resolved).pipe(
      Effect.provideService(Output.Output, output),
      Effect.catchAll((failure) =>
        isReported(failure)
          ? Effect.fail(failure)
          : Effect.flatMap(output.failure(failure), (exitCode) => Effect.fail(new Reported({ exitCode })))
      )
    )
  })

/**
 * One side of a migration: a provider of the registry and the reference it names.
 *
 * @since 0.1.0
 * @category models
 */
export interface Side {
  readonly provider: Providers.Entry
  readonly ref: string
}

/**
 * Reads `<provider>:<ref>`; without `:<ref>`, the provider's default for `key` (e.g.
 * `WOZTELL_WABA_ID`). An unknown provider is a usage error; a provider without one of the
 * operations the side `needs` fails with `Unsupported` (before any reference is asked for); a
 * missing reference is an `InvalidInput` naming the flag.
 *
 * @since 0.1.0
 * @category running
 */
export const side = (
  flag: "from" | "to",
  value: string,
  key: keyof Provider.Defaults,
  operation: string,
  needs: ReadonlyArray<Capabilities.Operation> = []
): Effect.Effect<
  Side,
  UsageError | AdminError.InvalidInput | AdminError.Unsupported | ConfigError.ConfigError,
  Providers.Registry
> =>
  Effect.gen(function*() {
    const at = value.indexOf(":")
    const name = at === -1 ? value : value.slice(0, at)
    const given = at === -1 ? "" : value.slice(at + 1).trim()
    const providers = yield* Providers.Registry
    const provider = providers.find((candidate) => candidate.name === name)
    if (provider === undefined) {
      return yield* new UsageError({
        reason: `--${flag} ${value}: unknown provider "${name}"; expected <provider>:<${
          key === "wabaId" ? "WABA id" : "number"
        }> with one of: ${providers.map((candidate) => candidate.name).join(", ")}`
      })
    }
    const capabilities = Provider.capabilities(provider)
    const missing = needs.find((needed) => !capabilities.supports(needed))
    if (missing !== undefined) {
      const reason = capabilities.reason(missing)
      return yield* new AdminError.Unsupported({
        provider: provider.name,
        operation: missing,
        ...(reason === undefined ? {} : { reason })
      })
    }
    if (given.length > 0) return { provider, ref: given }
    const fallback = yield* Providers.defaultOf(provider, key)
    if (Option.isSome(fallback)) return { provider, ref: fallback.value }
    const what = key === "wabaId" ? "WABA id" : "number (the provider's reference of it)"
    return yield* Effect.fail(
      Validation.invalidInput({ provider: name, operation }, [
        { field: flag, rule: `must name the ${what}: --${flag} ${name}:<${key === "wabaId" ? "WABA id" : "number"}>` }
      ])
    )
  })

/**
 * The ports of both sides, each built from its provider's own configuration; one port when both
 * sides name the same provider (so the in-memory provider shares its state).
 *
 * @since 0.1.0
 * @category running
 */
export const ports = (
  from: Side,
  to: Side
): Effect.Effect<
  readonly [Context.Context<Port.Services>, Context.Context<Port.Services>],
  ConfigError.ConfigError,
  Scope.Scope | State
> =>
  Effect.gen(function*() {
    const source = yield* Layer.build(Providers.stateful(from.provider))
    const target = from.provider.name === to.provider.name
      ? source
      : yield* Layer.build(Providers.stateful(to.provider))
    return [source, target] as const
  })

const checkWabaId = (flag: string, side: Side, operation: string) =>
  /^\d+$/.test(side.ref)
    ? Effect.void
    : Effect.fail(
      Validation.invalidInput({ provider: side.provider.name, operation }, [
        { field: flag, rule: `the WABA id must be digits, got "${side.ref}"` }
      ])
    )

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------

/**
 * How to apply: the flags every template migration takes.
 *
 * @since 0.1.0
 * @category models
 */
export interface ApplyFlags {
  readonly dryRun: boolean
  readonly journal: Option.Option<string>
  readonly onQuota: "pace" | "stop"
}

/**
 * Who applies a template migration in this process, as item leases name it: host, process id and
 * a random part (unique per run).
 *
 * @since 0.2.0
 * @category running
 */
export const holder = (): string => `wa-admin@${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`

/** Where a migration keeps its progress: a journal, leases when it is the store's, and how it is named. */
interface Progressing {
  readonly journal: MigrationJournal.Service
  readonly leases?: TemplateMigration.LeaseOptions
  readonly kind: "store" | "file"
  readonly location: string
}

/**
 * The journal a migration keeps its progress in: the state store's (with a lease per item, so
 * that two runs of the same migration never send the same creation), or the file `--journal`
 * names (the journal of earlier releases, kept as an explicit choice; no leases).
 */
const progressing = (
  journal: Option.Option<string>
): Effect.Effect<
  Progressing,
  ConfigError.ConfigError | AdminError.LocalStateUnavailable,
  State | FileSystem.FileSystem
> =>
  Option.match(journal, {
    // The file journal creates its directory with its first entry, so an empty plan leaves no trace.
    onSome: (path) =>
      Effect.map(
        MigrationJournal.makeFile(path),
        (file): Progressing => ({ journal: file, kind: "file", location: path })
      ),
    onNone: () =>
      Effect.map(
        Effect.flatMap(State, (state) => state.store),
        (store): Progressing => ({
          journal: store.journal,
          leases: { leases: store.leases, holder: holder() },
          kind: "store",
          location: store.location
        })
      )
  })

/**
 * The two sides of a template migration: the source's templates, the target's `Templates` and
 * `Media` (where media headers' files are uploaded), and where each is.
 *
 * @since 0.2.0
 * @category models
 */
export interface TemplateSides {
  readonly source: Stream.Stream<Template.Template, AdminError.AdminError>
  readonly from: TemplateMigration.Endpoint
  readonly target: Templates.Service
  readonly targetMedia: Media.Service
  readonly to: TemplateMigration.Endpoint
}

/**
 * A template migration's plan across providers, and the target to apply it to: the target's
 * `Templates` carrying media headers across (`TemplateAssets.carrying`: each header's file
 * uploaded to a target that takes files), and the plan with the items whose media cannot be
 * carried turned `cannot`, with the reason (`TemplateAssets.review`).
 *
 * @since 0.2.0
 * @category running
 */
export const planTemplates = (options: TemplateSides): Effect.Effect<
  { readonly plan: TemplateMigration.Plan; readonly target: Templates.Service },
  AdminError.AdminError
> => {
  const assets: TemplateAssets.Options = {
    source: { provider: options.from.provider },
    target: { provider: options.to.provider, wabaId: options.to.wabaId, media: options.targetMedia }
  }
  const target = TemplateAssets.carrying(options.target, assets)
  return Effect.map(
    TemplateMigration.plan({ source: options.source, from: options.from, target, to: options.to }),
    (plan) => ({ plan: TemplateAssets.review(plan, assets), target })
  )
}

/**
 * A template migration from a source stream onto a target WABA: plan, print it, and (unless
 * `dryRun`) apply it — journaled in the state store (or the `--journal` file), with a progress
 * bar — then print the report.
 *
 * Media headers are carried across (`TemplateAssets`): an item whose header example is a
 * handle the target cannot use is planned `cannot`; applying uploads each header's file to a
 * target that takes files (`media.templateAsset`) and sends its handle, or sends the URL to a
 * target that takes URLs.
 *
 * A run stopped at a quota fails with exit code 9 after the report, and so does a run that left
 * items to another run holding their leases; failed items fail with the first item's error after
 * it. A journal or store that cannot be read or written fails with exit code 14, naming it and
 * the cause; a journal file's unreadable lines are warned about, each with its line number,
 * before the run starts, and listed in the report.
 *
 * @since 0.1.0
 * @category running
 */
export const migrateTemplates = (
  options: TemplateSides & {
    /** The file the source was read from (an import). */
    readonly file?: string
    readonly flags: ApplyFlags
  }
): Effect.Effect<
  void,
  AdminError.AdminError | MigrationJournal.JournalError | ConfigError.ConfigError | Reported,
  Output.Output | FileSystem.FileSystem | State
> =>
  Effect.gen(function*() {
    const output = yield* Output.Output
    const { plan, target } = yield* planTemplates(options)
    yield* output.value(TemplatePlanJson, templatePlanJson(plan, options.file), renderTemplatePlan)
    if (options.flags.dryRun) {
      return yield* output.text("Dry run: nothing was sent. Run the same command without --dry-run to apply the plan.")
    }
    const kept = yield* progressing(options.flags.journal)
    const journal = kept.journal
    const where = kept.kind === "store" ? `the state store ${kept.location}` : `the journal ${kept.location}`
    // Read once before the progress bar, so its warnings (unreadable lines) are not drawn over.
    yield* journal.progress(plan.id)
    const showsWaits = !output.json
    const report = yield* Effect.scoped(
      Effect.gen(function*() {
        const bar = yield* Progress.make({ title: "templates", total: plan.items.length, enabled: !output.json })
        const terminal = yield* Progress.stderr
        return yield* TemplateMigration.apply(plan, {
          target,
          journal,
          ...(kept.leases === undefined ? {} : { itemLeases: kept.leases }),
          onQuota: options.flags.onQuota,
          onProgress: (progress) => bar.advance(progress.outcome),
          onWait: ({ error }) =>
            Effect.gen(function*() {
              const until = (yield* Clock.currentTimeMillis) + Duration.toMillis(error.retryAfter)
              if (terminal.isTTY && showsWaits) return yield* bar.waitUntil(until)
              // One line per real wait: the slots freed right after a long wait are not worth a line each.
              if (showsWaits && Duration.greaterThanOrEqualTo(error.retryAfter, Duration.seconds(1))) {
                yield* Console.error(
                  `wa-admin: waiting for the ${error.provider} quota "${error.quota}" (${error.limit}) until ` +
                    `${new Date(until).toISOString()} (${
                      Progress.duration(error.retryAfter)
                    }); Ctrl+C stops, running the same command again resumes`
                )
              }
            })
        })
      })
    ).pipe(
      // Said after the bar is erased.
      Effect.onInterrupt(() =>
        showsWaits
          ? Console.error(
            `wa-admin: interrupted; run the same command again to finish — ${where} keeps the progress`
          )
          : Effect.void
      )
    )
    const now = yield* Clock.currentTimeMillis
    const unreadable = yield* journal.unreadable
    const json = templateReportJson(
      plan,
      report,
      { kind: kept.kind, location: kept.location },
      now,
      unreadable.map((line) => line.line)
    )
    yield* output.value(TemplateReportJson, json, renderTemplateReport)
    if (json.stopped !== undefined) {
      const quota = report.stopped?.error
      const at = quota === undefined
        ? "a client-side quota"
        : quota._tag === "QuotaExceeded"
        ? `the ${quota.provider} quota "${quota.quota}" (${quota.limit})`
        : `${quota.provider}'s rate limit (HTTP 429)`
      yield* Console.error(
        `wa-admin: stopped at ${at} with ${
          plural(json.stopped.remaining, "template")
        } left; run the same command again after ` +
          `${json.stopped.resumeAt} (in ${
            Progress.duration(Duration.seconds(json.stopped.resumeAfterSeconds))
          }) to finish — ` +
          `${where} keeps the progress`
      )
      return yield* new Reported({ exitCode: ExitCode.RateLimited })
    }
    const failed = report.outcomes.filter((outcome) => outcome.outcome === "failed")
    const first = failed[0]
    if (first !== undefined) {
      yield* Console.error(
        `wa-admin: ${plural(failed.length, "template")} of ${plan.items.length} failed; the first, ${first.key}: ${
          first.error?.message ?? first.detail ?? "failed"
        }`
      )
      return yield* new Reported({
        exitCode: first.error === undefined ? ExitCode.ProviderFailure : ExitCodes.ofAdminError(first.error)
      })
    }
    const leased = json.outcomes.filter((outcome) => outcome.outcome === "leased")
    if (leased.length > 0) {
      const until = leased.flatMap((outcome) => (outcome.leasedUntil === undefined ? [] : [outcome.leasedUntil])).sort()
        .at(-1)
      yield* Console.error(
        `wa-admin: ${plural(leased.length, "template")} left to another run of the same migration, which holds ` +
          `${leased.length === 1 ? "its lease" : "their leases"}${
            until === undefined ? "" : ` until ${until}`
          }; run the same command again after it ends to check them`
      )
      return yield* new Reported({ exitCode: ExitCode.RateLimited })
    }
  })

// ---------------------------------------------------------------------------------------------
// Profile
// ---------------------------------------------------------------------------------------------

/**
 * A profile migration: plan, print it, and (unless `dryRun`) apply it and print the report.
 *
 * @since 0.1.0
 * @category running
 */
export const migrateProfile = (
  sides: ProfileMigration.Sides,
  dryRun: boolean
): Effect.Effect<void, AdminError.AdminError, Output.Output> =>
  Effect.gen(function*() {
    const output = yield* Output.Output
    const plan = yield* ProfileMigration.plan(sides)
    yield* output.value(ProfilePlanJson, profilePlanJson(plan), renderProfilePlan)
    if (dryRun) {
      return yield* output.text("Dry run: nothing was sent. Run the same command without --dry-run to apply the plan.")
    }
    const report = yield* ProfileMigration.apply(plan, sides.target)
    yield* output.value(ProfileReportJson, profileReportJson(plan, report), renderProfileReport)
  })

// ---------------------------------------------------------------------------------------------
// Programs
// ---------------------------------------------------------------------------------------------

/**
 * A migration between the sides `--from` and `--to` name (each a `key` reference checked by
 * `check`), which may not be the same one (`what` names it), run with both sides' port services.
 */
const between = <E extends Output.Failure, R>(
  config: { readonly json: boolean; readonly from: string; readonly to: string },
  options: {
    readonly operation: string
    readonly key: keyof Provider.Defaults
    readonly what: string
    readonly needs: {
      readonly from: ReadonlyArray<Capabilities.Operation>
      readonly to: ReadonlyArray<Capabilities.Operation>
    }
    readonly check: (flag: "from" | "to", side: Side) => Effect.Effect<void, AdminError.InvalidInput>
  },
  migrate: (
    from: Side,
    to: Side,
    ports: readonly [Context.Context<Port.Services>, Context.Context<Port.Services>]
  ) => Effect.Effect<void, E | Reported, R>
) =>
  run({ json: config.json, provider: Option.none() }, () =>
    Effect.scoped(
      Effect.gen(function*() {
        const from = yield* side("from", config.from, options.key, options.operation, options.needs.from)
        const to = yield* side("to", config.to, options.key, options.operation, options.needs.to)
        yield* options.check("from", from)
        yield* options.check("to", to)
        if (from.provider.name === to.provider.name && from.ref === to.ref) {
          return yield* new UsageError({ reason: `--from and --to name the same ${options.what}` })
        }
        yield* migrate(from, to, yield* ports(from, to))
      })
    ))

/**
 * `wa-admin migrate templates`
 *
 * @since 0.1.0
 * @category programs
 */
export const templates = (config: Migrate.Templates) =>
  between(config, {
    operation: "migrate.templates",
    key: "wabaId",
    what: "WABA",
    needs: { from: ["templates.list"], to: ["templates.list", "templates.create"] },
    check: (flag, side) => checkWabaId(flag, side, "migrate.templates")
  }, (from, to, [source, target]) =>
    migrateTemplates({
      source: Context.get(source, Templates.Templates).list({ wabaId: from.ref }),
      from: { provider: from.provider.name, wabaId: from.ref },
      target: Context.get(target, Templates.Templates),
      targetMedia: Context.get(target, Media.Media),
      to: { provider: to.provider.name, wabaId: to.ref },
      flags: config
    }))

/**
 * `wa-admin migrate profile`
 *
 * @since 0.1.0
 * @category programs
 */
export const profile = (config: Migrate.Profile) =>
  between(config, {
    operation: "migrate.profile",
    key: "number",
    what: "number",
    needs: { from: ["profile.get"], to: ["profile.get", "profile.update"] },
    check: () => Effect.void
  }, (from, to, [source, target]) =>
    migrateProfile(
      {
        source: Context.get(source, BusinessProfile.BusinessProfile),
        from: { provider: from.provider.name, number: from.ref },
        target: Context.get(target, BusinessProfile.BusinessProfile),
        to: { provider: to.provider.name, number: to.ref }
      },
      config.dryRun
    ))
