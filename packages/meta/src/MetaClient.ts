/**
 * The Meta Graph API client (WhatsApp Cloud API + Business Management API): base URL and Graph
 * version, the access token, the optional `appsecret_proof`, Graph errors mapped onto the error
 * union, Meta's usage headers, and the ledger of Meta's limits. The port services
 * (`MetaNumberLifecycle`, `MetaBusinessProfile`, `MetaMedia`, `MetaTemplates`) and the extensions
 * (`MetaMedia.MetaMedia`, `MetaNumbers`) are built on it.
 *
 * - **Authentication**: a (system-user) access token, sent as `Authorization: Bearer` on every
 *   call — never in a URL. When an app secret is configured, every call also carries
 *   `appsecret_proof`, the hex HMAC-SHA256 of the token keyed with the secret, as a query
 *   parameter that is redacted by name wherever a URL is logged or traced. Token, secret and proof
 *   are scrubbed from every error.
 * - **Version and URL**: `https://graph.facebook.com` and `v23.0` by default, both configurable.
 * - **Slowing down before Meta throttles**: every answer's `X-App-Usage` and
 *   `X-Business-Use-Case-Usage` are read (bounded: they are provider input). While Meta reports an
 *   `estimated_time_to_regain_access`, calls wait until then before they are sent (a wait of more
 *   than 60 seconds fails at once with `RateLimited` carrying it, nothing sent); while a reported
 *   usage is at 90 % or more, each call pauses 2 seconds first. A `RateLimited` answer carries the
 *   time Meta estimated as its `retryAfter`.
 * - **Meta's limits** are kept in the `QuotaLedger` the program provides (see `MetaQuota`): the
 *   client requires one and never picks a place on disk by itself.
 *
 * @example
 * import { MetaClient, MetaQuota } from "@wa-admin/meta"
 * import { NodeHttpClient } from "@effect/platform-node"
 * import { Layer, Redacted } from "effect"
 *
 * const Client = MetaClient.layer({ accessToken: Redacted.make("EAAG…"), wabaId: "102290129340398" }).pipe(
 *   Layer.provide(Layer.merge(NodeHttpClient.layerUndici, MetaQuota.layerMemory))
 * )
 *
 * @since 0.1.0
 */
import { HttpClient } from "@effect/platform"
import { AdminError, Download, Id, QuotaLedger, Redaction, Transport } from "@wa-admin/core"
import { AdapterClient, AdapterConfig } from "@wa-admin/core/adapter"
import type { Provider } from "@wa-admin/core/adapter"
import { Clock, Config, ConfigError, Context, Duration, Effect, Layer, Option, Redacted, Schema } from "effect"
import { createHmac } from "node:crypto"
import type * as Endpoints from "./internal/endpoints.js"
import { classify, classifyAnswer, provider, readProblem } from "./internal/errors.js"
import * as Usage from "./internal/usage.js"
import * as Wire from "./internal/wire.js"
import * as MetaProvider from "./MetaProvider.js"

/**
 * Meta's production base URL.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultBaseUrl = "https://graph.facebook.com"

/**
 * The Graph API version used unless another is configured (the document's).
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultGraphVersion = "v23.0"

/**
 * How to reach and authenticate with Meta.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** A (system-user) access token with `whatsapp_business_management` (and `_messaging`). */
  readonly accessToken: Redacted.Redacted<string> | string
  /** The app's secret: when given, every call carries `appsecret_proof`. */
  readonly appSecret?: Redacted.Redacted<string> | string | undefined
  /** The app id: the owner of resumable uploads (profile photos, template media). */
  readonly appId?: string | undefined
  /** The WABA used when a request names none (adding a number). */
  readonly wabaId?: string | undefined
  /** The phone number id a tool uses when none is named. */
  readonly phoneNumberId?: string | undefined
  /** The business id (business-level operations of the extensions). */
  readonly businessId?: string | undefined
  /** `vNN.N`, default {@link defaultGraphVersion}. */
  readonly graphVersion?: string | undefined
  /** Default {@link defaultBaseUrl}. */
  readonly baseUrl?: string | undefined
}

