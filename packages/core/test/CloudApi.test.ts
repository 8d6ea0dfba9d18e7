import { assert, describe, it } from "@effect/vitest"
import { Template } from "@wa-admin/core"
import { CloudApi } from "@wa-admin/core/adapter"
import { Either, Schema } from "effect"

const encodeComponents = Schema.encodeSync(Schema.Array(CloudApi.Component))
const decodeComponents = Schema.decodeUnknownSync(CloudApi.Components)

type Button = Extract<Template.Component, { readonly _tag: "BUTTONS" }>["buttons"][number]

/** Each kind of component and of button, and the same in the Cloud API's own shape (its document's field names). */
const header = { _tag: "HEADER", format: "TEXT", text: "Order {{1}}", example: "A-1" } as const
const body = { _tag: "BODY", text: "Your order {{1}} has shipped", examples: [["A-1"]] } as const
const footer = { _tag: "FOOTER", text: "Reply STOP to opt out" } as const
const pairs: ReadonlyArray<readonly [Template.Component, unknown]> = [
  [header, { type: "HEADER", format: "TEXT", text: header.text, example: { header_text: ["A-1"] } }],
  [body, { type: "BODY", text: body.text, example: { body_text: [["A-1"]] } }],
  [footer, { type: "FOOTER", text: footer.text }]
]
const buttonPairs: ReadonlyArray<readonly [Button, unknown]> = [
  [{ _tag: "QUICK_REPLY", text: "Thanks" }, { type: "QUICK_REPLY", text: "Thanks" }],
  [{ _tag: "PHONE_NUMBER", text: "Call", phoneNumber: "+15550100" }, {
    type: "PHONE_NUMBER",
    text: "Call",
    phone_number: "+15550100"
  }],
  [
    { _tag: "URL", text: "Track", url: "https://t.example/{{1}}", example: "https://t.example/A-1" },
    { type: "URL", text: "Track", url: "https://t.example/{{1}}", example: ["https://t.example/A-1"] }
  ]
]
const components = [
  ...pairs.map(([domain]) => domain),
  { _tag: "BUTTONS" as const, buttons: buttonPairs.map(([domain]) => domain) }
]
const wire = [...pairs.map(([, onWire]) => onWire), {
  type: "BUTTONS",
  buttons: buttonPairs.map(([, onWire]) => onWire)
}]

describe("CloudApi template components", () => {
  it("encode into the Cloud API's shape and decode back to the same domain components", () => {
    assert.deepStrictEqual<unknown>(encodeComponents(components), wire)
    assert.deepStrictEqual(decodeComponents(wire), components)
  })

  it("a media header's example is its handle; an empty list of body examples is sent as none", () => {
    const header: Template.Component = { _tag: "HEADER", format: "IMAGE", example: "4::aW1hZ2U=" }
    const body: Template.Component = { _tag: "BODY", text: "Hi", examples: [] }
    assert.deepStrictEqual(encodeComponents([header, body]), [
      { type: "HEADER", format: "IMAGE", example: { header_handle: ["4::aW1hZ2U="] } },
      { type: "BODY", text: "Hi" }
    ])
  })

  it("reads a type in any case and writes it in upper case", () => {
    const read = decodeComponents([{ type: "body", text: "Hi" }])
    assert.deepStrictEqual(read, [{ _tag: "BODY", text: "Hi" }])
    assert.deepStrictEqual(encodeComponents(read), [{ type: "BODY", text: "Hi" }])
  })

  it("a listing keeps the template and leaves out what the domain has no place for; a request refuses it", () => {
    const read = decodeComponents([
      { type: "CAROUSEL", cards: [] },
      { type: "BODY", text: "Hi" },
      { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "COPY_CODE" }, { type: "QUICK_REPLY", text: "Ok" }] },
      "not a component"
    ])
    assert.deepStrictEqual(read, [
      { _tag: "BODY", text: "Hi" },
      { _tag: "BUTTONS", buttons: [{ _tag: "QUICK_REPLY", text: "Ok" }] }
    ])
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(CloudApi.Component)({ type: "CAROUSEL", cards: [] })))
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(CloudApi.Components)({ type: "BODY" })), "not a list")
  })
})

