/**
 * The bad-input catalogue of the command line: flags a user will plausibly get wrong end with
 * exit code 4, one line on stderr naming each broken field, and not one request reaching the
 * provider (each provider's emulator, configured through the environment as users configure
 * it).
 */
import { assert, describe, it } from "@effect/vitest"
import { ReliabilityMetrics } from "@wa-admin/core/testing"
import { KaleyraEmulator } from "@wa-admin/kaleyra/emulator"
import { VonageEmulator } from "@wa-admin/vonage/emulator"
import { QuotaStore } from "@wa-admin/woztell"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Effect } from "effect"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { ExitCode } from "../src/ExitCode.js"
import * as Providers from "../src/Providers.js"
import { runWith } from "../test/harness.js"

interface Case {
  readonly args: ReadonlyArray<string>
  /** The fields stderr must name (`field: rule`). */
  readonly fields: ReadonlyArray<string>
}

const deployment = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab"
const provision = ["numbers", "provision"]

/** `numbers provision` on Vonage with a valid WABA id and certificate, but for what a case changes. */
const vonageProvision = (
  number: ReadonlyArray<string>,
  flags: { readonly wabaId?: string } = {},
  ...extra: ReadonlyArray<string>
) => [...provision, ...number, "--waba-id", flags.wabaId ?? "123", "--vname-certificate", "Ab", ...extra]

const vonage: ReadonlyArray<Case> = [
  { args: vonageProvision(["--phone-number", "07700900001"]), fields: ["phoneNumber"] },
  { args: vonageProvision(["--country-code", "44", "--national-number", "77"]), fields: ["phoneNumber"] },
  { args: vonageProvision(["--phone-number", "+447700900001"], { wabaId: "WABA-1" }), fields: ["wabaId"] },
  { args: vonageProvision(["--phone-number", "+447700900001"], {}, "--method", "fax"), fields: ["verificationMethod"] },
  {
    args: [...provision, "--phone-number", "+447700900001"],
    fields: ["wabaId", "providerOptions.vonage.vnameCertificate"]
  },
  { args: ["numbers", "status", "--id", ""], fields: ["id"] },
  { args: ["numbers", "verify", "--id", deployment, "--code", "12ab"], fields: ["code"] },
  { args: ["numbers", "resend", "--id", deployment, "--method", "telegram"], fields: ["method"] },
  { args: ["numbers", "release", "--id", ""], fields: ["id"] },
  { args: ["profile", "set", "--number", deployment], fields: ["profile"] },
  {
    args: ["profile", "set", "--number", deployment, "--website", "ftp://example.com"],
    fields: ["profile.websites.0"]
  },
  {
    args: [
      "profile",
      "set",
      "--number",
      deployment,
      "--website",
      "https://a.example",
      "--website",
      "https://b.example",
      "--website",
      "https://c.example"
    ],
    fields: ["profile.websites"]
  },
  { args: ["profile", "set", "--number", deployment, "--vertical", "NotABusiness"], fields: ["profile.vertical"] },
  { args: ["profile", "set", "--number", deployment, "--about", "x".repeat(140)], fields: ["profile.about"] },
  { args: ["profile", "set", "--number", deployment, "--email", "sales@"], fields: ["profile.email"] },
  { args: ["profile", "photo", "set", "--number", deployment, "--url", "file:///etc/passwd"], fields: ["url"] }
]

/** `templates create` with a valid name, language, category and body, but for what a case changes. */
const createTemplate = (
  flags: { readonly name?: string; readonly category?: string; readonly body?: string },
  ...extra: ReadonlyArray<string>
) => [
  "templates",
  "create",
  ...Object.entries({ name: "order_update", language: "en_US", category: "UTILITY", body: "Hi", ...flags })
    .flatMap(([flag, value]) => [`--${flag}`, value]),
  ...extra
]

const woztell: ReadonlyArray<Case> = [
  { args: ["media", "upload", "--kind", "gif", "--url", "https://example.com/a.gif"], fields: ["kind"] },
  { args: ["media", "upload", "--kind", "sticker", "--url", "https://example.com/a.webp"], fields: ["kind"] },
  { args: ["media", "upload", "--kind", "image", "--url", "/a.png"], fields: ["url"] },
  { args: ["templates", "list", "--page-size", "0"], fields: ["pageSize"] },
  { args: ["templates", "list", "--language", "English"], fields: ["filter.language.0"] },
  { args: ["templates", "get", "--name", "Order Update", "--language", "en-US"], fields: ["name", "language"] },
  { args: createTemplate({ name: "Order-Update" }), fields: ["template.name"] },
  { args: createTemplate({ category: "PROMO" }), fields: ["template.category"] },
  { args: createTemplate({ body: "Hi {{1}}" }), fields: ["template.components.0.examples"] },
  { args: createTemplate({}, "--footer", "x".repeat(61)), fields: ["template.components.1.text"] },
  {
    args: createTemplate({}, "--url-button", "Track=www.example.com"),
    fields: ["template.components.1.buttons.0.url"]
  },
  { args: ["profile", "set", "--about", ""], fields: ["profile.about"] },
  { args: ["profile", "set", "--description", "x".repeat(513)], fields: ["profile.description"] }
]

