/**
 * The wiring every example shares, kept out of the examples themselves.
 *
 * An example runs against the real provider when that provider's variables are set in the
 * environment, and otherwise starts the provider's emulator in-process on 127.0.0.1 (a free
 * port) and points the same program at it through a `ConfigProvider` built from a map, so that
 * `tsx examples/<name>.ts` works out of the box.
 */
import type { HttpClient } from "@effect/platform"
import { FileSystem } from "@effect/platform"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { NumberLifecycle } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import type { Provider } from "@wa-admin/core/adapter"
import * as SampleFiles from "@wa-admin/core/testing/SampleFiles"
import { KaleyraEmulator } from "@wa-admin/kaleyra/emulator"
import { MetaQuota } from "@wa-admin/meta"
import { MetaEmulator } from "@wa-admin/meta/emulator"
import { VonageProvider } from "@wa-admin/vonage"
import { VonageEmulator } from "@wa-admin/vonage/emulator"
import { QuotaStore } from "@wa-admin/woztell"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Config, ConfigProvider, Console, Effect, Layer, Option, Schedule } from "effect"
import type { ConfigError, Scope } from "effect"
import * as Http from "node:http"
import * as Path from "node:path"
import { fileURLToPath } from "node:url"
import * as Numbers from "./Numbers.js"

/** An example's program: it reads its settings from the configuration and needs only an `HttpClient`. */
export type Program<A, E = never> = Effect.Effect<
  A,
  AdminError.AdminError | ConfigError.ConfigError | E,
  HttpClient.HttpClient
>

/**
 * An example's `demo`: the program against emulators started in the caller's scope, answering
 * what it did (and the emulators, to look at); it fails as the program does, or with `E`.
 */
export type Demo<A, E = never> = Effect.Effect<
  A,
  AdminError.AdminError | ConfigError.ConfigError | E,
  HttpClient.HttpClient | Scope.Scope
>

/** Environment variables, by name. */
export type Environment = Readonly<Record<string, string>>

/** A config provider reading `environment` the way the process environment is read (`A_B` for nested `A`, `B`). */
export const configProvider = (environment: Environment): ConfigProvider.ConfigProvider =>
  ConfigProvider.fromMap(new Map(Object.entries(environment)), { pathDelim: "_" })

/** Runs an effect with `environment` as its whole configuration. */
export const withEnvironment =
  (environment: Environment) => <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.withConfigProvider(effect, configProvider(environment))

/** Whether any of the variables is set (and not empty) in the configuration in use. */
export const anySet = (names: ReadonlyArray<string>): Effect.Effect<boolean> =>
  Effect.map(
    Effect.forEach(names, (name) => Effect.orElseSucceed(Config.option(Config.nonEmptyString(name)), Option.none)),
    (values) => values.some(Option.isSome)
  )

/** The variables that name a provider's account: a real account is configured when one of them is set. */
export const accountVariables = (provider: Provider.Descriptor): ReadonlyArray<string> =>
  provider.variables.filter((variable) => variable.account).map((variable) => variable.name)

/** Whether the module at `url` is the script node was started with. */
export const isMain = (url: string): boolean => {
  const script = process.argv[1]
  return script !== undefined && Path.resolve(script).replace(/\.ts$/, "") === fileURLToPath(url).replace(/\.ts$/, "")
}

/** Runs an example as a script: with an HTTP client, a scope, and Node's error reporting and exit code. */
export const runMain = <A, E>(effect: Effect.Effect<A, E, HttpClient.HttpClient | Scope.Scope>): void =>
  NodeRuntime.runMain(effect.pipe(Effect.scoped, Effect.provide(NodeHttpClient.layerUndici)))

/**
 * Runs `real` when any of `variables` is set, else `demo` (which starts the emulators and runs the
 * same program against them).
 */
export const main = <A, E, B, E2>(
  variables: ReadonlyArray<string>,
  run: {
    readonly real: Effect.Effect<A, E, HttpClient.HttpClient | Scope.Scope>
    readonly demo: Effect.Effect<B, E2, HttpClient.HttpClient | Scope.Scope>
  }
): void =>
  runMain(
    Effect.flatMap(anySet(variables), (real): Effect.Effect<void, E | E2, HttpClient.HttpClient | Scope.Scope> =>
      real
        ? Effect.asVoid(run.real)
        : Console.log(`${variables.join(" / ")} not set: running against the in-process emulator.\n`).pipe(
          Effect.zipRight(run.demo),
          Effect.asVoid
        ))
  )

// ---------------------------------------------------------------------------------------------
// Emulators and the environment that points a client at them
// ---------------------------------------------------------------------------------------------

/** A running emulator and the environment that configures a client for it (the one it exports). */
export interface Emulated<Emulator> {
  readonly emulator: Emulator
  readonly environment: Environment
}

/** Starts Vonage's emulator; deployment stages take 50 ms unless told otherwise. */
export const vonage = (
  options?: VonageEmulator.Options
): Effect.Effect<Emulated<VonageEmulator.Emulator>, never, Scope.Scope> =>
  Effect.map(Effect.orDie(VonageEmulator.make({ stageDuration: "50 millis", ...options })), (emulator) => ({
    emulator,
    environment: emulator.environment
  }))

