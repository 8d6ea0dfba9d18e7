/**
 * What one command runs with: the chosen provider's port services, the output mode, and
 * helpers that turn flags into port requests. `run` also reports every typed failure (one line
 * on stderr, JSON too under `--json`) and turns it into its exit code.
 *
 * @since 0.1.0
 */
import { Validation } from "@wa-admin/core"
import type { AdminError, Port } from "@wa-admin/core"
import type { Provider } from "@wa-admin/core/adapter"
import { Context, Effect, Layer, Option, Predicate, Schema } from "effect"
import type { ConfigError } from "effect"
import { Reported } from "./CliError.js"
import * as GlobalOptions from "./GlobalOptions.js"
import { Output } from "./Output.js"
import * as OutputModule from "./Output.js"
import * as Providers from "./Providers.js"
import type * as State from "./State.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The provider in use. */
  readonly provider: Provider.Descriptor
  /** Where a locally detected problem is reported from. */
  readonly origin: (operation: string) => Validation.Origin
  /**
   * Checks flag values against a port request's schema and answers them as its encoded form
   * (what the port takes); every broken rule is an issue of one `InvalidInput`, and nothing is
   * sent. (The port checks the same rules again: the flags are strings, the request is typed.)
   */
  readonly input: <A, I>(
    schema: Schema.Schema<A, I>,
    operation: string
  ) => (raw: unknown) => Effect.Effect<I, AdminError.InvalidInput>
  /**
   * {@link Service.input}, and when the port's rules fail, `rules` (the provider's own, such as
   * `BusinessProfile.validate`) are checked on the fields that passed: one `InvalidInput` names
   * every broken field, instead of the provider's only after the port's are fixed.
   */
  readonly inputAll: <A, I, R>(
    schema: Schema.Schema<A, I>,
    operation: string,
    rules: (passed: I) => Effect.Effect<unknown, AdminError.InvalidInput, R>
  ) => (raw: unknown) => Effect.Effect<I, AdminError.InvalidInput, R>
  /** `--waba-id`, else the provider's default; `InvalidInput` when neither is there. */
  readonly wabaId: (
    flag: Option.Option<string>,
    operation: string
  ) => Effect.Effect<string, AdminError.InvalidInput | ConfigError.ConfigError>
  /** `--number`, else the provider's default; `InvalidInput` when neither is there. */
  readonly number: (
    flag: Option.Option<string>,
    operation: string
  ) => Effect.Effect<string, AdminError.InvalidInput | ConfigError.ConfigError>
  /** `--waba-id`, else the provider's default, else nothing (for requests where it is optional). */
  readonly optionalWabaId: (
    flag: Option.Option<string>
  ) => Effect.Effect<Option.Option<string>, ConfigError.ConfigError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Session extends Context.Tag("@wa-admin/cli/Session")<Session, Service>() {}

/** The field a path names, up to its first list index (`profile.websites.0` → `profile.websites`). */
const fieldOf = (path: string): ReadonlyArray<string> => {
  const segments = path.split(".")
  const index = segments.findIndex((segment) => /^\d+$/.test(segment))
  return index === -1 ? segments : segments.slice(0, index)
}

/** `raw` without the fields at `paths` (the ones that broke a rule). */
const without = (raw: unknown, paths: ReadonlyArray<ReadonlyArray<string>>): unknown => {
  if (!Predicate.isRecord(raw)) return raw
  const here = new Set(paths.filter((path) => path.length === 1).map((path) => path[0]))
  return Object.fromEntries(
    Object.entries(raw)
      .filter(([key]) => !here.has(key))
      .map(([key, value]) => {
        const below = paths.filter((path) => path.length > 1 && path[0] === key).map((path) => path.slice(1))
        return [key, below.length === 0 ? value : without(value, below)]
      })
  )
}

const covers = (paths: ReadonlyArray<ReadonlyArray<string>>, field: string) => {
  const path = field.split(".")
  return paths.some((broken) => broken.every((segment, index) => path[index] === segment))
}

