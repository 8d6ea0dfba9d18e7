/**
 * Running a provider extension's command (Vonage stickers, WOZTELL flows …): the extension's
 * services are built from the provider's configuration (its `…Admin.layerConfig`, which provides
 * every extension it has) only when the chosen provider is the one that offers them; any other
 * provider answers `Unsupported` before anything is configured or sent. Each program imports
 * its adapter, so the adapter is loaded with the program, when its command runs.
 */
import type { HttpClient } from "@effect/platform"
import { AdminError, Validation } from "@wa-admin/core"
import type { Provider } from "@wa-admin/core/adapter"
import type { ConfigError, Context } from "effect"
import { Effect, Layer, Option, Predicate, Schema, Stream } from "effect"
import { Reported } from "../CliError.js"
import * as GlobalOptions from "../GlobalOptions.js"
import * as Output from "../Output.js"
import * as Providers from "../Providers.js"
import type * as Render from "../Render.js"
import type { State } from "../State.js"

/** The services of one provider extension, and how to build them from configuration. */
export interface Extension<Module, Services> {
  /** The registry name of the provider that offers the extension. */
  readonly provider: string
  /** The extension's modules, as the program uses them. */
  readonly module: Module
  /**
   * The extension's services from the provider's environment, over Node's HTTP client (its
   * client-side quotas, if any, in the run's state store).
   */
  readonly layer: Layer.Layer<Services, ConfigError.ConfigError, State>
}

/**
 * An extension of `provider`: `layer` (the adapter's `layerConfig`, which provides every
 * extension it has) needs only an `HttpClient` (and the run's `State` when it keeps quotas
 * there). The program imports the adapter itself: it is loaded with the program, when the
 * command runs.
 */
export const make = <Module, Services>(options: {
  readonly provider: Provider.Descriptor
  readonly module: Module
  readonly layer: Layer.Layer<Services, ConfigError.ConfigError, HttpClient.HttpClient | State>
}): Extension<Module, Services> => ({
  provider: options.provider.name,
  module: options.module,
  layer: Layer.provide(options.layer, Providers.httpClient)
})

/** One provider's program for an extension command, with that provider's services provided. */
export interface Variant<E, R> {
  readonly provider: string
  readonly program: Effect.Effect<void, E | ConfigError.ConfigError, R | State>
}

/** `program` run with `extension`'s services: what the command does when `extension`'s provider is chosen. */
export const variant = <Module, Services, E, R>(
  extension: Extension<Module, Services>,
  program: (module: Module) => Effect.Effect<void, E, R>
): Variant<E, Exclude<R, Services>> => ({
  provider: extension.provider,
  program: Effect.provide(program(extension.module), extension.layer)
})

/**
 * Runs an extension command that several providers offer, each its own way (`flows list` on
 * WOZTELL or Meta): the variant of the provider chosen by `--provider` (or `WA_ADMIN_PROVIDER`).
 * Any other provider answers `Unsupported` — naming the providers that offer it — before
 * anything is configured or sent. Failures are reported and become `Reported`.
 */
export const runAmong = <E extends Output.Failure, R>(
  variants: ReadonlyArray<Variant<E, R>>,
  globals: GlobalOptions.Globals,
  operation: string
): Effect.Effect<void, Reported, Providers.Registry | State | Exclude<R, Output.Output>> =>
  Effect.gen(function*() {
    const resolved = yield* GlobalOptions.resolve(globals)
    const output = yield* Output.forCommand({ json: resolved.json })
    const offeredBy = variants.map((variant) => variant.provider)
    const selected = Effect.flatMap(Providers.select(resolved.provider), (provider) => {
      const chosen = variants.find((variant) => variant.provider === provider.name)
      return chosen === undefined
        ? Effect.fail<E | Output.Failure>(
          new AdminError.Unsupported({
            provider: provider.name,
            operation,
            reason: `offered by ${offeredBy.join(" and ")}; choose ${
              offeredBy.length === 1 ? "it" : "one"
            } with --provider`
          })
        )
        : chosen.program
    })
    const failed = (failure: E | Output.Failure) =>
      Effect.flatMap(output.failure(failure), (exitCode) => Effect.fail(new Reported({ exitCode })))
    return yield* selected.pipe(Effect.provideService(Output.Output, output), Effect.catchAll(failed))
  })

/**
 * Runs an extension command that one provider offers (see {@link runAmong}). `operation` names
 * the command (`stickers.packs.list`) in the `Unsupported` failure of any other provider.
 */
export const run = <Module, Services, E extends Output.Failure, R>(
  extension: Extension<Module, Services>,
  globals: GlobalOptions.Globals,
  operation: string,
  program: (module: Module) => Effect.Effect<void, E, R>
): Effect.Effect<void, Reported, Providers.Registry | State | Exclude<Exclude<R, Services>, Output.Output>> =>
  runAmong([variant(extension, program)], globals, operation)

/**
 * Checks flag values against an extension request's schema, answering its encoded form (what
 * the service takes); every broken rule is an issue of one `InvalidInput`, and nothing is sent.
 */
export const input = <A, I>(schema: Schema.Schema<A, I>, origin: Validation.Origin) => {
  const validate = Validation.validate(schema, origin)
  const encode = Schema.encode(schema)
  return (raw: unknown): Effect.Effect<I, AdminError.InvalidInput> =>
    Effect.flatMap(validate(raw), (value) => Effect.orDie(encode(value)))
}

/**
 * Checks `raw` against `schema` (see {@link input}) and then does `use` with the request (its
 * encoded form); nothing is done when a rule is broken.
 */
