import { assert, describe, it } from "@effect/vitest"
import {
  AdminError,
  MediaHandle,
  PhoneNumber,
  Profile,
  Registration,
  Template,
  Url,
  Validation,
  Vertical
} from "@wa-admin/core"
import { Samples } from "@wa-admin/core/testing"
import { Arbitrary, Duration, Effect, Either, FastCheck, Schema } from "effect"

const origin = { provider: "test", operation: "domain" }

/** The issues `Validation.validate` reports for an input it must reject. */
const rejected = <A, I>(schema: Schema.Schema<A, I, never>, input: unknown): AdminError.InvalidInput => {
  const result = Effect.runSync(Effect.either(Validation.validate(schema, origin)(input)))
  if (Either.isRight(result)) return assert.fail(`accepted ${JSON.stringify(input)}`)
  const error = result.left
  assert.strictEqual(error._tag, "InvalidInput")
  assert.strictEqual(error.source, "local")
  assert.strictEqual(error.provider, "test")
  assert.strictEqual(error.operation, "domain")
  return error
}

const fieldsOf = (error: AdminError.InvalidInput) => error.issues.map((issue) => issue.field)

/** Asserts one issue names `field` and its rule mentions `rule`. */
const assertIssue = (error: AdminError.InvalidInput, field: string, rule: string) => {
  const match = error.issues.find((issue) => issue.field === field && issue.rule.includes(rule))
  assert.isDefined(match, `expected an issue on ${field} mentioning "${rule}", got ${JSON.stringify(error.issues)}`)
}

/** Every domain schema, with whether its encoded form is plain JSON. */
const domainSchemas = [
  ["PhoneNumber.CountryCode", PhoneNumber.CountryCode, true],
  ["PhoneNumber.NationalNumber", PhoneNumber.NationalNumber, true],
  ["PhoneNumber.PhoneNumber", PhoneNumber.PhoneNumber, true],
  ["PhoneNumber.FromE164", PhoneNumber.FromE164, true],
  ["Url.HttpUrl", Url.HttpUrl, true],
  ["Profile.Email", Profile.Email, true],
  ["Profile.Websites", Profile.Websites, true],
  ["Profile.Profile", Profile.Profile, true],
  ["Profile.ProfileUpdate", Profile.ProfileUpdate, true],
  ["Profile.ProfilePhoto", Profile.ProfilePhoto, true],
  ["Vertical.Vertical", Vertical.Vertical, true],
  ["Template.TemplateName", Template.TemplateName, true],
  ["Template.LanguageCode", Template.LanguageCode, true],
  ["Template.TemplateCategory", Template.TemplateCategory, true],
  ["Template.Component", Template.Component, true],
  ["Template.ValidComponents", Template.ValidComponents, true],
  ["Template.TemplateDraft", Template.TemplateDraft, true],
  ["Template.Template", Template.Template, true],
  ["Template.TemplateFilter", Template.TemplateFilter, true],
  ["MediaHandle.MediaKind", MediaHandle.MediaKind, true],
  ["MediaHandle.MediaSource", MediaHandle.MediaSource, true],
  ["MediaHandle.MediaHandle", MediaHandle.MediaHandle, true],
  ["Registration.NumberState", Registration.NumberState, true],
  ["Registration.VerificationMethod", Registration.VerificationMethod, true],
  ["Registration.VerificationCode", Registration.VerificationCode, true],
  ["Registration.Registration", Registration.Registration, false],
  ["Registration.ProvisionRequest", Registration.ProvisionRequest, false],
  ["AdminError.FieldIssue", AdminError.FieldIssue, true],
  ["AdminError.ProviderProblem", AdminError.ProviderProblem, true],
  ["AdminError.AdminError", AdminError.AdminError, true]
] as const

