/**
 * Running `wa-admin` in-process for tests: stdout and stderr captured through a `Console`, the
 * providers injected as a registry (so several commands can share one in-memory provider).
 */
import type { HttpClient } from "@effect/platform"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { assert } from "@effect/vitest"
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

/** A flag's value: one string, several (the flag given once for each), or `true` (the flag alone). */
export type FlagValue = string | ReadonlyArray<string> | true

/**
 * The arguments of a command: its words, then each flag with its value, in the order given.
 * `argv("numbers status", { id: "r-1" })` is `["numbers", "status", "--id", "r-1"]`.
 */
export const argv = (command: string, flags: Readonly<Record<string, FlagValue>> = {}): Array<string> => [
  ...command.split(" ").filter((word) => word.length > 0),
  ...Object.entries(flags).flatMap(([flag, value]) =>
    value === true
      ? [`--${flag}`]
      : typeof value === "string"
      ? [`--${flag}`, value]
      : value.flatMap((one) => [`--${flag}`, one])
  )
]

/** `numbers provision` of a Vonage number (WABA, vname certificate, verification by SMS), `flags` replacing those. */
export const vonageProvision = (phoneNumber = "+447700900123", flags: Readonly<Record<string, FlagValue>> = {}) =>
  argv("numbers provision", {
    "phone-number": phoneNumber,
    "waba-id": "123456789123",
    "vname-certificate": "CkQKDQiBx9bZ2",
    method: "sms",
    ...flags
  })

/** `numbers provision` of a Kaleyra number (display name, business and its certificate file), `flags` replacing those. */
export const kaleyraProvision = (certificate?: string, flags: Readonly<Record<string, FlagValue>> = {}) =>
  argv("numbers provision", {
    "phone-number": "+919876543210",
    "display-name": "Acme Bakery",
    "business-id": "1234567890",
    "business-name": "Acme Bakery Ltd",
    ...(certificate === undefined ? {} : { certificate }),
    ...flags
  })

/** The error `--json` wrote on stderr (the line after the message), decoded; `null` when there is none. */
export const encodedError = (result: Result) =>
  JSON.parse(lines(result.stderr).find((line) => line.startsWith("{")) ?? "null")

/** The fields an encoded InvalidInput names. */
export const issueFields = (error: { readonly issues?: ReadonlyArray<{ readonly field: string }> } | null) =>
  (error?.issues ?? []).map((issue) => issue.field)

/**
 * Each command's `--help` succeeds and mentions what is listed for it (its flags, words of their
 * descriptions), and every one of `everywhere` (the global flags).
 */
export const assertHelpMentions = (
  cli: (...args: ReadonlyArray<string>) => Effect.Effect<Result>,
  expectations: ReadonlyArray<readonly [command: string, mentions: ReadonlyArray<string>]>,
  everywhere: ReadonlyArray<string>
) =>
  Effect.forEach(expectations, ([command, mentions]) =>
    Effect.map(cli(...argv(command), "--help"), (result) => {
      assert.strictEqual(result.exitCode, 0, command)
      for (const mention of [...mentions, ...everywhere]) {
        assert.include(result.stdout, mention, `${command} --help mentions ${mention}`)
      }
    }), { discard: true })
