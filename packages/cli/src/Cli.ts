/**
 * The `wa-admin` command tree and how it runs: parse, run the command against the chosen
 * provider, report failures, answer the exit code.
 *
 * The providers come from the `Providers.Registry` in context, so a test can run many commands
 * in one process against one shared provider (`Providers.layerOf([...])`).
 *
 * @since 0.1.0
 */
import type * as CliApp from "@effect/cli/CliApp"
import * as CliConfig from "@effect/cli/CliConfig"
import * as Command from "@effect/cli/Command"
import * as Span from "@effect/cli/HelpDoc/Span"
import * as ValidationError from "@effect/cli/ValidationError"
import type { Teardown } from "@effect/platform/Runtime"
import { Cause, Console, Effect, Exit, FiberRef, HashSet, Logger, Schema } from "effect"
import { createRequire } from "node:module"
import { Reported } from "./CliError.js"
import * as Analytics from "./commands/Analytics.js"
import * as Capabilities from "./commands/Capabilities.js"
import * as Catalogs from "./commands/Catalogs.js"
import * as Demo from "./commands/Demo.js"
import * as Emulator from "./commands/Emulator.js"
import * as Encryption from "./commands/Encryption.js"
import * as Flows from "./commands/Flows.js"
import * as Media from "./commands/Media.js"
import * as Migrate from "./commands/Migrate.js"
import * as Numbers from "./commands/Numbers.js"
import * as Profile from "./commands/Profile.js"
import * as Stickers from "./commands/Stickers.js"
import * as Templates from "./commands/Templates.js"
import * as Waba from "./commands/Waba.js"
import { ExitCode } from "./ExitCode.js"
import * as ExitCodes from "./ExitCode.js"
import * as GlobalOptions from "./GlobalOptions.js"
import * as InternalLogger from "./internal/logger.js"
import type * as Providers from "./Providers.js"

/**
 * The package version, as `wa-admin --version` prints it.
 *
 * @since 0.1.0
 * @category constants
 */
export const version: string = Schema.decodeUnknownSync(Schema.Struct({ version: Schema.String }))(
  // By the package's own name, so that it resolves from the sources, tsc's output and the bundle alike.
  createRequire(import.meta.url)("@wa-admin/cli/package.json")
).version

const commands = ["numbers", "profile", "media", "templates", "migrate", "capabilities", "emulator", "demo",
  "stickers", "flows", "analytics", "catalogs", "products", "encryption", "waba"]

/**
 * The root command with every command group.
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("wa-admin", GlobalOptions.options, () =>
  Console.error(`wa-admin: missing command: ${commands.join(", ")} (see \`wa-admin --help\`)`).pipe(
    Effect.zipRight(Effect.fail(new Reported({ exitCode: ExitCode.Usage })))
  )).pipe(
    Command.withDescription(
      "Administer WhatsApp Business numbers across providers through one typed port: numbers, business " +
        "profiles, media and templates. Global options (--provider, --json) go before or after the command. " +
        "Every command also takes --help (-h); --version prints the version; --log-level LEVEL shows the " +
        "adapters' logs on stderr; --completions bash|fish|zsh prints a shell completion script."
    ),
    Command.withSubcommands([
      Numbers.command,
      Profile.command,
      Media.command,
      Templates.command,
      Migrate.command,
      Capabilities.command,
      Emulator.command,
      Demo.command,
      Stickers.command,
      Flows.command,
      Analytics.command,
      Catalogs.command,
      Catalogs.products,
      Encryption.command,
      Waba.command
    ]),
    Command.provideSync(GlobalOptions.Root, (config): GlobalOptions.Globals => ({
      provider: config.provider,
      json: config.json
    }))
  )

const cli = Command.run(command, {
  name: "wa-admin",
  version,
  summary: Span.text("one typed way to administer WhatsApp Business numbers across providers"),
  footer: ExitCodes.helpDoc
})

/**
 * Runs the command line on `argv` (as `process.argv`: runtime and script first) and answers
 * the exit code. Never fails: failures are reported on stderr, and so are Effect logs.
 *
 * @since 0.1.0
 * @category running
 */
export const run = (
  argv: ReadonlyArray<string>
): Effect.Effect<number, never, Providers.Registry | CliApp.CliApp.Environment> =>
  cli(argv.length <= 2 ? [...argv, "--help"] : argv).pipe(
    Effect.as<number>(ExitCode.Success),
    Effect.catchAll((error) =>
      Effect.succeed(
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
    Effect.provide(CliConfig.layer({ showBuiltIns: false })),
    // Scoped to this run: a host program calling `run` keeps its own loggers afterwards.
    Effect.locallyWith(FiberRef.currentLoggers, (loggers) =>
      HashSet.add(HashSet.remove(loggers, Logger.defaultLogger), InternalLogger.logger)
    )
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
 * How the process ends: with the exit code `main` set, 130 when interrupted (Ctrl+C), 1 on a
 * failure that escaped `run`.
 *
 * @since 0.1.0
 * @category running
 */
export const teardown: Teardown = (exit, onExit) =>
  onExit(
    Exit.isSuccess(exit)
      ? ExitCode.Success
      : Cause.isInterruptedOnly(exit.cause)
      ? ExitCode.Interrupted
      : ExitCode.Unexpected
  )
