import { assert, describe, it } from "@effect/vitest"
import { Vertical } from "@wa-admin/core"
import { Either, Schema } from "effect"

// Meta's codes are checked against Meta's own OpenAPI document (SpellingChecks with the document's
// enum) in packages/meta/test/emulator/documentLists.test.ts, where the document is vendored.

describe("Vertical", () => {
  it("Meta codes hold every canonical vertical", () => {
    for (const vertical of Vertical.all) assert.isTrue(Either.isRight(Vertical.metaCodes.encode(vertical)), vertical)
    assert.strictEqual(Vertical.metaCodes.values.length, Vertical.all.length)
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