export const requested = <A, I, B, E, R>(
  schema: Schema.Schema<A, I>,
  origin: Validation.Origin,
  raw: unknown,
  use: (request: I) => Effect.Effect<B, E, R>
): Effect.Effect<B, E | AdminError.InvalidInput, R> => Effect.flatMap(input(schema, origin)(raw), use)

/**
 * The commands of `extension` that each check their flags against one request schema and then do
 * one thing with the request and what `subject` answers from the module: `command(name,
 * operation, schema, fields, use)` runs as `name` (`stickers.packs.get`); a broken rule is an
 * `InvalidInput` of `provider`'s `prefix.operation` and nothing is sent. `fields` picks the
 * request's fields from the flags: an `Option` flag is its value, or left out when not given, like
 * a field whose value is `undefined`.
 */
const commandsOn = <Module, Services, Subject, SubjectR>(
  extension: Extension<Module, Services>,
  prefix: string,
  subject: (module: Module) => Effect.Effect<Subject, never, SubjectR>
) =>
<Config extends GlobalOptions.Globals, A, I, E extends Output.Failure, R>(
  name: string,
  operation: string,
  schema: (module: Module) => Schema.Schema<A, I>,
  fields: (config: Config) => Readonly<Record<string, unknown>>,
  use: (subject: Subject, request: I) => Effect.Effect<void, E, R>
) =>
(config: Config) =>
  run(extension, config, name, (module) =>
    requested(
      schema(module),
      { provider: extension.provider, operation: `${prefix}.${operation}` },
      Object.fromEntries(
        Object.entries(fields(config)).flatMap(([key, value]) => {
          const given: unknown = Option.isOption(value) ? Option.getOrUndefined(value) : value
          return given === undefined ? [] : [[key, given]]
        })
      ),
      (request) => Effect.flatMap(subject(module), (on) => use(on, request))
    ))

/**
 * The commands of `extension` (see `commandsOn`) whose `use(module, request)` does the one thing
 * with the extension's module.
 */
export const commands = <Module, Services>(extension: Extension<Module, Services>, prefix: string) =>
  commandsOn(extension, prefix, (module: Module) => Effect.succeed(module))

/**
 * The commands of `extension` (see `commandsOn`) whose `use(service, request)` does the one thing
 * with the service of `tag`: `(qr, request) => qr.get(request)`.
 */
export const serviceCommands = <Module, Services, Id, Service>(
  extension: Extension<Module, Services>,
  prefix: string,
  tag: Context.Tag<Id, Service>
) => commandsOn(extension, prefix, () => tag)

/**
 * Writes the items of a stream as they arrive: a table (header first, `empty` when there are
 * none) for people, one JSON object per line under `--json`.
 */
export const table = <A, I, E, R>(
  items: Stream.Stream<A, E, R>,
  schema: Schema.Schema<A, I>,
  columns: Render.Columns<A>,
  empty: string
): Effect.Effect<void, E, R | Output.Output> =>
  Effect.gen(function*() {
    const output = yield* Output.Output
    const count = yield* items.pipe(
      Stream.zipWithIndex,
      Stream.runFoldEffect(0, (count, [item, index]) =>
        (index === 0 ? output.text(columns.header) : Effect.void).pipe(
          Effect.zipRight(output.value(schema, item, columns.row)),
          Effect.as(count + 1)
        ))
    )
    if (count === 0) yield* output.text(empty)
  })

/** Runs `effect` and then says `message` (what was done). */
export const done = <A, E, R>(effect: Effect.Effect<A, E, R>, message: string) =>
  Effect.zipRight(effect, Output.text(message))

/** Runs `effect` and shows its answer: `render` for people, `schema`'s JSON under `--json`. */
export const shown = <A, I, E, R>(
  effect: Effect.Effect<A, E, R>,
  schema: Schema.Schema<A, I>,
  render: (value: A) => string
) => Effect.flatMap(effect, (value) => Output.value(schema, value, render))

/** Runs `effect` and writes the items it answers as a {@link table}. */
export const listed = <A, I, E, R>(
  effect: Effect.Effect<ReadonlyArray<A>, E, R>,
  schema: Schema.Schema<A, I>,
  columns: Render.Columns<A>,
  empty: string
) => Effect.flatMap(effect, (items) => table(Stream.fromIterable(items), schema, columns, empty))

/** The flag's values, or `undefined` when it was not given (for optional list fields). */
export const nonEmpty = <A>(values: ReadonlyArray<A>): ReadonlyArray<A> | undefined =>
  values.length === 0 ? undefined : values

/** An optional flag's value, or `undefined`. */
export const optional = <A>(value: Option.Option<A>): A | undefined => Option.getOrUndefined(value)

/**
 * The JSON object a file holds; otherwise an `InvalidInput` on `field` naming the file (and
 * `expected`, what the object should be, when given).
 */
export const jsonObject = (
  [path, content]: readonly [path: string, content: string],
  field: string,
  origin: Validation.Origin,
  expected?: string
): Effect.Effect<Readonly<Record<string, unknown>>, AdminError.InvalidInput> =>
  Effect.try({
    try: (): unknown => JSON.parse(content),
    catch: (error) =>
      Validation.invalidInput(origin, [
        { field, rule: `${path} must hold JSON (${error instanceof Error ? error.message : String(error)})` }
      ])
  }).pipe(
    Effect.flatMap((parsed) =>
      Predicate.isRecord(parsed)
        ? Effect.succeed(parsed)
        : Effect.fail(
          Validation.invalidInput(origin, [
            { field, rule: `${path} must hold a JSON object${expected === undefined ? "" : ` (${expected})`}` }
          ])
        )
    )
  )