/** Starts an emulator, with its client's quotas (`variable`) in a temporary directory. */
const withQuotaDirectory = <Emulator extends { readonly environment: Environment }, E>(
  start: Effect.Effect<Emulator, E, Scope.Scope>,
  variable: string
): Effect.Effect<Emulated<Emulator>, never, Scope.Scope> =>
  Effect.gen(function*() {
    const emulator = yield* Effect.orDie(start)
    const quotaDirectory = yield* temporaryDirectory("wa-admin-quota-")
    return { emulator, environment: { ...emulator.environment, [variable]: quotaDirectory } }
  })

/** Starts WOZTELL's emulator, with the client's template quotas in a temporary directory. */
export const woztell = (
  options?: WoztellEmulator.Options
): Effect.Effect<Emulated<WoztellEmulator.Emulator>, never, Scope.Scope> =>
  withQuotaDirectory(WoztellEmulator.make(options), QuotaStore.directoryVariable)

/** Starts Kaleyra's (deprecated) activation emulator. */
export const kaleyra = (
  options?: KaleyraEmulator.Options
): Effect.Effect<Emulated<KaleyraEmulator.Emulator>, never, Scope.Scope> =>
  Effect.map(
    Effect.orDie(KaleyraEmulator.make(options)),
    (emulator) => ({ emulator, environment: emulator.environment })
  )

/** Starts Meta's emulator (one business, one WABA, one registered number), with Meta's limits kept in a temporary directory. */
export const meta = (
  options?: MetaEmulator.Options
): Effect.Effect<Emulated<MetaEmulator.Emulator>, never, Scope.Scope> =>
  withQuotaDirectory(MetaEmulator.make(options), MetaQuota.directoryVariable)

/** A file a {@link serveFiles} server answers with. */
export interface ServedFile {
  readonly bytes: Uint8Array
  readonly type: string
}

/** A tiny PNG (its signature and an IHDR chunk): what a provider recognises as an image. */
export const png: ServedFile = { bytes: SampleFiles.png, type: "image/png" }

/**
 * Public files on 127.0.0.1 (a free port), as a website serves the pictures a template or a
 * profile points at: `GET /<name>` answers the file, anything else 404. Stops when the scope
 * closes; answers each file's URL.
 */
export const serveFiles = (
  files: Readonly<Record<string, ServedFile>>
): Effect.Effect<{ readonly url: (name: string) => string }, never, Scope.Scope> =>
  Effect.map(
    Effect.acquireRelease(
      Effect.async<Http.Server>((resume) => {
        const server = Http.createServer((request, response) => {
          const name = (request.url ?? "/").slice(1)
          const file = Object.hasOwn(files, name) ? files[name] : undefined
          if (request.method !== "GET" || file === undefined) {
            response.writeHead(404).end()
            return
          }
          response.writeHead(200, { "content-type": file.type, "content-length": file.bytes.length }).end(file.bytes)
        })
        server.once("error", (error) => resume(Effect.die(error)))
        server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
      }),
      (server) =>
        Effect.async<void>((resume) => {
          server.close(() => resume(Effect.void))
          server.closeAllConnections()
        })
    ),
    (server) => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      return { url: (name: string) => `http://127.0.0.1:${port}/${name}` }
    }
  )

/** A directory removed when the scope closes. */
export const temporaryDirectory = (prefix: string): Effect.Effect<string, never, Scope.Scope> =>
  Effect.flatMap(FileSystem.FileSystem, (fs) => fs.makeTempDirectoryScoped({ prefix })).pipe(
    Effect.provide(NodeFileSystem.layer),
    Effect.orDie
  )

/**
 * Numbers registered at the Vonage emulator the way a user registers them (provision, verify the
 * code it "sent", wait until ready), so that examples about ready numbers have some. Answers the
 * deployment ids, in order.
 */
export const readyDeployments = (
  emulator: VonageEmulator.Emulator,
  phoneNumbers: ReadonlyArray<string>
): Effect.Effect<ReadonlyArray<string>, AdminError.AdminError, HttpClient.HttpClient> => {
  const schedule = Schedule.spaced("25 millis")
  const register = (phoneNumber: string) =>
    Effect.gen(function*() {
      const registration = yield* NumberLifecycle.provision({
        phoneNumber,
        wabaId: "123456789123",
        providerOptions: { vonage: { vnameCertificate: "AbCdEFGHiJK123456" } }
      })
      yield* NumberLifecycle.awaitState({ id: registration.id, until: ["code_sent"], schedule })
      const code = yield* Numbers.sentCode(emulator.lastCode, registration.id)
      yield* NumberLifecycle.verifyCode({ id: registration.id, code })
      yield* NumberLifecycle.awaitReady({ id: registration.id, schedule })
      return registration.id
    })
  return Effect.forEach(phoneNumbers, register, { concurrency: "unbounded" }).pipe(
    Effect.provide(Layer.orDie(VonageProvider.layerConfig)),
    withEnvironment(emulator.environment)
  )
}
