import { assert, describe, it } from "@effect/vitest"
import { SnakeCase } from "@wa-admin/core/adapter"
import { Either, Schema } from "effect"

const Record = Schema.Struct({
  id: Schema.String,
  ...SnakeCase.fields({
    phoneNumber: Schema.String,
    isoCountryCode: Schema.optionalWith(Schema.String, { exact: true }),
    status: Schema.Literal("ACTIVE", "PENDING")
  })
})

describe("SnakeCase", () => {
  it("names a camelCase field by its snake_case key, and leaves a name without capitals alone", () => {
    assert.strictEqual(SnakeCase.key("phoneNumber"), "phone_number")
    assert.strictEqual(SnakeCase.key("isoCountryCode"), "iso_country_code")
    assert.strictEqual(SnakeCase.key("status"), "status")
  })

  it("reads the wire's snake_case keys into the camelCase fields and writes them back", () => {
    const decoded = Schema.decodeUnknownSync(Record)({
      id: "1",
      phone_number: "+15550001",
      iso_country_code: "US",
      status: "ACTIVE"
    })
    assert.deepStrictEqual(decoded, { id: "1", phoneNumber: "+15550001", isoCountryCode: "US", status: "ACTIVE" })
    assert.deepStrictEqual(Schema.encodeSync(Record)(decoded), {
      id: "1",
      phone_number: "+15550001",
      iso_country_code: "US",
      status: "ACTIVE"
    })
  })

  it("keeps each field's rules: an optional one may be absent, a required one named by its wire key when missing", () => {
    assert.deepStrictEqual(Schema.decodeUnknownSync(Record)({ id: "2", phone_number: "+1", status: "PENDING" }), {
      id: "2",
      phoneNumber: "+1",
      status: "PENDING"
    })
    const missing = Schema.decodeUnknownEither(Record)({ id: "3", phoneNumber: "+1", status: "ACTIVE" })
    assert.isTrue(Either.isLeft(missing))
    if (Either.isLeft(missing)) assert.include(String(missing.left), "phone_number")
  })
})
