/**
 * What the template migration examples share: plan a migration from one WABA's templates to
 * another's, print the plan, apply it with a file journal and print what became of it — with the
 * media of media-header templates carried to the target (`TemplateAssets`) when the target's
 * media port is given.
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { MigrationJournal, TemplateAssets, TemplateMigration } from "@wa-admin/core"
import type { AdminError, Media, Templates } from "@wa-admin/core"
import { Console, Effect } from "effect"

/** One side of a migration: a provider's templates service and the WABA on it. */
export interface Side {
  readonly templates: Templates.Service
  readonly wabaId: string
}

/** What one run did: the plan, and the report of applying it (none when there was nothing to do). */
export interface Run {
  readonly plan: TemplateMigration.Plan
  readonly report: TemplateMigration.Report | undefined
}

const describeItem = (item: TemplateMigration.PlanItem): string =>
  `  ${item.action.padEnd(7)}${item.key}${item.reason === undefined ? "" : ` — ${item.reason}`}`

/**
 * Plans the migration, prints the plan and applies it, journaling each change in the file
 * `journal`. With `target.media`, a media header's file is uploaded to the target (its URL at the
 * source downloaded) and its handle sent; an item whose media cannot be carried is planned
 * `cannot`, with the reason.
 */
export const migrate = (options: {
  readonly source: Side
  readonly target: Side & { readonly media?: Media.Service }
  readonly journal: string
}): Effect.Effect<Run, AdminError.AdminError | MigrationJournal.JournalError> =>
  Effect.gen(function*() {
    const { source, journal: journalPath } = options
    const from = { provider: source.templates.provider, wabaId: source.wabaId }
    const to = { provider: options.target.templates.provider, wabaId: options.target.wabaId }
    const media = options.target.media
    const assets: TemplateAssets.Options | undefined = media === undefined
      ? undefined
      : { source: from, target: { ...to, media } }
    const target = assets === undefined
      ? options.target.templates
      : TemplateAssets.carrying(options.target.templates, assets)

    const planned = yield* TemplateMigration.plan({
      source: source.templates.list({ wabaId: from.wabaId }),
      from,
      target,
      to
    })
    const plan = assets === undefined ? planned : TemplateAssets.review(planned, assets)
    const counts = TemplateMigration.counts(plan)
    yield* Console.log(`Plan: ${plan.id}`)
    for (const item of plan.items) yield* Console.log(describeItem(item))
    yield* Console.log(
      `  ${counts.create} to create, ${counts.update} to update, ${counts.skip} identical already, ${counts.cannot} cannot be moved`
    )
    if (TemplateMigration.isEmpty(plan)) {
      yield* Console.log("Nothing to do: the target holds every template the source can give it.")
      return { plan, report: undefined }
    }

    yield* Console.log(`Applying, journal in ${journalPath}`)
    const journal = yield* MigrationJournal.makeFile(journalPath)
    const report = yield* TemplateMigration.apply(plan, {
      target,
      journal,
      onProgress: ({ done, total, item, outcome }) =>
        item.action === "create" || item.action === "update"
          ? Console.log(`  [${done}/${total}] ${item.key} ${outcome}`)
          : Effect.void
    })
    const outcomes = report.outcomes.map((outcome) => outcome.outcome)
    const count = (outcome: TemplateMigration.ItemOutcome["outcome"]) =>
      outcomes.filter((each) => each === outcome).length
    yield* Console.log(`Done: ${count("created")} created, ${count("updated")} updated, ${count("failed")} failed`)
    for (const failed of report.outcomes.filter((outcome) => outcome.outcome === "failed")) {
      yield* Console.log(`  ${failed.key} failed: ${failed.error?.message ?? failed.detail ?? "(no detail)"}`)
    }
    return { plan, report }
  }).pipe(Effect.scoped, Effect.provide(NodeFileSystem.layer))
