/**
 * A scripted fake `HttpClient`, a recording `Tracer` and a recording `Logger` for the transport
 * tests. The fake answers each request with the next scripted reply (the last one repeats) and
 * records what reached it and when (on the `TestClock`).
 */
import { HttpClient, HttpClientError, HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { Transport } from "@wa-admin/core"
import { RecordingLogger, RecordingTracer } from "@wa-admin/core/testing"
import { Cause, Clock, Duration, Effect, Exit, Fiber, Option, TestClock } from "effect"

export interface Sent {
  readonly method: string
  readonly url: string
  readonly host: string
  readonly headers: Readonly<Record<string, string>>
  readonly at: number
}

export type Reply = (
  request: HttpClientRequest.HttpClientRequest
) => Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>

export const respond = (status: number, body?: unknown, headers?: Record<string, string>): Reply => (request) =>
  Effect.sync(() =>
    HttpClientResponse.fromWeb(
      request,
      new Response(
        body === undefined || status === 204 || status === 304
          ? null
          : typeof body === "string"
          ? body
          : JSON.stringify(body),
        { status, headers: { "content-type": "application/json", ...headers } }
      )
    )
  )

/** A connection failure carrying a Node-style error code, as fetch reports it (`TypeError: fetch failed` + cause). */
export const transportError = (code: string, message = `connect ${code} 203.0.113.7:443`): Reply => (request) =>
  Effect.fail(
    new HttpClientError.RequestError({
      request,
      reason: "Transport",
      cause: new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) })
    })
  )

/** No response at all: the request hangs before any header arrives. */
export const hang: Reply = () => Effect.never

/** The headers arrive, the body never ends. */
export const stallBody: Reply = (request) =>
  Effect.sync(() =>
    HttpClientResponse.fromWeb(request, new Response(new ReadableStream({ start: () => undefined }), { status: 200 }))
  )

/** How many body bytes the client took from each streamed answer, in the order they were answered. */
export interface Meter {
  readonly pulled: Array<number>
}

/**
 * An answer whose body (`prefix`, then `fill` up to `total` bytes, then `suffix`) is made on the
 * fly, one `chunk` at a time, as the client pulls it; nothing is built ahead. The meter counts
 * the bytes each answer handed out, so a test can tell how far the client read.
 */
export const streamed = (
  status: number,
  options: {
    readonly total: number
    readonly chunk?: number
    readonly prefix?: string
    readonly suffix?: string
    readonly fill?: string
    readonly headers?: Record<string, string>
  }
) => {
  const meter: Meter = { pulled: [] }
  const encoder = new TextEncoder()
  const size = options.chunk ?? 64 * 1024
  const prefix = encoder.encode(options.prefix ?? "")
  const suffix = encoder.encode(options.suffix ?? "")
  const filler = encoder.encode((options.fill ?? "x").repeat(size))
  const reply: Reply = (request) =>
    Effect.sync(() => {
      const index = meter.pulled.push(0) - 1
      let sent = 0
      const body = new ReadableStream<Uint8Array>({
        pull: (controller) => {
          const left = options.total - sent
          if (left <= 0) return controller.close()
          const piece = sent < prefix.length
            ? prefix.subarray(sent, sent + Math.min(left, size))
            : left <= suffix.length
            ? suffix.subarray(suffix.length - left)
            : filler.subarray(0, Math.min(size, left - suffix.length))
          sent += piece.length
          meter.pulled[index] = sent
          controller.enqueue(piece)
        }
      })
      return HttpClientResponse.fromWeb(
        request,
        new Response(body, { status, headers: { "content-type": "application/json", ...options.headers } })
      )
    })
  return { reply, meter }
}

export interface Fake {
  readonly client: HttpClient.HttpClient
  readonly sent: Array<Sent>
}

export const fakeClient = (...replies: ReadonlyArray<Reply>): Fake => {
  const sent: Array<Sent> = []
  const client = HttpClient.make((request, url) =>
    Effect.gen(function*() {
      const at = yield* Clock.currentTimeMillis
      sent.push({ method: request.method, url: url.toString(), host: url.host, headers: { ...request.headers }, at })
      const reply = replies[Math.min(sent.length - 1, replies.length - 1)]
      if (reply === undefined) return yield* Effect.die("no reply scripted")
      return yield* reply(request)
    })
  )
  return { client, sent }
}

export const makeTransport = (fake: Fake, options: Partial<Transport.Options> = {}) =>
  Transport.make({ provider: "acme", ...options }).pipe(Effect.provideService(HttpClient.HttpClient, fake.client))

/** A fake client giving `replies` in turn, and a transport over it. */
export const fakeTransport = (...replies: ReadonlyArray<Reply>) => {
  const fake = fakeClient(...replies)
  return Effect.map(makeTransport(fake), (transport) => ({ fake, transport }))
}

export const get = (path = "/v1/things/1"): Transport.Call => ({
  operation: "numbers.status",
  request: Transport.request("GET", "https://api.acme.test", path),
  idempotent: true
})

export const post = (path = "/v1/things"): Transport.Call => ({
  operation: "numbers.provision",
  request: HttpClientRequest.bodyUnsafeJson(Transport.request("POST", "https://api.acme.test", path), { name: "x" }),
  idempotent: false
})

export interface Outcome<A, E> {
  readonly exit: Exit.Exit<A, E>
  /** How long (TestClock millis) after it started the call ended. */
  readonly endedAt: number
}

/**
 * Runs an effect in a fiber and moves the `TestClock` until it ends (at most `limit`); answers
 * how it ended and when.
 */
export const drive = <A, E>(
  effect: Effect.Effect<A, E>,
  limit: Duration.DurationInput = "10 minutes"
): Effect.Effect<Outcome<A, E>> =>
  Effect.gen(function*() {
    const startedAt = yield* Clock.currentTimeMillis
    const fiber = yield* Effect.fork(Effect.zip(Effect.exit(effect), Clock.currentTimeMillis))
    yield* TestClock.adjust(limit)
    const [exit, endedAt] = yield* Fiber.join(fiber)
    return { exit, endedAt: endedAt - startedAt }
  })

/** Executes one call through a fresh transport over `fake`, without jitter, driving the test clock to its end. */
export const executeOnce = (fake: Fake, call: Transport.Call) =>
  Effect.flatMap(
    makeTransport(fake),
    (transport) => drive(Transport.withPolicy({ jitter: "none" })(transport.execute(call)))
  )

export const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error(`expected a failure, got ${JSON.stringify(exit.value)}`)
  const failure = Cause.failureOption(exit.cause)
  if (Option.isNone(failure)) throw new Error(`expected a typed failure, got ${Cause.pretty(exit.cause)}`)
  return failure.value
}

export const successOf = <A, E>(exit: Exit.Exit<A, E>): A => {
  if (Exit.isFailure(exit)) throw new Error(`expected a success, got ${Cause.pretty(exit.cause)}`)
  return exit.value
}

export const recordingTracer = RecordingTracer.make

/** A logger that keeps every line (message, annotations, cause) as text, at every level. */
export const recordingLogger = RecordingLogger.make
