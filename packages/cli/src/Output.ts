/**
 * Where a command's results and failures go: stdout for results, stderr for failures.
 *
 * Under `--json` stdout carries only JSON — one encoded domain object per line (a stream is
 * JSON Lines) — and a failure writes its one-line message then the encoded error as JSON on
 * stderr. Otherwise results are human-readable tables. Everything is written through Effect's
 * `Console`, so a test can capture it by providing its own.
 *
 * @since 0.1.0
 */
import { AdminError, MigrationJournal, Validation } from "@wa-admin/core"
import type { EmulatorHost } from "@wa-admin/core/testing"
import { configMessage } from "@wa-admin/fleet/ConfigMessage"
import { Array as Arr, ConfigError, Console, Context, Effect, Layer, Logger, Option, Schema } from "effect"
import type { UsageError } from "./CliError.js"
import { ExitCode } from "./ExitCode.js"
import * as ExitCodes from "./ExitCode.js"
import type { Node } from "./internal/commandTree.js"
import { CurrentCommand, flagFor } from "./internal/currentCommand.js"
import * as Json from "./internal/json.js"
import * as InternalLogger from "./internal/logger.js"

/**
 * Everything a command can fail with before it is reported: the library's errors, configuration
 * and usage errors, the migration journal's, and an emulator that cannot start.
 *
 * @since 0.1.0
 * @category models
 */
export type Failure =
  | AdminError.AdminError
  | ConfigError.ConfigError
  | UsageError
  | MigrationJournal.JournalError
  | EmulatorHost.StartError

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Whether `--json` was asked for. */
  readonly json: boolean
  /** A domain value: its JSON encoding under `--json`, its human rendering otherwise. */
  readonly value: <A, I>(schema: Schema.Schema<A, I>, value: A, human: (value: A) => string) => Effect.Effect<void>
  /** A line for people (a confirmation, a heading); nothing under `--json`. */
  readonly text: (line: string) => Effect.Effect<void>
  /** Reports a failure on stderr and answers its exit code. */
  readonly failure: (failure: Failure) => Effect.Effect<ExitCode>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Output extends Context.Tag("@wa-admin/cli/Output")<Output, Service>() {}

interface Described {
  readonly message: string
  readonly exitCode: ExitCode
}

/**
 * An emulator that cannot start: a port out of range or a host that is not this machine's is a
 * bad flag (usage); a port in use or not permitted has its own exit code.
 */
const startFailure = (error: EmulatorHost.StartError): Described => {
  const detail = error.detail === undefined ? "" : ` (${error.detail})`
  const cannotListen = (why: string): Described => ({
    message:
      `cannot start the emulator on ${error.host} port ${error.port}: ${why}${detail}; choose another --port (0 picks a free one)`,
    exitCode: ExitCode.CannotListen
  })
  switch (error.reason) {
    case "PortOutOfRange":
      return {
        message: `--port ${error.port}: must be an integer from 0 to 65535 (0 picks a free port)`,
        exitCode: ExitCode.Usage
      }
    case "UnknownHost":
      return { message: `--host ${error.host}: the host name does not resolve${detail}`, exitCode: ExitCode.Usage }
    case "AddressNotAvailable":
      return { message: `--host ${error.host}: not an address of this machine${detail}`, exitCode: ExitCode.Usage }
    case "PortInUse":
      return cannotListen("the port is already in use")
    case "PermissionDenied":
      return cannotListen("permission denied (a port below 1024 needs privileges)")
    case "ListenFailed":
      return cannotListen("the server could not listen")
  }
}

/**
 * The flag of `command` for each issue of an input the command line checked itself (a
 * provider's refusal names the provider's view of a field, so it is left as it is).
 */
const flagsOf = (
  error: AdminError.InvalidInput,
  command: Node | undefined
): ReadonlyArray<string | undefined> =>
  error.issues.map((
    issue
  ) => (command === undefined || error.source !== "local" ? undefined : flagFor(command, issue.field)))

/** An invalid input's message with the flag to fix after each issue's rule: `profile.websites.0: must be … (--website)`. */
const withFlags = (error: AdminError.InvalidInput, command: Node | undefined): string => {
  const flags = flagsOf(error, command)
  if (flags.every((flag) => flag === undefined)) return error.message
  return Validation.invalidInput(
    { provider: error.provider, operation: error.operation },
    Arr.map(error.issues, (issue, index) => {
      const flag = flags[index]
      return { field: issue.field, rule: flag === undefined ? issue.rule : `${issue.rule} (${flag})` }
    })
  ).message
}

/**
 * The one-line message for a failure, and its exit code; `command` (the command that ran)
 * names the flag of each field of a locally checked invalid input.
 *
 * @since 0.1.0
 * @category conversions
 */
