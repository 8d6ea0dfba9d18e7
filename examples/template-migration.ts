/**
 * Move message templates from one WOZTELL WABA to another with `TemplateMigration`: plan first
 * (create, update, skip what is identical, and say what cannot be moved and why), then apply,
 * journaling every change in a file so that a run killed half-way can be started again without
 * creating anything twice. Running it again shows an empty plan.
 *
 * Run it:
 *
 *   node_modules/.bin/tsx examples/template-migration.ts
 *
 * Without WOZTELL credentials it runs twice against the in-process WOZTELL emulator, holding
 * both WABAs. Against WOZTELL, the source is configured as usual and the target with the same
 * variables prefixed by `TARGET_` (it may be another channel, with its own token):
 *
 *   WOZTELL_ACCESS_TOKEN=… WOZTELL_WABA_ID=<source WABA> \
 *   TARGET_WOZTELL_ACCESS_TOKEN=… TARGET_WOZTELL_WABA_ID=<target WABA> \
 *   WA_ADMIN_JOURNAL=./template-migration.journal.jsonl \
 *   node_modules/.bin/tsx examples/template-migration.ts
 */
import { Templates } from "@wa-admin/core"
import type { MigrationJournal } from "@wa-admin/core"
import { WoztellAdmin, WoztellClient, WoztellProvider } from "@wa-admin/woztell"
import type { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Config, Console, Context, Effect, Layer } from "effect"
import * as Path from "node:path"
import * as Example from "./support/Example.js"
import * as Migration from "./support/Migration.js"

const settings = Config.all({
  from: Config.string("WOZTELL_WABA_ID"),
  to: Config.nested(Config.string("WOZTELL_WABA_ID"), "TARGET"),
  journal: Config.string("WA_ADMIN_JOURNAL").pipe(Config.withDefault("template-migration.journal.jsonl"))
})

/** The templates of the source channel (`WOZTELL_*`) and of the target channel (`TARGET_WOZTELL_*`). */
const templatesOf = (admin: typeof WoztellAdmin.layerConfig) =>
  Effect.map(Layer.build(admin), Context.get(Templates.Templates))

/** What one run did: the plan, and the report of applying it (none when there was nothing to do). */
export type Run = Migration.Run

/** Plans the migration, prints the plan and applies it. */
export const program: Example.Program<Run, MigrationJournal.JournalError> = Effect.gen(function*() {
  const { from, to, journal } = yield* settings
  const source = yield* templatesOf(WoztellAdmin.layerConfig)
  const target = yield* templatesOf(WoztellAdmin.layerConfigWith(Config.nested(WoztellClient.config, "TARGET")))
  return yield* Migration.migrate({
    source: { templates: source, wabaId: from },
    target: { templates: target, wabaId: to },
    journal
  })
}).pipe(Effect.scoped)

const sourceWaba = { wabaId: "104100000000001", phoneNumberId: "105100000000001", name: "Acme Bakery (old account)" }
const targetWaba = { wabaId: "204200000000002", phoneNumberId: "205200000000002", name: "Acme Bakery" }

const orderUpdate = (text: string) => [
  { type: "BODY", text, example: { body_text: [["Ada", "#1042"]] } },
  { type: "FOOTER", text: "Acme Bakery" },
  {
    type: "BUTTONS",
    buttons: [{ type: "QUICK_REPLY", text: "Track it" }, { type: "QUICK_REPLY", text: "Stop updates" }]
  }
]
const welcome = [
  { type: "HEADER", format: "TEXT", text: "Welcome!" },
  { type: "BODY", text: "Thanks for ordering from Acme Bakery. Reply here any time." }
]
const reminder = (text: string) => [{ type: "BODY", text, example: { body_text: [["Friday 9:00"]] } }]

/** Runs the migration twice against the WOZTELL emulator: the second run has nothing to do. */
export const demo: Example.Demo<{
  readonly emulator: WoztellEmulator.Emulator
  readonly source: typeof sourceWaba
  readonly target: typeof targetWaba
  readonly journal: string
  readonly first: Run
  readonly second: Run
}, MigrationJournal.JournalError> = Effect.gen(function*() {
  const { emulator, environment } = yield* Example.woztell({ wabas: [sourceWaba, targetWaba] })
  const seed = (wabaId: string, templates: ReadonlyArray<WoztellEmulator.TemplateSeed>) =>
    Effect.orDie(emulator.seedTemplates(wabaId, templates))
  const template = (name: string, language: string, category: string, components: ReadonlyArray<unknown>) => ({
    name,
    language,
    category,
    components
  })
  yield* seed(sourceWaba.wabaId, [
    template("order_update", "en_US", "UTILITY", orderUpdate("Hi {{1}}, order {{2}} is on its way.")),
    template("order_update", "es", "UTILITY", orderUpdate("Hola {{1}}, tu pedido {{2}} está en camino.")),
    template("welcome", "en_US", "MARKETING", welcome),
    template("pickup_reminder", "en_US", "UTILITY", reminder("Your order is ready for pickup from {{1}}.")),
    // Cannot be moved: a category templates cannot be created in any more, and a deleted template.
    template("sample_flight_confirmation", "en_US", "TICKET_UPDATE", [{
      type: "BODY",
      text: "Your flight is confirmed."
    }]),
    { ...template("summer_sale", "en_US", "MARKETING", [{ type: "BODY", text: "Summer sale!" }]), status: "DELETED" }
  ])
  yield* seed(targetWaba.wabaId, [
    template("welcome", "en_US", "MARKETING", welcome),
    template("pickup_reminder", "en_US", "UTILITY", reminder("Pick up your order from {{1}}."))
  ])
  const journal = Path.join(yield* Example.temporaryDirectory("wa-admin-journal-"), "template-migration.journal.jsonl")
  const run = program.pipe(
    Example.withEnvironment({
      ...environment,
      ...Object.fromEntries(Object.entries(environment).map(([name, value]) => [`TARGET_${name}`, value])),
      TARGET_WOZTELL_WABA_ID: targetWaba.wabaId,
      TARGET_WOZTELL_PHONE_NUMBER_ID: targetWaba.phoneNumberId,
      WA_ADMIN_JOURNAL: journal
    })
  )
  const first = yield* run
  yield* Console.log("\nRunning the same migration again:")
  const second = yield* run
  return { emulator, source: sourceWaba, target: targetWaba, journal, first, second }
})

if (Example.isMain(import.meta.url)) {
  Example.main(Example.accountVariables(WoztellProvider), { real: program, demo })
}
