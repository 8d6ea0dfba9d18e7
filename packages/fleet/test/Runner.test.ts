/**
 * A runner's options as a user passes them: a count that is not a whole number of at least 1 is
 * refused, named, before anything runs (a `NaN` lane count used to start a runner that never
 * ended a batch).
 */
import { NodeHttpClient } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Runner } from "@wa-admin/fleet"
import { Store } from "@wa-admin/store"
import { Cause, Effect, Exit, Layer, Option } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

const tempDir = Effect.acquireRelease(
  Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "wa-admin-fleet-runner-"))),
  (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
)

const built = (options: Runner.Options) =>
  Effect.gen(function*() {
    const dir = yield* tempDir
    return yield* Effect.exit(Layer.build(
      Runner.layerSingle(options).pipe(
        Layer.provide(
          Layer.merge(Store.layerSqlite({ filename: path.join(dir, "state.db") }), NodeHttpClient.layerUndici)
        )
      )
    ))
  })

describe("Runner options", () => {
  it.scoped("a count that is not a whole number of at least 1 is refused, naming the option and its rule", () =>
    Effect.gen(function*() {
      const exit = yield* built({ itemConcurrency: Number.NaN, stepConcurrency: 0 })
      expect(Exit.isFailure(exit)).toBe(true)
      const refusal = Exit.isFailure(exit) ? Option.getOrUndefined(Cause.dieOption(exit.cause)) : undefined
      expect(refusal).toMatchObject({
        _tag: "InvalidInput",
        source: "local",
        issues: [
          { field: "itemConcurrency", rule: "must be a whole number of at least 1 (got NaN)" },
          { field: "stepConcurrency", rule: "must be a whole number of at least 1 (got 0)" }
        ]
      })
      const fractional = yield* built({ itemConcurrency: 1.5, stepConcurrency: Number.POSITIVE_INFINITY })
      expect(Exit.isFailure(fractional)).toBe(true)
    }))

  it.scoped("whole counts of at least 1 start the runner", () =>
    Effect.gen(function*() {
      const exit = yield* built({ itemConcurrency: 2, stepConcurrency: 3 })
      expect(Exit.isSuccess(exit)).toBe(true)
    }))
})
