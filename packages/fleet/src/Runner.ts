/**
 * Where the fleet's workflows run. Two engines, the same workflows, the same end state:
 *
 * - **A cluster of runners on PostgreSQL** ({@link layerCluster}): every runner — a `wa-admin fleet
 *   runner` process, on any machine — joins `@effect/cluster`'s sharding with its messages,
 *   replies and shard locks in the store's PostgreSQL database (`SqlMessageStorage`,
 *   `SqlRunnerStorage`, tables `wa_admin_cluster_*`), and listens on a TCP address the other
 *   runners reach it at. Workflows are spread over the runners' shards; when a runner dies its
 *   shards' locks expire and another runner takes them over, resuming each workflow from its last
 *   completed activity.
 * - **One runner in this process on SQLite** ({@link layerSingle}): the same sharding with SQL
 *   message storage in the store's SQLite file and no network service at all — the embedded
 *   default when no database URL is given. A run killed halfway is resumed by the next one.
 *
 * Both run the workflows of `Workflows` and a dispatcher (a cluster singleton: one runner runs
 * it) that starts the workflows of every submitted job and interrupts those of a cancelled one.
 *
 * @since 0.1.0
 */
import * as ClusterWorkflowEngine from "@effect/cluster/ClusterWorkflowEngine"
import * as RunnerAddress from "@effect/cluster/RunnerAddress"
import * as RunnerHealth from "@effect/cluster/RunnerHealth"
import * as Runners from "@effect/cluster/Runners"
import * as RunnerStorage from "@effect/cluster/RunnerStorage"
import * as Sharding from "@effect/cluster/Sharding"
import * as ShardingConfig from "@effect/cluster/ShardingConfig"
import * as Singleton from "@effect/cluster/Singleton"
import * as SocketRunner from "@effect/cluster/SocketRunner"
import * as SqlMessageStorage from "@effect/cluster/SqlMessageStorage"
import * as SqlRunnerStorage from "@effect/cluster/SqlRunnerStorage"
import type { HttpClient } from "@effect/platform"
import { layerClientProtocol } from "@effect/platform-node/NodeClusterSocket"
import * as NodeSocketServer from "@effect/platform-node/NodeSocketServer"
import * as SocketServer from "@effect/platform/SocketServer"
import * as RpcSerialization from "@effect/rpc/RpcSerialization"
import * as SqlClient from "@effect/sql/SqlClient"
import type { WorkflowEngine } from "@effect/workflow/WorkflowEngine"
import { Validation } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import { Store } from "@wa-admin/store"
import { Context, Duration, Effect, Layer, Option, Schedule } from "effect"
import type { ConfigProvider } from "effect"
import { randomBytes } from "node:crypto"
import * as os from "node:os"
import { FleetRuntime, makeSides } from "./internal/runtime.js"
import * as State from "./internal/state.js"
import * as Job from "./Job.js"
import * as Providers from "./Providers.js"
import * as Workflows from "./Workflows.js"

/**
 * What every runner is told, whatever the engine.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** How long an item's lease runs before it must be renewed (default 1 minute). A runner that dies leaves its items to others after it. */
  readonly leaseTtl?: Duration.DurationInput
  /**
   * How long past a quota slot an item waited for is sent (real time, default 2 s): a provider
   * counts a call when it arrives, a little after the ledger took its slot, so an item sent on the
   * very instant a slot frees could meet a provider whose window has not moved yet.
   */
  readonly pacingMargin?: Duration.DurationInput
  /**
   * How many items of one WABA pair are applied at a time (default 1). A provider counts a
   * creation when it arrives: with one request in flight per WABA they arrive in the order the
   * ledger counted them, so a provider's window and the ledger's move together. A whole number of at least 1.
   */
  readonly itemConcurrency?: number
  /**
   * How many steps that call the providers (a pair's plan, a batch of its items) this runner runs at
   * a time (default 16); the others wait their turn. Bounds the requests a runner has in flight, so
   * that a fleet of many pairs is sent at the pace the machine keeps, never timing out in its own queue.
   * A whole number of at least 1.
   */
  readonly stepConcurrency?: number
  /** The time provider calls run in (default: real time; see `Providers.accelerated`). */
  readonly time?: Providers.ProviderTime
  /** Where the sides' variables are read (default: the environment; see `Providers.configProvider`). */
  readonly variables?: ConfigProvider.ConfigProvider
  /** How often the dispatcher looks for submitted and cancelled jobs (default 500 ms). */
  readonly dispatchInterval?: Duration.DurationInput
  /** Settings of `@effect/cluster`'s sharding (lock expiry, polling …) over the defaults below. */
  readonly sharding?: Partial<ShardingConfig.ShardingConfig["Type"]>
}

