/**
 * The WhatsApp Template Management API's templates (1.0.1, from the facts page), straight into
 * the domain `Template`: components both ways, a page of a listing and its `next` link, the
 * creation body.
 */
import { Template } from "@wa-admin/core"
import { Either, Option, ParseResult, Schema } from "effect"
import { exact, optionalString } from "./common.js"

/** One value or a list of them (read either way: the document's examples are Meta's lists). */
const OneOrMany = Schema.Union(Schema.String, Schema.Array(Schema.String))
const firstValue = (value: typeof OneOrMany.Type | undefined): string | undefined =>
  typeof value === "string" ? value : value?.[0]

/** A button as the wire carries it: `type`, `text`, `url?`, `phone_number?`, `example?`. */
const WireButton = Schema.Struct({
  type: Schema.String,
  text: Schema.String,
  url: Schema.optionalWith(Schema.String, exact),
  phone_number: Schema.optionalWith(Schema.String, exact),
  example: Schema.optionalWith(OneOrMany, exact)
})

/** A component as the wire carries it: `type` and `format` (required on every component by the document). */
const WireComponent = Schema.Struct({
  type: Schema.String,
  format: Schema.optionalWith(Schema.String, exact),
  text: Schema.optionalWith(Schema.String, exact),
  example: Schema.optionalWith(
    Schema.Struct({
      header_text: Schema.optionalWith(OneOrMany, exact),
      header_handle: Schema.optionalWith(OneOrMany, exact),
      body_text: Schema.optionalWith(Schema.Array(Schema.Array(Schema.String)), exact)
    }),
    exact
  ),
  buttons: Schema.optionalWith(Schema.Array(Schema.Unknown), exact)
})
type WireComponent = typeof WireComponent.Type
type WireButton = typeof WireButton.Type

const decodeWireButton = Schema.decodeUnknownOption(WireButton)
const isHeaderFormat = Schema.is(Template.HeaderFormat)

/** A button in the domain's terms, or none for a type the domain has no place for (OTP, FLOW, CATALOG …). */
const buttonOf = (wire: WireButton): Option.Option<Template.Button> => {
  switch (wire.type) {
    case "QUICK_REPLY":
      return Option.some({ _tag: "QUICK_REPLY", text: wire.text })
    case "URL": {
      if (wire.url === undefined) return Option.none()
      const example = firstValue(wire.example)
      return Option.some({ _tag: "URL", text: wire.text, url: wire.url, ...(example === undefined ? {} : { example }) })
    }
    case "PHONE_NUMBER":
      return wire.phone_number === undefined
        ? Option.none()
        : Option.some({ _tag: "PHONE_NUMBER", text: wire.text, phoneNumber: wire.phone_number })
    default:
      return Option.none()
  }
}

const buttonToWire = (button: Template.Button): WireButton => {
  switch (button._tag) {
    case "QUICK_REPLY":
      return { type: "QUICK_REPLY", text: button.text }
    case "URL":
      return {
        type: "URL",
        text: button.text,
        url: button.url,
        ...(button.example === undefined ? {} : { example: [button.example] })
      }
    case "PHONE_NUMBER":
      return { type: "PHONE_NUMBER", text: button.text, phone_number: button.phoneNumber }
  }
}

/** A component in the domain's terms, or why the domain has no place for it. */
const componentOf = (wire: WireComponent): Either.Either<Template.Component, string> => {
  switch (wire.type) {
    case "HEADER": {
      const format = wire.format
      if (format === undefined || !isHeaderFormat(format)) {
        return Either.left("a header format the domain has no place for")
      }
      const example = firstValue(wire.example?.header_text) ?? firstValue(wire.example?.header_handle)
      return Either.right({
        _tag: "HEADER",
        format,
        ...(wire.text === undefined ? {} : { text: wire.text }),
        ...(example === undefined ? {} : { example })
      })
    }
    case "BODY":
      return wire.text === undefined
        ? Either.left("a BODY without text")
        : Either.right({
          _tag: "BODY",
          text: wire.text,
          ...(wire.example?.body_text === undefined ? {} : { examples: wire.example.body_text })
        })
    case "FOOTER":
      return wire.text === undefined
        ? Either.left("a FOOTER without text")
        : Either.right({ _tag: "FOOTER", text: wire.text })
    case "BUTTONS":
      return Either.right({
        _tag: "BUTTONS",
        buttons: (wire.buttons ?? []).flatMap((entry) =>
          Option.toArray(Option.flatMap(decodeWireButton(entry), buttonOf))
        )
      })
    default:
      return Either.left("a component type the domain has no place for")
  }
}

/**
 * A component on the wire, in the document's shape: `type` and `format` on every component
 * (the header's own format; `TEXT` for the others), a TEXT header's example as
 * `example.header_text`, a media header's as `example.header_handle`, body examples as
 * `example.body_text`, buttons with `phone_number` and a list `example`.
 */
