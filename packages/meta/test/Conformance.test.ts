import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Capabilities } from "@wa-admin/core"
import { Conformance } from "@wa-admin/core/testing"
import { Effect, Layer } from "effect"
import { MetaEmulator } from "../src/emulator/index.js"
import { MetaAdmin, MetaClient, MetaQuota } from "../src/index.js"
import { files, png } from "./support.js"

const stageDuration = "1 second"
const unknown = "999999999999999"

const options: Conformance.Options = {
  name: "meta",
  // Meta serves every operation of the port.
  operations: Capabilities.operations,
  makeFixture: Effect.gen(function*() {
    const emulator = yield* Effect.orDie(
      MetaEmulator.make({ appSecret: "conformance-secret", maxVerifyAttempts: 5, reviewDuration: stageDuration })
    )
    const { credentials } = emulator
    const served = yield* files({
      "photo.png": { bytes: png, type: "image/png" },
      "picture.png": { bytes: png, type: "image/png" },
      "header.png": { bytes: png, type: "image/png" }
    })
    const layer = MetaAdmin.layerComplete.pipe(
      Layer.provide(
        MetaClient.layer({
          accessToken: credentials.accessToken,
          appSecret: credentials.appSecret,
          appId: credentials.appId,
          wabaId: credentials.wabaId,
          baseUrl: emulator.graphUrl
        })
      ),
      Layer.provide(Layer.merge(NodeHttpClient.layerUndici, MetaQuota.layerMemory))
    )
    const fixture: Conformance.Fixture = {
      layer,
      requestCount: Effect.map(emulator.requests, (requests) => requests.length),
      number: credentials.phoneNumberId,
      unknownNumber: unknown,
      numbers: {
        request: {
          phoneNumber: "+16505550142",
          wabaId: credentials.wabaId,
          displayName: "Conformance Bakery",
          verificationMethod: "sms",
          pin: "246810"
        },
        readCode: (registration) => emulator.lastCode(registration.id),
        unknownId: unknown,
        stageDuration,
        maxVerifyAttempts: 5,
        // Meta keeps a deregistered number in its WABA (UNLINKED): adding it again meets it.
        afterRelease: "kept"
      },
      // Meta serves the photo from its own profile_picture_url, not from the URL it fetched.
      profile: { photoUrl: served.url("photo.png"), photoServedFrom: "provider" },
      media: {
        url: served.url("picture.png"),
        expiresAfter: "30 days",
        templateAsset: { url: served.url("header.png"), kind: "image", mimeType: "image/png", size: png.length }
      },
      templates: {
        wabaId: credentials.wabaId,
        approve: (template) =>
          Effect.flatMap(emulator.templates(template.wabaId), (templates) =>
            Effect.forEach(
              templates.filter((stored) => stored.name === template.name && stored.language === template.language),
              (stored) => emulator.setTemplateStatus(stored.id, "APPROVED")
            ))
      }
    }
    return fixture
  })
}

Conformance.run(options)
