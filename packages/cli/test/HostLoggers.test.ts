import { assert, describe, it } from "@effect/vitest"
import { Effect, Equal, FiberRef, HashSet } from "effect"
import { Output } from "../src/index.js"
import { sharedMemory } from "./harness.js"

describe("running the CLI inside a host program", () => {
  it.scoped("leaves the host's loggers as they were", () =>
    Effect.gen(function*() {
      const before = yield* FiberRef.get(FiberRef.currentLoggers)
      const { cli } = yield* sharedMemory()
      const result = yield* cli("capabilities")
      assert.strictEqual(result.exitCode, 0)
      const after = yield* FiberRef.get(FiberRef.currentLoggers)
      assert.isTrue(Equal.equals(after, before), "the host's loggers are the ones it had")
      assert.isFalse(HashSet.some(after, (logger) => logger === Output.logger), "the CLI's logger is gone")
    }))
})
