/**
 * The emulator's request/reply model: a parsed call in, a JSON reply or a failure out.
 *
 * @internal
 */
import { Data, Effect } from "effect"

/** One parsed request, as the handlers see it. */
export interface Call {
  readonly method: string
  /** The path below `/v1.2/api`, e.g. `/waba-info`. */
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly headers: Readonly<Record<string, string>>
  /** The parsed JSON body (`undefined` when there is none). */
  readonly body: unknown
  /** Epoch milliseconds, read from the Clock of the fiber that started the emulator. */
  readonly now: number
}

/** A successful answer. */
export interface Reply {
  readonly status: number
  readonly body: unknown
}

/**
 * A failed answer. The document shows no failure body; the contract between helpers fixes
 * `{ "ok": 0, "error": "<message>" }` with a 4xx status.
 */
export class Failure extends Data.TaggedError("Failure")<{
  readonly status: number
  readonly message: string
  readonly retryAfterSeconds?: number
}> {}

/** A handler of one endpoint. */
export type Handler = (call: Call) => Effect.Effect<Reply, Failure>

/** `{ ok: 1, ...fields }` with status 200. */
export const ok = (fields: Record<string, unknown> = {}): Reply => ({ status: 200, body: { ok: 1, ...fields } })

/** 400: the request breaks a documented rule. */
export const invalid = (message: string): Failure => new Failure({ status: 400, message })

/** 401: wrong or missing credentials. */
export const unauthorized = (message: string): Failure => new Failure({ status: 401, message })

/** 404: an unknown id. */
export const notFound = (message: string): Failure => new Failure({ status: 404, message })

/** 429: a rate limit, with the seconds until it lifts (sent as `Retry-After`). */
export const rateLimited = (message: string, retryAfterSeconds: number): Failure =>
  new Failure({ status: 429, message, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) })

/** The failure body of the contract. */
export const failureBody = (failure: Failure): unknown => ({ ok: 0, error: failure.message })

/**
 * Runs a check-and-mutate block atomically: the block is plain synchronous code, so no other
 * request can interleave between what it reads and what it writes.
 */
export const atomically = <A>(block: () => Effect.Effect<A, Failure>): Effect.Effect<A, Failure> =>
  Effect.suspend(block)
