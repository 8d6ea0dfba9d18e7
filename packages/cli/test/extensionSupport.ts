/**
 * Running `wa-admin`'s provider extension commands against the emulators in tests.
 */
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Effect } from "effect"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as Providers from "../src/Providers.js"
import { runWith } from "./harness.js"

/** A WOZTELL emulator and a CLI configured for it by the environment `wa-admin emulator` prints. */
export const againstWoztell = (options?: WoztellEmulator.Options) =>
  Effect.gen(function*() {
    const emulator = yield* Effect.orDie(WoztellEmulator.make(options))
    const cli = runWith(Providers.layer, { WA_ADMIN_PROVIDER: "woztell", ...emulator.environment })
    return { emulator, cli }
  })

/** A temporary directory for this scope; `write` puts a file in it and answers its path. */
export const temporaryFiles = Effect.map(
  Effect.acquireRelease(
    Effect.sync(() => mkdtempSync(join(tmpdir(), "wa-admin-cli-"))),
    (directory) => Effect.sync(() => rmSync(directory, { recursive: true, force: true }))
  ),
  (directory) => ({
    write: (name: string, content: string | Uint8Array) => {
      const path = join(directory, name)
      writeFileSync(path, content)
      return path
    }
  })
)
