/**
 * The options every command takes: `--provider` and `--json`. They may come before the command
 * (`wa-admin --json templates list …`) or after it (`wa-admin templates list … --json`).
 *
 * @since 0.1.0
 */
import * as Options from "@effect/cli/Options"
import { Context, Effect, Option } from "effect"

/**
 * `--provider NAME`: which adapter to use; `WA_ADMIN_PROVIDER` when absent.
 *
 * @since 0.1.0
 * @category options
 */
export const provider: Options.Options<Option.Option<string>> = Options.text("provider").pipe(
  Options.withPseudoName("name"),
  Options.withDescription(
    "The provider to administer: vonage, woztell, kaleyra or memory (default: WA_ADMIN_PROVIDER). kaleyra is " +
      "deprecated by the vendor; memory is the in-memory reference adapter, whose state lasts one process."
  ),
  Options.optional
)

/**
 * `--json`: machine output.
 *
 * @since 0.1.0
 * @category options
 */
export const json: Options.Options<boolean> = Options.boolean("json").pipe(
  Options.withDescription(
    "Machine output: only JSON on stdout. One encoded domain object per line (a stream is JSON Lines); a " +
      "failure also writes the encoded error as JSON on stderr."
  )
)

/**
 * The global options, to spread into a command's config.
 *
 * @since 0.1.0
 * @category options
 */
export const options = { provider, json } as const

/**
 * The parsed global options.
 *
 * @since 0.1.0
 * @category models
 */
export interface Globals {
  readonly provider: Option.Option<string>
  readonly json: boolean
}

/**
 * The global options given before the command (provided by the root command to every
 * subcommand).
 *
 * @since 0.1.0
 * @category tags
 */
export class Root extends Context.Tag("@wa-admin/cli/GlobalOptions/Root")<Root, Globals>() {}

/**
 * A command's global options, completed by those given before the command.
 *
 * @since 0.1.0
 * @category combinators
 */
export const resolve = (local: Globals): Effect.Effect<Globals> =>
  Effect.map(Effect.serviceOption(Root), (root) =>
    Option.match(root, {
      onNone: () => local,
      onSome: (root) => ({
        provider: Option.orElse(local.provider, () => root.provider),
        json: local.json || root.json
      })
    }))
