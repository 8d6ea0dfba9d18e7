import { assert, describe, it } from "@effect/vitest"
import { Vertical } from "@wa-admin/core"
import { Either, FastCheck } from "effect"
import { vonageNames } from "../src/internal/verticals.js"

/** The enum of Vonage's profile schema, verbatim from vonage-whatsapp-manager.openapi.yaml. */
const vonageDocumented = [
  "Automotive",
  "Beauty, Spa and Salon",
  "Clothing and Apparel",
  "Education",
  "Entertainment",
  "Event Planning and Service",
  "Finance and Banking",
  "Food and Grocery",
  "Public Service",
  "Hotel and Lodging",
  "Medical and Health",
  "Non-profit",
  "Professional Services",
  "Shopping and Retail",
  "Travel and Transportation",
  "Restaurant",
  "Other"
]

/** Meta's codes, to check names translate through the canonical set. */

const spellings = [["Vonage names", vonageNames, vonageDocumented]] as const

describe("Vonage vertical names", () => {
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

  it("Vonage holds every canonical vertical but NotABusiness", () => {
    const missing = Vertical.all.filter((vertical) => Either.isLeft(vonageNames.encode(vertical)))
    assert.deepStrictEqual(missing, ["NotABusiness"])
    assert.deepStrictEqual(vonageNames.representable, Vertical.all.filter((vertical) => vertical !== "NotABusiness"))
    assert.deepStrictEqual(Vertical.metaCodes.representable, Vertical.all)
  })

  it("NotABusiness on Vonage is a typed NotRepresentable error, never Other", () => {
    const encoded = vonageNames.encode("NotABusiness")
    assert.isTrue(Either.isLeft(encoded))
    if (Either.isLeft(encoded)) {
      assert.strictEqual(encoded.left._tag, "NotRepresentable")
      assert.strictEqual(encoded.left.vertical, "NotABusiness")
      assert.strictEqual(encoded.left.spelling, "Vonage vertical names")
      assert.strictEqual(encoded.left.message, 'vertical "NotABusiness" cannot be represented by Vonage vertical names')
    }
  })

  it("a vertical read from one provider reaches the other's spelling through the canonical set", () => {
    const pairs = vonageDocumented.map((name) => {
      const vertical = Either.getOrThrow(vonageNames.decode(name))
      return [name, Either.getOrThrow(Vertical.metaCodes.encode(vertical))]
    })
    assert.deepStrictEqual(Object.fromEntries(pairs), {
      Automotive: "AUTO",
      "Beauty, Spa and Salon": "BEAUTY",
      "Clothing and Apparel": "APPAREL",
      Education: "EDU",
      Entertainment: "ENTERTAIN",
      "Event Planning and Service": "EVENT_PLAN",
      "Finance and Banking": "FINANCE",
      "Food and Grocery": "GROCERY",
      "Public Service": "GOVT",
      "Hotel and Lodging": "HOTEL",
      "Medical and Health": "HEALTH",
      "Non-profit": "NONPROFIT",
      "Professional Services": "PROF_SERVICES",
      "Shopping and Retail": "RETAIL",
      "Travel and Transportation": "TRAVEL",
      Restaurant: "RESTAURANT",
      Other: "OTHER"
    })
  })
})
