/**
 * What `wa-admin fleet …` does (loaded when a fleet command runs), on `@wa-admin/fleet`.
 *
 * The store is the command line's state store (`../State.ts`: SQLite in `.wa-admin/state.db`, or
 * PostgreSQL when `WA_ADMIN_DATABASE_URL` is set), or the PostgreSQL database `--database-url`
 * names. The runner is `Runner.layer`: on PostgreSQL a runner of the cluster, on SQLite the one
 * in-process runner. The sides' credentials are read from the command line's configuration (the
 * environment) under each side's prefix.
 *
 * A command that waits for a job (`run`, `submit --wait`, `status --watch`) exits 0 when every
 * unit is done, 11 (provider failure) when some unit failed — each failure is listed with its
 * reason — and 130 when the job was cancelled.
 *
 * @since 0.2.0
 */
import { FileSystem } from "@effect/platform"
import type { PlatformError } from "@effect/platform/Error"
import { AdminError, Validation } from "@wa-admin/core"
import { Fleet, Job, Runner } from "@wa-admin/fleet"
import { Store } from "@wa-admin/store"
import {
  Chunk,
  ConfigError,
  ConfigProvider,
  Console,
  Context,
  DateTime,
  Duration,
  Effect,
  Layer,
  Option,
  Redacted,
  Ref,
  Schema,
  Stream
} from "effect"
import type { Scope } from "effect"
import * as fs from "node:fs"
import { Reported, UsageError } from "../CliError.js"
import type * as FleetCommand from "../commands/Fleet.js"
import { ExitCode } from "../ExitCode.js"
import * as Output from "../Output.js"
import * as Providers from "../Providers.js"
import * as Session from "../Session.js"
import { State } from "../State.js"

/**
 * The JSON form of `fleet submit` (without `--wait`).
 *
 * @since 0.2.0
 * @category schemas
 */
export const SubmitJson = Schema.Struct({
  kind: Schema.Literal("fleet.submit"),
  id: Schema.String,
  jobKind: Schema.Literal("templates", "profiles", "audit"),
  /** The job's pairs (numbers for an audit). */
  units: Schema.Int,
  /** `false`: the same job was submitted before, and nothing changed. */
  submitted: Schema.Boolean,
  engine: Schema.Literal("sqlite", "postgresql"),
  /** The SQLite file, or the PostgreSQL URL without its password. */
  store: Schema.String
})

/**
 * The JSON form of `fleet cancel`.
 *
 * @since 0.2.0
 * @category schemas
 */
export const CancelJson = Schema.Struct({
  kind: Schema.Literal("fleet.cancel"),
  id: Schema.String
})

/**
 * The JSON form of `fleet runner`, written once the runner has started.
 *
 * @since 0.2.0
 * @category schemas
 */
export const RunnerJson = Schema.Struct({
  kind: Schema.Literal("fleet.runner"),
  engine: Schema.Literal("sqlite", "postgresql"),
  store: Schema.String,
  /** Where a cluster runner listens (`host:port`, the port it bound: with `--port 0` the one the system chose); absent on SQLite. */
  listen: Schema.optionalWith(Schema.String, { exact: true }),
  /** The address the cluster's other runners reach this one at (`host:port`); absent on SQLite. */
  advertised: Schema.optionalWith(Schema.String, { exact: true })
})

type Engine = typeof SubmitJson.Type.engine

const engineOf = (store: Store.Service): Engine => (store.dialect === "pg" ? "postgresql" : "sqlite")

const origin = (operation: string): Validation.Origin => ({ provider: "wa-admin", operation })

/**
 * The store the fleet commands work on: the PostgreSQL database `--database-url` names (checked
 * as `WA_ADMIN_DATABASE_URL` is; a broken URL is an `InvalidInput` naming the flag, never
 * repeating the URL), else the command line's state store.
 */
const storeOf = (
  databaseUrl: Option.Option<Redacted.Redacted<string>>,
  operation: string
): Effect.Effect<
  Store.Service,
  AdminError.InvalidInput | AdminError.LocalStateUnavailable | ConfigError.ConfigError,
  State | Scope.Scope
