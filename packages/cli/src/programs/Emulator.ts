/**
 * What `wa-admin emulator <provider>` does (loaded when it runs).
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema, Stream } from "effect"
import { UsageError } from "../CliError.js"
import type * as EmulatorCommand from "../commands/Emulator.js"
import * as Output from "../Output.js"
import * as Providers from "../Providers.js"
import * as Session from "../Session.js"

/**
 * The JSON form of a running emulator.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RunningEmulatorJson = Schema.Struct({
  provider: Schema.String,
  url: Schema.String,
  environment: Schema.Record({ key: Schema.String, value: Schema.String })
})

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`

const human = (running: typeof RunningEmulatorJson.Type): string =>
  [
    `${running.provider} emulator listening on ${running.url}`,
    "",
    "Point wa-admin at it with:",
    `  export WA_ADMIN_PROVIDER=${running.provider}`,
    ...Object.entries(running.environment).map(([name, value]) => `  export ${name}=${shellQuote(value)}`),
    "",
    "Press Ctrl+C to stop."
  ].join("\n")

/**
 * `wa-admin emulator <provider>`: runs until interrupted. An emulator that cannot start fails
 * with its `StartError`, reported in one line (see `Output.describe`): a bad `--port` or `--host`
 * is a usage error, a port in use or not permitted exits 15.
 *
 * @since 0.1.0
 * @category programs
 */
export const serve = (config: EmulatorCommand.Flags) =>
  Session.runLocal(
    { json: config.json, provider: Option.none() },
    Effect.gen(function*() {
      const providers = yield* Providers.Registry
      const available = providers.filter((provider) => provider.emulator !== undefined)
      const provider = available.find((candidate) => candidate.name === config.provider)
      if (provider?.emulator === undefined) {
        return yield* Effect.fail(
          new UsageError({
            reason: `no emulator for "${config.provider}"; emulators: ${
              available.length === 0 ? "none installed" : available.map((candidate) => candidate.name).join(", ")
            }`
          })
        )
      }
      const start = provider.emulator
      yield* Effect.scoped(
        Effect.gen(function*() {
          const { activity, environment, url } = yield* start({ host: config.host, port: config.port })
          yield* Output.value(RunningEmulatorJson, { provider: provider.name, url, environment }, human)
          if (activity !== undefined) {
            yield* Output.text("\nWhat the emulator sends (verification codes …) appears below.")
            yield* Stream.runForEach(activity, (line) => Output.text(line))
          }
          return yield* Effect.never
        })
      )
    })
  )
