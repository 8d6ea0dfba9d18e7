/**
 * The fault suite: every fault the emulators can inject, against every provider, for a read and
 * for a mutation, with the outcome the shared transport policy promises. Each row of the table is
 * one scenario: start an emulator and the adapter, make one healthy call (the run is under way),
 * inject the fault on the operation's requests, run the call in virtual time and compare what
 * reached the emulator, when, the waits the transport announced, how the call ended and when,
 * and which mutations took effect.
 *
 * The policy is the default one without jitter, so every wait is exact: 4 attempts, backoff 250,
 * 500, 1000 ms, `Retry-After` honoured up to 60 s, 15 s per attempt, 60 s per call.
 *
 * Figures go to the reliability summary under the area "faults": scenarios run and passed,
 * mutations that took effect more than once (`duplicateEffects`, expected 0) and requests that
 * reached the foreign host a redirect points to (`foreignHostRequests`, expected 0).
 */
import { assert, describe, it } from "@effect/vitest"
import { Transport } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import { ReliabilityMetrics } from "@wa-admin/core/testing"
import type { VonageEmulator } from "@wa-admin/vonage/emulator"
import { Cause, Duration, Effect, Exit, Option } from "effect"
import * as ForeignHost from "./ForeignHost.js"
import type { Binding, Operation, ProviderName } from "./Subjects.js"
import { drive } from "./VirtualTime.js"

export type Kind = "read" | "mutation"

/** What the caller and the emulator see. Times are virtual milliseconds after the call began. */
export interface Expected {
  /** `"ok"`, or the `_tag` of the error the call fails with. */
  readonly outcome: "ok" | AdminError.AdminError["_tag"]
  /** When each request of the call reached the emulator. */
  readonly arrivals: ReadonlyArray<number>
  /** The waits the transport announced before its retries. */
  readonly waits: ReadonlyArray<number>
  /** When the call ended. */
  readonly elapsed: number
  /** Mutations that took effect; default 1 when the call succeeded, else 0. Reads take none. */
  readonly effects?: number
  readonly status?: number
  readonly attempts?: number
  /** The `retryAfter` the error carries, in milliseconds. */
  readonly retryAfter?: number
  readonly reason?: RegExp
}

export interface FaultCase {
  readonly name: string
  /** The fault, for the operation under test (redirects point at the foreign host). */
  readonly fault?: (
    target: { readonly operation: Operation; readonly foreign: ForeignHost.ForeignHost }
  ) => VonageEmulator.Fault
  /** How many of the operation's requests meet it; default every one. */
  readonly times?: number
  /** Instead of a fault, the adapter is configured with a port nobody listens on. */
  readonly refused?: true
  readonly read: Expected
  readonly mutation: Expected
  /** Where a provider differs, and why. */
  readonly except?: {
    readonly [P in ProviderName]?: { readonly why: string; readonly read?: Expected; readonly mutation?: Expected }
  }
}

export const policy: Transport.Policy = { ...Transport.defaultPolicy, jitter: "none" }

const once = 1

const status = (code: number, retryAfter?: VonageEmulator.RetryAfter) => (): VonageEmulator.Fault =>
  retryAfter === undefined ? { _tag: "Status", status: code } : { _tag: "Status", status: code, retryAfter }

const okAfter = (arrivals: ReadonlyArray<number>, waits: ReadonlyArray<number>): Expected => ({
  outcome: "ok",
  arrivals,
  waits,
  elapsed: arrivals.at(-1) ?? 0
})

/** One request, and the call ends with `outcome` at once (or when `elapsed` says). */
const atOnce = (
  outcome: Expected["outcome"],
  rest: Omit<Expected, "outcome" | "arrivals" | "waits"> = { elapsed: 0 }
) => ({ outcome, arrivals: [0], waits: [], ...rest }) satisfies Expected

/** Four attempts with the policy's backoff, then `outcome`. */
const afterBackoff = (outcome: Expected["outcome"], rest: Pick<Expected, "status" | "reason">): Expected => ({
  outcome,
  arrivals: [0, 250, 750, 1750],
  waits: [250, 500, 1000],
  elapsed: 1750,
  ...rest,
  attempts: 4
})

/** The same expectation for the read and for the mutation. */
const both = (expected: Expected): Pick<FaultCase, "read" | "mutation"> => ({ read: expected, mutation: expected })

const serverError = (code: number): FaultCase => ({
  name: `${code}, once`,
  fault: status(code),
  times: once,
  read: okAfter([0, 250], [250]),
  mutation: atOnce("OutcomeUnknown", { elapsed: 0, status: code, reason: /server error/ })
})

