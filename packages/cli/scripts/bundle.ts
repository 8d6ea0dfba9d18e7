/**
 * Builds the `wa-admin` executable as it is published: `src/bin.ts` bundled by esbuild into
 * `dist/bundle/` (ESM for Node 20, minified), which `bin/wa-admin.js` imports. The library
 * entry (`dist/index.js`, from tsc) is not bundled.
 *
 * Why a bundle: tsc's output imports effect, @effect/platform and @effect/cli as their own
 * modules — some 840 files, 10 MB, read and compiled by Node on every start (1.7 s for
 * `--version` against 0.13 s for `node -e 0`). The bundle is split so that start-up loads only
 * the command tree, @effect/cli and the part of effect they use; each command's program, the
 * port, each adapter and each emulator is a chunk imported when a command needs it.
 *
 * Two things keep the start-up chunks small:
 * - the command modules (`src/commands/`) hold flags and descriptions only, and load their
 *   programs (`src/programs/`) when they run;
 * - `import { Effect, Schema } from "effect"` in the workspace's sources is read as
 *   `import * as Effect from "effect/Effect"` … (what the barrel re-exports, module by module).
 *   Through the barrel a module's namespace object is built, and every export of that module
 *   becomes part of the bundle — and, for a module start-up also uses (Effect, Schema, Stream …),
 *   part of the chunks loaded at start-up.
 *
 * Usage: `tsx scripts/bundle.ts [outdir]` (default `dist/bundle`, relative to the package).
 */
import * as esbuild from "esbuild"
import { readFileSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const packageDirectory = fileURLToPath(new URL("../", import.meta.url))

/**
 * The dependencies that cannot be bundled: better-sqlite3 (the SQLite engine of the state store)
 * is a native addon, so it stays an import of the bundle and is the command line's one
 * dependency (package.json `dependencies`).
 */
const native = ["better-sqlite3"] as const

/** The barrels whose named imports are read as imports of the modules they re-export. */
const barrels = ["effect", "@effect/platform", "@effect/platform-node"] as const

/** Where each name a barrel exports comes from: a whole module (`namespace`) or one export of it. */
interface Origin {
  readonly module: string
  readonly namespace: boolean
}

/** The names the barrel's ESM index exports: `export * as X from "./X.js"`, `export { a } from "./F.js"`. */
const exportsOf = (barrelIndex: string): ReadonlyMap<string, Origin> => {
  const index = readFileSync(barrelIndex, "utf8")
  const origins = new Map<string, Origin>()
  for (const [, name, module] of index.matchAll(/export \* as (\w+) from "\.\/([\w/]+)\.js"/g)) {
    if (name !== undefined && module !== undefined) origins.set(name, { module, namespace: true })
  }
  for (const [, names, module] of index.matchAll(/export \{([^}]*)\} from "\.\/([\w/]+)\.js"/g)) {
    if (names === undefined || module === undefined) continue
    for (const name of names.split(",").map((part) => part.trim()).filter((part) => part.length > 0)) {
      origins.set(name, { module, namespace: false })
    }
  }
  return origins
}

const barrelImport = /^import\s+(type\s+)?\{([^}]*)\}\s+from\s+"(effect|@effect\/platform|@effect\/platform-node)"/gm

/**
 * Rewrites the named value imports of {@link barrels} in the workspace's TypeScript sources into
 * imports of the modules they name. Type-only imports are left alone (they are erased).
 */
const moduleImports: esbuild.Plugin = {
  name: "wa-admin-module-imports",
  setup(build) {
    const barrelExports = new Map<string, ReadonlyMap<string, Origin>>()
    const originsOf = (barrel: string, importer: string): ReadonlyMap<string, Origin> => {
      const packageJson = createRequire(importer).resolve(`${barrel}/package.json`)
      const known = barrelExports.get(packageJson)
      if (known !== undefined) return known
      const origins = exportsOf(join(dirname(packageJson), "dist", "esm", "index.js"))
      barrelExports.set(packageJson, origins)
      return origins
    }
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined
      const source = readFileSync(args.path, "utf8")
      const errors: Array<esbuild.PartialMessage> = []
      const contents = source.replace(
        barrelImport,
        (statement, typeOnly: string | undefined, names: string, barrel: string) => {
          if (typeOnly !== undefined) return statement
          const origins = originsOf(barrel, args.path)
          const imports: Array<string> = []
          const types: Array<string> = []
          for (const specifier of names.split(",").map((part) => part.trim()).filter((part) => part.length > 0)) {
            if (specifier.startsWith("type ")) {
              types.push(specifier.slice("type ".length))
              continue
            }
            const [name = specifier, local = name] = specifier.split(/\s+as\s+/)
            const origin = origins.get(name)
            if (origin === undefined) {
              errors.push({ text: `"${barrel}" exports no "${name}" that the bundle knows of` })
              return statement
            }
            imports.push(
              origin.namespace
                ? `import * as ${local} from "${barrel}/${origin.module}"`
                : `import { ${specifier} } from "${barrel}/${origin.module}"`
            )
          }
          if (types.length > 0) imports.push(`import type { ${types.join(", ")} } from "${barrel}"`)
          return imports.join("; ")
        }
      )
      return { contents, loader: "ts", errors }
    })
  }
}

/**
 * Bundles `src/bin.ts` into `outdir` (emptied first): `wa-admin.js` and its chunks.
 */
export const bundle = async (outdir: string): Promise<esbuild.Metafile> => {
  rmSync(outdir, { recursive: true, force: true })
  const result = await esbuild.build({
    entryPoints: { "wa-admin": join(packageDirectory, "src", "bin.ts") },
    outdir,
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    minify: true,
    metafile: true,
    logLevel: "warning",
    plugins: [moduleImports],
    // Native: loaded from the package's own dependencies (see `native` above).
    external: [...native],
    // Some dependencies (undici, ws) are CommonJS and `require` Node's built-ins.
    banner: {
      js:
        "import { createRequire as __waAdminCreateRequire } from 'node:module'; const require = __waAdminCreateRequire(import.meta.url);"
    }
  })
  return result.metafile
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundle(resolve(packageDirectory, process.argv[2] ?? join("dist", "bundle")))
}
