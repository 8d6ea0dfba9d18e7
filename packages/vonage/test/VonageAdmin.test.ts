import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Capabilities, Media, NumberLifecycle, Templates } from "@wa-admin/core"
import { EmulatorEffects } from "@wa-admin/core/testing"
import { ConfigProvider, Effect, Layer, Stream, Tracer } from "effect"
import { VonageEmulator } from "../src/emulator/index.js"
import { VonageAdmin, VonageClient, VonageStickers } from "../src/index.js"
import { expectTag, harness, keys, provisioning } from "./support.js"

// --- type level: the static view provides exactly what Vonage supports ---------------------

const supported = Effect.gen(function*() {
  yield* NumberLifecycle.status({ id: "x" })
  yield* BusinessProfile.get({ number: "x" })
  yield* VonageStickers.listStickerpacks({ deploymentId: "x" })
  return yield* Capabilities.Capabilities
})
export const supportedProgram: Effect.Effect<unknown, unknown, VonageClient.VonageClient> = Effect.provide(
  supported,
  VonageAdmin.layer
)

// Templates and Media (template assets) are provided by the static view.
const needsTemplates = Stream.runCollect(Templates.list({ wabaId: "123" }))
export const templatesProgram: Effect.Effect<unknown, unknown, VonageClient.VonageClient> = Effect.provide(
  needsTemplates,
  VonageAdmin.layer
)

const needsMedia = Media.upload({ number: "x", kind: "image", url: "https://example.com/a.png" })
export const mediaProgram: Effect.Effect<unknown, unknown, VonageClient.VonageClient> = Effect.provide(
  needsMedia,
  VonageAdmin.layer
)

const needsEdit = Templates.edit({
  wabaId: "123",
  name: "a",
  language: "en_US",
  components: [{ _tag: "BODY", text: "b" }]
})

// The dynamic view provides every port service.
export const completeProgram: Effect.Effect<unknown, unknown, VonageClient.VonageClient> = Effect.provide(
  Effect.zip(needsTemplates, needsMedia),
  VonageAdmin.layerComplete
)

// --- behaviour -------------------------------------------------------------------------------

const recordingTracer = Effect.map(Effect.tracer, (native) => {
  const names: Array<string> = []
  const tracer = Tracer.make({
    span: (name, ...rest) => {
      names.push(name)
      return native.span(name, ...rest)
    },
    context: (f, fiber) => native.context(f, fiber)
  })
  return { names, tracer }
})

describe("VonageAdmin", () => {
  it.scoped("Capabilities list Vonage's fourteen port operations and the stickers extension", () =>
    Effect.gen(function*() {
      const { context } = yield* harness()
      const capabilities = yield* Effect.provide(Capabilities.Capabilities, context)
      assert.strictEqual(capabilities.provider, "vonage")
      assert.strictEqual(capabilities.supportStatus, "stable")
      assert.deepStrictEqual(
        [...capabilities.operations].sort(),
        [
          "numbers.provision",
          "numbers.release",
          "numbers.resend",
          "numbers.status",
          "numbers.verify",
          "profile.get",
          "profile.photo.get",
          "profile.photo.set",
          "profile.update",
          "media.templateAsset",
          "templates.create",
          "templates.delete",
          "templates.get",
          "templates.list"
        ].sort()
      )
      assert.deepStrictEqual(capabilities.extensions, ["VonageStickers"])
      assert.isTrue(capabilities.supports("templates.list"))
      assert.isFalse(capabilities.supports("templates.edit"), "no documented shape for an edit")
      assert.isFalse(capabilities.supports("media.upload"), "media ids for sending are not in the documents")
    }))

  it.scoped("layerComplete answers a template edit and a media upload with Unsupported, sending nothing", () =>
    Effect.gen(function*() {
      const { emulator, client } = yield* harness()
      const layer = VonageAdmin.layerComplete.pipe(Layer.provide(Layer.succeed(VonageClient.VonageClient, client)))
      const edit = yield* needsEdit.pipe(Effect.provide(layer), Effect.flip)
      const media = yield* needsMedia.pipe(Effect.provide(layer), Effect.flip)
      const unsupportedEdit = expectTag(edit, "Unsupported")
      assert.deepStrictEqual([unsupportedEdit.provider, unsupportedEdit.operation], ["vonage", "templates.edit"])
      assert.deepStrictEqual([expectTag(media, "Unsupported").operation], ["media.upload"])
      const capabilities = yield* Effect.provide(Capabilities.Capabilities, layer)
      assert.isTrue(capabilities.supports("numbers.provision"))
      const stickers = yield* VonageStickers.listWhatsAppStickerpacks({
        deploymentId: "00000000-0000-4000-8000-000000000000"
      }).pipe(Effect.provide(layer), Effect.flip)
      assert.strictEqual(stickers._tag, "NotFound")
      assert.lengthOf(yield* emulator.requests, 1)
    }))

  it.scoped("layerConfig reads the client from the environment and needs only an HttpClient", () =>
    Effect.gen(function*() {
      const emulator = yield* VonageEmulator.make({ publicKey: keys.publicKey })
      const env = ConfigProvider.fromMap(
        new Map([
          ["VONAGE_APPLICATION_ID", emulator.credentials.applicationId],
          ["VONAGE_PRIVATE_KEY", keys.privateKey],
          ["VONAGE_WHATSAPP_MANAGER_URL", emulator.url]
        ])
      )
      const live = VonageAdmin.layerConfig.pipe(Layer.provide(NodeHttpClient.layerUndici))
      const registration = yield* NumberLifecycle.provision(provisioning()).pipe(
        Effect.provide(live),
        Effect.withConfigProvider(env)
      )
      assert.strictEqual(registration.provider, "vonage")
      assert.deepStrictEqual(
        yield* EmulatorEffects.operations(emulator),
        ["createDeployment"]
      )
      const missing = yield* NumberLifecycle.status({ id: "x" }).pipe(
        Effect.provide(live),
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map())),
        Effect.flip
      )
      assert.include(String(missing), "VONAGE_APPLICATION_ID")
    }))

  it.scoped("port operations and sticker operations run in wa-admin.vonage.* spans", () =>
    Effect.gen(function*() {
      const { context } = yield* harness()
      const { names, tracer } = yield* recordingTracer
      yield* Effect.gen(function*() {
        const { id } = yield* NumberLifecycle.provision(provisioning())
        yield* BusinessProfile.getPhoto({ number: id })
        yield* VonageStickers.createStickerpack({ deploymentId: id, publisher: "Acme", name: "Classics" })
        yield* VonageStickers.listWhatsAppStickerpacks({ deploymentId: id })
      }).pipe(Effect.provide(context), Effect.withTracer(tracer))
      assert.deepStrictEqual(
        names.filter((name) => name.startsWith("wa-admin.vonage.")),
        [
          "wa-admin.vonage.numbers.provision",
          "wa-admin.vonage.jwt.sign",
          "wa-admin.vonage.profile.photo.get",
          "wa-admin.vonage.stickers.createStickerpack",
          "wa-admin.vonage.stickers.listWhatsAppStickerpacks"
        ]
      )
    }))
})
