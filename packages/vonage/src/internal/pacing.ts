/**
 * Pacing requests to a stated rate (the template API's 40 requests per second) on this side, so
 * that the provider never has to throttle us.
 *
 * A request holds one of `limit` slots from the moment it is cleared to go until `window` after
 * its answer arrived — not merely after it was sent: the provider counts a request when it
 * arrives, which is some time after we sent it, so a slot freed one window after sending could
 * let request 41 arrive within the same second as request 1 whenever request 1 travelled slower.
 * A request cleared but never sent (the call gave up first) frees its slot one window after it
 * was cleared.
 *
 * The decision is a pure function of the slots and the time ({@link verdict}); {@link make}
 * keeps the slots, reads the time from the `Clock` (so `TestClock` drives the waits) and lets one
 * caller decide at a time, in arrival order.
 */
import { HttpClient } from "@effect/platform"
import { Clock, Duration, Effect, FiberRef } from "effect"

/** One request's slot: cleared, in flight, or answered at some time. */
export interface Slot {
  readonly clearedAt: number
  state: "cleared" | "sending" | { readonly answeredAt: number }
}

/** Until when a slot is held: `Infinity` while its request is in flight. */
export const heldUntil = (slot: Slot, window: number): number =>
  slot.state === "cleared"
    ? slot.clearedAt + window
    : slot.state === "sending"
    ? Infinity
    : slot.state.answeredAt + window

/** Go now, or wait this many milliseconds and ask again. */
export type Verdict = { readonly _tag: "Go" } | { readonly _tag: "Wait"; readonly millis: number }

/**
 * Whether a request may go at `now` given the slots held: it may when fewer than `limit` are
 * held; otherwise it waits until the first held slot frees, or — every slot in flight, no end
 * known — one `window / limit` and asks again.
 */
export const verdict = (slots: ReadonlyArray<Slot>, now: number, limit: number, window: number): Verdict => {
  let held = 0
  let firstFree = Infinity
  for (const slot of slots) {
    const until = heldUntil(slot, window)
    if (until > now) {
      held++
      firstFree = Math.min(firstFree, until)
    }
  }
  if (held < limit) return { _tag: "Go" }
  return { _tag: "Wait", millis: Number.isFinite(firstFree) ? firstFree - now : Math.max(1, Math.ceil(window / limit)) }
}

/** A rate: at most `limit` requests in any `window`. */
export interface Rate {
  readonly limit: number
  readonly window: Duration.DurationInput
}

/** A pacer: clears requests to go, and sees their answers arrive. */
export interface Pacer {
  readonly rate: Rate
  /**
   * Waits until a request may go and claims a slot for it. The request this fiber sends next
   * through {@link Pacer.observe}'s client takes the slot (and frees it when answered).
   */
  readonly clear: Effect.Effect<void>
  /** The client whose exchanges mark their slot in flight, then answered. */
  readonly observe: (client: HttpClient.HttpClient) => HttpClient.HttpClient
}

/** Builds a pacer for a rate: one per client, shared by all its calls. */
export const make = (rate: Rate): Effect.Effect<Pacer> =>
  Effect.map(Effect.makeSemaphore(1), (turn) => {
    const limit = Math.max(1, Math.floor(rate.limit))
    const window = Duration.toMillis(Duration.decode(rate.window))
    let slots: Array<Slot> = []
    const current = FiberRef.unsafeMake<Slot | undefined>(undefined)

    const attempt: Effect.Effect<void> = Effect.flatMap(Clock.currentTimeMillis, (now) => {
      slots = slots.filter((slot) => heldUntil(slot, window) > now)
      const decided = verdict(slots, now, limit, window)
      if (decided._tag === "Wait") return Effect.zipRight(Effect.sleep(Duration.millis(decided.millis)), attempt)
      const slot: Slot = { clearedAt: now, state: "cleared" }
      slots.push(slot)
      return FiberRef.set(current, slot)
    })

    const answered = (slot: Slot) =>
      Effect.map(Clock.currentTimeMillis, (now) => {
        slot.state = { answeredAt: now }
      })

    return {
      rate,
      clear: turn.withPermits(1)(attempt),
      observe: (client) =>
        HttpClient.transform(client, (exchange) =>
          Effect.flatMap(FiberRef.get(current), (slot) => {
            if (slot === undefined || slot.state !== "cleared") return exchange
            slot.state = "sending"
            return Effect.onExit(exchange, () => answered(slot))
          }))
    }
  })
