import { assert, describe, it } from "@effect/vitest"
import { AdminError, MigrationJournal, Template, TemplateMigration, Templates } from "@wa-admin/core"
import { InMemory, Samples } from "@wa-admin/core/testing"
import { Clock, DateTime, Duration, Effect, Either, Exit, Fiber, Option, Schema, TestClock } from "effect"

const SOURCE = "111"
const TARGET = "222"
const from = { provider: "memory", wabaId: SOURCE }
const to = { provider: "memory", wabaId: TARGET }

const draft = (name: string, language = "en_US", body = `Hello {{1}}, this is ${name}`) => ({
  name,
  language,
  category: "MARKETING" as const,
  components: [{ _tag: "BODY" as const, text: body, examples: [["Ada"]] }]
})

const setup = (options: InMemory.Options = {}) =>
  Effect.gen(function*() {
    const memory = yield* InMemory.make(options)
    const templates = memory.parts.templates
    if (templates === undefined) return yield* Effect.dieMessage("the in-memory adapter has no templates")
    return { memory, templates, control: memory.control }
  })

const planOnce = (templates: Templates.Service) =>
  TemplateMigration.plan({ source: templates.list({ wabaId: SOURCE }), from, target: templates, to })

/** The in-memory provider with the source WABA seeded with a template of each name, and the plan to migrate them. */
const planned = (...names: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const { control, templates } = yield* setup()
    yield* control.seedTemplates(SOURCE, names.map((name) => draft(name)))
    return { control, templates, plan: yield* planOnce(templates) }
  })

const createsByKey = (control: InMemory.Control) =>
  Effect.map(control.effects, (effects) => {
    const counts = new Map<string, number>()
    for (const effect of effects) {
      if (effect.operation === "templates.create" && effect.key.startsWith(`${TARGET}`)) {
        counts.set(effect.key, (counts.get(effect.key) ?? 0) + 1)
      }
    }
    return counts
  })

const targetKeys = (control: InMemory.Control) =>
  Effect.map(control.templates(TARGET), (templates) => templates.map(TemplateMigration.keyOf).sort())

describe("TemplateMigration.plan", () => {
  it.effect("lists create, update, skip and cannot with reasons", () =>
    Effect.gen(function*() {
      const { control, templates } = yield* setup()
      yield* control.seedTemplates(SOURCE, [
        draft("welcome"),
        draft("welcome", "es", "Hola {{1}}"),
        draft("same"),
        draft("changed", "en_US", "New text for {{1}}"),
        { ...draft("gone"), status: "DELETED" }
      ])
      yield* control.seedTemplates(TARGET, [draft("same"), draft("changed", "en_US", "Old text for {{1}}")])
      const plan = yield* planOnce(templates)
      const byKey = new Map(plan.items.map((item) => [item.key, item]))
      assert.strictEqual(byKey.get("welcome:en_US")?.action, "create")
      assert.strictEqual(byKey.get("welcome:es")?.action, "create")
      assert.strictEqual(byKey.get("same:en_US")?.action, "skip")
      assert.strictEqual(byKey.get("changed:en_US")?.action, "update")
      assert.strictEqual(byKey.get("gone:en_US")?.action, "cannot")
      assert.include(byKey.get("gone:en_US")?.reason ?? "", "deleted")
      assert.deepStrictEqual(TemplateMigration.counts(plan), { create: 2, update: 1, skip: 1, cannot: 1 })
      const requests = yield* control.requests
      assert.isFalse(
        requests.some((request) => request.operation === "templates.create" || request.operation === "templates.edit")
      )
    }))
})

describe("TemplateMigration.toDraft", () => {
  it("refuses a category that cannot be created, naming it, instead of mapping it silently", () => {
    const legacy = Samples.legacyTemplate
    const result = TemplateMigration.toDraft(legacy)
    assert.isTrue(Either.isLeft(result))
    if (Either.isLeft(result)) assert.include(result.left, "category")
    const current = TemplateMigration.toDraft(new Template.Template({ ...legacy, category: "UTILITY" }))
    assert.isTrue(Either.isRight(current))
  })
})

