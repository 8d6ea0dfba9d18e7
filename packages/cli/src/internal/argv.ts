// Reads a command line against the command tree before @effect/cli parses it: which command it
// names, whether it asks for help, the version, a completion script or a log level, and every
// mistake a user makes in the shape of it — an unknown command or flag (with "did you mean"), a
// flag without its value, a value that is not a number or not one of a flag's choices, a
// required flag missing — each said in one line naming the flag. A line that passes is handed
// on in one canonical form (global flags first, then the command, then its flags, each value
// attached by `=`), which @effect/cli parses into the command's values.
import * as Builtins from "./builtins.js"
import type { Flag, Node } from "./commandTree.js"

/** What a command line asks for. */
export type Scan =
  | { readonly _tag: "Help"; readonly node: Node }
  | { readonly _tag: "Version" }
  | { readonly _tag: "Completions"; readonly shell: Builtins.Shell }
  | {
    readonly _tag: "Run"
    readonly node: Node
    /** The command line as @effect/cli reads it (without the program's name). */
    readonly args: ReadonlyArray<string>
    readonly logLevel: (typeof Builtins.logLevels)[number] | undefined
  }
  | { readonly _tag: "Usage"; readonly problem: Problem }

/** A command line that cannot run, in one line. */
export interface Problem {
  readonly message: string
  /** The command it got as far as (`templates list`; empty at the top level). */
  readonly command: string
  /** The flag (or command word) at fault, when there is one. */
  readonly flag?: string
  /** What it probably should have been. */
  readonly suggestions?: ReadonlyArray<string>
}

/** The command line of a command, as people type it. */
export const commandLine = (node: Node): string => ["wa-admin", ...node.path].join(" ")

// ---------------------------------------------------------------------------------------------
// Did you mean
// ---------------------------------------------------------------------------------------------

/** Edits (insert, delete, replace, swap two neighbours) from `a` to `b`. */
const distance = (a: string, b: string): number => {
  const rows: Array<Array<number>> = []
  for (let i = 0; i <= a.length; i++) {
    const row: Array<number> = [i]
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j)
        continue
      }
      const above = rows[i - 1] ?? []
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1)
      }
      row.push(best)
    }
    rows.push(row)
  }
  return rows[a.length]?.[b.length] ?? Math.max(a.length, b.length)
}

/**
 * The candidates `given` is probably a slip of: within a few edits (about one per three
 * characters), or the only ones it begins, closest first.
 */
export const suggest = (given: string, candidates: ReadonlyArray<string>): ReadonlyArray<string> => {
  const bare = (word: string) => word.replace(/^-+/, "").toLowerCase()
  const word = bare(given)
  if (word.length === 0) return []
  const scored = [...new Set(candidates)].flatMap((candidate) => {
    const other = bare(candidate)
    const edits = distance(word, other)
    const allowed = Math.max(1, Math.floor(Math.max(word.length, other.length) / 3))
    if (edits <= allowed) return [{ candidate, score: edits }]
    if (word.length >= 3 && other.startsWith(word)) return [{ candidate, score: allowed + 1 }]
    return []
  })
  const best = scored.sort((left, right) => left.score - right.score)
  const closest = best[0]?.score
  return best.filter((entry) => entry.score === closest).slice(0, 3).map((entry) => entry.candidate)
}

const listWith = (conjunction: string) => (values: ReadonlyArray<string>): string =>
  values.length <= 1 ? values.join("") : `${values.slice(0, -1).join(", ")} ${conjunction} ${values[values.length - 1]}`

const orList = listWith("or")
const andList = listWith("and")

const didYouMean = (suggestions: ReadonlyArray<string>, show: (value: string) => string = (value) => value) =>
  suggestions.length === 0 ? "" : `; did you mean ${orList(suggestions.map(show))}?`

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/** Why a flag's value is refused, or `undefined` when it is fine for its type. */
const refusal = (
  flag: Flag,
  value: string
): { readonly rule: string; readonly suggestions?: ReadonlyArray<string> } | undefined => {
  switch (flag.type) {
    case "integer":
      return /^[+-]?\d+$/.test(value.trim()) ? undefined : { rule: "must be a whole number" }
    case "float":
      return value.trim() !== "" && Number.isFinite(Number(value)) ? undefined : { rule: "must be a number" }
    case "choice": {
      if (flag.choices.includes(value)) return undefined
      const suggestions = suggest(value, flag.choices)
      return { rule: `must be one of ${flag.choices.join(", ")}`, suggestions }
    }
    case "boolean":
      return ["true", "false"].includes(value) ? undefined : { rule: "takes no value (or true / false)" }
    default:
      return undefined
  }
}