export const describe = (failure: Failure, command?: Node): Described => {
  if (ConfigError.isConfigError(failure)) {
    return { message: `configuration error: ${configMessage(failure)}`, exitCode: ExitCode.Config }
  }
  switch (failure._tag) {
    case "UsageError":
      return { message: failure.reason, exitCode: ExitCode.Usage }
    case "JournalReadError":
      return { message: failure.message, exitCode: ExitCode.LocalStateFailure }
    case "JournalWriteError":
      return {
        message:
          `${failure.message}; the migration stopped there, so nothing unjournaled was sent — fix that and run the same command again`,
        exitCode: ExitCode.LocalStateFailure
      }
    case "StartError":
      return startFailure(failure)
    case "InvalidInput":
      return { message: withFlags(failure, command), exitCode: ExitCode.InvalidInput }
    default:
      return { message: failure.message, exitCode: ExitCodes.ofAdminError(failure) }
  }
}

const encodeAdminError = Schema.encodeSync(AdminError.AdminError)
const encodeJournalError = Schema.encodeSync(
  Schema.Union(MigrationJournal.JournalReadError, MigrationJournal.JournalWriteError)
)

const failureJson = (failure: Failure, command: Node | undefined): unknown => {
  if (ConfigError.isConfigError(failure)) return { _tag: "ConfigError", message: configMessage(failure) }
  switch (failure._tag) {
    case "UsageError":
      return { _tag: "UsageError", message: failure.reason }
    case "JournalReadError":
    case "JournalWriteError":
      return encodeJournalError(failure)
    case "StartError":
      return {
        _tag: failure._tag,
        host: failure.host,
        port: failure.port,
        reason: failure.reason,
        ...(failure.detail === undefined ? {} : { detail: failure.detail }),
        message: describe(failure).message
      }
    case "InvalidInput": {
      // Beside the encoded error (left as the library encodes it): the flag of each field.
      const flags = flagsOf(failure, command)
      const named = Object.fromEntries(
        failure.issues.flatMap((issue, index) => {
          const flag = flags[index]
          return flag === undefined ? [] : [[issue.field, flag]]
        })
      )
      return Object.keys(named).length === 0
        ? encodeAdminError(failure)
        : { ...encodeAdminError(failure), flags: named }
    }
    default:
      return encodeAdminError(failure)
  }
}

/**
 * Builds the output for a mode.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: { readonly json: boolean; readonly command?: Node | undefined }): Service => ({
  json: options.json,
  value: (schema, value, human) =>
    options.json
      ? Effect.flatMap(Effect.orDie(Schema.encode(schema)(value)), (encoded) => Console.log(Json.stringify(encoded)))
      : Console.log(human(value)),
  text: (line) => (options.json ? Effect.void : Console.log(line)),
  failure: (failure) => {
    const { exitCode, message } = describe(failure, options.command)
    const line = Console.error(`wa-admin: ${Json.oneLine(message)}`)
    return (options.json
      ? Effect.zipRight(line, Console.error(Json.stringify(failureJson(failure, options.command))))
      : line).pipe(
        Effect.as(exitCode)
      )
  }
})

/**
 * The output of the command that is running (whose flags a failure names), in a mode.
 *
 * @since 0.1.0
 * @category constructors
 */
export const forCommand = (options: { readonly json: boolean }): Effect.Effect<Service> =>
  Effect.map(
    Effect.serviceOption(CurrentCommand),
    (command) => make({ json: options.json, command: Option.getOrUndefined(command) })
  )

/**
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: { readonly json: boolean }): Layer.Layer<Output> => Layer.succeed(Output, make(options))

/**
 * Writes a domain value (see {@link Service.value}).
 *
 * @since 0.1.0
 * @category accessors
 */
export const value = <A, I>(schema: Schema.Schema<A, I>, value: A, human: (value: A) => string) =>
  Effect.flatMap(Output, (output) => output.value(schema, value, human))

/**
 * Writes a line for people (see {@link Service.text}).
 *
 * @since 0.1.0
 * @category accessors
 */
export const text = (line: string) => Effect.flatMap(Output, (output) => output.text(line))

/**
 * Effect logs (an adapter's deprecation warning, say) as `wa-admin: warning: …` lines on stderr,
 * so stdout keeps only results.
 *
 * @since 0.1.0
 * @category logging
 */
export const logger: Logger.Logger<unknown, void> = InternalLogger.logger

/**
 * Replaces Effect's default logger with {@link logger}.
 *
 * @since 0.1.0
 * @category logging
 */
export const layerLogger: Layer.Layer<never> = Logger.replace(Logger.defaultLogger, logger)
