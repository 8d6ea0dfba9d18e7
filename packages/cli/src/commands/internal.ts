import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import { FileSystem } from "@effect/platform"
import type { PlatformError } from "@effect/platform/Error"
import { Chunk, Effect, Stream } from "effect"
import type * as Types from "effect/Types"
import { ExitCode } from "../ExitCode.js"
import * as GlobalOptions from "../GlobalOptions.js"

// The command modules hold only the command tree (flags, descriptions): `wa-admin` loads them
// all to parse a command line or print help. What a command does lives in `../programs/`,
// imported when the command runs, so starting the program never loads the port, the adapters
// or the Schema work of the commands it does not run.

/**
 * The handlers of a group of commands whose programs live in `load`'s module, imported when one
 * of them runs: `Command.make("status", flags, programs((module) => module.status))`.
 */
export const lazy =
  <Module>(load: () => Promise<Module>) =>
  <Flags, E, R>(handler: (module: Module) => (flags: Flags) => Effect.Effect<void, E, R>) =>
  (flags: Flags): Effect.Effect<void, E, R> => Effect.flatMap(Effect.promise(load), (module) => handler(module)(flags))

/**
 * The parsed flags of a command taking `Config` after the options `Leading` (by default the
 * global options).
 *
 * @since 0.1.0
 * @category models
 */
export type Flags<
  Config extends Command.Command.Config,
  Leading extends Command.Command.Config = typeof GlobalOptions.options
> = Types.Simplify<Command.Command.ParseConfig<Leading & Config>>

/**
 * The parsed flags of each command of a table (`Qr.Flags["get"]`: those of `qr get`), after the
 * options `Leading` (by default the global options).
 *
 * @since 0.1.0
 * @category models
 */
export type FlagsOf<
  Table extends Readonly<Record<string, Command.Command.Config>>,
  Leading extends Command.Command.Config = typeof GlobalOptions.options
> = {
  readonly [Name in keyof Table]: Flags<Table[Name], Leading>
}

/** A command's program: what runs with its parsed flags. */
type Program<Config> = (flags: Config) => Effect.Effect<void, unknown, unknown>

/**
 * `Name` when the module's export of that name is a program written for exactly this command's flags:
 * one written for fewer flags (another command's, say) would also accept them, and silently ignore
 * the rest.
 */
type ByName<Module, Name, Config> = Name extends keyof Module
  ? Module[Name] extends (flags: infer Accepted) => Effect.Effect<void, unknown, unknown>
    ? [Accepted] extends [Config] ? [Config] extends [Accepted] ? Name : never : never
  : never
  : never

/**
 * One row of a group's table of commands (see {@link commandGroup}): the command's name, then the
 * program that runs it when that is not the module's export of the same name, then its description
 * in the help. A group nested in the group (`profile photo`) stands in the table as itself.
 *
 * @since 0.1.0
 * @category models
 */
export type Subcommand<Module, Table, Leading extends Command.Command.Config> =
  | {
    readonly [Name in keyof Table & string]:
      | readonly [name: ByName<Module, Name, FlagsIn<Table, Name, Leading>>, description: string]
      | readonly [
        name: Name,
        program: (module: Module) => Program<FlagsIn<Table, Name, Leading>>,
        description: string
      ]
  }[keyof Table & string]
  | Nested

/** A group nested in a group: any command, as only its type id tells. */
type Nested = { readonly [Command.TypeId]: Command.TypeId }

type FlagsIn<Table, Name, Leading extends Command.Command.Config> = Table[Name & keyof Table] extends
  infer Config extends Command.Command.Config ? Flags<Config, Leading> : never

type CommandOf<Module, Table, Leading extends Command.Command.Config, Row> = Row extends
  readonly [infer Name extends string, ...infer Rest]
  ? (Rest extends readonly [infer Selected, string] ? Selected extends (module: Module) => infer P ? P : never
    : Module[Name & keyof Module]) extends (flags: never) => Effect.Effect<void, infer E, infer R>
    ? Command.Command<Name, R, E, FlagsIn<Table, Name, Leading>>
  : never
  : Row