describe("Domain schemas: generated values survive encode → decode", () => {
  for (const [name, schema, json] of domainSchemas) {
    const codec = schema as unknown as Schema.Schema<unknown, unknown, never>
    const is = Schema.is(codec)
    const encode = Schema.encodeSync(codec)
    const decode = Schema.decodeUnknownSync(codec)
    it.prop(`${name}${json ? " (through JSON)" : ""}`, [codec], ([value]) => {
      assert.isTrue(is(value), "the arbitrary produces valid values")
      const viaJson = (encoded: unknown): unknown => (json ? JSON.parse(JSON.stringify(encoded)) : encoded)
      const wire = viaJson(encode(value))
      const decoded = decode(wire)
      assert.isTrue(is(decoded))
      assert.deepStrictEqual(viaJson(encode(decoded)), wire)
    })
  }

  it("Arbitrary.make gives varied TemplateDrafts: every component kind, parameters and every button type", () => {
    const drafts = FastCheck.sample(Arbitrary.make(Template.TemplateDraft), 300)
    const components = drafts.flatMap((draft) => draft.components)
    const tags = new Set(components.map((component) => component._tag))
    assert.deepStrictEqual([...tags].sort(), ["BODY", "BUTTONS", "FOOTER", "HEADER"])
    const formats = new Set(components.flatMap((component) => (component._tag === "HEADER" ? [component.format] : [])))
    assert.includeMembers([...formats], ["TEXT", "IMAGE", "VIDEO", "DOCUMENT"])
    const buttons = new Set(
      components.flatMap((
        component
      ) => (component._tag === "BUTTONS" ? component.buttons.map((button) => button._tag) : []))
    )
    assert.deepStrictEqual([...buttons].sort(), ["PHONE_NUMBER", "QUICK_REPLY", "URL"])
    const withParameters = components.filter((component) =>
      component._tag === "BODY" && Template.parametersOf(component.text).length > 1
    )
    assert.isAbove(withParameters.length, 10)
  })
})

describe("PhoneNumber", () => {
  it.prop(
    "an E.164 string splits into an assigned country code and national number that join back",
    [PhoneNumber.CountryCode, FastCheck.stringMatching(/^\d{4,12}$/)],
    ([countryCode, national]) => {
      const digits = `${countryCode}${national}`.slice(0, 15)
      const number = PhoneNumber.unsafeFromE164(`+${digits}`)
      assert.strictEqual(number.countryCode, countryCode)
      assert.strictEqual(`${number.countryCode}${number.nationalNumber}`, digits)
      assert.strictEqual(number.e164, `+${digits}`)
      assert.strictEqual(String(number), `+${digits}`)
      assert.isTrue(PhoneNumber.isCountryCode(number.countryCode))
    }
  )

  it("reads the documented examples", () => {
    const uk = PhoneNumber.unsafeFromE164("+447700900000")
    assert.deepStrictEqual([uk.countryCode, uk.nationalNumber], ["44", "7700900000"])
    const us = PhoneNumber.unsafeFromE164(" +13236555557 ")
    assert.deepStrictEqual([us.countryCode, us.nationalNumber], ["1", "3236555557"])
    const hk = PhoneNumber.unsafeFromE164("+85212769072")
    assert.deepStrictEqual([hk.countryCode, hk.nationalNumber], ["852", "12769072"])
  })

  it("the country code table is prefix-free, so every number splits one way only", () => {
    const codes = Array.from({ length: 999 }, (_, index) => String(index + 1)).filter(PhoneNumber.isCountryCode)
    assert.isAbove(codes.length, 200)
    const clashes = codes.flatMap((code) =>
      codes.filter((other) => other !== code && other.startsWith(code)).map((other) => `${code}/${other}`)
    )
    assert.deepStrictEqual(clashes, [])
  })

  it.prop(
    "strings that are not E.164 are refused, naming the field and the rule",
    [FastCheck.string().filter((text) => !/^\s*\+[1-9]\d{4,14}\s*$/.test(text))],
    ([text]) => {
      const error = rejected(Schema.Struct({ phoneNumber: PhoneNumber.FromE164 }), { phoneNumber: text })
      assertIssue(error, "phoneNumber", "must be E.164")
    }
  )

  it("refuses unassigned country codes and over-long numbers", () => {
    const schema = Schema.Struct({ phoneNumber: PhoneNumber.FromE164 })
    assertIssue(rejected(schema, { phoneNumber: "+2801234567" }), "phoneNumber", "assigned country calling code")
    assertIssue(rejected(schema, { phoneNumber: "+4412345678901234" }), "phoneNumber", "must be E.164")
    assertIssue(rejected(schema, { phoneNumber: "447700900000" }), "phoneNumber", "must be E.164")
    assertIssue(rejected(schema, { phoneNumber: "+44 7700 900000" }), "phoneNumber", "must be E.164")
  })

  it("the parts are checked on their own too", () => {
    const error = rejected(PhoneNumber.PhoneNumber, { countryCode: "28", nationalNumber: "12a" })
    assertIssue(error, "countryCode", "assigned ITU country calling code")
    assertIssue(error, "nationalNumber", "4 to 14 digits")
    assertIssue(
      rejected(PhoneNumber.PhoneNumber, { countryCode: "998", nationalNumber: "1234567890123" }),
      "nationalNumber",
      "15 digits"
    )
  })
})