/**
 * The client: the adapter kit's `AdapterClient` for Meta (bearer token and `appsecret_proof`,
 * Graph errors classified, ids checked against the document's formats, usage headers heeded)
 * and what the services need besides.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service extends AdapterClient.AdapterClient<Endpoints.Auth> {
  readonly provider: "meta"
  /** `<base URL>/<version>`: what every path is appended to. */
  readonly baseUrl: string
  readonly graphVersion: string
  readonly appId: Option.Option<string>
  readonly wabaId: Option.Option<string>
  readonly phoneNumberId: Option.Option<string>
  readonly businessId: Option.Option<string>
  /** Meta's limits kept on this side (see `MetaQuota`). */
  readonly ledger: QuotaLedger.Service
  /**
   * Fetches a public file a caller names by URL, without any credential and outside the usage
   * accounting (`Download.file` over the client's `HttpClient`).
   */
  readonly download: (url: string, options: Download.Options) => Effect.Effect<Download.File, AdminError.AdminError>
  /** What the usage headers said last: the time Meta asked to wait from now, and whether usage is high. */
  readonly usage: Effect.Effect<{ readonly regainIn: Option.Option<Duration.Duration>; readonly high: boolean }>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class MetaClient extends Context.Tag("@wa-admin/meta/MetaClient")<MetaClient, Service>() {}

/**
 * The environment variables the configuration reads (`META_QUOTA_DIR` is read by
 * `MetaQuota.layerConfig`): the descriptor's (`MetaProvider.variables`).
 *
 * @since 0.1.0
 * @category config
 */
export const variables: ReadonlyArray<Provider.Variable> = MetaProvider.variables

const names = {
  accessToken: "META_ACCESS_TOKEN",
  appSecret: "META_APP_SECRET",
  appId: "META_APP_ID",
  wabaId: "META_WABA_ID",
  phoneNumberId: "META_PHONE_NUMBER_ID",
  businessId: "META_BUSINESS_ID",
  graphVersion: "META_GRAPH_VERSION",
  baseUrl: "META_GRAPH_URL"
} as const

/**
 * The names of the secrets Meta's requests carry, on top of the generic ones: the
 * `appsecret_proof` and `access_token` parameters, an upload session's signature (`sig`), a
 * two-step PIN (`pin`) and a webhook's verify token (`verify_token`).
 *
 * @since 0.1.0
 * @category constants
 */
export const secretNames: Redaction.SecretNames = Redaction.secretNames({
  parameters: ["appsecret_proof", "access_token", "sig", "pin", "verify_token"]
})

const invalid = (variable: string, message: string) => Effect.fail(ConfigError.InvalidData([variable], message))

const checkVersion = (version: string): Effect.Effect<string, ConfigError.ConfigError> =>
  /^v\d{1,3}\.\d{1,3}$/.test(version)
    ? Effect.succeed(version)
    : invalid(names.graphVersion, `Expected a Graph API version such as ${defaultGraphVersion}`)

const isDigits = Schema.is(Id.Digits)

const checkId = (
  value: string | undefined,
  variable: string
): Effect.Effect<Option.Option<string>, ConfigError.ConfigError> => {
  if (value === undefined) return Effect.succeed(Option.none())
  const trimmed = value.trim()
  return isDigits(trimmed)
    ? Effect.succeed(Option.some(trimmed))
    : invalid(variable, `Expected Meta's id as digits (at most ${Id.maxDigits}), as Meta's dashboards show it`)
}

