import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { ExitCode } from "../src/ExitCode.js"
import { temporaryFiles } from "./extensionSupport.js"
import type { FlagValue } from "./harness.js"
import { argv, lines, sharedMemory } from "./harness.js"

const wabaId = "190787529545503"

/** `templates VERB` on the test's WABA with `flags`. */
const templates = (verb: string, flags: Readonly<Record<string, FlagValue>> = {}) =>
  argv(`templates ${verb}`, { "waba-id": wabaId, ...flags })

/** The `order_update` template of one language, with every kind of component. */
const createOrderUpdate = (language: string, body: string) =>
  templates("create", {
    name: "order_update",
    language,
    category: "UTILITY",
    "header-text": "Your order",
    body,
    "body-example": ["Ada", "#1042"],
    footer: "The Bakery",
    "quick-reply": "Track it",
    "url-button": "Visit=https://bakery.example/orders?id=1"
  })

/** Creations refused before anything is sent: the flags (given a way to write a file), what the error names. */
const refusedCreations: ReadonlyArray<{
  readonly name: string
  readonly flags: (write: (name: string, content: string) => string) => Readonly<Record<string, FlagValue>>
  readonly mentions: ReadonlyArray<string>
}> = [
  {
    name: "a file that is not JSON is an InvalidInput naming the file",
    flags: (write) => ({ file: write("template.json", "{ name: welcome") }),
    mentions: ["file:", "must hold JSON"]
  },
  {
    name: "a template breaking the rules is refused with every issue",
    flags: () => ({
      name: "Order Update",
      language: "en_US",
      category: "UTILITY",
      body: "Hi {{1}}, order {{3}} shipped",
      "body-example": ["Ada", "#1042"]
    }),
    mentions: ["template.name", "without gaps"]
  },
  {
    name: "a malformed button flag is an InvalidInput naming the flag",
    flags: () => ({
      name: "promo",
      language: "en_US",
      category: "MARKETING",
      body: "Sale!",
      "url-button": "https://bakery.example"
    }),
    mentions: ["--url-button: must be TEXT=VALUE"]
  }
]

/** A temporary file holding `content`, removed with the scope. */
const tempFile = (content: string) => Effect.map(temporaryFiles, (files) => files.write("template.json", content))

