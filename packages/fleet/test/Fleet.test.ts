/**
 * Fleet template migrations (Meta onto WOZTELL, `support/Scenario.ts`) as a user runs them: in
 * one process on SQLite — straight through, and stopped halfway then resumed — and on three
 * runner processes (`support/runner.ts`) sharing a real PostgreSQL the test starts, one runner
 * killed with SIGKILL and another joining. The WOZTELL emulator's record of what took effect is
 * the witness: every template created exactly once, no creation refused (throttled or
 * duplicate). Provider time is accelerated (an hour in seconds), the same in every process.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Fleet, Runner } from "@wa-admin/fleet"
import { Store } from "@wa-admin/store"
import { ConfigProvider, Duration, Effect, Fiber, Layer, Option, Redacted, Schedule } from "effect"
import * as fs from "node:fs"
import * as net from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import { withPostgres } from "../../store/test/support/Postgres.js"
import * as Runners from "./support/Runners.js"
import * as Scenario from "./support/Scenario.js"

const tempDir = Effect.acquireRelease(
  Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "wa-admin-fleet-"))),
  (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
)

/** What every runner of these tests is told: the scenario's time and variables, short intervals. */
const runnerOptions = (scenario: Scenario.Scenario): Runner.Options => ({
  time: scenario.time,
  variables: ConfigProvider.fromMap(new Map(Object.entries(scenario.environment))),
  dispatchInterval: "100 millis",
  pacingMargin: "100 millis",
  leaseTtl: "2 seconds",
  sharding: { entityTerminationTimeout: "1 second" }
})

const sqlite = (file: string) => Layer.merge(Store.layerSqlite({ filename: file }), NodeHttpClient.layerUndici)

describe("fleet jobs in one process on SQLite", () => {
  it.scopedLive("moves every template of several WABA pairs exactly once, paced by the target's quota", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const scenario = yield* Scenario.start({ pairs: 4, templates: 6, creationsPerHour: 3, hourMillis: 2000 })
      const started = Date.now()
      const status = yield* Fleet.run(scenario.jobText, { ...runnerOptions(scenario), interval: "50 millis" }).pipe(
        Effect.provide(sqlite(path.join(dir, "state.db")))
      )
      const makespan = Date.now() - started
      const witness = yield* scenario.witness
      expect(status.state).toBe("done")
      expect(status.totals).toEqual({ units: 4, unitsEnded: 4, items: 24, done: 24, failed: 0, left: 0 })
      expect(witness).toMatchObject({ expected: 24, created: 24, duplicates: 0, missing: 0, refused: 0 })
      const json = Fleet.toJson(status)
      expect(json).toMatchObject({ id: "fleet-test", kind: "templates", state: "done", finished: true })
      expect(typeof json.finishedAt).toBe("string")
      expect(json.units.map((unit) => [unit.label, unit.state, unit.done, unit.left, unit.waitingUntil])).toEqual(
        JSON.parse(scenario.jobText).pairs.map((
          pair: { source: string; target: string }
        ) => [`${pair.source} -> ${pair.target}`, "done", 6, 0, undefined])
      )
      // Paced: the second half of each WABA's templates waited for the hour to pass.
      expect(makespan).toBeGreaterThanOrEqual(Duration.toMillis(scenario.quotaBound))
    }))

  it.scopedLive("resumes a run stopped halfway: every template still created exactly once", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const file = path.join(dir, "state.db")
      const scenario = yield* Scenario.start({ pairs: 4, templates: 6, creationsPerHour: 3, hourMillis: 2000 })
      const first = yield* Fleet.run(scenario.jobText, runnerOptions(scenario)).pipe(
        Effect.provide(sqlite(file)),
        Effect.fork
      )
      yield* scenario.createdSoFar.pipe(
        Effect.repeat({ schedule: Schedule.spaced("20 millis"), until: (created) => created >= 6 })
      )
      yield* Fiber.interrupt(first)
      const stoppedAt = yield* scenario.createdSoFar
      expect(stoppedAt).toBeLessThan(24)

      // resumed by the runner the store calls for: on SQLite, the one in this process
      const status = yield* Fleet.awaitFinished("fleet-test", { interval: "50 millis" }).pipe(
        Effect.provide(Layer.discard(Runner.layer({ ...runnerOptions(scenario), port: 0 }))),
        Effect.provide(sqlite(file))
      )
      expect(status.state).toBe("done")
      expect(status.totals.done).toBe(24)
      expect(yield* scenario.witness).toMatchObject({
        expected: 24,
        created: 24,
        duplicates: 0,
        missing: 0,
        refused: 0
      })
    }))
})

