/**
 * One esbuild configuration for every program the bench bundles to run under plain `node`
 * (the template-stream child, the per-call measurements, the bundle-size programs): one ESM file
 * for Node.js 20, with `require` defined for the CommonJS dependencies (undici) that load
 * Node's built-ins.
 */
import * as esbuild from "esbuild"

/** Bundles `entry` into `outfile`; `minify` and `metafile` as esbuild takes them. */
export const bundle = (
  entry: string,
  outfile: string,
  options: { readonly minify?: boolean } = {}
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
    banner: {
      js:
        "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);"
    }
  })
