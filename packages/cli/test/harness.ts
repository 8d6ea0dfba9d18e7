/**
 * Running `wa-admin` in-process for tests: stdout and stderr captured through a `Console`, the
 * providers injected as a registry (so several commands can share one in-memory provider).
 */
import type { HttpClient } from "@effect/platform"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { Capabilities } from "@wa-admin/core"
import type { Port } from "@wa-admin/core"
import type { Provider } from "@wa-admin/core/adapter"
import { InMemory } from "@wa-admin/core/testing"
import { ConfigProvider, Console, Context, Effect, Layer } from "effect"
import type { ConfigError } from "effect"
import { Console as NodeConsole } from "node:console"
import { Writable } from "node:stream"
import * as Cli from "../src/Cli.js"
import * as Providers from "../src/Providers.js"

export interface Result {
  readonly exitCode: number
  /** What was written, escape sequences (colour) removed. */
  readonly stdout: string
  readonly stderr: string
}

/** A result with what was written as written (escape sequences kept). */
export interface RawResult extends Result {
  readonly rawStdout: string
  readonly rawStderr: string
}

const collector = () => {
  const chunks: Array<string> = []
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(typeof chunk === "string" ? chunk : chunk.toString("utf8"))
      callback()
    }
  })
  return { stream, raw: () => chunks.join(""), text: () => chunks.join("").replace(/\x1b\[[0-9;]*m/g, "") }
}

/** An Effect `Console` writing into strings. */
export const capturingConsole = () => {
  const stdout = collector()
  const stderr = collector()
  const unsafe = new NodeConsole({ stdout: stdout.stream, stderr: stderr.stream, colorMode: false })
  const console: Console.Console = {
    [Console.TypeId]: Console.TypeId,
    assert: (condition, ...args) => Effect.sync(() => unsafe.assert(condition, ...args)),
    clear: Effect.void,
    count: (label) => Effect.sync(() => unsafe.count(label)),
    countReset: (label) => Effect.sync(() => unsafe.countReset(label)),
    debug: (...args) => Effect.sync(() => unsafe.debug(...args)),
    dir: (item, options) => Effect.sync(() => unsafe.dir(item, options)),
    dirxml: (...args) => Effect.sync(() => unsafe.dirxml(...args)),
    error: (...args) => Effect.sync(() => unsafe.error(...args)),
    group: (options) => Effect.sync(() => unsafe.group(options?.label)),
    groupEnd: Effect.sync(() => unsafe.groupEnd()),
    info: (...args) => Effect.sync(() => unsafe.info(...args)),
    log: (...args) => Effect.sync(() => unsafe.log(...args)),
    table: (data, properties) => Effect.sync(() => unsafe.table(data, properties)),
    time: (label) => Effect.sync(() => unsafe.time(label)),
    timeEnd: (label) => Effect.sync(() => unsafe.timeEnd(label)),
    timeLog: (label, ...args) => Effect.sync(() => unsafe.timeLog(label, ...args)),
    trace: (...args) => Effect.sync(() => unsafe.trace(...args)),
    warn: (...args) => Effect.sync(() => unsafe.warn(...args)),
    unsafe
  }
  return { console, stdout: stdout.text, stderr: stderr.text, rawStdout: stdout.raw, rawStderr: stderr.raw }
}

/**
 * Runs `wa-admin ...args` with the given registry and environment; answers exit code and output
 * as written. stdout is not a terminal unless `screen` says it is.
 */
export const runRawWith = (
  registry: Layer.Layer<Providers.Registry>,
  environment: Readonly<Record<string, string>> = {},
  screen: Cli.Screen = { isTTY: false, columns: undefined }
) =>
(...args: ReadonlyArray<string>): Effect.Effect<RawResult> => {
  const captured = capturingConsole()
  return Cli.run(["node", "wa-admin", ...args]).pipe(
    Effect.withConsole(captured.console),
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(environment)))),
    Effect.provideService(Cli.Display, screen),
    Effect.provide(Layer.merge(NodeContext.layer, registry)),
    Effect.map((exitCode) => ({
      exitCode,
      stdout: captured.stdout(),
      stderr: captured.stderr(),
      rawStdout: captured.rawStdout(),
      rawStderr: captured.rawStderr()
    }))
  )
}

/**
 * Runs `wa-admin ...args` with the given registry and environment; answers exit code and output
 * (escape sequences removed). stdout is not a terminal unless `screen` says it is.
 */
export const runWith = (
  registry: Layer.Layer<Providers.Registry>,
  environment: Readonly<Record<string, string>> = {},
  screen?: Cli.Screen
) =>
(...args: ReadonlyArray<string>): Effect.Effect<Result> =>
  Effect.map(
    runRawWith(registry, environment, screen)(...args),
    ({ exitCode, stderr, stdout }) => ({ exitCode, stdout, stderr })
  )

/**
 * A provider for tests: its layer, and what it declares (`capabilities`, as its `Capabilities`
 * service would answer; nothing when absent).
 */
export const testProvider = (
  name: string,
  layerConfig: Layer.Layer<Port.Services, ConfigError.ConfigError, HttpClient.HttpClient>,
  capabilities?: Capabilities.Service
): Provider.Descriptor => ({
  name,
  description: `test provider ${name}`,
  supportStatus: capabilities?.supportStatus ?? "stable",
  ...(capabilities?.deprecation === undefined ? {} : { deprecation: capabilities.deprecation }),
  operations: capabilities?.operations ?? new Set(),
  extensions: capabilities?.extensions ?? [],
  variables: [],
  layerConfig
})

/** A registry whose `memory` provider is the one given (shared by every command run with it). */
export const registryOf = (name: string, services: Context.Context<Port.Services>) =>
  Providers.layerOf([
    testProvider(name, Layer.succeedContext(services), Context.get(services, Capabilities.Capabilities))
  ])

/**
 * A fresh in-memory provider for this scope, and a runner whose commands all share it.
 */
export const sharedMemory = (options: InMemory.Options = {}) =>
  Effect.gen(function*() {
    const context = yield* Layer.build(InMemory.layer(options))
    const control = Context.get(context, InMemory.InMemoryControl)
    const cli = runWith(registryOf("memory", context))
    return { control, cli: (...args: ReadonlyArray<string>) => cli("--provider", "memory", ...args) }
  })

/** The non-empty lines of a text. */
export const lines = (text: string): ReadonlyArray<string> => text.split("\n").filter((line) => line.trim().length > 0)
