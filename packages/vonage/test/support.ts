/**
 * Test harness: an emulator on 127.0.0.1, a client configured for it over real HTTP, and the
 * Vonage layers built on that client.
 */
import { HttpClient, HttpClientRequest } from "@effect/platform"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { NumberLifecycle } from "@wa-admin/core"
import { Expect } from "@wa-admin/core/testing"
import { Context, Effect, Layer, Option } from "effect"
import type { Scope } from "effect"
import { generateKeyPairSync } from "node:crypto"
import { readFileSync } from "node:fs"
import { parse } from "yaml"
import { VonageEmulator } from "../src/emulator/index.js"
import { VonageAdmin, VonageClient } from "../src/index.js"

/** One RSA key pair for every emulator of a test file (generating one per test is slow). */
export const keys = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" }
})

/** A second key pair the emulator does not know. */
export const otherKeys = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" }
})

/** The services `VonageAdmin.layer` (static view) and the client offer. */
export type Services = Layer.Layer.Success<typeof VonageAdmin.layer> | VonageClient.VonageClient

export interface Harness {
  readonly emulator: VonageEmulator.Emulator
  readonly client: VonageClient.Service
  /** `VonageAdmin.layer` (static view) built on the client. */
  readonly context: Context.Context<Services>
  /** Runs an effect with `context` provided. */
  readonly run: <A, E>(effect: Effect.Effect<A, E, Services>) => Effect.Effect<A, E>
  /** Runs an effect that must fail with the error tagged `tag`, and answers that error. */
  readonly fails: <A, E extends { readonly _tag: string }, T extends E["_tag"]>(
    effect: Effect.Effect<A, E, Services>,
    tag: T
  ) => Effect.Effect<Extract<E, { readonly _tag: T }>>
}

/**
 * Starts an emulator and a client for it. `client` overrides the client options;
 * `http` replaces the HTTP client layer (to interfere with requests in transit).
 */
export const harness = (options?: {
  readonly emulator?: VonageEmulator.Options
  readonly client?: Partial<VonageClient.Options>
  readonly http?: Layer.Layer<HttpClient.HttpClient>
}): Effect.Effect<Harness, never, Scope.Scope> =>
  Effect.gen(function*() {
    const emulator = yield* Effect.orDie(
      VonageEmulator.make({ publicKey: keys.publicKey, stageDuration: "1 second", ...options?.emulator })
    )
    const http = yield* Layer.build(options?.http ?? NodeHttpClient.layerUndici)
    const client = yield* VonageClient.make({
      applicationId: emulator.credentials.applicationId,
      privateKey: keys.privateKey,
      baseUrl: emulator.url,
      templatesUrl: emulator.templatesUrl,
      ...options?.client
    }).pipe(Effect.provide(http), Effect.orDie)
    const clientContext = Context.make(VonageClient.VonageClient, client)
    const admin = yield* Layer.build(VonageAdmin.layer.pipe(Layer.provide(Layer.succeedContext(clientContext))))
    const context = Context.merge(admin, clientContext)
    const run: Harness["run"] = (effect) => Effect.provide(effect, context)
    return { emulator, client, context, run, fails: (effect, tag) => expectFailure(run(effect), tag) }
  })

/** An HTTP client whose first request carries a token the provider refuses (revoked, say). */
export const refusedFirstToken = Layer.effect(
  HttpClient.HttpClient,
  Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    let sent = 0
    return HttpClient.mapRequest(
      client,
      (request) =>
        sent++ === 0 ? HttpClientRequest.setHeader(request, "authorization", "Bearer revoked.token.value") : request
    )
  })
).pipe(Layer.provide(NodeHttpClient.layerUndici))

/** The latest code the emulator sent for a deployment. */
export const codeFor = (emulator: VonageEmulator.Emulator, deploymentId: string) =>
  Effect.flatMap(emulator.lastCode(deploymentId), (code) =>
    Option.match(code, {
      onNone: () => Effect.dieMessage(`no code was sent for ${deploymentId}`),
      onSome: Effect.succeed
    }))

/** A provisioning request the emulator accepts. */
export const provisioning = (phoneNumber = "+447700900001") => ({
  phoneNumber,
  wabaId: "123456789123",
  providerOptions: { vonage: { vnameCertificate: "AbCdEFGHiJK123456" } },
  verificationMethod: "sms" as const
})

/** Narrows an error to one tag, failing the test (with the error shown) otherwise (core/testing's `Expect.tag`). */
export const expectTag = Expect.tag

/** Runs a call that must fail and narrows its error to one tag (core/testing's `Expect.failure`). */
export const expectFailure = Expect.failure

/** The provider's OpenAPI document (the verbatim copy in ./emulator/fixtures), parsed. */
export const openApiDocument: unknown = parse(
  readFileSync(new URL("./emulator/fixtures/vonage-whatsapp-manager.openapi.yaml", import.meta.url), "utf8")
)

const isRecord = (value: unknown): value is { readonly [key: string]: unknown } =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** The first `enum` of a property `name` found anywhere in an OpenAPI document. */
const propertyEnum = (node: unknown, name: string): ReadonlyArray<unknown> | undefined => {
  if (Array.isArray(node)) return node.map((item) => propertyEnum(item, name)).find((found) => found !== undefined)
  if (!isRecord(node)) return undefined
  const property = isRecord(node["properties"]) ? node["properties"][name] : undefined
  if (isRecord(property) && Array.isArray(property["enum"])) return property["enum"]
  return Object.values(node).map((child) => propertyEnum(child, name)).find((found) => found !== undefined)
}

/** The enum of Vonage's profile schema, read from vonage-whatsapp-manager.openapi.yaml. */
export const vonageDocumented: ReadonlyArray<string> = (propertyEnum(openApiDocument, "vertical") ?? []).map(String)

/** A harness with one deployment provisioned (its requests cleared); `run` provides the Vonage services. */
export const withDeployment = Effect.gen(function*() {
  const setup = yield* harness()
  const { id } = yield* NumberLifecycle.provision(provisioning()).pipe(Effect.provide(setup.context))
  yield* setup.emulator.clearRequests
  return { ...setup, id }
})
