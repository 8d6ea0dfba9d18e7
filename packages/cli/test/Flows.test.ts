import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { documentJson } from "../../woztell/test/emulator/fixtures.js"
import { ExitCode } from "../src/ExitCode.js"
import * as Providers from "../src/Providers.js"
import { againstWoztell } from "./extensionSupport.js"
import type { FlagValue } from "./harness.js"
import { argv, assertHelpMentions, lines, runWith } from "./harness.js"

/** WOZTELL's documented Flow JSON example: one terminal screen, `PREFERENCES`, holding a form. */
const preferences = documentJson

/** `flows create` of a flow named `name` in `category` (one or several), with an endpoint when given. */
const createFlow = (name: string, category: FlagValue, endpointUrl?: string) =>
  argv("flows create", { name, category, ...(endpointUrl === undefined ? {} : { "endpoint-url": endpointUrl }) })

describe("wa-admin flows (WOZTELL)", () => {
  it.scopedLive("create → set-json → publish → deprecate, with list, get, preview, screens and update, over HTTP", () =>
    Effect.gen(function*() {
      const { cli, emulator, files } = yield* againstWoztell()

      const created = yield* cli(
        "--json",
        ...createFlow("Preferences", ["SURVEY", "OTHER"], "https://example.com/flow-endpoint")
      )
      assert.strictEqual(created.exitCode, 0, created.stderr)
      const flowId: string = JSON.parse(created.stdout).id
      assert.deepStrictEqual(JSON.parse(created.stdout), { id: flowId })
      const createRequest = (yield* emulator.requests).at(-1)
      assert.strictEqual(createRequest?.method, "PUT")
      assert.deepStrictEqual(createRequest?.body, {
        data: {
          name: "Preferences",
          categories: ["SURVEY", "OTHER"],
          endpoint_url: "https://example.com/flow-endpoint"
        }
      })
      assert.isString(createRequest?.headers["x-woztell-signedcontext"])
      const flow = ["--flow-id", flowId]

      const flowFile = files.write("flow.json", JSON.stringify(preferences))
      const setJson = yield* cli("--json", "flows", "set-json", ...flow, "--file", flowFile)
      assert.strictEqual(setJson.exitCode, 0, setJson.stderr)
      assert.deepStrictEqual(JSON.parse(setJson.stdout), { validationErrors: [] })
      assert.deepStrictEqual((yield* emulator.requests).at(-1)?.body, { flowId, data: preferences })

      const listed = yield* cli("--json", "flows", "list")
      assert.strictEqual(listed.exitCode, 0, listed.stderr)
      const [summary, ...others] = lines(listed.stdout).map((line) => JSON.parse(line))
      assert.deepStrictEqual(others, [])
      assert.deepInclude(summary, { id: flowId, status: "draft" })
      assert.deepStrictEqual(summary.screens.map((screen: { id: string }) => screen.id), ["PREFERENCES"])
      const listedHuman = yield* cli("flows", "list")
      assert.match(lines(listedHuman.stdout)[0] ?? "", /^FLOW ID\s+STATUS\s+SCREENS\s+LABEL$/)
      assert.match(lines(listedHuman.stdout)[1] ?? "", new RegExp(`^${flowId}\\s+draft\\s+1\\s+Preferences`))

      const detail = yield* cli("--json", "flows", "get", ...flow)
      assert.strictEqual(detail.exitCode, 0, detail.stderr)
      assert.deepInclude(JSON.parse(detail.stdout), {
        id: flowId,
        name: "Preferences",
        categories: ["SURVEY", "OTHER"],
        status: "DRAFT",
        validationErrors: [],
        jsonVersion: "3.1"
      })

      const preview = yield* cli("--json", "flows", "preview", ...flow)
      assert.strictEqual(preview.exitCode, 0, preview.stderr)
      const link = JSON.parse(preview.stdout)
      assert.include(link.url, `/flows/${flowId}/preview/`)
      assert.isString(link.expiresAt)
      const previewHuman = yield* cli("flows", "preview", ...flow)
      assert.match(previewHuman.stdout, /^preview\s+https:\/\/business\.facebook\.com\/wa\/manage\/flows\//m)

      const screens = yield* cli("flows", "screens", ...flow)
      assert.strictEqual(screens.exitCode, 0, screens.stderr)
      assert.match(screens.stdout, /^first screen\s+PREFERENCES$/m)
      assert.match(screens.stdout, /^screen\s+PREFERENCES — Update Preferences \(PREFERENCES\)$/m)

      const renamed = yield* cli("flows", "update", ...flow, "--name", "Contact preferences")
      assert.strictEqual(renamed.exitCode, 0, renamed.stderr)
      assert.include(renamed.stdout, `Flow ${flowId} updated.`)
      assert.deepStrictEqual((yield* emulator.requests).at(-1)?.body, { flowId, data: { name: "Contact preferences" } })

      const published = yield* cli("flows", "publish", ...flow)
      assert.strictEqual(published.exitCode, 0, published.stderr)
      assert.include(published.stdout, `Flow ${flowId} published.`)
      const deprecated = yield* cli("--json", "flows", "deprecate", ...flow)
      assert.strictEqual(deprecated.exitCode, 0, deprecated.stderr)
      assert.strictEqual(deprecated.stdout, "")

      const [stored] = yield* emulator.flows
      assert.deepInclude(stored, { id: flowId, name: "Contact preferences", status: "DEPRECATED" })
      assert.deepStrictEqual(stored?.json, preferences)

      const draft = JSON.parse((yield* cli("--json", ...createFlow("Scratch", "OTHER"))).stdout).id
      const removed = yield* cli("flows", "delete", "--flow-id", draft)
      assert.strictEqual(removed.exitCode, 0, removed.stderr)
      assert.deepStrictEqual((yield* emulator.flows).map((flow) => flow.id), [flowId])
    }))

  it.scopedLive("a flow JSON with errors is saved and its errors printed; publishing it then fails", () =>
    Effect.gen(function*() {
      const { cli, emulator, files } = yield* againstWoztell()
      const created = yield* cli("--json", ...createFlow("Broken", "SURVEY"))
      const flowId: string = JSON.parse(created.stdout).id
      const noTerminal = { version: "3.1", screens: [{ ...preferences.screens[0], terminal: false }] }

      const brokenFile = files.write("broken.json", JSON.stringify(noTerminal))
      const saved = yield* cli("flows", "set-json", "--flow-id", flowId, "--file", brokenFile)
      assert.strictEqual(saved.exitCode, 0, saved.stderr)
      assert.include(saved.stdout, `Flow JSON of ${flowId} saved with 1 validation error(s)`)
      assert.include(saved.stdout, "MISSING_TERMINAL_SCREEN: At least one screen must be terminal.")

      const published = yield* cli("flows", "publish", "--flow-id", flowId)
      assert.notStrictEqual(published.exitCode, 0)
      assert.strictEqual(published.stdout, "")
      assert.lengthOf(lines(published.stderr), 1)
      assert.include(published.stderr, "validation error")
      assert.strictEqual((yield* emulator.flows)[0]?.status, "DRAFT")

      const unknown = yield* cli("flows", "get", "--flow-id", "999999")
      assert.strictEqual(unknown.exitCode, ExitCode.NotFound, unknown.stderr)
    }))

  it.scopedLive("bad input is an InvalidInput naming each field, and nothing is sent", () =>
    Effect.gen(function*() {
      const { cli, emulator, files } = yield* againstWoztell()

      const created = yield* cli(
        "--json",
        ...createFlow("Sign up", "SIGNUP", "http://example.com/plain-http")
      )
      assert.strictEqual(created.exitCode, ExitCode.InvalidInput)
      const error = JSON.parse(lines(created.stderr)[1] ?? "null")
      assert.deepInclude(error, { _tag: "InvalidInput", source: "local", operation: "flows.create" })
      assert.sameMembers(error.issues.map((issue: { field: string }) => issue.field), ["categories.0", "endpointUrl"])

      const noCategory = yield* cli("flows", "create", "--name", "Sign up")
      assert.strictEqual(noCategory.exitCode, ExitCode.InvalidInput)
      assert.include(noCategory.stderr, "categories")

      const nothing = yield* cli("flows", "update", "--flow-id", "1")
      assert.strictEqual(nothing.exitCode, ExitCode.InvalidInput)
      assert.include(nothing.stderr, "must change at least one of name, categories, endpointUrl")

      const notJson = yield* cli(
        ...argv("flows set-json", { "flow-id": "1", file: files.write("flow.json", "{ version: 3.1") })
      )
      assert.strictEqual(notJson.exitCode, ExitCode.InvalidInput)
      assert.include(notJson.stderr, "must hold JSON")

      const emptyFile = files.write("empty.json", "{\"version\":\"3.1\",\"screens\":[]}")
      const noScreens = yield* cli("flows", "set-json", "--flow-id", "1", "--file", emptyFile)
      assert.strictEqual(noScreens.exitCode, ExitCode.InvalidInput)
      assert.include(noScreens.stderr, "json.screens")

      const nowhere = join(tmpdir(), "wa-admin-no-such-flow.json")
      const missingFile = yield* cli("flows", "set-json", "--flow-id", "1", "--file", nowhere)
      assert.strictEqual(missingFile.exitCode, ExitCode.Usage)

      assert.deepStrictEqual(yield* emulator.requests, [])
    }))

  it.effect("with any other provider, flows fails with Unsupported naming provider and command", () =>
    Effect.gen(function*() {
      const result = yield* runWith(Providers.layer)("--provider", "vonage", "flows", "publish", "--flow-id", "1")
      assert.strictEqual(result.exitCode, ExitCode.Unsupported)
      assert.deepStrictEqual(lines(result.stderr), [
        "wa-admin: vonage.flows.publish: not supported by vonage: offered by woztell and meta; choose one with --provider"
      ])
    }))

  it.effect("--help documents every flows command's flags", () =>
    Effect.gen(function*() {
      const cli = runWith(Providers.layer)
      yield* assertHelpMentions(cli, [
        ["flows list", ["--page-size"]],
        ["flows get", ["--flow-id"]],
        ["flows preview", ["--flow-id"]],
        ["flows screens", ["--flow-id"]],
        ["flows create", ["--name", "--category", "SIGN_UP", "--clone-flow-id", "--endpoint-url"]],
        ["flows update", ["--flow-id", "--name", "--category", "--endpoint-url"]],
        ["flows set-json", ["--flow-id", "--file"]],
        ["flows delete", ["--flow-id"]],
        ["flows publish", ["--flow-id"]],
        ["flows deprecate", ["--flow-id"]]
      ], ["--provider"])
    }))
})