describe("TemplateMigration.apply", () => {
  it.effect("makes the target hold the source's templates, and a second run plans nothing", () =>
    Effect.gen(function*() {
      const { control, templates } = yield* setup()
      yield* control.seedTemplates(SOURCE, [draft("a"), draft("b"), draft("b", "es", "Hola {{1}}"), draft("c")])
      yield* control.seedTemplates(TARGET, [draft("c", "en_US", "Stale {{1}}")])
      const journal = yield* MigrationJournal.makeMemory
      const report = yield* TemplateMigration.apply(yield* planOnce(templates), { target: templates, journal })
      assert.deepStrictEqual(
        report.outcomes.map((outcome) => `${outcome.key}=${outcome.outcome}`).sort(),
        ["a:en_US=created", "b:en_US=created", "b:es=created", "c:en_US=updated"]
      )
      const again = yield* planOnce(templates)
      assert.isTrue(TemplateMigration.isEmpty(again))
      const second = yield* TemplateMigration.apply(again, { target: templates, journal })
      assert.isTrue(second.outcomes.every((outcome) => outcome.outcome === "skipped"))
      const counts = yield* createsByKey(control)
      assert.isTrue([...counts.values()].every((count) => count === 1))
      assert.deepStrictEqual(yield* targetKeys(control), ["a:en_US", "b:en_US", "b:es", "c:en_US"])
    }))

  const names = Array.from({ length: 8 }, (_, index) => `t${index}`)

  for (const killAt of [0, 1, 4, 7]) {
    for (const when of ["before", "after"] as const) {
      it.effect(`a run killed ${when} create #${killAt + 1} resumes without duplicating anything`, () =>
        Effect.gen(function*() {
          const { control, templates } = yield* setup()
          yield* control.seedTemplates(SOURCE, names.map((name) => draft(name)))
          const journal = yield* MigrationJournal.makeMemory
          let creates = 0
          const dying: Templates.Service = {
            ...templates,
            create: (request) =>
              Effect.suspend(() => {
                const index = creates++
                if (index !== killAt) return templates.create(request)
                return when === "before"
                  ? Effect.interrupt
                  : Effect.zipRight(templates.create(request), Effect.interrupt)
              })
          }
          const killed = yield* Effect.exit(
            TemplateMigration.apply(yield* planOnce(templates), { target: dying, journal })
          )
          assert.isTrue(Exit.isInterrupted(killed))
          const resumed = yield* TemplateMigration.apply(yield* planOnce(templates), { target: templates, journal })
          assert.isFalse(resumed.outcomes.some((outcome) => outcome.outcome === "failed"))
          assert.deepStrictEqual(yield* targetKeys(control), names.map((name) => `${name}:en_US`).sort())
          const counts = yield* createsByKey(control)
          assert.strictEqual(counts.size, names.length)
          assert.isTrue([...counts.values()].every((count) => count === 1))
          assert.isTrue(TemplateMigration.isEmpty(yield* planOnce(templates)))
        }))
    }
  }

  it.effect("an item a killed run left started is reconciled by reading the target back", () =>
    Effect.gen(function*() {
      const { control, templates } = yield* setup()
      yield* control.seedTemplates(SOURCE, [draft("only")])
      const journal = yield* MigrationJournal.makeMemory
      const plan = yield* planOnce(templates)
      const dying: Templates.Service = {
        ...templates,
        create: (request) => Effect.zipRight(templates.create(request), Effect.interrupt)
      }
      yield* Effect.exit(TemplateMigration.apply(plan, { target: dying, journal }))
      const progress = yield* journal.progress(plan.id)
      assert.strictEqual(progress.get("only:en_US")?.phase, "started")
      const resumed = yield* TemplateMigration.apply(plan, { target: templates, journal })
      assert.deepStrictEqual(resumed.outcomes.map((outcome) => outcome.outcome), ["reconciled"])
      assert.deepStrictEqual([...(yield* createsByKey(control)).values()], [1])
    }))

  it.effect("a create refused because another run got there first is reconciled when the target holds the same template", () =>
    Effect.gen(function*() {
      const { control, plan, templates } = yield* planned("raced", "clashed")
      // Another run of the same migration (or a request a killed run left in flight) creates each
      // template just before this run's create arrives: the same content for one, other content for the other.
      const racing: Templates.Service = {
        ...templates,
        create: (request) =>
          Effect.zipRight(
            templates.create(
              request.template.name === "clashed"
                ? {
                  ...request,
                  template: { ...request.template, components: draft("clashed", "en_US", "Other {{1}}").components }
                }
                : request
            ),
            templates.create(request)
          )
      }
      const journal = yield* MigrationJournal.makeMemory
      const report = yield* TemplateMigration.apply(plan, { target: racing, journal })
      const outcome = new Map(report.outcomes.map((item) => [item.key, item]))
      assert.strictEqual(outcome.get("raced:en_US")?.outcome, "reconciled")
      assert.strictEqual(outcome.get("clashed:en_US")?.outcome, "failed")
      assert.include(outcome.get("clashed:en_US")?.detail ?? "", "exists")
      assert.deepStrictEqual([...(yield* createsByKey(control)).values()], [1, 1])
    }))

  it.effect("paces itself to the creation quota: 150 templates at 100 per hour take one hour, with no refusal", () =>
    Effect.gen(function*() {
      const { control, templates } = yield* setup({ templateCreationsPerHour: 100 })
      yield* control.seedTemplates(SOURCE, Array.from({ length: 150 }, (_, index) => draft(`bulk_${index}`)))
      const journal = yield* MigrationJournal.makeMemory
      const plan = yield* planOnce(templates)
      const fiber = yield* Effect.fork(TemplateMigration.apply(plan, { target: templates, journal, onQuota: "pace" }))
      yield* TestClock.adjust(Duration.hours(2))
      const report = yield* Fiber.join(fiber)
      assert.strictEqual(report.outcomes.filter((outcome) => outcome.outcome === "created").length, 150)
      assert.isUndefined(report.stopped)
      assert.strictEqual((yield* createsByKey(control)).size, 150)
    }))

  it.effect("stops at the quota with the time it can resume, and a later run finishes", () =>
    Effect.gen(function*() {
      const { control, templates } = yield* setup({ templateCreationsPerHour: 100 })
      yield* control.seedTemplates(SOURCE, Array.from({ length: 120 }, (_, index) => draft(`bulk_${index}`)))
      const journal = yield* MigrationJournal.makeMemory
      const first = yield* TemplateMigration.apply(yield* planOnce(templates), {
        target: templates,
        journal,
        onQuota: "stop"
      })
      const stopped = Option.fromNullable(first.stopped)
      assert.isTrue(Option.isSome(stopped))
      if (Option.isNone(stopped)) return
      assert.strictEqual(stopped.value.remaining, 20)
      assert.isTrue(Duration.lessThanOrEqualTo(stopped.value.resumeAfter, Duration.hours(1)))
      yield* TestClock.adjust(stopped.value.resumeAfter)
      const second = yield* TemplateMigration.apply(yield* planOnce(templates), {
        target: templates,
        journal,
        onQuota: "stop"
      })
      assert.isUndefined(second.stopped)
      assert.strictEqual((yield* control.templates(TARGET)).length, 120)
    }))
})