/**
 * A group of commands whose programs live in `programs`' module, imported when one of them runs,
 * each command taking the options `leading` first (see {@link commandGroup}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const commandGroupLeading = <Leading extends Command.Command.Config>(leading: Leading) =>
<
  const Name extends string,
  Module,
  Table extends Readonly<Record<string, Command.Command.Config>>,
  const Rows extends readonly [Subcommand<Module, Table, Leading>, ...Array<Subcommand<Module, Table, Leading>>]
>(spec: {
  readonly name: Name
  readonly description: string
  /** A provider extension's group: the help adds that every other provider answers `Unsupported`. */
  readonly extension?: boolean
  readonly programs: () => Promise<Module>
  readonly flags: Table
  readonly commands: Rows
}) => {
  const programs = lazy(spec.programs)
  const command = (name: string, program: (module: Module) => Program<never>, description: string) =>
    Command.make(
      name,
      { ...leading, ...spec.flags[name] },
      programs(program as (module: Module) => Program<unknown>)
    ).pipe(Command.withDescription(description))
  const make = (row: Subcommand<Module, Table, Leading>) => {
    if (Command.TypeId in row) return row
    if (row.length === 2) {
      const [name, description] = row
      return command(name, (module) => module[name as keyof Module] as Program<never>, description)
    }
    const [name, program, description] = row
    return command(name, program, description)
  }
  // The rows' commands, each typed from its row: its name, what its program needs and how it fails.
  const commands = spec.commands.map(make) as unknown as Extract<
    { readonly [Index in keyof Rows]: CommandOf<Module, Table, Leading, Rows[Index]> },
    Parameters<typeof Command.withSubcommands>[1]
  >
  return spec.extension === true
    ? extensionGroup(spec.name, spec.description, commands)
    : group(spec.name, spec.description, commands)
}

/**
 * A group of commands, `wa-admin <name> …`, as data: its name and description, the module its
 * programs live in (imported when one of them runs), each command's flags by its name (after the
 * global options), and its commands in the order the help lists them. A command runs the module's
 * export of its name (`["status", "Show …"]` runs `status`), or the program the row picks
 * (`["delete", (numbers) => numbers.remove, "Delete …"]`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const commandGroup = commandGroupLeading(GlobalOptions.options)

/**
 * A group of commands, `wa-admin <name> …`: its description in the help, and its commands (or
 * groups) in the order the help lists them.
 */
export const group = <
  const Name extends string,
  const Subcommands extends Parameters<typeof Command.withSubcommands>[1]
>(name: Name, description: string, subcommands: Subcommands) =>
  Command.make(name).pipe(Command.withDescription(description), Command.withSubcommands(subcommands))

/**
 * A provider extension's group of commands (see {@link group}): `description` says which providers
 * offer it and what it does; the help adds, once for every extension, that any other provider
 * answers `Unsupported` and with which exit code.
 */
export const extensionGroup = <
  const Name extends string,
  const Subcommands extends Parameters<typeof Command.withSubcommands>[1]
>(name: Name, description: string, subcommands: Subcommands) =>
  group(name, `${description} Other providers answer Unsupported (exit ${ExitCode.Unsupported}).`, subcommands)

/** A text flag; `pseudoName` names its value in the help (`--from time`) when given. */
export const text = (name: string, description: string, pseudoName?: string): Options.Options<string> => {
  const flag = Options.text(name).pipe(Options.withDescription(description))
  return pseudoName === undefined ? flag : Options.withPseudoName(flag, pseudoName)
}

/** A text flag that may be left out (see {@link text}). */
export const optionalText = (name: string, description: string, pseudoName?: string) =>
  Options.optional(text(name, description, pseudoName))

/** A text flag that may be given any number of times (see {@link text}). */
export const repeatedText = (name: string, description: string, pseudoName?: string) =>
  Options.repeated(text(name, description, pseudoName))

/**
 * `--waba-id`, the WhatsApp Business Account a port command works on, defaulting to the provider's
 * environment (the port's `numbers` and `templates` commands).
 */
