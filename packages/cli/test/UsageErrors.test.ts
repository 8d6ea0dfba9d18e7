/**
 * A mistyped command line: one line on stderr with the `wa-admin:` prefix naming what is wrong
 * (the flag, the command word), what was probably meant, exit code 2, nothing on stdout, and
 * under `--json` the error as JSON too.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { ExitCode } from "../src/ExitCode.js"
import * as Argv from "../src/internal/argv.js"
import { lines, sharedMemory } from "./harness.js"

const usageError = (result: { readonly exitCode: number; readonly stdout: string; readonly stderr: string }) => {
  assert.strictEqual(result.exitCode, ExitCode.Usage, result.stderr)
  assert.strictEqual(result.stdout, "")
  const [first = ""] = lines(result.stderr)
  assert.match(first, /^wa-admin: /)
  return first
}

/** Command lines refused as usage errors, by scenario: each with what its one line names. */
const refusals: ReadonlyArray<{
  readonly name: string
  readonly cases: ReadonlyArray<readonly [args: ReadonlyArray<string>, ...mentions: ReadonlyArray<string>]>
}> = [
  {
    name: "a mistyped command is named, with the command probably meant",
    cases: [
      [["templates", "lsit"], `unknown command "lsit"`, "did you mean `wa-admin templates list`?"],
      [["tempaltes", "list"], "did you mean `wa-admin templates`?"],
      [["stickers", "packs", "lits"], "`wa-admin stickers packs list`"]
    ]
  },
  {
    name: "a flag without its value, missing flags, a stray argument, a flag given twice",
    cases: [
      [["numbers", "status", "--id"], "--id needs a value"],
      [["numbers", "verify"], "`wa-admin numbers verify` needs --id ID and --code CODE"],
      [["numbers", "status", "--id", "a", "b"], `unexpected argument b`],
      [["numbers", "status", "--id", "a", "--id", "b"], "--id is given more than once"],
      [["emulator"], "needs PROVIDER"]
    ]
  },
  {
    name: "a group without its command lists its commands, nested ones with their path",
    cases: [
      [["stickers"], "packs list, packs get, packs create, list, get, create, delete"],
      [["profile", "--json"], "wa-admin profile needs a command: get, set, photo get, photo set"],
      [["--json"], "wa-admin needs a command: numbers, profile"]
    ]
  }
]

describe("wa-admin usage errors", () => {
  it("did you mean: a slip of one or two letters, a swap, a prefix", () => {
    assert.deepStrictEqual(Argv.suggest("lsit", ["list", "get", "create", "edit", "delete"]), ["list"])
    assert.deepStrictEqual(Argv.suggest("--jsn", ["--json", "--provider", "--status"]), ["--json"])
    assert.deepStrictEqual(Argv.suggest("--stauts", ["--status", "--json", "--category"]), ["--status"])
    assert.deepStrictEqual(Argv.suggest("templ", ["templates", "numbers"]), ["templates"])
    assert.deepStrictEqual(Argv.suggest("xyz", ["templates", "numbers"]), [])
  })

  for (const { cases, name } of refusals) {
    it.scoped(name, () =>
      Effect.gen(function*() {
        const { cli } = yield* sharedMemory()
        for (const [args, ...mentions] of cases) {
          const line = usageError(yield* cli(...args))
          for (const mention of mentions) assert.include(line, mention, args.join(" "))
        }
      }))
  }

  it.scoped("a mistyped flag is named, with the flag probably meant; under --json the error is JSON too", () =>
    Effect.gen(function*() {
      const { cli } = yield* sharedMemory()
      const jsn = usageError(yield* cli("templates", "list", "--waba-id", "1", "--jsn"))
      assert.include(jsn, "unknown flag --jsn for `wa-admin templates list`")
      assert.include(jsn, "did you mean --json?")
      const before = usageError(yield* cli("--jsn", "templates", "list"))
      assert.include(before, "did you mean --json?")
      const stauts = yield* cli("templates", "list", "--stauts", "APPROVED", "--json")
      const line = usageError(stauts)
      assert.include(line, "--stauts")
      assert.include(line, "did you mean --status?")
      const json = JSON.parse(lines(stauts.stderr)[1] ?? "null")
      assert.deepInclude(json, {
        _tag: "UsageError",
        command: "templates list",
        flag: "--stauts",
        suggestions: ["--status"]
      })
      assert.lengthOf(lines(stauts.stderr), 2)
    }))

  it.scoped("a value of the wrong kind names its flag: not a number, not one of the choices", () =>
    Effect.gen(function*() {
      const { cli } = yield* sharedMemory()
      const pageSize = usageError(yield* cli("templates", "list", "--waba-id", "1", "--page-size", "abc"))
      assert.strictEqual(pageSize, "wa-admin: --page-size abc: must be a whole number")
      const until = usageError(yield* cli("numbers", "wait", "--id", "x", "--until", "redy"))
      assert.include(until, "--until redy: must be one of pending, code-sent")
      assert.include(until, "did you mean ready?")
      const level = usageError(yield* cli("--log-level", "verbose", "capabilities"))
      assert.include(level, "--log-level verbose: must be one of")
    }))

  it.scoped("the global flags go anywhere before the command's own, and a value that looks like a command stays a value", () =>
    Effect.gen(function*() {
      const { cli, control } = yield* sharedMemory()
      yield* control.seedNumber("106540352242922", {})
      const result = yield* cli("profile", "--json", "set", "--number", "106540352242922", "--about", "list")
      assert.strictEqual(result.exitCode, 0, result.stderr)
      assert.strictEqual(JSON.parse(result.stdout).about, "list")
      const dashed = yield* cli("--json", "profile", "set", "--number", "106540352242922", "--about=--wizard")
      assert.strictEqual(dashed.exitCode, 0, dashed.stderr)
      assert.strictEqual(JSON.parse(dashed.stdout).about, "--wizard")
    }))
})
