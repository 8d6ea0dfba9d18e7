/**
 * The WOZTELL WhatsApp Cloud public API client: base URL, the two authentication methods the
 * document prescribes, the shared transport policy, the `ok: 1` envelope and error mapping.
 *
 * - The channel access token goes in the `accessToken` query parameter on reads and in the body
 *   on writes.
 * - The signed context (`X-Woztell-Payload` + `X-Woztell-SignedContext`) is built once, when the
 *   client is made, from the app id, app integration id, channel id and app integration signature.
 * - Settings an operation needs but the configuration lacks fail that operation with an error
 *   naming the environment variable; everything else keeps working.
 *
 * @example
 * import { WoztellAdmin, WoztellClient } from "@wa-admin/woztell"
 * import { NodeHttpClient } from "@effect/platform-node"
 * import { Layer, Redacted } from "effect"
 *
 * const WoztellLive = WoztellAdmin.layerComplete.pipe(
 *   Layer.provide(WoztellClient.layer({ accessToken: Redacted.make("…"), channelId: "696327315430a1f98231dfde" })),
 *   Layer.provide(NodeHttpClient.layerUndici)
 * )
 *
 * @since 0.1.0
 */
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { Config, ConfigError, Context, Effect, Either, Layer, Option, Redacted, Schema } from "effect"
import { AdminError, Redaction, Transport } from "@wa-admin/core"
import * as QuotaStore from "./QuotaStore.js"

/**
 * The provider name, as in errors, spans and capabilities.
 *
 * @since 0.1.0
 * @category constants
 */
export const provider = "woztell"

/**
 * The production endpoint of the public API.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultBaseUrl = "https://api.whatsapp-cloud.woztell.sanuker.com/v1.2/api"

/**
 * How to reach one WOZTELL WhatsApp Cloud channel. Only the access token is always needed; the
 * rest is needed by the operations that use it (the signed context by flows, analytics,
 * catalogs, encryption and number status).
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The channel's access token (`WOZTELL_ACCESS_TOKEN`). */
  readonly accessToken: Redacted.Redacted<string>
  /** Default `https://api.whatsapp-cloud.woztell.sanuker.com/v1.2/api` (`WOZTELL_BASE_URL`). */
  readonly baseUrl?: string
  /** `WOZTELL_CHANNEL_ID`: part of the signed context, and the default for WABA info. */
  readonly channelId?: string
  /** `WOZTELL_APP_ID`: part of the signed context. */
  readonly appId?: string
  /** `WOZTELL_APP_INTEGRATION_ID`: part of the signed context. */
  readonly appIntegrationId?: string
  /** `WOZTELL_APP_INTEGRATION_SIGNATURE`: signs the signed context. */
  readonly appIntegrationSignature?: Redacted.Redacted<string>
  /** `WOZTELL_WABA_ID`: the default WABA. */
  readonly wabaId?: string
  /** `WOZTELL_PHONE_NUMBER_ID`: the default number. */
  readonly phoneNumberId?: string
  /**
   * Where the client-side template quotas are kept (`WOZTELL_QUOTA_DIR`, default
   * `~/.wa-admin/quota`). A `QuotaStore` in context takes precedence.
   */
  readonly quotaDirectory?: string
}

/**
 * WOZTELL's secret header and parameter names, on top of the generic ones: every
 * `X-Woztell-*` header (the signed context: `X-Woztell-Payload`, `X-Woztell-SignedContext`, and
 * any later one) and the `appIntegrationSignature` setting.
 *
 * @since 0.1.0
 * @category constants
 */
export const secretNames: Redaction.SecretNames = Redaction.secretNames({
  headerPrefixes: ["x-woztell-"],
  parameters: ["appIntegrationSignature"]
})

/**
 * The settings an operation may need, with the environment variable each comes from.
 *
 * @since 0.1.0
 * @category constants
 */
export const variables = {
  accessToken: "WOZTELL_ACCESS_TOKEN",
  baseUrl: "WOZTELL_BASE_URL",
  channelId: "WOZTELL_CHANNEL_ID",
  appId: "WOZTELL_APP_ID",
  appIntegrationId: "WOZTELL_APP_INTEGRATION_ID",
  appIntegrationSignature: "WOZTELL_APP_INTEGRATION_SIGNATURE",
  wabaId: "WOZTELL_WABA_ID",
  phoneNumberId: "WOZTELL_PHONE_NUMBER_ID",
  quotaDirectory: "WOZTELL_QUOTA_DIR"
} as const

