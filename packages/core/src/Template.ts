/**
 * Message templates: names, languages, categories, components and per-language status.
 *
 * Two levels of strictness: `TemplateDraft` (what we send) enforces the documented rules
 * before anything leaves the process; `Template` (what we read) keeps whatever the provider
 * reports, unknown categories and statuses included, so one odd template never loses a page.
 *
 * @since 0.1.0
 */
import type { Arbitrary, FastCheck } from "effect"
import { Either, Option, Schema, SchemaAST } from "effect"
import { FromE164 } from "./PhoneNumber.js"
import { HttpUrl } from "./Url.js"
import * as Vocabulary from "./Vocabulary.js"

/**
 * A template name: lowercase letters, digits and underscores, at most 512 characters.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TemplateName = Schema.String.pipe(
  Schema.pattern(/^[a-z0-9_]{1,512}$/, {
    message: () => "must be 1 to 512 lowercase letters, digits or underscores"
  }),
  Schema.annotations({ identifier: "TemplateName" })
)

/**
 * A template language code such as `en_US`, `es` or `pt_BR`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LanguageCode = Schema.String.pipe(
  Schema.pattern(/^[a-z]{2,3}(_[A-Z]{2,4})?$/, {
    message: () => "must be a language code such as en_US, es or pt_BR"
  }),
  Schema.annotations({ identifier: "LanguageCode" })
)

/**
 * The categories a template can be created in. Reads keep any category the provider reports.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TemplateCategory = Schema.Literal(...Vocabulary.templateCategories)

/**
 * @since 0.1.0
 * @category models
 */
export type TemplateCategory = typeof TemplateCategory.Type

/**
 * Template statuses known to the providers' documents. Reads keep unknown ones as strings.
 *
 * @since 0.1.0
 * @category constants
 */
export const knownStatuses = Vocabulary.templateStatuses

/**
 * @since 0.1.0
 * @category schemas
 */
export const HeaderFormat = Schema.Literal("TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION")

/**
 * The header: text, or a media format with an optional example (a media URL or handle).
 *
 * @since 0.1.0
 * @category models
 */
export const Header = Schema.TaggedStruct("HEADER", {
  format: HeaderFormat,
  text: Schema.optional(Schema.String),
  example: Schema.optional(Schema.String)
})

/**
 * The body, with `{{1}}`, `{{2}}` … parameters and example values, one list per example set.
 *
 * @since 0.1.0
 * @category models
 */
export const Body = Schema.TaggedStruct("BODY", {
  text: Schema.String,
  examples: Schema.optional(Schema.Array(Schema.Array(Schema.String)))
})

/**
 * @since 0.1.0
 * @category models
 */
export const Footer = Schema.TaggedStruct("FOOTER", { text: Schema.String })

/**
 * @since 0.1.0
 * @category models
 */
export const QuickReplyButton = Schema.TaggedStruct("QUICK_REPLY", { text: Schema.String })

/**
 * @since 0.1.0
 * @category models
 */
