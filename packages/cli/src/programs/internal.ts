import { Effect, type Option, type Schema } from "effect"
import type * as GlobalOptions from "../GlobalOptions.js"
import * as Output from "../Output.js"
import * as SessionModule from "../Session.js"

/** The record without its `undefined` entries (flags that were not given). */
export const compact = (record: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))

/**
 * A program that asks the port one thing of a number (`--number`, else the provider's default):
 * the request's fields checked for `operation`, then the answer shown.
 */
export const onNumber = <
  Config extends GlobalOptions.Globals & { readonly number: Option.Option<string> },
  A,
  I,
  B,
  BI,
  E extends Output.Failure,
  R
>(
  operation: string,
  request: Schema.Schema<A, I>,
  call: (request: I) => Effect.Effect<B, E, R>,
  answer: Schema.Schema<B, BI>,
  render: (value: B) => string,
  fields: (config: Config) => Readonly<Record<string, unknown>> = () => ({})
) =>
  SessionModule.program((session, config: Config) =>
    Effect.gen(function*() {
      const number = yield* session.number(config.number, operation)
      const input = yield* session.input(request, operation)({ number, ...fields(config) })
      yield* Output.value(answer, yield* call(input), render)
    })
  )
