/**
 * What the WOZTELL services share beyond the adapter kit: ids held to WOZTELL's formats, the
 * configured defaults (checked as a given id is), and the bounds on what is sent.
 */
import type { AdminError } from "@wa-admin/core"
import { Validation } from "@wa-admin/core"
import { Operation } from "@wa-admin/core/adapter"
import { Array as Arr, Effect, Either, Schema } from "effect"
import type { WoztellClient } from "../WoztellClient.js"
import { provider, variables } from "../WoztellClient.js"
import * as Wire from "./wire.js"

/** An operation of WOZTELL's (`Operation.make` with the provider named): validate, run, span. */
export const operation = <A, I, Out>(
  name: string,
  input: Schema.Schema<A, I, never>,
  run: (input: A) => Effect.Effect<Out, AdminError.AdminError>
): (input: I) => Effect.Effect<Out, AdminError.AdminError> => Operation.make({ provider, operation: name, input, run })

// ---------------------------------------------------------------------------------------------
// Ids
// ---------------------------------------------------------------------------------------------

/**
 * Holds the ids of a request the port has decoded to WOZTELL's id formats (the port's own
 * schemas know only that an id is a string): a field-level `InvalidInput`, nothing sent.
 */
export const checkIds = <A, I>(operation: string, schema: Schema.Schema<A, I, never>) => {
  const check = Validation.check(schema, { provider, operation })
  return <Request extends A>(request: Request): Effect.Effect<Request, AdminError.InvalidInput> =>
    Effect.as(check(request), request)
}

/** The settings the client falls back on, with the id format each must have. */
const settingIds = { channelId: Wire.ChannelId, wabaId: Wire.WabaId, phoneNumberId: Wire.PhoneNumberId } as const

type SettingName = keyof typeof settingIds

/**
 * A configured id, held to the same rule as one given in a request; the refusal names the
 * field and the environment variable the value came from.
 */
export const configuredId = (
  name: SettingName,
  value: string,
  operation: string
): Effect.Effect<string, AdminError.InvalidInput> =>
  Either.match(Schema.validateEither(settingIds[name])(value), {
    onRight: Effect.succeed,
    onLeft: (error) =>
      Effect.fail(
        Validation.invalidInput(
          { provider, operation },
          Arr.map(Validation.issuesOf(error), (issue) => ({
            field: name,
            rule: `${issue.rule} (the value configured in ${variables[name]})`
          }))
        )
      )
  })

/**
 * The id given in a request (already checked by the request's schema), else the configured
 * default, checked by {@link configuredId}, else an `InvalidInput` naming the variable.
 */
export const givenOrConfigured = (
  client: WoztellClient["Type"],
  name: SettingName,
  given: string | undefined,
  operation: string
): Effect.Effect<string, AdminError.InvalidInput> =>
  given !== undefined
    ? Effect.succeed(given)
    : Effect.flatMap(client.setting(name, undefined, operation), (value) => configuredId(name, value, operation))

// ---------------------------------------------------------------------------------------------
// Sizes
// ---------------------------------------------------------------------------------------------

/**
 * The longest URL sent for WhatsApp to fetch or call (media, flow endpoints): 8,192 characters,
 * a stated default — the request-line limit common HTTP servers apply; WOZTELL documents none.
 */
export const maxUrlLength = 8_192

/** A string of at most `max` characters. */
export const atMost = (max: number) =>
  Schema.String.pipe(Schema.maxLength(max, { message: () => `must be at most ${max.toLocaleString("en")} characters` }))

/** How large and how deeply nested a JSON value sent as a body may be. */
export interface JsonBounds {
  readonly maxBytes: number
  readonly maxDepth: number
}

const highSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const lowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

