/**
 * File flags are read only when they are regular files within their limit: a 300 MiB
 * "certificate" (a sparse file: nothing is written to disk), a device that never ends, or a
 * directory are refused as usage errors naming the flag, before a byte is read and before
 * anything is sent. The limits the command line spells out agree with the adapters'.
 */
import { assert, describe, it } from "@effect/vitest"
import { Flow } from "@wa-admin/core"
import { KaleyraNumberLifecycle } from "@wa-admin/kaleyra"
import { KaleyraEmulator } from "@wa-admin/kaleyra/emulator"
import { Effect } from "effect"
import { closeSync, ftruncateSync, openSync } from "node:fs"
import { fileLimits } from "../src/commands/internal.js"
import { ExitCode } from "../src/ExitCode.js"
import { cliAgainst, temporaryFiles } from "./extensionSupport.js"
import { kaleyraProvision } from "./harness.js"

describe("wa-admin file flags are bounded", () => {
  it("the limits agree with the adapters'", () => {
    assert.strictEqual(fileLimits.certificate, KaleyraNumberLifecycle.maxCertificateBytes)
    assert.strictEqual(fileLimits.flowJson, Flow.maxFlowJsonBytes)
  })

  it.scopedLive("a 300 MiB certificate, /dev/zero and a directory are usage errors, refused before reading; 0 requests", () =>
    Effect.gen(function*() {
      const emulator = yield* Effect.orDie(KaleyraEmulator.make())
      const cli = cliAgainst("kaleyra", emulator)
      const files = yield* temporaryFiles
      const huge = files.write("huge.png", "")
      const handle = openSync(huge, "r+")
      ftruncateSync(handle, 300 * 1024 * 1024)
      closeSync(handle)

      for (
        const [path, why] of [
          [huge, /--certificate .*huge\.png: is larger than 20,971,520 bytes/],
          ["/dev/zero", /\/dev\/zero.* (to be a regular file|is not a regular file)/],
          [files.write("a-file", "x").replace(/\/a-file$/, ""), /(to be a regular file|is not a regular file)/]
        ] as const
      ) {
        const result = yield* cli(...kaleyraProvision(path))
        assert.strictEqual(result.exitCode, ExitCode.Usage, result.stderr)
        assert.match(result.stderr, why)
      }
      assert.deepStrictEqual(yield* emulator.requests, [])
    }))
})