describe("CloudApi flows", () => {
  const categories = Schema.decodeUnknownEither(CloudApi.FlowCategories)
  const endpoint = Schema.decodeUnknownEither(CloudApi.FlowEndpointUrl)

  it("categories: at least one of the eight, none twice", () => {
    assert.deepStrictEqual(Either.getOrThrow(categories(["SIGN_UP", "OTHER"])), ["SIGN_UP", "OTHER"])
    assert.deepStrictEqual(CloudApi.FlowCategory.literals.length, 8)
    const messageOf = (input: unknown) =>
      Either.match(categories(input), { onLeft: (error) => error.message, onRight: () => "" })
    assert.include(messageOf([]), "must have at least one category")
    assert.include(messageOf(["SURVEY", "SURVEY"]), "must not name a category twice")
    assert.isTrue(Either.isLeft(categories(["MARKETING"])))
  })

  it("an endpoint is an https URL only", () => {
    assert.isTrue(Either.isRight(endpoint("https://flows.example.com/endpoint")))
    const plain = endpoint("http://flows.example.com/endpoint")
    assert.isTrue(Either.isLeft(plain))
    if (Either.isLeft(plain)) assert.include(plain.left.message, "must be an https URL")
    assert.isTrue(Either.isLeft(endpoint("flows.example.com")))
  })

  it("the limits: 10,000,000 bytes of flow JSON, 100 levels, names of 200 characters", () => {
    assert.deepStrictEqual([CloudApi.maxFlowJsonBytes, CloudApi.maxFlowJsonDepth, CloudApi.maxFlowNameLength], [
      10_000_000,
      100,
      200
    ])
  })

  it("a detail's validation errors, WABA and application are read from Graph's field names", () => {
    const Detail = Schema.Struct({
      message: Schema.String,
      ...CloudApi.flowValidationErrorFields,
      ...CloudApi.flowOwnerFields
    })
    const read = Schema.decodeUnknownSync(Detail)({
      message: "Missing screen",
      error: "INVALID_PROPERTY",
      error_type: "FLOW_JSON_ERROR",
      line_start: 3,
      line_end: 4,
      column_start: 5,
      column_end: 9,
      pointers: [{ path: "screens[0]" }],
      whatsapp_business_account: {
        id: "102290129340398",
        name: "Acme",
        currency: "USD",
        timezone_id: "1",
        message_template_namespace: "ns"
      },
      application: { id: "1234567890", name: "Acme app", link: "https://acme.example" }
    })
    assert.deepStrictEqual(read, {
      message: "Missing screen",
      error: "INVALID_PROPERTY",
      errorType: "FLOW_JSON_ERROR",
      lineStart: 3,
      lineEnd: 4,
      columnStart: 5,
      columnEnd: 9,
      pointers: [{ path: "screens[0]" }],
      waba: { id: "102290129340398", name: "Acme", currency: "USD", timezoneId: "1", messageTemplateNamespace: "ns" },
      application: { id: "1234567890", name: "Acme app", link: "https://acme.example" }
    })
    assert.deepStrictEqual(Schema.decodeUnknownSync(Detail)({ message: "m" }), { message: "m" })
    const error = new CloudApi.FlowValidationError({ message: read.message, lineStart: 3 })
    assert.deepStrictEqual(new CloudApi.FlowJsonResult({ validationErrors: [error] }).validationErrors, [error])
  })
})

describe("CloudApi business profile change", () => {
  const Change = CloudApi.profileChange({
    name: "photoHandle",
    wire: Schema.optional(Schema.String).pipe(Schema.fromKey("profile_picture_handle")),
    domain: Schema.optional(Schema.String)
  })

  it("sends the fields given (one left undefined is left out of the JSON) with messaging_product, the vertical as Meta's code and the photo under the provider's name", () => {
    const encoded = Schema.encodeSync(Change)({
      about: "About",
      vertical: "EventPlanning",
      websites: ["https://a.example.com"],
      photoHandle: "4::h",
      email: undefined
    })
    assert.deepStrictEqual(JSON.parse(JSON.stringify(encoded)), {
      messaging_product: "whatsapp",
      about: "About",
      vertical: "EVENT_PLAN",
      websites: ["https://a.example.com"],
      profile_picture_handle: "4::h"
    })
    assert.deepStrictEqual(Schema.decodeUnknownSync(Change)(JSON.parse(JSON.stringify(encoded))), {
      about: "About",
      vertical: "EventPlanning",
      websites: ["https://a.example.com"],
      photoHandle: "4::h"
    })
    // @ts-expect-error: a field the change does not have
    assert.isTrue(Either.isRight(Schema.encodeEither(Change)({ photoUrl: "https://a.example.com/p.png" })))
  })

  it("refuses a vertical Meta has no code for and a body without messaging_product", () => {
    assert.isTrue(
      Either.isLeft(Schema.decodeUnknownEither(Change)({ messaging_product: "whatsapp", vertical: "GROCERIES" }))
    )
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(Change)({ about: "A" })))
  })
})

describe("CloudApi business profile as answered", () => {
  const read = Schema.decodeUnknownSync(CloudApi.ProfileFields)

  it("reads the fields into the domain's: Meta's vertical code, the photo URL", () => {
    assert.deepStrictEqual(
      read({
        about: "Fresh bread",
        vertical: "PROF_SERVICES",
        websites: ["https://bakery.example"],
        profile_picture_url: "https://pps.example/p.jpg"
      }),
      {
        about: "Fresh bread",
        vertical: "ProfessionalServices",
        websites: ["https://bakery.example"],
        photoUrl: "https://pps.example/p.jpg"
      }
    )
  })

  it("an empty text is no value, a code the canonical set lacks is no vertical, empty websites are left out", () => {
    assert.deepStrictEqual(read({ about: "", email: "", vertical: "ALCOHOL", websites: ["", ""] }), {})
    assert.deepStrictEqual(read({ vertical: "UNDEFINED", websites: ["", "https://a.example"] }), {
      websites: ["https://a.example"]
    })
  })
})