/**
 * Where a cluster runner listens, and the address the other runners reach it at.
 *
 * @since 0.1.0
 * @category models
 */
export interface ClusterOptions extends Options {
  /** The interface to listen on (default `0.0.0.0`). */
  readonly host?: string
  /** The port to listen on (`0`: any free port; default 34431, the cluster's). */
  readonly port?: number
  /** The host name or address other runners reach this one at (default: the listen host, or this machine's name when it listens on every interface). */
  readonly advertisedHost?: string
}

/**
 * Where a cluster runner listens, as bound (with port `0`, the free port the system chose), and
 * the address the other runners reach it at.
 *
 * @since 0.1.0
 * @category models
 */
export interface Address {
  readonly listen: RunnerAddress.RunnerAddress
  readonly advertised: RunnerAddress.RunnerAddress
}

/**
 * The address a runner listens on for the cluster's other runners: some for a cluster runner
 * ({@link layerCluster}, once bound), none for the single in-process runner ({@link layerSingle}),
 * which listens nowhere.
 *
 * @example
 * import { Runner } from "@wa-admin/fleet"
 * import { Effect, Option } from "effect"
 *
 * const printed = Effect.flatMap(Runner.Listening, Option.match({
 *   onNone: () => Effect.log("listening nowhere"),
 *   onSome: ({ listen }) => Effect.log(`listening on ${listen.host}:${listen.port}`)
 * }))
 *
 * @since 0.1.0
 * @category tags
 */
export class Listening extends Context.Tag("@wa-admin/fleet/Runner/Listening")<Listening, Option.Option<Address>>() {}

/**
 * The default port of a runner.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultPort = 34431

/**
 * The prefix of the cluster's tables in the store's database.
 *
 * @since 0.1.0
 * @category constants
 */
export const tablePrefix = "wa_admin_cluster"

/**
 * The sharding settings runners start with: the cluster's defaults, with storage polled every
 * second, a dead runner's shards taken over within about 20 s, and a stopping runner waiting at
 * most 5 s for its workflows' steps under way (each is idempotent: the next runner redoes it).
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultSharding: Partial<ShardingConfig.ShardingConfig["Type"]> = {
  entityMessagePollInterval: Duration.seconds(1),
  entityReplyPollInterval: Duration.millis(100),
  refreshAssignmentsInterval: Duration.seconds(2),
  shardLockRefreshInterval: Duration.seconds(5),
  shardLockExpiration: Duration.seconds(20),
  entityTerminationTimeout: Duration.seconds(5),
  entityMaxIdleTime: Duration.minutes(5)
}

/** Starts the workflows of submitted jobs, interrupts those of cancelled ones. */
const dispatcher = (interval: Duration.Duration) =>
  Singleton.make(
    "wa-admin/fleet/dispatcher",
    Effect.gen(function*() {
      const runtime = yield* FleetRuntime
      const once = Effect.gen(function*() {
        for (const id of yield* runtime.state.submitted) {
          const stored = yield* runtime.state.job(id, "fleet.dispatch")
          if (Option.isNone(stored)) continue
          const job = stored.value.job
          yield* runtime.state.recordUnits(job)
          const workflow = Workflows.workflowOf(job.kind)
          // idempotent: a unit's execution id is derived from the job and its position
          yield* Effect.forEach(
            Job.units(job),
            (unit) => workflow.execute({ job: job.id, position: unit.position }, { discard: true }),
            { concurrency: 16, discard: true }
          )
          yield* runtime.state.markDispatched(job.id)
          yield* Effect.logInfo(`wa-admin fleet: job ${job.id} dispatched (${Job.units(job).length} units)`)
        }
        for (const { id, kind, positions } of yield* runtime.state.cancelledWithLiveUnits) {
          const workflow = Workflows.workflowOf(kind)
          yield* Effect.forEach(positions, (position) =>
            Effect.gen(function*() {
              yield* workflow.interrupt(yield* workflow.executionId({ job: id, position }))
              yield* runtime.state.markCancelled(id, position)
            }), { concurrency: 16, discard: true })
        }
      })
      yield* once.pipe(
        Effect.catchAll((error) => Effect.logWarning("wa-admin fleet: the dispatcher will try again", error.message)),
        Effect.repeat(Schedule.spaced(interval))
      )
    })
  )

