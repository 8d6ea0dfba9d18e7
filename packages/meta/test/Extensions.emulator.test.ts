/**
 * Every Meta extension over real HTTP against the emulator (written from Meta's OpenAPI document,
 * independently of the adapter's wire schemas): what the adapter sends is what the document
 * takes, what it reads back is what the emulator keeps.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Option } from "effect"
import { generateKeyPairSync } from "node:crypto"
import { MetaEmulator } from "../src/emulator/index.js"
import {
  MetaAdmin,
  MetaAutomation,
  MetaClient,
  MetaCommerce,
  MetaFlows,
  MetaNumbers,
  MetaQrCodes,
  MetaQuota,
  MetaTemplates,
  MetaWaba,
  MetaWebhooks
} from "../src/index.js"
import { collect } from "./extensions.js"

const secondWabaId = "104996122399161"
const clientWabaId = "777000111222333"
const userId = "3456789012345678"

const started = Effect.gen(function*() {
  const emulator = yield* Effect.orDie(MetaEmulator.make({
    appSecret: "extensions-secret",
    businesses: [
      {
        name: "Lucky Shrub",
        users: [{ id: "2345678901234567", name: "Ana Admin" }, { id: userId, name: "Bo Builder" }],
        wabas: [
          {
            name: "Lucky Shrub Main",
            numbers: [{ phoneNumber: "16505550100", verifiedName: "Lucky Shrub", state: "registered" }],
            subscribedApps: [{ id: "9876543210987654", name: "Support Bot" }],
            assignedUsers: [{ userId: "2345678901234567", tasks: ["MANAGE"] }]
          },
          {
            id: secondWabaId,
            name: "Lucky Shrub Second",
            templates: [{
              name: "order_update",
              language: "en_US",
              category: "UTILITY",
              status: "APPROVED",
              components: [{ type: "BODY", text: "Your order {{1}} shipped", example: { body_text: [["A-1"]] } }]
            }]
          }
        ],
        clientWabaIds: [clientWabaId]
      },
      { name: "Client Co", wabas: [{ id: clientWabaId, name: "Client WABA" }] }
    ]
  }))
  const { credentials } = emulator
  const layer = MetaAdmin.layer.pipe(
    Layer.provide(MetaClient.layer({
      accessToken: credentials.accessToken,
      appSecret: credentials.appSecret,
      appId: credentials.appId,
      wabaId: credentials.wabaId,
      phoneNumberId: credentials.phoneNumberId,
      businessId: credentials.businessId,
      baseUrl: emulator.graphUrl
    })),
    Layer.provide(Layer.merge(NodeHttpClient.layerUndici, MetaQuota.layerMemory))
  )
  const context = yield* Layer.build(layer)
  return { emulator, credentials, context }
})

const flowJson = JSON.stringify({
  version: "6.0",
  screens: [{
    id: "SIGN_UP",
    title: "Sign up",
    terminal: true,
    layout: {
      type: "SingleColumnLayout",
      children: [{ type: "Footer", label: "Done", "on-click-action": { name: "complete", payload: {} } }]
    }
  }]
})

describe("the Meta extensions against the emulator", () => {
  it.scoped("flows: create, replace the JSON, read, preview, publish, deprecate; delete a draft; migrate; the encryption key", () =>
    Effect.gen(function*() {
      const { context, credentials, emulator } = yield* started
      const program = Effect.gen(function*() {
        const flowId = yield* MetaFlows.create({ name: "Sign up", categories: ["SIGN_UP"] })
        const result = yield* MetaFlows.updateJson({ flowId, json: flowJson })
        assert.deepStrictEqual(result.validationErrors, [])
        const [asset] = yield* MetaFlows.assets({ flowId })
        assert.strictEqual(asset?.name, "flow.json")
        assert.strictEqual(asset?.assetType, "FLOW_JSON")
        const flow = yield* MetaFlows.get({ flowId })
        assert.strictEqual(flow.name, "Sign up")
        assert.strictEqual(flow.status, "DRAFT")
        assert.deepStrictEqual(flow.categories, ["SIGN_UP"])
        assert.strictEqual(flow.waba?.id, credentials.wabaId)
        const preview = yield* MetaFlows.preview({ flowId })
        const renewed = yield* MetaFlows.preview({ flowId, invalidate: true })
        assert.notStrictEqual(preview.url, renewed.url)
        yield* MetaFlows.updateMetadata({ flowId, name: "Sign up now" })
        yield* MetaFlows.publish({ flowId })
        assert.strictEqual((yield* MetaFlows.get({ flowId })).status, "PUBLISHED")
        yield* MetaFlows.deprecate({ flowId })
        assert.strictEqual((yield* MetaFlows.get({ flowId })).status, "DEPRECATED")
        const draft = yield* MetaFlows.create({ name: "Draft", categories: ["OTHER"] })
        yield* MetaFlows.remove({ flowId: draft })
        const listed = yield* collect(MetaFlows.list({ pageSize: 1 }))
        assert.deepStrictEqual(listed.map((listedFlow) => listedFlow.name), ["Sign up now"])
        const migration = yield* MetaFlows.migrate({
          wabaId: secondWabaId,
          sourceWabaId: credentials.wabaId,
          names: ["Sign up now", "Nothing"]
        })
        assert.deepStrictEqual(migration.migrated.map((copied) => copied.sourceName), ["Sign up now"])
        assert.deepStrictEqual(migration.failed.map((failed) => failed.sourceName), ["Nothing"])
        assert.deepStrictEqual((yield* emulator.flows(secondWabaId)).map((copied) => copied.name), ["Sign up now"])
        assert.isTrue(Option.isNone(yield* MetaFlows.encryptionKey()))
        const publicKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({
          type: "spki",
          format: "pem"
        }).toString()
        yield* MetaFlows.setEncryptionKey({ publicKey })
        const key = yield* MetaFlows.encryptionKey()
        assert.strictEqual(
          Option.map(key, (found) => found.publicKey.replace(/\r\n/g, "\n").trim()).pipe(Option.getOrUndefined),
          publicKey.trim()
        )
      })
      yield* program.pipe(Effect.provide(context))
    }))

  it.scoped("QR codes, commerce settings, conversational automation", () =>
    Effect.gen(function*() {
      const { context, credentials, emulator } = yield* started
      yield* Effect.gen(function*() {
        const created = yield* MetaQrCodes.create({ prefilledMessage: "Show me the spring sale", imageFormat: "PNG" })
        assert.strictEqual(created.prefilledMessage, "Show me the spring sale")
        assert.isDefined(created.imageUrl)
        const updated = yield* MetaQrCodes.update({ code: created.code, prefilledMessage: "Show me the summer sale" })
        assert.strictEqual(updated.code, created.code)
        const read = yield* MetaQrCodes.get({ code: created.code, imageFormat: "SVG" })
        assert.strictEqual(read.prefilledMessage, "Show me the summer sale")
        assert.deepStrictEqual((yield* collect(MetaQrCodes.list())).map((code) => code.code), [created.code])
        yield* MetaQrCodes.remove({ code: created.code })
        assert.deepStrictEqual(yield* collect(MetaQrCodes.list()), [])
        const missing = yield* Effect.flip(MetaQrCodes.get({ code: created.code }))
        assert.strictEqual(missing._tag, "NotFound")

        yield* MetaCommerce.set({ cartEnabled: false, catalogVisible: true })
        const settings = yield* MetaCommerce.get()
        assert.deepStrictEqual([settings.cartEnabled, settings.catalogVisible], [false, true])
        yield* MetaCommerce.set({ cartEnabled: true })
        assert.deepStrictEqual(
          [(yield* MetaCommerce.get()).cartEnabled, (yield* MetaCommerce.get()).catalogVisible],
          [true, true]
        )

        yield* MetaAutomation.set({
          enableWelcomeMessage: true,
          prompts: ["Where is my order?"],
          commands: [{ name: "help", description: "Get help" }]
        })
      }).pipe(Effect.provide(context))
      const automation = yield* Effect.orDie(emulator.conversationalAutomation(credentials.phoneNumberId))
      assert.isTrue(Option.isSome(automation))
    }))

  it.scoped("webhooks, WABAs and their users, the number's PIN, display name and listing, template migration", () =>
    Effect.gen(function*() {
      const { context, credentials } = yield* started
      yield* Effect.gen(function*() {
        assert.deepStrictEqual((yield* MetaWebhooks.list()).map((app) => app.appId), ["9876543210987654"])
        yield* MetaWebhooks.subscribe({ overrideCallbackUrl: "https://hooks.example.com/wa", verifyToken: "verify-me" })
        const subscribed = yield* MetaWebhooks.list()
        assert.isTrue(subscribed.some((app) => app.overrideCallbackUrl === "https://hooks.example.com/wa"))
        yield* MetaWebhooks.unsubscribe()
        assert.strictEqual((yield* MetaWebhooks.list()).length, subscribed.length - 1)

        const info = yield* MetaWaba.info()
        assert.strictEqual(info.wabaId, credentials.wabaId)
        assert.strictEqual(info.name, "Lucky Shrub Main")
        assert.deepStrictEqual(
          (yield* collect(MetaWaba.owned({ pageSize: 1 }))).map((waba) => waba.wabaId),
          [credentials.wabaId, secondWabaId]
        )
        assert.deepStrictEqual((yield* collect(MetaWaba.clients())).map((waba) => waba.wabaId), [clientWabaId])
        yield* MetaWaba.assignUser({ userId, tasks: ["MANAGE_TEMPLATES"] })
        assert.deepStrictEqual(
          (yield* collect(MetaWaba.users())).map((user) => user.id).sort(),
          ["2345678901234567", userId]
        )
        const again = yield* Effect.flip(MetaWaba.assignUser({ userId, tasks: ["MANAGE_TEMPLATES"] }))
        assert.strictEqual(again._tag, "Conflict")
        yield* MetaWaba.removeUser({ userId })
        assert.deepStrictEqual((yield* collect(MetaWaba.users())).map((user) => user.id), ["2345678901234567"])

        const numbers = yield* collect(MetaNumbers.list())
        assert.deepStrictEqual(numbers.map((number) => number.phoneNumberId), [credentials.phoneNumberId])
        yield* MetaNumbers.setPin({ id: credentials.phoneNumberId, pin: "654321" })
        yield* MetaNumbers.changeDisplayName({ id: credentials.phoneNumberId, displayName: "Lucky Shrub Britain" })
        const [listed] = yield* collect(MetaNumbers.list())
        assert.strictEqual(listed?.phoneNumberId, credentials.phoneNumberId)

        const pages = yield* collect(MetaTemplates.migrate({ sourceWabaId: secondWabaId }))
        assert.strictEqual(pages.length, 1)
        assert.strictEqual(pages[0]?.migrated.length, 1)
        const repeated = yield* collect(MetaTemplates.migrate({ sourceWabaId: secondWabaId }))
        assert.strictEqual(repeated[0]?.failed.length, 1)
      }).pipe(Effect.provide(context))
    }))
})
