import { assert, describe, it } from "@effect/vitest"
import { TemplateMigration } from "@wa-admin/core"
import { Effect } from "effect"
import { demo } from "../cross-provider-templates.js"
import * as Example from "../support/Example.js"
import { journalEntries, run, tally } from "./support.js"

describe("cross-provider-templates", () => {
  it.scopedLive("moves WOZTELL's templates to Meta with their header image uploaded to Meta; a second run plans nothing", () =>
    Effect.gen(function*() {
      const { value, output } = yield* run(demo)
      const { woztell, meta, journal, first, second } = value
      const from = woztell.credentials.wabaId
      const to = meta.credentials.wabaId

      const actions = new Map(first.plan.items.map((item) => [item.key, item]))
      assert.deepStrictEqual(TemplateMigration.counts(first.plan), { create: 3, update: 0, skip: 1, cannot: 1 })
      assert.strictEqual(actions.get("fresh_today:en_US")?.action, "create")
      assert.strictEqual(actions.get("welcome:en_US")?.action, "skip")
      assert.include(actions.get("weekend_offer:en_US")?.reason ?? "", "woztell upload handle, not a URL")
      assert.deepStrictEqual(
        first.report?.outcomes.filter((outcome) => outcome.action === "create").map((outcome) =>
          `${outcome.key}=${outcome.outcome}`
        ).sort(),
        ["fresh_today:en_US=created", "order_update:en_US=created", "order_update:es=created"]
      )
      assert.isTrue(TemplateMigration.isEmpty(second.plan))
      assert.strictEqual(second.report, undefined)
      assert.deepStrictEqual(TemplateMigration.counts(second.plan), { create: 0, update: 0, skip: 4, cannot: 1 })

      assert.include(output, `Plan: templates woztell:${from} -> meta:${to}`)
      assert.include(output, "Done: 3 created, 0 updated, 0 failed")
      assert.strictEqual(output.at(-1), "Nothing to do: the target holds every template the source can give it.")

      // At Meta: the templates, the image header carrying the handle of the image uploaded to Meta.
      const held = yield* meta.templates(to)
      assert.deepStrictEqual(held.map((template) => `${template.name}:${template.language}`).sort(), [
        "fresh_today:en_US",
        "order_update:en_US",
        "order_update:es",
        "welcome:en_US"
      ])
      const uploads = yield* meta.uploads
      assert.strictEqual(uploads.length, 1)
      assert.deepStrictEqual([...(uploads[0]?.bytes ?? [])], [...Example.png.bytes])
      const fresh = held.find((template) => template.name === "fresh_today")
      assert.deepStrictEqual(fresh?.components[0], {
        type: "HEADER",
        format: "IMAGE",
        example: { header_handle: [uploads[0]?.handle] }
      })
      const effects = yield* meta.effects
      assert.deepStrictEqual(
        [...tally(effects.map((effect) => effect.operation)).entries()].sort(),
        [["completeUpload", 1], ["createTemplate", 3], ["openUpload", 1]]
      )
      // Nothing was changed at the source.
      assert.strictEqual((yield* woztell.templates(from)).length, 5)

      assert.deepStrictEqual(
        journalEntries(journal),
        [
          "fresh_today:en_US done",
          "fresh_today:en_US started",
          "order_update:en_US done",
          "order_update:en_US started",
          "order_update:es done",
          "order_update:es started"
        ]
      )
    }))
})
