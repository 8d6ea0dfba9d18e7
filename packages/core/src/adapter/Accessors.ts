/**
 * The accessors of a service: for each method, a function of the same arguments that finds the
 * service in the context and calls it. An extension module exports them so that a program can
 * write `MetaFlows.publish({ flowId })` instead of reaching for the tag first. Methods answering
 * an `Effect` get an `Effect`; the methods named as streams get a `Stream`.
 *
 * @example
 * import { Accessors } from "@wa-admin/core/adapter"
 * import { Context, Effect, Stream } from "effect"
 *
 * interface Service {
 *   readonly get: (request: { readonly id: string }) => Effect.Effect<string>
 *   readonly list: (request?: { readonly pageSize?: number }) => Stream.Stream<string>
 * }
 * class Things extends Context.Tag("Things")<Things, Service>() {}
 *
 * const { get, list } = Accessors.make(Things, ["list"])
 *
 * @since 0.2.0
 */
import { Effect, Stream } from "effect"
import type { Context } from "effect"

/**
 * The names of the methods of `S` that answer a `Stream`.
 *
 * @since 0.2.0
 * @category models
 */
export type StreamMethods<S> = {
  readonly [K in keyof S]: S[K] extends (...args: ReadonlyArray<never>) => Stream.Stream<unknown, unknown, unknown> ? K
    : never
}[keyof S]

/**
 * The accessors of a service `S` found under the tag's identifier `I`: an `Effect` method gives an
 * `Effect` accessor, a method named in `Streams` a `Stream` accessor, each needing `I` besides.
 *
 * @since 0.2.0
 * @category models
 */
export type Accessors<I, S, Streams extends StreamMethods<S>> = {
  readonly [K in keyof S]: S[K] extends (...args: infer Args) => Effect.Effect<infer A, infer E, infer R>
    ? (...args: Args) => Effect.Effect<A, E, R | I>
    : K extends Streams ?
      S[K] extends (...args: infer Args) => Stream.Stream<infer A, infer E, infer R>
        ? (...args: Args) => Stream.Stream<A, E, R | I>
      : never
    : never
}

type Method = (...args: Array<unknown>) => unknown

const method = (service: unknown, key: PropertyKey): Method => (service as Record<PropertyKey, Method>)[key] as Method

/**
 * The accessors of the service under `tag`; `streams` names the methods answering a `Stream`
 * (a stream method left out has no accessor: its type is `never`).
 *
 * @since 0.2.0
 * @category constructors
 */
export const make = <I, S, const Streams extends StreamMethods<S> = never>(
  tag: Context.Tag<I, S>,
  streams: ReadonlyArray<Streams> = []
): Accessors<I, S, Streams> =>
  new Proxy({}, {
    get: (_target, key) => {
      const isStream = (streams as ReadonlyArray<PropertyKey>).includes(key)
      return (...args: Array<unknown>) => {
        const call = Effect.map(tag, (service) => method(service, key).apply(service, args))
        return isStream
          ? Stream.unwrap(call as Effect.Effect<Stream.Stream<unknown>>)
          : Effect.flatten(call as Effect.Effect<Effect.Effect<unknown>>)
      }
    }
  }) as Accessors<I, S, Streams>