describe("Profile", () => {
  const update = Profile.ProfileUpdate

  const notAnEmail = FastCheck.string().filter((text) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text))
  it.prop("an invalid email is refused on field email", [notAnEmail], ([email]) => {
    assertIssue(rejected(update, { email }), "email", "valid email")
  })

  const tooManyWebsites = FastCheck.array(Arbitrary.make(Url.HttpUrl), { minLength: 3, maxLength: 6 })
  it.prop("more than two websites are refused on field websites", [tooManyWebsites], ([websites]) => {
    assertIssue(rejected(update, { websites }), "websites", "at most 2 websites")
  })

  it("websites and the photo need an absolute http(s) URL", () => {
    assertIssue(
      rejected(update, { websites: ["https://ok.example", "ftp://files.example/x"] }),
      "websites.1",
      "http or https"
    )
    const notHttpUrls = [
      "javascript:alert(1)",
      "example.com",
      "/relative",
      "https://",
      "https://exa mple.com",
      " https://example.com",
      "mailto:a@b.co"
    ]
    for (const bad of notHttpUrls) {
      assertIssue(rejected(update, { photoUrl: bad }), "photoUrl", "http or https")
    }
  })

  it("an unknown vertical is refused on field vertical", () => {
    assertIssue(rejected(update, { vertical: "Food and Grocery" }), "vertical", "must be one of")
    assertIssue(rejected(update, { vertical: "GROCERY" }), "vertical", "must be one of")
  })

  it("an update must change something, and every broken rule is reported at once", () => {
    assertIssue(rejected(update, {}), "(input)", "at least one field")
    const error = rejected(update, { email: "nope", websites: ["a", "b", "c"], photoUrl: "x", vertical: "Bakery" })
    assert.includeMembers(fieldsOf(error), ["email", "websites", "photoUrl", "vertical"])
    assert.isAtLeast(error.issues.length, 4)
  })

  it("a read profile keeps what the provider stored, valid or not for updates", () => {
    const read = Schema.decodeUnknownSync(Profile.Profile)({
      email: "postmaster@localhost",
      websites: ["https://a.example", "https://b.example", "https://c.example"],
      photoUrl: "https://pps.whatsapp.net/v/t61.24694-24/123.jpg?oh=x",
      vertical: "Grocery"
    })
    assert.strictEqual(read.email, "postmaster@localhost")
    assert.strictEqual(read.websites?.length, 3)
  })
})

