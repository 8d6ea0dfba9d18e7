import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import { FileSystem } from "@effect/platform"
import type { PlatformError } from "@effect/platform/Error"
import { Console, Effect } from "effect"
import { Reported } from "../CliError.js"
import { ExitCode } from "../ExitCode.js"

// The command modules hold only the command tree (flags, descriptions): `wa-admin` loads them
// all to parse a command line or print help. What a command does lives in `../programs/`,
// imported when the command runs, so starting the program never loads the port, the adapters
// or the Schema work of the commands it does not run.

/**
 * The handlers of a group of commands whose programs live in `load`'s module, imported when one
 * of them runs: `Command.make("status", flags, programs((module) => module.status))`.
 */
export const lazy = <Module>(load: () => Promise<Module>) =>
<Flags, E, R>(handler: (module: Module) => (flags: Flags) => Effect.Effect<void, E, R>) =>
(flags: Flags): Effect.Effect<void, E, R> => Effect.flatMap(Effect.promise(load), (module) => handler(module)(flags))

/**
 * Every value of the string union `A`, spelled out for a `--help` text without loading the port
 * at start-up: the compiler rejects a list that misses one or names another.
 */
export const allOf = <A extends string>() =>
<const List extends ReadonlyArray<A>>(
  list: List & ([Exclude<A, List[number]>] extends [never] ? unknown : { readonly missing: Exclude<A, List[number]> })
): List => list

/** What a command group does when called without one of its commands: a usage error naming them. */
export const groupHandler = (group: string, commands: ReadonlyArray<string>) => (): Effect.Effect<void, Reported> =>
  Console.error(
    `wa-admin: ${group} needs a command: ${commands.join(", ")} (see \`wa-admin ${group} --help\`)`
  ).pipe(Effect.zipRight(Effect.fail(new Reported({ exitCode: ExitCode.Usage }))))

// `Options.fileText` / `Options.fileContent` as @effect/cli writes them, without the module that
// also parses YAML, TOML and INI files (which the command line never does) and so loads their
// parsers at every start.
const readFile = <A>(read: (fs: FileSystem.FileSystem, path: string) => Effect.Effect<A, PlatformError>) =>
(name: string): Options.Options<readonly [path: string, content: A]> =>
  Options.file(name, { exists: "yes" }).pipe(
    Options.mapEffect((path) =>
      Effect.flatMap(FileSystem.FileSystem, (fs) =>
        Effect.matchEffect(read(fs, path), {
          onFailure: (error) =>
            Effect.fail(ValidationError.invalidValue(HelpDoc.p(`Could not read file (${path}): ${error}`))),
          onSuccess: (content) => Effect.succeed([path, content] as const)
        }))
    )
  )

/** A flag naming an existing file: answers its path and its text (UTF-8). */
export const fileText: (name: string) => Options.Options<readonly [path: string, content: string]> = readFile((fs, path) =>
  fs.readFileString(path)
)

/** A flag naming an existing file: answers its path and its bytes. */
export const fileContent: (name: string) => Options.Options<readonly [path: string, content: Uint8Array]> = readFile((
  fs,
  path
) => fs.readFile(path))
