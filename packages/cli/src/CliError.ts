/**
 * The command line's own failures, beside the library's `AdminError` and Effect's `ConfigError`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * The command line was used wrongly in a way the parser cannot see (a group without its
 * command, conflicting flags, a provider without an emulator).
 *
 * @since 0.1.0
 * @category errors
 */
export class UsageError extends Schema.TaggedError<UsageError>("@wa-admin/cli/UsageError")("UsageError", {
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return this.reason
  }
}

/**
 * A failure that has already been written to stderr: only its exit code is left to set.
 *
 * @since 0.1.0
 * @category errors
 */
export class Reported extends Schema.TaggedError<Reported>("@wa-admin/cli/Reported")("Reported", {
  exitCode: Schema.Int
}) {}
