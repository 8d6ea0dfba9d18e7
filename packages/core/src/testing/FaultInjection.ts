/**
 * Fault injection for an emulator: rules that make chosen requests fail the way networks,
 * gateways and providers fail — a status with or without `Retry-After`, a reset connection, an
 * answer that never comes or stops halfway, a body that is not what the document promises, a
 * redirect to another host. Each rule matches by method and path and applies to a window of
 * matching requests (`after` skips the first n, `times` bounds how many it hits).
 *
 * Some faults let the emulator handle the request first, so its effect takes place and only the
 * answer is lost or garbled (this is what makes duplicates possible when a client repeats the
 * request): `ResetAfterBody`, `NoResponse`, `StallBody`, `TruncatedBody`, `MalformedJson`,
 * `EmptyBody` and `Body`. The others answer in place of the emulator, which never sees the
 * request: `Status`, `Unauthorized`, `Redirect`, `ResetBeforeBody` and `Html`.
 *
 * Every request that reaches the server is listed in `received`, with the time it arrived by the
 * emulator's `Clock`, the fault it met and whether its exchange is still held open.
 *
 * One engine serves every emulator (`@wa-admin/vonage/emulator`, `@wa-admin/woztell/emulator`,
 * `@wa-admin/kaleyra/emulator`): the emulator host (`EmulatorHost`) puts it in front of each, with
 * the provider's failure bodies. It needs `@effect/platform-node` (an optional peer dependency of
 * `@wa-admin/core`).
 *
 * @since 0.1.0
 */
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Duration, Effect } from "effect"
import type { Clock, Scope } from "effect"
import * as Net from "node:net"

/**
 * A `Retry-After` value: a number is sent as delay-seconds, a string verbatim (to send garbage),
 * `{ dateIn }` as an HTTP date that far ahead of the emulator's clock.
 *
 * @since 0.1.0
 * @category models
 */
export type RetryAfter = number | string | { readonly dateIn: Duration.DurationInput }

/**
 * What happens to a request a rule hits.
 *
 * - `Status`: answers `status` with the provider's failure body (and `Retry-After` when given);
 *   the request is not handled.
 * - `Unauthorized`: answers 401 the way the provider refuses an expired or revoked credential.
 * - `Redirect`: answers `status` (default 302) with `Location: location`, followed by the
 *   request's own path and query when `keepPath` is set (a host that moved).
 * - `ResetBeforeBody`: resets the connection as soon as the request head arrives, before the
 *   body is read; the request is not handled.
 * - `ResetAfterBody`: handles the request (its effect takes place), then resets the connection
 *   instead of answering.
 * - `NoResponse`: handles the request, then never sends a byte of the answer.
 * - `StallBody`: handles the request, sends the status, the headers and half the body, then stalls.
 * - `TruncatedBody`: handles the request, sends the headers and half the body, then closes.
 * - `MalformedJson`: handles the request, answers 200 with JSON cut in half.
 * - `Html`: answers 200 with an HTML page (a gateway's, say); the request is not handled.
 * - `EmptyBody`: handles the request, answers 200 with an empty body.
 * - `Body`: handles the request, answers `status` (default 200) with `body` (JSON, or a string
 *   sent verbatim) — a well-formed answer that breaks the documented schema, for instance.
 *
 * @since 0.1.0
 * @category models
 */
export type Fault =
  | { readonly _tag: "Status"; readonly status: number; readonly retryAfter?: RetryAfter }
  | { readonly _tag: "Unauthorized" }
  | {
    readonly _tag: "Redirect"
    readonly location: string
    readonly status?: 301 | 302 | 303 | 307 | 308
    readonly keepPath?: boolean
  }
  | { readonly _tag: "ResetBeforeBody" }
  | { readonly _tag: "ResetAfterBody" }
  | { readonly _tag: "NoResponse" }
  | { readonly _tag: "StallBody" }
  | { readonly _tag: "TruncatedBody" }
  | { readonly _tag: "MalformedJson" }
  | { readonly _tag: "Html" }
  | { readonly _tag: "EmptyBody" }
  | { readonly _tag: "Body"; readonly body: unknown; readonly status?: number }

