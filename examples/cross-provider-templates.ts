/**
 * Move message templates from a WOZTELL WABA to a WABA on Meta's Cloud API with
 * `TemplateMigration`: plan first (create, update, skip what is identical, and say what cannot
 * be moved and why), then apply, journaling every change in a file. A template with an image
 * header takes its image along (`TemplateAssets`): WOZTELL gives the image's URL, the file is
 * downloaded and uploaded to Meta (its resumable upload), and the template is created at Meta with
 * the handle Meta issued. Running it again shows an empty plan.
 *
 * Run it:
 *
 *   node_modules/.bin/tsx examples/cross-provider-templates.ts
 *
 * Without credentials it runs twice against the in-process WOZTELL and Meta emulators. Against
 * the providers, the source is configured with WOZTELL's variables and the target with Meta's
 * (`META_APP_ID` is needed: media headers are uploaded under the app):
 *
 *   WOZTELL_ACCESS_TOKEN=… WOZTELL_WABA_ID=<source WABA> \
 *   META_ACCESS_TOKEN=… META_APP_ID=… META_WABA_ID=<target WABA> \
 *   WA_ADMIN_JOURNAL=./cross-provider-templates.journal.jsonl \
 *   node_modules/.bin/tsx examples/cross-provider-templates.ts
 */
import { Media, Templates } from "@wa-admin/core"
import type { MigrationJournal } from "@wa-admin/core"
import { MetaAdmin, MetaProvider } from "@wa-admin/meta"
import type { MetaEmulator } from "@wa-admin/meta/emulator"
import { WoztellAdmin, WoztellProvider } from "@wa-admin/woztell"
import type { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Config, Console, Context, Effect, Layer } from "effect"
import * as Path from "node:path"
import * as Example from "./support/Example.js"
import * as Migration from "./support/Migration.js"

const settings = Config.all({
  from: Config.string("WOZTELL_WABA_ID"),
  to: Config.string("META_WABA_ID"),
  journal: Config.string("WA_ADMIN_JOURNAL").pipe(Config.withDefault("cross-provider-templates.journal.jsonl"))
})

/** Plans the migration WOZTELL → Meta, prints the plan and applies it, carrying media headers. */
export const program: Example.Program<Migration.Run, MigrationJournal.JournalError> = Effect.gen(function*() {
  const { from, to, journal } = yield* settings
  const source = Context.get(yield* Layer.build(WoztellAdmin.layerConfig), Templates.Templates)
  const meta = yield* Layer.build(MetaAdmin.layerConfig)
  return yield* Migration.migrate({
    source: { templates: source, wabaId: from },
    target: { templates: Context.get(meta, Templates.Templates), wabaId: to, media: Context.get(meta, Media.Media) },
    journal
  })
}).pipe(Effect.scoped)

const orderUpdate = (text: string) => [
  { type: "BODY", text, example: { body_text: [["Ada", "#1042"]] } },
  { type: "FOOTER", text: "Acme Bakery" },
  { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Track it" }] }
]
const welcome = [
  { type: "HEADER", format: "TEXT", text: "Welcome!" },
  { type: "BODY", text: "Thanks for ordering from Acme Bakery. Reply here any time." }
]
const imageHeader = (example: string) => ({ type: "HEADER", format: "IMAGE", example: { header_handle: [example] } })
const template = (name: string, language: string, category: string, components: ReadonlyArray<unknown>) => ({
  name,
  language,
  category,
  components
})

/** Runs the migration twice against the WOZTELL and Meta emulators: the second run has nothing to do. */
export const demo: Example.Demo<{
  readonly woztell: WoztellEmulator.Emulator
  readonly meta: MetaEmulator.Emulator
  readonly imageUrl: string
  readonly journal: string
  readonly first: Migration.Run
  readonly second: Migration.Run
}, MigrationJournal.JournalError> = Effect.gen(function*() {
  const source = yield* Example.woztell()
  const target = yield* Example.meta()
  // The picture the image header's example points at, on the bakery's website.
  const website = yield* Example.serveFiles({ "croissant.png": Example.png })
  const imageUrl = website.url("croissant.png")
  yield* Effect.orDie(
    source.emulator.seedTemplates(source.emulator.credentials.wabaId, [
      template("order_update", "en_US", "UTILITY", orderUpdate("Hi {{1}}, order {{2}} is on its way.")),
      template("order_update", "es", "UTILITY", orderUpdate("Hola {{1}}, tu pedido {{2}} está en camino.")),
      template("welcome", "en_US", "MARKETING", welcome),
      template("fresh_today", "en_US", "MARKETING", [
        imageHeader(imageUrl),
        { type: "BODY", text: "Fresh croissants are out of the oven." }
      ]),
      // Cannot be moved: its header's example is an upload handle only WOZTELL can use.
      template("weekend_offer", "en_US", "MARKETING", [
        imageHeader("4::aW1hZ2UvcG5n:ARZxHandleOnlyWoztellKnows"),
        { type: "BODY", text: "Two for one on Saturdays." }
      ])
    ])
  )
  // Already at Meta, identical.
  yield* Effect.orDie(
    target.emulator.addTemplates(target.emulator.credentials.wabaId, [
      template("welcome", "en_US", "MARKETING", welcome)
    ])
  )
  const journal = Path.join(
    yield* Example.temporaryDirectory("wa-admin-journal-"),
    "cross-provider-templates.journal.jsonl"
  )
  const run = program.pipe(
    Example.withEnvironment({ ...source.environment, ...target.environment, WA_ADMIN_JOURNAL: journal })
  )
  const first = yield* run
  yield* Console.log("\nRunning the same migration again:")
  const second = yield* run
  return { woztell: source.emulator, meta: target.emulator, imageUrl, journal, first, second }
})

if (Example.isMain(import.meta.url)) {
  Example.main([...Example.accountVariables(WoztellProvider), ...Example.accountVariables(MetaProvider)], {
    real: program,
    demo
  })
}