/** A value as a shell would need it quoted, for messages. */
const shown = (value: string): string => (/^[\w@%+=:,./-]+$/.test(value) ? value : JSON.stringify(value))

/**
 * `--flag=value` when @effect/cli reads it back intact (so a value such as `--wizard` or a
 * command's name is never read as anything else), else the flag and the value apart: an empty
 * value, one with a line break, and a repeatable flag's (which @effect/cli reads only apart).
 */
const attached = (flag: Flag, value: string): ReadonlyArray<string> =>
  !flag.repeated && value.length > 0 && !/[\r\n\u2028\u2029]/.test(value)
    ? [`${flag.name}=${value}`]
    : [flag.name, value]

// ---------------------------------------------------------------------------------------------
// Scanning
// ---------------------------------------------------------------------------------------------

const findFlag = (flags: ReadonlyArray<Flag>, name: string): Flag | undefined =>
  flags.find((flag) => flag.name === name || flag.aliases.includes(name))

const leavesOf = (node: Node, prefix: ReadonlyArray<string> = []): ReadonlyArray<string> =>
  node.children.flatMap((child) =>
    child.children.length === 0 ? [[...prefix, child.name].join(" ")] : leavesOf(child, [...prefix, child.name])
  )

const isHelp = (token: string) => token === "--help" || token === "-h"

/**
 * Reads `args` (the words after `wa-admin`) against the tree whose root is `root`; the root's
 * flags are the global flags, taken anywhere before the command's own and by every command
 * that declares them.
 */
