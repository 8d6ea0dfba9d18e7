/**
 * Test harness: a loopback Graph API on 127.0.0.1 whose answers each test scripts (every
 * request it receives is recorded: method, path, query, headers, body, multipart parts), a file
 * server for the URLs the adapter fetches, and the Meta adapter over real HTTP.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert } from "@effect/vitest"
import type { AdminError, QuotaLedger } from "@wa-admin/core"
import { EmulatorHost, Expect, SampleFiles } from "@wa-admin/core/testing"
import { Context, Effect, Layer } from "effect"
import type { Scope } from "effect"
import * as Http from "node:http"
import { MetaAdmin, MetaClient, MetaQuota } from "../src/index.js"

/** A high-entropy fake access token and app secret (the canaries of the redaction tests). */
export const token = "EAAGcanary0Tok3n-value.with%odd+chars/ZZ9kq"
export const appSecret = "s3cr3t-app-canary.%+/0a1b2c3d4e5f"
export const appId = "1234567890"
export const wabaId = "102290129340398"
export const phoneNumberId = "106540352242922"

/** What a scripted Graph answers a call with. */
export type Script = (call: EmulatorHost.Call) => EmulatorHost.Reply

/** A loopback Graph API whose answers a test scripts. */
export interface Graph {
  /** `http://127.0.0.1:PORT` (the version is the first path segment of every request). */
  readonly url: string
  readonly requests: Effect.Effect<ReadonlyArray<EmulatorHost.RecordedRequest>>
  readonly clearRequests: Effect.Effect<void>
  /** Replaces the script. */
  readonly answer: (script: Script) => void
  readonly faults: EmulatorHost.Host["faults"]
}

const ok: Script = () => ({ status: 200, body: { success: true } })

/** A Graph error body. */
export const graphError = (code: number, extra: Record<string, unknown> = {}) => ({
  error: { message: `error ${code}`, type: "OAuthException", code, fbtrace_id: "AbCdTrace", ...extra }
})

/** Starts a scripted Graph API (default answer: `{ success: true }`). */
export const graph: Effect.Effect<Graph, never, Scope.Scope> = Effect.gen(function*() {
  let script = ok
  const handler = (call: EmulatorHost.Call) => Effect.sync(() => script(call))
  const routes: EmulatorHost.Routes<never> = {
    "GET /:version/:id": handler,
    "POST /:version/:id": handler,
    "DELETE /:version/:id": handler,
    "GET /:version/:id/:edge": handler,
    "POST /:version/:id/:edge": handler,
    "DELETE /:version/:id/:edge": handler,
    "GET /:version/:id/:edge/:item": handler,
    "DELETE /:version/:id/:edge/:item": handler
  }
  const host = yield* Effect.orDie(
    EmulatorHost.make<never>({
      routes,
      failure: () => ({ status: 500, body: graphError(1) }),
      notFound: () => ({ status: 404, body: graphError(803) }),
      internalError: () => ({ status: 500, body: graphError(1) }),
      faultBody: (status) => graphError(status === 401 ? 190 : 2),
      environment: (url) => ({ META_GRAPH_URL: url })
    })
  )
  return {
    url: host.url,
    requests: host.requests,
    clearRequests: host.clearRequests,
    answer: (next) => {
      script = next
    },
    faults: host.faults
  }
})

/** A file server on 127.0.0.1: `GET /<name>` answers the file (its content type given), anything else 404. */
export const files = (
  served: Readonly<Record<string, { readonly bytes: Uint8Array; readonly type: string }>>
): Effect.Effect<{ readonly url: (name: string) => string }, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.async<Http.Server>((resume) => {
      const server = Http.createServer((request, response) => {
        const file = served[(request.url ?? "/").slice(1)]
        if (file === undefined) {
          response.writeHead(404).end()
          return
        }
        response.writeHead(200, { "content-type": file.type, "content-length": String(file.bytes.length) }).end(
          Buffer.from(file.bytes)
        )
      })
      server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
    }),
    (server) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  ).pipe(
    Effect.map((server) => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      return { url: (name: string) => `http://127.0.0.1:${port}/${name}` }
    })
  )

/** Small files of well-known types. */
export const { jpeg, mp4, pdf, png } = SampleFiles

export type AdminContext = Context.Context<Layer.Layer.Success<typeof MetaAdmin.layer> | MetaClient.MetaClient>

/** The Meta adapter (static view) over a scripted Graph, with a memory ledger unless one is given. */
export const adapter = (
  target: Graph,
  options: Partial<MetaClient.Options> = {},
  ledger: Layer.Layer<QuotaLedger.QuotaLedger> = MetaQuota.layerMemory
): Effect.Effect<AdminContext, never, Scope.Scope> =>
  Effect.gen(function*() {
    const client = MetaClient.layer({ accessToken: token, appSecret, appId, wabaId, baseUrl: target.url, ...options })
      .pipe(
        Layer.provide(Layer.merge(NodeHttpClient.layerUndici, ledger)),
        Layer.orDie
      )
    return yield* Layer.build(Layer.merge(MetaAdmin.layer.pipe(Layer.provide(client)), client))
  })

/** A scripted Graph and the adapter (static view, default options) over it. */
export const graphAdapter: Effect.Effect<
  { readonly target: Graph; readonly context: AdminContext },
  never,
  Scope.Scope
> = Effect.gen(function*() {
  const target = yield* graph
  return { target, context: yield* adapter(target) }
})

/** A scripted Graph answering every call with `body` (status 200), and the adapter over it. */
export const graphAnswering = (body: unknown) =>
  Effect.map(graphAdapter, (served) => {
    served.target.answer(() => ({ status: 200, body }))
    return served
  })

/** Narrows an error to one tag, failing the test (with the error shown) otherwise (core/testing's `Expect.tag`). */
export const expectTag = Expect.tag

/** Runs a call on the adapter that must fail, and answers its error narrowed to one tag. */
export const failure = <A, E extends { readonly _tag: string }, R, T extends E["_tag"]>(
  context: Context.Context<R>,
  call: Effect.Effect<A, E, R>,
  expected: T
): Effect.Effect<Extract<E, { readonly _tag: T }>> => Expect.failure(Effect.provide(call, context), expected)

/**
 * Runs a call on the adapter that must be refused here: an `InvalidInput` naming exactly `fields`,
 * and nothing sent to the Graph API. Answers the error.
 */
export const refusedLocally = <A, R>(
  target: Graph,
  context: Context.Context<R>,
  call: Effect.Effect<A, AdminError.AdminError, R>,
  fields: ReadonlyArray<string>
): Effect.Effect<AdminError.InvalidInput> =>
  Effect.gen(function*() {
    const error = yield* failure(context, call, "InvalidInput")
    assert.deepStrictEqual(error.issues.map((issue) => issue.field), fields)
    assert.strictEqual((yield* target.requests).length, 0)
    return error
  })

/** The last request a scripted Graph received. */
export const lastRequest = (target: Graph) =>
  Effect.map(target.requests, (requests) => {
    const last = requests[requests.length - 1]
    if (last === undefined) throw new Error("no request reached the Graph API")
    return last
  })
