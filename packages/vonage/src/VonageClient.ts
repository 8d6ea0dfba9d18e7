/**
 * The Vonage WhatsApp Manager client: base URL, JWT authentication and the shared transport
 * policy of `@wa-admin/core` (retries, timeouts, redaction), with Vonage's problem bodies mapped
 * onto the error union. The port services (`VonageNumberLifecycle`, `VonageBusinessProfile`,
 * `VonageTemplates`, `VonageMedia`) and the `VonageStickers` extension are built on it.
 *
 * Two APIs, one JWT: WhatsApp Manager (deployments, profiles, stickers; `baseUrl`, default
 * {@link defaultBaseUrl}) and the WhatsApp Template Management API (templates and their media;
 * `templatesUrl`, default {@link defaultTemplatesUrl}). Every request to the template API —
 * retries included — is paced to Vonage's stated 40 requests per second ({@link templateApiRate})
 * by one pacer per client, on the `Clock`.
 *
 * Authentication is a JWT signed RS256 from an application id and its private key. A token is
 * signed once and reused by every call until about a minute before it expires (15 minutes by
 * default); a 401 re-signs once and retries. A ready-made token can be given instead.
 *
 * @example
 * import { VonageClient } from "@wa-admin/vonage"
 * import { NodeHttpClient } from "@effect/platform-node"
 * import { Layer, Redacted } from "effect"
 *
 * // from the environment: VONAGE_APPLICATION_ID + VONAGE_PRIVATE_KEY (or VONAGE_PRIVATE_KEY_PATH)
 * const FromEnv = VonageClient.layerConfig().pipe(Layer.provide(NodeHttpClient.layerUndici))
 *
 * // or explicitly
 * const Explicit = VonageClient.layer({
 *   applicationId: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
 *   privateKeyPath: "./private.key"
 * }).pipe(Layer.provide(NodeHttpClient.layerUndici))
 *
 * @since 0.1.0
 */
import { HttpClient } from "@effect/platform"
import { AdminError, Download } from "@wa-admin/core"
import { AdapterClient, AdapterConfig } from "@wa-admin/core/adapter"
import { Config, ConfigError, Context, Duration, Effect, Either, Layer, Option, Redacted } from "effect"
import { createPrivateKey } from "node:crypto"
import type { KeyObject } from "node:crypto"
import { readFile } from "node:fs/promises"
import { classify, provider, readProblem } from "./internal/errors.js"
import * as Jwt from "./internal/Jwt.js"
import * as Pacing from "./internal/pacing.js"
import * as Wire from "./internal/wire.js"

/**
 * Vonage's production base URL for the WhatsApp Manager API.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultBaseUrl = "https://api.nexmo.com/v0.1/whatsapp-manager"

/**
 * Vonage's production base URL for the WhatsApp Template Management API (note: v2, while
 * WhatsApp Manager is v0.1).
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultTemplatesUrl = "https://api.nexmo.com/v2/whatsapp-manager"

/**
 * The template API's stated rate limit, 40 requests per second, which the client keeps to: a
 * request holds its slot until a second after its answer arrived, so that no second ever sees
 * more than 40 of ours arrive however long each travelled.
 *
 * @since 0.1.0
 * @category constants
 */
export const templateApiRate: { readonly limit: number; readonly window: Duration.Duration } = {
  limit: 40,
  window: Duration.seconds(1)
}

/**
 * How long a signed JWT is valid by default.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultTokenTtl: Duration.Duration = Duration.minutes(15)

/**
 * How to reach and authenticate with Vonage.
 *
 * Give either `applicationId` with `privateKey` (PEM text) or `privateKeyPath` (a PEM file), or
 * a ready-made `token`. When a `token` is given it is used as is (and a 401 is final).
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The Vonage application id (the JWT's `application_id` claim). */
  readonly applicationId?: string
  /** The application's private key, as PEM text (PKCS#8 or PKCS#1). */
  readonly privateKey?: Redacted.Redacted<string> | string
  /** A file holding the application's private key as PEM. */
  readonly privateKeyPath?: string
  /** A ready-made bearer JWT, used instead of signing. */
  readonly token?: Redacted.Redacted<string> | string
  /** The WhatsApp Manager API; default {@link defaultBaseUrl}. */
  readonly baseUrl?: string
  /** The WhatsApp Template Management API; default {@link defaultTemplatesUrl}. */
  readonly templatesUrl?: string
  /** How long each signed JWT is valid; default 15 minutes. */
  readonly tokenTtl?: Duration.DurationInput
}

