/**
 * vitest and @effect/vitest are optional peer dependencies: the conformance suite needs them,
 * the in-memory adapter (which shares the `testing` entry) does not. They are loaded here when
 * present and running under vitest; elsewhere, using the suite says what is missing.
 */
import type * as EffectVitest from "@effect/vitest"

const loaded: typeof EffectVitest | undefined = await import("@effect/vitest").then(
  (module) => module,
  () => undefined
)

const unavailable = (): never => {
  throw new Error(
    "@wa-admin/core/testing: the conformance suite runs under vitest — install vitest and @effect/vitest and run it with the vitest command"
  )
}

/** The @effect/vitest module; throws when vitest is not running. */
export const vitest = (): typeof EffectVitest => loaded ?? unavailable()

/** vitest's `assert`, resolved when first used. */
export const assert: typeof EffectVitest.assert = loaded?.assert ??
  (new Proxy(unavailable, { get: unavailable, apply: unavailable }) as unknown as typeof EffectVitest.assert)
