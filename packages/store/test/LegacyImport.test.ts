/**
 * Importing the files earlier releases kept — `.wa-admin/*.journal.jsonl` and the file quota
 * store's directory — on both engines: imported once (a second run changes nothing), merged with
 * what the store holds, the files left untouched; a damaged quota file fails the whole import
 * closed, writing nothing.
 */
import { NodeFileSystem } from "@effect/platform-node"
import { assert } from "@effect/vitest"
import { AdminError } from "@wa-admin/core"
import { ConfigProvider, Effect, Layer } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { LegacyImport, Store } from "../src/index.js"
import type { Fresh } from "./support/Engines.js"
import { onEveryEngine, temporaryDirectory } from "./support/Engines.js"

const line = (key: string, phase: string, at: number) =>
  JSON.stringify({ migration: "templates woztell:1 -> woztell:2", key, action: "create", phase, at })

/** Legacy files as earlier releases left them, under `directory`. */
const legacyFiles = (directory: string) => {
  const journals = path.join(directory, ".wa-admin")
  const quota = path.join(directory, "home", ".wa-admin", "quota")
  fs.mkdirSync(journals, { recursive: true })
  fs.mkdirSync(quota, { recursive: true })
  const first = path.join(journals, "templates-woztell-1-to-woztell-2.journal.jsonl")
  // the last line was cut short by a killed run
  fs.writeFileSync(
    first,
    `${line("hello:en", "started", 10)}\n${line("hello:en", "done", 11)}\n${
      line("bye:en", "started", 12)
    }\n{"migration":"templ`
  )
  const second = path.join(journals, "templates-woztell-1-to-woztell-3.journal.jsonl")
  fs.writeFileSync(second, `${line("hola:es", "started", 20).replace("woztell:2", "woztell:3")}\nnot json at all\n`)
  fs.writeFileSync(path.join(quota, "woztell.creations.190787529545503"), "[1000,2000]")
  fs.writeFileSync(path.join(quota, encodeURIComponent("woztell.edits.190787529545503.hello world.en")), "[3000]")
  fs.writeFileSync(path.join(quota, "woztell.creations.190787529545503@lock"), "{\"pid\":1}")
  fs.writeFileSync(path.join(quota, `sha256-${"ab".repeat(32)}`), "[4000]")
  return { first, second, journals, quota }
}

const snapshot = (directory: string) =>
  fs.readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith("state.db"))
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name)
      return `${path.relative(directory, file)} ${fs.readFileSync(file, "utf8")} ${fs.statSync(file).mtimeMs}`
    })
    .sort()

const importing = (fresh: Fresh, sources: LegacyImport.Sources) =>
  Effect.flatMap(
    fresh.open(),
    (store) =>
      LegacyImport.importLegacy(sources).pipe(
        Effect.provide(Layer.merge(Layer.succeed(Store.Store, store), NodeFileSystem.layer))
      )
  )

