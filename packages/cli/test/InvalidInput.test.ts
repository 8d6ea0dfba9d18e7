/**
 * Input the command line checks before anything is sent: typed list filters, every broken field
 * of an input in one error, and each field the library names shown with the flag that sets it.
 */
import { assert, describe, it } from "@effect/vitest"
import { SampleFiles } from "@wa-admin/core/testing"
import { KaleyraEmulator } from "@wa-admin/kaleyra/emulator"
import { VonageEmulator } from "@wa-admin/vonage/emulator"
import { Effect } from "effect"
import * as Cli from "../src/Cli.js"
import { ExitCode } from "../src/ExitCode.js"
import * as CommandTree from "../src/internal/commandTree.js"
import { flagFor } from "../src/internal/currentCommand.js"
import { againstWoztell, cliAgainst, temporaryFiles } from "./extensionSupport.js"
import { argv, kaleyraProvision, lines, sharedMemory } from "./harness.js"

const root = CommandTree.of(Cli.command)
const command = (...path: ReadonlyArray<string>) => {
  const node = CommandTree.find(root, path)
  if (node === undefined) throw new Error(`no command ${path.join(" ")}`)
  return node
}

describe("wa-admin templates list filters", () => {
  it.scoped("a status, category or quality score the providers do not know is refused naming the flag, and nothing is listed", () =>
    Effect.gen(function*() {
      const { cli, control } = yield* sharedMemory()
      const category = yield* cli("templates", "list", "--waba-id", "1", "--category", "UTILTY")
      assert.strictEqual(category.exitCode, ExitCode.InvalidInput)
      assert.strictEqual(category.stdout, "")
      assert.include(category.stderr, "filter.category.0: must be one of MARKETING, UTILITY")
      assert.include(category.stderr, "did you mean UTILITY? (--category)")
      const all = yield* cli(
        ...argv("templates list", { "waba-id": "1", status: "APPROVD", "quality-score": "BLUE", language: "English" })
      )
      assert.strictEqual(all.exitCode, ExitCode.InvalidInput)
      assert.lengthOf(lines(all.stderr), 1)
      for (
        const part of [
          "filter.status.0",
          "did you mean APPROVED? (--status)",
          "filter.qualityScore.0",
          "(--quality-score)",
          "filter.language.0",
          "(--language)"
        ]
      ) {
        assert.include(all.stderr, part)
      }
      const listed = (yield* control.requests).filter((request) => request.operation === "templates.list")
      assert.deepStrictEqual(listed, [], "nothing was asked of the provider")
      const valid = yield* cli("templates", "list", "--waba-id", "1", "--status", "APPROVED", "--category", "UTILITY")
      assert.strictEqual(valid.exitCode, 0, valid.stderr)
    }))
})

describe("wa-admin invalid input", () => {
  it.scopedLive("profile set reports every broken field at once: the port's rules and the provider's", () =>
    Effect.gen(function*() {
      const { cli, emulator: woztell } = yield* againstWoztell()
      const result = yield* cli(
        ...argv("profile set", { website: "ftp://bakery.example", about: "", description: "d".repeat(513) })
      )
      assert.strictEqual(result.exitCode, ExitCode.InvalidInput, result.stderr)
      assert.lengthOf(lines(result.stderr), 1)
      for (const field of ["profile.websites.0: ", "profile.about: ", "profile.description: "]) {
        assert.include(result.stderr, field)
      }
      assert.deepStrictEqual(yield* woztell.requests, [], "nothing was sent")
    }))

  it("each field the library names maps to the flag that sets it", () => {
    const provision = command("numbers", "provision")
    assert.strictEqual(flagFor(provision, "providerOptions.vonage.vnameCertificate"), "--vname-certificate")
    assert.strictEqual(flagFor(provision, "providerOptions.kaleyra.business.id"), "--business-id")
    assert.strictEqual(flagFor(provision, "providerOptions.kaleyra.business.certificate"), "--certificate")
    assert.strictEqual(flagFor(provision, "verificationMethod"), "--method")
    assert.strictEqual(flagFor(provision, "wabaId"), "--waba-id")
    assert.strictEqual(flagFor(command("profile", "set"), "profile.websites.1"), "--website")
    assert.strictEqual(flagFor(command("profile", "set"), "profile.photoUrl"), "--photo-url")
    assert.strictEqual(flagFor(command("profile", "set"), "profile"), undefined)
    assert.strictEqual(flagFor(command("templates", "list"), "filter.qualityScore.0"), "--quality-score")
    assert.strictEqual(flagFor(command("stickers", "create"), "emojis.0"), "--emoji")
    assert.strictEqual(flagFor(command("flows", "create"), "categories.0"), "--category")
    assert.strictEqual(flagFor(command("analytics", "conversations"), "phoneNumbers.0"), "--phone-number")
  })

  it.scopedLive("an invalid input names the flag to fix beside each field (and under --json, in `flags`)", () =>
    Effect.gen(function*() {
      const vonage = yield* VonageEmulator.make()
      const vonageCli = cliAgainst("vonage", vonage)
      const missing = yield* vonageCli("numbers", "provision", "--phone-number", "+447700900001", "--json")
      assert.strictEqual(missing.exitCode, ExitCode.InvalidInput, missing.stderr)
      const [message = "", json = "null"] = lines(missing.stderr)
      assert.match(message, /providerOptions\.vonage\.vnameCertificate: [^;]* \(--vname-certificate\)/)
      assert.match(message, /wabaId: [^;]* \(--waba-id\)/)
      assert.deepInclude(JSON.parse(json), {
        _tag: "InvalidInput",
        flags: { "providerOptions.vonage.vnameCertificate": "--vname-certificate", wabaId: "--waba-id" }
      })

      const kaleyra = yield* KaleyraEmulator.make()
      const certificate = (yield* temporaryFiles).write("certificate.png", SampleFiles.png)
      const kaleyraCli = cliAgainst("kaleyra", kaleyra)
      const business = yield* kaleyraCli(...kaleyraProvision(certificate, { "business-id": "ACME" }))
      assert.strictEqual(business.exitCode, ExitCode.InvalidInput, business.stderr)
      assert.match(business.stderr, /providerOptions\.kaleyra\.business\.id: [^;]* \(--business-id\)/)

      const { cli } = yield* sharedMemory()
      const website = yield* cli(...argv("profile set", { number: "1", website: ["https://ok.example", "ftp://x"] }))
      assert.strictEqual(website.exitCode, ExitCode.InvalidInput)
      assert.match(website.stderr, /profile\.websites\.1: [^;]* \(--website\)$/m)
    }))
})
