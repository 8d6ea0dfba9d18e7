/**
 * The Kaleyra transport: the account's SID and API key, the base URL, and the shared transport
 * policy of `@wa-admin/core` with Kaleyra's authentication (`api-key` header) and error codes.
 *
 * @example
 * import { KaleyraClient } from "@wa-admin/kaleyra"
 * import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
 * import { Layer } from "effect"
 *
 * // KALEYRA_SID, KALEYRA_API_KEY and optionally KALEYRA_BASE_URL
 * const ClientLive = KaleyraClient.layerConfig().pipe(Layer.provide(NodeHttpClient.layerUndici))
 *
 * @since 0.1.0
 * @deprecated Kaleyra says its WhatsApp Registration API is no longer in use; this client exists only
 * so that migrations can replay that step. Use `@wa-admin/vonage` to provision numbers and
 * `@wa-admin/woztell` to administer them.
 */
import { HttpClientRequest } from "@effect/platform"
import type { HttpClient } from "@effect/platform"
import { Redaction, Transport } from "@wa-admin/core"
import { Config, ConfigError, Context, Effect, Either, Layer, Redacted } from "effect"
import * as Errors from "./internal/errors.js"

/**
 * The provider name, as in errors, spans and `Capabilities`.
 *
 * @since 0.1.0
 * @category constants
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export const provider = "kaleyra"

/**
 * Kaleyra's API domain when none is configured.
 *
 * @since 0.1.0
 * @category constants
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export const defaultBaseUrl = "https://api.kaleyra.io"

/**
 * What the client needs: the account SID, its API key, and the API domain (default
 * `https://api.kaleyra.io`; regional domains such as `https://api.in.kaleyra.io` work too).
 *
 * @since 0.1.0
 * @category models
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export interface Options {
  readonly sid: string
  readonly apiKey: Redacted.Redacted<string>
  readonly baseUrl?: string
}

/**
 * The configured client.
 *
 * @since 0.1.0
 * @category models
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export interface Service {
  readonly sid: string
  readonly baseUrl: string
  /** The transport with Kaleyra's authentication, redaction and error mapping. */
  readonly transport: Transport.Transport
  /** A request to a path under the API domain (`/v1/{SID}/…`). */
  readonly request: (method: "GET" | "POST", path: string) => HttpClientRequest.HttpClientRequest
}

/**
 * @since 0.1.0
 * @category tags
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export class KaleyraClient extends Context.Tag("@wa-admin/kaleyra/KaleyraClient")<KaleyraClient, Service>() {}

/**
 * Builds the client over the `HttpClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export const make = (options: Options): Effect.Effect<Service, never, HttpClient.HttpClient> =>
  Effect.gen(function* () {
    const baseUrl = (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, "")
    const scrub = Redaction.scrubber([options.apiKey])
    const transport = yield* Transport.make({
      provider,
      authenticate: (request) => Effect.succeed(HttpClientRequest.setHeader(request, "api-key", Redacted.value(options.apiKey))),
      secrets: [options.apiKey],
      classify: (failure) =>
        Errors.fromAnswer({
          operation: failure.operation,
          status: failure.status,
          body: failure.body,
          text: failure.text,
          scrub
        })
    })
    return {
      sid: options.sid,
      baseUrl,
      transport,
      request: (method, path) => Transport.request(method, baseUrl, path)
    }
  })

/**
 * @since 0.1.0
 * @category layers
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export const layer = (options: Options): Layer.Layer<KaleyraClient, never, HttpClient.HttpClient> =>
  Layer.effect(KaleyraClient, make(options))

const isHttpUrl = (value: string): boolean =>
  URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol)

/**
 * The SID is a segment of every URL path (`/v1/{SID}/…`). The document shows SIDs such as
 * `HXXXXXXX071US` and says nothing more of their form; letters, digits, `-` and `_` are taken,
 * which keeps out everything that could change the path (`/`, `.`, `%`, `?`, `#`, spaces, line
 * breaks).
 */
const sidForm = /^[A-Za-z0-9_-]{1,128}$/

/** The API key travels in the `api-key` header: it must be something a header can carry. */
const apiKeyConfig = Config.redacted(Config.nonEmptyString("KALEYRA_API_KEY")).pipe(
  Config.mapOrFail((key) => {
    const trouble = Transport.headerValueProblem(Redacted.value(key))
    return trouble === undefined
      ? Either.right(key)
      : Either.left(
          ConfigError.InvalidData(
            ["KALEYRA_API_KEY"],
            `Expected the API key as Kaleyra.io shows it, which is sent in the api-key header, but the value ${trouble}`
          )
        )
  })
)

/**
 * The settings from the environment: `KALEYRA_SID` (letters, digits, `-`, `_`), `KALEYRA_API_KEY`
 * (redacted; a value a header can carry) and `KALEYRA_BASE_URL` (default
 * `https://api.kaleyra.io`). A value that cannot travel in the URL or the header is a
 * `ConfigError` naming the variable, never showing the value.
 *
 * @since 0.1.0
 * @category config
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export const config: Config.Config<Options> = Config.all({
  sid: Config.nonEmptyString("KALEYRA_SID").pipe(
    Config.validate({
      message: "Expected the account SID as Kaleyra.io shows it (such as HXAP16XXXXXX96IN): letters and digits (and - or _), as it goes into the URL path",
      validation: (sid) => sidForm.test(sid)
    })
  ),
  apiKey: apiKeyConfig,
  baseUrl: Config.string("KALEYRA_BASE_URL").pipe(
    Config.validate({ message: "Expected an absolute http(s) URL such as https://api.kaleyra.io", validation: isHttpUrl }),
    Config.withDefault(defaultBaseUrl)
  )
})

/**
 * The client configured from `config` (the environment variables by default); fails with a
 * `ConfigError` naming a missing or invalid variable.
 *
 * @since 0.1.0
 * @category layers
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export const layerConfig = (
  settings: Config.Config<Options> = config
): Layer.Layer<KaleyraClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.unwrapEffect(Effect.map(settings, layer))