/** The UTF-8 length of a string as `JSON.stringify` writes it (quotes and escapes included). */
const stringBytes = (text: string): number => {
  let bytes = 2
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (
      code === 0x22 || code === 0x5c || code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c ||
      code === 0x0d
    ) {
      bytes += 2
    } else if (code < 0x20) bytes += 6
    else if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (highSurrogate(code) && lowSurrogate(text.charCodeAt(index + 1))) {
      bytes += 4
      index++
    } else if (highSurrogate(code) || lowSurrogate(code)) bytes += 6
    else bytes += 3
  }
  return bytes
}

type Frame =
  | {
    readonly _tag: "Value"
    readonly key: string
    readonly value: unknown
    readonly depth: number
    readonly inArray: boolean
  }
  | { readonly _tag: "Leave"; readonly container: object }

/**
 * Why a value cannot be sent as a JSON body within `bounds`, or `undefined` when it can: its
 * JSON would be larger than `maxBytes` (UTF-8, counted as `JSON.stringify` writes it, stopping as
 * soon as the limit is passed, so a huge value is never serialised), nested deeper than
 * `maxDepth`, or not JSON at all (a cycle, a bigint, a `toJSON` that throws). The walk is a loop,
 * not a recursion: no depth can overflow the stack.
 */
export const jsonProblem = (value: unknown, bounds: JsonBounds): string | undefined => {
  const tooLarge = `must be at most ${bounds.maxBytes.toLocaleString("en")} bytes as JSON`
  const ancestors = new Set<object>()
  const stack: Array<Frame> = [{ _tag: "Value", key: "", value, depth: 0, inArray: false }]
  let bytes = 0
  while (stack.length > 0) {
    const frame = stack.pop()
    if (frame === undefined) break
    if (frame._tag === "Leave") {
      ancestors.delete(frame.container)
      continue
    }
    let current = frame.value
    if (
      typeof current === "object" && current !== null && typeof (current as { toJSON?: unknown }).toJSON === "function"
    ) {
      try {
        current = (current as { toJSON: (key: string) => unknown }).toJSON(frame.key)
      } catch {
        return "must be JSON (a toJSON method failed)"
      }
    }
    switch (typeof current) {
      case "string":
        // Every character takes at least one byte: a string longer than what is left is over.
        if (current.length > bounds.maxBytes - bytes) return tooLarge
        bytes += stringBytes(current)
        break
      case "number":
        bytes += Number.isFinite(current) ? String(current).length : 4
        break
      case "boolean":
        bytes += current ? 4 : 5
        break
      case "bigint":
        return "must be JSON (it holds a bigint)"
      case "undefined":
      case "function":
      case "symbol":
        // Left out of objects (their keys are skipped below), written as null in arrays.
        bytes += frame.inArray ? 4 : 0
        break
      case "object": {
        if (current === null) {
          bytes += 4
          break
        }
        if (ancestors.has(current)) return "must be JSON (it refers to itself)"
        if (frame.depth >= bounds.maxDepth) return `must be nested at most ${bounds.maxDepth} levels deep`
        ancestors.add(current)
        stack.push({ _tag: "Leave", container: current })
        if (Array.isArray(current)) {
          bytes += 2 + Math.max(0, current.length - 1)
          if (bytes > bounds.maxBytes) return tooLarge
          for (let index = current.length - 1; index >= 0; index--) {
            stack.push({
              _tag: "Value",
              key: String(index),
              value: current[index],
              depth: frame.depth + 1,
              inArray: true
            })
          }
        } else {
          const entries = Object.entries(current).filter(
            ([, inner]) => inner !== undefined && typeof inner !== "function" && typeof inner !== "symbol"
          )
          bytes += 2 + Math.max(0, entries.length - 1)
          for (const [key] of entries) bytes += stringBytes(key) + 1
          if (bytes > bounds.maxBytes) return tooLarge
          for (let index = entries.length - 1; index >= 0; index--) {
            const entry = entries[index]
            if (entry !== undefined) {
              stack.push({ _tag: "Value", key: entry[0], value: entry[1], depth: frame.depth + 1, inArray: false })
            }
          }
        }
        break
      }
    }
    if (bytes > bounds.maxBytes) return tooLarge
  }
  return undefined
}
