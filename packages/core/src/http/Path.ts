/**
 * Building request paths from user- and provider-supplied ids, so that an id can only ever name
 * the one resource it was meant for.
 *
 * A path is an OpenAPI-style template (`/deployments/{deploymentId}/profile`); each `{name}` is
 * replaced by its value percent-encoded as one segment. A value that could reach another
 * resource once URL normalisation has run is refused before anything is sent: an empty value
 * (`/deployments//profile` → the collection), `.` and `..` (dot segments, resolved by every URL
 * parser), control characters, text that is not valid Unicode, and values longer than
 * {@link maxSegmentLength}. `/`, `?`, `#`, `%` and `&` are not refused here: they are encoded
 * (`%2F`, `%3F` …), so they stay inside their segment; each adapter's id schemas refuse what its
 * provider's ids cannot contain.
 *
 * @example
 * import { Path } from "@wa-admin/core"
 *
 * Path.expand("/deployments/{id}/profile", { id: "aaaa-bbbb" }) // Right("/deployments/aaaa-bbbb/profile")
 * Path.expand("/deployments/{id}", { id: ".." })                 // Left([{ field: "id", rule: … }])
 *
 * @since 0.1.0
 */
import { Effect, Either } from "effect"
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

// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/

const isWellFormed = (value: string): boolean => {
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
 * Why a value cannot be one path segment, or `undefined` when it can.
 *
 * @since 0.1.0
 * @category validation
 */
export const segmentRule = (value: string): string | undefined => {
  if (value.length === 0) return "must not be empty (it would address the collection, not one resource)"
  if (value === "." || value === "..") return `must not be "${value}" (a dot segment addresses another resource)`
  if (value.length > maxSegmentLength) return `must be at most ${maxSegmentLength} characters`
  if (controlCharacter.test(value)) return "must not contain control characters (CR, LF, NUL, tab …)"
  if (!isWellFormed(value)) return "must be valid Unicode text (it has a lone surrogate)"
  return undefined
}

/**
 * One value as a path segment: checked by {@link segmentRule}, then percent-encoded.
 *
 * @since 0.1.0
 * @category constructors
 */
export const segment = (field: string, value: string): Either.Either<string, Issue> => {
  const rule = segmentRule(value)
  return rule === undefined ? Either.right(encodeURIComponent(value)) : Either.left({ field, rule })
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
 * Fills a path template, each `{name}` from `values[name]` as one encoded segment. Every broken
 * value is reported, named by its placeholder (name placeholders after the input fields they come
 * from). A placeholder without a value is a programming error and is reported the same way.
 *
 * @since 0.1.0
 * @category constructors
 */
export const expand = (
  template: string,
  values: Readonly<Record<string, string | undefined>>
): Either.Either<string, NonEmptyReadonlyArray<Issue>> => {
  const issues: Array<Issue> = []
  const path = template.replace(placeholder, (_, name: string) => {
    const value = values[name]
    if (value === undefined) {
      issues.push({ field: name, rule: "must be given" })
      return ""
    }
    return Either.match(segment(name, value), {
      onLeft: (issue) => {
        issues.push(issue)
        return ""
      },
      onRight: (encoded) => encoded
    })
  })
  const [first, ...rest] = issues
  return first === undefined ? Either.right(path) : Either.left([first, ...rest])
}

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
  values: Readonly<Record<string, string | undefined>>
): Effect.Effect<string, InvalidInput> =>
  Either.match(expand(template, values), {
    onLeft: (issues) => Effect.fail(invalidInput(origin, issues)),
    onRight: Effect.succeed
  })