describe("Template drafts", () => {
  const body = (text: string, examples?: ReadonlyArray<ReadonlyArray<string>>) =>
    examples === undefined ? { _tag: "BODY", text } : { _tag: "BODY", text, examples }
  const draft = (components: ReadonlyArray<unknown>, overrides: Record<string, unknown> = {}) => ({
    name: "order_update",
    language: "en_US",
    category: "UTILITY",
    components,
    ...overrides
  })

  it("accepts the documented WOZTELL examples", () => {
    const decode = Schema.decodeUnknownSync(Template.TemplateDraft)
    decode(
      draft([
        body("Hi there! Are you interested in our latest promotional sale?"),
        { _tag: "HEADER", format: "IMAGE", example: "https://woztell.com/a.png" }
      ])
    )
    decode(
      draft([
        body("hello {{1}} this is body template", [["Test"]]),
        { _tag: "FOOTER", text: "this is footer template" },
        {
          _tag: "BUTTONS",
          buttons: [
            { _tag: "PHONE_NUMBER", text: "Call", phoneNumber: "+85212769072" },
            { _tag: "URL", text: "URL", url: "https://www.woztell.com/" }
          ]
        }
      ])
    )
  })

  it.prop(
    "an invalid name, language or category is refused on that field",
    [
      Template.TemplateDraft,
      FastCheck.string().filter((name) => !/^[a-z0-9_]{1,512}$/.test(name)),
      FastCheck.string().filter((language) => !/^[a-z]{2,3}(_[A-Z]{2,4})?$/.test(language)),
      FastCheck.string().filter((category) =>
        !["MARKETING", "UTILITY", "AUTHENTICATION", "TRANSACTIONAL", "OTP"].includes(category)
      )
    ],
    ([valid, name, language, category]) => {
      const encoded = Schema.encodeSync(Template.TemplateDraft)(valid)
      assertIssue(rejected(Template.TemplateDraft, { ...encoded, name }), "name", "lowercase letters")
      assertIssue(rejected(Template.TemplateDraft, { ...encoded, language }), "language", "language code")
      assertIssue(rejected(Template.TemplateDraft, { ...encoded, category }), "category", "must be one of")
    }
  )

  const skippedParameter = FastCheck.integer({ min: 2, max: 9 })
  it.prop(
    "parameters with a gap are refused on the body text",
    [Template.TemplateDraft, skippedParameter],
    ([valid, skipped]) => {
      const encoded = Schema.encodeSync(Template.TemplateDraft)(valid)
      const at = encoded.components.findIndex((component) => component._tag === "BODY")
      const parameters = Array.from({ length: skipped + 1 }, (_, index) => index + 1).filter((n) => n !== skipped)
      const text = parameters.map((n) => `{{${n}}}`).join(" and ")
      const examples = [parameters.map(String)]
      const components = encoded.components.map((component, index) => (index === at ? body(text, examples) : component))
      assertIssue(rejected(Template.TemplateDraft, { ...encoded, components }), `components.${at}.text`, "without gaps")
    }
  )

  it("body parameters need examples, one value per parameter in each set", () => {
    assertIssue(
      rejected(Template.TemplateDraft, draft([body("Hi {{1}}, order {{2}}")])),
      "components.0.examples",
      "example values for the 2 parameter(s)"
    )
    assertIssue(
      rejected(Template.TemplateDraft, draft([body("Hi {{1}}, order {{2}}", [["Ann", "42"], ["Bob"]])])),
      "components.0.examples.1",
      "exactly 2 value(s)"
    )
    assertIssue(rejected(Template.TemplateDraft, draft([body("   ")])), "components.0.text", "must not be empty")
    assertIssue(rejected(Template.TemplateDraft, draft([body("x".repeat(1025))])), "components.0.text", "at most 1024")
  })

  it("exactly one BODY, at most one of the others", () => {
    assertIssue(
      rejected(Template.TemplateDraft, draft([{ _tag: "FOOTER", text: "f" }])),
      "components",
      "exactly one BODY"
    )
    assertIssue(rejected(Template.TemplateDraft, draft([body("a"), body("b")])), "components", "exactly one BODY")
    assertIssue(
      rejected(
        Template.TemplateDraft,
        draft([body("a"), { _tag: "FOOTER", text: "f" }, { _tag: "FOOTER", text: "g" }])
      ),
      "components",
      "at most one FOOTER"
    )
  })

  it("header, footer and buttons follow the documented limits", () => {
    const with_ = (component: unknown) => draft([body("hello"), component])
    assertIssue(
      rejected(Template.TemplateDraft, with_({ _tag: "HEADER", format: "TEXT" })),
      "components.1.text",
      "needs text"
    )
    assertIssue(
      rejected(Template.TemplateDraft, with_({ _tag: "HEADER", format: "TEXT", text: "h".repeat(61) })),
      "components.1.text",
      "at most 60"
    )
    assertIssue(
      rejected(Template.TemplateDraft, with_({ _tag: "HEADER", format: "IMAGE", text: "x" })),
      "components.1.text",
      "has no text"
    )
    assertIssue(
      rejected(Template.TemplateDraft, with_({ _tag: "HEADER", format: "GIF" })),
      "components.1.format",
      "must be one of"
    )
    assertIssue(
      rejected(Template.TemplateDraft, with_({ _tag: "FOOTER", text: "f".repeat(61) })),
      "components.1.text",
      "1 to 60"
    )
    const buttons = (list: ReadonlyArray<unknown>) => with_({ _tag: "BUTTONS", buttons: list })
    assertIssue(rejected(Template.TemplateDraft, buttons([])), "components.1.buttons", "1 to 10 buttons")
    assertIssue(
      rejected(
        Template.TemplateDraft,
        buttons(Array.from({ length: 11 }, () => ({ _tag: "QUICK_REPLY", text: "ok" })))
      ),
      "components.1.buttons",
      "1 to 10 buttons"
    )
    assertIssue(
      rejected(Template.TemplateDraft, buttons([{ _tag: "QUICK_REPLY", text: "x".repeat(26) }])),
      "components.1.buttons.0.text",
      "1 to 25"
    )
    assertIssue(
      rejected(Template.TemplateDraft, buttons([{ _tag: "URL", text: "Go", url: "ftp://x.example" }])),
      "components.1.buttons.0.url",
      "http or https"
    )
    assertIssue(
      rejected(Template.TemplateDraft, buttons([{ _tag: "PHONE_NUMBER", text: "Call", phoneNumber: "85212769072" }])),
      "components.1.buttons.0.phoneNumber",
      "E.164"
    )
    assertIssue(
      rejected(Template.TemplateDraft, buttons([{ _tag: "COPY_CODE", text: "Copy" }])),
      "components.1.buttons.0._tag",
      "must be one of"
    )
  })

  it("the lenient read model keeps categories and statuses it does not know", () => {
    const template = Schema.decodeUnknownSync(Template.Template)({
      ...Schema.encodeSync(Template.Template)(Samples.legacyTemplate),
      status: "IN_APPEAL"
    })
    assert.strictEqual(template.category, "TICKET_UPDATE")
    assert.strictEqual(template.status, "IN_APPEAL")
  })

  it.prop(
    "sameContent holds for a template and its own round trip, and not after a change",
    [Template.Template],
    ([template]) => {
      const copy = Schema.decodeSync(Template.Template)(Schema.encodeSync(Template.Template)(template))
      assert.isTrue(Template.sameContent(template, copy))
      assert.isFalse(Template.sameContent(template, { ...copy, name: `${copy.name}_v2` }))
    }
  )

  it("parametersOf lists parameters in order of appearance", () => {
    assert.deepStrictEqual(Template.parametersOf("{{2}} then {{1}} and {{ 3 }} and {{2}}"), [2, 1, 3, 2])
    assert.deepStrictEqual(Template.parametersOf("no parameters {1} {{x}}"), [])
  })

  it("a filter refuses a malformed language on its own index", () => {
    assertIssue(rejected(Template.TemplateFilter, { language: ["en_US", "en-US"] }), "language.1", "language code")
    assertIssue(rejected(Template.TemplateFilter, { qualityScore: ["BLUE"] }), "qualityScore.0", "must be one of")
  })
})

