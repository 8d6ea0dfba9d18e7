/**
 * The emulator's request/reply model on the emulator host: a parsed call in, a JSON reply or a
 * failure out.
 *
 * @internal
 */
import type { EmulatorHost } from "@wa-admin/core/testing"
import { Data, Effect } from "effect"

/** The path prefix every endpoint lives under. */
export const basePath = "/v1.2/api"

/** One parsed request, as the handlers see it (`now` from the Clock of the fiber that started the emulator). */
export type Call = EmulatorHost.Call

/** A successful answer. */
export type Reply = EmulatorHost.Reply

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
export type Handler = EmulatorHost.Handler<Failure>

/** Endpoints keyed by `METHOD /path` below the base path. */
export type Routes = EmulatorHost.Routes<Failure>

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

/** A failure as an answer: its status, the contract's body, and `Retry-After` for a rate limit. */
export const renderFailure = (failure: Failure): Reply => ({
  status: failure.status,
  body: failureBody(failure),
  ...(failure.retryAfterSeconds === undefined ? {} : { headers: { "retry-after": String(failure.retryAfterSeconds) } })
})

/**
 * The handler behind a body check: a body is JSON sent as JSON, or none at all; any other body
 * cannot be read.
 */
const jsonOnly = (handler: Handler): Handler => (call) => {
  switch (call.content._tag) {
    case "NotJson":
      return Effect.fail(invalid("the request body must be JSON, sent with Content-Type: application/json"))
    case "Malformed":
      return Effect.fail(invalid("the request body is not valid JSON"))
    default:
      return handler(call)
  }
}

/** Every endpoint behind the body check. */
export const readingJson = (routes: Routes): Routes => {
  const checked: Record<string, Handler> = {}
  for (const [route, handler] of Object.entries(routes)) checked[route] = jsonOnly(handler)
  return checked
}

/**
 * Runs a check-and-mutate block atomically: the block is plain synchronous code, so no other
 * request can interleave between what it reads and what it writes.
 */
export const atomically = <A>(block: () => Effect.Effect<A, Failure>): Effect.Effect<A, Failure> =>
  Effect.suspend(block)
