// `--help`, written from the command tree: the full command path in every usage line, brackets
// on what is optional, every flag described with its choices and default, lines wrapped to the
// width (100 columns at most), colour (bold headings) only when asked for. Loaded only when help
// is shown.
import * as Builtins from "./builtins.js"
import type { Flag, Node, Positional } from "./commandTree.js"

/** How help is laid out. */
export interface Layout {
  /** The widest a line may be. */
  readonly width: number
  /** Whether headings may be bold (a terminal, colour not turned off). */
  readonly colour: boolean
}

/** What the top-level help says beside the tree. */
export interface TopLevel {
  readonly version: string
  readonly summary: string
  /** The top-level groups that are one provider's extensions (listed apart, one line each). */
  readonly extensions: ReadonlySet<string>
  readonly exitCodes: ReadonlyArray<{ readonly code: number; readonly meaning: string }>
}

/** The names of the global flags: the root's own. */
const globalNames = (root: Node) => new Set(root.flags.map((flag) => flag.name))

/** Words of `text` in lines of at most `width` characters, each but the first after `indent`. */
export const wrap = (text: string, width: number, indent = "", firstIndent = indent): ReadonlyArray<string> => {
  const lines: Array<string> = []
  let line = firstIndent
  let empty = true
  for (const word of text.split(/\s+/).filter((part) => part.length > 0)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line)
      line = indent
      empty = true
    }
    line = empty ? line + word : `${line} ${word}`
    empty = false
  }
  lines.push(line)
  return lines.map((entry) => entry.trimEnd())
}

/** Two columns: a term, and its description wrapped beside it (or under it when the term is wide). */
const definitions = (
  rows: ReadonlyArray<readonly [term: string, description: string]>,
  layout: Layout
): ReadonlyArray<string> => {
  const termWidth = Math.min(28, Math.max(0, ...rows.map(([term]) => term.length)))
  const indent = " ".repeat(2 + termWidth + 2)
  return rows.flatMap(([term, description]) => {
    const head = `  ${term}`
    if (term.length <= termWidth) return wrap(description, layout.width, indent, `${head.padEnd(indent.length)}`)
    return [head, ...wrap(description, layout.width, indent)]
  })
}

const heading = (text: string, layout: Layout) => (layout.colour ? `\x1b[1m${text}\x1b[22m` : text)

/** A usage line under its heading. */
const usageSection = (words: ReadonlyArray<string>, layout: Layout, more: ReadonlyArray<string> = []) => [
  heading("USAGE", layout),
  ...usageLines(words, layout),
  ...more.map((line) => `  ${line}`)
]

const sentence = (text: string) => (text.length === 0 || /[.!?)]$/.test(text) ? text : `${text}.`)

const mentionsAll = (text: string, values: ReadonlyArray<string>) => values.every((value) => text.includes(value))

/** A flag's description with what the tree knows of it: choices, default, repetition, need. */
const flagDescription = (flag: Flag): string => {
  const parts = [sentence(flag.description)]
  if (flag.choices.length > 0 && !mentionsAll(flag.description, flag.choices)) {
    parts.push(`One of: ${flag.choices.join(", ")}.`)
  }
  if (flag.defaultValue !== undefined && !/default/i.test(flag.description)) {
    parts.push(`Default: ${flag.defaultValue}.`)
  }
  if (flag.repeated && !/repeat/i.test(flag.description)) parts.push("Repeatable.")
  if (flag.required) parts.push("Required.")
  return parts.join(" ")
}

const positionalDescription = (positional: Positional): string => {
  const parts = [sentence(positional.description)]
  if (positional.choices.length > 0 && !mentionsAll(positional.description, positional.choices)) {
    parts.push(`One of: ${positional.choices.join(", ")}.`)
  }
  return parts.join(" ")
}

const flagTerm = (flag: Flag): string =>
  [[...flag.aliases, flag.name].join(", "), flag.takesValue ? flag.placeholder : ""].filter((part) => part.length > 0)
    .join(" ")

/** How a flag reads in a usage line: `--id ID`, `[--name TEXT]`, `[--website URL]...`. */
const usageOf = (flag: Flag): string => {
  const bare = flag.takesValue ? `${flag.name} ${flag.placeholder}` : flag.name
  const bracketed = flag.required ? bare : `[${bare}]`
  return flag.repeated ? `${bracketed}...` : bracketed
}

const positionalUsage = (positional: Positional): string => {
  const bare = positional.repeated ? `${positional.placeholder}...` : positional.placeholder
  return positional.required ? bare : `[${bare}]`
}

/** A usage line, wrapped under the command's name. */
const usageLines = (words: ReadonlyArray<string>, layout: Layout): ReadonlyArray<string> => {
  const [command = "", ...rest] = words
  const indent = " ".repeat(2 + command.length + 1)
  const lines: Array<string> = []
  let line = `  ${command}`
  for (const word of rest) {
    if (line.length + 1 + word.length > layout.width && line.trim().length > indent.trim().length) {
      lines.push(line)
      line = `${indent}${word}`
    } else {
      line = `${line} ${word}`
    }
  }
  lines.push(line)
  return lines
}

/** The first sentence of a description, short enough for one line of a command list. */
export const summary = (description: string, room: number): string => {
  const first = description.split(/(?<=[.!?])\s+/)[0] ?? ""
  const fitted = first.length <= room ? first : first.replace(/\s*\([^)]*\)(\.?)$/, "$1")
  if (fitted.length <= room) return fitted
  const cut = fitted.slice(0, Math.max(0, room - 1))
  return `${cut.slice(0, cut.lastIndexOf(" ") > 0 ? cut.lastIndexOf(" ") : cut.length).replace(/[,;:]$/, "")}…`
}

