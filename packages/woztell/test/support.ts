import type { HttpClient, HttpClientRequest } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { it } from "@effect/vitest"
import type { Port } from "@wa-admin/core"
import { Expect, FakeHttp, RecordingLogger, RecordingTracer } from "@wa-admin/core/testing"
import { QuotaStore, WoztellAdmin, WoztellClient } from "@wa-admin/woztell"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Effect, Layer, Redacted } from "effect"
import type { ConfigError, Context, Scope } from "effect"
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

type Services = Port.Services | WoztellAdmin.Extensions

/** The adapter's complete layer over an `HttpClient`, keeping a configuration the client refuses as its `ConfigError`. */
export const adminOrConfigError = (
  http: Layer.Layer<HttpClient.HttpClient>,
  options: WoztellClient.Options,
  quota: Layer.Layer<QuotaStore.QuotaStore> = QuotaStore.layerMemory()
): Layer.Layer<Services, ConfigError.ConfigError> =>
  WoztellAdmin.layerComplete.pipe(
    Layer.provide(WoztellClient.layer(options).pipe(Layer.provide(quota))),
    Layer.provide(http)
  )

/** The adapter's complete layer over an emulator (undici), with a given (default: in-memory) quota store. */
export const adminLayer = (
  options: WoztellClient.Options,
  quota: Layer.Layer<QuotaStore.QuotaStore> = QuotaStore.layerMemory()
): Layer.Layer<Services> => Layer.orDie(adminOrConfigError(NodeHttpClient.layerUndici, options, quota))

/** The base URL a fake `HttpClient` pretends to serve. */
export const fakeBaseUrl = "https://woztell.test/v1.2/api"

/** The signed context of WOZTELL's document example: its channel, app, app integration and signature. */
export const documentSignedContext = {
  appId: "699802d69a73fc555f1c6bc4",
  appIntegrationId: "696327325430a1cbd131dfdf",
  channelId: "696327315430a1f98231dfde",
  signature: "1RJ7rKRTHbOBoY95AgtXF5WT2578gy9+b4ekBp727cQ="
}

/** Client settings for a fake `HttpClient`: the document's signed context, no default WABA or number. */
export const fakeSettings: WoztellClient.Options = {
  accessToken: Redacted.make("token-0123456789-secret"),
  baseUrl: fakeBaseUrl,
  channelId: documentSignedContext.channelId,
  appId: documentSignedContext.appId,
  appIntegrationId: documentSignedContext.appIntegrationId,
  appIntegrationSignature: Redacted.make(documentSignedContext.signature)
}

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

/** Generous: the machine running the suite may be busy; nothing here waits on real time. */
export const timeout = 60_000

/** What a {@link scenario} gets: the emulator, the adapter over it, and the emulator's credentials. */
export interface Scenario {
  readonly emulator: WoztellEmulator.Emulator
  readonly context: Context.Context<Services>
  readonly run: <A, E>(effect: Effect.Effect<A, E, Services>) => Effect.Effect<A, E>
  readonly credentials: WoztellEmulator.Credentials
}

/** A test against a fresh emulator and the adapter over it (see {@link setup}), with the generous {@link timeout}. */
export const scenario = <E>(name: string, test: (scenario: Scenario) => Effect.Effect<void, E, Scope.Scope>) =>
  it.scoped(
    name,
    () => Effect.flatMap(setup(), (harness) => test({ ...harness, credentials: harness.emulator.credentials })),
    timeout
  )

/**
 * A {@link scenario} whose WABA holds `templates` (WOZTELL's wire format, {@link wireTemplate})
 * before the test starts; `seeded` is what the emulator stored, ids included.
 */
export const seededScenario = <E>(
  name: string,
  templates: ReadonlyArray<ReturnType<typeof wireTemplate>>,
  test: (
    scenario: Scenario & {
      readonly seeded: Effect.Effect.Success<ReturnType<WoztellEmulator.Emulator["seedTemplates"]>>
    }
  ) => Effect.Effect<void, E, Scope.Scope>
) =>
  scenario(name, (harness) =>
    Effect.flatMap(
      harness.emulator.seedTemplates(harness.credentials.wabaId, templates),
      (seeded) => test({ ...harness, seeded })
    ))

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

/** A template of one body in WOZTELL's wire format, for seeding the emulator; `fields` adds a status, an id… */
export const wireTemplate = (
  name: string,
  language: string,
  category: string,
  text: string,
  fields: Readonly<Record<string, string>> = {}
) => ({ name, language, category, components: [wireBody(text)], ...fields })

/** Narrows an error to one tag, failing the test (with the error shown) otherwise (core/testing's `Expect.tag`). */
export const expectTag = Expect.tag

/** Runs a call that must fail and narrows its error to one tag (core/testing's `Expect.failure`). */
export const expectFailure = Expect.failure

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
  const layer = Layer.orDie(adminOrConfigError(http.layer, { ...fakeSettings, ...options }))
  return { layer, requests: http.requests }
}
