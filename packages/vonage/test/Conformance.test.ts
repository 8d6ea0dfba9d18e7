import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { NumberLifecycle } from "@wa-admin/core"
import { Conformance } from "@wa-admin/core/testing"
import { Effect, Layer } from "effect"
import { VonageEmulator } from "../src/emulator/index.js"
import { VonageAdmin, VonageClient } from "../src/index.js"
import { keys, provisioning } from "./support.js"

const stageDuration = "1 second"

Conformance.run({
  name: "vonage",
  operations: [
    "numbers.provision",
    "numbers.status",
    "numbers.verify",
    "numbers.resend",
    "numbers.release",
    "profile.get",
    "profile.update",
    "profile.photo.get",
    "profile.photo.set"
  ],
  makeFixture: Effect.gen(function* () {
    const emulator = yield* VonageEmulator.make({ publicKey: keys.publicKey, stageDuration, maxVerifyAttempts: 3 })
    const layer = VonageAdmin.layerComplete.pipe(
      Layer.provide(
        VonageClient.layer({
          applicationId: emulator.credentials.applicationId,
          privateKey: keys.privateKey,
          baseUrl: emulator.url
        })
      ),
      Layer.provide(NodeHttpClient.layerUndici)
    )
    return {
      layer,
      requestCount: Effect.map(emulator.requests, (requests) => requests.length),
      number: Effect.map(NumberLifecycle.provision(provisioning("+447700900500")), (registration) => registration.id),
      numbers: {
        request: provisioning("+447700900123"),
        readCode: (registration) => emulator.lastCode(registration.id),
        stageDuration,
        maxVerifyAttempts: 3
      }
    }
  })
})
