import { assert, describe, it } from "@effect/vitest"
import { Vertical } from "@wa-admin/core"
import { SpellingChecks } from "@wa-admin/core/testing"
import { Either, Schema } from "effect"

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

SpellingChecks.run({ name: "Meta codes", spelling: Vertical.metaCodes, documented: metaDocumented })

describe("Vertical", () => {
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
