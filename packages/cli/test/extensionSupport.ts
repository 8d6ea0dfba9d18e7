/**
 * Running `wa-admin` against the provider emulators in tests: a CLI configured only by the
 * environment an emulator prints, a Vonage deployment to act on, and temporary files.
 */
import { assert } from "@effect/vitest"
import { VonageEmulator } from "@wa-admin/vonage/emulator"
import { QuotaStore } from "@wa-admin/woztell"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Effect } from "effect"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as Providers from "../src/Providers.js"
import { runWith, vonageProvision } from "./harness.js"

/**
 * A CLI of the built-in providers, `provider` chosen by `WA_ADMIN_PROVIDER`, configured by the
 * environment the emulator prints (and `local`, the settings of local state such as a quota directory).
 */
export const cliAgainst = (
  provider: string,
  emulator: { readonly environment: Readonly<Record<string, string>> },
  local: Readonly<Record<string, string>> = {}
) => runWith(Providers.layer, { WA_ADMIN_PROVIDER: provider, ...emulator.environment, ...local })

/**
 * A WOZTELL emulator, a CLI configured for it by the environment `wa-admin emulator` prints, and
 * a temporary directory holding its template quotas and the `files` a test writes.
 */
export const againstWoztell = (options?: WoztellEmulator.Options) =>
  Effect.gen(function*() {
    const emulator = yield* Effect.orDie(WoztellEmulator.make(options))
    const files = yield* temporaryFiles
    const cli = cliAgainst("woztell", emulator, { [QuotaStore.directoryVariable]: files.path("quota") })
    return { emulator, cli, files }
  })

/** A Vonage emulator, a CLI configured for it by its environment, and a number provisioned there (its deployment). */
export const againstVonageDeployment = (options?: VonageEmulator.Options) =>
  Effect.gen(function*() {
    const emulator = yield* VonageEmulator.make(options)
    const cli = cliAgainst("vonage", emulator)
    const provisioned = yield* cli("--json", ...vonageProvision())
    assert.strictEqual(provisioned.exitCode, 0, provisioned.stderr)
    const deploymentId: string = JSON.parse(provisioned.stdout).id
    return { emulator, cli, deploymentId }
  })

/** A temporary directory, removed with the scope. */
export const temporaryDirectory = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "wa-admin-cli-"))),
  (directory) => Effect.sync(() => rmSync(directory, { recursive: true, force: true }))
)

/**
 * A temporary directory for this scope: `path` answers the path of a name in it, `write` puts a
 * file there and answers its path.
 */
export const temporaryFiles = Effect.map(temporaryDirectory, (directory) => ({
  path: (name: string) => join(directory, name),
  write: (name: string, content: string | Uint8Array) => {
    const path = join(directory, name)
    writeFileSync(path, content)
    return path
  }
}))
