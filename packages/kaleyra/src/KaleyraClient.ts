/**
 * The Kaleyra client: the account's SID and API key and the base URL, over the adapter kit of
 * `@wa-admin/core` (the shared transport policy) with Kaleyra's authentication (the `api-key`
 * header), the SID as a checked path segment, and Kaleyra's error codes classified — including a
 * 2xx answer whose code says the call failed.
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
import type { HttpClient } from "@effect/platform"
import { Redaction } from "@wa-admin/core"
import { AdapterClient, AdapterConfig } from "@wa-admin/core/adapter"
import { Config, ConfigError, Context, Effect, Layer, Redacted } from "effect"
import * as Errors from "./internal/errors.js"
import * as Wire from "./internal/wire.js"

/**
 * The provider name, as in errors, spans and `Capabilities`.
 *
 * @since 0.1.0
 * @category constants
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export const provider: "kaleyra" = Wire.provider

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
 * The client: the adapter kit's `AdapterClient` for Kaleyra and the account it acts for.
 *
 * @since 0.1.0
 * @category models
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export interface Service extends AdapterClient.AdapterClient {
  readonly provider: "kaleyra"
  readonly baseUrl: string
  /** The account SID, the first segment of every path (`/v1/{SID}/…`). */
  readonly sid: string
}

/**
 * @since 0.1.0
 * @category tags
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export class KaleyraClient extends Context.Tag("@wa-admin/kaleyra/KaleyraClient")<KaleyraClient, Service>() {}

/** The API key travels in the `api-key` header (a generic secret name, declared here all the same). */
const secretNames = Redaction.secretNames({ headers: ["api-key"] })

/**
 * Builds the client over the `HttpClient` in context. The SID is checked on each call, as the
 * path segment it becomes: one that cannot be a segment is a local `InvalidInput` naming `sid`,
 * and nothing is sent.
 *
 * @since 0.1.0
 * @category constructors
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export const make = (options: Options): Effect.Effect<Service, never, HttpClient.HttpClient> => {
  const apiKey = Redacted.value(options.apiKey)
  return Effect.map(
    AdapterClient.make({
      provider,
      baseUrl: options.baseUrl ?? defaultBaseUrl,
      authenticate: (draft) => ({ ...draft, headers: { ...draft.headers, "api-key": apiKey } }),
      secrets: [options.apiKey],
      secretNames,
      ids: Wire.pathIds,
      readProblem: Errors.readProblem,
      classify: Errors.classify,
      accept: Errors.accept
    }),
    (client) => ({ ...client, provider, sid: options.sid })
  )
}

/**
 * @since 0.1.0
 * @category layers
 * @deprecated Kaleyra's WhatsApp Registration API is no longer in use.
 */
export const layer = (options: Options): Layer.Layer<KaleyraClient, never, HttpClient.HttpClient> =>
  Layer.effect(KaleyraClient, make(options))

/**
 * The SID is a segment of every URL path (`/v1/{SID}/…`). The document shows SIDs such as
 * `HXXXXXXX071US` and says nothing more of their form; letters, digits, `-` and `_` are taken,
 * which keeps out everything that could change the path (`/`, `.`, `%`, `?`, `#`, spaces, line
 * breaks).
 */
const sidForm = /^[A-Za-z0-9_-]{1,128}$/

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
      message:
        "Expected the account SID as Kaleyra.io shows it (such as HXAP16XXXXXX96IN): letters and digits (and - or _), as it goes into the URL path",
      validation: (sid) => sidForm.test(sid)
    })
  ),
  // The API key travels in the `api-key` header.
  apiKey: AdapterConfig.headerSecret("KALEYRA_API_KEY", "API key"),
  baseUrl: AdapterConfig.baseUrl("KALEYRA_BASE_URL", defaultBaseUrl)
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