export const scan = (root: Node, args: ReadonlyArray<string>): Scan => {
  // `pnpm wa-admin -- --help` hands on the `--` that ends pnpm's own flags.
  const tokens = args[0] === "--" ? args.slice(1) : args
  if (tokens.length === 0) return { _tag: "Help", node: root }
  // `wa-admin help [COMMAND…]` is `wa-admin [COMMAND…] --help`, unless a command is named `help`.
  const helpCommand = tokens[0] === "help" && !root.children.some((child) => child.name === "help")
  const helpWanted = helpCommand || tokens.some(isHelp)
  const rootSegment: Array<string> = []
  const leafTokens: Array<string> = []
  const positionals: Array<string> = []
  const given = new Map<string, number>()
  let node = root
  let logLevel: (typeof Builtins.logLevels)[number] | undefined
  let shell: Builtins.Shell | undefined
  let version = false
  let forced = false
  const problem = (fields: Omit<Problem, "command">): Scan => ({
    _tag: "Usage",
    problem: { command: node.path.join(" "), ...fields }
  })
  const seeHelp = () => `(see \`${commandLine(node)} --help\`)`

  for (let index = helpCommand ? 1 : 0; index < tokens.length; index++) {
    const token = tokens[index] ?? ""
    if (!forced && token === "--" && node.children.length === 0) {
      forced = true
      continue
    }
    if (!forced && token.startsWith("-") && token !== "-") {
      if (isHelp(token)) continue
      const equals = token.startsWith("--") ? token.indexOf("=") : -1
      const name = equals === -1 ? token : token.slice(0, equals)
      const inline = equals === -1 ? undefined : token.slice(equals + 1)
      const isGroup = node.children.length > 0
      const atTop = node === root
      const builtins = atTop ? Builtins.topLevel : Builtins.everywhere
      const own = isGroup ? root.flags : node.flags
      const flag = findFlag(own, name) ?? findFlag(builtins, name) ??
        (name === "--version" ? Builtins.version : undefined)
      if (flag === undefined) {
        if (helpWanted) continue
        const candidates = [...own, ...builtins].flatMap((candidate) => [candidate.name, ...candidate.aliases])
        const suggestions = suggest(name, candidates)
        const where = isGroup && !atTop
          ? `\`${commandLine(node)}\` needs a command before its flags (${leavesOf(node).join(", ")})`
          : `unknown flag ${name} for \`${commandLine(node)}\``
        return problem({
          message: `${where}${didYouMean(suggestions)} ${seeHelp()}`,
          flag: name,
          ...(suggestions.length === 0 ? {} : { suggestions })
        })
      }
      let value: string | undefined
      if (flag.takesValue) {
        value = inline ?? tokens[index + 1]
        if (inline === undefined) index++
        if (value === undefined) {
          if (helpWanted) continue
          return problem({ message: `${flag.name} needs a value (${flag.placeholder}) ${seeHelp()}`, flag: flag.name })
        }
      } else if (inline !== undefined) {
        value = inline
      }
      const refused = value === undefined ? undefined : refusal(flag, value)
      if (refused !== undefined && !helpWanted) {
        const suggestions = refused.suggestions ?? []
        return problem({
          message: `${flag.name} ${shown(value ?? "")}: ${refused.rule}${didYouMean(suggestions)}`,
          flag: flag.name,
          ...(suggestions.length === 0 ? {} : { suggestions })
        })
      }
      if (flag === Builtins.version) {
        version = true
      } else if (flag === Builtins.logLevel) {
        logLevel = Builtins.logLevels.find((level) => level === value)
      } else if (flag === Builtins.completions) {
        shell = Builtins.shells.find((candidate) => candidate === value)
      } else {
        const segment = isGroup ? rootSegment : leafTokens
        if (!isGroup) {
          const count = (given.get(flag.name) ?? 0) + 1
          given.set(flag.name, count)
          if (count > 1 && !flag.repeated && !helpWanted) {
            return problem({
              message: `${flag.name} is given more than once; it takes one value ${seeHelp()}`,
              flag: flag.name
            })
          }
        }
        segment.push(...(value === undefined ? [flag.name] : attached(flag, value)))
      }
      continue
    }
    if (node.children.length > 0) {
      const child = node.children.find((candidate) => candidate.name === token)
      if (child !== undefined) {
        node = child
        continue
      }
      const names = node.children.map((candidate) => candidate.name)
      const suggestions = suggest(token, names)
      return problem({
        message: `unknown command "${token}" for \`${commandLine(node)}\`` +
          didYouMean(suggestions, (name) => `\`${[...["wa-admin", ...node.path], name].join(" ")}\``) +
          ` (its commands: ${names.join(", ")})`,
        flag: token,
        ...(suggestions.length === 0 ? {} : { suggestions })
      })
    }
    const expected = node.positionals
    const last = expected[expected.length - 1]
    if (positionals.length < expected.length || last?.repeated === true) {
      positionals.push(token)
      continue
    }
    if (helpWanted) continue
    return problem({
      message: expected.length === 0
        ? `unexpected argument ${shown(token)}: \`${commandLine(node)}\` takes flags only ${seeHelp()}`
        : `unexpected argument ${shown(token)} after ${
          expected.map((positional) => positional.placeholder).join(" ")
        } ${seeHelp()}`,
      flag: token
    })
  }

  if (helpWanted) return { _tag: "Help", node }
  if (version) return { _tag: "Version" }
  if (shell !== undefined) return { _tag: "Completions", shell }
  if (node.children.length > 0) {
    const commands = node === root ? node.children.map((child) => child.name) : leavesOf(node)
    return problem({ message: `${commandLine(node)} needs a command: ${commands.join(", ")} ${seeHelp()}` })
  }
  const missing = [
    ...node.flags.filter((flag) => flag.required && !given.has(flag.name)).map((flag) =>
      `${flag.name} ${flag.placeholder}`.trim()
    ),
    ...node.positionals.slice(positionals.length).filter((positional) => positional.required).map((positional) =>
      positional.placeholder
    )
  ]
  if (missing.length > 0) {
    return problem({
      message: `\`${commandLine(node)}\` needs ${andList(missing)} ${seeHelp()}`,
      flag: missing[0]?.split(" ")[0] ?? ""
    })
  }
  for (const [index, value] of positionals.entries()) {
    const positional = node.positionals[Math.min(index, node.positionals.length - 1)]
    if (positional?.type === "choice" && !positional.choices.includes(value)) {
      const suggestions = suggest(value, positional.choices)
      return problem({
        message: `${positional.placeholder} ${shown(value)}: must be one of ${positional.choices.join(", ")}${
          didYouMean(suggestions)
        }`,
        flag: positional.placeholder
      })
    }
  }
  return {
    _tag: "Run",
    node,
    args: [...rootSegment, ...node.path, ...leafTokens, ...(positionals.length === 0 ? [] : ["--", ...positionals])],
    logLevel
  }
}

/** Whether the command line asks for JSON output (for a usage error's form). */
export const wantsJson = (args: ReadonlyArray<string>): boolean =>
  args.some((token) => token === "--json" || token === "--json=true")
