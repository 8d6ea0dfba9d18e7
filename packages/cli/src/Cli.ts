/**
 * The `wa-admin` command tree and how it runs: read the command line against the tree (help,
 * version, completion scripts, usage errors with "did you mean"), run the command against the
 * chosen provider, report failures, answer the exit code.
 *
 * The commands are @effect/cli commands; @effect/cli parses their values and runs them. What
 * @effect/cli cannot do the way `wa-admin` needs — help with the full command path that fits
 * 100 columns and uses colour only on a terminal, usage errors that name the flag and suggest
 * one, completion scripts for every depth — is written once over the command tree read from
 * the commands (`internal/commandTree.ts`, the one module that reads @effect/cli's internal
 * structure).
 *
 * The providers come from the `Providers.Registry` in context, so a test can run many commands
 * in one process against one shared provider (`Providers.layerOf([...])`).
 *
 * @since 0.1.0
 */
import type * as CliApp from "@effect/cli/CliApp"
import * as CliConfig from "@effect/cli/CliConfig"
import * as Command from "@effect/cli/Command"
import * as Descriptor from "@effect/cli/CommandDescriptor"
import * as ValidationError from "@effect/cli/ValidationError"
import type { Teardown } from "@effect/platform/Runtime"
import { Cause, Config, Console, Context, Effect, Exit, FiberRef, HashSet, Logger, LogLevel, Option } from "effect"
import { createRequire } from "node:module"
import { Reported } from "./CliError.js"
import * as Analytics from "./commands/Analytics.js"
import * as Capabilities from "./commands/Capabilities.js"
import * as Catalogs from "./commands/Catalogs.js"
import * as Demo from "./commands/Demo.js"
import * as Emulator from "./commands/Emulator.js"
import * as Encryption from "./commands/Encryption.js"
import * as Fleet from "./commands/Fleet.js"
import * as Flows from "./commands/Flows.js"
import * as Media from "./commands/Media.js"
import * as Migrate from "./commands/Migrate.js"
import * as Numbers from "./commands/Numbers.js"
import * as Phone from "./commands/Phone.js"
import * as Profile from "./commands/Profile.js"
import * as Qr from "./commands/Qr.js"
import * as StateCommand from "./commands/State.js"
import * as Stickers from "./commands/Stickers.js"
import * as Templates from "./commands/Templates.js"
import * as Waba from "./commands/Waba.js"
import * as Webhooks from "./commands/Webhooks.js"
import { ExitCode } from "./ExitCode.js"
import * as ExitCodes from "./ExitCode.js"
import * as GlobalOptions from "./GlobalOptions.js"
import * as Argv from "./internal/argv.js"
import * as CommandTree from "./internal/commandTree.js"
import * as CurrentCommand from "./internal/currentCommand.js"
import * as Json from "./internal/json.js"
import * as InternalLogger from "./internal/logger.js"
import * as Providers from "./Providers.js"
import * as State from "./State.js"

/**
 * The package version, as `wa-admin --version` prints it.
 *
 * @since 0.1.0
 * @category constants
 */
export const version: string = (() => {
  // By the package's own name, so that it resolves from the sources, tsc's output and the bundle alike.
  const manifest: unknown = createRequire(import.meta.url)("@wa-admin/cli/package.json")
  return typeof manifest === "object" && manifest !== null && "version" in manifest &&
      typeof manifest.version === "string"
    ? manifest.version
    : "unknown"
})()

/**
 * The command groups of the port and of the command line itself.
 *
 * @since 0.1.0
 * @category commands
 */
export const portCommands = [
  Numbers.command,
  Profile.command,
  Media.command,
  Templates.command,
  Migrate.command,
  Fleet.command,
  Capabilities.command,
  StateCommand.command,
  Emulator.command,
  Demo.command
] as const

/**
 * The command groups of one provider's extensions — a provider's extension group is added
 * here, and only here: `--help` lists these apart, and the completion scripts and usage checks
 * read them from the tree like every other command.
 *
 * @since 0.1.0
 * @category commands
 */
export const extensionCommands = [
  Stickers.command,
  Flows.command,
  Analytics.command,
  Catalogs.command,
  Catalogs.products,
  Encryption.command,
  Waba.command,
  Qr.command,
  Webhooks.command,
  Phone.command
] as const