const componentToWire = (component: Template.Component): WireComponent => {
  switch (component._tag) {
    case "HEADER": {
      const example = component.example === undefined
        ? {}
        : {
          example: component.format === "TEXT"
            ? { header_text: [component.example] }
            : { header_handle: [component.example] }
        }
      return {
        type: "HEADER",
        format: component.format,
        ...(component.text === undefined ? {} : { text: component.text }),
        ...example
      }
    }
    case "BODY":
      return {
        type: "BODY",
        format: "TEXT",
        text: component.text,
        ...(component.examples === undefined || component.examples.length === 0
          ? {}
          : { example: { body_text: component.examples } })
      }
    case "FOOTER":
      return { type: "FOOTER", format: "TEXT", text: component.text }
    case "BUTTONS":
      return { type: "BUTTONS", format: "TEXT", buttons: component.buttons.map(buttonToWire) }
  }
}

/** One component, both ways. */
export const Component = Schema.transformOrFail(WireComponent, Schema.typeSchema(Template.Component), {
  strict: true,
  decode: (wire, _, ast) =>
    Either.match(componentOf(wire), {
      onLeft: (reason) => ParseResult.fail(new ParseResult.Type(ast, wire, reason)),
      onRight: ParseResult.succeed
    }),
  encode: (component) => ParseResult.succeed(componentToWire(component))
})

const decodeComponent = Schema.decodeUnknownOption(Component)
const encodeComponents = ParseResult.encodeUnknown(Schema.Array(Component))

/**
 * The components of a template as read: one the domain has no place for (a CAROUSEL, a
 * LIMITED_TIME_OFFER, a header format added later) is left out and the template kept — one odd
 * template never loses a page.
 */
export const Components = Schema.transformOrFail(
  Schema.Array(Schema.Unknown),
  Schema.Array(Schema.typeSchema(Template.Component)),
  {
    strict: true,
    decode: (entries) => ParseResult.succeed(entries.flatMap((entry) => Option.toArray(decodeComponent(entry)))),
    encode: (components) => encodeComponents(components)
  }
)

/**
 * One template language version of a list answer, straight into the domain `Template`. Its
 * status and category are kept as Vonage reports them, unknown ones (the legacy categories
 * `ACCOUNT_UPDATE` …, statuses such as `LOCKED`) included.
 */
export const TemplateResponse = Schema.transform(
  Schema.Struct({
    id: optionalString,
    name: Schema.String,
    language: Schema.String,
    status: Schema.String,
    category: Schema.String,
    components: Schema.optionalWith(Components, { default: () => [] })
  }),
  Schema.typeSchema(Template.Template),
  {
    strict: false,
    decode: (fields) => new Template.Template(fields, true),
    encode: (template) => ({
      ...(template.id === undefined ? {} : { id: template.id }),
      name: template.name,
      language: template.language,
      status: template.status,
      category: template.category,
      components: template.components
    })
  }
)

/** `paging` of a list answer: the cursors and the absolute `next` / `previous` URIs. */
const Paging = Schema.Struct({
  cursors: Schema.optionalWith(Schema.Struct({ before: optionalString, after: optionalString }), exact),
  next: optionalString,
  previous: optionalString
})

/** GET /wabas/{id}/templates: a page of template language versions and the link to the next page. */
export const TemplatesPage = Schema.transform(
  Schema.Struct({
    templates: Schema.optionalWith(Schema.Array(TemplateResponse), { default: () => [] }),
    paging: Schema.optionalWith(Paging, exact)
  }),
  Schema.Struct({
    templates: Schema.Array(Schema.typeSchema(TemplateResponse)),
    next: Schema.optionalWith(Schema.String, exact)
  }),
  {
    strict: true,
    decode: ({ paging, templates }) =>
      paging?.next === undefined || paging.next.length === 0 ? { templates } : { templates, next: paging.next },
    encode: ({ next, templates }) => (next === undefined ? { templates } : { templates, paging: { next } })
  }
)
export type TemplatesPage = typeof TemplatesPage.Type

/**
 * The `after` cursor of a `next` link, read from the link rather than followed: the link must
 * lead to the very listing asked for (`listing`: the template API's base URL and path, same
 * scheme, host, port and path) and carry an `after` cursor. Anything else — another host, another
 * path, credentials in the URL, no cursor — is refused, so that our JWT never goes anywhere a
 * provider's answer points. The reason never quotes the link.
 */
export const nextCursor = (next: string, listing: URL): Either.Either<string, string> => {
  if (next.length > 8_192 || !URL.canParse(next)) return Either.left("the next page's link is not an absolute URL")
  const url = new URL(next)
  if (url.origin !== listing.origin || url.username !== "" || url.password !== "") {
    return Either.left("the next page's link points outside the configured template API; it is not followed")
  }
  if (url.pathname !== listing.pathname) {
    return Either.left("the next page's link points to another resource than the listing; it is not followed")
  }
  const cursors = url.searchParams.getAll("after")
  const [cursor] = cursors
  if (cursor === undefined || cursor.length === 0 || cursors.length > 1) {
    return Either.left("the next page's link carries no single after= cursor")
  }
  return Either.right(cursor)
}

/** The POST /wabas/{id}/templates body: a draft in the document's shape (name, language, category, components). */
export const TemplateCreation = Schema.Struct({
  name: Schema.String,
  language: Schema.String,
  // Sent as given: the document lists TRANSACTIONAL, MARKETING and OTP, its guide Meta's
  // current MARKETING, UTILITY and AUTHENTICATION.
  category: Schema.String,
  components: Schema.Array(Component)
})

/** POST /wabas/{id}/templates → 200 `{ id }`. */
export const CreatedTemplate = Schema.Struct({ id: optionalString })