/**
 * Builds a client. Fails with a `ConfigError` naming the setting when the token is missing or
 * cannot be sent, an id is not digits, the version or the URL is malformed — before any call.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  options: Options
): Effect.Effect<Service, ConfigError.ConfigError, HttpClient.HttpClient | QuotaLedger.QuotaLedger> =>
  Effect.gen(function*() {
    if (options.accessToken === undefined) {
      return yield* Effect.fail(ConfigError.MissingData([names.accessToken], `Expected ${names.accessToken}`))
    }
    const token = yield* AdapterConfig.checkHeaderSecret(options.accessToken, names.accessToken, "access token")
    const appSecret = options.appSecret === undefined
      ? undefined
      : yield* AdapterConfig.checkHeaderSecret(options.appSecret, names.appSecret, "app secret")
    const graphVersion = yield* checkVersion((options.graphVersion ?? defaultGraphVersion).trim())
    const graphUrl = yield* AdapterConfig.checkBaseUrl(options.baseUrl ?? defaultBaseUrl, names.baseUrl)
    const appId = yield* checkId(options.appId, names.appId)
    const wabaId = yield* checkId(options.wabaId, names.wabaId)
    const phoneNumberId = yield* checkId(options.phoneNumberId, names.phoneNumberId)
    const businessId = yield* checkId(options.businessId, names.businessId)
    const ledger = yield* QuotaLedger.QuotaLedger
    const http = yield* HttpClient.HttpClient

    const proof = appSecret === undefined ? undefined : createHmac("sha256", appSecret).update(token).digest("hex")
    const authorization = `Bearer ${token}`
    const state = Usage.initial()

    const credentials = (draft: AdapterClient.Draft, auth: Endpoints.Auth): AdapterClient.Draft => ({
      ...draft,
      headers: auth === "upload"
        ? { ...draft.headers, authorization, file_offset: "0" }
        : { ...draft.headers, authorization },
      query: proof === undefined ? draft.query : { ...draft.query, appsecret_proof: proof }
    })

    /**
     * Before a call: waits while Meta asked to (or usage is high), outside the call's deadline; a
     * wait beyond `Usage.maxWait` fails at once, nothing sent.
     */
    const throttle = (operation: string): Effect.Effect<void, AdminError.AdminError> =>
      Usage.idle(state)
        ? Effect.void
        : Effect.flatMap(Clock.currentTimeMillis, (now) => {
          const wait = Usage.wait(state, now)
          if (wait === 0) return Effect.void
          if (wait > Duration.toMillis(Usage.maxWait)) {
            return Effect.fail(
              new AdminError.RateLimited({ provider, operation, attempts: 0, retryAfter: Duration.millis(wait) })
            )
          }
          return Effect.sleep(Duration.millis(wait))
        })

    // Before each attempt: credentials at once while nothing is known; a retry after Meta asked
    // to wait (an answer that arrived during this call) is not sent, the call ends with the wait.
    const authenticate = (draft: AdapterClient.Draft, auth: Endpoints.Auth, operation: string) => {
      if (state.regainAt === 0) return credentials(draft, auth)
      return Effect.flatMap(
        Clock.currentTimeMillis,
        (now): Effect.Effect<AdapterClient.Draft, AdminError.AdminError> => {
          const regainIn = Usage.regainIn(state, now)
          return regainIn === undefined
            ? Effect.succeed(credentials(draft, auth))
            : Effect.fail(new AdminError.RateLimited({ provider, operation, attempts: 0, retryAfter: regainIn }))
        }
      )
    }

    // Every answer (2xx or not, retries included) passes its usage headers to the state.
    const observed = HttpClient.tap(http, (response) => {
      const read = Usage.reading(response.headers)
      return read === undefined
        ? Effect.void
        : Effect.map(Clock.currentTimeMillis, (now) => Usage.record(state, read, now))
    })

    const client = yield* AdapterClient.make<Endpoints.Auth>({
      provider,
      baseUrl: `${graphUrl}/${graphVersion}`,
      authenticate,
      secrets: [token, ...(appSecret === undefined ? [] : [appSecret]), ...(proof === undefined ? [] : [proof])],
      secretNames,
      ids: Wire.pathIds,
      readProblem,
      classify,
      accept: (response, operation) => accepted(response, operation)
    }).pipe(Effect.provideService(HttpClient.HttpClient, observed))

    // A `RateLimited` carries the time Meta estimated, when it gave one.
    const withRegainTime = (error: AdminError.AdminError): Effect.Effect<AdminError.AdminError> =>
      error._tag !== "RateLimited" || error.retryAfter !== undefined
        ? Effect.succeed(error)
        : Effect.map(Clock.currentTimeMillis, (now) => {
          const regainIn = Usage.regainIn(state, now)
          return regainIn === undefined ? error : new AdminError.RateLimited({ ...error, retryAfter: regainIn })
        })

    const exchange: Service["exchange"] = (endpoint) => {
      const run = client.exchange(endpoint)
      const before = Effect.suspend(() => throttle(endpoint.operation))
      return (input) =>
        Effect.catchAll(Effect.zipRight(before, run(input)), (error) => Effect.flip(withRegainTime(error)))
    }
    const call: Service["call"] = (endpoint) => {
      const run = exchange(endpoint)
      return (input) => Effect.map(run(input), (exchanged) => exchanged.value)
    }

    return {
      ...client,
      provider,
      call,
      exchange,
      graphVersion,
      appId,
      wabaId,
      phoneNumberId,
      businessId,
      ledger,
      download: (url, downloadOptions) =>
        Effect.provideService(Download.file(url, downloadOptions), HttpClient.HttpClient, http),
      usage: Effect.map(Clock.currentTimeMillis, (now) => ({
        regainIn: Option.fromNullable(Usage.regainIn(state, now)),
        high: state.high
      }))
    }
  })

