/**
 * An in-process emulator of Vonage's WhatsApp Manager API (`/v0.1/whatsapp-manager`), written
 * from the provider's OpenAPI document alone, so that it can catch an adapter's mistakes.
 *
 * It serves all seventeen operations of the document: deployments that move through their
 * lifecycle on the Effect `Clock` (so `TestClock.adjust` drives them), OTP codes delivered to an
 * inspectable outbox, the business profile and photo, and stickerpacks. Every request must carry
 * an RS256 JWT for the application; every error is a problem body as the document shows.
 * Everything it saw and did is recorded for tests, and `faults` injects the failures real
 * networks and providers produce (429 with any `Retry-After`, 5xx, resets, silence, stalled or
 * truncated bodies, garbled 200s, an expired-token 401, redirects) per route and request count.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { VonageEmulator } from "@wa-admin/vonage/emulator"
 *
 * const program = Effect.gen(function*() {
 *   const emulator = yield* VonageEmulator.make({ stageDuration: "10 millis" })
 *   // configure a client with emulator.url, emulator.credentials.applicationId and .privateKey
 *   const requests = yield* emulator.requests
 * }).pipe(Effect.scoped)
 * ```
 *
 * @since 0.1.0
 */
import { EmulatorHost } from "@wa-admin/core/testing"
import type { FaultInjection } from "@wa-admin/core/testing"
import { Context, Duration, Effect, Layer, Option } from "effect"
import type { Scope } from "effect"
import { identity } from "effect/Function"
import { importSPKI } from "jose"
import * as Crypto from "node:crypto"
import * as Http from "node:http"
import { refusal } from "./internal/auth.js"
import type { Reply } from "./internal/reply.js"
import { notFound, problem, unauthorized } from "./internal/reply.js"
import type { Settings } from "./internal/routes.js"
import { basePath, methodNotAllowed, routes, unknownPath } from "./internal/routes.js"
import { Store } from "./internal/store.js"
import { Throttle } from "./internal/throttle.js"

// The fault-injection models of `emulator.faults`, the same for every emulator.
/** @since 0.1.0 */ export type Arrival = FaultInjection.Arrival
/** @since 0.1.0 */ export type Fault = FaultInjection.Fault
/** @since 0.1.0 */ export type FaultRule = FaultInjection.FaultRule
/** @since 0.1.0 */ export type Faults = FaultInjection.Faults
/** @since 0.1.0 */ export type RetryAfter = FaultInjection.RetryAfter

/**
 * How to start an emulator. Every field is optional.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Interface to bind. Default `"127.0.0.1"`. */
  readonly host?: string
  /** Port to bind; `0` picks a free one. Default `0`. */
  readonly port?: number
  /** The Vonage application whose JWTs are accepted. Default: a fresh UUID. */
  readonly applicationId?: string
  /**
   * The application's public key (SPKI PEM) that verifies JWTs. When absent the emulator
   * generates an RSA key pair and hands out the private key in `credentials.privateKey`.
   */
  readonly publicKey?: string
  /** How long each automatic lifecycle stage takes. Default `"200 millis"`. */
  readonly stageDuration?: Duration.DurationInput
  /** Wrong codes accepted before verification is blocked until a resend. Default `3`. */
  readonly maxVerifyAttempts?: number
  /**
   * Rate limit: at most `limit` requests of each operation (method + path template) per
   * sliding `window`; more are answered 429 `throttled` with a `Retry-After` in seconds.
   * Default: no limit.
   */
  readonly throttle?: { readonly limit: number; readonly window: Duration.DurationInput }
  /** vname certificates WhatsApp refuses: their deployments end in ERROR "Invalid vname certificate". */
  readonly errorCertificates?: ReadonlyArray<string>
  /** WABA ids the account may not provision: creating a deployment for one is answered 403 `forbidden`. */
  readonly forbiddenWabaIds?: ReadonlyArray<string>
  /** The account's API key, reported as each deployment's `api_key`. Default: 8 random hex digits. */
  readonly apiKey?: string
  /** The verified business name reported by resend-otp as `vname`. Default `"wa-admin emulator"`. */
  readonly vname?: string
}

