import { assert, describe, it } from "@effect/vitest"
import { TemplateMigration } from "@wa-admin/core"
import { Effect } from "effect"
import { demo } from "../template-migration.js"
import { journalEntries, run, tally } from "./support.js"

describe("template-migration", () => {
  it.scopedLive("plans, applies with a journal, and a second run plans nothing", () =>
    Effect.gen(function*() {
      const { value, output } = yield* run(demo)
      const { emulator, source, target, journal, first, second } = value

      const actions = new Map(first.plan.items.map((item) => [item.key, item]))
      assert.deepStrictEqual(TemplateMigration.counts(first.plan), { create: 2, update: 1, skip: 1, cannot: 2 })
      assert.strictEqual(actions.get("order_update:en_US")?.action, "create")
      assert.strictEqual(actions.get("order_update:es")?.action, "create")
      assert.strictEqual(actions.get("pickup_reminder:en_US")?.action, "update")
      assert.strictEqual(actions.get("welcome:en_US")?.action, "skip")
      assert.include(actions.get("summer_sale:en_US")?.reason ?? "", "deleted at the source")
      assert.include(actions.get("sample_flight_confirmation:en_US")?.reason ?? "", "TICKET_UPDATE")
      const changed = first.report?.outcomes.filter((outcome) =>
        outcome.action === "create" || outcome.action === "update"
      )
      assert.deepStrictEqual(changed?.map((outcome) => `${outcome.key}=${outcome.outcome}`).sort(), [
        "order_update:en_US=created",
        "order_update:es=created",
        "pickup_reminder:en_US=updated"
      ])

      assert.isTrue(TemplateMigration.isEmpty(second.plan))
      assert.strictEqual(second.report, undefined)
      assert.deepStrictEqual(TemplateMigration.counts(second.plan), { create: 0, update: 0, skip: 4, cannot: 2 })

      assert.include(output, `Plan: templates woztell:${source.wabaId} -> woztell:${target.wabaId}`)
      assert.include(output, "  2 to create, 1 to update, 1 identical already, 2 cannot be moved")
      assert.include(output, "Done: 2 created, 1 updated, 0 failed")
      assert.include(output, "  0 to create, 0 to update, 4 identical already, 2 cannot be moved")
      assert.strictEqual(output.at(-1), "Nothing to do: the target holds every template the source can give it.")

      const held = yield* emulator.templates(target.wabaId)
      assert.deepStrictEqual(held.map((template) => `${template.name}:${template.language}`).sort(), [
        "order_update:en_US",
        "order_update:es",
        "pickup_reminder:en_US",
        "welcome:en_US"
      ])
      const reminder = held.find((template) => template.name === "pickup_reminder")
      assert.deepInclude(reminder?.components[0], { type: "BODY", text: "Your order is ready for pickup from {{1}}." })
      const effects = yield* emulator.effects
      assert.deepStrictEqual(
        [...tally(effects.map((effect) => `${effect.operation} ${effect.key}`)).entries()].sort(),
        [
          [`createTemplate ${target.wabaId}/order_update/en_US`, 1],
          [`createTemplate ${target.wabaId}/order_update/es`, 1],
          [`editTemplate ${reminder?.id}`, 1]
        ]
      )
      assert.strictEqual((yield* emulator.templates(source.wabaId)).length, 6)

      assert.deepStrictEqual(
        journalEntries(journal),
        [
          "order_update:en_US done",
          "order_update:en_US started",
          "order_update:es done",
          "order_update:es started",
          "pickup_reminder:en_US done",
          "pickup_reminder:en_US started"
        ]
      )
    }))
})