/**
 * A 2xx answer that says the call failed: `{ "success": false }`, or a Graph error object.
 */
const accepted = (response: Transport.Response, operation: string): AdminError.AdminError | undefined => {
  const body = response.body
  if (typeof body !== "object" || body === null) return undefined
  if ("error" in body) {
    return classifyAnswer({
      operation,
      status: response.status,
      problem: readProblem(response.status, body),
      attempts: response.attempts,
      fallback: () =>
        new AdminError.UnexpectedResponse({
          provider,
          operation,
          status: response.status,
          reason: "the answer holds an error"
        })
    })
  }
  if ("success" in body && body.success === false) {
    return new AdminError.UnexpectedResponse({
      provider,
      operation,
      status: response.status,
      reason: "the answer says \"success\": false"
    })
  }
  return undefined
}

/**
 * A client from explicit options, keeping Meta's limits in the `QuotaLedger` it is given.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: Options
): Layer.Layer<MetaClient, ConfigError.ConfigError, HttpClient.HttpClient | QuotaLedger.QuotaLedger> =>
  Layer.effect(MetaClient, make(options))

/**
 * The settings from the environment: `META_ACCESS_TOKEN` (required), `META_APP_SECRET`,
 * `META_APP_ID`, `META_WABA_ID`, `META_PHONE_NUMBER_ID`, `META_BUSINESS_ID`,
 * `META_GRAPH_VERSION` (default `v23.0`), `META_GRAPH_URL` (default `https://graph.facebook.com`).
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Options> = Config.all({
  accessToken: Config.redacted(Config.nonEmptyString(names.accessToken)),
  appSecret: Config.option(Config.redacted(Config.nonEmptyString(names.appSecret))),
  appId: Config.option(Config.nonEmptyString(names.appId)),
  wabaId: Config.option(Config.nonEmptyString(names.wabaId)),
  phoneNumberId: Config.option(Config.nonEmptyString(names.phoneNumberId)),
  businessId: Config.option(Config.nonEmptyString(names.businessId)),
  graphVersion: Config.option(Config.nonEmptyString(names.graphVersion)),
  baseUrl: Config.option(Config.nonEmptyString(names.baseUrl))
}).pipe(
  Config.map((settings): Options => ({
    accessToken: settings.accessToken,
    appSecret: Option.getOrUndefined(settings.appSecret),
    appId: Option.getOrUndefined(settings.appId),
    wabaId: Option.getOrUndefined(settings.wabaId),
    phoneNumberId: Option.getOrUndefined(settings.phoneNumberId),
    businessId: Option.getOrUndefined(settings.businessId),
    graphVersion: Option.getOrUndefined(settings.graphVersion),
    baseUrl: Option.getOrUndefined(settings.baseUrl)
  }))
)

/**
 * A client from configuration ({@link config} by default), keeping Meta's limits in the
 * `QuotaLedger` it is given. Fails with a `ConfigError` naming the missing or invalid variable.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  settings: Config.Config<Options> = config
): Layer.Layer<MetaClient, ConfigError.ConfigError, HttpClient.HttpClient | QuotaLedger.QuotaLedger> =>
  Layer.effect(MetaClient, Effect.flatMap(settings, make))
