/**
 * Core's template migration on the store's journal, on both engines: a run killed in the middle
 * of a create is resumed by another run (a new connection, as a new process would open) that
 * reconciles the half-done item by reading the target back — every template ends created once.
 */
import { assert } from "@effect/vitest"
import type { Templates } from "@wa-admin/core"
import { MigrationJournal, TemplateMigration } from "@wa-admin/core"
import { InMemory } from "@wa-admin/core/testing"
import { Effect, Exit, Layer } from "effect"
import { Store } from "../src/index.js"
import { onEveryEngine } from "./support/Engines.js"

const from = { provider: "memory", wabaId: "111" }
const to = { provider: "memory", wabaId: "222" }
const names = ["t0", "t1", "t2", "t3", "t4"]

const draft = (name: string) => ({
  name,
  language: "en_US",
  category: "MARKETING" as const,
  components: [{ _tag: "BODY" as const, text: `Hello {{1}}, this is ${name}`, examples: [["Ada"]] }]
})

onEveryEngine("a template migration journaled in the store", (it, engine) => {
  it.scoped("killed after the 3rd create was sent, resumed from another connection: every template created exactly once", () =>
    Effect.gen(function*() {
      const fresh = yield* engine.fresh
      const memory = yield* InMemory.make()
      const templates = memory.parts.templates
      if (templates === undefined) return yield* Effect.dieMessage("the in-memory adapter has no templates")
      yield* memory.control.seedTemplates(from.wabaId, names.map(draft))
      const plan = () =>
        TemplateMigration.plan({ source: templates.list({ wabaId: from.wabaId }), from, target: templates, to })

      let creates = 0
      const dying: Templates.Service = {
        ...templates,
        create: (request) =>
          Effect.suspend(() => (++creates === 3
            ? Effect.zipRight(templates.create(request), Effect.interrupt)
            : templates.create(request))
          )
      }
      const planned = yield* plan()
      const first = yield* fresh.open()
      const killed = yield* Effect.exit(TemplateMigration.apply(planned, { target: dying, journal: first.journal }))
      assert.isTrue(Exit.isInterrupted(killed))

      const journal = yield* MigrationJournal.MigrationJournal.pipe(
        Effect.provide(Store.migrationJournal.pipe(Layer.provide(Layer.succeed(Store.Store, yield* fresh.open()))))
      )
      const halfDone = yield* journal.progress(planned.id)
      assert.deepStrictEqual([...halfDone.values()].map((entry) => entry.phase), ["done", "done", "started"])

      // the third item was created but never journaled as done: the journal says to read it back, not to send it again
      const resumed = yield* TemplateMigration.apply(planned, { target: templates, journal })
      assert.deepStrictEqual(resumed.outcomes.map((outcome) => outcome.outcome), [
        "reconciled",
        "reconciled",
        "reconciled",
        "created",
        "created"
      ])
      assert.isTrue(TemplateMigration.isEmpty(yield* plan()))
      const creations = (yield* memory.control.effects).filter((effect) =>
        effect.operation === "templates.create" && effect.key.startsWith(to.wabaId)
      )
      assert.deepStrictEqual(
        creations.map((effect) => effect.key).sort(),
        names.map((name) => `${to.wabaId}/${name}/en_US`).sort()
      )
    }))
})