describe("Media", () => {
  it.prop("an unknown kind or a non-http URL is refused on that field", [MediaHandle.MediaSource], ([source]) => {
    assertIssue(rejected(MediaHandle.MediaSource, { kind: "gif", url: source.url }), "kind", "must be one of")
    assertIssue(
      rejected(MediaHandle.MediaSource, { kind: source.kind, url: "file:///etc/passwd" }),
      "url",
      "http or https"
    )
  })

  it("a media handle keeps its expiry as an ISO date on the wire", () => {
    const handle = Schema.decodeUnknownSync(MediaHandle.MediaHandle)({
      id: "5770270532993662",
      kind: "image",
      source: "https://example.com/a.png",
      expiresAt: "2024-03-08T04:52:37.000Z"
    })
    assert.deepStrictEqual(Schema.encodeSync(MediaHandle.MediaHandle)(handle).expiresAt, "2024-03-08T04:52:37.000Z")
    assertIssue(
      rejected(MediaHandle.MediaHandle, { id: "1", kind: "image", source: "s", expiresAt: "soon" }),
      "expiresAt",
      "DateTime"
    )
  })
})

describe("Registrations", () => {
  const request = { ...Schema.encodeSync(Registration.ProvisionRequest)(Samples.provisionRequest), pin: "123456" }

  it("a provision request takes the number in E.164 and gives its parts apart", () => {
    const decoded = Schema.decodeUnknownSync(Registration.ProvisionRequest)(request)
    assert.strictEqual(decoded.phoneNumber.countryCode, "44")
    assert.strictEqual(decoded.phoneNumber.nationalNumber, "7700900000")
    assert.strictEqual(Schema.encodeSync(Registration.ProvisionRequest)(decoded).phoneNumber, "+447700900000")
  })

  it("each broken rule of a provision request names its field", () => {
    const error = rejected(Registration.ProvisionRequest, {
      ...request,
      phoneNumber: "07700900000",
      wabaId: "waba-1",
      verificationMethod: "email",
      pin: "12345",
      displayName: "",
      providerOptions: "vnameCertificate"
    })
    assertIssue(error, "phoneNumber", "E.164")
    assertIssue(error, "wabaId", "must be digits")
    assertIssue(error, "verificationMethod", "must be one of")
    assertIssue(error, "pin", "6 digits")
    assertIssue(error, "displayName", "must not be empty")
    assertIssue(error, "providerOptions", "")
  })

  it("a provider's own options are read by that provider's schema, named under providerOptions.<provider>", () => {
    const read = Registration.providerOptions(
      "acme",
      Schema.Struct({ certificate: Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" })) })
    )
    const refused = Effect.runSync(
      Effect.flip(read({ providerOptions: { acme: { certificate: "" }, other: { certificate: 1 } } }))
    )
    assert.deepStrictEqual(
      refused.issues.map((issue) => [issue.field, issue.rule]),
      [["providerOptions.acme.certificate", "must not be empty"]]
    )
    const missing = Effect.runSync(Effect.flip(read({})))
    assert.strictEqual(missing.issues[0]?.field, "providerOptions.acme.certificate")
    assert.deepStrictEqual(Effect.runSync(read({ providerOptions: { acme: { certificate: "x" } } })), {
      certificate: "x"
    })
  })

  it("a registration encodes its number as E.164", () => {
    const registration = new Registration.Registration({
      id: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
      provider: "vonage",
      phoneNumber: PhoneNumber.unsafeFromE164("+447700900000"),
      state: "code_sent",
      providerState: "CODE_SENT",
      detail: "Code sent"
    })
    const encoded = Schema.encodeSync(Registration.Registration)(registration)
    assert.strictEqual(encoded.phoneNumber, "+447700900000")
    assert.deepStrictEqual(Schema.decodeUnknownSync(Registration.Registration)(encoded), registration)
  })

  it.prop(
    "verification codes are 4 to 8 digits",
    [FastCheck.string().filter((code) => !/^\d{4,8}$/.test(code))],
    ([code]) => {
      assertIssue(rejected(Schema.Struct({ code: Registration.VerificationCode }), { code }), "code", "4 to 8 digits")
    }
  )

  it("the lifecycle: terminal and caller-awaiting states", () => {
    assert.deepStrictEqual(
      Registration.NumberState.literals.filter(Registration.isTerminal),
      ["ready", "failed", "released"]
    )
    assert.deepStrictEqual([...Registration.awaitingCallerStates], ["code_sent", "code_rejected"])
  })
})

describe("The error union", () => {
  it.prop("every error says its provider, operation and whether a retry can help, in its message too", [
    AdminError.AdminError
  ], ([error]) => {
    assert.isTrue(AdminError.isAdminError(error))
    assert.isTrue(error.message.startsWith(`${error.provider}.${error.operation}: `))
    assert.strictEqual(typeof error.retryable, "boolean")
    assert.strictEqual(AdminError.isRetryable(error), error.retryable)
  })

  it("retryable: throttling, quotas and unavailability yes (not 501), the rest no", () => {
    const at = { provider: "p", operation: "o" }
    assert.isTrue(new AdminError.RateLimited({ ...at, attempts: 1 }).retryable)
    assert.isTrue(
      new AdminError.QuotaExceeded({ ...at, quota: "templates/hour", limit: 100, retryAfter: Duration.hours(1) })
        .retryable
    )
    assert.isTrue(new AdminError.ProviderUnavailable({ ...at, attempts: 4, reason: "503", status: 503 }).retryable)
    assert.isFalse(new AdminError.ProviderUnavailable({ ...at, attempts: 1, reason: "501", status: 501 }).retryable)
    assert.isFalse(new AdminError.OutcomeUnknown({ ...at, reason: "reset" }).retryable)
    assert.isFalse(new AdminError.Conflict({ ...at, reason: "in use", existingId: "d-1" }).retryable)
    assert.isFalse(AdminError.unsupported("kaleyra", "templates.list").retryable)
    assert.isFalse(Validation.invalidInput(at, [{ field: "x", rule: "y" }]).retryable)
  })
})
