import { Console, Effect } from "effect"
import { Reported } from "../CliError.js"
import { ExitCode } from "../ExitCode.js"

/** The record without its `undefined` entries (flags that were not given). */
export const compact = (record: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))

/** What a command group does when called without one of its commands: a usage error naming them. */
export const groupHandler = (group: string, commands: ReadonlyArray<string>) => (): Effect.Effect<void, Reported> =>
  Console.error(
    `wa-admin: ${group} needs a command: ${commands.join(", ")} (see \`wa-admin ${group} --help\`)`
  ).pipe(Effect.zipRight(Effect.fail(new Reported({ exitCode: ExitCode.Usage }))))
