/**
 * The host every provider emulator runs on: an HTTP server on `@effect/platform`'s `HttpServer`
 * and `HttpRouter` that does once what each emulator would otherwise do again.
 *
 * - It listens on `host` / `port` (default `127.0.0.1`, a free port) and builds the base URL.
 * - It records every request that reaches the emulator (method, path as received, query,
 *   lower-case headers, body text, the JSON body, multipart parts).
 * - It applies fault injection (`faults`, see `FaultInjection`) in front of the emulator.
 * - It routes `METHOD /path/:param` (below `basePath`) to handlers that get a parsed `Call` — path
 *   parameters decoded, the body read, `now` from the `Clock` of the fiber that started the host
 *   (so `TestClock` drives the emulator) — and answer a `Reply` or fail with the provider's own
 *   failure, which the host renders.
 * - An unknown route is answered with the provider's not-found body, a defect in a handler with
 *   the provider's 500 body.
 *
 * An emulator is then its routes, its state, its failure bodies and its authentication. It needs
 * `@effect/platform-node` (an optional peer dependency of `@wa-admin/core`).
 *
 * @example
 * import { EmulatorHost } from "@wa-admin/core/testing"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const host = yield* EmulatorHost.make({
 *     basePath: "/v1",
 *     routes: {
 *       "GET /things/:id": (call) => Effect.succeed({ status: 200, body: { id: call.params["id"] } })
 *     },
 *     failure: (message: string) => ({ status: 400, body: { error: message } }),
 *     notFound: (call) => ({ status: 404, body: { error: `no ${call.path}` } }),
 *     internalError: () => ({ status: 500, body: { error: "internal" } }),
 *     faultBody: (status) => ({ error: `status ${status}` }),
 *     environment: (url) => ({ THINGS_URL: url })
 *   })
 *   // host.url is http://127.0.0.1:PORT/v1
 * }).pipe(Effect.scoped)
 *
 * @since 0.1.0
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as HttpMethod from "@effect/platform/HttpMethod"
import * as HttpMiddleware from "@effect/platform/HttpMiddleware"
import * as HttpRouter from "@effect/platform/HttpRouter"
import type * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Multipart from "@effect/platform/Multipart"
import { Cause, Chunk, ConfigProvider, Context, Effect, Layer, Schema, Stream } from "effect"
import type { Clock, Scope } from "effect"
import * as Http from "node:http"
import * as FaultInjection from "./FaultInjection.js"

/**
 * One part of a `multipart/form-data` body as it arrived: a field (`value`) or a file
 * (`fileName`, `contentType`, `bytes`).
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordedPart {
  readonly name: string
  readonly fileName?: string
  readonly contentType?: string
  readonly value?: string
  readonly bytes?: Uint8Array
}

/**
 * A request as the emulator received it.
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordedRequest {
  readonly method: string
  /** The path as received (still percent-encoded), without the query string. */
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  /** The body decoded as UTF-8 (lossy for a binary body: read `bodyBytes` for that). */
  readonly bodyText: string
  /** The body exactly as it arrived. */
  readonly bodyBytes: Uint8Array
  /** The body parsed as JSON when it was sent as JSON (a JSON `Content-Type`), else `undefined`. */
  readonly body: unknown
  /** The parts, when the body was `multipart/form-data`. */
  readonly multipart?: ReadonlyArray<RecordedPart>
}

/**
 * What the body of a call is, for an emulator that requires JSON and says why it cannot read one:
 * no body (empty or blank), a body not sent as JSON, JSON that does not parse, or a JSON value.
 *
 * @since 0.1.0
 * @category models
 */
export type Content =
  | { readonly _tag: "Empty" }
  | { readonly _tag: "NotJson"; readonly contentType: string | undefined }
  | { readonly _tag: "Malformed"; readonly message: string }
  | { readonly _tag: "Json"; readonly value: unknown }

/**
 * A parsed request, as a handler sees it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Call extends RecordedRequest {
  /** The route's path parameters, percent-decoded (empty for an unknown route). */
  readonly params: Readonly<Record<string, string>>
  readonly content: Content
  /** Epoch milliseconds, from the `Clock` of the fiber that started the host. */
  readonly now: number
}

/**
 * An answer: a status, a JSON body (none when `undefined`) and headers.
 *
 * @since 0.1.0
 * @category models
 */
