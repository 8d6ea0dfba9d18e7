/**
 * @wa-admin/cli — the `wa-admin` command line, as modules (the executable is `bin.ts`).
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as BuiltIn from "./BuiltIn.js"
/** @since 0.1.0 */
export * as Cli from "./Cli.js"
/** @since 0.1.0 */
export * as CliError from "./CliError.js"
/** @since 0.1.0 */
export * as Demo from "./Demo.js"
/** @since 0.1.0 */
export * as ExitCode from "./ExitCode.js"
/** @since 0.1.0 */
export * as GlobalOptions from "./GlobalOptions.js"
/** @since 0.1.0 */
export * as Output from "./Output.js"
/** @since 0.1.0 */
export * as Progress from "./Progress.js"
/** @since 0.1.0 */
export * as Providers from "./Providers.js"
/** @since 0.1.0 */
export * as Render from "./Render.js"
/** @since 0.1.0 */
export * as Session from "./Session.js"
/** @since 0.2.0 */
export * as State from "./State.js"
