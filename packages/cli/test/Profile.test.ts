import { assert, describe, it } from "@effect/vitest"
import { DateTime, Duration, Effect, Option } from "effect"
import { ExitCode } from "../src/ExitCode.js"
import { argv, lines, sharedMemory } from "./harness.js"

const number = "106540352242922"

describe("wa-admin profile and media", () => {
  it.scoped("profile set changes only the given fields; profile get reads them back", () =>
    Effect.gen(function*() {
      const { cli, control } = yield* sharedMemory()
      yield* control.seedNumber(number, { about: "Old about", address: "1 Bread Street" })

      const set = yield* cli(
        "--json",
        ...argv("profile set", {
          number,
          about: "Fresh bread daily",
          vertical: "Grocery",
          website: ["https://bakery.example", "https://bakery.example/shop"]
        })
      )
      assert.strictEqual(set.exitCode, 0, set.stderr)
      assert.deepStrictEqual(JSON.parse(set.stdout), {
        about: "Fresh bread daily",
        address: "1 Bread Street",
        vertical: "Grocery",
        websites: ["https://bakery.example", "https://bakery.example/shop"]
      })

      const got = yield* cli("profile", "get", "--number", number)
      assert.strictEqual(got.exitCode, 0, got.stderr)
      assert.match(got.stdout, /^about\s+Fresh bread daily$/m)
      assert.match(got.stdout, /^address\s+1 Bread Street$/m)
      assert.match(got.stdout, /^websites\s+https:\/\/bakery\.example, https:\/\/bakery\.example\/shop$/m)
      assert.deepInclude(Option.getOrThrow(yield* control.profile(number)), { about: "Fresh bread daily" })
    }))

  it.scoped("an invalid profile is refused naming every field and rule, and nothing changes", () =>
    Effect.gen(function*() {
      const { cli, control } = yield* sharedMemory()
      yield* control.seedNumber(number, { about: "Old about" })
      const result = yield* cli(
        ...argv("profile set", {
          number,
          email: "not-an-email",
          website: ["https://a.example", "https://b.example", "ftp://c.example"]
        })
      )
      assert.strictEqual(result.exitCode, ExitCode.InvalidInput)
      assert.lengthOf(lines(result.stderr), 1)
      assert.include(result.stderr, "profile.email")
      assert.include(result.stderr, "profile.websites")
      assert.deepStrictEqual(yield* control.requests, [])
      assert.deepInclude(Option.getOrThrow(yield* control.profile(number)), { about: "Old about" })

      const nothing = yield* cli("profile", "set", "--number", number)
      assert.strictEqual(nothing.exitCode, ExitCode.InvalidInput)
      assert.include(nothing.stderr, "must change at least one field")
    }))

  it.scoped("without --number (and no provider default) it is an InvalidInput naming it", () =>
    Effect.gen(function*() {
      const { cli } = yield* sharedMemory()
      const result = yield* cli("profile", "get")
      assert.strictEqual(result.exitCode, ExitCode.InvalidInput)
      assert.include(result.stderr, "number: is required: pass --number")
    }))

  it.scoped("profile photo set and get", () =>
    Effect.gen(function*() {
      const { cli, control } = yield* sharedMemory()
      yield* control.seedNumber(number)
      const none = yield* cli("profile", "photo", "get", "--number", number)
      assert.strictEqual(none.exitCode, 0, none.stderr)
      assert.strictEqual(none.stdout.trim(), "(no profile photo)")

      const set = yield* cli("profile", "photo", "set", "--number", number, "--url", "https://bakery.example/logo.png")
      assert.strictEqual(set.exitCode, 0, set.stderr)
      const got = yield* cli("--json", "profile", "photo", "get", "--number", number)
      assert.deepStrictEqual(JSON.parse(got.stdout), { url: "https://bakery.example/logo.png" })
    }))

  it.scoped("media upload answers the media id and its expiry, 30 days on", () =>
    Effect.gen(function*() {
      const { cli, control } = yield* sharedMemory()
      yield* control.seedNumber(number)
      const now = yield* DateTime.now
      const result = yield* cli(
        "--json",
        ...argv("media upload", { number, kind: "image", url: "https://bakery.example/croissant.jpg" })
      )
      assert.strictEqual(result.exitCode, 0, result.stderr)
      const handle = JSON.parse(result.stdout)
      assert.deepInclude(handle, { kind: "image", source: "https://bakery.example/croissant.jpg" })
      assert.strictEqual(handle.expiresAt, DateTime.formatIso(DateTime.addDuration(now, Duration.days(30))))
      assert.lengthOf(yield* control.media, 1)

      const badKind = yield* cli(...argv("media upload", { number, kind: "gif", url: "https://x.example/a.gif" }))
      assert.strictEqual(badKind.exitCode, ExitCode.InvalidInput)
      assert.include(badKind.stderr, "kind")
      assert.lengthOf(yield* control.media, 1)
    }))
})
