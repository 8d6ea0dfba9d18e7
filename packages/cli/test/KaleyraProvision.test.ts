import { assert, describe, it } from "@effect/vitest"
import { SampleFiles } from "@wa-admin/core/testing"
import { KaleyraEmulator } from "@wa-admin/kaleyra/emulator"
import { Effect } from "effect"
import { ExitCode } from "../src/ExitCode.js"
import { cliAgainst, temporaryFiles } from "./extensionSupport.js"
import { kaleyraProvision, lines } from "./harness.js"

const againstKaleyra = Effect.map(KaleyraEmulator.make(), (emulator) => ({
  emulator,
  cli: cliAgainst("kaleyra", emulator)
}))

describe("wa-admin numbers provision (Kaleyra, deprecated)", () => {
  it.scopedLive("uploads the certificate file's bytes as multipart and warns of the deprecation on stderr", () =>
    Effect.gen(function*() {
      const { cli, emulator } = yield* againstKaleyra
      const files = yield* temporaryFiles
      const certificate = files.write("business-certificate.png", SampleFiles.png)

      const result = yield* cli("--json", ...kaleyraProvision(certificate))
      assert.strictEqual(result.exitCode, 0, result.stderr)
      const registration = JSON.parse(result.stdout)
      assert.deepInclude(registration, { provider: "kaleyra", phoneNumber: "+919876543210" })
      const warnings = lines(result.stderr)
      assert.isAbove(warnings.length, 0)
      assert.isTrue(warnings.every((line) => line.startsWith("wa-admin: warning: ")), result.stderr)
      assert.include(result.stderr, "deprecated")
      assert.notInclude(result.stdout, "deprecated")

      const [request, ...more] = yield* emulator.requests
      assert.deepStrictEqual(more, [])
      assert.strictEqual(request?.method, "POST")
      assert.strictEqual(request?.path, `/v1/${emulator.credentials.sid}/whatsapp/activation`)
      assert.match(request?.headers["content-type"] ?? "", /^multipart\/form-data; boundary=/)
      const parts = request?.multipart ?? []
      const field = (name: string) => parts.find((part) => part.name === name)?.value
      assert.strictEqual(field("display_name"), "Acme Bakery")
      assert.strictEqual(field("wa_number"), "+919876543210")
      assert.strictEqual(field("business_id"), "1234567890")
      assert.strictEqual(field("business_name"), "Acme Bakery Ltd")
      const file = parts.find((part) => part.name === "business_certificate")
      assert.strictEqual(file?.fileName, "business-certificate.png")
      assert.strictEqual(file?.contentType, "image/png")
      assert.deepStrictEqual(Array.from(file?.bytes ?? []), Array.from(SampleFiles.png))
      assert.deepStrictEqual((yield* emulator.activations).map((activation) => activation.waNumber), ["+919876543210"])

      const human = yield* cli(...kaleyraProvision(certificate))
      assert.strictEqual(human.exitCode, ExitCode.Conflict, human.stderr)
      assert.strictEqual(human.stdout, "")
      assert.match(human.stderr, /^wa-admin: warning: .*deprecated/m)
      assert.lengthOf(yield* emulator.activations, 1)
    }))

  it.scopedLive("a certificate of another type is InvalidInput naming it, and nothing is sent", () =>
    Effect.gen(function*() {
      const { cli, emulator } = yield* againstKaleyra
      const files = yield* temporaryFiles
      const result = yield* cli(...kaleyraProvision(files.write("certificate.txt", "not an image")))
      assert.strictEqual(result.exitCode, ExitCode.InvalidInput, result.stderr)
      assert.strictEqual(result.stdout, "")
      assert.include(result.stderr, "certificate")
      assert.deepStrictEqual(yield* emulator.requests, [])
    }))
})