const make = (provider: Provider.Descriptor): Service => {
  const origin = (operation: string): Validation.Origin => ({ provider: provider.name, operation })
  const withDefault = (key: keyof Provider.Defaults) => (flag: Option.Option<string>) =>
    Option.isSome(flag) ? Effect.succeed(flag) : Providers.defaultOf(provider, key)
  const required = (key: keyof Provider.Defaults, flag: string) => (value: Option.Option<string>, operation: string) =>
    Effect.flatMap(withDefault(key)(value), (found) =>
      Option.match(found, {
        onSome: Effect.succeed,
        onNone: () =>
          Effect.fail(Validation.invalidInput(origin(operation), [{ field: key, rule: `is required: pass ${flag}` }]))
      }))
  const input = <A, I>(schema: Schema.Schema<A, I>, operation: string) => {
    const validate = Validation.validate(schema, origin(operation))
    const encode = Schema.encode(schema)
    return (raw: unknown): Effect.Effect<I, AdminError.InvalidInput> =>
      Effect.flatMap(validate(raw), (value) => Effect.orDie(encode(value)))
  }
  return {
    provider,
    origin,
    input,
    inputAll: (schema, operation, rules) => {
      const check = input(schema, operation)
      return (raw) =>
        Effect.catchTag(check(raw), "InvalidInput", (error) => {
          const broken = error.issues.map((issue) => fieldOf(issue.field))
          return Effect.flatMap(Effect.option(check(without(raw, broken))), (passed) =>
            Option.match(passed, {
              onNone: () => Effect.fail(error),
              onSome: (partial) =>
                Effect.matchEffect(rules(partial), {
                  onSuccess: () => Effect.fail(error),
                  onFailure: (more) => {
                    const added = more.issues.filter((issue) => !covers(broken, issue.field))
                    return Effect.fail(
                      added.length === 0
                        ? error
                        : Validation.invalidInput(origin(operation), [...error.issues, ...added])
                    )
                  }
                })
            }))
        })
    },
    wabaId: required("wabaId", "--waba-id"),
    number: required("number", "--number"),
    optionalWabaId: withDefault("wabaId")
  }
}

/** Runs a program with the output mode of `globals`; a failure is reported and becomes `Reported`. */
const reporting = <E extends OutputModule.Failure, R>(
  globals: GlobalOptions.Globals,
  program: (resolved: GlobalOptions.Globals) => Effect.Effect<void, E, R>
): Effect.Effect<void, Reported, Exclude<R, Output>> =>
  Effect.gen(function*() {
    const resolved = yield* GlobalOptions.resolve(globals)
    const output = yield* OutputModule.forCommand({ json: resolved.json })
    return yield* program(resolved).pipe(
      Effect.provideService(Output, output),
      Effect.catchAll((failure: OutputModule.Failure) =>
        Effect.flatMap(output.failure(failure), (exitCode) => Effect.fail(new Reported({ exitCode })))
      )
    )
  })

/**
 * Runs a command's program against the provider chosen by `--provider` (or
 * `WA_ADMIN_PROVIDER`), configured from the environment, with its output mode. A failure is
 * reported and becomes `Reported` with its exit code.
 *
 * @since 0.1.0
 * @category running
 */
export const run = <E extends OutputModule.Failure, R>(
  globals: GlobalOptions.Globals,
  program: Effect.Effect<void, E, R>
): Effect.Effect<
  void,
  Reported,
  Providers.Registry | State.State | Exclude<Exclude<R, Port.Services | Session>, Output>
> =>
  reporting(
    globals,
    (resolved) =>
      Effect.flatMap(
        Providers.select(resolved.provider),
        (provider) =>
          Effect.provide(program, Layer.merge(Providers.stateful(provider), Layer.succeed(Session, make(provider))))
      )
  )

/**
 * A command's program that uses the session: `body` with the session and the parsed flags, run
 * as {@link run} runs it.
 *
 * @since 0.1.0
 * @category running
 */
export const program = <Config extends GlobalOptions.Globals, E extends OutputModule.Failure, R>(
  body: (session: Service, config: Config) => Effect.Effect<void, E, R>
) =>
(config: Config) => run(config, Effect.flatMap(Session, (session) => body(session, config)))

/**
 * Runs a command's program with the descriptor of the provider chosen by `--provider` (or
 * `WA_ADMIN_PROVIDER`) — what it says without being configured — and the output mode.
 *
 * @since 0.1.0
 * @category running
 */
export const runDescribed = <E extends OutputModule.Failure, R>(
  globals: GlobalOptions.Globals,
  program: (provider: Provider.Descriptor) => Effect.Effect<void, E, R>
): Effect.Effect<void, Reported, Providers.Registry | Exclude<R, Output>> =>
  reporting(globals, (resolved) => Effect.flatMap(Providers.select(resolved.provider), program))

/**
 * Runs a command's program that needs no provider, with its output mode.
 *
 * @since 0.1.0
 * @category running
 */
export const runLocal = <E extends OutputModule.Failure, R>(
  globals: GlobalOptions.Globals,
  program: Effect.Effect<void, E, R>
): Effect.Effect<void, Reported, Exclude<R, Output>> => reporting(globals, () => program)

/**
 * Checks flag values against a port request's shape (see {@link Service.input}).
 *
 * @since 0.1.0
 * @category accessors
 */
export const input = <A, I>(schema: Schema.Schema<A, I>, operation: string) => (raw: unknown) =>
  Effect.flatMap(Session, (session) => session.input(schema, operation)(raw))