describe("wa-admin templates", () => {
  it.scoped("create from flags, get, list, edit, delete one language", () =>
    Effect.gen(function*() {
      const { cli, control } = yield* sharedMemory()

      const created = yield* cli("--json", ...createOrderUpdate("en_US", "Hi {{1}}, order {{2}} shipped."))
      assert.strictEqual(created.exitCode, 0, created.stderr)
      const template = JSON.parse(created.stdout)
      assert.deepInclude(template, { name: "order_update", language: "en_US", category: "UTILITY" })
      assert.deepStrictEqual(template.components, [
        { _tag: "HEADER", format: "TEXT", text: "Your order" },
        { _tag: "BODY", text: "Hi {{1}}, order {{2}} shipped.", examples: [["Ada", "#1042"]] },
        { _tag: "FOOTER", text: "The Bakery" },
        {
          _tag: "BUTTONS",
          buttons: [
            { _tag: "QUICK_REPLY", text: "Track it" },
            { _tag: "URL", text: "Visit", url: "https://bakery.example/orders?id=1" }
          ]
        }
      ])
      const spanish = yield* cli(...createOrderUpdate("es", "Hola {{1}}, pedido {{2}} enviado."))
      assert.strictEqual(spanish.exitCode, 0, spanish.stderr)
      assert.match(spanish.stdout, /^language\s+es$/m)

      const got = yield* cli(...templates("get", { name: "order_update", language: "es" }))
      assert.strictEqual(got.exitCode, 0, got.stderr)
      assert.match(got.stdout, /^body\s+Hola \{\{1\}\}, pedido \{\{2\}\} enviado\.$/m)

      const listed = yield* cli(...templates("list"))
      assert.strictEqual(listed.exitCode, 0, listed.stderr)
      const [header, ...rows] = lines(listed.stdout)
      assert.match(header ?? "", /^NAME\s+LANGUAGE\s+CATEGORY\s+STATUS/)
      assert.lengthOf(rows, 2)
      assert.match(rows[0] ?? "", /^order_update\s+en_US\s+UTILITY/)
      assert.match(rows[1] ?? "", /^order_update\s+es\s+UTILITY/)

      const edited = yield* cli(
        ...templates("edit", {
          name: "order_update",
          language: "en_US",
          body: "Good news {{1}}: order {{2}} is on its way.",
          "body-example": ["Ada", "#1042"]
        })
      )
      assert.strictEqual(edited.exitCode, 0, edited.stderr)
      assert.include(edited.stdout, "order_update (en_US) updated")
      const [english] = yield* control.templates(wabaId)
      assert.deepStrictEqual(
        english?.components.map((component) => component._tag),
        ["BODY"]
      )

      const deleted = yield* cli(...templates("delete", { name: "order_update", language: "es" }))
      assert.strictEqual(deleted.exitCode, 0, deleted.stderr)
      const remaining = yield* cli("--json", ...templates("list"))
      assert.deepStrictEqual(
        lines(remaining.stdout).map((line) => JSON.parse(line).language),
        ["en_US"]
      )
    }))

  it.scoped("create from --file, flags replacing the file's fields and components of the same kind", () =>
    Effect.gen(function*() {
      const { cli } = yield* sharedMemory()
      const path = yield* tempFile(
        JSON.stringify({
          name: "welcome",
          language: "en_US",
          category: "MARKETING",
          components: [
            { _tag: "BODY", text: "Welcome aboard!" },
            { _tag: "BUTTONS", buttons: [{ _tag: "QUICK_REPLY", text: "Thanks" }] }
          ]
        })
      )
      const fromFile = yield* cli("--json", ...templates("create", { file: path }))
      assert.strictEqual(fromFile.exitCode, 0, fromFile.stderr)
      assert.deepInclude(JSON.parse(fromFile.stdout), { name: "welcome", language: "en_US", category: "MARKETING" })

      const overridden = yield* cli(
        "--json",
        ...templates("create", { file: path, language: "es", body: "¡Bienvenido!" })
      )
      assert.strictEqual(overridden.exitCode, 0, overridden.stderr)
      const template = JSON.parse(overridden.stdout)
      assert.strictEqual(template.language, "es")
      assert.deepStrictEqual(template.components, [
        { _tag: "BODY", text: "¡Bienvenido!" },
        { _tag: "BUTTONS", buttons: [{ _tag: "QUICK_REPLY", text: "Thanks" }] }
      ])
    }))

  for (const { flags, mentions, name } of refusedCreations) {
    it.scoped(`${name}, and nothing is sent`, () =>
      Effect.gen(function*() {
        const { cli, control } = yield* sharedMemory()
        const result = yield* cli(...templates("create", flags((yield* temporaryFiles).write)))
        assert.strictEqual(result.exitCode, ExitCode.InvalidInput)
        assert.lengthOf(lines(result.stderr), 1)
        for (const part of mentions) assert.include(result.stderr, part)
        assert.deepStrictEqual(yield* control.requests, [])
        assert.deepStrictEqual(yield* control.templates(wabaId), [])
      }))
  }

  it.scoped("list streams every page, one JSON object per line, and honours filters", () =>
    Effect.gen(function*() {
      const { cli, control } = yield* sharedMemory()
      yield* control.seedTemplates(
        wabaId,
        Array.from({ length: 25 }, (_, index) => ({
          name: `seeded_${String(index).padStart(2, "0")}`,
          language: "en_US",
          category: "MARKETING" as const,
          status: index % 5 === 0 ? "REJECTED" : "APPROVED",
          components: [{ _tag: "BODY" as const, text: `Message ${index}` }]
        }))
      )
      const all = yield* cli("--json", ...templates("list", { "page-size": "10" }))
      assert.strictEqual(all.exitCode, 0, all.stderr)
      const names = lines(all.stdout).map((line) => JSON.parse(line).name)
      assert.deepStrictEqual(
        names,
        Array.from({ length: 25 }, (_, index) => `seeded_${String(index).padStart(2, "0")}`)
      )

      const rejected = yield* cli("--json", ...templates("list", { status: "REJECTED" }))
      assert.deepStrictEqual(
        lines(rejected.stdout).map((line) => JSON.parse(line).name),
        ["seeded_00", "seeded_05", "seeded_10", "seeded_15", "seeded_20"]
      )

      const none = yield* cli(...templates("list", { status: "PAUSED" }))
      assert.strictEqual(none.stdout.trim(), "(no templates)")
    }))

  it.scoped("list and delete need what they act on", () =>
    Effect.gen(function*() {
      const { cli, control } = yield* sharedMemory()
      const noWaba = yield* cli("templates", "list")
      assert.strictEqual(noWaba.exitCode, ExitCode.InvalidInput)
      assert.include(noWaba.stderr, "wabaId: is required: pass --waba-id")

      const noLanguage = yield* cli(...templates("delete", { name: "order_update" }))
      assert.strictEqual(noLanguage.exitCode, ExitCode.InvalidInput)
      assert.include(noLanguage.stderr, "language: is required")

      const both = yield* cli(
        ...templates("delete", { name: "order_update", language: "en_US", "all-languages": true })
      )
      assert.strictEqual(both.exitCode, ExitCode.Usage)
      assert.deepStrictEqual(yield* control.requests, [])
    }))

  it.scoped("delete --all-languages removes every language of the name", () =>
    Effect.gen(function*() {
      const { cli, control } = yield* sharedMemory()
      for (const language of ["en_US", "es", "pt_BR"]) {
        const created = yield* cli(...createOrderUpdate(language, "Hi {{1}}, order {{2}} shipped."))
        assert.strictEqual(created.exitCode, 0, created.stderr)
      }
      const deleted = yield* cli(...templates("delete", { name: "order_update", "all-languages": true }))
      assert.strictEqual(deleted.exitCode, 0, deleted.stderr)
      assert.include(deleted.stdout, "every language")
      assert.deepStrictEqual(yield* control.templates(wabaId), [])
    }))

  it.scoped("under --json a command without a result (edit, delete) prints nothing on stdout", () =>
    Effect.gen(function*() {
      const { cli, control } = yield* sharedMemory()
      assert.strictEqual((yield* cli(...createOrderUpdate("en_US", "Hi {{1}}, order {{2}} shipped."))).exitCode, 0)
      const edited = yield* cli(
        "--json",
        ...templates("edit", { name: "order_update", language: "en_US", body: "Shipped." })
      )
      assert.deepStrictEqual(edited, { exitCode: 0, stdout: "", stderr: "" })
      const deleted = yield* cli("--json", ...templates("delete", { name: "order_update", language: "en_US" }))
      assert.deepStrictEqual(deleted, { exitCode: 0, stdout: "", stderr: "" })
      assert.deepStrictEqual(yield* control.templates(wabaId), [])
    }))

  it.scoped("getting a template that does not exist is NotFound", () =>
    Effect.gen(function*() {
      const { cli } = yield* sharedMemory()
      const result = yield* cli(...templates("get", { name: "nope", language: "en_US" }))
      assert.strictEqual(result.exitCode, ExitCode.NotFound)
      assert.strictEqual(result.stdout, "")
      assert.lengthOf(lines(result.stderr), 1)
    }))
})