/**
 * The connection fails once, `waited` ms into the call (0, or the 15 s response timeout): a read
 * is retried 250 ms later and succeeds; a mutation is `OutcomeUnknown` at once — `effects`, whether
 * it took effect before the failure — and `reason` says why.
 */
const failsOnce = (
  name: string,
  fault: VonageEmulator.Fault,
  mutation: { readonly waited: number; readonly effects: number; readonly reason: RegExp }
): FaultCase => ({
  name: `${name}, once`,
  fault: () => fault,
  times: once,
  read: okAfter([0, mutation.waited + 250], [250]),
  mutation: atOnce("OutcomeUnknown", { elapsed: mutation.waited, effects: mutation.effects, reason: mutation.reason })
})

const redirect = (code: 301 | 302 | 307 | 308): FaultCase => ({
  name: `${code} redirect to another host (same path and query)`,
  fault: ({ foreign }) => ({ _tag: "Redirect", status: code, location: foreign.url, keepPath: true }),
  ...both(
    atOnce("UnexpectedResponse", {
      elapsed: 0,
      status: code,
      reason: /redirect to http:\/\/127\.0\.0\.\d+:\d+\/\S* not followed/
    })
  )
})

/** The spec. */
export const cases: ReadonlyArray<FaultCase> = [
  {
    name: "429 with Retry-After: 2 (delay-seconds), once",
    fault: status(429, 2),
    times: once,
    ...both(okAfter([0, 2000], [2000]))
  },
  {
    name: "429 with Retry-After as an HTTP date 3 s ahead, once",
    fault: status(429, { dateIn: "3 seconds" }),
    times: once,
    ...both(okAfter([0, 3000], [3000]))
  },
  { name: "429 without Retry-After, once", fault: status(429), times: once, ...both(okAfter([0, 250], [250])) },
  {
    name: "429 with a garbage Retry-After, once",
    fault: status(429, "soon-ish"),
    times: once,
    ...both(okAfter([0, 250], [250]))
  },
  {
    name: "429 with Retry-After: 86400 (beyond the 60 s cap)",
    fault: status(429, 86_400),
    ...both(atOnce("RateLimited", { elapsed: 0, attempts: 1, retryAfter: 86_400_000 }))
  },
  {
    name: "429 with Retry-After: 1, every time",
    fault: status(429, 1),
    ...both({
      outcome: "RateLimited",
      arrivals: [0, 1000, 2000, 3000],
      waits: [1000, 1000, 1000],
      elapsed: 3000,
      attempts: 4
    })
  },
  {
    name: "429 with Retry-After: 45, every time (the next wait would outlast the deadline)",
    fault: status(429, 45),
    ...both({
      outcome: "RateLimited",
      arrivals: [0, 45_000],
      waits: [45_000],
      elapsed: 45_000,
      attempts: 2,
      retryAfter: 45_000
    })
  },
  serverError(500),
  serverError(502),
  serverError(503),
  serverError(504),
  {
    name: "503 with Retry-After: 2, once",
    fault: status(503, 2),
    times: once,
    read: okAfter([0, 2000], [2000]),
    mutation: atOnce("OutcomeUnknown", { elapsed: 0, status: 503 })
  },
  {
    name: "503, every time",
    fault: status(503),
    read: afterBackoff("ProviderUnavailable", { status: 503 }),
    mutation: atOnce("OutcomeUnknown", { elapsed: 0, status: 503 })
  },
  {
    name: "501 Not Implemented",
    fault: status(501),
    ...both(atOnce("ProviderUnavailable", { elapsed: 0, status: 501, attempts: 1 }))
  },
  {
    name: "connection refused (nobody listens on the port)",
    refused: true,
    ...both({
      outcome: "ProviderUnavailable",
      arrivals: [],
      waits: [250, 500, 1000],
      elapsed: 1750,
      attempts: 4,
      reason: /ECONNREFUSED.*not sent/
    })
  },
  failsOnce("connection reset before the request body is read", { _tag: "ResetBeforeBody" }, {
    waited: 0,
    effects: 0,
    reason: /may have been sent/
  }),
  {
    name: "connection reset before the request body is read, every time",
    fault: () => ({ _tag: "ResetBeforeBody" }),
    read: afterBackoff("ProviderUnavailable", { reason: /may have been sent/ }),
    mutation: atOnce("OutcomeUnknown", { elapsed: 0, effects: 0, reason: /may have been sent/ })
  },
  failsOnce("connection reset after the mutation took effect", { _tag: "ResetAfterBody" }, {
    waited: 0,
    effects: 1,
    reason: /may have been sent/
  }),
  failsOnce("no response", { _tag: "NoResponse" }, { waited: 15_000, effects: 1, reason: /no response within/ }),
  {
    name: "no response, every time",
    fault: () => ({ _tag: "NoResponse" }),
    read: {
      outcome: "ProviderUnavailable",
      arrivals: [0, 15_250, 30_750, 46_750],
      waits: [250, 500, 1000],
      elapsed: 60_000,
      attempts: 4,
      reason: /call deadline passed/
    },
    mutation: atOnce("OutcomeUnknown", { elapsed: 15_000, effects: 1, reason: /no response within/ })
  },
  failsOnce("headers, then a stalled body", { _tag: "StallBody" }, {
    waited: 15_000,
    effects: 1,
    reason: /body stalled/
  }),
  failsOnce("a truncated body (the connection closes halfway)", { _tag: "TruncatedBody" }, {
    waited: 0,
    effects: 1,
    reason: /cut off/
  }),
  {
    name: "200 with malformed JSON",
    fault: () => ({ _tag: "MalformedJson" }),
    read: atOnce("UnexpectedResponse", { elapsed: 0, status: 200, reason: /not JSON/ }),
    mutation: atOnce("UnexpectedResponse", { elapsed: 0, status: 200, effects: 1, reason: /not JSON/ })
  },
  {
    name: "200 with an HTML page",
    fault: () => ({ _tag: "Html" }),
    read: atOnce("UnexpectedResponse", { elapsed: 0, status: 200, reason: /not JSON/ }),
    mutation: atOnce("UnexpectedResponse", { elapsed: 0, status: 200, effects: 0, reason: /not JSON/ })
  },
  {
    name: "200 with an empty body",
    fault: () => ({ _tag: "EmptyBody" }),
    read: atOnce("UnexpectedResponse", { elapsed: 0, status: 200 }),
    mutation: atOnce("UnexpectedResponse", { elapsed: 0, status: 200, effects: 1 })
  },
  {
    name: "200 with a well-formed body that breaks the documented schema",
    fault: ({ operation }) => ({ _tag: "Body", body: operation.schemaViolation }),
    read: atOnce("UnexpectedResponse", { elapsed: 0, status: 200 }),
    mutation: atOnce("UnexpectedResponse", { elapsed: 0, status: 200, effects: 1 })
  },
  {
    name: "401 in the middle of the run (the credential expired), once",
    fault: () => ({ _tag: "Unauthorized" }),
    times: once,
    ...both(atOnce("Unauthorized")),
    except: {
      vonage: {
        why: "a JWT is re-signed once on a 401 and the request repeated at once (a 401 was not processed)",
        ...both(okAfter([0, 0], []))
      }
    }
  },
  {
    name: "401 every time (the credential was revoked)",
    fault: () => ({ _tag: "Unauthorized" }),
    ...both(atOnce("Unauthorized")),
    except: {
      vonage: {
        why: "one fresh JWT is tried, then the 401 is final",
        ...both({ outcome: "Unauthorized", arrivals: [0, 0], waits: [], elapsed: 0 })
      }
    }
  },
  redirect(301),
  redirect(302),
  redirect(307),
  redirect(308)
]

