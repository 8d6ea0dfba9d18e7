/**
 * A fleet template migration on a cluster of runner processes (`Runners.ts`) sharing one
 * PostgreSQL, as the cluster test and the bench run it: `runners` runners start, the job is
 * submitted, one runner is SIGKILLed once the first quota window's creations are all done (the
 * job's status says so: every answer of that window recorded) and another joins; it runs until the
 * job has finished.
 *
 * The job is submitted once the runners hold the cluster's shards between them, as a fleet's
 * runners are up before its jobs come: runners that start together first take every shard in
 * turn and hand them over as the others register, and a job submitted meanwhile has its first
 * workflows started, interrupted and started again elsewhere — a stall of about a second in the
 * first quota window, which the rolling quota then repeats in every later window.
 *
 * The makespan runs from the first creation the WOZTELL emulator took to the job's end: the quota
 * bounds the creations, not the planning before them.
 */
import { ShardingConfig } from "@effect/cluster"
import { NodeHttpClient } from "@effect/platform-node"
import { PgClient } from "@effect/sql-pg"
import type { AdminError } from "@wa-admin/core"
import { Fleet } from "@wa-admin/fleet"
import { Store } from "@wa-admin/store"
import { Duration, Effect, Layer, Redacted, Schedule } from "effect"
import type { Scope } from "effect"
import type { Server } from "../../../store/test/support/Postgres.js"
import * as Runners from "./Runners.js"
import * as Scenario from "./Scenario.js"

/** What the cluster ran, and how long it took against the quota's bound. */
export interface Result {
  readonly status: Fleet.Status
  readonly witness: Scenario.Witness
  readonly makespanMillis: number
  readonly boundMillis: number
  readonly ratio: number
}

/** The shards of the cluster's one shard group (the runners keep `@effect/cluster`'s default). */
const shards = ShardingConfig.defaults.shardsPerGroup

/**
 * Waits until `runners` runners hold all the shards between them (PostgreSQL advisory locks, one
 * per shard, each held by a runner's lock connection), or fails after 60 s saying how they stand.
 */
const shardsSettled = (url: Redacted.Redacted, runners: number): Effect.Effect<void, Error> =>
  Effect.gen(function*() {
    const sql = yield* PgClient.PgClient
    const holders = sql<{ readonly held: string }>`
      SELECT count(*) AS held FROM pg_locks WHERE locktype = 'advisory' AND granted GROUP BY pid`
    const settled = (held: ReadonlyArray<{ readonly held: string }>) =>
      held.length === runners && held.reduce((sum, row) => sum + Number(row.held), 0) === shards
    let seen: ReadonlyArray<{ readonly held: string }> = []
    yield* holders.pipe(
      Effect.tap((held) => Effect.sync(() => (seen = held))),
      Effect.filterOrFail(settled, () => new Error("not yet")),
      Effect.retry(Schedule.spaced("100 millis")),
      Effect.timeoutFail({
        duration: "60 seconds",
        onTimeout: () =>
          new Error(
            `the ${runners} runners did not come to hold the ${shards} shards within 60 s: ${
              seen.map((row) => row.held).join(", ")
            }`
          )
      })
    )
  }).pipe(
    Effect.scoped,
    Effect.provide(PgClient.layer({ url })),
    Effect.mapError((error) => error instanceof Error ? error : new Error(String(error)))
  )

/**
 * Runs the job of `shape` on `runners` runner processes against a fresh database of `server`;
 * `runnerEntry`, a bundle of `runner.ts` the runners run with plain `node` (see `Runners.start`).
 */
export const run = (
  server: Server,
  shape: Scenario.Options,
  runners = 3,
  runnerEntry?: string
): Effect.Effect<Result, Error | AdminError.AdminError, Scope.Scope> =>
  Effect.gen(function*() {
    const url = yield* server.createDatabase()
    const scenario = yield* Scenario.start(shape)
    // Built once for every look at the job: a layer provided per call would open a pool and run the
    // store's migrations on each one, and an interrupted build can leave its migration lock held.
    const postgres = yield* Layer.build(Layer.merge(Store.layerPostgres({ url }), NodeHttpClient.layerUndici))
    const environment = {
      ...scenario.environment,
      WA_ADMIN_DATABASE_URL: Redacted.value(url),
      FLEET_TEST_EPOCH: String(scenario.epoch),
      FLEET_TEST_FACTOR: String(scenario.factor),
      FLEET_TEST_PACING_MARGIN_MS: "100"
    }
    const started = yield* Runners.start(runners, environment, runnerEntry)
    yield* shardsSettled(url, runners)
    const id = JSON.parse(scenario.jobText).id as string
    yield* Fleet.submit(scenario.jobText).pipe(Effect.provide(postgres))
    yield* scenario.createdSoFar.pipe(
      Effect.repeat({ schedule: Schedule.spaced("20 millis"), until: (created) => created >= 1 })
    )
    const firstCreation = Date.now()
    // Watched from the emulator's own count of creations (read in memory) while the windows run:
    // a job's status reads and decodes the job and every pair's progress, work that would compete
    // with the runners for the machine's two cores ten times a second.
    const firstWindow = shape.pairs * Math.min(shape.creationsPerHour, shape.templates)
    const created = (count: number) =>
      scenario.createdSoFar.pipe(Effect.repeat({ schedule: Schedule.spaced("20 millis"), until: (n) => n >= count }))
    // after the first window: one runner dies without a word, another joins
    yield* created(firstWindow)
    yield* Fleet.status(id).pipe(
      Effect.provide(postgres),
      Effect.repeat({
        schedule: Schedule.spaced("100 millis"),
        until: (status) => status.totals.done >= firstWindow
      })
    )
    yield* started.kill(1)
    yield* Effect.forkScoped(started.add(environment))
    // every creation made (or the job ended without them: a failure the caller's checks tell)
    yield* Effect.raceFirst(
      created(shape.pairs * shape.templates),
      Fleet.awaitFinished(id, { interval: "1 second" }).pipe(Effect.provide(postgres))
    )
    const status = yield* Fleet.awaitFinished(id, { interval: "100 millis" }).pipe(Effect.provide(postgres))
    const makespanMillis = Date.now() - firstCreation
    const boundMillis = Duration.toMillis(scenario.quotaBound)
    return {
      status,
      witness: yield* scenario.witness,
      makespanMillis,
      boundMillis,
      ratio: makespanMillis / boundMillis
    }
  })
