/**
 * The fleet's figures for `pnpm bench` (run by `examples/bench/fleet.ts`, which prints them):
 * fleet template migrations against the Meta (source) and WOZTELL (target) emulators, provider
 * time accelerated.
 *
 * - `makespanRatio`: the scale — 200 WABA pairs x 20 templates with 5 creations per WABA
 *   per hour (an hour passes in 30 s) on three runner processes sharing one PostgreSQL, one
 *   SIGKILLed after the first window and another joining (`Cluster.ts`): the time from the first
 *   creation to the job's end, against the quota bound (ceil(20 / 5) - 1 = 3 hours: the last
 *   window cannot open earlier).
 * - `overheadPerItemMs`: in one process on SQLite — the embedded default — 20 pairs x 20
 *   templates with no quota in the way: the job's wall time
 *   less that of the same creations sent straight through the same adapter (every pair at once, one creation at a time per pair),
 *   per item — what planning, journaling, leasing, the shared ledger and the durable workflow
 *   add to each template.
 *
 * The runners run `runner.ts` bundled (`FLEET_RUNNER_BUNDLE`, made by `examples/bench/fleet.ts`)
 * as the published code runs — not through `tsx`, which compiles every module as it is first
 * loaded and wraps every function our code makes in a `__name` call — or through `tsx` when it is
 * not set.
 *
 * Prints one JSON line.
 *
 *   node --import tsx packages/fleet/test/support/bench.ts
 */
import { NodeHttpClient } from "@effect/platform-node"
import { Fleet, Providers, Runner } from "@wa-admin/fleet"
import { Store } from "@wa-admin/store"
import { ConfigProvider, Effect, Layer, Logger, LogLevel } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { withPostgres } from "../../../store/test/support/Postgres.js"
import * as Cluster from "./Cluster.js"
import * as Scenario from "./Scenario.js"

const options = (scenario: Scenario.Scenario): Runner.Options => ({
  time: scenario.time,
  variables: ConfigProvider.fromMap(new Map(Object.entries(scenario.environment))),
  dispatchInterval: "100 millis",
  pacingMargin: "50 millis"
})

const inTempStore = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(
    Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "wa-admin-fleet-bench-"))),
    (dir) =>
      Effect.provide(
        effect,
        Layer.merge(Store.layerSqlite({ filename: path.join(dir, "state.db") }), NodeHttpClient.layerUndici)
      ),
    (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
  )

const makespan = Effect.scoped(withPostgres((server) =>
  Effect.gen(function*() {
    const result = yield* Cluster.run(
      server,
      {
        pairs: 200,
        templates: 20,
        creationsPerHour: 5,
        hourMillis: 30_000,
        id: "bench-paced"
      },
      3,
      process.env["FLEET_RUNNER_BUNDLE"]
    )
    const { status, witness } = result
    if (
      status.state !== "done" || witness.created !== witness.expected || witness.duplicates > 0 || witness.refused > 0
    ) {
      return yield* Effect.dieMessage(
        `the paced job did not end well: ${JSON.stringify({ state: status.state, ...witness, endState: undefined })}`
      )
    }
    return { millis: result.makespanMillis, bound: result.boundMillis }
  })
))

const overhead = Effect.scoped(Effect.gen(function*() {
  const shape = { pairs: 20, templates: 20, creationsPerHour: 100_000, hourMillis: 3_600_000 }
  const fleet = yield* Scenario.start({ ...shape, id: "bench-overhead" })
  const fleetMillis = yield* inTempStore(Effect.gen(function*() {
    const started = Date.now()
    const status = yield* Fleet.run(fleet.jobText, { ...options(fleet), interval: "20 millis" })
    if (status.state !== "done") return yield* Effect.dieMessage(`the fleet job ended ${status.state}`)
    return Date.now() - started
  }))

  // The same creations straight through the adapter: every pair at once, one at a time per pair (as a runner does).
  const direct = yield* Scenario.start({ ...shape, id: "bench-direct" })
  const directMillis = yield* inTempStore(Effect.gen(function*() {
    const store = yield* Store.Store
    const target = yield* Providers.make(
      { provider: "woztell", credentials: "TARGET_" },
      store.quotaStorage,
      ConfigProvider.fromMap(new Map(Object.entries(direct.environment)))
    )
    const job = JSON.parse(direct.jobText) as { readonly pairs: ReadonlyArray<{ readonly target: string }> }
    const started = Date.now()
    yield* Effect.forEach(
      job.pairs,
      (pair) =>
        Effect.forEach(
          Array.from({ length: shape.templates }, (_, index) => index),
          (index) =>
            target.templates.create({
              wabaId: pair.target,
              template: {
                name: `fleet_notice_${index}`,
                language: "en_US",
                category: "UTILITY",
                components: [{ _tag: "BODY", text: `Notice ${index}: your order has shipped.` }]
              }
            }),
          { discard: true }
        ),
      { concurrency: "unbounded", discard: true }
    )
    return Date.now() - started
  }))
  return { fleetMillis, directMillis, items: shape.pairs * shape.templates }
}))

const program = Effect.gen(function*() {
  const paced = yield* makespan
  const costs = yield* overhead
  process.stdout.write(`${
    JSON.stringify({
      makespanRatio: paced.millis / paced.bound,
      makespanMillis: paced.millis,
      boundMillis: paced.bound,
      overheadPerItemMs: (costs.fleetMillis - costs.directMillis) / costs.items,
      fleetMillis: costs.fleetMillis,
      directMillis: costs.directMillis,
      items: costs.items
    })
  }\n`)
}).pipe(Logger.withMinimumLogLevel(LogLevel.Warning))

Effect.runPromise(program).then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${String(error)}\n`)
    process.exit(1)
  }
)
