/**
 * An in-process emulator of Vonage's WhatsApp Manager API (`/v0.1/whatsapp-manager`) and of its
 * WhatsApp Template Management API (`/v2/whatsapp-manager`) on one server, written from the
 * provider's documents alone (the OpenAPI document of the first, the facts page of the second),
 * so that it can catch an adapter's mistakes.
 *
 * It serves all seventeen operations of the WhatsApp Manager document: deployments that move
 * through their lifecycle on the Effect `Clock` (so `TestClock.adjust` drives them), OTP codes
 * delivered to an inspectable outbox, the business profile and photo, and stickerpacks. Of the
 * template API it serves what the facts page documents: templates per WABA, listed with filters
 * and before / after cursors, created (PENDING, then APPROVED or REJECTED when their review ends
 * on the `Clock`) and deleted by name, and media uploads whose handles a media header carries,
 * all within the stated limit of 40 requests per second; the update operation, which no document
 * shows, meets the answer of an unknown route. Every request must carry an RS256 JWT for the
 * application; every error is a problem body as the documents show.
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
import { CloudApi } from "@wa-admin/core/adapter"
import { EmulatorHost } from "@wa-admin/core/testing"
import type { FaultInjection } from "@wa-admin/core/testing"
import { Cause, Context, Duration, Effect, Layer, Option } from "effect"
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
import * as TemplateProblems from "./internal/templates/problems.js"
import * as TemplateRoutes from "./internal/templates/routes.js"
import { TemplateStore } from "./internal/templates/store.js"
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
  /**
   * WABAs of the account, for the template API (which answers 404 `WABA was not found.` for any
   * other). The WABAs of `templates` and `failingWabaIds`, and of every deployment created, are
   * the account's too. Default none.
   */
  readonly wabas?: ReadonlyArray<string>
  /** Templates the account starts with, listed in this order before any created. */
  readonly templates?: ReadonlyArray<TemplateSeed>
  /**
   * How long a created template stays PENDING before its review ends: APPROVED, or REJECTED when
   * it adds a language to a template of a legacy category (disabled by Meta, says the guide).
   * Default `"200 millis"`.
   */
  readonly templateReviewDuration?: Duration.DurationInput
  /** WABA ids for which Meta's side fails: every template request for one is answered 500, code 1030. */
  readonly failingWabaIds?: ReadonlyArray<string>
}

/**
 * A template the emulator starts with. Its category and status are kept as given, whatever they
 * are (a reader must keep an unknown one); its status does not change unless a test sets it.
 *
 * @since 0.1.0
 * @category models
 */
export interface TemplateSeed {
  readonly wabaId: string
  readonly name: string
  readonly language: string
  readonly category: string
  /** Default none. */
  readonly components?: ReadonlyArray<unknown>
  /** Default `"APPROVED"`. */
  readonly status?: string
  /** Default: a fresh numeric id. */
  readonly id?: string
}

/**
 * A template the emulator holds: one language of a name, its components as they were given.
 *
 * @since 0.1.0
 * @category models
 */
export type Template = CloudApi.StoredTemplate

/**
 * A file uploaded for a template's media header, and the handle (`h`) the emulator issued for it.
 *
 * @since 0.1.0
 * @category models
 */
