import { Conformance } from "@wa-admin/core/testing"
import { Effect, Layer } from "effect"
import { KaleyraEmulator } from "../src/emulator/index.js"
import { KaleyraAdmin } from "../src/index.js"
import { emulatorClient, provisionRequest, quiet } from "./support.js"

Conformance.run({
  name: "kaleyra",
  operations: ["numbers.provision"],
  makeFixture: Effect.gen(function*() {
    const emulator = yield* KaleyraEmulator.make()
    return {
      layer: KaleyraAdmin.layerComplete.pipe(Layer.provide(emulatorClient(emulator)), Layer.provide(quiet)),
      requestCount: Effect.map(emulator.requests, (requests) => requests.length),
      numbers: {
        request: provisionRequest(),
        // An activation request stays pending: Kaleyra sends no code and offers no status.
        outcome: "pending",
        // E937 says the account already submitted a request, not which one.
        conflictNamesExisting: false,
        stageDuration: "200 millis"
      }
    }
  })
})
