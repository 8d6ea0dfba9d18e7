/**
 * The number lifecycle port: provision a number, follow its state, verify and resend codes,
 * release it.
 *
 * Adapters implement the requests they support; `make` adds input validation, spans, and
 * state-following (`changes`, `awaitState`, `awaitReady`) built on `status` and a `Schedule`.
 *
 * @example
 * import { NumberLifecycle } from "@wa-admin/core"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const registration = yield* NumberLifecycle.provision({
 *     phoneNumber: "+447700900000",
 *     wabaId: "123456789123",
 *     verificationMethod: "sms",
 *     providerOptions: { vonage: { vnameCertificate: "AbCdEFGHiJK123456" } }
 *   })
 *   yield* NumberLifecycle.awaitState({ id: registration.id, until: ["code_sent"] })
 *   yield* NumberLifecycle.verifyCode({ id: registration.id, code: "674639" })
 *   return yield* NumberLifecycle.awaitReady({ id: registration.id })
 * })
 *
 * @since 0.1.0
 */
import { Context, Duration, Effect, Option, Schedule, Schema, Stream } from "effect"

import { ProvisioningFailed } from "./AdminError.js"
import type { AdminError, InvalidInput } from "./AdminError.js"
import type { Reasons } from "./Capabilities.js"
import * as Id from "./Id.js"
import { portOf } from "./internal/port.js"
import * as PortService from "./internal/service.js"
import {
  isTerminal,
  NumberState,
  ProvisionRequest,
  Registration,
  VerificationCode,
  VerificationMethod
} from "./Registration.js"

/**
 * A registration to act on, by the provider's reference. The id ends up in a request path, so it
 * is checked as an id ({@link Id.ResourceId}: not empty, not `.` or `..`, no `/`, `?`, `#` …);
 * each adapter also checks the format its provider documents.
 *
 * @since 0.1.0
 * @category requests
 */
export const RegistrationRef = Schema.Struct({ id: Id.ResourceId })

/**
 * @since 0.1.0
 * @category requests
 */
export const VerifyRequest = Schema.Struct({ ...RegistrationRef.fields, code: VerificationCode })

/**
 * @since 0.1.0
 * @category requests
 */
export const ResendRequest = Schema.Struct({
  ...RegistrationRef.fields,
  method: Schema.optional(VerificationMethod)
})

/**
 * How a code was (re)sent.
 *
 * @since 0.1.0
 * @category models
 */
export class CodeDelivery extends Schema.Class<CodeDelivery>("@wa-admin/core/CodeDelivery")({
  method: VerificationMethod,
  message: Schema.optional(Schema.String)
}) {}

/**
 * How to follow a registration: the polling schedule and a callback for each change of state.
 *
 * `schedule` (default {@link defaultPollSchedule}) is held to {@link minPollInterval}: whatever
 * it says, two status requests are at least 1 second apart (`Schedule.forever` polls once a
 * second, not as fast as the provider answers).
 *
 * @since 0.1.0
 * @category models
 */
export interface FollowOptions {
  /** When to poll again; any delay under {@link minPollInterval} (1 s) is raised to it. */
  readonly schedule?: Schedule.Schedule<unknown, unknown>
  readonly onChange?: (registration: Registration) => Effect.Effect<void, AdminError>
}

/**
 * The least time between two status requests while following a registration: 1 second. No
 * provider document states a polling interval; Vonage's deployment goes through stages
 * (INITIALIZING, CREATING_CLUSTER, CLUSTER_CREATED, then CODE_SENT; after the code, CODE_VERIFIED,
 * FINALIZING, READY) and answers 429 "Throttled — wait a moment and try again", and Meta's asks for
 * exponential backoff: polling faster than once a second learns nothing sooner and spends the
 * provider's rate limit.
 *
 * @since 0.1.0
 * @category constants
 */
export const minPollInterval: Duration.Duration = Duration.seconds(1)

