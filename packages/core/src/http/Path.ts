/**
 * Building request paths from user- and provider-supplied ids, so that an id can only ever name
 * the one resource it was meant for.
 *
 * A path is an OpenAPI-style template (`/deployments/{deploymentId}/profile`); each `{name}` is
 * replaced by its value percent-encoded as one segment. A value that could reach another
 * resource once URL normalisation has run is refused before anything is sent: an empty value
 * (`/deployments//profile` → the collection), `.` and `..` (dot segments, resolved by every URL
 * parser; also their Unicode look-alikes that NFKC normalisation turns into them), control
 * characters, text that is not valid Unicode, and values longer than
 * {@link maxSegmentLength}. `/`, `?`, `#`, `%` and `&` are not refused here: they are encoded
 * (`%2F`, `%3F` …), so they stay inside their segment; each adapter's id schemas refuse what its
 * provider's ids cannot contain. An adapter may also give the format its provider documents for
 * each placeholder (`{ deploymentId: Id.Uuid }`): a value outside it is refused the same way,
 * named by its placeholder, so the path and the rule for what goes in it are stated together.
 *
 * @example
 * import { Id, Path } from "@wa-admin/core"
 *
 * Path.expand("/deployments/{id}/profile", { id: "aaaa-bbbb" }) // Right("/deployments/aaaa-bbbb/profile")
 * Path.expand("/deployments/{id}", { id: ".." })                 // Left([{ field: "id", rule: … }])
 * Path.expand("/deployments/{id}", { id: "x" }, { id: Id.Uuid })   // Left([{ field: "id", rule: "must be a UUID …" }])
 *
 * @since 0.1.0
 */
import { Effect, Either, Option, ParseResult, Schema, SchemaAST } from "effect"
import type { NonEmptyReadonlyArray } from "effect/Array"
import type { InvalidInput } from "../AdminError.js"
import { invalidInput } from "../Validation.js"
import type { Origin } from "../Validation.js"

/**
 * The longest value one segment may carry (in UTF-16 code units, before encoding).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxSegmentLength = 512

/**
 * A rule a segment value broke.
 *
 * @since 0.1.0
 * @category models
 */
export interface Issue {
  readonly field: string
  readonly rule: string
}

const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/

/**
 * Whether a text is well-formed UTF-16 (no lone surrogate), so that it can be percent-encoded.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isWellFormed = (value: string): boolean => {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(index + 1)
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false
      index++
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return false
    }
  }
  return true
}

/**
 * Whether a value is a dot segment (`.` or `..`), as given or once Unicode-normalised (NFKC), as
 * a server that normalises would read it (`．．`, `‥` → `..`).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isDotSegment = (value: string): boolean => {
  // ASCII text is its own NFKC form: only other text can normalise into dots.
  if (ascii.test(value)) return value === "." || value === ".."
  const normalised = value.normalize("NFKC")
  return value === "." || value === ".." || normalised === "." || normalised === ".."
}

/**
 * Why a value cannot be one path segment, or `undefined` when it can.
 *
 * @since 0.1.0
 * @category validation
 */
export const segmentRule = (value: string): string | undefined => {
  if (value.length === 0) return "must not be empty (it would address the collection, not one resource)"
  if (value.length > maxSegmentLength) return `must be at most ${maxSegmentLength} characters`
  if (controlCharacter.test(value)) return "must not contain control characters (CR, LF, NUL, tab …)"
  if (!isWellFormed(value)) return "must be valid Unicode text (it has a lone surrogate)"
  if (isDotSegment(value)) return `must not be "${value}" (a dot segment addresses another resource)`
  return undefined
}

/**
 * One value as a path segment: checked by {@link segmentRule} (and against `format`, when given),
 * then percent-encoded.
 *
 * @since 0.1.0
 * @category constructors
 */
export const segment = (
  field: string,
  value: string,
  format?: Schema.Schema<string, string, never>
): Either.Either<string, Issue> => {
  const rule = segmentRule(value) ?? (format === undefined ? undefined : formatRuleOf(format)(value))
  return rule === undefined ? Either.right(encodeURIComponent(value)) : Either.left({ field, rule })
}

const ascii = /^[\x00-\x7f]*$/

/**
 * A format that is a string narrowed by filters (every id format), as a predicate running the
 * filters alone, innermost first as the parser does: no parse result is built for a value that
 * passes. `undefined` for any other schema.
 */
