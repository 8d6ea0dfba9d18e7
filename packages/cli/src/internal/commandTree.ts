// The command tree as plain data — every command's path, description, flags and arguments —
// read from @effect/cli's commands, so that help, completion scripts and the checks of a
// command line are written once, over this data, instead of through @effect/cli's own help and
// parser messages (which cannot show a command's full path, wrap to a width, leave out colour,
// suggest a flag or name the flag a value belongs to).
//
// This is the ONE place that reads @effect/cli's internal structure (pinned: @effect/cli 0.77.2):
// a command descriptor is `Standard` / `Map` / `Subcommands`, options are `Single` / `Map` /
// `Both` / `WithDefault` / `Variadic` …, a primitive is `Bool` / `Choice` / `Integer` / `Path` ….
// A test checks every command of `wa-admin` reads as expected (each flag and argument described,
// kinds and choices known), so an upgrade that changes the structure fails there.
import type * as HelpDoc from "@effect/cli/HelpDoc"
import type * as Span from "@effect/cli/HelpDoc/Span"

/** What a flag or an argument takes. */
export type ValueType = "boolean" | "text" | "integer" | "float" | "date" | "choice" | "file" | "directory" | "path"

/** A flag of a command. */
export interface Flag {
  /** `--phone-number`. */
  readonly name: string
  /** Other spellings (`-h`). */
  readonly aliases: ReadonlyArray<string>
  readonly description: string
  readonly type: ValueType
  /** Whether it takes a value (every flag but a boolean one). */
  readonly takesValue: boolean
  /** Its value's name in usage lines (`E164`, `N`, `FILE`), for a flag that takes one. */
  readonly placeholder: string
  /** The values a `choice` flag takes. */
  readonly choices: ReadonlyArray<string>
  /** Whether the command cannot run without it. */
  readonly required: boolean
  /** Whether it may be given more than once (each time one value). */
  readonly repeated: boolean
  /** Its default, as shown in help, when it has one worth showing. */
  readonly defaultValue: string | undefined
}

/** A positional argument of a command. */
export interface Positional {
  readonly name: string
  readonly description: string
  readonly type: ValueType
  readonly placeholder: string
  readonly choices: ReadonlyArray<string>
  readonly required: boolean
  readonly repeated: boolean
}

/** One command: a group (with `children`) or a command that runs. */
export interface Node {
  readonly name: string
  /** The words that name it after `wa-admin` (`["profile", "photo", "get"]`; empty for the root). */
  readonly path: ReadonlyArray<string>
  readonly description: string
  readonly flags: ReadonlyArray<Flag>
  readonly positionals: ReadonlyArray<Positional>
  readonly children: ReadonlyArray<Node>
}

type Raw = { readonly [key: string]: unknown }

const isRaw = (value: unknown): value is Raw => typeof value === "object" && value !== null

const tagOf = (value: unknown): string | undefined =>
  isRaw(value) && typeof value["_tag"] === "string" ? value["_tag"] : undefined

const stringOf = (value: unknown): string => (typeof value === "string" ? value : "")

/** `Option.some(x)` as `x`, without loading `Option` (only its shape is read). */
const someOf = (value: unknown): unknown => (isRaw(value) && value["_tag"] === "Some" ? value["value"] : undefined)

const spanText = (span: Span.Span): string => {
  switch (span._tag) {
    case "Text":
    case "URI":
      return span.value
    case "Highlight":
    case "Strong":
    case "Weak":
      return spanText(span.value)
    case "Sequence":
      return spanText(span.left) + spanText(span.right)
  }
}

/** A help document as plain text: paragraphs joined by a blank, lists one item a line. */
export const plainText = (doc: HelpDoc.HelpDoc): string => {
  switch (doc._tag) {
    case "Empty":
      return ""
    case "Header":
    case "Paragraph":
      return spanText(doc.value).trim()
    case "DescriptionList":
      return doc.definitions.map(([term, definition]) => `${spanText(term)}: ${plainText(definition)}`).join("\n")
    case "Enumeration":
      return doc.elements.map(plainText).join("\n")
    case "Sequence":
      return [plainText(doc.left), plainText(doc.right)].filter((part) => part.length > 0).join(" ")
  }
}

