/**
 * The openapi-fetch client the bench compares with is typed by `vonage-openapi.d.ts`, generated
 * from Vonage's OpenAPI document with
 *
 *     examples/node_modules/.bin/openapi-typescript \
 *       packages/vonage/test/emulator/fixtures/vonage-whatsapp-manager.openapi.yaml \
 *       -o examples/bench/vonage-openapi.d.ts
 *
 * The bench regenerates it into a temporary directory and checks the committed file is current.
 */
import { spawnSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { fromRoot } from "./Paths.js"

export const document = "packages/vonage/test/emulator/fixtures/vonage-whatsapp-manager.openapi.yaml"
export const committed = "examples/bench/vonage-openapi.d.ts"

/** Regenerates the types into `directory` and answers whether the committed file matches. */
export const isCurrent = (directory: string): boolean => {
  const generated = join(directory, "vonage-openapi.d.ts")
  const result = spawnSync(fromRoot("examples/node_modules/.bin/openapi-typescript"), [
    fromRoot(document),
    "-o",
    generated
  ], {
    encoding: "utf8"
  })
  if (result.status !== 0) throw new Error(`openapi-typescript failed: ${result.stderr}`)
  return readFileSync(generated, "utf8") === readFileSync(fromRoot(committed), "utf8")
}
