/**
 * What a runner's workflows and activities work with: the store, the fleet's rows, each side's
 * port services (built once per provider and credentials prefix, quotas in the shared ledger),
 * provider time, and this runner's lease holder name.
 */
import type { HttpClient } from "@effect/platform"
import type { Store } from "@wa-admin/store"
import { Context, Duration, Effect, RcMap, Schema } from "effect"
import type { ConfigProvider, Scope } from "effect"
import type * as Job from "../Job.js"
import * as Providers from "../Providers.js"
import type { State } from "./state.js"

/** A unit could not go on: the message says why (it is reported in `fleet status`). */
export class UnitFailure extends Schema.TaggedError<UnitFailure>("@wa-admin/fleet/UnitFailure")("UnitFailure", {
  message: Schema.String
}) {}

/** The runner's context. */
export interface Runtime {
  readonly store: Store.Service
  readonly state: State
  readonly sides: (side: Job.Side) => Effect.Effect<Providers.Services, UnitFailure>
  readonly time: Providers.ProviderTime
  readonly holder: string
  readonly leaseTtl: Duration.Duration
  /** How long past a quota slot a paced item waits (real time). */
  readonly pacingMargin: Duration.Duration
  /** How many items of one unit are applied at a time. */
  readonly itemConcurrency: number
  /** The steps calling providers this runner runs at a time. */
  readonly steps: Effect.Semaphore
}

/** @internal */
export class FleetRuntime extends Context.Tag("@wa-admin/fleet/Runtime")<FleetRuntime, Runtime>() {}

/** The side services, built when first asked for and kept while in use (an hour idle at most). */
export const makeSides = (
  store: Store.Service,
  variables: ConfigProvider.ConfigProvider | undefined
): Effect.Effect<
  (side: Job.Side) => Effect.Effect<Providers.Services, UnitFailure>,
  never,
  Scope.Scope | HttpClient.HttpClient
> =>
  Effect.gen(function*() {
    const context = yield* Effect.context<HttpClient.HttpClient>()
    const known = new Map<string, Job.Side>()
    const keyOf = (side: Job.Side) => `${side.provider}|${side.credentials}`
    const sides = yield* RcMap.make({
      lookup: (key: string) => {
        const side = known.get(key)
        if (side === undefined) return Effect.dieMessage(`no side is known as ${key}`)
        return Providers.make(side, store.quotaStorage, variables).pipe(
          Effect.mapError((error) =>
            new UnitFailure({
              message: `the ${side.provider} side (credentials prefix "${side.credentials}") is not configured: ${
                Providers.configMessage(error)
              }`
            })
          ),
          Effect.provide(context)
        )
      },
      idleTimeToLive: Duration.hours(1)
    })
    return (side: Job.Side) =>
      Effect.suspend(() => {
        known.set(keyOf(side), side)
        return Effect.scoped(RcMap.get(sides, keyOf(side)))
      })
  })