/**
 * Which requests a fault hits. `path` is the request path without the query: a string matches
 * that path exactly or as its last segments (`"/deployments"` matches
 * `/v0.1/whatsapp-manager/deployments`), a RegExp is tested against it. Of the matching requests
 * the first `after` (default 0) pass untouched, then the next `times` (default: all) meet the
 * fault. Rules are tried in the order they were injected.
 *
 * @since 0.1.0
 * @category models
 */
export interface FaultRule {
  readonly method?: string
  readonly path?: string | RegExp
  readonly after?: number
  readonly times?: number
  readonly fault: Fault
}

/**
 * A request that reached the server.
 *
 * @since 0.1.0
 * @category models
 */
export interface Arrival {
  readonly method: string
  /** The path without the query string. */
  readonly path: string
  /** When it arrived, in epoch milliseconds by the emulator's clock. */
  readonly at: number
  /** The fault it met, if any. */
  readonly fault?: Fault["_tag"]
  /** Whether a status line and headers were (or are being) sent back. */
  readonly headersSent: boolean
  /** Whether the exchange is held open right now (`NoResponse`, `StallBody`). */
  readonly held: boolean
}

/**
 * The fault controls of a running emulator.
 *
 * @since 0.1.0
 * @category models
 */
export interface Faults {
  /** Adds a rule. */
  readonly inject: (rule: FaultRule) => Effect.Effect<void>
  /** Removes every rule (what was received stays listed). */
  readonly clear: Effect.Effect<void>
  /** Every request that reached the server, in order, faulted or not. */
  readonly received: Effect.Effect<ReadonlyArray<Arrival>>
  /**
   * A base URL like the emulator's, on a port of the same host that nobody listens on: a client
   * configured with it meets "connection refused".
   */
  readonly refusingUrl: Effect.Effect<string>
}

/**
 * What an emulator gives the fault engine.
 *
 * @internal
 */
export interface Options {
  /** The clock the emulator runs on (arrival times, HTTP dates). */
  readonly clock: Clock.Clock
  /** The provider's JSON failure body for a status (401 for `Unauthorized`). */
  /** The provider's JSON failure body for a status, on a path (one emulator may serve several APIs). */
  readonly failureBody: (status: number, path: string) => unknown
  /** The emulator's base URL, for `refusingUrl`. */
  readonly url: string
}

/**
 * The engine: the controls, and the middleware that applies them to the emulator's app.
 *
 * @internal
 */
export interface Engine {
  readonly faults: Faults
  readonly middleware: <E, R>(app: HttpApp.Default<E, R>) => HttpApp.Default<E, R>
}

interface MutableArrival {
  readonly method: string
  readonly path: string
  readonly at: number
  readonly fault: Fault["_tag"] | undefined
  headersSent: boolean
  held: boolean
}

interface ActiveRule {
  readonly rule: FaultRule
  seen: number
  applied: number
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

const html = "<!DOCTYPE html><html><head><title>503 Service Temporarily Unavailable</title></head>" +
  "<body><h1>Service Temporarily Unavailable</h1><p>The gateway is down for maintenance.</p></body></html>"

const matches = (rule: FaultRule, method: string, path: string): boolean => {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false
  if (rule.path === undefined) return true
  if (typeof rule.path === "string") {
    const suffix = rule.path.startsWith("/") ? rule.path : `/${rule.path}`
    return path === rule.path || path.endsWith(suffix)
  }
  rule.path.lastIndex = 0
  return rule.path.test(path)
}

const retryAfterHeader = (value: RetryAfter, now: number): string =>
  typeof value === "number"
    ? String(value)
    : typeof value === "string"
    ? value
    : new Date(Math.ceil((now + Duration.toMillis(Duration.decode(value.dateIn))) / 1000) * 1000).toUTCString()

const bodyBytes = (response: HttpServerResponse.HttpServerResponse): Uint8Array => {
  const body = response.body
  switch (body._tag) {
    case "Uint8Array":
      return body.body
    case "Raw":
      return typeof body.body === "string"
        ? encoder.encode(body.body)
        : body.body instanceof Uint8Array
        ? body.body
        : new Uint8Array()
    default:
      return new Uint8Array()
  }
}

const isJson = (text: string): boolean => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** A port on `host` that was free a moment ago and that nobody listens on now. */
const closedPort = (host: string): Effect.Effect<number> =>
  Effect.async<number>((resume) => {
    const server = Net.createServer()
    server.once("error", () => resume(Effect.dieMessage(`cannot bind a port on ${host}`)))
    server.listen(0, host, () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resume(Effect.succeed(port)))
    })
  })

