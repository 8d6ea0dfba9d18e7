/**
 * `wa-admin --completions bash|zsh|fish`: scripts that complete the commands at every depth, the
 * flags of the command typed so far, and the values of a flag with choices. The bash script is
 * loaded into a child bash and driven as bash drives it (`complete -p`, `COMP_WORDS`,
 * `COMP_CWORD`); zsh and fish likewise when they are installed.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { spawnSync } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as Providers from "../src/Providers.js"
import { runWith } from "./harness.js"

const cli = runWith(Providers.layer)

const has = (shell: string) => spawnSync(shell, ["--version"]).status === 0

/** A shell's environment with its home (and its config and data directories) in `directory`. */
const shellEnvironment = (directory: string): NodeJS.ProcessEnv => ({
  ...process.env,
  HOME: directory,
  XDG_CONFIG_HOME: join(directory, "config"),
  XDG_DATA_HOME: join(directory, "data"),
  XDG_CACHE_HOME: join(directory, "cache"),
  XDG_STATE_HOME: join(directory, "state")
})

/** A temporary directory for the scripts, removed with the scope. */
const scratch = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "wa-admin-completion-"))),
  (directory) => Effect.sync(() => rmSync(directory, { recursive: true, force: true }))
)

const scriptFile = (shell: string) =>
  Effect.gen(function*() {
    const result = yield* cli("--completions", shell)
    assert.strictEqual(result.exitCode, 0, result.stderr)
    const directory = yield* scratch
    const file = join(directory, `wa-admin.${shell}`)
    writeFileSync(file, result.stdout)
    return { file, text: result.stdout, environment: shellEnvironment(directory) }
  })

/** What bash offers for the command line `words` (the last one being completed). */
const bashCompletes = (
  file: string,
  words: ReadonlyArray<string>,
  environment: NodeJS.ProcessEnv
): ReadonlyArray<string> => {
  const program = [
    `source ${JSON.stringify(file)}`,
    // The function bash was told to call for wa-admin, as `complete -p` prints it.
    `fn=$(complete -p wa-admin | sed -E 's/.*-F ([^ ]+) .*/\\1/')`,
    `COMP_WORDS=(${words.map((word) => JSON.stringify(word)).join(" ")})`,
    `COMP_CWORD=${words.length - 1}`,
    `COMP_LINE=${JSON.stringify(words.join(" "))}`,
    `COMP_POINT=\${#COMP_LINE}`,
    `"$fn" wa-admin ${JSON.stringify(words[words.length - 1] ?? "")} ${JSON.stringify(words[words.length - 2] ?? "")}`,
    `printf '%s\\n' "\${COMPREPLY[@]}"`
  ].join("\n")
  const result = spawnSync("bash", ["--norc", "--noprofile", "-c", program], { encoding: "utf8", env: environment })
  assert.strictEqual(result.status, 0, result.stderr)
  assert.strictEqual(result.stderr, "")
  return result.stdout.split("\n").filter((line) => line.length > 0)
}

