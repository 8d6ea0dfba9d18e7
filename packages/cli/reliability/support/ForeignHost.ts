/**
 * Another host on loopback (127.0.0.2 where the system routes it, else another port of
 * 127.0.0.1) that a fault redirects to. It answers 200 to anything and keeps every request, so
 * a test can count what reached it and whether it carried credentials.
 */
import { Effect } from "effect"
import type { Scope } from "effect"
import * as Http from "node:http"

/** One request the foreign host received. */
export interface ForeignRequest {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly bodyText: string
}

export interface ForeignHost {
  /** `http://HOST:PORT`, without a trailing slash. */
  readonly url: string
  readonly requests: () => ReadonlyArray<ForeignRequest>
  /** The requests that carried an `Authorization` or `api-key` header or any of the secrets. */
  readonly credentialed: (secrets: ReadonlyArray<string>) => ReadonlyArray<ForeignRequest>
}

const listen = (server: Http.Server, host: string): Effect.Effect<number, Error> =>
  Effect.async<number, Error>((resume) => {
    const onError = (error: Error) => resume(Effect.fail(error))
    server.once("error", onError)
    server.listen(0, host, () => {
      server.off("error", onError)
      const address = server.address()
      resume(Effect.succeed(typeof address === "object" && address !== null ? address.port : 0))
    })
  })

const carries = (request: ForeignRequest, secrets: ReadonlyArray<string>): boolean =>
  request.headers["authorization"] !== undefined ||
  request.headers["api-key"] !== undefined ||
  secrets.some(
    (secret) =>
      secret.length > 0 &&
      (request.url.includes(secret) ||
        request.url.includes(encodeURIComponent(secret)) ||
        request.bodyText.includes(secret) ||
        Object.values(request.headers).some((value) => value.includes(secret)))
  )

/** Starts the foreign host for the scope. */
export const make: Effect.Effect<ForeignHost, never, Scope.Scope> = Effect.gen(function*() {
  const received: Array<ForeignRequest> = []
  const server = yield* Effect.acquireRelease(
    Effect.sync(() =>
      Http.createServer((request, response) => {
        const chunks: Array<Buffer> = []
        request.on("data", (chunk: Buffer) => chunks.push(chunk))
        request.on("end", () => {
          const headers: Record<string, string> = {}
          for (const [name, value] of Object.entries(request.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value
          }
          received.push({
            method: request.method ?? "",
            url: request.url ?? "",
            headers,
            bodyText: Buffer.concat(chunks).toString("utf8")
          })
          response.writeHead(200, { "content-type": "application/json" })
          response.end(JSON.stringify({ ok: 1, note: "the foreign host" }))
        })
      })
    ),
    (server) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )
  const { host, port } = yield* listen(server, "127.0.0.2").pipe(
    Effect.map((port) => ({ host: "127.0.0.2", port })),
    Effect.orElse(() => Effect.map(listen(server, "127.0.0.1"), (port) => ({ host: "127.0.0.1", port }))),
    Effect.orDie
  )
  return {
    url: `http://${host}:${port}`,
    requests: () => received.slice(),
    credentialed: (secrets) => received.filter((request) => carries(request, secrets))
  }
})
