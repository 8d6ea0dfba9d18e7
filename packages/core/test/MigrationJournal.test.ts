import { FileSystem } from "@effect/platform"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { SystemError } from "@effect/platform/Error"
import { assert, describe, it } from "@effect/vitest"
import { MigrationJournal } from "@wa-admin/core"
import { Effect, Either, Logger, Option } from "effect"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const temporaryDirectory = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "wa-admin-journal-"))),
  (directory) => Effect.sync(() => rmSync(directory, { recursive: true, force: true }))
)

const entry = (key: string, phase: MigrationJournal.Entry["phase"], at = 1) =>
  new MigrationJournal.Entry({ migration: "m1", key, action: "create", phase, at })

const line = (value: MigrationJournal.Entry) => JSON.stringify({ ...value })

/** Runs `effect` with a logger that keeps every warning's text. */
const withWarnings = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const warnings: Array<string> = []
    const logger = Logger.make(({ logLevel, message }) => {
      if (logLevel._tag === "Warning") warnings.push((Array.isArray(message) ? message : [message]).join(" "))
    })
    const result = yield* effect.pipe(Effect.provide(Logger.add(logger)))
    return { result, warnings }
  })

const onDisk = <A, E>(effect: Effect.Effect<A, E, FileSystem.FileSystem>) =>
  Effect.provide(effect, NodeFileSystem.layer)

const phases = (progress: MigrationJournal.Progress) =>
  Object.fromEntries([...progress].map(([key, value]) => [key, value.phase]))

/** The error a failed effect failed with. */
const failureOf = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(
    Effect.either(effect),
    (result) => Either.isLeft(result) ? Effect.succeed(result.left) : Effect.dieMessage("expected a failure")
  )

describe("MigrationJournal.entry: one item's last entry, read alone", () => {
  const oneItem = (journal: MigrationJournal.Service) =>
    Effect.gen(function*() {
      yield* journal.record(entry("a", "started", 1))
      yield* journal.record(entry("a", "done", 2))
      yield* journal.record(entry("b", "started", 3))
      yield* journal.record(
        new MigrationJournal.Entry({ migration: "m2", key: "a", action: "update", phase: "failed", at: 4 })
      )
      const read = (migration: string, key: string) =>
        Effect.map(journal.entry(migration, key), Option.map((found) => [found.migration, found.phase, found.at]))
      return [yield* read("m1", "a"), yield* read("m1", "b"), yield* read("m2", "a"), yield* read("m2", "b")]
    })
  const expected = [
    Option.some(["m1", "done", 2]),
    Option.some(["m1", "started", 3]),
    Option.some(["m2", "failed", 4]),
    Option.none()
  ]

  it.effect("in memory", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* oneItem(yield* MigrationJournal.makeMemory), expected)
    }))

  it.scoped("in a file", () =>
    Effect.gen(function*() {
      const path = join(yield* temporaryDirectory, "journal.jsonl")
      assert.deepStrictEqual(yield* onDisk(Effect.flatMap(MigrationJournal.makeFile(path), oneItem)), expected)
    }))
})