const kaleyraProvision = (
  certificate: string,
  flags: { readonly displayName?: string; readonly businessId?: string } = {}
) => [
  ...provision,
  "--phone-number",
  "+447700900123",
  "--business-id",
  flags.businessId ?? "1234567891",
  "--business-name",
  "Acme Ltd",
  "--certificate",
  certificate,
  ...(flags.displayName === undefined ? [] : ["--display-name", flags.displayName])
]

describe("wa-admin bad-input catalogue", () => {
  it.scopedLive("every invalid flag value exits 4 naming its field, and nothing reaches the provider", () =>
    Effect.gen(function*() {
      const directory = mkdtempSync(join(tmpdir(), "wa-admin-bad-input-"))
      yield* Effect.addFinalizer(() => Effect.sync(() => rmSync(directory, { recursive: true, force: true })))
      const png = join(directory, "certificate.png")
      writeFileSync(png, Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))
      const renamed = join(directory, "certificate.pdf")
      writeFileSync(renamed, "a text file, renamed\n")

      const vonageEmulator = yield* VonageEmulator.make()
      const woztellEmulator = yield* WoztellEmulator.make()
      const kaleyraEmulator = yield* KaleyraEmulator.make()
      const providers = [
        { name: "vonage", emulator: vonageEmulator, environment: vonageEmulator.environment, cases: vonage },
        {
          name: "woztell",
          emulator: woztellEmulator,
          environment: { ...woztellEmulator.environment, [QuotaStore.directoryVariable]: join(directory, "quota") },
          cases: woztell
        },
        {
          name: "kaleyra",
          emulator: kaleyraEmulator,
          environment: kaleyraEmulator.environment,
          cases: [
            { args: kaleyraProvision(png), fields: ["displayName"] },
            { args: kaleyraProvision(png, { displayName: "   " }), fields: ["displayName"] },
            {
              args: kaleyraProvision(renamed, { displayName: "Acme Support" }),
              fields: ["providerOptions.kaleyra.business.certificate"]
            },
            {
              args: kaleyraProvision(png, { displayName: "Acme", businessId: "ACME" }),
              fields: ["providerOptions.kaleyra.business.id"]
            }
          ]
        }
      ] as const

      const failures: Array<string> = []
      let requestsSent = 0
      let run = 0
      for (const provider of providers) {
        const cli = runWith(Providers.layer, { WA_ADMIN_PROVIDER: provider.name, ...provider.environment })
        for (const testCase of provider.cases) {
          run++
          yield* provider.emulator.clearRequests
          const result = yield* cli(...testCase.args)
          const reached = (yield* provider.emulator.requests).length
          requestsSent += reached
          const label = `${provider.name}: wa-admin ${testCase.args.join(" ").slice(0, 120)}`
          if (result.exitCode !== ExitCode.InvalidInput) {
            failures.push(`${label}: exit ${result.exitCode} ${result.stderr.trim()}`)
          }
          const missing = testCase.fields.filter((field) => !result.stderr.includes(`${field}: `))
          if (missing.length > 0) {
            failures.push(`${label}: stderr does not name ${missing.join(", ")}: ${result.stderr.trim()}`)
          }
          if (result.stdout !== "") failures.push(`${label}: wrote to stdout: ${result.stdout}`)
          if (reached > 0) failures.push(`${label}: ${reached} request(s) reached the emulator`)
        }
      }
      ReliabilityMetrics.record({
        area: "bad-input",
        scenariosRun: run,
        scenariosPassed: run - new Set(failures.map((failure) => failure.split(": ").slice(0, 2).join(": "))).size,
        badInputRequests: requestsSent
      })
      assert.deepStrictEqual(failures, [])
      assert.strictEqual(requestsSent, 0)
      // The emulators were listening all along: a valid command does reach one.
      const cli = runWith(Providers.layer, { WA_ADMIN_PROVIDER: "woztell", ...providers[1].environment })
      const valid = yield* cli("profile", "get")
      assert.strictEqual(valid.exitCode, 0, valid.stderr)
      assert.strictEqual((yield* woztellEmulator.requests).length, 1)
    }))
})