/**
 * The client: the adapter kit's `AdapterClient` for Vonage (JWT authentication, Vonage's
 * problem bodies classified, ids checked against the document's formats) and the state of its
 * signer.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service extends AdapterClient.AdapterClient {
  readonly provider: "vonage"
  readonly baseUrl: string
  /** The template API's base URL. */
  readonly templatesUrl: string
  /**
   * The client of the WhatsApp Template Management API: the same JWT, classification and
   * secrets, its base URL `templatesUrl`, every request paced to {@link templateApiRate}.
   */
  readonly templateApi: AdapterClient.AdapterClient
  /**
   * Fetches a public file a caller names by URL, without any credential (`Download.file` over
   * the client's `HttpClient`).
   */
  readonly download: (url: string, options: Download.Options) => Effect.Effect<Download.File, AdminError.AdminError>
  /** The application id tokens are signed for (absent with a ready-made token). */
  readonly applicationId: Option.Option<string>
  /** How many JWTs this client has signed so far (one serves many calls). */
  readonly signatures: Effect.Effect<number>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class VonageClient extends Context.Tag("@wa-admin/vonage/VonageClient")<VonageClient, Service>() {}

const variables = {
  applicationId: "VONAGE_APPLICATION_ID",
  privateKey: "VONAGE_PRIVATE_KEY",
  privateKeyPath: "VONAGE_PRIVATE_KEY_PATH",
  token: "VONAGE_JWT",
  tokenTtl: "VONAGE_JWT_TTL",
  baseUrl: "VONAGE_WHATSAPP_MANAGER_URL",
  templatesUrl: "VONAGE_TEMPLATES_URL"
} as const

const reveal = (value: Redacted.Redacted<string> | string): string =>
  Redacted.isRedacted(value) ? Redacted.value(value) : value

/** PEM from an environment variable often has its line breaks escaped as `\n`. */
const normalizePem = (pem: string): string => (pem.includes("\n") ? pem : pem.replaceAll("\\n", "\n")).trim()

const parseKey = (pem: string, variable: string): Effect.Effect<KeyObject, ConfigError.ConfigError> =>
  Effect.try({
    try: () => createPrivateKey({ key: normalizePem(pem), format: "pem" }),
    catch: () =>
      ConfigError.InvalidData(
        [variable],
        "Expected a PEM private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----) but it could not be parsed"
      )
  }).pipe(
    Effect.filterOrFail(
      (key) => key.asymmetricKeyType === "rsa",
      (key) =>
        ConfigError.InvalidData(
          [variable],
          `Expected an RSA private key for RS256 but got a ${key.asymmetricKeyType ?? "unknown"} key`
        )
    )
  )

const readKeyFile = (path: string): Effect.Effect<string, ConfigError.ConfigError> =>
  Effect.tryPromise({
    try: () => readFile(path, "utf8"),
    catch: (error) => {
      const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "unreadable"
      return ConfigError.InvalidData([variables.privateKeyPath], `Cannot read the private key file ${path} (${code})`)
    }
  })

/**
 * An application id travels inside every JWT. The documents do not describe its form (the
 * dashboard shows a UUID); printable ASCII without spaces is asked, which any id meets and which
 * keeps out a pasted line break, a control character or a lookalike letter.
 */
const applicationIdForm = /^[\x21-\x7e]+$/

