/**
 * Running a call against a real emulator over real HTTP while the transport's time (backoff,
 * `Retry-After`, attempt timeouts, the call deadline) runs on the `TestClock`.
 *
 * The call is forked and the clock is moved only when the call can make no progress without it,
 * which the driver knows from three signals:
 *
 * - the transport announced a retry wait (its `wa-admin http retry` debug log) and the sleep is
 *   registered on the `TestClock`: the clock moves exactly that wait;
 * - the emulator holds the current exchange open (no answer, or a stalled body, whose head the
 *   client has seen): the clock moves to the attempt timeout or the call deadline, whichever
 *   comes first;
 * - otherwise real I/O is under way (a request in flight, a JWT being signed, a body being
 *   read) and the driver waits in real time.
 *
 * A call that is still running past its deadline in virtual time, or that makes no progress for
 * `realTimeLimit` in real time, is reported as hung and interrupted.
 */
import { HttpClient } from "@effect/platform"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Transport } from "@wa-admin/core"
import type { VonageEmulator } from "@wa-admin/vonage/emulator"
import { Chunk, Clock, Duration, Effect, Fiber, HashMap, Layer, Logger, LogLevel, Option, TestClock } from "effect"
import type { Exit } from "effect"

/** What the HTTP client under the transport sent and heard, counted as it happens. */
export interface ClientProbe {
  /** Requests handed to the HTTP client. */
  sent: number
  /** Responses whose status and headers reached the client. */
  headers: number
}

/**
 * The undici HTTP client (as the CLI uses it), counting requests and response heads. `around`
 * changes the client below the count (the instrument tests break it on purpose).
 */
export const probedHttpClient = (
  around: (client: HttpClient.HttpClient) => HttpClient.HttpClient = (client) => client
): { readonly probe: ClientProbe; readonly layer: Layer.Layer<HttpClient.HttpClient> } => {
  const probe: ClientProbe = { sent: 0, headers: 0 }
  const layer = Layer.effect(
    HttpClient.HttpClient,
    Effect.map(
      HttpClient.HttpClient,
      (client) =>
        HttpClient.transform(around(client), (effect) =>
          Effect.suspend(() => {
            probe.sent++
            return Effect.tap(effect, () =>
              Effect.sync(() => {
                probe.headers++
              }))
          }))
    )
  ).pipe(Layer.provide(NodeHttpClient.layerUndici))
  return { probe, layer }
}

/** How a driven call ended. */
export interface Driven<A, E> {
  /** `None` when the call hung (see `hung`). */
  readonly exit: Option.Option<Exit.Exit<A, E>>
  readonly hung: Option.Option<string>
  /** The virtual time the call began at (epoch millis on the `TestClock`). */
  readonly start: number
  /** Virtual milliseconds from the start to the end of the call (or to giving up on it). */
  readonly elapsed: number
  /** The waits the transport announced before its retries, in order. */
  readonly waits: ReadonlyArray<number>
}

export interface DriveOptions {
  readonly policy: Transport.Policy
  /** Every request that reached the emulator so far. */
  readonly arrivals: Effect.Effect<ReadonlyArray<VonageEmulator.Arrival>>
  readonly probe: ClientProbe
  /** Real milliseconds without the call ending before it counts as hung. Default 20 s. */
  readonly realTimeLimit?: number
}

const retryMessage = "wa-admin http retry"

/** A real-time pause, whatever clock the fiber runs on. */
const pause = (millis: number) => Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, millis)))

/** Runs `call` under `policy`, moving the `TestClock` as described in the module comment. */
export const drive = <A, E>(call: Effect.Effect<A, E>, options: DriveOptions): Effect.Effect<Driven<A, E>> =>
  Effect.gen(function*() {
    const waits: Array<number> = []
    const logger = Logger.make(({ annotations, message }) => {
      const parts: ReadonlyArray<unknown> = Array.isArray(message) ? message : [message]
      if (!parts.includes(retryMessage)) return
      const wait = HashMap.get(annotations, "retryInMillis")
      if (Option.isSome(wait) && typeof wait.value === "number") waits.push(wait.value)
    })
    const attemptTimeout = Duration.toMillis(Duration.decode(options.policy.attemptTimeout))
    const deadline = Duration.toMillis(Duration.decode(options.policy.deadline))
    const realTimeLimit = options.realTimeLimit ?? 20_000
    const probe = options.probe
    const start = yield* Clock.currentTimeMillis
    const arrivalsBefore = (yield* options.arrivals).length
    const sentBefore = probe.sent
    const headersBefore = probe.headers

    const fiber = yield* Effect.fork(
      call.pipe(
        Transport.withPolicy(options.policy),
        Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
        Logger.withMinimumLogLevel(LogLevel.Debug)
      )
    )
    const realStart = Date.now()
    const hung = (reason: string, now: number): Effect.Effect<Driven<A, E>> =>
      Effect.as(Fiber.interruptFork(fiber), {
        exit: Option.none(),
        hung: Option.some(reason),
        start,
        elapsed: now - start,
        waits
      })

    /** The attempt timeouts and the deadline this call has armed (a wait ending on one is ambiguous). */
    const guards = (arrivals: ReadonlyArray<VonageEmulator.Arrival>) => [
      start + deadline,
      start + attemptTimeout,
      ...arrivals.map((arrival) => arrival.at + attemptTimeout)
    ]

    let announced = 0
    while (true) {
      const now = yield* Clock.currentTimeMillis
      const exit = fiber.unsafePoll()
      if (exit !== null) return { exit: Option.some(exit), hung: Option.none(), start, elapsed: now - start, waits }
      if (Date.now() - realStart > realTimeLimit) {
        return yield* hung(`no end after ${realTimeLimit} ms of real time`, now)
      }
      if (now - start > deadline + 5_000) return yield* hung("still running 5 s past the call deadline", now)
      const arrivals = (yield* options.arrivals).slice(arrivalsBefore)

      const wait = waits[announced]
      if (wait !== undefined) {
        if (wait === 0) {
          announced++
          continue
        }
        const wake = now + wait
        const registered = Chunk.some(yield* TestClock.sleeps(), (end) => end === wake)
        if (registered) {
          // A guard ending at the same instant could be what we saw: give the sleep a moment.
          if (guards(arrivals).includes(wake)) yield* pause(20)
          announced++
          yield* TestClock.adjust(wait)
          continue
        }
      } else {
        const last = arrivals.at(-1)
        const current = last !== undefined && last.held && arrivals.length === probe.sent - sentBefore
        const headSeen = last?.fault !== "StallBody" ||
          probe.headers - headersBefore >= arrivals.filter((arrival) => arrival.headersSent).length
        if (last !== undefined && current && headSeen) {
          const target = Math.min(last.at + attemptTimeout, start + deadline)
          yield* TestClock.adjust(target > now ? target - now : 1_000)
          continue
        }
      }
      yield* pause(1)
    }
  })