export interface Reply {
  readonly status: number
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
}

/**
 * The handler of one route: a reply, or a failure the host renders with `Options.failure`.
 *
 * @since 0.1.0
 * @category models
 */
export type Handler<E> = (call: Call) => Effect.Effect<Reply, E>

/**
 * A route: a method and a path below `basePath`, whose `:name` segments are parameters, e.g.
 * `"GET /deployments/:deployment_id"`.
 *
 * @since 0.1.0
 * @category models
 */
export type Route = `${HttpMethod.HttpMethod} /${string}`

/**
 * The routes of an emulator and their handlers.
 *
 * @since 0.1.0
 * @category models
 */
export type Routes<E> = Readonly<Record<Route, Handler<E>>>

/**
 * What an emulator gives the host.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options<E> {
  /** Interface to bind. Default `"127.0.0.1"`. */
  readonly host?: string | undefined
  /** Port to bind, 0 to 65535; `0` picks a free one. Default `0`. */
  readonly port?: number | undefined
  /**
   * The path every route lives under, starting with `/` and not ending with one (e.g.
   * `/v1.2/api`); the URL ends with it. Default none.
   */
  readonly basePath?: string | undefined
  readonly routes: Routes<E>
  /**
   * Runs on every request before routing, unknown routes included (for a provider that refuses
   * an unauthenticated request before anything else).
   */
  readonly authenticate?: ((call: Call) => Effect.Effect<void, E>) | undefined
  /** Renders a handler's failure. */
  readonly failure: (error: E) => Reply
  /** The provider's answer to a path it does not serve (or a method it does not serve there, without `methodNotAllowed`). */
  readonly notFound: (call: Call) => Reply
  /** The provider's answer to a known path with another method; `allowed` lists the path's methods. */
  readonly methodNotAllowed?: ((call: Call, allowed: ReadonlyArray<string>) => Effect.Effect<Reply, E>) | undefined
  /** The provider's answer when a handler dies. */
  readonly internalError: (call: Call) => Reply
  /** The provider's failure body for a status a fault answers with (401 for `Unauthorized`). */
  readonly faultBody: (status: number, path: string) => unknown
  /** The environment variables that point a client at the emulator, given its URL. */
  readonly environment: (url: string) => Readonly<Record<string, string>>
}

/**
 * A running host.
 *
 * @since 0.1.0
 * @category models
 */
export interface Host {
  /** `http://HOST:PORT` followed by the base path. */
  readonly url: string
  /** The environment variables that point a client at the emulator. */
  readonly environment: Readonly<Record<string, string>>
  /**
   * Every request the emulator handled, in order. A request a fault answered in the emulator's
   * place is not here; `faults.received` lists every arrival.
   */
  readonly requests: Effect.Effect<ReadonlyArray<RecordedRequest>>
  readonly clearRequests: Effect.Effect<void>
  /** Fault injection in front of the emulator. */
  readonly faults: FaultInjection.Faults
}

/**
 * Why the server did not start.
 *
 * @since 0.1.0
 * @category models
 */
export type StartFailure =
  | "PortInUse"
  | "PortOutOfRange"
  | "PermissionDenied"
  | "AddressNotAvailable"
  | "UnknownHost"
  | "ListenFailed"

const startFailureText: Record<StartFailure, string> = {
  PortInUse: "the port is already in use",
  PortOutOfRange: "the port must be an integer from 0 to 65535",
  PermissionDenied: "permission denied (a port below 1024 needs privileges)",
  AddressNotAvailable: "the address is not one of this machine's",
  UnknownHost: "the host name does not resolve",
  ListenFailed: "the server could not listen"
}

/**
 * The server did not start: the port is taken or out of range, the host is unknown or not this
 * machine's. `message` says so in one line.
 *
 * @since 0.1.0
 * @category errors
 */
export class StartError extends Schema.TaggedError<StartError>("@wa-admin/core/testing/EmulatorHost/StartError")(
  "StartError",
  {
    host: Schema.String,
    port: Schema.Number,
    reason: Schema.Literal(
      "PortInUse",
      "PortOutOfRange",
      "PermissionDenied",
      "AddressNotAvailable",
      "UnknownHost",
      "ListenFailed"
    ),
    /** The system's own words, when they add something (an error code). */
    detail: Schema.optional(Schema.String)
  }
) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    const detail = this.detail === undefined ? "" : ` (${this.detail})`
    return `cannot start an emulator on ${this.host}:${this.port}: ${startFailureText[this.reason]}${detail}`
  }
}

