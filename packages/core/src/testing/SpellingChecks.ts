/**
 * The checks every provider's vertical spelling must pass: it holds exactly the spellings the
 * provider documents, each reads and writes back to itself, every canonical vertical it can
 * represent survives the round trip, and any other value is a typed `UnknownSpelling` naming the
 * spelling — never a guess.
 *
 * @example
 * import { SpellingChecks } from "@wa-admin/core/testing"
 * import { Vertical } from "@wa-admin/core"
 *
 * // Called at the top of a test file, where vitest collects the `describe` block it registers.
 * export const registerSuite = () =>
 *   SpellingChecks.run({ name: "Meta codes", spelling: Vertical.metaCodes, documented: ["AUTO", "BEAUTY"] })
 *
 * @since 0.2.0
 */
import { Either, FastCheck } from "effect"
import * as Vertical from "../Vertical.js"
import { assert, vitest } from "./internal/vitest.js"

/**
 * A spelling and the values the provider's documents list for it.
 *
 * @since 0.2.0
 * @category models
 */
export interface Options<S extends string> {
  /** Labels the tests. */
  readonly name: string
  readonly spelling: Vertical.Spelling<S>
  /** The provider's values, verbatim from its documents (without any "not set" value). */
  readonly documented: ReadonlyArray<string>
}

/** Values a careless reader might take for a spelling: near misses of documented ones. */
const nearMisses = ["UNDEFINED", "Grocery", "food and grocery", "GROCERY ", " Other", "other", "NotABusiness"]

/**
 * Registers the spelling's checks as a vitest `describe` block.
 *
 * @since 0.2.0
 * @category constructors
 */
export const run = <S extends string>(options: Options<S>): void => {
  const { describe, it } = vitest()
  const { documented, name, spelling } = options
  describe(`${name}: a vertical spelling`, () => {
    it(`${name}: exactly the documented spellings`, () => {
      assert.sameMembers([...spelling.values], [...documented])
      assert.strictEqual(new Set(spelling.values).size, spelling.values.length, "no two verticals share a spelling")
    })

    it(`${name}: every documented spelling decodes and encodes back to itself`, () => {
      for (const value of documented) {
        const vertical = Either.getOrThrow(spelling.decode(value))
        assert.strictEqual(Either.getOrThrow(spelling.encode(vertical)), value)
      }
    })

    it.prop(
      `${name}: every representable canonical vertical survives encode → decode`,
      [Vertical.Vertical],
      ([vertical]) => {
        const encoded = spelling.encode(vertical)
        if (Either.isLeft(encoded)) {
          assert.strictEqual(encoded.left._tag, "NotRepresentable")
          return
        }
        assert.strictEqual(Either.getOrThrow(spelling.decode(encoded.right)), vertical)
      }
    )

    it.prop(
      `${name}: an unknown spelling is a typed UnknownSpelling, never a guess`,
      [FastCheck.oneof(FastCheck.string(), FastCheck.constantFrom(...nearMisses))],
      ([value]) => {
        FastCheck.pre(!documented.includes(value))
        const decoded = spelling.decode(value)
        assert.isTrue(Either.isLeft(decoded))
        if (Either.isLeft(decoded)) {
          assert.strictEqual(decoded.left._tag, "UnknownSpelling")
          assert.strictEqual(decoded.left.value, value)
          assert.strictEqual(decoded.left.spelling, spelling.name)
          assert.include(decoded.left.message, spelling.name)
        }
      }
    )
  })
}