> =>
  Effect.gen(function*() {
    if (Option.isNone(databaseUrl)) return yield* Effect.flatMap(State, (state) => state.store)
    const refuse = (rule: string) => Validation.invalidInput(origin(operation), [{ field: "database-url", rule }])
    const selection = yield* Store.config().pipe(
      Effect.withConfigProvider(
        ConfigProvider.fromMap(new Map([[Store.databaseUrlVariable, Redacted.value(databaseUrl.value)]]))
      ),
      Effect.mapError((error) =>
        refuse(ConfigError.isInvalidData(error) ? error.message : "must be a postgres:// or postgresql:// URL")
      )
    )
    if (selection._tag !== "postgresql") {
      return yield* refuse("must not be empty (leave the flag out for the state store)")
    }
    return yield* Store.makePostgres({ url: selection.url, setting: "--database-url" })
  })

/**
 * The job a command names (checked as a job file's `id` is) and the store that holds it; a job
 * never submitted is `NotFound`. A SQLite file that does not exist yet holds no job, and is not
 * created to say so.
 */
const namedJob = (
  flags: { readonly job: string; readonly databaseUrl: Option.Option<Redacted.Redacted<string>> },
  operation: string
) =>
  Effect.gen(function*() {
    const id = yield* Effect.map(
      Validation.validate(Schema.Struct({ job: Job.JobId }), origin(operation))({ job: flags.job }),
      ({ job }) => job
    )
    if (Option.isNone(flags.databaseUrl)) {
      const selection = yield* Effect.flatMap(State, (state) => state.selection)
      if (selection._tag === "sqlite" && !fs.existsSync(selection.filename)) {
        return yield* new AdminError.NotFound({ provider: "wa-admin", operation, resource: "fleet job", id })
      }
    }
    return { id, store: yield* storeOf(flags.databaseUrl, operation) }
  })

/**
 * A job file's text, checked (every broken field named at once) before any store is opened, so
 * a refused file leaves no trace.
 */
const jobFileText = (file: string) => Effect.flatMap(readJobFile(file), (text) => Effect.as(Job.decode(text), text))

/** A job file's text: a regular file, at most `Job.maxFileBytes` read (a larger one is refused by `Job.decode`). */
const readJobFile = (file: string): Effect.Effect<string, UsageError, FileSystem.FileSystem> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const refuse = (why: string) => new UsageError({ reason: `the job file ${file} ${why}` })
    const cannotRead = (error: PlatformError) => refuse(`cannot be read (${error.message})`)
    const info = yield* Effect.mapError(fs.stat(file), cannotRead)
    if (info.type !== "File") return yield* refuse("is not a regular file")
    const chunks = yield* fs.stream(file, { bytesToRead: Job.maxFileBytes + 1 }).pipe(
      Stream.runCollect,
      Effect.mapError(cannotRead)
    )
    return Buffer.concat(Chunk.toReadonlyArray(chunks)).toString("utf8")
  })

/** A host name or an IP address (v4, or v6 without brackets), as other runners will be given it. */
const hostName = /^[A-Za-z0-9.:-]{1,253}$/

/** The runner's options: where it listens (a cluster runner), the sides' variables from the command line's configuration. */
const runnerOptions = (
  flags: { readonly host: string; readonly port: number; readonly advertiseHost: Option.Option<string> }
): Effect.Effect<Runner.ClusterOptions, UsageError> =>
  Effect.gen(function*() {
    if (!Number.isInteger(flags.port) || flags.port < 0 || flags.port > 65_535) {
      return yield* new UsageError({
        reason: `--port ${flags.port}: must be an integer from 0 to 65535 (0: any free port)`
      })
    }
    for (
      const [flag, host] of [
        ["--host", flags.host],
        ...Option.toArray(Option.map(flags.advertiseHost, (h) => ["--advertise-host", h] as const))
      ] as const
    ) {
      if (!hostName.test(host)) {
        return yield* new UsageError({
          reason:
            `${flag}: must be a host name or an IP address (letters, digits, ".", "-", ":", at most 253 characters)`
        })
      }
    }
    const variables = yield* Effect.configProviderWith(Effect.succeed)
    return {
      host: flags.host,
      port: flags.port,
      ...Option.match(flags.advertiseHost, { onNone: () => ({}), onSome: (advertisedHost) => ({ advertisedHost }) }),
      variables
    }
  })

/**
 * Starts the runner the store calls for, for the scope, answering the address a cluster runner
 * bound (none on SQLite); a cluster runner that cannot listen names the address.
 */
const startRunner = (
  store: Store.Service,
  options: Runner.ClusterOptions
): Effect.Effect<Option.Option<Runner.Address>, AdminError.LocalStateUnavailable | UsageError, Scope.Scope> =>
  Layer.build(
    Runner.layer(options).pipe(Layer.provide(Layer.merge(Layer.succeed(Store.Store, store), Providers.httpClient)))
  ).pipe(
    Effect.catchTag("SocketServerError", (error) =>
      Effect.fail(
        new UsageError({
          reason: `--host ${options.host ?? ""} --port ${options.port ?? ""}: the runner cannot listen there (${
            String(error.cause ?? error.reason)
          }); choose another --port (0 picks a free one) or --host`
        })
      )),
    Effect.map((context) => Context.get(context, Runner.Listening))
  )