/**
 * How a request authenticates: the access token (query parameter on reads, body field on
 * writes), the signed context headers, or both.
 *
 * @since 0.1.0
 * @category models
 */
export type Auth = "accessToken" | "signedContext" | "both"

/**
 * A query parameter value; arrays are sent JSON-encoded (`status=["APPROVED"]`), as the
 * document's example does.
 *
 * @since 0.1.0
 * @category models
 */
export type QueryValue = string | number | boolean | ReadonlyArray<string> | undefined

/**
 * What a `NotFound` answer refers to.
 *
 * @since 0.1.0
 * @category models
 */
export interface Resource {
  readonly resource: string
  readonly id?: string
}

/**
 * A GET request.
 *
 * @since 0.1.0
 * @category models
 */
export interface ReadRequest<A, I> {
  readonly operation: string
  readonly path: string
  readonly query?: Readonly<Record<string, QueryValue>>
  readonly auth: Auth
  readonly schema: Schema.Schema<A, I, never>
  readonly notFound?: Resource
}

/**
 * A PUT, PATCH, POST or DELETE request with a JSON body.
 *
 * @since 0.1.0
 * @category models
 */
export interface WriteRequest<A, I> {
  readonly operation: string
  readonly method: "PUT" | "PATCH" | "POST" | "DELETE"
  readonly path: string
  readonly body: Readonly<Record<string, unknown>>
  readonly auth: Auth
  /** Whether repeating the request is harmless (decides retries and `OutcomeUnknown`). */
  readonly idempotent: boolean
  readonly schema: Schema.Schema<A, I, never>
  readonly notFound?: Resource
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly provider: typeof provider
  readonly baseUrl: string
  /** The configured defaults. */
  readonly channelId: Option.Option<string>
  readonly wabaId: Option.Option<string>
  readonly phoneNumberId: Option.Option<string>
  /** The client-side template quotas. */
  readonly quota: QuotaStore.Service
  /** Sends a GET and answers the decoded body of an `ok: 1` answer. */
  readonly read: <A, I>(request: ReadRequest<A, I>) => Effect.Effect<A, AdminError.AdminError>
  /** Sends a write and answers the decoded body of an `ok: 1` answer. */
  readonly write: <A, I>(request: WriteRequest<A, I>) => Effect.Effect<A, AdminError.AdminError>
  /**
   * A value given in a request, else the configured default, else an `InvalidInput` naming the
   * field and the environment variable.
   */
  readonly setting: (
    name: "channelId" | "wabaId" | "phoneNumberId",
    given: string | undefined,
    operation: string
  ) => Effect.Effect<string, AdminError.InvalidInput>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class WoztellClient extends Context.Tag("@wa-admin/woztell/WoztellClient")<WoztellClient, Service>() {}

const nonEmpty = (value: string | undefined): value is string => value !== undefined && value.trim().length > 0

/** The settings that travel in the `X-Woztell-Payload` and `X-Woztell-SignedContext` headers. */
const headerSettings = ["channelId", "appId", "appIntegrationId", "appIntegrationSignature"] as const
type HeaderSetting = (typeof headerSettings)[number]

/**
 * What each header setting must look like. A header carries Latin-1 at most, and CR, LF or NUL
 * would end or split it. WOZTELL's document shows its ids as short ASCII strings and the
 * signature as base64, but states no format, so the rule is what a header can always carry and
 * `JSON.stringify` leaves as it is: visible ASCII only — no space, control or non-ASCII character.
 */
const visibleAscii = (field: string, header: string, maxLength: number) => ({
  pattern: new RegExp(`^[\\x21-\\x7e]{1,${maxLength}}$`),
  expected:
    `Expected ${field}: 1 to ${maxLength.toLocaleString("en-US")} visible ASCII characters (letters, digits, punctuation), ` +
    `with no space, no control character (CR, LF, NUL …) and no non-ASCII character, since it is sent in the ${header} header`
})
const headerRules: Record<HeaderSetting, { readonly pattern: RegExp; readonly expected: string }> = {
  channelId: visibleAscii("a WOZTELL channel id", "X-Woztell-Payload", 256),
  appId: visibleAscii("a WOZTELL app id", "X-Woztell-Payload", 256),
  appIntegrationId: visibleAscii("a WOZTELL app integration id", "X-Woztell-Payload", 256),
  appIntegrationSignature: visibleAscii("the app integration signature WOZTELL gives (base64 in its document)", "X-Woztell-SignedContext", 1_024)
}

/**
 * The configuration error for a header setting that no header could carry (naming the variable
 * and what it must be, never the value), or `undefined` when it is fine.
 */
const headerSettingError = (name: HeaderSetting, value: string): ConfigError.ConfigError | undefined =>
  headerRules[name].pattern.test(value) ? undefined : ConfigError.InvalidData([variables[name]], headerRules[name].expected)

/** A header setting's value when it is configured (a blank one counts as not configured). */
const headerSettingValue = (options: Options, name: HeaderSetting): string | undefined => {
  if (name !== "appIntegrationSignature") return nonEmpty(options[name]) ? options[name] : undefined
  const signature = options.appIntegrationSignature === undefined ? "" : Redacted.value(options.appIntegrationSignature)
  return signature.length > 0 ? signature : undefined
}

/** The provider's message, from `error` (a string or `{ message }`), `message` or `err`. */
const messageOf = (body: unknown): string | undefined => {
  if (typeof body !== "object" || body === null) return undefined
  const record = body as Readonly<Record<string, unknown>>
  for (const key of ["error", "message", "err", "errorMessage"]) {
    const value = record[key]
    if (typeof value === "string" && value.length > 0) return value
    if (typeof value === "object" && value !== null) {
      const inner = value as Readonly<Record<string, unknown>>
      for (const innerKey of ["error_user_msg", "message", "error"]) {
        const text = inner[innerKey]
        if (typeof text === "string" && text.length > 0) return text
      }
    }
  }
  return undefined
}

const codeOf = (body: unknown): string | undefined => {
  if (typeof body !== "object" || body === null) return undefined
  const record = body as Readonly<Record<string, unknown>>
  const candidates = [record["code"], typeof record["error"] === "object" && record["error"] !== null ? (record["error"] as Readonly<Record<string, unknown>>)["code"] : undefined]
  for (const code of candidates) {
    if (typeof code === "string" || typeof code === "number") return String(code)
  }
  return undefined
}

const isOk = (body: unknown): boolean =>
  typeof body === "object" && body !== null && (body as { readonly ok?: unknown }).ok === 1

/** The field a validation message starts with ("profile.email must be …" → `profile.email`). */
const fieldOf = (message: string | undefined): string | undefined =>
  message === undefined
    ? undefined
    : /^([A-Za-z_][\w]*(?:(?:\.[A-Za-z_][\w]*)|(?:\[\d+\]))*)\s+(?:must|is|are|allows|cannot|should|has|needs)\b/.exec(message)?.[1]

/**
 * Maps a WOZTELL failure (a non-2xx answer, or a 2xx whose body lacks `ok: 1`) onto the error
 * union by its HTTP status, keeping the provider's message (scrubbed of secrets) in
 * `problem.detail` and its code, when the body has one, in `problem.code`.
 *
 * WOZTELL's document shows no failure body, no status and no error code for any endpoint (it
 * proxies Meta's Graph API but shows none of Meta's codes or subcodes either), so the status
 * alone decides — never the words of a message, which a provider may phrase any way (a 400
 * saying "… invalid token {{0}}" is about a template placeholder, not about credentials):
 *
 * | status | error |
 * |---|---|
 * | 400, 422 | `InvalidInput` (`source: "provider"`; the field is the one the message starts with, when it does) |
 * | 401 | `Unauthorized` |
 * | 403 | `Forbidden` |
 * | 404, 410 | `NotFound` |
 * | 409 | `Conflict` |
 * | 2xx without `ok: 1`, anything else | `UnexpectedResponse` with a redacted body excerpt |
 *
 * (408, 429 and 5xx never get here: the transport retries or reports them.)
 *
 * @since 0.1.0
 * @category errors
 */
export const classify = (options: {
  readonly operation: string
  readonly status: number
  readonly body: unknown
  readonly text: string
  readonly notFound?: Resource
  readonly scrub: (text: string) => string
}): AdminError.AdminError => {
  const raw = messageOf(options.body)
  const message = raw === undefined ? undefined : options.scrub(raw)
  const code = codeOf(options.body)
  const problem = new AdminError.ProviderProblem({
    status: options.status,
    ...(message === undefined ? {} : { detail: message }),
    ...(code === undefined ? {} : { code })
  })
  const origin = { provider, operation: options.operation, problem }
  const reason = message ?? `HTTP ${options.status}`
  switch (options.status) {
    case 400:
    case 422:
      return new AdminError.InvalidInput({
        ...origin,
        source: "provider",
        issues: [new AdminError.FieldIssue({ field: fieldOf(message) ?? "(request)", rule: reason })]
      })
    case 401:
      return new AdminError.Unauthorized({ ...origin, reason })
    case 403:
      return new AdminError.Forbidden({ ...origin, reason })
    case 404:
    case 410:
      return new AdminError.NotFound({
        ...origin,
        resource: options.notFound?.resource ?? "resource",
        ...(options.notFound?.id === undefined ? {} : { id: options.notFound.id })
      })
    case 409:
      return new AdminError.Conflict({ ...origin, reason })
    default:
      return new AdminError.UnexpectedResponse({
        ...origin,
        status: options.status,
        reason: message ?? (options.status < 300 ? "the answer does not say ok: 1" : `HTTP ${options.status}`),
        body: Redaction.excerpt(options.text, options.scrub)
      })
  }
}

interface SignedContext {
  readonly headers: { readonly "x-woztell-payload": string; readonly "x-woztell-signedcontext": string }
}

/** `X-Woztell-Payload` is the JSON payload; `X-Woztell-SignedContext` is `signature.base64(payload)`. */
const signedContextOf = (parts: {
  readonly app: string
  readonly appIntegration: string
  readonly channel: string
  readonly signature: string
}): SignedContext => {
  const payload = JSON.stringify({ app: parts.app, appIntegration: parts.appIntegration, channel: parts.channel })
  return {
    headers: {
      "x-woztell-payload": payload,
      "x-woztell-signedcontext": `${parts.signature}.${Buffer.from(payload, "utf8").toString("base64")}`
    }
  }
}

const encodeQueryValue = (value: Exclude<QueryValue, undefined>): string =>
  typeof value === "string" ? value : Array.isArray(value) ? JSON.stringify(value) : String(value)

/**
 * Makes a client. The signed context headers are computed here, once; a channel id, app id,
 * app integration id or signature that a header could not carry (a non-ASCII character, a
 * space, CR, LF, NUL …) fails with a `ConfigError` naming its variable (never the value), before
 * anything is sent.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<Service, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Effect.gen(function* () {
    for (const name of headerSettings) {
      const value = headerSettingValue(options, name)
      const error = value === undefined ? undefined : headerSettingError(name, value)
      if (error !== undefined) return yield* Effect.fail(error)
    }
    const baseUrl = (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, "")
    const accessToken = Redacted.value(options.accessToken)
    const missingSigned = headerSettings.filter((name) => headerSettingValue(options, name) === undefined)
    const signature = options.appIntegrationSignature === undefined ? "" : Redacted.value(options.appIntegrationSignature)
    const signedContext: Either.Either<SignedContext, ReadonlyArray<string>> =
      missingSigned.length > 0
        ? Either.left(missingSigned.map((name) => `${name} (${variables[name]})`))
        : Either.right(signedContextOf({
            app: options.appId ?? "",
            appIntegration: options.appIntegrationId ?? "",
            channel: options.channelId ?? "",
            signature
          }))
    const secrets = [
      accessToken,
      ...(signature.length > 0 ? [signature] : []),
      ...Either.match(signedContext, { onLeft: () => [], onRight: (context) => [context.headers["x-woztell-signedcontext"]] })
    ]
    const scrub = Redaction.scrubber(secrets)
    const transport = yield* Transport.make({
      provider,
      secrets,
      secretNames,
      classify: (failure) =>
        classify({
          operation: failure.operation,
          status: failure.status,
          body: failure.body,
          text: failure.text,
          scrub
        })
    })
    const quotaInContext = yield* Effect.serviceOption(QuotaStore.QuotaStore)
    const quota = Option.isSome(quotaInContext)
      ? quotaInContext.value
      : yield* QuotaStore.makeFileSystem(options.quotaDirectory ?? QuotaStore.defaultDirectory)

    const signedHeaders = (auth: Auth, operation: string): Effect.Effect<Readonly<Record<string, string>>, AdminError.Unauthorized> =>
      auth === "accessToken"
        ? Effect.succeed({})
        : Either.match(signedContext, {
            onRight: (context) => Effect.succeed(context.headers),
            onLeft: (missing) =>
              Effect.fail(
                new AdminError.Unauthorized({
                  provider,
                  operation,
                  reason: `this operation needs WOZTELL's signed context, which is not configured: missing ${missing.join(", ")}; nothing was sent`
                })
              )
          })

    const accept =
      <A, I>(operation: string, schema: Schema.Schema<A, I, never>, notFound: Resource | undefined) =>
      (response: Transport.Response): Effect.Effect<A, AdminError.AdminError> =>
        isOk(response.body)
          ? transport.decode(operation, schema)(response)
          : Effect.fail(
              classify({
                operation,
                status: response.status,
                body: response.body,
                text: response.text,
                scrub,
                ...(notFound === undefined ? {} : { notFound })
              })
            )

    const withNotFound = (
      effect: Effect.Effect<Transport.Response, AdminError.AdminError>,
      notFound: Resource | undefined
    ): Effect.Effect<Transport.Response, AdminError.AdminError> =>
      notFound === undefined
        ? effect
        : Effect.mapError(effect, (error) =>
            error._tag === "NotFound"
              ? new AdminError.NotFound({
                  provider: error.provider,
                  operation: error.operation,
                  ...(error.problem === undefined ? {} : { problem: error.problem }),
                  resource: notFound.resource,
                  ...(notFound.id === undefined ? {} : { id: notFound.id })
                })
              : error
          )

    const read: Service["read"] = (request) =>
      Effect.gen(function* () {
        const headers = yield* signedHeaders(request.auth, request.operation)
        const params: Record<string, string> = {}
        if (request.auth !== "signedContext") params["accessToken"] = accessToken
        for (const [key, value] of Object.entries(request.query ?? {})) {
          if (value !== undefined) params[key] = encodeQueryValue(value)
        }
        const http = Transport.request("GET", baseUrl, request.path).pipe(
          HttpClientRequest.setUrlParams(params),
          HttpClientRequest.setHeaders(headers)
        )
        const response = yield* withNotFound(
          transport.execute({ operation: request.operation, request: http, idempotent: true }),
          request.notFound
        )
        return yield* accept(request.operation, request.schema, request.notFound)(response)
      })

    const write: Service["write"] = (request) =>
      Effect.gen(function* () {
        const headers = yield* signedHeaders(request.auth, request.operation)
        const body = request.auth === "signedContext" ? request.body : { ...request.body, accessToken }
        const http = Transport.request(request.method, baseUrl, request.path).pipe(
          HttpClientRequest.setHeaders(headers),
          HttpClientRequest.bodyUnsafeJson(body)
        )
        const response = yield* withNotFound(
          transport.execute({ operation: request.operation, request: http, idempotent: request.idempotent }),
          request.notFound
        )
        return yield* accept(request.operation, request.schema, request.notFound)(response)
      })

    const defaults = {
      channelId: Option.fromNullable(options.channelId).pipe(Option.filter(nonEmpty)),
      wabaId: Option.fromNullable(options.wabaId).pipe(Option.filter(nonEmpty)),
      phoneNumberId: Option.fromNullable(options.phoneNumberId).pipe(Option.filter(nonEmpty))
    }

    const setting: Service["setting"] = (name, given, operation) =>
      nonEmpty(given)
        ? Effect.succeed(given)
        : Option.match(defaults[name], {
            onSome: Effect.succeed,
            onNone: () =>
              Effect.fail(
                new AdminError.InvalidInput({
                  provider,
                  operation,
                  source: "local",
                  issues: [new AdminError.FieldIssue({ field: name, rule: `must be given, or configured with ${variables[name]}` })]
                })
              )
          })

    return { provider, baseUrl, ...defaults, quota, read, write, setting }
  })

/**
 * A client layer from options.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<WoztellClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(WoztellClient, make(options))

const optionalSetting = (name: string) =>
  Config.option(Config.string(name)).pipe(Config.map(Option.filter(nonEmpty)), Config.map(Option.getOrUndefined))

/** An optional setting sent in a signed-context header: refused when loaded if no header could carry it. */
const headerSetting = <A>(name: HeaderSetting, setting: Config.Config<A | undefined>, reveal: (value: A) => string) =>
  Config.mapOrFail(setting, (value) => {
    const error = value === undefined ? undefined : headerSettingError(name, reveal(value))
    return error === undefined ? Either.right(value) : Either.left(error)
  })

const isHttpUrl = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)

