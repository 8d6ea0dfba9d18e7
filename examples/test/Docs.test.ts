/**
 * The documentation as a reader meets it: every TypeScript block of the READMEs and guides
 * (`README.md`, `docs/*.md`, `packages/<name>/README.md`, `examples/README.md`) and every
 * `@example` of a documented package's JSDoc compiles, and every export of a documented package
 * says since when it exists (`@since`).
 *
 * A documented package is one with a `docgen.json`: `pnpm docs` generates its API reference with
 * @effect/docgen, which refuses a missing `@since` and type-checks and runs the examples. This
 * test is the fast part of that check, for every run of the suite: the snippets are compiled
 * together in one TypeScript program held in memory, as files of this workspace's `examples`
 * package (which depends on every documented package), so nothing is written.
 */
import { describe, expect, it } from "@effect/vitest"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"

const root = fileURLToPath(new URL("../..", import.meta.url))

/** A piece of TypeScript found in the documentation, and where it was found. */
interface Snippet {
  readonly origin: string
  /** The origin's line the snippet's first line is on (1-based). */
  readonly line: number
  readonly code: string
}

const markdownFiles = (): ReadonlyArray<string> => [
  "README.md",
  "examples/README.md",
  ...(existsSync(join(root, "docs"))
    ? readdirSync(join(root, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`)
    : []),
  ...readdirSync(join(root, "packages"))
    .map((name) => `packages/${name}/README.md`)
    .filter((path) => existsSync(join(root, path)))
]

/** The ```ts blocks of a markdown file. */
const markdownSnippets = (path: string): ReadonlyArray<Snippet> => {
  const lines = readFileSync(join(root, path), "utf8").split("\n")
  const snippets: Array<Snippet> = []
  let open: { readonly line: number; readonly body: Array<string> } | undefined
  lines.forEach((text, index) => {
    if (open === undefined) {
      if (/^```(ts|typescript)\s*$/.test(text)) open = { line: index + 2, body: [] }
    } else if (/^```\s*$/.test(text)) {
      snippets.push({ origin: path, line: open.line, code: open.body.join("\n") })
      open = undefined
    } else {
      open.body.push(text)
    }
  })
  return snippets
}

/** The packages with an API reference (a `docgen.json`), and its settings. */
const documented = readdirSync(join(root, "packages"))
  .filter((name) => existsSync(join(root, "packages", name, "docgen.json")))
  .map((name) => ({
    name,
    exclude:
      (JSON.parse(readFileSync(join(root, "packages", name, "docgen.json"), "utf8")) as { exclude?: Array<string> })
        .exclude ?? []
  }))

/** The public modules of a documented package: its sources but those docgen excludes. */
const publicModules = (name: string, exclude: ReadonlyArray<string>): ReadonlyArray<string> => {
  const excluded = exclude.map((pattern) => pattern.replace(/\/\*\*$/, "/"))
  const found: Array<string> = []
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory)) {
      const path = join(directory, entry)
      const local = relative(join(root, "packages", name), path)
      if (statSync(path).isDirectory()) {
        if (!excluded.includes(`${local}/`)) walk(path)
      } else if (entry.endsWith(".ts") && !entry.endsWith(".d.ts")) {
        found.push(relative(root, path))
      }
    }
  }
  walk(join(root, "packages", name, "src"))
  return found
}

const modules = documented.flatMap(({ exclude, name }) => publicModules(name, exclude))

const parse = (path: string) =>
  ts.createSourceFile(path, readFileSync(join(root, path), "utf8"), ts.ScriptTarget.ES2022, true)

/** The `@example` blocks of a module's JSDoc comments. */
const exampleSnippets = (path: string): ReadonlyArray<Snippet> => {
  const text = readFileSync(join(root, path), "utf8")
  const snippets: Array<Snippet> = []
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const firstLine = text.slice(0, comment.index).split("\n").length
    const lines = comment[0].split("\n").map((line) => line.replace(/^\s*\/?\*\*?\/?\s?/, ""))
    let open: { readonly line: number; readonly body: Array<string> } | undefined
    const close = () => {
      if (open !== undefined) snippets.push({ origin: path, line: open.line, code: open.body.join("\n") })
      open = undefined
    }
    lines.forEach((line, index) => {
      if (/^@\w+/.test(line)) {
        close()
        if (line.startsWith("@example")) open = { line: firstLine + index + 1, body: [] }
      } else if (open !== undefined) {
        open.body.push(line)
      }
    })
    close()
  }
  // An example may be fenced (```ts … ```), as docgen allows.
  return snippets.map((snippet) => ({ ...snippet, code: snippet.code.replace(/^```\w*$/gm, "") }))
}

/** The JSDoc comments before a node. */
const jsDocBefore = (node: ts.Node, source: ts.SourceFile): ReadonlyArray<string> =>
  source.text.slice(node.getFullStart(), node.getStart(source)).match(/\/\*\*[\s\S]*?\*\//g) ?? []

/** Whether the JSDoc before a node says since when it exists. */
const hasSince = (node: ts.Node, source: ts.SourceFile): boolean =>
  jsDocBefore(node, source).some((comment) => /@since\s+\d+\.\d+\.\d+/.test(comment))

/** Whether a node is marked `@internal`: left out of the API reference, as docgen does. */
const isInternal = (node: ts.Node, source: ts.SourceFile): boolean =>
  jsDocBefore(node, source).some((comment) => /@internal\b/.test(comment))

const isExported = (node: ts.Node): boolean =>
  ts.canHaveModifiers(node) &&
  (ts.getModifiers(node)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false)

/** A class's methods and properties that docgen documents (not its accessors, nor private ones). */
const isPublicMember = (member: ts.ClassElement): boolean =>
  (ts.isMethodDeclaration(member) || ts.isPropertyDeclaration(member)) &&
  !(member.name !== undefined && ts.isPrivateIdentifier(member.name)) &&
  !(ts.getModifiers(member)?.some((modifier) =>
    modifier.kind === ts.SyntaxKind.PrivateKeyword || modifier.kind === ts.SyntaxKind.ProtectedKeyword
  ) ?? false)

const nameOf = (node: ts.Node, source: ts.SourceFile): string => {
  const named = node as { readonly name?: ts.Node }
  return named.name !== undefined ? named.name.getText(source) : node.getText(source).split("\n")[0] ?? ""
}

/** Every export of a module (and every public member of an exported class) without `@since`. */
const missingSince = (path: string): ReadonlyArray<string> => {
  const source = parse(path)
  const missing: Array<string> = []
  const first = source.statements[0]
  if (first === undefined || !hasSince(first, source)) missing.push(`${path}: the module's documentation`)
  for (const statement of source.statements) {
    const exported = isExported(statement) || ts.isExportDeclaration(statement)
    if (!exported || isInternal(statement, source)) continue
    if (
      ts.isExportDeclaration(statement) && statement.exportClause !== undefined &&
      ts.isNamedExports(statement.exportClause)
    ) {
      // `export { a, b } from "./internal/x.js"`: each name carries its own documentation.
      for (const element of statement.exportClause.elements) {
        if (!hasSince(element, source) && !hasSince(statement, source)) missing.push(`${path}: ${element.name.text}`)
      }
      continue
    }
    if (!hasSince(statement, source)) missing.push(`${path}: ${nameOf(statement, source)}`)
    if (ts.isClassDeclaration(statement)) {
      for (const member of statement.members.filter(isPublicMember)) {
        if (!hasSince(member, source) && !isInternal(member, source)) {
          missing.push(`${path}: ${statement.name?.text ?? "class"}#${nameOf(member, source)}`)
        }
      }
    }
  }
  return missing
}

/**
 * Where each workspace package's entries are, by its (development) exports map: a snippet may
 * import any package of the workspace, whether or not `examples` depends on it.
 */
const workspacePaths = (): Record<string, Array<string>> => {
  const paths: Record<string, Array<string>> = {}
  for (const directory of readdirSync(join(root, "packages"))) {
    const manifestPath = join(root, "packages", directory, "package.json")
    if (!existsSync(manifestPath)) continue
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
      readonly name: string
      readonly exports?: Readonly<Record<string, unknown>>
    }
    for (const [entry, target] of Object.entries(manifest.exports ?? {})) {
      if (typeof target !== "string" || !target.endsWith(".ts")) continue
      paths[`${manifest.name}${entry.slice(1)}`] = [join("packages", directory, target)]
    }
  }
  return paths
}

/** The compiler options snippets are held to: a user's strict project. */
const options: ts.CompilerOptions = {
  baseUrl: root,
  paths: workspacePaths(),
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: ["node"],
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
  noEmit: true
}

/** Compiles the snippets together, each as its own module of the `examples` package; answers the errors. */
const compile = (snippets: ReadonlyArray<Snippet>): ReadonlyArray<string> => {
  const files = new Map(
    snippets.map((snippet, index) => [
      join(root, "examples", ".snippets", `snippet-${index}.ts`),
      { snippet, text: `${snippet.code}\nexport {}\n` }
    ])
  )
  const host = ts.createCompilerHost(options, true)
  const fileExists = host.fileExists.bind(host)
  const readFile = host.readFile.bind(host)
  const getSourceFile = host.getSourceFile.bind(host)
  host.fileExists = (path) => files.has(path) || fileExists(path)
  host.readFile = (path) => files.get(path)?.text ?? readFile(path)
  host.getSourceFile = (path, language, onError, shouldCreate) => {
    const file = files.get(path)
    return file === undefined
      ? getSourceFile(path, language, onError, shouldCreate)
      : ts.createSourceFile(path, file.text, language, true)
  }
  const program = ts.createProgram([...files.keys()], options, host)
  return [...files].flatMap(([path, { snippet }]) => {
    const source = program.getSourceFile(path)
    if (source === undefined) return [`${snippet.origin}:${snippet.line}: not compiled`]
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((diagnostic) => {
      const at = diagnostic.start === undefined ? 0 : source.getLineAndCharacterOfPosition(diagnostic.start).line
      return `${snippet.origin}:${snippet.line + at}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`
    })
  })
}

describe("documentation", () => {
  it("documents the packages that have an API reference", () => {
    expect(documented.map(({ name }) => name)).toEqual(expect.arrayContaining(["core", "kaleyra", "vonage", "woztell"]))
    expect(modules.length).toBeGreaterThan(40)
  })

  it("says since when every export of a documented package exists", () => {
    expect(modules.flatMap(missingSince)).toEqual([])
  })

  it("compiles every TypeScript block of the READMEs and guides and every @example", () => {
    const snippets = [...markdownFiles().flatMap(markdownSnippets), ...modules.flatMap(exampleSnippets)]
    expect(snippets.filter((snippet) => snippet.origin.endsWith(".md")).length).toBeGreaterThan(10)
    expect(snippets.filter((snippet) => snippet.origin.endsWith(".ts")).length).toBeGreaterThan(30)
    expect(compile(snippets)).toEqual([])
  }, 180_000)
})