describe("TemplateMigration.apply: typed outcomes", () => {
  it.effect("a failed item keeps the error it failed with, typed, next to its message", () =>
    Effect.gen(function*() {
      const { plan, templates } = yield* planned("allowed", "refused")
      const forbidden = new AdminError.Forbidden({
        provider: "memory",
        operation: "templates.create",
        reason: "not this WABA"
      })
      const refusing: Templates.Service = {
        ...templates,
        create: (request) => (request.template.name === "refused" ? Effect.fail(forbidden) : templates.create(request))
      }
      const report = yield* TemplateMigration.apply(plan, {
        target: refusing,
        journal: yield* MigrationJournal.makeMemory
      })
      const outcome = new Map(report.outcomes.map((item) => [item.key, item]))
      assert.strictEqual(outcome.get("allowed:en_US")?.outcome, "created")
      assert.isUndefined(outcome.get("allowed:en_US")?.error)
      const failed = outcome.get("refused:en_US")
      assert.strictEqual(failed?.outcome, "failed")
      assert.deepStrictEqual(failed?.error, forbidden)
      assert.strictEqual(failed?.detail, forbidden.message)
      // The error is the library's JSON-encodable union, as a report written to disk keeps it.
      const encoded = Schema.encodeSync(AdminError.AdminError)(failed?.error ?? forbidden)
      assert.deepStrictEqual(
        Schema.decodeUnknownSync(AdminError.AdminError)(JSON.parse(JSON.stringify(encoded))),
        forbidden
      )
    }))

  it.effect("an item whose outcome was unknown and whose retry failed keeps the retry's error", () =>
    Effect.gen(function*() {
      const { plan, templates } = yield* planned("flaky")
      const unknown = new AdminError.OutcomeUnknown({
        provider: "memory",
        operation: "templates.create",
        reason: "reset"
      })
      const unavailable = new AdminError.ProviderUnavailable({
        provider: "memory",
        operation: "templates.create",
        status: 503,
        attempts: 3,
        reason: "HTTP 503"
      })
      let calls = 0
      const failing: Templates.Service = {
        ...templates,
        create: () => Effect.fail(calls++ === 0 ? unknown : unavailable)
      }
      const report = yield* TemplateMigration.apply(plan, {
        target: failing,
        journal: yield* MigrationJournal.makeMemory
      })
      assert.deepStrictEqual(report.outcomes[0]?.error, unavailable)
      assert.strictEqual(report.outcomes[0]?.detail, unavailable.message)
    }))

  it.effect("each wait for a quota is told with the refusal; a run stopped at one carries it", () =>
    Effect.gen(function*() {
      const { control, templates } = yield* setup({ templateCreationsPerHour: 2 })
      yield* control.seedTemplates(SOURCE, [draft("q_one"), draft("q_two"), draft("q_three")])
      const waits: Array<readonly [string, AdminError.QuotaExceeded]> = []
      const fiber = yield* Effect.fork(
        TemplateMigration.apply(yield* planOnce(templates), {
          target: templates,
          journal: yield* MigrationJournal.makeMemory,
          onWait: (wait) => Effect.sync(() => void waits.push([wait.item.key, wait.error]))
        })
      )
      yield* TestClock.adjust(Duration.hours(1))
      const paced = yield* Fiber.join(fiber)
      assert.deepStrictEqual(paced.outcomes.map((outcome) => outcome.outcome), ["created", "created", "created"])
      assert.deepStrictEqual(waits.map(([key]) => key), ["q_three:en_US"])
      assert.strictEqual(waits[0]?.[1]._tag, "QuotaExceeded")

      const other = yield* setup({ templateCreationsPerHour: 2 })
      yield* other.control.seedTemplates(SOURCE, [draft("s_one"), draft("s_two"), draft("s_three")])
      const stopped = yield* TemplateMigration.apply(yield* planOnce(other.templates), {
        target: other.templates,
        journal: yield* MigrationJournal.makeMemory,
        onQuota: "stop",
        onWait: () => Effect.dieMessage("a run that stops does not wait")
      })
      assert.strictEqual(stopped.stopped?.error._tag, "QuotaExceeded")
      assert.strictEqual(stopped.stopped?.reason, stopped.stopped?.error.message)
      assert.strictEqual(stopped.stopped?.remaining, 1)
    }))
})