/**
 * The default polling schedule: exponential backoff from 1 s (×1.5 each time), capped at 10 s,
 * jittered, and never under {@link minPollInterval}.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultPollSchedule: Schedule.Schedule<unknown, unknown> = Schedule.exponential(minPollInterval, 1.5).pipe(
  Schedule.union(Schedule.spaced("10 seconds")),
  Schedule.jittered
)

/** A schedule whose every delay is at least {@link minPollInterval}. */
const heldToFloor = <Out, In, R>(schedule: Schedule.Schedule<Out, In, R>): Schedule.Schedule<Out, In, R> =>
  Schedule.modifyDelay(schedule, (_, delay) => Duration.max(delay, minPollInterval))

/**
 * What an adapter implements. Leave out what the provider does not offer: it fails with
 * `Unsupported` and `Capabilities` says so.
 *
 * @since 0.1.0
 * @category models
 */
export interface Implementation extends PortService.Implementation {
  readonly provision?: (request: ProvisionRequest) => Effect.Effect<Registration, AdminError>
  /**
   * The provider's own rules on a provision request as given (a field it requires, its
   * `providerOptions` entry), checked alongside the port's: one `InvalidInput` names them all.
   */
  readonly checkProvision?: (request: typeof ProvisionRequest.Encoded) => Effect.Effect<void, InvalidInput>
  readonly status?: (request: typeof RegistrationRef.Type) => Effect.Effect<Registration, AdminError>
  readonly verifyCode?: (request: typeof VerifyRequest.Type) => Effect.Effect<void, AdminError>
  readonly resendCode?: (request: typeof ResendRequest.Type) => Effect.Effect<CodeDelivery, AdminError>
  readonly release?: (request: typeof RegistrationRef.Type) => Effect.Effect<void, AdminError>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service extends PortService.Description {
  /** Starts registering a number; the answer is usually `pending`. */
  readonly provision: (request: typeof ProvisionRequest.Encoded) => Effect.Effect<Registration, AdminError>
  /** The registration's current state. */
  readonly status: (request: typeof RegistrationRef.Encoded) => Effect.Effect<Registration, AdminError>
  /** Submits the code received by SMS or voice. */
  readonly verifyCode: (request: typeof VerifyRequest.Encoded) => Effect.Effect<void, AdminError>
  /** Sends the code again. */
  readonly resendCode: (request: typeof ResendRequest.Encoded) => Effect.Effect<CodeDelivery, AdminError>
  /** Releases (deletes) the registration. */
  readonly release: (request: typeof RegistrationRef.Encoded) => Effect.Effect<void, AdminError>
  /** Each change of state, polled on a schedule, ending after a terminal state. */
  readonly changes: (
    request: typeof RegistrationRef.Encoded & FollowOptions
  ) => Stream.Stream<Registration, AdminError>
  /**
   * Waits until the registration reaches one of `until`; fails with `ProvisioningFailed` when
   * it ends in another terminal state.
   */
  readonly awaitState: (
    request: typeof RegistrationRef.Encoded & FollowOptions & { readonly until: ReadonlyArray<NumberState> }
  ) => Effect.Effect<Registration, AdminError>
  /** Waits until the registration is `ready` (a code must be verified meanwhile). */
  readonly awaitReady: (
    request: typeof RegistrationRef.Encoded & FollowOptions
  ) => Effect.Effect<Registration, AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class NumberLifecycle extends Context.Tag("@wa-admin/core/NumberLifecycle")<NumberLifecycle, Service>() {}

const sameState = (a: Registration, b: Registration) =>
  a.state === b.state && a.providerState === b.providerState && a.detail === b.detail

/** The implementation's methods and the operations they serve. */
const candidates = [
  ["provision", "numbers.provision"],
  ["status", "numbers.status"],
  ["verifyCode", "numbers.verify"],
  ["resendCode", "numbers.resend"],
  ["release", "numbers.release"]
] as const

/**
 * Builds the service from an adapter's implementation.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (provider: string, implementation: Implementation): Service => {
  const port = portOf(provider, implementation.unsupported)
  const status = port.effect("numbers.status", RegistrationRef, implementation.status)
  const changes: Service["changes"] = (request) => {
    const poll = status({ id: request.id })
    const stream = Stream.repeatEffectWithSchedule(poll, heldToFloor(request.schedule ?? defaultPollSchedule)).pipe(
      Stream.changesWith(sameState),
      Stream.takeUntil((registration) => isTerminal(registration.state))
    )
    const onChange = request.onChange
    return onChange === undefined ? stream : Stream.tap(stream, onChange)
  }
  const awaitState: Service["awaitState"] = (request) => {
    const wanted = new Set(request.until)
    return changes(request).pipe(
      Stream.filter((registration) => wanted.has(registration.state) || isTerminal(registration.state)),
      Stream.runHead,
      Effect.flatMap((found) => {
        const registration = Option.getOrUndefined(found)
        if (registration !== undefined && wanted.has(registration.state)) return Effect.succeed(registration)
        return Effect.fail(
          new ProvisioningFailed({
            provider,
            operation: "numbers.status",
            id: request.id,
            state: registration?.state ?? "unknown",
            providerState: registration?.providerState ?? "unknown",
            ...(registration?.detail === undefined ? {} : { detail: registration.detail })
          })
        )
      })
    )
  }
  return {
    ...PortService.describe(provider, implementation, candidates),
    provision: port.effect(
      "numbers.provision",
      ProvisionRequest,
      implementation.provision,
      implementation.checkProvision
    ),
    status,
    verifyCode: port.effect("numbers.verify", VerifyRequest, implementation.verifyCode),
    resendCode: port.effect("numbers.resend", ResendRequest, implementation.resendCode),
    release: port.effect("numbers.release", RegistrationRef, implementation.release),
    changes,
    awaitState,
    awaitReady: (request) => awaitState({ ...request, until: ["ready"] })
  }
}

/**
 * A service whose every operation fails with `Unsupported`, with the reasons given.
 *
 * @since 0.1.0
 * @category constructors
 */
export const unsupported: (provider: string, reasons?: Reasons) => Service = PortService.unsupportedBy(make)

/** @since 0.1.0 @category accessors */
export const provision = (request: typeof ProvisionRequest.Encoded) =>
  Effect.flatMap(NumberLifecycle, (service) => service.provision(request))
/** @since 0.1.0 @category accessors */
export const status = (request: typeof RegistrationRef.Encoded) =>
  Effect.flatMap(NumberLifecycle, (service) => service.status(request))
/** @since 0.1.0 @category accessors */
export const verifyCode = (request: typeof VerifyRequest.Encoded) =>
  Effect.flatMap(NumberLifecycle, (service) => service.verifyCode(request))
/** @since 0.1.0 @category accessors */
export const resendCode = (request: typeof ResendRequest.Encoded) =>
  Effect.flatMap(NumberLifecycle, (service) => service.resendCode(request))
/** @since 0.1.0 @category accessors */
export const release = (request: typeof RegistrationRef.Encoded) =>
  Effect.flatMap(NumberLifecycle, (service) => service.release(request))
/** @since 0.1.0 @category accessors */
export const changes = (request: typeof RegistrationRef.Encoded & FollowOptions) =>
  Stream.unwrap(Effect.map(NumberLifecycle, (service) => service.changes(request)))
/** @since 0.1.0 @category accessors */
export const awaitState = (
  request: typeof RegistrationRef.Encoded & FollowOptions & { readonly until: ReadonlyArray<NumberState> }
) => Effect.flatMap(NumberLifecycle, (service) => service.awaitState(request))
/** @since 0.1.0 @category accessors */
export const awaitReady = (request: typeof RegistrationRef.Encoded & FollowOptions) =>
  Effect.flatMap(NumberLifecycle, (service) => service.awaitReady(request))