/**
 * The options' counts (`itemConcurrency`, `stepConcurrency`), or `InvalidInput` naming each that
 * is not a whole number of at least 1 (`NaN`, `Infinity`, `0`, `1.5` …).
 */
const checkedCounts = (
  options: Options
): Effect.Effect<{ readonly itemConcurrency: number; readonly stepConcurrency: number }, AdminError.InvalidInput> => {
  const counts = { itemConcurrency: options.itemConcurrency ?? 1, stepConcurrency: options.stepConcurrency ?? 16 }
  const issues = Object.entries(counts).flatMap(([field, value]) =>
    Number.isSafeInteger(value) && value >= 1
      ? []
      : [{ field, rule: `must be a whole number of at least 1 (got ${value})` }]
  )
  const [first, ...rest] = issues
  return first === undefined
    ? Effect.succeed(counts)
    : Effect.fail(Validation.invalidInput({ provider: "wa-admin", operation: "fleet.runner" }, [first, ...rest]))
}

/** The runner's context: the store's rows, the sides' services, time, this runner's name. */
const runtimeLayer = (options: Options, holder: string) =>
  Layer.scoped(
    FleetRuntime,
    Effect.gen(function*() {
      const counts = yield* Effect.orDie(checkedCounts(options))
      const store = yield* Store.Store
      return {
        store,
        state: State.make(store),
        sides: yield* makeSides(store, options.variables),
        time: options.time ?? Providers.realTime,
        holder,
        leaseTtl: Duration.decode(options.leaseTtl ?? "1 minute"),
        pacingMargin: Duration.decode(options.pacingMargin ?? "2 seconds"),
        itemConcurrency: counts.itemConcurrency,
        steps: yield* Effect.makeSemaphore(counts.stepConcurrency)
      }
    })
  )

/** The workflows and the dispatcher, on the engine in context. */
const fleetLayer = (options: Options, holder: string) =>
  Layer.mergeAll(...Workflows.layers, dispatcher(Duration.decode(options.dispatchInterval ?? "500 millis"))).pipe(
    Layer.provide(runtimeLayer(options, holder))
  )

const sqlClient = Layer.effect(SqlClient.SqlClient, Effect.map(Store.Store, (store) => store.sql))

/**
 * The cluster's tables, created by one runner at a time (two runners creating them at once on
 * a fresh database would collide): under a session advisory lock on PostgreSQL.
 */
const prepareTables = Effect.gen(function*() {
  const store = yield* Store.Store
  if (store.dialect !== "pg") return
  const storages = Layer.mergeAll(
    SqlMessageStorage.layerWith({ prefix: tablePrefix }),
    SqlRunnerStorage.layerWith({ prefix: tablePrefix })
  ).pipe(
    Layer.provide(ShardingConfig.layer({ runnerAddress: Option.none() })),
    Layer.provide(sqlClient)
  )
  yield* Effect.scoped(
    Effect.gen(function*() {
      const connection = yield* store.sql.reserve
      const key = "7305136400470516101"
      yield* Effect.acquireRelease(
        connection.executeUnprepared(`SELECT pg_advisory_lock(${key})`, [], undefined),
        () => Effect.ignore(connection.executeUnprepared(`SELECT pg_advisory_unlock(${key})`, [], undefined))
      )
      yield* Effect.scoped(Layer.build(storages))
    })
  ).pipe(
    Effect.mapError((error) =>
      store.unavailable(error, { provider: "wa-admin", operation: "fleet.runner" }, "cluster", "the cluster's tables")
    )
  )
})

/**
 * The name this runner's leases are held under: host, port and process, with a random suffix.
 */
const holderName = (where: string) => `${os.hostname()}/${where}/${process.pid}/${randomBytes(4).toString("hex")}`

/**
 * A runner that may join a cluster: the workflow engine and sharding, for as long as the layer
 * lives; fails when the store cannot hold the cluster's tables or the address cannot be listened on,
 * and dies with `InvalidInput` when an option's count breaks its rule (a programming error).
 *
 * @since 0.1.0
 * @category models
 */
