/**
 * Hostile ids against the Meta adapter, over real HTTP to its emulator: every operation that
 * puts an id in a path — the phone number id of the number lifecycle, the business profile and
 * media, the WABA id of templates and of provisioning, a template's id of an edit, a media id of
 * `MetaMedia`, and every id of the extensions (flows, QR codes, encryption key, commerce,
 * automation, webhooks, WABAs and users, PIN and display name, template migration) in a path, a
 * query or a body — meets the whole `HostileIds` catalogue in each of its id fields, the others
 * valid. Each call must end in a local `InvalidInput` naming the field with no request sent, or
 * in requests to exactly the resource meant.
 */
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Media, NumberLifecycle, Templates } from "@wa-admin/core"
import { HostileIds } from "@wa-admin/core/testing"
import { Effect, Stream } from "effect"
import { generateKeyPairSync } from "node:crypto"
import {
  MetaAutomation,
  MetaCommerce,
  MetaFlows,
  MetaMedia,
  MetaNumbers,
  MetaQrCodes,
  MetaTemplates,
  MetaWaba,
  MetaWebhooks
} from "../src/index.js"
import type { AdminServices } from "./support.js"
import { emulated } from "./support.js"

const publicKey = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "pem" })
  .toString()
const flowJson = JSON.stringify({
  version: "6.0",
  screens: [{ id: "A", layout: { type: "SingleColumnLayout", children: [] } }]
})
const qrCode = "ANED2T5QRU7HG2"
const userId = "2345678901234567"
const otherWaba = "104996122399160"

