/**
 * What the example tests share: an HTTP client, the lines a program printed, a journal's entries.
 */
import type { HttpClient } from "@effect/platform"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Console, Effect } from "effect"
import { readFileSync } from "node:fs"

/** Runs an example the way its script does (with an HTTP client), keeping what it printed with `Console.log`. */
export const run = <A, E, R>(
  effect: Effect.Effect<A, E, R>
): Effect.Effect<{ readonly value: A; readonly output: ReadonlyArray<string> }, E, Exclude<R, HttpClient.HttpClient>> =>
  Effect.gen(function*() {
    const printed: Array<string> = []
    const console = yield* Console.consoleWith(Effect.succeed)
    const recording: Console.Console = {
      ...console,
      log: (...args) =>
        Effect.sync(() => {
          printed.push(...args.map(String).join(" ").split("\n"))
        })
    }
    const value = yield* effect.pipe(Effect.withConsole(recording), Effect.provide(NodeHttpClient.layerUndici))
    return { value, output: printed }
  })

/** How many times each value occurs. */
export const tally = (values: ReadonlyArray<string>): ReadonlyMap<string, number> => {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return counts
}

/** A migration journal file's entries, as `<key> <phase>` lines, sorted. */
export const journalEntries = (path: string): ReadonlyArray<string> =>
  readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { readonly key: string; readonly phase: string })
    .map((entry) => `${entry.key} ${entry.phase}`)
    .sort()
