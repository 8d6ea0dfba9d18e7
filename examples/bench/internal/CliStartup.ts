/**
 * `wa-admin --version` (and `wa-admin --help`) against `node -e 0`, on the executable as it is
 * published.
 *
 * What a user runs is `bin/wa-admin.js`, which imports `dist/bundle/wa-admin.js`: the bundle
 * the package's build writes after tsc (`packages/cli/scripts/bundle.ts`, run by
 * `pnpm --filter @wa-admin/cli build`). The bundle is the published executable because tsc's
 * output cannot start fast: it imports effect, @effect/platform and @effect/cli as their own
 * modules, some 840 files and 10 MB for `--version` (1.7 s where `node -e 0` takes 0.13 s), while
 * the bundle loads a dozen files. So this phase runs that same build script into a scratch
 * directory, lays the package out as npm installs it (`package.json`, `bin/`, `dist/bundle/`,
 * and no `node_modules`, so nothing can be borrowed from the workspace), checks that it works
 * (`--version` prints the version, `--help` lists every command, a command that loads the port
 * and the in-memory adapter runs), and then starts `--version`, `--help` and `node -e 0`
 * alternately and compares the medians.
 *
 * The bytes loaded are counted, not estimated: a module hook records every module file Node
 * loads to answer `--version`.
 */
import { spawnSync } from "node:child_process"
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { fromRoot } from "./Paths.js"
import { median } from "./Stats.js"

/** Medians in milliseconds. */
export interface Result {
  readonly cliMillis: number
  readonly nodeMillis: number
  /** `wa-admin --help`: the whole command tree rendered. */
  readonly helpMillis: number
  readonly runs: number
  readonly version: string
  /** Bytes of JavaScript Node loaded to answer `--version`. */
  readonly startupBytes: number
  /** How many module files that was. */
  readonly startupModules: number
}

/** The command groups `wa-admin --help` must list. */
const commands = [
  "numbers",
  "profile",
  "media",
  "templates",
  "migrate",
  "capabilities",
  "emulator",
  "demo",
  "stickers",
  "flows",
  "analytics",
  "catalogs",
  "products",
  "encryption",
  "waba"
]

/** Runs node; fails when the program does. */
const node = (args: ReadonlyArray<string>, environment: Readonly<Record<string, string>> = {}) => {
  const started = performance.now()
  const result = spawnSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, ...environment } })
  const millis = performance.now() - started
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed (${result.status}): ${result.stderr}`)
  return { millis, stdout: result.stdout }
}

/** The package as npm installs it, built by the package's own build script. */
const install = (directory: string): string => {
  mkdirSync(join(directory, "bin"), { recursive: true })
  copyFileSync(fromRoot("packages/cli/package.json"), join(directory, "package.json"))
  copyFileSync(fromRoot("packages/cli/bin/wa-admin.js"), join(directory, "bin", "wa-admin.js"))
  node([
    fromRoot("node_modules/tsx/dist/cli.mjs"),
    fromRoot("packages/cli/scripts/bundle.ts"),
    join(directory, "dist", "bundle")
  ])
  return join(directory, "bin", "wa-admin.js")
}

/** Every module file Node loads to run `args`, by a module hook registered before the program. */
const loadedFiles = (directory: string, args: ReadonlyArray<string>): ReadonlyArray<string> => {
  const hooks = join(directory, "hooks")
  mkdirSync(hooks, { recursive: true })
  const record = join(hooks, "loaded.txt")
  writeFileSync(record, "")
  writeFileSync(
    join(hooks, "record.mjs"),
    [
      `import { appendFileSync } from "node:fs"`,
      `export const load = async (url, context, next) => {`,
      `  if (url.startsWith("file:")) appendFileSync(${JSON.stringify(record)}, url + "\\n")`,
      `  return next(url, context)`,
      `}`
    ].join("\n")
  )
  writeFileSync(
    join(hooks, "register.mjs"),
    `import { register } from "node:module"\nregister(${
      JSON.stringify(pathToFileURL(join(hooks, "record.mjs")).href)
    })\n`
  )
  node(["--import", pathToFileURL(join(hooks, "register.mjs")).href, ...args])
  return [...new Set(readFileSync(record, "utf8").split("\n").filter((line) => line.length > 0))].map((url) =>
    fileURLToPath(url)
  )
}

export const run = async (directory: string, runs: number): Promise<Result> => {
  const bin = install(directory)

  const version = node([bin, "--version"]).stdout.trim()
  const manifest: unknown = JSON.parse(readFileSync(fromRoot("packages/cli/package.json"), "utf8"))
  const expected = typeof manifest === "object" && manifest !== null && "version" in manifest
    ? manifest.version
    : undefined
  if (version !== expected) {
    throw new Error(`wa-admin --version printed "${version}", expected ${JSON.stringify(expected)}`)
  }
  const help = node([bin, "--help"]).stdout
  const unlisted = commands.filter((command) => !help.includes(command))
  if (unlisted.length > 0) throw new Error(`wa-admin --help does not list: ${unlisted.join(", ")}`)
  const capabilities = node([bin, "capabilities", "--provider", "memory", "--json"]).stdout
  if (!capabilities.includes(`"provider":"memory"`)) throw new Error(`wa-admin capabilities answered: ${capabilities}`)

  const files = loadedFiles(directory, [bin, "--version"])
  const startupBytes = files.reduce((sum, file) => sum + statSync(file).size, 0)

  node(["-e", "0"])
  const cli: Array<number> = []
  const helps: Array<number> = []
  const bare: Array<number> = []
  const programs: ReadonlyArray<readonly [Array<number>, ReadonlyArray<string>]> = [
    [cli, [bin, "--version"]],
    [bare, ["-e", "0"]],
    [helps, [bin, "--help"]]
  ]
  for (let run = 0; run < runs; run++) {
    for (const [samples, args] of run % 2 === 0 ? programs : [...programs].reverse()) samples.push(node(args).millis)
  }
  return {
    cliMillis: median(cli),
    nodeMillis: median(bare),
    helpMillis: median(helps),
    runs,
    version,
    startupBytes,
    startupModules: files.length
  }
}
