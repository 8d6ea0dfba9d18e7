/**
 * The conformance suite: one set of behaviour tests every adapter runs against its own
 * emulator (as unstorage's `testDriver()` does for its drivers).
 *
 * `run` registers a vitest `describe` block. It builds the fixture once, at collection, to read
 * the provider's `Capabilities`; then, for every operation the provider supports, it runs the
 * behaviour checks — each against a fresh fixture, in its own scope, under `TestClock` unless
 * `clock: "live"` — and for every operation it does not support, it checks that the call fails
 * with `Unsupported` naming the provider and the operation. A check needing an operation the
 * provider lacks is registered as skipped, its title saying which (never dropped silently).
 * Documented differences between providers are declared on the fixture (`numbers.outcome`,
 * `numbers.conflictNamesExisting`, `templates.deleteScope`, `templates.approve` …) and select
 * or shape the matching checks. A fixture part a supported operation needs but the fixture lacks
 * fails the check with what to add.
 *
 * Every check is also exported (`checks`, `unsupported`) and can be run alone with `runCheck`,
 * for example to show that a check catches a deliberately broken adapter.
 *
 * @example
 * // packages/vonage/test/Conformance.test.ts
 * import { NodeHttpClient } from "@effect/platform-node"
 * import { NumberLifecycle } from "@wa-admin/core"
 * import { Conformance } from "@wa-admin/core/testing"
 * import { VonageAdmin, VonageClient } from "@wa-admin/vonage"
 * import { VonageEmulator } from "@wa-admin/vonage/emulator"
 * import { Effect, Layer } from "effect"
 *
 * const provision = {
 *   wabaId: "123456789123",
 *   verificationMethod: "sms",
 *   providerOptions: { vonage: { vnameCertificate: "AbCdEF" } }
 * } as const
 *
 * // Called at the top of the test file, where vitest collects the `describe` block it registers.
 * export const registerSuite = () => Conformance.run({
 *   name: "vonage",
 *   operations: ["numbers.provision", "numbers.status", "numbers.verify", "numbers.resend", "numbers.release",
 *     "profile.get", "profile.update", "profile.photo.get", "profile.photo.set"],
 *   makeFixture: Effect.gen(function* () {
 *     const emulator = yield* VonageEmulator.make({ stageDuration: "200 millis" })
 *     const fixture: Conformance.Fixture = {
 *       layer: VonageAdmin.layerComplete.pipe(
 *         Layer.provide(VonageClient.layer({ baseUrl: emulator.url, ...emulator.credentials })),
 *         Layer.provide(NodeHttpClient.layerUndici)
 *       ),
 *       requestCount: Effect.map(emulator.requests, (requests) => requests.length),
 *       // profiles belong to deployments: each check provisions one first
 *       number: Effect.map(NumberLifecycle.provision({ phoneNumber: "+447700900999", ...provision }), (r) => r.id),
 *       numbers: {
 *         request: { phoneNumber: "+447700900123", ...provision },
 *         readCode: (registration) => emulator.lastCode(registration.id),
 *         stageDuration: "200 millis",
 *         maxVerifyAttempts: 3
 *       }
 *     }
 *     return fixture
 *   })
 * })
 *
 * @since 0.1.0
 */
import type { Duration, Option, Schedule, Scope } from "effect"
import { Context, Effect, Layer } from "effect"
import { Capabilities, operations as allOperations } from "../Capabilities.js"
import type { Operation, Service as CapabilitiesService } from "../Capabilities.js"
import type * as Port from "../Port.js"
import type { ProfileUpdate } from "../Profile.js"
import type { NumberState, ProvisionRequest, Registration } from "../Registration.js"
import type { TemplateCategory } from "../Template.js"
import { capabilityChecks, unsupportedCheck } from "./internal/capabilityChecks.js"
import { makeHarness } from "./internal/harness.js"
import { mediaChecks } from "./internal/mediaChecks.js"
import { numbersChecks } from "./internal/numbersChecks.js"
import { profileChecks } from "./internal/profileChecks.js"
import { templatesChecks } from "./internal/templatesChecks.js"
import { vitest } from "./internal/vitest.js"

/**
 * What the number lifecycle checks need.
 *
 * @since 0.1.0
 * @category models
 */