onEveryEngine("the legacy import", (it, engine) => {
  it.scoped("imports every journal and quota file once, merges histories, leaves the files alone", () =>
    Effect.gen(function*() {
      const fresh = yield* engine.fresh
      const files = legacyFiles(fresh.directory)
      const sources = { journals: [files.journals], quotaDirectories: [files.quota] }
      const store = yield* fresh.open()
      // the store already holds part of one history (a spending both kept)
      yield* store.quotaStorage.update(
        "woztell.creations.190787529545503",
        { provider: "woztell", operation: "test" },
        () => Effect.succeed([undefined, [2000, 5000]] as const)
      )
      const before = snapshot(fresh.directory)

      const report = yield* importing(fresh, sources)
      assert.deepStrictEqual(report.imported.map((file) => [path.basename(file.source), file.kind, file.entries]), [
        ["templates-woztell-1-to-woztell-2.journal.jsonl", "journal", 3],
        ["templates-woztell-1-to-woztell-3.journal.jsonl", "journal", 1],
        ["woztell.creations.190787529545503", "quota", 2],
        [encodeURIComponent("woztell.edits.190787529545503.hello world.en"), "quota", 1]
      ])
      assert.deepStrictEqual(report.alreadyImported, [])
      assert.deepStrictEqual(
        report.skipped.map((item) => [path.basename(item.source), item.reason.split(" ")[0]]),
        [
          [`templates-woztell-1-to-woztell-2.journal.jsonl:4`, "cut"],
          [`templates-woztell-1-to-woztell-3.journal.jsonl:2`, "not"],
          [`sha256-${"ab".repeat(32)}`, "named"]
        ]
      )
      assert.deepStrictEqual(snapshot(fresh.directory), before, "the legacy files are left as they were")

      const progress = yield* store.journal.progress("templates woztell:1 -> woztell:2")
      assert.deepStrictEqual([...progress.values()].map((entry) => [entry.key, entry.phase]), [
        ["hello:en", "done"],
        ["bye:en", "started"]
      ])
      const quota = store.quotaStorage
      assert.deepStrictEqual(
        yield* quota.read("woztell.creations.190787529545503", { provider: "woztell", operation: "test" }),
        [1000, 2000, 5000]
      )
      assert.deepStrictEqual(
        yield* quota.read("woztell.edits.190787529545503.hello world.en", {
          provider: "woztell",
          operation: "test"
        }),
        [3000]
      )

      // a second run imports nothing again
      const again = yield* importing(fresh, sources)
      assert.deepStrictEqual(again.imported, [])
      assert.strictEqual(again.alreadyImported.length, 4)
      assert.deepStrictEqual(
        yield* quota.read("woztell.creations.190787529545503", { provider: "woztell", operation: "test" }),
        [1000, 2000, 5000]
      )
      const [rows] = yield* store.sql<
        { readonly count: number | string }
      >`SELECT COUNT(*) AS count FROM wa_admin_journal`
      assert.strictEqual(Number(rows?.count), 4)

      // a journal an old release kept writing after the import is reported and left alone
      fs.appendFileSync(files.first, `\n${line("late:en", "started", 30)}\n`)
      const changed = yield* importing(fresh, sources)
      assert.deepStrictEqual(changed.imported, [])
      assert.deepStrictEqual(
        changed.skipped.filter((item) => item.source === files.first).map((item) => item.reason),
        [
          "changed since it was imported: left alone"
        ]
      )
      assert.isFalse((yield* store.journal.progress("templates woztell:1 -> woztell:2")).has("late:en"))
      assert.deepStrictEqual(LegacyImport.lines(again).slice(0, 1), [`already imported ${files.first}: left alone`])
    }))

  it.scoped("a damaged quota file fails the whole import closed, naming it; nothing is written until it is dealt with", () =>
    Effect.gen(function*() {
      const fresh = yield* engine.fresh
      const files = legacyFiles(fresh.directory)
      const damaged = path.join(files.quota, "woztell.creations.111")
      fs.writeFileSync(damaged, "[1700000000000, 17000")
      const sources = { journals: [files.journals], quotaDirectories: [files.quota] }
      const error = yield* Effect.flip(importing(fresh, sources))
      assert.instanceOf(error, AdminError.LocalStateUnavailable)
      assert.include(error.message, `the legacy quota history ${damaged} is damaged`)
      assert.include(error.message, "nothing was imported")
      const store = yield* fresh.open()
      const [rows] = yield* store.sql<
        { readonly count: number | string }
      >`SELECT COUNT(*) AS count FROM wa_admin_imports`
      assert.strictEqual(Number(rows?.count), 0)
      assert.strictEqual((yield* store.journal.progress("templates woztell:1 -> woztell:2")).size, 0)
      fs.renameSync(damaged, path.join(fresh.directory, "moved-aside"))
      assert.strictEqual((yield* importing(fresh, sources)).imported.length, 4)
    }))
}, (it) => {
  it.effect("sources: .wa-admin under the working directory; WOZTELL_QUOTA_DIR, else ~/.wa-admin/quota", () =>
    Effect.gen(function*() {
      const directory = yield* temporaryDirectory("sources")
      const options = { workingDirectory: directory, home: path.join(directory, "home") }
      const byDefault = yield* LegacyImport.sourcesConfig(options).pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map()))
      )
      assert.deepStrictEqual(byDefault, {
        journals: [path.join(directory, ".wa-admin")],
        quotaDirectories: [path.join(directory, "home", ".wa-admin", "quota")]
      })
      const configured = yield* LegacyImport.sourcesConfig(options).pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["WOZTELL_QUOTA_DIR", "/srv/quota"]])))
      )
      assert.deepStrictEqual(configured.quotaDirectories, ["/srv/quota"])
    }).pipe(Effect.scoped))
})