export const UrlButton = Schema.TaggedStruct("URL", {
  text: Schema.String,
  url: Schema.String,
  example: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export const PhoneNumberButton = Schema.TaggedStruct("PHONE_NUMBER", {
  text: Schema.String,
  phoneNumber: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export const Button = Schema.Union(QuickReplyButton, UrlButton, PhoneNumberButton)

/**
 * @since 0.1.0
 * @category models
 */
export type Button = typeof Button.Type

/**
 * @since 0.1.0
 * @category models
 */
export const Buttons = Schema.TaggedStruct("BUTTONS", { buttons: Schema.Array(Button) })

/**
 * One component of a template.
 *
 * @since 0.1.0
 * @category models
 */
export const Component = Schema.Union(Header, Body, Footer, Buttons)

/**
 * @since 0.1.0
 * @category models
 */
export type Component = typeof Component.Type

/**
 * The `{{n}}` parameter numbers used in a text, in order of appearance.
 *
 * @since 0.1.0
 * @category utils
 */
export const parametersOf = (text: string): ReadonlyArray<number> =>
  Array.from(text.matchAll(/\{\{\s*(\d+)\s*\}\}/g), (match) => Number(match[1]))

const withinLength = (max: number) => (text: string | undefined) => text === undefined || text.length <= max

const decodeE164 = Schema.decodeUnknownEither(FromE164)
const isE164 = (value: string): boolean => Either.isRight(decodeE164(value))

type Issue = { readonly path: ReadonlyArray<PropertyKey>; readonly message: string }

const checkBody = (body: typeof Body.Type, at: number): Array<Issue> => {
  const issues: Array<Issue> = []
  if (body.text.trim().length === 0) issues.push({ path: ["components", at, "text"], message: "must not be empty" })
  if (!withinLength(1024)(body.text)) {
    issues.push({ path: ["components", at, "text"], message: "must be at most 1024 characters" })
  }
  const used = [...new Set(parametersOf(body.text))].sort((a, b) => a - b)
  if (used.some((n, index) => n !== index + 1)) {
    issues.push({
      path: ["components", at, "text"],
      message: "parameters must be numbered {{1}}, {{2}} … without gaps"
    })
  }
  if (used.length > 0 && (body.examples === undefined || body.examples.length === 0)) {
    issues.push({
      path: ["components", at, "examples"],
      message: `must give example values for the ${used.length} parameter(s)`
    })
  }
  body.examples?.forEach((row, rowIndex) => {
    if (row.length !== used.length) {
      issues.push({
        path: ["components", at, "examples", rowIndex],
        message: `must give exactly ${used.length} value(s), one per parameter`
      })
    }
  })
  return issues
}

const checkButtons = (buttons: ReadonlyArray<Button>, at: number): Array<Issue> => {
  const issues: Array<Issue> = []
  if (buttons.length === 0 || buttons.length > 10) {
    issues.push({ path: ["components", at, "buttons"], message: "must have 1 to 10 buttons" })
  }
  buttons.forEach((button, index) => {
    const path = ["components", at, "buttons", index]
    if (button.text.length === 0 || button.text.length > 25) {
      issues.push({ path: [...path, "text"], message: "must be 1 to 25 characters" })
    }
    if (button._tag === "URL" && !Schema.is(HttpUrl)(button.url)) {
      issues.push({ path: [...path, "url"], message: "must be an absolute URL with an http or https scheme" })
    }
    if (button._tag === "PHONE_NUMBER" && !isE164(button.phoneNumber)) {
      issues.push({ path: [...path, "phoneNumber"], message: "must be E.164, e.g. +447700900000" })
    }
  })
  return issues
}

/**
 * Every documented rule a set of components breaks (empty when they are valid).
 *
 * @since 0.1.0
 * @category validation
 */
export const componentIssues = (components: ReadonlyArray<Component>): ReadonlyArray<Issue> => {
  const issues: Array<Issue> = []
  const counts = new Map<string, number>()
  components.forEach((component, at) => {
    counts.set(component._tag, (counts.get(component._tag) ?? 0) + 1)
    switch (component._tag) {
      case "BODY":
        issues.push(...checkBody(component, at))
        break
      case "HEADER":
        if (component.format === "TEXT" && (component.text === undefined || component.text.length === 0)) {
          issues.push({ path: ["components", at, "text"], message: "a TEXT header needs text" })
        }
        if (!withinLength(60)(component.text)) {
          issues.push({ path: ["components", at, "text"], message: "must be at most 60 characters" })
        }
        if (component.format !== "TEXT" && component.text !== undefined) {
          issues.push({ path: ["components", at, "text"], message: `a ${component.format} header has no text` })
        }
        break
      case "FOOTER":
        if (component.text.length === 0 || component.text.length > 60) {
          issues.push({ path: ["components", at, "text"], message: "must be 1 to 60 characters" })
        }
        break
      case "BUTTONS":
        issues.push(...checkButtons(component.buttons, at))
        break
    }
  })
  if ((counts.get("BODY") ?? 0) !== 1) issues.push({ path: ["components"], message: "must have exactly one BODY" })
  for (const tag of ["HEADER", "FOOTER", "BUTTONS"]) {
    if ((counts.get(tag) ?? 0) > 1) issues.push({ path: ["components"], message: `must have at most one ${tag}` })
  }
  return issues
}

/**
 * The arbitrary a schema's own annotation gives, read from its AST: `effect/Arbitrary` (and with
 * it fast-check) is never loaded by a program that only validates templates.
 */
const annotated = <A, I>(schema: Schema.Schema<A, I>, fc: typeof FastCheck): FastCheck.Arbitrary<A> => {
  const annotation = SchemaAST.getAnnotation<Arbitrary.ArbitraryAnnotation<A>>(
    schema.ast,
    SchemaAST.ArbitraryAnnotationId
  )
  if (Option.isNone(annotation)) throw new Error(`${String(schema.ast)} has no arbitrary annotation`)
  return annotation.value({ maxDepth: 2 })(fc)
}

const validComponentsArbitrary = (fc: typeof FastCheck): FastCheck.Arbitrary<ReadonlyArray<Component>> => {
  const plain = (minLength: number, maxLength: number) =>
    fc
      .string({ minLength, maxLength })
      .filter((text) => text.trim().length > 0 && !text.includes("{") && !text.includes("}"))
  const header = fc.oneof(
    plain(1, 60).map((text): Component => ({ _tag: "HEADER", format: "TEXT", text })),
    fc
      .tuple(
        fc.constantFrom<"IMAGE" | "VIDEO" | "DOCUMENT">("IMAGE", "VIDEO", "DOCUMENT"),
        fc.option(annotated(HttpUrl, fc), { nil: undefined })
      )
      .map(([format, example]): Component =>
        example === undefined ? { _tag: "HEADER", format } : { _tag: "HEADER", format, example }
      ),
    fc.constant<Component>({ _tag: "HEADER", format: "LOCATION" })
  )
  const body = fc.integer({ min: 0, max: 4 }).chain((count) =>
    fc
      .tuple(
        fc.array(plain(1, 40), { minLength: count + 1, maxLength: count + 1 }),
        fc.array(fc.array(plain(1, 20), { minLength: count, maxLength: count }), {
          minLength: count === 0 ? 0 : 1,
          maxLength: 2
        })
      )
      .map(([chunks, examples]): Component => {
        const text = chunks.map((chunk, index) => (index === 0 ? chunk : `{{${index}}}${chunk}`)).join("")
        return examples.length === 0 ? { _tag: "BODY", text } : { _tag: "BODY", text, examples }
      })
  )
  const footer = plain(1, 60).map((text): Component => ({ _tag: "FOOTER", text }))
  const phoneNumber = annotated(FromE164, fc).map((number) => number.e164)
  const button = fc.oneof(
    plain(1, 25).map((text): Button => ({ _tag: "QUICK_REPLY", text })),
    fc.tuple(plain(1, 25), annotated(HttpUrl, fc)).map(([text, url]): Button => ({ _tag: "URL", text, url })),
    fc
      .tuple(plain(1, 25), phoneNumber)
      .map(([text, phoneNumber]): Button => ({ _tag: "PHONE_NUMBER", text, phoneNumber }))
  )
  const buttons = fc
    .array(button, { minLength: 1, maxLength: 10 })
    .map((buttons): Component => ({ _tag: "BUTTONS", buttons }))
  const optional = (arbitrary: FastCheck.Arbitrary<Component>) => fc.option(arbitrary, { nil: undefined })
  return fc
    .tuple(optional(header), body, optional(footer), optional(buttons))
    .map((parts) => parts.filter((part): part is Component => part !== undefined))
}

/**
 * Components that satisfy every documented rule: exactly one BODY, at most one HEADER, FOOTER
 * and BUTTONS; body parameters numbered without gaps, with matching examples; length limits.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ValidComponents = Schema.Array(Component).pipe(
  Schema.filter(
    (components) => {
      const issues = componentIssues(components).map((issue) => ({ ...issue, path: issue.path.slice(1) }))
      return issues.length === 0 ? true : issues.map((issue) => ({ path: issue.path, message: issue.message }))
    },
    { identifier: "ValidComponents", arbitrary: () => validComponentsArbitrary }
  )
)

/**
 * A new template (or language version) to create.
 *
 * @since 0.1.0
 * @category models
 */
export class TemplateDraft extends Schema.Class<TemplateDraft>("@wa-admin/core/TemplateDraft")({
  name: TemplateName,
  language: LanguageCode,
  category: TemplateCategory,
  components: ValidComponents
}) {}

/**
 * A template language version as a provider reports it.
 *
 * @since 0.1.0
 * @category models
 */
export class Template extends Schema.Class<Template>("@wa-admin/core/Template")({
  id: Schema.optional(Schema.String),
  name: Schema.String,
  language: Schema.String,
  category: Schema.String,
  status: Schema.String,
  qualityScore: Schema.optional(Schema.String),
  rejectedReason: Schema.optional(Schema.String),
  components: Schema.Array(Component)
}) {}

/**
 * Filters for listing templates. Every filter is optional; lists match any of their values.
 *
 * @since 0.1.0
 * @category models
 */
export class TemplateFilter extends Schema.Class<TemplateFilter>("@wa-admin/core/TemplateFilter")({
  status: Schema.optional(Schema.Array(Schema.String)),
  category: Schema.optional(Schema.Array(Schema.String)),
  language: Schema.optional(Schema.Array(LanguageCode)),
  qualityScore: Schema.optional(Schema.Array(Schema.Literal("GREEN", "YELLOW", "RED", "UNKNOWN"))),
  name: Schema.optional(Schema.String),
  content: Schema.optional(Schema.String)
}) {}

const encodeComponents = Schema.encodeSync(Schema.Array(Component))

/**
 * The components as compared: a media header (IMAGE, VIDEO, DOCUMENT) without its example, the
 * sample file each provider keeps in its own form.
 */
const comparable = (components: ReadonlyArray<Component>): string =>
  JSON.stringify(
    encodeComponents(components).map((component) =>
      component._tag === "HEADER" && component.format !== "TEXT" && component.format !== "LOCATION"
        ? { _tag: component._tag, format: component.format, text: component.text }
        : component
    )
  )

/**
 * Whether two templates say the same thing (name, language, category, components): the test
 * migrations use to skip templates that are identical already, and to reconcile an item by
 * reading its target back. A media header's example (IMAGE, VIDEO, DOCUMENT) is left aside: it
 * is the sample file the template was reviewed with, which each provider keeps in its own form —
 * a URL of the file, the handle of an upload, its own copy's URL — so the same template reads
 * back with another example once carried to another provider (see `TemplateAssets`).
 *
 * @since 0.1.0
 * @category predicates
 */
export const sameContent = (
  a: Pick<Template, "name" | "language" | "category" | "components">,
  b: Pick<Template, "name" | "language" | "category" | "components">
): boolean =>
  a.name === b.name &&
  a.language === b.language &&
  a.category === b.category &&
  comparable(a.components) === comparable(b.components)

const textsOf = (component: Component): ReadonlyArray<string> => {
  switch (component._tag) {
    case "HEADER":
      return component.text === undefined ? [] : [component.text]
    case "BODY":
    case "FOOTER":
      return [component.text]
    case "BUTTONS":
      return component.buttons.map((button) => button.text)
  }
}

const contains = (text: string, search: string) => text.toLowerCase().includes(search.toLowerCase())

const anyOf = (values: ReadonlyArray<string> | undefined, value: string) =>
  values === undefined || values.length === 0 || values.includes(value)

/**
 * Whether a template matches a filter, as the port defines it: lists match any of their values,
 * `name` and `content` are case-insensitive searches (in the name; in the text of any
 * component), and a template without a quality score has `UNKNOWN`. Adapters apply it to what
 * their provider cannot filter itself.
 *
 * @since 0.2.0
 * @category predicates
 */
export const matches =
  (filter: TemplateFilter | undefined) =>
  (template: Pick<Template, "name" | "language" | "category" | "status" | "qualityScore" | "components">): boolean =>
    filter === undefined ||
    (anyOf(filter.status, template.status) &&
      anyOf(filter.category, template.category) &&
      anyOf(filter.language, template.language) &&
      anyOf(filter.qualityScore, template.qualityScore ?? "UNKNOWN") &&
      (filter.name === undefined || contains(template.name, filter.name)) &&
      (filter.content === undefined ||
        template.components.some((component) =>
          textsOf(component).some((text) => contains(text, filter.content ?? ""))
        )))
