/**
 * Scrubbing every text an error carries — reasons, provider problems, field issues, excerpts —
 * of the secrets a call knew, and capping each text's length, without encoding the error and
 * decoding it back: the error's own fields are walked (they are flat: strings, a problem, a list
 * of issues), and the error is rebuilt only when a text changed.
 *
 * @internal
 */
import { FieldIssue, ProviderProblem } from "../../AdminError.js"
import type { AdminError } from "../../AdminError.js"
import type { Scrubber } from "../Redaction.js"

/**
 * The longest text an error carries: a provider's problem or an adapter's reason may quote a
 * body, and an error is meant to be read. Cut after scrubbing, so no secret is cut in half.
 */
export const maxErrorText = 2000

/** A text scrubbed and capped; only its beginning is scrubbed when it is far longer than the cap. */
export const scrubText = (value: string, scrub: Scrubber): string => {
  const long = value.length > 4 * maxErrorText
  const scrubbed = long ? scrub.prefix(value.slice(0, 4 * maxErrorText)) : scrub(value)
  return long || scrubbed.length > maxErrorText ? `${scrubbed.slice(0, maxErrorText)}… (cut)` : scrubbed
}

const scrubRecord = <A extends object>(value: A, scrub: Scrubber): Partial<A> | undefined => {
  let changed: Record<string, unknown> | undefined
  for (const key of Object.keys(value)) {
    const inner = (value as Record<string, unknown>)[key]
    let next: unknown = inner
    if (typeof inner === "string") next = scrubText(inner, scrub)
    else if (inner instanceof ProviderProblem) next = scrubProblem(inner, scrub)
    else if (Array.isArray(inner)) next = scrubList(inner, scrub)
    if (next !== inner) (changed ??= {})[key] = next
  }
  return changed as Partial<A> | undefined
}

const scrubProblem = (problem: ProviderProblem, scrub: Scrubber): ProviderProblem => {
  const changed = scrubRecord(problem, scrub)
  return changed === undefined ? problem : new ProviderProblem({ ...problem, ...changed }, true)
}

const scrubList = (list: ReadonlyArray<unknown>, scrub: Scrubber): ReadonlyArray<unknown> => {
  let changed = false
  const next = list.map((item) => {
    if (typeof item === "string") {
      const scrubbed = scrubText(item, scrub)
      if (scrubbed !== item) changed = true
      return scrubbed
    }
    if (item instanceof FieldIssue) {
      const fields = scrubRecord(item, scrub)
      if (fields === undefined) return item
      changed = true
      return new FieldIssue({ ...item, ...fields }, true)
    }
    if (item !== null && typeof item === "object") {
      const fields = scrubRecord(item, scrub)
      if (fields === undefined) return item
      changed = true
      return { ...item, ...fields }
    }
    return item
  })
  return changed ? next : list
}

/**
 * The same error with every secret scrubbed from every text it carries; the error itself when
 * nothing changed. The rebuilt error keeps its class (its message, `retryable`, `_tag`) and gets
 * a stack built from the scrubbed message.
 */
export const sanitize = <E extends AdminError>(error: E, scrub: Scrubber): E => {
  const changed = scrubRecord(error, scrub)
  if (changed === undefined) return error
  const rebuilt = Object.assign(Object.create(Object.getPrototypeOf(error) as object) as E, error, changed)
  Object.defineProperty(rebuilt, "stack", {
    value: `${rebuilt.name}: ${rebuilt.message}`,
    writable: true,
    configurable: true,
    enumerable: false
  })
  return rebuilt
}