/** The extensions' operations, with the id of each path (or query) in turn hostile. */
const extensionCasesFor = (
  version: string,
  ids: { readonly wabaId: string; readonly phoneNumberId: string; readonly businessId: string }
): ReadonlyArray<HostileIds.Case<AdminServices>> => {
  const node = (encoded: string) => `/${version}/${encoded}`
  const { businessId, phoneNumberId, wabaId } = ids
  const onFlow = (
    operation: string,
    run: HostileIds.Case<AdminServices>["run"],
    edge = ""
  ): HostileIds.Case<AdminServices> => ({ operation, field: "flowId", run, paths: (e) => [`${node(e)}${edge}`] })
  return [
    {
      operation: "flows.list",
      field: "wabaId",
      run: (value) => Stream.runDrain(MetaFlows.list({ wabaId: value })),
      paths: (e) => [`${node(e)}/flows`]
    },
    {
      operation: "flows.create",
      field: "wabaId",
      run: (value) => MetaFlows.create({ wabaId: value, name: "Hostile", categories: ["OTHER"] }),
      paths: (e) => [`${node(e)}/flows`]
    },
    {
      operation: "flows.create",
      field: "cloneFlowId",
      run: (value) => MetaFlows.create({ name: "Hostile", categories: ["OTHER"], cloneFlowId: value }),
      paths: () => [`${node(wabaId)}/flows`]
    },
    onFlow("flows.get", (id) => MetaFlows.get({ flowId: id })),
    onFlow("flows.preview", (id) => MetaFlows.preview({ flowId: id })),
    onFlow("flows.assets", (id) => MetaFlows.assets({ flowId: id }), "/assets"),
    onFlow("flows.updateMetadata", (id) => MetaFlows.updateMetadata({ flowId: id, name: "Renamed" })),
    onFlow("flows.updateJson", (id) => MetaFlows.updateJson({ flowId: id, json: flowJson }), "/assets"),
    onFlow("flows.publish", (id) => MetaFlows.publish({ flowId: id }), "/publish"),
    onFlow("flows.deprecate", (id) => MetaFlows.deprecate({ flowId: id }), "/deprecate"),
    onFlow("flows.delete", (id) => MetaFlows.remove({ flowId: id })),
    {
      operation: "flows.migrate",
      field: "wabaId",
      run: (value) => MetaFlows.migrate({ wabaId: value, sourceWabaId: otherWaba }),
      paths: (e) => [`${node(e)}/migrate_flows`]
    },
    {
      operation: "flows.migrate",
      field: "sourceWabaId",
      run: (value) => MetaFlows.migrate({ wabaId, sourceWabaId: value }),
      paths: () => [`${node(wabaId)}/migrate_flows`]
    },
    {
      operation: "encryption.get",
      field: "phoneNumberId",
      run: (value) => MetaFlows.encryptionKey({ phoneNumberId: value }),
      paths: (e) => [`${node(e)}/whatsapp_business_encryption`]
    },
    {
      operation: "encryption.set",
      field: "phoneNumberId",
      run: (value) => MetaFlows.setEncryptionKey({ phoneNumberId: value, publicKey }),
      paths: (e) => [`${node(e)}/whatsapp_business_encryption`]
    },
    {
      operation: "qr.list",
      field: "phoneNumberId",
      run: (value) => Stream.runDrain(MetaQrCodes.list({ phoneNumberId: value })),
      paths: (e) => [`${node(e)}/message_qrdls`]
    },
    {
      operation: "qr.get",
      field: "phoneNumberId",
      run: (value) => MetaQrCodes.get({ phoneNumberId: value, code: qrCode }),
      paths: (e) => [`${node(e)}/message_qrdls/${qrCode}`]
    },
    {
      operation: "qr.get",
      field: "code",
      run: (value) => MetaQrCodes.get({ phoneNumberId, code: value }),
      paths: (e) => [`${node(phoneNumberId)}/message_qrdls/${e}`]
    },
    {
      operation: "qr.create",
      field: "phoneNumberId",
      run: (value) => MetaQrCodes.create({ phoneNumberId: value, prefilledMessage: "Hello" }),
      paths: (e) => [`${node(e)}/message_qrdls`]
    },
    {
      operation: "qr.update",
      field: "code",
      run: (value) => MetaQrCodes.update({ phoneNumberId, code: value, prefilledMessage: "Hello" }),
      paths: () => [`${node(phoneNumberId)}/message_qrdls`],
      intact: (request, value) =>
        typeof request.body === "object" && request.body !== null && "code" in request.body &&
        request.body.code === value
    },
    {
      operation: "qr.delete",
      field: "code",
      run: (value) => MetaQrCodes.remove({ phoneNumberId, code: value }),
      paths: (e) => [`${node(phoneNumberId)}/message_qrdls/${e}`]
    },
    {
      operation: "qr.delete",
      field: "phoneNumberId",
      run: (value) => MetaQrCodes.remove({ phoneNumberId: value, code: qrCode }),
      paths: (e) => [`${node(e)}/message_qrdls/${qrCode}`]
    },
    {
      operation: "commerce.get",
      field: "phoneNumberId",
      run: (value) => MetaCommerce.get({ phoneNumberId: value }),
      paths: (e) => [`${node(e)}/whatsapp_commerce_settings`]
    },
    {
      operation: "commerce.set",
      field: "phoneNumberId",
      run: (value) => MetaCommerce.set({ phoneNumberId: value, cartEnabled: true }),
      paths: (e) => [`${node(e)}/whatsapp_commerce_settings`]
    },
    {
      operation: "automation.set",
      field: "phoneNumberId",
      run: (value) => MetaAutomation.set({ phoneNumberId: value, prompts: ["Hi"] }),
      paths: (e) => [`${node(e)}/conversational_automation`]
    },
    {
      operation: "webhooks.list",
      field: "wabaId",
      run: (value) => MetaWebhooks.list({ wabaId: value }),
      paths: (e) => [`${node(e)}/subscribed_apps`]
    },
    {
      operation: "webhooks.subscribe",
      field: "wabaId",
      run: (value) => MetaWebhooks.subscribe({ wabaId: value }),
      paths: (e) => [`${node(e)}/subscribed_apps`]
    },
    {
      operation: "webhooks.unsubscribe",
      field: "wabaId",
      run: (value) => MetaWebhooks.unsubscribe({ wabaId: value }),
      paths: (e) => [`${node(e)}/subscribed_apps`]
    },
    {
      operation: "waba.info",
      field: "wabaId",
      run: (value) => MetaWaba.info({ wabaId: value }),
      paths: (e) => [node(e)]
    },
    {
      operation: "waba.owned",
      field: "businessId",
      run: (value) => Stream.runDrain(MetaWaba.owned({ businessId: value })),
      paths: (e) => [`${node(e)}/owned_whatsapp_business_accounts`]
    },
    {
      operation: "waba.clients",
      field: "businessId",
      run: (value) => Stream.runDrain(MetaWaba.clients({ businessId: value })),
      paths: (e) => [`${node(e)}/client_whatsapp_business_accounts`]
    },
    {
      operation: "waba.users.list",
      field: "wabaId",
      run: (value) => Stream.runDrain(MetaWaba.users({ wabaId: value, businessId })),
      paths: (e) => [`${node(e)}/assigned_users`]
    },
    {
      operation: "waba.users.list",
      field: "businessId",
      run: (value) => Stream.runDrain(MetaWaba.users({ wabaId, businessId: value })),
      paths: () => [`${node(wabaId)}/assigned_users`],
      intact: (request, value) => request.query["business"] === value
    },
    {
      operation: "waba.users.add",
      field: "userId",
      run: (value) => MetaWaba.assignUser({ wabaId, userId: value, tasks: ["MANAGE"] }),
      paths: () => [`${node(wabaId)}/assigned_users`]
    },
    {
      operation: "waba.users.remove",
      field: "wabaId",
      run: (value) => MetaWaba.removeUser({ wabaId: value, userId }),
      paths: (e) => [`${node(e)}/assigned_users`]
    },
    {
      operation: "numbers.setPin",
      field: "id",
      run: (id) => MetaNumbers.setPin({ id, pin: "123456" }),
      paths: (e) => [node(e)]
    },
    {
      operation: "numbers.changeDisplayName",
      field: "id",
      run: (id) => MetaNumbers.changeDisplayName({ id, displayName: "Hostile Co" }),
      paths: (e) => [node(e)]
    },
    {
      operation: "numbers.list",
      field: "wabaId",
      run: (value) => Stream.runDrain(MetaNumbers.list({ wabaId: value })),
      paths: (e) => [`${node(e)}/phone_numbers`]
    },
    {
      operation: "templates.migrate",
      field: "wabaId",
      run: (value) => Stream.runDrain(MetaTemplates.migrate({ wabaId: value, sourceWabaId: otherWaba })),
      paths: (e) => [`${node(e)}/migrate_message_templates`]
    },
    {
      operation: "templates.migrate",
      field: "sourceWabaId",
      run: (value) => Stream.runDrain(MetaTemplates.migrate({ wabaId, sourceWabaId: value })),
      paths: () => [`${node(wabaId)}/migrate_message_templates`],
      intact: (request, value) =>
        typeof request.body === "object" && request.body !== null && "source_waba_id" in request.body &&
        request.body.source_waba_id === value
    }
  ]
}

