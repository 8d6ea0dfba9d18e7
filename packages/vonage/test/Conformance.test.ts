import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Capabilities, NumberLifecycle } from "@wa-admin/core"
import { Conformance } from "@wa-admin/core/testing"
import { Effect, Layer } from "effect"
import { VonageEmulator } from "../src/emulator/index.js"
import { VonageAdmin, VonageClient } from "../src/index.js"
import { keys, provisioning } from "./support.js"
import { fileServer, sample } from "./templateApi.js"

const stageDuration = "1 second"
const wabaId = "190787529545503"

Conformance.run({
  name: "vonage",
  operations: Capabilities.except("templates.edit", "media.upload"),
  makeFixture: Effect.gen(function*() {
    const emulator = yield* VonageEmulator.make({
      publicKey: keys.publicKey,
      stageDuration,
      maxVerifyAttempts: 3,
      wabas: [wabaId]
    })
    const header = sample("png", 2048)
    const files = yield* fileServer({ "/header.png": { bytes: header, contentType: "image/png" } })
    const layer = VonageAdmin.layerComplete.pipe(
      Layer.provide(
        VonageClient.layer({
          applicationId: emulator.credentials.applicationId,
          privateKey: keys.privateKey,
          baseUrl: emulator.url,
          templatesUrl: emulator.templatesUrl
        })
      ),
      Layer.provide(NodeHttpClient.layerUndici)
    )
    return {
      layer,
      requestCount: Effect.map(emulator.requests, (requests) => requests.length),
      media: {
        templateAsset: { url: `${files.url}/header.png`, kind: "image", mimeType: "image/png", size: header.length }
      },
      number: Effect.map(NumberLifecycle.provision(provisioning("+447700900500")), (registration) => registration.id),
      numbers: {
        request: provisioning("+447700900123"),
        readCode: (registration) => emulator.lastCode(registration.id),
        stageDuration,
        maxVerifyAttempts: 3
      },
      templates: {
        wabaId,
        // Vonage's only delete removes every language of a name.
        deleteScope: "name",
        approve: (template) =>
          Effect.flatMap(emulator.templates(template.wabaId), (templates) =>
            Effect.forEach(
              templates.filter((stored) => stored.name === template.name && stored.language === template.language),
              (stored) => emulator.setTemplateStatus(template.wabaId, stored.id, "APPROVED")
            ))
      }
    }
  })
})