const tokenSource = (
  options: Options,
  ttl: Duration.Duration
): Effect.Effect<Jwt.TokenSource, ConfigError.ConfigError> => {
  if (options.token !== undefined) {
    return Effect.map(
      AdapterConfig.checkHeaderSecret(options.token, variables.token, "JWT"),
      (token) => Jwt.fixed(Redacted.make(token))
    )
  }
  return Effect.gen(function*() {
    const applicationId = options.applicationId?.trim() ?? ""
    if (applicationId.length === 0) {
      return yield* Effect.fail(
        ConfigError.MissingData(
          [variables.applicationId],
          `Expected ${variables.applicationId} (with ${variables.privateKey} or ${variables.privateKeyPath}), or ${variables.token}`
        )
      )
    }
    if (!applicationIdForm.test(applicationId)) {
      return yield* Effect.fail(
        ConfigError.InvalidData(
          [variables.applicationId],
          "Expected the Vonage application id as the dashboard shows it (such as aaaaaaaa-bbbb-cccc-dddd-0123456789ab): " +
            "printable ASCII without spaces, line breaks or control characters"
        )
      )
    }
    const key = options.privateKey !== undefined
      ? yield* parseKey(reveal(options.privateKey), variables.privateKey)
      : options.privateKeyPath !== undefined
      ? yield* Effect.flatMap(readKeyFile(options.privateKeyPath), (pem) => parseKey(pem, variables.privateKeyPath))
      : yield* Effect.fail(
        ConfigError.MissingData(
          [variables.privateKey],
          `Expected ${variables.privateKey} (PEM text) or ${variables.privateKeyPath} (a PEM file) to sign JWTs for ${variables.applicationId}`
        )
      )
    return yield* Jwt.signer({ applicationId, key, ttl })
  })
}