describe("MigrationJournal (file)", () => {
  it.scoped("every unreadable line is skipped with one warning naming its line number, and counted", () =>
    Effect.gen(function*() {
      const directory = yield* temporaryDirectory
      const path = join(directory, "journal.jsonl")
      writeFileSync(
        path,
        [
          line(entry("a", "started")),
          "not json at all",
          line(entry("a", "done")),
          JSON.stringify({ migration: "m1", key: "x" }),
          "",
          line(entry("b", "started")),
          `{"migration":"m1","key":"c","act`
        ].join("\n")
      )
      const { result, warnings } = yield* withWarnings(
        onDisk(
          Effect.gen(function*() {
            const journal = yield* MigrationJournal.makeFile(path)
            const first = yield* journal.progress("m1")
            const second = yield* journal.progress("m1")
            return { first, second, unreadable: yield* journal.unreadable }
          })
        )
      )
      assert.deepStrictEqual(phases(result.first), { a: "done", b: "started" })
      assert.deepStrictEqual(phases(result.second), { a: "done", b: "started" })
      assert.deepStrictEqual(result.unreadable.map((unreadable) => unreadable.line), [2, 4, 7])
      assert.lengthOf(warnings, 3, "one warning per unreadable line, not one per read")
      for (const [index, number] of [2, 4, 7].entries()) {
        assert.include(warnings[index], path)
        assert.include(warnings[index], `line ${number}`)
      }
      assert.include(warnings[0], "not JSON")
      assert.include(warnings[1], "not a journal entry")
      assert.include(warnings[2], "cut short")
    }))

  it.scoped("an entry recorded after a run killed mid-line starts a line of its own and is read back", () =>
    Effect.gen(function*() {
      const directory = yield* temporaryDirectory
      const path = join(directory, "journal.jsonl")
      writeFileSync(path, `${line(entry("a", "done"))}\n{"migration":"m1","key":"b","phase":"sta`)
      const progress = yield* onDisk(
        Effect.gen(function*() {
          const writer = yield* MigrationJournal.makeFile(path)
          yield* writer.record(entry("b", "started", 2))
          const reader = yield* MigrationJournal.makeFile(path)
          return yield* reader.progress("m1")
        })
      )
      assert.deepStrictEqual(phases(progress), { a: "done", b: "started" })
      assert.strictEqual(readFileSync(path, "utf8").split("\n").at(-2), line(entry("b", "started", 2)))
    }))

  it.scoped("records into a directory it creates, and not before the first record", () =>
    Effect.gen(function*() {
      const directory = yield* temporaryDirectory
      const path = join(directory, "nested", "deeper", "journal.jsonl")
      yield* onDisk(
        Effect.gen(function*() {
          const journal = yield* MigrationJournal.makeFile(path)
          assert.deepStrictEqual(phases(yield* journal.progress("m1")), {})
          assert.isFalse(existsSync(join(directory, "nested")), "reading creates nothing")
          yield* journal.record(entry("a", "started"))
        })
      )
      assert.strictEqual(readFileSync(path, "utf8"), `${line(entry("a", "started"))}\n`)
    }))

  it.scoped.skipIf(!existsSync("/dev/full"))(
    "a full disk is a JournalWriteError naming the path and ENOSPC",
    () =>
      Effect.gen(function*() {
        const directory = yield* temporaryDirectory
        const path = join(directory, "journal.jsonl")
        symlinkSync("/dev/full", path)
        const error = yield* failureOf(
          onDisk(Effect.flatMap(MigrationJournal.makeFile(path), (journal) => journal.record(entry("a", "started"))))
        )
        assert.strictEqual(error._tag, "JournalWriteError")
        assert.strictEqual(error.path, path)
        assert.include(error.message, path)
        assert.include(error.message, "ENOSPC")
        assert.notInclude(error.message.toLowerCase(), "usage")
      })
  )

  it.scoped("a path through a regular file is a JournalWriteError naming the path and ENOTDIR", () =>
    Effect.gen(function*() {
      const directory = yield* temporaryDirectory
      writeFileSync(join(directory, "file"), "")
      for (const path of [join(directory, "file", "journal.jsonl"), join(directory, "file", "sub", "journal.jsonl")]) {
        const error = yield* failureOf(
          onDisk(Effect.flatMap(MigrationJournal.makeFile(path), (journal) => journal.record(entry("a", "started"))))
        )
        assert.strictEqual(error._tag, "JournalWriteError", path)
        assert.strictEqual(error.path, path)
        assert.include(error.message, "ENOTDIR", path)
        assert.notInclude(error.message, "ENOENT", path)
      }
    }))

  it.effect("on a read-only file system the cause is EROFS, never the ENOENT Node's recursive mkdir reports", () =>
    Effect.gen(function*() {
      // What Linux and Node answer on a read-only mount (checked by hand on a read-only tmpfs):
      // mkdir → EROFS, open(O_CREAT) in a missing directory → ENOENT, and mkdir -p → ENOENT.
      const errno = (method: string, path: string, code: string, text: string) =>
        new SystemError({
          reason: code === "ENOENT" ? "NotFound" : "Unknown",
          module: "FileSystem",
          method,
          pathOrDescriptor: path,
          description: `${code}: ${text}, ${method} '${path}'`,
          cause: Object.assign(new Error(`${code}: ${text}, ${method} '${path}'`), { code })
        })
      const readOnly = FileSystem.layerNoop({
        exists: (path) => Effect.succeed(path === "." || path === "/"),
        access: (path) =>
          path === "." || path === "/"
            ? Effect.void
            : Effect.fail(errno("access", path, "ENOENT", "no such file or directory")),
        makeDirectory: (path, options) =>
          Effect.fail(
            options?.recursive === true
              ? errno("mkdir", path, "ENOENT", "no such file or directory")
              : errno("mkdir", path, "EROFS", "read-only file system")
          ),
        writeFile: (path) => Effect.fail(errno("open", path, "ENOENT", "no such file or directory"))
      })
      const path = join(".wa-admin", "journal.jsonl")
      const error = yield* failureOf(
        Effect.flatMap(MigrationJournal.makeFile(path), (journal) => journal.record(entry("a", "started"))).pipe(
          Effect.provide(readOnly)
        )
      )
      assert.strictEqual(error._tag, "JournalWriteError")
      assert.include(error.message, path)
      assert.include(error.message, "EROFS")
      assert.notInclude(error.message, "ENOENT")
    }))

  it.scoped("a journal that cannot be read is a JournalReadError naming the path and the cause", () =>
    Effect.gen(function*() {
      const directory = yield* temporaryDirectory
      const path = join(directory, "a-directory.jsonl")
      mkdirSync(path)
      const error = yield* failureOf(
        onDisk(Effect.flatMap(MigrationJournal.makeFile(path), (journal) => journal.progress("m1")))
      )
      assert.strictEqual(error._tag, "JournalReadError")
      assert.include(error.message, path)
      assert.include(error.message, "EISDIR")
    }))
})

describe("MigrationJournal.parse", () => {
  it("reads every entry and names every other line: a line cut short, a line that is not JSON, one that is not an entry", () => {
    const text = [
      line(entry("a", "started")),
      "garbage",
      JSON.stringify({ migration: "m1" }),
      line(entry("a", "done", 2)),
      "{\"migr"
    ].join("\n")
    const parsed = MigrationJournal.parse("run.jsonl", text)
    assert.deepStrictEqual(parsed.entries.map((found) => `${found.key} ${found.phase}`), ["a started", "a done"])
    assert.deepStrictEqual(
      parsed.unreadable.map((unreadable) => [unreadable.path, unreadable.line, unreadable.reason.split(":")[0]]),
      [["run.jsonl", 2, "not JSON"], ["run.jsonl", 3, "not a journal entry"], ["run.jsonl", 5, "cut short"]]
    )
    assert.isFalse(parsed.terminated)
    assert.isTrue(MigrationJournal.parse("run.jsonl", `${line(entry("b", "done"))}\n`).terminated)
  })
})
