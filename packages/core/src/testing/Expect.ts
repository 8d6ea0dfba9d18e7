/**
 * Narrowing checks for tests: a failure of a tagged union read as the one member a test expects,
 * failing the test (with the failure shown) when it is another.
 *
 * @example
 * import { AdminError } from "@wa-admin/core"
 * import { Expect } from "@wa-admin/core/testing"
 *
 * const error: AdminError.AdminError = new AdminError.NotFound({
  provider: "meta",
  operation: "numbers.status",
  resource: "number",
  id: "1"
})
 * Expect.tag(error, "NotFound").resource // "number"
 *
 * @since 0.2.0
 */
import { Effect } from "effect"

/**
 * Narrows a tagged value to the member tagged `tag`, throwing an `Error` that names the expected
 * and the actual tag and shows the value otherwise.
 *
 * @since 0.2.0
 * @category assertions
 */
export const tag = <E extends { readonly _tag: string }, T extends E["_tag"]>(
  error: E,
  tag: T
): Extract<E, { readonly _tag: T }> => {
  const matches = (candidate: E): candidate is Extract<E, { readonly _tag: T }> => candidate._tag === tag
  if (!matches(error)) throw new Error(`expected ${tag}, got ${error._tag}: ${String(error)}`)
  return error
}

/**
 * Runs a call that must fail and answers its error narrowed to the member tagged `tag` (see
 * {@link tag}); a call that succeeds, or fails with another tag, fails the test.
 *
 * @since 0.2.0
 * @category assertions
 */
export const failure = <A, E extends { readonly _tag: string }, R, T extends E["_tag"]>(
  call: Effect.Effect<A, E, R>,
  expected: T
): Effect.Effect<Extract<E, { readonly _tag: T }>, never, R> =>
  Effect.flip(call).pipe(
    Effect.orDieWith(() => new Error(`expected ${expected}, the call succeeded`)),
    Effect.map((error) => tag(error, expected))
  )