describe("fleet jobs on a cluster of runner processes sharing one PostgreSQL", () => {
  it.scopedLive(
    "a cluster runner on port 0 tells the address it bound, and the other runners can reach it there",
    () =>
      withPostgres((server) =>
        Effect.gen(function*() {
          const url = yield* server.createDatabase()
          const context = yield* Layer.build(
            Runner.layerCluster({ host: "127.0.0.1", port: 0, advertisedHost: "runner-1.internal" }).pipe(
              Layer.provide(Layer.merge(Store.layerPostgres({ url }), NodeHttpClient.layerUndici))
            )
          )
          const bound = Option.getOrThrow(yield* Effect.provide(Runner.Listening, context))
          expect(bound.listen.host).toBe("127.0.0.1")
          expect(bound.listen.port).toBeGreaterThan(0)
          expect(bound.advertised).toMatchObject({ host: "runner-1.internal", port: bound.listen.port })
          const reached = yield* Effect.async<boolean>((resume) => {
            const socket = net.connect({ host: "127.0.0.1", port: bound.listen.port })
            socket.once("connect", () => {
              socket.destroy()
              resume(Effect.succeed(true))
            })
            socket.once("error", () => resume(Effect.succeed(false)))
          })
          expect(reached).toBe(true)

          const single = yield* Layer.build(
            Runner.layerSingle().pipe(
              Layer.provide(
                Layer.merge(
                  Store.layerSqlite({ filename: path.join(yield* tempDir, "state.db") }),
                  NodeHttpClient.layerUndici
                )
              )
            )
          )
          expect(Option.isNone(yield* Effect.provide(Runner.Listening, single))).toBe(true)
        })
      ),
    120_000
  )

  it.scopedLive(
    "three runners, one SIGKILLed after the first window and another joining: every template created exactly once, never throttled, never faster than the quota allows; one process on SQLite ends the same",
    () =>
      withPostgres((server) =>
        Effect.gen(function*() {
          // 5 windows of 4 creations per WABA: the quota's bound is 4 hours (an hour passing in 15 s)
          const shape = { pairs: 6, templates: 20, creationsPerHour: 4, hourMillis: 15_000 }
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
          const runners = yield* Runners.start(3, environment)
          yield* Fleet.submit(scenario.jobText).pipe(Effect.provide(postgres))
          yield* scenario.createdSoFar.pipe(
            Effect.repeat({ schedule: Schedule.spaced("50 millis"), until: (created) => created >= 1 })
          )
          const firstCreation = Date.now()
          // after the first window's creations: one runner dies without a word, another joins
          yield* scenario.createdSoFar.pipe(
            Effect.repeat({
              schedule: Schedule.spaced("100 millis"),
              until: (created) => created >= shape.pairs * shape.creationsPerHour
            })
          )
          yield* runners.kill(1)
          yield* Effect.forkScoped(runners.add(environment))
          const status = yield* Fleet.awaitFinished(JSON.parse(scenario.jobText).id, { interval: "100 millis" }).pipe(
            Effect.provide(postgres)
          )
          // from the first creation: the quota bounds the creations, not the planning before them
          const makespan = Date.now() - firstCreation
          const witness = yield* scenario.witness
          const ratio = makespan / Duration.toMillis(scenario.quotaBound)
          expect(status.state).toBe("done")
          const items = shape.pairs * shape.templates
          expect(status.totals).toMatchObject({
            units: shape.pairs,
            unitsEnded: shape.pairs,
            items,
            done: items,
            failed: 0
          })
          expect(witness).toMatchObject({ expected: items, created: items, duplicates: 0, missing: 0, refused: 0 })
          // Paced, never ahead of the quota. How close to its bound the job stays is a speed figure,
          // measured by the bench (`fleet_makespan_ratio`), never asserted by a test: under a loaded
          // machine the wall clock says more about the machine than about the fleet.
          expect(ratio).toBeGreaterThanOrEqual(1)

          // The same job in one process on SQLite ends the same.
          const dir = yield* tempDir
          const alone = yield* Scenario.start({ ...shape, hourMillis: 2_000 })
          const single = yield* Fleet.run(alone.jobText, { ...runnerOptions(alone), interval: "100 millis" }).pipe(
            Effect.provide(sqlite(path.join(dir, "state.db")))
          )
          expect(single.totals).toEqual(status.totals)
          const aloneWitness = yield* alone.witness
          expect(aloneWitness.endState).toEqual(witness.endState)
          expect(aloneWitness).toMatchObject({ created: items, duplicates: 0, refused: 0 })
        })
      ),
    180_000
  )
})