const errorCode = (cause: unknown): string | undefined => {
  if (typeof cause !== "object" || cause === null || !("code" in cause)) return undefined
  return typeof cause.code === "string" ? cause.code : undefined
}

const startError = (host: string, port: number, cause: unknown): StartError => {
  const code = errorCode(cause)
  const reason: StartFailure = code === "EADDRINUSE"
    ? "PortInUse"
    : code === "ERR_SOCKET_BAD_PORT"
    ? "PortOutOfRange"
    : code === "EACCES" || code === "EPERM"
    ? "PermissionDenied"
    : code === "EADDRNOTAVAIL"
    ? "AddressNotAvailable"
    : code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME" || code === "EAI_FAIL"
    ? "UnknownHost"
    : "ListenFailed"
  const detail = code ?? (cause instanceof Error ? cause.message.split("\n")[0] : undefined)
  return new StartError({ host, port, reason, ...(detail === undefined ? {} : { detail }) })
}

/** Starts the server; every way it can fail to start is a `StartError`. */
const listen = (
  nodeServer: Http.Server,
  host: string,
  port: number
): Effect.Effect<HttpServer.HttpServer, StartError, Scope.Scope> => {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return Effect.fail(new StartError({ host, port, reason: "PortOutOfRange" }))
  }
  if (host.trim() === "") return Effect.fail(new StartError({ host, port, reason: "UnknownHost" }))
  return NodeHttpServer.make(() => nodeServer, { host, port }).pipe(
    Effect.catchTag("ServeError", (error) => Effect.fail(startError(host, port, error.cause))),
    // Node throws some refusals synchronously from listen() (a malformed address, say).
    Effect.catchAllDefect((defect) => Effect.fail(startError(host, port, defect)))
  )
}

const urlHost = (host: string): string =>
  host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "[::1]" : host.includes(":") ? `[${host}]` : host

const jsonContentType = /^application\/([\w.+-]+\+)?json\s*(;.*)?$/i

/** The path and the query string of a request target (origin-form, or absolute-form from a proxy). */
const splitTarget = (target: string): { readonly path: string; readonly queryText: string } => {
  const originForm = target.startsWith("/") ? target : target.replace(/^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i, "")
  const question = originForm.indexOf("?")
  if (question === -1) return { path: originForm === "" ? "/" : originForm, queryText: "" }
  const queryText = originForm.slice(question + 1)
  const hash = queryText.indexOf("#")
  return {
    path: question === 0 ? "/" : originForm.slice(0, question),
    queryText: hash === -1 ? queryText : queryText.slice(0, hash)
  }
}

/**
 * The path as the router must see it: it splits the path at `;` and `#` as well as `?`, so these
 * are percent-encoded first and a parameter keeps them (decoded) instead of losing its tail.
 */
const routable = (path: string): string => path.replaceAll(";", "%3B").replaceAll("#", "%23")

const readParts = (
  headers: Record<string, string>,
  bytes: Uint8Array
): Effect.Effect<ReadonlyArray<RecordedPart>, Multipart.MultipartError> =>
  Stream.make(bytes).pipe(
    Stream.pipeThroughChannel(Multipart.makeChannel<never>(headers)),
    Stream.mapEffect((part): Effect.Effect<RecordedPart, Multipart.MultipartError> =>
      Multipart.isFile(part)
        ? Effect.map(part.contentEffect, (content) => ({
          name: part.key,
          fileName: part.name,
          contentType: part.contentType,
          bytes: content
        }))
        : Effect.succeed({ name: part.key, contentType: part.contentType, value: part.value })
    ),
    Stream.runCollect,
    Effect.map(Chunk.toReadonlyArray)
  )

const contentOf = (bodyText: string, contentType: string | undefined): Content => {
  if (bodyText.trim() === "") return { _tag: "Empty" }
  if (contentType === undefined || !jsonContentType.test(contentType.trim())) return { _tag: "NotJson", contentType }
  try {
    return { _tag: "Json", value: JSON.parse(bodyText) as unknown }
  } catch (error) {
    return { _tag: "Malformed", message: error instanceof Error ? error.message : "The body is not valid JSON." }
  }
}

