// JSON text and one-line messages for data the command line did not make (a provider's answer, a
// file, an id): built without recursion, so nothing nested deep can exhaust the stack, and without
// backtracking, so nothing long can exhaust the loop.

type Step =
  | { readonly _tag: "Text"; readonly text: string }
  | { readonly _tag: "Value"; readonly value: unknown; readonly key: string; readonly inArray: boolean }
  | { readonly _tag: "Leave"; readonly value: object }

const text = (value: string): Step => ({ _tag: "Text", text: value })

/** What JSON.stringify does with a value before writing it (`toJSON`, as a Date has). */
const prepare = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null && "toJSON" in value && typeof value.toJSON === "function"
    ? value.toJSON(key)
    : value

const omitted = (value: unknown) => value === undefined || typeof value === "function" || typeof value === "symbol"

/**
 * `JSON.stringify(value)` for JSON-safe data (what Schema encodes to), written with a work list
 * instead of recursion: any depth is fine. With `maxLength` it stops once the text is that long and
 * ends it with `…` (for showing data to people). A bigint is written as its digits in a string; a
 * cycle is written as `"[Circular]"`.
 */
export const stringify = (value: unknown, maxLength: number = Number.POSITIVE_INFINITY): string => {
  const parts: Array<string> = []
  let length = 0
  const open = new Set<object>()
  const work: Array<Step> = [{ _tag: "Value", value, key: "", inArray: false }]
  while (work.length > 0 && length <= maxLength) {
    const step = work.pop()
    if (step === undefined) break
    if (step._tag === "Leave") {
      open.delete(step.value)
      continue
    }
    const written = step._tag === "Text" ? step.text : undefined
    if (written !== undefined) {
      parts.push(written)
      length += written.length
      continue
    }
    if (step._tag !== "Value") continue
    const current = prepare(step.value, step.key)
    if (omitted(current)) {
      parts.push("null")
      length += 4
      continue
    }
    if (typeof current === "bigint") {
      const digits = JSON.stringify(current.toString())
      parts.push(digits)
      length += digits.length
      continue
    }
    if (typeof current !== "object" || current === null) {
      const scalar = JSON.stringify(current) ?? "null"
      parts.push(scalar)
      length += scalar.length
      continue
    }
    if (open.has(current)) {
      parts.push(`"[Circular]"`)
      length += 12
      continue
    }
    open.add(current)
    // Pushed in reverse: the work list is a stack.
    const steps: Array<Step> = []
    if (Array.isArray(current)) {
      steps.push(text("["))
      current.forEach((item, index) => {
        if (index > 0) steps.push(text(","))
        steps.push({ _tag: "Value", value: item, key: String(index), inArray: true })
      })
      steps.push(text("]"))
    } else {
      steps.push(text("{"))
      let first = true
      for (const [key, item] of Object.entries(current)) {
        if (omitted(prepare(item, key))) continue
        steps.push(text(`${first ? "" : ","}${JSON.stringify(key)}:`))
        steps.push({ _tag: "Value", value: item, key, inArray: false })
        first = false
      }
      steps.push(text("}"))
    }
    work.push({ _tag: "Leave", value: current })
    for (let index = steps.length - 1; index >= 0; index--) {
      const next = steps[index]
      if (next !== undefined) work.push(next)
    }
  }
  const joined = parts.join("")
  return joined.length > maxLength ? `${joined.slice(0, Math.max(0, maxLength - 1))}…` : joined
}

/** The blanks that a line break takes with it (`\s` of a regular expression, less the line break). */
const blanks = new Set([" ", "\t", "\r", "\v", "\f", "\u00a0", "\u2028", "\u2029", "\ufeff"])

const isControl = (code: number) =>
  (code < 0x20 && code !== 0x09) || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 ||
  (code >= 0x202a && code <= 0x202e) ||
  (code >= 0x2066 && code <= 0x2069)

/** A control character (but a tab) shown as an escape (`\r`, `\x1b`, `\u202e`) instead of acting on the terminal. */
const safe = (char: string): string => {
  const code = char.charCodeAt(0)
  if (char.length !== 1 || !isControl(code)) return char
  if (code === 0x0d) return "\\r"
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`
}

/**
 * The text on one line, safe for a terminal: every line break, with the blanks around it, becomes
 * one space; every other control character (a lone CR, ESC, NUL, a bidirectional override) is
 * shown escaped, so a provider's or a user's words cannot move the cursor, recolour or rewrite the
 * line. One pass, linear in the length (no backtracking on long runs of blanks).
 */
export const oneLine = (input: string): string => {
  const out: Array<string> = []
  let pending: Array<string> = []
  let broken = false
  for (const char of input) {
    if (char === "\n") {
      broken = true
      pending = []
    } else if (blanks.has(char)) {
      if (!broken) pending.push(char)
    } else {
      if (broken) out.push(" ")
      else for (const blank of pending) out.push(safe(blank))
      broken = false
      pending = []
      out.push(safe(char))
    }
  }
  if (broken) out.push(" ")
  else for (const blank of pending) out.push(safe(blank))
  return out.join("")
}