const filtersOf = (format: Schema.Schema<string, string, never>): ((value: string) => boolean) | undefined => {
  const refinements: Array<SchemaAST.Refinement> = []
  let ast = format.ast
  while (SchemaAST.isRefinement(ast)) {
    refinements.unshift(ast)
    ast = ast.from
  }
  if (!SchemaAST.isStringKeyword(ast)) return undefined
  return (value) =>
    refinements.every((refinement) => Option.isNone(refinement.filter(value, SchemaAST.defaultParseOption, refinement)))
}

/**
 * Why a value is outside a format, or `undefined`: the filters first, the parser for the message
 * of a value they refuse. Made once per format.
 */
type FormatRule = (value: string) => string | undefined

const formatRules = new WeakMap<Schema.Schema<string, string, never>, FormatRule>()
const formatRuleOf = (format: Schema.Schema<string, string, never>): FormatRule => {
  const known = formatRules.get(format)
  if (known !== undefined) return known
  const passes = filtersOf(format)
  const validate = Schema.validateEither(format)
  const made: FormatRule = (value) =>
    passes !== undefined && passes(value) ? undefined : Either.match(validate(value), {
      onLeft: (error) => ParseResult.ArrayFormatter.formatErrorSync(error)[0]?.message ?? error.message,
      onRight: () => undefined
    })
  formatRules.set(format, made)
  return made
}

const placeholder = /\{([A-Za-z_][A-Za-z0-9_.]*)\}/g

/**
 * The names of a template's placeholders, in order (`"/a/{x}/b/{y}"` → `["x", "y"]`).
 *
 * @since 0.1.0
 * @category utils
 */
export const placeholders = (template: string): ReadonlyArray<string> =>
  Array.from(template.matchAll(placeholder), (match) => match[1] ?? "")

/**
 * What the value of each placeholder must be beyond the rules of a segment, by placeholder name:
 * the id formats a provider's document states.
 *
 * @since 0.1.0
 * @category models
 */
export type Formats = Readonly<Record<string, Schema.Schema<string, string, never>>>

/**
 * A path template read once: its literal parts and its placeholders, with the format each
 * placeholder must match. Filling it does what {@link expand} does, without reading the template
 * again: an adapter compiles each endpoint's path when it builds its client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const compile = (
  template: string,
  formats: Formats = {}
): (values: Readonly<Record<string, string | undefined>>) => Either.Either<string, NonEmptyReadonlyArray<Issue>> => {
  const literals: Array<string> = []
  const names: Array<string> = []
  let end = 0
  for (const match of template.matchAll(placeholder)) {
    literals.push(template.slice(end, match.index))
    names.push(match[1] ?? "")
    end = match.index + match[0].length
  }
  const tail = template.slice(end)
  const checks = names.map((name) => {
    const format = formats[name]
    return format === undefined ? undefined : formatRuleOf(format)
  })
  return (values) => {
    let path = ""
    let issues: Array<Issue> | undefined
    for (let index = 0; index < names.length; index++) {
      const name = names[index] ?? ""
      const value = values[name]
      path += literals[index] ?? ""
      const check = checks[index]
      const rule = value === undefined
        ? "must be given"
        : segmentRule(value) ?? check?.(value)
      if (rule === undefined && value !== undefined) path += encodeURIComponent(value)
      else (issues ??= []).push({ field: name, rule: rule ?? "must be given" })
    }
    const [first, ...rest] = issues ?? []
    return first === undefined ? Either.right(path + tail) : Either.left([first, ...rest])
  }
}

/**
 * Fills a path template, each `{name}` from `values[name]` as one encoded segment. Every broken
 * value is reported, named by its placeholder (name placeholders after the input fields they come
 * from): one that cannot be a segment ({@link segmentRule}), or one outside `formats[name]` when
 * given. A placeholder without a value is a programming error and is reported the same way.
 *
 * @since 0.1.0
 * @category constructors
 */
export const expand = (
  template: string,
  values: Readonly<Record<string, string | undefined>>,
  formats: Formats = {}
): Either.Either<string, NonEmptyReadonlyArray<Issue>> => compile(template, formats)(values)

/**
 * {@link expand} as an effect that fails with a local `InvalidInput` naming every broken value:
 * the request is never built, so nothing is sent.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  origin: Origin,
  template: string,
  values: Readonly<Record<string, string | undefined>>,
  formats: Formats = {}
): Effect.Effect<string, InvalidInput> =>
  Either.match(expand(template, values, formats), {
    onLeft: (issues) => Effect.fail(invalidInput(origin, issues)),
    onRight: Effect.succeed
  })