/** Reads a request once: its target, headers and body, parsed. */
const readCall = (request: HttpServerRequest.HttpServerRequest, now: number): Effect.Effect<Call> =>
  Effect.gen(function*() {
    const bytes = new Uint8Array(yield* Effect.orElseSucceed(request.arrayBuffer, () => new ArrayBuffer(0)))
    const { path, queryText } = splitTarget(request.url)
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value
    const contentType = headers["content-type"]
    const bodyText = new TextDecoder().decode(bytes)
    const content = contentOf(bodyText, contentType)
    const multipart = contentType !== undefined && contentType.trim().toLowerCase().startsWith("multipart/form-data")
      ? yield* Effect.option(readParts(headers, bytes))
      : undefined
    return {
      method: request.method,
      path,
      query: Object.fromEntries(new URLSearchParams(queryText)),
      headers,
      bodyText,
      bodyBytes: bytes,
      body: content._tag === "Json" ? content.value : undefined,
      ...(multipart === undefined || multipart._tag === "None" ? {} : { multipart: multipart.value }),
      params: {},
      content,
      now
    }
  })

const recorded = (call: Call): RecordedRequest => ({
  method: call.method,
  path: call.path,
  query: call.query,
  headers: call.headers,
  bodyText: call.bodyText,
  bodyBytes: call.bodyBytes,
  body: call.body,
  ...(call.multipart === undefined ? {} : { multipart: call.multipart })
})

const render = (reply: Reply): HttpServerResponse.HttpServerResponse => {
  const options = { status: reply.status, ...(reply.headers === undefined ? {} : { headers: reply.headers }) }
  return reply.body === undefined
    ? HttpServerResponse.empty(options)
    : HttpServerResponse.unsafeJson(reply.body, options)
}

/** The call being answered, handed from the host to the route the router picked. */
class CurrentCall extends Context.Tag("@wa-admin/core/testing/EmulatorHost/CurrentCall")<CurrentCall, Call>() {}

const routerConfig = {
  // The providers' paths are exact: `/a/` is not `/a`, `//a` is not `/a`, `/A` is not `/a`.
  ignoreTrailingSlash: false,
  ignoreDuplicateSlashes: false,
  caseSensitive: true,
  // An id of any length reaches its route (and its handler says whether it exists).
  maxParamLength: Number.MAX_SAFE_INTEGER
}

/** The router: each route to its handler; the other methods of a known path to `methodNotAllowed`. */
const makeRouter = <E>(options: Options<E>) => {
  const basePath = options.basePath ?? ""
  const answer = (effect: Effect.Effect<Reply, E>) =>
    Effect.match(effect, { onFailure: (error) => render(options.failure(error)), onSuccess: render })
  const route = (method: HttpMethod.HttpMethod, path: string, handler: (call: Call) => Effect.Effect<Reply, E>) =>
    HttpRouter.makeRoute(
      method,
      `${basePath}${path}` as HttpRouter.PathInput,
      Effect.flatMap(Effect.zip(CurrentCall, HttpRouter.params), ([call, raw]) => {
        const params: Record<string, string> = {}
        for (const [name, value] of Object.entries(raw)) {
          // A parameter is one segment, never an empty one.
          if (value === undefined || value === "") return Effect.succeed(render(options.notFound(call)))
          params[name] = value
        }
        return answer(handler({ ...call, params }))
      })
    )
  const byPath = new Map<string, Array<readonly [HttpMethod.HttpMethod, Handler<E>]>>()
  for (const [key, handler] of Object.entries(options.routes) as ReadonlyArray<readonly [Route, Handler<E>]>) {
    const space = key.indexOf(" ")
    const method = key.slice(0, space) as HttpMethod.HttpMethod
    const path = key.slice(space + 1)
    byPath.set(path, [...(byPath.get(path) ?? []), [method, handler]])
  }
  const routes = Array.from(byPath, ([path, handlers]) => {
    const allowed = handlers.map(([method]) => method)
    const others = Array.from(HttpMethod.all).filter((method) => !allowed.includes(method))
    const methodNotAllowed = options.methodNotAllowed
    const refuse = (call: Call) =>
      methodNotAllowed === undefined ? Effect.succeed(options.notFound(call)) : methodNotAllowed(call, allowed)
    return [
      ...handlers.map(([method, handler]) => route(method, path, handler)),
      // Registered explicitly, so that HEAD does not fall back to the GET handler.
      ...others.map((method) => route(method, path, refuse))
    ]
  }).flat()
  return HttpRouter.fromIterable(routes)
}