/** Leases kept in memory, timed by the Clock, recording what happened to them in order. */
const memoryLeases = (log: Array<string>) => {
  const held = new Map<string, { holder: string; expiresAt: number }>()
  const leases: TemplateMigration.ItemLeases & {
    readonly holderOf: (key: string) => Effect.Effect<Option.Option<{ holder: string; expiresAt: number }>>
  } = {
    acquire: (key, holder, ttl) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const current = held.get(key)
        if (current !== undefined && current.holder !== holder && current.expiresAt > now) {
          log.push(`held ${key}`)
          return Effect.fail({
            _tag: "LeaseHeld" as const,
            holder: current.holder,
            expiresAt: DateTime.unsafeMake(current.expiresAt),
            message: `held by ${current.holder}`
          })
        }
        log.push(`acquire ${key}`)
        held.set(key, { holder, expiresAt: now + Duration.toMillis(Duration.decode(ttl)) })
        return Effect.succeed({ expired: Option.fromNullable(current) })
      }),
    renew: (key, holder, ttl) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const current = held.get(key)
        if (current?.holder !== holder) return Effect.fail({ _tag: "LeaseLost" as const, message: `lost ${key}` })
        log.push(`renew ${key}`)
        held.set(key, { holder, expiresAt: now + Duration.toMillis(Duration.decode(ttl)) })
        return Effect.void
      }),
    release: (key, holder) =>
      Effect.sync(() => {
        if (held.get(key)?.holder === holder) {
          log.push(`release ${key}`)
          held.delete(key)
        }
      }),
    holderOf: (key) =>
      Effect.map(
        Clock.currentTimeMillis,
        (now) => Option.filter(Option.fromNullable(held.get(key)), (lease) => lease.expiresAt > now)
      )
  }
  return leases
}

/** A journal that also writes what it records into `log`, so the order against leases shows. */
const loggingJournal = (journal: MigrationJournal.Service, log: Array<string>): MigrationJournal.Service => ({
  ...journal,
  record: (entry) =>
    Effect.zipRight(Effect.sync(() => log.push(`journal ${entry.key} ${entry.phase}`)), journal.record(entry))
})

