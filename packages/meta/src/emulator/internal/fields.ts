/**
 * The Graph API's `fields` parameter: a comma-separated list of field names, each with optional
 * modifiers (`qr_image_url.format(SVG)`, `preview.invalidate(false)`). A field the object does
 * not have is refused (400, code 100) with the fields it has.
 *
 * @internal
 */
import { Effect } from "effect"
import type { GraphError } from "./graph.js"
import { invalidParameter } from "./graph.js"

/** One requested field. */
export interface Field {
  readonly name: string
  /** Modifier name → its argument. */
  readonly modifiers: ReadonlyMap<string, string>
}

const fieldPattern = /^([a-z_]+)((?:\.[a-z_]+\([^()]*\))*)$/
const modifierPattern = /\.([a-z_]+)\(([^()]*)\)/g

/**
 * The fields a call asks for: `defaults` when it names none; otherwise each must be one of
 * `available`.
 */
export const requestedFields = (
  query: Readonly<Record<string, string>>,
  available: ReadonlyArray<string>,
  defaults: ReadonlyArray<string>
): Effect.Effect<ReadonlyArray<Field>, GraphError> => {
  const text = query["fields"]
  if (text === undefined || text.trim() === "") {
    return Effect.succeed(defaults.map((name) => ({ name, modifiers: new Map() })))
  }
  const fields: Array<Field> = []
  for (const raw of text.split(",")) {
    const item = raw.trim()
    const match = fieldPattern.exec(item)
    const name = match?.[1]
    if (match === null || name === undefined || !available.includes(name)) {
      return Effect.fail(
        invalidParameter(`Invalid field requested: ${item}. Available fields: ${available.join(", ")}`)
      )
    }
    const modifiers = new Map<string, string>()
    for (const modifier of (match[2] ?? "").matchAll(modifierPattern)) {
      modifiers.set(modifier[1] ?? "", modifier[2] ?? "")
    }
    if (!fields.some((field) => field.name === name)) fields.push({ name, modifiers })
  }
  return Effect.succeed(fields)
}

/** Whether a field is asked for. */
export const asks = (fields: ReadonlyArray<Field>, name: string): boolean => fields.some((field) => field.name === name)

/**
 * The object with only the fields asked for (and `always`), in the order asked: each field's
 * value comes from `values`; a field without a value is left out.
 */
export const pick = (
  fields: ReadonlyArray<Field>,
  values: Readonly<Record<string, unknown>>,
  always: ReadonlyArray<string> = []
): Record<string, unknown> => {
  const picked: Record<string, unknown> = {}
  for (const name of [...always, ...fields.map((field) => field.name)]) {
    const value = values[name]
    if (value !== undefined && !(name in picked)) picked[name] = value
  }
  return picked
}