/**
 * The root command with every command group.
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("wa-admin", GlobalOptions.options).pipe(
  Command.withDescription(
    "Administer WhatsApp Business numbers across providers through one typed port: numbers, business " +
      "profiles, media and templates, and each provider's extensions."
  ),
  Command.withSubcommands([...portCommands, ...extensionCommands]),
  Command.provideSync(GlobalOptions.Root, (config): GlobalOptions.Globals => ({
    provider: config.provider,
    json: config.json
  }))
)

const summary = "one typed way to administer WhatsApp Business numbers across providers"

/**
 * What the command line writes to: whether stdout is a terminal (colour, width) and how wide.
 *
 * @since 0.1.0
 * @category models
 */
export interface Screen {
  readonly isTTY: boolean
  /** Its width in characters, when known. */
  readonly columns: number | undefined
}

/**
 * The screen stdout writes to; the process's stdout when absent.
 *
 * @since 0.1.0
 * @category tags
 */
export class Display extends Context.Tag("@wa-admin/cli/Cli/Display")<Display, Screen>() {}

const processScreen = (): Screen => ({
  isTTY: process.stdout.isTTY === true,
  columns: process.stdout.columns
})

/** The widest help is written. */
const maxWidth = 100

/**
 * How help is laid out on a screen: at most 100 columns (fewer on a narrower terminal), bold
 * headings only on a terminal, and never when `NO_COLOR` is set (not empty) or `TERM` is `dumb`.
 *
 * @since 0.1.0
 * @category help
 */
export const layoutOf = (
  screen: Screen,
  environment: { readonly noColor: Option.Option<string>; readonly term: Option.Option<string> }
): { readonly width: number; readonly colour: boolean } => ({
  width: screen.isTTY && screen.columns !== undefined && screen.columns >= 40
    ? Math.min(maxWidth, screen.columns)
    : maxWidth,
  colour: screen.isTTY &&
    Option.getOrElse(environment.noColor, () => "") === "" &&
    Option.getOrElse(environment.term, () => "") !== "dumb"
})

const layout = Effect.gen(function*() {
  const screen = Option.getOrElse(yield* Effect.serviceOption(Display), processScreen)
  const environment = yield* Config.all({
    noColor: Config.option(Config.string("NO_COLOR")),
    term: Config.option(Config.string("TERM"))
  }).pipe(Effect.orElseSucceed(() => ({ noColor: Option.none(), term: Option.none() })))
  return layoutOf(screen, environment)
})

const help = (root: CommandTree.Node, node: CommandTree.Node) =>
  Effect.gen(function*() {
    const Help = yield* Effect.promise(() => import("./internal/help.js"))
    const text = Help.render(root, node, {
      version,
      summary,
      extensions: new Set(extensionCommands.map((group) => CommandTree.of(group).name)),
      exitCodes: ExitCodes.table
    }, yield* layout)
    yield* Console.log(text)
  })

const completions = (root: CommandTree.Node, shell: "bash" | "zsh" | "fish") =>
  Effect.gen(function*() {
    const Completion = yield* Effect.promise(() => import("./internal/completion.js"))
    const providers = yield* Providers.Registry
    const script = Completion.script(shell, root, {
      flags: { "--provider": providers.map((provider) => provider.name) },
      positionals: {
        [CommandTree.of(Emulator.command).name]: providers.flatMap((provider) =>
          provider.emulator === undefined ? [] : [provider.name]
        )
      }
    })
    yield* Console.log(script.trimEnd())
  })

/** A usage error: one line naming the flag; under `--json` also the error as JSON. */
const usage = (problem: Argv.Problem, json: boolean) =>
  Console.error(`wa-admin: ${Json.oneLine(problem.message)}`).pipe(
    Effect.zipRight(
      json
        ? Console.error(Json.stringify({
          _tag: "UsageError",
          message: problem.message,
          command: problem.command,
          ...(problem.flag === undefined ? {} : { flag: problem.flag }),
          ...(problem.suggestions === undefined ? {} : { suggestions: problem.suggestions })
        }))
        : Effect.void
    ),
    Effect.as<number>(ExitCode.Usage)
  )

const levels: Readonly<Record<string, LogLevel.Literal>> = {
  all: "All",
  trace: "Trace",
  debug: "Debug",
  info: "Info",
  warning: "Warning",
  error: "Error",
  fatal: "Fatal",
  none: "None"
}