/** One scenario: a fault, a provider, a read or a mutation, and what must happen. */
export interface Row {
  readonly title: string
  readonly fault: FaultCase
  readonly kind: Kind
  readonly expected: Expected
}

const summary = (expected: Expected): string => {
  const requests = `${expected.arrivals.length} request${expected.arrivals.length === 1 ? "" : "s"}`
  return `${expected.outcome} after ${requests} at ${expected.elapsed} ms`
}

/** The rows for one provider (Kaleyra has no read). */
export const rows = (provider: ProviderName, kinds: ReadonlyArray<Kind>): ReadonlyArray<Row> =>
  cases.flatMap((fault) =>
    kinds.map((kind): Row => {
      const expected = fault.except?.[provider]?.[kind] ?? fault[kind]
      return { title: `${kind}: ${fault.name} → ${summary(expected)}`, fault, kind, expected }
    })
  )

const realPause = (millis: number) => Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, millis)))

const scenario = (binding: Binding, row: Row) =>
  Effect.gen(function*() {
    ReliabilityMetrics.record({ area: "faults", scenariosRun: 1 })
    const { expected, fault, kind } = row
    const foreign = yield* ForeignHost.make
    const subject = yield* binding.start({ refused: fault.refused === true })
    const operation = kind === "read" ? Option.getOrUndefined(subject.read) : subject.mutation
    if (operation === undefined) return yield* Effect.dieMessage(`${binding.name} has no read`)
    if (fault.refused !== true) yield* Effect.orDie(subject.warmUp)

    const effectsBefore = (yield* subject.effects).length
    const arrivalsBefore = (yield* subject.faults.received).length
    if (fault.fault !== undefined) {
      yield* subject.faults.inject({
        method: operation.method,
        path: operation.path,
        ...(fault.times === undefined ? {} : { times: fault.times }),
        fault: fault.fault({ operation, foreign })
      })
    }
    const driven = yield* drive(operation.run, { policy, arrivals: subject.faults.received, probe: subject.probe })
    // Anything still on its way (a stray repeat) would land now.
    yield* realPause(10)
    const arrivals = (yield* subject.faults.received).slice(arrivalsBefore)
    const effects = (yield* subject.effects).slice(effectsBefore)
    const intended = effects.filter((effect) => effect.operation === operation.effect)
    ReliabilityMetrics.record({
      area: "faults",
      duplicateEffects: Math.max(0, intended.length - 1),
      foreignHostRequests: foreign.requests().length
    })

    assert.isTrue(Option.isNone(driven.hung), `the call hung: ${Option.getOrElse(driven.hung, () => "")}`)
    const exit = Option.getOrThrow(driven.exit)
    if (expected.outcome === "ok") {
      assert.isTrue(
        Exit.isSuccess(exit),
        `expected success, got ${Exit.isFailure(exit) ? Cause.pretty(exit.cause) : ""}`
      )
    } else {
      assert.isTrue(Exit.isFailure(exit), "expected a failure, the call succeeded")
      if (Exit.isFailure(exit)) {
        const failure = Cause.failureOption(exit.cause)
        assert.isTrue(Option.isSome(failure), `expected a typed error, got ${Cause.pretty(exit.cause)}`)
        const error = Option.getOrThrow(failure)
        assert.strictEqual(error._tag, expected.outcome, error.message)
        const status = "status" in error ? error.status : undefined
        const attempts = "attempts" in error ? error.attempts : undefined
        const retryAfter = "retryAfter" in error && error.retryAfter !== undefined
          ? Duration.toMillis(error.retryAfter)
          : undefined
        if (expected.status !== undefined) assert.strictEqual(status, expected.status, error.message)
        if (expected.attempts !== undefined) assert.strictEqual(attempts, expected.attempts, error.message)
        if (expected.retryAfter !== undefined) assert.strictEqual(retryAfter, expected.retryAfter, error.message)
        if (expected.reason !== undefined) assert.match(error.message, expected.reason)
        const surfaced = `${error.message} ${JSON.stringify(error)}`
        for (const secret of subject.secrets) assert.notInclude(surfaced, secret, "a secret in the error")
        assert.notMatch(surfaced, /Bearer\s+\w/, "a bearer token in the error")
      }
    }
    assert.deepStrictEqual(
      arrivals.map((arrival) => arrival.at - driven.start),
      [...expected.arrivals],
      "when the requests reached the emulator"
    )
    assert.deepStrictEqual(driven.waits, [...expected.waits], "the waits the transport announced")
    assert.strictEqual(driven.elapsed, expected.elapsed, "when the call ended")
    assert.isAtMost(driven.elapsed, Duration.toMillis(Duration.decode(policy.deadline)), "the call deadline held")
    if (kind === "read") {
      assert.deepStrictEqual(effects, [], "a read takes no effect")
    } else {
      assert.strictEqual(
        intended.length,
        expected.effects ?? (expected.outcome === "ok" ? 1 : 0),
        "mutations that took effect"
      )
      assert.strictEqual(effects.length, intended.length, "no other effect")
    }
    assert.deepStrictEqual(
      foreign.credentialed(subject.secrets),
      [],
      "no credentialed request reached the foreign host"
    )
    assert.deepStrictEqual(foreign.requests(), [], "nothing reached the foreign host")
    ReliabilityMetrics.record({ area: "faults", scenariosPassed: 1 })
  })

/** Declares the suite for one provider. */
export const suite = (binding: Binding, kinds: ReadonlyArray<Kind>): void => {
  describe(`${binding.name}: every fault, for ${kinds.join(" and ")}`, () => {
    for (const row of rows(binding.name, kinds)) {
      it.scoped(row.title, () => scenario(binding, row))
    }
  })
}
