import { assert, describe, it } from "@effect/vitest"
import { AdminError, NumberLifecycle } from "@wa-admin/core"
import { Effect, Layer, Schema } from "effect"
import { KaleyraEmulator } from "../src/emulator/index.js"
import { KaleyraAdmin } from "../src/index.js"
import {
  activationFailed,
  adminFor,
  alreadySubmitted,
  certificateRequired,
  clientLayer,
  failure,
  provisionRequest,
  quiet,
  replay
} from "./support.js"

const sid = "HXAP1234567890IN"
const apiKey = "Ac4f00ba4221f9c0ffee"

/** Provisions against a server replaying one answer; returns the error and how many requests it got. */
const provisionAgainst = (status: number, body: unknown) =>
  Effect.gen(function*() {
    const server = yield* replay(status, body)
    const error = yield* NumberLifecycle.provision(provisionRequest()).pipe(
      Effect.flip,
      Effect.provide(KaleyraAdmin.layer.pipe(Layer.provide(clientLayer({ url: server.url, sid, apiKey }))))
    )
    return { error, hits: yield* server.hits }
  })

// The document's failure bodies, verbatim.
const certificateType = {
  ...certificateRequired,
  error: { ...certificateRequired.error, message: "The business_certificate must be a file of type: jpeg,jpg,pdf,png." }
}

describe("Kaleyra errors", () => {
  it.scoped("E939 wrapping E413 is InvalidInput from the provider on the certificate, with Kaleyra's message", () =>
    Effect.gen(function*() {
      for (const body of [certificateRequired, certificateType]) {
        const { error, hits } = yield* provisionAgainst(400, body)
        assert.strictEqual(hits, 1)
        assert.instanceOf(error, AdminError.InvalidInput)
        if (!(error instanceof AdminError.InvalidInput)) return
        assert.strictEqual(error.source, "provider")
        assert.deepStrictEqual(
          error.issues.map((issue) => [issue.field, issue.rule]),
          [["providerOptions.kaleyra.business.certificate", body.error.message]]
        )
        assert.strictEqual(error.problem?.code, "E413")
        assert.strictEqual(error.problem?.status, 400)
        assert.strictEqual(error.problem?.type, "VALIDATION_ERROR")
        assert.strictEqual(error.problem?.title, "Failed to submit request for Whatsapp account activation.")
        assert.deepStrictEqual(error.problem?.invalidParameters, [{
          name: "business_certificate",
          reason: body.error.message
        }])
      }
    }).pipe(Effect.provide(quiet)))

  it.scoped("a validation error on another parameter names that input field", () =>
    Effect.gen(function*() {
      const { error } = yield* provisionAgainst(400, {
        ...certificateRequired,
        error: { ...certificateRequired.error, parameter: "wa_number", message: "The wa_number is not valid." }
      })
      assert.instanceOf(error, AdminError.InvalidInput)
      if (error instanceof AdminError.InvalidInput) {
        assert.deepStrictEqual(error.issues.map((issue) => [issue.field, issue.rule]), [[
          "phoneNumber",
          "The wa_number is not valid."
        ]])
      }
    }).pipe(Effect.provide(quiet)))

  it.scoped("E937 is a Conflict: the activation was already submitted for this account", () =>
    Effect.gen(function*() {
      const { error } = yield* provisionAgainst(400, alreadySubmitted)
      assert.instanceOf(error, AdminError.Conflict)
      if (!(error instanceof AdminError.Conflict)) return
      assert.strictEqual(error.reason, "activation already submitted for this account")
      assert.strictEqual(error.problem?.code, "E937")
      assert.strictEqual(error.problem?.detail, "This account already has submitted a request for WhatsApp activation.")
      assert.isFalse(error.retryable)
    }).pipe(Effect.provide(quiet)))

  it.scoped("a second activation against the emulator is a Conflict, and only one took effect", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const provision = NumberLifecycle.provision(provisionRequest()).pipe(Effect.provide(adminFor(emulator)))
      yield* provision
      const error = yield* Effect.flip(provision)
      assert.strictEqual(error._tag, "Conflict")
      assert.strictEqual((yield* emulator.effects).length, 1)
      assert.strictEqual((yield* emulator.requests).length, 2)
    }).pipe(Effect.provide(quiet)))

  it.scoped("a failure code in a 2xx answer is still a failure", () =>
    Effect.gen(function*() {
      const { error } = yield* provisionAgainst(200, alreadySubmitted)
      assert.strictEqual(error._tag, "Conflict")
    }).pipe(Effect.provide(quiet)))

  it.scoped("a wrong API key is Unauthorized, and the key appears nowhere in the error", () =>
    Effect.gen(function*() {
      const emulator = yield* KaleyraEmulator.make()
      const wrongKey = "Ac4-not-the-right-key-21f"
      const error = yield* NumberLifecycle.provision(provisionRequest()).pipe(
        Effect.flip,
        Effect.provide(adminFor(emulator, { apiKey: wrongKey }))
      )
      assert.instanceOf(error, AdminError.Unauthorized)
      if (!(error instanceof AdminError.Unauthorized)) return
      assert.strictEqual(error.reason, "Incorrect SID or API key.")
      assert.strictEqual(error.problem?.status, 401)
      const shown = JSON.stringify(Schema.encodeSync(AdminError.AdminError)(error))
      assert.notInclude(shown, wrongKey)
      assert.notInclude(error.message, wrongKey)
      assert.deepStrictEqual(yield* emulator.effects, [])
    }).pipe(Effect.provide(quiet)))

  it.scoped("403 is Forbidden", () =>
    Effect.gen(function*() {
      const { error } = yield* provisionAgainst(403, failure("E403", "This API key may not use WhatsApp.", {}))
      assert.instanceOf(error, AdminError.Forbidden)
      if (error instanceof AdminError.Forbidden) assert.strictEqual(error.reason, "This API key may not use WhatsApp.")
    }).pipe(Effect.provide(quiet)))

  it.scoped("any other code is an UnexpectedResponse carrying the code", () =>
    Effect.gen(function*() {
      const { error } = yield* provisionAgainst(
        422,
        activationFailed({ code: "E950", message: "Your account KYC is pending.", data: [] })
      )
      assert.instanceOf(error, AdminError.UnexpectedResponse)
      if (!(error instanceof AdminError.UnexpectedResponse)) return
      assert.strictEqual(error.status, 422)
      assert.strictEqual(error.problem?.code, "E950")
      assert.strictEqual(error.reason, "Kaleyra error E950: Your account KYC is pending.")
    }).pipe(Effect.provide(quiet)))

  it.scoped("an answer that is neither I102 nor a failure envelope is an UnexpectedResponse", () =>
    Effect.gen(function*() {
      const { error } = yield* provisionAgainst(200, {
        code: "I102",
        message: "Activation request created successfully.",
        data: []
      })
      assert.instanceOf(error, AdminError.UnexpectedResponse)
      const html = yield* provisionAgainst(404, "<html>Not Found</html>")
      assert.instanceOf(html.error, AdminError.UnexpectedResponse)
      if (html.error instanceof AdminError.UnexpectedResponse) assert.strictEqual(html.error.status, 404)
    }).pipe(Effect.provide(quiet)))

  it.scoped("a 5xx is OutcomeUnknown and the activation is not sent twice", () =>
    Effect.gen(function*() {
      const { error, hits } = yield* provisionAgainst(503, failure("E500", "Service unavailable", {}))
      assert.instanceOf(error, AdminError.OutcomeUnknown)
      assert.strictEqual(hits, 1)
    }).pipe(Effect.provide(quiet)))
})