const commandRows = (
  commands: ReadonlyArray<readonly [name: string, description: string]>,
  layout: Layout
): ReadonlyArray<string> => {
  const width = Math.min(28, Math.max(0, ...commands.map(([name]) => name.length)))
  const room = layout.width - 2 - width - 2
  return commands.map(([name, description]) => `  ${name.padEnd(width)}  ${summary(description, room)}`.trimEnd())
}

/** Every command under `node` that runs, by its path below `node`. */
const leaves = (node: Node, prefix: ReadonlyArray<string> = []): ReadonlyArray<readonly [string, Node]> =>
  node.children.flatMap((child) =>
    child.children.length === 0
      ? [[[...prefix, child.name].join(" "), child] as const]
      : leaves(child, [...prefix, child.name])
  )

const globalRows = (root: Node, node: Node, topLevel: boolean): ReadonlyArray<readonly [string, string]> => {
  const globals = globalNames(root)
  const own = node === root ? root.flags : node.flags.filter((flag) => globals.has(flag.name))
  const builtins = topLevel ? Builtins.topLevel : Builtins.everywhere
  return [...own, ...builtins].map((flag) => [flagTerm(flag), flagDescription(flag)] as const)
}

/** The help of a command that runs. */
const commandHelp = (root: Node, node: Node, layout: Layout): ReadonlyArray<string> => {
  const globals = globalNames(root)
  const own = node.flags.filter((flag) => !globals.has(flag.name))
  const hasGlobals = node.flags.some((flag) => globals.has(flag.name))
  const usage = usageSection(
    [
      ["wa-admin", ...node.path].join(" "),
      ...own.map(usageOf),
      ...node.positionals.map(positionalUsage),
      ...(hasGlobals ? ["[global flags]"] : [])
    ],
    layout
  )
  const lines = [...wrap(node.description, layout.width), "", ...usage]
  if (node.positionals.length > 0) {
    lines.push("", heading("ARGUMENTS", layout))
    lines.push(
      ...definitions(
        node.positionals.map((positional) => [positional.placeholder, positionalDescription(positional)]),
        layout
      )
    )
  }
  if (own.length > 0) {
    lines.push("", heading("FLAGS", layout))
    lines.push(...definitions(own.map((flag) => [flagTerm(flag), flagDescription(flag)]), layout))
  }
  lines.push("", heading("GLOBAL FLAGS", layout), ...definitions(globalRows(root, node, false), layout))
  lines.push("", ...wrap("Exit codes: see `wa-admin --help`.", layout.width))
  return lines
}

/** The help of a group of commands. */
const groupHelp = (node: Node, layout: Layout): ReadonlyArray<string> => {
  const path = ["wa-admin", ...node.path].join(" ")
  return [
    ...wrap(node.description, layout.width),
    "",
    ...usageSection([path, "COMMAND", "[flags]"], layout),
    "",
    heading("COMMANDS", layout),
    ...commandRows(leaves(node).map(([name, child]) => [name, child.description]), layout),
    "",
    ...wrap(
      `Run \`${path} COMMAND --help\` for a command's flags, \`wa-admin --help\` for the global flags.`,
      layout.width
    )
  ]
}

/** The commands of top-level groups, each in one line with its full path. */
const rowsOf = (groups: ReadonlyArray<Node>): ReadonlyArray<readonly [string, string]> =>
  groups.flatMap((group): ReadonlyArray<readonly [string, string]> =>
    group.children.length === 0
      ? [[group.name, group.description]]
      : leaves(group).map(([name, leaf]) => [`${group.name} ${name}`, leaf.description])
  )

/** The top-level help: every command in one line (the extensions apart), the global flags, the exit codes. */
const topLevelHelp = (root: Node, top: TopLevel, layout: Layout): ReadonlyArray<string> => {
  const port = root.children.filter((child) => !top.extensions.has(child.name))
  const extensions = root.children.filter((child) => top.extensions.has(child.name))
  const globals = root.flags.map(usageOf).join(" ")
  return [
    ...wrap(`wa-admin ${top.version} — ${top.summary}`, layout.width),
    "",
    ...usageSection(["wa-admin", ...(globals.length === 0 ? [] : [globals]), "COMMAND", "[flags]"], layout, [
      "wa-admin COMMAND --help"
    ]),
    "",
    heading("COMMANDS", layout),
    ...commandRows(rowsOf(port), layout),
    ...(extensions.length === 0
      ? []
      : [
        "",
        heading("PROVIDER EXTENSIONS (any other provider answers Unsupported, exit 10)", layout),
        ...commandRows(rowsOf(extensions), layout)
      ]),
    "",
    heading("GLOBAL FLAGS (before or after the command)", layout),
    ...definitions(
      globalRows(root, root, true).map(([term, description]) => [term, summary(description, 200)]),
      layout
    ),
    "",
    heading("EXIT CODES", layout),
    ...definitions(top.exitCodes.map(({ code, meaning }) => [String(code), meaning]), layout)
  ]
}

/** The help of `node` (the root: the top-level help), ending with a line break. */
export const render = (root: Node, node: Node, top: TopLevel, layout: Layout): string => {
  const lines = node === root
    ? topLevelHelp(root, top, layout)
    : node.children.length > 0
    ? groupHelp(node, layout)
    : commandHelp(root, node, layout)
  return lines.join("\n")
}