/**
 * Starts a host for an emulator on `options.host` / `options.port`; it stops when the scope closes.
 * Failing to listen is a `StartError`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <E>(options: Options<E>): Effect.Effect<Host, StartError, Scope.Scope> =>
  Effect.gen(function*() {
    const clock: Clock.Clock = yield* Effect.clock
    const host = options.host ?? "127.0.0.1"
    const nodeServer = Http.createServer()
    const server = yield* listen(nodeServer, host, options.port ?? 0)
    yield* Effect.addFinalizer(() => Effect.sync(() => nodeServer.closeAllConnections()))
    const port = server.address._tag === "TcpAddress" ? server.address.port : 0
    const url = `http://${urlHost(host)}:${port}${options.basePath ?? ""}`
    const requests: Array<RecordedRequest> = []
    const routed = yield* HttpRouter.toHttpApp(makeRouter(options)).pipe(HttpRouter.withRouterConfig(routerConfig))
    const authenticate = options.authenticate

    const app = Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const call = yield* readCall(request, clock.unsafeCurrentTimeMillis())
      requests.push(recorded(call))
      const authenticated = authenticate === undefined ? Effect.void : authenticate(call)
      return yield* Effect.matchEffect(authenticated, {
        onFailure: (error) => Effect.succeed(render(options.failure(error))),
        onSuccess: () =>
          routed.pipe(
            Effect.provideService(CurrentCall, call),
            Effect.provideService(HttpServerRequest.HttpServerRequest, request.modify({ url: routable(call.path) })),
            Effect.catchTag("RouteNotFound", () => Effect.succeed(render(options.notFound(call))))
          )
      }).pipe(
        Effect.catchAllCause((cause) =>
          Cause.isInterrupted(cause) ? Effect.failCause(cause) : Effect.succeed(render(options.internalError(call)))
        )
      )
    })

    const engine = yield* FaultInjection.make({ clock, failureBody: options.faultBody, url })
    // No server spans: the emulator is a test double in the caller's process, and its spans would
    // put the fake provider's side (and the request headers it got, credentials included) into
    // the traces of the code under test.
    yield* server.serve(engine.middleware(app)).pipe(HttpMiddleware.withTracerDisabledWhenEffect(() => true))

    return {
      url,
      environment: options.environment(url),
      requests: Effect.sync(() => requests.slice()),
      clearRequests: Effect.sync(() => {
        requests.length = 0
      }),
      faults: engine.faults
    }
  })

/**
 * An adapter's `layerConfig` configured from an emulator's `environment` alone (as a user's
 * shell would set it), over undici as users run it: what proves the exported environment is
 * all the adapter needs.
 *
 * @since 0.2.0
 * @category clients
 */
export const configuredFrom = <A, E, R>(
  layerConfig: Layer.Layer<A, E, R>,
  environment: Readonly<Record<string, string>>
): Layer.Layer<A, E, Exclude<R, HttpClient.HttpClient>> =>
  layerConfig.pipe(
    Layer.provide(NodeHttpClient.layerUndici),
    Layer.provide(Layer.setConfigProvider(ConfigProvider.fromJson(environment)))
  )

/**
 * Starts an emulator and builds an adapter over it (its base URL and credentials come from the
 * emulator): the emulator, to script and inspect, and the adapter's services, to provide. A
 * failure to start is a defect — a test cannot go on without its emulator.
 *
 * @example
 * import { EmulatorHost } from "@wa-admin/core/testing"
 *
 * // const { emulator, context } = yield* EmulatorHost.withAdapter(Emulator.make(), (emulator) => adapterFor(emulator))
 *
 * @since 0.2.0
 * @category constructors
 */
export const withAdapter = <Emulator, E, ROut, LE>(
  start: Effect.Effect<Emulator, E, Scope.Scope>,
  adapter: (emulator: Emulator) => Layer.Layer<ROut, LE>
): Effect.Effect<{ readonly emulator: Emulator; readonly context: Context.Context<ROut> }, never, Scope.Scope> =>
  Effect.gen(function*() {
    const emulator = yield* Effect.orDie(start)
    const context = yield* Effect.orDie(Layer.build(adapter(emulator)))
    return { emulator, context }
  })
