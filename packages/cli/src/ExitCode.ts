/**
 * The exit codes of `wa-admin`: one per kind of failure a script may want to tell apart.
 *
 * | code | meaning |
 * |---|---|
 * | 0 | success |
 * | 1 | unexpected failure (a bug: please report it) |
 * | 2 | usage error: unknown command or flag, missing or malformed flag value |
 * | 3 | configuration error: missing or invalid environment variable, unknown provider |
 * | 4 | invalid input (`InvalidInput`): a rule broke; nothing was sent when the source is local |
 * | 5 | not authenticated or not allowed (`Unauthorized`, `Forbidden`) |
 * | 6 | not found (`NotFound`) |
 * | 7 | conflict with the provider's state (`Conflict`) |
 * | 8 | verification failed: wrong code or too many attempts (`VerificationFailed`) |
 * | 9 | rate limited or quota exhausted (`RateLimited`, `QuotaExceeded`): retry later |
 * | 10 | not supported by the provider (`Unsupported`) |
 * | 11 | provider failure (`ProviderUnavailable`, `UnexpectedResponse`) |
 * | 12 | outcome unknown (`OutcomeUnknown`): read the state back before retrying |
 * | 13 | provisioning failed: the registration ended in another terminal state (`ProvisioningFailed`) |
 * | 14 | local state cannot be written or read — the migration journal (`JournalWriteError`, `JournalReadError`) or a quota ledger (`LocalStateUnavailable`): the path and the cause (EACCES, EROFS, ENOSPC, damaged …) are named; nothing unrecorded was sent |
 * | 15 | the emulator cannot listen: its port is in use or not permitted (`StartError`) |
 * | 130 | interrupted (Ctrl+C, SIGINT) |
 * | 143 | terminated (SIGTERM) |
 *
 * @since 0.1.0
 */
import type { AdminError } from "@wa-admin/core"
import * as Arr from "effect/Array"

/**
 * Every exit code, by name.
 *
 * @since 0.1.0
 * @category constants
 */
export const ExitCode = {
  Success: 0,
  Unexpected: 1,
  Usage: 2,
  Config: 3,
  InvalidInput: 4,
  Auth: 5,
  NotFound: 6,
  Conflict: 7,
  VerificationFailed: 8,
  RateLimited: 9,
  Unsupported: 10,
  ProviderFailure: 11,
  OutcomeUnknown: 12,
  ProvisioningFailed: 13,
  LocalStateFailure: 14,
  CannotListen: 15,
  Interrupted: 130,
  Terminated: 143
} as const

/**
 * One exit code.
 *
 * @since 0.1.0
 * @category models
 */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/**
 * The table `--help` shows (and the README, in more words): each code and what it means, each
 * meaning short enough for one line of help.
 *
 * @since 0.1.0
 * @category constants
 */
export const table: Arr.NonEmptyReadonlyArray<{ readonly code: ExitCode; readonly meaning: string }> = (() => {
  // One meaning for every code: the compiler rejects a code added without one.
  const meanings: { readonly [Name in keyof typeof ExitCode]: string } = {
    Success: "success",
    Unexpected: "unexpected failure (a bug: please report it)",
    Usage: "usage error: unknown command or flag, missing or malformed flag value",
    Config: "configuration error: missing or invalid environment variable, unknown provider",
    InvalidInput: "invalid input (InvalidInput); nothing was sent when found locally",
    Auth: "not authenticated or not allowed (Unauthorized, Forbidden)",
    NotFound: "not found (NotFound)",
    Conflict: "conflict with the provider's state (Conflict)",
    VerificationFailed: "verification failed: wrong code or too many attempts",
    RateLimited: "rate limited or quota exhausted (RateLimited, QuotaExceeded): retry later",
    Unsupported: "not supported by the provider (Unsupported)",
    ProviderFailure: "provider failure (ProviderUnavailable, UnexpectedResponse)",
    OutcomeUnknown: "outcome unknown (OutcomeUnknown): read the state back before retrying",
    ProvisioningFailed: "provisioning failed: the registration ended in another terminal state",
    LocalStateFailure: "local state (journal, quota ledger) cannot be written or read; nothing unrecorded sent",
    CannotListen: "the emulator cannot listen: its port is in use or not permitted",
    Interrupted: "interrupted (Ctrl+C, SIGINT)",
    Terminated: "terminated (SIGTERM)"
  }
  // Every code has a name, so the names of the codes (in their order) are never empty.
  const names = Object.keys(ExitCode) as unknown as Arr.NonEmptyReadonlyArray<keyof typeof ExitCode>
  return Arr.map(names, (name) => ({ code: ExitCode[name], meaning: meanings[name] }))
})()

/**
 * The exit code for an error of the library's union.
 *
 * @since 0.1.0
 * @category conversions
 */
export const ofAdminError = (error: AdminError.AdminError): ExitCode => {
  switch (error._tag) {
    case "InvalidInput":
      return ExitCode.InvalidInput
    case "Unauthorized":
    case "Forbidden":
      return ExitCode.Auth
    case "NotFound":
      return ExitCode.NotFound
    case "Conflict":
      return ExitCode.Conflict
    case "VerificationFailed":
      return ExitCode.VerificationFailed
    case "RateLimited":
    case "QuotaExceeded":
      return ExitCode.RateLimited
    case "Unsupported":
      return ExitCode.Unsupported
    case "ProviderUnavailable":
    case "UnexpectedResponse":
      return ExitCode.ProviderFailure
    case "OutcomeUnknown":
      return ExitCode.OutcomeUnknown
    case "ProvisioningFailed":
      return ExitCode.ProvisioningFailed
    case "LocalStateUnavailable":
      return ExitCode.LocalStateFailure
  }
}