/** Two templates planned, leases and a journal both writing into one log, and an item's lease key. */
const leasedPlan = Effect.gen(function*() {
  const { plan, templates } = yield* planned("first", "second")
  const log: Array<string> = []
  const leases = memoryLeases(log)
  const journal = loggingJournal(yield* MigrationJournal.makeMemory, log)
  const lease = (key: string) => `${plan.id}/${key}`
  return { journal, lease, leases, log, plan, templates }
})

describe("TemplateMigration.apply: item leases", () => {
  it.effect("leases each item before journaling it started and gives the lease back once it is done", () =>
    Effect.gen(function*() {
      const { journal, lease, leases, log, plan, templates } = yield* leasedPlan
      const report = yield* TemplateMigration.apply(plan, {
        target: templates,
        journal,
        itemLeases: { leases, holder: "me" }
      })
      assert.deepStrictEqual(report.outcomes.map((outcome) => outcome.outcome), ["created", "created"])
      assert.deepStrictEqual(log, [
        `acquire ${lease("first:en_US")}`,
        "journal first:en_US started",
        "journal first:en_US done",
        `release ${lease("first:en_US")}`,
        `acquire ${lease("second:en_US")}`,
        "journal second:en_US started",
        "journal second:en_US done",
        `release ${lease("second:en_US")}`
      ])
      assert.isTrue(Option.isNone(yield* leases.holderOf(lease("first:en_US"))))
    }))

  it.effect("leases that journal: an item's first lease and its start are one step, its end and the lease given back another; another journal's run is not written through them", () =>
    Effect.gen(function*() {
      const { journal, lease, leases, log, plan, templates } = yield* leasedPlan
      const journaling: TemplateMigration.ItemLeases = {
        ...leases,
        journaled: {
          journal,
          acquire: (key, holder, ttl, entry) =>
            Effect.gen(function*() {
              log.push(`acquire ${key} with ${entry.key} ${entry.phase}`)
              const acquired = yield* leases.acquire(key, holder, ttl)
              yield* Effect.orDie(journal.record(entry))
              return { ...acquired, first: true, recorded: true }
            }),
          release: (key, holder, entry) =>
            Effect.gen(function*() {
              log.push(`release ${key} with ${entry.key} ${entry.phase}`)
              yield* journal.record(entry)
              yield* Effect.orDie(leases.release(key, holder))
            })
        }
      }
      const report = yield* TemplateMigration.apply(plan, {
        target: templates,
        journal,
        itemLeases: { leases: journaling, holder: "me" }
      })
      assert.deepStrictEqual(report.outcomes.map((outcome) => outcome.outcome), ["created", "created"])
      assert.deepStrictEqual(log.filter((line) => line.includes(" with ")), [
        `acquire ${lease("first:en_US")} with first:en_US started`,
        `release ${lease("first:en_US")} with first:en_US done`,
        `acquire ${lease("second:en_US")} with second:en_US started`,
        `release ${lease("second:en_US")} with second:en_US done`
      ])
      assert.deepStrictEqual(
        [...(yield* journal.progress(plan.id)).values()].map((entry) => `${entry.key} ${entry.phase}`),
        ["first:en_US done", "second:en_US done"]
      )
      assert.strictEqual(log.filter((line) => line === "journal first:en_US started").length, 1, "started once")

      // a run journaling elsewhere: its entries go to its own journal, the leases only lease
      const elsewhere = yield* MigrationJournal.makeMemory
      const other = yield* planned("third")
      log.length = 0
      yield* TemplateMigration.apply(other.plan, {
        target: other.templates,
        journal: elsewhere,
        itemLeases: { leases: journaling, holder: "me" }
      })
      assert.deepStrictEqual(log.filter((line) => line.includes(" with ")), [])
      assert.deepStrictEqual(
        [...(yield* elsewhere.progress(other.plan.id)).values()].map((entry) => entry.phase),
        ["done"]
      )
    }))

  it.effect("an item whose lease another worker holds is reported leased, with nothing sent or journaled for it", () =>
    Effect.gen(function*() {
      const { control, plan, templates } = yield* planned("mine", "theirs")
      const log: Array<string> = []
      const leases = memoryLeases(log)
      const theirs = plan.items.find((item) => item.name === "theirs")
      if (theirs === undefined) return yield* Effect.dieMessage("no item")
      yield* leases.acquire(TemplateMigration.leaseKey(plan, theirs), "other-worker", "10 minutes")
      const journal = yield* MigrationJournal.makeMemory
      const report = yield* TemplateMigration.apply(plan, {
        target: templates,
        journal,
        itemLeases: { leases, holder: "me" }
      })
      const outcome = new Map(report.outcomes.map((item) => [item.key, item]))
      assert.strictEqual(outcome.get("mine:en_US")?.outcome, "created")
      assert.strictEqual(outcome.get("theirs:en_US")?.outcome, "leased")
      assert.include(outcome.get("theirs:en_US")?.detail ?? "", "other-worker")
      assert.isDefined(outcome.get("theirs:en_US")?.leasedUntil)
      assert.deepStrictEqual([...(yield* createsByKey(control)).keys()], [`${TARGET}/mine/en_US`])
      assert.isFalse((yield* journal.progress(plan.id)).has("theirs:en_US"))
      assert.deepStrictEqual(
        Option.map(yield* leases.holderOf(TemplateMigration.leaseKey(plan, theirs)), (lease) => lease.holder),
        Option.some("other-worker"),
        "the other worker's lease is left alone"
      )
    }))

  it.effect("an item taken over from an expired lease is reconciled by reading the target back: nothing is sent twice", () =>
    Effect.gen(function*() {
      const { control, plan, templates } = yield* planned("orphan")
      const [item] = plan.items
      if (item === undefined) return yield* Effect.dieMessage("no item")
      const leases = memoryLeases([])
      // A worker leased the item, sent the creation and died before journaling anything this worker can see.
      yield* leases.acquire(TemplateMigration.leaseKey(plan, item), "dead-worker", "1 minute")
      yield* templates.create({ wabaId: TARGET, template: draft("orphan") })
      yield* TestClock.adjust("2 minutes")
      const before = (yield* control.requests).length
      const report = yield* TemplateMigration.apply(plan, {
        target: templates,
        journal: yield* MigrationJournal.makeMemory,
        itemLeases: { leases, holder: "me" }
      })
      assert.deepStrictEqual(report.outcomes.map((outcome) => outcome.outcome), ["reconciled"])
      const sent = (yield* control.requests).slice(before).map((request) => request.operation)
      assert.notInclude(sent, "templates.create", "the target was read back instead of sending the creation again")
      assert.include(sent, "templates.get")
      assert.deepStrictEqual([...(yield* createsByKey(control)).values()], [1])
    }))

  it.effect("a run interrupted while a creation is on its way ends at once; the creation lands, is journaled done and its lease given back", () =>
    Effect.gen(function*() {
      const { control, plan, templates } = yield* planned("inflight", "after")
      const journal = yield* MigrationJournal.makeMemory
      const log: Array<string> = []
      const leases = memoryLeases(log)
      const slow: Templates.Service = {
        ...templates,
        create: (request) => Effect.zipRight(Effect.sleep("1 second"), templates.create(request))
      }
      const run = yield* Effect.fork(
        TemplateMigration.apply(plan, { target: slow, journal, itemLeases: { leases, holder: "me" } })
      )
      yield* TestClock.adjust("500 millis")
      yield* Fiber.interrupt(run)
      const [inflight, after] = plan.items
      if (inflight === undefined || after === undefined) return yield* Effect.dieMessage("two items planned")
      yield* TestClock.adjust("1 second")
      const created = yield* createsByKey(control)
      assert.strictEqual(created.get(`${TARGET}/inflight/en_US`), 1, "the creation on its way was not cut off")
      assert.isUndefined(created.get(`${TARGET}/after/en_US`), "nothing more was sent")
      const entry = yield* journal.entry(plan.id, inflight.key)
      assert.deepStrictEqual(Option.map(entry, (found) => found.phase), Option.some("done"))
      assert.isTrue(Option.isNone(yield* leases.holderOf(TemplateMigration.leaseKey(plan, inflight))))
    }))

  it.effect("an item's first lease asks the journal nothing more; a key leased before is checked against it", () =>
    Effect.gen(function*() {
      const { plan, templates } = yield* planned("fresh", "again")
      const journal = yield* MigrationJournal.makeMemory
      const asked: Array<string> = []
      const counting: MigrationJournal.Service = {
        ...journal,
        entry: (migration, key) => Effect.zipRight(Effect.sync(() => asked.push(key)), journal.entry(migration, key))
      }
      const leases = memoryLeases([])
      const [fresh, again] = plan.items
      if (fresh === undefined || again === undefined) return yield* Effect.dieMessage("two items planned")
      const firstFor = new Set([TemplateMigration.leaseKey(plan, fresh)])
      const report = yield* TemplateMigration.apply(plan, {
        target: templates,
        journal: counting,
        itemLeases: {
          leases: {
            ...leases,
            acquire: (key, holder, ttl) =>
              Effect.map(leases.acquire(key, holder, ttl), (lease) => ({ ...lease, first: firstFor.has(key) }))
          },
          holder: "me"
        }
      })
      assert.deepStrictEqual(report.outcomes.map((outcome) => outcome.outcome), ["created", "created"])
      assert.deepStrictEqual(asked, [again.key])
    }))

  it.effect("an item the journal already says done is reconciled, not sent again, although its key is leased for the first time", () =>
    Effect.gen(function*() {
      const { control, plan, templates } = yield* planned("before")
      const [item] = plan.items
      if (item === undefined) return yield* Effect.dieMessage("one item planned")
      // a run that did not lease items created it and journaled it done
      yield* templates.create({ wabaId: TARGET, template: draft("before") })
      const journal = yield* MigrationJournal.makeMemory
      yield* journal.record(
        new MigrationJournal.Entry({ migration: plan.id, key: item.key, action: "create", phase: "done", at: 0 })
      )
      const leases = memoryLeases([])
      const before = (yield* control.requests).length
      const report = yield* TemplateMigration.apply(plan, {
        target: templates,
        journal,
        itemLeases: {
          leases: {
            ...leases,
            acquire: (key, holder, ttl) =>
              Effect.map(leases.acquire(key, holder, ttl), (lease) => ({ ...lease, first: true }))
          },
          holder: "me"
        }
      })
      assert.deepStrictEqual(report.outcomes.map((outcome) => outcome.outcome), ["reconciled"])
      const sent = (yield* control.requests).slice(before).map((request) => request.operation)
      assert.notInclude(sent, "templates.create", "read back instead of sent again (nor a quota slot spent)")
      assert.deepStrictEqual((yield* createsByKey(control)).get(`${TARGET}/before/en_US`), 1)
    }))

  it.effect("an item another run finished after this run began is reconciled, not sent again, although its lease is free", () =>
    Effect.gen(function*() {
      const { control, plan, templates } = yield* planned("early", "raced")
      const raced = plan.items.find((item) => item.name === "raced")
      if (raced === undefined) return yield* Effect.dieMessage("no item")
      const journal = yield* MigrationJournal.makeMemory
      const leases = memoryLeases([])
      // The other run creates the item, journals it done and gives its lease back just before
      // this run asks for that lease: this run's start-of-run journal read no longer tells.
      const racing: TemplateMigration.ItemLeases = {
        ...leases,
        acquire: (key, holder, ttl) =>
          Effect.zipRight(
            key === TemplateMigration.leaseKey(plan, raced)
              ? Effect.orDie(Effect.gen(function*() {
                yield* templates.create({ wabaId: TARGET, template: draft("raced") })
                yield* journal.record(
                  new MigrationJournal.Entry({
                    migration: plan.id,
                    key: raced.key,
                    action: "create",
                    phase: "done",
                    at: 0
                  })
                )
              }))
              : Effect.void,
            leases.acquire(key, holder, ttl)
          )
      }
      const report = yield* TemplateMigration.apply(plan, {
        target: templates,
        journal,
        itemLeases: { leases: racing, holder: "me" }
      })
      const outcome = new Map(report.outcomes.map((item) => [item.key, item.outcome]))
      assert.strictEqual(outcome.get("early:en_US"), "created")
      assert.strictEqual(outcome.get("raced:en_US"), "reconciled")
      const creations = (yield* control.requests).filter((request) => request.operation === "templates.create")
      assert.strictEqual(
        creations.length,
        2,
        "early's, and the other run's of raced: none sent again (nor a quota slot spent)"
      )
      assert.deepStrictEqual((yield* createsByKey(control)).get(`${TARGET}/raced/en_US`), 1)
    }))

  it.effect("a quota wait keeps the item's lease (renewed over the wait); a run stopped at a quota gives it back", () =>
    Effect.gen(function*() {
      const { control, templates } = yield* setup({ templateCreationsPerHour: 1 })
      yield* control.seedTemplates(SOURCE, [draft("w_one"), draft("w_two")])
      const plan = yield* planOnce(templates)
      const second = plan.items.find((item) => item.name === "w_two")
      if (second === undefined) return yield* Effect.dieMessage("no item")
      const leases = memoryLeases([])
      const fiber = yield* Effect.fork(
        TemplateMigration.apply(plan, {
          target: templates,
          journal: yield* MigrationJournal.makeMemory,
          itemLeases: { leases, holder: "me", ttl: "1 minute" }
        })
      )
      yield* TestClock.adjust("30 minutes")
      const during = yield* leases.holderOf(TemplateMigration.leaseKey(plan, second))
      assert.deepStrictEqual(
        Option.map(during, (lease) => lease.holder),
        Option.some("me"),
        "held through the wait, past its ttl"
      )
      yield* TestClock.adjust("31 minutes")
      const paced = yield* Fiber.join(fiber)
      assert.deepStrictEqual(paced.outcomes.map((outcome) => outcome.outcome), ["created", "created"])
      assert.isTrue(Option.isNone(yield* leases.holderOf(TemplateMigration.leaseKey(plan, second))))

      const other = yield* setup({ templateCreationsPerHour: 1 })
      yield* other.control.seedTemplates(SOURCE, [draft("w_one"), draft("w_two")])
      const stoppedPlan = yield* planOnce(other.templates)
      const stoppedLeases = memoryLeases([])
      const stopped = yield* TemplateMigration.apply(stoppedPlan, {
        target: other.templates,
        journal: yield* MigrationJournal.makeMemory,
        onQuota: "stop",
        itemLeases: { leases: stoppedLeases, holder: "me" }
      })
      assert.strictEqual(stopped.stopped?.remaining, 1)
      for (const item of stoppedPlan.items) {
        assert.isTrue(Option.isNone(yield* stoppedLeases.holderOf(TemplateMigration.leaseKey(stoppedPlan, item))))
      }
    }))
})