describe("wa-admin --completions", () => {
  it.scoped("bash: `complete -p` names the function, which completes commands at every depth", () =>
    Effect.gen(function*() {
      const { environment, file } = yield* scriptFile("bash")
      const complete = (...words: ReadonlyArray<string>) => bashCompletes(file, ["wa-admin", ...words], environment)
      const top = complete("")
      for (
        const group of [
          "numbers",
          "profile",
          "templates",
          "migrate",
          "fleet",
          "capabilities",
          "emulator",
          "stickers",
          "flows",
          "waba"
        ]
      ) {
        assert.include(top, group)
      }
      assert.deepStrictEqual(complete("te"), ["templates"])
      assert.deepStrictEqual(complete("templates", "l"), ["list"])
      assert.sameMembers([...complete("fleet", "s")], ["status", "submit"])
      assert.deepStrictEqual(complete("profile", "photo", ""), ["get", "set"])
      assert.deepStrictEqual(complete("stickers", "packs", "c"), ["create"])
      // Global flags (and their values) before the command do not hide where the line is.
      assert.deepStrictEqual(complete("--provider", "vonage", "--json", "stickers", "packs", "g"), ["get"])
    }))

  it.scoped("bash: the flags of the command typed so far, and no others (no --wizard)", () =>
    Effect.gen(function*() {
      const { environment, file, text } = yield* scriptFile("bash")
      const complete = (...words: ReadonlyArray<string>) => bashCompletes(file, ["wa-admin", ...words], environment)
      assert.deepStrictEqual(complete("templates", "list", "--st"), ["--status"])
      const photoGet = complete("profile", "photo", "get", "--")
      for (const flag of ["--number", "--provider", "--json", "--help", "--log-level"]) assert.include(photoGet, flag)
      assert.notInclude(photoGet, "--url")
      assert.notInclude(photoGet, "--version")
      const top = complete("--")
      for (const flag of ["--provider", "--json", "--version", "--completions", "--help", "--log-level"]) {
        assert.include(top, flag)
      }
      assert.notInclude(text, "--wizard")
      // A flag's value is skipped: `--about photo` is not the `photo` group.
      assert.deepStrictEqual(complete("profile", "set", "--about", "photo", "--web"), ["--website"])
    }))

  it.scoped("bash: the values of a flag with choices, the providers, the emulators", () =>
    Effect.gen(function*() {
      const { environment, file } = yield* scriptFile("bash")
      const complete = (...words: ReadonlyArray<string>) => bashCompletes(file, ["wa-admin", ...words], environment)
      assert.deepStrictEqual(complete("numbers", "wait", "--id", "x", "--until", "code-"), [
        "code-sent",
        "code-rejected"
      ])
      assert.deepStrictEqual(complete("--provider", ""), ["vonage", "woztell", "kaleyra", "meta", "memory"])
      assert.deepStrictEqual(complete("emulator", ""), ["vonage", "woztell", "kaleyra", "meta"])
      assert.deepStrictEqual(complete("migrate", "templates", "--on-quota", ""), ["pace", "stop"])
      assert.deepStrictEqual(complete("--completions", "z"), ["zsh"])
    }))

  it.scoped.skipIf(!has("zsh"))(
    "zsh: the script loads and completes commands, flags and values",
    () =>
      Effect.gen(function*() {
        const { environment, file } = yield* scriptFile("zsh")
        const complete = (...words: ReadonlyArray<string>) => {
          // compsys stubbed: `_describe` and `compadd` print what they would offer.
          const program = [
            `_describe() { local -a list; list=("\${(@P)\${@[-1]}}"); print -l -- "\${list[@]%%:*}" }`,
            `compadd() { [[ $1 == -- ]] && shift; print -l -- "$@" }`,
            `_files() { print -- "(files)" }`,
            `_message() { }`,
            `source ${JSON.stringify(file)}`,
            `words=(wa-admin ${words.map((word) => JSON.stringify(word)).join(" ")})`,
            `CURRENT=${words.length + 1}`,
            "_wa_admin"
          ].join("\n")
          const result = spawnSync("zsh", ["-f", "-c", program], { encoding: "utf8", env: environment })
          assert.strictEqual(result.status, 0, result.stderr)
          assert.strictEqual(result.stderr, "")
          return result.stdout.split("\n").filter((line) => line.length > 0)
        }
        assert.include(complete(""), "templates")
        assert.deepStrictEqual(complete("stickers", "packs", ""), ["list", "get", "create"])
        assert.include(complete("templates", "list", "--"), "--status")
        assert.notInclude(complete("templates", "list", "--"), "--wizard")
        assert.deepStrictEqual(complete("migrate", "templates", "--on-quota", ""), ["pace", "stop"])
        assert.deepStrictEqual(complete("templates", "create", "--file", ""), ["(files)"])
      })
  )

  it.scoped.skipIf(!has("fish"))(
    "fish: the script loads and completes commands, flags and values",
    () =>
      Effect.gen(function*() {
        const { environment, file } = yield* scriptFile("fish")
        const complete = (line: string) => {
          const result = spawnSync("fish", [
            "--no-config",
            "-c",
            `source ${JSON.stringify(file)}; complete -C ${JSON.stringify(line)}`
          ], {
            encoding: "utf8",
            env: environment
          })
          assert.strictEqual(result.status, 0, result.stderr)
          return result.stdout.split("\n").filter((entry) => entry.length > 0).map((entry) =>
            entry.split("\t")[0] ?? ""
          )
        }
        assert.include(complete("wa-admin "), "templates")
        assert.sameMembers(complete("wa-admin stickers packs "), ["list", "get", "create"])
        assert.include(complete("wa-admin templates list --st"), "--status")
        assert.sameMembers(complete("wa-admin migrate templates --on-quota "), ["pace", "stop"])
        assert.notInclude(complete("wa-admin templates list --"), "--wizard")
      })
  )

  it.effect("an unknown shell is a usage error naming the choices", () =>
    Effect.gen(function*() {
      const result = yield* cli("--completions", "powershell")
      assert.strictEqual(result.exitCode, 2)
      assert.include(result.stderr, "--completions powershell: must be one of bash, zsh, fish")
    }))
})
