/**
 * A fleet template migration on a cluster of runner processes (`Runners.ts`) sharing one
 * PostgreSQL, as the cluster test and the bench run it: `runners` runners start, the job is
 * submitted, one runner is SIGKILLed once the first quota window's creations are all done (the
 * job's status says so: every answer of that window recorded) and another joins; it runs until the
 * job has finished.
 *
 * The makespan runs from the first creation the WOZTELL emulator took to the job's end: the quota
 * bounds the creations, not the planning before them.
 */
import { NodeHttpClient } from "@effect/platform-node"
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

/** Runs the job of `shape` on `runners` runner processes against a fresh database of `server`. */
export const run = (
  server: Server,
  shape: Scenario.Options,
  runners = 3
): Effect.Effect<Result, Error | AdminError.AdminError, Scope.Scope> =>
  Effect.gen(function*() {
    const url = yield* server.createDatabase()
    const scenario = yield* Scenario.start(shape)
    const postgres = Layer.merge(Store.layerPostgres({ url }), NodeHttpClient.layerUndici)
    const environment = {
      ...scenario.environment,
      WA_ADMIN_DATABASE_URL: Redacted.value(url),
      FLEET_TEST_EPOCH: String(scenario.epoch),
      FLEET_TEST_FACTOR: String(scenario.factor),
      FLEET_TEST_PACING_MARGIN_MS: "100"
    }
    const started = yield* Runners.start(runners, environment)
    const id = JSON.parse(scenario.jobText).id as string
    yield* Fleet.submit(scenario.jobText).pipe(Effect.provide(postgres))
    yield* scenario.createdSoFar.pipe(
      Effect.repeat({ schedule: Schedule.spaced("20 millis"), until: (created) => created >= 1 })
    )
    const firstCreation = Date.now()
    // after the first window: one runner dies without a word, another joins
    yield* Fleet.status(id).pipe(
      Effect.provide(postgres),
      Effect.repeat({
        schedule: Schedule.spaced("100 millis"),
        until: (status) => status.totals.done >= shape.pairs * Math.min(shape.creationsPerHour, shape.templates)
      })
    )
    yield* started.kill(1)
    yield* Effect.forkScoped(started.add(environment))
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
