import { describe, expect, it } from "@effect/vitest"
import { build } from "esbuild"
import { fileURLToPath } from "node:url"

const examples = fileURLToPath(new URL("..", import.meta.url))

/** Every workspace source file an entry point pulls in, as esbuild resolves it for a user's bundle. */
const workspaceInputs = async (entry: string): Promise<ReadonlyArray<string>> => {
  const result = await build({
    stdin: { contents: entry, resolveDir: examples, loader: "ts" },
    absWorkingDir: fileURLToPath(new URL("../..", import.meta.url)),
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    logLevel: "silent",
    external: ["effect", "@effect/*", "jose"]
  })
  return Object.keys(result.metafile.inputs).filter((input) => input.startsWith("packages/"))
}

describe("package isolation", () => {
  for (
    const [adapter, others] of [
      ["vonage", ["woztell", "kaleyra", "meta"]],
      ["woztell", ["vonage", "kaleyra", "meta"]],
      ["kaleyra", ["vonage", "woztell", "meta"]],
      ["meta", ["vonage", "woztell", "kaleyra"]]
    ] as const
  ) {
    it(`importing @wa-admin/${adapter} loads neither ${others.join(" nor ")}, nor its emulator`, async () => {
      const inputs = await workspaceInputs(`export * from "@wa-admin/${adapter}"`)
      expect(inputs.some((input) => input.startsWith(`packages/${adapter}/src/`))).toBe(true)
      for (const other of others) expect(inputs.filter((input) => input.startsWith(`packages/${other}/`))).toEqual([])
      expect(inputs.filter((input) => input.includes("/emulator/"))).toEqual([])
      expect(inputs.filter((input) => input.includes("/testing/"))).toEqual([])
    })
  }

  it("importing @wa-admin/core loads no adapter and not the testing entry", async () => {
    const inputs = await workspaceInputs(`export * from "@wa-admin/core"`)
    expect(inputs.filter((input) => !input.startsWith("packages/core/src/"))).toEqual([])
    expect(inputs.filter((input) => input.includes("/testing/"))).toEqual([])
  })
})
