/**
 * Reading a request's parameters the way the document sends them — a JSON body, a
 * `multipart/form-data` body, a form-urlencoded body or the query — and checking each one,
 * answering a broken one with 400, code 100, naming the parameter and the rule.
 *
 * @internal
 */
import type { EmulatorHost } from "@wa-admin/core/testing"
import { Effect } from "effect"
import type { Call, GraphError } from "./graph.js"
import { invalidParameter } from "./graph.js"

/** A JSON object body. */
export type JsonObject = Readonly<Record<string, unknown>>

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * The JSON object body of a call (none is `{}`); a body not sent as JSON, JSON that does not
 * parse (the document's "Invalid JSON in request body") or a JSON value that is not an object
 * is refused. With `allowed`, a parameter the operation does not have is refused as well.
 */
export const jsonBody = (call: Call, allowed?: ReadonlyArray<string>): Effect.Effect<JsonObject, GraphError> => {
  switch (call.content._tag) {
    case "Empty":
      return Effect.succeed({})
    case "NotJson":
      return Effect.fail(invalidParameter("The request body must be JSON, sent with Content-Type: application/json"))
    case "Malformed":
      return Effect.fail(invalidParameter("Invalid JSON in request body"))
    case "Json": {
      const value = call.content.value
      if (!isObject(value)) return Effect.fail(invalidParameter("The request body must be a JSON object"))
      if (allowed !== undefined) {
        const unexpected = Object.keys(value).find((key) => !allowed.includes(key))
        if (unexpected !== undefined) {
          return Effect.fail(
            invalidParameter(
              `(#100) Param ${unexpected} is not a parameter of this operation; it takes ${allowed.join(", ")}`
            )
          )
        }
      }
      return Effect.succeed(value)
    }
  }
}

/** The parts of a `multipart/form-data` body by name (the first of a name wins). */
export type Form = ReadonlyMap<string, EmulatorHost.RecordedPart>

/** The multipart form of a call; a body sent otherwise is refused. */
export const multipartBody = (call: Call): Effect.Effect<Form, GraphError> => {
  if (call.multipart === undefined) {
    return Effect.fail(invalidParameter("The request body must be multipart/form-data"))
  }
  const form = new Map<string, EmulatorHost.RecordedPart>()
  for (const part of call.multipart) if (!form.has(part.name)) form.set(part.name, part)
  return Effect.succeed(form)
}

/**
 * The bytes of a file part of a multipart form. The emulator host reads a part sent as
 * `application/json` as a field even when it is a file, so its text is the file.
 */
export const formFile = (form: Form, name: string): Uint8Array | undefined => {
  const part = form.get(name)
  if (part?.bytes !== undefined) return part.bytes
  return part?.value !== undefined && /json/i.test(part.contentType ?? "")
    ? new TextEncoder().encode(part.value)
    : undefined
}

/** A text field of a multipart form (a file part is not a text field). */
export const formText = (form: Form, name: string): string | undefined => form.get(name)?.value

/**
 * The parameters of a form-urlencoded body; a call without a body gives its query instead (the
 * Graph API reads parameters from either).
 */
export const formBody = (call: Call): Effect.Effect<URLSearchParams, GraphError> => {
  if (call.content._tag === "Empty") return Effect.succeed(new URLSearchParams(call.query))
  const type = call.headers["content-type"] ?? ""
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return Effect.fail(invalidParameter("The request body must be application/x-www-form-urlencoded"))
  }
  return Effect.succeed(new URLSearchParams(call.bodyText))
}

/** Rules for a text parameter. */
export interface TextRule {
  readonly minLength?: number
  readonly maxLength?: number
  readonly pattern?: RegExp
  /** What the pattern means, for the message. */
  readonly patternText?: string
  readonly values?: ReadonlyArray<string>
}

const textProblem = (name: string, value: string, rule: TextRule): string | undefined => {
  if (rule.minLength !== undefined && value.length < rule.minLength) {
    return `${name} must be at least ${rule.minLength} characters`
  }
  if (rule.maxLength !== undefined && value.length > rule.maxLength) {
    return `${name} must be at most ${rule.maxLength} characters`
  }
  if (rule.pattern !== undefined && !rule.pattern.test(value)) {
    return `${name} must be ${rule.patternText ?? `of the form ${rule.pattern.source}`}`
  }
  if (rule.values !== undefined && !rule.values.includes(value)) {
    return `${name} must be one of ${rule.values.join(", ")}`
  }
  return undefined
}

/** An optional text parameter: absent is `undefined`, anything but a text breaking no rule is refused. */
export const optionalText = (
  value: unknown,
  name: string,
  rule: TextRule = {}
): Effect.Effect<string | undefined, GraphError> => {
  if (value === undefined) return Effect.succeed(undefined)
  if (typeof value !== "string") return Effect.fail(invalidParameter(`Invalid parameter: ${name} must be a string`))
  const problem = textProblem(name, value, rule)
  return problem === undefined ? Effect.succeed(value) : Effect.fail(invalidParameter(`Invalid parameter: ${problem}`))
}

/** A required text parameter. */
export const requiredText = (value: unknown, name: string, rule: TextRule = {}): Effect.Effect<string, GraphError> =>
  value === undefined || value === ""
    ? Effect.fail(invalidParameter(`(#100) The parameter ${name} is required`))
    : Effect.flatMap(
      optionalText(value, name, rule),
      (text) =>
        text === undefined
          ? Effect.fail(invalidParameter(`(#100) The parameter ${name} is required`))
          : Effect.succeed(text)
    )

/** An optional boolean parameter. */
export const optionalBoolean = (value: unknown, name: string): Effect.Effect<boolean | undefined, GraphError> =>
  value === undefined || typeof value === "boolean"
    ? Effect.succeed(value)
    : Effect.fail(invalidParameter(`Invalid parameter: ${name} must be a boolean`))

/** An optional integer parameter from the query (text), within bounds. */
export const queryInteger = (
  query: Readonly<Record<string, string>>,
  name: string,
  bounds: { readonly min: number; readonly max: number }
): Effect.Effect<number | undefined, GraphError> => {
  const text = query[name]
  if (text === undefined || text === "") return Effect.succeed(undefined)
  const value = Number(text)
  return /^\d+$/.test(text) && value >= bounds.min && value <= bounds.max
    ? Effect.succeed(value)
    : Effect.fail(invalidParameter(`(#100) Param ${name} must be an integer from ${bounds.min} to ${bounds.max}`))
}

/** An array parameter sent as JSON text in a form field (`["SIGN_UP"]`), as the document shows. */
export const jsonArrayField = (
  text: string | undefined,
  name: string
): Effect.Effect<ReadonlyArray<unknown> | undefined, GraphError> => {
  if (text === undefined) return Effect.succeed(undefined)
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value)
      ? Effect.succeed(value)
      : Effect.fail(invalidParameter(`Invalid parameter: ${name} must be a JSON array, e.g. ["OTHER"]`))
  } catch {
    return Effect.fail(invalidParameter(`Invalid parameter: ${name} must be a JSON array, e.g. ["OTHER"]`))
  }
}

/** A `http(s)` URL. */
export const isWebUrl = (text: string): boolean => {
  if (text.length > 2048) return false
  try {
    const url = new URL(text)
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== ""
  } catch {
    return false
  }
}
