/**
 * The HTTP application: records every request, parses it, dispatches on `METHOD /path` below
 * `/v1.2/api`, and renders replies and failures.
 *
 * @internal
 */
import { HttpServerRequest, HttpServerResponse } from "@effect/platform"
import type { Clock } from "effect"
import { Effect, Option } from "effect"
import { type Call, type Failure, failureBody, type Handler, invalid, notFound } from "./http.js"
import type { State } from "./state.js"

/** The path prefix every endpoint lives under. */
export const basePath = "/v1.2/api"

const render = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  HttpServerResponse.unsafeJson(body, { status, headers })

const renderFailure = (failure: Failure) =>
  render(
    failure.status,
    failureBody(failure),
    failure.retryAfterSeconds === undefined ? {} : { "retry-after": String(failure.retryAfterSeconds) }
  )

const isJson = (contentType: string | undefined) =>
  contentType !== undefined && /^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim())

/** Parses the body: JSON when sent as JSON; any other non-empty body cannot be read. */
const parseBody = (text: string, contentType: string | undefined): Effect.Effect<unknown, Failure> => {
  if (text === "") return Effect.succeed(undefined)
  if (!isJson(contentType)) {
    return Effect.fail(invalid("the request body must be JSON, sent with Content-Type: application/json"))
  }
  try {
    return Effect.succeed(JSON.parse(text))
  } catch {
    return Effect.fail(invalid("the request body is not valid JSON"))
  }
}

const jsonOrUndefined = (text: string, contentType: string | undefined): unknown => {
  if (text === "" || !isJson(contentType)) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The HTTP app serving `routes` over `state`, reading time from `clock`. */
export const makeApp = (state: State, clock: Clock.Clock, routes: Readonly<Record<string, Handler>>) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const url = new URL(request.url, "http://emulator.local")
    const query: Record<string, string> = {}
    url.searchParams.forEach((value, key) => {
      query[key] = value
    })
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value
    const bodyText = yield* request.text.pipe(Effect.orElseSucceed(() => ""))
    const contentType = headers["content-type"]
    state.requests.push({
      method: request.method,
      path: url.pathname,
      query,
      headers,
      bodyText,
      body: jsonOrUndefined(bodyText, contentType)
    })
    const path = url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : undefined
    const handler = Option.fromNullable(path === undefined ? undefined : routes[`${request.method} ${path}`])
    if (Option.isNone(handler)) {
      return renderFailure(notFound(`Cannot ${request.method} ${url.pathname}`))
    }
    const now = clock.unsafeCurrentTimeMillis()
    return yield* parseBody(bodyText, contentType).pipe(
      Effect.flatMap((body) => {
        const call: Call = { method: request.method, path: path ?? "", query, headers, body, now }
        return handler.value(call)
      }),
      Effect.match({
        onFailure: renderFailure,
        onSuccess: (reply) => render(reply.status, reply.body)
      })
    )
  })
