/**
 * The checks of an adapter's settings that are the same for every provider, so that each client
 * states only its variables:
 *
 * - a base URL is an absolute `http(s)` URL with a host (core `Url.HttpUrl`), its trailing `/`
 *   dropped ({@link checkBaseUrl}, or {@link baseUrl} to read one from the environment);
 * - a secret that travels in a header (a token, an API key) is not blank and is something a
 *   header can carry ({@link checkHeaderSecret}, or {@link headerSecret} to read one).
 *
 * Each refusal is a `ConfigError` naming the variable, before any call; a secret's value is never
 * shown in it.
 *
 * @example
 * import { AdapterConfig } from "@wa-admin/core/adapter"
 * import { Config } from "effect"
 *
 * const config = Config.all({
 *   apiKey: AdapterConfig.headerSecret("ACME_API_KEY", "API key"),
 *   baseUrl: AdapterConfig.baseUrl("ACME_BASE_URL", "https://api.acme-messaging.example/v1")
 * })
 *
 * @since 0.2.0
 */
import { Config, ConfigError, Effect, Either, Redacted, Schema } from "effect"
import * as Transport from "../http/Transport.js"
import * as Url from "../Url.js"

const isHttpUrl = Schema.is(Url.HttpUrl)

/**
 * A refused base URL as a refusal may show it: everything between its scheme and its last `@`
 * hidden (a `user:password@` part, whether or not the password itself holds an `@` or the scheme
 * is missing) and at most 100 characters, so that neither a credential nor a pasted file ends up
 * in an error message.
 */
const shownUrl = (value: string): string => {
  const trimmed = value.trim()
  const scheme = /^[a-z][a-z\d+.-]*:\/\//i.exec(trimmed)?.[0] ?? ""
  const at = trimmed.lastIndexOf("@")
  const text = at < scheme.length ? trimmed : `${scheme}<redacted>@${trimmed.slice(at + 1)}`
  return JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text)
}

const baseUrlOf = (value: string, variable: string): Either.Either<string, ConfigError.ConfigError> => {
  const trimmed = value.trim()
  return isHttpUrl(trimmed)
    ? Either.right(trimmed.replace(/\/+$/, ""))
    : Either.left(
      ConfigError.InvalidData([variable], `Expected an absolute http(s) URL but received ${shownUrl(value)}`)
    )
}

const headerSecretOf = (
  value: string,
  variable: string,
  what: string
): Either.Either<string, ConfigError.ConfigError> => {
  // The whitespace around a pasted secret (a file's last line break) is no part of it.
  const text = value.trim()
  if (text.length === 0) return Either.left(ConfigError.InvalidData([variable], `Expected a non-empty ${what}`))
  const trouble = Transport.headerValueProblem(text)
  return trouble === undefined
    ? Either.right(text)
    : Either.left(
      ConfigError.InvalidData(
        [variable],
        `Expected a ${what} that can be sent in an HTTP header, but the value ${trouble}`
      )
    )
}

/**
 * A base URL given in options (or read from `variable`): an absolute `http(s)` URL with a host,
 * answered without its trailing `/`; anything else is a `ConfigError` naming `variable`.
 *
 * @since 0.2.0
 * @category checks
 */
export const checkBaseUrl = (value: string, variable: string): Effect.Effect<string, ConfigError.ConfigError> =>
  baseUrlOf(value, variable)

/**
 * The base URL in `variable`, `fallback` when it is not set, checked as {@link checkBaseUrl}.
 *
 * @since 0.2.0
 * @category config
 */
export const baseUrl = (variable: string, fallback: string): Config.Config<string> =>
  Config.string(variable).pipe(
    Config.withDefault(fallback),
    Config.mapOrFail((value) => baseUrlOf(value, variable))
  )

/**
 * A secret given in options that travels in a header (`what` names it in the refusal: `"API
 * key"`), answered without the whitespace around it: it must not be blank and must be
 * something a header can carry (a line break inside it is refused). A refusal names `variable`
 * and never shows the value.
 *
 * @since 0.2.0
 * @category checks
 */
export const checkHeaderSecret = (
  value: Redacted.Redacted<string> | string,
  variable: string,
  what: string
): Effect.Effect<string, ConfigError.ConfigError> =>
  headerSecretOf(Redacted.isRedacted(value) ? Redacted.value(value) : value, variable, what)

/**
 * The secret in `variable` (required), checked as {@link checkHeaderSecret} and kept redacted.
 *
 * @since 0.2.0
 * @category config
 */
export const headerSecret = (variable: string, what: string): Config.Config<Redacted.Redacted<string>> =>
  Config.redacted(variable).pipe(
    Config.mapOrFail((secret) => Either.map(headerSecretOf(Redacted.value(secret), variable, what), Redacted.make))
  )
