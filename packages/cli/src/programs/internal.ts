import { Effect, type Option, type Schema } from "effect"
import type * as GlobalOptions from "../GlobalOptions.js"
import * as Output from "../Output.js"
import * as SessionModule from "../Session.js"

/** The record without its `undefined` entries (flags that were not given). */
export const compact = (record: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))

/**
 * A program of the port's three steps: `check` builds the request from the flags (a broken rule is
 * an `InvalidInput` of `operation`, and nothing is sent), `call` asks the port with it, and the
 * answer is shown (`render` for people, `answer`'s JSON under `--json`).
 */
export const checkCallShow = <
  Config extends GlobalOptions.Globals,
  I,
  E1 extends Output.Failure,
  R1,
  B,
  BI,
  E2 extends Output.Failure,
  R2
>(
  operation: string,
  check: (session: SessionModule.Service, config: Config, operation: string) => Effect.Effect<I, E1, R1>,
  call: (request: I) => Effect.Effect<B, E2, R2>,
  answer: Schema.Schema<B, BI>,
  render: (value: B) => string
) =>
  SessionModule.program((session, config: Config) =>
    Effect.flatMap(
      Effect.flatMap(check(session, config, operation), call),
      (value) => Output.value(answer, value, render)
    )
  )

/**
 * A program that asks the port one thing of a number (`--number`, else the provider's default):
 * the request's fields checked for `operation`, then the answer shown (see {@link checkCallShow}).
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
  checkCallShow(
    operation,
    (session, config: Config) =>
      Effect.flatMap(
        session.number(config.number, operation),
        (number) => session.input(request, operation)({ number, ...fields(config) })
      ),
    call,
    answer,
    render
  )
