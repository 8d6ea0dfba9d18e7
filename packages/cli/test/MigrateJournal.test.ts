/**
 * Journal trouble as a user meets it (issue 16): a journal that cannot be written has its own
 * exit code and a message naming the path and the real cause — never "usage error", never a
 * wrong ENOENT — and every unreadable journal line is a warning with its line number.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { spawnSync } from "node:child_process"
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { ExitCode } from "../src/ExitCode.js"
import { lines, sharedMemory } from "./harness.js"

const root = fileURLToPath(new URL("../../..", import.meta.url))

const temporaryDirectory = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "wa-admin-journal-cli-"))),
  (directory) =>
    Effect.sync(() => {
      chmodSync(directory, 0o700)
      rmSync(directory, { recursive: true, force: true })
    })
)

/** A templates file as `templates export` writes it, with `names` (one English BODY template each). */
const templatesFile = (directory: string, names: ReadonlyArray<string>) => {
  const path = join(directory, "templates.json")
  writeFileSync(
    path,
    JSON.stringify({
      format: "wa-admin/templates",
      version: 1,
      exportedAt: "2024-01-01T00:00:00.000Z",
      source: { provider: "memory", wabaId: "111" },
      templates: names.map((name) => ({
        name,
        language: "en_US",
        category: "MARKETING",
        status: "APPROVED",
        components: [{ _tag: "BODY", text: `Hello {{1}}, this is ${name}`, examples: [["Ada"]] }]
      }))
    })
  )
  return path
}

const importArgs = (file: string, journal?: string) => [
  "templates",
  "import",
  "--waba-id",
  "222",
  "--file",
  file,
  ...(journal === undefined ? [] : ["--journal", journal])
]

const createsSent = (requests: ReadonlyArray<{ readonly operation: string }>) =>
  requests.filter((request) => request.operation === "templates.create").length

describe("wa-admin migration journal trouble", () => {
  it.scoped("a journal path through a regular file: exit 14, one line naming the path and ENOTDIR, nothing sent", () =>
    Effect.gen(function*() {
      const directory = yield* temporaryDirectory
      const file = templatesFile(directory, ["alpha", "beta"])
      writeFileSync(join(directory, "not-a-directory"), "")
      const journal = join(directory, "not-a-directory", "journal.jsonl")
      const { cli, control } = yield* sharedMemory()
      const result = yield* cli(...importArgs(file, journal))
      assert.strictEqual(result.exitCode, ExitCode.LocalStateFailure, result.stderr)
      const [line = "", ...rest] = lines(result.stderr)
      assert.deepStrictEqual(rest, [], "one line")
      assert.include(line, journal)
      assert.include(line, "ENOTDIR")
      assert.notInclude(line.toLowerCase(), "usage")
      assert.strictEqual(createsSent(yield* control.requests), 0, "nothing is sent before it is journaled")
    }))

  it.scoped.skipIf(!existsSync("/dev/full"))(
    "a full disk: exit 14 naming the journal and ENOSPC; --json adds the encoded error",
    () =>
      Effect.gen(function*() {
        const directory = yield* temporaryDirectory
        const file = templatesFile(directory, ["alpha"])
        const journal = join(directory, "journal.jsonl")
        symlinkSync("/dev/full", journal)
        const { cli, control } = yield* sharedMemory()
        const result = yield* cli("--json", ...importArgs(file, journal))
        assert.strictEqual(result.exitCode, ExitCode.LocalStateFailure, result.stderr)
        const [message, json] = lines(result.stderr)
        assert.include(message, `wa-admin: cannot write the migration journal ${journal}: ENOSPC`)
        assert.deepInclude(JSON.parse(json ?? "null"), { _tag: "JournalWriteError", path: journal, code: "ENOSPC" })
        assert.strictEqual(createsSent(yield* control.requests), 0)
      })
  )

  it.scoped("every unreadable journal line is a warning on stderr with its line number, and the report counts them", () =>
    Effect.gen(function*() {
      const directory = yield* temporaryDirectory
      const file = templatesFile(directory, ["alpha"])
      const journal = join(directory, "journal.jsonl")
      writeFileSync(journal, "garbage\n{\"migration\":\"x\"}\n{\"cut")
      const { cli } = yield* sharedMemory()
      const result = yield* cli("--json", ...importArgs(file, journal))
      assert.strictEqual(result.exitCode, 0, result.stderr)
      const warnings = lines(result.stderr)
      assert.deepStrictEqual(
        warnings.map((warning) =>
          warning.match(/^wa-admin: warning: migration journal (.+): line (\d+) is unreadable/)?.slice(1)
        ),
        [[journal, "1"], [journal, "2"], [journal, "3"]]
      )
      const report = JSON.parse(lines(result.stdout)[1] ?? "null")
      assert.deepStrictEqual(report.unreadableJournalLines, [1, 2, 3])
      assert.include(
        readFileSync(journal, "utf8").split("\n")[3] ?? "",
        `"phase":"started"`,
        "the next entry starts a line"
      )

      const human = yield* cli(...importArgs(file, journal))
      assert.strictEqual(human.exitCode, 0, human.stderr)
      assert.include(human.stdout, "3 unreadable lines skipped (1, 2, 3)")
    }))

  it.scoped(
    "a read-only working directory (the real executable, unprivileged): exit 14 naming the state store .wa-admin/state.db and EACCES, not ENOENT",
    () =>
      Effect.gen(function*() {
        const directory = yield* temporaryDirectory
        chmodSync(directory, 0o755)
        const file = templatesFile(directory, ["alpha"])
        chmodSync(file, 0o644)
        const readOnly = join(directory, "read-only")
        mkdirSync(readOnly)
        chmodSync(readOnly, 0o555)
        // Root ignores file modes: run the command as the unprivileged user "nobody" then.
        const asRoot = process.getuid?.() === 0
        const result = spawnSync(
          join(root, "node_modules/.bin/tsx"),
          [join(root, "packages/cli/src/bin.ts"), "--provider", "memory", ...importArgs(file)],
          {
            cwd: readOnly,
            encoding: "utf8",
            timeout: 120_000,
            env: { ...process.env, NO_COLOR: "1", HOME: readOnly },
            ...(asRoot ? { uid: 65534, gid: 65534 } : {})
          }
        )
        assert.strictEqual(result.status, ExitCode.LocalStateFailure, result.stderr)
        const [line = "", ...rest] = lines(result.stderr)
        assert.deepStrictEqual(rest, [], "one line")
        // The progress is kept in the state store by default: its file, under .wa-admin/.
        assert.include(line, join(readOnly, ".wa-admin", "state.db"), line)
        assert.include(line, "EACCES", line)
        assert.notInclude(line, "ENOENT")
        assert.notInclude(line.toLowerCase(), "usage")
      }),
    130_000
  )
})
