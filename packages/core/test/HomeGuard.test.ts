/**
 * The suite's home guard (.ci/home-guard.ts) is on in every test process: the home directory a
 * default would write into is a decoy that the run checks is still empty at the end. Writing
 * there fails the run; this test proves each process sees the decoy, not the real home.
 */
import { assert, describe, it } from "@effect/vitest"
import { homedir } from "node:os"

describe("the home guard", () => {
  it("HOME is a decoy directory checked empty when the run ends", () => {
    const decoy = process.env["WA_ADMIN_TEST_HOME"]
    assert.isString(decoy, "the guard's global setup ran")
    assert.strictEqual(homedir(), decoy)
  })
})
