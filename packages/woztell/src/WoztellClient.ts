/**
 * The WOZTELL WhatsApp Cloud public API client: the adapter kit's `AdapterClient` with WOZTELL's
 * base URL, the two authentication methods the document prescribes, the `ok: 1` envelope and the
 * classification of failures — plus the configured defaults and the template quota store.
 *
 * - The channel access token goes in the `accessToken` query parameter on reads and in the body
 *   on writes.
 * - The signed context (`X-Woztell-Payload` + `X-Woztell-SignedContext`) is built once, when the
 *   client is made, from the app id, app integration id, channel id and app integration signature.
 * - Settings an operation needs but the configuration lacks fail that operation with an error
 *   naming the environment variable; everything else keeps working.
 * - The client-side template quotas are kept in the `QuotaStore` the program provides: the
 *   client's layers require one (`QuotaStore.layerMemory()`, `QuotaStore.layerFileSystem(dir)`,
 *   `QuotaStore.layerConfig()` …) and never pick a place on disk by themselves.
 *
 * @example
 * import { QuotaStore, WoztellAdmin, WoztellClient } from "@wa-admin/woztell"
 * import { NodeHttpClient } from "@effect/platform-node"
 * import { Layer, Redacted } from "effect"
 *
 * const WoztellLive = WoztellAdmin.layerComplete.pipe(
 *   Layer.provide(WoztellClient.layer({ accessToken: Redacted.make("…"), channelId: "696327315430a1f98231dfde" })),
 *   Layer.provide(Layer.merge(NodeHttpClient.layerUndici, QuotaStore.layerFileSystem("./quota")))
 * )
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import { AdminError, Redaction } from "@wa-admin/core"
import type { Transport } from "@wa-admin/core"
import { AdapterClient, AdapterConfig, Endpoint } from "@wa-admin/core/adapter"
import { Config, ConfigError, Context, Effect, Either, Layer, Option, Redacted } from "effect"
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
  readonly baseUrl?: string | undefined
  /** `WOZTELL_CHANNEL_ID`: part of the signed context, and the default for WABA info. */
  readonly channelId?: string | undefined
  /** `WOZTELL_APP_ID`: part of the signed context. */
  readonly appId?: string | undefined
  /** `WOZTELL_APP_INTEGRATION_ID`: part of the signed context. */
  readonly appIntegrationId?: string | undefined
  /** `WOZTELL_APP_INTEGRATION_SIGNATURE`: signs the signed context. */
  readonly appIntegrationSignature?: Redacted.Redacted<string> | undefined
  /** `WOZTELL_WABA_ID`: the default WABA. */
  readonly wabaId?: string | undefined
  /** `WOZTELL_PHONE_NUMBER_ID`: the default number. */
  readonly phoneNumberId?: string | undefined
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
  /** Read by `QuotaStore.layerConfig` (the store `WoztellAdmin.layerConfig` provides), not by the client. */
  quotaDirectory: QuotaStore.directoryVariable
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
 * The client: the adapter kit's `AdapterClient` for WOZTELL (the endpoints of
 * `internal/endpoints.ts` authenticate by their `Auth`), the configured defaults and the quota
 * store in use.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service extends AdapterClient.AdapterClient<Auth> {
  readonly provider: typeof provider
  readonly baseUrl: string
  /** The configured defaults. */
  readonly channelId: Option.Option<string>
  readonly wabaId: Option.Option<string>
  readonly phoneNumberId: Option.Option<string>
  /** The client-side template quotas. */
  readonly quota: QuotaStore.Service
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
    `Expected ${field}: 1 to ${
      maxLength.toLocaleString("en-US")
    } visible ASCII characters (letters, digits, punctuation), ` +
    `with no space, no control character (CR, LF, NUL …) and no non-ASCII character, since it is sent in the ${header} header`
})
const headerRules: Record<HeaderSetting, { readonly pattern: RegExp; readonly expected: string }> = {
  channelId: visibleAscii("a WOZTELL channel id", "X-Woztell-Payload", 256),
  appId: visibleAscii("a WOZTELL app id", "X-Woztell-Payload", 256),
  appIntegrationId: visibleAscii("a WOZTELL app integration id", "X-Woztell-Payload", 256),
  appIntegrationSignature: visibleAscii(
    "the app integration signature WOZTELL gives (base64 in its document)",
    "X-Woztell-SignedContext",
    1_024
  )
}

/**
 * The configuration error for a header setting that no header could carry (naming the variable
 * and what it must be, never the value), or `undefined` when it is fine.
 */
