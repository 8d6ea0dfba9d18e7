// The flags the command line itself answers, whatever the command: help, version, completion
// scripts and log level. Shared by the argument check, the help and the completion scripts.
import type { Flag } from "./commandTree.js"

/** The levels `--log-level` takes, as Effect names them (lower case). */
export const logLevels = ["all", "trace", "debug", "info", "warning", "error", "fatal", "none"] as const

/** The shells `--completions` writes a script for. */
export const shells = ["bash", "zsh", "fish"] as const

/** One of {@link shells}. */
export type Shell = (typeof shells)[number]

const flag = (fields: Pick<Flag, "name" | "description"> & Partial<Flag>): Flag => ({
  aliases: [],
  type: "boolean",
  takesValue: false,
  placeholder: "",
  choices: [],
  required: false,
  repeated: false,
  defaultValue: undefined,
  ...fields
})

/** `--log-level LEVEL`, accepted before or after the command. */
export const logLevel: Flag = flag({
  name: "--log-level",
  type: "choice",
  takesValue: true,
  placeholder: "LEVEL",
  choices: logLevels,
  description: "Write logs at LEVEL and above to stderr. debug shows every HTTP exchange, secrets redacted."
})

/** `--completions SHELL`, before any command. */
export const completions: Flag = flag({
  name: "--completions",
  type: "choice",
  takesValue: true,
  placeholder: "SHELL",
  choices: shells,
  description: "Print a completion script for bash, zsh or fish. Load it with `source <(wa-admin --completions " +
    "bash)` (zsh alike; fish: `wa-admin --completions fish | source`)."
})

/** `--version`. */
export const version: Flag = flag({ name: "--version", description: "Print the version." })

/** `--help`, `-h`. */
export const help: Flag = flag({
  name: "--help",
  aliases: ["-h"],
  description: "Show help; after a command, that command's flags."
})

/** The built-in flags every command takes (`--completions` only before a command). */
export const everywhere: ReadonlyArray<Flag> = [logLevel, help]

/** The built-in flags of the top level. */
export const topLevel: ReadonlyArray<Flag> = [logLevel, completions, version, help]
