import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { ExitCode } from "../src/ExitCode.js"
import * as Providers from "../src/Providers.js"
import { lines, runWith } from "./harness.js"
import { creations, keysOf, seed, woztellWithTwoWabas } from "./MigrateEmulators.js"

describe("wa-admin templates export / import", () => {
  it.scopedLive("round trip: export a WABA to a portable file, import it into another (plan, then apply), re-import plans nothing", () =>
    Effect.gen(function*() {
      const { directory, environment, source, target, woztell } = yield* woztellWithTwoWabas([
        {
          name: "order_update",
          language: "en_US",
          category: "UTILITY",
          components: [
            { type: "HEADER", format: "TEXT", text: "Your order" },
            { type: "BODY", text: "Hi {{1}}, order {{2}} shipped.", example: { body_text: [["Ada", "#1042"]] } },
            { type: "FOOTER", text: "The Bakery" },
            { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Track it" }] }
          ]
        },
        { ...seed("order_update", "es", "Hola {{1}}"), category: "UTILITY" },
        { ...seed("welcome"), status: "REJECTED" }
      ])
      const cli = runWith(Providers.layer, { ...environment, WA_ADMIN_PROVIDER: "woztell" })
      const file = join(directory, "templates.json")

      const exported = yield* cli("templates", "export", "--waba-id", source, "--file", file)
      assert.strictEqual(exported.exitCode, 0, exported.stderr)
      assert.strictEqual(
        exported.stdout.trim(),
        `Exported 3 template language versions (2 names) of woztell:${source} to ${file}.`
      )
      const written = JSON.parse(readFileSync(file, "utf8"))
      assert.deepInclude(written, {
        format: "wa-admin/templates",
        version: 1,
        source: { provider: "woztell", wabaId: source }
      })
      assert.isFalse(Number.isNaN(Date.parse(written.exportedAt)))
      const english = (written.templates as Array<Record<string, unknown>>).find(
        (template) => template["name"] === "order_update" && template["language"] === "en_US"
      )
      assert.deepInclude(english, { category: "UTILITY", status: "APPROVED" })
      assert.deepStrictEqual(english?.["components"], [
        { _tag: "HEADER", format: "TEXT", text: "Your order" },
        { _tag: "BODY", text: "Hi {{1}}, order {{2}} shipped.", examples: [["Ada", "#1042"]] },
        { _tag: "FOOTER", text: "The Bakery" },
        { _tag: "BUTTONS", buttons: [{ _tag: "QUICK_REPLY", text: "Track it" }] }
      ])

      const journal = join(directory, "import.jsonl")
      const args = ["templates", "import", "--waba-id", target, "--file", file, "--journal", journal]
      const dryRun = yield* cli(...args, "--dry-run")
      assert.strictEqual(dryRun.exitCode, 0, dryRun.stderr)
      assert.include(
        dryRun.stdout,
        `Plan: templates ${file} (exported from woztell:${source}) → woztell:${target}: 3 to create`
      )
      assert.deepStrictEqual(yield* keysOf(woztell, target), [], "a dry run creates nothing")

      const imported = yield* cli("--json", ...args)
      assert.strictEqual(imported.exitCode, 0, imported.stderr)
      const [plan, report] = lines(imported.stdout).map((line) => JSON.parse(line))
      assert.deepInclude(plan, { kind: "templates.plan", from: { provider: "woztell", wabaId: source, file } })
      assert.deepInclude(report, { kind: "templates.report", counts: { created: 3 } })
      assert.deepStrictEqual(yield* keysOf(woztell, target), ["order_update:en_US", "order_update:es", "welcome:en_US"])
      const stored = (yield* Effect.orDie(woztell.templates(target))).find((template) =>
        template.language === "en_US" && template.name === "order_update"
      )
      assert.deepStrictEqual(stored?.components, [
        { type: "HEADER", format: "TEXT", text: "Your order" },
        { type: "BODY", text: "Hi {{1}}, order {{2}} shipped.", example: { body_text: [["Ada", "#1042"]] } },
        { type: "FOOTER", text: "The Bakery" },
        { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Track it" }] }
      ])

      const again = yield* cli(...args)
      assert.strictEqual(again.exitCode, 0, again.stderr)
      assert.match(again.stdout, /0 to create, 0 to update, 3 identical already, 0 cannot be moved$/m)
      assert.isTrue([...(yield* creations(woztell, target)).values()].every((count) => count === 1))
    }))

  it.scopedLive("a file that is not a templates file is refused naming the field, before anything is sent", () =>
    Effect.gen(function*() {
      const { directory, environment, target, woztell } = yield* woztellWithTwoWabas()
      const cli = runWith(Providers.layer, { ...environment, WA_ADMIN_PROVIDER: "woztell" })
      const attempt = (name: string, content: string) =>
        Effect.gen(function*() {
          const path = join(directory, name)
          writeFileSync(path, content)
          return yield* cli("templates", "import", "--waba-id", target, "--file", path)
        })
      yield* woztell.clearRequests

      const notJson = yield* attempt("broken.json", "{ not json")
      assert.strictEqual(notJson.exitCode, ExitCode.InvalidInput)
      assert.include(notJson.stderr, "file: ")
      assert.include(notJson.stderr, "must hold JSON")

      const draft = yield* attempt("draft.json", JSON.stringify({ name: "x", language: "en_US" }))
      assert.strictEqual(draft.exitCode, ExitCode.InvalidInput)
      assert.include(draft.stderr, `file.format: must be "wa-admin/templates"`)

      const future = yield* attempt("v2.json", JSON.stringify({ format: "wa-admin/templates", version: 2 }))
      assert.strictEqual(future.exitCode, ExitCode.InvalidInput)
      assert.include(future.stderr, "file.version: must be 1")

      const broken = yield* attempt(
        "bad-template.json",
        JSON.stringify({
          format: "wa-admin/templates",
          version: 1,
          exportedAt: "2024-01-01T00:00:00.000Z",
          source: { provider: "woztell", wabaId: "1" },
          templates: [{ name: "a", language: "en_US", category: "UTILITY", status: "APPROVED" }]
        })
      )
      assert.strictEqual(broken.exitCode, ExitCode.InvalidInput)
      assert.include(broken.stderr, "file.templates.0.components")

      assert.deepStrictEqual(yield* woztell.requests, [], "nothing reached the provider")
    }))
})
