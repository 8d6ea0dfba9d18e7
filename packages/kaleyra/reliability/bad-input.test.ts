/**
 * The bad-input catalogue for the (deprecated) Kaleyra adapter: its one operation, `provision`,
 * refuses the invalid inputs a user will plausibly try with an `InvalidInput` from this side
 * (`source: "local"`) naming each broken field, and not one request reaches the emulator.
 */
import { assert, describe, it } from "@effect/vitest"
import { NumberLifecycle } from "@wa-admin/core"
import { BadInputCatalog } from "@wa-admin/core/testing"
import { Effect, Logger, LogLevel } from "effect"
import { emulated, files, provisionRequest } from "./support.js"

interface Case {
  readonly input: string
  readonly request: unknown
  /** The fields the refusal must name. */
  readonly fields: ReadonlyArray<string>
}

/** `provision` called as a script, a form or a JSON file calls it: with values the compiler never saw. */
const provision = (request: unknown) =>
  NumberLifecycle.provision(request as Parameters<typeof NumberLifecycle.provision>[0])

const { business } = provisionRequest.providerOptions.kaleyra
const withBusiness = (patch: Record<string, unknown>) => ({
  ...provisionRequest,
  providerOptions: { kaleyra: { business: { ...business, ...patch } } }
})
const withCertificate = (certificate: unknown) => withBusiness({ certificate })

const cases: ReadonlyArray<Case> = [
  { input: "no display name", request: { ...provisionRequest, displayName: undefined }, fields: ["displayName"] },
  { input: "an empty display name", request: { ...provisionRequest, displayName: "" }, fields: ["displayName"] },
  { input: "a blank display name", request: { ...provisionRequest, displayName: "   " }, fields: ["displayName"] },
  {
    input: "no business",
    request: { ...provisionRequest, providerOptions: { kaleyra: {} } },
    fields: ["providerOptions.kaleyra.business"]
  },
  {
    input: "a business id with letters",
    request: withBusiness({ id: "ACME-1" }),
    fields: ["providerOptions.kaleyra.business.id"]
  },
  {
    input: "an empty business name",
    request: withBusiness({ name: "" }),
    fields: ["providerOptions.kaleyra.business.name"]
  },
  {
    input: "a blank business name",
    request: withBusiness({ name: "  " }),
    fields: ["providerOptions.kaleyra.business.name"]
  },
  {
    input: "no certificate",
    request: withBusiness({ certificate: undefined }),
    fields: ["providerOptions.kaleyra.business.certificate"]
  },
  {
    input: "a text file renamed certificate.pdf",
    request: withCertificate({ fileName: "certificate.pdf", bytes: files.text }),
    fields: ["providerOptions.kaleyra.business.certificate"]
  },
  {
    input: "an empty certificate file",
    request: withCertificate({ fileName: "certificate.png", bytes: new Uint8Array() }),
    fields: ["providerOptions.kaleyra.business.certificate"]
  },
  {
    input: "a certificate without a file name",
    request: withCertificate({ fileName: "", bytes: files.png }),
    fields: ["providerOptions.kaleyra.business.certificate.fileName"]
  },
  {
    input: "a certificate given as a path",
    request: withCertificate("./certificate.pdf"),
    fields: ["providerOptions.kaleyra.business.certificate"]
  },
  {
    input: "a national number",
    request: { ...provisionRequest, phoneNumber: "07700 900123" },
    fields: ["phoneNumber"]
  },
  { input: "a WABA id with letters", request: { ...provisionRequest, wabaId: "waba" }, fields: ["wabaId"] },
  {
    input: "several fields breaking the port's rules",
    request: { ...withBusiness({ id: "x1", name: "" }), phoneNumber: "+44" },
    fields: ["phoneNumber", "providerOptions.kaleyra.business.id", "providerOptions.kaleyra.business.name"]
  },
  {
    input: "several fields Kaleyra needs missing or wrong",
    request: { ...withCertificate({ fileName: "scan.jpg", bytes: files.text }), displayName: undefined },
    fields: ["displayName", "providerOptions.kaleyra.business.certificate"]
  }
]

describe("Kaleyra bad-input catalogue", () => {
  it.scopedLive("every invalid activation is refused locally, naming its fields, and nothing reaches Kaleyra", () =>
    Effect.gen(function*() {
      const { context, emulator } = yield* emulated()
      // The emulator was listening all along: a valid activation does reach it.
      const outcome = yield* BadInputCatalog.runWithControl(
        cases.map((testCase) => ({
          operation: "numbers.provision",
          input: testCase.input,
          run: provision(testCase.request),
          fields: testCase.fields
        })),
        emulator,
        provision(provisionRequest)
      ).pipe(Effect.provide(context))
      assert.deepStrictEqual(outcome, { failures: [], requestsSent: 0, controlRequests: 1 })
    }).pipe(Logger.withMinimumLogLevel(LogLevel.None)))
})
