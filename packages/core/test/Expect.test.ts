import { assert, describe, it } from "@effect/vitest"
import { AdminError } from "@wa-admin/core"
import { Expect } from "@wa-admin/core/testing"

/** A failure typed as the whole union, as a port method gives it. */
const failure = (): AdminError.AdminError =>
  new AdminError.NotFound({
    provider: "meta",
    operation: "numbers.status",
    resource: "number",
    id: "106540352242922"
  })
const notFound = failure()

describe("Expect.tag", () => {
  it("answers the value itself when it carries the expected tag", () => {
    const narrowed = Expect.tag(notFound, "NotFound")
    assert.strictEqual(narrowed, notFound)
    assert.strictEqual(narrowed.resource, "number")
  })

  it("throws, naming the expected and the actual tag and showing the value, when it carries another", () => {
    assert.throws(
      () => Expect.tag(notFound, "Conflict"),
      /^expected Conflict, got NotFound: .*number 106540352242922 not found/
    )
  })
})