const isHelpDoc = (value: unknown): value is HelpDoc.HelpDoc => {
  const tag = tagOf(value)
  return tag === "Empty" || tag === "Header" || tag === "Paragraph" || tag === "DescriptionList" ||
    tag === "Enumeration" || tag === "Sequence"
}

const descriptionOf = (value: unknown): string => (isHelpDoc(value) ? plainText(value) : "")

interface Primitive {
  readonly type: ValueType
  readonly choices: ReadonlyArray<string>
}

const primitiveOf = (value: unknown): Primitive => {
  const choices = (): ReadonlyArray<string> => {
    const alternatives = isRaw(value) ? value["alternatives"] : undefined
    return Array.isArray(alternatives)
      ? alternatives.map((alternative) => stringOf(Array.isArray(alternative) ? alternative[0] : ""))
      : []
  }
  switch (tagOf(value)) {
    case "Bool":
      return { type: "boolean", choices: [] }
    case "Choice":
      return { type: "choice", choices: choices() }
    case "Integer":
      return { type: "integer", choices: [] }
    case "Float":
      return { type: "float", choices: [] }
    case "DateTime":
      return { type: "date", choices: [] }
    case "Path": {
      const pathType = isRaw(value) ? value["pathType"] : undefined
      return { type: pathType === "file" ? "file" : pathType === "directory" ? "directory" : "path", choices: [] }
    }
    default:
      return { type: "text", choices: [] }
  }
}

/** A value's name in usage lines: the pseudo name if one was given, else one from its type (and name). */
const placeholderOf = (pseudoName: unknown, primitive: Primitive, name: string): string => {
  const pseudo = someOf(pseudoName)
  // A list of the values themselves (`sms|voice`) is shown as they are typed; a name, in capitals.
  if (typeof pseudo === "string" && pseudo.length > 0) return pseudo.includes("|") ? pseudo : pseudo.toUpperCase()
  switch (primitive.type) {
    case "integer":
    case "float":
      return "N"
    case "file":
    case "path":
      return "FILE"
    case "directory":
      return "DIR"
    case "date":
      return "TIME"
    case "choice":
      return primitive.choices.join("|").length <= 30 ? primitive.choices.join("|") : "VALUE"
    default:
      return /(^|-)id$/.test(name) ? "ID" : /(^|-)(url|link)$/.test(name) ? "URL" : "TEXT"
  }
}

const shownDefault = (fallback: unknown): string | undefined => {
  if (typeof fallback === "string") return fallback
  if (typeof fallback === "number") return String(fallback)
  return undefined
}

/** The flags of an options tree. */
const flagsOf = (
  options: unknown,
  within: { readonly required: boolean; readonly defaultValue?: string }
): Array<Flag> => {
  if (!isRaw(options)) return []
  switch (tagOf(options)) {
    case "Single": {
      const primitive = primitiveOf(options["primitiveType"])
      const aliases = Array.isArray(options["aliases"])
        ? options["aliases"].map((
          alias
        ) => (stringOf(alias).length === 1 ? `-${stringOf(alias)}` : `--${stringOf(alias)}`))
        : []
      const takesValue = primitive.type !== "boolean"
      return [{
        name: `--${stringOf(options["name"])}`,
        aliases,
        description: descriptionOf(options["description"]),
        type: primitive.type,
        takesValue,
        placeholder: takesValue ? placeholderOf(options["pseudoName"], primitive, stringOf(options["name"])) : "",
        choices: primitive.choices,
        required: within.required,
        repeated: false,
        defaultValue: within.defaultValue
      }]
    }
    case "Map":
      return flagsOf(options["options"], within)
    case "Both":
      return [...flagsOf(options["left"], within), ...flagsOf(options["right"], within)]
    case "OrElse":
      return [...flagsOf(options["left"], { required: false }), ...flagsOf(options["right"], { required: false })]
    case "WithDefault": {
      const defaultValue = shownDefault(options["fallback"])
      return flagsOf(
        options["options"],
        defaultValue === undefined ? { required: false } : { required: false, defaultValue }
      )
    }
    case "WithFallback":
      return flagsOf(options["options"], { required: false })
    case "Variadic":
    case "KeyValueMap": {
      const min = someOf(options["min"])
      return flagsOf(options["argumentOption"], within).map((flag) => ({
        ...flag,
        required: within.required && typeof min === "number" && min > 0,
        repeated: true
      }))
    }
    default:
      return []
  }
}