export interface NumbersFixture {
  /**
   * A provision request this provider accepts. Each check provisions it against a fresh
   * fixture (providers that provision).
   */
  readonly request?: typeof ProvisionRequest.Encoded
  /** The verification code the provider sent to a registration (the emulator's outbox). */
  readonly readCode?: (registration: Registration) => Effect.Effect<Option.Option<string>, unknown>
  /**
   * How provisioning ends at this provider: `"code"` (default) — `pending` → `code_sent`, then
   * the right code leads to `ready`; `"pending"` — the request is accepted and stays `pending`
   * with no code (Kaleyra's activation request).
   */
  readonly outcome?: "code" | "pending"
  /**
   * What a release leaves: `"free"` (default) — the number can be provisioned again at once;
   * `"kept"` — the provider keeps the released number on the account (Meta keeps a deregistered
   * number in its WABA), so provisioning it again is a `Conflict`.
   */
  readonly afterRelease?: "free" | "kept"
  /** Whether a duplicate provisioning's `Conflict` names the existing registration (default true). */
  readonly conflictNamesExisting?: boolean
  /** After this many wrong codes even the right code is refused (checked when given). */
  readonly maxVerifyAttempts?: number
  /** A registration the provider already knows, and its state (for providers that only report status). */
  readonly existing?: { readonly id: string; readonly state: NumberState }
  /** A registration id the provider does not know (default a nil UUID). */
  readonly unknownId?: string
  /** How long one lifecycle stage takes at the provider; time passes in quarters of it. */
  readonly stageDuration: Duration.DurationInput
  /** How many stages to wait at most for a state (default 25). */
  readonly maxStages?: number
  /** The polling schedule given to `changes` / `awaitState` / `awaitReady` (default: every quarter stage). */
  readonly pollSchedule?: Schedule.Schedule<unknown, unknown>
}

/**
 * What the business profile checks need.
 *
 * @since 0.1.0
 * @category models
 */
export interface ProfileFixture {
  /** A valid profile change for this provider (default: every text field, email, `Retail`, one website). */
  readonly update?: typeof ProfileUpdate.Encoded
  /** A photo URL the provider accepts (default `https://example.com/photo.png`). */
  readonly photoUrl?: string
  /**
   * Where the photo is served from after a change: `"source"` (default) — the URL it was set
   * from; `"provider"` — the provider's own copy (Meta's `profile_picture_url`), so the answer
   * and later reads name that copy instead.
   */
  readonly photoServedFrom?: "source" | "provider"
}

/**
 * What the media checks need.
 *
 * @since 0.1.0
 * @category models
 */
export interface MediaFixture {
  /** A media URL the provider accepts (default `https://example.com/media/picture.png`, an image). */
  readonly url?: string
  /** How long the provider keeps a media id; when given, `expiresAt` must be that long after the upload. */
  readonly expiresAfter?: Duration.DurationInput
  /**
   * A file for a template header the adapter can fetch (it downloads the URL and uploads the
   * bytes), and what the answer must say about it: default an image at
   * `https://example.com/media/header.png`, its type and size unchecked.
   */
  readonly templateAsset?: {
    readonly url: string
    readonly kind?: "image" | "video" | "document"
    /** The file's media type, when the provider reads it (`image/png`). */
    readonly mimeType?: string
    /** The file's size in bytes, when the provider reads it. */
    readonly size?: number
  }
}

/**
 * What the template checks need, and how the provider's templates differ.
 *
 * @since 0.1.0
 * @category models
 */
export interface TemplatesFixture {
  /** A WABA whose templates the checks may create, edit and delete. */
  readonly wabaId: string
  /**
   * What the provider's delete removes: `"language"` (default) — one language version;
   * `"name"` — every language of the name (WOZTELL), so a one-language delete of a name with
   * other languages must be refused with `Conflict` or `InvalidInput` unless `allLanguages`.
   */
  readonly deleteScope?: "language" | "name"
  /** Two different categories the provider accepts (default `MARKETING`, `UTILITY`). */
  readonly categories?: readonly [TemplateCategory, TemplateCategory]
  /** Two different languages the provider accepts (default `en_US`, `es`). */
  readonly languages?: readonly [string, string]
  /**
   * Approves a template as the provider's review would (the emulator's control). Given, it is
   * applied to every template the edit checks create — providers that, like WhatsApp, refuse to
   * edit a template still `PENDING` need it — and to one template of the status filter check.
   */
  readonly approve?: (template: {
    readonly wabaId: string
    readonly name: string
    readonly language: string
  }) => Effect.Effect<void, unknown>
}

/**
 * One adapter wired to its emulator, built afresh for each check.
 *
 * @since 0.1.0
 * @category models
 */
export interface Fixture {
  /** Every port service: the adapter's `layerComplete`, configured for the emulator. */
  readonly layer: Layer.Layer<Port.Services, unknown>
  /**
   * How many requests the provider has received so far. When given, the checks make sure that
   * refused input sends nothing.
   */
  readonly requestCount?: Effect.Effect<number, unknown>
  /** A number whose profile can be read and changed, and media uploaded for; or an effect preparing one. */
  readonly number?: string | Effect.Effect<string, unknown, Port.Services>
  /** A number the provider does not know (default a nil UUID). */
  readonly unknownNumber?: string
  readonly numbers?: NumbersFixture
  readonly profile?: ProfileFixture
  readonly media?: MediaFixture
  readonly templates?: TemplatesFixture
}

