/**
 * Turning schema failures on user input into `InvalidInput` with one issue per field and rule.
 *
 * @since 0.1.0
 */
import { Effect, ParseResult, Schema } from "effect"
import type { NonEmptyReadonlyArray } from "effect/Array"
import { FieldIssue, InvalidInput } from "./AdminError.js"

/**
 * Where a validation runs: the provider and the operation it guards.
 *
 * @since 0.1.0
 * @category models
 */
export interface Origin {
  readonly provider: string
  readonly operation: string
}

const fieldOf = (path: ReadonlyArray<PropertyKey>): string =>
  path.length === 0 ? "(input)" : path.map((key) => String(key)).join(".")

const taggedMismatch = /^Expected ("[^"]*"(?: \| "[^"]*")+), actual (.*)$/
const literalMismatch = /^Expected (".*"|-?\d[\d.]*|true|false|null), actual (.*)$/

/**
 * A value outside a set of literals reports one issue per literal ("Expected "sms", actual
 * "fax""; "Expected "voice", actual "fax""): fold them into one `must be one of: …` per field.
 */
const collapseChoices = (
  issues: ReadonlyArray<{ readonly field: string; readonly rule: string }>
): ReadonlyArray<{ readonly field: string; readonly rule: string }> => {
  const choices = new Map<string, { readonly allowed: Array<string>; readonly actual: string }>()
  for (const issue of issues) {
    const match = literalMismatch.exec(issue.rule)
    if (match === null) continue
    const [, expected = "", actual = ""] = match
    const entry = choices.get(issue.field) ?? { allowed: [], actual }
    entry.allowed.push(expected)
    choices.set(issue.field, entry)
  }
  const collapsed: Array<{ readonly field: string; readonly rule: string }> = []
  const emitted = new Set<string>()
  for (const issue of issues) {
    const choice = choices.get(issue.field)
    const tagged = taggedMismatch.exec(issue.rule)
    if (tagged !== null) {
      const [, expected = "", actual = ""] = tagged
      collapsed.push({
        field: issue.field,
        rule: `must be one of: ${expected.split(" | ").join(", ")} (got ${actual})`
      })
    } else if (choice === undefined || choice.allowed.length < 2 || !literalMismatch.test(issue.rule)) {
      collapsed.push(issue)
    } else if (!emitted.has(issue.field)) {
      emitted.add(issue.field)
      collapsed.push({
        field: issue.field,
        rule: `must be one of: ${choice.allowed.join(", ")} (got ${choice.actual})`
      })
    }
  }
  return collapsed
}

/**
 * The field issues of a parse error, one per violated rule. An optional field's value that
 * breaks a rule reports that rule only, not also that it is "not undefined".
 *
 * @since 0.1.0
 * @category conversions
 */
export const issuesOf = (error: ParseResult.ParseError): NonEmptyReadonlyArray<FieldIssue> => {
  const formatted = ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => ({
    field: fieldOf(issue.path),
    rule: issue.message,
    undefinedAlternative: issue._tag === "Type" && issue.message.startsWith("Expected undefined, actual ")
  }))
  const explaining = formatted.filter((issue) => !issue.undefinedAlternative).map((issue) => issue.field)
  const explained = (field: string) =>
    explaining.some((other) => field === "(input)" || other === field || other.startsWith(`${field}.`))
  const seen = new Set<string>()
  const unique = formatted
    .filter((issue) => !(issue.undefinedAlternative && explained(issue.field)))
    .filter((issue) => {
      const key = `${issue.field}\u0000${issue.rule}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
  const issues = collapseChoices(unique).map((issue) => new FieldIssue({ field: issue.field, rule: issue.rule }))
  const [first, ...rest] = issues
  return first === undefined ? [new FieldIssue({ field: "(input)", rule: error.message })] : [first, ...rest]
}

/**
 * An `InvalidInput` raised before anything was sent.
 *
 * @since 0.1.0
 * @category constructors
 */
export const invalidInput = (
  origin: Origin,
  issues: NonEmptyReadonlyArray<{ readonly field: string; readonly rule: string }>
): InvalidInput =>
  new InvalidInput({
    provider: origin.provider,
    operation: origin.operation,
    source: "local",
    issues: [new FieldIssue(issues[0]), ...issues.slice(1).map((issue) => new FieldIssue(issue))]
  })

/**
 * Validates user input against a schema, collecting every violated rule (not just the first).
 *
 * @since 0.1.0
 * @category validation
 */
export const validate = <A, I>(schema: Schema.Schema<A, I, never>, origin: Origin) => {
  const decode = Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "ignore" })
  return (input: unknown): Effect.Effect<A, InvalidInput> => {
    const decoded = decode(input)
    return decoded._tag === "Right"
      ? Effect.succeed(decoded.right)
      : Effect.fail(invalidInput(origin, issuesOf(decoded.left)))
  }
}

/**
 * Checks an already-typed value against a schema's rules (for example a provider's stricter
 * limits), without transforming it.
 *
 * @since 0.1.0
 * @category validation
 */
export const check = <A, I>(schema: Schema.Schema<A, I, never>, origin: Origin) => {
  const validateSync = Schema.validate(schema, { errors: "all", onExcessProperty: "ignore" })
  return (value: A): Effect.Effect<A, InvalidInput> =>
    Effect.mapError(validateSync(value), (error) => invalidInput(origin, issuesOf(error)))
}
