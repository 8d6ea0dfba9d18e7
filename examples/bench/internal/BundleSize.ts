/**
 * The weight of wa-admin in a program: `programs/VonageProfile.ts` (a profile read with
 * `@wa-admin/vonage`) against `programs/DirectProfile.ts` (the same read written directly on
 * effect + @effect/platform's HttpClient, with the same JWT library), both bundled by esbuild
 * for Node as tree-shaken, minified ESM and gzipped. Both bundles are then run against the
 * emulator, to be sure they are working programs that do the same thing; and the wa-admin
 * bundle is searched for code of any other adapter or of any emulator.
 */
import { spawnSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { gzipSync } from "node:zlib"
import type { Description } from "./EmulatorHost.js"
import * as NodeBundle from "./NodeBundle.js"
import { fromRoot } from "./Paths.js"

/** Sizes in bytes. */
export interface Bundle {
  readonly minified: number
  readonly gzipped: number
  /** Bytes of the output by where they came from (`@wa-admin/core`, `effect`, `jose` …). */
  readonly byOrigin: ReadonlyArray<readonly [string, number]>
  /** Inputs from another adapter (WOZTELL, Kaleyra), the CLI or an emulator: should be none. */
  readonly foreign: ReadonlyArray<string>
}

export interface Result {
  readonly ours: Bundle
  readonly direct: Bundle
}

const originOf = (input: string): string => {
  const workspace = /packages\/([^/]+)\/src\//.exec(input)
  if (workspace !== null) return `@wa-admin/${workspace[1]}`
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(input)
  return dependency?.[1] ?? input
}

const isForeign = (input: string): boolean =>
  /packages\/(woztell|kaleyra|cli)\//.test(input) || /packages\/[^/]+\/src\/(emulator|testing)\//.test(input)

const bundle = async (entry: string, outfile: string): Promise<Bundle> => {
  const build = await NodeBundle.bundle(entry, outfile, { minify: true })
  const code = readFileSync(outfile)
  const output = Object.values(build.metafile.outputs)[0]
  const byOrigin = new Map<string, number>()
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const origin = originOf(input)
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + bytesInOutput)
  }
  return {
    minified: code.length,
    gzipped: gzipSync(code, { level: 9 }).length,
    byOrigin: [...byOrigin].sort((left, right) => right[1] - left[1]),
    foreign: Object.keys(build.metafile.inputs).filter(isForeign)
  }
}

/** Runs a bundle against the emulator and answers the profile it printed. */
const runBundle = (file: string, vonage: Description["vonage"]): { readonly about?: string } => {
  const deployment = vonage.deployments[0] ?? ""
  const result = spawnSync(process.execPath, [file], {
    encoding: "utf8",
    env: {
      ...process.env,
      VONAGE_WHATSAPP_MANAGER_URL: vonage.url,
      VONAGE_APPLICATION_ID: vonage.applicationId,
      VONAGE_PRIVATE_KEY: vonage.privateKey,
      VONAGE_DEPLOYMENT_ID: deployment
    }
  })
  if (result.status !== 0) throw new Error(`${file} failed (${result.status}): ${result.stderr.slice(-2000)}`)
  return JSON.parse(result.stdout.trim()) as { readonly about?: string }
}

export const run = async (directory: string, vonage: Description["vonage"]): Promise<Result> => {
  const oursFile = join(directory, "vonage-profile.mjs")
  const directFile = join(directory, "direct-profile.mjs")
  const ours = await bundle(fromRoot("examples/bench/programs/VonageProfile.ts"), oursFile)
  const direct = await bundle(fromRoot("examples/bench/programs/DirectProfile.ts"), directFile)
  const oursProfile = runBundle(oursFile, vonage)
  const directProfile = runBundle(directFile, vonage)
  if (oursProfile.about === undefined || oursProfile.about !== directProfile.about) {
    throw new Error("the two bundled programs did not read the same profile")
  }
  return { ours, direct }
}