/**
 * How to run the suite.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The adapter's name, used in the `describe` title. */
  readonly name: string
  /**
   * Builds a fresh fixture (start the emulator, configure the adapter) in the check's scope. It
   * also runs once outside any test, to read the capabilities: keep `TestClock` calls out of it.
   */
  readonly makeFixture: Effect.Effect<Fixture, unknown, Scope.Scope>
  /**
   * How time passes: `"test"` (default) — checks run under `TestClock` and time is moved with
   * `TestClock.adjust` (the emulator must be started by `makeFixture`, so it shares the clock);
   * `"live"` — checks run with the real clock and time passes by sleeping.
   */
  readonly clock?: "test" | "live"
  /** The operations the provider is documented to support: when given, `Capabilities` must list exactly these. */
  readonly operations?: ReadonlyArray<Operation>
  /** A time limit per check, in milliseconds. */
  readonly timeout?: number
}

/**
 * What a check gets: the fixture, the provider's capabilities, and how to let time pass.
 *
 * @since 0.1.0
 * @category models
 */
export interface Harness {
  readonly options: Options
  readonly fixture: Fixture
  readonly capabilities: CapabilitiesService
  /** Lets time pass: `TestClock.adjust` under the test clock, a sleep otherwise. */
  readonly passTime: (duration: Duration.DurationInput) => Effect.Effect<void>
  /** Gives forked fibers doing real I/O a moment (a short real sleep under the test clock). */
  readonly settle: Effect.Effect<void>
  /** How many requests the provider has received, when the fixture can tell. */
  readonly requestCount: Effect.Effect<Option.Option<number>, unknown>
  /** A short string unique to this check run, for names the check creates. */
  readonly unique: string
}

/**
 * One behaviour check.
 *
 * @since 0.1.0
 * @category models
 */
export interface Check {
  /** The test title: `<area>: <behaviour>`. */
  readonly name: string
  /** The operations the check exercises; it runs only when the provider supports all of them. */
  readonly requires: ReadonlyArray<Operation>
  /** Whether the check applies to the fixture's declared differences (default: always). */
  readonly appliesTo?: (fixture: Fixture) => boolean
  readonly run: (harness: Harness) => Effect.Effect<void, unknown, Port.Services | Scope.Scope>
}

/**
 * Every behaviour check, in the order `run` registers them.
 *
 * @since 0.1.0
 * @category checks
 */
export const checks: ReadonlyArray<Check> = [
  ...capabilityChecks,
  ...numbersChecks,
  ...profileChecks,
  ...mediaChecks,
  ...templatesChecks
]

/**
 * The check that an operation the provider lacks fails with `Unsupported`.
 *
 * @since 0.1.0
 * @category checks
 */
export const unsupported: (operation: Operation) => Check = unsupportedCheck

/**
 * Runs one check against a fresh fixture (in the caller's scope; under `TestClock` when
 * `options.clock` is `"test"`, so call it from `it.scoped`). Useful to show that a check
 * catches a broken adapter: the effect fails (or dies with the assertion) when it does.
 *
 * @since 0.1.0
 * @category running
 */
export const runCheck = (check: Check, options: Options): Effect.Effect<void, unknown, Scope.Scope> =>
  Effect.gen(function*() {
    const fixture = yield* options.makeFixture
    const context = yield* Layer.build(fixture.layer)
    const harness = makeHarness(options, fixture, Context.get(context, Capabilities))
    yield* check.run(harness).pipe(Effect.provide(context))
  })

const inspect = (options: Options) =>
  Effect.scoped(
    Effect.gen(function*() {
      const fixture = yield* options.makeFixture
      const context = yield* Layer.build(fixture.layer)
      return { fixture, capabilities: Context.get(context, Capabilities) }
    })
  )

/**
 * Registers the conformance suite for an adapter as a vitest `describe` block.
 *
 * @since 0.1.0
 * @category running
 */
export const run = (options: Options): void => {
  const { describe, it } = vitest()
  describe(`${options.name}: port conformance`, async () => {
    const { capabilities, fixture } = await Effect.runPromise(inspect(options))
    const test = options.clock === "live" ? it.scopedLive : it.scoped
    for (const check of checks) {
      if (check.appliesTo !== undefined && !check.appliesTo(fixture)) continue
      const missing = check.requires.filter((operation) => !capabilities.supports(operation))
      if (missing.length > 0) {
        test.skip(`${check.name} [not offered: ${missing.join(", ")}]`, () => runCheck(check, options))
      } else {
        test(check.name, () => runCheck(check, options), options.timeout)
      }
    }
    for (const operation of allOperations) {
      if (!capabilities.supports(operation)) {
        const check = unsupportedCheck(operation)
        test(check.name, () => runCheck(check, options), options.timeout)
      }
    }
  })
}