const headerSettingError = (name: HeaderSetting, value: string): ConfigError.ConfigError | undefined =>
  headerRules[name].pattern.test(value)
    ? undefined
    : ConfigError.InvalidData([variables[name]], headerRules[name].expected)

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
  const candidates = [
    record["code"],
    typeof record["error"] === "object" && record["error"] !== null
      ? (record["error"] as Readonly<Record<string, unknown>>)["code"]
      : undefined
  ]
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
    : /^([A-Za-z_][\w]*(?:(?:\.[A-Za-z_][\w]*)|(?:\[\d+\]))*)\s+(?:must|is|are|allows|cannot|should|has|needs)\b/.exec(
      message
    )?.[1]

/**
 * The provider problem of a WOZTELL failure body (`{ ok: 0, error }`, or a message under
 * `error`, `message`, `err` or `errorMessage`, perhaps nested): its message in `detail` and its
 * code, when it has one, in `code`; `None` when the body says neither. The one reading of
 * WOZTELL's error body: the transport applies it to every non-2xx answer, its own 429 and 5xx
 * verdicts included, and {@link classify} is given the same reading.
 *
 * @since 0.1.0
 * @category errors
 */
export const readProblem = (status: number, body: unknown): Option.Option<AdminError.ProviderProblem> => {
  const message = messageOf(body)
  const code = codeOf(body)
  return message === undefined && code === undefined
    ? Option.none()
    : Option.some(
      new AdminError.ProviderProblem({
        status,
        ...(message === undefined ? {} : { detail: message }),
        ...(code === undefined ? {} : { code })
      })
    )
}

/**
 * Maps a WOZTELL failure (a non-2xx answer, or a 2xx whose body lacks `ok: 1`) onto the error
 * union by its HTTP status, keeping the problem {@link readProblem} read of it (the provider's
 * message in `problem.detail`, its code in `problem.code`; texts scrubbed of secrets by the
 * transport).
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
 * (408, 429 and 5xx never get here: the transport retries or reports them, carrying the same problem.)
 *
 * @since 0.1.0
 * @category errors
 */
export const classify = (failure: Transport.ReadAnswer): AdminError.AdminError => {
  const problem = Option.getOrUndefined(failure.problem)
  const message = problem?.detail
  const origin = {
    provider,
    operation: failure.operation,
    problem: problem ?? new AdminError.ProviderProblem({ status: failure.status })
  }
  const reason = message ?? `HTTP ${failure.status}`
  switch (failure.status) {
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
      // The endpoint names the resource (`notFound`): the kit renames it.
      return new AdminError.NotFound({ ...origin, resource: "resource" })
    case 409:
      return new AdminError.Conflict({ ...origin, reason })
    default:
      return new AdminError.UnexpectedResponse({
        ...origin,
        status: failure.status,
        reason: message ?? (failure.status < 300 ? "the answer does not say ok: 1" : `HTTP ${failure.status}`),
        body: Redaction.excerpt(failure.text, failure.scrub, 512, secretNames)
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

/** The access token in the body of a write: a field beside the request's own. */
const withTokenField = (body: Endpoint.Body | undefined, accessToken: string): Endpoint.Body | undefined => {
  if (body === undefined) return Endpoint.json({ accessToken })
  if (body._tag !== "Json" || typeof body.value !== "object" || body.value === null) return body
  return Endpoint.json({ ...body.value, accessToken })
}

/**
 * Makes a client over the `HttpClient` and the `QuotaStore` in context. The signed context
 * headers are computed here, once; a channel id, app id, app integration id or signature that a
 * header could not carry (a non-ASCII character, a space, CR, LF, NUL …) fails with a
 * `ConfigError` naming its variable (never the value), before anything is sent.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  options: Options
): Effect.Effect<Service, ConfigError.ConfigError, HttpClient.HttpClient | QuotaStore.QuotaStore> =>
  Effect.gen(function*() {
    for (const name of headerSettings) {
      const value = headerSettingValue(options, name)
      const error = value === undefined ? undefined : headerSettingError(name, value)
      if (error !== undefined) return yield* Effect.fail(error)
    }
    const baseUrl = options.baseUrl ?? defaultBaseUrl
    const accessToken = Redacted.value(options.accessToken)
    const missingSigned = headerSettings.filter((name) => headerSettingValue(options, name) === undefined)
    const signature = options.appIntegrationSignature === undefined
      ? ""
      : Redacted.value(options.appIntegrationSignature)
    const signedContext: Either.Either<SignedContext, ReadonlyArray<string>> = missingSigned.length > 0
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
      ...Either.match(signedContext, {
        onLeft: () => [],
        onRight: (context) => [context.headers["x-woztell-signedcontext"]]
      })
    ]

    /** The access token: a query parameter on reads, a body field on writes. */
    const withToken = (draft: AdapterClient.Draft): AdapterClient.Draft =>
      draft.method === "GET"
        ? { ...draft, query: { ...draft.query, accessToken } }
        : { ...draft, body: withTokenField(draft.body, accessToken) }

    /** The signed context's headers, or the reason they cannot be sent (nothing is). */
    const withSignedContext: (
      draft: AdapterClient.Draft,
      operation: string
    ) => AdapterClient.Draft | Effect.Effect<never, AdminError.Unauthorized> = Either.match(signedContext, {
      onRight: (context) => (draft: AdapterClient.Draft) => ({
        ...draft,
        headers: { ...draft.headers, ...context.headers }
      }),
      onLeft: (missing) => (_draft: AdapterClient.Draft, operation: string) =>
        Effect.fail(
          new AdminError.Unauthorized({
            provider,
            operation,
            reason: `this operation needs WOZTELL's signed context, which is not configured: missing ${
              missing.join(", ")
            }; nothing was sent`
          })
        )
    })

    const client = yield* AdapterClient.make<Auth>({
      provider,
      baseUrl,
      authenticate: (draft, auth, operation) => {
        switch (auth) {
          case "signedContext":
            return withSignedContext(draft, operation)
          case "both":
            return withSignedContext(withToken(draft), operation)
          default:
            return withToken(draft)
        }
      },
      secrets,
      secretNames,
      readProblem,
      classify,
      accept: (response, operation) =>
        isOk(response.body)
          ? undefined
          : classify({ ...response, operation, problem: readProblem(response.status, response.body) })
    })
    const quota = yield* QuotaStore.QuotaStore

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
                issues: [
                  new AdminError.FieldIssue({
                    field: name,
                    rule: `must be given, or configured with ${variables[name]}`
                  })
                ]
              })
            )
        })

    return { ...client, provider, ...defaults, quota, setting }
  })