/**
 * One request the emulator received: the path as sent (still percent-encoded) without the query
 * string, lower-case header names, the body text and the body parsed when it was sent as JSON.
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordedRequest extends EmulatorHost.RecordedRequest {}

/**
 * Why `make` (or `layer`) failed to start the emulator: the port is taken or out of range, the
 * host unknown; `message` says so in one line.
 *
 * @since 0.1.0
 * @category errors
 */
export import StartError = EmulatorHost.StartError

/**
 * One change that took effect, named by the document's operationId (`createDeployment`,
 * `deleteDeployment`, `resend-otp`, `verify`, `updateProfile`, `updateProfilePhoto`,
 * `createStickerpacks`, `createStickers`, `deleteStickerByIndex`) and keyed by the deployment id
 * (stickerpack id for packs, `packId/index` for stickers).
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordedEffect {
  readonly operation: string
  readonly key: string
}

/**
 * A one-time password the emulator "sent".
 *
 * @since 0.1.0
 * @category models
 */
export interface SentCode {
  readonly deploymentId: string
  /** The destination in E.164 form (`+` country code, number). */
  readonly number: string
  readonly method: "sms" | "voice"
  /** Six digits. */
  readonly code: string
}

/**
 * A running emulator: `url` is the base URL to configure a client with
 * (`http://HOST:PORT/v0.1/whatsapp-manager`), `environment` holds `VONAGE_WHATSAPP_MANAGER_URL`,
 * `VONAGE_APPLICATION_ID` and, when the emulator generated the key pair, `VONAGE_PRIVATE_KEY`;
 * `requests` lists refused requests too.
 *
 * @since 0.1.0
 * @category models
 */
export interface Emulator extends EmulatorHost.Host {
  readonly requests: Effect.Effect<ReadonlyArray<RecordedRequest>>
  readonly credentials: {
    readonly applicationId: string
    /** PKCS8 PEM of the generated key pair; absent when `publicKey` was given. */
    readonly privateKey?: string
  }
  /** The SPKI PEM that verifies JWTs. */
  readonly publicKey: string
  /** The account API key reported on deployments. */
  readonly apiKey: string
  /** Every change that took effect, one entry per effect, in order. */
  readonly effects: Effect.Effect<ReadonlyArray<RecordedEffect>>
  /** Every code sent, in order. */
  readonly outbox: Effect.Effect<ReadonlyArray<SentCode>>
  /** The latest code sent for a deployment. */
  readonly lastCode: (deploymentId: string) => Effect.Effect<Option.Option<string>>
  /** Every deployment ever created, with its state now. */
  readonly deployments: Effect.Effect<ReadonlyArray<{ readonly deploymentId: string; readonly state: string }>>
  /**
   * Fault injection: make chosen requests meet a 429 or 5xx, a reset connection, an answer that
   * never comes or stops halfway, a garbled body, an expired-token 401 or a redirect.
   */
  readonly faults: FaultInjection.Faults
}

const generateKeyPair = Effect.async<{ readonly publicKey: string; readonly privateKey: string }>((resume) => {
  Crypto.generateKeyPair(
    "rsa",
    {
      modulusLength: 2048,
      publicKeyEncoding: { type: "spki", format: "pem" },
      privateKeyEncoding: { type: "pkcs8", format: "pem" }
    },
    (error, publicKey, privateKey) =>
      resume(error === null ? Effect.succeed({ publicKey, privateKey }) : Effect.die(error))
  )
})

/**
 * The problem body for a status a fault answers with: the document's `throttled` for 429, an
 * expired token for 401 (what a JWT past its `exp` meets), and Vonage's generic codes otherwise.
 */
const failureBody = (status: number): unknown => {
  const reply = status === 401
    ? unauthorized("token expired")
    : status === 429
    ? problem(429, "throttled", "Throttled", "Exceeded rate limit for this API, please wait and try again")
    : status === 403
    ? problem(403, "forbidden", "Forbidden", "Your account does not have permission to perform this action.")
    : status === 404
    ? notFound("The requested resource does not exist.")
    : problem(status, "internal-error", Http.STATUS_CODES[status] ?? "Error", "The server could not handle the request.")
  return reply.body
}

