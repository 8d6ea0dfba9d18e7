import { assert, describe, it } from "@effect/vitest"
import { Vertical } from "@wa-admin/core"
import { Either, FastCheck, Schema } from "effect"

/** Meta's business profile vertical codes (WOZTELL passes them through), without `UNDEFINED` ("not set"). */
const metaDocumented = [
  "AUTO",
  "BEAUTY",
  "APPAREL",
  "EDU",
  "ENTERTAIN",
  "EVENT_PLAN",
  "FINANCE",
  "GROCERY",
  "GOVT",
  "HOTEL",
  "HEALTH",
  "NONPROFIT",
  "PROF_SERVICES",
  "RETAIL",
  "TRAVEL",
  "RESTAURANT",
  "OTHER",
  "NOT_A_BIZ"
]

const spellings = [["Meta codes", Vertical.metaCodes, metaDocumented]] as const

describe("Vertical", () => {
  for (const [name, spelling, documented] of spellings) {
    it(`${name}: exactly the documented spellings`, () => {
      assert.sameMembers([...spelling.values], documented)
      assert.strictEqual(new Set(spelling.values).size, spelling.values.length, "no two verticals share a spelling")
    })

    it(`${name}: every documented spelling decodes and encodes back to itself`, () => {
      for (const value of documented) {
        const vertical = Either.getOrThrow(spelling.decode(value))
        assert.strictEqual(Either.getOrThrow(spelling.encode(vertical)), value)
      }
    })

    it.prop(`${name}: every representable canonical vertical survives encode → decode`, [Vertical.Vertical], ([vertical]) => {
      const encoded = spelling.encode(vertical)
      if (Either.isLeft(encoded)) {
        assert.strictEqual(encoded.left._tag, "NotRepresentable")
        return
      }
      assert.strictEqual(Either.getOrThrow(spelling.decode(encoded.right)), vertical)
    })

    it.prop(
      `${name}: an unknown spelling is a typed UnknownSpelling, never a guess`,
      [
        FastCheck.oneof(
          FastCheck.string(),
          FastCheck.constantFrom("UNDEFINED", "Grocery", "food and grocery", "GROCERY ", " Other", "other", "NotABusiness")
        )
      ],
      ([value]) => {
        FastCheck.pre(!(documented as ReadonlyArray<string>).includes(value))
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
  }

  it("Meta codes hold every canonical vertical", () => {
    for (const vertical of Vertical.all) assert.isTrue(Either.isRight(Vertical.metaCodes.encode(vertical)), vertical)
    assert.strictEqual(Vertical.all.length, metaDocumented.length)
  })

  it("a spelling as a Schema: decodes the provider's names, never quotes an unknown one, refuses to encode what it lacks", () => {
    const acme = Vertical.spelling("Acme vertical names", { Grocery: "Food", Other: "Misc" })
    const AcmeVertical = Vertical.schema(acme)
    assert.strictEqual(Schema.decodeUnknownSync(AcmeVertical)("Food"), "Grocery")
    assert.strictEqual(Schema.encodeSync(AcmeVertical)("Other"), "Misc")
    const unknown = Schema.decodeUnknownEither(AcmeVertical)("secret-token-123")
    assert.isTrue(Either.isLeft(unknown))
    if (Either.isLeft(unknown)) {
      assert.include(unknown.left.message, "not one of the 2 Acme vertical names")
      assert.notInclude(unknown.left.message, "secret-token-123")
    }
    assert.isTrue(Either.isLeft(Schema.encodeEither(AcmeVertical)("Hotel")))
    assert.deepStrictEqual(acme.representable, ["Grocery", "Other"])
  })
})