/** Parses the canonical command line with @effect/cli and runs the command it names. */
const execute = (scanned: Extract<Argv.Scan, { readonly _tag: "Run" }>, json: boolean) =>
  Descriptor.parse(command.descriptor, ["wa-admin", ...scanned.args], CliConfig.defaultConfig).pipe(
    Effect.matchEffect({
      // What the tree cannot check (a file that cannot be read …): @effect/cli's words, in one line.
      onFailure: (error) =>
        usage({ message: CommandTree.plainText(error.error), command: scanned.node.path.join(" ") }, json),
      onSuccess: (directive) => {
        // Only a value that reads as one of @effect/cli's own flags (`--emoji --wizard`) gets here.
        if (directive._tag !== "UserDefined") {
          return usage({
            message: `\`${Argv.commandLine(scanned.node)}\`: a value reads as a built-in flag (such as --wizard); ` +
              "give it after --flag= where the flag takes one value",
            command: scanned.node.path.join(" ")
          }, json)
        }
        const level = scanned.logLevel === undefined ? undefined : levels[scanned.logLevel]
        const ran = command.transform(command.handler(directive.value), directive.value).pipe(
          Effect.provideService(CurrentCommand.CurrentCommand, scanned.node),
          // One state store per run, opened when a command first needs it.
          Effect.provide(State.layer),
          Effect.as<number>(ExitCode.Success)
        )
        return level === undefined ? ran : Logger.withMinimumLogLevel(ran, LogLevel.fromLiteral(level))
      }
    })
  )

/**
 * Runs the command line on `argv` (as `process.argv`: runtime and script first) and answers
 * the exit code. Never fails: failures are reported on stderr, and so are Effect logs. A
 * leading `--` (what `pnpm wa-admin -- …` hands on) is ignored.
 *
 * @since 0.1.0
 * @category running
 */
export const run = (
  argv: ReadonlyArray<string>
): Effect.Effect<number, never, Providers.Registry | CliApp.CliApp.Environment> =>
  Effect.suspend(() => {
    const args = argv.slice(2)
    const root = CommandTree.of(command)
    const scanned = Argv.scan(root, args)
    const json = Argv.wantsJson(args)
    switch (scanned._tag) {
      case "Help":
        return Effect.as(help(root, scanned.node), ExitCode.Success)
      case "Version":
        return Effect.as(Console.log(version), ExitCode.Success)
      case "Completions":
        return Effect.as(completions(root, scanned.shell), ExitCode.Success)
      case "Usage":
        return usage(scanned.problem, json)
      case "Run":
        return execute(scanned, json)
    }
  }).pipe(
    Effect.catchAll((error) =>
      Effect.succeed<number>(
        error instanceof Reported
          ? error.exitCode
          : ValidationError.isValidationError(error)
          ? ExitCode.Usage
          : ExitCode.Unexpected
      )
    ),
    Effect.catchAllCause((cause) =>
      Cause.isInterruptedOnly(cause)
        ? Effect.failCause(cause)
        : Console.error(`wa-admin: unexpected failure (please report it):\n${Cause.pretty(cause)}`).pipe(
          Effect.as<number>(ExitCode.Unexpected)
        )
    ),
    // Scoped to this run: a host program calling `run` keeps its own loggers afterwards.
    Effect.locallyWith(FiberRef.currentLoggers, (loggers) =>
      HashSet.add(HashSet.remove(loggers, Logger.defaultLogger), InternalLogger.logger))
  )

/**
 * {@link run}, setting the process exit code.
 *
 * @since 0.1.0
 * @category running
 */
export const main = (
  argv: ReadonlyArray<string>
): Effect.Effect<void, never, Providers.Registry | CliApp.CliApp.Environment> =>
  Effect.flatMap(run(argv), (exitCode) =>
    Effect.sync(() => {
      process.exitCode = exitCode
    }))

/**
 * How the process ends, given the signal that stopped it (if one did): with the exit code
 * `main` set; 130 when interrupted by SIGINT (Ctrl+C), 143 by SIGTERM; 1 on a failure that
 * escaped `run`.
 *
 * @since 0.1.0
 * @category running
 */
export const teardownOn = (signal: () => "SIGINT" | "SIGTERM" | undefined): Teardown => (exit, onExit) =>
  onExit(
    Exit.isSuccess(exit)
      ? ExitCode.Success
      : Cause.isInterruptedOnly(exit.cause)
      ? signal() === "SIGTERM" ? ExitCode.Terminated : ExitCode.Interrupted
      : ExitCode.Unexpected
  )

/**
 * {@link teardownOn} an interruption by Ctrl+C: 130.
 *
 * @since 0.1.0
 * @category running
 */
export const teardown: Teardown = teardownOn(() => undefined)
