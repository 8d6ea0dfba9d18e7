import { assert, describe, it } from "@effect/vitest"
import {
  AdminError,
  BusinessProfile,
  NumberLifecycle,
  Profile,
  Registration,
  Templates,
  Validation,
  Vertical
} from "@wa-admin/core"
import { Effect, Schema } from "effect"

const origin = { provider: "vonage", operation: "profile.update" }

/** Vonage's documented profile limits, as an adapter would check them on top of the port's. */
const VonageProfileLimits = Schema.Struct({
  about: Schema.optional(Schema.String.pipe(Schema.maxLength(139, { message: () => "at most 139 characters" }))),
  websites: Schema.optional(
    Schema.Array(Schema.String.pipe(Schema.maxLength(256, { message: () => "at most 256 characters" })))
  )
})

/** Each issue of a refusal as `[field, rule]`. */
const fieldRules = (error: AdminError.InvalidInput) => error.issues.map((issue) => [issue.field, issue.rule])

/** Runs what must be refused and asserts its issues, as `[field, rule]`, in order. */
const expectIssues = <A, R>(
  refused: Effect.Effect<A, AdminError.InvalidInput, R>,
  expected: ReadonlyArray<ReadonlyArray<string>>
) =>
  Effect.map(
    Effect.flip(refused),
    (error) => assert.deepStrictEqual<ReadonlyArray<ReadonlyArray<string>>>(fieldRules(error), expected)
  )

/** The fields a refusal's issues name, in order. */
const fieldsOf = (error: AdminError.InvalidInput) => error.issues.map((issue) => issue.field)

describe("Validation.validate", () => {
  it.effect("collects every broken rule, each with its field path", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        Validation.validate(BusinessProfile.UpdateRequest, origin)({
          number: "",
          profile: { email: "not-an-email", websites: ["https://a.example", "gopher://b.example"], vertical: "Bakery" }
        })
      )
      assert.strictEqual(error._tag, "InvalidInput")
      assert.strictEqual(error.source, "local")
      assert.strictEqual(error.provider, "vonage")
      assert.strictEqual(error.operation, "profile.update")
      const issues = fieldRules(error)
      assert.deepInclude(issues, ["number", "must not be empty"])
      assert.deepInclude(issues, ["profile.email", "must be a valid email address"])
      assert.deepInclude(issues, ["profile.websites.1", "must be an absolute URL with an http or https scheme"])
      assert.isTrue(issues.some(([field, rule]) => field === "profile.vertical" && rule?.includes("\"Grocery\"")))
      assert.include(error.message, "vonage.profile.update: invalid input (nothing was sent): ")
      assert.include(error.message, "profile.email: must be a valid email address")
    }))

  it.effect("an optional field's broken rule is reported once, without an 'Expected undefined' echo", () =>
    expectIssues(Validation.validate(Profile.ProfileUpdate, origin)({ email: "nope", photoUrl: "x" }), [
      ["email", "must be a valid email address"],
      ["photoUrl", "must be an absolute URL with an http or https scheme"]
    ]))

  it.effect("a value of the wrong type is reported on its field", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Validation.validate(Profile.ProfileUpdate, origin)({ about: 42 }))
      assert.deepStrictEqual(fieldsOf(error), ["about"])
      assert.include(error.issues[0].rule, "Expected string")
    }))

  it.effect("something that is not an object at all is an issue on (input)", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Validation.validate(Profile.ProfileUpdate, origin)("hello"))
      assert.strictEqual(error.issues[0].field, "(input)")
    }))

  it.effect("excess properties are ignored and the decoded value is answered", () =>
    Effect.gen(function*() {
      const update = yield* Validation.validate(Profile.ProfileUpdate, origin)({ about: "Fresh bread", extra: true })
      assert.instanceOf(update, Profile.ProfileUpdate)
      assert.strictEqual(update.about, "Fresh bread")
      assert.notProperty(update, "extra")
    }))
})

describe("Validation.check", () => {
  it.effect("applies a provider's stricter limits to an already-valid value, naming field and rule", () =>
    Effect.gen(function*() {
      const update = new Profile.ProfileUpdate({
        about: "a".repeat(140),
        websites: [`https://example.com/${"p".repeat(250)}`]
      })
      yield* expectIssues(Validation.check(VonageProfileLimits, origin)(update), [
        ["about", "at most 139 characters"],
        ["websites.0", "at most 256 characters"]
      ])
    }))

  it.effect("answers the value unchanged when it is within the limits", () =>
    Effect.gen(function*() {
      const update = new Profile.ProfileUpdate({ about: "short" })
      const checked = yield* Validation.check(VonageProfileLimits, origin)(update)
      assert.strictEqual(checked.about, "short")
    }))
})

