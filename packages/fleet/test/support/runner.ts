/**
 * One runner process of the cluster test: a `Runner.layerCluster` on the PostgreSQL database
 * `WA_ADMIN_DATABASE_URL` names, listening on 127.0.0.1 (a free port), with the scenario's
 * accelerated provider time (`FLEET_TEST_EPOCH`, `FLEET_TEST_FACTOR`), pacing margin
 * (`FLEET_TEST_PACING_MARGIN_MS`) and the sides' variables from the environment. Prints `ready`
 * once it has joined, then runs until killed.
 *
 *   node --import tsx runner.ts
 */
import * as Sharding from "@effect/cluster/Sharding"
import { NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import { Providers, Runner } from "@wa-admin/fleet"
import { Store } from "@wa-admin/store"
import { Config, Effect, Layer, Logger, LogLevel } from "effect"

const program = Effect.gen(function*() {
  const epoch = yield* Config.number("FLEET_TEST_EPOCH")
  const factor = yield* Config.number("FLEET_TEST_FACTOR")
  const pacingMargin = yield* Config.number("FLEET_TEST_PACING_MARGIN_MS")
  const store = Store.layerConfig()
  const runner = Runner.layerCluster({
    host: "127.0.0.1",
    port: 0,
    time: Providers.accelerated({ factor, epoch }),
    dispatchInterval: "200 millis",
    pacingMargin: `${pacingMargin} millis`,
    leaseTtl: "10 seconds",
    sharding: {
      shardLockRefreshInterval: "1 second",
      shardLockExpiration: "4 seconds",
      refreshAssignmentsInterval: "500 millis",
      entityMessagePollInterval: "250 millis",
      entityReplyPollInterval: "100 millis",
      runnerHealthCheckInterval: "1 second",
      entityTerminationTimeout: "1 second"
    }
  })
  yield* Effect.gen(function*() {
    yield* Sharding.Sharding
    yield* Effect.sync(() => process.stdout.write("ready\n"))
    return yield* Effect.never
  }).pipe(Effect.provide(runner.pipe(Layer.provide(Layer.merge(store, NodeHttpClient.layerUndici)))))
}).pipe(
  Effect.tapErrorCause((cause) => Effect.sync(() => process.stdout.write(`error ${String(cause)}\n`))),
  Logger.withMinimumLogLevel(LogLevel.Warning)
)

NodeRuntime.runMain(program)
