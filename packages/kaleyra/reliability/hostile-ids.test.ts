/**
 * Hostile ids against the (deprecated) Kaleyra adapter, over real HTTP to its emulator. Its one
 * operation, `provision`, carries two ids: the account SID in the path (`/v1/{SID}/whatsapp/
 * activation`, from the client's configuration) and the Facebook business id in the form. Each
 * meets the whole `HostileIds` catalogue: the call must end in a local `InvalidInput` naming the
 * field with no request sent, or in a request to exactly the account's activation endpoint with
 * the id intact.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { NumberLifecycle } from "@wa-admin/core"
import { HostileIds } from "@wa-admin/core/testing"
import { Effect, Logger, LogLevel } from "effect"
import { adminOver, emulated, provisionRequest } from "./support.js"

const provision = (request: typeof provisionRequest) => NumberLifecycle.provision(request)

describe("Kaleyra hostile ids", () => {
  it.scopedLive("the SID and the business id are refused locally or reach exactly the activation endpoint", () =>
    Effect.gen(function*() {
      const { context, emulator } = yield* emulated()
      const { apiKey } = emulator.credentials
      const activation = (sidSegment: string) => `/v1/${sidSegment}/whatsapp/activation`
      const cases: ReadonlyArray<HostileIds.Case<never>> = [
        {
          operation: "numbers.provision",
          field: "sid",
          run: (sid) =>
            provision(provisionRequest).pipe(
              Effect.provide(adminOver(NodeHttpClient.layerUndici, { sid, apiKey, baseUrl: emulator.url }))
            ),
          paths: (encoded) => [activation(encoded)]
        },
        {
          operation: "numbers.provision",
          field: "providerOptions.kaleyra.business.id",
          run: (id) =>
            provision({
              ...provisionRequest,
              providerOptions: { kaleyra: { business: { ...provisionRequest.providerOptions.kaleyra.business, id } } }
            }).pipe(Effect.provide(context)),
          paths: () => [activation(encodeURIComponent(emulator.credentials.sid))],
          intact: (request, value) => {
            const parts =
              (request as { readonly multipart?: ReadonlyArray<{ readonly name: string; readonly value?: string }> })
                .multipart
            return parts?.some((part) => part.name === "business_id" && part.value === value) ?? false
          }
        }
      ]

      const report = yield* HostileIds.run(cases, emulator)

      assert.strictEqual(report.strayRequests, 0, "requests that reached another resource")
      assert.strictEqual(report.requestsAfterRefusal, 0, "requests sent although the call was refused")
      assert.deepStrictEqual(report.failures, [])
      assert.deepStrictEqual(yield* emulator.activations, [], "no hostile call activated anything")
      // The emulator was listening all along: the real SID and a real business id do reach it.
      yield* provision(provisionRequest).pipe(Effect.provide(context))
      assert.deepStrictEqual(
        (yield* emulator.requests).map((request) => request.path),
        [activation(emulator.credentials.sid)]
      )
    }).pipe(Logger.withMinimumLogLevel(LogLevel.None)))
})