describe("Validation.invalidInput", () => {
  it("builds a local InvalidInput with every issue", () => {
    const error = Validation.invalidInput(origin, [
      { field: "vertical", rule: "NotABusiness cannot be represented by Vonage vertical names" },
      { field: "about", rule: "at most 139 characters" }
    ])
    assert.strictEqual(error.source, "local")
    assert.deepStrictEqual(fieldsOf(error), ["vertical", "about"])
    assert.instanceOf(error.issues[1], AdminError.FieldIssue)
    assert.isFalse(error.retryable)
  })
})

describe("Bad input through the port: InvalidInput, and nothing reaches the adapter", () => {
  it.effect("BusinessProfile.update", () =>
    Effect.gen(function*() {
      const calls: Array<unknown> = []
      const service = BusinessProfile.make("acme", {
        update: (request) => Effect.sync(() => (calls.push(request), new Profile.Profile({})))
      })
      const error = yield* Effect.flip(
        service.update({
          number: "d-1",
          profile: { websites: ["https://a.example", "https://b.example", "https://c.example"] }
        })
      )
      assert.strictEqual(error._tag, "InvalidInput")
      if (error._tag === "InvalidInput") {
        assert.deepStrictEqual(fieldsOf(error), ["profile.websites"])
      }
      const empty = yield* Effect.flip(service.update({ number: "d-1", profile: {} }))
      if (empty._tag === "InvalidInput") {
        assert.deepStrictEqual(
          empty.issues.map((issue) => [issue.field, issue.rule]),
          [["profile", "must change at least one field"]]
        )
      } else assert.fail(`expected InvalidInput, got ${empty._tag}`)
      assert.strictEqual(calls.length, 0)
      yield* service.update({ number: "d-1", profile: { about: "ok" } })
      assert.strictEqual(calls.length, 1)
    }))

  it.effect("NumberLifecycle.provision", () =>
    Effect.gen(function*() {
      const calls: Array<Registration.ProvisionRequest> = []
      const service = NumberLifecycle.make("acme", {
        provision: (request) =>
          Effect.sync(() => {
            calls.push(request)
            return new Registration.Registration({
              id: "r-1",
              provider: "acme",
              state: "pending",
              providerState: "INITIALIZING"
            })
          })
      })
      const error = yield* Effect.flip(service.provision({ phoneNumber: "+44 7700 900000", wabaId: "123" }))
      if (error._tag === "InvalidInput") {
        assert.deepStrictEqual(fieldsOf(error), ["phoneNumber"])
      } else assert.fail(`expected InvalidInput, got ${error._tag}`)
      assert.strictEqual(calls.length, 0)
      yield* service.provision({ phoneNumber: "+447700900000", wabaId: "123" })
      assert.strictEqual(calls[0]?.phoneNumber.nationalNumber, "7700900000")
    }))

  it.effect("Templates.create", () =>
    Effect.gen(function*() {
      let calls = 0
      const service = Templates.make("acme", {
        create: () => Effect.sync(() => calls++).pipe(Effect.zipRight(Effect.die("must not be reached")))
      })
      const error = yield* Effect.flip(
        service.create({
          wabaId: "190787529545503",
          template: {
            name: "Order Update",
            language: "en_US",
            category: "UTILITY",
            components: [{ _tag: "BODY", text: "Hello {{2}}", examples: [["x"]] }]
          }
        })
      )
      if (error._tag === "InvalidInput") {
        assert.includeMembers(
          fieldsOf(error),
          ["template.name", "template.components.0.text"]
        )
      } else assert.fail(`expected InvalidInput, got ${error._tag}`)
      assert.strictEqual(calls, 0)
    }))
})

describe("choices", () => {
  it.effect("a value outside a set of literals is one issue listing the allowed values", () =>
    expectIssues(
      Validation.validate(
        Schema.Struct({ method: Schema.Literal("sms", "voice"), vertical: Vertical.Vertical }),
        { provider: "test", operation: "numbers.provision" }
      )({ method: "fax", vertical: "Bakery" }),
      [
        ["method", "must be one of: \"sms\", \"voice\" (got \"fax\")"],
        ["vertical", `must be one of: ${Vertical.all.map((vertical) => `"${vertical}"`).join(", ")} (got "Bakery")`]
      ]
    ))
})
