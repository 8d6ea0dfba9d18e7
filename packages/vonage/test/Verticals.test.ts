import { assert, describe, it } from "@effect/vitest"
import { Vertical } from "@wa-admin/core"
import { SpellingChecks } from "@wa-admin/core/testing"
import { Either } from "effect"
import { vonageNames } from "../src/internal/verticals.js"
import { vonageDocumented } from "./support.js"

SpellingChecks.run({ name: "Vonage names", spelling: vonageNames, documented: vonageDocumented })

describe("Vonage vertical names", () => {
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
      assert.strictEqual(
        encoded.left.message,
        "vertical \"NotABusiness\" cannot be represented by Vonage vertical names"
      )
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