/**
 * Builds a client. Fails with a `ConfigError` naming the setting when a credential is missing,
 * the key file cannot be read, or the key is not an RSA private key in PEM — before any call.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<Service, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const baseUrl = yield* AdapterConfig.checkBaseUrl(options.baseUrl ?? defaultBaseUrl, variables.baseUrl)
    const templatesUrl = yield* AdapterConfig.checkBaseUrl(
      options.templatesUrl ?? defaultTemplatesUrl,
      variables.templatesUrl
    )
    const ttl = Duration.decode(options.tokenTtl ?? defaultTokenTtl)
    if (!Duration.greaterThan(ttl, Duration.zero)) {
      return yield* Effect.fail(ConfigError.InvalidData([variables.tokenTtl], "Expected a positive duration"))
    }
    const tokens = yield* tokenSource(options, ttl)
    const secrets = [options.token, options.privateKey].filter((secret) => secret !== undefined)
    const signingFailed = (error: Jwt.SigningError) =>
      new AdminError.Unauthorized({ provider, operation: "jwt.sign", reason: `could not sign a JWT: ${error.reason}` })
    // The header is spelled once per token: the same string on every call while the token lasts.
    let bearer: { readonly token: Redacted.Redacted<string>; readonly header: string } | undefined
    const authorization = (token: Redacted.Redacted<string>): string => {
      if (bearer?.token !== token) bearer = { token, header: `Bearer ${Redacted.value(token)}` }
      return bearer.header
    }
    const withToken = (draft: AdapterClient.Draft, token: Redacted.Redacted<string>): AdapterClient.Draft => ({
      ...draft,
      headers: { ...draft.headers, authorization: authorization(token) }
    })
    // The cached token is read without an effect while it lasts; signing one is an effect.
    const authenticate = (draft: AdapterClient.Draft) =>
      Option.match(tokens.current(), {
        onSome: (token) => withToken(draft, token),
        onNone: () =>
          Effect.mapBoth(tokens.token, { onFailure: signingFailed, onSuccess: (token) => withToken(draft, token) })
      })
    const shared = {
      provider,
      ...(tokens.canRefresh ? { refreshCredentials: tokens.invalidate } : {}),
      secrets,
      ids: Wire.pathIds,
      readProblem,
      classify
    }
    const client = yield* AdapterClient.make({ ...shared, baseUrl, authenticate })
    // The pacer clears each attempt before it is authenticated (outside the attempt's timeout)
    // and sees its answer arrive through the HTTP client.
    const http = yield* HttpClient.HttpClient
    const pacer = yield* Pacing.make(templateApiRate)
    const templateApi = yield* AdapterClient.make({
      ...shared,
      baseUrl: templatesUrl,
      authenticate: (draft) =>
        Effect.flatMap(pacer.clear, () => {
          const authenticated = authenticate(draft)
          return Effect.isEffect(authenticated) ? authenticated : Effect.succeed(authenticated)
        })
    }).pipe(Effect.provideService(HttpClient.HttpClient, pacer.observe(http)))
    return {
      ...client,
      provider,
      templatesUrl,
      templateApi,
      download: (url, downloadOptions) =>
        Effect.provideService(Download.file(url, downloadOptions), HttpClient.HttpClient, http),
      applicationId: tokens.canRefresh ? Option.fromNullable(options.applicationId?.trim()) : Option.none(),
      signatures: tokens.signatures
    }
  })

/**
 * A client from explicit options.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<VonageClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(VonageClient, make(options))

const ttlConfig = Config.string(variables.tokenTtl).pipe(
  Config.mapOrFail((text) => {
    const trimmed = text.trim()
    if (/^\d+$/.test(trimmed)) return Either.right(Duration.seconds(Number(trimmed)))
    return Option.match(Duration.decodeUnknown(trimmed), {
      onNone: () =>
        Either.left(ConfigError.InvalidData([], `Expected a duration ("15 minutes" or seconds) but received ${text}`)),
      onSome: Either.right
    })
  })
)

const given = <A, B extends object>(value: Option.Option<A>, field: (value: A) => B): B | {} =>
  Option.isSome(value) ? field(value.value) : {}

/**
 * The settings from the environment:
 *
 * - `VONAGE_APPLICATION_ID` and `VONAGE_PRIVATE_KEY` (PEM text) or `VONAGE_PRIVATE_KEY_PATH`;
 * - or `VONAGE_JWT`, a ready-made token (used instead of signing when set);
 * - `VONAGE_WHATSAPP_MANAGER_URL` (default {@link defaultBaseUrl});
 * - `VONAGE_TEMPLATES_URL` (default {@link defaultTemplatesUrl});
 * - `VONAGE_JWT_TTL` (default 15 minutes; `"10 minutes"` or seconds).
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Options> = Config.all({
  applicationId: Config.option(Config.nonEmptyString(variables.applicationId)),
  privateKey: Config.option(Config.redacted(Config.nonEmptyString(variables.privateKey))),
  privateKeyPath: Config.option(Config.nonEmptyString(variables.privateKeyPath)),
  token: Config.option(Config.redacted(Config.nonEmptyString(variables.token))),
  baseUrl: Config.option(Config.nonEmptyString(variables.baseUrl)),
  templatesUrl: Config.option(Config.nonEmptyString(variables.templatesUrl)),
  tokenTtl: Config.option(ttlConfig)
}).pipe(
  Config.mapOrFail((settings) => {
    const options: Options = {
      ...given(settings.applicationId, (applicationId) => ({ applicationId })),
      ...given(settings.privateKey, (privateKey) => ({ privateKey })),
      ...given(settings.privateKeyPath, (privateKeyPath) => ({ privateKeyPath })),
      ...given(settings.token, (token) => ({ token })),
      ...given(settings.baseUrl, (baseUrl) => ({ baseUrl })),
      ...given(settings.templatesUrl, (templatesUrl) => ({ templatesUrl })),
      ...given(settings.tokenTtl, (tokenTtl) => ({ tokenTtl }))
    }
    if (options.token === undefined) {
      if (options.applicationId === undefined) {
        return Either.left(
          ConfigError.MissingData(
            [variables.applicationId],
            `Expected ${variables.applicationId} (with ${variables.privateKey} or ${variables.privateKeyPath}), or ${variables.token}`
          )
        )
      }
      if (options.privateKey === undefined && options.privateKeyPath === undefined) {
        return Either.left(
          ConfigError.MissingData(
            [variables.privateKey],
            `Expected ${variables.privateKey} (PEM text) or ${variables.privateKeyPath} (a PEM file) to sign JWTs for ${variables.applicationId}`
          )
        )
      }
    }
    return Either.right(options)
  })
)

/**
 * A client from configuration ({@link config} by default). Fails with a `ConfigError` naming the
 * missing or invalid variable.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  settings: Config.Config<Options> = config
): Layer.Layer<VonageClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(VonageClient, Effect.flatMap(settings, make))

/**
 * The number of JWTs the client in context has signed.
 *
 * @since 0.1.0
 * @category accessors
 */
export const signatures: Effect.Effect<number, never, VonageClient> = Effect.flatMap(
  VonageClient,
  (client) => client.signatures
)
