/**
 * Migrating 500 templates between two WABAs over WOZTELL, whose creation quota is 100 per WABA
 * per hour, with `TemplateMigration.apply` pacing itself (`onQuota: "pace"`), all under
 * `TestClock`: the WOZTELL emulator, the adapter's client-side quota store and the migration's
 * waits read the same simulated clock, so hours pass in milliseconds and the makespan is exact.
 *
 * A driver advances the clock: each time the migration meets the quota, it waits until the
 * migration is asleep until the slot it was given and moves the clock exactly there — never
 * further, so any time the migration loses is its own. The optimum is the quota's own bound:
 * with N creations at L per sliding hour, the last batch cannot start before
 * (ceil(N / L) - 1) hours.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { MigrationJournal, TemplateMigration } from "@wa-admin/core"
import type { Templates } from "@wa-admin/core"
import { QuotaStore, WoztellClient, WoztellTemplates } from "@wa-admin/woztell"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Clock, Duration, Effect, Fiber, Layer, Option, Queue, Redacted, TestClock, TestContext } from "effect"
import * as Seeds from "./Seeds.js"

/** What the migration did. */
export interface Result {
  readonly templates: number
  readonly creationsPerHour: number
  readonly makespan: Duration.Duration
  readonly optimum: Duration.Duration
  readonly created: number
  readonly failed: number
  /** Creation requests the emulator refused (sent but not created: rate limits and any other refusal). */
  readonly refusedByProvider: number
  /** Requests the emulator received, in all. */
  readonly requests: number
  /** Times the migration waited for the client-side quota. */
  readonly paced: number
}

const sourceWaba = "200000000000002"
const targetWaba = "100000000000001"

const seedsOf = (count: number) =>
  Seeds.utilityTemplates(count, {
    stem: "shipping_notice",
    digits: 4,
    header: "Shipping update",
    body: "Hello {{1}}, parcel {{2}} left our warehouse today.",
    example: ["Ada", "#4711"],
    footer: "Thank you for shopping with us"
  })

/** Real time passes (the HTTP exchanges are real), without touching the test clock. */
const realTick = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))
const realDelay = (millis: number) =>
  Effect.async<void>((resume) => {
    const timer = setTimeout(() => resume(Effect.void), millis)
    return Effect.sync(() => clearTimeout(timer))
  })

export const run = (options: { readonly templates: number; readonly creationsPerHour: number }): Promise<Result> =>
  Effect.gen(function*() {
    const emulator = yield* WoztellEmulator.make({
      wabas: [
        { wabaId: targetWaba, phoneNumberId: "300000000000003" },
        { wabaId: sourceWaba, phoneNumberId: "400000000000004" }
      ],
      templateCreationsPerHour: options.creationsPerHour
    })
    yield* Effect.orDie(emulator.seedTemplates(sourceWaba, seedsOf(options.templates)))
    const client = Layer.provide(
      WoztellClient.layer({ accessToken: Redacted.make(emulator.credentials.accessToken), baseUrl: emulator.url }),
      Layer.merge(
        NodeHttpClient.layerUndici,
        QuotaStore.layerMemory({ limits: { creationsPerHour: options.creationsPerHour } })
      )
    )
    const templates = yield* Effect.provide(WoztellTemplates.make, yield* Layer.build(client))

    const plan = yield* TemplateMigration.plan({
      source: templates.list({ wabaId: sourceWaba }),
      from: { provider: "woztell", wabaId: sourceWaba },
      target: templates,
      to: { provider: "woztell", wabaId: targetWaba }
    })
    const creations = TemplateMigration.counts(plan).create
    if (creations !== options.templates) {
      return yield* Effect.die(new Error(`the plan creates ${creations} templates, not ${options.templates}`))
    }
    yield* emulator.clearRequests

    // Tells the driver each time the migration meets the quota, and for how long it will wait.
    const quotaWaits = yield* Queue.unbounded<Duration.Duration>()
    const watched: Templates.Service = {
      ...templates,
      create: (request) =>
        templates.create(request).pipe(
          Effect.tapError((
            error
          ) => (error._tag === "QuotaExceeded" ? Queue.offer(quotaWaits, error.retryAfter) : Effect.void))
        )
    }
    const journal = yield* MigrationJournal.makeMemory
    const started = yield* Clock.currentTimeMillis
    const migration = yield* Effect.fork(TemplateMigration.apply(plan, { target: watched, journal, onQuota: "pace" }))

    let paced = 0
    for (;;) {
      const next = yield* Effect.raceAll([
        Effect.as(Fiber.await(migration), "done" as const),
        Effect.map(Queue.take(quotaWaits), Option.some),
        Effect.as(realDelay(30_000), "stalled" as const)
      ])
      if (next === "done") break
      if (next === "stalled") return yield* Effect.die(new Error("the migration stalled: no progress for 30 s"))
      if (Option.isNone(next)) continue
      paced++
      const wake = (yield* Clock.currentTimeMillis) + Math.max(1, Duration.toMillis(next.value))
      while (!Array.from(yield* TestClock.sleeps()).includes(wake)) yield* realTick
      yield* TestClock.setTime(wake)
    }
    const report = yield* Fiber.join(migration)
    const finished = yield* Clock.currentTimeMillis

    const requests = yield* emulator.requests
    const effects = yield* emulator.effects
    const creationRequests = requests.filter(
      (request) => request.method === "PUT" && request.path.endsWith("/whatsapp-message-template")
    ).length
    const created = effects.filter((effect) => effect.operation === "createTemplate").length
    return {
      templates: options.templates,
      creationsPerHour: options.creationsPerHour,
      makespan: Duration.millis(finished - started),
      optimum: Duration.hours(Math.ceil(options.templates / options.creationsPerHour) - 1),
      created,
      failed: report.outcomes.filter((outcome) => outcome.outcome === "failed").length,
      refusedByProvider: creationRequests - created,
      requests: requests.length,
      paced
    }
  }).pipe(Effect.scoped, Effect.provide(TestContext.TestContext), Effect.runPromise)