export const wabaId = optionalText(
  "waba-id",
  "The WhatsApp Business Account id (digits); default from the provider's environment, if any.",
  "id"
)

/**
 * `--page-size`, how many `items` a listing fetches per page (1 to 100); `note` adds to the range
 * what the help should say (`", default 25"`).
 */
export const pageSize = (items: string, note = "") =>
  Options.integer("page-size").pipe(
    Options.withDescription(`How many ${items} to fetch per page (1 to 100${note}).`),
    Options.optional
  )

/**
 * Every value of the string union `A`, spelled out for a `--help` text without loading the port
 * at start-up: the compiler rejects a list that misses one or names another.
 */
export const allOf = <A extends string>() =>
<const List extends ReadonlyArray<A>>(
  list: List & ([Exclude<A, List[number]>] extends [never] ? unknown : { readonly missing: Exclude<A, List[number]> })
): List => list

// `Options.fileText` / `Options.fileContent` as @effect/cli writes them, without the module that
// also parses YAML, TOML and INI files (which the command line never does) and so loads their
// parsers at every start — and bounded: a file is read only when it is a regular file no larger
// than the flag allows (a device such as /dev/zero, a FIFO or a 300 MiB "certificate" is refused
// before a byte is read), and never more than that many bytes even when it grows meanwhile.
const readBounded = (name: string, maxBytes: number): Options.Options<readonly [path: string, content: Uint8Array]> =>
  Options.file(name).pipe(
    Options.mapEffect((path) =>
      Effect.flatMap(FileSystem.FileSystem, (fs) => {
        const refuse = (why: string) =>
          Effect.fail(ValidationError.invalidValue(HelpDoc.p(`--${name} ${path}: ${why}`)))
        const tooLarge = `is larger than ${maxBytes.toLocaleString("en")} bytes, the most this flag takes`
        return Effect.matchEffect(fs.stat(path), {
          onFailure: (error: PlatformError) => refuse(`cannot be read (${error.message})`),
          onSuccess: (info) => {
            if (info.type !== "File") return refuse("is not a regular file")
            if (Number(info.size) > maxBytes) return refuse(tooLarge)
            return fs.stream(path, { bytesToRead: maxBytes + 1 }).pipe(
              Stream.runCollect,
              Effect.map((chunks) => {
                const bytes = new Uint8Array(Chunk.reduce(chunks, 0, (total, chunk) => total + chunk.length))
                let offset = 0
                for (const chunk of chunks) {
                  bytes.set(chunk, offset)
                  offset += chunk.length
                }
                return bytes
              }),
              Effect.matchEffect({
                onFailure: (error: PlatformError) => refuse(`cannot be read (${error.message})`),
                onSuccess: (
                  bytes
                ) => (bytes.length > maxBytes ? refuse(tooLarge) : Effect.succeed([path, bytes] as const))
              })
            )
          }
        })
      })
    )
  )

/**
 * The most each file flag reads. The adapters hold the same limits (a test checks they agree);
 * they are spelled out here so that parsing a command line never loads an adapter.
 */
export const fileLimits = {
  /** Kaleyra's business certificate (`KaleyraNumberLifecycle.maxCertificateBytes`, 20 MiB). */
  certificate: 20 * 1024 * 1024,
  /** A flow's JSON (`Flow.maxFlowJsonBytes`, WhatsApp's 10 MB). */
  flowJson: 10_000_000,
  /** A PEM public key: a 4096-bit key is under 1 KiB. */
  publicKey: 64 * 1024,
  /** One template draft as JSON. */
  templateDraft: 1024 * 1024
} as const

/** A flag naming an existing regular file of at most `maxBytes`: answers its path and its text (UTF-8). */
export const fileText = (name: string, maxBytes: number): Options.Options<readonly [path: string, content: string]> =>
  Options.map(readBounded(name, maxBytes), ([path, bytes]) => [path, new TextDecoder().decode(bytes)] as const)

/** A flag naming an existing regular file of at most `maxBytes`: answers its path and its bytes. */
export const fileContent: (
  name: string,
  maxBytes: number
) => Options.Options<readonly [path: string, content: Uint8Array]> = readBounded