/** The positional arguments of an args tree. */
const positionalsOf = (args: unknown, required: boolean): Array<Positional> => {
  if (!isRaw(args)) return []
  switch (tagOf(args)) {
    case "Single": {
      const primitive = primitiveOf(args["primitiveType"])
      const name = stringOf(args["name"])
      return [{
        name,
        description: descriptionOf(args["description"]),
        type: primitive.type,
        placeholder: someOf(args["pseudoName"]) === undefined && primitive.type === "text"
          ? name.toUpperCase()
          : placeholderOf(args["pseudoName"], primitive, name),
        choices: primitive.choices,
        required,
        repeated: false
      }]
    }
    case "Map":
      return positionalsOf(args["args"], required)
    case "Both":
      return [...positionalsOf(args["left"], required), ...positionalsOf(args["right"], required)]
    case "Variadic": {
      const min = someOf(args["min"])
      return positionalsOf(args["args"], required && typeof min === "number" && min > 0).map((positional) => ({
        ...positional,
        repeated: true
      }))
    }
    case "WithDefault":
    case "WithFallbackConfig":
      return positionalsOf(args["args"], false)
    default:
      return []
  }
}

const nodeOf = (descriptor: unknown, parentPath: ReadonlyArray<string>, isRoot: boolean): Node | undefined => {
  if (!isRaw(descriptor)) return undefined
  switch (tagOf(descriptor)) {
    case "Standard":
    case "GetUserInput": {
      const name = stringOf(descriptor["name"])
      return {
        name,
        path: isRoot ? [] : [...parentPath, name],
        description: descriptionOf(descriptor["description"]),
        flags: flagsOf(descriptor["options"], { required: true }),
        positionals: positionalsOf(descriptor["args"], true),
        children: []
      }
    }
    case "Map":
      return nodeOf(descriptor["command"], parentPath, isRoot)
    case "Subcommands": {
      const parent = nodeOf(descriptor["parent"], parentPath, isRoot)
      if (parent === undefined) return undefined
      const children = Array.isArray(descriptor["children"]) ? descriptor["children"] : []
      return {
        ...parent,
        children: children.flatMap((child: unknown) => {
          const node = nodeOf(child, parent.path, false)
          return node === undefined ? [] : [node]
        })
      }
    }
    default:
      return undefined
  }
}

const trees = new WeakMap<object, Node>()

/**
 * The tree of a command and its subcommands (read once per command).
 */
export const of = (command: { readonly descriptor: object }): Node => {
  const known = trees.get(command)
  if (known !== undefined) return known
  const node = nodeOf(command.descriptor, [], true) ?? {
    name: "",
    path: [],
    description: "",
    flags: [],
    positionals: [],
    children: []
  }
  trees.set(command, node)
  return node
}

/** Every command of a tree, depth first, the root first. */
export const all = (node: Node): ReadonlyArray<Node> => [node, ...node.children.flatMap(all)]

/** The command a path names, if any. */
export const find = (root: Node, path: ReadonlyArray<string>): Node | undefined => {
  let node: Node | undefined = root
  for (const word of path) node = node?.children.find((child) => child.name === word)
  return node
}