/** The status for people: the job's totals, then each unit not yet done (every unit with `all`). */
const human = (now: DateTime.Utc, all: boolean) => (status: Fleet.Status): string =>
  Fleet.lines(status, { now, all }).join("\n")

/** Writes a status (JSON, or lines for people). */
const show = (status: Fleet.Status, all = false) =>
  Effect.flatMap(DateTime.now, (now) => Output.value(Fleet.StatusJson, status, human(now, all)))

/** How often a job being followed is looked at. */
const interval = Duration.seconds(1)

/**
 * Follows a job to its end: its totals on stderr whenever they change (nothing under `--json`),
 * or, with `everyLook`, each changed status on stdout. Answers the final status.
 */
const follow = (store: Store.Service, id: string, options: { readonly everyLook: boolean; readonly all?: boolean }) =>
  Effect.gen(function*() {
    const output = yield* Output.Output
    const last = yield* Ref.make("")
    const onStatus = (status: Fleet.Status) =>
      Effect.gen(function*() {
        const now = yield* DateTime.now
        const lines = Fleet.lines(status, { now })
        const key = JSON.stringify(Fleet.toJson(status).units.map((unit) => [unit.state, unit.done, unit.waitingUntil]))
        if ((yield* Ref.getAndSet(last, key)) === key || status.finished) return
        if (options.everyLook) return yield* output.value(Fleet.StatusJson, status, human(now, options.all ?? false))
        if (!output.json) yield* Console.error(lines[0] ?? "")
      })
    return yield* Effect.provideService(Fleet.status(id), Store.Store, store).pipe(
      Effect.tap(onStatus),
      Effect.tap((status) => (status.finished ? Effect.void : Effect.sleep(interval))),
      Effect.repeat({ until: (status) => status.finished })
    )
  })

/** The exit code of a job that ended: 0 when done, 11 when some unit failed, 130 when cancelled. */
const exitCodeOf = (state: Fleet.Status["state"]): number =>
  state === "failed" ? ExitCode.ProviderFailure : state === "cancelled" ? ExitCode.Interrupted : ExitCode.Success

/**
 * Runs a program that ends with a job's final state, then exits as {@link exitCodeOf} says.
 */
const endingWith = <E extends Output.Failure, R>(
  json: boolean,
  program: Effect.Effect<Fleet.Status["state"] | undefined, E, R>
) =>
  Effect.gen(function*() {
    const finalState = yield* Ref.make<Fleet.Status["state"] | undefined>(undefined)
    yield* Session.runLocal(
      { provider: Option.none(), json },
      Effect.flatMap(program, (state) => Ref.set(finalState, state))
    )
    const state = yield* Ref.get(finalState)
    if (state !== undefined && exitCodeOf(state) !== ExitCode.Success) {
      return yield* new Reported({ exitCode: exitCodeOf(state) })
    }
  })

/** Follows the job to its end, then shows its final status and answers its state. */
const toTheEnd = (store: Store.Service, id: string) =>
  Effect.gen(function*() {
    const status = yield* follow(store, id, { everyLook: false })
    yield* show(status)
    return status.state
  })

/**
 * `wa-admin fleet run <job file>`: submits the job and runs it to its end in this process (the
 * runner the store calls for), its totals on stderr as they change, the final status on stdout.
 *
 * @since 0.2.0
 * @category programs
 */
export const run = (flags: FleetCommand.Run) =>
  endingWith(
    flags.json,
    Effect.scoped(
      Effect.gen(function*() {
        const options = yield* runnerOptions(flags)
        const text = yield* jobFileText(flags.jobFile)
        const store = yield* storeOf(flags.databaseUrl, "fleet.run")
        const { job } = yield* Effect.provideService(Fleet.submit(text), Store.Store, store)
        yield* startRunner(store, options)
        return yield* toTheEnd(store, job.id)
      })
    )
  )

/**
 * `wa-admin fleet submit <job file>`: checks and stores the job (every broken field named at
 * once, nothing stored); `--wait` follows it to its end — on SQLite by running it here.
 *
 * @since 0.2.0
 * @category programs
 */
