/**
 * `--provider meta` (issue 13) against the Meta emulator over real HTTP: every port command,
 * and the extension groups Meta offers (flows, qr, webhooks subscriptions, waba); Vonage's
 * templates and template assets (issue 14); capabilities with the reasons of what a provider
 * lacks.
 */
import { assert, describe, it } from "@effect/vitest"
import { MetaEmulator } from "@wa-admin/meta/emulator"
import { VonageEmulator } from "@wa-admin/vonage/emulator"
import { Effect, Option } from "effect"
import { generateKeyPairSync } from "node:crypto"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { ExitCode } from "../src/ExitCode.js"
import { fileServer, png } from "../src/internal/fileServer.js"
import * as Providers from "../src/Providers.js"
import type { FlagValue } from "./harness.js"
import { argv, lines, runWith } from "./harness.js"
import { temporaryDirectory } from "./MigrateEmulators.js"

const json = (text: string): Record<string, unknown> => JSON.parse(text)

/** The Meta emulator, a file server, and `wa-admin --provider meta` against them. */
const againstMeta = Effect.gen(function*() {
  const meta = yield* Effect.orDie(MetaEmulator.make({ reviewDuration: "1 millis" }))
  const files = yield* fileServer
  const directory = yield* temporaryDirectory
  const run = runWith(Providers.layer, { ...meta.environment, WA_ADMIN_STATE_DB: join(directory, "state.db") })
  return {
    meta,
    files,
    directory,
    cli: (...args: ReadonlyArray<string>) => run("--provider", "meta", ...args)
  }
})

const mutations = (meta: MetaEmulator.Emulator) =>
  Effect.map(meta.requests, (requests) => requests.filter((request) => request.method !== "GET").length)

