/**
 * Reading and checking request fields. Every rule broken is a 400 naming the field.
 *
 * @internal
 */
import { Effect, Option } from "effect"
import { type Failure, invalid } from "./http.js"

/** A JSON object. */
export type Fields = Readonly<Record<string, unknown>>

/** Is this a plain JSON object (not an array, not null)? */
export const isFields = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** The request body as a JSON object. */
export const bodyFields = (body: unknown): Effect.Effect<Fields, Failure> =>
  isFields(body) ? Effect.succeed(body) : Effect.fail(invalid("the request body must be a JSON object"))

/** A required, non-empty string field. */
export const requiredString = (
  fields: Fields,
  field: string,
  label: string = field
): Effect.Effect<string, Failure> => {
  const value = fields[field]
  if (value === undefined || value === null || value === "") return Effect.fail(invalid(`${label} is required`))
  return typeof value === "string" ? Effect.succeed(value) : Effect.fail(invalid(`${label} must be a string`))
}

/** An optional string field. */
export const optionalString = (
  fields: Fields,
  field: string,
  label: string = field
): Effect.Effect<Option.Option<string>, Failure> => {
  const value = fields[field]
  if (value === undefined || value === null) return Effect.succeed(Option.none())
  return typeof value === "string"
    ? Effect.succeed(Option.some(value))
    : Effect.fail(invalid(`${label} must be a string`))
}

/** A query parameter holding an integer within bounds. */
export const queryInteger = (
  query: Readonly<Record<string, string>>,
  field: string,
  bounds: { readonly min: number; readonly max?: number }
): Effect.Effect<Option.Option<number>, Failure> => {
  const raw = query[field]
  if (raw === undefined || raw === "") return Effect.succeed(Option.none())
  const value = Number(raw)
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value)) {
    return Effect.fail(invalid(`${field} must be an integer`))
  }
  if (value < bounds.min) return Effect.fail(invalid(`${field} must be at least ${bounds.min}`))
  if (bounds.max !== undefined && value > bounds.max) {
    return Effect.fail(invalid(`${field} must be at most ${bounds.max}`))
  }
  return Effect.succeed(Option.some(value))
}

/** A required integer query parameter. */
export const requiredQueryInteger = (
  query: Readonly<Record<string, string>>,
  field: string,
  bounds: { readonly min: number; readonly max?: number }
): Effect.Effect<number, Failure> =>
  Effect.flatMap(
    queryInteger(query, field, bounds),
    Option.match({
      onNone: () => Effect.fail(invalid(`${field} is required`)),
      onSome: Effect.succeed
    })
  )

/**
 * A query parameter holding a JSON-encoded array of strings (`status=["APPROVED"]`), optionally
 * restricted to known values.
 */
export const queryJsonArray = (
  query: Readonly<Record<string, string>>,
  field: string,
  allowed?: ReadonlyArray<string>
): Effect.Effect<Option.Option<ReadonlyArray<string>>, Failure> => {
  const raw = query[field]
  if (raw === undefined || raw === "") return Effect.succeed(Option.none())
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return Effect.fail(invalid(`${field} must be a JSON array, e.g. ${field}=["${allowed?.[0] ?? "value"}"]`))
  }
  if (!Array.isArray(parsed) || parsed.some((item) => typeof item !== "string")) {
    return Effect.fail(
      invalid(`${field} must be a JSON array of strings, e.g. ${field}=["${allowed?.[0] ?? "value"}"]`)
    )
  }
  const values = parsed as ReadonlyArray<string>
  if (allowed !== undefined) {
    const unknown = values.find((value) => !allowed.includes(value))
    if (unknown !== undefined) {
      return Effect.fail(invalid(`${field} contains "${unknown}"; expected any of ${allowed.join(", ")}`))
    }
  }
  return Effect.succeed(Option.some(values))
}

/** An absolute http(s) URL (https only when `secure`). */
export const isHttpUrl = (value: string, secure = false): boolean => {
  try {
    const url = new URL(value)
    return secure ? url.protocol === "https:" : url.protocol === "http:" || url.protocol === "https:"
  } catch {
    return false
  }
}