export type ClusterRunner = Layer.Layer<
  WorkflowEngine | Sharding.Sharding | Listening,
  AdminError.LocalStateUnavailable | SocketServer.SocketServerError,
  Store.Store | HttpClient.HttpClient
>

/**
 * A runner of the cluster on the store's PostgreSQL database: listens on `host:port` for the
 * other runners (the address it bound, with port `0` the one the system chose, is {@link Listening}),
 * takes its share of the shards, and runs the fleet's workflows and (on one runner of the cluster)
 * the dispatcher, for as long as the layer lives. A SQLite store cannot hold a cluster: use
 * {@link layerSingle}.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerCluster = (
  options: ClusterOptions = {}
): ClusterRunner => {
  const host = options.host ?? "0.0.0.0"
  const server = NodeSocketServer.layer({ host, port: options.port ?? defaultPort })
  const config = Layer.effect(
    ShardingConfig.ShardingConfig,
    Effect.gen(function*() {
      const socket = yield* SocketServer.SocketServer
      const port = socket.address._tag === "TcpAddress" ? socket.address.port : options.port ?? defaultPort
      const advertised = options.advertisedHost ?? (host === "0.0.0.0" || host === "::" ? os.hostname() : host)
      return {
        ...ShardingConfig.defaults,
        ...defaultSharding,
        ...options.sharding,
        runnerAddress: Option.some(RunnerAddress.RunnerAddress.make({ host: advertised, port })),
        runnerListenAddress: Option.some(RunnerAddress.RunnerAddress.make({ host, port }))
      }
    })
  )
  const addressing = Layer.provideMerge(config, server)
  const listening = Layer.effect(
    Listening,
    Effect.map(
      ShardingConfig.ShardingConfig,
      (sharding) => Option.all({ listen: sharding.runnerListenAddress, advertised: sharding.runnerAddress })
    )
  ).pipe(Layer.provide(addressing))
  const cluster = SocketRunner.layer.pipe(
    Layer.provide(RunnerHealth.layerPing.pipe(Layer.provide(Runners.layerRpc), Layer.provide(layerClientProtocol))),
    Layer.provideMerge(SqlMessageStorage.layerWith({ prefix: tablePrefix })),
    Layer.provide(Layer.orDie(SqlRunnerStorage.layerWith({ prefix: tablePrefix }))),
    Layer.provide(layerClientProtocol),
    Layer.provide(RpcSerialization.layerMsgPack),
    Layer.provide(addressing),
    Layer.provide(sqlClient)
  )
  const engine = Layer.provideMerge(ClusterWorkflowEngine.layer, cluster)
  const holder = holderName(`${host}:${options.port ?? defaultPort}`)
  return Layer.provideMerge(fleetLayer(options, holder), engine).pipe(
    Layer.merge(listening),
    Layer.provide(Layer.effectDiscard(prepareTables))
  )
}

/**
 * The fleet's workflows in this process alone, on the store in context (SQLite, the embedded
 * default — or PostgreSQL, for a single machine): sharding with every shard here, messages in the
 * store's database, no network service ({@link Listening} is none). For as long as the layer lives.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerSingle = (
  options: Options = {}
): Layer.Layer<WorkflowEngine | Sharding.Sharding | Listening, never, Store.Store | HttpClient.HttpClient> => {
  const sharding = Sharding.layer.pipe(
    Layer.provideMerge(Runners.layerNoop),
    Layer.provideMerge(SqlMessageStorage.layerWith({ prefix: tablePrefix })),
    Layer.provide([RunnerStorage.layerMemory, RunnerHealth.layerNoop]),
    Layer.provide(ShardingConfig.layer({ ...defaultSharding, ...options.sharding })),
    Layer.provide(sqlClient)
  )
  const engine = Layer.provideMerge(ClusterWorkflowEngine.layer, sharding)
  return Layer.provideMerge(fleetLayer(options, holderName("in-process")), engine).pipe(
    Layer.merge(Layer.succeed(Listening, Option.none()))
  )
}

/**
 * The runner the store in context calls for: on PostgreSQL a runner of the cluster
 * ({@link layerCluster}, listening as `options` say), on SQLite the single in-process runner
 * ({@link layerSingle}) — what `wa-admin fleet runner` starts.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: ClusterOptions = {}
): ClusterRunner =>
  Layer.unwrapEffect(
    Effect.map(Store.Store, (store) => (store.dialect === "pg" ? layerCluster(options) : layerSingle(options)))
  )
