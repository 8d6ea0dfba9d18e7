import { assert, describe, it } from "@effect/vitest"
import { Template } from "@wa-admin/core"
import { Arbitrary, Either, Schema } from "effect"
import { legacyCategories } from "../src/emulator/internal/templates/store.js"
import { namedParameter, requestField } from "../src/internal/errors.js"
import * as Wire from "../src/internal/wire.js"
import * as VonageTemplates from "../src/VonageTemplates.js"
import { everyKindOfComponent } from "./templateApi.js"

const encodeComponents = Schema.encodeSync(Schema.Array(Wire.Component))
const decodeComponents = Schema.decodeUnknownSync(Wire.Components)
const decodePage = Schema.decodeUnknownSync(Wire.TemplatesPage)

/** Components in the document's shape, every kind the domain holds, and the same in the domain. */
const { domain: domainComponents, wire: wireComponents } = everyKindOfComponent("everywhere")

describe("template wire ↔ domain mapping", () => {
  it.prop(
    "valid components survive domain → wire (JSON) → domain",
    [Arbitrary.make(Template.ValidComponents)],
    ([components]) => {
      const wire = JSON.parse(JSON.stringify(encodeComponents(components)))
      assert.deepStrictEqual(decodeComponents(wire), components)
      for (const component of wire as ReadonlyArray<{ readonly type: string; readonly format?: string }>) {
        assert.isString(component.format, "every component carries format, as the document requires")
      }
    }
  )

  it("components in the document's shape survive wire → domain → wire", () => {
    const domain = decodeComponents(wireComponents)
    assert.deepStrictEqual(domain, domainComponents)
    assert.deepStrictEqual(encodeComponents(domain), wireComponents)
  })

  it("a media header's handle is example.header_handle, read as a list or a single value", () => {
    const header = { _tag: "HEADER", format: "VIDEO", example: "4::dmlkZW8=:ARb" } as const
    assert.deepStrictEqual(encodeComponents([header]), [{
      type: "HEADER",
      format: "VIDEO",
      example: { header_handle: ["4::dmlkZW8=:ARb"] }
    }])
    assert.deepStrictEqual(
      decodeComponents([{ type: "HEADER", format: "VIDEO", example: { header_handle: "4::dmlkZW8=:ARb" } }]),
      [header]
    )
  })

  it("components and buttons the domain has no place for are left out, the rest kept", () => {
    assert.deepStrictEqual(
      decodeComponents([
        { type: "CAROUSEL", cards: [] },
        { type: "HEADER", format: "GIF" },
        { type: "BODY" },
        "not a component",
        {
          type: "BUTTONS",
          buttons: [{ type: "FLOW", text: "Open" }, { type: "URL", text: "No url" }, {
            type: "QUICK_REPLY",
            text: "Ok"
          }]
        },
        { type: "FOOTER", text: "Bye" }
      ]),
      [
        { _tag: "BUTTONS", buttons: [{ _tag: "QUICK_REPLY", text: "Ok" }] },
        { _tag: "FOOTER", text: "Bye" }
      ]
    )
  })

  it("a list answer: templates as domain Templates, any category or status, and the next link", () => {
    const page = decodePage({
      templates: [
        {
          id: 42,
          name: "legacy",
          language: "en_US",
          status: "LOCKED",
          category: "ACCOUNT_UPDATE",
          components: wireComponents
        },
        { name: "no_components", language: "es", status: "PENDING_DELETION", category: "SOMETHING_NEW" }
      ],
      paging: {
        cursors: { before: "b", after: "a" },
        next: "https://api.nexmo.com/v2/whatsapp-manager/wabas/1/templates?after=a"
      }
    })
    assert.instanceOf(page.templates[0], Template.Template)
    assert.deepStrictEqual(
      page.templates.map((template) => [template.id, template.category, template.status, template.components.length]),
      [
        ["42", "ACCOUNT_UPDATE", "LOCKED", 4],
        [undefined, "SOMETHING_NEW", "PENDING_DELETION", 0]
      ]
    )
    assert.strictEqual(page.next, "https://api.nexmo.com/v2/whatsapp-manager/wabas/1/templates?after=a")
    assert.isUndefined(
      decodePage({ templates: [], paging: { cursors: { after: "a" } } }).next,
      "no next link: the last page"
    )
    assert.isUndefined(decodePage({ paging: { next: "" } }).next, "an empty next link: the last page")
    assert.deepStrictEqual(decodePage({}).templates, [])
    assert.isTrue(
      Either.isLeft(Schema.decodeUnknownEither(Wire.TemplatesPage)({ templates: [{ language: "en_US" }] })),
      "a template needs its name"
    )
  })

  it("the cursor is read from a next link only when it leads to the listing asked for", () => {
    const listing = new URL("https://api.nexmo.com/v2/whatsapp-manager/wabas/190787529545503/templates")
    const next = (link: string) => Wire.nextCursor(link, listing)
    assert.deepStrictEqual(next(`${listing.href}?limit=2&after=QVFI`), Either.right("QVFI"))
    for (
      const link of [
        "https://attacker.example/v2/whatsapp-manager/wabas/190787529545503/templates?after=QVFI",
        "http://api.nexmo.com/v2/whatsapp-manager/wabas/190787529545503/templates?after=QVFI",
        "https://api.nexmo.com:8443/v2/whatsapp-manager/wabas/190787529545503/templates?after=QVFI",
        "https://user:secret@api.nexmo.com/v2/whatsapp-manager/wabas/190787529545503/templates?after=QVFI",
        "https://api.nexmo.com/v2/whatsapp-manager/wabas/999/templates?after=QVFI",
        "https://api.nexmo.com/v2/whatsapp-manager/wabas/190787529545503/templates/../../../v0.1?after=QVFI",
        `${listing.href}?before=QVFI`,
        `${listing.href}?after=`,
        `${listing.href}?after=a&after=b`,
        "/v2/whatsapp-manager/wabas/190787529545503/templates?after=QVFI",
        `${listing.href}?after=${"a".repeat(9000)}`
      ]
    ) {
      const refused = next(link)
      assert.isTrue(Either.isLeft(refused), link)
      if (Either.isLeft(refused)) {
        assert.notInclude(refused.left, "attacker")
        assert.notInclude(refused.left, "QVFI")
      }
    }
  })

  it("an upload answer's h is the handle: present, not empty, not oversized", () => {
    const decode = Schema.decodeUnknownEither(Wire.UploadedMedia)
    assert.deepStrictEqual(decode({ h: "4::aW1hZ2U=:ARb" }), Either.right({ handle: "4::aW1hZ2U=:ARb" }))
    assert.deepStrictEqual(Schema.encodeSync(Wire.UploadedMedia)({ handle: "4::x" }), { h: "4::x" })
    for (const body of [{}, { h: "" }, { h: 7 }, { h: "x".repeat(Wire.maxHandleLength + 1) }]) {
      assert.isTrue(Either.isLeft(decode(body)), JSON.stringify(body).slice(0, 40))
    }
  })

  it("every documented category has its neutral reading; the port's five creatable ones read as themselves or their successor", () => {
    for (const category of [...legacyCategories, ...Template.TemplateCategory.literals]) {
      assert.isDefined(VonageTemplates.neutralCategories[category], category)
    }
    assert.deepStrictEqual(
      Template.TemplateCategory.literals.map((category) => VonageTemplates.neutralCategories[category]),
      ["MARKETING", "UTILITY", "AUTHENTICATION", "UTILITY", "AUTHENTICATION"]
    )
  })

  it("a message naming a parameter names the request's field", () => {
    assert.strictEqual(
      namedParameter("Message template \"components\" param contains unexpected field(s)"),
      "components"
    )
    assert.strictEqual(
      namedParameter("(#100) Param category must be one of {TRANSACTIONAL, MARKETING, OTP}."),
      "category"
    )
    assert.isUndefined(namedParameter("WABA was not found."))
    assert.strictEqual(requestField("templates.create", "components"), "template.components")
    assert.strictEqual(requestField("templates.create", "category"), "template.category")
    assert.strictEqual(requestField("templates.list", "name_or_content"), "filter.name")
  })
})
