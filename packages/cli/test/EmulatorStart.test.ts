/**
 * `wa-admin emulator` when the emulator cannot start (issue 16): a bad --port or --host is one
 * line and the usage exit code; a port in use is one line and its own exit code — never
 * "unexpected failure (please report it)" with a stack.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Net from "node:net"
import { ExitCode } from "../src/ExitCode.js"
import * as Providers from "../src/Providers.js"
import { lines, runWith } from "./harness.js"

const cli = runWith(Providers.layer)

/** A port on 127.0.0.1 held by another server for as long as the scope lasts. */
const occupiedPort = Effect.acquireRelease(
  Effect.async<Net.Server>((resume) => {
    const server = Net.createServer()
    server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
  }),
  (server) => Effect.async<void>((resume) => void server.close(() => resume(Effect.void)))
).pipe(
  Effect.map((server) => {
    const address = server.address()
    return typeof address === "object" && address !== null ? address.port : 0
  })
)

const assertOneLine = (stderr: string, expected: string | RegExp) => {
  const [line = "", ...rest] = lines(stderr)
  assert.deepStrictEqual(rest, [], `one line: ${stderr}`)
  if (typeof expected === "string") assert.strictEqual(line, expected)
  else assert.match(line, expected)
  assert.notInclude(stderr, "unexpected failure")
  assert.notMatch(stderr, /^\s+at /m, "no stack")
}

describe("wa-admin emulator: start-up failures", () => {
  it.effect("--port 99999 is a usage error naming the flag", () =>
    Effect.gen(function*() {
      for (const provider of ["woztell", "kaleyra"]) {
        const result = yield* cli("emulator", provider, "--port", "99999")
        assert.strictEqual(result.exitCode, ExitCode.Usage, result.stderr)
        assert.strictEqual(result.stdout, "")
        assertOneLine(result.stderr, "wa-admin: --port 99999: must be an integer from 0 to 65535 (0 picks a free port)")
      }
    }))

  it.effect("a --host that is not this machine's, or not a host at all, is a usage error naming the flag", () =>
    Effect.gen(function*() {
      const notOurs = yield* cli("emulator", "woztell", "--host", "203.0.113.7")
      assert.strictEqual(notOurs.exitCode, ExitCode.Usage, notOurs.stderr)
      assertOneLine(notOurs.stderr, /^wa-admin: --host 203\.0\.113\.7: not an address of this machine/)

      const malformed = yield* cli("emulator", "woztell", "--host", "not a host!")
      assert.strictEqual(malformed.exitCode, ExitCode.Usage, malformed.stderr)
      assertOneLine(malformed.stderr, /^wa-admin: --host not a host!: /)
    }))

  it.scoped("a port in use is one line naming it, with its own exit code; --json adds the encoded error", () =>
    Effect.gen(function*() {
      const port = yield* occupiedPort
      const result = yield* cli("emulator", "woztell", "--port", String(port))
      assert.strictEqual(result.exitCode, ExitCode.CannotListen, result.stderr)
      assert.notStrictEqual(ExitCode.CannotListen, ExitCode.Usage)
      assert.notStrictEqual(ExitCode.CannotListen, ExitCode.Unexpected)
      assertOneLine(
        result.stderr,
        `wa-admin: cannot start the emulator on 127.0.0.1 port ${port}: the port is already in use (EADDRINUSE); ` +
          "choose another --port (0 picks a free one)"
      )

      const json = yield* cli("emulator", "woztell", "--port", String(port), "--json")
      assert.strictEqual(json.exitCode, ExitCode.CannotListen)
      const [, encoded] = lines(json.stderr)
      assert.deepInclude(JSON.parse(encoded ?? "null"), {
        _tag: "StartError",
        host: "127.0.0.1",
        port,
        reason: "PortInUse"
      })
    }))
})
