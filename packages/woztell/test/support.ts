import type { HttpClientRequest } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import type { Port } from "@wa-admin/core"
import { FakeHttp, RecordingLogger, RecordingTracer } from "@wa-admin/core/testing"
import { QuotaStore, WoztellAdmin, WoztellClient } from "@wa-admin/woztell"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Effect, Layer, Redacted } from "effect"
import type { Context, Scope } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import * as path from "node:path"

/** Client options for an emulator's credentials (every setting configured). */
export const clientOptions = (emulator: WoztellEmulator.Emulator): WoztellClient.Options => ({
  accessToken: Redacted.make(emulator.credentials.accessToken),
  baseUrl: emulator.url,
  channelId: emulator.credentials.channelId,
  appId: emulator.credentials.appId,
  appIntegrationId: emulator.credentials.appIntegrationId,
  appIntegrationSignature: Redacted.make(emulator.credentials.signature),
  wabaId: emulator.credentials.wabaId,
  phoneNumberId: emulator.credentials.phoneNumberId
})

/** A fresh directory under the system's temporary one, removed when the scope closes. */
export const temporaryDirectory: Effect.Effect<string, never, Scope.Scope> = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(path.join(tmpdir(), "wa-admin-woztell-quota-"))),
  (directory) => Effect.sync(() => rmSync(directory, { recursive: true, force: true }))
)

/** The adapter's complete layer over an emulator, with a given (default: in-memory) quota store. */
export const adminLayer = (
  options: WoztellClient.Options,
  quota: Layer.Layer<QuotaStore.QuotaStore> = QuotaStore.layerMemory()
): Layer.Layer<Port.Services | WoztellAdmin.Extensions> =>
  WoztellAdmin.layerComplete.pipe(
    Layer.provide(WoztellClient.layer(options).pipe(Layer.provide(quota), Layer.orDie)),
    Layer.provide(NodeHttpClient.layerUndici)
  )

type Services = Port.Services | WoztellAdmin.Extensions

/** An emulator and the adapter built over it, in the caller's scope. */
export const setup = (
  options: {
    readonly emulator?: WoztellEmulator.Options
    readonly client?: (emulator: WoztellEmulator.Emulator) => WoztellClient.Options
    readonly quota?: Layer.Layer<QuotaStore.QuotaStore>
  } = {}
): Effect.Effect<
  {
    readonly emulator: WoztellEmulator.Emulator
    readonly context: Context.Context<Services>
    readonly run: <A, E>(effect: Effect.Effect<A, E, Services>) => Effect.Effect<A, E>
  },
  never,
  Scope.Scope
> =>
  Effect.gen(function*() {
    const emulator = yield* Effect.orDie(WoztellEmulator.make(options.emulator))
    const context = yield* Layer.build(
      adminLayer((options.client ?? clientOptions)(emulator), options.quota ?? QuotaStore.layerMemory())
    )
    return { emulator, context, run: (effect) => Effect.provide(effect, context) }
  })

/** The requests that reached one path below `/v1.2/api`. */
export const requestsTo = (emulator: WoztellEmulator.Emulator, method: string, path: string) =>
  Effect.map(
    emulator.requests,
    (requests) => requests.filter((request) => request.method === method && request.path === `/v1.2/api${path}`)
  )

/** The single request that reached a path, failing the test when there is not exactly one. */
export const onlyRequest = (emulator: WoztellEmulator.Emulator, method: string, path: string) =>
  Effect.flatMap(requestsTo(emulator, method, path), (requests) =>
    requests.length === 1 && requests[0] !== undefined
      ? Effect.succeed(requests[0])
      : Effect.dieMessage(`expected exactly one ${method} ${path}, got ${requests.length}`))

/** A template body component in WOZTELL's wire format, for seeding the emulator. */
export const wireBody = (text: string) => ({ type: "BODY", text })

/** A tracer that keeps every span (see `RecordingTracer` in @wa-admin/core/testing). */
export const recordingTracer = RecordingTracer.make

/** A logger that keeps every line (message, annotations, cause) as text, at every level. */
export const recordingLogger = RecordingLogger.make

/** An HttpClient answering every request from a function (for answers the emulator never gives). */
export const fakeHttpClient = (
  answer: (request: HttpClientRequest.HttpClientRequest) => { readonly status: number; readonly body: unknown }
) =>
  FakeHttp.fakeHttp((request) => {
    const { body, status } = answer(request)
    return { status, body: typeof body === "string" ? new FakeHttp.RawText(body) : body }
  })

/** The adapter over a fake HttpClient. */
export const fakeAdmin = (
  answer: (request: HttpClientRequest.HttpClientRequest) => { readonly status: number; readonly body: unknown },
  options: Partial<WoztellClient.Options> = {}
): {
  readonly layer: Layer.Layer<Port.Services | WoztellAdmin.Extensions>
  readonly requests: ReadonlyArray<HttpClientRequest.HttpClientRequest>
} => {
  const http = fakeHttpClient(answer)
  const layer = WoztellAdmin.layerComplete.pipe(
    Layer.provide(
      WoztellClient.layer({
        accessToken: Redacted.make("token-0123456789-secret"),
        baseUrl: "https://woztell.test/v1.2/api",
        channelId: "696327315430a1f98231dfde",
        appId: "699802d69a73fc555f1c6bc4",
        appIntegrationId: "696327325430a1cbd131dfdf",
        appIntegrationSignature: Redacted.make("1RJ7rKRTHbOBoY95AgtXF5WT2578gy9+b4ekBp727cQ="),
        ...options
      }).pipe(Layer.provide(QuotaStore.layerMemory()), Layer.orDie)
    ),
    Layer.provide(http.layer)
  )
  return { layer, requests: http.requests }
}