/**
 * The options from the environment: `WOZTELL_ACCESS_TOKEN` (required), `WOZTELL_BASE_URL`,
 * `WOZTELL_CHANNEL_ID`, `WOZTELL_APP_ID`, `WOZTELL_APP_INTEGRATION_ID`,
 * `WOZTELL_APP_INTEGRATION_SIGNATURE`, `WOZTELL_WABA_ID`, `WOZTELL_PHONE_NUMBER_ID`,
 * `WOZTELL_QUOTA_DIR`. The four signed-context settings are checked as they are read: each
 * travels in a header, so each must be visible ASCII (no space, control or non-ASCII character).
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Options> = Config.all({
  accessToken: Config.redacted(variables.accessToken).pipe(
    Config.validate({ message: "must not be empty", validation: (token) => Redacted.value(token).trim().length > 0 })
  ),
  baseUrl: Config.string(variables.baseUrl).pipe(
    Config.withDefault(defaultBaseUrl),
    Config.validate({ message: "must be an absolute http(s) URL", validation: isHttpUrl })
  ),
  channelId: headerSetting("channelId", optionalSetting(variables.channelId), String),
  appId: headerSetting("appId", optionalSetting(variables.appId), String),
  appIntegrationId: headerSetting("appIntegrationId", optionalSetting(variables.appIntegrationId), String),
  appIntegrationSignature: headerSetting(
    "appIntegrationSignature",
    Config.option(Config.redacted(variables.appIntegrationSignature)).pipe(
      Config.map(Option.filter((value) => Redacted.value(value).length > 0)),
      Config.map(Option.getOrUndefined)
    ),
    Redacted.value
  ),
  wabaId: optionalSetting(variables.wabaId),
  phoneNumberId: optionalSetting(variables.phoneNumberId),
  quotaDirectory: optionalSetting(variables.quotaDirectory)
}).pipe(
  Config.map(
    (settings): Options => ({
      accessToken: settings.accessToken,
      baseUrl: settings.baseUrl,
      ...(settings.channelId === undefined ? {} : { channelId: settings.channelId }),
      ...(settings.appId === undefined ? {} : { appId: settings.appId }),
      ...(settings.appIntegrationId === undefined ? {} : { appIntegrationId: settings.appIntegrationId }),
      ...(settings.appIntegrationSignature === undefined ? {} : { appIntegrationSignature: settings.appIntegrationSignature }),
      ...(settings.wabaId === undefined ? {} : { wabaId: settings.wabaId }),
      ...(settings.phoneNumberId === undefined ? {} : { phoneNumberId: settings.phoneNumberId }),
      ...(settings.quotaDirectory === undefined ? {} : { quotaDirectory: settings.quotaDirectory })
    })
  )
)

/**
 * A client layer from configuration (by default {@link config}, the environment). A missing
 * access token is a `ConfigError` naming `WOZTELL_ACCESS_TOKEN`, and so is a signed-context
 * setting no header could carry (naming its variable); settings that are missing are reported
 * by the operations that need them.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: Config.Config<Options> = config
): Layer.Layer<WoztellClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(WoztellClient, Effect.flatMap(options, make))
