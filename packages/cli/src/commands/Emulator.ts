/**
 * `wa-admin emulator <provider> [--port N]` — runs a provider's emulator on loopback until
 * interrupted, and prints the environment that points `wa-admin` (and the provider's
 * `layerConfig`) at it.
 *
 * @since 0.1.0
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { Effect, Option, Schema, Stream } from "effect"
import { UsageError } from "../CliError.js"
import * as GlobalOptions from "../GlobalOptions.js"
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
 * `wa-admin emulator …`
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make(
  "emulator",
  {
    json: GlobalOptions.json,
    provider: Args.text({ name: "provider" }).pipe(Args.withDescription("The provider whose emulator to run.")),
    port: Options.integer("port").pipe(
      Options.withDescription("The port to listen on (default 0: any free port)."),
      Options.withDefault(0)
    ),
    host: Options.text("host").pipe(
      Options.withDescription("The address to listen on (default 127.0.0.1)."),
      Options.withDefault("127.0.0.1")
    )
  },
  (config) =>
    Session.runLocal(
      { json: config.json, provider: Option.none() },
      Effect.gen(function* () {
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
          Effect.gen(function* () {
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
).pipe(
  Command.withDescription(
    "Run a provider's emulator (written from the provider's documents) on loopback until interrupted; " +
      "prints its URL and the environment variables that point wa-admin at it."
  )
)
