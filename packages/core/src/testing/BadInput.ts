/**
 * The bad-input catalogue check every adapter runs: each invalid input a user will plausibly try
 * must end in an `InvalidInput` from this side (`source: "local"`) that names every broken field
 * and the operation, and not one request may reach the provider (an emulator counts them).
 *
 * @since 0.1.0
 */
import { Effect, Stream } from "effect"
import type { AdminError } from "../AdminError.js"
import * as BusinessProfile from "../BusinessProfile.js"
import * as Media from "../Media.js"
import * as NumberLifecycle from "../NumberLifecycle.js"
import * as Templates from "../Templates.js"
import * as ReliabilityMetrics from "./ReliabilityMetrics.js"

/**
 * One invalid input to one operation.
 *
 * @since 0.1.0
 * @category models
 */
export interface Case<R> {
  readonly operation: string
  /** What is wrong with the input, in words (it labels the failures). */
  readonly input: string
  readonly run: Effect.Effect<unknown, AdminError, R>
  /** The fields the refusal must name. */
  readonly fields: ReadonlyArray<string>
}

/**
 * An operation called as a script, a form or a JSON file calls it: with a value the compiler
 * never saw (the only way to hand the port what its types forbid).
 *
 * @example
 * import { NumberLifecycle } from "@wa-admin/core"
 * import { BadInput } from "@wa-admin/core/testing"
 *
 * const run = BadInput.loosely(NumberLifecycle.status)({ id: 42 })
 *
 * @since 0.2.0
 * @category running
 */
export const loosely = <I, A>(operation: (input: I) => A) => (input: unknown): A => operation(input as I)

/**
 * The cases of one operation: each names what is wrong with the input, the input the operation is
 * called with, and the fields its refusal must name.
 *
 * @example
 * import { NumberLifecycle } from "@wa-admin/core"
 * import { BadInput } from "@wa-admin/core/testing"
 *
 * const verify = BadInput.casesOf("numbers.verify", NumberLifecycle.verifyCode)
 * const cases = [verify("a code with letters", { id: "123", code: "12ab" }, ["code"])]
 *
 * @since 0.2.0
 * @category constructors
 */
export const casesOf = <I, R>(
  operation: string,
  call: (input: I) => Effect.Effect<unknown, AdminError, R>
) =>
(input: string, value: I, fields: ReadonlyArray<string>): Case<R> => ({ operation, input, run: call(value), fields })

/**
 * The cases of the port's operations every adapter checks, by operation (for an input the types
 * forbid, use `casesOf` with `loosely`).
 *
 * @since 0.2.0
 * @category constructors
 */
export const port = {
  status: casesOf("numbers.status", NumberLifecycle.status),
  verify: casesOf("numbers.verify", NumberLifecycle.verifyCode),
  resend: casesOf("numbers.resend", NumberLifecycle.resendCode),
  release: casesOf("numbers.release", NumberLifecycle.release),
  getProfile: casesOf("profile.get", BusinessProfile.get),
  getPhoto: casesOf("profile.photo.get", BusinessProfile.getPhoto),
  setPhoto: casesOf("profile.photo.set", BusinessProfile.setPhoto),
  upload: casesOf("media.upload", Media.upload),
  templateAsset: casesOf("media.templateAsset", Media.uploadTemplateAsset),
  listTemplates: casesOf(
    "templates.list",
    (options: Parameters<typeof Templates.list>[0]) => Stream.runDrain(Templates.list(options))
  ),
  getTemplate: casesOf("templates.get", Templates.get),
  removeTemplate: casesOf("templates.delete", Templates.remove)
}

/**
 * A template draft every provider's rules accept (a utility template with one body).
 *
 * @since 0.2.0
 * @category constants
 */
export const validTemplate = {
  name: "order_ready",
  language: "en_US",
  category: "UTILITY",
  components: [{ _tag: "BODY", text: "Your order is ready" }]
}

/**
 * The cases of `templates.create` on a WABA: `validTemplate` with what a case changes.
 *
 * @since 0.2.0
 * @category constructors
 */
export const createTemplate = (wabaId: string) =>
  casesOf(
    "templates.create",
    (template: Record<string, unknown>) =>
      loosely(Templates.create)({ wabaId, template: { ...validTemplate, ...template } })
  )

/**
 * What tells whether a request reached the provider: an emulator's request log.
 *
 * @since 0.1.0
 * @category models
 */
export interface RequestLog {
  readonly clearRequests: Effect.Effect<void>
  readonly requests: Effect.Effect<ReadonlyArray<unknown>>
}

/**
 * Runs every case, records the outcome in the reliability summary (area `bad-input`), and answers
 * each failure (a case that succeeded, failed otherwise, did not name a field or the operation,
 * or let a request through) and how many requests reached the provider in all.
 *
 * @since 0.1.0
 * @category running
 */
export const run = <R>(
  cases: ReadonlyArray<Case<R>>,
  provider: RequestLog
): Effect.Effect<{ readonly failures: ReadonlyArray<string>; readonly requestsSent: number }, never, R> =>
  Effect.gen(function*() {
    const failures: Array<string> = []
    let requestsSent = 0
    for (const testCase of cases) {
      yield* provider.clearRequests
      const error = yield* testCase.run.pipe(Effect.flip, Effect.option)
      const reached = (yield* provider.requests).length
      requestsSent += reached
      const label = `${testCase.operation} with ${testCase.input}`
      if (error._tag === "None") {
        failures.push(`${label}: succeeded`)
        continue
      }
      const refusal = error.value
      if (refusal._tag !== "InvalidInput" || refusal.source !== "local") {
        failures.push(`${label}: ${refusal._tag} (${refusal.message})`)
      } else {
        const named = refusal.issues.map((issue) => issue.field)
        const missing = testCase.fields.filter((field) => !named.includes(field))
        if (missing.length > 0) {
          failures.push(`${label}: does not name ${missing.join(", ")} (named ${named.join(", ")})`)
        }
        if (refusal.operation !== testCase.operation) failures.push(`${label}: reported as ${refusal.operation}`)
      }
      if (reached > 0) failures.push(`${label}: ${reached} request(s) reached the provider`)
    }
    ReliabilityMetrics.record({
      area: "bad-input",
      scenariosRun: cases.length,
      scenariosPassed: cases.length - new Set(failures.map((failure) => failure.split(":")[0])).size,
      badInputRequests: requestsSent
    })
    return { failures, requestsSent }
  })