/**
 * Starts the engine; held connections are destroyed when the scope closes (so the server can
 * close). Make it after the server, so that this happens first.
 *
 * @internal
 */
export const make = (options: Options): Effect.Effect<Engine, never, Scope.Scope> =>
  Effect.gen(function*() {
    const rules: Array<ActiveRule> = []
    const arrivals: Array<MutableArrival> = []
    const heldSockets = new Set<Net.Socket>()
    yield* Effect.addFinalizer(() =>
      Effect.sync(() => {
        for (const socket of heldSockets) socket.destroy()
        heldSockets.clear()
      })
    )

    const take = (method: string, path: string): Fault | undefined => {
      for (const active of rules) {
        if (!matches(active.rule, method, path)) continue
        if (active.applied >= (active.rule.times ?? Number.POSITIVE_INFINITY)) continue
        active.seen++
        if (active.seen <= (active.rule.after ?? 0)) continue
        active.applied++
        return active.rule.fault
      }
      return undefined
    }

    /** Keeps the exchange open until the client or the scope closes it. */
    const hold = (arrival: MutableArrival, socket: Net.Socket): Effect.Effect<never> =>
      Effect.zipRight(
        Effect.sync(() => {
          arrival.held = true
          heldSockets.add(socket)
          socket.once("close", () => {
            arrival.held = false
            heldSockets.delete(socket)
          })
        }),
        Effect.never
      )

    /** Resets the connection; the server interrupts the handler when it sees the close. */
    const reset = (socket: Net.Socket): Effect.Effect<never> =>
      Effect.zipRight(
        Effect.sync(() => socket.resetAndDestroy()),
        Effect.never
      )

    /** Sends the head and part of a handled answer; the body never completes. */
    const partial = (
      request: HttpServerRequest.HttpServerRequest,
      response: HttpServerResponse.HttpServerResponse,
      arrival: MutableArrival,
      then: "stall" | "close"
    ): Effect.Effect<never> => {
      const outgoing = NodeHttpServerRequest.toServerResponse(request)
      const socket = NodeHttpServerRequest.toIncomingMessage(request).socket
      const bytes = bodyBytes(response)
      const declared = bytes.length >= 2 ? bytes.length : bytes.length + 16
      const sent = bytes.length >= 2 ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes
      return Effect.zipRight(
        Effect.sync(() => {
          arrival.headersSent = true
          outgoing.writeHead(response.status, { ...response.headers, "content-length": String(declared) })
          outgoing.flushHeaders()
          if (sent.length > 0) outgoing.write(sent)
          // Ends the connection after what was written: the body stops short of its length.
          if (then === "close") socket.end()
        }),
        then === "stall" ? hold(arrival, socket) : Effect.never
      )
    }

    const apply = <E, R>(
      fault: Fault,
      app: HttpApp.Default<E, R>,
      request: HttpServerRequest.HttpServerRequest,
      arrival: MutableArrival,
      now: number
    ): HttpApp.Default<E, R> => {
      const socket = () => NodeHttpServerRequest.toIncomingMessage(request).socket
      const answered = (response: HttpServerResponse.HttpServerResponse) =>
        Effect.sync(() => {
          arrival.headersSent = true
          return response
        })
      switch (fault._tag) {
        case "Status":
          return answered(
            HttpServerResponse.unsafeJson(options.failureBody(fault.status, arrival.path), {
              status: fault.status,
              ...(fault.retryAfter === undefined
                ? {}
                : { headers: { "retry-after": retryAfterHeader(fault.retryAfter, now) } })
            })
          )
        case "Unauthorized":
          return answered(HttpServerResponse.unsafeJson(options.failureBody(401, arrival.path), { status: 401 }))
        case "Redirect":
          return answered(
            HttpServerResponse.empty({
              status: fault.status ?? 302,
              headers: {
                location: fault.keepPath === true
                  ? `${fault.location.replace(/\/$/, "")}${request.url}`
                  : fault.location
              }
            })
          )
        case "Html":
          return answered(HttpServerResponse.text(html, { status: 200, contentType: "text/html; charset=utf-8" }))
        case "ResetBeforeBody":
          return Effect.suspend(() => reset(socket()))
        case "ResetAfterBody":
          return Effect.flatMap(app, () => reset(socket()))
        case "NoResponse":
          return Effect.flatMap(app, () => hold(arrival, socket()))
        case "StallBody":
          return Effect.flatMap(app, (response) => partial(request, response, arrival, "stall"))
        case "TruncatedBody":
          return Effect.flatMap(app, (response) => partial(request, response, arrival, "close"))
        case "MalformedJson":
          return Effect.flatMap(app, (response) => {
            const text = decoder.decode(bodyBytes(response))
            const half = text.slice(0, Math.ceil(text.length / 2))
            const malformed = text.length >= 2 && !isJson(half) ? half : "{\"ok\": 1, \"data\": ["
            return answered(HttpServerResponse.text(malformed, { status: 200, contentType: "application/json" }))
          })
        case "EmptyBody":
          return Effect.flatMap(
            app,
            () => answered(HttpServerResponse.text("", { status: 200, contentType: "application/json" }))
          )
        case "Body":
          return Effect.flatMap(app, () =>
            answered(
              typeof fault.body === "string"
                ? HttpServerResponse.text(fault.body, { status: fault.status ?? 200, contentType: "application/json" })
                : HttpServerResponse.unsafeJson(fault.body, { status: fault.status ?? 200 })
            ))
      }
    }

    const middleware = <E, R>(app: HttpApp.Default<E, R>): HttpApp.Default<E, R> =>
      Effect.gen(function*() {
        const request = yield* HttpServerRequest.HttpServerRequest
        const path = new URL(request.url, "http://emulator.invalid").pathname
        const now = options.clock.unsafeCurrentTimeMillis()
        const fault = take(request.method, path)
        const arrival: MutableArrival = {
          method: request.method,
          path,
          at: now,
          fault: fault?._tag,
          headersSent: false,
          held: false
        }
        arrivals.push(arrival)
        if (fault === undefined) {
          return yield* Effect.tap(app, () =>
            Effect.sync(() => {
              arrival.headersSent = true
            }))
        }
        return yield* apply(fault, app, request, arrival, now)
      })

    const faults: Faults = {
      inject: (rule) =>
        Effect.sync(() => {
          rules.push({ rule, seen: 0, applied: 0 })
        }),
      clear: Effect.sync(() => {
        rules.length = 0
      }),
      received: Effect.sync(() =>
        arrivals.map((arrival): Arrival => ({
          method: arrival.method,
          path: arrival.path,
          at: arrival.at,
          ...(arrival.fault === undefined ? {} : { fault: arrival.fault }),
          headersSent: arrival.headersSent,
          held: arrival.held
        }))
      ),
      refusingUrl: Effect.suspend(() => {
        const url = new URL(options.url)
        const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname
        return Effect.map(closedPort(host), (port) => {
          url.port = String(port)
          return url.toString().replace(/\/$/, "")
        })
      })
    }

    return { faults, middleware }
  })