describe("wa-admin --provider meta: the port commands", () => {
  it.scopedLive("numbers: provision, resend, verify, phone register with the PIN, wait → ready; status; release", () =>
    Effect.gen(function*() {
      const { cli, meta } = yield* againstMeta
      const provisioned = yield* cli(
        "--json",
        ...argv("numbers provision", {
          "phone-number": "+16505550177",
          "display-name": "Corner Bakery",
          pin: "246810",
          "code-language": "es_ES"
        })
      )
      assert.strictEqual(provisioned.exitCode, 0, provisioned.stderr)
      const registration = json(provisioned.stdout)
      assert.strictEqual(registration["state"], "code_sent")
      const id = String(registration["id"])
      const requested = (yield* meta.requests).find((request) => request.path.endsWith(`/${id}/request_code`))
      assert.include(JSON.stringify(requested?.body ?? requested?.query), "es_ES", "the code message's language")
      const resent = yield* cli("numbers", "resend", "--id", id, "--method", "voice")
      assert.strictEqual(resent.exitCode, 0, resent.stderr)
      const code = Option.getOrThrow(yield* meta.lastCode(id))

      const verified = yield* cli("numbers", "verify", "--id", id, "--code", code)
      assert.strictEqual(verified.exitCode, 0, verified.stderr)
      // Another process provisioned it: the PIN it was given is not kept anywhere, so the
      // verified number is registered with it by `phone register`.
      const verifying = yield* cli("--json", "numbers", "status", "--id", id)
      assert.strictEqual(json(verifying.stdout)["state"], "verifying")
      const registered = yield* cli("phone", "register", "--id", id, "--pin", "246810")
      assert.strictEqual(registered.exitCode, 0, registered.stderr)
      assert.notInclude(registered.stdout, "246810")
      const waited = yield* cli("numbers", "wait", "--id", id, "--until", "ready")
      assert.strictEqual(waited.exitCode, 0, waited.stderr)
      const status = yield* cli("--json", "numbers", "status", "--id", id)
      assert.strictEqual(json(status.stdout)["state"], "ready")
      const released = yield* cli("numbers", "release", "--id", id)
      assert.strictEqual(released.exitCode, 0, released.stderr)
      const after = yield* cli("--json", "numbers", "status", "--id", id)
      assert.strictEqual(json(after.stdout)["state"], "released")
    }))

  it.scopedLive("profile set/get and the photo (set, get); media upload and media asset (uploaded to Meta)", () =>
    Effect.gen(function*() {
      const { cli, files, meta } = yield* againstMeta
      const set = yield* cli(
        ...argv("profile set", { about: "Open 7-19", vertical: "Restaurant", website: "https://bakery.example" })
      )
      assert.strictEqual(set.exitCode, 0, set.stderr)
      const got = yield* cli("--json", "profile", "get")
      assert.deepInclude(json(got.stdout), {
        about: "Open 7-19",
        vertical: "Restaurant",
        websites: ["https://bakery.example"]
      })

      const photo = yield* cli("profile", "photo", "set", "--url", files.url)
      assert.strictEqual(photo.exitCode, 0, photo.stderr)
      assert.strictEqual((yield* meta.uploads).length, 1, "the photo went through Meta's resumable upload")
      const photoNow = yield* cli("profile", "photo", "get")
      assert.strictEqual(photoNow.exitCode, 0, photoNow.stderr)
      assert.match(photoNow.stdout, /http:\/\/127\.0\.0\.1:\d+\//)

      const media = yield* cli("--json", "media", "upload", "--kind", "image", "--url", files.url)
      assert.strictEqual(media.exitCode, 0, media.stderr)
      assert.match(String(json(media.stdout)["id"]), /^\d+$/)
      assert.strictEqual((yield* meta.media).length, 1)

      const asset = yield* cli("--json", "media", "asset", "--kind", "image", "--url", files.url)
      assert.strictEqual(asset.exitCode, 0, asset.stderr)
      assert.deepInclude(json(asset.stdout), { kind: "image", mimeType: "image/png", size: png.length })
      assert.strictEqual((yield* meta.uploads).length, 2)

      const before = yield* mutations(meta)
      const bad = yield* cli("media", "asset", "--kind", "gif", "--url", "ftp://example.com/x.gif")
      assert.strictEqual(bad.exitCode, ExitCode.InvalidInput, bad.stderr)
      assert.include(bad.stderr, "kind")
      assert.include(bad.stderr, "url")
      assert.strictEqual(yield* mutations(meta), before, "nothing sent")
    }))

  it.scopedLive("templates: create, list, get, edit, export, delete", () =>
    Effect.gen(function*() {
      const { cli, directory, meta } = yield* againstMeta
      const created = yield* cli(
        ...argv("templates create", {
          name: "order_ready",
          language: "en_US",
          category: "UTILITY",
          body: "Order {{1}} is ready",
          "body-example": "42"
        })
      )
      assert.strictEqual(created.exitCode, 0, created.stderr)
      const listed = yield* cli("templates", "list")
      assert.match(listed.stdout, /^order_ready +en_US +UTILITY/m)
      const got = yield* cli("--json", "templates", "get", "--name", "order_ready", "--language", "en_US")
      assert.strictEqual(got.exitCode, 0, got.stderr)
      const edited = yield* cli(
        ...argv("templates edit", {
          name: "order_ready",
          language: "en_US",
          body: "Order {{1}} is ready for pickup",
          "body-example": "42"
        })
      )
      assert.strictEqual(edited.exitCode, 0, edited.stderr)
      const stored = yield* Effect.orDie(meta.templates(meta.credentials.wabaId))
      assert.include(JSON.stringify(stored[0]?.components), "ready for pickup")
      const exported = join(directory, "templates.json")
      const exporting = yield* cli("templates", "export", "--file", exported)
      assert.strictEqual(exporting.exitCode, 0, exporting.stderr)
      assert.include(readFileSync(exported, "utf8"), "ready for pickup")
      const deleted = yield* cli("templates", "delete", "--name", "order_ready", "--all-languages")
      assert.strictEqual(deleted.exitCode, 0, deleted.stderr)
      assert.deepStrictEqual(yield* Effect.orDie(meta.templates(meta.credentials.wabaId)), [])
    }))
})

describe("wa-admin --provider meta: the extension groups", () => {
  it.scopedLive("flows: create, set-json, get, list, update, delete", () =>
    Effect.gen(function*() {
      const { cli, directory, meta } = yield* againstMeta
      const created = yield* cli("--json", "flows", "create", "--name", "signup", "--category", "SIGN_UP")
      assert.strictEqual(created.exitCode, 0, created.stderr)
      const flowId = String(json(created.stdout)["id"])
      const file = join(directory, "flow.json")
      writeFileSync(
        file,
        JSON.stringify({
          version: "3.1",
          screens: [{
            id: "WELCOME",
            title: "Welcome",
            terminal: true,
            layout: { type: "SingleColumnLayout", children: [] }
          }]
        })
      )
      const setJson = yield* cli("flows", "set-json", "--flow-id", flowId, "--file", file)
      assert.strictEqual(setJson.exitCode, 0, setJson.stderr)
      assert.match(setJson.stdout, new RegExp(`^Flow JSON of ${flowId} saved`))
      const got = yield* cli("flows", "get", "--flow-id", flowId)
      assert.match(got.stdout, /^name +signup$/m)
      assert.match(got.stdout, /^status +DRAFT$/m)
      const listed = yield* cli("flows", "list")
      assert.match(listed.stdout, new RegExp(`^${flowId} +DRAFT .*signup$`, "m"))
      const updated = yield* cli("flows", "update", "--flow-id", flowId, "--name", "sign_up")
      assert.strictEqual(updated.exitCode, 0, updated.stderr)
      assert.deepStrictEqual((yield* Effect.orDie(meta.flows(meta.credentials.wabaId))).map((flow) => flow.name), [
        "sign_up"
      ])
      const deleted = yield* cli("flows", "delete", "--flow-id", flowId)
      assert.strictEqual(deleted.exitCode, 0, deleted.stderr)
      assert.deepStrictEqual(yield* Effect.orDie(meta.flows(meta.credentials.wabaId)), [])
      const screens = yield* cli("flows", "screens", "--flow-id", flowId)
      assert.strictEqual(screens.exitCode, ExitCode.Unsupported, "screens are WOZTELL's")
      assert.include(screens.stderr, "offered by woztell")
    }))

  it.scopedLive("qr, webhooks subscriptions and waba", () =>
    Effect.gen(function*() {
      const { cli, meta } = yield* againstMeta
      const created = yield* cli("--json", "qr", "create", "--message", "I'd like a table", "--image-format", "PNG")
      assert.strictEqual(created.exitCode, 0, created.stderr)
      const code = String(json(created.stdout)["code"])
      assert.include(String(json(created.stdout)["deepLinkUrl"]), code)
      const updated = yield* cli("qr", "update", "--code", code, "--message", "A table for two")
      assert.match(updated.stdout, /^message +A table for two$/m)
      const listed = yield* cli("--json", "qr", "list")
      assert.deepStrictEqual(lines(listed.stdout).map((line) => json(line)["prefilledMessage"]), ["A table for two"])
      const deleted = yield* cli("qr", "delete", "--code", code)
      assert.strictEqual(deleted.stdout.trim(), `QR code ${code} deleted.`)
      assert.strictEqual((yield* cli("qr", "list")).stdout.trim(), "(no QR codes)")

      const added = yield* cli(
        ...argv("webhooks subscriptions add", {
          "callback-url": "https://hooks.example/wa",
          "verify-token": "s3cret-verify"
        })
      )
      assert.strictEqual(added.exitCode, 0, added.stderr)
      assert.notInclude(added.stdout + added.stderr, "s3cret-verify", "the token is never printed")
      const subscriptions = yield* cli("--json", "webhooks", "subscriptions", "list")
      assert.deepInclude(json(lines(subscriptions.stdout)[0] ?? "{}"), {
        overrideCallbackUrl: "https://hooks.example/wa"
      })
      const lonely = yield* cli("webhooks", "subscriptions", "add", "--callback-url", "https://hooks.example/wa")
      assert.strictEqual(lonely.exitCode, ExitCode.InvalidInput, "a callback URL needs its verify token")
      const removed = yield* cli("webhooks", "subscriptions", "remove")
      assert.strictEqual(removed.exitCode, 0, removed.stderr)
      assert.strictEqual((yield* cli("webhooks", "subscriptions", "list")).stdout.trim(), "(no subscribed apps)")

      const info = yield* cli("--json", "waba", "info")
      assert.strictEqual(json(info.stdout)["wabaId"], meta.credentials.wabaId)
      const owned = yield* cli("--json", "waba", "owned")
      assert.deepStrictEqual(lines(owned.stdout).map((line) => json(line)["wabaId"]), [meta.credentials.wabaId])
      const channel = yield* cli("waba", "info", "--channel-id", "abc")
      assert.strictEqual(channel.exitCode, ExitCode.Usage, channel.stderr)

      const elsewhere = yield* runWith(Providers.layer)("--provider", "vonage", "qr", "list")
      assert.strictEqual(elsewhere.exitCode, ExitCode.Unsupported)
      assert.deepStrictEqual(lines(elsewhere.stderr), [
        "wa-admin: vonage.qr.list: not supported by vonage: offered by meta; choose it with --provider"
      ])
    }))
})

describe("wa-admin --provider meta: flows migrate, encryption, WABA users", () => {
  it.scopedLive("copies flows from another WABA, sets and reads the business public key, assigns and removes a user", () =>
    Effect.gen(function*() {
      const wabas = { first: "510000000000001", second: "520000000000002" }
      const meta = yield* Effect.orDie(MetaEmulator.make({
        businesses: [{
          name: "Emulated Business",
          users: [{ id: "700000000000007", name: "Ada Admin" }],
          wabas: [
            { id: wabas.first, name: "First", numbers: [{ phoneNumber: "16505550100" }] },
            { id: wabas.second, name: "Second", numbers: [{ phoneNumber: "16505550111" }] }
          ]
        }]
      }))
      const directory = yield* temporaryDirectory
      const run = runWith(Providers.layer, { ...meta.environment, WA_ADMIN_STATE_DB: join(directory, "state.db") })
      const cli = (...args: ReadonlyArray<string>) => run("--provider", "meta", ...args)

      const created = yield* cli("--json", "flows", "create", "--name", "signup", "--category", "SIGN_UP")
      assert.strictEqual(created.exitCode, 0, created.stderr)
      const copied = yield* cli("flows", "migrate", "--source-waba-id", wabas.first, "--waba-id", wabas.second)
      assert.strictEqual(copied.exitCode, 0, copied.stderr)
      assert.match(copied.stdout, /^1 copied, 0 not copied$/m)
      assert.deepStrictEqual((yield* Effect.orDie(meta.flows(wabas.second))).map((flow) => flow.name), ["signup"])

      const { publicKey } = generateKeyPairSync("rsa", {
        modulusLength: 2048,
        publicKeyEncoding: { type: "spki", format: "pem" },
        privateKeyEncoding: { type: "pkcs8", format: "pem" }
      })
      const keyFile = join(directory, "key.pem")
      writeFileSync(keyFile, publicKey)
      const none = yield* cli("encryption", "get")
      assert.strictEqual(none.stdout.trim(), "(no business public key set)")
      const set = yield* cli("encryption", "set", "--public-key-file", keyFile)
      assert.strictEqual(set.exitCode, 0, set.stderr)
      const got = yield* cli("encryption", "get")
      assert.include(got.stdout, publicKey.trim().split("\n")[1] ?? "", "the key set is the key read")

      const assigned = yield* cli("waba", "assign-user", "--user-id", "700000000000007", "--task", "MANAGE_TEMPLATES")
      assert.strictEqual(assigned.exitCode, 0, assigned.stderr)
      const users = yield* cli("--json", "waba", "users")
      assert.include(lines(users.stdout).map((line) => json(line)["id"]), "700000000000007")
      const badTask = yield* cli("waba", "assign-user", "--user-id", "700000000000007", "--task", "MANAGE_TEMPLATE")
      assert.strictEqual(badTask.exitCode, ExitCode.InvalidInput, badTask.stderr)
      const removed = yield* cli("waba", "remove-user", "--user-id", "700000000000007")
      assert.strictEqual(removed.exitCode, 0, removed.stderr)
      const after = yield* cli("--json", "waba", "users")
      assert.notInclude(lines(after.stdout).map((line) => json(line)["id"]), "700000000000007")
    }))
})

describe("wa-admin --provider vonage: templates and template assets", () => {
  it.scopedLive("templates create/list/get/delete; edit is Unsupported with the reason (exit 10), nothing sent", () =>
    Effect.gen(function*() {
      const wabaId = "330000000000003"
      const vonage = yield* Effect.orDie(VonageEmulator.make({ wabas: [wabaId], templateReviewDuration: "1 millis" }))
      const files = yield* fileServer
      const directory = yield* temporaryDirectory
      const run = runWith(Providers.layer, { ...vonage.environment, WA_ADMIN_STATE_DB: join(directory, "state.db") })
      const cli = (...args: ReadonlyArray<string>) => run("--provider", "vonage", ...args)
      const promo = (verb: string, flags: Readonly<Record<string, FlagValue>> = {}) =>
        argv(`templates ${verb}`, { "waba-id": wabaId, name: "promo", ...flags })
      const created = yield* cli(
        ...promo("create", {
          language: "en_US",
          category: "MARKETING",
          body: "Hello {{1}}",
          "body-example": "Ada",
          "header-format": "image",
          "header-example": files.url
        })
      )
      assert.strictEqual(created.exitCode, 0, created.stderr)
      assert.strictEqual((yield* vonage.uploads).length, 1, "the header's file was uploaded for its handle")
      assert.match((yield* cli("templates", "list", "--waba-id", wabaId)).stdout, /^promo +en_US +MARKETING/m)
      const got = yield* cli(...promo("get", { language: "en_US" }))
      assert.strictEqual(got.exitCode, 0, got.stderr)

      const before = (yield* vonage.requests).length
      const edit = yield* cli(...promo("edit", { language: "en_US", body: "Hi {{1}}", "body-example": "Ada" }))
      assert.strictEqual(edit.exitCode, ExitCode.Unsupported)
      assert.deepStrictEqual(lines(edit.stderr), [
        "wa-admin: vonage.templates.edit: not supported by vonage: Vonage's template API (v2) documents no way to " +
        "change a template: delete the language and create it again"
      ])
      assert.strictEqual((yield* vonage.requests).length, before, "nothing sent")

      const asset = yield* cli("--json", "media", "asset", "--waba-id", wabaId, "--kind", "image", "--url", files.url)
      assert.strictEqual(asset.exitCode, 0, asset.stderr)
      assert.deepInclude(json(asset.stdout), { kind: "image", size: png.length })

      const deleted = yield* cli(...promo("delete", { "all-languages": true }))
      assert.strictEqual(deleted.exitCode, 0, deleted.stderr)
      assert.deepStrictEqual(yield* vonage.templates(wabaId), [])
    }))

  it.effect("capabilities print why an operation is missing; media asset on WOZTELL is Unsupported with its reason", () =>
    Effect.gen(function*() {
      const cli = runWith(Providers.layer)
      const vonage = yield* cli("--provider", "vonage", "capabilities")
      assert.match(
        vonage.stdout,
        /^– templates\.edit: Vonage's template API \(v2\) documents no way to change a template/m
      )
      assert.match(vonage.stdout, /^✓ templates\.create$/m)
      const asJson = yield* cli("--json", "--provider", "vonage", "capabilities")
      assert.include(
        String((json(asJson.stdout)["reasons"] as Record<string, unknown>)["templates.edit"]),
        "delete the language"
      )
      const meta = yield* cli("--json", "--provider", "meta", "capabilities")
      assert.notProperty(json(meta.stdout), "reasons", "Meta lacks nothing")

      const woztell = yield* runWith(Providers.layer, { WOZTELL_ACCESS_TOKEN: "a-token-never-used" })(
        "--provider",
        "woztell",
        "media",
        "asset",
        "--waba-id",
        "1",
        "--kind",
        "image",
        "--url",
        "https://example.com/a.png"
      )
      assert.strictEqual(woztell.exitCode, ExitCode.Unsupported, woztell.stderr)
      assert.match(woztell.stderr, /^wa-admin: woztell\.media\.templateAsset: not supported by woztell: .+/)
    }))
})