/**
 * A client layer from options, keeping the template quotas in the `QuotaStore` it is given (a
 * requirement of the layer: `QuotaStore.layerMemory()`, `QuotaStore.layerFileSystem(directory)`
 * or `QuotaStore.layerConfig()`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: Options
): Layer.Layer<WoztellClient, ConfigError.ConfigError, HttpClient.HttpClient | QuotaStore.QuotaStore> =>
  Layer.effect(WoztellClient, make(options))

const optionalSetting = (name: string) =>
  Config.option(Config.string(name)).pipe(Config.map(Option.filter(nonEmpty)), Config.map(Option.getOrUndefined))

/** An optional setting sent in a signed-context header: refused when loaded if no header could carry it. */
const headerSetting = <A>(name: HeaderSetting, setting: Config.Config<A | undefined>, reveal: (value: A) => string) =>
  Config.mapOrFail(setting, (value) => {
    const error = value === undefined ? undefined : headerSettingError(name, reveal(value))
    return error === undefined ? Either.right(value) : Either.left(error)
  })

/**
 * The options from the environment: `WOZTELL_ACCESS_TOKEN` (required), `WOZTELL_BASE_URL`,
 * `WOZTELL_CHANNEL_ID`, `WOZTELL_APP_ID`, `WOZTELL_APP_INTEGRATION_ID`,
 * `WOZTELL_APP_INTEGRATION_SIGNATURE`, `WOZTELL_WABA_ID`, `WOZTELL_PHONE_NUMBER_ID` (the quota
 * directory, `WOZTELL_QUOTA_DIR`, is read by `QuotaStore.layerConfig`). The four signed-context
 * settings are checked as they are read: each travels in a header, so each must be visible ASCII
 * (no space, control or non-ASCII character).
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Options> = Config.all({
  accessToken: Config.redacted(variables.accessToken).pipe(
    Config.validate({ message: "must not be empty", validation: (token) => Redacted.value(token).trim().length > 0 })
  ),
  baseUrl: AdapterConfig.baseUrl(variables.baseUrl, defaultBaseUrl),
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
  phoneNumberId: optionalSetting(variables.phoneNumberId)
})

/**
 * A client layer from configuration (by default {@link config}, the environment), keeping the
 * template quotas in the `QuotaStore` it is given (`WoztellAdmin.layerConfig` gives it
 * `QuotaStore.layerConfig()`, the directory `WOZTELL_QUOTA_DIR`). A missing access token is a
 * `ConfigError` naming `WOZTELL_ACCESS_TOKEN`, and so is a signed-context setting no header could
 * carry (naming its variable); settings that are missing are reported by the operations that
 * need them.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: Config.Config<Options> = config
): Layer.Layer<WoztellClient, ConfigError.ConfigError, HttpClient.HttpClient | QuotaStore.QuotaStore> =>
  Layer.effect(WoztellClient, Effect.flatMap(options, make))
