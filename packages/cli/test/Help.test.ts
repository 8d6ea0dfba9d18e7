/**
 * `--help` as a user reads it: every command's help, its usage line with the full command path
 * and brackets where a flag is optional, a description on every flag and argument, 100 columns
 * at most, the exit codes once, colour only on a terminal that allows it, and `--version` as one
 * line.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import * as Cli from "../src/Cli.js"
import * as ExitCode from "../src/ExitCode.js"
import * as CommandTree from "../src/internal/commandTree.js"
import * as Providers from "../src/Providers.js"
import { runRawWith, runWith } from "./harness.js"

const cli = runWith(Providers.layer)
const root = CommandTree.of(Cli.command)
const commands = CommandTree.all(root)
const terminal: Cli.Screen = { isTTY: true, columns: 120 }
const escape = "\x1b["

const packageVersion =
  (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string })
    .version

/** The lines of the USAGE section. */
const usageOf = (help: string): string => {
  const lines = help.split("\n")
  const start = lines.indexOf("USAGE")
  const end = lines.findIndex((line, index) => index > start && line.trim() === "")
  return lines.slice(start + 1, end === -1 ? undefined : end).join("\n")
}

describe("wa-admin --help", () => {
  it("every flag and argument of every command has a description of its own", () => {
    const undescribed = commands.flatMap((node) => [
      ...node.flags.filter((flag) => flag.description.trim().length < 10).map((flag) =>
        `${node.path.join(" ")} ${flag.name}`
      ),
      ...node.positionals.filter((positional) => positional.description.trim().length < 10).map((positional) =>
        `${node.path.join(" ")} <${positional.name}>`
      )
    ])
    assert.deepStrictEqual(undescribed, [])
    assert.isAbove(commands.length, 40, "the tree holds every command")
    assert.isAbove(commands.flatMap((node) => node.flags).length, 150, "and their flags")
  })

  it.effect("each command's help: its full path in the usage line, every flag described, nothing of @effect/cli's filler", () =>
    Effect.gen(function*() {
      for (const node of commands) {
        const result = yield* cli(...node.path, "--help")
        const path = ["wa-admin", ...node.path].join(" ")
        assert.strictEqual(result.exitCode, 0, path)
        assert.notInclude(result.stdout, "A user-defined piece of text", path)
        assert.notInclude(result.stdout, "A true or false value", path)
        assert.notInclude(result.stdout, "This setting is optional", path)
        assert.notInclude(result.stdout, "$ ", path)
        assert.notInclude(result.stdout, "--wizard", path)
        if (node === root) continue
        assert.include(usageOf(result.stdout), `  ${path}`, `${path}: the usage line names the whole path`)
        for (const flag of node.flags) assert.include(result.stdout, flag.name, `${path} --help lists ${flag.name}`)
      }
    }))

  it.effect("group names are not doubled", () =>
    Effect.gen(function*() {
      const top = yield* cli("--help")
      assert.include(top.stdout, "profile photo get")
      assert.include(top.stdout, "stickers packs list")
      for (const node of commands.filter((node) => node !== root)) {
        const help = node === root ? top : yield* cli(...node.path, "--help")
        for (const group of ["profile", "stickers", "packs", "photo", "templates", "numbers", "flows"]) {
          assert.notInclude(help.stdout, `${group} ${group} `, `${node.path.join(" ")}: "${group}" twice`)
        }
      }
      assert.notInclude(top.stdout, "profile profile")
      assert.notInclude(top.stdout, "stickers stickers")
    }))

  it.effect("optional flags are bracketed, repeatable ones marked, required ones bare", () =>
    Effect.gen(function*() {
      const set = usageOf((yield* cli("profile", "set", "--help")).stdout)
      assert.include(set, "[--website URL]...")
      assert.include(set, "[--about TEXT]")
      assert.include(set, "[--number REF]")
      assert.notMatch(set, /(^|\s)--website URL\.\.\./)
      const verify = usageOf((yield* cli("numbers", "verify", "--help")).stdout)
      assert.match(verify, /wa-admin numbers verify --id ID --code CODE/)
      const create = usageOf((yield* cli("flows", "create", "--help")).stdout)
      assert.include(create, "--name NAME [--category CATEGORY]...")
      const emulator = usageOf((yield* cli("emulator", "--help")).stdout)
      assert.include(emulator, "PROVIDER")
      const wait = (yield* cli("numbers", "wait", "--help")).stdout
      assert.include(wait, "Default: ready.")
      assert.include(wait, "code-rejected")
    }))

  it.effect("every line of every help fits in 100 columns, even on a wider terminal", () =>
    Effect.gen(function*() {
      const wide = runWith(Providers.layer, {}, { isTTY: true, columns: 250 })
      for (const node of commands) {
        for (const run of [cli, wide]) {
          const result = yield* run(...node.path, "--help")
          const long = result.stdout.split("\n").filter((line) => [...line].length > 100)
          assert.deepStrictEqual(long, [], `wa-admin ${node.path.join(" ")} --help`)
        }
      }
      const narrow = yield* runWith(Providers.layer, {}, { isTTY: true, columns: 72 })("templates", "create", "--help")
      assert.isTrue(narrow.stdout.split("\n").every((line) => [...line].length <= 72), "a narrower terminal is kept to")
    }))

  it.effect("the top-level help is short: one line per command and the exit codes once", () =>
    Effect.gen(function*() {
      const top = yield* cli("--help")
      const lines = top.stdout.split("\n")
      // One line per command: Meta's extension groups (flows, qr, webhooks, waba, phone) added 16, fleet 5.
      assert.isBelow(lines.length, 115)
      assert.include(top.stdout, "EXIT CODES")
      for (const { code, meaning } of ExitCode.table) {
        assert.match(top.stdout, new RegExp(`^  ${code} +${meaning.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"))
      }
      assert.notInclude(top.stdout, "…", "every command's summary fits its line")
      for (
        const node of commands.filter((node) => node !== root)
      ) {
        if (node.children.length > 0) continue
        const help = yield* cli(...node.path, "--help")
        assert.notInclude(help.stdout, "EXIT CODES", node.path.join(" "))
        assert.notInclude(help.stdout, "provisioning failed", node.path.join(" "))
        assert.include(help.stdout, "Exit codes: see `wa-admin --help`.")
      }
    }))

  it.effect("colour only on a terminal, and never under NO_COLOR or TERM=dumb; errors never", () =>
    Effect.gen(function*() {
      const onTerminal = yield* runRawWith(Providers.layer, {}, terminal)("templates", "--help")
      assert.include(onTerminal.rawStdout, escape)
      const piped = yield* runRawWith(Providers.layer)("templates", "--help")
      assert.notInclude(piped.rawStdout, escape)
      const noColor = yield* runRawWith(Providers.layer, { NO_COLOR: "1" }, terminal)("--help")
      assert.notInclude(noColor.rawStdout, escape)
      const dumb = yield* runRawWith(Providers.layer, { TERM: "dumb" }, terminal)("profile", "set", "--help")
      assert.notInclude(dumb.rawStdout, escape)
      const error = yield* runRawWith(Providers.layer, {}, terminal)("templates", "lsit")
      assert.strictEqual(error.exitCode, ExitCode.ExitCode.Usage)
      assert.notInclude(error.rawStderr, escape)
    }))

  it.effect("`wa-admin help [COMMAND…]` is `wa-admin [COMMAND…] --help`", () =>
    Effect.gen(function*() {
      const top = yield* cli("help")
      assert.strictEqual(top.exitCode, 0)
      assert.strictEqual(top.stdout, (yield* cli("--help")).stdout)
      const leaf = yield* cli("help", "profile", "photo", "set")
      assert.strictEqual(leaf.stdout, (yield* cli("profile", "photo", "set", "--help")).stdout)
    }))

  it.effect("--version prints the version on one line, and nothing else", () =>
    Effect.gen(function*() {
      const result = yield* cli("--version")
      assert.strictEqual(result.exitCode, 0)
      assert.strictEqual(result.stdout, `${packageVersion}\n`)
    }))

  it.effect("a leading -- (as `pnpm wa-admin -- …` hands on) is ignored", () =>
    Effect.gen(function*() {
      const help = yield* cli("--", "--help")
      assert.strictEqual(help.exitCode, 0, help.stderr)
      assert.include(help.stdout, "USAGE")
      const version = yield* cli("--", "--version")
      assert.strictEqual(version.stdout, `${packageVersion}\n`)
      const capabilities = yield* cli("--", "--provider", "memory", "--json", "capabilities")
      assert.strictEqual(capabilities.exitCode, 0, capabilities.stderr)
      assert.strictEqual(JSON.parse(capabilities.stdout).provider, "memory")
    }))
})
