/**
 * A configuration error in words, naming each variable and what is wrong with it — shared by the
 * fleet's runners and the `wa-admin` command line. It loads nothing but `effect`'s `ConfigError`,
 * never an adapter.
 *
 * @since 0.1.0
 */
import { ConfigError } from "effect"

/** The variable a configuration error is about, by the path it was read at. */
const variable = (path: ReadonlyArray<string>): string | undefined => (path.length === 0 ? undefined : path.join("."))

/** A message that says nothing of its own: empty, or a redacted secret's placeholder. */
const placeholder = (message: string): boolean => message.length === 0 || message.includes("<redacted>")

/**
 * A configuration error in words, naming each variable (with any prefix it was read under) and
 * what is wrong with it: `SOURCE_META_ACCESS_TOKEN is not set`. A secret's error carries a
 * redacted placeholder as its message; the variable's name is never hidden behind it.
 *
 * @since 0.1.0
 * @category config
 */
export const configMessage = (error: ConfigError.ConfigError): string =>
  ConfigError.reduceWithContext(error, undefined, {
    andCase: (_, left: string, right: string) => `${left}; ${right}`,
    orCase: (_, left: string, right: string) => `${left}, or ${right}`,
    invalidDataCase: (_, path, message) => {
      const name = variable(path)
      if (name === undefined) return message
      return placeholder(message) ? `${name} is not valid` : `${name}: ${message}`
    },
    missingDataCase: (_, path, message) => {
      const name = variable(path)
      // Effect's own words ("Expected X to exist …") say no more than this.
      if (placeholder(message) || /^Expected .* to exist in the /.test(message)) {
        return `${name ?? "a required variable"} is not set`
      }
      return name === undefined ? message : `${name}: ${message}`
    },
    sourceUnavailableCase: (_, path, message) => `${variable(path) ?? "the configuration"}: ${message}`,
    unsupportedCase: (_, path, message) => `${variable(path) ?? "the configuration"}: ${message}`
  })