export interface MediaUpload {
  readonly handle: string
  /** The `file_type` it was uploaded with, lower-cased. */
  readonly fileType: string
  /** The file name of the multipart part, when it had one. */
  readonly fileName: string | undefined
  readonly bytes: Uint8Array
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
 * (stickerpack id for packs, `packId/index` for stickers). The template API's facts page names no
 * operations: its effects are `createTemplate` and `deleteTemplate` (one per language), keyed by
 * the template id, and `uploadMedia`, keyed by the handle.
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
 * (`http://HOST:PORT/v0.1/whatsapp-manager`), `templatesUrl` the template API's on the same
 * server (`http://HOST:PORT/v2/whatsapp-manager`); `environment` holds
 * `VONAGE_WHATSAPP_MANAGER_URL`, `VONAGE_TEMPLATES_URL`, `VONAGE_APPLICATION_ID` and, when the
 * emulator generated the key pair, `VONAGE_PRIVATE_KEY`; `requests` lists the requests of both
 * APIs, refused ones too.
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
  /** The base URL of the template API, `http://HOST:PORT/v2/whatsapp-manager`. */
  readonly templatesUrl: string
  /** The templates of a WABA now (none for a WABA the account does not have), in list order. */
  readonly templates: (wabaId: string) => Effect.Effect<ReadonlyArray<Template>>
  /**
   * Sets a template's status (any text), for good: a review still to come no longer changes it.
   * Fails when the WABA has no template with that id.
   */
  readonly setTemplateStatus: (
    wabaId: string,
    templateId: string,
    status: string
  ) => Effect.Effect<void, Cause.NoSuchElementException>
  /** Every file uploaded for template headers, in order, with its handle. */
  readonly uploads: Effect.Effect<ReadonlyArray<MediaUpload>>
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

/** The template API's problem body for a status a fault answers with (the facts page's codes). */
const templateFailureBody = (status: number): unknown =>
  (status === 401
    ? TemplateProblems.unauthorized("token expired")
    : status === 429
    ? TemplateProblems.rateLimitHit(1)
    : status === 404
    ? TemplateProblems.wabaNotFound()
    : status === 500
    ? TemplateProblems.internalError()
    : TemplateProblems.problem(status, "invalid-request", Http.STATUS_CODES[status] ?? "Error", "The request failed."))
    .body

/**
 * The problem body for a status a fault answers with: the document's `throttled` for 429, an
 * expired token for 401 (what a JWT past its `exp` meets), and Vonage's generic codes otherwise;
 * on the template API's paths, that API's own bodies.
 */
const failureBody = (status: number, path: string): unknown => {
  if (TemplateRoutes.isTemplatesPath(path)) return templateFailureBody(status)
  const reply = status === 401
    ? unauthorized("token expired")
    : status === 429
    ? problem(429, "throttled", "Throttled", "Exceeded rate limit for this API, please wait and try again")
    : status === 403
    ? problem(403, "forbidden", "Forbidden", "Your account does not have permission to perform this action.")
    : status === 404
    ? notFound("The requested resource does not exist.")
    : problem(
      status,
      "internal-error",
      Http.STATUS_CODES[status] ?? "Error",
      "The server could not handle the request."
    )
  return reply.body
}

/** The body a 401 carries: each API's own. */
const unauthorizedFor = (path: string, reason: string): Reply =>
  TemplateRoutes.isTemplatesPath(path) ? TemplateProblems.unauthorized(reason) : unauthorized(reason)

/**
 * Starts an emulator on `options.host` / `options.port`; it stops when the scope closes.
 * Lifecycle and review timing, the template API's rate limit and JWT `exp`/`nbf` checks use the
 * `Clock` of the fiber that calls `make`. Seeded templates that clash (two with one id, or one
 * name twice in a language of a WABA) are a defect.
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

    const templateStore = new TemplateStore(
      Duration.toMillis(options.templateReviewDuration ?? "200 millis"),
      (wabaId) => Array.from(store.deployments.values()).some((deployment) => deployment.wabaId === wabaId)
    )
    for (const wabaId of [...(options.wabas ?? []), ...(options.failingWabaIds ?? [])]) templateStore.addWaba(wabaId)
    for (const seed of options.templates ?? []) {
      const clash = templateStore.seed(seed)
      if (clash !== undefined) return yield* Effect.dieMessage(`VonageEmulator: ${clash}`)
    }
    // The template API's absolute next / previous URIs need the URL, known once the server
    // listens (before it answers anything).
    const listening = { templatesUrl: "" }
    const templateSettings: TemplateRoutes.Settings = {
      store: templateStore,
      throttle: new Throttle(40, 1000),
      failingWabaIds: new Set(options.failingWabaIds ?? []),
      recordEffect: (operation, key) => store.recordEffect(operation, key),
      url: () => listening.templatesUrl
    }

    const host = yield* EmulatorHost.make<Reply>({
      host: options.host,
      port: options.port,
      routes: { ...routes(settings), ...TemplateRoutes.routes(templateSettings) },
      // Every request must carry the application's JWT, whatever its path.
      authenticate: (call) =>
        Effect.flatMap(
          refusal(call.headers["authorization"], verificationKey, applicationId, call.now),
          Option.match({
            onNone: () => Effect.void,
            onSome: (reason) => Effect.fail(unauthorizedFor(call.path, reason))
          })
        ),
      failure: identity,
      notFound: (call) =>
        TemplateRoutes.isTemplatesPath(call.path) ? TemplateProblems.unknownRoute(call.path) : unknownPath(call),
      // The template API has no document of other methods: another method of its paths (an
      // update, say) is an unknown route there.
      methodNotAllowed: (call, allowed) =>
        Effect.succeed(
          TemplateRoutes.isTemplatesPath(call.path)
            ? TemplateProblems.unknownRoute(call.path)
            : methodNotAllowed(call, allowed)
        ),
      internalError: (call) =>
        TemplateRoutes.isTemplatesPath(call.path)
          ? TemplateProblems.internalError()
          : problem(500, "internal-error", "Internal Server Error", "The emulator failed to handle the request."),
      faultBody: failureBody,
      environment: (origin) => ({
        VONAGE_WHATSAPP_MANAGER_URL: `${origin}${basePath}`,
        VONAGE_TEMPLATES_URL: `${origin}${TemplateRoutes.basePath}`,
        VONAGE_APPLICATION_ID: applicationId,
        ...(keys.privateKey === undefined ? {} : { VONAGE_PRIVATE_KEY: keys.privateKey })
      })
    })
    listening.templatesUrl = `${host.url}${TemplateRoutes.basePath}`

    const advanced = Effect.flatMap(clock.currentTimeMillis, (now) =>
      Effect.sync(() => {
        store.advance(now)
        templateStore.advance(now)
      }))

    const emulator: Emulator = {
      ...host,
      url: `${host.url}${basePath}`,
      faults: { ...host.faults, refusingUrl: Effect.map(host.faults.refusingUrl, (origin) => `${origin}${basePath}`) },
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
          Array.from(
            store.deployments.values(),
            (deployment) => ({ deploymentId: deployment.id, state: deployment.state })
          )
        )
      ),
      templatesUrl: listening.templatesUrl,
      templates: (wabaId) =>
        Effect.zipRight(
          advanced,
          Effect.sync(() => Array.from(templateStore.templatesOf(wabaId)?.values() ?? [], CloudApi.storedTemplate))
        ),
      setTemplateStatus: (wabaId, templateId, status) =>
        Effect.zipRight(
          advanced,
          Effect.suspend(() =>
            templateStore.setStatus(wabaId, templateId, status)
              ? Effect.void
              : Effect.fail(new Cause.NoSuchElementException(`no template ${templateId} in WABA ${wabaId}`))
          )
        ),
      uploads: Effect.sync(() =>
        templateStore.uploads.map((upload): MediaUpload => ({
          handle: upload.handle,
          fileType: upload.fileType,
          fileName: upload.fileName,
          bytes: upload.bytes.slice()
        }))
      )
    }
    return emulator
  })

/**
 * The emulator as a service, for tests that share one through a layer.
 *
 * @since 0.1.0
 * @category tags
 */
export class VonageEmulator
  extends Context.Tag("@wa-admin/vonage/emulator/VonageEmulator")<VonageEmulator, Emulator>()
{
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
