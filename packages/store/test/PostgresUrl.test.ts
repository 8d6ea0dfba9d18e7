import { assert, describe, it } from "@effect/vitest"
import { Duration } from "effect"
import { describeUrl, lockMillisOf, withLockTimeout } from "../src/internal/engine.js"

describe("the PostgreSQL URL", () => {
  it("carries the lock wait to every connection, keeping the options the URL gives", () => {
    const plain = new URL(withLockTimeout("postgresql://app:s3cret@db.internal:5432/wa", 15_000))
    assert.strictEqual(plain.searchParams.get("options"), "-c lock_timeout=15000")
    assert.strictEqual(plain.password, "s3cret")
    const given = new URL(
      withLockTimeout("postgres://app@db/wa?sslmode=require&options=-c%20search_path%3Dtenant", 150)
    )
    assert.strictEqual(given.searchParams.get("options"), "-c search_path=tenant -c lock_timeout=150")
    assert.strictEqual(given.searchParams.get("sslmode"), "require")
  })

  it("is shown without its password or its options", () => {
    assert.strictEqual(
      describeUrl(withLockTimeout("postgresql://app:s3cret@db:5432/wa", 150)),
      "postgresql://app@db:5432/wa"
    )
  })

  it("takes a lock wait PostgreSQL accepts: whole milliseconds, an infinite or longer one the longest", () => {
    assert.strictEqual(lockMillisOf(Duration.millis(150.4), 1), 150)
    assert.strictEqual(lockMillisOf(Duration.zero, 1), 1)
    assert.strictEqual(lockMillisOf(Duration.infinity, 1), 2 ** 31 - 1)
    assert.strictEqual(lockMillisOf(Duration.days(1000), 0), 2 ** 31 - 1)
  })
})
