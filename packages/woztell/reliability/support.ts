/**
 * Reliability harness for the WOZTELL adapter: a fake `HttpClient` that answers whatever a test
 * scripts (for answers the emulator never gives), the adapter over it or over a real emulator,
 * and the failure bodies the decoder fuzzing feeds it (the fuzzing machinery is core/testing's `Fuzz`).
 */
import type { HttpClient } from "@effect/platform"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Transport } from "@wa-admin/core"
import type { Port } from "@wa-admin/core"
import { FakeHttp, Fuzz } from "@wa-admin/core/testing"
import { Effect, FastCheck as fc, Layer, Redacted } from "effect"
import type { ConfigError, Context, Scope } from "effect"
import { WoztellEmulator } from "../src/emulator/index.js"
import { QuotaStore, WoztellAdmin, WoztellClient } from "../src/index.js"
import * as TestSupport from "../test/support.js"

/** The shared fake `HttpClient` (@wa-admin/core/testing). */
export const { fakeHttp } = FakeHttp
const { json } = Fuzz

// ---------------------------------------------------------------------------------------------
// The adapter over a fake HttpClient
// ---------------------------------------------------------------------------------------------

/** The base URL the fake pretends to serve. */
export const fakeBaseUrl = TestSupport.fakeBaseUrl

/** Client settings for the fake: every setting given, so every operation can run. */
export const fakeOptions: WoztellClient.Options = {
  ...TestSupport.fakeSettings,
  accessToken: Redacted.make("wz-token-0123456789abcdef"),
  wabaId: "190787529545503",
  phoneNumberId: "123164329653069"
}

/** Every service the adapter offers. */
export type Services = Port.Services | WoztellAdmin.Extensions

/** Quotas too large to get in the way of a test that is not about them. */
export const unlimitedQuota = QuotaStore.layerMemory({
  limits: { creationsPerHour: 1_000_000, editsPerDay: 1_000_000, editsPer30Days: 1_000_000 }
})

/** The complete view of the adapter over an `HttpClient`. */
export const adminOver = (
  http: Layer.Layer<HttpClient.HttpClient>,
  options: WoztellClient.Options = fakeOptions,
  quota: Layer.Layer<QuotaStore.QuotaStore> = unlimitedQuota
): Layer.Layer<Services> => Layer.orDie(adminOrConfigError(http, options, quota))

/** As {@link adminOver}, keeping a configuration the client refuses as its `ConfigError`. */
export const adminOrConfigError = (
  http: Layer.Layer<HttpClient.HttpClient>,
  options: WoztellClient.Options = fakeOptions,
  quota: Layer.Layer<QuotaStore.QuotaStore> = unlimitedQuota
): Layer.Layer<Services, ConfigError.ConfigError> => TestSupport.adminOrConfigError(http, options, quota)

/** One attempt per call: the fuzzing looks at how one answer is handled, not at retries. */
export const singleAttempt = Transport.withPolicy({ maxAttempts: 1, jitter: "none" })

// ---------------------------------------------------------------------------------------------
// The adapter over a real emulator
// ---------------------------------------------------------------------------------------------

/** Client settings for an emulator's credentials (every setting configured). */
export const emulatorOptions = TestSupport.clientOptions

/** An emulator on 127.0.0.1 and the adapter over it (undici, as users run it). */
export const emulated = (
  options: WoztellEmulator.Options = {}
): Effect.Effect<
  { readonly emulator: WoztellEmulator.Emulator; readonly context: Context.Context<Services> },
  never,
  Scope.Scope
> =>
  Effect.gen(function*() {
    const emulator = yield* Effect.orDie(WoztellEmulator.make(options))
    const context = yield* Layer.build(adminOver(NodeHttpClient.layerUndici, emulatorOptions(emulator)))
    return { emulator, context }
  })

// ---------------------------------------------------------------------------------------------
// Failure bodies and what an operation may be answered with
// ---------------------------------------------------------------------------------------------

/** WOZTELL failure bodies in every form the adapter must read, with odd values mixed in. */
export const failureBody: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ ok: fc.constantFrom(0, false, "0", null), error: fc.oneof(fc.string(), json) }, { requiredKeys: [] }),
  fc.record({
    error: fc.record({ message: fc.oneof(fc.string(), json), code: fc.oneof(fc.string(), fc.integer(), json) }, {
      requiredKeys: []
    })
  }),
  fc.record({ message: fc.oneof(fc.string(), json), code: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: [] }),
  fc.record({ err: fc.oneof(fc.string(), json) }),
  fc.constantFrom(
    { ok: 0, error: "Invalid access token" },
    { ok: 0, error: "Template not found" },
    { ok: 0, error: "Template already exists" },
    { ok: 0, error: "Rate limit exceeded" },
    { ok: 0, error: "profile.email must be a valid email" },
    { ok: 1 },
    { ok: "1" },
    {}
  )
)

/** A success envelope around a body: WOZTELL answers `ok: 1` beside the result. */
export const ok = (body: unknown): unknown =>
  typeof body === "object" && body !== null && !Array.isArray(body) ? { ok: 1, ...body } : body

/** The bodies an operation may be answered with: valid, mutated, a failure, random JSON, or not JSON. */
export const anyBody = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => Fuzz.anyBody(valid.map(ok), failureBody)
