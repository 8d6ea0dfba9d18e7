import { assert, describe, it } from "@effect/vitest"
import { NumberLifecycle } from "@wa-admin/core"
import type { EmulatorHost } from "@wa-admin/core/testing"
import { Duration, Effect, TestClock } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { MetaNumbers, MetaQuota } from "../src/index.js"
import {
  adapter,
  failure,
  graph,
  graphAdapter,
  graphError,
  phoneNumberId,
  refusedLocally,
  token,
  wabaId
} from "./support.js"
import type { Graph } from "./support.js"

const provisioning = {
  phoneNumber: "+16315551000",
  wabaId,
  displayName: "Jasper's Market",
  verificationMethod: "voice" as const,
  providerOptions: { meta: { language: "es_ES" } }
}

const paths = (requests: ReadonlyArray<EmulatorHost.RecordedRequest>) =>
  requests.map((request) => `${request.method} ${request.path}`)

describe("MetaNumberLifecycle", () => {
  describe("provision", () => {
    it.scoped("adds the number to the WABA, then requests a code in the language and by the method asked", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        target.answer((
          call
        ) => (call.path.endsWith("/phone_numbers")
          ? { status: 200, body: { id: phoneNumberId } }
          : { status: 200, body: { success: true } })
        )
        const registration = yield* NumberLifecycle.provision(provisioning).pipe(Effect.provide(context))
        const [add, code] = yield* target.requests
        assert.deepStrictEqual(paths(yield* target.requests), [
          `POST /v23.0/${wabaId}/phone_numbers`,
          `POST /v23.0/${phoneNumberId}/request_code`
        ])
        assert.deepStrictEqual(add?.body, { cc: "1", phone_number: "16315551000", verified_name: "Jasper's Market" })
        assert.strictEqual(add?.headers["content-type"], "application/json")
        assert.deepStrictEqual(code?.body, { code_method: "VOICE", language: "es_ES" })
        assert.strictEqual(registration.id, phoneNumberId)
        assert.strictEqual(registration.state, "code_sent")
        assert.strictEqual(registration.provider, "meta")
        assert.strictEqual(registration.phoneNumber?.e164, "+16315551000")
        assert.strictEqual(registration.wabaId, wabaId)
      }))

    it.scoped("defaults: SMS in en_US, the configured WABA", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        target.answer((call) => (call.path.endsWith("/phone_numbers")
          ? { status: 200, body: { id: phoneNumberId } }
          : { status: 200, body: { success: true } })
        )
        yield* NumberLifecycle.provision({ phoneNumber: "+447700900123", displayName: "Bakery" }).pipe(
          Effect.provide(context)
        )
        const [add, code] = yield* target.requests
        assert.strictEqual(add?.path, `/v23.0/${wabaId}/phone_numbers`)
        assert.deepStrictEqual(add?.body, { cc: "44", phone_number: "447700900123", verified_name: "Bakery" })
        assert.deepStrictEqual(code?.body, { code_method: "SMS", language: "en_US" })
      }))

    it.scoped("refuses what Meta would: no display name, a name too long, no WABA, a bad language — all at once, nothing sent", () =>
      Effect.gen(function*() {
        const target = yield* graph
        const context = yield* adapter(target, { wabaId: undefined })
        const error = yield* failure(
          context,
          NumberLifecycle.provision({
            phoneNumber: "+16315551000",
            providerOptions: { meta: { language: "english" } }
          }),
          "InvalidInput"
        )
        assert.strictEqual(error.source, "local")
        assert.deepStrictEqual(error.issues.map((issue) => issue.field).sort(), [
          "displayName",
          "providerOptions.meta.language",
          "wabaId"
        ])
        yield* refusedLocally(
          target,
          context,
          NumberLifecycle.provision({ ...provisioning, displayName: "x".repeat(76) }),
          ["displayName"]
        )
      }))

    it.scoped("a number already in the WABA is a Conflict naming it, found in the WABA's numbers across pages", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        target.answer((call) => {
          if (call.method === "POST") {
            return { status: 409, body: graphError(100, { message: "Phone number is already registered" }) }
          }
          return call.query["after"] === undefined
            ? {
              status: 200,
              body: {
                data: [{ id: "1", display_phone_number: "+1 631-555-0000" }],
                paging: { cursors: { after: "P2" }, next: "https://graph" }
              }
            }
            : {
              status: 200,
              body: {
                data: [{ id: "777", display_phone_number: "+1 631-555-1000" }],
                paging: { cursors: { after: "P3" } }
              }
            }
        })
        const conflict = yield* failure(context, NumberLifecycle.provision(provisioning), "Conflict")
        assert.strictEqual(conflict.existingId, "777")
        const listing = (yield* target.requests).filter((request) => request.method === "GET")
        assert.deepStrictEqual(listing.map((request) => request.query["after"]), [undefined, "P2"])
        assert.strictEqual(listing[0]?.query["fields"], "id,display_phone_number")
      }))
  })

  describe("verify and register", () => {
    /** A Graph scripted through a number's lifecycle (`wrong`: it refuses codes), and the adapter over it. */
    const lifecycleGraph = (wrong: boolean) =>
      Effect.map(graphAdapter, ({ context, target }) => {
        const state = { verified: false, registered: false, wrong }
        lifecycle(target, state)
        return { context, state, target }
      })

    const lifecycle = (target: Graph, state: { verified: boolean; registered: boolean; wrong: boolean }) =>
      target.answer((call) => {
        if (call.path.endsWith("/phone_numbers")) return { status: 200, body: { id: phoneNumberId } }
        if (call.path.endsWith("/verify_code")) {
          if (state.wrong) {
            return {
              status: 422,
              body: graphError(100, { message: "The verification code is invalid or has expired" })
            }
          }
          state.verified = true
          return { status: 200, body: { success: true, id: phoneNumberId } }
        }
        if (call.path.endsWith("/register")) {
          state.registered = true
          return { status: 200, body: { success: true } }
        }
        if (call.method === "GET") {
          return {
            status: 200,
            body: {
              id: phoneNumberId,
              status: state.registered ? "CONNECTED" : "PENDING",
              platform_type: state.registered ? "CLOUD_API" : "NOT_APPLICABLE",
              code_verification_status: state.verified ? "VERIFIED" : "UNVERIFIED",
              quality_rating: "GREEN",
              throughput: { level: "STANDARD" },
              display_phone_number: "+1 631-555-1000"
            }
          }
        }
        return { status: 200, body: { success: true } }
      })

    it.scoped("the right code verifies; with the PIN given at provisioning the number is registered and ready", () =>
      Effect.gen(function*() {
        const { context, target } = yield* lifecycleGraph(false)
        const { id } = yield* NumberLifecycle.provision({ ...provisioning, pin: "246810" }).pipe(
          Effect.provide(context)
        )
        yield* NumberLifecycle.verifyCode({ id, code: "123456" }).pipe(Effect.provide(context))
        const requests = yield* target.requests
        const verify = requests.find((request) => request.path.endsWith("/verify_code"))
        const register = requests.find((request) => request.path.endsWith("/register"))
        assert.deepStrictEqual(verify?.body, { code: "123456" })
        assert.deepStrictEqual(register?.body, { messaging_product: "whatsapp", pin: "246810" })
        const ready = yield* NumberLifecycle.status({ id }).pipe(Effect.provide(context))
        assert.strictEqual(ready.state, "ready")
        assert.strictEqual(ready.details?.["qualityRating"], "GREEN")
        assert.strictEqual(ready.details?.["throughput"], "STANDARD")
        const status = (yield* target.requests).at(-1)
        assert.strictEqual(
          status?.query["fields"],
          "id,display_phone_number,verified_name,code_verification_status,name_status,quality_rating,status,platform_type,throughput,messaging_limit_tier"
        )
      }))

    it.scoped("without a PIN the verified number waits in verifying until MetaNumbers.register", () =>
      Effect.gen(function*() {
        const { context, target } = yield* lifecycleGraph(false)
        const { id } = yield* NumberLifecycle.provision(provisioning).pipe(Effect.provide(context))
        yield* NumberLifecycle.verifyCode({ id, code: "123456" }).pipe(Effect.provide(context))
        assert.isFalse((yield* target.requests).some((request) => request.path.endsWith("/register")))
        assert.strictEqual((yield* NumberLifecycle.status({ id }).pipe(Effect.provide(context))).state, "verifying")
        yield* MetaNumbers.register({ id, pin: "135790" }).pipe(Effect.provide(context))
        assert.strictEqual((yield* NumberLifecycle.status({ id }).pipe(Effect.provide(context))).state, "ready")
      }))

    it.scoped("a refused code is VerificationFailed and the number reads code_rejected until a code is verified", () =>
      Effect.gen(function*() {
        const { context, state } = yield* lifecycleGraph(true)
        const { id } = yield* NumberLifecycle.provision(provisioning).pipe(Effect.provide(context))
        yield* failure(context, NumberLifecycle.verifyCode({ id, code: "111111" }), "VerificationFailed")
        assert.strictEqual((yield* NumberLifecycle.status({ id }).pipe(Effect.provide(context))).state, "code_rejected")
        state.wrong = false
        yield* NumberLifecycle.verifyCode({ id, code: "123456" }).pipe(Effect.provide(context))
        assert.strictEqual((yield* NumberLifecycle.status({ id }).pipe(Effect.provide(context))).state, "verifying")
      }))

    it.scoped("a code that is not 6 digits is refused here (Meta's codes are), nothing sent", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        yield* refusedLocally(
          target,
          context,
          NumberLifecycle.verifyCode({ id: phoneNumberId, code: "1234" }),
          ["code"]
        )
      }))

    it.scoped("10 register calls per number in 72 hours; the 11th is refused here with the time a slot frees, nothing sent", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        for (let call = 0; call < 10; call++) {
          yield* MetaNumbers.register({ id: phoneNumberId, pin: "123456" }).pipe(Effect.provide(context))
          yield* TestClock.adjust("1 hour")
        }
        const refused = yield* failure(
          context,
          MetaNumbers.register({ id: phoneNumberId, pin: "123456" }),
          "QuotaExceeded"
        )
        assert.strictEqual(refused.limit, 10)
        assert.deepStrictEqual(refused.retryAfter, Duration.hours(62))
        assert.strictEqual((yield* target.requests).length, 10)
        yield* TestClock.adjust("62 hours")
        yield* MetaNumbers.register({ id: phoneNumberId, pin: "123456" }).pipe(Effect.provide(context))
        assert.strictEqual((yield* target.requests).length, 11)
      }))

    it.scoped("a call refused before sending gives its slot back; a call Meta refused keeps it", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        target.answer(() => ({ status: 400, body: graphError(100) }))
        for (let call = 0; call < 10; call++) {
          yield* failure(context, MetaNumbers.register({ id: phoneNumberId, pin: "123456" }), "InvalidInput")
        }
        yield* failure(context, MetaNumbers.register({ id: phoneNumberId, pin: "123456" }), "QuotaExceeded")
        assert.strictEqual((yield* target.requests).length, 10)
        const badPin = yield* failure(
          context,
          MetaNumbers.register({ id: "106540352242999", pin: "12" }),
          "InvalidInput"
        )
        assert.deepStrictEqual(badPin.issues.map((issue) => issue.field), ["pin"])
      }))

    it.scoped("Meta's 133016 locks the number here too for 72 hours", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        target.answer(() => ({ status: 400, body: graphError(133016) }))
        yield* failure(context, MetaNumbers.register({ id: phoneNumberId, pin: "123456" }), "QuotaExceeded")
        yield* TestClock.adjust("1 hour")
        const locked = yield* failure(
          context,
          MetaNumbers.register({ id: phoneNumberId, pin: "123456" }),
          "QuotaExceeded"
        )
        assert.deepStrictEqual(locked.retryAfter, Duration.hours(71))
        assert.strictEqual((yield* target.requests).length, 1)
      }))

    it.scoped("the budget is kept in the ledger given: a client started later over the same directory sees it", () =>
      Effect.gen(function*() {
        const directory = yield* Effect.acquireRelease(
          Effect.sync(() => mkdtempSync(join(tmpdir(), "meta-quota-"))),
          (path) => Effect.sync(() => rmSync(path, { recursive: true, force: true }))
        )
        const target = yield* graph
        const first = yield* adapter(target, {}, MetaQuota.layerFileSystem(directory))
        for (let call = 0; call < 10; call++) {
          yield* MetaNumbers.register({ id: phoneNumberId, pin: "123456" }).pipe(Effect.provide(first))
        }
        const second = yield* adapter(target, {}, MetaQuota.layerFileSystem(directory))
        yield* failure(second, MetaNumbers.register({ id: phoneNumberId, pin: "123456" }), "QuotaExceeded")
        assert.strictEqual((yield* target.requests).length, 10)
      }))
  })

  describe("resend, release, status", () => {
    it.scoped("resend requests a code by the method asked; a ready number is a Conflict, nothing requested", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        let registered = false
        target.answer((call) =>
          call.method === "GET"
            ? {
              status: 200,
              body: {
                id: phoneNumberId,
                status: registered ? "CONNECTED" : "PENDING",
                code_verification_status: "UNVERIFIED"
              }
            }
            : { status: 200, body: { success: true } }
        )
        const delivery = yield* NumberLifecycle.resendCode({ id: phoneNumberId, method: "voice" }).pipe(
          Effect.provide(context)
        )
        assert.strictEqual(delivery.method, "voice")
        const sent = (yield* target.requests).find((request) => request.path.endsWith("/request_code"))
        assert.deepStrictEqual(sent?.body, { code_method: "VOICE", language: "en_US" })
        registered = true
        yield* target.clearRequests
        const conflict = yield* failure(context, NumberLifecycle.resendCode({ id: phoneNumberId }), "Conflict")
        assert.strictEqual(conflict.operation, "numbers.resend")
        assert.deepStrictEqual(paths(yield* target.requests), [`GET /v23.0/${phoneNumberId}`])
      }))

    it.scoped("release deregisters; a number Meta reports as not registered is a Conflict", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        yield* NumberLifecycle.release({ id: phoneNumberId }).pipe(Effect.provide(context))
        const [deregister] = yield* target.requests
        assert.strictEqual(`${deregister?.method} ${deregister?.path}`, `POST /v23.0/${phoneNumberId}/deregister`)
        assert.strictEqual(deregister?.bodyText, "")
        target.answer(() => ({ status: 400, body: graphError(100, { error_subcode: 2207051 }) }))
        yield* failure(context, NumberLifecycle.release({ id: phoneNumberId }), "Conflict")
        target.answer(() => ({ status: 400, body: graphError(100) }))
        yield* failure(context, NumberLifecycle.release({ id: phoneNumberId }), "InvalidInput")
      }))

    it.scoped("status maps Meta's state onto the lifecycle and keeps Meta's values", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        const read = (body: Record<string, unknown>) => {
          target.answer(() => ({ status: 200, body: { id: phoneNumberId, ...body } }))
          return NumberLifecycle.status({ id: phoneNumberId }).pipe(Effect.provide(context))
        }
        assert.strictEqual(
          (yield* read({ code_verification_status: "UNVERIFIED", status: "PENDING" })).state,
          "code_sent"
        )
        assert.strictEqual((yield* read({ code_verification_status: "EXPIRED" })).state, "code_sent")
        assert.strictEqual(
          (yield* read({ code_verification_status: "VERIFIED", status: "PENDING" })).state,
          "verifying"
        )
        const ready = yield* read({
          code_verification_status: "EXPIRED",
          status: "CONNECTED",
          verified_name: "Jasper's Market",
          name_status: "APPROVED"
        })
        assert.strictEqual(ready.state, "ready")
        assert.strictEqual(ready.providerState, "CONNECTED")
        assert.deepStrictEqual(ready.details, {
          verifiedName: "Jasper's Market",
          codeVerificationStatus: "EXPIRED",
          nameStatus: "APPROVED",
          status: "CONNECTED"
        })
        assert.strictEqual((yield* read({ platform_type: "CLOUD_API" })).state, "ready")
        assert.strictEqual(
          (yield* read({ status: "DISCONNECTED", code_verification_status: "VERIFIED" })).state,
          "released"
        )
        assert.strictEqual((yield* read({ status: "DELETED" })).state, "released")
        assert.strictEqual(
          (yield* read({ status: "UNLINKED", code_verification_status: "VERIFIED", platform_type: "NOT_APPLICABLE" }))
            .state,
          "released"
        )
        assert.strictEqual((yield* read({ status: "LINKED", code_verification_status: "VERIFIED" })).state, "ready")
        assert.strictEqual((yield* read({ status: "BANNED" })).state, "failed")
      }))

    it.scoped("an unknown number is NotFound naming it; an id that is not digits is refused, nothing sent", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        target.answer(() => ({ status: 404, body: graphError(803) }))
        const missing = yield* failure(context, NumberLifecycle.status({ id: "999" }), "NotFound")
        assert.strictEqual(missing.id, "999")
        assert.strictEqual(missing.resource, "phone number")
        yield* target.clearRequests
        const refused = yield* refusedLocally(
          target,
          context,
          NumberLifecycle.status({ id: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab" }),
          ["id"]
        )
        assert.notInclude(refused.message, token)
      }))
  })
})