export const submit = (flags: FleetCommand.Submit) =>
  endingWith(
    flags.json,
    Effect.scoped(
      Effect.gen(function*() {
        const text = yield* jobFileText(flags.jobFile)
        const store = yield* storeOf(flags.databaseUrl, "fleet.submit")
        const { job, submitted } = yield* Effect.provideService(Fleet.submit(text), Store.Store, store)
        if (flags.wait) {
          // On SQLite no other process runs the job: the single runner, here (it listens nowhere).
          if (store.dialect !== "pg") {
            yield* startRunner(
              store,
              yield* runnerOptions({ host: "127.0.0.1", port: 0, advertiseHost: Option.none() })
            )
          }
          return yield* toTheEnd(store, job.id)
        }
        const json: typeof SubmitJson.Type = {
          kind: "fleet.submit",
          id: job.id,
          jobKind: job.kind,
          units: Job.units(job).length,
          submitted,
          engine: engineOf(store),
          store: store.location
        }
        yield* Output.value(SubmitJson, json, (value) =>
          [
            value.submitted
              ? `job ${value.id} (${value.jobKind}, ${value.units} ${
                value.jobKind === "audit" ? "numbers" : "pairs"
              }) submitted to ${value.store}`
              : `job ${value.id} was submitted before; nothing changed`,
            value.engine === "postgresql"
              ? `the cluster's runners start it; follow it with: wa-admin fleet status ${value.id} --watch`
              : `run it with: wa-admin fleet runner (or wa-admin fleet run <job file>); follow it with: wa-admin fleet status ${value.id}`
          ].join("\n"))
        return undefined
      })
    )
  )

/**
 * `wa-admin fleet status <job>`: the job's progress — each unit not yet done, every unit with
 * `--all`; `--watch` follows it to its end.
 *
 * @since 0.2.0
 * @category programs
 */
export const status = (flags: FleetCommand.Status & { readonly all?: boolean }) =>
  endingWith(
    flags.json,
    Effect.scoped(
      Effect.gen(function*() {
        const { id, store } = yield* namedJob(flags, "fleet.status")
        if (!flags.watch) {
          yield* show(yield* Effect.provideService(Fleet.status(id), Store.Store, store), flags.all)
          return undefined
        }
        const final = yield* follow(store, id, { everyLook: true, all: flags.all ?? false })
        yield* show(final, flags.all)
        return final.state
      })
    )
  )

/**
 * `wa-admin fleet cancel <job>`: every unit of the job stops before its next step.
 *
 * @since 0.2.0
 * @category programs
 */
export const cancel = (flags: FleetCommand.Cancel) =>
  Session.runLocal(
    { provider: Option.none(), json: flags.json },
    Effect.scoped(
      Effect.gen(function*() {
        const { id, store } = yield* namedJob(flags, "fleet.cancel")
        yield* Effect.provideService(Fleet.cancel(id), Store.Store, store)
        yield* Output.value(
          CancelJson,
          { kind: "fleet.cancel" as const, id },
          (value) => `job ${value.id} cancelled: its pairs stop before their next step`
        )
      })
    )
  )

/**
 * `wa-admin fleet runner`: runs the fleet's jobs until stopped — on PostgreSQL a runner of the
 * cluster listening for the others, on SQLite the state file's one runner.
 *
 * @since 0.2.0
 * @category programs
 */
export const runner = (flags: FleetCommand.Runner) =>
  Session.runLocal(
    { provider: Option.none(), json: flags.json },
    Effect.scoped(
      Effect.gen(function*() {
        const options = yield* runnerOptions(flags)
        const store = yield* storeOf(flags.databaseUrl, "fleet.runner")
        const bound = yield* startRunner(store, options)
        const hostPort = (address: Runner.Address["listen"]) => `${address.host}:${address.port}`
        const json: typeof RunnerJson.Type = {
          kind: "fleet.runner",
          engine: engineOf(store),
          store: store.location,
          ...Option.match(bound, {
            onNone: () => ({}),
            onSome: ({ advertised, listen }) => ({ listen: hostPort(listen), advertised: hostPort(advertised) })
          })
        }
        yield* Output.value(RunnerJson, json, (value) =>
          value.listen === undefined
            ? `fleet runner on ${value.store} (SQLite: this process runs every job submitted there); stop it with Ctrl+C`
            : `fleet runner on ${value.store}, listening on ${value.listen} for the cluster's other runners (they ` +
              `reach it at ${value.advertised ?? value.listen}); stop it ` +
              "with Ctrl+C or SIGTERM (its pairs are taken over by the others)")
        return yield* Effect.never
      })
    )
  )
