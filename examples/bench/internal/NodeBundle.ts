/**
 * One esbuild configuration for every program the bench bundles to run under plain `node`
 * (the template-stream child, the per-call measurements, the bundle-size programs): one ESM file
 * for Node.js 20, with `require` defined for the CommonJS dependencies (undici) that load
 * Node's built-ins.
 */
import * as esbuild from "esbuild"

/**
 * Bundles `entry` into `outfile`; `minify` as esbuild takes it. `native` names packages left out
 * of the bundle and imported from where they are installed (`name` → its resolved entry file): a
 * native addon finds its binary next to its own files, so it cannot be bundled, and a bundle
 * written outside the workspace could not resolve it by name. `optional` names imports a
 * dependency makes only when asked for what it does not hold (left unresolved).
 */
export const bundle = (
  entry: string,
  outfile: string,
  options: {
    readonly minify?: boolean
    readonly native?: Readonly<Record<string, string>>
    readonly optional?: ReadonlyArray<string>
  } = {}
): Promise<esbuild.BuildResult<{ metafile: true }>> =>
  esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    minify: options.minify ?? false,
    treeShaking: true,
    metafile: true,
    logLevel: "error",
    external: [...(options.optional ?? [])],
    plugins: [{
      name: "native",
      setup: (build: esbuild.PluginBuild) => {
        for (const [name, path] of Object.entries(options.native ?? {})) {
          build.onResolve({ filter: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) }, () => ({
            path,
            external: true
          }))
        }
      }
    }],
    banner: {
      js:
        "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);"
    }
  })