describe("TemplateMigration.apply at the provider's throttle", () => {
  const throttled = (retryAfter?: Duration.Duration) =>
    new AdminError.RateLimited({
      provider: "memory",
      operation: "templates.create",
      attempts: 3,
      ...(retryAfter === undefined ? {} : { retryAfter })
    })

  /** The target, whose creations after the first are refused with `refusal`; the names of the creations sent. */
  const throttling = (templates: Templates.Service, refusal: AdminError.RateLimited) => {
    const sent: Array<string> = []
    const target: Templates.Service = {
      ...templates,
      create: (request) =>
        Effect.suspend(() => {
          sent.push(String(request.template.name))
          return sent.length === 1 ? templates.create(request) : Effect.fail(refusal)
        })
    }
    return { target, sent }
  }

  it.effect("a 429 with onQuota stop stops the run: nothing recorded failed, nothing more sent", () =>
    Effect.gen(function*() {
      const { plan, templates } = yield* planned("t_one", "t_two", "t_three")
      const refusal = throttled(Duration.seconds(30))
      const { sent, target } = throttling(templates, refusal)
      const journal = yield* MigrationJournal.makeMemory
      const report = yield* TemplateMigration.apply(plan, { target, journal, onQuota: "stop" })
      assert.deepStrictEqual(sent, ["t_one", "t_two"])
      assert.deepStrictEqual(report.outcomes.map((outcome) => [outcome.key, outcome.outcome]), [
        ["t_one:en_US", "created"]
      ])
      assert.strictEqual(report.stopped?.error._tag, "RateLimited")
      assert.strictEqual(report.stopped?.reason, refusal.message)
      assert.strictEqual(report.stopped?.remaining, 2)
      assert.isTrue(Duration.equals(report.stopped?.resumeAfter ?? Duration.zero, Duration.seconds(30)))
      const progress = yield* journal.progress(plan.id)
      assert.deepStrictEqual(
        [...progress.values()].filter((entry) => entry.phase === "failed").map((entry) => entry.key),
        []
      )
    }))

  it.effect("a 429 naming no wait stops the run for a minute", () =>
    Effect.gen(function*() {
      const { control, templates } = yield* setup()
      yield* control.seedTemplates(SOURCE, [draft("m_one"), draft("m_two")])
      const { target } = throttling(templates, throttled())
      const report = yield* TemplateMigration.apply(yield* planOnce(templates), {
        target,
        journal: yield* MigrationJournal.makeMemory,
        onQuota: "stop"
      })
      assert.isTrue(Duration.equals(report.stopped?.resumeAfter ?? Duration.zero, Duration.minutes(1)))
      assert.strictEqual(report.stopped?.remaining, 1)
    }))
})