const casesFor = (version: string, wabaId: string): ReadonlyArray<HostileIds.Case<AdminServices>> => {
  const node = (encoded: string) => `/${version}/${encoded}`
  const body = [{ _tag: "BODY" as const, text: "Hello" }]
  return [
    { operation: "numbers.status", field: "id", run: (id) => NumberLifecycle.status({ id }), paths: (e) => [node(e)] },
    {
      operation: "numbers.verify",
      field: "id",
      run: (id) => NumberLifecycle.verifyCode({ id, code: "123456" }),
      paths: (e) => [`${node(e)}/verify_code`]
    },
    {
      operation: "numbers.resend",
      field: "id",
      run: (id) => NumberLifecycle.resendCode({ id }),
      paths: (e) => [node(e), `${node(e)}/request_code`]
    },
    {
      operation: "numbers.release",
      field: "id",
      run: (id) => NumberLifecycle.release({ id }),
      paths: (e) => [`${node(e)}/deregister`]
    },
    {
      operation: "numbers.register",
      field: "id",
      run: (id) => MetaNumbers.register({ id, pin: "123456" }),
      paths: (e) => [`${node(e)}/register`]
    },
    {
      operation: "numbers.provision",
      field: "wabaId",
      run: (value) =>
        NumberLifecycle.provision({ phoneNumber: "+16505550177", wabaId: value, displayName: "Hostile Co" }),
      paths: (e) => [`${node(e)}/phone_numbers`]
    },
    {
      operation: "profile.get",
      field: "number",
      run: (number) => BusinessProfile.get({ number }),
      paths: (e) => [`${node(e)}/whatsapp_business_profile`]
    },
    {
      operation: "profile.update",
      field: "number",
      run: (number) => BusinessProfile.update({ number, profile: { about: "Fresh bread daily" } }),
      paths: (e) => [`${node(e)}/whatsapp_business_profile`]
    },
    {
      operation: "profile.photo.get",
      field: "number",
      run: (number) => BusinessProfile.getPhoto({ number }),
      paths: (e) => [`${node(e)}/whatsapp_business_profile`]
    },
    {
      operation: "profile.photo.set",
      field: "number",
      run: (number) => BusinessProfile.setPhoto({ number, url: "https://example.com/photo.png" }),
      paths: () => []
    },
    {
      operation: "media.upload",
      field: "number",
      run: (number) => Media.upload({ number, kind: "image", url: "https://example.com/a.png" }),
      paths: () => []
    },
    { operation: "media.get", field: "mediaId", run: (mediaId) => MetaMedia.get({ mediaId }), paths: (e) => [node(e)] },
    {
      operation: "media.delete",
      field: "mediaId",
      run: (mediaId) => MetaMedia.remove({ mediaId }),
      paths: (e) => [node(e)]
    },
    {
      operation: "templates.list",
      field: "wabaId",
      run: (value) => Stream.runDrain(Templates.list({ wabaId: value })),
      paths: (e) => [`${node(e)}/message_templates`]
    },
    {
      operation: "templates.get",
      field: "wabaId",
      run: (value) => Templates.get({ wabaId: value, name: "order_ready", language: "en_US" }),
      paths: (e) => [`${node(e)}/message_templates`]
    },
    {
      operation: "templates.create",
      field: "wabaId",
      run: (value) =>
        Templates.create({
          wabaId: value,
          template: { name: "hostile", language: "en_US", category: "UTILITY", components: body }
        }),
      paths: (e) => [`${node(e)}/message_templates`]
    },
    {
      operation: "templates.edit",
      field: "id",
      run: (id) => Templates.edit({ wabaId, name: "order_ready", language: "en_US", id, components: body }),
      paths: (e) => [node(e)]
    },
    {
      operation: "templates.delete",
      field: "wabaId",
      run: (value) => Templates.remove({ wabaId: value, name: "order_ready", allLanguages: true }),
      paths: (e) => [`${node(e)}/message_templates`]
    }
  ]
}

describe("Meta hostile ids", () => {
  it.scoped("every id in a path is refused locally or reaches exactly the resource meant", () =>
    Effect.gen(function*() {
      const { context, emulator } = yield* emulated()
      const { credentials } = emulator
      const cases = [
        ...casesFor(credentials.graphVersion, credentials.wabaId),
        ...extensionCasesFor(credentials.graphVersion, credentials)
      ]
      const report = yield* HostileIds.run(cases, emulator).pipe(Effect.provide(context))
      assert.deepStrictEqual(report.failures.slice(0, 10), [])
      assert.strictEqual(report.strayRequests, 0)
      assert.strictEqual(report.requestsAfterRefusal, 0)
      assert.strictEqual(report.scenarios, cases.length * HostileIds.values.length)
    }))
})