/**
 * Starts an emulator on `options.host` / `options.port`; it stops when the scope closes.
 * Lifecycle timing and JWT `exp`/`nbf` checks use the `Clock` of the fiber that calls `make`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options = {}): Effect.Effect<Emulator, StartError, Scope.Scope> =>
  Effect.gen(function*() {
    const clock = yield* Effect.clock
    const applicationId = options.applicationId ?? Crypto.randomUUID()
    const keys = options.publicKey === undefined
      ? yield* generateKeyPair
      : { publicKey: options.publicKey, privateKey: undefined }
    const verificationKey = yield* Effect.tryPromise({
      try: () => importSPKI(keys.publicKey, "RS256"),
      catch: (cause) => new Error("VonageEmulator: publicKey is not an RSA public key in SPKI PEM form", { cause })
    }).pipe(Effect.orDie)

    const store = new Store(
      Duration.toMillis(options.stageDuration ?? "200 millis"),
      new Set(options.errorCertificates ?? [])
    )
    const settings: Settings = {
      store,
      apiKey: options.apiKey ?? Crypto.randomBytes(4).toString("hex"),
      vname: options.vname ?? "wa-admin emulator",
      maxVerifyAttempts: options.maxVerifyAttempts ?? 3,
      forbiddenWabaIds: new Set(options.forbiddenWabaIds ?? []),
      throttle: options.throttle === undefined
        ? undefined
        : new Throttle(options.throttle.limit, Duration.toMillis(options.throttle.window))
    }

    const host = yield* EmulatorHost.make<Reply>({
      host: options.host,
      port: options.port,
      basePath,
      routes: routes(settings),
      // Every request must carry the application's JWT, whatever its path.
      authenticate: (call) =>
        Effect.flatMap(
          refusal(call.headers["authorization"], verificationKey, applicationId, call.now),
          Option.match({ onNone: () => Effect.void, onSome: (reason) => Effect.fail(unauthorized(reason)) })
        ),
      failure: identity,
      notFound: unknownPath,
      methodNotAllowed: (call, allowed) => Effect.succeed(methodNotAllowed(call, allowed)),
      internalError: () =>
        problem(500, "internal-error", "Internal Server Error", "The emulator failed to handle the request."),
      faultBody: failureBody,
      environment: (url) => ({
        VONAGE_WHATSAPP_MANAGER_URL: url,
        VONAGE_APPLICATION_ID: applicationId,
        ...(keys.privateKey === undefined ? {} : { VONAGE_PRIVATE_KEY: keys.privateKey })
      })
    })

    const advanced = Effect.flatMap(clock.currentTimeMillis, (now) => Effect.sync(() => store.advance(now)))

    const emulator: Emulator = {
      ...host,
      credentials: keys.privateKey === undefined ? { applicationId } : { applicationId, privateKey: keys.privateKey },
      publicKey: keys.publicKey,
      apiKey: settings.apiKey,
      effects: Effect.sync(() => store.effects.slice()),
      outbox: Effect.zipRight(advanced, Effect.sync(() => store.outbox.slice())),
      lastCode: (deploymentId) =>
        Effect.zipRight(
          advanced,
          Effect.sync(() =>
            Option.fromNullable(store.outbox.filter((sent) => sent.deploymentId === deploymentId).at(-1)?.code)
          )
        ),
      deployments: Effect.zipRight(
        advanced,
        Effect.sync(() =>
          Array.from(store.deployments.values(), (deployment) => ({ deploymentId: deployment.id, state: deployment.state }))
        )
      ),
    }
    return emulator
  })

/**
 * The emulator as a service, for tests that share one through a layer.
 *
 * @since 0.1.0
 * @category tags
 */
export class VonageEmulator extends Context.Tag("@wa-admin/vonage/emulator/VonageEmulator")<VonageEmulator, Emulator>() {
  /**
   * A layer starting an emulator for the lifetime of the layer (the same as the module's `layer`).
   *
   * @since 0.1.0
   */
  static readonly layer = (options?: Options): Layer.Layer<VonageEmulator, StartError> =>
    Layer.scoped(VonageEmulator, make(options))
}

/**
 * A layer starting an emulator for the lifetime of the layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: (options?: Options) => Layer.Layer<VonageEmulator, StartError> = VonageEmulator.layer
